"""standing: star ratings, demonstration sites, 四个一, 六有 checklist, 六个清 surveys

Revision ID: 0005_standing
Revises: 0004_certs
Create Date: 2026-11-22 02:51:05.348396
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_standing"
down_revision = "0004_certs"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "checklist_mark",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=50), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_checklist_mark_org_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_mark")),
        sa.UniqueConstraint("uuid", name=op.f("uq_checklist_mark_uuid")),
    )
    with op.batch_alter_table("checklist_mark", schema=None) as batch_op:
        batch_op.create_index("ux_checklist_mark_org_item", ["org_id", "item"], unique=True)

    op.create_table(
        "demo_site",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_demo_site_org_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_site")),
        sa.UniqueConstraint("uuid", name=op.f("uq_demo_site_uuid")),
    )
    with op.batch_alter_table("demo_site", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demo_site_org_id"), ["org_id"], unique=False)
        batch_op.create_index(
            "ux_demo_site_org_level_year", ["org_id", "level", "year"], unique=True
        )

    op.create_table(
        "guidance_link",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("leader_name", sa.String(length=50), nullable=True),
        sa.Column("leader_post", sa.String(length=100), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("pairing_unit", sa.String(length=200), nullable=True),
        sa.Column("whistle_channel", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_guidance_link_instructor_id_instructor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_guidance_link_org_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guidance_link")),
        sa.UniqueConstraint("org_id", name=op.f("uq_guidance_link_org_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_guidance_link_uuid")),
    )
    with op.batch_alter_table("guidance_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guidance_link_instructor_id"), ["instructor_id"], unique=False
        )

    op.create_table(
        "star_rating",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("scores", sa.Text(), nullable=False),
        sa.Column("vetoes", sa.Text(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("self_check_on", sa.Date(), nullable=True),
        sa.Column("improve_on", sa.Date(), nullable=True),
        sa.Column("accept_on", sa.Date(), nullable=True),
        sa.Column("award_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.id"],
            name=op.f("fk_star_rating_org_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_star_rating")),
        sa.UniqueConstraint("uuid", name=op.f("uq_star_rating_uuid")),
    )
    with op.batch_alter_table("star_rating", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_star_rating_stars"), ["stars"], unique=False)
        batch_op.create_index(batch_op.f("ix_star_rating_year"), ["year"], unique=False)
        batch_op.create_index("ux_star_rating_org_year", ["org_id", "year"], unique=True)

    op.create_table(
        "unit_survey",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("surveyed_on", sa.Date(), nullable=False),
        sa.Column("surveyor", sa.String(length=50), nullable=True),
        sa.Column("operating", sa.String(length=200), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("party_org", sa.String(length=200), nullable=True),
        sa.Column("structure", sa.String(length=200), nullable=True),
        sa.Column("members", sa.Integer(), nullable=True),
        sa.Column("instructor", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_survey_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_survey")),
        sa.UniqueConstraint("uuid", name=op.f("uq_unit_survey_uuid")),
    )
    with op.batch_alter_table("unit_survey", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_survey_surveyed_on"), ["surveyed_on"], unique=False
        )
        batch_op.create_index("ix_unit_survey_unit_on", ["unit_id", "surveyed_on"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("unit_survey", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_survey_unit_on")
        batch_op.drop_index(batch_op.f("ix_unit_survey_surveyed_on"))

    op.drop_table("unit_survey")
    with op.batch_alter_table("star_rating", schema=None) as batch_op:
        batch_op.drop_index("ux_star_rating_org_year")
        batch_op.drop_index(batch_op.f("ix_star_rating_year"))
        batch_op.drop_index(batch_op.f("ix_star_rating_stars"))

    op.drop_table("star_rating")
    with op.batch_alter_table("guidance_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guidance_link_instructor_id"))

    op.drop_table("guidance_link")
    with op.batch_alter_table("demo_site", schema=None) as batch_op:
        batch_op.drop_index("ux_demo_site_org_level_year")
        batch_op.drop_index(batch_op.f("ix_demo_site_org_id"))

    op.drop_table("demo_site")
    with op.batch_alter_table("checklist_mark", schema=None) as batch_op:
        batch_op.drop_index("ux_checklist_mark_org_item")

    op.drop_table("checklist_mark")
