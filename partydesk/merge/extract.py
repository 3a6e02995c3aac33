"""`partydesk extract --street S`: a township's slice of the county ledger as a ledger
file of its own, keeping every record's UUID, so that the township's work merges back.

The slice: the units whose 街道（乡镇） is S; the organizations in S, hosted by those
units, or under such an organization; the people of those organizations or working in
those units; and everything hanging off any of them (work records and attendance,
history, points, dues, certificates, …). Records they refer to (a parent committee in
another street, an instructor, a points scheme) come along too, so nothing in the file
points nowhere; the county's shared tables (points schemes, certificate templates and
serial counters, goods) and its settings are copied whole. The county ledger records the
digests of what it handed out, so the first merge back knows what the township changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from partydesk import audit
from partydesk.errors import ValidationError
from partydesk.ledger.models.base import new_uuid, utcnow
from partydesk.ledger.models.core import Setting
from partydesk.ledger.models.merge import DeletedRecord, MergeRun
from partydesk.merge import identity, tables
from partydesk.merge.tables import TableInfo
from partydesk.merge.writing import set_bases

CORE = ("unit", "organization", "person")


@dataclass
class ExtractResult:
    path: Path
    street: str
    ledger_uuid: str
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        c = self.counts
        return (
            f"{c.get('unit', 0)} 个两新组织，{c.get('organization', 0)} 个党组织，"
            f"{c.get('person', 0)} 名人员，共 {sum(c.values())} 条记录"
        )


def _ids(conn, t: sa.Table, *conds) -> set[int]:
    return set(conn.execute(sa.select(t.c.id).where(*conds)).scalars())


def _in(conn, t: sa.Table, col: str, ids: set[int]) -> set[int]:
    out: set[int] = set()
    ids_l = list(ids)
    for k in range(0, len(ids_l), 500):
        out |= _ids(conn, t, t.c[col].in_(ids_l[k : k + 500]))
    return out


def slice_ids(conn, infos: list[TableInfo], street: str) -> dict[str, set[int]]:
    """{table: ids} of the township's slice (see the module's docstring)."""
    by = {i.name: i for i in infos}
    inc: dict[str, set[int]] = {i.name: set() for i in infos}
    unit, org, person = (by[n].table for n in CORE)
    inc["unit"] = _ids(conn, unit, unit.c.street == street)
    if not inc["unit"]:
        raise ValidationError(f"账本中没有街道（乡镇）为“{street}”的两新组织，无法导出。")
    host = by["org_host_unit"].table
    orgs = _ids(conn, org, org.c.street == street)
    ul = list(inc["unit"])
    for k in range(0, len(ul), 500):
        orgs |= set(
            conn.execute(sa.select(host.c.org_id).where(host.c.unit_id.in_(ul[k : k + 500])))
            .scalars()
            .all()
        )
    frontier = set(orgs)
    while frontier:  # organizations under them
        frontier = _in(conn, org, "parent_id", frontier) - orgs
        orgs |= frontier
    inc["organization"] = orgs
    inc["person"] = _in(conn, person, "org_id", orgs) | _in(conn, person, "unit_id", inc["unit"])
    config = set()
    for i in infos:
        if i.name not in (*CORE, "instructor") and all(r in config for r in i.refs.values()):
            config.add(i.name)
            inc[i.name] = _ids(conn, i.table)
    owned = {n: set(inc[n]) for n in CORE}
    changed = True
    while changed:  # what hangs off the owned records (records, then their attendance …)
        changed = False
        for i in infos:
            if i.name in CORE or i.name in config or i.name == "instructor":
                continue
            got: set[int] = set()
            for col, ref in i.refs.items():
                if owned.get(ref):
                    got |= _in(conn, i.table, col, owned[ref])
            new = got - owned.get(i.name, set())
            if new:
                owned.setdefault(i.name, set()).update(new)
                inc[i.name] |= new
                changed = True
    _close(conn, by, inc)
    # Rows all of whose references are in the file (an instructor's yearly assessments).
    for i in infos:
        if i.name in CORE or i.name in config or not i.refs:
            continue
        cols = [i.table.c[c] for c in i.refs]
        for row in conn.execute(sa.select(i.table.c.id, *cols)):
            vals = [(i.refs[c.name], v) for c, v in zip(cols, row[1:], strict=True)]
            present = [(r, v) for r, v in vals if v is not None]
            if present and all(v in inc[r] for r, v in present):
                inc[i.name].add(row.id)
    return inc


def _close(conn, by: dict[str, TableInfo], inc: dict[str, set[int]]) -> None:
    """Add every record the included ones refer to, until nothing is missing."""
    todo = {n: set(ids) for n, ids in inc.items()}
    while any(todo.values()):
        nxt: dict[str, set[int]] = {n: set() for n in inc}
        for name, ids in todo.items():
            info = by[name]
            if not ids or not info.refs:
                continue
            cols = [info.table.c[c] for c in info.refs]
            ids_l = list(ids)
            for k in range(0, len(ids_l), 500):
                q = sa.select(*cols).where(info.table.c.id.in_(ids_l[k : k + 500]))
                for row in conn.execute(q):
                    for c, v in zip(cols, row, strict=True):
                        ref = info.refs[c.name]
                        if v is not None and v not in inc[ref]:
                            inc[ref].add(v)
                            nxt[ref].add(v)
        todo = nxt


def extract(ledger, street: str, out: str | Path) -> ExtractResult:
    """Write the township `street`'s slice of `ledger` to the new ledger file `out`."""
    from partydesk.ledger.opening import open_ledger

    street = (street or "").strip()
    out = Path(out).expanduser()
    if out.exists():
        raise ValidationError(f"文件已存在：{out}。请换一个文件名，不会覆盖已有文件。")
    ledger.check_writable()
    infos = tables.merged_tables()
    with ledger.engine.connect() as conn:
        inc = slice_ids(conn, infos, street)
        settings = [dict(r._mapping) for r in conn.execute(sa.select(Setting.__table__))]
        rows = {i.name: _rows(conn, i.table, inc[i.name]) for i in infos}
        conn.rollback()
    new_id = new_uuid()
    try:
        with open_ledger(out, create=True, daily_backup="later") as town:
            with town.session() as s:
                s.info["audit"] = False
                c = s.connection()
                if c.dialect.name == "sqlite":
                    c.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
                for i in reversed(infos):  # what a new ledger is made with, then the slice
                    c.execute(sa.delete(i.table))
                c.execute(sa.delete(Setting.__table__))
                if settings:
                    c.execute(sa.insert(Setting.__table__), settings)
                for i in infos:
                    r = rows[i.name]
                    for k in range(0, len(r), 500):
                        c.execute(sa.insert(i.table), r[k : k + 500])
                c.execute(sa.delete(DeletedRecord.__table__))
                identity.set_ledger_uuid(c, new_id)
                audit.log(s, "extract", "ledger", label=f"由县级账本导出：{street}")
            with town.engine.connect() as c:
                uuid_of = tables.id_maps(c, infos)
                digests = {
                    i.name: {
                        u: tables.digest(v) for u, (_, v) in tables.read_rows(c, i, uuid_of).items()
                    }
                    for i in infos
                }
    except BaseException:
        out.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", ".lock"):
            out.with_name(out.name + suffix).unlink(missing_ok=True)
        raise
    res = ExtractResult(out, street, new_id, {n: len(r) for n, r in rows.items() if r})
    with ledger.session() as s:
        s.info["audit"] = False
        conn = s.connection()
        for name, d in digests.items():
            set_bases(conn, new_id, name, d)
        now = utcnow()
        conn.execute(
            sa.insert(MergeRun.__table__).values(
                uuid=new_uuid(),
                created_at=now,
                updated_at=now,
                kind="extract",
                source_uuid=new_id,
                source_path=str(out),
                merged_at=now,
                who=audit.who_for(s)[:100],
                counts=None,
            )
        )
        audit.log(
            s, "extract", "ledger", label=f"导出乡镇账本 {street} → {out.name}：{res.summary()}"
        )
    return res


def _rows(conn, t: sa.Table, ids: set[int]) -> list[dict]:
    ids_l = sorted(ids)
    out: list[dict] = []
    for k in range(0, len(ids_l), 500):
        q = sa.select(t).where(t.c.id.in_(ids_l[k : k + 500])).order_by(t.c.id)
        out.extend(dict(r._mapping) for r in conn.execute(q))
    return out
