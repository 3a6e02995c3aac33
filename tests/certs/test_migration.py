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
    for name in ("instructor_assessment", "qualification", "qualification_event",
                 "certificate_template", "certificate", "certificate_serial", "serial_counter"):
        table = Base.metadata.tables[name]
        cols = {c["name"] for c in insp.get_columns(name)}
        assert cols == {c.name for c in table.columns}, name
        idx = {i["name"] for i in insp.get_indexes(name)}
        assert idx == {i.name for i in table.indexes}, name
    engine.dispose()
