"""The records page's book tab: build the work-record book off the UI thread into a preview,
save it as PDF, print it."""

from __future__ import annotations

import uuid as uuid_mod
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox


class BookActions:
    """Mixed into RecordsPage, whose book tab holds the widgets used here (org_box, year,
    a5, blank, build_btn, book_info, tabs, pdf_doc) and whose `org_id` is the organization."""

    # ---- the book ----
    def _book_job(self, target: Path):
        ledger = self.ctx.ledger
        org_id, year = self.org_id, self.year.value()
        a5, blank = self.a5.isChecked(), self.blank.isChecked()

        def job(task):
            from partydesk.reports.book import write_book

            class Cancelled(Exception):
                pass

            def progress(f, text):
                if task.cancelled:
                    raise Cancelled
                task.progress(f, text)

            part = target.with_name(target.name + ".part")
            try:
                with ledger.Session() as s:
                    n = write_book(s, org_id, year, part, a5=a5, blank=blank, progress=progress)
                part.replace(target)
            except Cancelled:
                part.unlink(missing_ok=True)
                return None
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            return target, n

        return job

    def build_preview(self, on_ready=None) -> None:
        """Build the book into a temporary file off the UI thread, then show it."""
        if self.org_id is None and not self.blank.isChecked():
            return
        from ui.tasks import run_task

        target = Path(self._tmpdir.name) / f"book-{uuid_mod.uuid4().hex[:8]}.pdf"
        self.build_btn.setEnabled(False)

        def done(result):
            self.build_btn.setEnabled(True)
            if result is None:
                self.ctx.status(self.tr("已取消"))
                return
            path, n = result
            self.pdf_doc.close()
            old, self.pdf_path = self.pdf_path, path
            self.pdf_doc.load(str(path))
            if old is not None and old != path:
                old.unlink(missing_ok=True)
            self.book_info.setText(self.tr("共 %1 页").replace("%1", str(n)))
            self._update_buttons()
            if on_ready:
                on_ready(path)

        def failed(exc):
            self.build_btn.setEnabled(True)
            from ui.errors import show_error

            show_error(self, exc)

        self.tabs.setCurrentIndex(1)
        run_task(self, self.tr("正在生成工作纪实手册…"), self._book_job(target), done, failed)

    def default_filename(self) -> str:
        name = self.org_box.currentText() if self.org_id else ""
        if self.blank.isChecked():
            return f"{name or '空白'}工作纪实手册.pdf"
        return f"{name}{self.year.value()}年工作纪实.pdf"

    def save_pdf(self, path: str | None = None) -> None:
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("另存为 PDF"), self.default_filename(), self.tr("PDF 文件 (*.pdf)")
            )
            if not path:
                return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from ui.tasks import run_task

        def done(result):
            if result is not None:
                self.ctx.status(self.tr("已保存：") + str(result[0]))

        run_task(self, self.tr("正在生成工作纪实手册…"), self._book_job(Path(path)), done)

    def print_book(self) -> None:
        if self.pdf_path is None or self.pdf_doc.pageCount() == 0:
            self.build_preview(on_ready=lambda _p: self.print_book())
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.default_filename())
        printer.setFromTo(1, self.pdf_doc.pageCount())
        dlg = QPrintDialog(printer, self)
        dlg.setOptions(dlg.options() | QPrintDialog.PrintPageRange)
        if dlg.exec() != QPrintDialog.Accepted:
            return
        self.render_to(printer)

    def render_to(self, printer) -> None:
        """Paint the PDF pages onto a QPrinter (or any paged device) at its resolution."""
        first = max(1, printer.fromPage() or 1)
        last = printer.toPage() or self.pdf_doc.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("打印"), self.tr("无法开始打印，请检查打印机。"))
            return
        try:
            for n in range(first - 1, last):
                if n > first - 1:
                    printer.newPage()
                rect = painter.viewport()
                pts = self.pdf_doc.pagePointSize(n)
                scale = min(rect.width() / pts.width(), rect.height() / pts.height())
                target = QRect(0, 0, int(pts.width() * scale), int(pts.height() * scale))
                # Rasterise at no more than 300 dpi: sharp on paper, and a 1200-dpi
                # printer does not need a 140-megapixel image per page.
                dpi = min(300, printer.resolution() or 300)
                size = QSize(int(pts.width() / 72 * dpi), int(pts.height() / 72 * dpi))
                painter.drawImage(target, self.pdf_doc.render(n, size))
        finally:
            painter.end()
