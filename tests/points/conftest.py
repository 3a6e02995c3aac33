"""Small points fixtures: one branch with members and candidates, on a real ledger."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk.ledger.models import Organization, Person
from partydesk.points.schemes import find_scheme


@pytest.fixture
def branch(ledger):
    """(ledger, org_id, {name: person_id}) — 4 members and 2 activists in 红星支部."""
    with ledger.session() as s:
        org = Organization(name="中共红星科技有限公司支部委员会", org_type="branch")
        other = Organization(name="中共蓝天物流支部委员会", org_type="branch")
        s.add_all([org, other])
        s.flush()
        people = {}
        for name, cat in [
            ("张伟", "full"),
            ("李娜", "full"),
            ("王芳", "probationary"),
            ("刘洋", "full"),
            ("陈静", "activist"),
            ("杨帆", "target"),
        ]:
            p = Person(name=name, category=cat, org_id=org.id, admitted_on=date(2015, 7, 1))
            s.add(p)
            s.flush()
            people[name] = p.id
        s.add(Person(name="赵磊", category="full", org_id=other.id))
        org_id = org.id
    return ledger, org_id, people


def scheme_item(s, scheme_text, item_text):
    from partydesk.points.schemes import find_item

    sc = find_scheme(s, scheme_text)
    return sc, find_item(s, sc, item_text)
