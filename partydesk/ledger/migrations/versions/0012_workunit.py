"""a person's 工作单位 kept as text when it is not a unit of the ledger

Revision ID: 0012_workunit
Revises: 0013_certbatch

A roster names the place a member works; until that unit is entered in the ledger the
name is kept in person.unit_text (the import and the editors used to drop it).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_workunit"
down_revision = "0013_certbatch"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch copy: recreating person would drop its search triggers.
def upgrade() -> None:
    op.add_column("person", sa.Column("unit_text", sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column("person", "unit_text")
