"""工具 → 账本检查: what `partydesk check` reports, as a list grouped by kind. The check runs
off the UI thread; double-clicking a finding (or Enter) shows its record in its table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ui.tasks import run_task
from ui.widgets.colors import cell

# the table a finding is about → the page that shows it
PAGES = {"person": "ui.people.page", "unit": "ui.units.page", "organization": "ui.orgs.page"}
_FINDING = Qt.UserRole + 1


def install(window) -> QAction:
    act = QAction(QCoreApplication.translate("MainWindow", "账本检查(&C)…"), window)
    act.setObjectName("checkAction")
    act.setShortcut(QKeySequence("Ctrl+Shift+K"))
    act.setStatusTip(
        QCoreApplication.translate(
            "MainWindow", "检查身份证号、信用代码、发展党员日期、组织设置等，列出需要处理的问题"
        )
    )
    act.triggered.connect(lambda: open_check(window))
    window.tools_menu.addAction(act)
    window.check_action = act

    def sync() -> None:
        act.setEnabled(window.ctx.ledger is not None)

    sync()
    window.ledger_changed.connect(sync)
    return act


def open_check(window) -> CheckDialog | None:
    if window.ctx.ledger is None:
        return None
    dlg = CheckDialog(window)
    dlg.setAttribute(Qt.WA_DeleteOnClose)
    dlg.show()
    dlg.start()
    return dlg


class CheckDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("checkDialog")
        self.setWindowTitle(self.tr("账本检查"))
        self.resize(900, 600)
        self.summary = QLabel(self.tr("正在检查…"))
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("问题"), self.tr("条数")])
        self.tree.setColumnWidth(0, 720)
        self.tree.itemActivated.connect(self.open_item)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(QLabel(self.tr("双击一条（或按回车）可在表格中打开该记录。")))
        lay.addWidget(buttons)
        self.report = None

    def start(self) -> None:
        ledger = self.window_.ctx.ledger

        def work(task):
            from partydesk.check import run_checks

            with ledger.Session() as s:
                return run_checks(s)

        def failed(exc):
            from ui.errors import describe

            self.summary.setText(self.tr("检查未完成：") + (describe(exc) or str(exc)))

        self.task = run_task(
            self, self.tr("正在检查账本…"), work, self.show_report, failed, cancellable=False
        )

    def show_report(self, report) -> None:
        from partydesk.check import INTEGRITY

        self.report = report
        self.tree.clear()
        if report.clean:
            self.summary.setText(self.tr("检查完毕，没有发现问题。"))
            return
        total = len(report.findings)
        if report.integrity_ok:
            text = (
                self.tr("共发现 %1 个需要处理的问题，分 %2 类。")
                .replace("%1", str(total))
                .replace("%2", str(len(report.groups())))
            )
        else:
            text = self.tr(
                "账本文件有损坏（完整性错误）。请先从“文件 → 备份与恢复”恢复最近的完好备份。"
            )
        self.summary.setText(text)
        for kind, title, findings in report.groups():
            group = QTreeWidgetItem(self.tree, [title, str(len(findings))])
            group.setData(0, Qt.UserRole, kind)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            if findings[0].severity == INTEGRITY:
                group.setForeground(0, QBrush(cell("error")))
            for f in findings:
                item = QTreeWidgetItem(group, [f.text, ""])
                item.setData(0, _FINDING, f)
        if len(report.groups()) <= 3:
            self.tree.expandAll()

    def open_item(self, item: QTreeWidgetItem, _column: int = 0) -> bool:
        """Show the record the finding is about in its page; False when it has none."""
        f = item.data(0, _FINDING)
        if f is None or f.record_id is None or f.table not in PAGES:
            return False
        win = self.window_
        name = PAGES[f.table]
        page = win.page(name)
        if page is None:
            return False
        win.nav.setCurrentRow(list(win.pages()).index(name))
        page.model.wait_complete()
        page.select_id(f.record_id)
        return True
