"""Certificates' check values: version 2 covers serial, holder, kind and dates, has 80
bits, and is keyed by the ledger's key (outside the ledger), so a copy of the ledger file
cannot forge one; certificates issued with the old values still verify."""

from __future__ import annotations

import re
from datetime import date

from partydesk.certs import registry
from partydesk.certs.checkvalue import check_value_v2
from tests import raw

TODAY = date(2026, 3, 1)


def _issue(ledger, name="王建国"):
    with ledger.session() as s:
        c = registry.issue(s, "instructor", [registry.Holder(name)], issued_on=date(2026, 1, 5))[0]
        return c.serial, registry.certificate_check(s, c)


def test_new_check_values_are_long_and_verify(ledger):
    serial, check = _issue(ledger)
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", check)  # 16 x 5 = 80 bits
    with ledger.session() as s:
        assert registry.verify(s, registry.qr_text(serial, check), today=TODAY).ok


def test_a_copy_of_the_ledger_cannot_forge_a_check_value(ledger):
    """Everything the file holds (the old in-ledger secret included) gives no valid value."""
    serial, check = _issue(ledger)
    with ledger.session() as s:
        secret = registry.ledger_secret(s)  # what a copy of the file has
        c = registry.get(s, serial)
        forgeries = [registry.check_value(secret, serial), check_value_v2(secret, c)]
        for forged in forgeries:
            v = registry.verify(s, serial, forged, today=TODAY)
            assert v.state == "forged" and "校验码不符" in v.message


def test_a_changed_holder_or_date_no_longer_matches(ledger):
    serial, check = _issue(ledger)
    for change in (
        "UPDATE certificate SET holder_name='李四'",
        "UPDATE certificate SET valid_until='2030-12-31'",
    ):
        conn = raw.connect(ledger.location)
        conn.execute(change)
        conn.commit()
        conn.close()
        with ledger.session() as s:
            assert registry.verify(s, serial, check, today=TODAY).state == "forged"


def test_certificates_with_the_old_check_value_still_verify(ledger):
    serial, _ = _issue(ledger)
    conn = raw.connect(ledger.location)
    conn.execute("UPDATE certificate SET check_version=1")  # as the upgrade marks old ones
    conn.commit()
    conn.close()
    with ledger.session() as s:
        old = registry.check_value(registry.ledger_secret(s), serial)
        c = registry.get(s, serial)
        assert registry.certificate_check(s, c) == old  # a reprint keeps its value
        assert registry.verify(s, serial, old, today=TODAY).ok
