"""`partydesk merge FILE…`, `merge conflicts`, `merge decide ID --keep|--take` and
`partydesk extract --street S --out FILE`: offline merging of township ledgers."""

from __future__ import annotations

from pathlib import Path

from partydesk.cli.common import open_for, out
from partydesk.errors import ValidationError


def register(cmds) -> None:
    p = cmds.add(
        cmds.top,
        "merge",
        "合并乡镇账本：partydesk merge 文件…；merge conflicts 列出冲突；"
        "merge decide 编号 --keep|--take 决定冲突",
        cmd_merge,
    )
    p.add_argument(
        "items", nargs="+", metavar="FILE", help="乡镇账本文件（或 conflicts / decide 编号）"
    )
    p.add_argument("--report", metavar="X.xlsx", help="把合并报告写成 Excel 文件")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--keep", action="store_true", help="decide：保留本账本的版本")
    g.add_argument("--take", action="store_true", help="decide：采用乡镇账本的版本")
    p.add_argument(
        "--fields", metavar="字段,字段", help="decide --take：只采用这些字段（字段名或中文名）"
    )
    p.add_argument("--all", action="store_true", help="conflicts：也列出已决定的冲突")

    p = cmds.add(
        cmds.top, "extract", "导出一个街道（乡镇）的账本，供乡镇使用后合并回来", cmd_extract
    )
    p.add_argument(
        "--street", required=True, metavar="S", help="街道（乡镇）名称，与两新组织的所在街道一致"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="新账本文件（不能已存在）")


def cmd_merge(args) -> int:
    first = args.items[0]
    if first == "conflicts" and not Path(first).exists():
        return _conflicts(args)
    if first == "decide" and not Path(first).exists():
        return _decide(args)
    if args.keep or args.take or args.fields:
        raise ValidationError("--keep、--take、--fields 只用于 partydesk merge decide 编号。")
    from partydesk.merge import merge
    from partydesk.merge.report import write_report

    results = []
    with open_for(args) as ledger:
        for f in args.items:
            r = merge(ledger, f)
            results.append(r)
            out(f"{Path(f).name}：{r.summary()}")
    if args.report:
        path = write_report(results, args.report)
        out(f"合并报告：{path}")
    open_n = sum(r.count("conflict") for r in results)
    if open_n:
        out(
            f"有 {open_n} 条冲突待决定：partydesk merge conflicts，然后 partydesk merge decide 编号 --keep 或 --take。"
        )
    return 0


def _conflicts(args) -> int:
    from partydesk.merge import listing

    if len(args.items) > 1:
        raise ValidationError("用法：partydesk merge conflicts [--all]")
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        rows = listing(s, state=None if args.all else "open")
    if not rows:
        out("没有待决定的合并冲突。" if not args.all else "没有合并冲突。")
        return 0
    for c in rows:
        state = "" if c.state == "open" else f"［{c.state_label}］"
        out(
            f"冲突 {c.id}{state}　{c.table_label}　{c.label}　{c.kind_label}　来自 {Path(c.source_path).name}"
        )
        for d in c.differences:
            out(f"    {d.label}：本账本 {d.ours}　｜　乡镇账本 {d.theirs}")
    return 0


def _decide(args) -> int:
    from partydesk.merge import decide
    from partydesk.merge.conflicts import field_names

    if len(args.items) != 2 or not args.items[1].isdigit():
        raise ValidationError(
            "用法：partydesk merge decide 编号 --keep|--take [--fields 字段,字段]"
        )
    if not (args.keep or args.take):
        raise ValidationError("请用 --keep（保留本账本）或 --take（采用乡镇账本）说明如何决定。")
    cid = int(args.items[1])
    fields = None
    with open_for(args) as ledger:
        if args.fields:
            if not args.take:
                raise ValidationError("--fields 只和 --take 一起用。")
            from partydesk.merge.conflicts import table_of

            with ledger.session() as s:
                table = table_of(s, cid)
            given = [f.strip() for f in args.fields.replace("，", ",").split(",") if f.strip()]
            fields = field_names(table, given)
        out(decide(ledger, cid, "take" if args.take else "keep", fields))
    return 0


def cmd_extract(args) -> int:
    from partydesk.merge import extract

    with open_for(args) as ledger:
        r = extract(ledger, args.street, args.out)
    out(f"已导出 {r.street} 的账本：{r.path}（{r.summary()}）")
    out("乡镇使用后，用 partydesk merge 文件 合并回本账本。")
    return 0
