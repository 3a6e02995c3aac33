"""safety: the audit log's chain, versioned certificate check values

Revision ID: 0010_safety
Revises: 0008_develop
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_safety"
down_revision = "0008_develop"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain", sa.String(length=64), nullable=True))
    # Certificates issued before carry the old check value (version 1, over the serial).
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("check_version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("check_version")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("chain")
