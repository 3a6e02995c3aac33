"""offline merge: ledger identity, tombstones, merges, bases, conflicts

Revision ID: 0015_merge
Revises: 0014_sortkey

`ledger_identity` gives every ledger its own UUID (made here for existing ledgers).
`deleted_record` is filled by an AFTER DELETE trigger on every merged table, so any way a
record goes — the ORM, a cascade from its parent, bulk or raw SQL — leaves a tombstone a
merge can carry over. (The trigger SQL is a frozen copy of partydesk.merge.tombstones.)
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0015_merge"
down_revision = "0014_sortkey"
branch_labels = None
depends_on = None

# The tables merged at this revision (later migrations add theirs with
# partydesk.merge.tombstones.install).
MERGED = (
    "certificate_serial certificate_template instructor organization points_goods "
    "points_scheme serial_counter unit checklist_mark demo_site guidance_link "
    "instructor_assessment instructor_assignment org_host_unit org_text party_group "
    "points_band points_item points_publication star_rating unit_survey work_record person "
    "problem visit_unit appraisal attendance committee_member development_step dues_base "
    "dues_payment dues_relief person_event points_entry points_redemption qualification "
    "certificate qualification_event certificate_batch"
).split()

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION partydesk_tombstone() RETURNS trigger AS $$
BEGIN
  INSERT INTO deleted_record (table_name, record_uuid, deleted_at)
  VALUES (TG_TABLE_NAME, OLD.uuid, (now() AT TIME ZONE 'utc'));
  RETURN OLD;
END
$$ LANGUAGE plpgsql
"""


def _record_cols() -> list:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    ]


def upgrade() -> None:
    op.create_table(
        "ledger_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ledger_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_identity")),
    )
    op.create_table(
        "deleted_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=100), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_record")),
    )
    op.create_index("ix_deleted_record_table_uuid", "deleted_record", ["table_name", "record_uuid"])
    op.create_table(
        "merge_run",
        *_record_cols(),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_uuid", sa.String(length=36), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=True),
        sa.Column("counts", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_run")),
        sa.UniqueConstraint("uuid", name=op.f("uq_merge_run_uuid")),
    )
    op.create_index("ix_merge_run_source_uuid", "merge_run", ["source_uuid"])
    op.create_table(
        "merge_base",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_uuid", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=100), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_base")),
    )
    op.create_index(
        "ux_merge_base_key",
        "merge_base",
        ["source_uuid", "table_name", "record_uuid"],
        unique=True,
    )
    op.create_table(
        "merge_conflict",
        *_record_cols(),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("source_uuid", sa.String(length=36), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("table_name", sa.String(length=100), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("target_uuid", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("ours", sa.Text(), nullable=True),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("theirs_digest", sa.String(length=40), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_conflict")),
        sa.UniqueConstraint("uuid", name=op.f("uq_merge_conflict_uuid")),
    )
    op.create_index("ix_merge_conflict_state", "merge_conflict", ["state"])
    op.create_index("ix_merge_conflict_run_id", "merge_conflict", ["run_id"])
    bind = op.get_bind()
    bind.execute(
        sa.text("INSERT INTO ledger_identity (ledger_uuid, created_at) VALUES (:u, :t)"),
        {"u": str(uuid.uuid4()), "t": _now()},
    )
    if bind.dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
    for t in MERGED:
        if bind.dialect.name == "postgresql":
            op.execute(
                f"CREATE TRIGGER {t}_tombstone AFTER DELETE ON {t} "
                "FOR EACH ROW EXECUTE FUNCTION partydesk_tombstone()"
            )
        else:
            op.execute(
                f"CREATE TRIGGER {t}_tombstone AFTER DELETE ON {t} BEGIN "
                "INSERT INTO deleted_record (table_name, record_uuid, deleted_at) "
                f"VALUES ('{t}', old.uuid, datetime('now')); END"
            )


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None)


def downgrade() -> None:
    bind = op.get_bind()
    for t in MERGED:
        if bind.dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {t}_tombstone ON {t}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {t}_tombstone")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS partydesk_tombstone()")
    for t in ("merge_conflict", "merge_base", "merge_run", "deleted_record", "ledger_identity"):
        op.drop_table(t)
