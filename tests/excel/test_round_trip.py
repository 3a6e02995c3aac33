"""The project's own export re-imports whole: `partydesk demo` → export units,
organizations, people and instructors → import into an empty ledger → every record and
field equal, parents and host units included; then the exports pass through LibreOffice
(saved as .xlsx and as .xls) and importing them again changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from partydesk.cli import main
from partydesk.ledger import fields, open_ledger
from partydesk.ledger.models import Organization, OrgHostUnit, Unit

TABLES = ("units", "orgs", "people", "instructors")
TODAY = "2025-06-30"
soffice = shutil.which("soffice") or shutil.which("libreoffice")


def content(path):
    """Every registry field of every record, references by name (ids differ), and the
    host-unit links — what a user could compare between two ledgers."""
    out = {}
    with open_ledger(path) as lg, lg.Session() as s:
        org_names = dict(s.execute(select(Organization.id, Organization.name)).all())
        unit_names = dict(s.execute(select(Unit.id, Unit.name)).all())
        for key, ent in fields.ENTITIES.items():
            cols = [getattr(ent.model, f.name) for f in ent.fields]
            rows = []
            for row in s.execute(select(*cols)):
                vals = []
                for f, v in zip(ent.fields, row, strict=True):
                    if f.kind == "org":
                        v = org_names.get(v)
                    elif f.kind == "unit":
                        v = unit_names.get(v)
                    vals.append(v)
                rows.append(tuple(vals))
            out[key] = sorted(rows, key=repr)
        out["hosts"] = sorted(
            (org_names[o], unit_names[u])
            for o, u in s.execute(select(OrgHostUnit.org_id, OrgHostUnit.unit_id))
        )
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    src = folder / "demo.partydesk"
    assert (
        main(["--ledger", str(src), "demo", "--units", "12", "--members", "400", "--today", TODAY])
        == 0
    )
    files = {}
    for t in TABLES:
        files[t] = folder / f"{t}.xlsx"
        assert main(["--ledger", str(src), "export", t, "-o", str(files[t])]) == 0
    return src, files, folder


def import_all(target, files, capsys) -> str:
    text = ""
    for t in TABLES:
        assert main(["--ledger", str(target), "import", t, str(files[t])]) == 0
        text += capsys.readouterr().out
    return text


def test_demo_exports_reimport_into_an_empty_ledger_equal(demo, tmp_path, capsys):
    src, files, _ = demo
    target = tmp_path / "empty.partydesk"
    assert main(["--ledger", str(target), "init"]) == 0
    capsys.readouterr()
    text = import_all(target, files, capsys)
    assert "错误 0" in text and "错误 1" not in text, text
    a, b = content(src), content(target)
    for key in a:
        assert a[key] == b[key], key
    assert len(a["person"]) == 400 and a["hosts"]
    # and importing the same files again changes nothing
    again = import_all(target, files, capsys)
    assert again.count("新增 0　更新 0") == 4, again


@pytest.mark.slow
@pytest.mark.skipif(soffice is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_exports_through_libreoffice_change_nothing(demo, tmp_path, capsys, fmt):
    src, files, _ = demo
    converted = {}
    for t, f in files.items():
        out = tmp_path / fmt
        out.mkdir(exist_ok=True)
        subprocess.run(
            [soffice, "--headless", "--convert-to", fmt, "--outdir", str(out), str(f)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        converted[t] = out / f"{t}.{fmt}"
        assert converted[t].exists()
    target = tmp_path / "copy.partydesk"
    shutil.copy(src, target)
    before = content(target)
    text = import_all(target, converted, capsys)
    assert text.count("新增 0　更新 0") == 4 and "错误 0" in text, text
    assert content(target) == before
    assert date.fromisoformat(TODAY)
