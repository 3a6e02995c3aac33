"""Arrears reminders (待办): at 3 months unpaid in a row a reminder, at 6 an alert."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk import reminders
from partydesk.dues import months as mo
from partydesk.dues import payments
from partydesk.ledger.models import Person


def _dues(ledger, today):
    with ledger.session() as s:
        return [r for r in reminders.collect(s, today) if r.kind.startswith("dues")]


@pytest.mark.parametrize(
    "unpaid, kind",
    [
        (0, None),
        (2, None),
        (3, "dues_arrears"),
        (5, "dues_arrears"),
        (6, "dues_alert"),
        (7, "dues_alert"),
    ],
)
def test_reminder_at_exactly_three_and_alert_at_six(branch, unpaid, kind):
    """赵磊 (the other branch, 15.00 a month from January) pays up to a month, then stops;
    on 2026-10-03 the months that have ended run to September."""
    ledger, org, ids = branch
    today = date(2026, 10, 3)
    last_paid = mo.add(202609, -unpaid)
    with ledger.session() as s:
        p = s.get(Person, ids["赵磊"])
        for k in mo.span(202601, last_paid) if last_paid >= 202601 else []:
            payments.pay(s, p, k, paid_on=date(2026, 9, 30), today=today)
        # The rest of the branch pays everything, so only 赵磊 can show up.
        for other in ("张伟", "李娜", "王芳", "刘洋", "陈静", "周敏"):
            q = s.get(Person, ids[other])
            for k in mo.span(202601, 202609):
                try:
                    payments.pay(s, q, k, paid_on=date(2026, 9, 30), today=today)
                except Exception:  # noqa: BLE001 - months the member owes nothing for
                    pass
    found = _dues(ledger, today)
    if kind is None:
        assert found == []
        return
    assert [r.kind for r in found] == [kind]
    r = found[0]
    assert r.person_id == ids["赵磊"]
    since = mo.label(mo.add(last_paid, 1))
    assert (
        f"赵磊（中共蓝天物流有限公司支部委员会）自{since}起已连续{unpaid}个月未交纳党费" in r.text
    )
    if kind == "dues_alert":
        assert "请支部按规定处理" in r.text
        assert r.due_on == mo.first_day(mo.add(mo.add(last_paid, 1), 6))
    else:
        assert "请督促交纳" in r.text
        assert r.due_on == mo.first_day(mo.add(mo.add(last_paid, 1), 3))


def test_the_thresholds_are_settings(branch):
    from partydesk import settings

    ledger, org, ids = branch
    today = date(2026, 3, 3)  # January and February unpaid for everyone
    with ledger.session() as s:
        settings.put(s, "dues", {"remind_months": 2})
    with ledger.session() as s:
        assert settings.get(s, "dues")["minimum"] == 0.2  # defaults stay under a partial value
    kinds = {r.text.split("（")[0]: r.kind for r in _dues(ledger, today)}
    assert kinds == {
        "张伟": "dues_arrears",
        "王芳": "dues_arrears",
        "刘洋": "dues_arrears",
        "陈静": "dues_arrears",
        "赵磊": "dues_arrears",
    }
