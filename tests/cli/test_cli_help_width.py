"""The command line's help lines up on a terminal: every help text starts at the same
screen column whether the option's placeholder is Chinese (`--ledger 账本`, two columns a
character) or not, and no line runs past the terminal's width."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from partydesk.cli.width import display_width, wrap

COLUMNS = 100
# "  --ledger 账本         账本文件…": the option, two or more spaces, its help.
WITH_HELP = re.compile(r"^(\s+\S.*?\s{2,})(\S.*)$")


def _help(*args: str) -> str:
    env = dict(os.environ, COLUMNS=str(COLUMNS), LANG="C.UTF-8")
    out = subprocess.run(
        [sys.executable, "-m", "partydesk", *args, "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def _help_columns(text: str) -> dict[str, int]:
    """The screen column where each help text (first or continued line) starts, by line."""
    columns: dict[str, int] = {}
    in_list = False
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):  # 位置参数: / 选项:
            in_list = True
            continue
        if not line.strip():
            in_list = False
            continue
        if not in_list:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent >= 10:  # a help text continued on its own line
            columns[line] = indent
        elif m := WITH_HELP.match(line):
            columns[line] = display_width(m.group(1))
    return columns


@pytest.mark.parametrize("args", [[], ["list"], ["cert", "issue"]])
def test_help_texts_start_at_one_screen_column(args):
    text = _help(*args)
    columns = _help_columns(text)
    chinese_option = [line for line in columns if re.match(r"\s+--ledger 账本", line)]
    assert chinese_option, text  # the case that went wrong is in the list
    assert len(set(columns.values())) == 1, "\n".join(
        f"{col:3} {line}" for line, col in columns.items()
    )


@pytest.mark.parametrize("args", [[], ["list"], ["rate"]])
def test_no_help_line_is_wider_than_the_terminal(args):
    too_wide = [line for line in _help(*args).splitlines() if display_width(line) > COLUMNS - 2]
    assert too_wide == []


def test_wrapping_keeps_closing_marks_with_their_words():
    lines = wrap(
        "加密账本的口令所在的文本文件（也可用环境变量 PARTYDESK_PASSPHRASE），在终端上会询问", 20
    )
    # only closing marks may overhang the width
    assert all(display_width(line.rstrip("，）")) <= 20 for line in lines), lines
    assert not any(line[0] in "，）" for line in lines)
    assert any("PARTYDESK_PASSPHRASE" in line for line in lines)  # an English word stays whole
    assert "".join(lines).replace(" ", "") == (
        "加密账本的口令所在的文本文件（也可用环境变量PARTYDESK_PASSPHRASE），在终端上会询问"
    )
