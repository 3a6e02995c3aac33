"""Certificate batches (批次): every issuing — a batch of instructors' 聘书, one 红领党务
certificate, a reissue — is a batch of its own, so that exactly what was issued together
can be printed or reprinted together (`partydesk print certificates --batch N`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError
from partydesk.ledger.models.certs import Certificate, CertificateBatch


def open_batch(session: Session, kind: str, issued_on: date, size: int) -> CertificateBatch:
    """A new batch for `size` certificates about to be issued (its id is known at once)."""
    b = CertificateBatch(kind=kind, issued_on=issued_on, size=size)
    session.add(b)
    session.flush()
    return b


@dataclass(frozen=True)
class BatchSummary:
    id: int
    kind: str
    issued_on: date
    size: int  # issued
    valid: int  # of them still valid
    unprinted: int  # valid and never printed
    first: str | None  # lowest serial
    last: str | None  # highest serial


def batches(session: Session, kind: str | None = None) -> list[BatchSummary]:
    """Every batch, newest first, with how many of its certificates are valid and unprinted."""
    is_valid = Certificate.status == "valid"
    valid = func.sum(case((is_valid, 1), else_=0))
    unprinted = func.sum(case((is_valid & (Certificate.printed_count == 0), 1), else_=0))
    q = (
        select(
            CertificateBatch.id,
            CertificateBatch.kind,
            CertificateBatch.issued_on,
            CertificateBatch.size,
            func.coalesce(valid, 0),
            func.coalesce(unprinted, 0),
            func.min(Certificate.serial),
            func.max(Certificate.serial),
        )
        .outerjoin(Certificate, Certificate.batch_id == CertificateBatch.id)
        .group_by(CertificateBatch.id)
        .order_by(CertificateBatch.id.desc())
    )
    if kind:
        q = q.where(CertificateBatch.kind == kind)
    return [BatchSummary(*row) for row in session.execute(q).all()]


def batch_certificates(session: Session, batch_id: int, *, valid_only: bool = True):
    """The certificates of batch `batch_id` in serial order (valid ones by default: a
    revoked or replaced certificate is not printed again)."""
    if session.get(CertificateBatch, batch_id) is None:
        raise NotFoundError(f"没有第{batch_id}批证书（用 partydesk cert batches 查看各批次）。")
    q = select(Certificate).where(Certificate.batch_id == batch_id)
    if valid_only:
        q = q.where(Certificate.status == "valid")
    return list(session.scalars(q.order_by(Certificate.serial)))
