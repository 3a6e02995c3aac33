"""The demo ledger: deterministic, valid, and showing everything the product handles."""

import sqlite3
from datetime import date

import pytest

from partydesk.check import run_checks
from partydesk.demo import build_demo
from partydesk.errors import LedgerError, ValidationError
from partydesk.ledger import open_ledger
from partydesk.ledger.enums import Category, CommitteeRole, Formation, OrgType, UnitKind
from partydesk.ledger.models import Person
from partydesk.rules import creditcode, idcard, phone, pipeline
from partydesk.stats import coverage

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.partydesk"
    counts = build_demo(path, units=80, members=900, seed=7, today=TODAY)
    return path, counts


def q(path, sql, *args):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


# When a row was written (and the audit entry saying so) differs between two runs; the
# rows of the core generator carry fixed uuids and stamps, the features' rows random ones.
# The audit log's chain is keyed by the ledger's own random key, so it differs too.
STAMPS = {"uuid", "created_at", "updated_at", "at", "published_at", "chain"}
CORE = ("unit", "organization", "person", "instructor", "status_change")


def dump(path, *, all_columns=False):
    tables = [
        t for (t,) in q(path, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    out = {}
    for t in tables:
        cols = [c for (_, c, *_rest) in q(path, f'PRAGMA table_info("{t}")')]
        keep = cols if all_columns or t in CORE else [c for c in cols if c not in STAMPS]
        sel = ", ".join(f'"{c}"' for c in keep)
        # every column sorts the rows: sqlite_stat1 has several rows per table (one per
        # index), in no fixed order
        out[t] = sorted(q(path, f'SELECT {sel} FROM "{t}"'), key=repr)
    # the keys (certificates' old secret, the ledger's key id and fingerprint) are random
    # in every ledger, by design
    random_keys = {"certs.secret", "keys.ledger_id", "keys.fingerprint"}
    out["setting"] = [r for r in out.get("setting", []) if r[0] not in random_keys]
    # so is the ledger's own UUID (two demo files are two ledgers to a merge)
    out.pop("ledger_identity", None)
    return out


def test_sizes_are_as_asked(demo):
    path, counts = demo
    assert q(path, "SELECT count(*) FROM unit") == [(80,)]
    assert q(path, "SELECT count(*) FROM person") == [(900,)]
    assert counts["unit"] == 80 and counts["person"] == 900
    assert not list(path.parent.glob("*.demo-tmp*"))  # built beside, moved into place


def test_same_seed_same_ledger_other_seed_other_ledger(demo, tmp_path):
    path, _ = demo
    again = tmp_path / "again.partydesk"
    build_demo(again, units=80, members=900, seed=7, today=TODAY)
    assert dump(again) == dump(path)
    # generated content is summed up in the 操作日志 by one entry, not one per record
    assert [r[0] for r in q(path, "SELECT label FROM audit_log")] == [
        "生成演示账本：80 个两新组织，900 人（种子 7，日期 2026-11-22）"
    ]
    other = tmp_path / "other.partydesk"
    build_demo(other, units=80, members=900, seed=8, today=TODAY)
    assert q(other, "SELECT name FROM person ORDER BY id") != q(
        path, "SELECT name FROM person ORDER BY id"
    )


def test_every_kind_type_formation_category_and_role_appears(demo):
    path, _ = demo
    assert {k for (k,) in q(path, "SELECT DISTINCT kind FROM unit")} == {k.value for k in UnitKind}
    assert {t for (t,) in q(path, "SELECT DISTINCT org_type FROM organization")} == {
        t.value for t in OrgType
    }
    assert {
        f
        for (f,) in q(
            path, "SELECT DISTINCT formation FROM organization WHERE formation IS NOT NULL"
        )
    } == {f.value for f in Formation}
    assert {c for (c,) in q(path, "SELECT DISTINCT category FROM person")} == {
        c.value for c in Category
    }
    roles = {r for (r,) in q(path, "SELECT DISTINCT role FROM committee_member")}
    assert roles >= {
        CommitteeRole.SECRETARY.value,
        CommitteeRole.ORGANIZATION.value,
        CommitteeRole.PUBLICITY.value,
    }
    streets = {s for (s,) in q(path, "SELECT DISTINCT street FROM unit")}
    assert len(streets) >= 4
    assert len({i for (i,) in q(path, "SELECT DISTINCT industry FROM unit")}) >= 10
    kinds = {k for (k,) in q(path, "SELECT DISTINCT kind FROM person_event")}
    assert kinds >= {
        "category",
        "talk",
        "review",
        "transfer_in",
        "transfer_out",
        "flow_out",
        "lost_contact",
    }


def test_joint_branches_cover_two_to_five_units_and_instructors_guide_several(demo):
    path, _ = demo
    sizes = [
        n
        for (n,) in q(
            path,
            """SELECT count(*) FROM org_host_unit h JOIN organization o ON o.id = h.org_id
                                      WHERE o.org_type = 'joint_branch' GROUP BY o.id""",
        )
    ]
    assert sizes and all(2 <= n <= 6 for n in sizes)
    guided = [
        n
        for (n,) in q(
            path,
            """SELECT count(*) FROM instructor_assignment a JOIN instructor i
                                       ON i.id = a.instructor_id WHERE i.active AND a.end_on IS NULL
                                       GROUP BY i.id""",
        )
    ]
    assert guided and max(guided) <= 5 and sum(n >= 4 for n in guided) >= len(guided) - 7
    homes = {h for (h,) in q(path, "SELECT home_unit FROM instructor")}
    assert any("发展和改革局" in h for h in homes) or any("办事处" in h for h in homes)
    # Every organization but the regional committees has a parent; secretaries are its members.
    assert q(
        path,
        "SELECT count(*) FROM organization WHERE parent_id IS NULL AND name NOT LIKE '%综合委员会'",
    ) == [(0,)]
    assert q(
        path,
        """SELECT count(*) FROM organization o JOIN person p ON p.id = o.secretary_id
                      WHERE o.org_type IN ('branch', 'joint_branch') AND p.org_id != o.id""",
    ) == [(0,)]


def test_every_id_number_credit_code_and_phone_is_valid(demo):
    path, _ = demo
    for number, born, sex in q(path, "SELECT id_number, birth_date, sex FROM person"):
        info = idcard.parse(number)
        assert (info.birth_date.isoformat(), info.sex) == (born, sex)
    for (number,) in q(path, "SELECT id_number FROM instructor"):
        assert idcard.is_valid(number)
    for (code,) in q(path, "SELECT credit_code FROM unit"):
        assert creditcode.is_valid(code)
    for (tel,) in q(path, "SELECT phone FROM person UNION SELECT phone FROM instructor"):
        assert phone.is_valid(tel) and phone.warning(tel) is None


def test_every_person_obeys_the_rule_set(demo):
    """The demo is entered through the same rules as the window: none refuses a person."""
    from partydesk import settings
    from partydesk.ledger import editing
    from partydesk.rules import record

    path, _ = demo
    with open_ledger(path) as lg, lg.session() as s:
        cfg = settings.get(s, "pipeline")
        broken = [
            (p.name, t)
            for p in s.query(Person)
            for t in record.errors(
                record.judge("person", editing.stored_values(p, "person"), cfg=cfg, today=TODAY)
            )
        ]
    assert broken == []


def test_dates_are_consistent_and_reminders_have_content(demo):
    path, _ = demo
    with open_ledger(path) as lg, lg.session() as s:
        report = run_checks(s, TODAY)
    kinds = report.counts()
    assert report.integrity_ok
    for clean in (
        "id_number",
        "id_mismatch",
        "credit_code",
        "phone",
        "phone_prefix",
        "pipeline_order",
        "pipeline_missing",
        "pipeline_ahead",
        "pipeline_future",
        "pipeline_age",
        "pipeline_activist_span",
        "pipeline_probation_span",
        "talk_late",
        "extension",
        "org_tree",
        "duplicate_name",
        "no_id_number",
        "flowing",
        "term_order",
        "fact_future",
    ):
        assert clean not in kinds, [f.text for f in report.findings if f.kind == clean][:3]
    for shown in ("talk_overdue", "review_overdue", "probation_overdue"):
        assert kinds.get(shown, 0) >= 1
    # Something falls due within the next month too.
    soon = 0

    with open_ledger(path) as lg, lg.session() as s:
        for p in s.query(Person).filter(
            Person.category.in_(("applicant", "activist", "probationary"))
        ):
            soon += sum(0 <= (d.due_on - TODAY).days <= 30 for d in pipeline.dues_for(p))
    assert soon >= 3
    assert q(
        path,
        "SELECT count(*) FROM person WHERE applied_on > ? OR talked_on > ? OR full_on > ?",
        TODAY.isoformat(),
        TODAY.isoformat(),
        TODAY.isoformat(),
    ) == [(0,)]


def test_coverage_has_every_bucket(demo):
    path, _ = demo
    with open_ledger(path) as lg, lg.session() as s:
        cov = coverage(s, TODAY)
    assert cov.own and cov.joint and cov.work_only and cov.uncovered
    assert cov.own + cov.joint + cov.work_only + cov.uncovered == cov.total


def test_refuses_to_overwrite_without_force(demo, tmp_path):
    path = tmp_path / "mine.partydesk"
    path.write_bytes(b"precious")
    with pytest.raises(LedgerError, match="--force"):
        build_demo(path, units=5, members=10, today=TODAY)
    assert path.read_bytes() == b"precious"
    build_demo(path, units=5, members=10, today=TODAY, force=True)
    assert q(path, "SELECT count(*) FROM person") == [(10,)]


@pytest.mark.parametrize("units, members", [(1, 0), (1, 1), (2, 7), (13, 40)])
def test_tiny_ledgers(tmp_path, units, members):
    path = tmp_path / "tiny.partydesk"
    build_demo(path, units=units, members=members, today=TODAY)
    assert q(path, "SELECT count(*) FROM unit") == [(units,)]
    assert q(path, "SELECT count(*) FROM person") == [(members,)]
    assert q(path, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize("units, members", [(0, 10), (10, -1)])
def test_bad_sizes(tmp_path, units, members):
    with pytest.raises(ValidationError):
        build_demo(tmp_path / "x.partydesk", units=units, members=members, today=TODAY)
    assert not (tmp_path / "x.partydesk").exists()


def test_streamed_build_equals_rows_generated_at_once(tmp_path, monkeypatch):
    """build_demo writes while generating (in chunks); the result is exactly the rows
    `core.generate` makes in one go (which the benchmark's floor writes)."""
    from partydesk.demo import core

    monkeypatch.setattr(core.CoreGenerator, "CHUNK", 37)
    streamed = tmp_path / "streamed.partydesk"
    counts = build_demo(streamed, units=30, members=400, seed=5, today=TODAY)
    data = core.generate(30, 400, 5, TODAY)
    assert counts == data.counts()
    at_once = tmp_path / "at_once.partydesk"
    with open_ledger(at_once, create=True) as lg, lg.engine.begin() as conn:
        core.write(conn, data)
    a, b = dump(streamed), dump(at_once)
    for table in core.TABLE_ORDER:
        assert a[table] == b[table], table
    assert len(a["person"]) == 400


def test_generator_failure_leaves_nothing(tmp_path, monkeypatch):
    from partydesk.demo import core

    def boom(self, units, orgs):
        raise RuntimeError("boom")

    monkeypatch.setattr(core.CoreGenerator, "make_instructors", boom)
    path = tmp_path / "x.partydesk"
    with pytest.raises(RuntimeError, match="boom"):
        build_demo(path, units=20, members=100, today=TODAY)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (1234, "一千二百三十四"),
        (10000, "10000"),
    ],
)
def test_chinese_numerals_for_branch_names(n, text):
    from partydesk.demo.core import cn_num

    assert cn_num(n) == text


def test_few_units_many_people(tmp_path):
    """A few huge units: committees with many branches, every person placed."""
    path = tmp_path / "dense.partydesk"
    build_demo(path, units=4, members=6000, today=TODAY)
    assert q(path, "SELECT count(*) FROM person") == [(6000,)]
    assert q(path, "SELECT count(*) FROM organization WHERE org_type = 'committee'")[0][0] >= 2


def test_names_sort_by_pinyin_as_if_typed_in_the_window(demo):
    """The demo writes rows in bulk, but each name's sort key is the one the ORM keeps
    for a name typed in (张 sorts under zhang, a unit's name reads no surname)."""
    from partydesk.rules.pinyin import sort_key

    path, _counts = demo
    for table, person in (("person", True), ("instructor", True), ("unit", False)):
        rows = q(path, f"SELECT name, sort_name FROM {table}")
        assert rows and all(key == sort_key(name, person) for name, key in rows), table
