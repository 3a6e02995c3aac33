"""The records page's book tab: build the work-record book off the UI thread into a preview,
save it as PDF, print it."""

from __future__ import annotations

import uuid as uuid_mod
from pathlib import Path

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
            return self.tr("%1工作纪实手册.pdf").replace("%1", name or self.tr("空白"))
        return (
            self.tr("%1%2年工作纪实.pdf").replace("%1", name).replace("%2", str(self.year.value()))
        )

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

    def print_book(self):
        """The built book in the preview window (built first if need be)."""
        if self.pdf_path is None or self.pdf_doc.pageCount() == 0:
            self.build_preview(on_ready=lambda _p: self.print_book())
            return None
        from ui.printing import open_preview
        from ui.printing.job import ready

        name = Path(self.default_filename()).stem
        job = ready(name, self.pdf_path, self.pdf_doc.pageCount())
        job.filename = self.default_filename()
        self.preview = open_preview(self.window(), job)
        return self.preview

    print_current = print_book

    def render_to(self, printer) -> None:
        """Send the built book to a QPrinter set up by a print dialog (from..to pages): as
        the PDF itself for a PDF file or a CUPS printer, else page images at its resolution."""
        from partydesk.errors import PartyDeskError
        from ui.printing import output

        if printer.fromPage() > 0:
            printer.setPrintRange(printer.PrintRange.PageRange)
        try:
            output.send(printer, self.pdf_path, self.pdf_doc.pageCount(), self)
        except PartyDeskError as e:
            QMessageBox.warning(self, self.tr("打印"), str(e))
