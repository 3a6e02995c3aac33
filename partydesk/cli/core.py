"""Core sub-commands: init, demo, check, stats."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from partydesk.cli.common import is_server, ledger_path, new_passphrase, out, pad
from partydesk.demo import OTHER_STAGE, STAGE_LABELS
from partydesk.errors import LedgerError, ValidationError
from partydesk.ledger.opening import open_ledger

# `partydesk check` exit codes (README): clean; rule warnings only; integrity failure.
EXIT_CLEAN = 0
EXIT_WARNINGS = 3
EXIT_INTEGRITY = 4


def register(cmds) -> None:
    p = cmds.add(cmds.top, "init", "新建空账本", cmd_init)
    p.add_argument("--force", action="store_true", help="(保留) 已存在时不报错，直接升级")
    p.add_argument(
        "--encrypt", action="store_true", help="加密账本（SQLCipher；需设置口令，备份同样加密）"
    )

    p = cmds.add(cmds.top, "encrypt", "加密已有的账本和它的备份（设置账本口令）", cmd_encrypt)
    p = cmds.add(cmds.top, "decrypt", "取消账本加密（需要现在的口令）", cmd_decrypt)

    p = cmds.add(cmds.top, "demo", "生成演示账本（虚构数据，可重复生成）", cmd_demo)
    p.add_argument("--units", type=_count, default=300, metavar="N", help="两新组织数（默认300）")
    p.add_argument(
        "--members", type=_count, default=3000, metavar="N", help="人员数，含各类别（默认3000）"
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认1）")
    p.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="以哪一天为“今天”安排各类日期（默认今天）",
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的账本")

    p = cmds.add(
        cmds.top,
        "check",
        "检查账本：数据库完整性及各项规则提示（退出码：0 无问题，3 有提示，4 账本损坏）",
        cmd_check,
    )
    p.add_argument(
        "--today", type=_date, default=None, metavar="YYYY-MM-DD", help="检查日（默认今天）"
    )
    p.add_argument(
        "--limit", type=_count, default=20, metavar="N", help="每类最多显示N条（默认20）"
    )
    p.add_argument("--all", action="store_true", help="显示每类的全部条目")
    p.add_argument("--full", action="store_true", help="完整检查数据库文件（逐个索引核对，较慢）")

    p = cmds.add(cmds.top, "stats", "两个覆盖统计：组织覆盖率、单独组建率及各类数量", cmd_stats)
    p.add_argument(
        "--today", type=_date, default=None, metavar="YYYY-MM-DD", help="统计日（默认今天）"
    )
    p.add_argument(
        "--list",
        choices=["own", "joint", "work_only", "uncovered"],
        default=None,
        help="列出该类两新组织：own 单独组建，joint 联合组建，work_only 仅工作覆盖，uncovered 未覆盖",
    )


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
    if is_server(path):
        from partydesk.ledger import opening, server

        if args.encrypt:
            raise ValidationError(
                "服务器账本不能用 --encrypt 加密（请在服务器上设置磁盘加密和访问权限）。"
            )
        with opening.open_server_ledger(server.parse(path), create=True, exclusive=True) as lg:
            out(f"已新建账本：{lg.location}")
        return 0
    if path.exists() and not args.force:
        raise LedgerError(f"账本已存在：{path}。如需打开请直接使用，不会覆盖已有账本。")
    passphrase = new_passphrase(args) if args.encrypt else None
    with open_ledger(path, create=True, passphrase=passphrase) as ledger:
        out(f"已新建{'加密' if passphrase else ''}账本：{ledger.path}")
    return 0


def cmd_encrypt(args) -> int:
    from partydesk.backup.encrypting import encrypt_ledger

    path = ledger_path(args)
    n = encrypt_ledger(path, new_passphrase(args))
    out(f"已加密账本：{path}（同时加密了 {n} 份备份）。以后打开时需要输入账本口令。")
    return 0


def cmd_decrypt(args) -> int:
    from partydesk.backup.encrypting import decrypt_ledger
    from partydesk.ledger import cipher

    path = ledger_path(args)
    f = getattr(args, "passphrase_file", None)
    passphrase = (
        Path(f).expanduser().read_text(encoding="utf-8").strip("\r\n")
        if f
        else cipher.passphrase_from_env()
    )
    if passphrase is None:
        import getpass

        passphrase = getpass.getpass("现在的账本口令：")
    decrypt_ledger(path, passphrase)
    out(f"已取消账本加密：{path}。账本文件现在不需要口令就能打开；已有的备份仍是加密的。")
    return 0


def cmd_demo(args) -> int:
    from partydesk.demo import build_demo

    path = ledger_path(args)
    if args.units < 1:
        raise ValidationError("--units 至少为1。")
    tty = sys.stderr.isatty()

    def progress(stage: str, f: float) -> None:
        if tty:
            label = STAGE_LABELS.get(stage, OTHER_STAGE)
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


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def cmd_stats(args) -> int:
    from partydesk.cli.common import open_for
    from partydesk.ledger.enums import Category, Formation, OrgType, UnitKind
    from partydesk.ledger.models import Unit
    from partydesk.stats import BUCKETS, coverage

    today = args.today or date.today()
    with open_for(args) as ledger, ledger.session() as s:
        cov = coverage(s, today)
        out(f"两个覆盖（统计日 {today}，账本 {ledger.location}）")
        rows = [("两新组织（正常经营）", str(cov.total), "")]
        rows += [
            (label, str(len(getattr(cov, code + "_ids"))), "") for code, label in BUCKETS.items()
        ]
        rows += [
            ("组织覆盖率", _pct(cov.org_rate), "（单独组建＋联合组建）÷ 两新组织数"),
            ("单独组建率", _pct(cov.own_rate), "单独组建 ÷ 两新组织数"),
            ("工作覆盖率", _pct(cov.work_rate), "（组织覆盖＋仅工作覆盖）÷ 两新组织数"),
        ]
        for label, value, note in rows:
            out(f"  {pad(label, 20)}{value:>8}  {note}".rstrip())
        kinds = "，".join(
            f"{UnitKind.label_of(k)} {n}" for k, n in sorted(cov.units_by_kind.items())
        )
        out(f"两新组织类别：{kinds or '无'}")
        out(
            "党组织（按类型）："
            + (
                "，".join(
                    f"{t.label} {cov.orgs_by_type[t.value]}"
                    for t in OrgType
                    if cov.orgs_by_type.get(t.value)
                )
                or "无"
            )
        )
        forms = [
            f"{f.label} {cov.orgs_by_formation[f.value]}"
            for f in Formation
            if cov.orgs_by_formation.get(f.value)
        ]
        if cov.orgs_by_formation.get(""):
            forms.append(f"未填 {cov.orgs_by_formation['']}")
        out("组建方式：" + ("，".join(forms) or "无"))
        out(
            "人员（在册，按类别）："
            + (
                "，".join(
                    f"{c.label} {cov.people_by_category[c.value]}"
                    for c in Category
                    if cov.people_by_category.get(c.value)
                )
                or "无"
            )
        )
        out(
            f"党员合计 {cov.members}（其中流动党员 {cov.flowing}，失联党员 {cov.lost_contact}）；"
            f"在岗党建指导员 {cov.instructors} 名"
        )
        if args.list:
            ids = getattr(cov, f"{args.list}_ids")
            out(f"\n{BUCKETS[args.list]}的两新组织（{len(ids)} 个）：")
            names = (
                dict(s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())
                if ids
                else {}
            )
            for uid in ids:
                out(f"  {uid:>6}  {names.get(uid, '')}")
    return 0


def cmd_check(args) -> int:
    from partydesk.check import CheckReport, run_checks
    from partydesk.cli.common import open_for

    today = args.today or date.today()
    # The file's quick check runs beside the rules (run_checks), not before them.
    with open_for(args, file_check="later") as ledger, ledger.session() as s:
        report: CheckReport = run_checks(s, today, full=args.full)
        how = "完整检查" if args.full else "快速检查，加 --full 完整检查"
        if ledger.is_server:  # the server keeps its own files: no file check applies
            out(f"账本检查：{ledger.location}（检查日 {today}；服务器账本，不做数据库文件检查）")
        else:
            out(f"账本检查：{ledger.path}（检查日 {today}；数据库文件{how}）")
        if report.clean:
            out("未发现问题。")
            return EXIT_CLEAN
        limit = None if args.all else args.limit
        for _kind, title, findings in report.groups():
            out(f"\n【{title}】{len(findings)} 条")
            shown = findings if limit is None else findings[:limit]
            for f in shown:
                out(f"  - {f.text}")
            if len(shown) < len(findings):
                out(f"  ……另有 {len(findings) - len(shown)} 条（加 --all 显示全部）")
        groups = report.groups()
        total = sum(len(g[2]) for g in groups)
        out(f"\n共 {total} 条，分 {len(groups)} 类。")
        if not report.integrity_ok:
            out("账本文件已损坏：请先从备份恢复（partydesk restore），再继续使用。")
            return EXIT_INTEGRITY
        return EXIT_WARNINGS
