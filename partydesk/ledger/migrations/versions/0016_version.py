"""record versions (several clerks on one ledger)

Revision ID: 0016_version
Revises: 0012_workunit

Every record table gets `version` (1 for the rows already there): the ORM writes each
UPDATE and DELETE with the version it read, so a change someone else saved in between
is refused instead of overwritten. The tables are those of the ledger itself that carry
a record UUID, so whichever tables earlier revisions made get the column.

Also `account_lane` (which streets a server account's lane holds, read by row-level
security) and, on PostgreSQL, `partydesk_audit_last()`: the 操作日志's last entry, which
every clerk's next entry chains to, even where their own lane hides the entry itself.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_version"
down_revision = "0012_workunit"
branch_labels = None
depends_on = None


def _record_tables(with_version: bool) -> list[str]:
    insp = sa.inspect(op.get_bind())
    out = []
    for name in insp.get_table_names():
        cols = {c["name"] for c in insp.get_columns(name)}
        if "uuid" in cols and ("version" in cols) == with_version:
            out.append(name)
    return sorted(out)


AUDIT_LAST = """
CREATE OR REPLACE FUNCTION partydesk_audit_last(OUT id integer, OUT chain varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1
$$
"""


def upgrade() -> None:
    op.create_table(
        "account_lane",
        sa.Column("account", sa.String(63), nullable=False),
        sa.Column("street", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("account", "street", name="pk_account_lane"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AUDIT_LAST)
    # ADD COLUMN with a constant default changes only the schema (SQLite, PostgreSQL
    # 11+), so a county ledger of 300,000 people upgrades at once.
    for name in _record_tables(with_version=False):
        op.add_column(name, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS partydesk_audit_last()")
    op.drop_table("account_lane")
    for name in _record_tables(with_version=True):
        with op.batch_alter_table(name) as batch:
            batch.drop_column("version")
