"""年度工作计划 / 总结: text pasted from Word keeps its paragraphs."""

from partydesk.cli import main
from partydesk.records.plans import get_text, paragraphs, set_text

WORD = "　　一、加强政治建设。\r\n　　坚持“第一议题”制度。\u2029\u2029二、规范组织生活。\x0b按月开展主题党日。  \r\n"


def test_pasted_text_keeps_its_paragraphs(branch):
    ledger, ids = branch
    with ledger.session() as s:
        set_text(s, ids["org"], 2026, "plan", WORD)
    with ledger.session() as s:
        assert paragraphs(get_text(s, ids["org"], 2026, "年度工作计划")) == [
            "一、加强政治建设。",
            "坚持“第一议题”制度。",
            "二、规范组织生活。",
            "按月开展主题党日。",
        ]
        assert get_text(s, ids["org"], 2026, "summary") == ""
        assert get_text(s, ids["org"], 2025, "plan") == ""


def test_cli_file_in_gbk_and_clear(branch, capsys, tmp_path):
    ledger, _ = branch
    f = tmp_path / "总结.txt"
    f.write_bytes("全年召开支部党员大会4次。\r\n发展党员1名。\r\n".encode("gbk"))
    base = ["--ledger", ledger.location, "--org", "星光科技", "--year", "2026"]
    assert main(["summary", *base, "--file", str(f)]) == 0
    assert "年度工作总结（2段）" in capsys.readouterr().out
    assert main(["summary", *base]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "　　全年召开支部党员大会4次。",
        "　　发展党员1名。",
    ]
    assert main(["summary", *base, "--clear"]) == 0
    main(["summary", *base])
    assert "（尚未填写）" in capsys.readouterr().out
