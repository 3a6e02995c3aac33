"""Listing the ledger as tables: columns as SQL expressions, search, filters, sort.

The window's tables (and later the CLI and "export the table as shown") ask two things:
the ordered ids of the records a query selects (`query_ids`), and the values of the
columns for a handful of ids (`fetch_rows`). Sorting and filtering happen in SQL, so a
table stays fast at 100,000 members; nothing here loads whole ORM objects.

    q = ListQuery("person", text="张 支部", filters={"category": ["full"]}, sort="org_id")
    ids = query_ids(session, q)
    rows = fetch_rows(session, "person", ids[:50])   # {id: (uuid, value of column 0, ...)}

A column is either an editable field of `partydesk.ledger.fields` (its `field` is set; an
`org` field shows the organization's name, joined) or a read-only derived value (such as
an organization's member count).


Long because the column expressions of the four tables are declared here beside the search,
filter and sort SQL they feed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, null, or_, select
from sqlalchemy.orm import Session, aliased

from partydesk.errors import ValidationError
from partydesk.ledger import dialect
from partydesk.ledger import fields as F
from partydesk.ledger.models import Organization, OrgHostUnit, Person, Unit
from partydesk.ledger.search import matching as _matching


@dataclass(frozen=True)
class Column:
    """One column of a listing. `name` is the field name for editable columns."""

    name: str
    label: str
    field: str | None  # the editable field (fields registry) this column shows, or None
    kind: str  # the field kind (text, date, enum, org …) or "int"/"text" for derived
    searchable: bool = False
    filterable: bool = False  # offered as a filter (enum values or distinct texts)


@dataclass
class ListQuery:
    """What a table shows: entity, search text, filters {column: [codes]}, sort."""

    entity: str
    text: str = ""
    filters: dict[str, list[Any]] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False


# Fields searched by the text box, and fields offered as filters, per entity.
SEARCH = {
    "unit": ("name", "credit_code", "legal_rep", "street", "address", "industry", "orgs"),
    "org": ("name", "hosts", "short_name", "street", "parent_id"),
    "person": ("name", "id_number", "phone", "org_id", "job"),
    "instructor": ("name", "id_number", "phone", "home_unit", "post"),
}
FILTERS = {
    "unit": ("kind", "status", "street"),
    "org": ("org_type", "formation", "street"),
    "person": ("category", "status", "is_flowing"),
    "instructor": ("active",),
}
# Read-only derived columns: name -> (label, kind, the field they follow or None: at the end).
DERIVED = {
    "org": {
        "hosts": ("所在单位", "text", "name"),  # its host units (组织覆盖 follows them)
        "member_count": ("人数", "int", None),
    },
    "unit": {"orgs": ("党组织", "text", "name")},  # the (not dissolved) organizations it hosts
}


def columns(entity_key: str) -> list[Column]:
    ent = F.entity(entity_key)
    out = [
        Column(
            f.name,
            f.label,
            f.name,
            f.kind,
            searchable=f.name in SEARCH.get(entity_key, ()),
            filterable=f.name in FILTERS.get(entity_key, ()),
        )
        for f in ent.fields
    ]
    for name, (label, kind, after) in DERIVED.get(entity_key, {}).items():
        col = Column(name, label, None, kind, searchable=name in SEARCH.get(entity_key, ()))
        at = next((i + 1 for i, c in enumerate(out) if c.name == after), len(out))
        out.insert(at, col)
    return out


def column(entity_key: str, name: str) -> Column:
    for c in columns(entity_key):
        if c.name == name:
            return c
    raise ValidationError(f"{F.entity(entity_key).label}没有列“{name}”")


class _Source:
    """The FROM clause and one SQL expression per column, for one entity."""

    def __init__(self, entity_key: str):
        ent = F.entity(entity_key)
        self.entity = entity_key
        self.model = ent.model
        self.table = ent.model.__table__
        self.joins: dict[str, tuple[Any, Any]] = {}  # column -> (alias, on-clause)
        self.exprs: dict[str, ColumnElement] = {}
        for c in columns(entity_key):
            if c.field is None:
                self.exprs[c.name] = self._derived(c.name)
            elif c.kind in ("org", "unit"):
                target = Organization if c.kind == "org" else Unit
                alias = aliased(target, name=f"j_{c.name}")
                fk = getattr(self.model, c.name)
                self.joins[c.name] = (alias, alias.id == fk)
                self.exprs[c.name] = alias.name
                if entity_key == "person" and c.name == "unit_id":
                    # a 工作单位 the ledger does not have shows as it was written
                    self.exprs[c.name] = func.coalesce(alias.name, Person.unit_text)
            else:
                self.exprs[c.name] = getattr(self.model, c.name)

    def _derived(self, name: str) -> ColumnElement:
        if self.entity == "org" and name == "member_count":
            return (
                select(func.count(Person.id))
                .where(Person.org_id == Organization.id, Person.status == "active")
                .correlate(Organization)
                .scalar_subquery()
            )
        if self.entity == "org" and name == "hosts":
            return (
                select(func.aggregate_strings(Unit.name, literal_column("'、'")))
                .select_from(OrgHostUnit)
                .join(Unit, Unit.id == OrgHostUnit.unit_id)
                .where(OrgHostUnit.org_id == Organization.id)
                .correlate(Organization)
                .scalar_subquery()
            )
        if self.entity == "unit" and name == "orgs":
            return (
                select(func.aggregate_strings(Organization.name, literal_column("'、'")))
                .select_from(OrgHostUnit)
                .join(Organization, Organization.id == OrgHostUnit.org_id)
                .where(OrgHostUnit.unit_id == Unit.id, Organization.dissolved_on.is_(None))
                .correlate(Unit)
                .scalar_subquery()
            )
        raise ValidationError(f"未知的列 {name}")

    def select_from(self, stmt, needed: Iterable[str]):
        stmt = stmt.select_from(self.model)
        needed = set(needed)
        # in the columns' order, not the set's: the same SQL text in every process (the
        # window's first screen keeps it compiled; SQLite's statement cache matches it)
        for name, (alias, on) in self.joins.items():
            if name in needed:
                stmt = stmt.outerjoin(alias, on)
        return stmt


_SOURCES: dict[str, _Source] = {}


def _source(entity_key: str) -> _Source:
    src = _SOURCES.get(entity_key)
    if src is None:
        src = _SOURCES[entity_key] = _Source(entity_key)
    return src


def _where(
    src: _Source, q: ListQuery, screenful: bool = False
) -> tuple[list[ColumnElement], set[str]]:
    """Conditions and the joined columns they need. Each word must be found in one of
    the searched columns (by the search index: `partydesk.ledger.search`). `screenful`:
    only the first rows are wanted (the search conditions take the form that finds
    them soonest, `dialect.any_of`)."""
    conds: list[ColumnElement] = []
    needed: set[str] = set()
    words = [w for w in (q.text or "").replace("\u3000", " ").split() if w]
    search_cols = [c for c in SEARCH.get(q.entity, ()) if c in src.exprs]
    ent = F.entity(q.entity)
    for w in words:
        digits = all(ch.isdigit() or ch in "xX" for ch in w)
        own: list[str] = []
        parts = []
        for c in search_cols:
            if c == "orgs" and q.entity == "unit":  # units hosting a matching organization
                parts.append(
                    src.model.id.in_(
                        select(OrgHostUnit.unit_id)
                        .join(Organization, Organization.id == OrgHostUnit.org_id)
                        .where(
                            _matching(Organization, "org", w, ["name"]),
                            Organization.dissolved_on.is_(None),
                        )
                    )
                )
                continue
            if c == "hosts" and q.entity == "org":  # organizations hosted by a matching unit
                parts.append(
                    src.model.id.in_(
                        select(OrgHostUnit.org_id)
                        .join(Unit, Unit.id == OrgHostUnit.unit_id)
                        .where(_matching(Unit, "unit", w, ["name"]))
                    )
                )
                continue
            kind = ent.field(c).kind
            if kind in ("idcard", "phone", "creditcode") and not (digits or kind == "creditcode"):
                continue  # a word with letters or Chinese never matches an ID or phone
            if c in src.joins:
                # The joined name is matched once, in its own table, and the key tested
                # with IN: no join per row, so SQLite can still walk the sort index.
                model, key = (Organization, "org") if kind == "org" else (Unit, "unit")
                parts.append(
                    getattr(src.model, c).in_(
                        select(model.id).where(_matching(model, key, w, ["name"]))
                    )
                )
            else:
                own.append(c)
        if own:
            parts.insert(0, _matching(src.model, q.entity, w, own))
        conds.append(dialect.any_of(src.model, parts, screenful))
    for name, values in (q.filters or {}).items():
        if values is None or values == []:
            continue
        if name not in src.exprs:
            raise ValidationError(f"不能按“{name}”筛选")
        vals = list(values) if isinstance(values, list | tuple | set) else [values]
        expr = src.exprs[name]
        has_none = any(v is None or v == "" for v in vals)
        vals = [v for v in vals if v is not None and v != ""]
        parts = [expr.in_(vals)] if vals else []
        if has_none:
            parts.append(expr.is_(None))
        conds.append(or_(*parts))
        if name in src.joins:
            needed.add(name)
    return conds, needed


def _order(src: _Source, q: ListQuery, filtered: bool = False) -> tuple[list, set[str]]:
    pk = src.model.id
    if not q.sort or q.sort not in src.exprs:
        return [pk.desc() if q.descending else pk], set()
    expr = src.exprs[q.sort]
    if q.sort == "name" and "sort_name" in src.table.c:
        # names in pinyin order (陈 李 刘 王 张 赵) by the stored key, walked by its index
        key = src.table.c.sort_name
        if filtered:
            key = func.coalesce(key, null())
        return [key.desc() if q.descending else key.asc(), pk.desc() if q.descending else pk], set()
    if filtered and q.sort not in src.joins and q.sort in src.table.c:
        # With a search or filter, one pass over the table and a sort of the matches
        # beats walking the sort index and visiting rows in index order (coalesce()
        # hides the index from SQLite's planner).
        expr = func.coalesce(expr, null())
    main = expr.desc() if q.descending else expr.asc()
    joined = {q.sort} if q.sort in src.joins else set()
    col = src.table.c.get(q.sort)
    if col is not None and not col.nullable:
        # No NULLs to place: a plain ORDER BY lets SQLite walk the column's index.
        return [main, pk.desc() if q.descending else pk], joined
    # Empty cells last either way (as in Excel); the id keeps the order stable.
    return [expr.is_(None), main, pk], joined


def ids_statement(q: ListQuery, limit: int | None = None, walk: bool = False):
    """The SELECT of the ordered ids (for those who want to run it themselves). `walk`:
    the order written so that an index holding it can serve it (see `_walk_index`)."""
    return rows_statement(q, (), limit, walk=walk)


def rows_statement(
    q: ListQuery,
    names: Sequence[str] = (),
    limit: int | None = None,
    wrap=None,
    walk: bool = False,
):
    """The SELECT of the id and the columns `names` of the records `q` selects, in display
    order: the very query the ids come from, for a plain viewer of the same rows.
    `wrap(column_name, expr)` may turn a column's expression into what is shown."""
    src = _source(q.entity)
    conds, needed = _where(src, q, screenful=limit is not None)
    order, needed2 = _order(src, q, bool(conds) and not walk)
    exprs = [src.exprs[n] if wrap is None else wrap(n, src.exprs[n]) for n in names]
    stmt = src.select_from(select(src.model.id, *exprs), needed | needed2 | set(names))
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


class TooSlow(Exception):
    """The query ran past its time budget and was stopped (run it off the UI thread)."""


def _compiled(session: Session, q: ListQuery, limit: int | None, walk: bool = False):
    stmt = ids_statement(q, limit, walk=walk)
    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    return conn.connection.driver_connection, str(compiled), dialect.compiled_args(compiled)


# The orders an index holds, beyond the names' pinyin key (ix_<table>_sort_name): table and
# column -> the index (migration 0019_birthorder). Ascending only: descending, the empty
# cells still come last, which no index walked backwards gives.
ORDER_INDEXES = {("person", "birth_date"): "ix_person_birth_order"}
# How long a search's first screen may walk the sort's index before the matches are
# sorted instead: a common word (张: 1 person in 40) fills the screen within a few thousand
# index entries; a rare one would walk the whole index.
WALK_S = 0.005


def _walk_index(src: _Source, q: ListQuery) -> str | None:
    """The index that holds `q`'s order, if a search's first screen may walk it."""
    if not q.sort:
        return None
    if q.sort == "name" and "sort_name" in src.table.c:
        return f"ix_{src.table.name}_sort_name"
    return None if q.descending else ORDER_INDEXES.get((src.table.name, q.sort))


def _walk_compiled(session: Session, q: ListQuery, limit: int):
    """SQLite: the first `limit` ids of a search or filter `q` read by walking the index of
    its sort (INDEXED BY), or None where that cannot be. The planner, not knowing how
    many records match, always sorts the matches instead: best for a rare word, but a
    common one (7,000 matches in 300,000) then reads and sorts them all, 15-20 ms."""
    src = _source(q.entity)
    index = _walk_index(src, q)
    if index is None or not (q.text or q.filters) or dialect.name(session) != "sqlite":
        return None
    raw, sql, args = _compiled(session, q, limit, walk=True)
    head = f"SELECT {src.table.name}.id \nFROM {src.table.name} "
    if not sql.startswith(head):
        return None
    return raw, f"{head}INDEXED BY {index} {sql[len(head) :]}", args


def query_ids(
    session: Session, q: ListQuery, limit: int | None = None, budget_s: float | None = None
) -> list[int]:
    """The ids of the records `q` selects, in display order (the first `limit` only).
    With `budget_s`, a query still running after that many seconds is stopped and
    `TooSlow` raised: a window asks for the first screenful this way and hands a slow
    one (a sort no index serves) to a worker. A search's first screen sorted by a column
    with an index in that order walks the index for a moment first (`WALK_S`)."""
    # The bare DB-API cursor: 100,000 ints come back several times faster than via a
    # SQLAlchemy Result (no row objects, no processors for an integer key).
    if budget_s is not None and limit is not None:
        walk = _walk_compiled(session, q, limit)
        if walk is not None:
            import time

            t = time.perf_counter()
            try:
                return [r[0] for r in dialect.run_with_budget(*walk, min(WALK_S, budget_s))]
            except dialect.Interrupted:  # a rare word: its few matches are sorted at once
                budget_s = max(0.001, budget_s - (time.perf_counter() - t))
            except Exception as e:  # a ledger without the index (never at head): sort
                if "no such index" not in str(e):
                    raise
    raw, sql, args = _compiled(session, q, limit)
    try:
        return [r[0] for r in dialect.run_with_budget(raw, sql, args, budget_s)]
    except dialect.Interrupted as e:
        raise TooSlow() from e


def iter_ids(session: Session, q: ListQuery, first: int = 200, chunk: int = 20000):
    """The ids of `q` in display order as arrays of 64-bit ints: the first `first` ids,
    then chunks of `chunk` (one query, one sort; a worker shows the first screenful
    before the rest has come)."""
    from array import array

    raw, sql, args = _compiled(session, q, None)
    cur = raw.cursor()
    try:
        cur.execute(sql, args)
        size = first
        while True:
            rows = cur.fetchmany(size)
            if not rows:
                return
            yield array("q", [r[0] for r in rows])
            size = chunk
    finally:
        cur.close()


def count(session: Session, q: ListQuery) -> int:
    src = _source(q.entity)
    conds, needed = _where(src, q)
    stmt = src.select_from(select(func.count(src.model.id)), needed)
    if conds:
        stmt = stmt.where(and_(*conds))
    return session.scalar(stmt) or 0


def total(session: Session, entity_key: str) -> int:
    src = _source(entity_key)
    return session.scalar(select(func.count()).select_from(src.model)) or 0


_FETCH_SQL: dict[tuple[str, str, tuple[str, ...]], tuple[tuple, list]] = {}


def _fetch_sql(session: Session, entity_key: str, names: tuple[str, ...]) -> tuple[tuple, list]:
    """SQL text selecting id, uuid, version and the columns for the ids in a JSON array parameter,
    and a converter per column (SQLite gives dates as text, flags as 0/1)."""
    key = (dialect.name(session), entity_key, names)
    got = _FETCH_SQL.get(key)
    if got is None:
        from sqlalchemy import Boolean, Date

        bind = session.get_bind()
        src = _source(entity_key)
        stmt = src.select_from(
            select(src.model.id, src.model.uuid, src.model.version, *(src.exprs[n] for n in names)),
            names,
        ).where(src.model.id.in_(dialect.ids_subquery(bind)))
        compiled = stmt.compile(dialect=bind.dialect)
        sql = (
            str(compiled),
            compiled.positiontup,
            compiled.construct_params({"ids": dialect.ids_empty(bind)}),
        )
        conv = []
        for n in names:
            if dialect.is_server(bind):  # the driver gives dates and flags as such
                conv.append(None)
                continue
            t = getattr(src.exprs[n], "type", None)
            if isinstance(t, Date):
                conv.append(lambda v: None if v is None else date.fromisoformat(v[:10]))
            elif isinstance(t, Boolean):
                conv.append(lambda v: None if v is None else bool(v))
            else:
                conv.append(None)
        got = _FETCH_SQL[key] = (sql, conv)
    return got


def fetch_rows(
    session: Session,
    entity_key: str,
    ids: Sequence[int],
    names: Sequence[str] | None = None,
    versions: dict[int, int] | None = None,
) -> dict[int, tuple]:
    """{id: (uuid, value, value, …)} for the columns `names` (default: all columns, in
    order). Stored values (codes, dates, flags); joined columns give the joined name. Ids
    that no longer exist are absent. (One cached SQL text with the ids as a JSON array:
    a screenful of rows costs a millisecond or two.) `versions`, if given, gets each
    record's version (what a window keeps to refuse an edit of a record saved since)."""
    names = tuple(names) if names is not None else tuple(c.name for c in columns(entity_key))
    (sql, order, params), conv = _fetch_sql(session, entity_key, names)
    todo = [(i, c) for i, c in enumerate(conv) if c is not None]
    cur = dialect.driver_cursor(session)
    out: dict[int, tuple] = {}
    try:
        ids = list(ids)
        for i in range(0, len(ids), 5000):
            params = {**params, "ids": dialect.ids_value(session, ids[i : i + 5000])}
            args = tuple(params[k] for k in order) if order is not None else params
            cur.execute(sql, args)
            for row in cur.fetchall():
                if versions is not None:
                    versions[row[0]] = row[2]
                if todo:
                    row = list(row)
                    for j, c in todo:
                        row[j + 3] = c(row[j + 3])
                out[row[0]] = (row[1], *row[3:])
    finally:
        cur.close()
    return out


def display(entity_key: str, name: str, value: Any) -> str:
    """The text shown for a value of column `name` (joined names are already text)."""
    c = column(entity_key, name)
    if value is None:
        return ""
    if c.field is None or c.kind in ("org", "unit"):
        return str(value)
    return F.display(entity_key, c.field, value)


def filter_choices(session: Session, entity_key: str, name: str) -> list[tuple[Any, str]]:
    """(value, label) pairs offered by a filter on column `name`: the enum's values, 是/否,
    or the distinct texts found in the ledger (e.g. streets)."""
    c = column(entity_key, name)
    f = F.entity(entity_key).field(c.field) if c.field else None
    if f is not None and f.kind == "enum":
        return [(m.value, m.label) for m in f.enum]
    if f is not None and f.kind == "bool":
        return [(True, "是"), (False, "否")]
    src = _source(entity_key)
    expr = src.exprs[name]
    stmt = src.select_from(select(expr).distinct(), [name]).where(expr.is_not(None))
    values = sorted(v for v in session.scalars(stmt) if v != "")
    return [(v, str(v)) for v in values]


def org_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """{id: full name} of these organizations (a form showing one record's)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Organization.id, Organization.name).where(Organization.id.in_(ids))
    )
    return {r[0]: r[1] for r in rows}


_ORG_CHOICES: dict[str, tuple[tuple, list[tuple[int, str]]]] = {}


def org_choices(session: Session) -> list[tuple[int, str]]:
    """(id, full name) of every organization, by name — for drop-downs and completers.
    Read once per ledger and shared by every table, form and dialog until an organization
    is added, removed or changed (a cheap fingerprint tells; 12,000 names take ~90 ms to
    read and sort, which every detail form paid on each row change). Do not modify the list."""
    fingerprint = tuple(
        session.execute(
            select(func.count(), func.max(Organization.id), func.max(Organization.updated_at))
        ).one()
    )
    key = str(session.get_bind().url)
    got = _ORG_CHOICES.get(key)
    if got is not None and got[0] == fingerprint:
        return got[1]
    # The bare DB-API cursor: 12,000 rows through SQLAlchemy's Result cost several times
    # the query, and the window's start waits for this list.
    cur = dialect.driver_cursor(session)
    try:
        cur.execute("SELECT id, name FROM organization ORDER BY name, id")
        choices = [(r[0], r[1]) for r in cur.fetchall()]
    finally:
        cur.close()
    _ORG_CHOICES[key] = (fingerprint, choices)
    return choices
