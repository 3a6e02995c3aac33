"""The optional password lock of the app (启动密码), for offices that share a PC.

Only a salted hash is stored (scrypt, N = 2^17, from the standard library; PBKDF2 where
OpenSSL lacks scrypt), in the ledger's settings under "app_lock"; the audit log never shows
its value. After FREE_TRIES wrong passwords each further try must wait (30 s, doubling, at
most 15 minutes); the count is kept in the ledger (setting "app_lock.failures"), so
restarting the program does not reset it. Hashes made with a smaller N still verify and
are re-made at the next correct password.
The lock guards the window, not the file: whoever can copy the file can read it (the
ledger's encryption is what protects the file)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from partydesk import audit, settings
from partydesk.errors import ValidationError

KEY = "app_lock"
FAILURES_KEY = "app_lock.failures"
MIN_LENGTH = 6
SCRYPT_N = 2**17
FREE_TRIES = 5
FIRST_DELAY_S = 30
MAX_DELAY_S = 15 * 60
settings.DEFAULTS[KEY] = {}
settings.DEFAULTS[FAILURES_KEY] = {}


class LockedOut(ValidationError):
    """Too many wrong passwords: `seconds` to wait before the next try."""

    def __init__(self, seconds: int):
        super().__init__(f"密码输错次数过多，请 {seconds} 秒后再试。")
        self.seconds = seconds


def _scrypt(pw: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    # N = 2^17 with r = 8 needs 128 MiB, above hashlib's default 32 MiB limit.
    return hashlib.scrypt(pw, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * 1024 * 1024)


def hash_password(password: str) -> dict:
    salt = secrets.token_bytes(16)
    pw = password.encode("utf-8")
    try:
        digest = _scrypt(pw, salt, SCRYPT_N, 8, 1)
        return {
            "algo": "scrypt",
            "n": SCRYPT_N,
            "r": 8,
            "p": 1,
            "salt": salt.hex(),
            "hash": digest.hex(),
        }
    except (AttributeError, ValueError):  # pragma: no cover - OpenSSL without scrypt
        it = 300_000
        digest = hashlib.pbkdf2_hmac("sha256", pw, salt, it, dklen=32)
        return {"algo": "pbkdf2_sha256", "iterations": it, "salt": salt.hex(), "hash": digest.hex()}


def verify_password(record: dict, password: str) -> bool:
    if not record or "hash" not in record:
        return True
    pw = password.encode("utf-8")
    salt = bytes.fromhex(record["salt"])
    if record.get("algo") == "scrypt":
        digest = _scrypt(pw, salt, int(record["n"]), int(record["r"]), int(record["p"]))
    else:
        digest = hashlib.pbkdf2_hmac("sha256", pw, salt, int(record["iterations"]), dklen=32)
    return hmac.compare_digest(digest.hex(), record["hash"])


def removed_behind_the_program(session) -> bool:
    """The 操作日志 says a start password was set (and not cleared since), but the ledger
    holds none: it was removed with another tool (e.g. an UPDATE on the setting table)."""
    from sqlalchemy import select

    from partydesk.ledger.models.audit import AuditEntry

    last = session.scalar(
        select(AuditEntry.label)
        .where(AuditEntry.action == "password")
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return last in ("设置启动密码", "修改启动密码") and not settings.get(session, KEY).get("hash")


def is_set(ledger) -> bool:
    with ledger.session() as s:
        return bool(settings.get(s, KEY).get("hash"))


def wait_seconds(failures: int) -> int:
    """How long the next try must wait after `failures` wrong passwords in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_TRIES))


def check(ledger, password: str, now: float | None = None) -> bool:
    """Is `password` right? Raises LockedOut while a delay after wrong tries runs."""
    now = time.time() if now is None else now
    with ledger.session() as s:
        s.info["audit"] = False  # the failure count is bookkeeping, not a clerk's change
        rec = settings.get(s, KEY)
        if not rec or "hash" not in rec:
            return True
        fails = settings.get(s, FAILURES_KEY)
        count, last = int(fails.get("count", 0)), float(fails.get("at", 0))
        left = int(last + wait_seconds(count) - now + 0.999)
        if left > 0:
            raise LockedOut(left)
        ok = verify_password(rec, password)
        if ledger.readonly:
            return ok
        if ok:
            if count:
                settings.put(s, FAILURES_KEY, {})
            if rec.get("algo") == "scrypt" and int(rec.get("n", 0)) < SCRYPT_N:
                settings.put(s, KEY, hash_password(password))
        else:
            settings.put(s, FAILURES_KEY, {"count": count + 1, "at": now})
        return ok


def set_password(ledger, new: str, old: str | None = None) -> None:
    if len(new) < MIN_LENGTH:
        raise ValidationError(f"密码至少 {MIN_LENGTH} 个字符。")
    with ledger.session() as s:
        rec = settings.get(s, KEY)
        if rec.get("hash") and not verify_password(rec, old or ""):
            raise ValidationError("原密码不对，密码未修改。")
        settings.put(s, KEY, hash_password(new))
        audit.log(s, "password", "setting", label="设置启动密码")


def clear_password(ledger, old: str) -> None:
    with ledger.session() as s:
        rec = settings.get(s, KEY)
        if not rec.get("hash"):
            return
        if not verify_password(rec, old):
            raise ValidationError("密码不对，启动密码未取消。")
        settings.put(s, KEY, {})
        audit.log(s, "password", "setting", label="取消启动密码")
