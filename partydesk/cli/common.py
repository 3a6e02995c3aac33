"""Helpers shared by the sub-commands."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from partydesk.ledger import Ledger, default_ledger_path
from partydesk.ledger.opening import open_ledger


def ledger_path(args) -> Path | str:
    """The --ledger file path, or a server ledger's address (postgresql://…) as given."""
    from partydesk.ledger import server

    given = getattr(args, "ledger", None)
    if given and server.is_server_url(given):
        return given
    return Path(given).expanduser() if given else default_ledger_path()


def is_server(where) -> bool:
    from partydesk.ledger import server

    return server.is_server_url(where)


def open_for(args, *, readonly: bool = False, file_check: str = "open") -> Ledger:
    """Open the ledger named by --ledger (never creates one). The day's backup is made
    only if the command changes the ledger, just before its first change: a command
    that only reads never waits for it. `file_check="later"`: the command runs the quick
    check of the file itself (`partydesk check`, beside its rules)."""
    ledger = open_ledger(
        ledger_path(args), readonly=readonly, daily_backup="first_write", file_check=file_check
    )
    if not ledger.readonly:
        _warn_key_missing(ledger)
    return ledger


def _warn_key_missing(ledger: Ledger) -> None:
    """A PC without the ledger's key (another clerk's PC on a server ledger, a copied
    file) can still write, but its edits break the audit log's chain: say so up front."""
    from partydesk import keys

    with ledger.Session() as s:
        if keys.key_missing(s):
            print("提示：" + keys.MISSING_WARNING, file=sys.stderr)


def new_passphrase(args) -> str:
    """The passphrase for a ledger being encrypted: --passphrase-file, the environment
    (PARTYDESK_PASSPHRASE), or asked twice at the terminal."""
    from partydesk.errors import ValidationError
    from partydesk.ledger import cipher

    f = getattr(args, "passphrase_file", None)
    if f:
        return Path(f).expanduser().read_text(encoding="utf-8").strip("\r\n")
    env = cipher.passphrase_from_env()
    if env:
        return env
    if not sys.stdin.isatty():
        raise ValidationError(
            "请用 --passphrase-file 或环境变量 PARTYDESK_PASSPHRASE 给出账本口令。"
        )
    import getpass

    first = getpass.getpass("账本口令（至少 6 个字符，请牢记：忘记口令，账本和备份都无法打开）：")
    if getpass.getpass("再输入一次：") != first:
        raise ValidationError("两次输入的口令不一样，账本未改动。")
    return first


def warn_not_encrypted(ledger, written: Path) -> None:
    """Exports are made to be shared: say that the file written is not encrypted."""
    from partydesk.ledger import cipher

    if cipher.is_encrypted(Path(ledger.path)):
        print(
            f"注意：账本是加密的，但导出的文件 {written} 没有加密，其中的个人信息任何人都能打开；"
            "请妥善保管，用完删除。",
            file=sys.stderr,
        )


def out(text: str = "") -> None:
    print(text)


def progress_line(done: int, total: int, label: str = "") -> None:
    """A single updating progress line on stderr when it is a terminal."""
    if sys.stderr.isatty():
        pct = 100 * done // max(total, 1)
        print(f"\r{label} {pct:3d}%", end="" if done < total else "\n", file=sys.stderr, flush=True)


def width(s: str) -> int:
    """Terminal columns of `s` (full-width CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s: str, w: int, right: bool = False) -> str:
    gap = " " * max(0, w - width(s))
    return gap + s if right else s + gap


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """A plain-text table aligned for CJK (full-width characters count two columns)."""
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, widths[i], i in right) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(pad(c, widths[i], i in right) for i, c in enumerate(r)).rstrip())
    return "\n".join(lines)
