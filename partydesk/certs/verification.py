"""Offline verification of a certificate: serial and check value against the ledger."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.certs.checkvalue import (
    NO_KEY,
    certificate_check,
    check_value,
    ledger_secret,
    parse_qr,
)
from partydesk.certs.wording import cn_date
from partydesk.errors import ValidationError
from partydesk.ledger.models.certs import (
    Certificate,
    CertificateKind,
    CertificateSerial,
)


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a serial (and optionally its check value)."""

    serial: str
    state: str  # valid / expired / revoked / replaced / deleted / forged / unknown / no_key
    message: str  # Chinese, one or two sentences
    certificate: Certificate | None = None

    @property
    def ok(self) -> bool:
        return self.state == "valid"


def verify(
    session: Session, text: str, check: str | None = None, today: date | None = None
) -> Verdict:
    """Verify a serial or the text of a certificate's QR code, entirely from the ledger."""
    today = today or date.today()
    serial, qr_check = parse_qr(text)
    check = check or qr_check
    if not serial:
        raise ValidationError("请输入证书编号或扫描二维码。")
    c = session.scalar(select(Certificate).where(func.upper(Certificate.serial) == serial.upper()))
    if check is not None:
        norm = lambda v: re.sub(r"[\s\-]", "", v).upper()  # noqa: E731
        if c is not None:
            try:
                expected = certificate_check(session, c)
            except ValidationError:
                return Verdict(serial, "no_key", NO_KEY, c)
        elif _allocated(session, serial):
            expected = None  # deleted: its entry below says so, whatever the value
        else:  # never issued: no value can match (version 1 is the only one computable)
            expected = check_value(ledger_secret(session), serial)
        if expected is not None and not hmac.compare_digest(norm(check), norm(expected)):
            return Verdict(
                serial,
                "forged",
                f"编号{serial}的校验码不符：此证书不是本账本签发的，或编号、持证人、日期、"
                "校验码被改动过。",
            )
    if c is None:
        gone = session.scalar(
            select(CertificateSerial).where(func.upper(CertificateSerial.serial) == serial.upper())
        )
        if gone is not None:
            note = f"（{gone.note}）" if gone.note else ""
            return Verdict(
                serial,
                "deleted",
                f"编号{gone.serial}曾签发给{gone.holder_name}，该证书已于{cn_date(gone.deleted_on)}删除作废{note}。",
            )
        return Verdict(serial, "unknown", f"账本中没有编号为{serial}的证书。")
    who = f"{c.holder_name}（{CertificateKind.label_of(c.kind)}，{cn_date(c.issued_on)}签发）"
    if c.status == "revoked":
        return Verdict(
            c.serial,
            "revoked",
            f"证书{c.serial}已于{cn_date(c.revoked_on)}撤销，原因：{c.revoke_reason}。持证人：{who}",
            c,
        )
    if c.status == "replaced":
        return Verdict(
            c.serial,
            "replaced",
            f"证书{c.serial}已作废，由编号{c.replaced_by}的证书换发。持证人：{who}",
            c,
        )
    if c.valid_until is not None and c.valid_until < today:
        return Verdict(
            c.serial, "expired", f"证书{c.serial}已于{cn_date(c.valid_until)}到期。持证人：{who}", c
        )
    note = "" if check is not None else "（未核对校验码）"
    until = f"，有效期至{cn_date(c.valid_until)}" if c.valid_until else ""
    return Verdict(c.serial, "valid", f"证书{c.serial}有效{note}。持证人：{who}{until}。", c)


def _allocated(session: Session, serial: str) -> bool:
    return (
        session.scalar(
            select(CertificateSerial.id).where(
                func.upper(CertificateSerial.serial) == serial.upper()
            )
        )
        is not None
    )
