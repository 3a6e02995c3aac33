"""The ledger's secret key (账本密钥): keys the audit log's chain and the certificates'
check values, and is never stored in the ledger — whoever has a copy of the ledger file
must not be able to rewrite the log unnoticed or forge a check value.

The key is 32 random bytes in a key file outside the ledger, in the user's config folder
(`keys/<ledger id>.key`, 0600 in a 0700 folder), made the first time a writable ledger
needs it. The ledger holds only its id and the key's fingerprint (to tell a wrong key
file from a missing one). `export_key` writes a copy for the office's safe;
`import_key` puts it on another PC (or after reinstalling), where the log then verifies
and check values can be checked and issued.

A server ledger (PostgreSQL) is written from several clerks' PCs at once, so there the
key is also kept on the server, in a table only the ledger's owner may read, and handed
to each clerk's program by a function the clerks' role may call (migration
0018_serverkey): the owner's PC puts it there at its first use, and a clerk's PC then
needs no key file. It is never written into a snapshot (`partydesk backup` of a server
ledger); opening one offline needs the exported key file, as any ledger file does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.ledger import paths
from partydesk.ledger.models import Setting
from partydesk.ledger.models.base import new_uuid, utcnow

ID_KEY = "keys.ledger_id"
FINGERPRINT_KEY = "keys.fingerprint"


# Core statements, not the ORM: the key is first needed while the audit log is being
# written, inside a flush.
def _setting(session: Session, key: str) -> str | None:
    value = session.connection().scalar(select(Setting.value).where(Setting.key == key))
    return json.loads(value) if value is not None else None


def _put(session: Session, key: str, value: str) -> None:
    conn = session.connection()
    if conn.scalar(select(Setting.id).where(Setting.key == key)) is None:
        now = utcnow()
        conn.execute(
            insert(Setting.__table__),
            [
                {
                    "key": key,
                    "value": json.dumps(value),
                    "uuid": new_uuid(),
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
    else:
        conn.execute(
            update(Setting.__table__).where(Setting.key == key).values(value=json.dumps(value))
        )


def keys_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path("PartyDesk", appauthor=False) / "keys"


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"PartyDesk key fingerprint" + key).hexdigest()[:16]


def ledger_key(session: Session, create: bool = True) -> bytes | None:
    """This ledger's key, or None when it is not to be had here (no matching key file on
    this PC, and — for a server ledger — none kept on the server). With `create`, a
    ledger that has no key yet gets one (its first writable use)."""
    cache = session.info.get("ledger")
    if cache is not None and getattr(cache, "_key", None) is not None:
        return cache._key
    lid = _setting(session, ID_KEY)
    want = _setting(session, FINGERPRINT_KEY)
    key = _server_key(session)
    if key is not None and want is not None and fingerprint(key) != want:
        key = None
    if key is None and lid is not None:
        key = _read(keys_folder() / f"{lid}.key")
        if key is not None and want is not None and fingerprint(key) != want:
            key = None
        if key is not None:
            _keep_on_server(session, key)  # the first PC's key, for the other clerks' PCs
    if key is None and want is None and create:
        lid = lid or secrets.token_hex(16)
        key = secrets.token_bytes(32)
        _write(keys_folder() / f"{lid}.key", lid, key)
        _put(session, ID_KEY, lid)
        _put(session, FINGERPRINT_KEY, fingerprint(key))
        _keep_on_server(session, key)
    if cache is not None and key is not None:
        cache._key = key
    return key


def _server_key(session: Session) -> bytes | None:
    """The key a server ledger keeps for its clerks (None on a ledger file, or where the
    server has none yet or this account may not have it)."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    from sqlalchemy.exc import DBAPIError

    try:
        with conn.begin_nested():  # a refusal must not end the caller's transaction
            value = conn.execute(text("SELECT partydesk_ledger_key()")).scalar()
    except DBAPIError:
        return None
    return bytes(value) if value is not None else None


def _keep_on_server(session: Session, key: bytes) -> None:
    """Keep `key` on a server ledger that has none yet. Only the ledger's owner may
    write it; a clerk's account is refused, silently: the owner's PC will."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return
    from sqlalchemy.exc import DBAPIError

    try:
        with conn.begin_nested():
            conn.execute(
                text(
                    "INSERT INTO partydesk_secret (id, ledger_key) VALUES (1, :k) "
                    "ON CONFLICT (id) DO NOTHING"
                ),
                {"k": key},
            )
    except DBAPIError:
        pass


def key_missing(session: Session) -> bool:
    """Whether this ledger has a key and this PC cannot have it (no key file; on a server
    ledger, none kept on the server yet either): the edits made here then join the audit
    log without their keyed hash (the chain shows as broken from there), and no check
    value can be issued or checked. Fixed by `import_key` of the office's key file."""
    return (
        _setting(session, FINGERPRINT_KEY) is not None and ledger_key(session, create=False) is None
    )


MISSING_WARNING = (
    "本机没有这本账本的密钥文件：在本机所做的修改无法加入操作日志的防篡改链"
    "（核验操作日志时会显示为中断），也不能颁发或核对证书校验码。"
    "请导入办公室保存的密钥文件（partydesk key import 密钥文件，或窗口的 文件→导入账本密钥…）。"
)


def derive(key: bytes, purpose: str) -> bytes:
    """A sub-key for one use (audit chain, certificate check values)."""
    return hmac.new(key, f"PartyDesk/{purpose}".encode(), hashlib.sha256).digest()


def _read(p: Path) -> bytes | None:
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return bytes.fromhex(data["key"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(p: Path, lid: str, key: bytes) -> None:
    paths.private_folder(p.parent)
    tmp = p.with_name(p.name + f".{os.getpid()}.tmp")
    paths.private_file(tmp)
    tmp.write_text(json.dumps({"ledger": lid, "key": key.hex()}), encoding="utf-8")
    os.replace(tmp, p)


def export_key(session: Session, dest: str | Path) -> Path:
    key = ledger_key(session)
    if key is None:
        raise ValidationError("本机没有这本账本的密钥文件，无法导出。")
    dest = Path(dest).expanduser()
    _write(dest, _setting(session, ID_KEY), key)
    return dest


def import_key(session: Session, src: str | Path) -> None:
    src = Path(src).expanduser()
    key = _read(src)
    if key is None:
        raise ValidationError(f"不是 PartyDesk 密钥文件：{src}。")
    want = _setting(session, FINGERPRINT_KEY)
    if want is not None and fingerprint(key) != want:
        raise ValidationError("这个密钥文件不是这本账本的，未导入。")
    lid = _setting(session, ID_KEY) or secrets.token_hex(16)
    _write(keys_folder() / f"{lid}.key", lid, key)
    if want is None:
        _put(session, ID_KEY, lid)
        _put(session, FINGERPRINT_KEY, fingerprint(key))
    _keep_on_server(session, key)
    ledger = session.info.get("ledger")
    if ledger is not None:
        ledger._key = key
