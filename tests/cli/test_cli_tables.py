"""list, show, add, set, delete: the window's table edits from the command line, read
back from the ledger file and from what the commands print."""

import pytest

from partydesk.cli import main
from partydesk.rules import idcard
from tests import raw
from tests.sample_ledger import fill_sample


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample(ledger, ledger_path):
    ids = fill_sample(ledger)
    ledger.close()
    return ledger_path, ids


def row(path, sql, *args):
    return raw.row(path, sql, *args)


def test_list_searches_filters_and_sorts_like_the_table(capsys, sample):
    path, _ = sample
    code, out, _ = run(capsys, "list", "people", "--ledger", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["编号", "姓名", "公民身份证号", "性别"]
    assert "张伟" in out and "中共星光科技有限公司支部委员会" in out and "共 6 条" in out

    code, out, _ = run(
        capsys,
        "list",
        "people",
        "--ledger",
        str(path),
        "--filter",
        "人员类别=正式党员",
        "--sort",
        "姓名",
        "--desc",
    )
    names = [ln.split()[1] for ln in out.splitlines()[2:-1]]
    assert code == 0 and names == sorted(["张伟", "刘洋", "赵磊"], reverse=True)
    assert out.splitlines()[-1] == "共 3 条"

    code, out, _ = run(
        capsys,
        "list",
        "people",
        "--ledger",
        str(path),
        "--search",
        "东湖",
        "--columns",
        "姓名,人员类别",
        "--tsv",
    )
    assert code == 0
    assert out.splitlines()[0] == "编号\t姓名\t人员类别"
    assert sorted(ln.split("\t")[1] for ln in out.splitlines()[1:]) == ["刘洋", "李娜", "赵磊"]

    code, out, _ = run(capsys, "list", "orgs", "--ledger", str(path), "--limit", "1")
    assert "共 3 条，显示前 1 条" in out


def test_list_refuses_an_unknown_filter_value_naming_the_choices(capsys, sample):
    path, _ = sample
    code, _, err = run(capsys, "list", "people", "--ledger", str(path), "--filter", "性别=男人")
    assert code == 1 and err.strip() == "错误：“性别”没有“男人”这个值。可选：男、女"
    code, _, err = run(capsys, "list", "people", "--ledger", str(path), "--sort", "血型")
    assert code == 1 and "没有“血型”这一列" in err


def test_show_prints_every_field_with_its_label(capsys, sample):
    path, ids = sample
    code, out, _ = run(capsys, "show", "people", str(ids["王芳"]), "--ledger", str(path))
    assert code == 0
    fields = dict(ln.split(None, 1) for ln in out.splitlines()[2:] if len(ln.split(None, 1)) == 2)
    assert fields["姓名"] == "王芳" and fields["人员类别"] == "预备党员"
    assert fields["出生日期"] == "1990-07-15" and fields["加入党组织日期"] == "2015-07-01"
    code, _, err = run(capsys, "show", "people", "999", "--ledger", str(path))
    assert code == 1 and "没有编号为999的" in err


def test_add_stores_a_person_and_derives_birth_date_and_sex(capsys, sample):
    path, ids = sample
    number = idcard.make("110105", __import__("datetime").date(1996, 4, 3), 21, "F")
    code, out, _ = run(
        capsys,
        "add",
        "people",
        "--ledger",
        str(path),
        "姓名=孙丽",
        f"公民身份证号={number}",
        "人员类别=入党申请人",
        "所在党支部=星光科技",
        "申请入党日期=2026-09-01",
    )
    assert code == 0, out
    assert out.startswith("已新增") and "孙丽" in out
    new_id = int(out.split("编号")[1].strip(" 。\n"))
    got = row(
        path,
        "SELECT name, birth_date, sex, category, org_id, applied_on FROM person WHERE id=?",
        new_id,
    )
    assert got == ("孙丽", "1996-04-03", "F", "applicant", ids["orgs"][0], "2026-09-01")


def test_add_refuses_a_bad_id_number_and_stores_nothing(capsys, sample):
    path, _ = sample
    before = row(path, "SELECT count(*) FROM person")[0]
    code, _, err = run(
        capsys,
        "add",
        "people",
        "--ledger",
        str(path),
        "姓名=孙丽",
        "公民身份证号=110105194912310021",
        "所在党支部=星光科技",
        "人员类别=入党申请人",
    )
    assert code == 1 and "身份证号校验位错误（末位应为X）" in err
    code, _, err = run(
        capsys, "add", "people", "--ledger", str(path), "姓名=孙丽", "人员类别=入党申请人"
    )
    assert code == 1 and "所在党支部" in err
    assert row(path, "SELECT count(*) FROM person")[0] == before


def test_set_changes_fields_and_reports_before_and_after(capsys, sample):
    path, ids = sample
    pid = ids["陈静"]
    code, out, _ = run(
        capsys,
        "set",
        "people",
        str(pid),
        "--ledger",
        str(path),
        "手机号=13700001111",
        "所在党支部=东湖街道联合",
        "备注＝转入",
    )
    assert code == 0, out
    assert "手机号：（空） → 13700001111" in out
    assert "所在党支部：中共星光科技有限公司支部委员会 → 中共东湖街道联合党支部委员会" in out
    assert row(path, "SELECT phone, org_id, note FROM person WHERE id=?", pid) == (
        "13700001111",
        ids["orgs"][1],
        "转入",
    )
    # the same value again: nothing to change
    code, out, _ = run(
        capsys, "set", "people", str(pid), "--ledger", str(path), "手机号=13700001111"
    )
    assert code == 0 and out.strip() == "党员与发展对象“陈静”没有变化。"
    # an invalid phone is refused with the window's message; the stored value stays
    code, _, err = run(capsys, "set", "people", str(pid), "--ledger", str(path), "手机号=12345")
    assert code == 1 and "手机号应为11位" in err
    assert row(path, "SELECT phone FROM person WHERE id=?", pid) == ("13700001111",)
    # every change is in the audit log
    assert (
        row(path, "SELECT count(*) FROM audit_log WHERE table_name='person' AND action='update'")[0]
        == 1
    )


def test_delete_asks_for_yes_and_moves_members_of_an_organization(capsys, sample):
    path, ids = sample
    o1, o2, _ = ids["orgs"]
    code, out, _ = run(capsys, "delete", "orgs", str(o1), "--ledger", str(path))
    assert code == 1 and "还有3名人员" in out and "--yes" in out
    code, _, err = run(capsys, "delete", "orgs", str(o1), "--ledger", str(path), "--yes")
    assert code == 1 and "还有3名人员，不能删除" in err
    assert row(path, "SELECT count(*) FROM organization WHERE id=?", o1) == (1,)

    code, out, _ = run(
        capsys,
        "delete",
        "orgs",
        str(o1),
        "--ledger",
        str(path),
        "--yes",
        "--move-members-to",
        "东湖街道联合",
    )
    assert code == 0 and "3名人员已转入“中共东湖街道联合党支部委员会”" in out
    assert row(path, "SELECT count(*) FROM organization WHERE id=?", o1) == (0,)
    assert row(path, "SELECT count(*) FROM person WHERE org_id=?", o2) == (6,)

    code, out, _ = run(capsys, "delete", "people", str(ids["赵磊"]), "--ledger", str(path), "--yes")
    assert code == 0 and row(path, "SELECT count(*) FROM person WHERE name='赵磊'") == (0,)
    assert row(path, "SELECT count(*) FROM audit_log WHERE action='delete'")[0] >= 2


def test_records_edit_changes_fields_and_attendance(capsys, sample):
    path, ids = sample
    org = "中共星光科技有限公司支部委员会"
    code, out, _ = run(
        capsys,
        "records",
        "add",
        "--ledger",
        str(path),
        "--org",
        org,
        "--kind",
        "支委会",
        "--at",
        "2026-11-02 14:30",
        "--topics",
        "学习",
    )
    assert code == 0, out
    rid = int(out.split("：")[1].split("\t")[0])

    code, out, err = run(
        capsys,
        "records",
        "edit",
        str(rid),
        "--ledger",
        str(path),
        "--place",
        "二楼会议室",
        "--end",
        "16:00",
        "--absent",
        "王芳:出差",
    )
    assert code == 0, err
    assert row(path, "SELECT place, end_at FROM work_record WHERE id=?", rid) == (
        "二楼会议室",
        "2026-11-02 16:00:00.000000",
    )
    assert row(
        path,
        "SELECT status, reason FROM attendance WHERE record_id=? AND person_id=?",
        rid,
        ids["王芳"],
    ) == ("absent", "出差")
    code, out, _ = run(capsys, "records", "show", str(rid), "--ledger", str(path))
    assert "缺席：王芳（出差）" in out and "地点：二楼会议室" in out

    # moving the start after the end is refused; nothing changes
    code, _, err = run(
        capsys, "records", "edit", str(rid), "--ledger", str(path), "--at", "2026-11-03 09:00"
    )
    assert code == 1 and "结束时间早于开始时间" in err
    assert row(path, "SELECT held_at FROM work_record WHERE id=?", rid) == (
        "2026-11-02 14:30:00.000000",
    )
    # a name not on the list, and nothing to change, are refused with a reason
    code, _, err = run(
        capsys, "records", "edit", str(rid), "--ledger", str(path), "--absent", "路人甲"
    )
    assert code == 1 and "出席名单中没有“路人甲”" in err
    code, _, err = run(capsys, "records", "edit", str(rid), "--ledger", str(path))
    assert code == 1 and "没有要修改的内容" in err
    # an empty value clears; present again
    code, _, _ = run(
        capsys,
        "records",
        "edit",
        str(rid),
        "--ledger",
        str(path),
        "--place",
        "",
        "--present",
        "王芳",
    )
    assert code == 0
    assert row(path, "SELECT place FROM work_record WHERE id=?", rid) == (None,)
    assert row(
        path, "SELECT status FROM attendance WHERE record_id=? AND person_id=?", rid, ids["王芳"]
    ) == ("present",)


def test_hosts_shows_sets_adds_and_removes_host_units(capsys, sample):
    path, ids = sample
    u1, u2 = ids["units"]
    o3 = ids["orgs"][2]
    code, out, _ = run(capsys, "hosts", str(o3), "--ledger", str(path))
    assert code == 0 and "未设所在单位" in out
    code, out, _ = run(
        capsys, "hosts", "快递行业", "--ledger", str(path), "--set", "星光科技有限公司，同心社会"
    )
    assert code == 0 and out.startswith("已修改中共城关街道快递行业工作支部委员会的所在单位")
    assert "星光科技有限公司" in out and "同心社会工作服务中心" in out
    con = raw.connect(path)
    got = sorted(
        r[0] for r in con.execute("SELECT unit_id FROM org_host_unit WHERE org_id=?", (o3,))
    )
    con.close()
    assert got == sorted([u1, u2])
    code, out, _ = run(
        capsys, "hosts", str(o3), "--ledger", str(path), "--remove", "同心社会工作服务中心"
    )
    assert code == 0 and "同心" not in out
    code, _, err = run(
        capsys, "hosts", str(o3), "--ledger", str(path), "--remove", "同心社会工作服务中心"
    )
    assert code == 1 and "不是" in err
    code, out, _ = run(
        capsys, "hosts", str(ids["orgs"][0]), "--ledger", str(path), "--add", str(u2)
    )
    assert "提示：组建方式为单独组建，却有2个所在单位" in out
    code, out, _ = run(
        capsys,
        "list",
        "orgs",
        "--ledger",
        str(path),
        "--search",
        "同心社会",
        "--columns",
        "党组织全称",
    )
    assert "中共星光科技有限公司支部委员会" in out and "中共东湖街道联合党支部委员会" in out


def test_committee_appoints_lists_and_ends_seats(capsys, sample):
    path, ids = sample
    o2 = ids["orgs"][1]
    code, out, _ = run(capsys, "committee", str(o2), "--ledger", str(path))
    assert code == 0 and "尚未登记班子成员" in out
    code, out, _ = run(
        capsys,
        "committee",
        "东湖街道联合",
        "--ledger",
        str(path),
        "--add",
        "刘洋",
        "--role",
        "书记",
        "--since",
        "2025年3月1日",
    )
    assert code == 0 and out.startswith(
        "已任命刘洋为中共东湖街道联合党支部委员会书记（自2025-03-01）"
    )
    assert row(path, "SELECT secretary_id FROM organization WHERE id=?", o2) == (ids["刘洋"],)
    code, _, err = run(capsys, "committee", str(o2), "--ledger", str(path), "--add", "李娜")
    assert code == 1 and "李娜是入党积极分子，只有正式党员才能担任支部委员" in err
    seat = row(path, "SELECT id FROM committee_member WHERE org_id=?", o2)[0]
    code, out, _ = run(
        capsys,
        "committee",
        str(o2),
        "--ledger",
        str(path),
        "--leave",
        str(seat),
        "--until",
        "2026-11-01",
    )
    assert code == 0 and "刘洋已卸任书记（卸任日期2026-11-01）" in out
    assert row(path, "SELECT secretary_id FROM organization WHERE id=?", o2) == (None,)
    code, out, _ = run(capsys, "committee", str(o2), "--ledger", str(path), "--history")
    assert "2025-03-01  2026-11-01" in out


def test_transfer_and_history(capsys, sample):
    path, ids = sample
    code, out, _ = run(
        capsys,
        "transfer",
        "赵磊",
        "--ledger",
        str(path),
        "--out",
        "中共某市某公司支部",
        "--on",
        "2026-05-01",
        "--note",
        "介绍信第3号",
    )
    assert code == 0 and out.startswith("已登记：赵磊组织关系转出，2026-05-01")
    assert row(path, "SELECT status FROM person WHERE id=?", ids["赵磊"]) == ("transferred_out",)
    code, out, _ = run(capsys, "transfer", "陈静", "--ledger", str(path), "--move", "东湖街道联合")
    assert code == 0 and row(path, "SELECT org_id FROM person WHERE id=?", ids["陈静"]) == (
        ids["orgs"][1],
    )
    code, out, _ = run(capsys, "history", "赵磊", "--ledger", str(path))
    assert (
        "2026-05-01  组织关系转出  中共东湖街道联合党支部委员会 → 中共某市某公司支部（介绍信第3号）"
        in out
    )
    code, _, err = run(capsys, "transfer", "赵磊", "--ledger", str(path), "--out", "别处")
    assert code == 1 and "不在册" in err


def test_groups_are_made_filled_and_removed(capsys, sample):
    path, ids = sample
    o1 = ids["orgs"][0]
    code, out, _ = run(
        capsys, "groups", str(o1), "--ledger", str(path), "--add", "第一党小组", "--leader", "张伟"
    )
    assert code == 0 and "已新建第一党小组" in out
    code, out, _ = run(
        capsys,
        "groups",
        str(o1),
        "--ledger",
        str(path),
        "--group",
        "第一党小组",
        "--assign",
        "王芳",
        "--assign",
        "陈静",
    )
    assert code == 0 and "张伟、王芳、陈静" in out
    gid = row(path, "SELECT id FROM party_group WHERE org_id=?", o1)[0]
    assert row(path, "SELECT party_group_id FROM person WHERE id=?", ids["陈静"]) == (gid,)
    code, _, err = run(
        capsys,
        "groups",
        str(o1),
        "--ledger",
        str(path),
        "--group",
        "第一党小组",
        "--assign",
        "刘洋",
    )
    assert code == 1 and "找不到人员“刘洋”" in err
    code, out, _ = run(
        capsys, "groups", str(o1), "--ledger", str(path), "--group", str(gid), "--remove"
    )
    assert code == 0 and "已撤销第一党小组" in out and "没有党小组" in out
    assert row(path, "SELECT party_group_id FROM person WHERE id=?", ids["陈静"]) == (None,)


def test_names_sort_in_pinyin_order_after_add_and_set(capsys, sample):
    path, ids = sample

    def sorted_names():
        code, out, _ = run(capsys, "list", "people", "--ledger", str(path), "--sort", "姓名")
        assert code == 0
        return [ln.split()[1] for ln in out.splitlines()[2:-1]]

    assert sorted_names() == ["陈静", "李娜", "刘洋", "王芳", "张伟", "赵磊"]
    code, _, err = run(
        capsys, "set", "people", str(ids["赵磊"]), "姓名=曾磊", "--ledger", str(path)
    )
    assert code == 0, err
    # 曾 as a surname is zēng: after 张 (zhang) — read as céng it would come before 陈
    assert sorted_names() == ["陈静", "李娜", "刘洋", "王芳", "曾磊", "张伟"]


def test_list_as_a_pdf_list_keeps_the_rows_and_the_filter(capsys, sample, tmp_path):
    import subprocess

    path, _ = sample
    out_pdf = tmp_path / "名单.pdf"
    code, out, err = run(
        capsys,
        "list",
        "people",
        "--ledger",
        str(path),
        "--filter",
        "人员类别=正式党员",
        "--sort",
        "姓名",
        "--pdf",
        str(out_pdf),
    )
    assert code == 0, err
    assert "已生成名单（1 页）" in out
    text = subprocess.run(["pdftotext", str(out_pdf), "-"], capture_output=True, text=True).stdout
    assert "党员与发展对象名单" in text and "共 3 条" in text and "人员类别：正式党员" in text
    assert "刘洋" in text and "张伟" in text and "赵磊" in text and "王芳" not in text
