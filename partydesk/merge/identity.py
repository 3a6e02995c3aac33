"""A ledger's own UUID (table `ledger_identity`): how another ledger recognises it."""

from __future__ import annotations

import sqlalchemy as sa

from partydesk.ledger.models.base import new_uuid, utcnow
from partydesk.ledger.models.merge import LedgerIdentity


def ledger_uuid(conn) -> str:
    """This ledger's UUID (made now if the row is missing, e.g. emptied by hand)."""
    t = LedgerIdentity.__table__
    row = conn.execute(sa.select(t.c.ledger_uuid).order_by(t.c.id).limit(1)).first()
    if row is not None:
        return row[0]
    u = new_uuid()
    conn.execute(sa.insert(t).values(ledger_uuid=u, created_at=utcnow()))
    return u


def set_ledger_uuid(conn, value: str) -> None:
    t = LedgerIdentity.__table__
    conn.execute(sa.delete(t))
    conn.execute(sa.insert(t).values(ledger_uuid=value, created_at=utcnow()))
