"""组织关系转出 / 转入 and moves: the person changes, one history entry is written, the
branch book's 组织关系转接 page lists it, and undo/redo are exact."""

from datetime import date

import pytest
from sqlalchemy import func, select

from partydesk.errors import ValidationError
from partydesk.ledger import history
from partydesk.ledger.models import Person, PersonEvent
from partydesk.reports.book import load_book
from tests.sample_ledger import fill_sample

TODAY = date(2026, 11, 22)


@pytest.fixture
def ids(ledger):
    return fill_sample(ledger)


def test_transfer_out_takes_the_person_off_the_books_and_shows_in_the_book(ledger, ids):
    o1 = ids["orgs"][0]
    with ledger.session() as s:
        step = history.transfer_out(
            s,
            ids["张伟"],
            date(2026, 5, 1),
            "中共杭州某某公司支部委员会",
            "介绍信第12号",
            today=TODAY,
        )
    with ledger.session() as s:
        assert s.get(Person, ids["张伟"]).status == "transferred_out"
        [e] = history.entries(s, ids["张伟"])
        assert (e.on, e.kind_label, e.text) == (
            date(2026, 5, 1),
            "组织关系转出",
            "中共星光科技有限公司支部委员会 → 中共杭州某某公司支部委员会（介绍信第12号）",
        )
        book = load_book(s, o1, 2026)
        assert book.transfers == [
            (
                "2026年5月1日",
                "张伟",
                "组织关系转出",
                "中共星光科技有限公司支部委员会",
                "中共杭州某某公司支部委员会",
            )
        ]
        with pytest.raises(ValidationError, match="张伟已是“已转出”，不在册，不能再转出"):
            history.transfer_out(s, ids["张伟"], TODAY, "别处", today=TODAY)
        with pytest.raises(ValidationError, match="请填写转往的党组织"):
            history.transfer_out(s, ids["刘洋"], TODAY, "  ", today=TODAY)
        with pytest.raises(ValidationError, match="日期不能晚于今天"):
            history.transfer_out(s, ids["刘洋"], date(2026, 12, 1), "别处", today=TODAY)
        history.undo(s, step)
    with ledger.session() as s:
        assert s.get(Person, ids["张伟"]).status == "active"
        assert s.scalar(select(func.count()).select_from(PersonEvent)) == 0
        history.redo(s, step)
    with ledger.session() as s:
        assert s.get(Person, ids["张伟"]).status == "transferred_out"
        assert [e.kind for e in history.entries(s, ids["张伟"])] == ["transfer_out"]


def test_transfer_in_and_move_between_organizations(ledger, ids):
    o1, o2, _ = ids["orgs"]
    with ledger.session() as s:
        history.transfer_in(
            s, ids["陈静"], date(2026, 3, 2), "中共宁波市某某街道工作委员会", today=TODAY
        )
        step = history.move(s, ids["陈静"], o2, date(2026, 6, 1), today=TODAY)
        assert step.before == {"org_id": o1, "party_group_id": None}
        assert step.after == {"org_id": o2, "party_group_id": None}
        with pytest.raises(ValidationError, match="陈静已在中共东湖街道联合党支部委员会"):
            history.move(s, ids["陈静"], o2, TODAY, today=TODAY)
    with ledger.session() as s:
        assert s.get(Person, ids["陈静"]).org_id == o2
        assert [(e.kind_label, e.text) for e in history.entries(s, ids["陈静"])] == [
            ("调整所在党组织", "中共星光科技有限公司支部委员会 → 中共东湖街道联合党支部委员会"),
            ("组织关系转入", "中共宁波市某某街道工作委员会 → 中共星光科技有限公司支部委员会"),
        ]
        # The transfer in was to o1; the move shows in both books, as 转出 and 转入.
        o1_name, o2_name = "中共星光科技有限公司支部委员会", "中共东湖街道联合党支部委员会"
        assert load_book(s, o1, 2026).transfers == [
            ("2026年3月2日", "陈静", "组织关系转入", "中共宁波市某某街道工作委员会", o1_name),
            ("2026年6月1日", "陈静", "组织关系转出", o1_name, o2_name),
        ]
        assert load_book(s, o2, 2026).transfers == [
            ("2026年6月1日", "陈静", "组织关系转入", o1_name, o2_name),
        ]


def test_editing_category_status_or_organization_writes_history_and_undo_removes_it(ledger, ids):
    from partydesk.ledger import editing

    pid = ids["王芳"]  # 预备党员 in o1
    with ledger.session() as s:
        ch = editing.set_fields(
            s, "person", pid, {"category": "正式党员", "full_on": "2026-07-02"}, today=TODAY
        )
    with ledger.session() as s:
        assert [(e.on, e.kind_label, e.text) for e in history.entries(s, pid)] == [
            (date(2026, 7, 2), "类别变更", "预备党员 → 正式党员")
        ]
        editing.revert(s, [ch])
    with ledger.session() as s:
        assert history.entries(s, pid) == []
        assert s.get(Person, pid).category == "probationary"
        editing.reapply(s, [ch])
    with ledger.session() as s:
        assert [e.kind for e in history.entries(s, pid)] == ["category"]
        # a pasted block: status and organization, each its own entry dated today
        changes, refused = editing.paste_cells(
            s,
            "person",
            [
                (pid, None, "status", "已去世"),
                (pid, None, "org_id", "中共东湖街道联合党支部委员会"),
            ],
            today=TODAY,
        )
        assert refused == []
    with ledger.session() as s:
        got = {(e.on, e.kind_label, e.text) for e in history.entries(s, pid)}
        assert (TODAY, "在册状态变更", "在册 → 已去世") in got
        assert (
            TODAY,
            "调整所在党组织",
            "中共星光科技有限公司支部委员会 → 中共东湖街道联合党支部委员会",
        ) in got
        editing.revert(s, changes)
    with ledger.session() as s:
        assert [e.kind for e in history.entries(s, pid)] == ["category"]
