"""A ledger made at the first revision, with rows in every core table, opens at head with
all its rows (whatever features' migrations the chain holds by then)."""

import sqlite3

from sqlalchemy import func, select

from partydesk.ledger import migrate, open_ledger
from partydesk.ledger.db import make_engine
from partydesk.ledger.models import (
    CommitteeMember,
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    PartyGroup,
    Person,
    PersonEvent,
    Setting,
    Unit,
)

TS = "2025-01-02 03:04:05.000000"

ROWS = [
    (
        "unit",
        dict(
            id=1,
            name="恒信机械有限公司",
            credit_code="91512081MA62K0260E",
            kind="enterprise",
            street="城关街道",
            employees=120,
            members_employed=3,
            above_scale=1,
            high_tech=0,
            key_unit=0,
            has_union=1,
            has_league=0,
            status="operating",
        ),
    ),
    (
        "unit",
        dict(
            id=2,
            name="瑞丰商贸有限公司",
            kind="enterprise",
            above_scale=0,
            high_tech=0,
            key_unit=0,
            has_union=0,
            has_league=0,
            status="operating",
        ),
    ),
    ("organization", dict(id=1, name="中共城关街道两新组织综合委员会", org_type="committee")),
    (
        "organization",
        dict(
            id=2,
            name="中共恒信机械有限公司支部",
            org_type="branch",
            formation="own",
            parent_id=1,
            founded_on="2019-07-01",
            term_start="2022-07-01",
            term_end="2025-07-01",
        ),
    ),
    ("org_host_unit", dict(id=1, org_id=2, unit_id=1)),
    ("party_group", dict(id=1, org_id=2, name="第一党小组")),
    (
        "person",
        dict(
            id=1,
            name="张伟",
            id_number="11010519491231002X",
            sex="F",
            birth_date="1949-12-31",
            org_id=2,
            unit_id=1,
            party_group_id=1,
            category="full",
            status="active",
            admitted_on="1980-07-01",
            full_on="1981-07-01",
            probation_extension_months=0,
            is_flowing=0,
            lost_contact=0,
        ),
    ),
    (
        "person",
        dict(
            id=2,
            name="李娜",
            category="applicant",
            status="active",
            org_id=2,
            applied_on="2025-01-01",
            probation_extension_months=0,
            is_flowing=1,
            flow_to="浙江省杭州市",
            lost_contact=0,
        ),
    ),
    (
        "person_event",
        dict(
            id=1,
            person_id=1,
            kind="transfer_in",
            on="2020-03-01",
            from_value="中共某公司支部",
            to_org_id=2,
        ),
    ),
    ("committee_member", dict(id=1, org_id=2, person_id=1, role="secretary", since="2022-07-01")),
    (
        "instructor",
        dict(
            id=1,
            name="王强",
            home_unit="区发展和改革局",
            post="科长",
            active=1,
            appointed_on="2024-01-01",
        ),
    ),
    ("instructor_assignment", dict(id=1, instructor_id=1, unit_id=2, start_on="2024-01-05")),
    ("setting", dict(id=1, key="formation", value='{"own_branch_min_full": 4}')),
]


def make_first_revision_ledger(path):
    engine = make_engine(path)
    migrate.upgrade(engine, "0001_core")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    for n, (table, row) in enumerate(ROWS):
        row = dict(row, uuid=f"00000000-0000-4000-8000-{n:012d}", created_at=TS, updated_at=TS)
        cols = ", ".join(f'"{c}"' for c in row)
        con.execute(
            f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(row))})',
            list(row.values()),
        )
    con.execute("UPDATE organization SET secretary_id = 1 WHERE id = 2")
    con.execute("UPDATE party_group SET leader_id = 1 WHERE id = 1")
    con.commit()
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_core",)
    con.close()


def test_first_revision_ledger_opens_at_head_with_all_rows(tmp_path):
    path = tmp_path / "old.partydesk"
    make_first_revision_ledger(path)

    with open_ledger(path) as ledger:
        assert migrate.current_revision(ledger.engine) == migrate.head_revision()
        with ledger.session() as s:
            expected = {}
            for table, _ in ROWS:
                expected[table] = expected.get(table, 0) + 1
            models = {
                m.__tablename__: m
                for m in (
                    Unit,
                    Organization,
                    OrgHostUnit,
                    PartyGroup,
                    Person,
                    PersonEvent,
                    CommitteeMember,
                    Instructor,
                    InstructorAssignment,
                    Setting,
                )
            }
            for table, n in expected.items():
                if table != "setting":  # later migrations add settings of their own
                    assert s.scalar(select(func.count()).select_from(models[table])) == n, table
            assert s.get(Setting, 1).key == "formation"
            assert s.get(Setting, 1).value == '{"own_branch_min_full": 4}'
            org = s.get(Organization, 2)
            assert org.secretary.name == "张伟"
            assert [u.name for u in org.host_units] == ["恒信机械有限公司"]
            assert org.parent.name == "中共城关街道两新组织综合委员会"
            assert org.term_end.isoformat() == "2025-07-01"
            zhang = s.get(Person, 1)
            assert (zhang.id_number, zhang.party_group.leader_id) == ("11010519491231002X", 1)
            assert zhang.events[0].from_value == "中共某公司支部"
            assert s.get(Person, 2).flow_to == "浙江省杭州市"
            assert s.get(InstructorAssignment, 1).unit.name == "瑞丰商贸有限公司"
            assert s.get(Unit, 1).uuid == "00000000-0000-4000-8000-000000000000"
            # the pinyin sort keys of names written before there were any
            assert zhang.sort_name == "zhang1 wei3\t张伟"
            assert s.scalar(select(func.count()).where(Person.sort_name.is_(None))) == 0
            assert s.scalar(select(func.count()).where(Unit.sort_name.is_(None))) == 0
    from partydesk import backup

    backups = [b.path for b in backup.list_backups(path) if b.reason == "migrate"]
    if migrate.head_revision() != "0001_core":
        # Upgrading wrote a copy of the old ledger first, still at the first revision.
        assert len(backups) == 1
        con = sqlite3.connect(backups[0])
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_core",)
        assert con.execute("SELECT count(*) FROM person").fetchone() == (2,)
        con.close()
    else:
        assert backups == []  # nothing to migrate, nothing copied


def test_opening_twice_changes_nothing(tmp_path):
    path = tmp_path / "old.partydesk"
    make_first_revision_ledger(path)
    open_ledger(path).close()
    before = sorted(p.name for p in tmp_path.iterdir())
    with open_ledger(path) as ledger, ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        n for n in before if not n.endswith(("-wal", "-shm"))
    ]
