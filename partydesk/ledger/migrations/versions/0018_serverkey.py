"""the ledger's key kept on the server (several clerks' PCs on one server ledger)

Revision ID: 0018_serverkey
Revises: 0015_merge

A server ledger is written from several clerks' PCs; the audit log's chain and the
certificates' check values are keyed by the ledger's key, which used to live only in a
key file on the PC that first wrote the ledger, so every other PC's entries broke the
chain and its clerks could not issue certificates. On PostgreSQL the key is kept in
`partydesk_secret`, which no account but the ledger's owner may read, and handed to the
program through `partydesk_ledger_key()` (SECURITY DEFINER; the clerks' role is granted
it by `partydesk server init`). It never goes into a snapshot or a ledger file. A
ledger file (SQLite) is unchanged: its key stays outside it, in the PC's key file.
"""

from alembic import op

revision = "0018_serverkey"
down_revision = "0015_merge"
branch_labels = None
depends_on = None

UP = """
CREATE TABLE partydesk_secret (
    id integer PRIMARY KEY CHECK (id = 1),
    ledger_key bytea NOT NULL
);
REVOKE ALL ON partydesk_secret FROM PUBLIC;
CREATE OR REPLACE FUNCTION partydesk_ledger_key() RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT ledger_key FROM partydesk_secret WHERE id = 1
$$;
REVOKE ALL ON FUNCTION partydesk_ledger_key() FROM PUBLIC;
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'partydesk_clerk') THEN
        GRANT EXECUTE ON FUNCTION partydesk_ledger_key() TO partydesk_clerk;
    END IF;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(UP)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS partydesk_ledger_key()")
        op.execute("DROP TABLE IF EXISTS partydesk_secret")
