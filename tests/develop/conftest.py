from __future__ import annotations

from datetime import date

import pytest

from partydesk.ledger.models import Instructor, Organization, OrgHostUnit, Person, Unit


def add_person(s, name, category, org, born=date(1990, 1, 1), **kw):
    p = Person(name=name, category=category, org_id=org.id, birth_date=born, **kw)
    s.add(p)
    s.flush()
    return p


@pytest.fixture
def branch(ledger):
    """(ledger, ids): a branch with four 正式党员, one 预备党员, an applicant (陈静, born
    1998), a unit and an instructor."""
    with ledger.session() as s:
        u = Unit(name="星光科技有限公司", kind="enterprise", street="城关街道")
        u2 = Unit(name="明月物流有限公司", kind="enterprise", street="城关街道")
        s.add_all([u, u2])
        s.flush()
        o = Organization(name="中共星光科技有限公司支部委员会", org_type="branch", formation="own")
        s.add(o)
        s.flush()
        s.add(OrgHostUnit(org_id=o.id, unit_id=u.id))
        ids = {"org": o.id, "unit": u.id, "unit2": u2.id}
        for n in ("张伟", "刘洋", "赵磊", "王强"):
            ids[n] = add_person(s, n, "full", o, admitted_on=date(2010, 7, 1)).id
        ids["王芳"] = add_person(s, "王芳", "probationary", o, admitted_on=date(2026, 1, 5)).id
        ids["陈静"] = add_person(s, "陈静", "applicant", o, born=date(1998, 5, 5)).id
        ins = Instructor(name="周敏", home_unit="区发改局", appointed_on=date(2025, 1, 1))
        s.add(ins)
        s.flush()
        ids["instructor"] = ins.id
    return ledger, ids
