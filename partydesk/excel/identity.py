"""Who a row of the sheet is: the record of the ledger it describes, found with indexed
look-ups of just the keys in the sheet (so the cost follows the sheet, not the ledger).

- The same ID number (信用代码 for units) is the same record.
- The same name in the same branch with a different ID number is a different person.
- A name (with branch / 派出单位 where the sheet has them) and no ID number is an existing
  record only when exactly one matches.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.ledger import fields

# The primary key (an identity number) and the name key of each entity.
PRIMARY = {"unit": "credit_code", "org": None, "person": "id_number", "instructor": "id_number"}
NAME_KEY = {
    "unit": ("name",),
    "org": ("name",),
    "person": ("name", "org_id"),
    "instructor": ("name", "home_unit"),
}
KEY_LABEL = {"id_number": "身份证号", "credit_code": "信用代码"}


def in_chunk(session: Session) -> int:
    """Values per IN (...): under the driver's limit on bound variables (999 on old SQLite
    builds, 32,766 since 3.32), at most 10,000 — fewer, larger look-ups for a big sheet."""
    import sqlite3

    driver = session.connection().connection.driver_connection
    try:
        limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, sqlite3.Error):
        limit = 999
    return max(100, min(10_000, limit - 100))


class Matcher:
    """Existing records for the keys of one sheet, and the rows already seen."""

    def __init__(self, session: Session, entity: str, rows_values: list[dict], mapped: set[str]):
        self.entity = entity
        ent = fields.entity(entity)
        model = ent.model
        self.names = fields.stored_names(entity)
        self.primary = PRIMARY[entity] if PRIMARY[entity] in mapped else None
        self.name_key = tuple(f for f in NAME_KEY[entity] if f in mapped)
        self.existing: dict[int, dict[str, Any]] = {}
        cols = [model.id] + [getattr(model, n) for n in self.names]
        wanted: dict[str, set] = {"name": set()}
        if self.primary:
            wanted[self.primary] = set()
        for v in rows_values:
            for k, s in wanted.items():
                x = v.get(k)
                if x is not None:
                    s.add(x)
        chunk = in_chunk(session)
        for k, values in wanted.items():
            col = getattr(model, k)
            vals = list(values)
            for i in range(0, len(vals), chunk):
                for row in session.execute(select(*cols).where(col.in_(vals[i : i + chunk]))):
                    self.existing[row[0]] = dict(zip(self.names, row[1:], strict=True))
        self.by_primary: dict[Any, int] = {}
        self.by_name: dict[tuple, list[int]] = {}
        for rid, vals in self.existing.items():
            if self.primary and vals[self.primary] is not None:
                self.by_primary[vals[self.primary]] = rid
            self.by_name.setdefault(tuple(vals[f] for f in self.name_key), []).append(rid)
            if len(self.name_key) > 1:
                # a row that leaves the branch blank is matched by its name alone
                self.by_name.setdefault((vals["name"],), []).append(rid)
        self.seen_primary: dict[Any, int] = {}
        self.seen_name: dict[tuple, list[tuple[int, Any]]] = {}  # key: [(row, primary)]
        self.seen_targets: dict[int, int] = {}

    def match(self, row_no: int, vals: dict) -> tuple[int | None, str | None]:
        """(existing record id or None for a new one, error or None)."""
        key = tuple(vals.get(f) for f in self.name_key)
        if None in key[1:] and key[0] is not None:
            key = (key[0],)
        pk = vals.get(self.primary) if self.primary else None
        target = None
        if pk is not None:
            first = self.seen_primary.get(pk)
            if first is not None:
                return None, f"与第{first}行重复（{KEY_LABEL[self.primary]}相同）"
            self.seen_primary[pk] = row_no
            target = self.by_primary.get(pk)
        if None not in key:
            for other_row, other_pk in self.seen_name.get(key, ()):
                if pk is None or other_pk is None or other_pk == pk:
                    what = "、".join(
                        fields.label_of(self.entity, f) for f in self.name_key[: len(key)]
                    )
                    if pk is None and other_pk is not None:
                        what += "，且本行没有" + KEY_LABEL.get(self.primary, "")
                    return None, f"与第{other_row}行重复（{what}相同）"
            self.seen_name.setdefault(key, []).append((row_no, pk))
            if target is None:
                hits = self.by_name.get(key, [])
                if pk is not None:
                    # the same name with another ID number is another person
                    hits = [h for h in hits if self.existing[h][self.primary] is None]
                if len(hits) > 1:
                    what = "、".join(
                        fields.label_of(self.entity, f) for f in self.name_key[: len(key)]
                    )
                    more = KEY_LABEL.get(self.primary or "", "更多信息")
                    return None, f"账本中有{len(hits)}条{what}相同的记录，请补充{more}以区分"
                if hits:
                    target = hits[0]
        if target is not None:
            prev = self.seen_targets.get(target)
            if prev is not None:
                return None, f"与第{prev}行是同一条记录"
            self.seen_targets[target] = row_no
        return target, None
