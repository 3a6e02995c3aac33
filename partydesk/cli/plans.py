"""`partydesk plan` / `partydesk summary`: an organization's 年度工作计划 and 年度工作总结
(show, set from the command line or a text file, clear)."""

from __future__ import annotations

import sys
from pathlib import Path

from partydesk.cli.common import open_for, out
from partydesk.errors import ValidationError
from partydesk.ledger.queries import find_org


def register(cmds) -> None:
    for kind, label in (("plan", "年度工作计划"), ("summary", "年度工作总结")):
        p = cmds.add(cmds.top, kind, f"党组织的{label}：查看、填写（保留段落）、清除", cmd_text)
        p.set_defaults(kind=kind)
        p.add_argument("--org", required=True, metavar="ORG")
        p.add_argument("--year", type=int, required=True)
        g = p.add_mutually_exclusive_group()
        g.add_argument("--set", dest="text", metavar="TEXT", help="文稿内容（每行一段）")
        g.add_argument(
            "--file",
            metavar="FILE.txt",
            help="从文本文件读取（UTF-8 或 GBK；从Word另存为纯文本即可；- 为标准输入）",
        )
        g.add_argument("--clear", action="store_true", help="清除")


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"找不到文件：{path}")
    data = p.read_bytes()
    for enc in ("utf-8-sig", "utf-16", "gb18030"):
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError(f"无法读取 {p.name}：请另存为 UTF-8 或 GBK 编码的纯文本。")


def cmd_text(args) -> int:
    from partydesk.records.plans import KINDS, get_text, paragraphs, set_text

    label = KINDS[args.kind]
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        if args.clear or args.text is not None or args.file:
            text = "" if args.clear else (args.text if args.text is not None else _read(args.file))
            stored = set_text(s, org.id, args.year, args.kind, text)
            n = len(paragraphs(stored))
            out(
                f"已保存 {org.name} {args.year}年{label}（{n}段）。"
                if stored
                else f"已清除 {org.name} {args.year}年{label}。"
            )
            return 0
        paras = paragraphs(get_text(s, org.id, args.year, args.kind))
        out(f"{org.name} {args.year}年{label}")
        if not paras:
            out("（尚未填写）")
        for para in paras:
            out("　　" + para)
    return 0
