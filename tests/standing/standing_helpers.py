"""Builders for small ledgers in the standing tests."""

from __future__ import annotations

from datetime import date

from partydesk.ledger.models import Organization, OrgHostUnit, Person, Unit

TODAY = date(2026, 11, 22)


def add_org(session, name: str, org_type: str = "branch", formation: str | None = "own", units=()):
    org = Organization(name=name, org_type=org_type, formation=formation)
    session.add(org)
    session.flush()
    for u in units:
        session.add(OrgHostUnit(org_id=org.id, unit_id=u.id))
    session.flush()
    return org


def add_unit(session, name: str, **kw):
    u = Unit(name=name, **kw)
    session.add(u)
    session.flush()
    return u


def add_person(session, name: str, category: str, org=None, **kw):
    p = Person(name=name, category=category, org_id=org.id if org else None, **kw)
    session.add(p)
    session.flush()
    return p
