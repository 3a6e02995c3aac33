"""Work-record sub-commands: `cadence`, `records list|add|show|delete`, `print book`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from partydesk.cli.common import open_for, out
from partydesk.errors import ValidationError
from partydesk.ledger.models import Organization
from partydesk.ledger.queries import find_org

# Text options of `records add` / `records edit`: (option, label, record field).
TEXT_FIELDS = [
    ("place", "地点", "place"),
    ("host", "主持人", "host"),
    ("recorder", "记录人", "recorder"),
    ("topics", "议题", "topics"),
    ("content", "内容", "content"),
    ("resolutions", "决议", "resolutions"),
    ("votes", "表决结果", "votes"),
    ("lecturer", "党课主讲人", "lecturer"),
    ("title", "党课题目", "lesson_title"),
    ("problems", "查摆问题", "problems"),
    ("measures", "整改措施", "measures"),
    ("note", "备注", "note"),
    ("people-met", "走访见面人员", "people_met"),
    ("raised", "反映问题", "problems_raised"),
    ("solved", "解决情况", "problems_solved"),
]
TEXT_OPTIONS = [(o, label) for o, label, _ in TEXT_FIELDS]


def register(cmds) -> None:
    p = cmds.add(cmds.top, "cadence", "组织生活落实情况检查（三会一课等，应开与已开）", cmd_cadence)
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--org", help="党组织（编号、全称或名称中唯一的一部分）；省略则列出全部")
    p.add_argument("--today", help="按此日期计算（YYYY-MM-DD，默认今天）")
    p.add_argument("--missing", action="store_true", help="只列出有缺项的党组织")

    p = cmds.add(cmds.top, "records", "工作纪实：列出、新增、修改、查看、删除", _need_action)
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    lp = sub.add_parser("list", help="列出某党组织某年度的工作纪实", parents=[cmds.common])
    lp.add_argument("--org", required=True)
    lp.add_argument("--year", type=int, required=True)
    lp.add_argument("--kind", help="类型，如 支委会、主题党日")
    lp.set_defaults(func=cmd_list)
    ap = sub.add_parser("add", help="新增一条工作纪实（默认全体党员出席）", parents=[cmds.common])
    ap.add_argument("--org", help="党组织（走访和指导员日志可省略，但须有 --instructor）")
    ap.add_argument("--kind", required=True, help="类型，如 支部党员大会、支委会、党课")
    ap.add_argument("--at", required=True, help="时间，如 2026-03-15 14:30")
    ap.add_argument("--end", help="结束时间，如 16:00")
    for name, help_ in TEXT_OPTIONS:
        ap.add_argument(f"--{name}", help=help_)
    ap.add_argument("--instructor", help="指导员（编号或姓名；走访、指导员日志）")
    ap.add_argument(
        "--unit", action="append", default=[], metavar="UNIT", help="走访单位，可重复（编号或名称）"
    )
    ap.add_argument(
        "--problem",
        action="append",
        default=[],
        metavar="问题[|责任人[|时限]]",
        help="走访发现的问题，每个列入问题清单，可重复",
    )
    ap.add_argument(
        "--absent", action="append", default=[], metavar="姓名[:原因]", help="缺席人员，可重复"
    )
    ap.add_argument("--observer", action="append", default=[], metavar="姓名", help="列席人员")
    ap.add_argument("--no-attendance", action="store_true", help="不登记出席名单")
    ap.set_defaults(func=cmd_add)
    ep = sub.add_parser(
        "edit", help="修改一条工作纪实（只改给出的项；空值清空）", parents=[cmds.common]
    )
    ep.add_argument("id", type=int)
    ep.add_argument("--at", help="时间，如 2026-03-15 14:30")
    ep.add_argument("--end", help="结束时间，如 16:00")
    for name, help_ in TEXT_OPTIONS:
        ep.add_argument(f"--{name}", help=help_)
    ep.add_argument(
        "--absent",
        action="append",
        default=[],
        metavar="姓名[:原因]",
        help="改为缺席（出席名单中的人员），可重复",
    )
    ep.add_argument(
        "--present", action="append", default=[], metavar="姓名", help="改为出席，可重复"
    )
    ep.set_defaults(func=cmd_edit)
    sp = sub.add_parser("show", help="显示一条工作纪实", parents=[cmds.common])
    sp.add_argument("id", type=int)
    sp.set_defaults(func=cmd_show)
    dp = sub.add_parser("delete", help="删除一条工作纪实", parents=[cmds.common])
    dp.add_argument("id", type=int)
    dp.set_defaults(func=cmd_delete)


def _need_action(args) -> int:
    raise ValidationError(
        "请指定操作：list、add、edit、show 或 delete（partydesk records --help）。"
    )


def _today(args) -> date:
    if getattr(args, "today", None):
        try:
            return date.fromisoformat(args.today)
        except ValueError as e:
            raise ValidationError(f"日期格式不对：{args.today}（应为 YYYY-MM-DD）。") from e
    return date.today()


def _parse_when(text: str) -> datetime:
    t = text.strip().replace("/", "-").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(t, fmt)
        except ValueError:
            pass
    raise ValidationError(f"时间格式不对：{text}（应为 2026-03-15 14:30）。")


def cmd_cadence(args) -> int:
    from partydesk.records import cadence

    today = _today(args)
    with open_for(args) as ledger, ledger.Session() as s:
        cfg = cadence.rules(s)
        if args.org:
            org = find_org(s, args.org)
            rows = cadence.check(s, org.id, args.year, today)
            out(f"{org.name} {args.year}年（截至 {today.isoformat()}）")
            out(f"{'类型':<8}\t{'要求':<6}\t应开\t已开\t情况")
            for r in rows:
                out(f"{r.label:<8}\t{r.rule:<6}\t{r.expected}\t{r.done}\t{r.status}")
            return 0
        orgs = s.execute(
            select(Organization.id, Organization.name)
            .where(Organization.org_type.in_(cfg["org_types"]), Organization.dissolved_on.is_(None))
            .order_by(Organization.id)
        ).all()
        shown = 0
        for oid, name in orgs:
            rows = cadence.check(s, oid, args.year, today)
            line = cadence.summary_line(rows)
            if args.missing and line == "齐全":
                continue
            out(f"{oid}\t{name}\t{line}")
            shown += 1
        out(f"共 {shown} 个党组织（截至 {today.isoformat()}）")
    return 0


def cmd_list(args) -> int:
    from partydesk.records import RecordKind
    from partydesk.records.service import counts, list_records, parse_kind

    with open_for(args) as ledger, ledger.Session() as s:
        org = find_org(s, args.org)
        kind = parse_kind(args.kind).value if args.kind else None
        recs = list_records(s, org.id, args.year, kind)
        out(f"{org.name} {args.year}年工作纪实 共 {len(recs)} 条")
        for r in recs:
            c = counts(r)
            att = f"应到{c.expected} 实到{c.present}" if r.attendance else ""
            topic = (r.topics or r.lesson_title or r.content or "").replace("\n", " ")[:40]
            out(
                f"{r.id}\t{r.held_at:%Y-%m-%d %H:%M}\t{RecordKind.label_of(r.kind)}"
                f"第{r.seq}次\t{att}\t{topic}"
            )
    return 0


def cmd_add(args) -> int:
    from partydesk.ledger.hosts import find_unit
    from partydesk.records import MEETING_KINDS, RecordKind, visits
    from partydesk.records.service import create_record, members_of, parse_kind

    kind = parse_kind(args.kind)
    held = _parse_when(args.at)
    end = None
    if args.end:
        end = (
            _parse_when(args.end) if "-" in args.end else _parse_when(f"{held:%Y-%m-%d} {args.end}")
        )
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org) if args.org else None
        attendance = []
        if org is not None and kind in MEETING_KINDS and not args.no_attendance:
            members = members_of(s, org.id)
            by_name = {p.name: p for p in members}
            absent = {}
            for item in args.absent:
                name, _, why = item.partition(":")
                name = name.strip()
                if name not in by_name:
                    raise ValidationError(f"“{name}”不是{org.name}的党员，无法登记为缺席。")
                absent[name] = why.strip() or None
            for p in members:
                if p.name in absent:
                    attendance.append(
                        {"person_id": p.id, "status": "absent", "reason": absent[p.name]}
                    )
                else:
                    attendance.append({"person_id": p.id, "status": "present"})
            attendance += [{"name_text": n, "status": "observer"} for n in args.observer]
        rec = create_record(
            s,
            kind,
            org_id=org.id if org else None,
            held_at=held,
            end_at=end,
            place=args.place,
            host=args.host,
            recorder=args.recorder,
            topics=args.topics,
            content=args.content,
            resolutions=args.resolutions,
            votes=args.votes,
            lecturer=args.lecturer,
            lesson_title=args.title,
            problems=args.problems,
            measures=args.measures,
            note=args.note,
            instructor_id=_instructor_id(s, args.instructor),
            people_met=args.people_met,
            problems_raised=args.raised,
            problems_solved=args.solved,
            expected_count=sum(1 for a in attendance if a["status"] != "observer")
            if attendance
            else None,
            attendance=attendance,
        )
        if args.unit:
            visits.set_units(s, rec.id, [find_unit(s, u).id for u in args.unit])
        raised = visits.raise_problems(s, rec.id, [_problem_item(p) for p in args.problem])
        out(
            f"已新增：{rec.id}\t{RecordKind.label_of(rec.kind)}第{rec.seq}次\t"
            f"{rec.held_at:%Y-%m-%d %H:%M}"
        )
        for p in raised:
            out(f"  列入问题清单：{p.id}\t{p.text}\t办结时限 {p.due_on.isoformat()}")
    return 0


def _instructor_id(session, text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    from partydesk.cli.standing import _find_instructor

    return _find_instructor(session, text)


def _problem_item(text: str) -> dict:
    from partydesk.cli.standing import parse_date

    what, _, rest = text.partition("|")
    who, _, due = rest.partition("|")
    if not what.strip():
        raise ValidationError(f"问题内容不能为空：“{text}”。")
    return {
        "text": what.strip(),
        "responsible": who.strip() or None,
        "due_on": parse_date(due.strip(), "问题的办结时限") if due.strip() else None,
    }


def cmd_edit(args) -> int:
    from partydesk.records import RecordKind
    from partydesk.records.service import get_record, update_record

    with open_for(args) as ledger, ledger.session() as s:
        rec = get_record(s, args.id)
        values: dict = {}
        if args.at:
            values["held_at"] = _parse_when(args.at)
        if args.end is not None:
            held = values.get("held_at", rec.held_at)
            values["end_at"] = (
                None
                if not args.end.strip()
                else (
                    _parse_when(args.end)
                    if "-" in args.end
                    else _parse_when(f"{held:%Y-%m-%d} {args.end}")
                )
            )
        for option, _, field in TEXT_FIELDS:
            v = getattr(args, option.replace("-", "_"))
            if v is not None:
                values[field] = v.strip() or None
        attendance = None
        if args.absent or args.present:
            from partydesk.ledger.models import Person

            pids = [a.person_id for a in rec.attendance if a.person_id is not None]
            names = dict(s.execute(select(Person.id, Person.name).where(Person.id.in_(pids))).all())
            rows = [
                {
                    "person_id": a.person_id,
                    "name_text": a.name_text,
                    "status": a.status,
                    "reason": a.reason,
                    "name": names.get(a.person_id) or a.name_text,
                }
                for a in rec.attendance
            ]
            by_name = {r["name"]: r for r in rows if r["name"]}
            for item in args.absent:
                name, _, why = item.partition(":")
                r = by_name.get(name.strip())
                if r is None:
                    raise ValidationError(f"出席名单中没有“{name.strip()}”。")
                r["status"], r["reason"] = "absent", why.strip() or None
            for name in args.present:
                r = by_name.get(name.strip())
                if r is None:
                    raise ValidationError(f"出席名单中没有“{name.strip()}”。")
                r["status"], r["reason"] = "present", None
            attendance = rows
        if not values and attendance is None:
            raise ValidationError("没有要修改的内容（用 --at、--place、--absent 等给出）。")
        rec = update_record(s, args.id, attendance=attendance, **values)
        out(
            f"已修改：{rec.id}\t{RecordKind.label_of(rec.kind)}第{rec.seq}次\t"
            f"{rec.held_at:%Y-%m-%d %H:%M}"
        )
    return 0


def cmd_show(args) -> int:
    from partydesk.ledger.models import Person
    from partydesk.problems.service import of_record
    from partydesk.records import RecordKind, visits
    from partydesk.records.service import appraisal_warning, counts, get_record

    with open_for(args) as ledger, ledger.Session() as s:
        r = get_record(s, args.id)
        org = s.get(Organization, r.org_id) if r.org_id else None
        out(f"{RecordKind.label_of(r.kind)}（第{r.seq}次） {r.held_at:%Y-%m-%d %H:%M}")
        if org:
            out(f"党组织：{org.name}")
        if r.instructor_id:
            from partydesk.ledger.models import Instructor

            out(f"指导员：{s.get(Instructor, r.instructor_id).name}")
        units = visits.unit_names(s, [r.id]).get(r.id)
        if units:
            out(f"走访单位：{'、'.join(units)}")
        for label, attr in [
            ("地点", "place"),
            ("主持人", "host"),
            ("记录人", "recorder"),
            ("主讲人", "lecturer"),
            ("党课题目", "lesson_title"),
            ("议题", "topics"),
            ("内容", "content"),
            ("决议", "resolutions"),
            ("表决结果", "votes"),
            ("查摆问题", "problems"),
            ("整改措施", "measures"),
            ("见面人员", "people_met"),
            ("反映问题", "problems_raised"),
            ("解决情况", "problems_solved"),
            ("备注", "note"),
        ]:
            v = getattr(r, attr)
            if v:
                out(f"{label}：{v}")
        if r.attendance:
            c = counts(r)
            names = {
                p.id: p.name
                for p in s.scalars(
                    select(Person).where(
                        Person.id.in_([a.person_id for a in r.attendance if a.person_id])
                    )
                )
            }
            out(
                f"应到 {c.expected} 人，实到 {c.present} 人，缺席 {c.absent} 人，列席 {c.observers} 人"
            )
            absent = [
                f"{names.get(a.person_id, a.name_text)}（{a.reason or '未说明'}）"
                for a in r.attendance
                if a.status == "absent"
            ]
            if absent:
                out("缺席：" + "、".join(absent))
        if r.appraisals:
            from partydesk.records import Rating

            tally: dict[str, int] = {}
            for a in r.appraisals:
                tally[Rating.label_of(a.rating)] = tally.get(Rating.label_of(a.rating), 0) + 1
            out("评议：" + "、".join(f"{k}{v}人" for k, v in tally.items()))
            warn = appraisal_warning([a.rating for a in r.appraisals])
            if warn:
                out("注意：" + warn)
        for p in of_record(s, r.id):
            when = f"，{p.closed_on.isoformat()}" if p.closed_on else ""
            how = f"：{p.resolution}" if p.resolution else ""
            out(f"问题 {p.id}：{p.text}（{p.state_label}{when}{how}）")
    return 0


def cmd_delete(args) -> int:
    from partydesk.records.service import delete_record

    with open_for(args) as ledger, ledger.session() as s:
        delete_record(s, args.id)
    out(f"已删除工作纪实 {args.id}。")
    return 0
