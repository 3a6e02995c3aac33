"""Demo filler: points entries for the previous and the current year of ctx.today, the
previous year's notices published (so locked periods show), 积分超市 goods and a few
redemptions.

Bounded on huge ledgers: organizations are taken in id order (the ones the lists show
first) until about PEOPLE_BUDGET people are scored; rows go in with bulk inserts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from partydesk.ledger import dialect
from partydesk.ledger.enums import PersonStatus
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import (
    PointsGoods,
    PointsPublication,
    PointsRedemption,
    PointsScheme,
)
from partydesk.points import periods
from partydesk.points.periods import Period
from partydesk.points.totals import capped

PEOPLE_BUDGET = 500
CHUNK = 20000

# How often each default item happens in a scoring period: (probability, (min, max) count).
# A per-person diligence factor scales the gains up and the deductions down.
MEMBER_ODDS = {
    "参加“三会一课”": (0.95, (1, 3)),
    "参加主题党日活动": (0.85, (1, 1)),
    "完成学习任务（集中学习、在线学习）": (0.7, (1, 2)),
    "参加志愿服务": (0.25, (1, 2)),
    "提出合理化建议被采纳": (0.04, (1, 1)),
    "获得表彰奖励": (0.02, (1, 1)),
    "无故缺席组织活动": (0.05, (1, 1)),
    "未按时足额交纳党费": (0.02, (1, 1)),
    "违反纪律规定受到批评": (0.003, (1, 1)),
}
CANDIDATE_ODDS = {
    "参加集中学习": (0.95, (2, 4)),
    "按时提交思想汇报": (0.9, (1, 1)),
    "撰写学习心得": (0.6, (1, 2)),
    "按时参加支部活动": (0.95, (2, 3)),
    "无故缺席支部活动": (0.08, (1, 1)),
    "违反规章制度": (0.01, (1, 1)),
    "帮扶困难群众或同事": (0.4, (1, 2)),
    "参加志愿服务": (0.5, (1, 2)),
    "完成岗位任务受到表扬": (0.45, (1, 2)),
    "获得单位或上级表彰": (0.1, (1, 1)),
}
STAR_ODDS = 0.3

GOODS = [
    ("《中国共产党章程》单行本", 5, 200, "本"),
    ("笔记本", 5, 300, "本"),
    ("毛巾", 10, 200, "条"),
    ("雨伞", 15, 100, "把"),
    ("洗衣液", 20, 150, "瓶"),
    ("食用油（5升）", 25, 80, "桶"),
    ("保温杯", 30, 60, "个"),
    ("大米（10公斤）", 40, 50, "袋"),
]


def fill(ctx) -> None:
    """Add points demo content to ctx.ledger (see partydesk.demo.DemoContext)."""
    rng = ctx.rng("points")
    today: date = ctx.today
    first = Period(today.year - 1, "year")
    ctx.report("积分", 0.0)
    with ctx.ledger.session() as s:
        schemes = {sc.code: sc for sc in s.scalars(select(PointsScheme))}
        people = _pick_people(s)
        now = datetime(today.year, today.month, today.day, 12, 0)

        def uid() -> str:
            h = f"{rng.getrandbits(128):032x}"
            return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

        stamp = now.strftime("%Y-%m-%d %H:%M:%S.000000")
        rows: list[tuple] = []
        earned: dict[int, float] = {}
        sql = (
            "INSERT INTO points_entry (uuid, created_at, updated_at, scheme_id, item_id, "
            'person_id, org_id, period_key, "on", count, points_each, entered_by, source) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        conn = s.connection()

        def flush(force: bool = False) -> None:
            # Plain executemany: ORM bulk inserts cost ~5x more per row at this size.
            if rows and (force or len(rows) >= CHUNK):
                dialect.run_marked(conn, sql, rows)
                rows.clear()

        def add(sc, item_id, pid, org_id, on: date, n: int, pts: float) -> None:
            rows.append(
                (
                    uid(),
                    stamp,
                    stamp,
                    sc.id,
                    item_id,
                    pid,
                    org_id,
                    periods.of(on, sc.period).key,
                    on.isoformat(),
                    n,
                    pts,
                    "演示数据",
                    "demo",
                )
            )

        def plan(sc, odds):
            """(item_id, points, cap, probability, lo, hi) per item, looked up once."""
            return [
                (it.id, it.points, it.cap, *odds.get(it.name, (0.0, (1, 1)))) for it in sc.items
            ]

        def score(sc, items, pid, org_id, period: Period, diligence: float, redeemable: bool):
            last = min(period.end, today)
            if last < period.start:
                return
            a, b = period.start.toordinal(), last.toordinal()
            for item_id, pts, cap, p, (lo, hi) in items:
                p = p * diligence if pts > 0 else p * (1.5 - diligence)
                if rng.random() >= p:
                    continue
                on = date.fromordinal(rng.randint(a, b))
                n = rng.randint(lo, hi) if hi > lo else lo
                add(sc, item_id, pid, org_id, on, n, pts)
                if redeemable:
                    earned[pid] = earned.get(pid, 0.0) + capped(n * pts, cap)
            flush()

        member, cand, star = (
            schemes.get("member"),
            schemes.get("candidate"),
            schemes.get("star_member"),
        )
        m_items = plan(member, MEMBER_ODDS) if member is not None else []
        c_items = plan(cand, CANDIDATE_ODDS) if cand is not None else []
        m_periods = _periods(first, "month", today)
        q_periods = _periods(first, "quarter", today)
        m_cats = set(member.categories.split(",")) if member is not None else set()
        c_cats = set(cand.categories.split(",")) if cand is not None else set()
        s_cats = set(star.categories.split(",")) if star is not None else set()
        total = max(len(people), 1)
        for i, (pid, org_id, category) in enumerate(people):
            diligence = 0.45 + 0.55 * rng.random()
            if category in m_cats:
                for period in m_periods:
                    score(member, m_items, pid, org_id, period, diligence, member.redeemable)
            if category in c_cats:
                for period in q_periods:
                    score(
                        cand, c_items, pid, org_id, period, 0.6 + 0.5 * diligence, cand.redeemable
                    )
            if category in s_cats:
                for it in star.items:
                    if rng.random() < STAR_ODDS * diligence:
                        add(star, it.id, pid, org_id, date(first.year, 12, 20), 1, it.points)
            if i % 200 == 0:
                ctx.report("积分", 0.8 * i / total)
        flush(force=True)

        _publish_previous_year(s, schemes, people, first, today, now, uid)
        _market(s, rng, people, earned, today, now, uid)
    ctx.report("积分", 1.0)


def _pick_people(s) -> list[tuple[int, int, str]]:
    """(person_id, org_id, category) of active people, whole organizations in id order,
    until the budget is reached."""
    rows = s.execute(
        select(Person.id, Person.org_id, Person.category)
        .where(Person.status == PersonStatus.ACTIVE.value, Person.org_id.is_not(None))
        .order_by(Person.org_id, Person.id)
    )
    out: list[tuple[int, int, str]] = []
    current = None
    for pid, org_id, cat in rows:
        if org_id != current:
            if len(out) >= PEOPLE_BUDGET:
                break
            current = org_id
        out.append((pid, org_id, cat))
    return out


def _periods(first: Period, kind: str, today: date) -> list[Period]:
    """Scoring periods from the start of `first`'s year up to the one containing today."""
    out, p = [], periods.of(first.start, kind)
    while p.start <= today:
        out.append(p)
        p = p.next()
    return out


def _publish_previous_year(s, schemes, people, first: Period, today, now, uid) -> None:
    """The previous year's member notice and every finished quarter of the candidates'
    cards but the latest are published, as an office would have done."""
    orgs = sorted({org for _, org, _ in people})
    pubs = []
    member, cand = schemes.get("member"), schemes.get("candidate")
    for org_id in orgs:
        if member is not None:
            pubs.append((member.id, org_id, first))
        if cand is not None:
            done = [q for q in _periods(first, "quarter", today) if q.end < today]
            for q in done[:-1]:
                pubs.append((cand.id, org_id, q))
    if pubs:
        s.execute(
            insert(PointsPublication),
            [
                dict(
                    uuid=uid(),
                    created_at=now,
                    updated_at=now,
                    scheme_id=sid,
                    org_id=org_id,
                    period_key=p.key,
                    starts_on=p.start,
                    ends_on=p.end,
                    published_at=datetime.combine(
                        min(p.end + timedelta(days=5), today), datetime.min.time()
                    ),
                    published_by="演示数据",
                )
                for sid, org_id, p in pubs
            ],
        )


def _market(s, rng, people, earned, today, now, uid) -> None:
    existing = {g.name: g for g in s.scalars(select(PointsGoods))}
    for name, price, stock, unit in GOODS:
        if name not in existing:
            g = PointsGoods(name=name, price=price, stock=stock, unit_label=unit, active=True)
            s.add(g)
            existing[name] = g
    s.flush()
    goods = sorted(existing.values(), key=lambda g: g.price)
    # A few redemptions: about one person in twenty, never more than 40, never overdrawn.
    candidates = [pid for pid, _, _ in people if earned.get(pid, 0) >= goods[0].price]
    rng.shuffle(candidates)
    rows = []
    for pid in candidates[: min(40, max(3, len(candidates) // 20))]:
        budget = earned[pid] * 0.6
        affordable = [g for g in goods if g.price <= budget and (g.stock or 0) > 0]
        if not affordable:
            continue
        g = rng.choice(affordable)
        on = date.fromordinal(rng.randint(date(today.year, 1, 1).toordinal(), today.toordinal()))
        g.stock -= 1
        rows.append(
            dict(
                uuid=uid(),
                created_at=now,
                updated_at=now,
                person_id=pid,
                goods_id=g.id,
                on=on,
                quantity=1,
                points=g.price,
                entered_by="演示数据",
                note=None,
            )
        )
    if rows:
        s.execute(insert(PointsRedemption), rows)
