"""certificate batches: what was issued together, to print or reprint together

Revision ID: 0013_certbatch
Revises: 0011_search

Certificates issued before have no recorded batch; they are put in one batch per kind and
day of issue (how an office remembers them: "the instructor certificates of 5 January").
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0013_certbatch"
down_revision = "0011_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate_batch",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_batch")),
        sa.UniqueConstraint("uuid", name=op.f("uq_certificate_batch_uuid")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_certificate_batch_id"), ["batch_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_certificate_batch_id_certificate_batch"),
            "certificate_batch",
            ["batch_id"],
            ["id"],
            ondelete="SET NULL",
        )
    conn = op.get_bind()
    groups = conn.execute(
        sa.text(
            "SELECT kind, issued_on, COUNT(*), MIN(created_at) FROM certificate "
            "GROUP BY kind, issued_on ORDER BY issued_on, kind"
        )
    ).all()
    for kind, issued_on, size, created in groups:
        conn.execute(
            sa.text(
                "INSERT INTO certificate_batch (kind, issued_on, size, uuid, created_at, "
                "updated_at) VALUES (:k, :d, :n, :u, :c, :c)"
            ),
            {"k": kind, "d": issued_on, "n": size, "u": str(uuid.uuid4()), "c": created},
        )
    conn.execute(
        sa.text(
            "UPDATE certificate SET batch_id = (SELECT b.id FROM certificate_batch b "
            "WHERE b.kind = certificate.kind AND b.issued_on = certificate.issued_on)"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_certificate_batch_id_certificate_batch"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_certificate_batch_id"))
        batch_op.drop_column("batch_id")
    op.drop_table("certificate_batch")
