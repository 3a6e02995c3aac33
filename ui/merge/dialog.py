"""文件 → 合并乡镇账本…: merge township ledger files into the open ledger, save the merge
report, export a township's own ledger, and decide the conflicts — each one's differing
fields side by side (本账本 | 乡镇账本), kept or taken whole or field by field.

The merge and the export run off the UI thread; the pages are refreshed afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ui.tasks import run_task
from ui.widgets.rows import RowsModel, make_view


def install(window) -> QAction:
    act = QAction(QCoreApplication.translate("MainWindow", "合并乡镇账本(&M)…"), window)
    act.setObjectName("mergeAction")
    act.setStatusTip(
        QCoreApplication.translate(
            "MainWindow", "把乡镇（街道）的账本文件合并到本账本，处理两边都改过的记录"
        )
    )
    act.triggered.connect(lambda: open_merge(window))
    window.add_file_action(act)
    window.merge_action = act

    def sync() -> None:
        ledger = window.ctx.ledger
        act.setEnabled(ledger is not None and not ledger.readonly)

    sync()
    window.ledger_changed.connect(sync)
    return act


def open_merge(window) -> MergeDialog | None:
    if window.ctx.ledger is None:
        return None
    dlg = MergeDialog(window)
    dlg.setAttribute(Qt.WA_DeleteOnClose)
    dlg.show()
    return dlg


class MergeDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("合并乡镇账本"))
        self.resize(1000, 600)
        self.results = []
        self.summary = QLabel(
            self.tr(
                "选择乡镇（街道）交回的账本文件合并到本账本：按记录的编号（UUID）对应，"
                "新记录加入，只有一边改过的采用改过的，两边都改过的列在下面由您决定。"
            )
        )
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.merge_btn = QPushButton(self.tr("选择账本并合并…"))
        self.merge_btn.setObjectName("mergeFiles")
        self.merge_btn.clicked.connect(self.choose_and_merge)
        self.report_btn = QPushButton(self.tr("保存合并报告…"))
        self.report_btn.setObjectName("mergeReport")
        self.report_btn.setEnabled(False)
        self.report_btn.clicked.connect(self.save_report)
        self.extract_btn = QPushButton(self.tr("导出乡镇账本…"))
        self.extract_btn.setObjectName("mergeExtract")
        self.extract_btn.clicked.connect(self.choose_and_extract)
        top = QHBoxLayout()
        for b in (self.merge_btn, self.report_btn, self.extract_btn):
            top.addWidget(b)
        top.addStretch(1)
        headers = [
            self.tr("冲突"),
            self.tr("表"),
            self.tr("记录"),
            self.tr("情况"),
            self.tr("字段"),
            self.tr("本账本"),
            self.tr("乡镇账本"),
            self.tr("来自"),
        ]
        self.model = RowsModel(headers, self)
        self.view = make_view(self.model, self)
        self.view.setObjectName("mergeConflicts")
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        for col, w in enumerate((50, 110, 130, 170, 110, 160, 160)):
            self.view.setColumnWidth(col, w)
        self.count = QLabel()
        self.count.setObjectName("mergeConflictCount")
        self.keep_btn = QPushButton(self.tr("保留本账本"))
        self.keep_btn.setObjectName("mergeKeep")
        self.keep_btn.clicked.connect(lambda: self.decide("keep"))
        self.take_btn = QPushButton(self.tr("采用乡镇账本"))
        self.take_btn.setObjectName("mergeTake")
        self.take_btn.clicked.connect(lambda: self.decide("take"))
        self.fields_btn = QPushButton(self.tr("只采用所选字段"))
        self.fields_btn.setObjectName("mergeTakeFields")
        self.fields_btn.clicked.connect(lambda: self.decide("take", by_field=True))
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        for b in (self.keep_btn, self.take_btn, self.fields_btn):
            row.addWidget(b)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(top)
        lay.addWidget(QLabel(self.tr("待决定的冲突（选中一行或几行，再按下面的按钮）：")))
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        lay.addWidget(buttons)
        self.load_conflicts()

    # ---------------------------------------------------------------- conflicts

    def load_conflicts(self) -> None:
        from partydesk.merge import listing

        with self.window_.ctx.ledger.Session() as s:
            conflicts = listing(s)
        rows, keys = [], []
        for c in conflicts:
            src = Path(c.source_path).name
            for d in c.differences or [None]:
                rows.append(
                    (
                        str(c.id),
                        c.table_label,
                        c.label,
                        c.kind_label,
                        d.label if d else "",
                        d.ours if d else "",
                        d.theirs if d else "",
                        src,
                    )
                )
                keys.append((c.id, d.field if d else None))
        self.model.set_rows(rows, keys)
        n = len(conflicts)
        self.count.setText(
            self.tr("共 %1 条冲突待决定。").replace("%1", str(n))
            if n
            else self.tr("没有待决定的冲突。")
        )
        for b in (self.keep_btn, self.take_btn, self.fields_btn):
            b.setEnabled(n > 0)

    def selected(self) -> dict[int, list[str]]:
        """{conflict id: fields of the selected rows}."""
        out: dict[int, list[str]] = {}
        for idx in self.view.selectionModel().selectedRows():
            cid, field = self.model.keys[idx.row()]
            out.setdefault(cid, [])
            if field:
                out[cid].append(field)
        return out

    def decide(self, choice: str, by_field: bool = False) -> None:
        from partydesk.errors import PartyDeskError
        from partydesk.merge import decide

        chosen = self.selected()
        if not chosen:
            QMessageBox.information(
                self, self.tr("合并乡镇账本"), self.tr("请先选中要决定的冲突。")
            )
            return
        done = []
        try:
            for cid, fields in chosen.items():
                done.append(
                    decide(self.window_.ctx.ledger, cid, choice, fields if by_field else None)
                )
        except PartyDeskError as e:
            from ui.errors import show_error

            show_error(self, e)
        if done:
            self.window_.statusBar().showMessage("；".join(done), 8000)
        self.load_conflicts()
        self._refresh_pages()

    # ---------------------------------------------------------------- merging

    def choose_and_merge(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择要合并的乡镇账本"),
            "",
            self.tr("PartyDesk 账本 (*.partydesk);;所有文件 (*)"),
        )
        if files:
            self.merge_files(files)

    def merge_files(self, files: list[str]):
        ledger = self.window_.ctx.ledger
        doing = self.tr("正在合并 %1…")

        def work(task):
            from partydesk.merge import merge

            out = []
            for k, f in enumerate(files):
                task.progress(k / len(files), doing.replace("%1", Path(f).name))
                out.append(merge(ledger, f))
            return out

        def failed(exc):
            from ui.errors import show_error

            show_error(self, exc)

        self.task = run_task(
            self, self.tr("正在合并乡镇账本…"), work, self.show_results, failed, cancellable=False
        )
        return self.task

    def show_results(self, results) -> None:
        self.results = results
        lines = [f"{r.source_path.name}：{r.summary()}" for r in results]
        self.summary.setText(self.tr("合并完成。") + "\n" + "\n".join(lines))
        self.report_btn.setEnabled(bool(results))
        self.load_conflicts()
        self._refresh_pages()

    def save_report(self, path: str | None = None) -> Path | None:
        from partydesk.merge.report import write_report

        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("保存合并报告"),
                self.tr("合并报告.xlsx"),
                self.tr("Excel 文件 (*.xlsx)"),
            )
        if not path:
            return None
        written = write_report(self.results, path)
        self.window_.statusBar().showMessage(self.tr("合并报告已保存：") + str(written), 8000)
        return written

    # ---------------------------------------------------------------- extracting

    def streets(self) -> list[str]:
        from sqlalchemy import select

        from partydesk.ledger.models import Unit

        with self.window_.ctx.ledger.Session() as s:
            q = select(Unit.street).where(Unit.street.is_not(None)).distinct().order_by(Unit.street)
            return [x for x in s.scalars(q) if x]

    def choose_and_extract(self) -> None:
        streets = self.streets()
        if not streets:
            QMessageBox.information(
                self, self.tr("导出乡镇账本"), self.tr("账本中的两新组织都没有填所在街道。")
            )
            return
        street, ok = QInputDialog.getItem(
            self,
            self.tr("导出乡镇账本"),
            self.tr("导出哪个街道（乡镇）的账本："),
            streets,
            0,
            False,
        )
        if not ok:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存乡镇账本"),
            f"{street}.partydesk",
            self.tr("PartyDesk 账本 (*.partydesk);;所有文件 (*)"),
        )
        if path:
            self.extract_to(street, path)

    def extract_to(self, street: str, path: str):
        ledger = self.window_.ctx.ledger

        def work(_task):
            from partydesk.merge import extract

            return extract(ledger, street, path)

        def done(r) -> None:
            self.summary.setText(
                self.tr("已导出 %1 的账本：%2（%3）。乡镇使用后交回，在这里合并。")
                .replace("%1", r.street)
                .replace("%2", str(r.path))
                .replace("%3", r.summary())
            )

        def failed(exc):
            from ui.errors import show_error

            show_error(self, exc)

        self.task = run_task(
            self, self.tr("正在导出乡镇账本…"), work, done, failed, cancellable=False
        )
        return self.task

    def _refresh_pages(self) -> None:
        fn = getattr(self.window_, "refresh_pages", None)
        if callable(fn):
            fn()
