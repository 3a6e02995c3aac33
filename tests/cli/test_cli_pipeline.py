"""The pipeline on the command line: `set` refuses a step without its date and any step
back; the acts (取消积极分子资格, 取消预备党员资格, 延长预备期) are commands with a date and a
reason, written to the person's 履历. Read back from the ledger file."""

import pytest

from partydesk.cli import main
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
    return str(ledger_path), ids


def one(path, sql, *args):
    return raw.row(path, sql, *args)


def test_set_refuses_a_step_without_its_date_and_any_step_back(capsys, sample):
    path, ids = sample
    pid = str(ids["王芳"])  # 预备党员 admitted 2015-07-01
    code, _, err = run(capsys, "set", "people", pid, "人员类别=正式党员", "--ledger", path)
    assert code == 1 and "须有转为正式党员日期" in err
    assert one(path, "select category from person where id=?", pid) == ("probationary",)
    code, _, err = run(capsys, "set", "people", pid, "人员类别=发展对象", "--ledger", path)
    assert code == 1 and "不能由“预备党员”改回“发展对象”" in err and "取消预备党员资格" in err
    code, _, err = run(
        capsys,
        "set",
        "people",
        pid,
        "人员类别=正式党员",
        "转为正式党员日期=2016-06-30",
        "--ledger",
        path,
    )
    assert code == 1 and "预备期12个月" in err and "2016-07-01期满" in err
    code, out, _ = run(
        capsys,
        "set",
        "people",
        pid,
        "人员类别=正式党员",
        "转为正式党员日期=2016-07-01",
        "--ledger",
        path,
    )
    assert code == 0, out
    assert one(path, "select category, full_on from person where id=?", pid) == (
        "full",
        "2016-07-01",
    )


def test_the_acts_are_commands_recorded_in_the_history(capsys, sample):
    path, ids = sample
    li, wang = str(ids["李娜"]), str(ids["王芳"])
    con = raw.connect(path)
    con.execute(
        "update person set applied_on='2020-01-01', activist_on='2020-06-01' where id=?", (li,)
    )
    con.commit()
    con.close()
    code, out, _ = run(
        capsys,
        "person",
        "cancel-activist",
        li,
        "--on",
        "2021.3.1",
        "--reason",
        "考察不合格",
        "--ledger",
        path,
    )
    assert code == 0 and "已记入履历" in out
    assert one(path, "select category, activist_on from person where id=?", li) == (
        "applicant",
        None,
    )
    assert one(path, 'select kind, "on", note from person_event where person_id=?', li) == (
        "activist_cancelled",
        "2021-03-01",
        "考察不合格（原确定为积极分子日期2020-06-01）",
    )
    code, _, err = run(
        capsys,
        "person",
        "extend",
        wang,
        "--on",
        "2016-01-01",
        "--months",
        "3",
        "--reason",
        "x",
        "--ledger",
        path,
    )
    assert code == 1 and "6至12个月" in err
    code, _, err = run(
        capsys,
        "person",
        "extend",
        wang,
        "--on",
        "2016-01-01",
        "--months",
        "6",
        "--reason",
        " ",
        "--ledger",
        path,
    )
    assert code == 1 and "请写明原因" in err
    code, _, _ = run(
        capsys,
        "person",
        "extend",
        wang,
        "--on",
        "2016-01-01",
        "--months",
        "6",
        "--reason",
        "继续考察",
        "--ledger",
        path,
    )
    assert code == 0
    assert one(path, "select probation_extension_months from person where id=?", wang) == (6,)
    code, _, err = run(capsys, "set", "people", wang, "延长预备期(月)=12", "--ledger", path)
    assert code == 1 and "不能直接修改" in err
    code, _, _ = run(
        capsys,
        "person",
        "cancel-probation",
        wang,
        "--on",
        "2016-03-01",
        "--reason",
        "违反纪律",
        "--ledger",
        path,
    )
    assert code == 0
    assert one(path, "select status from person where id=?", wang) == ("disqualified",)
    code, out, _ = run(capsys, "history", wang, "--ledger", path)
    assert "取消预备党员资格" in out and "违反纪律" in out and "延长预备期" in out
