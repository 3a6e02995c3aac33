"""Encrypting and decrypting an existing ledger (`partydesk encrypt` / `decrypt`).

The ledger is exported into a new file with SQLCipher's sqlcipher_export (the documented
way between a plain and an encrypted database), checked, and swapped in by two renames
under the ledger's lock, so a crash leaves the old file or the new one. Encrypting also
converts the ledger's existing backups, so that no plain copy of the data stays behind in
the backup folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from partydesk.backup.files import BackupError
from partydesk.backup.finding import list_backups
from partydesk.backup.replace import _swap
from partydesk.errors import ValidationError
from partydesk.ledger import cipher, paths
from partydesk.ledger import lock as locking


def _export(src: Path, dst: Path, key: tuple[bytes, bytes] | None) -> None:
    """Copy `src` (plain or encrypted, keyed as found) into the new file `dst`, encrypted
    with `key` (key, salt), or plain when `key` is None."""
    import sqlcipher3

    dst.unlink(missing_ok=True)
    paths.private_file(dst)
    conn = sqlcipher3.connect(paths.sqlite_uri(src), uri=True, timeout=5)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        found = cipher.key_for(src)
        if found is not None:
            conn.execute(f"PRAGMA key = \"x'{found[0].hex()}{found[1].hex()}'\"")
        spec = f"x'{key[0].hex()}{key[1].hex()}'" if key is not None else ""
        conn.execute(f"ATTACH DATABASE '{paths.sqlite_uri(dst)}' AS converted KEY \"{spec}\"")
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute("DETACH DATABASE converted")
    except BaseException:
        dst.unlink(missing_ok=True)
        raise
    finally:
        conn.close()
    with open(dst, "rb") as f:
        os.fsync(f.fileno())


def _check(p: Path) -> None:
    conn = paths.connect(p)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    if rows != ["ok"]:
        p.unlink(missing_ok=True)
        raise BackupError(f"转换后的账本校验未通过（{rows[0]}），原账本未改动。")


def _convert(path: Path, key, with_backups: bool) -> int:
    lk, holder = locking.acquire(path)
    if holder is not None:
        raise BackupError(
            f"账本正在被{holder.describe()}使用，不能转换。请先关闭另一处的 PartyDesk。"
        )
    try:
        backups = list_backups(path, counts=False) if with_backups else []
        tmp = path.with_name(path.name + ".converting")
        _export(path, tmp, key)
        _check(tmp)
        _swap(path, tmp)
        done = 0
        for b in backups:
            if cipher.is_encrypted(b.path) == (key is not None):
                continue
            t = b.path.with_name(b.path.name + ".converting")
            _export(b.path, t, key)
            os.replace(t, b.path)
            done += 1
        return done
    finally:
        if lk is not None:
            lk.release()


def encrypt_ledger(path: str | Path, passphrase: str) -> int:
    """Encrypt a plain ledger and its backups with `passphrase`; returns the number of
    backups converted."""
    path = Path(path).expanduser()
    if cipher.is_encrypted(path):
        raise ValidationError("账本已经是加密的。")
    key = cipher.new_key(passphrase)
    return _convert(path, key, with_backups=True)


def decrypt_ledger(path: str | Path, passphrase: str) -> None:
    """Turn an encrypted ledger back into a plain one (its backups stay encrypted)."""
    path = Path(path).expanduser()
    if not cipher.is_encrypted(path):
        raise ValidationError("账本没有加密。")
    cipher.unlock(path, passphrase)
    _convert(path, None, with_backups=False)
