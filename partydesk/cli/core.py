"""Core sub-commands: init, demo, check, stats (issue 2)."""

from __future__ import annotations

from partydesk.cli.common import ledger_path, out
from partydesk.errors import LedgerError
from partydesk.ledger import open_ledger


def register(cmds) -> None:
    p = cmds.add(cmds.top, "init", "新建空账本", cmd_init)
    p.add_argument("--force", action="store_true", help="(保留) 已存在时不报错，直接升级")


def cmd_init(args) -> int:
    path = ledger_path(args)
    if path.exists() and not args.force:
        raise LedgerError(f"账本已存在：{path}。如需打开请直接使用，不会覆盖已有账本。")
    with open_ledger(path, create=True) as ledger:
        out(f"已新建账本：{ledger.path}")
    return 0
