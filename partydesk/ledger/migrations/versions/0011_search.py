"""search index (FTS5 trigram tables kept in step by triggers)

Revision ID: 0011_search
Revises: 0010_safety

Each searched table gets an external-content FTS5 table with the trigram tokenizer over
its own searched columns, and insert/update/delete triggers, so every write — the ORM,
bulk and raw SQL alike — keeps the index in step. The index is filled from the rows
already there. (A frozen copy of the layout in partydesk.ledger.search.INDEXED.)

On PostgreSQL the same columns get pg_trgm GIN indexes instead (a trusted extension: the
database's owner may create it), which serve the LIKE '%word%' the search runs there.
"""

from alembic import op

revision = "0011_search"
down_revision = "0010_safety"
branch_labels = None
depends_on = None

INDEXED = {
    "person": ("person_search", ("name", "id_number", "phone", "job")),
    "organization": ("org_search", ("name", "short_name", "street")),
    "unit": ("unit_search", ("name", "credit_code", "legal_rep", "street", "address", "industry")),
    "instructor": ("instructor_search", ("name", "id_number", "phone", "home_unit", "post")),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for tbl, (fts, cols) in INDEXED.items():
            for c in cols:
                op.execute(f"CREATE INDEX {fts}_{c} ON {tbl} USING gin ({c} gin_trgm_ops)")
        return
    for tbl, (fts, cols) in INDEXED.items():
        c = ", ".join(cols)
        new = ", ".join(f"new.{x}" for x in cols)
        old = ", ".join(f"old.{x}" for x in cols)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({c}, content='{tbl}', "
            "content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {tbl} BEGIN "
            f"INSERT INTO {fts}(rowid, {c}) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {tbl} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {c}) VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {c} ON {tbl} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {c}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, {c}) VALUES (new.id, {new}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for _tbl, (fts, cols) in INDEXED.items():
            for c in cols:
                op.execute(f"DROP INDEX IF EXISTS {fts}_{c}")
        return
    for fts, _ in INDEXED.values():
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
