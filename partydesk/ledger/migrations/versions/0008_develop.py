"""development steps (发展党员纪实), problems (问题清单), visit units (走访单位), plan and
summary (年度工作计划 / 总结)

A visit recorded before this revision keeps its one unit: work_record.unit_id is copied
into visit_unit.

Revision ID: 0008_develop
Revises: 0009_dues
Create Date: 2026-12-01 19:47:48.819054
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_develop"
down_revision = "0009_dues"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "org_text",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_org_text_org_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_text")),
        sa.UniqueConstraint("uuid", name=op.f("uq_org_text_uuid")),
    )
    with op.batch_alter_table("org_text", schema=None) as batch_op:
        batch_op.create_index("ux_org_text_org_year_kind", ["org_id", "year", "kind"], unique=True)

    op.create_table(
        "problem",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("org_id", sa.Integer(), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("responsible", sa.String(length=100), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_problem_org_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["work_record.id"],
            name=op.f("fk_problem_record_id_work_record"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_problem_unit_id_unit"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem")),
        sa.UniqueConstraint("uuid", name=op.f("uq_problem_uuid")),
    )
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.create_index("ix_problem_record", ["record_id"], unique=False)
        batch_op.create_index("ix_problem_state_due", ["state", "due_on"], unique=False)
        batch_op.create_index("ix_problem_unit", ["unit_id"], unique=False)

    op.create_table(
        "visit_unit",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["work_record.id"],
            name=op.f("fk_visit_unit_record_id_work_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_visit_unit_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_unit")),
        sa.UniqueConstraint("uuid", name=op.f("uq_visit_unit_uuid")),
    )
    with op.batch_alter_table("visit_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_unit_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index("ux_visit_unit_record_unit", ["record_id", "unit_id"], unique=True)

    op.create_table(
        "development_step",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("step_no", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=True),
        sa.Column("document", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("sponsor1_id", sa.Integer(), nullable=True),
        sa.Column("sponsor2_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_development_step_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sponsor1_id"],
            ["person.id"],
            name=op.f("fk_development_step_sponsor1_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sponsor2_id"],
            ["person.id"],
            name=op.f("fk_development_step_sponsor2_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_step")),
        sa.UniqueConstraint("uuid", name=op.f("uq_development_step_uuid")),
    )
    with op.batch_alter_table("development_step", schema=None) as batch_op:
        batch_op.create_index(
            "ix_development_step_person_no", ["person_id", "step_no"], unique=False
        )

    # UUIDs in the usual 8-4-4-4-12 form, made by the database itself.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "INSERT INTO visit_unit (record_id, unit_id, uuid, created_at, updated_at) "
            "SELECT id, unit_id, gen_random_uuid()::text, created_at, updated_at "
            "FROM work_record WHERE kind = 'visit' AND unit_id IS NOT NULL"
        )
        return
    op.execute(
        "INSERT INTO visit_unit (record_id, unit_id, uuid, created_at, updated_at) "
        "SELECT id, unit_id, "
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) "
        "|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) "
        "|| '-' || hex(randomblob(6))), created_at, updated_at "
        "FROM work_record WHERE kind = 'visit' AND unit_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("development_step", schema=None) as batch_op:
        batch_op.drop_index("ix_development_step_person_no")

    op.drop_table("development_step")
    with op.batch_alter_table("visit_unit", schema=None) as batch_op:
        batch_op.drop_index("ux_visit_unit_record_unit")
        batch_op.drop_index(batch_op.f("ix_visit_unit_unit_id"))

    op.drop_table("visit_unit")
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_index("ix_problem_unit")
        batch_op.drop_index("ix_problem_state_due")
        batch_op.drop_index("ix_problem_record")

    op.drop_table("problem")
    with op.batch_alter_table("org_text", schema=None) as batch_op:
        batch_op.drop_index("ux_org_text_org_year_kind")

    op.drop_table("org_text")
