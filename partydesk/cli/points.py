"""Points sub-commands: `partydesk points …`, `partydesk print cards|notice`."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from partydesk.cli.common import open_for, out, table
from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import PointsEntry, PointsItem
from partydesk.ledger.queries import find_org
from partydesk.points import entries, market
from partydesk.points.periods import KIND_LABELS, parse
from partydesk.points.schemes import find_item, find_person, find_scheme, list_schemes
from partydesk.points.totals import compute_cards, fmt


def register(cmds) -> None:
    grp = cmds.top.add_parser("points", help="积分卡与积分超市", description="积分卡与积分超市")
    sub = grp.add_subparsers(
        dest="points_cmd", metavar="ACTION", required=True, parser_class=type(grp)
    )

    def scheme_arg(p):
        p.add_argument(
            "--scheme", metavar="S", help="积分方案（编号、代码或名称；默认党员量化积分）"
        )

    p = cmds.add(sub, "total", "积分汇总与排名", cmd_total)
    p.add_argument(
        "--org", required=True, metavar="ORG", help="党组织（编号、全称或唯一的部分名称）"
    )
    p.add_argument("--period", required=True, metavar="P", help="期间：2025-07、2025Q3 或 2025")
    scheme_arg(p)

    p = cmds.add(sub, "schemes", "列出积分方案及其项目", cmd_schemes)

    p = cmds.add(sub, "scheme-set", "修改积分方案：基础分、最低分、最高分、分档", cmd_scheme_set)
    p.add_argument("scheme", metavar="S", help="积分方案（编号、代码或名称）")
    p.add_argument("--base", type=float, help="基础分")
    p.add_argument("--floor", metavar="F", help="最低分（none 表示不设）")
    p.add_argument("--ceiling", metavar="C", help="最高分（none 表示不设）")
    p.add_argument(
        "--bands",
        metavar="LIST",
        help='分档，如 "60:一星:1,70:二星:2" 或 "80:重点培养,90:优先发展"',
    )
    p.add_argument("--band-kind", choices=["star", "outcome"], help="分档类别：星级或培养意见")

    p = cmds.add(sub, "item-add", "为积分方案增加项目", cmd_item_add)
    p.add_argument("--name", required=True)
    p.add_argument("--points", type=float, required=True, help="每次分值（扣分写负数）")
    p.add_argument("--cap", type=float, help="每期上限（不填则不封顶）")
    p.add_argument("--dimension", help="所属方面，如 政治思想")
    scheme_arg(p)

    p = cmds.add(sub, "item-set", "修改积分项目（已录入的积分按原分值保留）", cmd_item_set)
    p.add_argument("item", metavar="ITEM", help="项目编号或名称")
    p.add_argument("--name")
    p.add_argument("--points", type=float)
    p.add_argument("--cap", metavar="C", help="每期上限（none 表示不封顶）")
    p.add_argument("--dimension")
    p.add_argument("--disable", action="store_true", help="停用")
    p.add_argument("--enable", action="store_true", help="启用")
    scheme_arg(p)

    p = cmds.add(sub, "add", "录入积分", cmd_add)
    p.add_argument("--org", metavar="ORG", help="党组织（用于按姓名查找人员）")
    p.add_argument("--person", required=True, metavar="WHO", help="人员：编号、身份证号或姓名")
    p.add_argument(
        "--item", required=True, metavar="ITEM", help="积分项目：编号或名称（可写一部分）"
    )
    p.add_argument("--count", type=int, default=1, help="次数（默认 1）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="日期（默认今天）")
    p.add_argument("--note", help="备注")
    p.add_argument("--correction", metavar="REASON", help="已公示期间的更正原因")
    scheme_arg(p)

    p = cmds.add(sub, "entries", "列出积分记录（含编号，供冲正使用）", cmd_entries)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--period", required=True, metavar="P")
    p.add_argument("--person", metavar="WHO")
    scheme_arg(p)

    p = cmds.add(sub, "reverse", "冲正一条积分记录（已公示期间的更正）", cmd_reverse)
    p.add_argument("entry", type=int, metavar="ENTRY_ID")
    p.add_argument("--reason", required=True, help="冲正原因")

    p = cmds.add(sub, "publish", "公示并锁定一个期间的积分", cmd_publish)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--period", required=True, metavar="P")
    p.add_argument("--note", help="备注")
    scheme_arg(p)

    p = cmds.add(sub, "goods", "积分超市商品：列出，或用 --add 上架", cmd_goods)
    p.add_argument("--add", metavar="NAME", help="上架商品名称")
    p.add_argument("--price", type=float, help="兑换所需积分")
    p.add_argument("--stock", type=int, help="库存（不填则不计库存）")
    p.add_argument("--unit", help="计量单位，如 件、本")

    p = cmds.add(sub, "redeem", "积分超市兑换", cmd_redeem)
    p.add_argument("--person", required=True, metavar="WHO")
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--goods", required=True, metavar="G", help="商品编号或名称")
    p.add_argument("--qty", type=int, default=1, help="数量（默认 1）")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--note")

    p = cmds.add(sub, "balance", "查询可用积分（积分超市）", cmd_balance)
    p.add_argument("--person", required=True, metavar="WHO")
    p.add_argument("--org", metavar="ORG")

    for what, help_text in (("cards", "打印积分卡（一人一卡）"), ("notice", "打印积分公示")):
        p = cmds.add(cmds.print_, what, help_text, cmd_print)
        p.add_argument("--org", required=True, metavar="ORG")
        p.add_argument("--period", required=True, metavar="P")
        p.add_argument(
            "-o",
            "--output",
            required=True,
            metavar="FILE",
            help="输出文件；以 .xlsx 结尾则导出 Excel，否则生成 PDF",
        )
        p.add_argument("--xlsx", action="store_true", help="导出 Excel（同 -o 以 .xlsx 结尾）")
        scheme_arg(p)
        p.set_defaults(print_kind=what)


def parse_date(text: str | None) -> date:
    if not text:
        return date.today()
    t = text.strip()
    m = re.match(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$", t)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise ValidationError(f"无法识别的日期“{text}”，请写成 2025-07-01。", "date")


def cmd_total(args) -> int:
    period = parse(args.period)
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        scheme = find_scheme(s, args.scheme)
        cards = compute_cards(s, scheme, org, period)
        locked = entries.period_locked(s, scheme, org, period)
        band_title = "培养意见" if {b.kind for b in scheme.bands} == {"outcome"} else "星级"
        out(f"{org.name}　{period.label}　{scheme.name}")
        rows = [
            [
                str(c.rank),
                c.name,
                Category.label_of(c.category),
                fmt(c.raw),
                fmt(c.counted),
                c.band_label or "—",
            ]
            for c in cards
        ]
        out(table(["排名", "姓名", "类别", "原始分", "计分", band_title], rows, right={0, 3, 4}))
        status = f"已公示（{locked.published_at:%Y-%m-%d}）" if locked else "未公示"
        out(f"共 {len(cards)} 人；基础分 {fmt(scheme.base_points)}；{status}。")
    return 0


def cmd_schemes(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        for sc in list_schemes(s, active_only=False):
            limits = []
            if sc.floor is not None:
                limits.append(f"最低 {fmt(sc.floor)}")
            if sc.ceiling is not None:
                limits.append(f"最高 {fmt(sc.ceiling)}")
            out(
                f"[{sc.id}] {sc.name}（{sc.code}）：按{KIND_LABELS[sc.period]}计分，"
                f"基础分 {fmt(sc.base_points)}"
                + ("，" + "，".join(limits) if limits else "")
                + ("" if sc.active else "（已停用）")
            )
            rows = [
                [
                    str(it.id),
                    it.dimension or "",
                    it.name,
                    (f"+{fmt(it.points)}" if it.points > 0 else fmt(it.points)),
                    fmt(it.cap) if it.cap is not None else "不限",
                ]
                for it in sc.items
            ]
            out(table(["编号", "方面", "项目", "分值", "每期上限"], rows, right={0, 3, 4}))
            bands = "；".join(f"{fmt(b.min_points)}分起 {b.label}" for b in sc.bands)
            out(f"分档：{bands or '无'}\n")
    return 0


def _optional_number(text: str | None, what: str):
    """ "keep" when not given, None for none/无, else the number."""
    if text is None:
        return "keep"
    if text.strip().lower() in ("none", "无", "不设", ""):
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"{what}应为数字或 none：{text}") from None


def cmd_scheme_set(args) -> int:
    from partydesk.points import schemes

    with open_for(args) as ledger, ledger.session() as s:
        sc = find_scheme(s, args.scheme)
        schemes.update_scheme(
            s,
            sc,
            base_points=args.base,
            floor=_optional_number(args.floor, "最低分"),
            ceiling=_optional_number(args.ceiling, "最高分"),
        )
        if args.bands is not None:
            kind = args.band_kind or (sc.bands[0].kind if sc.bands else "star")
            schemes.set_bands(s, sc, schemes.parse_bands(args.bands), kind)
        bands = "；".join(f"{fmt(b.min_points)}分起 {b.label}" for b in sc.bands) or "无"
        out(
            f"已修改“{sc.name}”：基础分 {fmt(sc.base_points)}，最低分 "
            f"{'不设' if sc.floor is None else fmt(sc.floor)}，最高分 "
            f"{'不设' if sc.ceiling is None else fmt(sc.ceiling)}；分档：{bands}。"
        )
    return 0


def cmd_item_add(args) -> int:
    from partydesk.points import schemes

    with open_for(args) as ledger, ledger.session() as s:
        sc = find_scheme(s, args.scheme)
        it = schemes.add_item(s, sc, args.name, args.points, cap=args.cap, dimension=args.dimension)
        out(f"已在“{sc.name}”中增加项目 {it.id}：{it.name}，每次 {fmt(it.points)} 分。")
    return 0


def cmd_item_set(args) -> int:
    from partydesk.points import schemes

    with open_for(args) as ledger, ledger.session() as s:
        sc = find_scheme(s, args.scheme)
        it = find_item(s, sc, args.item)
        active = False if args.disable else (True if args.enable else None)
        schemes.update_item(
            s,
            it,
            name=args.name,
            points=args.points,
            cap=_optional_number(args.cap, "每期上限"),
            dimension=args.dimension,
            active=active,
        )
        cap = "不封顶" if it.cap is None else f"每期上限 {fmt(it.cap)}"
        out(
            f"已修改项目 {it.id}：{it.name}，每次 {fmt(it.points)} 分，{cap}"
            + ("" if it.active else "（已停用）")
            + "。"
        )
    return 0


def cmd_add(args) -> int:
    on = parse_date(args.date)
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org) if args.org else None
        scheme = find_scheme(s, args.scheme)
        person = find_person(s, args.person, org)
        item = find_item(s, scheme, args.item)
        e = entries.add_entry(
            s,
            scheme,
            person,
            item,
            on,
            args.count,
            note=args.note,
            correction_reason=args.correction,
            org_id=org.id if org is not None else None,
        )
        out(
            f"已录入（记录 {e.id}）：{person.name} {on:%Y-%m-%d} {item.name} ×{e.count}，"
            f"{fmt(e.count * e.points_each)} 分。"
        )
    return 0


def cmd_entries(args) -> int:
    period = parse(args.period)
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        scheme = find_scheme(s, args.scheme)
        q = (
            select(PointsEntry, Person.name, PointsItem.name)
            .join(Person, Person.id == PointsEntry.person_id)
            .join(PointsItem, PointsItem.id == PointsEntry.item_id)
            .where(
                PointsEntry.scheme_id == scheme.id,
                PointsEntry.org_id == org.id,
                PointsEntry.on >= period.start,
                PointsEntry.on <= period.end,
            )
            .order_by(PointsEntry.on, PointsEntry.id)
        )
        if args.person:
            q = q.where(PointsEntry.person_id == find_person(s, args.person, org).id)
        rows = [
            [
                str(e.id),
                f"{e.on:%Y-%m-%d}",
                name,
                item,
                str(e.count),
                fmt(e.count * e.points_each),
                e.note or "",
            ]
            for e, name, item in s.execute(q)
        ]
        out(table(["编号", "日期", "姓名", "项目", "次数", "分值", "备注"], rows, right={0, 4, 5}))
        out(f"共 {len(rows)} 条。")
    return 0


def cmd_reverse(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        rev = entries.reverse_entry(s, args.entry, args.reason)
        out(
            f"已冲正记录 {args.entry}（冲正记录 {rev.id}，{fmt(rev.count * rev.points_each)} 分）。"
        )
    return 0


def cmd_publish(args) -> int:
    period = parse(args.period)
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        scheme = find_scheme(s, args.scheme)
        entries.publish(s, scheme, org, period, note=args.note)
        out(f"已公示：{org.name} {period.label} {scheme.name}。该期间积分已锁定，更正请用冲正。")
    return 0


def cmd_goods(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        if args.add:
            if args.price is None:
                raise ValidationError("上架商品请用 --price 写明兑换所需积分。")
            g = market.add_goods(s, args.add, args.price, stock=args.stock, unit_label=args.unit)
            out(f"已上架：{g.name}，{fmt(g.price)} 分。")
            return 0
        rows = [
            [
                str(g.id),
                g.name,
                fmt(g.price),
                "不计" if g.stock is None else str(g.stock),
                "在售" if g.active else "已下架",
            ]
            for g in market.list_goods(s, active_only=False)
        ]
        out(table(["编号", "商品", "积分", "库存", "状态"], rows, right={0, 2, 3}))
    return 0


def cmd_redeem(args) -> int:
    on = parse_date(args.date)
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org) if args.org else None
        person = find_person(s, args.person, org)
        goods = market.find_goods(s, args.goods)
        r = market.redeem(s, person, goods, args.qty, on=on, note=args.note)
        left = market.balance(s, person.id).available
        out(
            f"已兑换：{person.name} 兑换“{goods.name}”×{r.quantity}，用去 {fmt(r.points)} 分，"
            f"剩余可用积分 {fmt(left)} 分。"
        )
    return 0


def cmd_balance(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org) if args.org else None
        person = find_person(s, args.person, org)
        b = market.balance(s, person.id)
        out(
            f"{person.name}：累计获得 {fmt(b.earned)} 分，已兑换 {fmt(b.spent)} 分，"
            f"可用 {fmt(b.available)} 分。"
        )
    return 0


def cmd_print(args) -> int:
    from pathlib import Path

    from partydesk.reports import points as report

    period = parse(args.period)
    target = Path(args.output)
    if args.xlsx and target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        scheme = find_scheme(s, args.scheme)
        sheet = report.gather(s, scheme, org, period)
    path = report.write(args.print_kind, sheet, target)
    what = "积分公示" if args.print_kind == "notice" else f"积分卡 {len(sheet.cards)} 张"
    out(f"已生成{what}：{path}")
    return 0
