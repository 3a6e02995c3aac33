"""The newest schema revision is read from the migration files without Alembic, and is
the one Alembic itself names as head."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from partydesk.ledger import migrate


def test_head_read_from_the_files_is_alembics_head():
    alembic_head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert migrate.head_revision() == alembic_head


def test_revision_lines_of_a_merge():
    text = 'revision = "0020_x"\ndown_revision = ("0018_a", "0019_b")\nbranch_labels = None\n'
    assert migrate._revision_ids(text) == ("0020_x", ("0018_a", "0019_b"))
    assert migrate._revision_ids('revision: str = "0001_core"\ndown_revision = None\n') == (
        "0001_core",
        (),
    )
