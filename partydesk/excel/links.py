"""Sheet columns that are links between records rather than fields of one: an
organization's 所在单位 (host units). Import reads them, export and the template write
them, so a roster of organizations brings its coverage with it.

A link column is mapped like a field (its name in the mapping list), but it is kept apart
from the record's values: it is compared with, and written to, the link table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Link:
    name: str
    label: str
    aliases: tuple[str, ...]
    tip: str
    current: Callable[[Session], dict[int, list[int]]]  # record id -> linked ids
    # a cell -> linked ids (ValidationError); records new in the same workbook (`pending`
    # names) come back as their names, resolved once they are written
    parse: Callable[..., list[int | str]]
    targets: Callable[[Session], dict[int, str]]  # every record it may link to: id -> name
    write: Callable[[Session, int, list[int]], None]

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    @staticmethod
    def text(names: dict[int, str], ids: list[int]) -> str:
        """The cell for these linked ids (`names` from `targets`, read once per sheet)."""
        return "、".join(i if i.__class__ is str else names.get(i, f"#{i}") for i in ids)


def _hosts_current(session: Session) -> dict[int, list[int]]:
    from partydesk.ledger.models import OrgHostUnit

    out: dict[int, list[int]] = {}
    for org_id, unit_id in session.execute(
        select(OrgHostUnit.org_id, OrgHostUnit.unit_id).order_by(OrgHostUnit.id)
    ):
        out.setdefault(org_id, []).append(unit_id)
    return out


def _hosts_parse(session: Session, text: str, pending=frozenset()) -> list[int | str]:
    from partydesk.errors import ValidationError
    from partydesk.ledger import hosts

    try:
        return hosts.parse_units(session, str(text))
    except ValidationError:
        words = hosts.split_names(str(text))
        if not any(w in pending for w in words):
            raise
    # Some units are new in the same workbook (its units sheet): kept by name.
    hosts.parse_units(session, "、".join(w for w in words if w not in pending))  # the others
    out: list[int | str] = []
    for w in words:
        item = w if w in pending else hosts.find_unit(session, w).id
        if item not in out:
            out.append(item)
    return out


def _unit_names(session: Session) -> dict[int, str]:
    from partydesk.ledger.models import Unit

    return dict(session.execute(select(Unit.id, Unit.name)).all())


def _hosts_write(session: Session, org_id: int, ids: list[int]) -> None:
    from partydesk.ledger import hosts

    hosts.set_host_units(session, org_id, ids, hints=False)  # the preview showed the change


HOST_UNITS = Link(
    "host_units",
    "所在单位",
    ("所在单位名称", "依托单位", "所属单位", "覆盖单位"),
    "填单位全称（须已在账本中）；联合组建的多个单位用顿号“、”分开",
    _hosts_current,
    _hosts_parse,
    _unit_names,
    _hosts_write,
)

LINKS: dict[str, tuple[Link, ...]] = {"org": (HOST_UNITS,)}


def links(entity_key: str) -> tuple[Link, ...]:
    return LINKS.get(entity_key, ())


def link(entity_key: str, name: str) -> Link | None:
    return next((k for k in links(entity_key) if k.name == name), None)
