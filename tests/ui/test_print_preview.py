"""The one preview-and-print window: a document written off the UI thread appears with its
pages; printing to Qt's PDF printer and 另存为PDF keep the text (pdftotext finds it)."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def wait_ready(qtbot, win):
    qtbot.waitUntil(lambda: win.pages > 0, timeout=30000)
    return win


@pytest.fixture
def people_preview(main_window, qtbot):
    main_window.nav.setCurrentRow(list(main_window.pages()).index("ui.people.page"))
    win = main_window.print_current()
    qtbot.addWidget(win)
    return wait_ready(qtbot, win)


def test_ctrl_p_on_a_table_previews_the_table_as_a_list(people_preview):
    win = people_preview
    assert win.windowTitle() == "打印预览 — 党员与发展对象名单" or "名单" in win.windowTitle()
    assert win.thumbs.count() == win.pages >= 1
    assert win.print_btn.isEnabled() and win.save_btn.isEnabled()
    text = pdf_text(win.path)
    assert "张伟 33010219850302011X" in text and "党员与发展对象名单" in text


def test_printing_to_a_pdf_printer_keeps_the_text(people_preview, tmp_path):
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(out))
    assert people_preview.print_to(printer) == "pdf"
    text = pdf_text(out)
    assert "张伟" in text and "名单" in text
    # a picture of each page would have no text at all (the old way gave 12.5 MB of images)
    assert out.stat().st_size < 400_000


def test_save_as_pdf_keeps_the_text(people_preview, tmp_path):
    out = people_preview.save_pdf(str(tmp_path / "名单"))
    assert out.endswith(".pdf") and "张伟" in pdf_text(out)


def test_thumbnails_jump_and_a_new_zoom_keeps_the_page(qtbot, tmp_path):
    from reportlab.pdfgen import canvas

    from ui.printing import open_preview
    from ui.printing.job import ready

    pdf = tmp_path / "five.pdf"
    c = canvas.Canvas(str(pdf))
    for n in range(5):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    win = open_preview(None, ready("五页", pdf))
    qtbot.addWidget(win)
    win.resize(1200, 420)  # wide and low: fitting the width zooms far more than the page
    wait_ready(qtbot, win)
    assert win.pages == 5 and win.thumbs.count() == 5
    win.thumbs.setCurrentRow(3)
    nav = win.view.pageNavigator()
    qtbot.waitUntil(lambda: nav.currentPage() == 3)
    assert win.page_label.text() == "第 4 / 5 页"
    bar = win.view.verticalScrollBar()

    def where() -> float:  # how far down the document the view is (0 … 1)
        return bar.value() / (bar.maximum() + bar.pageStep())

    assert abs(where() - 3 / 5) < 0.05
    win.zoom.setCurrentIndex(win.zoom.findData("width"))
    qtbot.wait(200)
    # still at the fourth page, though the document is now several times taller
    assert bar.maximum() > 0 and abs(where() - 3 / 5) < 0.05


def test_the_cups_command_names_printer_copies_pages_and_sides():
    from pathlib import Path

    from ui.printing.output import lp_args

    cmd = lp_args(
        "HP_LaserJet",
        Path("/tmp/book.pdf"),
        title="星光2026年工作纪实",
        copies=2,
        pages=(2, 5, 16),
        sides="two-sided-long-edge",
        grey=True,
    )
    assert cmd == [
        "lp", "-d", "HP_LaserJet", "-n", "2", "-t", "星光2026年工作纪实",
        "-o", "collate=true", "-o", "page-ranges=2-5", "-o", "sides=two-sided-long-edge",
        "-o", "print-color-mode=monochrome", "--", "/tmp/book.pdf",
    ]  # fmt: skip
    # all pages: no range option at all
    assert "page-ranges=1-16" not in " ".join(
        lp_args("P", Path("x.pdf"), title="t", pages=(1, 16, 16))
    )
