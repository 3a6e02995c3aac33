from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, inspect, select

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger import migrate
from partydesk.records import Attendance, WorkRecord
from partydesk.records import service as svc


def test_migration_from_core_to_head(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.partydesk'}")
    migrate.upgrade(engine, "0001_core")
    assert not inspect(engine).has_table("work_record")
    migrate.upgrade(engine, "head")
    insp = inspect(engine)
    for table in ("work_record", "attendance", "appraisal"):
        assert insp.has_table(table)
    cols = {c["name"] for c in insp.get_columns("work_record")}
    assert {
        "org_id",
        "kind",
        "year",
        "seq",
        "held_at",
        "instructor_id",
        "unit_id",
        "people_met",
        "problems_raised",
        "problems_solved",
        "votes",
    } <= cols
    engine.dispose()


def test_create_numbers_by_date_and_keeps_attendance(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        members = svc.members_of(s, oid)
        a = svc.create_record(
            s,
            "支委会",
            org_id=oid,
            held_at=datetime(2026, 3, 5, 14, 30),
            topics="研究三月工作",
            attendance=[{"person_id": p.id} for p in members[:-1]]
            + [
                {"person_id": members[-1].id, "status": "absent", "reason": "出差"},
                {"name_text": "李指导员", "status": "列席"},
            ],
        )
        # An earlier meeting entered later takes number 1.
        b = svc.create_record(
            s,
            "committee_meeting",
            org_id=oid,
            held_at=datetime(2026, 2, 3, 9, 0),
            topics="研究二月工作",
        )
        ids = a.id, b.id
    with ledger.session() as s:
        a, b = (s.get(WorkRecord, i) for i in ids)
        assert (b.seq, a.seq) == (1, 2)
        assert a.year == 2026
        c = svc.counts(a)
        assert (c.expected, c.present, c.absent, c.observers) == (
            len(members),
            len(members) - 1,
            1,
            1,
        )
        absent = [x for x in a.attendance if x.status == "absent"][0]
        assert absent.reason == "出差"
        observer = [x for x in a.attendance if x.status == "observer"][0]
        assert observer.name_text == "李指导员" and observer.person_id is None


def test_update_moves_year_and_renumbers(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        r1 = svc.create_record(s, "theme_day", org_id=oid, held_at=datetime(2026, 1, 5, 9))
        r2 = svc.create_record(s, "theme_day", org_id=oid, held_at=datetime(2026, 2, 5, 9))
        svc.update_record(s, r1.id, held_at=datetime(2025, 12, 30, 9), attendance=[])
        assert (r1.year, r1.seq) == (2025, 1)
        assert r2.seq == 1
        svc.delete_record(s, r2.id)
        assert svc.list_records(s, oid, 2026) == []


def test_validation_messages(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        with pytest.raises(ValidationError, match="纪实类型"):
            svc.create_record(s, "开会", org_id=oid, held_at=datetime(2026, 1, 1))
        with pytest.raises(ValidationError, match="时间"):
            svc.create_record(s, "党课", org_id=oid, held_at=None)
        with pytest.raises(ValidationError, match="结束时间"):
            svc.create_record(
                s,
                "党课",
                org_id=oid,
                held_at=datetime(2026, 1, 1, 10),
                end_at=datetime(2026, 1, 1, 9),
            )
        with pytest.raises(ValidationError, match="必须属于一个党组织"):
            svc.create_record(s, "支委会", held_at=datetime(2026, 1, 1))
        with pytest.raises(NotFoundError):
            svc.create_record(s, "支委会", org_id=99999, held_at=datetime(2026, 1, 1))
        with pytest.raises(ValidationError, match="出席"):
            svc.create_record(
                s,
                "支委会",
                org_id=oid,
                held_at=datetime(2026, 1, 1),
                attendance=[{"person_id": None}],
            )
        with pytest.raises(NotFoundError, match="不存在"):
            svc.get_record(s, 424242)


def test_instructor_visit_without_org(ledger):
    from partydesk.ledger.models import Instructor, Unit

    with ledger.session() as s:
        ins = Instructor(name="周指导")
        unit = Unit(name="云帆网络科技有限公司")
        s.add_all([ins, unit])
        s.flush()
        v = svc.create_record(
            s,
            "走访",
            instructor_id=ins.id,
            unit_id=unit.id,
            held_at=datetime(2026, 4, 2, 10),
            people_met="总经理",
            problems_raised="招工难",
            problems_solved="对接招聘会",
        )
        ins_id = ins.id
    with ledger.session() as s:
        rows = s.scalars(select(WorkRecord).where(WorkRecord.instructor_id == ins_id)).all()
        assert [(r.kind, r.seq, r.problems_raised) for r in rows] == [("visit", 1, "招工难")]
        assert v.org_id is None


def test_draft_from_last_copies_form_and_people(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        members = svc.members_of(s, oid)
        svc.create_record(
            s,
            "支委会",
            org_id=oid,
            held_at=datetime(2026, 1, 31, 15, 0),
            end_at=datetime(2026, 1, 31, 16, 30),
            place="二楼会议室",
            host="书记甲",
            recorder="委员乙",
            topics="一月议题",
            attendance=[
                {"person_id": members[0].id},
                {"person_id": members[1].id, "status": "absent", "reason": "病假"},
                {"name_text": "来宾", "status": "observer"},
            ],
        )
        d = svc.draft_from_last(s, oid, "committee_meeting")
    assert d["held_at"] == datetime(2026, 2, 28, 15, 0)  # a month on, clamped
    assert d["end_at"] == datetime(2026, 2, 28, 16, 30)
    assert (d["place"], d["host"], d["recorder"]) == ("二楼会议室", "书记甲", "委员乙")
    assert "topics" not in d
    assert [a["person_id"] for a in d["attendance"]] == [members[0].id, members[1].id]
    assert {a["status"] for a in d["attendance"]} == {"present"}


def test_appraisal_ratings_and_warning(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        members = svc.members_of(s, oid)
        ratings = [
            {"person_id": p.id, "rating": "优秀" if i < 3 else "合格"}
            for i, p in enumerate(members)
        ]
        rec = svc.create_record(
            s, "民主评议", org_id=oid, held_at=datetime(2026, 11, 20, 14), appraisals=ratings
        )
        stored = [a.rating for a in rec.appraisals]
        with pytest.raises(ValidationError, match="只能有一个等次"):
            svc.create_record(
                s,
                "民主评议",
                org_id=oid,
                held_at=datetime(2026, 11, 21),
                appraisals=[ratings[0], ratings[0]],
            )
    assert stored.count("excellent") == 3
    n = len(members)
    assert 3 > n / 3  # 3 of 6 members rated 优秀
    assert "三分之一" in svc.appraisal_warning(stored)
    assert svc.appraisal_warning(["excellent", "qualified", "qualified"]) is None
    assert svc.appraisal_warning(["excellent", "excellent", "qualified"]) is not None


def test_snapshot_restore_roundtrip(branch):
    ledger, oid = branch
    with ledger.session() as s:
        rec = svc.list_records(s, oid, 2026, "member_meeting")[0]
        snap = svc.snapshot(rec)
        n_att = len(rec.attendance)
        svc.delete_record(s, rec.id)
    with ledger.session() as s:
        assert svc.find_by_uuid(s, snap["uuid"]) is None
        again = svc.restore(s, snap)
        assert again.uuid == snap["uuid"] and again.seq == 1
        assert len(again.attendance) == n_att
        assert s.scalar(select(Attendance).where(Attendance.record_id == again.id)) is not None
