"""certificates, 红领党务 qualifications, instructor assessments

Revision ID: 0004_certs
Revises: 0003_points
"""

import json
import secrets
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004_certs"
down_revision = "0003_points"  # linear chain: 0001 core, 0002 work, 0003 points, 0004 certs
branch_labels = None
depends_on = None


def _record(table: str) -> list:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("uuid", name=f"uq_{table}_uuid"),
    ]


def _fk(table: str, col: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [col], [f"{target}.id"], name=f"fk_{table}_{col}_{target}", ondelete=ondelete
    )


def _indexes(table: str, *cols: str) -> None:
    with op.batch_alter_table(table) as b:
        for c in cols:
            b.create_index(f"ix_{table}_{c}", [c], unique=False)


def upgrade() -> None:
    t = "instructor_assessment"
    op.create_table(
        t,
        sa.Column("instructor_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_record(t),
        _fk(t, "instructor_id", "instructor", "CASCADE"),
    )
    op.create_index("ux_instructor_assessment_year", t, ["instructor_id", "year"], unique=True)

    t = "qualification"
    op.create_table(
        t,
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("holder_name", sa.String(length=50), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("review_due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_record(t),
        _fk(t, "person_id", "person", "SET NULL"),
        _fk(t, "instructor_id", "instructor", "SET NULL"),
    )
    _indexes(t, "review_due_on", "instructor_id", "holder_name", "person_id", "status")

    t = "qualification_event"
    op.create_table(
        t,
        sa.Column("qualification_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("from_level", sa.String(length=20), nullable=True),
        sa.Column("to_level", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        *_record(t),
        _fk(t, "qualification_id", "qualification", "CASCADE"),
    )
    _indexes(t, "qualification_id")

    t = "certificate_template"
    op.create_table(
        t,
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("kind_code", sa.String(length=10), nullable=False),
        sa.Column("serial_pattern", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=50), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("closing", sa.String(length=100), nullable=True),
        sa.Column("post", sa.String(length=100), nullable=True),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("valid_years", sa.Integer(), nullable=False),
        *_record(t),
        sa.UniqueConstraint("kind", name="uq_certificate_template_kind"),
    )

    t = "certificate"
    op.create_table(
        t,
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("holder_name", sa.String(length=50), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("qualification_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=50), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("closing", sa.String(length=100), nullable=True),
        sa.Column("post", sa.String(length=100), nullable=True),
        sa.Column("term_start", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.Column("replaced_by", sa.String(length=40), nullable=True),
        sa.Column("replaces", sa.String(length=40), nullable=True),
        sa.Column("printed_count", sa.Integer(), nullable=False),
        *_record(t),
        sa.UniqueConstraint("serial", name="uq_certificate_serial"),
        _fk(t, "person_id", "person", "SET NULL"),
        _fk(t, "instructor_id", "instructor", "SET NULL"),
        _fk(t, "qualification_id", "qualification", "SET NULL"),
    )
    _indexes(t, "holder_name", "issued_on", "person_id", "status", "instructor_id", "kind")

    t = "certificate_serial"
    op.create_table(
        t,
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("holder_name", sa.String(length=50), nullable=True),
        sa.Column("deleted_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_record(t),
        sa.UniqueConstraint("serial", name="uq_certificate_serial_serial"),
    )

    t = "serial_counter"
    op.create_table(
        t,
        sa.Column("pattern", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        *_record(t),
    )
    op.create_index("ux_serial_counter_key", t, ["pattern", "year", "kind"], unique=True)

    # The ledger's own key for certificate check values, made once here so that even a
    # read-only ledger can verify (partydesk.certs.registry.ledger_secret).
    setting = sa.table(
        "setting",
        sa.column("key", sa.String),
        sa.column("value", sa.Text),
        sa.column("uuid", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        setting,
        [
            {
                "key": "certs.secret",
                "value": json.dumps(secrets.token_hex(32)),
                "uuid": str(uuid.uuid4()),
                "created_at": now,
                "updated_at": now,
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM setting WHERE key = 'certs.secret'")
    for t in (
        "serial_counter",
        "certificate_serial",
        "certificate",
        "certificate_template",
        "qualification_event",
        "qualification",
        "instructor_assessment",
    ):
        op.drop_table(t)
