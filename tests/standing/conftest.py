"""Fixtures of the standing tests."""

from __future__ import annotations

import pytest
from standing_helpers import add_org, add_unit


@pytest.fixture
def one_org(ledger):
    with ledger.session() as s:
        u = add_unit(s, "云海科技有限公司", employees=40, legal_rep="李明")
        org = add_org(s, "中共云海科技有限公司支部委员会", units=[u])
        ids = (u.id, org.id)
    return ids
