"""Sending a finished PDF to where the print dialog pointed, keeping it a PDF wherever the
platform lets us:

- 打印到文件 (Qt's PDF printer): the pages chosen are copied out of our own PDF, so the
  saved file keeps its text, fonts and vector lines (it is not a picture of each page);
- a printer on Linux/macOS: the PDF goes to CUPS with `lp` (CUPS renders PDF itself, at
  the printer's resolution), with the copies, page range, duplex and colour chosen;
- otherwise (Windows, or no `lp`): each page is rendered at the printer's resolution
  (at most 600 dpi) and painted onto the printer — QtPdf cannot draw a page as vectors.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from partydesk.errors import PartyDeskError

MAX_DPI = 600


def page_range(printer: QPrinter, pages: int) -> tuple[int, int]:
    """The first and last page (1-based) the dialog chose, within the document."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(pages, printer.toPage() or pages)
        return first, max(first, last)
    return 1, pages


def copy_pages(pdf: Path, target: str | Path, first: int, last: int, pages: int) -> None:
    """Write pages first..last of `pdf` to `target` as PDF (the whole file when all)."""
    target = Path(target)
    if first == 1 and last >= pages:
        shutil.copyfile(pdf, target)
        return
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    reader = PdfReader(str(pdf))
    for n in range(first - 1, min(last, len(reader.pages))):
        writer.add_page(reader.pages[n])
    with open(target, "wb") as f:
        writer.write(f)


def lp_command(printer: QPrinter, pdf: Path, first: int, last: int, pages: int) -> list[str]:
    """The CUPS command that prints `pdf` as the dialog chose."""
    sides = {
        QPrinter.DuplexMode.DuplexNone: "one-sided",
        QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
        QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
    }.get(printer.duplex())
    return lp_args(
        printer.printerName(),
        pdf,
        title=printer.docName() or pdf.stem,
        copies=printer.copyCount(),
        collate=printer.collateCopies(),
        pages=(first, last, pages),
        sides=sides,
        grey=printer.colorMode() == QPrinter.ColorMode.GrayScale,
    )


def lp_args(
    name: str,
    pdf: Path,
    *,
    title: str,
    copies: int = 1,
    collate: bool = True,
    pages: tuple[int, int, int] = (1, 1, 1),
    sides: str | None = None,
    grey: bool = False,
) -> list[str]:
    """`lp` arguments: printer, copies, title, the page range when not all, duplex, grey."""
    first, last, total = pages
    cmd = ["lp", "-d", name, "-n", str(max(1, copies)), "-t", title]
    if copies > 1:
        cmd += ["-o", "collate=" + ("true" if collate else "false")]
    if first > 1 or last < total:
        cmd += ["-o", f"page-ranges={first}-{last}"]
    if sides:
        cmd += ["-o", f"sides={sides}"]
    if grey:
        cmd += ["-o", "print-color-mode=monochrome"]
    return [*cmd, "--", str(pdf)]


def way(printer: QPrinter) -> str:
    """How `printer` will be fed: "pdf" (a file), "cups" (lp) or "raster"."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return "pdf"
    if sys.platform != "win32" and printer.printerName() and shutil.which("lp"):
        return "cups"
    return "raster"


def send(
    printer: QPrinter, pdf: Path, pages: int, parent: QWidget | None = None, how: str | None = None
) -> str:
    """Print `pdf` (of `pages` pages) on `printer` as set up by the print dialog; returns
    the way used. Raises PartyDeskError with a Chinese reason when it could not."""
    how = how or way(printer)
    first, last = page_range(printer, pages)
    if how == "pdf":
        out = printer.outputFileName()
        if not out:
            raise PartyDeskError(
                QCoreApplication.translate("Printing", "没有指定要保存的PDF文件。")
            )
        copy_pages(pdf, out, first, last, pages)
    elif how == "cups":
        cmd = lp_command(printer, pdf, first, last, pages)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise PartyDeskError(
                QCoreApplication.translate("Printing", "无法把文档交给打印系统：") + str(e)
            ) from e
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip()
            raise PartyDeskError(
                QCoreApplication.translate("Printing", "打印机没有接受打印任务：") + reason
            )
    else:
        _raster(printer, pdf, first, last, parent)
    return how


def _raster(printer: QPrinter, pdf: Path, first: int, last: int, parent) -> None:
    """Paint each page as an image at the printer's resolution, with a progress dialog."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(pdf))
    painter = QPainter()
    if not painter.begin(printer):
        raise PartyDeskError(
            QCoreApplication.translate("Printing", "无法开始打印，请检查打印机是否连接、是否有纸。")
        )
    dlg = QProgressDialog(
        QCoreApplication.translate("Printing", "正在发送到打印机…"),
        QCoreApplication.translate("Printing", "取消"),
        0,
        last - first + 1,
        parent,
    )
    dlg.setWindowModality(Qt.WindowModal)
    dlg.setMinimumDuration(400)
    try:
        dpi = min(MAX_DPI, printer.resolution() or 300)
        for k, n in enumerate(range(first - 1, last)):
            if dlg.wasCanceled():
                printer.abort()
                break
            if k:
                printer.newPage()
            rect = painter.viewport()
            pts = doc.pagePointSize(n)
            scale = min(rect.width() / pts.width(), rect.height() / pts.height())
            target = QRect(0, 0, int(pts.width() * scale), int(pts.height() * scale))
            size = QSize(int(pts.width() / 72 * dpi), int(pts.height() / 72 * dpi))
            painter.drawImage(target, doc.render(n, size))
            dlg.setValue(k + 1)
            QCoreApplication.processEvents()
    finally:
        painter.end()
        dlg.close()
        doc.close()
