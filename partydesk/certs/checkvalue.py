"""Check values (校验码) printed on certificates and in their QR codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import keys
from partydesk.errors import ValidationError
from partydesk.ledger.models import Setting

SECRET_KEY = "certs.secret"
QR_PREFIX = "PDCERT"


def ledger_secret(session: Session) -> bytes:
    """This ledger's key for check values, made on first use and kept in the ledger."""
    row = session.scalar(select(Setting).where(Setting.key == SECRET_KEY))
    if row is None:
        row = Setting(key=SECRET_KEY, value='"' + secrets.token_hex(32) + '"')
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value.strip('"'))


def check_value(secret: bytes, serial: str) -> str:
    """Version 1 (certificates issued before version 2 existed): an 8-character value
    (40 bits of HMAC-SHA256 over the serial alone, keyed by the secret kept in the
    ledger), e.g. K7QF-2XMA. Still verified, never issued again."""
    mac = hmac.new(secret, serial.strip().upper().encode(), hashlib.sha256).digest()
    code = base64.b32encode(mac[:5]).decode()
    return f"{code[:4]}-{code[4:]}"


def check_value_v2(key: bytes, cert) -> str:
    """Version 2: 16 characters (80 bits of HMAC-SHA256) over serial, holder, kind, issue
    date and end date, keyed by the ledger's key, which is not in the ledger (partydesk.keys):
    a copy of the ledger cannot forge one, and a certificate whose holder or dates were
    changed no longer matches. E.g. K7QF-2XMA-9QRT-UW4D."""
    fields = [
        cert.serial.strip().upper(),
        cert.holder_name.strip(),
        cert.kind,
        cert.issued_on.isoformat() if cert.issued_on else "",
        cert.valid_until.isoformat() if cert.valid_until else "",
    ]
    sub = keys.derive(key, "certificate-check")
    mac = hmac.digest(sub, "|".join(fields).encode("utf-8"), "sha256")
    code = _b32_80(mac)
    return f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}"


_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _b32_80(mac: bytes) -> str:
    """base64.b32encode(mac[:10]) (80 bits, 16 characters, no padding), without the
    general encoder's per-call setup: a batch prints hundreds of check values."""
    n = int.from_bytes(mac[:10], "big")
    return "".join(_B32[(n >> s) & 31] for s in range(75, -1, -5))


def certificate_check(session: Session, cert) -> str:
    """The check value printed on `cert` (its own version: a reprint stays identical)."""
    if (cert.check_version or 1) == 1:
        return check_value(ledger_secret(session), cert.serial)
    key = keys.ledger_key(session)
    if key is None:
        raise ValidationError(NO_KEY)
    return check_value_v2(key, cert)


NO_KEY = (
    "本机没有这本账本的密钥文件，无法计算或核对证书校验码。"
    "请用 partydesk key import 导入办公室保存的密钥文件。"
)


def qr_text(serial: str, check: str) -> str:
    return f"{QR_PREFIX}|{serial}|{check}"


def parse_qr(text: str) -> tuple[str, str | None]:
    """(serial, check) from the text of a certificate's QR code, or a bare serial."""
    t = text.strip()
    if t.upper().startswith(QR_PREFIX + "|"):
        parts = t.split("|")
        if len(parts) != 3 or not parts[1]:
            raise ValidationError("二维码内容不完整，无法核验。")
        return parts[1].strip(), parts[2].strip()
    if "|" in t:
        raise ValidationError("这不是本程序打印的证书二维码。")
    return t, None
