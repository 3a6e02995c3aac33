"""One set of figures: the coverage report's rows, `partydesk stats` (stats.coverage), the
dashboard and the survey's defaults agree, on a hand-built ledger and on the demo; a
person's 工作单位 feeds the unit's member count everywhere."""

from collections import Counter
from datetime import date

import pytest

from partydesk.demo import build_demo
from partydesk.excel.reports import coverage_rows
from partydesk.ledger import editing, open_ledger
from partydesk.ledger.models import Organization, OrgHostUnit, Person, Unit
from partydesk.standing import survey
from partydesk.standing.figures import dashboard
from partydesk.stats import coverage, unit_members

TODAY = date(2026, 6, 30)


def figures(session):
    cov = coverage(session, TODAY)
    headers, rows = coverage_rows(session, TODAY)
    col = headers.index("覆盖情况")
    report = Counter(r[col] for r in rows)
    dash = dashboard(session, TODAY)
    members = dict(
        zip((r[1] for r in rows), (r[headers.index("党员数")] for r in rows), strict=True)
    )
    return cov, report, dash, members


def assert_agree(session):
    cov, report, dash, members = figures(session)
    assert report["组织覆盖"] == cov.own + cov.joint == dash.figure("org_coverage").count
    assert report["工作覆盖"] == cov.work_only == dash.figure("cov_work").count
    assert report["未覆盖"] == cov.uncovered == dash.figure("uncovered").count
    assert sum(report[k] for k in ("组织覆盖", "工作覆盖", "未覆盖")) == cov.total
    counted = unit_members(session)
    for u in session.query(Unit):
        n = counted.get(u.id, (0, 0))[1]
        assert members[u.name] == n
        assert survey.ledger_facts(session, u.id)["members"] == n
    return cov, report


@pytest.fixture
def hand_built(ledger):
    with ledger.session() as s:
        a = Unit(name="甲公司", status="operating")
        b = Unit(name="乙公司", status="operating", has_union=True)
        c = Unit(name="丙公司", status="operating")
        closed = Unit(name="丁公司（已注销）", status="closed")
        s.add_all([a, b, c, closed])
        s.flush()
        o = Organization(name="中共甲公司支部委员会", org_type="branch", formation="own")
        o.host_links = [OrgHostUnit(unit=a)]
        od = Organization(name="中共丁公司支部委员会", org_type="branch", formation="own")
        od.host_links = [OrgHostUnit(unit=closed)]
        s.add_all([o, od])
        s.flush()
        s.add(Person(name="张一", category="full", org_id=o.id, admitted_on=date(2010, 1, 1)))
    return ledger


def test_hand_built_ledger_figures_agree_and_a_closed_unit_counts_nowhere(hand_built):
    with hand_built.session() as s:
        cov, report = assert_agree(s)
        assert (cov.total, report["不计（已注销）"]) == (3, 1)
        assert (cov.own, cov.work_only, cov.uncovered) == (1, 1, 1)


def test_a_persons_work_unit_feeds_the_member_count(hand_built):
    with hand_built.session() as s:
        pid = s.query(Person).one().id
        editing.set_fields(s, "person", pid, {"unit_id": "乙公司"})
    with hand_built.session() as s:
        b = s.query(Unit).filter_by(name="乙公司").one()
        assert unit_members(s)[b.id] == (1, 1)
        assert_agree(s)
        bid = b.id
    with hand_built.session() as s:
        # a name the ledger does not have is kept as text and counts for no unit
        ch = editing.set_fields(s, "person", pid, {"unit_id": "戊公司"})
        assert "已按文字保存" in "；".join(ch.warnings)
    with hand_built.session() as s:
        assert s.get(Person, pid).unit_text == "戊公司"
        assert bid not in unit_members(s)
        assert_agree(s)


def test_demo_figures_agree(tmp_path):
    path = tmp_path / "demo.partydesk"
    build_demo(path, units=60, members=600, seed=3, today=TODAY)
    with open_ledger(path) as lg, lg.session() as s:
        cov, report = assert_agree(s)
        assert cov.total > 0 and report["组织覆盖"] > 0
