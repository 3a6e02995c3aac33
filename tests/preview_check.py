"""What every document's preview test does: wait for the preview window's pages, print
them to Qt's PDF printer, and read the printed file's text back with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def printed_text(qtbot, win, out: Path, timeout: int = 60000) -> str:
    from PySide6.QtPrintSupport import QPrinter

    qtbot.waitUntil(lambda: win.pages > 0, timeout=timeout)
    assert win.thumbs.count() == win.pages
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(out))
    assert win.print_to(printer) == "pdf"
    return pdf_text(out)
