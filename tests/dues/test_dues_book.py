"""The work-record book's 党费收缴 pages, read back from the PDF."""

from __future__ import annotations

import subprocess
from datetime import date

from partydesk.dues import figures, payments
from partydesk.dues import months as mo
from partydesk.ledger.models import Person
from partydesk.reports.book import write_book

from .conftest import TODAY


def _text(path, first=None, last=None) -> str:
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _row(text: str, name: str) -> list[str]:
    return next(
        x.split()
        for x in text.splitlines()
        if x.split()[:1] and x.split()[0].isdigit() and name in x
    )


def test_book_prints_the_dues_pages(branch, tmp_path):
    ledger, org, ids = branch
    with ledger.session() as s:
        for name in ("张伟", "李娜", "王芳", "陈静", "周敏"):
            p = s.get(Person, ids[name])
            for k in mo.year_months(2026):
                try:
                    payments.pay(s, p, k, paid_on=date(2026, 12, 20), today=TODAY)
                except Exception:  # noqa: BLE001 - months the member owes nothing for
                    pass
        out = tmp_path / "book.pdf"
        write_book(s, org, 2026, out)
    txt = _text(out)
    assert "党费收缴" in txt.split("党费收缴情况")[0]  # in the contents too
    page = txt[txt.index("2026年1—6月党费收缴情况") - 400 :]
    assert "党员 6 人，全年应交 4114.40 元，实交" in page
    # The book counts as late the months that have ended by the day it is printed.
    through = figures.default_through(2026, date.today())
    assert f"截至{mo.label(through)}欠交 1 人（刘" in page
    first_half = page[: page.index("2026年7—12月党费收缴情况")]
    assert _row(first_half, "李娜")[1:] == [
        "李娜",
        "14.00",
        "—",
        "—",
        "—",
        "—",
        "—",
        "14.00",
        "14.00",
    ]
    assert _row(first_half, "刘洋")[1:] == ["刘洋", "25.00"] + ["未交"] * 6 + ["0.00"]
    second = page[page.index("2026年7—12月党费收缴情况") :]
    assert _row(second, "王芳")[1:] == [
        "王芳",
        "90.00",
        "90.00",
        "90.00",
        "90.00",
        "—",
        "—",
        "—",
        "270.00",
    ]
    total = next(x for x in second.splitlines() if x.strip().startswith("合计"))
    dec = 4200 + 1400 + 20 + 24000  # 刘洋 unpaid, 王芳 gone
    assert total.split()[6] == f"{dec // 100}.{dec % 100:02d}"


def test_blank_book_has_empty_dues_forms(tmp_path):
    out = tmp_path / "blank.pdf"
    write_book(None, None, 2026, out, blank=True)
    txt = _text(out)
    assert "1—6月党费收缴情况" in txt and "每月应交" in txt and "经办人" in txt
