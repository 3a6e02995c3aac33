"""Every sub-command's --help: Chinese placeholders and a worked example that the parser
accepts; records named by number, name or a unique part, an ambiguous name answered with
the candidates."""

from __future__ import annotations

import argparse
import re
import shlex

import pytest

from partydesk.cli import build_parser, main
from partydesk.cli.examples import EXAMPLES
from tests.sample_ledger import fill_sample


def sub_commands(parser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from sub_commands(sub, (*path, name))
    groups = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    func = parser.get_default("func")
    # a command that runs (a group that only asks for its action is not one)
    if path and (not groups or func is not None and func.__name__ != "_need_action"):
        yield " ".join(path), parser


PARSER = build_parser()
LEAVES = dict(sub_commands(PARSER))


def test_every_sub_command_has_an_example():
    assert sorted(set(LEAVES) - set(EXAMPLES)) == []
    assert sorted(set(EXAMPLES) - set(LEAVES)) == []  # none for a command that is gone


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_the_example_parses_and_shows_in_help(command, capsys):
    argv = shlex.split(EXAMPLES[command])[1:]
    args = PARSER.parse_args(argv)  # exits (SystemExit) if the example were wrong
    assert getattr(args, "func", None) is not None
    help_text = LEAVES[command].format_help()
    assert "例：" in help_text and EXAMPLES[command] in help_text
    # no English placeholder left (--org ORG, --person WHO, -o FILE …); N stays where the
    # help text itself says N
    usage = help_text.split("\n\n")[0]
    english = [m for m in re.findall(r"--?[\w-]+ ([A-Z][A-Z_|]+)\b", usage) if m != "N"]
    assert english == []


@pytest.fixture
def sample(ledger, ledger_path):
    ids = fill_sample(ledger)
    ledger.close()
    return ledger_path, ids


def test_person_by_a_unique_part_and_an_ambiguous_name_lists_the_candidates(capsys, sample):
    path, ids = sample
    code = main(
        [
            "add",
            "people",
            "姓名=张伟",
            "人员类别=入党申请人",
            "申请入党日期=2026-01-05",
            "所在党支部=东湖",
            "--ledger",
            str(path),
        ]
    )
    assert code == 0
    capsys.readouterr()
    code = main(["develop", "show", "张伟", "--ledger", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert "“张伟”对应多个人员" in err
    assert f"{ids['张伟']}:张伟（中共星光科技有限公司支部委员会）" in err
    assert "请用编号或身份证号" in err
    # a unique part of a name is enough: 刘洋 is the only name with 刘洋 in it … and 洋 alone
    # is too short to guess from
    capsys.readouterr()
    assert main(["develop", "show", "刘洋", "--ledger", str(path)]) == 0
    assert "刘洋" in capsys.readouterr().out
