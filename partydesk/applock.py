"""The optional password lock of the app (启动密码), for offices that share a PC.

Only a salted hash is stored (scrypt from the standard library, PBKDF2 where OpenSSL lacks
scrypt), in the ledger's settings under "app_lock"; the audit log never shows its value.
The lock guards the window, not the file: whoever can copy the file can read it."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from partydesk import audit, settings
from partydesk.errors import ValidationError

KEY = "app_lock"
MIN_LENGTH = 4
settings.DEFAULTS[KEY] = {}


def hash_password(password: str) -> dict:
    salt = secrets.token_bytes(16)
    pw = password.encode("utf-8")
    try:
        digest = hashlib.scrypt(pw, salt=salt, n=2**14, r=8, p=1, dklen=32)
        return {
            "algo": "scrypt",
            "n": 2**14,
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
        digest = hashlib.scrypt(
            pw, salt=salt, n=int(record["n"]), r=int(record["r"]), p=int(record["p"]), dklen=32
        )
    else:
        digest = hashlib.pbkdf2_hmac("sha256", pw, salt, int(record["iterations"]), dklen=32)
    return hmac.compare_digest(digest.hex(), record["hash"])


def is_set(ledger) -> bool:
    with ledger.session() as s:
        return bool(settings.get(s, KEY).get("hash"))


def check(ledger, password: str) -> bool:
    with ledger.session() as s:
        return verify_password(settings.get(s, KEY), password)


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
