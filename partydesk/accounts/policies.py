"""Row-level security of a server ledger, made from the schema itself.

A unit and an organization carry their street (街道/乡镇); a person belongs to an
organization; everything else hangs off one of them through its references. So the
policies are: a unit or organization is in a lane when its street is; a person when
their organization is (a hashed subquery over the organizations — a few thousand rows —
so a table of 300,000 people is filtered in one pass); any other table whose rows refer
to a unit, organization or person (directly, or through a table that does) when one of
the records it refers to is visible, and rows that refer to none of them (a certificate
for a plain name) to every clerk. Each policy is both USING and WITH CHECK, so a clerk
can neither read nor write a row outside the lane, nor move one out of it.

A county account (a lane with the street ALL_STREETS) passes every policy; the ledger's
owner (who ran `partydesk server init`) is not subject to them at all.
"""

from __future__ import annotations

from sqlalchemy import Table

from partydesk.errors import LedgerError
from partydesk.ledger.models import Base
from partydesk.ledger.models.accounts import ALL_STREETS

CLERK_ROLE = "partydesk_clerk"  # every clerk account is a member (the table privileges)
ROOTS = {"unit": "street", "organization": "street"}
POLICY = "partydesk_lane"
# Tables every clerk reads whole (rules, templates, the schema version); their rows are
# the county's, not a township's.
SHARED_READ = {"alembic_version"}
HIDDEN = {"account_lane"}  # read only through the functions below

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION partydesk_lane_streets(who name) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT coalesce(array_agg(street::text), ARRAY[]::text[])
    FROM account_lane WHERE account = who
$$;
CREATE OR REPLACE FUNCTION partydesk_sees_all(who name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM account_lane WHERE account = who AND street = '{ALL_STREETS}')
$$;
"""
ALL = "(SELECT partydesk_sees_all(current_user))"
STREETS = "CAST((SELECT partydesk_lane_streets(current_user)) AS text[])"  # once a query


def _lane_tables() -> dict[str, str]:
    """{table: the condition that puts a row in the current account's lane}."""
    conds: dict[str, str] = {t: f"{c}::text = ANY ({STREETS})" for t, c in ROOTS.items()}
    conds["person"] = "org_id IN (SELECT id FROM organization)"
    tables: list[Table] = list(Base.metadata.sorted_tables)
    changed = True
    while changed:  # a table that refers to one in a lane joins them (attendance → record)
        changed = False
        for t in tables:
            if t.name in conds or t.name in HIDDEN:
                continue
            refs = sorted(
                {
                    (fk.parent.name, fk.column.table.name)
                    for fk in t.foreign_keys
                    if fk.column.table.name in conds and fk.column.table.name != t.name
                }
            )
            if not refs:
                continue
            visible = " OR ".join(f"{c} IN (SELECT id FROM {p})" for c, p in refs)
            none = " AND ".join(f"{c} IS NULL" for c, _ in refs)
            conds[t.name] = f"({visible}) OR ({none})"
            changed = True
    return conds


LANE_TABLES = _lane_tables()


def _audit_policy() -> str:
    # The 操作日志 holds other townships' names and values: a clerk reads the entries
    # made under their own account; anyone may add entries (as themselves).
    mine = "(who = current_user OR position('（' || current_user || '）' IN who) > 0)"
    return (
        f"CREATE POLICY {POLICY} ON audit_log FOR SELECT USING ({ALL} OR {mine});\n"
        f"CREATE POLICY {POLICY}_add ON audit_log FOR INSERT WITH CHECK (true);"
    )


def statements() -> list[str]:
    """The SQL that sets up the lanes on a server ledger (idempotent)."""
    out = [
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{CLERK_ROLE}') THEN
                CREATE ROLE {CLERK_ROLE} NOLOGIN;
            END IF;
        END $$""",
        FUNCTIONS,
        f"REVOKE ALL ON account_lane FROM PUBLIC, {CLERK_ROLE}",
        f"GRANT USAGE ON SCHEMA public TO {CLERK_ROLE}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {CLERK_ROLE}",
        # the ledger's key, so every clerk's entries join the audit chain (the key's
        # table itself stays the owner's)
        f"GRANT EXECUTE ON FUNCTION partydesk_ledger_key() TO {CLERK_ROLE}",
    ]
    for t in Base.metadata.sorted_tables:
        if t.name in HIDDEN:
            continue
        out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t.name} TO {CLERK_ROLE}")
    out += [f"GRANT SELECT ON {t} TO {CLERK_ROLE}" for t in SHARED_READ]
    for name, cond in LANE_TABLES.items():
        out += [
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {POLICY} ON {name}",
            f"CREATE POLICY {POLICY} ON {name} USING ({ALL} OR {cond}) "
            f"WITH CHECK ({ALL} OR {cond})",
        ]
    out += [
        "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY} ON audit_log",
        f"DROP POLICY IF EXISTS {POLICY}_add ON audit_log",
        _audit_policy(),
    ]
    return out


def install(conn) -> None:
    """Write the clerk role, the lane functions, the privileges and the policies into
    the server ledger on `conn` (a SQLAlchemy Connection of its owner)."""
    if conn.dialect.name != "postgresql":
        raise LedgerError(
            "账本文件没有账号和辖区：按乡镇分开的账号只用于服务器账本"
            "（--ledger postgresql://用户@服务器/数据库）。"
        )
    for sql in statements():
        conn.exec_driver_sql(sql)
