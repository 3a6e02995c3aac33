"""The command line speaks Chinese: `partydesk --help`, a sub-command's help and a bad
argument print none of argparse's English words."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

# argparse's own words (usage line, headings, the -h/--version help, its error messages).
ENGLISH = re.compile(
    r"usage|options|positional arguments|optional arguments|show this help|show program|"
    r"error|invalid choice|choose from|unrecognized|required|expected|argument",
    re.IGNORECASE,
)


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, LANG="C", LC_ALL="C")  # not helped by the machine's locale
    return subprocess.run(
        [sys.executable, "-m", "partydesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("args", [["--help"], ["demo", "--help"], ["print", "--help"]])
def test_help_has_no_english_argparse_words(args):
    out = _run(*args)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("用法：")
    assert "显示本帮助并退出" in out.stdout
    assert ENGLISH.findall(out.stdout) == []


@pytest.mark.parametrize(
    "args, words",
    [
        (["stats", "--list", "everything"], "无效的选项"),
        (["no-such-command"], "无效的选项"),
        (["check", "--bogus"], "无法识别的参数"),
        (["demo", "--units"], "需要一个值"),
        (["print"], "缺少必需的参数"),
    ],
)
def test_bad_argument_has_no_english_argparse_words(args, words):
    out = _run(*args)
    assert out.returncode == 2
    assert words in out.stderr
    assert ENGLISH.findall(out.stderr) == [], out.stderr
