"""init, demo, check and stats from the command line, read from what they print."""

import re
import sqlite3

import pytest

from partydesk.cli import main
from partydesk.cli.core import EXIT_INTEGRITY, EXIT_WARNINGS

TODAY = "2026-11-22"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.partydesk"
    assert (
        main(
            [
                "demo",
                "--ledger",
                str(path),
                "--units",
                "60",
                "--members",
                "500",
                "--seed",
                "3",
                "--today",
                TODAY,
            ]
        )
        == 0
    )
    return path


def test_init_creates_then_refuses(capsys, tmp_path):
    path = tmp_path / "sub" / "new.partydesk"
    code, out, _ = run(capsys, "init", "--ledger", str(path))
    assert code == 0 and f"已新建账本：{path}" in out
    assert path.exists()
    code, _, err = run(capsys, "init", "--ledger", str(path))
    assert code == 1 and err.startswith("错误：账本已存在")


def test_ledger_option_before_the_subcommand(capsys, tmp_path):
    path = tmp_path / "x.partydesk"
    code, out, _ = run(capsys, "--ledger", str(path), "init")
    assert code == 0 and path.exists()


def test_demo_prints_what_it_made(capsys, tmp_path):
    path = tmp_path / "d.partydesk"
    code, out, _ = run(
        capsys, "demo", "--ledger", str(path), "--units", "20", "--members", "150", "--today", TODAY
    )
    assert code == 0
    assert f"已生成演示账本：{path}" in out
    assert "两新组织 20 个" in out and "人员 150 名" in out
    code, _, err = run(capsys, "demo", "--ledger", str(path), "--units", "5", "--members", "9")
    assert code == 1 and "--force" in err
    code, out, _ = run(
        capsys, "demo", "--ledger", str(path), "--units", "5", "--members", "9", "--force"
    )
    assert code == 0 and "人员 9 名" in out


def test_stats_prints_the_two_coverages(capsys, demo_path):
    code, out, _ = run(capsys, "stats", "--ledger", str(demo_path), "--today", TODAY)
    assert code == 0
    figures = {m[0]: int(m[1]) for m in re.findall(r"^  (\S+)\s+(\d+)$", out, re.M)}
    assert figures["两新组织（正常经营）"] == (
        figures["单独组建"] + figures["联合组建"] + figures["仅工作覆盖"] + figures["未覆盖"]
    )
    total = figures["两新组织（正常经营）"]
    rate = float(re.search(r"组织覆盖率\s+([\d.]+)%", out)[1])
    assert rate == pytest.approx(
        100 * (figures["单独组建"] + figures["联合组建"]) / total, abs=0.05
    )
    own_rate = float(re.search(r"单独组建率\s+([\d.]+)%", out)[1])
    assert own_rate == pytest.approx(100 * figures["单独组建"] / total, abs=0.05)
    assert "联合党支部" in out and "工作支部" in out and "正式党员" in out
    code, out, _ = run(
        capsys, "stats", "--ledger", str(demo_path), "--today", TODAY, "--list", "uncovered"
    )
    listed = re.findall(r"^\s+\d+  (\S+)$", out, re.M)
    assert f"未覆盖的两新组织（{figures['未覆盖']} 个）" in out
    assert len(listed) == figures["未覆盖"]


def test_stats_on_an_empty_ledger(capsys, tmp_path):
    path = tmp_path / "e.partydesk"
    main(["init", "--ledger", str(path)])
    capsys.readouterr()
    code, out, _ = run(capsys, "stats", "--ledger", str(path))
    assert code == 0 and "组织覆盖率" in out and "0.0%" in out


def test_check_lists_findings_by_kind_and_exits_3(capsys, demo_path):
    code, out, _ = run(
        capsys, "check", "--ledger", str(demo_path), "--today", TODAY, "--limit", "2"
    )
    assert code == EXIT_WARNINGS == 3
    heads = re.findall(r"^【(.+)】(\d+) 条$", out, re.M)
    titles = [t for t, _ in heads]
    assert "入党谈话逾期（递交申请后一个月内）" in titles
    assert "预备期已满未讨论转正" in titles
    total = int(re.search(r"共 (\d+) 条，分 (\d+) 类", out)[1])
    assert total == sum(int(n) for _, n in heads)
    assert "身份证号无效" not in titles
    assert "……另有" in out and "--all" in out
    code, out_all, _ = run(capsys, "check", "--ledger", str(demo_path), "--today", TODAY, "--all")
    assert out_all.count("\n  - ") == total


def test_check_clean_ledger_exits_0(capsys, tmp_path):
    path = tmp_path / "e.partydesk"
    main(["init", "--ledger", str(path)])
    capsys.readouterr()
    code, out, _ = run(capsys, "check", "--ledger", str(path))
    assert code == 0 and "未发现问题。" in out


def test_check_broken_ledger_exits_4(capsys, tmp_path):
    path = tmp_path / "b.partydesk"
    main(["demo", "--ledger", str(path), "--units", "5", "--members", "20", "--today", TODAY])
    capsys.readouterr()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("UPDATE person SET unit_id = 9999 WHERE id = 1")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "check", "--ledger", str(path), "--today", TODAY)
    assert code == EXIT_INTEGRITY == 4
    assert "【数据关联错误（外键）】1 条" in out
    assert "person 第1行引用的 unit 记录不存在" in out
    assert "请先从备份恢复" in out


@pytest.mark.parametrize("command", ["check", "stats"])
def test_missing_ledger_is_one_line_and_not_created(capsys, tmp_path, command):
    path = tmp_path / "nope.partydesk"
    code, out, err = run(capsys, command, "--ledger", str(path))
    assert code == 1
    assert (
        err.strip() == f"错误：账本文件不存在：{path}。请检查路径，或先用 partydesk init 新建账本。"
    )
    assert not path.exists()


@pytest.mark.parametrize("command", ["check", "stats"])
def test_not_a_ledger(capsys, tmp_path, command):
    text = tmp_path / "notes.txt"
    text.write_text("这不是账本")
    code, _, err = run(capsys, command, "--ledger", str(text))
    assert code == 1 and err.strip() == f"错误：{text} 不是 PartyDesk 账本文件（文件格式不对）。"
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    code, _, err = run(capsys, command, "--ledger", str(other))
    assert code == 1 and err.strip() == f"错误：{other} 不是 PartyDesk 账本（缺少版本信息）。"
    con = sqlite3.connect(other)
    assert [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == [
        "notes"
    ]
    con.close()
    code, _, err = run(capsys, command, "--ledger", str(tmp_path))
    assert code == 1 and "是一个文件夹" in err


@pytest.mark.parametrize(
    "argv, words",
    [
        (["demo", "--units", "many"], "应为整数：many"),
        (["demo", "--members", "-5"], "不能为负数：-5"),
        (["demo", "--today", "2026-02-30"], "日期应写成 YYYY-MM-DD：2026-02-30"),
        (["stats", "--list", "everything"], "无效的选项：'everything'"),
        (["check", "--bogus"], "无法识别的参数：--bogus"),
        (["no-such-command"], "无效的选项：'no-such-command'"),
    ],
)
def test_bad_arguments_one_line_exit_2(capsys, tmp_path, argv, words):
    with pytest.raises(SystemExit) as e:
        main(argv + ["--ledger", str(tmp_path / "x.partydesk")])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "参数错误" in err and words in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.partydesk").exists()


def test_demo_zero_units_is_refused(capsys, tmp_path):
    path = tmp_path / "z.partydesk"
    code, _, err = run(capsys, "demo", "--ledger", str(path), "--units", "0")
    assert code == 1 and err.strip() == "错误：--units 至少为1。"
    assert not path.exists()
