"""Dates of facts are never after today: work records (and so their attendance), points
entries, instructor assessments, 示范点 designations and 评星定级 steps — in the core, and
through the command line, with the Chinese message naming the field and today's date.
Read back from the ledger file: nothing is stored when refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from partydesk.certs import instructors
from partydesk.cli import main
from partydesk.errors import ValidationError
from partydesk.ledger.models import Instructor, Organization, Person
from partydesk.ledger.models.points import PointsEntry
from partydesk.points import entries
from partydesk.points.periods import of
from partydesk.points.schemes import find_scheme
from partydesk.records import service as records
from partydesk.standing import orgs, rating
from tests import raw

TODAY = date(2026, 6, 15)
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def world(ledger, ledger_path):
    with ledger.session() as s:
        org = Organization(name="中共星河科技有限公司支部委员会", org_type="branch")
        s.add(org)
        s.flush()
        p = Person(name="张伟", category="full", org_id=org.id, admitted_on=date(2015, 7, 1))
        ins = Instructor(name="王建国", home_unit="区发改局", appointed_on=date(2025, 1, 1))
        s.add_all([p, ins])
        s.flush()
        ids = {"org": org.id, "person": p.id, "instructor": ins.id}
    return ledger, ids


def count(path, table) -> int:
    return raw.row(path, f"select count(*) from {table}")[0]


def test_a_work_record_after_today_is_refused_today_is_kept(world):
    ledger, ids = world
    with ledger.session() as s:
        with pytest.raises(ValidationError) as e:
            records.create_record(
                s,
                "支委会",
                org_id=ids["org"],
                held_at=datetime(2027, 6, 15, 14),
                attendance=[{"person_id": ids["person"]}],
                today=TODAY,
            )
        assert str(e.value).startswith("支委会的时间2027-06-15晚于今天（2026-06-15）")
        assert e.value.field == "held_at"
        rec = records.create_record(
            s, "支委会", org_id=ids["org"], held_at=datetime(2026, 6, 15, 20), today=TODAY
        )
        # moving it into the future by an edit is refused too; other edits are not
        with pytest.raises(ValidationError, match="晚于今天"):
            records.update_record(s, rec.id, held_at=datetime(2026, 6, 16, 9), today=TODAY)
        records.update_record(s, rec.id, place="二楼会议室", today=TODAY)
    with ledger.session() as s:
        got = records.get_record(s, rec.id)
        assert (got.held_at, got.place) == (datetime(2026, 6, 15, 20), "二楼会议室")


def test_an_older_record_dated_ahead_stays_editable_while_its_date_is_kept(world):
    ledger, ids = world
    with ledger.session() as s:
        rec = records.create_record(
            s, "支委会", org_id=ids["org"], held_at=datetime(2026, 7, 1), today=date(2026, 7, 1)
        )
        records.update_record(s, rec.id, topics="研究七月工作", today=TODAY)
        assert records.get_record(s, rec.id).topics == "研究七月工作"


def test_copy_of_the_last_record_is_not_dated_after_today(world):
    ledger, ids = world
    with ledger.session() as s:
        records.create_record(
            s, "支委会", org_id=ids["org"], held_at=datetime(2026, 6, 1, 15), today=TODAY
        )
        d = records.draft_from_last(s, ids["org"], "committee_meeting", today=TODAY)
    assert d["held_at"] == datetime(2026, 6, 15, 15)  # a month on would be 2026-07-01


def test_points_after_today_are_refused(world):
    ledger, ids = world
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        item = next(i for i in sc.items if i.active and i.points > 0)
        p = s.get(Person, ids["person"])
        with pytest.raises(ValidationError) as e:
            entries.add_entry(s, sc, p, item, TOMORROW, today=TODAY)
        assert "积分日期2026-06-16晚于今天（2026-06-15）" in str(e.value)
        entries.add_entry(s, sc, p, item, TODAY, today=TODAY)
        # the grid of a period that has not begun takes no count
        nxt = of(date(2026, 7, 1), sc.period)
        org = s.get(Organization, ids["org"])
        with pytest.raises(ValidationError, match="还没有开始（今天是2026-06-15）"):
            entries.set_cell(s, sc, org, p, item, nxt, 1, today=TODAY)
        n = len(list(s.scalars(select(PointsEntry))))
    assert n == 1


def test_assessment_demo_site_and_rating_of_a_year_to_come_are_refused(world):
    ledger, ids = world
    with ledger.session() as s:
        with pytest.raises(ValidationError, match="考核年度2027年晚于今年（今天是2026-06-15）"):
            instructors.set_assessment(s, ids["instructor"], 2027, "优秀", today=TODAY)
        with pytest.raises(ValidationError, match="考核日期2026-06-16晚于今天"):
            instructors.set_assessment(
                s, ids["instructor"], 2026, "优秀", assessed_on=TOMORROW, today=TODAY
            )
        instructors.set_assessment(s, ids["instructor"], 2025, "优秀", TODAY, today=TODAY)
        with pytest.raises(ValidationError, match="命名示范点的年度2030年晚于今年"):
            orgs.add_demo_site(s, ids["org"], "县级", 2030, today=TODAY)
        orgs.add_demo_site(s, ids["org"], "县级", 2026, today=TODAY)
        with pytest.raises(ValidationError, match="评星定级年度2027年晚于今年"):
            rating.save_rating(s, ids["org"], 2027, today=TODAY)
        with pytest.raises(ValidationError) as e:
            rating.save_rating(s, ids["org"], 2026, steps={"award": TOMORROW}, today=TODAY)
        assert "“授牌奖励”日期2026-06-16晚于今天（2026-06-15）" in str(e.value)
        r = rating.save_rating(s, ids["org"], 2026, steps={"self_check": TODAY}, today=TODAY)
        assert r.self_check_on == TODAY and r.award_on is None


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_refuses_future_facts_and_stores_nothing(capsys, world, ledger_path):
    ledger, ids = world
    ledger.close()
    path = str(ledger_path)
    nxt = date.today() + timedelta(days=3)
    later = nxt.year + 1
    code, _, err = run(
        capsys,
        "records",
        "add",
        "--org",
        "星河科技",
        "--kind",
        "支委会",
        "--at",
        f"{nxt:%Y-%m-%d} 14:30",
        "--ledger",
        path,
    )
    assert code == 1 and f"支委会的时间{nxt:%Y-%m-%d}晚于今天（{date.today():%Y-%m-%d}）" in err
    assert count(path, "work_record") == 0 and count(path, "attendance") == 0
    code, _, err = run(
        capsys,
        "points",
        "add",
        "--person",
        "张伟",
        "--item",
        "参加“三会一课”",
        "--date",
        f"{nxt:%Y-%m-%d}",
        "--ledger",
        path,
    )
    assert code == 1 and f"积分日期{nxt:%Y-%m-%d}晚于今天" in err
    assert count(path, "points_entry") == 0
    code, _, err = run(
        capsys, "demo-site", "--org", "星河科技", "--level", "县级", "--year", str(later),
        "--ledger", path,
    )  # fmt: skip
    assert code == 1 and f"命名示范点的年度{later}年晚于今年" in err
    assert count(path, "demo_site") == 0
    code, _, err = run(
        capsys, "instructors", "assess", str(ids["instructor"]), "--year", str(later),
        "--grade", "优秀", "--ledger", path,
    )  # fmt: skip
    assert code == 1 and f"考核年度{later}年晚于今年" in err
    assert count(path, "instructor_assessment") == 0
    code, _, err = run(
        capsys, "rate", "--org", "星河科技", "--year", str(date.today().year),
        "--step", f"授牌奖励={nxt:%Y-%m-%d}", "--ledger", path,
    )  # fmt: skip
    assert code == 1 and f"“授牌奖励”日期{nxt:%Y-%m-%d}晚于今天" in err
    assert count(path, "star_rating") == 0
