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
