"""Demo filler: work records (工作纪实) for the current and the previous year of ctx.today.

Every branch-type organization gets 三会一课, 主题党日, 组织生活会 / 民主评议, talks, with
attendance of its members; most branches are complete, about one in four misses some
meetings (so the cadence check has something to show). Instructors get monthly work logs
and visits to the units they guide.

Large ledgers: only the first FULL_ORGS organizations (by id) get records, and filling stops
once MAX_ATTENDANCE attendance rows are written, so the demo stays fast (a few seconds)
however many branches and members there are (the rest show as missing in the cadence check, as a
ledger just being taken over would). Everything is written with bulk inserts.

Long because each record kind's generator shares the branch's member list, dates and random
stream."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from partydesk.ledger import dialect
from partydesk.ledger.enums import MEMBER_CATEGORIES, PersonStatus
from partydesk.ledger.models import (
    CommitteeMember,
    Instructor,
    InstructorAssignment,
    Organization,
    PartyGroup,
    Person,
    Unit,
    utcnow,
)
from partydesk.records import WorkRecord

FULL_ORGS = 300  # organizations filled with records at most (see module docstring)
MAX_ATTENDANCE = 150_000  # and no more attendance rows than this in all

TOPICS = {
    "member_meeting": [
        "传达学习上级党组织会议精神，讨论本支部年度工作计划",
        "讨论接收预备党员，听取培养联系人介绍情况",
        "学习党章党规，开展“党员先锋岗”评比",
        "通报上半年工作情况，研究下半年工作安排",
        "讨论确定入党积极分子和发展对象",
        "收缴党费情况通报，评选年度优秀党员",
    ],
    "committee_meeting": [
        "研究本月主题党日活动安排",
        "研究党员发展计划和积极分子培养考察",
        "讨论企业生产经营中的党建工作融合事项",
        "研究困难党员和职工帮扶名单",
        "检查“三会一课”落实情况，部署下月工作",
        "研究党费收缴和使用情况",
    ],
    "group_meeting": [
        "学习习近平新时代中国特色社会主义思想有关篇目",
        "交流岗位建功情况，开展批评与自我批评",
        "学习安全生产有关规定，讨论班组改进措施",
        "组织党员谈学习体会",
    ],
    "theme_day": [
        "重温入党誓词，开展志愿服务",
        "走进社区开展“党员进社区”活动",
        "参观红色教育基地",
        "开展“学习强国”知识竞答",
        "为困难职工送温暖",
        "开展安全生产隐患排查",
        "植树造林，美化厂区环境",
        "观看主题教育影片并交流",
    ],
}
LESSONS = [
    "坚定理想信念，做合格共产党员",
    "学党史，悟思想，办实事",
    "非公企业党组织如何发挥政治引领作用",
    "以高质量党建引领企业高质量发展",
    "新时代党员的责任与担当",
    "弘扬伟大建党精神",
]
PLACES = ["党员活动室", "公司会议室", "三楼会议室", "党群服务中心", "职工之家"]
ABSENCE = ["出差", "病假", "外出培训", "值班", "事假", "休产假"]
PROBLEMS = [
    "理论学习不够系统，存在以干代学现象",
    "联系服务群众不够经常，工作方法比较简单",
    "党员先锋模范作用发挥不够明显",
    "组织生活形式比较单一",
]
MEASURES = [
    "制定个人学习计划，每月至少参加一次集中学习",
    "建立党员联系职工制度，每名党员联系3至5名职工",
    "设立党员先锋岗和责任区，年底评比",
    "丰富组织生活形式，结合企业实际开展活动",
]
VISIT_PROBLEMS = [
    ("企业招工难，技术工人短缺", "对接人社部门招聘会，推荐职业技能培训"),
    ("党员活动场地不足", "协调街道党群服务中心共享场地"),
    ("新员工中入党积极分子培养联系人不足", "指导支部明确培养联系人"),
    ("融资渠道窄", "介绍区里的政策性担保贷款"),
    ("党建台账不规范", "现场指导整理“三会一课”记录"),
]


def _content(kind: str, topic: str, rng: random.Random) -> str:
    lines = [f"会议围绕“{topic}”进行。"]
    if kind == "lecture":
        lines = [
            "主讲人结合企业实际和自身经历，讲述了党的历史和优良传统，",
            "要求全体党员立足岗位、争当先锋。",
        ]
    elif kind == "theme_day":
        lines = [f"全体党员参加“{topic}”活动。", "活动前重温入党誓词，活动后交流体会。"]
    extra = [
        "书记作了讲话，要求大家认真学习，结合岗位抓好落实。",
        "与会党员结合自身工作逐一发言，谈认识、找差距。",
        "会议对下一阶段工作进行了部署，明确了责任人和完成时限。",
        "组织委员通报了党费收缴情况。",
    ]
    return "".join(lines) + "".join(rng.sample(extra, 2))


def org_records(
    rng: random.Random,
    org_id: int,
    year: int,
    months: int,
    members: list[tuple[int, str]],
    *,
    secretary: str,
    has_committee: bool,
    has_groups: bool,
    skip: float = 0.0,
) -> tuple[list[dict], list[list[dict]], list[list[dict]]]:
    """Records of one organization for months 1..`months` of `year`: (record rows,
    attendance rows per record, appraisal rows per record). `skip` is the chance that a
    regular meeting is not held. Rows are dicts for bulk insert (record_id filled later)."""
    recs: list[dict] = []
    atts: list[list[dict]] = []
    apps: list[list[dict]] = []
    recorder = members[1][1] if len(members) > 1 else secretary
    place = rng.choice(PLACES)
    seqs: dict[str, int] = {}

    def add(kind: str, when: datetime, people: list[tuple[int, str]], **extra) -> None:
        seqs[kind] = seqs.get(kind, 0) + 1
        att = []
        for pid, _name in people:
            if rng.random() < 0.1:
                att.append({"person_id": pid, "status": "absent", "reason": rng.choice(ABSENCE)})
            else:
                att.append({"person_id": pid, "status": "present", "reason": None})
        recs.append(
            {
                "uuid": None,
                "org_id": org_id,
                "kind": kind,
                "year": year,
                "seq": seqs[kind],
                "held_at": when,
                "end_at": when + timedelta(minutes=90),
                "place": place,
                "host": secretary,
                "recorder": recorder,
                "expected_count": len(people),
                **extra,
            }
        )
        atts.append(att)
        apps.append([])

    def day(month: int, base: int) -> datetime:
        return datetime(
            year,
            month,
            min(28, base + rng.randint(0, 6)),
            rng.choice([9, 14, 15]),
            rng.choice([0, 30]),
        )

    for month in range(1, months + 1):
        if month % 3 == 0 and rng.random() >= skip:  # quarterly, in the quarter's last month
            t = rng.choice(TOPICS["member_meeting"])
            add(
                "member_meeting",
                day(month, 10),
                members,
                topics=t,
                content=_content("member_meeting", t, rng),
                resolutions="会议一致同意上述事项。",
                votes=f"应到{len(members)}人，表决全部同意。",
            )
            lesson = rng.choice(LESSONS)
            add(
                "lecture",
                day(month, 18),
                members,
                lecturer=secretary,
                lesson_title=lesson,
                topics=f"党课：{lesson}",
                content=_content("lecture", lesson, rng),
            )
        if has_committee and rng.random() >= skip:
            t = rng.choice(TOPICS["committee_meeting"])
            add(
                "committee_meeting",
                day(month, 2),
                members[: min(5, len(members))],
                topics=t,
                content=_content("committee_meeting", t, rng),
                resolutions="按讨论意见执行。",
                votes="全体支委同意。",
            )
        if has_groups and rng.random() >= skip:
            t = rng.choice(TOPICS["group_meeting"])
            add(
                "group_meeting",
                day(month, 20),
                members[: max(3, len(members) // 2)],
                topics=t,
                content=_content("group_meeting", t, rng),
            )
        if rng.random() >= skip:
            t = rng.choice(TOPICS["theme_day"])
            add(
                "theme_day", day(month, 1), members, topics=t, content=_content("theme_day", t, rng)
            )
        if rng.random() < 0.25 and len(members) > 1:
            pid, name = rng.choice(members[1:])
            recs.append(
                {
                    "uuid": None,
                    "org_id": org_id,
                    "kind": "talk",
                    "year": year,
                    "seq": seqs.get("talk", 0) + 1,
                    "held_at": day(month, 12),
                    "place": "书记办公室",
                    "host": secretary,
                    "recorder": secretary,
                    "topics": "谈心谈话",
                    "content": f"与{name}同志谈心，了解思想和工作情况，{name}表示将积极参与支部活动。",
                }
            )
            seqs["talk"] = seqs.get("talk", 0) + 1
            atts.append([{"person_id": pid, "status": "present", "reason": None}])
            apps.append([])
    if months == 12 and rng.random() >= skip:
        add(
            "life_meeting",
            datetime(year, 12, 20, 14, 30),
            members,
            topics="召开年度组织生活会，开展批评和自我批评",
            content="支部书记代表支委会作对照检查，党员逐一发言，相互批评。",
            problems="\n".join(rng.sample(PROBLEMS, 2)),
            measures="\n".join(rng.sample(MEASURES, 2)),
        )
        add(
            "appraisal",
            datetime(year, 12, 20, 16, 30),
            members,
            topics="民主评议党员",
            content="按个人自评、党员互评、民主测评、组织评定的程序进行。",
            resolutions="评议结果报上级党组织备案。",
            votes="全体党员参加测评。",
        )
        n_exc = max(0, len(members) // 4)
        ratings = []
        for i, (pid, _n) in enumerate(members):
            r = "excellent" if i < n_exc else ("basic" if rng.random() < 0.05 else "qualified")
            ratings.append({"person_id": pid, "rating": r})
        apps[-1] = ratings
    return recs, atts, apps


REC_KEYS = [c.name for c in WorkRecord.__table__.columns if c.name != "id"]


def _uuid(rng: random.Random) -> str:
    """A version-4 UUID from the filler's own random stream (fast, and deterministic)."""
    h = f"{rng.getrandbits(128) & ~(0xF000 << 64) | (0x4000 << 64) & ~(0xC << 60) | (0x8 << 60):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def bulk_write(
    session,
    recs: list[dict],
    atts: list[list[dict]],
    apps: list[list[dict]],
    rng: random.Random | None = None,
) -> None:
    """Insert records and their attendance / appraisals with executemany (Core inserts,
    every row with the same keys so that each table is one statement)."""
    if not recs:
        return
    rng = rng or random.Random(len(recs))
    now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = session.connection()
    base = dict.fromkeys(REC_KEYS)
    rows = []
    for r in recs:
        row = {**base, "created_at": now, "updated_at": now, "version": 1, **r}
        if not row["uuid"]:
            row["uuid"] = _uuid(rng)
        rows.append(row)
    first_id = (conn.execute(select(func.max(WorkRecord.id))).scalar() or 0) + 1
    # Explicit ids: the records are numbered here, so the attendance can point at them
    # without reading them back.
    for i, row in enumerate(rows):
        row["id"] = first_id + i
    _insert(conn, "work_record", REC_KEYS + ["id"], rows)
    att_rows, app_rows = [], []
    for row, a_list, p_list in zip(rows, atts, apps, strict=True):
        rid = row["id"]
        for a in a_list:
            att_rows.append(
                (
                    rid,
                    a.get("person_id"),
                    a.get("status", "present"),
                    a.get("reason"),
                    a.get("name_text"),
                    _uuid(rng),
                    now,
                    now,
                )
            )
        for p in p_list:
            app_rows.append((rid, p["person_id"], p["rating"], p.get("note"), _uuid(rng), now, now))
    keys = (
        "record_id",
        "person_id",
        "status",
        "reason",
        "name_text",
        "uuid",
        "created_at",
        "updated_at",
    )
    _insert_tuples(conn, "attendance", keys, att_rows)
    keys = ("record_id", "person_id", "rating", "note", "uuid", "created_at", "updated_at")
    _insert_tuples(conn, "appraisal", keys, app_rows)
    dialect.sync_sequences(conn, ["work_record"])  # its ids were given above


def _sql_value(v):
    # The storage format of SQLAlchemy's SQLite DateTime, so that comparisons agree.
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    return v


def _insert(conn, table: str, keys: list[str], rows: list[dict]) -> None:
    _insert_tuples(conn, table, keys, [tuple(_sql_value(r[k]) for k in keys) for r in rows])


def _insert_tuples(conn, table: str, keys, rows: list[tuple]) -> None:
    """executemany straight on the driver: SQLAlchemy's per-row parameter processing costs
    more than SQLite's insert for the hundred thousand attendance rows of a demo."""
    if not rows:
        return
    rows = (
        [tuple(_sql_value(v) for v in r) for r in rows]
        if rows and any(isinstance(v, datetime) for v in rows[0])
        else rows
    )
    cols = ", ".join(keys)
    marks = ", ".join("?" * len(keys))
    conn.exec_driver_sql(
        dialect.marks(conn, f"INSERT INTO {table} ({cols}) VALUES ({marks})"), rows
    )


def fill(ctx) -> None:
    """Add work records for ctx.today's year (up to last month) and the whole previous
    year; see the module docstring for what is made and the FULL_ORGS bound."""
    rng = ctx.rng("work")
    today: date = ctx.today
    from partydesk.records.cadence import rules

    with ctx.ledger.session() as s:
        cfg = rules(s)
        orgs = s.execute(
            select(Organization.id, Organization.secretary_id)
            .where(Organization.org_type.in_(cfg["org_types"]), Organization.dissolved_on.is_(None))
            .order_by(Organization.id)
            .limit(FULL_ORGS)
        ).all()
        org_ids = [o for o, _ in orgs]
        members: dict[int, list[tuple[int, str]]] = {o: [] for o in org_ids}
        for i in range(0, len(org_ids), 500):
            chunk = org_ids[i : i + 500]
            for pid, name, oid in s.execute(
                select(Person.id, Person.name, Person.org_id)
                .where(
                    Person.org_id.in_(chunk),
                    Person.category.in_([c.value for c in MEMBER_CATEGORIES]),
                    Person.status == PersonStatus.ACTIVE.value,
                )
                .order_by(Person.id)
            ):
                members[oid].append((pid, name))
        groups = set(s.scalars(select(PartyGroup.org_id).distinct()))
        committee = dict(
            s.execute(
                select(CommitteeMember.org_id, func.count()).group_by(CommitteeMember.org_id)
            ).all()
        )
        names = dict(
            s.execute(
                select(Person.id, Person.name).where(Person.id.in_([sid for _, sid in orgs if sid]))
            ).all()
        )
        recs: list[dict] = []
        atts: list[list[dict]] = []
        apps: list[list[dict]] = []
        written = 0
        for n, (oid, sid) in enumerate(orgs):
            mem = members[oid]
            if not mem:
                continue
            if written > MAX_ATTENDANCE:
                break
            sec = names.get(sid) or mem[0][1]
            # about one branch in four keeps its records badly
            skip = 0.3 if rng.random() < 0.25 else 0.0
            for year, months in ((today.year - 1, 12), (today.year, today.month - 1)):
                if months <= 0:
                    continue
                r, a, p = org_records(
                    rng,
                    oid,
                    year,
                    months,
                    mem,
                    secretary=sec,
                    has_committee=committee.get(oid, 0) >= cfg.get("committee_min", 3),
                    has_groups=oid in groups,
                    skip=skip,
                )
                recs += r
                atts += a
                written += sum(len(x) for x in a)
                apps += p
            if len(recs) > 5000:
                bulk_write(s, recs, atts, apps, rng)
                recs, atts, apps = [], [], []
            ctx.report("工作纪实", (n + 1) / max(1, len(orgs)) * 0.9)
        bulk_write(s, recs, atts, apps, rng)
        _fill_instructors(s, rng, today)
    ctx.report("工作纪实", 1.0)


def _fill_instructors(s, rng: random.Random, today: date) -> None:
    """Monthly work logs and visits of every active instructor, to the units assigned."""
    rows = s.execute(
        select(
            Instructor.id,
            Instructor.name,
            InstructorAssignment.unit_id,
            InstructorAssignment.org_id,
        )
        .join(InstructorAssignment, InstructorAssignment.instructor_id == Instructor.id)
        .where(Instructor.active.is_(True))
        .order_by(Instructor.id, InstructorAssignment.id)
        .limit(FULL_ORGS * 5)
    ).all()
    by_instr: dict[int, tuple[str, list[tuple[int | None, int | None]]]] = {}
    for iid, name, uid, oid in rows:
        by_instr.setdefault(iid, (name, []))[1].append((uid, oid))
    unit_names = (
        dict(
            s.execute(
                select(Unit.id, Unit.name).where(Unit.id.in_([u for _, _, u, _ in rows if u]))
            ).all()
        )
        if rows
        else {}
    )
    recs, atts, apps = [], [], []
    for iid, (name, targets) in by_instr.items():
        seqs: dict[tuple[int, str], int] = {}
        for year, months in ((today.year - 1, 12), (today.year, today.month - 1)):
            for month in range(1, months + 1):
                if rng.random() < 0.08:
                    continue  # a forgotten log
                uid, oid = rng.choice(targets)
                for kind in ("instructor_log", "visit"):
                    if kind == "visit" and rng.random() < 0.5:
                        continue
                    key = (year, kind)
                    seqs[key] = seqs.get(key, 0) + 1
                    prob, sol = rng.choice(VISIT_PROBLEMS)
                    when = datetime(year, month, rng.randint(3, 27), rng.choice([9, 10, 15]))
                    unit = unit_names.get(uid, "")
                    recs.append(
                        {
                            "uuid": None,
                            "org_id": None,
                            "kind": kind,
                            "year": year,
                            "seq": seqs[key],
                            "held_at": when,
                            "instructor_id": iid,
                            "unit_id": uid,
                            "host": name,
                            "place": unit,
                            "content": f"到{unit}了解党建工作情况，指导规范台账和组织生活。"
                            if kind == "instructor_log"
                            else None,
                            "people_met": "企业负责人、支部书记" if kind == "visit" else None,
                            "problems_raised": prob,
                            "problems_solved": sol,
                        }
                    )
                    atts.append([])
                    apps.append([])
    bulk_write(s, recs, atts, apps, rng)
