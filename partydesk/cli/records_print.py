"""Printing the work-record book: `partydesk print book`."""

from __future__ import annotations

from pathlib import Path

from partydesk.cli.common import open_for, out, progress_line
from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.queries import find_org


def register(cmds) -> None:
    p = cmds.add(cmds.print_, "book", "打印党支部工作纪实手册（PDF）", cmd_print_book)
    p.add_argument("--org", help="党组织（--blank 时可省略）")
    p.add_argument("--year", type=int, help="年度（--blank 时可省略）")
    p.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    p.add_argument("--a5", action="store_true", help="A5 开本（默认 A4）")
    p.add_argument("--blank", action="store_true", help="空白手册（手工填写用的模板）")
    p.add_argument("--reproducible", action="store_true", help="生成逐字节可重现的 PDF")


def cmd_print_book(args) -> int:
    from partydesk.reports.book import write_book

    if not args.blank and (not args.org or not args.year):
        raise ValidationError("打印工作纪实手册须指定 --org 和 --year（空白手册用 --blank）。")
    target = Path(args.output).expanduser()
    if target.is_dir():
        raise ValidationError(f"{target} 是一个文件夹，请给出 PDF 文件名。")
    tmp = target.with_name(target.name + ".part")
    with open_for(args) as ledger, ledger.Session() as s:
        org = find_org(s, args.org) if args.org else None
        try:
            pages = write_book(
                s,
                org.id if org else None,
                args.year,
                tmp,
                a5=args.a5,
                blank=args.blank,
                progress=lambda f, _t: progress_line(int(f * 100), 100, "正在生成"),
                invariant=args.reproducible,
            )
            tmp.replace(target)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise PartyDeskError(f"无法写入 {target}（{e.strerror}）。") from e
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    progress_line(100, 100, "正在生成")
    # The footer counts from the contents page (the cover has no number): say the same.
    out(f"已生成 {target}，共 {pages - 1} 页（另有封面）。")
    return 0
