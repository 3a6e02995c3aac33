"""Demo filler: star ratings (this year and last), demonstration sites, 六有 checklists,
四个一, and 六个清 surveys (some units not yet surveyed this half-year).

Deterministic for a seed and `today`; bulk inserts; works on a ledger of any size."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from partydesk.ledger import dialect
from partydesk.ledger.enums import MEMBER_CATEGORIES, OrgType, UnitStatus
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)
from partydesk.ledger.models.standing import (
    ChecklistMark,
    DemoSite,
    GuidanceLink,
    StarRating,
    UnitSurvey,
)
from partydesk.standing import config, rating
from partydesk.standing.survey import period_of

LEADERS = [
    "陈建国",
    "刘志强",
    "张丽华",
    "王海峰",
    "李秀英",
    "赵卫东",
    "孙晓明",
    "周桂芳",
    "吴国平",
    "郑红梅",
]
LEADER_POSTS = [
    "街道党工委副书记",
    "街道办事处副主任",
    "街道党工委委员",
    "组织委员",
    "两新工委书记",
]
PAIRING = [
    "区发改局机关党支部",
    "区住建局机关党支部",
    "区市场监管局党支部",
    "区税务局第二党支部",
    "区人社局机关党支部",
    "街道机关第一党支部",
    "区科技局机关党支部",
    "区商务局党支部",
]
CHANNELS = [
    "街道党群服务中心热线",
    "“吹哨报到”微信群",
    "网格员直报",
    "街道12345联络专线",
    "社区党委联络员",
]
SURVEYORS = ["赵敏", "钱进", "孙悦", "李娜", "周强"]
STEP_MONTHS = {"self_check_on": 3, "improve_on": 6, "accept_on": 10, "award_on": 12}


def _bulk(s, model, rows: list[dict], rng, now: datetime) -> None:
    """A plain executemany with every column given, values already in SQLite's storage
    form (ISO dates, 0/1), bypassing per-row defaults and type processing: this is the
    cost that matters for a 100,000-member demo. uuids come from the filler's own stream
    so the same seed gives the same ledger."""
    if not rows:
        return
    stamp = now.isoformat(" ", "microseconds")
    server = dialect.is_server(s)
    cols = [*rows[0].keys(), "uuid", "created_at", "updated_at"]

    def sql_value(v):
        if isinstance(v, bool):
            return v if server else int(v)
        if isinstance(v, date):
            return v.isoformat()
        return v

    params = [
        (
            *(sql_value(v) for v in r.values()),
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            stamp,
            stamp,
        )
        for r in rows
    ]
    table = model.__table__.name
    conn = s.connection()
    conn.exec_driver_sql(dialect.insert_sql(conn, table, cols), params)


def _day(rng, year: int, month: int) -> date:
    return date(year, month, rng.randint(1, 28))


def fill(ctx) -> None:
    rng = ctx.rng("standing")
    today: date = ctx.today
    with ctx.ledger.session() as s:
        cfg = config.get(s)
        org_ids = list(
            s.scalars(
                select(Organization.id)
                .where(Organization.dissolved_on.is_(None))
                .order_by(Organization.id)
            )
        )
        ctx.report("评星定级", 0.0)
        quality = {oid: rng.triangular(0.45, 1.0, 0.85) for oid in org_ids}
        now = datetime(today.year, today.month, today.day, 9, 0)
        ids = ctx.rng("standing-uuid")
        ratings = _ratings(rng, cfg, org_ids, quality, today)
        _bulk(s, StarRating, ratings, ids, now)
        ctx.report("评星定级", 0.3)
        current = {r["org_id"]: r["stars"] for r in ratings if r["year"] == today.year}
        _bulk(s, DemoSite, _demo_sites(rng, current, today), ids, now)
        _bulk(s, ChecklistMark, _checklists(rng, cfg, org_ids, quality, today), ids, now)
        ctx.report("四个一", 0.5)
        _bulk(s, GuidanceLink, _guidance(rng, s, org_ids), ids, now)
        ctx.report("六个清摸排", 0.7)
        _bulk(s, UnitSurvey, _surveys(rng, s, cfg, today), ids, now)
        ctx.report("六个清摸排", 1.0)


def _ratings(rng, cfg, org_ids, quality, today: date) -> list[dict]:
    inds = rating.indicators(cfg)
    veto_codes = [v["code"] for v in cfg["vetoes"]]
    out = []
    for year in (today.year - 1, today.year):
        for oid in org_ids:
            q = quality[oid]
            if year == today.year:
                # this year's rating has only reached the steps whose month has come
                steps = {k: _day(rng, year, m) for k, m in STEP_MONTHS.items()}
                steps = {k: (d if d <= today else None) for k, d in steps.items()}
                for k in ("improve_on", "accept_on", "award_on"):  # a later step needs the earlier
                    prev = list(STEP_MONTHS)[list(STEP_MONTHS).index(k) - 1]
                    if steps[prev] is None:
                        steps[k] = None
                if steps["self_check_on"] is None:
                    continue  # not started yet this year
                q = min(1.0, max(0.3, q + rng.uniform(-0.06, 0.08)))
            else:
                steps = {k: _day(rng, year, m) for k, m in STEP_MONTHS.items()}
            scores = {}
            for ind in inds:
                frac = min(1.0, max(0.0, q + (rng.random() - 0.5) * 0.28))
                scores[ind["code"]] = round(ind["max"] * frac * 2) / 2  # half points
            vetoes = [rng.choice(veto_codes)] if veto_codes and rng.random() < 0.015 else []
            total = round(sum(scores.values()), 2)  # in range by construction: no checks
            out.append(
                {
                    "org_id": oid,
                    "year": year,
                    "scores": json.dumps(scores, ensure_ascii=False, sort_keys=True),
                    "vetoes": json.dumps(vetoes, ensure_ascii=False),
                    "total": total,
                    "stars": rating.stars_for(total, bool(vetoes), cfg),
                    **steps,
                    "note": None,
                }
            )
    return out


def _demo_sites(rng, current: dict[int, int], today: date) -> list[dict]:
    five = [oid for oid, st in sorted(current.items()) if st == 5]
    four = [oid for oid, st in sorted(current.items()) if st == 4]
    pool = five + four[: max(0, 3 - len(five))]
    county = rng.sample(pool, min(len(pool), max(1, len(pool) // 3))) if pool else []
    city = county[: max(1, len(county) // 4)] if county else []
    prov = city[:1] if len(city) >= 3 else []
    out = []
    for oid in sorted(county):
        out.append(
            {
                "org_id": oid,
                "level": "county",
                "year": today.year - rng.randint(1, 3),
                "title": "党建示范点",
            }
        )
    for oid in sorted(city):
        out.append({"org_id": oid, "level": "city", "year": today.year - 1, "title": "党建示范点"})
    for oid in prov:
        out.append(
            {
                "org_id": oid,
                "level": "provincial",
                "year": today.year,
                "title": "两新组织党建示范点",
            }
        )
    return out


def _checklists(rng, cfg, org_ids, quality, today: date) -> list[dict]:
    items = [it["code"] for it in cfg["checklist"]["items"]]
    out = []
    for oid in org_ids:
        on = today - timedelta(days=rng.randint(10, 400))
        for code in items:
            if rng.random() < quality[oid] + 0.08:  # an item not marked is "not yet"
                out.append({"org_id": oid, "item": code, "done": True, "checked_on": on})
    return out


def _guidance(rng, s, org_ids) -> list[dict]:
    by_org: dict[int, int] = {}
    for iid, oid, _uid in s.execute(
        select(
            InstructorAssignment.instructor_id,
            InstructorAssignment.org_id,
            InstructorAssignment.unit_id,
        )
        .where(InstructorAssignment.end_on.is_(None))
        .order_by(InstructorAssignment.id)
    ):
        if oid is not None:
            by_org.setdefault(oid, iid)
    unit_instr = dict(
        s.execute(
            select(OrgHostUnit.org_id, InstructorAssignment.instructor_id)
            .join(InstructorAssignment, InstructorAssignment.unit_id == OrgHostUnit.unit_id)
            .where(InstructorAssignment.end_on.is_(None))
            .order_by(OrgHostUnit.org_id, InstructorAssignment.id)
        ).all()
    )
    all_instr = list(
        s.scalars(select(Instructor.id).where(Instructor.active.is_(True)).order_by(Instructor.id))
    )
    out = []
    for oid in org_ids:
        if rng.random() > 0.8:
            continue
        instr = by_org.get(oid) or unit_instr.get(oid)
        if instr is None and all_instr and rng.random() < 0.5:
            instr = rng.choice(all_instr)
        out.append(
            {
                "org_id": oid,
                "leader_name": rng.choice(LEADERS),
                "leader_post": rng.choice(LEADER_POSTS),
                "instructor_id": instr,
                "pairing_unit": rng.choice(PAIRING) if rng.random() < 0.9 else None,
                "whistle_channel": rng.choice(CHANNELS) if rng.random() < 0.85 else None,
            }
        )
    return out


def _surveys(rng, s, cfg, today: date) -> list[dict]:
    months = int(cfg["survey_period_months"])
    cur_start, _ = period_of(today, months)
    prev_start, _ = period_of(cur_start - timedelta(days=1), months)
    units = s.execute(
        select(Unit.id, Unit.status, Unit.employees, Unit.legal_rep)
        .where(Unit.status == UnitStatus.OPERATING.value)
        .order_by(Unit.id)
    ).all()
    orgs: dict[int, list[tuple[str, str]]] = {}
    for uid, name, otype in s.execute(
        select(OrgHostUnit.unit_id, Organization.name, Organization.org_type)
        .join(Organization, Organization.id == OrgHostUnit.org_id)
        .where(Organization.dissolved_on.is_(None))
        .order_by(OrgHostUnit.unit_id, Organization.id)
    ):
        orgs.setdefault(uid, []).append((name, otype))
    members = dict(
        s.execute(
            select(Person.unit_id, func.count())
            .where(
                Person.status == "active", Person.category.in_([c.value for c in MEMBER_CATEGORIES])
            )
            .group_by(Person.unit_id)
        ).all()
    )
    instr: dict[int, list[str]] = {}
    for uid, name in s.execute(
        select(InstructorAssignment.unit_id, Instructor.name)
        .join(Instructor, Instructor.id == InstructorAssignment.instructor_id)
        .where(InstructorAssignment.end_on.is_(None), InstructorAssignment.unit_id.is_not(None))
        .order_by(InstructorAssignment.unit_id, InstructorAssignment.id)
    ):
        instr.setdefault(uid, []).append(name)
    days_in_cur = max(0, (today - cur_start).days)
    out = []
    for uid, status, employees, legal_rep in units:
        facts = {
            "operating": UnitStatus.label_of(status)
            + (f"，法定代表人{legal_rep}" if legal_rep else ""),
            "party_org": "；".join(n for n, _ in orgs.get(uid, [])) or "未建",
            "structure": "；".join(OrgType.label_of(t) for _, t in orgs.get(uid, [])) or "无",
            "members": members.get(uid, 0),
            "instructor": "、".join(instr.get(uid, [])) or "未选派",
        }
        if rng.random() < 0.95:
            on = prev_start + timedelta(days=rng.randint(20, 150))
            out.append(
                {
                    "unit_id": uid,
                    "surveyed_on": on,
                    "surveyor": rng.choice(SURVEYORS),
                    "employees": employees,
                    **facts,
                }
            )
        if days_in_cur > 0 and rng.random() < 0.7:
            on = cur_start + timedelta(days=rng.randint(0, days_in_cur - 1))
            emp = None if employees is None else max(0, employees + rng.randint(-3, 5))
            out.append(
                {
                    "unit_id": uid,
                    "surveyed_on": on,
                    "surveyor": rng.choice(SURVEYORS),
                    "employees": emp,
                    **facts,
                }
            )
    return out
