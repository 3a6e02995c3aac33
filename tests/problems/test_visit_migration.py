"""A ledger from before visits could name several units keeps its visits' one unit."""

import re
import sqlite3

from sqlalchemy import text

from partydesk.ledger import migrate, open_ledger
from partydesk.ledger.db import make_engine
from partydesk.records.visits import unit_names
from tests.ledger.test_migration import make_first_revision_ledger


def test_old_visit_keeps_its_unit(tmp_path):
    path = tmp_path / "old.partydesk"
    make_first_revision_ledger(path)
    engine = make_engine(path)
    migrate.upgrade(engine, "0006_audit")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO work_record (id, kind, year, seq, held_at, instructor_id, unit_id, "
        "people_met, uuid, created_at, updated_at) VALUES (7, 'visit', 2025, 1, "
        "'2025-03-04 09:00:00.000000', 1, 2, '王经理', 'aaaaaaaa-0000-4000-8000-000000000007', "
        "'2025-03-04 10:00:00.000000', '2025-03-04 10:00:00.000000')"
    )
    con.commit()
    con.close()
    with open_ledger(path) as ledger, ledger.session() as s:
        assert unit_names(s, [7]) == {7: ["瑞丰商贸有限公司"]}
        (uuid,) = s.execute(text("SELECT uuid FROM visit_unit")).one()
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", uuid
        )
