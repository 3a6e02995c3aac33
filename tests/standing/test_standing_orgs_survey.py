"""六个清 survey periods and status, 六有 checklist, 四个一, demonstration sites."""

from __future__ import annotations

from datetime import date

import pytest
from standing_helpers import add_org, add_person, add_unit

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Instructor, InstructorAssignment
from partydesk.standing import config, orgs, survey


@pytest.mark.parametrize(
    "day, start, end, label",
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 7, 1), "2026年上半年"),
        (date(2026, 6, 30), date(2026, 1, 1), date(2026, 7, 1), "2026年上半年"),
        (date(2026, 7, 1), date(2026, 7, 1), date(2027, 1, 1), "2026年下半年"),
        (date(2026, 12, 31), date(2026, 7, 1), date(2027, 1, 1), "2026年下半年"),
    ],
)
def test_half_year_periods(day, start, end, label):
    assert survey.period_of(day) == (start, end)
    assert survey.period_label(day) == label


def test_unsurveyed_units_this_half_year(ledger):
    with ledger.session() as s:
        a = add_unit(s, "甲公司")
        b = add_unit(s, "乙公司")
        c = add_unit(s, "丙协会", kind="social_org")
        add_unit(s, "丁公司", status="closed")  # closed units are not surveyed
        survey.record_survey(s, a.id, date(2026, 7, 1), "赵敏")  # first day of the half
        survey.record_survey(s, b.id, date(2026, 6, 30), "赵敏")  # last half: does not count
        ids = (a.id, b.id, c.id)
    with ledger.session() as s:
        st = survey.survey_status(s, date(2026, 11, 22))
        assert st.label == "2026年下半年"
        assert st.operating == 3
        assert st.surveyed_ids == [ids[0]]
        assert st.unsurveyed_ids == [ids[1], ids[2]]
        # in the first half, b counts as surveyed and a does not exist yet in that period
        assert survey.survey_status(s, date(2026, 6, 30)).surveyed_ids == [ids[1]]


def test_survey_prefills_the_six_facts_from_the_ledger(ledger):
    with ledger.session() as s:
        u = add_unit(s, "云海科技有限公司", employees=40, legal_rep="李明")
        org = add_org(s, "中共云海科技有限公司支部委员会", units=[u])
        for n in ("甲", "乙", "丙"):
            add_person(s, n, "full", org, unit_id=u.id)
        add_person(s, "丁", "activist", org, unit_id=u.id)
        ins = Instructor(name="周强")
        s.add(ins)
        s.flush()
        s.add(InstructorAssignment(instructor_id=ins.id, unit_id=u.id))
        rec = survey.record_survey(s, u.id, date(2026, 9, 1), "赵敏", employees=42)
        assert rec.operating == "正常经营，法定代表人李明"
        assert rec.employees == 42  # what the surveyor found wins over the ledger
        assert rec.party_org == "中共云海科技有限公司支部委员会"
        assert rec.structure == "党支部"
        assert rec.members == 3
        assert rec.instructor == "周强"
        assert survey.last_survey(s, u.id).surveyor == "赵敏"


def test_survey_errors(ledger):
    with ledger.session() as s:
        u = add_unit(s, "甲公司")
        with pytest.raises(ValidationError, match="摸排人"):
            survey.record_survey(s, u.id, date(2026, 9, 1), " ")
        with pytest.raises(ValidationError, match="从业人员"):
            survey.record_survey(s, u.id, date(2026, 9, 1), "赵敏", employees="很多")
        with pytest.raises(NotFoundError):
            survey.find_unit(s, "不存在")
        assert survey.find_unit(s, "甲").id == u.id


def test_checklist_is_named_and_editable(ledger, one_org):
    _, org_id = one_org
    with ledger.session() as s:
        rows = orgs.set_checklist(s, org_id, {"venue": True, "flag": True}, on=date(2026, 3, 1))
        assert [r.label for r in rows if r.done] == ["有活动场所", "有党旗"]
        assert orgs.checklist_name(s) == "六有"
        with pytest.raises(ValidationError, match="六有清单中没有"):
            orgs.set_checklist(s, org_id, {"nonsense": True})
        orgs.set_checklist(s, org_id, {c: True for c in ("facilities", "sign", "books", "rules")})
        assert orgs.checklist_complete_orgs(s) == [org_id]
        cfg = config.get(s)
        cfg["checklist"] = {
            "name": "五有",
            "items": cfg["checklist"]["items"][:4] + [{"code": "x", "label": "有台账"}],
        }
        settings.put(s, "standing", cfg)
    with ledger.session() as s:
        rows = orgs.checklist(s, org_id)
        assert orgs.checklist_name(s) == "五有"
        assert [r.done for r in rows] == [True, True, True, True, False]
        assert orgs.checklist_complete_orgs(s) == []


def test_guidance_and_demo_sites(ledger, one_org):
    _, org_id = one_org
    with ledger.session() as s:
        ins = Instructor(name="周强")
        s.add(ins)
        s.flush()
        link = orgs.set_guidance(s, org_id, leader_name="陈书记", pairing_unit="区发改局机关支部")
        assert not orgs.guidance_complete(link)
        link = orgs.set_guidance(s, org_id, instructor_id=ins.id, whistle_channel="街道党建热线")
        assert orgs.guidance_complete(link) and link.instructor.name == "周强"
        with pytest.raises(NotFoundError, match="指导员"):
            orgs.set_guidance(s, org_id, instructor_id=9999)
        orgs.add_demo_site(s, org_id, "市级", 2025, "党建示范点")
        orgs.add_demo_site(s, org_id, "county", 2024)
        orgs.add_demo_site(s, org_id, "county", 2025)
        with pytest.raises(ValidationError, match="省级、市级或县级"):
            orgs.add_demo_site(s, org_id, "国家级", 2025)
        assert orgs.demo_sites_by_level(s) == {
            "provincial": [],
            "city": [org_id],
            "county": [org_id],
        }
