"""pinyin sort keys of names (sort_name on person, instructor, unit, organization)

Revision ID: 0014_sortkey
Revises: 0016_version

Tables sort names in pinyin order (陈 李 刘 王 张 赵), as WPS and Excel do, through an
indexed key column kept by the program (partydesk.rules.pinyin); the keys of the rows
already there are computed here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_sortkey"
down_revision = "0016_version"
branch_labels = None
depends_on = None

TABLES = ("person", "instructor", "unit", "organization")


def upgrade() -> None:
    for t in TABLES:
        # a plain ADD COLUMN: a rebuilt table would lose the search triggers of 0011
        op.add_column(t, sa.Column("sort_name", sa.String(400), nullable=True))
        op.create_index(f"ix_{t}_sort_name", t, ["sort_name"])
    from partydesk.ledger.sortkeys import fill_missing

    fill_missing(op.get_bind(), list(TABLES))


def downgrade() -> None:
    for t in TABLES:
        op.drop_index(f"ix_{t}_sort_name", t)
        with op.batch_alter_table(t) as b:
            b.drop_column("sort_name")
