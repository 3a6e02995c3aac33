"""short-word search index (every one- and two-character piece of the searched names)

Revision ID: 0017_shortsearch
Revises: 0018_serverkey

The trigram index of 0011_search cannot find a word of one or two characters (a surname
such as 张, a given name such as 伟): such a word holds no trigram, and the search read
every row with LIKE. Each searched table now also gets a table `<fts>_short` of
(token, column, record id): every single character and every pair of neighbouring
characters of its text columns, lower-cased as LIKE compares them, kept in step by
triggers on every write (the ORM, bulk and raw SQL alike), filled here from the rows
already there. (At 300,000 people: 3.2 million pieces, about 70 MB.) ID numbers, phones and credit codes are left out: a digit or a pair of
digits is in nearly every one of them, so such an index would list nearly every record
many times and find them no faster than reading the rows.

SQLite triggers cannot hold a WITH clause, so the positions 1..length(text) come from
json_each over a JSON array of that many zeros. PostgreSQL gets the same table, filled
by one trigger function per table (generate_series). (A frozen copy of the layout in
partydesk.ledger.search.SHORT.)
"""

from alembic import op

revision = "0017_shortsearch"
down_revision = "0018_serverkey"
branch_labels = None
depends_on = None

SHORT = {
    "person": ("person_search_short", ("name", "job")),
    "organization": ("org_search_short", ("name", "short_name", "street")),
    "unit": ("unit_search_short", ("name", "legal_rep", "street", "address", "industry")),
    "instructor": ("instructor_search_short", ("name", "home_unit", "post")),
}


def _positions(value: str, server: bool) -> str:
    """A FROM item giving `n.key` = 0 .. length(value) - 1."""
    if server:
        return f"generate_series(0, coalesce(length({value}), 0) - 1) AS n(key)"
    return f"json_each('[' || rtrim(replace(hex(zeroblob(length({value}))), '00', '0,'), ',') || ']') n"


def tokens(row: str, cols, server: bool, table: str = "") -> str:
    """SELECT token, col, id: the one- and two-character pieces of `row`'s columns (`row`
    is a trigger's new row, or with `table` an alias for the rows already there)."""
    source = f"{table} {row}, " if table else ""
    parts = []
    for code, c in enumerate(cols):
        v = f"{row}.{c}"
        for size in (1, 2):
            cond = "" if size == 1 else f" WHERE n.key + 1 < length({v})"
            parts.append(
                f"SELECT lower(substr({v}, n.key + 1, {size})) AS token, {code} AS col, "
                f"{row}.id AS id FROM {source}{_positions(v, server)}{cond}"
            )
    # UNION: a character twice in a name is one entry; a piece with a space is never a
    # search word (the search box splits its text at spaces).
    return f"SELECT token, col, id FROM ({' UNION '.join(parts)}) p WHERE token NOT LIKE '% %'"


def _forget(short: str, row: str, cols, server: bool) -> str:
    """DELETE the pieces of the row's old text, every one found by the whole primary key
    (token, col, id) — so the table needs no second index by record id, which would double
    its size. (A row-value IN would use only the token: a scan of every record holding
    that character, a hundred thousand for a common one.)"""
    codes = ", ".join(str(i) for i in range(len(cols)))
    return (
        f"DELETE FROM {short} WHERE token IN (SELECT token FROM ({tokens(row, cols, server)}) o) "
        f"AND col IN ({codes}) AND id = {row}.id"
    )


def upgrade() -> None:
    server = op.get_bind().dialect.name == "postgresql"
    for tbl, (short, cols) in SHORT.items():
        rowid = "" if server else " WITHOUT ROWID"
        op.execute(
            f"CREATE TABLE {short} (token VARCHAR(2) NOT NULL, col SMALLINT NOT NULL, "
            f"id INTEGER NOT NULL, PRIMARY KEY (token, col, id)){rowid}"
        )
        c = ", ".join(cols)
        if server:
            op.execute(
                f"CREATE FUNCTION {short}_keep() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF TG_OP <> 'INSERT' THEN {_forget(short, 'OLD', cols, True)}; "
                f"END IF; IF TG_OP <> 'DELETE' THEN INSERT INTO {short} (token, col, id) "
                f"{tokens('NEW', cols, True)}; END IF; RETURN NULL; END $$"
            )
            op.execute(
                f"CREATE TRIGGER {short}_keep AFTER INSERT OR DELETE OR UPDATE OF {c} "
                f"ON {tbl} FOR EACH ROW EXECUTE FUNCTION {short}_keep()"
            )
        else:
            op.execute(
                f"CREATE TRIGGER {short}_ai AFTER INSERT ON {tbl} BEGIN "
                f"INSERT INTO {short} (token, col, id) {tokens('new', cols, False)}; END"
            )
            op.execute(
                f"CREATE TRIGGER {short}_ad AFTER DELETE ON {tbl} BEGIN "
                f"{_forget(short, 'old', cols, False)}; END"
            )
            op.execute(
                f"CREATE TRIGGER {short}_au AFTER UPDATE OF {c} ON {tbl} BEGIN "
                f"{_forget(short, 'old', cols, False)}; "
                f"INSERT INTO {short} (token, col, id) {tokens('new', cols, False)}; END"
            )
        op.execute(f"INSERT INTO {short} (token, col, id) {tokens('r', cols, server, tbl)}")


def downgrade() -> None:
    server = op.get_bind().dialect.name == "postgresql"
    for tbl, (short, _cols) in SHORT.items():
        if server:
            op.execute(f"DROP TRIGGER IF EXISTS {short}_keep ON {tbl}")
            op.execute(f"DROP FUNCTION IF EXISTS {short}_keep()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {short}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {short}")
