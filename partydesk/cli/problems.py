"""`partydesk problems …`: the problem list (问题清单) — list (open first, overdue
marked), add, start, solve (销号 with date and how), mark not solvable (with why), reopen,
edit; `report problems`: the township 问题清单 in Excel."""

from __future__ import annotations

from datetime import date

from partydesk.cli.common import open_for, out, table
from partydesk.cli.standing import _descendants, parse_date
from partydesk.errors import ValidationError
from partydesk.ledger.hosts import find_unit
from partydesk.ledger.queries import find_org


def register(cmds) -> None:
    p = cmds.add(cmds.top, "problems", "问题清单：走访等发现的问题，销号管理", _need_action)
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    lp = sub.add_parser("list", help="列出问题（未销号的在前，逾期的标出）", parents=[cmds.common])
    g = lp.add_mutually_exclusive_group()
    g.add_argument("--open", dest="which", action="store_const", const="open", help="只列未销号的")
    g.add_argument(
        "--overdue", dest="which", action="store_const", const="overdue", help="只列逾期的"
    )
    g.add_argument(
        "--closed", dest="which", action="store_const", const="closed", help="只列已办结的"
    )
    lp.add_argument("--unit", metavar="UNIT", help="单位")
    lp.add_argument("--org", metavar="ORG", help="党组织（含下级组织）")
    lp.add_argument("--search", metavar="TEXT", help="按问题、单位、党组织、责任人查找")
    lp.add_argument("--today", metavar="DATE")
    lp.set_defaults(func=cmd_list, which="all")
    ap = sub.add_parser("add", help="登记一个问题", parents=[cmds.common])
    ap.add_argument("text", help="问题")
    ap.add_argument("--unit", metavar="UNIT", help="单位")
    ap.add_argument("--org", metavar="ORG", help="党组织")
    ap.add_argument("--on", metavar="DATE", help="提出日期（默认今天）")
    ap.add_argument("--responsible", help="责任人")
    ap.add_argument(
        "--due", metavar="DATE", help="办结时限（默认提出后30天，设置 problems.due_days）"
    )
    ap.add_argument("--record", type=int, metavar="ID", help="所出自的工作纪实（走访）编号")
    ap.set_defaults(func=cmd_add)
    for name, help_, state, need in [
        ("start", "标记为办理中", "in_progress", None),
        ("solve", "销号：已解决（写明日期和如何解决）", "solved", "--how"),
        ("unsolvable", "标记为不能解决（写明原因）", "unsolvable", "--why"),
        ("reopen", "重新列为待办", "open", None),
    ]:
        sp = sub.add_parser(name, help=help_, parents=[cmds.common])
        sp.add_argument("id", type=int, help="问题编号")
        if need:
            sp.add_argument(
                need,
                dest="how",
                required=True,
                help="如何解决" if need == "--how" else "不能解决的原因",
            )
            sp.add_argument("--on", metavar="DATE", help="办结日期（默认今天）")
        sp.set_defaults(func=cmd_state, state=state)
    ep = sub.add_parser("edit", help="修改问题内容、责任人、时限或单位", parents=[cmds.common])
    ep.add_argument("id", type=int)
    ep.add_argument("--text")
    ep.add_argument("--responsible")
    ep.add_argument("--due", metavar="DATE")
    ep.add_argument("--unit", metavar="UNIT")
    ep.set_defaults(func=cmd_edit)

    p = cmds.add(cmds.report, "problems", "乡镇问题清单（Excel）", cmd_report)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.add_argument("--today", metavar="DATE", help="按此日期判断逾期（默认今天）")


def _need_action(args) -> int:
    raise ValidationError(
        "请指定操作：list、add、start、solve、unsolvable、reopen 或 edit（partydesk problems --help）。"
    )


def _today(args) -> date:
    return parse_date(getattr(args, "today", None), "--today") or date.today()


def cmd_list(args) -> int:
    from partydesk.problems.service import counts, list_problems

    today = _today(args)
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        unit_id = find_unit(s, args.unit).id if args.unit else None
        keep = _descendants(s, find_org(s, args.org).id) if args.org else None
        items = list_problems(
            s, today, which=args.which, unit_id=unit_id, org_ids=keep, search=args.search
        )
        c = counts(s, today)
        out(
            f"问题清单（{today.isoformat()}）：未销号{c.open}个，其中逾期{c.overdue}个；"
            f"已解决{c.solved}个；不能解决{c.unsolvable}个"
        )
        if not items:
            out("没有符合条件的问题。")
            return 0
        rows = [
            [
                str(r.id),
                r.unit,
                r.text,
                r.raised_on.isoformat(),
                r.responsible,
                r.due_on.isoformat() if r.due_on else "",
                r.state_label + ("【逾期】" if r.overdue else ""),
                (f"{r.closed_on.isoformat()} " if r.closed_on else "") + r.resolution,
            ]
            for r in items
        ]
        out(
            table(["编号", "单位", "问题", "提出", "责任人", "时限", "状态", "办结情况"], rows, {0})
        )
    return 0


def cmd_add(args) -> int:
    from partydesk.problems.service import add_problem

    with open_for(args) as ledger, ledger.session() as s:
        p = add_problem(
            s,
            args.text,
            parse_date(args.on, "--on") or date.today(),
            unit_id=find_unit(s, args.unit).id if args.unit else None,
            org_id=find_org(s, args.org).id if args.org else None,
            record_id=args.record,
            responsible=args.responsible,
            due_on=parse_date(args.due, "--due"),
        )
        out(f"已登记问题 {p.id}：{p.text}（办结时限 {p.due_on.isoformat()}）")
    return 0


def cmd_state(args) -> int:
    from partydesk.problems.service import set_state

    with open_for(args) as ledger, ledger.session() as s:
        p = set_state(
            s,
            args.id,
            args.state,
            on=parse_date(getattr(args, "on", None), "--on"),
            how=getattr(args, "how", None),
        )
        when = f"（{p.closed_on.isoformat()}）" if p.closed_on else ""
        out(f"问题 {p.id}“{p.text}”：{p.state_label}{when}")
    return 0


def cmd_edit(args) -> int:
    from partydesk.problems.service import edit_problem

    values: dict = {}
    if args.text is not None:
        values["text"] = args.text
    if args.responsible is not None:
        values["responsible"] = args.responsible.strip() or None
    if args.due is not None:
        values["due_on"] = parse_date(args.due, "--due") if args.due.strip() else None
    with open_for(args) as ledger, ledger.session() as s:
        if args.unit is not None:
            values["unit_id"] = find_unit(s, args.unit).id if args.unit.strip() else None
        if not values:
            raise ValidationError(
                "没有要修改的内容（用 --text、--responsible、--due、--unit 给出）。"
            )
        p = edit_problem(s, args.id, **values)
        out(f"已修改问题 {p.id}：{p.text}")
    return 0


def cmd_report(args) -> int:
    from partydesk.problems.report import write_problem_report

    today = _today(args)
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        n = write_problem_report(s, args.output, today)
    out(f"已生成问题清单：{args.output}（{n}个问题）")
    return 0
