"""Dashboard figures on a ledger whose figures are known: coverage (through the core's
partydesk.stats.coverage), stars, demonstration sites, people, survey."""

from __future__ import annotations

from datetime import date

from standing_helpers import add_org, add_person, add_unit

from partydesk.ledger.models import Instructor, InstructorAssignment
from partydesk.standing import figures, orgs, rating, survey
from partydesk.stats import coverage

TODAY = date(2026, 11, 22)


def build(ledger):
    with ledger.session() as s:
        u = [add_unit(s, f"单位{i}") for i in range(10)]
        closed = add_unit(s, "已注销单位", status="closed")
        own = [add_org(s, f"中共单位{i}支部委员会", units=[u[i]]) for i in range(3)]
        add_org(s, "中共第一联合支部委员会", "joint_branch", "joint", units=[u[3], u[4]])
        add_org(s, "中共已注销单位支部委员会", units=[closed])
        ins = Instructor(name="周强")
        s.add(ins)
        s.flush()
        s.add(InstructorAssignment(instructor_id=ins.id, unit_id=u[5].id))
        u[6].has_union = True
        for i, cat in enumerate(
            ["full"] * 5 + ["probationary"] * 2 + ["activist", "applicant", "target"]
        ):
            add_person(s, f"人{i}", cat, own[i % 3])
        add_person(s, "转出者", "full", own[0], status="transferred_out")
        rating.save_rating(
            s,
            own[0].id,
            2026,
            scores={i["code"]: i["max"] for i in rating.indicators(rating.config.get(s))},
        )
        rating.save_rating(s, own[1].id, 2026, scores={"life.meetings": 8})
        rating.save_rating(s, own[2].id, 2025, scores={"life.meetings": 8})
        orgs.add_demo_site(s, own[0].id, "county", 2025)
        orgs.add_demo_site(s, own[0].id, "city", 2026)
        survey.record_survey(s, u[0].id, date(2026, 8, 1), "赵敏")
        return [x.id for x in u], [o.id for o in own]


def test_coverage_and_other_figures_are_the_known_ones(ledger):
    units, own = build(ledger)
    with ledger.session() as s:
        d = figures.dashboard(s, TODAY)
        cov = coverage(s, TODAY)
    f = d.figure
    assert (f("org_coverage").value, f("org_coverage").ids) == ("50.0%", units[:5])
    assert (f("own_rate").value, f("own_rate").ids) == ("30.0%", units[:3])
    assert (f("work_coverage").value, f("work_coverage").count) == ("70.0%", 7)
    assert (f("uncovered").value, f("uncovered").ids) == ("3", units[7:])
    assert [p.count for p in d.coverage_parts] == [3, 2, 2, 3]
    assert f("cov_work").ids == units[5:7]
    # stars of the current year: one five-star, one below every band
    assert d.rating_year == 2026
    assert [(x.label, x.count) for x in d.stars] == [
        ("五星", 1),
        ("四星", 0),
        ("三星", 0),
        ("二星", 0),
        ("一星", 0),
        ("未评星", 1),
    ]
    assert f("stars_5").ids == [own[0]]
    assert (f("demo_county").ids, f("demo_city").ids, f("demo_provincial").ids) == (
        [own[0]],
        [own[0]],
        [],
    )
    assert [(x.label, x.count) for x in d.categories] == [
        ("入党申请人", 1),
        ("入党积极分子", 1),
        ("发展对象", 1),
        ("预备党员", 2),
        ("正式党员", 5),
    ]
    assert {k: v for k, v in cov.people_by_category.items() if v} == {
        x.key[4:]: x.count for x in d.categories if x.count
    }  # same people as the core's stats
    assert d.survey_label == "2026年下半年"
    assert (f("unsurveyed").count, f("unsurveyed").ids) == (9, units[1:])


def test_empty_ledger_shows_dashes_not_errors(ledger):
    with ledger.session() as s:
        d = figures.dashboard(s, TODAY)
    assert d.figure("org_coverage").value == "—"
    assert d.figure("unsurveyed").count == 0 and d.reminders == []
