"""Fixtures of the Excel tests."""

from __future__ import annotations

import pytest
from excel_helpers import code

from partydesk.ledger.models import Organization, OrgHostUnit, Unit


@pytest.fixture
def orgs(ledger):
    """Two organizations hosted by two units; returns {short: id}."""
    with ledger.session() as s:
        u1 = Unit(name="杭州甲科技有限公司", credit_code=code(1))
        u2 = Unit(name="杭州乙物流有限公司", credit_code=code(2))
        o1 = Organization(
            name="中共杭州甲科技有限公司支部委员会", org_type="branch", formation="own"
        )
        o2 = Organization(
            name="中共杭州乙物流有限公司支部委员会", org_type="branch", formation="own"
        )
        s.add_all([u1, u2, o1, o2])
        s.flush()
        s.add_all(
            [OrgHostUnit(org_id=o1.id, unit_id=u1.id), OrgHostUnit(org_id=o2.id, unit_id=u2.id)]
        )
        s.flush()
        return {"甲": o1.id, "乙": o2.id, "u甲": u1.id, "u乙": u2.id}
