"""A visit naming its units and instructor, with two problems, one solved: one open problem
in the list, the count, 待办 and the township 问题清单 report."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from partydesk import reminders
from partydesk.cli import main
from partydesk.errors import ValidationError
from partydesk.problems.service import counts, list_problems, set_state

D = date.fromisoformat


def _visit(ledger, ids, capsys):
    code = main(
        [
            "records",
            "add",
            "--ledger",
            ledger.location,
            "--kind",
            "走访",
            "--at",
            "2026-06-03 09:30",
            "--instructor",
            "周敏",
            "--unit",
            "星光科技",
            "--unit",
            "明月物流",
            "--people-met",
            "总经理 李明、工会主席 王丽",
            "--problem",
            "党员活动室被占作仓库|李明|2026-06-30",
            "--problem",
            "流动党员组织关系未转入|王丽",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    rid = int(out.split("\t")[0].removeprefix("已新增："))
    return rid, out


def test_visit_with_two_problems_one_solved(branch, capsys, tmp_path):
    ledger, ids = branch
    rid, out = _visit(ledger, ids, capsys)
    assert "列入问题清单" in out and "办结时限 2026-07-03" in out  # default: 30 days
    main(["records", "show", str(rid), "--ledger", ledger.location])
    shown = capsys.readouterr().out
    assert "走访单位：星光科技有限公司、明月物流有限公司" in shown
    assert "指导员：周敏" in shown
    assert "见面人员：总经理 李明、工会主席 王丽" in shown
    assert "问题" in shown and "党员活动室被占作仓库（待办）" in shown

    today = D("2026-07-10")
    with ledger.session() as s:
        first, second = list_problems(s, today)
        assert first.unit == "星光科技有限公司" and first.responsible == "李明"
        # 销号 needs how it was solved
        with pytest.raises(ValidationError, match="须写明如何解决"):
            set_state(s, first.id, "已解决", on=D("2026-06-20"))
    with ledger.session() as s:
        set_state(s, first.id, "已解决", on=D("2026-06-20"), how="腾出活动室，重新布置")
    with ledger.session() as s:
        open_ = list_problems(s, today, which="open")
        assert [r.text for r in open_] == ["流动党员组织关系未转入"]
        assert open_[0].overdue  # due 2026-07-03, today 07-10
        c = counts(s, today)
        assert (c.open, c.overdue, c.solved) == (1, 1, 1)
        due = [r for r in reminders.collect(s, today) if r.kind == "problem"]
        assert [(r.text, r.due_on) for r in due] == [
            (
                "星光科技有限公司：问题“流动党员组织关系未转入”待销号（责任人：王丽）",
                D("2026-07-03"),
            )
        ]
        assert due[0].overdue(today)
        # the visit counts for its instructor's duties (contact every half month)
        from partydesk.certs.instructors import duty_status

        (d,) = duty_status(s, 2026, today, [ids["instructor"]])
        visit = next(x for x in d.duties if x.key == "contact")
        assert "6月上半月" not in visit.missing and "6月下半月" in visit.missing

    # the list from the command line: open first, overdue marked
    main(["problems", "list", "--ledger", ledger.location, "--today", "2026-07-10"])
    listed = capsys.readouterr().out
    assert "未销号1个，其中逾期1个；已解决1个" in listed
    assert listed.index("流动党员组织关系未转入") < listed.index("党员活动室被占作仓库")
    assert "待办【逾期】" in listed

    xlsx = tmp_path / "问题清单.xlsx"
    code = main(
        [
            "report",
            "problems",
            "-o",
            str(xlsx),
            "--ledger",
            ledger.location,
            "--today",
            "2026-07-10",
        ]
    )
    assert code == 0
    ws = openpyxl.load_workbook(xlsx).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "问题清单（销号管理）"
    assert "未销号1个（其中逾期1个），已解决1个" in rows[1][0]
    assert rows[2][:4] == ["序号", "单位", "党组织", "问题"]
    assert rows[3][3] == "流动党员组织关系未转入" and rows[3][8] == "待办" and rows[3][9] == "逾期"
    assert rows[3][4] == "2026-06-03走访（周敏）"
    assert rows[4][3] == "党员活动室被占作仓库" and rows[4][8] == "已解决"
    assert rows[4][11] == "腾出活动室，重新布置"


def test_unsolvable_needs_why_and_reopen_clears(branch, capsys):
    ledger, ids = branch
    base = ["--ledger", ledger.location]
    assert (
        main(["problems", "add", "场地租金过高", "--unit", "星光", "--on", "2026-05-01", *base])
        == 0
    )
    pid = int(capsys.readouterr().out.split()[1].split("：")[0])
    assert main(["problems", "unsolvable", str(pid), "--why", "非党组织职权范围", *base]) == 0
    assert "不能解决" in capsys.readouterr().out
    assert main(["problems", "reopen", str(pid), *base]) == 0
    with ledger.session() as s:
        (r,) = list_problems(s, D("2026-05-02"))
        assert (r.state, r.closed_on, r.resolution) == ("open", None, "")
