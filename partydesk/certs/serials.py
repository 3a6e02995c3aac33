"""Serial numbers: allocated inside the issuing transaction, never given twice."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from partydesk.ledger.models.certs import (
    CertificateSerial,
    CertificateTemplate,
    SerialCounter,
)


def allocate(session: Session, tpl: CertificateTemplate, year: int, count: int) -> list[str]:
    """`count` new serials for `tpl` in `year`. The counter row is bumped with one UPDATE
    (SQLite takes its write lock there, so two processes cannot both get the same numbers),
    and each serial is recorded in certificate_serial, whose UNIQUE constraint is the last
    guard. Serials already used (e.g. under an earlier pattern) are skipped."""
    key = (tpl.serial_pattern, year, tpl.kind)
    counter = session.scalar(
        select(SerialCounter).where(
            SerialCounter.pattern == key[0],
            SerialCounter.year == year,
            SerialCounter.kind == key[2],
        )
    )
    if counter is None:
        # two windows may create the row at once: insert-or-ignore, then read it back
        from sqlalchemy.dialects import postgresql, sqlite

        dialect = session.get_bind().dialect.name
        ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(SerialCounter)
        session.execute(
            ins.values(pattern=key[0], year=year, kind=key[2], last=0).on_conflict_do_nothing()
        )
        counter = session.scalar(
            select(SerialCounter).where(
                SerialCounter.pattern == key[0],
                SerialCounter.year == year,
                SerialCounter.kind == key[2],
            )
        )
    out: list[str] = []
    while len(out) < count:
        need = count - len(out)
        session.execute(
            update(SerialCounter)
            .where(SerialCounter.id == counter.id)
            .values(last=SerialCounter.last + need)
        )
        last = session.scalar(select(SerialCounter.last).where(SerialCounter.id == counter.id))
        candidates = [
            tpl.serial_pattern.format(year=year, kind_code=tpl.kind_code, seq=seq)
            for seq in range(last - need + 1, last + 1)
        ]
        used = set(
            session.scalars(
                select(CertificateSerial.serial).where(CertificateSerial.serial.in_(candidates))
            )
        )
        out += [c for c in candidates if c not in used and c not in out]
    session.expire(counter)
    return out
