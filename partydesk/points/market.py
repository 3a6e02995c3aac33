"""积分超市: goods, balances and redemptions.

A person's balance is what they earned in the schemes marked `redeemable` (item points
after each period's caps, deductions included, base points and floors not — those are a
card's starting score, not points earned) less what they have redeemed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import (
    PointsEntry,
    PointsGoods,
    PointsItem,
    PointsRedemption,
    PointsScheme,
)
from partydesk.points.entries import operator_name
from partydesk.points.totals import capped, fmt


@dataclass
class Balance:
    earned: float
    spent: float

    @property
    def available(self) -> float:
        return round(self.earned - self.spent, 6)


def earned_by_person(
    session: Session, person_ids: list[int] | None = None, as_of: date | None = None
) -> dict[int, float]:
    """Σ capped item points per person over every scoring period of redeemable schemes."""
    q = (
        select(
            PointsEntry.person_id,
            PointsEntry.item_id,
            PointsEntry.period_key,
            func.sum(PointsEntry.count * PointsEntry.points_each),
            PointsItem.cap,
        )
        .join(PointsItem, PointsItem.id == PointsEntry.item_id)
        .join(PointsScheme, PointsScheme.id == PointsEntry.scheme_id)
        .where(PointsScheme.redeemable.is_(True))
        .group_by(
            PointsEntry.person_id, PointsEntry.item_id, PointsEntry.period_key, PointsItem.cap
        )
    )
    if person_ids is not None:
        q = q.where(PointsEntry.person_id.in_(person_ids))
    if as_of is not None:
        q = q.where(PointsEntry.on <= as_of)
    out: dict[int, float] = {}
    for pid, _item, _key, pts, cap in session.execute(q):
        out[pid] = out.get(pid, 0.0) + capped(float(pts or 0), cap)
    return out


def spent_by_person(session: Session, person_ids: list[int] | None = None) -> dict[int, float]:
    q = select(PointsRedemption.person_id, func.sum(PointsRedemption.points)).group_by(
        PointsRedemption.person_id
    )
    if person_ids is not None:
        q = q.where(PointsRedemption.person_id.in_(person_ids))
    return {pid: float(s or 0) for pid, s in session.execute(q)}


def balance(session: Session, person_id: int) -> Balance:
    earned = earned_by_person(session, [person_id]).get(person_id, 0.0)
    spent = spent_by_person(session, [person_id]).get(person_id, 0.0)
    return Balance(round(earned, 6), round(spent, 6))


def list_goods(session: Session, *, active_only: bool = True) -> list[PointsGoods]:
    q = select(PointsGoods).order_by(PointsGoods.price, PointsGoods.id)
    if active_only:
        q = q.where(PointsGoods.active.is_(True))
    return list(session.scalars(q))


def add_goods(
    session: Session,
    name: str,
    price: float,
    *,
    stock: int | None = None,
    unit_label: str | None = None,
    note: str | None = None,
) -> PointsGoods:
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写商品名称。", "name")
    if price is None or price <= 0:
        raise ValidationError("兑换所需积分必须大于 0。", "price")
    if stock is not None and stock < 0:
        raise ValidationError("库存不能为负数。", "stock")
    if session.scalar(select(PointsGoods).where(PointsGoods.name == name)) is not None:
        raise ValidationError(f"积分超市中已有商品“{name}”。", "name")
    g = PointsGoods(
        name=name, price=float(price), stock=stock, unit_label=unit_label, note=note, active=True
    )
    session.add(g)
    session.flush()
    return g


def find_goods(session: Session, text: str | int) -> PointsGoods:
    t = str(text).strip()
    goods = list_goods(session, active_only=False)
    for g in goods:
        if t == str(g.id) or t == g.name:
            return g
    part = [g for g in goods if t and t in g.name]
    if len(part) == 1:
        return part[0]
    names = "、".join(f"{g.id}:{g.name}" for g in goods) or "（暂无商品）"
    if not part:
        raise NotFoundError(f"积分超市中没有“{t}”。现有商品：{names}。")
    raise NotFoundError(f"“{t}”对应多个商品，请写得更具体：{names}。")


def redeem(
    session: Session,
    person: Person,
    goods: PointsGoods,
    quantity: int = 1,
    *,
    on: date | None = None,
    by: str | None = None,
    note: str | None = None,
) -> PointsRedemption:
    """Redeem `quantity` of `goods` for `person`; refuses (ValidationError, Chinese) an
    overdraw, a stock shortfall or a withdrawn item. Nothing is written when refused."""
    if quantity is None or quantity < 1:
        raise ValidationError("兑换数量至少为 1。", "quantity")
    if not goods.active:
        raise ValidationError(f"商品“{goods.name}”已下架，不能兑换。", "goods")
    unit = goods.unit_label or "件"
    if goods.stock is not None and goods.stock < quantity:
        raise ValidationError(
            f"“{goods.name}”库存不足：现有 {goods.stock} {unit}，要兑换 {quantity} {unit}。",
            "quantity",
        )
    cost = round(goods.price * quantity, 6)
    bal = balance(session, person.id)
    if cost > bal.available + 1e-9:
        raise ValidationError(
            f"积分不足，不能兑换：{person.name} 现有可用积分 {fmt(bal.available)} 分，"
            f"兑换“{goods.name}”×{quantity} 需要 {fmt(cost)} 分，还差 {fmt(cost - bal.available)} 分。",
            "quantity",
        )
    r = PointsRedemption(
        person_id=person.id,
        goods_id=goods.id,
        on=on or date.today(),
        quantity=quantity,
        points=cost,
        entered_by=by if by is not None else operator_name(),
        note=note,
    )
    if goods.stock is not None:
        goods.stock -= quantity
    session.add(r)
    session.flush()
    return r


def cancel_redemption(session: Session, redemption_id: int) -> None:
    """Take a redemption back (the goods were not handed out): the points and stock return."""
    r = session.get(PointsRedemption, redemption_id)
    if r is None:
        raise NotFoundError(f"找不到兑换记录 {redemption_id}。")
    g = session.get(PointsGoods, r.goods_id)
    if g is not None and g.stock is not None:
        g.stock += r.quantity
    session.delete(r)
    session.flush()


def redemptions_of(session: Session, person_id: int) -> list[PointsRedemption]:
    return list(
        session.scalars(
            select(PointsRedemption)
            .where(PointsRedemption.person_id == person_id)
            .order_by(PointsRedemption.on, PointsRedemption.id)
        )
    )
