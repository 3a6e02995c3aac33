"""Backups, restore, the audit log and the app password:
`partydesk backup [--to DIR]`, `backup list`, `backup config`, `restore FILE`,
`audit [--since D] [--table T] [--who U] [-o FILE.xlsx]`, `password set|clear|status`."""

from __future__ import annotations

import getpass
import sys
from datetime import date, datetime
from pathlib import Path

from partydesk import applock, audit, backup
from partydesk.cli.common import is_server, ledger_path, open_for, out
from partydesk.errors import ValidationError
from partydesk.ledger.opening import open_ledger


def register(cmds) -> None:
    p = cmds.add(
        cmds.top,
        "backup",
        "备份账本（立即备份；list 列出备份；config 设置备份文件夹和保留份数）",
        cmd_backup,
    )
    p.add_argument("--to", metavar="DIR", help="这次备份到指定文件夹（如U盘），不改变设置")
    sub = p.add_subparsers(dest="backup_cmd", metavar="{list,config}")
    ls = sub.add_parser("list", help="列出备份（时间、原因、记录数）", parents=[cmds.common])
    ls.add_argument(
        "--folder", metavar="DIR", help="列出这个文件夹中的备份（默认：设置的备份文件夹）"
    )
    cf = sub.add_parser("config", help="查看或修改备份设置", parents=[cmds.common])
    cf.add_argument("--folder", metavar="DIR", help="备份文件夹（如U盘上的文件夹）")
    cf.add_argument(
        "--default-folder", action="store_true", help="恢复默认备份文件夹（账本旁的“账本备份”）"
    )
    cf.add_argument("--daily", type=int, metavar="N", help="保留最近 N 天每天一份")
    cf.add_argument("--weekly", type=int, metavar="N", help="保留最近 N 周每周一份")
    cf.add_argument("--monthly", type=int, metavar="N", help="保留最近 N 个月每月一份")
    cf.add_argument("--on-open", choices=["yes", "no"], help="打开账本时每天自动备份一次")

    r = cmds.add(cmds.top, "restore", "从备份恢复账本（先自动备份当前状态）", cmd_restore)
    r.add_argument("file", metavar="FILE", help="备份文件（partydesk backup list 可查看）")

    a = cmds.add(cmds.top, "audit", "查看或导出操作日志", cmd_audit)
    a.add_argument("--since", metavar="DATE", help="起始日期（含），如 2026-11-01")
    a.add_argument("--until", metavar="DATE", help="截止日期（含）")
    a.add_argument("--table", metavar="T", help="数据表，如 person 或 党员")
    a.add_argument("--who", metavar="U", help="操作人（部分匹配）")
    a.add_argument(
        "--action", metavar="A", help="操作：insert/update/delete/import… 或 新增/修改/删除…"
    )
    a.add_argument("--text", metavar="TEXT", help="记录名称或内容中包含的文字")
    a.add_argument(
        "--limit", type=int, default=50, metavar="N", help="最多显示 N 条（默认 50；导出时不限）"
    )
    a.add_argument("-o", "--output", metavar="FILE.xlsx", help="导出到 Excel 文件")

    pw = cmds.add(
        cmds.top, "password", "启动密码：set 设置/修改，clear 取消，status 查看", cmd_password
    )
    pw.add_argument("action", choices=["set", "clear", "status"])

    k = cmds.add(
        cmds.top,
        "key",
        "账本密钥（核验操作日志和证书校验码用，不存放在账本中）：export 导出备份，import 导入",
        cmd_key,
    )
    k.add_argument("action", choices=["export", "import", "status"])
    k.add_argument("file", nargs="?", metavar="FILE", help="密钥文件")


def _ask(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _parse_date(text: str | None, what: str) -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"{what}“{text}”不是日期，请写成 2026-11-01 的形式。")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def cmd_backup(args) -> int:
    sub = getattr(args, "backup_cmd", None)
    if sub == "list":
        return _list(args)
    if sub == "config":
        return _config(args)
    # Read-only and without upgrading: a backup works while another PartyDesk holds the
    # ledger, and of a ledger this version would first have to migrate.
    with open_ledger(ledger_path(args), readonly=True, upgrade=False) as ledger:
        info = backup.make_backup(ledger, "manual", args.to, rotate=args.to is None)
    out(f"已备份：{info.path}")
    out(f"（已校验完好；{info.summary()}）")
    return 0


def _list(args) -> int:
    path = ledger_path(args)
    if is_server(path):  # its snapshots are kept where its stand-in path says
        from partydesk.ledger import server

        path = server.parse(path).anchor()
    folder = args.folder or backup.backup_folder(path)
    items = backup.list_backups(path, folder)
    out(f"备份文件夹：{folder}")
    if not items:
        out("（还没有备份）")
        return 0
    out("时间                原因        人员    党组织  两新组织  记录总数  大小      文件")
    for b in items:
        c = b.counts
        out(
            f"{b.created:%Y-%m-%d %H:%M:%S}  {b.reason_label:<8}  {c.get('person', 0):>6}  "
            f"{c.get('organization', 0):>6}  {c.get('unit', 0):>8}  {b.total:>8}  "
            f"{_size(b.size):>8}  {b.path.name}"
        )
    return 0


def _config(args) -> int:
    changes = {}
    if args.folder:
        changes["folder"] = args.folder
    if args.default_folder:
        changes["folder"] = ""
    for k in ("daily", "weekly", "monthly"):
        if getattr(args, k) is not None:
            changes[k] = getattr(args, k)
    if args.on_open:
        changes["on_open"] = args.on_open == "yes"
    with open_for(args) as ledger:
        if changes:
            ledger.check_writable()
            cfg = backup.save_config(ledger, **changes)
            out("备份设置已保存。")
        else:
            cfg = backup.config(ledger)
        folder = backup.backup_folder(ledger.path, cfg)
    out(f"备份文件夹：{folder}")
    out(
        f"保留：最近 {cfg['daily']} 天每天一份，{cfg['weekly']} 周每周一份，{cfg['monthly']} 个月每月一份"
        f"（另外总保留最新 {cfg['recent']} 份）"
    )
    out(f"打开账本时每天自动备份：{'是' if cfg['on_open'] else '否'}")
    return 0


def cmd_restore(args) -> int:
    path = ledger_path(args)
    if is_server(path):
        from partydesk.backup import server as server_backup
        from partydesk.ledger import opening, server

        source = server_backup.check_restorable(args.file)
        # Makes the schema; refuses a database that already holds a ledger.
        with opening.open_server_ledger(server.parse(path), create=True, exclusive=True) as lg:
            written = server_backup.restore_into_server(source, lg)
        out(f"已从备份恢复到服务器账本：{args.file} → {server.parse(path).url}")
        out(
            f"（人员 {written.get('person', 0)}，党组织 {written.get('organization', 0)}，"
            f"两新组织 {written.get('unit', 0)}，记录共 {sum(written.values())} 行）"
        )
        return 0
    safety = backup.restore(path, args.file)
    out(f"已从备份恢复：{args.file}")
    if safety is not None:
        out(f"恢复前的账本已备份为：{safety.path}")
    else:
        out("原账本已损坏，已把它另存到备份文件夹（扩展名 .damaged）。")
    return 0


def cmd_audit(args) -> int:
    flt = audit.AuditFilter(
        since=_parse_date(args.since, "起始日期"),
        until=_parse_date(args.until, "截止日期"),
        table=args.table,
        who=args.who,
        action=args.action,
        text=args.text,
    )
    with open_for(args, readonly=True) as ledger, ledger.session() as s:
        if args.output:
            n = audit.export_xlsx(s, args.output, flt)
            out(f"已导出操作日志 {n} 条：{Path(args.output)}")
            return 0
        entries = audit.query(s, flt, limit=args.limit)
        if not entries:
            out("没有符合条件的操作记录。")
            return 0
        names = audit.Names(s)
        for e in entries:
            row = audit.entry_row(e, names)
            line = f"{row[0]}  {row[1]}  {row[2]}  {row[3]}  {row[5]}"
            if e.record_id is not None:
                line += f"（#{e.record_id}）"
            out(line)
            if row[6]:
                out(f"    原值：{row[6]}")
            if row[7]:
                out(f"    新值：{row[7]}")
    return 0


def cmd_password(args) -> int:
    with open_for(args) as ledger:
        if args.action == "status":
            out("已设置启动密码。" if applock.is_set(ledger) else "未设置启动密码。")
            return 0
        ledger.check_writable()
        if args.action == "set":
            old = _ask("原密码：") if applock.is_set(ledger) else None
            new = _ask("新密码：")
            again = _ask("再输入一次：")
            if new != again:
                raise ValidationError("两次输入的密码不一样，密码未修改。")
            applock.set_password(ledger, new, old)
            out("启动密码已设置。打开程序时需要输入密码。")
        else:
            if not applock.is_set(ledger):
                out("未设置启动密码。")
                return 0
            applock.clear_password(ledger, _ask("当前密码："))
            out("启动密码已取消。")
    return 0


def cmd_key(args) -> int:
    from partydesk import keys

    with open_for(args) as ledger, ledger.session() as s:
        if args.action == "status":
            has = keys.ledger_key(s, create=False) is not None
            out("本机有这本账本的密钥。" if has else "本机没有这本账本的密钥文件。")
            return 0 if has else 1
        if not args.file:
            raise ValidationError("请给出密钥文件的路径。")
        if args.action == "export":
            dest = keys.export_key(s, args.file)
            out(
                f"已导出账本密钥：{dest}。请把它存放在安全的地方（如办公室的保险柜里的U盘），不要随账本一起传出。"
            )
        else:
            ledger.check_writable()
            keys.import_key(s, args.file)
            out("已导入账本密钥：本机现在可以核验这本账本的操作日志和证书校验码。")
    return 0
