"""党建指导员: `partydesk instructors list / duties / uncovered / assess / assign / unassign`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from partydesk.cli.certs_common import _add, _date, _sub, _today
from partydesk.cli.common import open_for, out


def register(cmds) -> None:
    ins = cmds.add(cmds.top, "instructors", "党建指导员：联系单位、履职、考核、未覆盖单位", None)
    sub = _sub(cmds, ins, "党建指导员")
    p = _add(cmds, sub, "list", "列出在任指导员及其联系单位", cmd_ins_list)
    p.add_argument("--date", type=_date, help="按某日的联系关系（默认今天）")
    p = _add(
        cmds, sub, "duties", "履职情况：半月联系、每月日志、半年会议、年度续聘", cmd_ins_duties
    )
    p.add_argument("--year", type=int)
    p.add_argument("--missing", action="store_true", help="只列出有缺项的")
    p = _add(cmds, sub, "uncovered", "没有党建指导员的在营单位", cmd_ins_uncovered)
    p.add_argument("--date", type=_date)
    p = _add(cmds, sub, "assess", "登记年度考核等次（优秀/称职/基本称职/不称职）", cmd_ins_assess)
    p.add_argument("instructor", metavar="ID|NAME")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--grade", required=True)
    p.add_argument("--note")
    p = _add(cmds, sub, "assign", "安排指导员联系一个单位或党组织", cmd_ins_assign)
    p.add_argument("instructor", metavar="ID|NAME")
    p.add_argument("--unit", help="单位：编号、全称或名称中唯一的一部分")
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--date", type=_date, help="开始日期（默认今天）")
    p = _add(cmds, sub, "unassign", "结束一条联系关系", cmd_ins_unassign)
    p.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID")
    p.add_argument("--date", type=_date)


def cmd_ins_list(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.models import Instructor

    on = _today(args)
    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = s.scalars(
            select(Instructor).where(Instructor.active.is_(True)).order_by(Instructor.id)
        ).all()
        out("编号\t姓名\t派出单位\t联系单位数\t联系单位")
        for i in rows:
            names = [
                a.unit.name if a.unit else a.org.name
                for a in instructors.current_assignments(s, i.id, on)
            ]
            out(f"{i.id}\t{i.name}\t{i.home_unit or ''}\t{len(names)}\t{'、'.join(names)}")
        out(f"共{len(rows)}人。")
    return 0


def cmd_ins_duties(args) -> int:
    from partydesk.certs import instructors

    today = date.today()
    year = args.year or today.year
    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = instructors.duty_status(s, year, today)
        shown = 0
        for r in rows:
            if args.missing and not r.missing_count:
                continue
            shown += 1
            parts = []
            for d in r.duties:
                if not d.known:
                    parts.append(f"{d.label}：无工作纪实数据")
                elif d.missing:
                    more = "等" if len(d.missing) > 4 else ""
                    parts.append(
                        f"{d.label} {d.done}/{d.expected}，缺{'、'.join(d.missing[:4])}{more}"
                    )
                else:
                    parts.append(f"{d.label} {d.done}/{d.expected}")
            out(f"{r.instructor_id}\t{r.name}\t" + "；".join(parts))
        out(f"{year}年截至{min(today, date(year, 12, 31)):%Y-%m-%d}：共{shown}人。")
    return 0


def cmd_ins_uncovered(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.enums import UnitKind

    on = _today(args)
    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = instructors.uncovered_units(s, on)
        out("编号\t单位名称\t类别\t所在街道")
        for u in rows:
            out(f"{u.id}\t{u.name}\t{UnitKind.label_of(u.kind)}\t{u.street or ''}")
        out(f"没有党建指导员的单位：{len(rows)}个。")
    return 0


def cmd_ins_assess(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.models.certs import AssessmentGrade

    with open_for(args) as lg, lg.session() as s:
        ins = instructors.get(s, args.instructor)
        r = instructors.set_assessment(s, ins.id, args.year, args.grade, date.today(), args.note)
        out(f"{ins.name} {r.year}年度考核：{AssessmentGrade.label_of(r.grade)}")
    return 0


def cmd_ins_assign(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.queries import find_org

    with open_for(args) as lg, lg.session() as s:
        ins = instructors.get(s, args.instructor)
        org_id = find_org(s, args.org).id if args.org else None
        from partydesk.ledger.hosts import find_unit

        unit_id = find_unit(s, args.unit).id if args.unit else None
        a = instructors.assign(s, ins.id, unit_id=unit_id, org_id=org_id, start_on=_today(args))
        what = a.unit.name if a.unit else a.org.name
        out(f"已安排：{ins.name} 自{a.start_on:%Y-%m-%d}起联系指导 {what}（关系编号{a.id}）")
    return 0


def cmd_ins_unassign(args) -> int:
    from partydesk.certs import instructors

    with open_for(args) as lg, lg.session() as s:
        a = instructors.end_assignment(s, args.assignment, _today(args))
        out(f"已结束联系关系{a.id}，结束日期{a.end_on:%Y-%m-%d}")
    return 0
