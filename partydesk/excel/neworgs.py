"""Organizations a sheet names that the ledger does not hold yet: a people roster naming
its branches in a new ledger, an organizations sheet whose parent comes further down.

Such a cell is kept as the organization's name (a placeholder) instead of an id; the
import creates the organization (typed from its name) or finds it among the rows written
before, and puts in the id. Units new in the same workbook (its units sheet, written
first) are named the same way by a 工作单位 or 所在单位 cell.
"""

from __future__ import annotations

from partydesk.errors import ValidationError

# The type an organization's full name says, checked in this order.
_TYPE_BY_ENDING = (
    ("联合支部委员会", "joint_branch"),
    ("联合党支部", "joint_branch"),
    ("工作支部", "work_branch"),
    ("总支部委员会", "general_branch"),
    ("党总支", "general_branch"),
    ("总支", "general_branch"),
    ("支部委员会", "branch"),
    ("党支部", "branch"),
    ("支部", "branch"),
    ("委员会", "committee"),
    ("党委", "committee"),
)


def type_from_name(name: str) -> str | None:
    """党组织类别 from the full name (…支部委员会 → 党支部, …总支部委员会 → 党总支,
    …委员会 → 党委); None when the name is no organization's."""
    for ending, code in _TYPE_BY_ENDING:
        if name.endswith(ending):
            return code
    return None


class NewOrgs:
    """Placeholders for organizations a sheet names and the ledger lacks."""

    def __init__(
        self, session, entity, sheet, mapping, create: bool, pending=None, pending_units=None
    ):
        self.create = create
        self.pending: set[str] = set(pending or ())
        # units that an earlier sheet of the same workbook (its units sheet) creates
        self.pending_units: frozenset[str] = frozenset(pending_units or ())
        self._created: dict[str, str] = {}
        self._missing: list[str] = []
        if entity == "org":
            # The sheet's own organizations may be named as parents, in any order.
            col = next((i for i, m in enumerate(mapping) if m == "name"), None)
            if col is not None:
                from sqlalchemy import select

                from partydesk.ledger.models import Organization

                names = {
                    "".join(str(c[col]).split())
                    for _n, c in sheet.rows
                    if c[col] is not None and str(c[col]).strip()
                }
                have = set()
                vals = list(names)
                for k in range(0, len(vals), 900):
                    have |= set(
                        session.scalars(
                            select(Organization.name).where(
                                Organization.name.in_(vals[k : k + 900])
                            )
                        )
                    )
                self.pending |= names - have

    def wrap(self, name: str, base):
        def fn(raw):
            try:
                return base(raw)
            except ValidationError as e:
                text = "".join(str(raw).split())
                if text in self.pending:
                    return text
                if "找不到" not in str(e):
                    raise
                kind = type_from_name(text)
                if self.create and kind is not None and name == "org_id":
                    self._created.setdefault(text, kind)
                    return text
                if text not in self._missing:
                    self._missing.append(text)
                hint = "；可选择新建缺少的党组织（命令行 --create-orgs）" if kind else ""
                raise ValidationError(f"{e}{hint}", e.field) from None

        return fn

    def wrap_unit(self, base):
        """A unit cell (工作单位) naming a unit new in the same workbook: kept by name."""
        if not self.pending_units:
            return base

        def fn(raw):
            try:
                got = base(raw)
            except ValidationError:
                got = None
            text = str(raw).strip()
            if (got is None or got.__class__ is not int) and text in self.pending_units:
                return text  # a plain name, not a name kept as text (fields.UnitText)
            if got is None:
                return base(raw)  # raises the registry's reason
            return got

        return fn

    def created(self) -> dict[str, str]:
        return dict(self._created)

    def missing(self) -> list[str]:
        return [] if self.create else list(self._missing)
