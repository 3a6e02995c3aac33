"""The `partydesk` command line.

With a sub-command it works headless. The installed `partydesk` program (ui/launch.py)
opens the main window when there is no sub-command. Each feature registers its sub-commands in its own
module (listed in FEATURES); `print`, `report` and `export` are shared groups."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from partydesk import __version__, logs
from partydesk.cli import width, zh_argparse
from partydesk.cli.lazy import LazySubParsers
from partydesk.errors import PartyDeskError

zh_argparse.install()

# Modules with a `register(cmds: Commands)` function, in the order they appear in --help.
FEATURES = [
    "partydesk.cli.core",  # init, demo, check, stats
    "partydesk.cli.ledger",  # list, show, add, set, delete: the window's tables
    "partydesk.cli.pipeline",  # person cancel-activist / cancel-probation / extend
    "partydesk.cli.records",  # cadence, records
    "partydesk.cli.records_print",  # print book
    "partydesk.cli.points",  # points, print cards / notice
    "partydesk.cli.certs",  # cert
    "partydesk.cli.certs_print",  # print certificates, cert template / seal
    "partydesk.cli.quals",  # qual
    "partydesk.cli.instructors",  # instructors
    "partydesk.cli.excel",  # import, export, report coverage
    "partydesk.cli.backup",  # backup, restore, audit
    "partydesk.cli.accounts",  # server init / add-user / grant / revoke / users
    "partydesk.cli.standing",  # due, report stars
    "partydesk.cli.dues",  # dues: bases, payments, grid, arrears, reports
    "partydesk.cli.develop",  # develop, print develop
    "partydesk.cli.problems",  # problems, report problems
    "partydesk.cli.plans",  # plan, summary
    "partydesk.cli.merge",  # merge, extract
    "partydesk.cli.helpdocs",  # about, manual
]


class ArgumentParser(argparse.ArgumentParser):
    """Bad arguments give one clear line (and exit 2), not a usage dump; help is laid out
    by display width (a Chinese character takes two columns)."""

    def _get_formatter(self):
        return width.wide(self.formatter_class)(prog=self.prog)

    def error(self, message: str):
        self.exit(2, f"{self.prog}: 参数错误：{message}（用 --help 查看用法）\n")


@dataclass
class Commands:
    """Where features add their sub-commands."""

    top: argparse._SubParsersAction
    print_: argparse._SubParsersAction  # `partydesk print …`
    report: argparse._SubParsersAction  # `partydesk report …`
    common: argparse.ArgumentParser  # parent parser holding --ledger

    def add(
        self, group: argparse._SubParsersAction, name: str, help: str, func
    ) -> argparse.ArgumentParser:
        p = group.add_parser(name, help=help, description=help, parents=[self.common])
        p.set_defaults(func=func)
        return p


def _skeleton() -> tuple[ArgumentParser, Commands]:
    """The top parser with its global options and the empty `print` / `report` groups."""
    # SUPPRESS: a sub-command's --ledger must not reset one given before the sub-command.
    common = ArgumentParser(add_help=False)
    common.add_argument(
        "--ledger",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="账本文件（默认：用户数据文件夹中的账本），或服务器账本 postgresql://用户名@服务器:端口/数据库名",
    )
    common.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="加密账本的口令所在的文本文件（也可用环境变量 PARTYDESK_PASSPHRASE；在终端上会询问）",
    )

    parser = ArgumentParser(prog="partydesk", description="PartyDesk 党建台账", parents=[common])
    parser.add_argument(
        "--version", action="version", version=f"PartyDesk {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="自检：离屏启动界面、生成PDF与Excel后退出"
    )
    kind = {"parser_class": ArgumentParser, "action": LazySubParsers}
    top = parser.add_subparsers(dest="command", metavar="命令", **kind)
    pr = top.add_parser("print", help="打印（生成PDF）", parents=[common])
    pr_sub = pr.add_subparsers(dest="what", metavar="文档", required=True, **kind)
    rp = top.add_parser("report", help="上报报表（Excel）", parents=[common])
    rp_sub = rp.add_subparsers(dest="what", metavar="报表", required=True, **kind)
    return parser, Commands(top, pr_sub, rp_sub, common)


def _groups(cmds: Commands) -> dict[str, argparse._SubParsersAction]:
    return {"": cmds.top, "print": cmds.print_, "report": cmds.report}


def build_parser(lazy: bool = False) -> ArgumentParser:
    """The whole command line. `lazy`: each command's module is imported only when the
    command is given (what `main` uses: a command starts without importing every
    feature); its name and help are listed from the index (partydesk/cli/index.py)."""
    from partydesk.cli.metavars import localise

    parser, cmds = _skeleton()
    if not lazy:
        for name in FEATURES:
            _register(name, cmds)
        localise(parser)
        _examples(parser)
        return parser

    from partydesk.cli.index import COMMANDS

    loaded: set[str] = set()

    def load(module: str) -> None:
        if module in loaded:
            return
        loaded.add(module)
        _register(module, cmds)
        for group, name, owner, _help in COMMANDS:
            action = _groups(cmds)[group]
            sub = action.choices.get(name)
            if owner == module and isinstance(sub, argparse.ArgumentParser):
                localise(sub)
                _examples(sub, (group, name) if group else (name,))

    for group, name, module, help_ in COMMANDS:
        _groups(cmds)[group].placeholder(name, help_, lambda m=module: load(m))
    localise(parser)
    return parser


def _register(module: str, cmds: Commands) -> None:
    mod = importlib.import_module(module)
    if hasattr(mod, "register"):
        mod.register(cmds)


def command_index() -> list[tuple[str, str, str, str | None]]:
    """(group, name, module, help) of every command the feature modules register, in the
    order of `--help`: what partydesk/cli/index.py must hold (build_scripts/cli_index.py
    writes it)."""
    _parser, cmds = _skeleton()
    rows = []
    for module in FEATURES:
        before = {g: set(a.choices) for g, a in _groups(cmds).items()}
        _register(module, cmds)
        for group, action in _groups(cmds).items():
            helps = {a.dest: a.help for a in action._choices_actions}
            for name in action.choices:
                if name not in before[group]:
                    rows.append((group, name, module, helps.get(name)))
    return rows


def _examples(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> None:
    """Each sub-command's example under its --help (its own epilog, if it has one, stays)."""
    from partydesk.cli.examples import EXAMPLES

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if isinstance(sub, argparse.ArgumentParser):  # not a placeholder
                    _examples(sub, (*path, name))
    example = EXAMPLES.get(" ".join(path))
    if example and not parser.epilog:
        parser.epilog = "例：\n  " + example
        parser.formatter_class = argparse.RawDescriptionHelpFormatter


def _offer_passphrase(args) -> None:
    from partydesk.ledger import cipher

    f = getattr(args, "passphrase_file", None)
    if f:
        try:
            text = Path(f).expanduser().read_text(encoding="utf-8").strip("\r\n")
        except OSError as e:
            raise PartyDeskError(f"无法读取口令文件：{f}（{e.strerror}）。") from e
        cipher.offer(text)


def main(
    argv: list[str] | None = None,
    gui: Callable[[str | None], int] | None = None,
    self_test: Callable[[], int] | None = None,
) -> int:
    """Run a sub-command. With none, call `gui(ledger_path)` — the `partydesk` launcher in
    ui/launch.py passes the window here, so the core itself never imports Qt."""
    # A command allocates a great many objects (modules, rows), few of them garbage:
    # with Python's default thresholds the collector ran ~800 times in `partydesk check`
    # at 300,000 people, a tenth of its time.
    default_gc = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        return _run(argv, gui, self_test, default_gc)
    finally:
        gc.set_threshold(*default_gc)


def _run(argv, gui, self_test, default_gc: tuple[int, ...]) -> int:
    parser = build_parser(lazy=True)
    args = parser.parse_args(argv)
    if not args.command:
        gc.set_threshold(*default_gc)  # the window keeps Python's own
    logs.setup_logging("cli" if args.command else "gui")
    if args.command:
        logs.log.info("命令 %s", args.command)
    try:
        if args.self_test:
            if self_test is None:
                print(
                    "错误：自检需要图形界面组件（请使用 partydesk 程序本身运行）。", file=sys.stderr
                )
                return 1
            return self_test()
        if args.command is None:
            if gui is None:
                parser.print_help()
                return 2
            return gui(getattr(args, "ledger", None))
        # Imported here: `--help` and `--version` need no ledger code.
        from partydesk.ledger import cipher, server

        _offer_passphrase(args)
        try:
            return args.func(args) or 0
        except cipher.PassphraseError:
            if getattr(args, "passphrase_file", None) or not sys.stdin.isatty():
                raise
            import getpass

            cipher.offer(getpass.getpass("账本已加密，请输入口令："))
            return args.func(args) or 0
        except server.PasswordNeeded as e:
            # libpq found no password (PGPASSWORD, ~/.pgpass) or a wrong one: ask once.
            if not sys.stdin.isatty():
                raise
            import getpass

            server.offer(e.address, getpass.getpass(f"{e.address.describe()}的口令："))
            return args.func(args) or 0
    except PartyDeskError as e:
        logs.log.warning("命令 %s 未完成：%s", args.command, e)
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except OSError as e:
        if e.errno != 28:  # ENOSPC; anything else is a bug for the crash report
            raise
        print(
            "错误：磁盘空间已满，操作未完成，已保存的数据不受影响。请清理磁盘后再试。",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
