"""Core sub-commands: init, demo, check, stats (issue 2)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from partydesk.cli.common import ledger_path, out
from partydesk.errors import LedgerError, ValidationError
from partydesk.ledger import open_ledger


def register(cmds) -> None:
    p = cmds.add(cmds.top, "init", "新建空账本", cmd_init)
    p.add_argument("--force", action="store_true", help="(保留) 已存在时不报错，直接升级")

    p = cmds.add(cmds.top, "demo", "生成演示账本（虚构数据，可重复生成）", cmd_demo)
    p.add_argument("--units", type=_count, default=300, metavar="N", help="两新组织数（默认300）")
    p.add_argument("--members", type=_count, default=3000, metavar="N",
                   help="人员数，含各类别（默认3000）")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认1）")
    p.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="以哪一天为“今天”安排各类日期（默认今天）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的账本")


def _count(text: str) -> int:
    try:
        n = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为整数：{text}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"不能为负数：{text}")
    return n


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD：{text}") from None


def cmd_init(args) -> int:
    path = ledger_path(args)
    if path.exists() and not args.force:
        raise LedgerError(f"账本已存在：{path}。如需打开请直接使用，不会覆盖已有账本。")
    with open_ledger(path, create=True) as ledger:
        out(f"已新建账本：{ledger.path}")
    return 0


STAGES = {
    "schema": "建立账本", "units": "生成单位", "organizations": "生成党组织", "people": "生成人员",
    "writing": "写入账本", "done": "完成",
}


def cmd_demo(args) -> int:
    from partydesk.demo import build_demo

    path = ledger_path(args)
    if args.units < 1:
        raise ValidationError("--units 至少为1。")
    tty = sys.stderr.isatty()

    def progress(stage: str, f: float) -> None:
        if tty:
            label = STAGES.get(stage, "填充各功能数据")
            print(f"\r{label}… {int(f * 100):3d}%   ", end="", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    counts = build_demo(path, args.units, args.members, args.seed, args.today, progress, args.force)
    if tty:
        print(file=sys.stderr)
    out(f"已生成演示账本：{path}（用时 {time.perf_counter() - t0:.1f} 秒）")
    out(
        f"两新组织 {counts['unit']} 个，党组织 {counts['organization']} 个，人员 {counts['person']} 名，"
        f"党建指导员 {counts['instructor']} 名，人员记录 {counts['person_event']} 条。"
    )
    return 0
