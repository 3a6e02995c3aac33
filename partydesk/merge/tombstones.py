"""The record of deletions (tombstones): an AFTER DELETE trigger on every merged table
writes the table and the record's UUID to `deleted_record`.

A trigger, not a session listener, because records go in many ways — a cell, the CLI, a
cascade from a deleted parent (the database deletes a person's points, dues and history
itself), bulk and raw SQL — and a merge must carry every one of them over. A migration
that adds a merged table calls `install(connection, [table])`; a test checks that every
merged table has its trigger."""

from __future__ import annotations

import sqlalchemy as sa

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION partydesk_tombstone() RETURNS trigger AS $$
BEGIN
  INSERT INTO deleted_record (table_name, record_uuid, deleted_at)
  VALUES (TG_TABLE_NAME, OLD.uuid, (now() AT TIME ZONE 'utc'));
  RETURN OLD;
END
$$ LANGUAGE plpgsql
"""


def trigger_name(table: str) -> str:
    return f"{table}_tombstone"


def install(conn, tables) -> None:
    """Create the tombstone trigger on each table (idempotent)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(PG_FUNCTION)
        for t in tables:
            conn.exec_driver_sql(
                f"CREATE OR REPLACE TRIGGER {trigger_name(t)} AFTER DELETE ON {t} "
                "FOR EACH ROW EXECUTE FUNCTION partydesk_tombstone()"
            )
        return
    for t in tables:
        conn.exec_driver_sql(
            f"CREATE TRIGGER IF NOT EXISTS {trigger_name(t)} AFTER DELETE ON {t} BEGIN "
            "INSERT INTO deleted_record (table_name, record_uuid, deleted_at) "
            f"VALUES ('{t}', old.uuid, datetime('now')); END"
        )


def tables_with_trigger(conn) -> set[str]:
    """The tables that have their tombstone trigger."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            sa.text("SELECT event_object_table, trigger_name FROM information_schema.triggers")
        )
    else:
        rows = conn.execute(
            sa.text("SELECT tbl_name, name FROM sqlite_master WHERE type='trigger'")
        )
    return {t for t, name in rows if name == trigger_name(t)}


def deleted_uuids(conn, table: str) -> set[str]:
    rows = conn.execute(
        sa.text("SELECT record_uuid FROM deleted_record WHERE table_name = :t"), {"t": table}
    )
    return {r[0] for r in rows}
