"""an index on the people's birth dates in the order tables show them (empty dates last)

Revision ID: 0019_birthorder
Revises: 0017_shortsearch

Sorting the people table by 出生日期 (the age lists clerks draw up: 35 岁以下, 年满 18) read
and sorted every row, 0.3 s at 300,000 people, because tables put empty dates last
(`ORDER BY birth_date IS NULL, birth_date, id`), which a plain index on the column cannot
serve. This index holds exactly that order, so the first screen of such a sort is read
from it at once, and a search while so sorted can walk it (partydesk.ledger.listing).
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_birthorder"
down_revision = "0017_shortsearch"
branch_labels = None
depends_on = None

INDEX = "ix_person_birth_order"


def upgrade() -> None:
    op.create_index(INDEX, "person", [sa.text("(birth_date IS NULL)"), "birth_date"])


def downgrade() -> None:
    op.drop_index(INDEX, "person")
