"""The audit log (操作日志): every change path records who, when, what, old and new."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, insert, select, update

from partydesk import applock, audit
from partydesk.cli import main
from partydesk.ledger import migrate, open_ledger
from partydesk.ledger.db import make_engine
from partydesk.ledger.models import Organization, Person, Unit
from partydesk.ledger.models.audit import AuditEntry


def _log(ledger, **kw):
    with ledger.session() as s:
        return [
            (
                e.action,
                e.table_name,
                e.label,
                json.loads(e.old_values or "null"),
                json.loads(e.new_values or "null"),
                e.who,
                e.record_id,
            )
            for e in audit.query(s, audit.AuditFilter(**kw))
        ][::-1]  # oldest first


def test_edit_import_delete_are_all_logged(ledger, capsys):
    ledger.operator = "王干事"
    with ledger.session() as s:
        org = Organization(name="中共红星物流有限公司支部委员会")
        s.add(org)
        s.flush()
        p = Person(name="张伟", phone="13800000000", org_id=org.id)
        s.add(p)
    with ledger.session() as s:  # an edit through a form
        p = s.get(Person, p.id)
        p.phone = "13900000000"
        p.job = "仓库主管"
    with ledger.session() as s:  # an import that bypasses the ORM and says so itself
        rows = [{"name": f"导入{i}", "org_id": org.id} for i in range(3)]
        s.execute(insert(Person), rows)
        audit.log(
            s,
            "import",
            "person",
            label="导入党员名册.xlsx：3 人",
            new={"文件": "党员名册.xlsx", "行数": 3},
        )
    with ledger.session() as s:  # a bulk edit
        s.execute(update(Person).where(Person.name.like("导入%")).values(job="快递员"))
    with ledger.session() as s:  # a delete
        s.delete(s.get(Person, p.id))
    with ledger.session() as s:  # a bulk delete
        s.execute(delete(Person).where(Person.name == "导入0"))

    log = _log(ledger)
    assert [(a, t) for a, t, *_ in log] == [
        ("insert", "organization"),
        ("insert", "person"),
        ("update", "person"),
        ("import", "person"),
        ("bulk_update", "person"),  # one entry per record, with what it overwrote
        ("bulk_update", "person"),
        ("bulk_update", "person"),
        ("delete", "person"),
        ("bulk_delete", "person"),
    ]
    assert {who for *_, who, _ in log} == {_who(ledger, "王干事")}
    ins = log[1]
    assert ins[2] == "张伟" and ins[4]["phone"] == "13800000000" and ins[6] == p.id
    upd = log[2]
    assert upd[3] == {"phone": "13800000000", "job": None}
    assert upd[4] == {"phone": "13900000000", "job": "仓库主管"}
    assert log[3][2] == "导入党员名册.xlsx：3 人" and log[3][4]["行数"] == 3
    assert {e[2] for e in log[4:7]} == {"导入0", "导入1", "导入2"}
    assert all(e[3] == {"job": None} and e[4] == {"job": "快递员"} for e in log[4:7])
    assert log[7][2] == "张伟" and log[7][3]["phone"] == "13900000000" and log[7][4] is None
    assert log[8][2] == "导入0" and log[8][3]["name"] == "导入0" and log[8][4] is None

    # The command line filters and shows it; -o exports it.
    assert (
        main(["audit", "--ledger", ledger.location, "--table", "person", "--action", "删除"]) == 0
    )
    out = capsys.readouterr().out
    assert (
        f"{_who(ledger, '王干事')}  删除  党员与发展对象  张伟" in out
        and "原值：" in out
        and "新增" not in out
    )


def test_failed_change_leaves_no_entry(ledger):
    with pytest.raises(RuntimeError), ledger.session() as s:
        s.add(Unit(name="未保存的单位"))
        s.flush()
        raise RuntimeError("user cancelled")
    assert _log(ledger) == []


def test_unchanged_save_and_audit_table_itself_are_not_logged(ledger):
    with ledger.session() as s:
        u = Unit(name="单位A")
        s.add(u)
    with ledger.session() as s:
        u = s.get(Unit, u.id)
        u.name = "单位A"  # same value: nothing changed
    assert [a for a, *_ in _log(ledger)] == ["insert"]


def test_filters_and_export(ledger, tmp_path, capsys):
    ledger.operator = "甲"
    with ledger.session() as s:
        s.add(Unit(name="甲单位"))
    ledger.operator = "乙"
    with ledger.session() as s:
        s.add(Person(name="乙党员"))
    with ledger.session() as s:
        assert [e.label for e in audit.query(s, audit.AuditFilter(who="乙"))] == ["乙党员"]
        assert [e.label for e in audit.query(s, audit.AuditFilter(table="两新组织"))] == ["甲单位"]
        assert [e.label for e in audit.query(s, audit.AuditFilter(text="甲"))] == ["甲单位"]
        assert audit.query(s, audit.AuditFilter(since=date.today() + timedelta(days=1))) == []
        assert len(audit.query(s, audit.AuditFilter(since=date.today(), until=date.today()))) == 2
    out = tmp_path / "日志.xlsx"
    assert (
        main(
            [
                "audit",
                "--ledger",
                ledger.location,
                "--since",
                date.today().isoformat(),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "已导出操作日志 2 条" in capsys.readouterr().out
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == tuple(audit.HEADERS)
    assert rows[1][1:4] == (_who(ledger, "乙"), "新增", "党员与发展对象") and rows[1][5] == "乙党员"
    assert "名称=甲单位" in rows[2][7] and "规上=否" in rows[2][7]
    assert main(["audit", "--ledger", ledger.location, "--since", "昨天"]) == 1
    assert "不是日期" in capsys.readouterr().err


def test_migration_adds_the_audit_table(tmp_path):
    path = tmp_path / "old.partydesk"
    engine = make_engine(path)
    migrate.upgrade(engine, "0001_core")
    engine.dispose()
    with open_ledger(path) as lg:
        with lg.session() as s:
            assert s.scalars(select(AuditEntry)).all() == []
            s.add(Unit(name="升级后"))
        assert _log(lg)[0][2] == "升级后"


@pytest.mark.sqlite_only("reads the bytes of the ledger file")
def test_password_hash_is_salted_and_never_in_the_log(ledger, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("开门口令九九\n开门口令九九\n"))
    assert main(["password", "set", "--ledger", ledger.location]) == 0
    assert applock.check(ledger, "开门口令九九") and not applock.check(ledger, "开门口令八八")
    raw = ledger.path.read_bytes() + ledger.path.with_name(ledger.path.name + "-wal").read_bytes()
    assert "开门口令九九".encode() not in raw
    with ledger.session() as s:
        stored = json.loads(
            s.scalar(select(AuditEntry.new_values).where(AuditEntry.table_name == "setting"))
        )
    assert stored["value"] == "***"
    # A second ledger with the same password stores a different hash (salted).
    from partydesk import settings

    with ledger.session() as s:
        h1 = settings.get(s, "app_lock")["hash"]
    applock.set_password(ledger, "开门口令九九", old="开门口令九九")
    with ledger.session() as s:
        assert settings.get(s, "app_lock")["hash"] != h1
    monkeypatch.setattr("sys.stdin", io.StringIO("错的\n"))
    assert main(["password", "clear", "--ledger", ledger.location]) == 1
    assert "密码不对" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("开门口令九九\n"))
    assert main(["password", "clear", "--ledger", ledger.location]) == 0
    assert not applock.is_set(ledger)


def test_log_accepts_summary_as_label(ledger):
    with ledger.session() as s:
        audit.log(s, "import", "person", summary="从“名册.xlsx”导入党员：新增3条")
    assert _log(ledger)[0][2] == "从“名册.xlsx”导入党员：新增3条"


def test_ledger_without_the_audit_table_still_saves(tmp_path):
    """A ledger without the audit table (its schema from before the log) is written
    without a log entry. (Today's tables otherwise: a schema older than the records'
    versions is only ever opened read-only without upgrading.)"""
    path = tmp_path / "old.partydesk"
    engine = make_engine(path)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE audit_log")
    engine.dispose()
    with open_ledger(path, upgrade=False) as lg:
        with lg.session() as s:
            s.add(Unit(name="旧版账本"))
        with lg.session() as s:
            assert s.scalar(select(Unit.name)) == "旧版账本"


def _who(ledger, operator: str) -> str:
    """The 操作人 shown for a named operator: on a server ledger with its login account."""
    if not ledger.is_server:
        return operator
    return f"{operator}（{ledger.server.user}）"
