"""An organization's committee (班子) and its secretary: who may serve, a new 书记 ends the
old seat, the secretary the book prints and the check reads follows, undo restores."""

from datetime import date

import pytest

from partydesk import check
from partydesk.errors import ValidationError
from partydesk.ledger import committee
from partydesk.ledger.models import Organization
from tests.sample_ledger import fill_sample

TODAY = date(2026, 11, 22)


@pytest.fixture
def ids(ledger):
    return fill_sample(ledger)


def secretary(ledger, org_id):
    with ledger.session() as s:
        return s.get(Organization, org_id).secretary_id


def test_appoint_a_secretary_then_a_new_one_ends_the_old_seat(ledger, ids):
    o1 = ids["orgs"][0]
    with ledger.session() as s:
        seat, warnings = committee.appoint(
            s, o1, ids["张伟"], "书记", date(2024, 3, 1), today=TODAY
        )
        assert (seat.role, seat.since, warnings) == ("secretary", date(2024, 3, 1), [])
    assert secretary(ledger, o1) == ids["张伟"]
    with ledger.session() as s:
        # 王芳 is 预备党员: refused, with the reason
        with pytest.raises(ValidationError, match="王芳是预备党员，只有正式党员才能担任支部委员"):
            committee.appoint(s, o1, ids["王芳"], "委员", today=TODAY)
        # 刘洋 belongs to another organization: allowed, named in a warning
        seat, warnings = committee.appoint(
            s, o1, ids["刘洋"], "书记", date(2026, 10, 1), today=TODAY
        )
        assert warnings == [
            "刘洋的组织关系在中共东湖街道联合党支部委员会，不在本组织",
            "原书记张伟于2026-10-01卸任",
        ]
        with pytest.raises(ValidationError, match="刘洋已是本届委员"):
            committee.appoint(s, o1, ids["刘洋"], "委员", today=TODAY)
        with pytest.raises(ValidationError, match="无法识别的职务“厨师”"):
            committee.appoint(s, o1, ids["张伟"], "厨师", today=TODAY)
    assert secretary(ledger, o1) == ids["刘洋"]
    with ledger.session() as s:
        now = committee.seats(s, o1, TODAY)
        assert [(x.name, x.role_label) for x in now] == [("刘洋", "书记")]
        past = committee.seats(s, o1, TODAY, history=True)
        assert [(x.name, x.until) for x in past] == [("刘洋", None), ("张伟", date(2026, 10, 1))]
        # on a day before the change the old secretary served
        assert [x.name for x in committee.seats(s, o1, date(2025, 1, 1))] == ["张伟"]
        assert committee.summary(s, o1, TODAY) == "书记 刘洋"


def test_leave_clears_the_secretary_and_undo_restores_the_committee(ledger, ids):
    o2 = ids["orgs"][1]
    with ledger.session() as s:
        committee.appoint(s, o2, ids["刘洋"], "secretary", date(2025, 1, 1), today=TODAY)
        committee.appoint(s, o2, ids["赵磊"], "组织委员", date(2025, 1, 1), today=TODAY)
        before = committee.snapshot(s, o2)
        sec = committee.seats(s, o2, TODAY)[0]
        with pytest.raises(ValidationError, match="卸任日期不能早于任职日期2025-01-01"):
            committee.leave(s, sec.id, date(2024, 12, 1), today=TODAY)
        committee.leave(s, sec.id, date(2026, 11, 1), today=TODAY)
    assert secretary(ledger, o2) is None
    with ledger.session() as s:
        assert (o2, "no_secretary") in no_secretary(s)  # what partydesk check then says
        committee.restore(s, before)
    assert secretary(ledger, o2) == ids["刘洋"]
    with ledger.session() as s:
        assert [x.name for x in committee.seats(s, o2, TODAY)] == ["刘洋", "赵磊"]
        assert (o2, "no_secretary") not in no_secretary(s)


def no_secretary(s):
    report = check.run_checks(s, TODAY, integrity=False)
    return {(f.record_id, f.kind) for f in report.findings if f.kind == "no_secretary"}
