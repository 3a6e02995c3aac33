"""Every rule through every way in: the table cell and the detail form (both write through
`editing.set_fields`, as ui.table.commands.edit does; the GUI date tests drive the real
widgets), a paste (`editing.paste_cells`), the Excel import (`excel.plan_import`) and the
command line (`partydesk set`). Each way either stores the value or refuses with the same
Chinese reason and stores nothing (the import keeps a row whose bad cell is optional: the
cell is left out and the reason is the row's warning)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from partydesk import excel
from partydesk.cli import main
from partydesk.errors import ValidationError
from partydesk.ledger import editing
from partydesk.ledger import fields as F
from partydesk.ledger.models import Person
from tests.sample_ledger import fill_sample

TODAY = date.today()
ARABIC = {ord(c): 0x660 + int(c) for c in "0123456789"}

# Fields whose bad value refuses an imported row; any other bad cell is left out with a warning.
IMPORT_REQUIRED = {"name", "id_number", "category", "org_id"}

# (case, person, setup values, field, typed value, refusal text or None = stored)
CASES = [
    ("step needs its date", "王芳", {}, "category", "正式党员", "须有转为正式党员日期"),
    ("no step back", "王芳", {}, "category", "发展对象", "不能由“预备党员”改回“发展对象”"),
    (
        "probation before 转正",
        "王芳",
        {},
        "full_on",
        "2016-06-30",
        "2016-07-01期满后才能转正",
    ),
    ("probation done", "王芳", {}, "full_on", "2016.7.1", None),
    ("no future date", "张伟", {}, "admitted_on", "2099-01-01", "不能是将来的日期"),
    ("18 at application", "张伟", {}, "applied_on", "2002-01-01", "年满18周岁"),
    (
        "a year as 积极分子",
        "张伟",
        {"applied_on": date(2012, 1, 1), "activist_on": date(2013, 1, 1)},
        "target_on",
        "2013-06-01",
        "培养考察满12个月",
    ),
    (
        "dates in order",
        "张伟",
        {"applied_on": date(2012, 1, 1)},
        "talked_on",
        "2011年12月1日",
        "早于申请入党日期",
    ),
    ("extension is an act", "王芳", {}, "probation_extension_months", "6", "不能直接修改"),
    ("province code", "张伟", {}, "id_number", "900105194912310028", "省级行政区划代码"),
    (
        "ASCII digits only",
        "张伟",
        {},
        "id_number",
        "11010519491231002X".translate(ARABIC),
        "非半角的数字",
    ),
    ("phone length as seen", "张伟", {}, "phone", "+86 138 1234 567", "实际为10位"),
    ("phone prefix stripped", "张伟", {}, "phone", "0086 139-1234-5670", None),
]
WAYS = ["cell", "form", "paste", "import", "cli"]


@pytest.fixture
def sample(ledger):
    ids = fill_sample(ledger)
    return ledger, ids


def stored(ledger, pid, field):
    with ledger.session() as s:
        return getattr(s.get(Person, pid), field)


def clean(field, typed):
    return F.clean("person", field, typed)


def via(way, ledger, ids, pid, field, typed, tmp_path, capsys) -> str | None:
    """Write `typed` into `field` of person `pid` the given way; the refusal or None."""
    label = F.label_of("person", field)
    if way in ("cell", "form"):
        try:  # a cell sends its one value; the form its changed editors (here the one typed)
            with ledger.session() as s:
                editing.set_fields(s, "person", pid, {field: typed})
        except ValidationError as e:
            return str(e)
        return None
    if way == "paste":
        with ledger.session() as s:
            _, refused = editing.paste_cells(s, "person", [(pid, None, field, typed)])
        return refused[0].reason if refused else None
    if way == "import":
        with ledger.session() as s:
            p = s.get(Person, pid)
            name, number = p.name, p.id_number
        wb = openpyxl.Workbook()
        ws = wb.active
        if field == "id_number":  # a new person carrying the number
            ws.append(["姓名", "人员类别", label])
            ws.append(["新人", "正式党员", typed])
        else:
            ws.append(["姓名", "公民身份证号", label])
            ws.append([name, number, typed])
        path = tmp_path / f"{way}.xlsx"
        wb.save(path)
        plan = excel.plan_import(ledger, "people", path)
        row = plan.rows[0]
        if row.status == "error":
            return row.reason
        excel.apply_import(ledger, plan)
        # A bad optional cell keeps the row: the cell is left out and the same reason is
        # the row's warning (an import refuses only rows whose identifying fields are bad).
        return row.warning if field not in IMPORT_REQUIRED and row.warnings else None
    assert way == "cli"
    ledger.close()
    code = main(["set", "people", str(pid), f"{label}={typed}", "--ledger", ledger.location])
    _out, err = capsys.readouterr()
    return err.strip() if code else None


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_by_way(sample, way, case, tmp_path, capsys):
    ledger, ids = sample
    _name, who, setup, field, typed, refusal = case
    pid = ids[who]
    if setup:
        with ledger.session() as s:
            p = s.get(Person, pid)
            for k, v in setup.items():
                setattr(p, k, v)
    before = stored(ledger, pid, field)
    got = via(way, ledger, ids, pid, field, typed, tmp_path, capsys)
    if refusal is None:
        assert got is None
        assert stored(ledger, pid, field) == clean(field, typed)
    else:
        assert got is not None and refusal in got, got
        assert stored(ledger, pid, field) == before
        if way == "import" and field == "id_number":
            with ledger.session() as s:
                assert s.query(Person).filter(Person.name == "新人").count() == 0
