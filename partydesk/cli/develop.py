"""`partydesk develop …`: a candidate's development steps (发展党员纪实) — the 25 steps, a
candidate's progress, recording a step (refused with the reason when out of order), the
candidates with their next step; `print develop`: the 发展党员纪实表."""

from __future__ import annotations

from datetime import date

from partydesk.cli.common import open_for, out, table
from partydesk.cli.standing import _descendants, parse_date
from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Organization
from partydesk.ledger.queries import find_org, find_person


def register(cmds) -> None:
    p = cmds.add(cmds.top, "develop", "发展党员纪实：25个步骤逐步记录", _need_action)
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    sp = sub.add_parser("steps", help="列出发展党员的25个步骤", parents=[cmds.common])
    sp.set_defaults(func=cmd_steps)
    sp = sub.add_parser("show", help="某人的发展步骤、下一步及期限", parents=[cmds.common])
    sp.add_argument("person", help="人员（编号、身份证号或姓名）")
    sp.add_argument("--today", metavar="DATE")
    sp.set_defaults(func=cmd_show)
    ap = sub.add_parser(
        "add", help="记录一个步骤（不按顺序的步骤会被拒绝并说明原因）", parents=[cmds.common]
    )
    ap.add_argument("person", help="人员（编号、身份证号或姓名）")
    ap.add_argument("step", help="步骤序号（1–25）或名称")
    ap.add_argument("--on", required=True, metavar="DATE", help="日期")
    ap.add_argument("--who", help="经办人（谈话人、审批机关等）")
    ap.add_argument("--document", help="材料或文书（如 入党申请书）")
    ap.add_argument("--note", help="备注")
    ap.add_argument(
        "--sponsor",
        action="append",
        default=[],
        metavar="人员",
        help="培养联系人或入党介绍人（第5、9步，两名正式党员，各写一次）",
    )
    ap.add_argument("--today", metavar="DATE")
    ap.set_defaults(func=cmd_add)
    rp = sub.add_parser("remove", help="删除一条误记的步骤记录", parents=[cmds.common])
    rp.add_argument("id", type=int, help="步骤记录编号（见 develop show）")
    rp.set_defaults(func=cmd_remove)
    lp = sub.add_parser("list", help="发展中的人员及其下一步", parents=[cmds.common])
    lp.add_argument("--org", metavar="ORG", help="只看该党组织（含下级组织）")
    lp.add_argument("--today", metavar="DATE")
    lp.set_defaults(func=cmd_list)

    p = cmds.add(cmds.print_, "develop", "打印发展党员纪实表（PDF）", cmd_print)
    p.add_argument("--person", action="append", default=[], help="人员，可重复")
    p.add_argument("--org", help="该党组织的全部发展对象（按人员逐页）")
    p.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    p.add_argument("--today", metavar="DATE")


def _need_action(args) -> int:
    raise ValidationError(
        "请指定操作：steps、show、add、remove 或 list（partydesk develop --help）。"
    )


def _today(args) -> date:
    return parse_date(getattr(args, "today", None), "--today") or date.today()


def _step_no(session, text: str) -> int:
    from partydesk.develop.steps import steps

    t = text.strip().removeprefix("第").removesuffix("步")
    if t.isdigit():
        return int(t)
    found = [s.no for s in steps(session) if t and t in s.name]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(f"没有名为“{text}”的步骤（partydesk develop steps 列出全部）。")
    nos = "、".join(str(n) for n in found)
    raise ValidationError(f"“{text}”有多个步骤（第{nos}步），请写序号。")


def cmd_steps(args) -> int:
    from partydesk.develop.steps import steps

    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        stage = None
        for st in steps(s):
            if st.stage != stage:
                stage = st.stage
                out(f"{'一二三四五'[stage]}、{st.stage_name}")
            extra = f"（两名正式党员：{st.sponsors}）" if st.sponsors else ""
            out(f"  {st.no:>2}. {st.name}{extra}")
    return 0


def _due_text(pr, today: date) -> str:
    if pr.next is None:
        return "25个步骤均已完成"
    text = f"下一步：{pr.next.title}"
    if pr.next_due is not None:
        days = (pr.next_due - today).days
        if days < 0 and pr.deadline:
            text += f"，应于{pr.next_due.isoformat()}前完成【已逾期{-days}天】"
        elif not pr.deadline:
            text += f"，{pr.next_due.isoformat()}起可进行"
        else:
            text += f"，应于{pr.next_due.isoformat()}前完成"
    return text


def cmd_show(args) -> int:
    from partydesk.develop.service import progress
    from partydesk.ledger.models import Person

    today = _today(args)
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        person = find_person(s, args.person)
        pr = progress(s, person.id)
        org = s.get(Organization, person.org_id) if person.org_id else None
        out(
            f"{person.name}（{Category.label_of(person.category)}，{org.name if org else '无党组织'}）"
        )
        rows = []
        for st in pr.states:
            if st.records:
                for r in st.records:
                    who = r.who or ""
                    if r.sponsor1_id:
                        names = [
                            s.get(Person, i).name
                            for i in (r.sponsor1_id, r.sponsor2_id)
                            if i and s.get(Person, i)
                        ]
                        who = "、".join(names) + (f"；{who}" if who else "")
                    rows.append(
                        [
                            str(st.step.no),
                            st.step.name,
                            r.done_on.isoformat(),
                            who,
                            r.document or "",
                            r.note or "",
                            str(r.id),
                        ]
                    )
            else:
                state = "（台账已记类别，无步骤记录）" if st.implied else "未完成"
                on = st.ledger_date.isoformat() if st.ledger_date and st.implied else ""
                rows.append([str(st.step.no), st.step.name, on, "", "", state, ""])
        out(table(["步骤", "名称", "日期", "经办人/联系人", "材料", "备注", "记录编号"], rows, {0}))
        out(_due_text(pr, today))
    return 0


def cmd_add(args) -> int:
    from partydesk.develop.service import progress, record_step

    today = _today(args)
    on = parse_date(args.on, "--on")
    with open_for(args) as ledger, ledger.session() as s:
        person = find_person(s, args.person)
        no = _step_no(s, args.step)
        sponsors = [find_person(s, t).id for t in args.sponsor]
        row = record_step(
            s,
            person.id,
            no,
            on,
            who=args.who,
            document=args.document,
            note=args.note,
            sponsors=sponsors,
            today=today,
        )
        pr = progress(s, person.id)
        out(
            f"已记录 {person.name} {pr.state(no).step.title}：{row.done_on.isoformat()}"
            f"（记录编号 {row.id}）"
        )
        out(_due_text(pr, today))
    return 0


def cmd_remove(args) -> int:
    from partydesk.develop.service import remove_step

    with open_for(args) as ledger, ledger.session() as s:
        row = remove_step(s, args.id)
        out(f"已删除步骤记录 {row.id}（第{row.step_no}步，{row.done_on.isoformat()}）。")
    return 0


def cmd_list(args) -> int:
    from partydesk.develop.service import candidates, progress

    today = _today(args)
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        keep = _descendants(s, find_org(s, args.org).id) if args.org else None
        names = dict(s.query(Organization.id, Organization.name).all())
        rows = []
        for p in candidates(s, keep):
            pr = progress(s, p.id)
            rows.append(
                [
                    str(p.id),
                    p.name,
                    Category.label_of(p.category),
                    names.get(p.org_id, ""),
                    str(pr.recorded),
                    _due_text(pr, today),
                ]
            )
        if not rows:
            out("没有发展中的人员。")
            return 0
        out(table(["编号", "姓名", "类别", "党组织", "已记步骤", "下一步"], rows, {0, 4}))
        out(f"共{len(rows)}人")
    return 0


def cmd_print(args) -> int:
    from partydesk.develop.service import candidates
    from partydesk.reports.develop_sheet import write_sheets

    today = _today(args)
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        ids = [find_person(s, t).id for t in args.person]
        if args.org:
            ids += [p.id for p in candidates(s, _descendants(s, find_org(s, args.org).id))]
        if not ids:
            raise ValidationError("请用 --person 或 --org 指定要打印的人员。")
        n = write_sheets(s, ids, args.output, today=today)
    out(f"已生成发展党员纪实表：{args.output}（{len(ids)}人，{n}页）")
    return 0
