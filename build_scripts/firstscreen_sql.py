"""Write partydesk/ledger/firstscreen_sql.py: each table page's first-screen SQL (our
listing's statement of its default view, for SQLite, values inline), the columns and how
their values are shown, and the schema revision it is valid for. Run it after changing a
table's columns, the listing's SQL or the schema (`python build_scripts/firstscreen_sql.py`);
tests/ledger/test_firstscreen.py says when it is due."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAD = '''"""The first screen of each table page, for partydesk.ledger.firstscreen.

Written by build_scripts/firstscreen_sql.py from partydesk.ledger.listing; do not edit by
hand."""

'''


def tables() -> dict:
    from sqlalchemy.dialects import sqlite

    from partydesk.ledger import fields as F
    from partydesk.ledger import listing
    from partydesk.ledger.firstscreen import ROWS
    from partydesk.ledger.listing import ListQuery

    out = {}
    for entity in ("unit", "org", "person"):
        cols = listing.columns(entity)
        names = [c.name for c in cols]
        stmt = listing.rows_statement(ListQuery(entity), names, limit=ROWS)
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        ent = F.entity(entity)
        enums = [
            {m.value: m.label for m in ent.field(c.field).enum}
            if c.field is not None and c.kind == "enum"
            else None
            for c in cols
        ]
        out[entity] = {
            "names": names,
            "labels": [c.label for c in cols],
            "kinds": [c.kind for c in cols],
            "enums": enums,
            "sql": sql,
        }
    return out


def text() -> str:
    from partydesk.ledger.migrate import head_revision

    return HEAD + f"REVISION = {head_revision()!r}\n\nTABLES = {tables()!r}\n"


if __name__ == "__main__":
    target = ROOT / "partydesk" / "ledger" / "firstscreen_sql.py"
    target.write_text(text(), encoding="utf-8")
    subprocess.run(["ruff", "format", "--quiet", str(target)], check=False)  # as lint wants it
