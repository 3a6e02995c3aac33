"""Check values (校验码) printed on certificates and in their QR codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

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
    """An 8-character check value (HMAC-SHA256 over the serial, base32), e.g. K7QF-2XMA."""
    mac = hmac.new(secret, serial.strip().upper().encode(), hashlib.sha256).digest()
    code = base64.b32encode(mac[:5]).decode()
    return f"{code[:4]}-{code[4:]}"


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
