"""A command imports only its own feature module: `partydesk --help` lists every command
from the index, and a command's parser (made when the command is given) reads its
arguments, shows its help and example exactly as the whole command line built at once."""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from partydesk.cli import build_parser, command_index, main
from partydesk.cli.examples import EXAMPLES
from partydesk.cli.index import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
EAGER = build_parser()


def _leaf(parser, path):
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


def test_the_index_lists_what_the_feature_modules_register():
    assert command_index() == COMMANDS, (
        "a command was added, renamed or reworded: run python build_scripts/cli_index.py"
    )


def test_help_lists_every_command_with_its_chinese_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert shown == EAGER.format_help()
    flat = "".join(shown.split())  # long help lines are wrapped
    for group, name, _module, help_ in COMMANDS:
        if not group:
            assert f"\n    {name} " in shown and "".join(help_.split()) in flat


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_a_command_parses_and_helps_as_the_whole_command_line(command, capsys):
    argv = shlex.split(EXAMPLES[command])[1:]
    lazy = build_parser(lazy=True).parse_args(argv)
    assert vars(lazy) == vars(EAGER.parse_args(argv))
    with pytest.raises(SystemExit):
        build_parser(lazy=True).parse_args([*command.split(), "--help"])
    assert capsys.readouterr().out == _leaf(EAGER, command.split()).format_help()


def test_an_unknown_command_is_refused_with_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["chek"])
    err = capsys.readouterr().err
    assert "无效的选项：'chek'" in err and "check" in err


def test_check_imports_neither_other_commands_nor_pdf_or_excel_libraries(tmp_path):
    path = tmp_path / "a.partydesk"
    assert main(["init", "--ledger", str(path)]) == 0
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['partydesk', 'check', '--ledger', {str(path)!r}]\n"
        "try:\n"
        "    runpy.run_module('partydesk', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=True,
    )
    assert "未发现问题。" in done.stdout
    loaded = set(done.stderr.split())
    assert "partydesk.cli.core" in loaded
    unwanted = {"openpyxl", "reportlab", "alembic", "partydesk.cli.points", "partydesk.cli.dues"}
    assert unwanted & loaded == set()
