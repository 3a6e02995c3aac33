"""A tamper-evident 操作日志: every entry chained by a keyed hash (the key outside the
ledger); `check` names the first edited or deleted entry; bulk changes and imports log the
old values they overwrite; the log speaks a clerk's words (labels and names, no SQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from partydesk import audit
from partydesk.audit import chain
from partydesk.cli import main
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.audit import AuditEntry
from tests import raw


@pytest.fixture
def logged(ledger):
    with ledger.session() as s:
        org = Organization(name="星光科技党支部")
        s.add(org)
        s.flush()
        for i in range(5):
            s.add(Person(name=f"党员{i}", phone=f"1380000000{i}", org_id=org.id))
    with ledger.session() as s:
        for p in s.scalars(select(Person)):
            p.job = "技术员"
    return ledger


def _entries(ledger):
    with ledger.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def test_a_fresh_log_verifies(logged, capsys):
    with logged.session() as s:
        rep = chain.verify(s)
    assert rep.ok and rep.checked == len(_entries(logged)) >= 11
    assert main(["check", "--ledger", logged.location]) in (0, 3)
    assert "操作日志被改动" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_log SET who='别人' WHERE id=4",
        "UPDATE audit_log SET at='2020-01-01 00:00:00.000000' WHERE id=4",
        'UPDATE audit_log SET old_values=NULL, new_values=\'{"job": "无"}\' WHERE id=4',
        "DELETE FROM audit_log WHERE id=4",
    ],
)
def test_an_edited_or_deleted_entry_is_named_by_check(logged, tamper, capsys):
    path = logged.location
    logged.close()
    conn = raw.connect(path)
    conn.execute(tamper)
    conn.commit()
    conn.close()
    rc = main(["check", "--ledger", str(path)])
    out = capsys.readouterr().out
    assert rc == 4
    first = 5 if tamper.startswith("DELETE") else 4  # after a deletion the next one breaks
    assert f"操作日志第 {first} 条" in out and "被改动、删除或插入过" in out


@pytest.mark.sqlite_only("reads the bytes of the ledger file")
def test_the_key_is_not_in_the_ledger(logged):
    path = logged.path
    logged.close()
    from partydesk import keys

    wal = path.with_name(path.name + "-wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    key_files = list(keys.keys_folder().glob("*.key"))
    assert key_files
    for f in key_files:
        import json

        key = bytes.fromhex(json.loads(f.read_text())["key"])
        assert key not in raw and key.hex().encode() not in raw


def test_bulk_update_logs_old_values_per_record(logged):
    with logged.session() as s:
        ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        s.execute(update(Person), [{"id": i, "phone": f"1390000000{n}"} for n, i in enumerate(ids)])
    with logged.session() as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "bulk_update")
            .order_by(AuditEntry.id.desc())
        ).all()[:5]
        texts = [audit.entry_row(e, audit.Names(s)) for e in rows]
    olds = sorted(t[6] for t in texts)
    assert olds == [f"手机号=1380000000{n}" for n in range(5)]
    assert all(t[7].startswith("手机号=139") for t in texts)
    assert {t[5] for t in texts} == {f"党员{n}" for n in range(5)}


def test_where_bulk_update_logs_old_values_and_no_sql(logged):
    with logged.session() as s:
        s.execute(update(Person).where(Person.name.like("党员%")).values(job="司机"))
    with logged.session() as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "bulk_update")
            .order_by(AuditEntry.id.desc())
        ).all()[:5]
        texts = [audit.entry_row(e, audit.Names(s)) for e in rows]
    assert all(t[6] == "工作岗位=技术员" and t[7] == "工作岗位=司机" for t in texts)
    assert not any(
        "WHERE" in " ".join(map(str, t)) or "LIKE" in " ".join(map(str, t)) for t in texts
    )


def test_the_log_names_the_organization_not_its_id(logged):
    with logged.session() as s:
        e = s.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "person", AuditEntry.action == "insert"
            )
        ).first()
        row = audit.entry_row(e, audit.Names(s))
    assert "所在党组织=星光科技党支部" in row[7]


def test_import_overwriting_phone_numbers_logs_the_old_ones(logged, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "手机号", "所在党支部"])
    for i in range(5):
        ws.append([f"党员{i}", f"1370000000{i}", "星光科技党支部"])
    f = tmp_path / "名册.xlsx"
    wb.save(f)
    assert main(["import", "people", str(f), "--ledger", logged.location]) == 0
    with logged.session() as s:
        rows = s.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "bulk_update", AuditEntry.table_name == "person"
            )
        ).all()
        olds = {audit.entry_row(e)[6] for e in rows}
    assert {f"手机号=1380000000{i}" for i in range(5)} <= olds


@pytest.mark.sqlite_only("a server ledger hands its key to the clerks' PCs")
def test_key_export_and_import_on_another_pc(logged, tmp_path, capsys):
    import shutil

    from partydesk import keys

    safe = tmp_path / "保险柜" / "账本密钥.key"
    assert main(["key", "export", str(safe), "--ledger", logged.location]) == 0
    path = logged.location
    logged.close()
    shutil.rmtree(keys.keys_folder())  # another PC: no key file
    assert main(["check", "--ledger", str(path)]) == 3
    assert "无法核验操作日志" in capsys.readouterr().out
    assert main(["key", "import", str(safe), "--ledger", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--ledger", str(path)]) in (0, 3)
    assert "操作日志" not in capsys.readouterr().out
