"""import, export, report coverage/members/orgs, template."""

from __future__ import annotations

import sys

from partydesk.cli.common import open_for, out, warn_not_encrypted

TABLES = ["units", "orgs", "people", "instructors"]
SHOW_ERRORS = 10


def register(cmds) -> None:
    p = cmds.add(cmds.top, "import", "从Excel导入两新组织、党组织、党员或指导员", cmd_import)
    p.add_argument(
        "table", choices=[*TABLES, "all"], help="导入到哪张表（all：按表头识别工作簿的每个工作表）"
    )
    p.add_argument("file", help="表格文件（.xlsx .xlsm .xls .et .ods .csv）")
    p.add_argument("--dry-run", action="store_true", help="只检查并统计，不写入账本")
    p.add_argument("--report", metavar="FILE", help="把出错和有提醒的行连同原因写入此Excel文件")
    p.add_argument("--sheet", metavar="NAME", help="工作表名称（默认当前或第一个可见的工作表）")
    p.add_argument("--create-orgs", action="store_true", help="新建表中提到而账本中没有的党组织")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="表头=字段",
        help="指定某列对应的字段（字段写中文名或“忽略”；可多次使用，会被记住）",
    )

    p = cmds.add(cmds.top, "export", "把一张表导出为Excel", cmd_export)
    p.add_argument("table", choices=TABLES)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="输出的.xlsx文件")
    p.add_argument(
        "--filter", metavar="TEXT", help="只导出包含此文字的记录（名称、身份证号、电话等）"
    )
    p.add_argument(
        "--columns", metavar="COLS", help="要导出的列（中文列名或字段名，用逗号分隔，按此顺序）"
    )

    for name, help_ in (
        ("coverage", "两新组织覆盖情况表（六个清）"),
        ("members", "党员队伍情况统计表"),
        ("orgs", "党组织基本情况表"),
    ):
        p = cmds.add(cmds.report, name, help_ + "（Excel）", cmd_report)
        p.add_argument("-o", "--output", required=True, metavar="FILE")
        p.set_defaults(report_name=name)

    p = cmds.add(cmds.top, "template", "生成空白导入模板（带下拉选项）", cmd_template)
    p.add_argument("table", choices=TABLES)
    p.add_argument("-o", "--output", required=True, metavar="FILE")


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def show(f: float, text: str) -> None:
        print(f"\r{label} {int(f * 100):3d}% {text}\033[K", end="", file=sys.stderr, flush=True)

    return show


def cmd_import(args) -> int:
    from partydesk.excel import (
        apply_plans,
        entity_key,
        plan_import,
        plan_workbook,
        write_error_report,
    )
    from partydesk.excel.mapping import parse_header_map

    with open_for(args) as ledger:
        if args.table == "all":
            if args.map:
                out("提示：--map 只用于单张表的导入，已忽略。")
            plans = plan_workbook(
                ledger,
                args.file,
                create_orgs=args.create_orgs,
                sheets=[args.sheet] if args.sheet else None,
            )
        else:
            entity = entity_key(args.table)
            header_map = parse_header_map(entity, args.map) if args.map else None
            plans = [
                plan_import(
                    ledger,
                    entity,
                    args.file,
                    args.sheet,
                    progress=_progress("检查"),
                    create_orgs=args.create_orgs,
                    header_map=header_map,
                )
            ]
        if sys.stderr.isatty():
            print(file=sys.stderr)
        for plan in plans:
            _show_plan(plan, args)
        if args.report:
            for i, plan in enumerate(plans):
                target = args.report if i == 0 else _nth(args.report, plan.sheet)
                p = write_error_report(plan, target)
                out(f"导入报告（工作表“{plan.sheet}”）：{p}")
        if args.dry_run:
            out("试运行：账本未作改动。")
            return 0
        results = apply_plans(ledger, plans, progress=_progress("写入"))
        if sys.stderr.isatty():
            print(file=sys.stderr)
        for plan, res in zip(plans, results, strict=True):
            made = f"，新建党组织{res.orgs_created}个" if res.orgs_created else ""
            where = f"“{plan.sheet}”" if len(plans) > 1 else ""
            out(f"已导入{where}：新增{res.inserted}条，更新{res.updated}条{made}。")
    return 0


def _nth(report: str, sheet: str) -> str:
    from pathlib import Path

    p = Path(report)
    return str(p.with_name(f"{p.stem}-{sheet}{p.suffix or '.xlsx'}"))


def _show_plan(plan, args) -> None:
    from partydesk.ledger import fields

    label = fields.entity(plan.entity).label
    out(f"工作表“{plan.sheet}”（{label}），表头在第{plan.header_row}行，共{len(plan.rows)}行数据。")
    if plan.ignored_headers:
        out(f"未识别、已忽略的列：{'、'.join(plan.ignored_headers)}")
    for note in plan.notes():
        out(note)
    c = plan.counts
    line = f"新增 {c['new']}　更新 {c['update']}　无变化 {c['unchanged']}　错误 {c['error']}"
    if plan.warned:
        line += f"　有提醒 {len(plan.warned)}"
    out(line)
    for r in plan.errors[:SHOW_ERRORS]:
        out(f"  第{r.row_no}行：{r.reason}")
    if len(plan.errors) > SHOW_ERRORS:
        out(
            f"  ……另有{len(plan.errors) - SHOW_ERRORS}行错误"
            + ("，详见导入报告" if args.report else "（用 --report 导出全部）")
        )
    for r in plan.warned[:SHOW_ERRORS]:
        out(f"  第{r.row_no}行（提醒）：{r.warning}")
    if len(plan.warned) > SHOW_ERRORS:
        out(f"  ……另有{len(plan.warned) - SHOW_ERRORS}行提醒")


def cmd_export(args) -> int:
    from partydesk.excel import export_table

    cols = (
        [c.strip() for c in args.columns.replace("，", ",").split(",") if c.strip()]
        if args.columns
        else None
    )
    with open_for(args) as ledger:
        n = export_table(
            ledger,
            args.table,
            args.output,
            columns=cols,
            filter_text=args.filter,
            progress=_progress("导出"),
        )
        warn_not_encrypted(ledger, args.output)
    out(f"已导出{n}行：{args.output}")
    return 0


def cmd_report(args) -> int:
    from partydesk.excel import REPORTS, write_report

    with open_for(args) as ledger:
        n = write_report(ledger, args.report_name, args.output)
        warn_not_encrypted(ledger, args.output)
    out(f"已生成{REPORTS[args.report_name]}（{n}行）：{args.output}")
    return 0


def cmd_template(args) -> int:
    from partydesk.excel import write_template

    p = write_template(args.table, args.output)
    out(f"已生成导入模板：{p}")
    return 0
