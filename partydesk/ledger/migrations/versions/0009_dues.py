"""party dues (党费): bases, reliefs, payments

Revision ID: 0009_dues
Revises: 0006_audit
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_dues"
down_revision = "0006_audit"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "dues_base",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("base_fen", sa.Integer(), nullable=True),
        sa.Column("due_fen", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.String(length=50), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_dues_base_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_base")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dues_base_uuid")),
    )
    op.create_index(
        "ix_dues_base_person_month", "dues_base", ["person_id", "start_month"], unique=False
    )
    op.create_table(
        "dues_relief",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("from_month", sa.Integer(), nullable=False),
        sa.Column("to_month", sa.Integer(), nullable=False),
        sa.Column("due_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(length=100), nullable=True),
        sa.Column("entered_by", sa.String(length=50), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_dues_relief_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_relief")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dues_relief_uuid")),
    )
    op.create_index(op.f("ix_dues_relief_person_id"), "dues_relief", ["person_id"], unique=False)
    op.create_table(
        "dues_payment",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.String(length=50), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=True),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_dues_payment_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_dues_payment_org_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["dues_payment.id"],
            name=op.f("fk_dues_payment_reverses_id_dues_payment"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_payment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dues_payment_uuid")),
    )
    op.create_index(
        "ix_dues_payment_person_month",
        "dues_payment",
        ["person_id", "month", "amount_fen"],
        unique=False,
    )
    op.create_index("ix_dues_payment_org_month", "dues_payment", ["org_id", "month"], unique=False)
    op.create_index(
        op.f("ix_dues_payment_reverses_id"), "dues_payment", ["reverses_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("dues_payment")
    op.drop_table("dues_relief")
    op.drop_table("dues_base")
