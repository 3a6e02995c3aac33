"""Demo content for the work the book records beyond meetings: development steps of up to
MAX_CANDIDATES candidates (dated from their pipeline dates, in the order the rules ask,
some with the next step still to do or late), the units and problems of the instructors'
visits (most solved, some open, some overdue, a few not solvable), and the 年度工作计划 /
总结 of the organizations that have work records. Runs after the work-records filler."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import insert, select

from partydesk.ledger.models import Instructor, Organization, OrgHostUnit, Person
from partydesk.ledger.models.develop import DevelopmentStep, OrgText, Problem, VisitUnit
from partydesk.records import RecordKind, WorkRecord
from partydesk.rules import pipeline
from partydesk.rules.dates import add_months

MAX_CANDIDATES = 200
MAX_TEXT_ORGS = 300
DAY = timedelta(days=1)

WHO = ["支部书记", "组织委员", "街道党工委组织办", "两新工委"]
DOCS = {
    1: "入党申请书",
    2: "谈话记录",
    3: "推荐表、支委会会议记录",
    4: "备案报告",
    5: "培养联系人指定通知",
    6: "培养考察登记表",
    7: "支委会会议记录",
    8: "备案报告",
    10: "政审材料",
    11: "培训结业证书",
    12: "审查意见",
    13: "预审意见",
    14: "入党志愿书",
    15: "支部大会会议记录",
    16: "谈话记录",
    17: "审批意见",
    18: "备案报告",
    20: "入党誓词签名",
    22: "转正申请书",
    23: "支部大会会议记录",
    24: "审批意见",
    25: "档案目录",
}


def _walk(p, today: date) -> list[tuple[int, date]]:
    """(step, date) for a person's steps as far as their dates and today allow."""
    a, act, tg, adm = p.applied_on, p.activist_on, p.target_on, p.admitted_on
    if a is None:
        return []
    plan: list[tuple[int, date | None]] = [(1, a), (2, p.talked_on or a + 20 * DAY)]
    if act:
        plan += [(3, act), (4, act + 10 * DAY), (5, act + 15 * DAY)]
        r = add_months(act, 6)
        while r <= min(tg or today, today):
            plan.append((6, r))
            r = add_months(r, 6)
    if tg:
        plan += [(7, tg), (8, tg + 10 * DAY), (9, tg + 15 * DAY), (10, tg + 30 * DAY)]
        plan += [(11, tg + 45 * DAY), (12, tg + 60 * DAY), (13, tg + 70 * DAY)]
        plan += [(14, tg + 80 * DAY)]
    if adm:
        plan += [(15, adm), (16, adm + 14 * DAY), (17, adm + 30 * DAY), (18, adm + 40 * DAY)]
        plan += [(19, adm + 45 * DAY), (20, adm + 50 * DAY), (21, adm + 180 * DAY)]
        end = pipeline.probation_end(adm, p.probation_extension_months or 0)
        plan += [(22, end - 20 * DAY)]
        if p.category == "full":
            plan += [(23, end), (24, end + 20 * DAY), (25, end + 40 * DAY)]
    # How far the category says a person went; a probation runs on to 转正申请 with time.
    limit = {"applicant": 2 if p.talked_on else 1, "activist": 6, "target": 14}.get(
        p.category, 22 if p.category == "probationary" else 25
    )
    out: list[tuple[int, date]] = []
    last = a
    for no, on in plan:
        on = max(on, last)
        if no > limit or on > today:
            break
        out.append((no, on))
        last = on
    return out


def _fill_steps(s, rng: random.Random, today: date) -> None:
    # The columns the steps are walked from (not whole people: tens of thousands are
    # candidates at county size, MAX_CANDIDATES of them are kept).
    people = list(
        s.execute(
            select(
                Person.id,
                Person.org_id,
                Person.category,
                Person.applied_on,
                Person.talked_on,
                Person.activist_on,
                Person.target_on,
                Person.admitted_on,
                Person.probation_extension_months,
            )
            .where(
                Person.status == "active",
                Person.applied_on.is_not(None),
                Person.category.in_(["applicant", "activist", "target", "probationary"])
                | (Person.full_on >= add_months(today, -12)),
            )
            .order_by(Person.id)
        ).all()
    )
    rng.shuffle(people)
    people = sorted(people[:MAX_CANDIDATES], key=lambda p: p.id)
    orgs = {p.org_id for p in people if p.org_id}
    full: dict[int, list[int]] = defaultdict(list)
    for pid, oid in s.execute(
        select(Person.id, Person.org_id).where(
            Person.org_id.in_(orgs), Person.category == "full", Person.status == "active"
        )
    ):
        full[oid].append(pid)
    rows = []
    for p in people:
        pool = [i for i in full.get(p.org_id, []) if i != p.id]
        if len(pool) < 4:
            continue
        for no, on in _walk(p, today):
            sponsors = rng.sample(pool, 2) if no in (5, 9) else (None, None)
            rows.append(
                {
                    "person_id": p.id,
                    "step_no": no,
                    "done_on": on,
                    "who": rng.choice(WHO),
                    "document": DOCS.get(no),
                    "sponsor1_id": sponsors[0],
                    "sponsor2_id": sponsors[1],
                }
            )
    if rows:
        s.execute(insert(DevelopmentStep), rows)


UNSOLVABLE = [
    "涉及企业经营决策，由企业自主决定",
    "需区级部门统筹，已向上反映",
]


def _fill_visits(s, rng: random.Random, today: date) -> None:
    host_org = {}
    for oid, uid in s.execute(
        select(OrgHostUnit.org_id, OrgHostUnit.unit_id).order_by(OrgHostUnit.id)
    ):
        host_org.setdefault(uid, oid)
    instr = dict(s.execute(select(Instructor.id, Instructor.name)).all())
    links, problems = [], []
    for rid, uid, iid, held, raised, solved in s.execute(
        select(
            WorkRecord.id,
            WorkRecord.unit_id,
            WorkRecord.instructor_id,
            WorkRecord.held_at,
            WorkRecord.problems_raised,
            WorkRecord.problems_solved,
        )
        .where(WorkRecord.kind == RecordKind.VISIT.value, WorkRecord.unit_id.is_not(None))
        .order_by(WorkRecord.id)
    ):
        links.append({"record_id": rid, "unit_id": uid})
        if not raised:
            continue
        on = held.date()
        due = on + timedelta(days=rng.choice([15, 30, 30, 60]))
        age = (today - on).days
        roll = rng.random()
        row = {
            "text": raised,
            "unit_id": uid,
            "org_id": host_org.get(uid),
            "record_id": rid,
            "raised_on": on,
            "responsible": rng.choice(["企业负责人", "支部书记", instr.get(iid) or "党建指导员"]),
            "due_on": due,
            "state": "open",
            "closed_on": None,
            "resolution": None,
        }
        if age > 45 and roll < 0.78 or age > 15 and roll < 0.35:
            close = min(on + timedelta(days=rng.randint(3, 40)), today)
            row.update(state="solved", closed_on=close, resolution=solved or "已协调解决")
        elif age > 45 and roll < 0.84:
            row.update(
                state="unsolvable",
                closed_on=on + timedelta(days=rng.randint(10, 40)),
                resolution=rng.choice(UNSOLVABLE),
            )
        elif roll < 0.92:
            row.update(state="in_progress")
        if row["closed_on"] is not None and row["closed_on"] > today:
            row["closed_on"] = today
        problems.append(row)
    if links:
        s.execute(insert(VisitUnit), links)
    if problems:
        s.execute(insert(Problem), problems)


PLAN = [
    "{year}年，{name}坚持以习近平新时代中国特色社会主义思想为指导，围绕企业发展抓党建、抓好党建促发展，制定本年度工作计划如下。",
    "一、加强政治建设。坚持“第一议题”制度，每月组织党员集中学习一次，支部书记每年讲党课不少于一次。",
    "二、规范组织生活。按时召开支部党员大会、支委会、党小组会，每月固定开展主题党日活动，年底召开组织生活会和民主评议党员。",
    "三、做好发展党员工作。{develop}严格按照发展党员工作程序，做好积极分子培养考察。",
    "四、发挥党员作用。设立党员先锋岗和责任区，开展党员联系职工活动，帮助解决职工急难愁盼问题。",
    "五、加强自身建设。规范党建台账，按月交纳党费，配合党建指导员做好走访和问题整改。",
]
SUMMARY = [
    "{year}年，{name}在上级党组织的领导下，认真落实年度工作计划，现将全年工作总结如下。",
    "一、组织生活规范开展。全年召开支部党员大会{member}次、支委会和党小组会若干次，开展主题党日活动{theme}次。",
    "二、党员队伍建设。{develop}党员先锋岗作用明显，党员在生产经营中带头攻坚。",
    "三、问题整改。对党建指导员走访中发现的问题建立清单，逐项整改销号。",
    "四、存在的不足和下一步打算。部分党员参加学习不够经常，下一年将结合企业实际丰富活动形式。",
]


def _fill_texts(s, rng: random.Random, today: date) -> None:
    orgs = s.execute(
        select(Organization.id, Organization.name)
        .where(Organization.id.in_(select(WorkRecord.org_id).distinct()))
        .order_by(Organization.id)
        .limit(MAX_TEXT_ORGS)
    ).all()
    counts: dict[tuple[int, int, str], int] = defaultdict(int)
    for oid, year, kind in s.execute(
        select(WorkRecord.org_id, WorkRecord.year, WorkRecord.kind).where(
            WorkRecord.org_id.in_([o for o, _ in orgs]),
            WorkRecord.kind.in_(["member_meeting", "theme_day"]),
        )
    ):
        counts[(oid, year, kind)] += 1
    rows = []
    for oid, name in orgs:
        n = rng.randint(0, 2)
        develop = f"计划发展党员{n}名，" if n else "本年度暂无发展计划，"
        fill = {"name": name, "develop": develop}
        rows.append(
            {
                "org_id": oid,
                "year": today.year,
                "kind": "plan",
                "text": "\n".join(t.format(year=today.year, **fill) for t in PLAN),
            }
        )
        if rng.random() < 0.15:
            continue  # a branch that has not written last year's summary yet
        y = today.year - 1
        fill["develop"] = f"全年发展党员{n}名，" if n else ""
        rows.append(
            {
                "org_id": oid,
                "year": y,
                "kind": "summary",
                "text": "\n".join(
                    t.format(
                        year=y,
                        member=counts[(oid, y, "member_meeting")],
                        theme=counts[(oid, y, "theme_day")],
                        **fill,
                    )
                    for t in SUMMARY
                ),
            }
        )
    if rows:
        s.execute(insert(OrgText), rows)


def fill(ctx) -> None:
    rng = ctx.rng("develop")
    with ctx.ledger.session() as s:
        _fill_steps(s, rng, ctx.today)
        _fill_visits(s, rng, ctx.today)
        _fill_texts(s, rng, ctx.today)
