"""Encryption at rest (账本加密): SQLCipher through the `sqlcipher3` package.

The office sets a passphrase (口令). From it and a random salt, scrypt (N = 2^17) derives
the 256-bit key; SQLCipher is given the key and salt raw (`x'<key><salt>'`), so it writes
the salt as the file's first 16 bytes and needs no key derivation of its own on each
connection. A backup is written with the same key and salt as its ledger, so one passphrase
opens the ledger and every backup of it, and the online backup API works between them.
Without the passphrase the file is random bytes: plain sqlite3 and `strings` read nothing.

The derived keys live only in this process's memory (`unlock`), never on disk.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from partydesk.errors import LedgerError

SCRYPT_N = 2**17
_SQLITE_HEADER = b"SQLite format 3\x00"
# salt -> key, filled by `unlock` / `new_key`: every file written with that salt opens.
_keys: dict[bytes, bytes] = {}


class PassphraseError(LedgerError):
    """The ledger is encrypted and no (or a wrong) passphrase was given."""


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def db_errors() -> tuple[type[BaseException], ...]:
    import sqlite3

    try:
        import sqlcipher3

        return (sqlite3.Error, sqlcipher3.dbapi2.Error)
    except ImportError:
        return (sqlite3.Error,)


# Beginnings of files that are something else (xlsx/docx/zip, PDF, old Office, text).
_FOREIGN = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\xef\xbb\xbf")


def salt_of(path: Path) -> bytes | None:
    """The SQLCipher salt of an encrypted ledger file, None for a plain (or no) file, or
    for a file that is plainly something else: an encrypted file is whole pages (a multiple
    of 512 bytes) beginning with 16 random bytes."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    if len(head) < 16 or head == _SQLITE_HEADER or not head.strip(b"\0"):
        return None
    if size < 1024 or size % 512 or head.startswith(_FOREIGN):
        return None
    if all(32 <= c < 127 or c in (9, 10, 13) for c in head):
        return None  # text
    return head


def is_encrypted(path: Path) -> bool:
    return salt_of(path) is not None


def derive(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=8,
        p=1,
        dklen=32,
        maxmem=256 * 1024 * 1024,
    )


def new_key(passphrase: str) -> tuple[bytes, bytes]:
    """(key, salt) for a ledger being encrypted now; remembered for this process."""
    if len(passphrase) < 6:
        from partydesk.errors import ValidationError

        raise ValidationError("账本口令至少 6 个字符。")
    salt = secrets.token_bytes(16)
    key = derive(passphrase, salt)
    _keys[salt] = key
    return key, salt


def unlock(path: Path, passphrase: str) -> None:
    """Check `passphrase` against the encrypted file and remember its key; raises
    PassphraseError (one line) when it is wrong."""
    salt = salt_of(path)
    if salt is None:
        return
    key = derive(passphrase, salt)
    conn = connect_raw(path, key, salt, mode="ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except db_errors() as e:
        raise PassphraseError(f"口令不对，无法打开加密的账本：{path}。") from e
    finally:
        conn.close()
    _keys[salt] = key


def forget_all() -> None:
    _keys.clear()


_offered: list[str] = []


def offer_only(passphrase: str) -> None:
    """Offer `passphrase` instead of whatever was offered before (the window asks again
    after a wrong one)."""
    _offered.clear()
    offer(passphrase)


def offer(passphrase: str) -> None:
    """A passphrase to try on any encrypted ledger met later in this process (the command
    line's --passphrase-file, the environment, the window's question)."""
    if passphrase and passphrase not in _offered:
        _offered.append(passphrase)


def key_for(path: Path) -> tuple[bytes, bytes] | None:
    """(key, salt) of an encrypted file whose passphrase was given, else None; raises
    PassphraseError when the file is encrypted and nothing unlocks it."""
    salt = salt_of(path)
    if salt is None:
        return None
    key = _keys.get(salt)
    env = passphrase_from_env()
    for candidate in ([*_offered, env] if env else _offered) if key is None else []:
        try:
            unlock(path, candidate)
        except PassphraseError:
            continue
        key = _keys.get(salt)
        break
    if key is None and (_offered or env):
        raise PassphraseError(f"口令不对，无法打开加密的账本：{path}。")
    if key is None:
        raise PassphraseError(
            f"账本已加密：{path}。请输入账本口令（命令行：--passphrase-file 口令文件，"
            "或环境变量 PARTYDESK_PASSPHRASE）。"
        )
    return key, salt


def connect_raw(path: Path, key: bytes, salt: bytes, *, timeout: float = 5.0, **params):
    import sqlcipher3

    from partydesk.ledger.paths import sqlite_uri

    conn = sqlcipher3.connect(
        sqlite_uri(path, **params), uri=True, timeout=timeout, check_same_thread=False
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    except db_errors():
        pass
    conn.execute(f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\"")
    return conn


def passphrase_from_env() -> str | None:
    return os.environ.get("PARTYDESK_PASSPHRASE") or None
