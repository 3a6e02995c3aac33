"""两个覆盖: every bucket on a hand-built ledger, then the demo ledger's figures add up."""

from datetime import date

import pytest

from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)
from partydesk.stats import coverage

TODAY = date(2026, 6, 30)


def unit(s, name, **kw):
    u = Unit(name=name, kind=kw.pop("kind", "enterprise"), **kw)
    s.add(u)
    s.flush()
    return u


def org(s, name, org_type, formation, hosts, **kw):
    o = Organization(name=name, org_type=org_type, formation=formation, **kw)
    o.host_links = [OrgHostUnit(unit=h) for h in hosts]
    s.add(o)
    s.flush()
    return o


@pytest.fixture
def world(ledger):
    with ledger.session() as s:
        u = {}
        for name in (
            "own",
            "dispatched",
            "committee",
            "joint_a",
            "joint_b",
            "backstop_a",
            "backstop_b",
            "backstop_alone",
            "instructor",
            "old_instructor",
            "inactive_instructor",
            "future_instructor",
            "union",
            "league",
            "nothing",
            "dissolved",
            "work_branch",
            "closed",
        ):
            u[name] = unit(
                s,
                name,
                status="closed" if name == "closed" else "operating",
                has_union=name == "union",
                has_league=name == "league",
            )
        org(s, "中共own支部", "branch", "own", [u["own"]])
        org(s, "中共dispatched支部", "branch", "dispatched", [u["dispatched"]])
        org(s, "中共committee委员会", "committee", None, [u["committee"]])
        org(s, "中共第一联合支部", "joint_branch", "joint", [u["joint_a"], u["joint_b"]])
        org(s, "中共兜底支部", "branch", "backstop", [u["backstop_a"], u["backstop_b"]])
        org(s, "中共兜底支部二", "branch", "backstop", [u["backstop_alone"]])
        org(s, "中共已撤销支部", "branch", "own", [u["dissolved"]], dissolved_on=date(2026, 1, 1))
        org(s, "中共工作支部", "work_branch", None, [u["work_branch"]])
        org(s, "中共closed支部", "branch", "own", [u["closed"]])
        active = Instructor(name="王强", active=True)
        retired = Instructor(name="李明", active=False)
        s.add_all([active, retired])
        s.flush()
        s.add_all(
            [
                InstructorAssignment(
                    instructor=active, unit=u["instructor"], start_on=date(2026, 1, 1)
                ),
                InstructorAssignment(
                    instructor=active,
                    unit=u["old_instructor"],
                    start_on=date(2024, 1, 1),
                    end_on=date(2026, 6, 29),
                ),
                InstructorAssignment(
                    instructor=active, unit=u["future_instructor"], start_on=date(2026, 7, 1)
                ),
                InstructorAssignment(
                    instructor=retired, unit=u["inactive_instructor"], start_on=date(2025, 1, 1)
                ),
            ]
        )
        ids = {k: v.id for k, v in u.items()}
    return ledger, ids


def test_every_unit_lands_in_the_right_bucket(world):
    ledger, ids = world
    with ledger.session() as s:
        cov = coverage(s, TODAY)
    names = {v: k for k, v in ids.items()}
    assert sorted(names[i] for i in cov.own_ids) == [
        "backstop_alone",
        "committee",
        "dispatched",
        "own",
    ]
    assert sorted(names[i] for i in cov.joint_ids) == [
        "backstop_a",
        "backstop_b",
        "joint_a",
        "joint_b",
    ]
    assert sorted(names[i] for i in cov.work_only_ids) == ["instructor", "league", "union"]
    assert sorted(names[i] for i in cov.uncovered_ids) == [
        "dissolved",
        "future_instructor",
        "inactive_instructor",
        "nothing",
        "old_instructor",
        "work_branch",
    ]
    assert cov.total == 17  # the closed unit counts nowhere
    assert cov.own + cov.joint + cov.work_only + cov.uncovered == cov.total
    assert cov.org_rate == pytest.approx(8 / 17)
    assert cov.own_rate == pytest.approx(4 / 17)
    assert cov.work_rate == pytest.approx(11 / 17)
    assert cov.bucket_of(ids["joint_a"]) == "joint"
    assert cov.bucket_of(ids["closed"]) is None


def test_dates_decide_what_is_live(world):
    ledger, ids = world
    with ledger.session() as s:
        before = coverage(s, date(2025, 12, 31))  # the branch was not yet dissolved
        later = coverage(s, date(2026, 7, 1))  # the new assignment has started
    assert ids["dissolved"] in before.own_ids
    assert ids["old_instructor"] in before.work_only_ids
    assert ids["future_instructor"] in later.work_only_ids
    assert ids["old_instructor"] in later.uncovered_ids


def test_counts_of_organizations_and_people(world):
    ledger, ids = world
    with ledger.session() as s:
        o = s.query(Organization).filter_by(name="中共own支部").one()
        s.add_all(
            [
                Person(name="甲", org_id=o.id, category="full"),
                Person(name="乙", org_id=o.id, category="full", is_flowing=True),
                Person(name="丙", org_id=o.id, category="probationary", lost_contact=True),
                Person(name="丁", org_id=o.id, category="applicant"),
                Person(name="戊", org_id=o.id, category="full", status="transferred_out"),
            ]
        )
    with ledger.session() as s:
        cov = coverage(s, TODAY)
    assert cov.orgs_by_type == {"branch": 5, "committee": 1, "joint_branch": 1, "work_branch": 1}
    assert cov.orgs_by_formation == {"own": 2, "dispatched": 1, "joint": 1, "backstop": 2, "": 2}
    assert cov.people_by_category == {"full": 2, "probationary": 1, "applicant": 1}
    assert (cov.members, cov.flowing, cov.lost_contact, cov.instructors) == (3, 1, 1, 1)


def test_empty_ledger(ledger):
    with ledger.session() as s:
        cov = coverage(s, TODAY)
    assert (cov.total, cov.org_rate, cov.own_rate, cov.members) == (0, 0.0, 0.0, 0)
