"""Fixtures for the safety tests (helpers are in safety_helpers.py)."""

from __future__ import annotations

import pytest
from safety_helpers import add_people


@pytest.fixture
def people_ledger(ledger):
    add_people(ledger, 30)
    return ledger
