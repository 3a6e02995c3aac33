"""The preview-and-print window: the document is written in a worker thread (progress bar
and 取消 in the window itself, the window usable at once), then shown page by page with
thumbnails (rendered in QtPdf's own thread) and zoom; 打印… (Ctrl+P) and 另存为PDF…
(Ctrl+S) hand the same PDF on, so what is printed is what was previewed."""

from __future__ import annotations

import shutil
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partydesk import tempfiles
from ui.printing import output
from ui.printing.job import Cancelled, PrintJob
from ui.tasks import Task

THUMB = QSize(110, 156)  # an A4 page's proportions
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class PreviewWindow(QDialog):
    """Preview of one document; `ready` tells when its pages are shown."""

    def __init__(self, parent: QWidget | None, job: PrintJob):
        super().__init__(parent, Qt.Window)
        self.job = job
        self.setObjectName("printPreview")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("打印预览 — ") + job.title)
        self.pages = 0
        self.path: Path | None = None
        self.task: Task | None = None
        self._dir = tempfiles.new_dir("print")
        self.doc = QPdfDocument(self)
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(self.doc)
        self.renderer.pageRendered.connect(self._thumb_rendered)

        self.print_btn = QPushButton(self.tr("打印…"))
        self.print_btn.setToolTip(self.tr("打印 (Ctrl+P)"))
        self.print_btn.clicked.connect(self.print_document)
        self.save_btn = QPushButton(self.tr("另存为PDF…"))
        self.save_btn.setToolTip(self.tr("保存为PDF文件，文字可搜索、可复制 (Ctrl+S)"))
        self.save_btn.clicked.connect(lambda: self.save_pdf())
        self.zoom = QComboBox()
        self.zoom.addItem(self.tr("适合页面"), "page")
        self.zoom.addItem(self.tr("适合宽度"), "width")
        for z in ZOOMS:
            self.zoom.addItem(f"{int(z * 100)}%", z)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.page_label = QLabel()
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        for w in (self.print_btn, self.save_btn, QLabel(self.tr("缩放：")), self.zoom):
            top.addWidget(w)
        top.addWidget(self.page_label, 1, Qt.AlignCenter)
        top.addWidget(close)

        self.status = QLabel(self.tr("正在生成“%1”…").replace("%1", job.title))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_btn = QPushButton(self.tr("取消"))
        self.cancel_btn.clicked.connect(self.cancel)
        prog = QHBoxLayout()
        prog.addWidget(self.status, 1)
        prog.addWidget(self.bar, 1)
        prog.addWidget(self.cancel_btn)

        self.thumbs = QListWidget()
        self.thumbs.setObjectName("thumbnails")
        self.thumbs.setViewMode(QListView.IconMode)
        self.thumbs.setFlow(QListView.TopToBottom)
        self.thumbs.setMovement(QListView.Static)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setUniformItemSizes(True)
        self.thumbs.setFixedWidth(THUMB.width() + 40)
        self.thumbs.currentRowChanged.connect(self._go_to)
        self.view = QPdfView()
        self.view.setObjectName("preview")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.thumbs)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(prog)
        lay.addWidget(split, 1)
        for keys, slot in (
            (QKeySequence.Print, self.print_document),
            (QKeySequence.Save, lambda: self.save_pdf()),
            (QKeySequence.ZoomIn, lambda: self._step_zoom(1)),
            (QKeySequence.ZoomOut, lambda: self._step_zoom(-1)),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)
        from ui.widgets.screen import fitting_size

        self.resize(fitting_size(self, 1000, 900))
        self._set_ready(False)

    # ------------------------------------------------------------ writing

    def start(self) -> None:
        """Write the document in a worker thread; the pages appear when it is done."""
        target = self._dir / _safe_name(self.job.filename)
        write = self.job.write

        def work(task: Task):
            def cancelled() -> bool:
                return task.cancelled

            try:
                pages = write(target, task.progress, cancelled)
            except Cancelled:
                return None
            if task.cancelled or pages is None and not target.exists():
                return None
            return target, pages

        self.task = task = Task(work)
        task.signals.progress.connect(self._progress)
        task.signals.done.connect(self._written)
        task.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(task)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancelled = True
            self.status.setText(self.tr("正在取消…"))
            self.cancel_btn.setEnabled(False)

    def _progress(self, fraction: float, text: str) -> None:
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if text:
            self.status.setText(text)

    def _written(self, result) -> None:
        self.task = None
        self.cancel_btn.hide()
        self.bar.hide()
        if result is None:
            self.status.setText(self.tr("已取消生成。"))
            return
        self.path, _pages = result
        self.doc.load(str(self.path))
        self.pages = self.doc.pageCount()
        self.status.setText(
            self.tr("共 %1 页。打印机会收到与预览相同的PDF。").replace("%1", str(self.pages))
        )
        self.thumbs.clear()
        # cells the shape of the first page: a landscape certificate in a portrait cell
        # left a tall empty highlight under its picture
        first = self.doc.pagePointSize(0).toSize() if self.pages else THUMB
        self.thumbs.setIconSize(first.scaled(THUMB, Qt.KeepAspectRatio))
        blank = QPixmap(self.thumbs.iconSize())
        blank.fill(Qt.white)
        for n in range(self.pages):
            item = QListWidgetItem(QIcon(blank), str(n + 1))
            item.setTextAlignment(Qt.AlignHCenter)
            self.thumbs.addItem(item)
            # a landscape list page as a landscape picture, not squeezed into A4's shape
            size = self.doc.pagePointSize(n).toSize().scaled(THUMB, Qt.KeepAspectRatio)
            self.renderer.requestPage(n, size)
        self.thumbs.setCurrentRow(0)
        self._set_ready(True)
        self._page_changed(0)

    def _failed(self, exc, tb: str) -> None:
        self.task = None
        self.cancel_btn.hide()
        self.bar.hide()
        self.status.setText(self.tr("生成失败。"))
        from ui.errors import show_error

        show_error(self, exc, tb)

    def _thumb_rendered(self, page: int, _size, image, _options, _request) -> None:
        item = self.thumbs.item(page)
        if item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    # ------------------------------------------------------------ viewing

    def _set_ready(self, on: bool) -> None:
        for w in (self.print_btn, self.save_btn, self.zoom):
            w.setEnabled(on)

    def _go_to(self, row: int) -> None:
        nav = self.view.pageNavigator()
        if row >= 0 and row != nav.currentPage():
            nav.jump(row, QPointF(), nav.currentZoom())

    def _scroll_to(self, page: int) -> None:
        if self.pages:
            bar = self.view.verticalScrollBar()
            bar.setValue(round((bar.maximum() + bar.pageStep()) * page / self.pages))

    def _page_changed(self, page: int) -> None:
        if self.pages:
            text = self.tr("第 %1 / %2 页").replace("%1", str(page + 1))
            self.page_label.setText(text.replace("%2", str(self.pages)))
        self.thumbs.blockSignals(True)
        self.thumbs.setCurrentRow(page)
        self.thumbs.blockSignals(False)

    def _zoom_changed(self, i: int) -> None:
        z = self.zoom.itemData(i)
        page = self.view.pageNavigator().currentPage()
        if z == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif z == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(z))
        # the view keeps its scroll position, not its page: bring the page back once the
        # new zoom is laid out (pages of one document share a size, so its share of the
        # scroll range is where it starts)
        QTimer.singleShot(0, lambda: self._scroll_to(page))

    def _step_zoom(self, step: int) -> None:
        i = self.zoom.currentIndex()
        if i < 2:  # from a fitted zoom: the nearest fixed one
            i = 2 + ZOOMS.index(1.0) - step
        self.zoom.setCurrentIndex(max(2, min(self.zoom.count() - 1, i + step)))

    # ------------------------------------------------------------ output

    def print_document(self) -> None:
        """The print dialog (Chinese, with printers, range, copies), then the PDF is sent."""
        if self.path is None:
            return
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(Path(self.job.filename).stem)
        printer.setFromTo(1, self.pages)
        dlg = QPrintDialog(printer, self)
        dlg.setOptions(dlg.options() | QPrintDialog.PrintPageRange)
        if dlg.exec() == QPrintDialog.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter, how: str | None = None) -> str | None:
        """Send the document to `printer` as its dialog set it up; returns the way used."""
        from partydesk.errors import PartyDeskError
        from ui.errors import show_error

        try:
            used = output.send(printer, self.path, self.pages, self, how)
        except PartyDeskError as e:
            show_error(self, e)
            return None
        if used == "pdf":
            self.status.setText(self.tr("已打印为PDF：") + printer.outputFileName())
        else:
            self.status.setText(self.tr("已发送到打印机：") + printer.printerName())
        self._output_done()
        return used

    def save_pdf(self, path: str | None = None) -> str | None:
        if self.path is None:
            return None
        if path is None:
            start = str(Path.home() / _safe_name(self.job.filename))
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("另存为PDF"), start, self.tr("PDF 文件 (*.pdf)")
            )
            if not path:
                return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        shutil.copyfile(self.path, path)
        self.status.setText(self.tr("已保存：") + path)
        self._output_done()
        return path

    def _output_done(self) -> None:
        if self.job.on_output is not None:
            self.job.on_output()

    def closeEvent(self, event) -> None:
        self.cancel()
        self.doc.close()
        shutil.rmtree(self._dir, ignore_errors=True)
        super().closeEvent(event)


def _safe_name(name: str) -> str:
    """A file name without the characters Windows refuses."""
    for ch in '\\/:*?"<>|':
        name = name.replace(ch, "－")
    return name if name.lower().endswith(".pdf") else name + ".pdf"


def open_preview(parent: QWidget | None, job: PrintJob) -> PreviewWindow:
    """Open the preview window for `job` and start writing the document."""
    win = PreviewWindow(parent, job)
    win.show()
    win.start()
    return win


def is_open(win: PreviewWindow | None) -> bool:
    return win is not None and shiboken6.isValid(win) and win.isVisible()
