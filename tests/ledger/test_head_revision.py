"""The newest schema revision, read from the migration files without Alembic, is the one
Alembic itself names as head."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from partydesk.ledger import migrate


def test_head_read_from_the_files_is_alembics_head():
    alembic_head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert migrate.head_revision() == alembic_head
