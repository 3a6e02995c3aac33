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
