"""`partydesk about` (version, build date, ledger, schema revision, bundled components and
their licences) and `partydesk manual` (the clerk's manual, as the window's F1 shows it)."""

from __future__ import annotations

from partydesk import about
from partydesk.cli.common import is_server, ledger_path, out


def register(cmds) -> None:
    p = cmds.add(cmds.top, "about", "关于：版本、账本位置、数据库版本及所用组件的许可证", cmd_about)
    p.add_argument("--licenses", action="store_true", help="同时显示各许可证全文")
    p.epilog = "例：partydesk about --licenses"
    p = cmds.add(cmds.top, "manual", "显示使用说明", cmd_manual)
    p.add_argument("--path", action="store_true", help="只显示说明文件的位置")
    p.epilog = "例：partydesk manual --path"


def cmd_about(args) -> int:
    path = ledger_path(args)
    revision = "（账本尚未创建）"
    if is_server(path) or path.exists():
        from partydesk.ledger import open_ledger

        with open_ledger(path, readonly=True, upgrade=False) as lg:
            revision = about.ledger_revision(lg)
            path = lg.location  # a server ledger by its address, never with a password
    for label, value in about.facts(path, revision):
        out(f"{label}：{value}")
    out()
    out("所用组件及许可证：")
    for c in about.components():
        out(f"  {c.name} {c.version}".rstrip() + f" — {c.licence}（{c.used_for}）")
    if args.licenses:
        for c in about.components():
            for t in c.texts:
                out()
                out(f"===== {c.name}：{t.name} =====")
                out(t.read_text(encoding="utf-8", errors="replace"))
    return 0


def cmd_manual(args) -> int:
    out(str(about.manual_path()) if args.path else about.manual_text())
    return 0
