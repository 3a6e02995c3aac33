"""Dues sub-commands: `partydesk dues base|relief|pay|reverse|payments|grid|arrears|report|link`.

Long because it is the argparse wiring of nine sub-commands, each a few lines over
partydesk.dues."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from partydesk.cli.common import open_for, out, table
from partydesk.cli.standing import parse_date
from partydesk.dues import bases, config, figures, payments, schedule
from partydesk.dues import months as mo
from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Person
from partydesk.ledger.queries import find_org, find_person


def register(cmds) -> None:
    grp = cmds.top.add_parser("dues", help="党费收缴", description="党费：基数、收缴、欠交、报表")
    sub = grp.add_subparsers(
        dest="dues_cmd", metavar="ACTION", required=True, parser_class=type(grp)
    )

    def who(p, required=True):
        p.add_argument(
            "person",
            nargs=None if required else "?",
            metavar="PERSON",
            help="党员：编号、身份证号或姓名",
        )
        p.add_argument("--org", metavar="ORG", help="党组织（按姓名查找时用）")

    p = cmds.add(sub, "base", "工资基数：查看历史，登记新基数，或从Excel导入", cmd_base)
    who(p, required=False)
    p.add_argument("--amount", metavar="元", help="税后工资基数（元/月）")
    p.add_argument("--kind", metavar="K", help="在职（默认）、离退休 或 最低标准")
    p.add_argument("--from", dest="start", metavar="YYYY-MM", help="起用月份（默认本月）")
    p.add_argument("--note", help="备注")
    p.add_argument(
        "--import",
        dest="import_file",
        metavar="FILE.xlsx",
        help="从Excel导入工资基数（按身份证号或姓名+所在党支部匹配）",
    )
    p.add_argument("--sheet", metavar="NAME", help="导入的工作表（默认第一个）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    p = cmds.add(sub, "relief", "减免党费（须写明原因和批准日期）", cmd_relief)
    who(p)
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM")
    p.add_argument("--amount", default="0", metavar="元", help="减免后每月应交（默认 0：免交）")
    p.add_argument("--reason", required=True, help="减免原因")
    p.add_argument("--approved", required=True, metavar="YYYY-MM-DD", help="批准日期")
    p.add_argument("--approved-by", metavar="WHO", help="批准组织")

    p = cmds.add(sub, "pay", "登记交纳党费；--all 为“本月按应交全部收讫”", cmd_pay)
    who(p, required=False)
    p.add_argument(
        "--month", required=True, metavar="M", help="所交月份：2026-03，或范围 2026-01..2026-06"
    )
    p.add_argument("--amount", metavar="元", help="每月金额（默认按应交；多于应交为自愿多交）")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="交纳日期（默认今天）")
    p.add_argument("--method", default="现金", help="现金（默认）、转账、微信 或 支付宝")
    p.add_argument("--note", help="备注")
    p.add_argument("--all", action="store_true", help="该党组织本月未交足的党员全部按应交收讫")
    p.add_argument("--today", metavar="DATE", help=argparse_suppress())

    p = cmds.add(sub, "reverse", "冲正一笔党费记录（写明原因，原记录不改）", cmd_reverse)
    p.add_argument("payment", type=int, metavar="PAYMENT_ID")
    p.add_argument("--reason", required=True, help="冲正原因")

    p = cmds.add(sub, "payments", "列出党费交纳记录（含编号，供冲正使用）", cmd_payments)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--person", metavar="WHO")

    p = cmds.add(sub, "grid", "党费收缴表：党员 × 月份（已交/应交）；-o 导出Excel", cmd_grid)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="导出为Excel")

    p = cmds.add(sub, "arrears", "欠交党费：未交月份、连续未交月数、欠交金额", cmd_arrears)
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--today", metavar="DATE", help="按此日期计算（默认今天）")
    p.add_argument("--min", type=int, default=1, metavar="N", help="只列连续未交至少 N 个月的")

    p = cmds.add(
        sub,
        "report",
        "报表：--org 为党费收缴明细表（PDF或Excel），否则为全乡镇党费收缴情况汇总表（Excel）",
        cmd_report,
    )
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--through", metavar="YYYY-MM", help="统计截至月份（默认：已结束的最后一个月）")
    p.add_argument("--today", metavar="DATE", help=argparse_suppress())
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=".pdf 或 .xlsx")

    p = cmds.add(
        sub,
        "link",
        "由党费台账计算评星细则“党费按时足额收缴”得分和积分卡“未按时足额交纳党费”扣分",
        cmd_link,
    )
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--year", type=int, help="评星年度：计算“党费按时足额收缴”得分")
    p.add_argument("--period", metavar="YYYY-MM", help="积分月份：列出应扣分的党员")
    p.add_argument("--apply", action="store_true", help="写入：评星得分或积分扣分")
    p.add_argument("--today", metavar="DATE", help=argparse_suppress())


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def _today(args) -> date:
    return parse_date(getattr(args, "today", None), "--today") or date.today()


def _person(s, args) -> Person:
    if not args.person:
        raise ValidationError("请指定党员（编号、身份证号或姓名）。")
    org = find_org(s, args.org) if args.org else None
    return find_person(s, args.person, org)


def cmd_base(args) -> int:
    if args.import_file:
        return _import_bases(args)
    with open_for(args) as ledger, ledger.session() as s:
        p = _person(s, args)
        if args.amount is None and args.kind is None:
            rows = bases.history(s, p.id)
            if not rows:
                out(f"{p.name}尚未核定党费基数。")
            for b in rows:
                out(bases.describe(b))
            for r in bases.reliefs(s, p.id):
                out(
                    f"减免 {mo.label(r.from_month)}至{mo.label(r.to_month)}：每月应交 "
                    f"{config.yuan(r.due_fen)} 元（{r.reason}，{r.approved_on:%Y-%m-%d} 批准）"
                )
            return 0
        kind = config.kind_from_text(args.kind)
        amount = None if args.amount is None else config.to_fen(args.amount, "工资基数")
        start = mo.parse(args.start) if args.start else mo.of(date.today())
        b = bases.set_base(s, p, start, amount, kind=kind, note=args.note)
        out(f"已登记{p.name}的党费基数：{bases.describe(b)}。")
    return 0


def _import_bases(args) -> int:
    from partydesk.dues import excel as dues_excel

    with open_for(args) as ledger:
        start = mo.parse(args.start) if args.start else mo.of(date.today())
        plan = dues_excel.plan_bases(ledger, args.import_file, start, sheet=args.sheet)
        out(
            f"{Path(args.import_file).name}：共 {plan.total} 行，可导入 {len(plan.accepted)} 行，"
            f"无变化 {plan.unchanged} 行；有错误 {len(plan.errors)} 行。"
        )
        for line in plan.errors[:20]:
            out("  " + line)
        if len(plan.errors) > 20:
            out(f"  ……另有 {len(plan.errors) - 20} 行错误。")
        if args.dry_run:
            out("（试运行，未写入。）")
            return 0 if not plan.errors else 3
        n = dues_excel.apply_bases(ledger, plan)
        out(f"已导入 {n} 人的工资基数（{mo.label(start)}起）。")
    return 0 if not plan.errors else 3


def cmd_relief(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        p = _person(s, args)
        r = bases.set_relief(
            s,
            p,
            mo.parse(args.start),
            mo.parse(args.end),
            config.to_fen(args.amount, "减免后应交金额"),
            args.reason,
            parse_date(args.approved, "--approved"),
            approved_by=args.approved_by,
        )
        out(
            f"已登记{p.name}减免党费：{mo.label(r.from_month)}至{mo.label(r.to_month)}每月应交 "
            f"{config.yuan(r.due_fen)} 元（{r.reason}）。"
        )
    return 0


def cmd_pay(args) -> int:
    today = _today(args)
    on = parse_date(args.on, "--on") or today
    method = config.method_from_text(args.method)
    amount = None if args.amount is None else config.to_fen(args.amount)
    ks = mo.parse_range(args.month)
    with open_for(args) as ledger, ledger.session() as s:
        if args.all:
            if not args.org:
                raise ValidationError("“本月按应交全部收讫”需要用 --org 指定党组织。")
            org = find_org(s, args.org)
            total, n = 0, 0
            for k in ks:
                done = payments.settle_month(s, org.id, k, paid_on=on, method=method, today=today)
                n += len(done.payments)
                total += sum(p.amount_fen for p in done.payments)
                if done.skipped:
                    out(f"{mo.label(k)}未核定基数、未登记：{'、'.join(done.skipped)}")
            out(f"已按应交收讫：{org.name} {args.month}，{n} 笔，共 {config.yuan(total)} 元。")
            return 0
        p = _person(s, args)
        rows = [
            payments.pay(s, p, k, amount, paid_on=on, method=method, note=args.note, today=today)
            for k in ks
        ]
        total = sum(r.amount_fen for r in rows)
        ids = "、".join(str(r.id) for r in rows)
        out(
            f"已登记（记录 {ids}）：{p.name} {args.month} 共 {config.yuan(total)} 元，"
            f"{config.METHOD_LABELS[method]}，{on:%Y-%m-%d}。"
        )
    return 0


def cmd_reverse(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        rev = payments.reverse(s, args.payment, args.reason)
        out(
            f"已冲正记录 {args.payment}（冲正记录 {rev.id}，{mo.label(rev.month)} "
            f"{config.yuan(rev.amount_fen)} 元）。"
        )
    return 0


def cmd_payments(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        pid = find_person(s, args.person, org).id if args.person else None
        names = {}
        rows = []
        for r in payments.list_payments(s, org.id, args.year, pid):
            if r.person_id not in names:
                names[r.person_id] = s.get(Person, r.person_id).name
            note = r.note or ""
            if r.reverses_id:
                note = f"冲正记录 {r.reverses_id}：{r.reason}"
            rows.append(
                [
                    str(r.id),
                    names[r.person_id],
                    mo.text(r.month),
                    config.yuan(r.amount_fen),
                    f"{r.paid_on:%Y-%m-%d}",
                    config.METHOD_LABELS.get(r.method, r.method),
                    note,
                ]
            )
        out(table(["编号", "姓名", "月份", "金额", "交纳日期", "方式", "备注"], rows, right={0, 3}))
        out(f"共 {len(rows)} 笔。")
    return 0


def cell_text(c: schedule.Cell | None) -> str:
    if c is None:
        return ""
    if c.owed:
        return "欠" if c.paid <= 0 else f"欠{config.yuan(c.paid)}"
    return config.yuan(c.paid)


def cmd_grid(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        g = schedule.grid(s, org.id, args.year)
        if args.output:
            from partydesk.dues import excel as dues_excel

            path = dues_excel.write_grid(s, g, org.name, args.output)
            out(f"已导出党费收缴表：{path}（{len(g.rows)} 人）")
            return 0
        heads = ["姓名", "类别", "每月应交"] + [f"{k % 100}月" for k in g.months] + ["应交", "已交"]
        rows = []
        for r in g.rows:
            rows.append(
                [
                    r.name,
                    Category.label_of(r.category),
                    "未核定" if r.unpriced else config.yuan(r.due_fen),
                ]
                + [cell_text(r.cells.get(k)) for k in g.months]
                + [config.yuan(r.total_due()), config.yuan(r.total_paid())]
            )
        rows.append(
            ["合计", "", ""]
            + [config.yuan(g.month_paid(k)) for k in g.months]
            + [
                config.yuan(sum(r.total_due() for r in g.rows)),
                config.yuan(sum(r.total_paid() for r in g.rows)),
            ]
        )
        out(f"{org.name}　{args.year}年党费收缴（格内为已交金额，“欠”为未交足）")
        out(table(heads, rows, right=set(range(2, len(heads)))))
    return 0


def cmd_arrears(args) -> int:
    today = _today(args)
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org) if args.org else None
        items = [
            a
            for a in figures.arrears(s, today, org_id=org.id if org else None)
            if a.run >= args.min or (args.min <= 1 and a.unpaid)
        ]
        cfg = config.get(s)
        rows = []
        for a in items:
            mark = ""
            if a.run >= cfg["alert_months"]:
                mark = "须处理"
            elif a.run >= cfg["remind_months"]:
                mark = "提醒"
            rows.append(
                [
                    a.name,
                    a.org_name,
                    str(a.run),
                    str(len(a.unpaid)),
                    _months_text(a.unpaid),
                    config.yuan(a.short),
                    mark,
                ]
            )
        scope = f"（{org.name}）" if org else ""
        last = figures.last_closed_month(today)
        if not rows:
            out(f"截至{mo.label(last)}没有欠交党费的党员{scope}。")
            return 0
        out(
            f"欠交党费{scope}：截至{mo.label(last)}（近{figures.LOOK_BACK}个月），共 {len(rows)} 人"
        )
        out(
            table(
                ["姓名", "党组织", "连续未交", "未交月数", "未交月份", "欠交金额", ""],
                rows,
                right={2, 3, 5},
            )
        )
    return 0


def _months_text(ks: list[int]) -> str:
    """202601..202603, 202605 → 2026-01至03、2026-05."""
    parts, i = [], 0
    while i < len(ks):
        j = i
        while j + 1 < len(ks) and ks[j + 1] == mo.add(ks[j], 1):
            j += 1
        a, b = ks[i], ks[j]
        if a == b:
            parts.append(mo.text(a))
        elif a // 100 == b // 100:
            parts.append(f"{mo.text(a)}至{b % 100:02d}")
        else:
            parts.append(f"{mo.text(a)}至{mo.text(b)}")
        i = j + 1
    if len(parts) > 3:
        return "、".join(parts[:3]) + f"等{len(parts)}段"
    return "、".join(parts)


def cmd_report(args) -> int:
    today = _today(args)
    through = mo.parse(args.through) if args.through else figures.default_through(args.year, today)
    target = Path(args.output)
    with open_for(args) as ledger, ledger.session() as s:
        if args.org:
            from partydesk.reports import dues as report

            org = find_org(s, args.org)
            sheet = report.gather(s, org, args.year, through)
            if target.suffix.lower() == ".xlsx":
                from partydesk.dues import excel as dues_excel

                path = dues_excel.write_detail(sheet, target)
            else:
                path = report.write_pdf(sheet, target)
            out(f"已生成党费收缴明细表：{path}（{len(sheet.grid.rows)} 人）")
            return 0
        from partydesk.dues import excel as dues_excel

        sm = figures.summary(s, args.year, through)
        path = dues_excel.write_summary(sm, target)
        t = sm.total
        rate = f"{t.rate:.1%}" if t.rate is not None else "—"
        out(
            f"已生成党费收缴情况汇总表：{path}（{len(sm.branches)} 个党组织，{t.members} 名党员，"
            f"应交 {config.yuan(t.due)} 元，实交 {config.yuan(t.paid)} 元，收缴率 {rate}）"
        )
    return 0


def cmd_link(args) -> int:
    from partydesk.dues import links

    today = _today(args)
    if not args.year and not args.period:
        raise ValidationError("请用 --year（评星得分）或 --period（积分扣分）。")
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        if args.year:
            sc = links.rubric_score(s, org.id, args.year, today)
            out(
                f"{org.name} {args.year}年“{sc.label}”：{sc.members} 名党员中 {sc.in_arrears} 人"
                f"有欠交，建议得分 {sc.score:g}/{sc.max_points:g}。"
            )
            if args.apply:
                links.apply_rubric_score(s, org.id, args.year, sc)
                out("已写入评星记录。")
        if args.period:
            month = mo.parse(args.period)
            found = links.points_deductions(s, org.id, month, today)
            names = "、".join(n for _pid, n in found.people) or "无"
            out(f"{mo.label(month)}未按时足额交纳党费（应扣分）：{names}。")
            if args.apply:
                n = links.apply_points_deductions(s, found)
                out(f"已录入扣分 {n} 条（已录入过的不重复）。")
    return 0
