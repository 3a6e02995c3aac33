"""Looking up schemes, items, people; bands (星级 / 培养意见)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models.points import PointsBand, PointsItem, PointsScheme  # noqa: F401
from partydesk.ledger.queries import find_person  # noqa: F401 - where callers look for it
from partydesk.points import periods
from partydesk.points.periods import Period


def list_schemes(session: Session, *, active_only: bool = True) -> list[PointsScheme]:
    q = select(PointsScheme).order_by(PointsScheme.sort_order, PointsScheme.id)
    if active_only:
        q = q.where(PointsScheme.active.is_(True))
    return list(session.scalars(q))


def find_scheme(session: Session, text: str | int | None = None) -> PointsScheme:
    """The scheme named by `text` (id, code, full name or a unique part of the name);
    with no text, the first active scheme (党员量化积分 by default)."""
    schemes = list_schemes(session, active_only=False)
    if text is None or str(text).strip() == "":
        active = [s for s in schemes if s.active]
        if not active:
            raise NotFoundError("账本中没有可用的积分方案。")
        return active[0]
    t = str(text).strip()
    for s in schemes:
        if t == str(s.id) or t == s.code or t == s.name:
            return s
    part = [s for s in schemes if t in s.name]
    if len(part) == 1:
        return part[0]
    names = "、".join(f"{s.id}:{s.name}" for s in schemes)
    if not part:
        raise NotFoundError(f"找不到积分方案“{t}”。现有方案：{names}。")
    raise NotFoundError(f"“{t}”对应多个积分方案，请写得更具体。现有方案：{names}。")


def find_item(session: Session, scheme: PointsScheme, text: str | int) -> PointsItem:
    """An item of `scheme` by id, exact name or a unique part of the name."""
    t = str(text).strip()
    items = list(scheme.items)
    for it in items:
        if t == str(it.id) or t == it.name:
            return it
    part = [it for it in items if t and t in it.name]
    if len(part) == 1:
        return part[0]
    names = "、".join(f"{it.id}:{it.name}" for it in items)
    if not part:
        raise NotFoundError(f"积分方案“{scheme.name}”中没有项目“{t}”。可用项目：{names}。")
    raise NotFoundError(f"“{t}”对应多个积分项目，请写得更具体或用编号：{names}。")


def scheme_categories(scheme: PointsScheme) -> list[str]:
    return [c.strip() for c in (scheme.categories or "").split(",") if c.strip()]


def check_period(scheme: PointsScheme, period: Period) -> None:
    """A card can cover the scheme's scoring period or a longer one, never a shorter one."""
    if not periods.coarser_or_equal(period.kind, scheme.period):
        lab = periods.KIND_LABELS[scheme.period]
        example = {"month": "2025-07", "quarter": "2025Q3", "year": "2025"}[scheme.period]
        raise ValidationError(
            f"“{scheme.name}”按{lab}计分，不能按{periods.KIND_LABELS[period.kind]}统计。"
            f"请指定{lab}（如 {example}）或更长的期间。",
            "period",
        )


def band_for(scheme: PointsScheme, total: float, period: Period) -> PointsBand | None:
    """The band whose minimum is the highest one not above `total` — so with the default
    stars 69.5 is one star and 96 is five; None under the lowest band or when cards of
    this period kind are not banded (e.g. a monthly card of a scheme rated yearly)."""
    if period.kind != (scheme.band_period or scheme.period):
        return None
    best = None
    for b in scheme.bands:
        if round(total, 6) >= b.min_points and (best is None or b.min_points > best.min_points):
            best = b
    return best


def band_text(band: PointsBand | None) -> str:
    if band is None:
        return ""
    if band.stars:
        return f"{'★' * band.stars} {band.label}"
    return band.label


# --- editing the data of a scheme (every county has its own numbers) ----------------------


def update_scheme(
    session: Session,
    scheme: PointsScheme,
    *,
    base_points: float | None = None,
    floor: float | None | str = "keep",
    ceiling: float | None | str = "keep",
    name: str | None = None,
    active: bool | None = None,
) -> PointsScheme:
    """Change a scheme's base, floor, ceiling, name or active flag ("keep" leaves the
    floor / ceiling alone; None removes it)."""
    if name is not None:
        if not name.strip():
            raise ValidationError("方案名称不能为空。", "name")
        scheme.name = name.strip()
    if base_points is not None:
        scheme.base_points = float(base_points)
    if floor != "keep":
        scheme.floor = None if floor is None else float(floor)
    if ceiling != "keep":
        scheme.ceiling = None if ceiling is None else float(ceiling)
    if scheme.floor is not None and scheme.ceiling is not None and scheme.floor > scheme.ceiling:
        raise ValidationError(
            f"最低分 {scheme.floor:g} 不能高于最高分 {scheme.ceiling:g}。", "floor"
        )
    if active is not None:
        scheme.active = bool(active)
    session.flush()
    return scheme


def add_item(
    session: Session,
    scheme: PointsScheme,
    name: str,
    points: float,
    *,
    cap: float | None = None,
    dimension: str | None = None,
) -> PointsItem:
    name = (name or "").strip()
    if not name:
        raise ValidationError("积分项目名称不能为空。", "name")
    if any(it.name == name for it in scheme.items):
        raise ValidationError(f"“{scheme.name}”中已有项目“{name}”。", "name")
    _check_item_numbers(points, cap)
    order = max((it.sort_order for it in scheme.items), default=0) + 1
    it = PointsItem(
        scheme_id=scheme.id,
        name=name,
        points=float(points),
        cap=None if cap is None else float(cap),
        dimension=dimension,
        sort_order=order,
        active=True,
    )
    session.add(it)
    session.flush()
    session.refresh(scheme)
    return it


def update_item(
    session: Session,
    item: PointsItem,
    *,
    name: str | None = None,
    points: float | None = None,
    cap: float | None | str = "keep",
    dimension: str | None = None,
    active: bool | None = None,
) -> PointsItem:
    """Change an item. Entries already made keep the points they were entered with."""
    if name is not None:
        if not name.strip():
            raise ValidationError("积分项目名称不能为空。", "name")
        item.name = name.strip()
    new_points = item.points if points is None else float(points)
    new_cap = item.cap if cap == "keep" else (None if cap is None else float(cap))
    _check_item_numbers(new_points, new_cap)
    item.points, item.cap = new_points, new_cap
    if dimension is not None:
        item.dimension = dimension.strip() or None
    if active is not None:
        item.active = bool(active)
    session.flush()
    return item


def _check_item_numbers(points: float, cap: float | None) -> None:
    if points == 0:
        raise ValidationError("每次分值不能为 0（扣分项写负数，如 -2）。", "points")
    if cap is not None and cap <= 0:
        raise ValidationError("每期上限必须大于 0；不封顶请留空。", "cap")


def set_bands(
    session: Session,
    scheme: PointsScheme,
    bands: list[tuple[float, str, int | None]],
    kind: str = "star",
) -> None:
    """Replace the scheme's bands with (minimum, label, stars) rows."""
    mins = [b[0] for b in bands]
    if len(set(mins)) != len(mins):
        raise ValidationError("分档的起点分数不能重复。", "bands")
    for lo, label, _stars in bands:
        if not str(label).strip():
            raise ValidationError(f"{lo:g} 分起的分档没有名称。", "bands")
    for b in list(scheme.bands):
        session.delete(b)
    session.flush()
    for lo, label, stars in sorted(bands):
        session.add(
            PointsBand(
                scheme_id=scheme.id,
                kind=kind,
                min_points=float(lo),
                label=str(label).strip(),
                stars=stars,
            )
        )
    session.flush()
    session.refresh(scheme)


def parse_bands(text: str) -> list[tuple[float, str, int | None]]:
    """Bands written as "60:一星:1, 70:二星:2" (stars optional: "80:重点培养")."""
    out = []
    for part in re_split(text):
        bits = [b.strip() for b in part.split(":")]
        try:
            lo = float(bits[0])
            stars = int(bits[2]) if len(bits) > 2 and bits[2] else None
        except (ValueError, IndexError):
            raise ValidationError(
                f"分档“{part}”写法不对，应写成 起点分:名称[:星数]，如 60:一星:1。", "bands"
            ) from None
        if len(bits) < 2:
            raise ValidationError(f"分档“{part}”缺少名称，如 60:一星:1。", "bands")
        out.append((lo, bits[1], stars))
    return out


def re_split(text: str) -> list[str]:
    import re

    return [p for p in re.split(r"[,，;；]\s*", (text or "").replace("：", ":")) if p.strip()]
