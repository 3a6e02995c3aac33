"""A candidate taken through all 25 steps, steps out of order refused with the reason, and
the next step in 待办 at its due date."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk import reminders
from partydesk.cli import main
from partydesk.develop.service import progress, record_step
from partydesk.errors import ValidationError
from partydesk.ledger.models import Person, PersonEvent

D = date.fromisoformat
TODAY = D("2026-08-10")

# (step, date, sponsors) for 陈静, applying in January 2024.
WALK = [
    (1, "2024-01-10", ()),
    (2, "2024-02-01", ()),
    (3, "2024-04-01", ()),
    (4, "2024-04-10", ()),
    (5, "2024-04-15", ("张伟", "刘洋")),
    (6, "2024-10-01", ()),
    (6, "2025-04-01", ()),
    (7, "2025-04-02", ()),
    (8, "2025-04-10", ()),
    (9, "2025-04-15", ("赵磊", "王强")),
    (10, "2025-05-01", ()),
    (11, "2025-05-10", ()),
    (12, "2025-06-01", ()),
    (13, "2025-06-10", ()),
    (14, "2025-06-15", ()),
    (15, "2025-07-01", ()),
    (16, "2025-07-15", ()),
    (17, "2025-08-01", ()),
    (18, "2025-08-10", ()),
    (19, "2025-08-15", ()),
    (20, "2025-08-20", ()),
    (21, "2026-01-10", ()),
    (22, "2026-06-01", ()),
    (23, "2026-07-01", ()),
    (24, "2026-07-20", ()),
    (25, "2026-08-01", ()),
]


def test_a_candidate_through_every_step(branch):
    ledger, ids = branch
    pid = ids["陈静"]
    seen = []
    with ledger.session() as s:
        for no, on, sponsors in WALK:
            record_step(
                s,
                pid,
                no,
                D(on),
                who="支部书记 张伟",
                sponsors=[ids[n] for n in sponsors],
                today=TODAY,
            )
            seen.append(s.get(Person, pid).category)
    # the category follows the steps: 积极分子 at 3, 发展对象 at 7, 预备党员 at 17, 正式 at 24
    assert seen[2] == "activist" and seen[1] == "applicant"
    assert seen[7] == "target" and seen[6] == "activist"
    assert seen[17] == "probationary" and seen[16] == "target"
    assert seen[24] == "full" and seen[23] == "probationary"
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.applied_on, p.talked_on, p.activist_on) == (
            D("2024-01-10"),
            D("2024-02-01"),
            D("2024-04-01"),
        )
        assert p.last_review_on == D("2025-04-01")
        assert p.target_on == D("2025-04-02")
        assert p.admitted_on == D("2025-07-01")
        # 转正 dates from the end of probation, a year after the branch meeting
        assert p.full_on == D("2026-07-01")
        pr = progress(s, pid)
        assert pr.next is None and pr.recorded == 25
        assert [r.done_on for r in pr.state(6).records] == [D("2024-10-01"), D("2025-04-01")]
        st5 = pr.state(5).records[0]
        sponsors = {s.get(Person, st5.sponsor1_id).name, s.get(Person, st5.sponsor2_id).name}
        assert sponsors == {"张伟", "刘洋"}
        # the category changes are in the person's history
        cats = [
            e.to_value
            for e in s.query(PersonEvent).filter_by(person_id=pid, kind="category").order_by("id")
        ]
        assert cats == ["activist", "target", "probationary", "full"]


def _refused(ledger, pid, no, on, sponsors=(), today=TODAY) -> str:
    with pytest.raises(ValidationError) as e, ledger.session() as s:
        record_step(s, pid, no, D(on), sponsors=list(sponsors), today=today)
    return str(e.value)


def test_step_out_of_order_is_refused_with_the_reason(branch):
    ledger, ids = branch
    pid = ids["陈静"]
    with ledger.session() as s:
        record_step(s, pid, 1, D("2026-03-01"), today=TODAY)
    msg = _refused(ledger, pid, 3, "2026-03-20")
    assert msg == (
        "第3步“推荐和确定入党积极分子”不能先于第2步“党组织派人谈话”："
        "第2步“党组织派人谈话”尚未完成。"
    )
    with ledger.session() as s:
        assert s.get(Person, pid).category == "applicant"  # nothing written
    assert "早于第1步“递交入党申请书”的日期2026年3月1日" in _refused(ledger, pid, 2, "2026-02-20")
    assert "已于2026年3月1日记录，不能重复记录" in _refused(ledger, pid, 1, "2026-03-02")
    with ledger.session() as s:
        record_step(s, pid, 2, D("2026-03-15"), today=TODAY)
        record_step(s, pid, 3, D("2026-04-01"), today=TODAY)
        record_step(s, pid, 4, D("2026-04-05"), today=TODAY)
    # 培养联系人: two 正式党员 of the ledger
    assert "须指定两名培养联系人（现为1名）" in _refused(
        ledger, pid, 5, "2026-04-10", [ids["张伟"]]
    )
    assert "“王芳”现为预备党员" in _refused(
        ledger, pid, 5, "2026-04-10", [ids["张伟"], ids["王芳"]]
    )
    with ledger.session() as s:
        record_step(s, pid, 5, D("2026-04-10"), sponsors=[ids["张伟"], ids["刘洋"]], today=TODAY)
        record_step(s, pid, 6, D("2026-07-01"), today=TODAY)
    # the pipeline rule: a year as 积极分子 before becoming a 发展对象
    msg = _refused(ledger, pid, 7, "2026-08-01")
    assert "确定为入党积极分子满12个月之后（2026年4月1日确定，最早2027年4月1日）" in msg


def test_an_applicant_under_eighteen_is_refused(branch):
    ledger, ids = branch
    with ledger.session() as s:
        from partydesk.ledger.models import Organization

        o = s.get(Organization, ids["org"])
        young = Person(name="李小", category="applicant", org_id=o.id, birth_date=D("2009-01-01"))
        s.add(young)
        s.flush()
        yid = young.id
    assert "须年满18周岁" in _refused(ledger, yid, 1, "2026-06-01")


def test_entered_mid_way_starts_from_the_category(branch):
    """A 预备党员 put into the ledger without any steps has steps 1–17 behind her: the next
    one to record is 18, and 22 may not come before it."""
    ledger, ids = branch
    pid = ids["王芳"]
    with ledger.session() as s:
        pr = progress(s, pid)
        assert pr.next.no == 18 and pr.state(15).implied
    assert "不能先于第18步" in _refused(ledger, pid, 22, "2026-06-01")


def test_next_step_in_due_list_at_its_date(branch, capsys):
    ledger, ids = branch
    pid = ids["陈静"]
    with ledger.session() as s:
        record_step(s, pid, 1, D("2026-07-20"), today=TODAY)
    with ledger.session() as s:
        items = [r for r in reminders.collect(s, TODAY) if r.kind == "develop_step"]
        assert [(r.text, r.due_on) for r in items] == [
            (
                "陈静（中共星光科技有限公司支部委员会）：发展党员下一步 第2步“党组织派人谈话”",
                D("2026-08-20"),
            )
        ]
        # a month later it is overdue
        late = [r for r in reminders.collect(s, D("2026-08-21")) if r.kind == "develop_step"]
        assert late[0].overdue(D("2026-08-21"))
    code = main(["develop", "show", "陈静", "--ledger", ledger.location, "--today", "2026-08-21"])
    out = capsys.readouterr().out
    assert code == 0
    assert "下一步：第2步“党组织派人谈话”，应于2026-08-20前完成【已逾期1天】" in out


def test_cli_add_refuses_out_of_order(branch, capsys):
    ledger, ids = branch
    base = ["--ledger", ledger.location, "--today", "2026-08-10"]
    assert (
        main(
            ["develop", "add", "陈静", "1", "--on", "2026-07-01", "--document", "入党申请书", *base]
        )
        == 0
    )
    assert "已记录 陈静 第1步“递交入党申请书”：2026-07-01" in capsys.readouterr().out
    assert main(["develop", "add", "陈静", "确定入党积极分子", "--on", "2026-07-20", *base]) == 1
    err = capsys.readouterr().err
    assert "错误：第3步“推荐和确定入党积极分子”不能先于第2步“党组织派人谈话”" in err
    assert main(["develop", "add", "陈静", "谈话", "--on", "2026-07-20", *base]) == 1
    assert "有多个步骤（第2、16步），请写序号" in capsys.readouterr().err
