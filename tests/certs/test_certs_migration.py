from sqlalchemy import inspect

from partydesk.ledger.db import make_engine
from partydesk.ledger.migrate import upgrade
from partydesk.ledger.models import Base


def test_core_ledger_upgrades_to_certs_and_matches_models(tmp_path):
    engine = make_engine(tmp_path / "old.partydesk")
    upgrade(engine, "0001_core")
    assert not inspect(engine).has_table("certificate")
    upgrade(engine, "head")
    insp = inspect(engine)
    for name in (
        "instructor_assessment",
        "qualification",
        "qualification_event",
        "certificate_template",
        "certificate",
        "certificate_serial",
        "serial_counter",
    ):
        table = Base.metadata.tables[name]
        cols = {c["name"] for c in insp.get_columns(name)}
        assert cols == {c.name for c in table.columns}, name
        idx = {i["name"] for i in insp.get_indexes(name)}
        assert idx == {i.name for i in table.indexes}, name
    engine.dispose()


def test_each_ledger_gets_its_own_secret_and_a_read_only_ledger_verifies(tmp_path):
    from datetime import date

    from partydesk.certs import registry
    from partydesk.ledger import open_ledger

    a = open_ledger(tmp_path / "a.partydesk", create=True)
    b = open_ledger(tmp_path / "b.partydesk", create=True)
    with a.session() as s, b.session() as t:
        assert registry.ledger_secret(s) != registry.ledger_secret(t)
        c = registry.issue(
            s, "instructor", [registry.Holder("王建国")], issued_on=date(2026, 1, 5)
        )[0]
        check = registry.certificate_check(s, c)
    a.close()
    b.close()
    ro = open_ledger(tmp_path / "a.partydesk", readonly=True)
    with ro.session() as s:
        assert registry.verify(s, c.serial, check, today=date(2026, 2, 1)).ok
    ro.close()


def test_certificates_issued_before_batches_get_one_batch_per_kind_and_day(tmp_path):
    import sqlite3

    from partydesk.certs import batches
    from partydesk.ledger import open_ledger

    path = tmp_path / "old.partydesk"
    engine = make_engine(path)
    upgrade(engine, "0011_search")
    engine.dispose()
    con = sqlite3.connect(path)
    rows = [
        ("instructor", "2026ZD0001", "王芳", "2026-01-05"),
        ("instructor", "2026ZD0002", "李建国", "2026-01-05"),
        ("instructor", "2026ZD0003", "欧阳华超", "2026-03-01"),
        ("party_affairs", "2026HL0001", "张伟", "2026-01-05"),
    ]
    for n, (kind, serial, name, on) in enumerate(rows):
        con.execute(
            "INSERT INTO certificate (kind, serial, check_version, holder_name, title, body, "
            "issuer, issued_on, status, printed_count, uuid, created_at, updated_at) "
            "VALUES (?, ?, 2, ?, '聘书', '兹聘请', '中共某街道工委', ?, 'valid', 1, ?, "
            "'2026-01-05 08:00:00', '2026-01-05 08:00:00')",
            (kind, serial, name, on, f"00000000-0000-4000-8000-{n:012d}"),
        )
    con.commit()
    con.close()
    lg = open_ledger(path)
    with lg.session() as s:
        got = {(b.kind, str(b.issued_on)): (b.size, b.first, b.last) for b in batches.batches(s)}
        assert got == {
            ("instructor", "2026-01-05"): (2, "2026ZD0001", "2026ZD0002"),
            ("instructor", "2026-03-01"): (1, "2026ZD0003", "2026ZD0003"),
            ("party_affairs", "2026-01-05"): (1, "2026HL0001", "2026HL0001"),
        }
    lg.close()
