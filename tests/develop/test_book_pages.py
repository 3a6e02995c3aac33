"""The book's development records, plan and summary, visits with their units, instructor
logs of the branch's units and problems — read back from the PDF with pdftotext; and the
发展党员纪实表."""

from __future__ import annotations

import subprocess
from datetime import date, datetime

import pytest

from partydesk.develop.service import record_step
from partydesk.ledger.models import InstructorAssignment
from partydesk.problems.service import set_state
from partydesk.records import service as svc
from partydesk.records import visits
from partydesk.records.plans import set_text
from partydesk.reports.book import write_book
from partydesk.reports.develop_sheet import write_sheets

D = date.fromisoformat
TODAY = D("2026-11-22")
PLAN = "一、加强政治建设。\r\n坚持“第一议题”制度。\r\n\r\n二、规范组织生活。"


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def filled(branch):
    ledger, ids = branch
    pid = ids["陈静"]
    with ledger.session() as s:
        steps = [(1, "2025-01-10"), (2, "2025-02-01"), (3, "2025-03-01"), (4, "2025-03-10")]
        for no, on in steps:
            record_step(s, pid, no, D(on), who="支部书记 张伟", today=TODAY)
        record_step(s, pid, 5, D("2025-03-15"), sponsors=[ids["张伟"], ids["刘洋"]], today=TODAY)
        record_step(s, pid, 6, D("2025-09-01"), document="培养考察登记表", today=TODAY)
        set_text(s, ids["org"], 2026, "plan", PLAN)
        set_text(s, ids["org"], 2026, "summary", "全年召开支部党员大会4次。\n发展入党积极分子1名。")
        s.add(
            InstructorAssignment(
                instructor_id=ids["instructor"], unit_id=ids["unit"], start_on=D("2025-01-01")
            )
        )
        s.flush()
        v = svc.create_record(
            s,
            "走访",
            instructor_id=ids["instructor"],
            held_at=datetime(2026, 6, 3, 9, 30),
            people_met="总经理 李明",
        )
        # the first unit named is not this branch's: the visit still belongs in its book
        visits.set_units(s, v.id, [ids["unit2"], ids["unit"]])
        p1, _ = visits.raise_problems(
            s,
            v.id,
            [
                {"text": "党员活动室被占作仓库", "responsible": "李明", "unit_id": ids["unit"]},
                {"text": "流动党员组织关系未转入", "unit_id": ids["unit"]},
            ],
        )
        set_state(s, p1.id, "solved", on=D("2026-06-20"), how="腾出活动室")
        for unit, text in ((ids["unit"], "指导星光科技整理台账"), (ids["unit2"], "指导明月物流")):
            log = svc.create_record(
                s,
                "指导员工作日志",
                instructor_id=ids["instructor"],
                held_at=datetime(2026, 7, 1, 10),
                content=text,
            )
            log.unit_id = unit
    return ledger, ids


def test_book_pages(filled, tmp_path):
    ledger, ids = filled
    out = tmp_path / "book.pdf"
    with ledger.session() as s:
        write_book(s, ids["org"], 2026, out)
    text = pdf_text(out)
    flat = " ".join(text.split())
    # plan and summary: the paragraphs, in order, instead of ruled lines
    plan = flat[flat.index("年度工作计划 一、") :]
    assert plan.index("一、加强政治建设。") < plan.index("坚持“第一议题”制度。")
    assert plan.index("坚持“第一议题”制度。") < plan.index("二、规范组织生活。")
    assert "年度工作总结 全年召开支部党员大会4次。 发展入党积极分子1名。" in flat
    # development records
    assert "发展党员工作记录" in flat and "陈静（入党积极分子）" in flat
    assert "张伟、刘洋（培养联系人）" in flat
    assert "下一步：第7步“确定发展对象”，2026年3月1日起可进行" in flat
    # the visit with both its units
    assert "走访单位 明月物流有限公司、星光科技有限公司" in flat
    # instructor logs: only the one about this branch's unit
    assert "指导星光科技整理台账" in flat and "指导明月物流" not in flat
    # problems
    prob = flat[flat.rindex("、问题清单 ") :]
    assert "党员活动室被占作" in prob and "2026.06.03 李明 2026.07.03 已解决" in prob
    assert "2026.06.20 腾出" in prob
    assert "流动党员组织关" in prob and "2026.06.03 2026.07.03 待办" in prob


def test_blank_book_has_the_forms(ledger, tmp_path):
    out = tmp_path / "blank.pdf"
    write_book(None, None, None, out, blank=True)
    flat = " ".join(pdf_text(out).split())
    assert "发展党员工作记录 姓名：" in flat and "25 材料归档" in flat
    assert "问题清单 序号 单位 问题 提出日期 责任人 办结时限 状态 办结情况" in flat


def test_develop_sheet(filled, tmp_path):
    ledger, ids = filled
    out = tmp_path / "sheet.pdf"
    with ledger.session() as s:
        pages = write_sheets(s, [ids["陈静"]], out, today=TODAY)
    assert pages == 1
    flat = " ".join(pdf_text(out).split())
    assert flat.startswith("发展党员纪实表 姓名 陈静")
    assert "所在党支部 中共星光科技有限公司支部委员会" in flat
    assert "1 递交入党申请书 2025年1月10日 支部书记 张伟" in flat
    assert "培养联系人：张伟、刘洋" in flat
    assert "6 培养教育考察 2025年9月1日 培养考察登记表" in flat
    assert "25 材料归档" in flat
    assert "下一步：第7步“确定发展对象”" in flat and "党支部（盖章）" in flat
