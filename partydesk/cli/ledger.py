"""list, show, add, set, delete: the window's tables from the command line.

The same core calls as the window's table pages (`partydesk.ledger.listing` to list,
`partydesk.ledger.editing` to change), so a value refused in a cell is refused here with
the same Chinese message, and every change lands in the 操作日志.

    partydesk list people --search 张 --filter 人员类别=预备党员 --sort 加入党组织日期
    partydesk list people --filter 人员类别=发展对象 --pdf 发展对象名单.pdf
    partydesk show people 12
    partydesk add people 姓名=李四 公民身份证号=11010519491231002X 人员类别=入党申请人 所在党支部=某某支部
    partydesk set people 12 手机号=13800138000 人员类别=正式党员 转为正式党员日期=2026-05-01
    partydesk set people 12 手机号=13900139000 --expect-version 3   # 已被他人修改 if not at 3
    partydesk delete orgs 3 --move-members-to 5 --yes


Long because it wires five sub-commands and their table printer over the one listing/editing
core."""

from __future__ import annotations

from typing import Any

from partydesk.cli.common import open_for, out, table
from partydesk.errors import ValidationError

TABLES = ["units", "orgs", "people", "instructors"]
# Columns `list` shows unless --columns says otherwise (a terminal is narrower than the window).
DEFAULT_COLUMNS = {
    "unit": ("name", "orgs", "kind", "street", "credit_code", "status"),
    "org": ("name", "hosts", "org_type", "formation", "parent_id", "member_count"),
    "person": ("name", "id_number", "sex", "category", "org_id", "phone", "status"),
    "instructor": ("name", "home_unit", "post", "phone", "appointed_on", "active"),
}
ALL = "all"


def register(cmds) -> None:
    p = cmds.add(cmds.top, "list", "列出一张表的记录（可搜索、筛选、排序）", cmd_list)
    p.add_argument("table", choices=TABLES)
    p.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="搜索文字（名称、身份证号、电话、所在党组织等；空格分开的词须都出现）",
    )
    p.add_argument(
        "--filter",
        metavar="列=值[,值]",
        action="append",
        default=[],
        help="只列出此列为这些值的记录，如 人员类别=预备党员,发展对象；可重复",
    )
    p.add_argument("--sort", metavar="列", help="按此列排序（中文列名或字段名）")
    p.add_argument("--desc", action="store_true", help="倒序")
    p.add_argument(
        "--limit", type=int, default=50, metavar="N", help="最多显示几条（默认50，0为全部）"
    )
    p.add_argument("--columns", metavar="COLS", help=f"要显示的列（逗号分隔；{ALL} 为全部列）")
    p.add_argument(
        "--tsv", action="store_true", help="以制表符分隔输出（便于粘贴到Excel或交给其他程序）"
    )
    p.add_argument(
        "--pdf",
        metavar="文件.pdf",
        help="把列出的全部记录（不受 --limit 限制）打印为PDF名单（A4横向，每页重复表头）",
    )

    p = cmds.add(cmds.top, "show", "显示一条记录的全部字段", cmd_show)
    p.add_argument("table", choices=TABLES)
    p.add_argument("id", type=int, help="记录编号（list 第一列）")

    p = cmds.add(cmds.top, "add", "新增一条记录（字段=值，字段可写中文列名）", cmd_add)
    p.add_argument("table", choices=TABLES)
    p.add_argument("values", nargs="+", metavar="字段=值")

    p = cmds.add(cmds.top, "set", "修改一条记录的字段（与窗口中修改单元格相同的检查）", cmd_set)
    p.add_argument("table", choices=TABLES)
    p.add_argument("id", type=int)
    p.add_argument("values", nargs="+", metavar="字段=值", help="值留空（如 备注=）即清空该字段")
    p.add_argument(
        "--expect-version",
        type=int,
        metavar="N",
        help="只在记录仍是第 N 版（show 显示的版本）时修改；否则报“已被他人修改”",
    )

    p = cmds.add(cmds.top, "hosts", "查看或设置党组织的所在单位（组织覆盖按此统计）", cmd_hosts)
    p.add_argument("org", help="党组织（编号、全称或名称中唯一的一部分）")
    p.add_argument(
        "--set", metavar="单位、单位", help="所在单位改为这些（用顿号或逗号分隔；空串为清空）"
    )
    p.add_argument(
        "--add", action="append", default=[], metavar="单位", help="增加一个所在单位，可重复"
    )
    p.add_argument(
        "--remove", action="append", default=[], metavar="单位", help="去掉一个所在单位，可重复"
    )

    p = cmds.add(
        cmds.top, "committee", "党组织班子：查看本届委员，任职（书记、委员等）或卸任", cmd_committee
    )
    p.add_argument("org", help="党组织（编号、全称或名称中唯一的一部分）")
    p.add_argument("--history", action="store_true", help="也列出已卸任的")
    p.add_argument("--add", metavar="人员", help="任职：人员的姓名（本组织内）、编号或身份证号")
    p.add_argument(
        "--role",
        default="委员",
        help="职务：书记、副书记、组织委员、宣传委员、纪检委员、委员（默认委员）",
    )
    p.add_argument("--since", metavar="日期", help="任职日期（默认今天）")
    p.add_argument("--leave", type=int, metavar="任职编号", help="卸任：列表第一列的任职编号")
    p.add_argument("--until", metavar="日期", help="卸任日期（默认今天）")

    p = cmds.add(
        cmds.top,
        "transfer",
        "组织关系转出、转入登记，或调整所在党组织（记入人员履历）",
        cmd_transfer,
    )
    p.add_argument("person", help="人员：编号、身份证号或姓名")
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument(
        "--out", metavar="转往", help="转出：转往的党组织（介绍信抬头）；人员改为“已转出”"
    )
    way.add_argument(
        "--in", dest="in_", metavar="转自", help="转入登记：原所在党组织（介绍信开具单位）"
    )
    way.add_argument("--move", metavar="党组织", help="调整到本账本中的另一个党组织")
    p.add_argument("--on", metavar="日期", help="日期（默认今天）")
    p.add_argument("--note", help="备注，如介绍信编号")

    p = cmds.add(cmds.top, "history", "人员履历：类别变更、组织关系转接等", cmd_history)
    p.add_argument("person", help="人员：编号、身份证号或姓名")

    p = cmds.add(cmds.top, "groups", "党小组：查看、新建、设组长、编入人员、撤销", cmd_groups)
    p.add_argument("org", help="党组织（编号、全称或名称中唯一的一部分）")
    p.add_argument("--add", metavar="名称", help="新建党小组，如“第一党小组”")
    p.add_argument(
        "--leader", metavar="人员", help="组长（与 --add 同用，或与 --group 同用以更换组长）"
    )
    p.add_argument("--group", metavar="党小组", help="要操作的党小组（名称或编号）")
    p.add_argument(
        "--assign",
        action="append",
        default=[],
        metavar="人员",
        help="把人员编入 --group 指定的党小组，可重复",
    )
    p.add_argument(
        "--unassign", action="append", default=[], metavar="人员", help="把人员移出党小组，可重复"
    )
    p.add_argument(
        "--remove", action="store_true", help="撤销 --group 指定的党小组（其成员不再属于任何小组）"
    )

    p = cmds.add(cmds.top, "delete", "删除一条记录（需加 --yes 确认）", cmd_delete)
    p.add_argument("table", choices=TABLES)
    p.add_argument("id", type=int)
    p.add_argument(
        "--move-members-to",
        metavar="ORG",
        help="删除党组织时，把其中人员转入此党组织（编号或名称）",
    )
    p.add_argument("--yes", action="store_true", help="确认删除")
    p.add_argument(
        "--expect-version",
        type=int,
        metavar="N",
        help="只在记录仍是第 N 版（show 显示的版本）时修改；否则报“已被他人修改”",
    )


# ---------------------------------------------------------------------------- helpers


def _entity(table_name: str) -> str:
    from partydesk.excel import entity_key

    return entity_key(table_name)


def _column(entity: str, text: str):
    """A listing column by field name or Chinese label."""
    from partydesk.ledger import fields as F
    from partydesk.ledger import listing

    t = text.strip()
    for c in listing.columns(entity):
        if t in (c.name, c.label):
            return c
    names = "、".join(c.label for c in listing.columns(entity))
    raise ValidationError(f"{F.entity(entity).label}没有“{t}”这一列。可用的列：{names}")


def _assignments(entity: str, items: list[str]) -> dict[str, str]:
    """{field name: raw text} from `字段=值` words (field by name or Chinese label)."""
    from partydesk.ledger import fields as F

    ent = F.entity(entity)
    out_: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            key, sep, value = item.partition("＝")  # typed with a Chinese input method
        if not sep or not key.strip():
            raise ValidationError(f"“{item}”应写成 字段=值，如 姓名=张三")
        c = _column(entity, key)
        if c.field is None:
            raise ValidationError(f"“{c.label}”是统计出来的列，不能修改")
        if c.field in out_:
            raise ValidationError(f"“{c.label}”写了两次")
        out_[c.field] = value.strip()
    if not out_:
        raise ValidationError(f"没有要写入{ent.label}的字段")
    return out_


def _filter_values(entity: str, spec: str, session) -> tuple[str, list[Any]]:
    """`列=值,值` → (column name, stored values), values given as the words shown."""
    from partydesk.ledger import listing

    key, sep, values = spec.replace("＝", "=").partition("=")
    if not sep:
        raise ValidationError(f"筛选“{spec}”应写成 列=值，如 人员类别=预备党员")
    c = _column(entity, key)
    choices = listing.filter_choices(session, entity, c.name)
    by_word: dict[str, Any] = {}
    for value, label in choices:
        by_word[label] = value
        by_word[str(value)] = value
    out_ = []
    for word in (w.strip() for w in values.replace("，", ",").split(",")):
        if word == "":
            out_.append(None)  # empty: the records where the column is empty
        elif word in by_word:
            out_.append(by_word[word])
        else:
            offered = "、".join(label for _, label in choices[:20])
            more = "等" if len(choices) > 20 else ""
            raise ValidationError(f"“{c.label}”没有“{word}”这个值。可选：{offered}{more}")
    return c.name, out_


def _confirm(question: str) -> bool:
    """Asked at a terminal; elsewhere (scripts) only --yes confirms."""
    import sys

    if not sys.stdin.isatty():
        out(question + "确认请加 --yes。")
        return False
    try:
        answer = input(question + "确认删除吗？[y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes", "是"):
        return True
    out("未删除。")
    return False


def _texts(entity: str, names: list[str], raws: tuple) -> list[str]:
    from partydesk.ledger import listing

    return [listing.display(entity, n, v) for n, v in zip(names, raws, strict=True)]


# ---------------------------------------------------------------------------- commands


def cmd_list(args) -> int:
    from partydesk.ledger import fields as F
    from partydesk.ledger import listing

    entity = _entity(args.table)
    if args.columns and args.columns.strip() == ALL:
        cols = listing.columns(entity)
    elif args.columns:
        cols = [_column(entity, c) for c in args.columns.replace("，", ",").split(",") if c.strip()]
    else:
        cols = [listing.column(entity, n) for n in DEFAULT_COLUMNS[entity]]
    names = [c.name for c in cols]
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        filters: dict[str, list[Any]] = {}
        for spec in args.filter:
            name, values = _filter_values(entity, spec, s)
            filters.setdefault(name, []).extend(values)
        sort = _column(entity, args.sort).name if args.sort else None
        q = listing.ListQuery(entity, args.search, filters, sort, args.desc)
        if args.pdf:
            from partydesk.reports.table_list import write_list

            n = write_list(s, q, names, args.pdf)
            out(f"已生成名单（{n} 页）：{args.pdf}")
            return 0
        ids = listing.query_ids(s, q)
        shown = ids if args.limit <= 0 else ids[: args.limit]
        rows = listing.fetch_rows(s, entity, shown, names)
    lines = [[str(i), *_texts(entity, names, rows[i][1:])] for i in shown if i in rows]
    headers = ["编号", *[c.label for c in cols]]
    if args.tsv:
        out("\t".join(headers))
        for r in lines:
            out("\t".join(v.replace("\t", " ").replace("\n", " ") for v in r))
        return 0
    label = F.entity(entity).label
    if not ids:
        out(f"没有符合条件的{label}记录。")
        return 0
    right = {0} | {i + 1 for i, c in enumerate(cols) if c.kind == "int"}
    out(table(headers, lines, right=right))
    more = f"，显示前 {len(shown)} 条（--limit 0 显示全部）" if len(shown) < len(ids) else ""
    out(f"共 {len(ids)} 条{more}")
    return 0


def cmd_show(args) -> int:
    from sqlalchemy import select

    from partydesk.errors import NotFoundError
    from partydesk.ledger import fields as F
    from partydesk.ledger import listing

    entity = _entity(args.table)
    cols = listing.columns(entity)
    names = [c.name for c in cols]
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        rows = listing.fetch_rows(s, entity, [args.id], names)
        version = s.scalar(
            select(F.entity(entity).model.version).where(F.entity(entity).model.id == args.id)
        )
    if args.id not in rows:
        raise NotFoundError(f"没有编号为{args.id}的{F.entity(entity).label}记录。")
    texts = _texts(entity, names, rows[args.id][1:])
    out(
        table(
            ["字段", "内容"],
            [["编号", str(args.id)]]
            + [[c.label, t] for c, t in zip(cols, texts, strict=True)]
            + [["版本", str(version)]],
        )
    )
    return 0


def _shown(session, entity: str, field: str, value: Any, side: dict | None = None) -> str:
    """A stored value as the window shows it (organizations and units by name; a 工作单位
    kept as text, from `side` — the change's before or after — as written)."""
    from partydesk.ledger import fields as F
    from partydesk.ledger.models import Organization, Unit

    kind = F.entity(entity).field(field).kind
    if kind == "unit" and value is None and side and side.get("unit_text"):
        return f"{side['unit_text']}（账本中没有此单位）"
    if value is None or value == "":
        return "（空）"
    if kind in ("org", "unit"):
        obj = session.get(Organization if kind == "org" else Unit, value)
        return obj.name if obj is not None else str(value)
    return F.display(entity, field, value)


def cmd_add(args) -> int:
    from partydesk.ledger import editing

    entity = _entity(args.table)
    raw = _assignments(entity, args.values)
    with open_for(args) as ledger, ledger.session() as s:
        snap = editing.add_record(s, entity, raw)
    out(f"已新增{snap.label}，编号 {snap.id}。")
    for w in snap.warnings:
        out(f"提示：{w}")
    return 0


def cmd_set(args) -> int:
    from partydesk.ledger import editing
    from partydesk.ledger import fields as F

    entity = _entity(args.table)
    raw = _assignments(entity, args.values)
    ent = F.entity(entity)
    with open_for(args) as ledger, ledger.session() as s:
        ch = editing.set_fields(s, entity, args.id, raw, expect_version=args.expect_version)
        name = s.get(ent.model, args.id).name
        lines = [
            f"  {ent.field(k).label}：{_shown(s, entity, k, ch.before.get(k), ch.before)} → "
            f"{_shown(s, entity, k, ch.after.get(k), ch.after)}"
            for k in ch.fields
        ]
    if not lines:
        out(f"{ent.label}“{name}”没有变化。")
        return 0
    out(f"已修改{ent.label}“{name}”（编号 {args.id}）：")
    for line in lines:
        out(line)
    for w in ch.warnings:
        out(f"提示：{w}")
    return 0


def cmd_delete(args) -> int:
    from partydesk.errors import NotFoundError
    from partydesk.ledger import editing, tree
    from partydesk.ledger import fields as F
    from partydesk.ledger.queries import find_org

    entity = _entity(args.table)
    ent = F.entity(entity)
    with open_for(args) as ledger, ledger.session() as s:
        obj = s.get(ent.model, args.id)
        if obj is None:
            raise NotFoundError(f"没有编号为{args.id}的{ent.label}记录。")
        label = editing.record_label(entity, {"name": obj.name})
        target, target_name = None, ""
        if args.move_members_to:
            if entity != "org":
                out("--move-members-to 只用于删除党组织。")
                return 2
            target = find_org(s, args.move_members_to)
            target_name = target.name
        if not args.yes:
            extra = ""
            if entity == "org":
                n = editing.members_of(s, args.id)
                if n:
                    extra = (
                        f"其中有{n}名人员，将转入“{target_name}”。"
                        if target is not None
                        else f"其中还有{n}名人员，需用 --move-members-to 指定转入的党组织。"
                    )
            if entity == "unit":
                extra = tree.coverage_loss(s, [args.id])
            question = f"将删除{label}（编号 {args.id}）。{extra}"
            if not _confirm(question):
                return 1
        lost = tree.coverage_loss(s, [args.id]) if entity == "unit" else ""
        snap = editing.delete_record(
            s,
            entity,
            args.id,
            expect_version=args.expect_version,
            move_members_to=target.id if target is not None else None,
        )
    moved = sum(1 for t, *_ in snap.nulled if t == "person")
    tail = f"，{moved}名人员已转入“{target_name}”" if moved else ""
    out(f"已删除{label}（编号 {args.id}）{tail}。操作日志中有删除前的全部内容。")
    if lost:
        out(lost)
    return 0


def cmd_hosts(args) -> int:
    from partydesk.ledger import hosts
    from partydesk.ledger.queries import find_org

    changing = args.set is not None or args.add or args.remove
    with open_for(args, readonly=not changing) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        name = org.name
        if changing:
            ids = [u for u, _ in hosts.host_units(s, org.id)]
            if args.set is not None:
                ids = hosts.parse_units(s, args.set)
            for text in args.add:
                uid = hosts.find_unit(s, text).id
                if uid not in ids:
                    ids.append(uid)
            for text in args.remove:
                uid = hosts.find_unit(s, text).id
                if uid not in ids:
                    raise ValidationError(
                        f"“{hosts.find_unit(s, text).name}”不是{name}的所在单位。"
                    )
                ids.remove(uid)
            change = hosts.set_host_units(s, org.id, ids)
            warnings = change.warnings
        else:
            change, warnings = None, []
        units = hosts.host_units(s, org.id)
    if change is not None and not change.changed:
        out(f"{name}的所在单位没有变化。")
    elif change is not None:
        out(f"已修改{name}的所在单位：")
    else:
        out(f"{name}的所在单位：")
    if units:
        out(table(["编号", "单位名称"], [[str(i), n] for i, n in units], right={0}))
    else:
        out("（未设所在单位：这个党组织不计入任何单位的组织覆盖）")
    for w in warnings:
        out(f"提示：{w}")
    return 0


def _day(text: str | None, what: str):
    """A date as offices write it (2026-03-01, 2026.3.1, 2026年3月1日 …)."""
    if not text:
        return None
    from partydesk.rules.dates import parse_date

    try:
        return parse_date(text)
    except ValueError as e:
        raise ValidationError(f"{what}：{e}") from None


def cmd_committee(args) -> int:
    from partydesk.errors import NotFoundError
    from partydesk.ledger import committee
    from partydesk.ledger.queries import find_org, find_person

    changing = bool(args.add or args.leave)
    with open_for(args, readonly=not changing) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        name = org.name
        if args.add:
            try:
                person = find_person(s, args.add, org)
            except NotFoundError:
                person = find_person(s, args.add)
            seat, warnings = committee.appoint(
                s, org.id, person.id, args.role, _day(args.since, "任职日期")
            )
            out(f"已任命{seat.name}为{name}{seat.role_label}（自{seat.since:%Y-%m-%d}）。")
            for w in warnings:
                out(f"提示：{w}")
        if args.leave:
            from partydesk.ledger.models import CommitteeMember

            row = s.get(CommitteeMember, args.leave)
            if row is None or row.org_id != org.id:
                raise NotFoundError(f"{name}没有编号为{args.leave}的任职记录。")
            seat = committee.leave(s, args.leave, _day(args.until, "卸任日期"))
            out(f"{seat.name}已卸任{seat.role_label}（卸任日期{seat.until:%Y-%m-%d}）。")
        rows = committee.seats(s, org.id, history=args.history)
    if changing:
        out("")
    out(f"{name}的班子：" if rows else f"{name}尚未登记班子成员。")
    if rows:
        out(
            table(
                ["任职编号", "职务", "姓名", "任职日期", "卸任日期"],
                [
                    [
                        str(r.id),
                        r.role_label,
                        r.name,
                        f"{r.since:%Y-%m-%d}" if r.since else "",
                        f"{r.until:%Y-%m-%d}" if r.until else "",
                    ]
                    for r in rows
                ],
                right={0},
            )
        )
    return 0


def cmd_transfer(args) -> int:
    from datetime import date

    from partydesk.ledger import history
    from partydesk.ledger.queries import find_org, find_person

    on = _day(args.on, "日期") or date.today()
    with open_for(args) as ledger, ledger.session() as s:
        person = find_person(s, args.person)
        if args.out:
            step = history.transfer_out(s, person.id, on, args.out, args.note)
        elif args.in_:
            step = history.transfer_in(s, person.id, on, args.in_, args.note)
        else:
            step = history.move(s, person.id, find_org(s, args.move).id, on, args.note)
        ev = step.event
    out(
        f"已登记：{step.label}，{on:%Y-%m-%d}，{ev['from_value'] or '（未记）'} → {ev['to_value'] or '（未记）'}。"
    )
    return 0


def cmd_history(args) -> int:
    from partydesk.ledger import history
    from partydesk.ledger.queries import find_person

    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        person = find_person(s, args.person)
        name = person.name
        rows = history.entries(s, person.id)
    if not rows:
        out(f"{name}没有履历记录。")
        return 0
    out(f"{name}的履历：")
    out(table(["日期", "事项", "内容"], [[f"{e.on:%Y-%m-%d}", e.kind_label, e.text] for e in rows]))
    return 0


def cmd_groups(args) -> int:
    from partydesk.ledger import groups
    from partydesk.ledger.queries import find_org, find_person

    changing = bool(args.add or args.assign or args.unassign or args.remove or args.leader)
    with open_for(args, readonly=not changing) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        name = org.name

        def person(text):
            return find_person(s, text, org)

        target = None
        if args.add:
            leader = person(args.leader).id if args.leader else None
            target = groups.add_group(s, org.id, args.add, leader)
            out(f"已新建{target.name}。")
        elif args.group:
            target = groups.find_group(s, org.id, args.group)
        if (args.assign or args.remove or (args.leader and not args.add)) and target is None:
            raise ValidationError("请用 --group 指定党小组。")
        if args.leader and not args.add:
            groups.set_leader(s, target.id, person(args.leader).id)
            out(f"{target.name}的组长改为{args.leader}。")
        for text in args.assign:
            groups.assign(s, person(text).id, target.id)
        for text in args.unassign:
            groups.assign(s, person(text).id, None)
        if args.remove:
            out(f"已撤销{groups.remove_group(s, target.id)}。")
        rows = groups.groups(s, org.id)
    if changing:
        out("")
    if not rows:
        out(f"{name}没有党小组。")
        return 0
    out(f"{name}的党小组：")
    out(
        table(
            ["编号", "党小组", "组长", "成员"],
            [[str(g.id), g.name, g.leader, "、".join(g.members)] for g in rows],
            right={0},
        )
    )
    return 0
