"""work records (工作纪实): work_record, attendance, appraisal

Revision ID: 0002_work
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_work"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_record",
        sa.Column("org_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("host", sa.String(length=50), nullable=True),
        sa.Column("recorder", sa.String(length=50), nullable=True),
        sa.Column("expected_count", sa.Integer(), nullable=True),
        sa.Column("topics", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("resolutions", sa.Text(), nullable=True),
        sa.Column("votes", sa.Text(), nullable=True),
        sa.Column("lecturer", sa.String(length=50), nullable=True),
        sa.Column("lesson_title", sa.String(length=200), nullable=True),
        sa.Column("problems", sa.Text(), nullable=True),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("people_met", sa.Text(), nullable=True),
        sa.Column("problems_raised", sa.Text(), nullable=True),
        sa.Column("problems_solved", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_work_record_instructor_id_instructor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_work_record_org_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_work_record_unit_id_unit"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_record")),
        sa.UniqueConstraint("uuid", name=op.f("uq_work_record_uuid")),
    )
    with op.batch_alter_table("work_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_work_record_instructor_held", ["instructor_id", "held_at"], unique=False
        )
        batch_op.create_index("ix_work_record_kind_held", ["kind", "held_at"], unique=False)
        batch_op.create_index(
            "ix_work_record_org_year_kind", ["org_id", "year", "kind", "seq"], unique=False
        )
        batch_op.create_index("ix_work_record_unit_held", ["unit_id", "held_at"], unique=False)

    op.create_table(
        "appraisal",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_appraisal_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["work_record.id"],
            name=op.f("fk_appraisal_record_id_work_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal")),
        sa.UniqueConstraint("uuid", name=op.f("uq_appraisal_uuid")),
    )
    with op.batch_alter_table("appraisal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appraisal_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ux_appraisal_record_person", ["record_id", "person_id"], unique=True)

    op.create_table(
        "attendance",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("name_text", sa.String(length=50), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_attendance_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["work_record.id"],
            name=op.f("fk_attendance_record_id_work_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attendance_uuid")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_attendance_record", ["record_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_record")
        batch_op.drop_index(batch_op.f("ix_attendance_person_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("appraisal", schema=None) as batch_op:
        batch_op.drop_index("ux_appraisal_record_person")
        batch_op.drop_index(batch_op.f("ix_appraisal_person_id"))

    op.drop_table("appraisal")
    with op.batch_alter_table("work_record", schema=None) as batch_op:
        batch_op.drop_index("ix_work_record_unit_held")
        batch_op.drop_index("ix_work_record_org_year_kind")
        batch_op.drop_index("ix_work_record_kind_held")
        batch_op.drop_index("ix_work_record_instructor_held")

    op.drop_table("work_record")
