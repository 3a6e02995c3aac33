"""Which certificates a print run takes — the one choice behind `partydesk print
certificates` and the certificates window: a year's valid ones, given serials (a reprint),
the ones never printed (--new), those issued since a day (--since) or one batch (--batch)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from partydesk.certs import batches, registry
from partydesk.errors import ValidationError
from partydesk.ledger.models.certs import Certificate


@dataclass(frozen=True)
class Choice:
    """What to print; exactly one of year / serials / new / since / batch is used (the
    first given, in that order of precedence: serials, batch, new, since, year)."""

    year: int | None = None
    serials: tuple[str, ...] = ()
    new: bool = False
    since: date | None = None
    batch: int | None = None
    kind: str | None = None


def choose(session: Session, c: Choice, today: date | None = None) -> list[Certificate]:
    """The certificates of the choice, in serial order; a Chinese error when there are none."""
    if c.serials:
        return [registry.get(session, x) for x in c.serials]
    if c.batch is not None:
        certs = batches.batch_certificates(session, c.batch)
        if not certs:
            raise ValidationError(f"第{c.batch}批证书中没有有效的证书可打印。")
        return certs
    if c.new or c.since:
        q = registry.query(session, kind=c.kind, status="valid")
        if c.new:
            q = q.where(Certificate.printed_count == 0)
        if c.since:
            q = q.where(Certificate.issued_on >= c.since)
        certs = sorted(session.scalars(q), key=lambda x: x.serial)
        if not certs:
            what = "尚未打印的" if c.new else f"{c.since:%Y年%m月%d日}以后颁发的"
            raise ValidationError(f"没有{what}有效证书可打印。")
        return certs
    year = c.year or (today or date.today()).year
    certs = sorted(
        session.scalars(registry.query(session, year=year, kind=c.kind, status="valid")),
        key=lambda x: x.serial,
    )
    if not certs:
        raise ValidationError(f"{year}年没有有效的证书可打印。")
    return certs
