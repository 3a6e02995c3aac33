from __future__ import annotations

import pytest

from tests.records.factory import make_branch


@pytest.fixture
def branch(ledger):
    """(ledger, org_id): a 12-member branch with a full year 2026 of records."""
    with ledger.session() as s:
        oid = make_branch(s, members=12, year=2026)
    return ledger, oid


@pytest.fixture
def empty_branch(ledger):
    """(ledger, org_id): a 6-member branch without records."""
    with ledger.session() as s:
        oid = make_branch(s, members=6, records=False, name="中共明月物流有限公司支部委员会")
    return ledger, oid
