"""`partydesk server init|add-user|grant|revoke|users`: clerks' accounts on a server
ledger, each township in its own lane (partydesk.accounts). Run by the ledger's owner:

    partydesk server init --ledger postgresql://county@server/ledger
    partydesk server add-user chengguan_li --street 城关街道 --password --ledger …
    partydesk server add-user county_wang --county --ledger …
    partydesk server grant chengguan_li --street 东湖街道 --ledger …
"""

from __future__ import annotations

import getpass
import sys

from partydesk.cli.common import open_for, out
from partydesk.errors import ValidationError


def register(cmds) -> None:
    p = cmds.add(
        cmds.top,
        "server",
        "服务器账本的账号与辖区：init 设置行级权限，add-user 添加账号，grant/revoke 调整辖区，users 列出",
        cmd_server,
    )
    sub = p.add_subparsers(dest="server_cmd", metavar="{init,add-user,grant,revoke,users}")
    sub.required = True
    sub.add_parser(
        "init", help="写入账号角色、辖区函数和行级权限（可重复执行）", parents=[cmds.common]
    )
    for name, text in (
        ("add-user", "添加（或重设）一个文员账号及其辖区"),
        ("grant", "给账号增加街道或乡镇（--county：全县）"),
        ("revoke", "从账号的辖区去掉街道或乡镇"),
    ):
        a = sub.add_parser(name, help=text, parents=[cmds.common])
        a.add_argument("name", metavar="账号", help="数据库账号名（小写字母、数字、下划线）")
        a.add_argument(
            "--street",
            action="append",
            default=[],
            metavar="街道",
            help="辖区中的街道或乡镇（可重复）",
        )
        a.add_argument("--county", action="store_true", help="县级账号：能看到所有街道和乡镇")
        if name == "add-user":
            a.add_argument(
                "--password",
                action="store_true",
                help="为账号设置登录密码（在终端上询问两次，或读环境变量 PARTYDESK_NEW_PASSWORD）",
            )
    sub.add_parser("users", help="列出账号及其辖区", parents=[cmds.common])


def _password() -> str:
    import os

    env = os.environ.get("PARTYDESK_NEW_PASSWORD", "")
    if env:
        return env
    if not sys.stdin.isatty():
        raise ValidationError("请在终端上运行以输入密码，或用环境变量 PARTYDESK_NEW_PASSWORD。")
    first = getpass.getpass("新账号的登录密码：")
    if first != getpass.getpass("再输入一次："):
        raise ValidationError("两次输入的密码不一致，账号未添加。")
    return first


def cmd_server(args) -> int:
    from partydesk import accounts

    cmd = args.server_cmd
    with open_for(args) as ledger, ledger.engine.begin() as conn:
        if cmd == "init":
            accounts.install(conn)
            n = len(accounts.LANE_TABLES)
            out(
                f"已设置按辖区分开的行级权限（{n} 张表）。"
                "用 partydesk server add-user 添加乡镇和县级账号。"
            )
            return 0
        if cmd == "users":
            rows = accounts.list_users(conn)
            for info in rows:
                out(f"{info.name}\t{info.lane}")
            out(f"共 {len(rows)} 个账号")
            return 0
        kw = {"streets": args.street, "county": args.county}
        if cmd == "add-user":
            pw = _password() if args.password else None
            info = accounts.add_user(conn, args.name, password=pw, **kw)
            out(f"已添加账号 {info.name}，辖区：{info.lane}。")
        elif cmd == "grant":
            info = accounts.grant(conn, args.name, **kw)
            out(f"账号 {info.name} 的辖区：{info.lane}。")
        else:
            info = accounts.revoke(conn, args.name, **kw)
            out(f"账号 {info.name} 的辖区：{info.lane}。")
    return 0
