"""Entering points, publishing (公示) and the locks it sets, reversing entries (冲正)."""

from __future__ import annotations

import getpass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.base import utcnow
from partydesk.ledger.models.points import (
    PointsEntry,
    PointsItem,
    PointsPublication,
    PointsScheme,
)
from partydesk.points import periods
from partydesk.points.periods import Period
from partydesk.points.schemes import check_period, scheme_categories
from partydesk.rules import facts


def operator_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems
        return ""


def publication_covering(
    session: Session, scheme_id: int, org_id: int | None, on: date
) -> PointsPublication | None:
    """The publication that locks entries of this scheme and org on date `on`, if any."""
    if org_id is None:
        return None
    return session.scalar(
        select(PointsPublication)
        .where(
            PointsPublication.scheme_id == scheme_id,
            PointsPublication.org_id == org_id,
            PointsPublication.starts_on <= on,
            PointsPublication.ends_on >= on,
        )
        .limit(1)
    )


def period_locked(
    session: Session, scheme: PointsScheme, org: Organization, period: Period
) -> PointsPublication | None:
    """A publication overlapping `period` for this org (then the period is read-only)."""
    return session.scalar(
        select(PointsPublication)
        .where(
            PointsPublication.scheme_id == scheme.id,
            PointsPublication.org_id == org.id,
            PointsPublication.starts_on <= period.end,
            PointsPublication.ends_on >= period.start,
        )
        .limit(1)
    )


def _locked_message(pub: PointsPublication) -> str:
    p = periods.parse(pub.period_key)
    return (
        f"{p.label}的积分已于{pub.published_at:%Y-%m-%d}公示，已锁定，不能修改。"
        f"如需更正，请录入冲正记录（写明更正原因）。"
    )


def add_entry(
    session: Session,
    scheme: PointsScheme,
    person: Person,
    item: PointsItem,
    on: date,
    count: int = 1,
    *,
    note: str | None = None,
    by: str | None = None,
    source: str = "manual",
    org_id: int | None = None,
    correction_reason: str | None = None,
    check_category: bool = True,
    today: date | None = None,
) -> PointsEntry:
    """Record `count` occurrences of `item` for `person` on `on`.

    A person outside the scheme's categories (e.g. a full member on the candidates' card)
    is refused unless `check_category` is off (the grid, whose rows are the card list).

    In a published period this is refused unless `correction_reason` is given: then the
    entry is added as a correction (更正) and the published figures stay traceable.
    Points are for what was done: a date after `today` is refused."""
    facts.past(on, "积分日期", today, "on")
    if item.scheme_id != scheme.id:
        raise ValidationError(f"项目“{item.name}”不属于积分方案“{scheme.name}”。", "item")
    if not item.active:
        raise ValidationError(f"积分项目“{item.name}”已停用。", "item")
    if count == 0:
        raise ValidationError("次数不能为 0。", "count")
    if abs(count) > 999:
        raise ValidationError(f"次数 {count} 太大了，请检查。", "count")
    if check_category and person.category not in scheme_categories(scheme):
        from partydesk.ledger.enums import Category

        raise ValidationError(
            f"{person.name}（{Category.label_of(person.category)}）不参加“{scheme.name}”，"
            f"请选择适用的积分方案。",
            "person",
        )
    org_id = org_id if org_id is not None else person.org_id
    if org_id is None:
        raise ValidationError(f"{person.name} 没有所在党组织，不能记积分。", "person")
    pub = publication_covering(session, scheme.id, org_id, on)
    if pub is not None:
        if not (correction_reason or "").strip():
            raise ValidationError(_locked_message(pub), "on")
        note = f"更正：{correction_reason.strip()}" + (f"；{note}" if note else "")
    entry = PointsEntry(
        scheme_id=scheme.id,
        item_id=item.id,
        person_id=person.id,
        org_id=org_id,
        period_key=periods.of(on, scheme.period).key,
        on=on,
        count=int(count),
        points_each=item.points,
        note=note,
        entered_by=by if by is not None else operator_name(),
        source=source,
    )
    session.add(entry)
    session.flush()
    return entry


def _check_editable(session: Session, entry: PointsEntry) -> None:
    pub = publication_covering(session, entry.scheme_id, entry.org_id, entry.on)
    if pub is not None:
        raise ValidationError(_locked_message(pub), "on")


def update_entry(
    session: Session, entry: PointsEntry, *, count: int | None = None, note: str | None = None
) -> PointsEntry:
    """Edit an entry of an unpublished period (a published one raises)."""
    _check_editable(session, entry)
    if count is not None:
        if count == 0:
            raise ValidationError("次数不能为 0；不要的记录请删除。", "count")
        entry.count = int(count)
    if note is not None:
        entry.note = note
    session.flush()
    return entry


def delete_entry(session: Session, entry: PointsEntry) -> None:
    """Delete an entry of an unpublished period (a published one raises)."""
    _check_editable(session, entry)
    session.delete(entry)
    session.flush()


def reverse_entry(
    session: Session, entry_id: int, reason: str, *, by: str | None = None
) -> PointsEntry:
    """冲正: a new entry with the opposite count on the original's date (so the corrected
    period's total is right), pointing at the original. Allowed in published periods —
    it is how they are corrected; the original is never edited."""
    entry = session.get(PointsEntry, entry_id)
    if entry is None:
        raise ValidationError(f"找不到积分记录 {entry_id}。")
    if not (reason or "").strip():
        raise ValidationError("冲正必须写明原因。", "reason")
    if entry.reverses_id is not None:
        raise ValidationError(f"记录 {entry_id} 本身是冲正记录，不能再冲正。")
    done = session.scalar(select(PointsEntry.id).where(PointsEntry.reverses_id == entry.id))
    if done is not None:
        raise ValidationError(f"记录 {entry_id} 已被冲正（冲正记录 {done}）。")
    rev = PointsEntry(
        scheme_id=entry.scheme_id,
        item_id=entry.item_id,
        person_id=entry.person_id,
        org_id=entry.org_id,
        period_key=entry.period_key,
        on=entry.on,
        count=-entry.count,
        points_each=entry.points_each,
        note=f"冲正：{reason.strip()}",
        entered_by=by if by is not None else operator_name(),
        source="reversal",
        reverses_id=entry.id,
    )
    session.add(rev)
    session.flush()
    return rev


def cell_entries(session, scheme_id, org_id, person_id, item_id, period: Period):
    return list(
        session.scalars(
            select(PointsEntry)
            .where(
                PointsEntry.scheme_id == scheme_id,
                PointsEntry.org_id == org_id,
                PointsEntry.person_id == person_id,
                PointsEntry.item_id == item_id,
                PointsEntry.on >= period.start,
                PointsEntry.on <= period.end,
            )
            .order_by(PointsEntry.id)
        )
    )


def _check_begun(period: Period, today: date | None) -> None:
    today = today or date.today()
    if period.start > today:
        raise ValidationError(
            f"{period.label}还没有开始（今天是{today:%Y-%m-%d}），不能录入积分：积分记的是已经做了的事。",
            "period",
        )


def set_cell(
    session: Session,
    scheme: PointsScheme,
    org: Organization,
    person: Person,
    item: PointsItem,
    period: Period,
    count: int,
    *,
    by: str | None = None,
    today: date | None = None,
) -> int:
    """Make the person's count of `item` in `period` equal `count` (what typing in the
    entry grid means). Entries of an unpublished period are drafts: a single one is
    updated, several are merged into one, 0 removes them. Returns the previous count."""
    if period.kind != scheme.period:
        raise ValidationError(
            f"“{scheme.name}”按{periods.KIND_LABELS[scheme.period]}计分，"
            f"请逐{periods.KIND_LABELS[scheme.period][0]}录入。",
            "period",
        )
    if count < 0:
        raise ValidationError("次数不能为负数。扣分项目请录入发生次数，分值自动为负。", "count")
    if count > 999:
        raise ValidationError(f"次数 {count} 太大了，请检查。", "count")
    _check_begun(period, today)
    pub = period_locked(session, scheme, org, period)
    if pub is not None:
        raise ValidationError(_locked_message(pub))
    existing = cell_entries(session, scheme.id, org.id, person.id, item.id, period)
    old = sum(e.count for e in existing)
    if old == count:
        return old
    if count == 0:
        for e in existing:
            session.delete(e)
    elif len(existing) == 1:
        existing[0].count = count
        existing[0].entered_by = by if by is not None else operator_name()
    else:
        notes = "；".join(e.note for e in existing if e.note) or None
        on = existing[0].on if existing else period.clamp(today or date.today())
        for e in existing:
            session.delete(e)
        session.flush()
        add_entry(
            session,
            scheme,
            person,
            item,
            on,
            count,
            note=notes,
            by=by,
            source="grid",
            org_id=org.id,
            check_category=False,
            today=today,
        )
    session.flush()
    return old


def publish(
    session: Session,
    scheme: PointsScheme,
    org: Organization,
    period: Period,
    *,
    by: str | None = None,
    note: str | None = None,
) -> PointsPublication:
    """公示 the org's totals for `period`: from now on its entries are locked."""
    check_period(scheme, period)
    dup = session.scalar(
        select(PointsPublication).where(
            PointsPublication.scheme_id == scheme.id,
            PointsPublication.org_id == org.id,
            PointsPublication.period_key == period.key,
        )
    )
    if dup is not None:
        raise ValidationError(
            f"“{org.name}”{period.label}的{scheme.name}已于{dup.published_at:%Y-%m-%d}公示过。"
        )
    pub = PointsPublication(
        scheme_id=scheme.id,
        org_id=org.id,
        period_key=period.key,
        starts_on=period.start,
        ends_on=period.end,
        published_at=utcnow().replace(microsecond=0),
        published_by=by if by is not None else operator_name(),
        note=note,
    )
    session.add(pub)
    session.flush()
    return pub


def now_local() -> datetime:
    return datetime.now().replace(microsecond=0)


def correct_cell(
    session: Session,
    scheme: PointsScheme,
    org: Organization,
    person: Person,
    item: PointsItem,
    period: Period,
    count: int,
    reason: str,
    *,
    by: str | None = None,
    today: date | None = None,
) -> list[PointsEntry]:
    """更正 a published cell: every standing entry of the cell is reversed and, when
    `count` > 0, one correction entry with the right count is added. Nothing is edited."""
    if not (reason or "").strip():
        raise ValidationError("更正必须写明原因。", "reason")
    if count < 0:
        raise ValidationError("次数不能为负数。", "count")
    _check_begun(period, today)
    cell = cell_entries(session, scheme.id, org.id, person.id, item.id, period)
    reversed_ids = {e.reverses_id for e in cell if e.reverses_id is not None}
    standing = [e for e in cell if e.reverses_id is None and e.id not in reversed_ids]
    if sum(e.count for e in standing) == count:
        raise ValidationError("次数没有变化，无需更正。", "count")
    out = [reverse_entry(session, e.id, reason, by=by) for e in standing]
    if count > 0:
        on = standing[0].on if standing else period.clamp(today or date.today())
        out.append(
            add_entry(
                session,
                scheme,
                person,
                item,
                on,
                count,
                by=by,
                source="correction",
                org_id=org.id,
                correction_reason=reason.strip(),
                check_category=False,
                today=today,
            )
        )
    return out
