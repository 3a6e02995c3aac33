"""备份与恢复: the backups with dates and record counts; back up now; choose the folder (a USB
stick); how many to keep; restore the selected one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from partydesk import backup
from partydesk.errors import PartyDeskError
from partydesk.ledger import Ledger
from ui.errors import show_error


def refresh_pages(window) -> None:
    for page in getattr(window.ctx, "pages", {}).values():
        fn = getattr(page, "refresh", None)
        if callable(fn):
            fn()


# ---- the backup dialog ------------------------------------------------------------------------


class BackupListModel(QAbstractTableModel):
    HEADERS = [
        QT_TRANSLATE_NOOP("BackupListModel", "时间"),
        QT_TRANSLATE_NOOP("BackupListModel", "原因"),
        QT_TRANSLATE_NOOP("BackupListModel", "人员"),
        QT_TRANSLATE_NOOP("BackupListModel", "党组织"),
        QT_TRANSLATE_NOOP("BackupListModel", "两新组织"),
        QT_TRANSLATE_NOOP("BackupListModel", "记录总数"),
        QT_TRANSLATE_NOOP("BackupListModel", "大小"),
        QT_TRANSLATE_NOOP("BackupListModel", "文件"),
    ]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[backup.BackupInfo] = []

    def set_items(self, items) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            role == Qt.DisplayRole
            and orientation == Qt.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        b = self.items[index.row()]
        c = index.column()
        if role == Qt.DisplayRole:
            if c == 0:
                return f"{b.created:%Y-%m-%d %H:%M:%S}"
            if c == 1:
                return b.reason_label
            if c in (2, 3, 4):
                return str(b.counts.get(("person", "organization", "unit")[c - 2], 0))
            if c == 5:
                return str(b.total)
            if c == 6:
                return (
                    f"{b.size / 1024 / 1024:.1f} MB"
                    if b.size >= 1024 * 1024
                    else f"{max(1, b.size // 1024)} KB"
                )
            if c == 7:
                return b.path.name
        if role == Qt.ToolTipRole:
            return str(b.path)
        if role == Qt.TextAlignmentRole and 2 <= c <= 6:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class BackupDialog(QDialog):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("backupDialog")
        self.window_ = window
        self.ledger: Ledger = window.ctx.ledger
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(900, 460)

        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        change = QPushButton(self.tr("更换文件夹…"))
        change.clicked.connect(self.choose_folder)
        open_btn = QPushButton(self.tr("打开文件夹"))
        open_btn.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder())))
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("备份文件夹：")))
        top.addWidget(self.folder_label, 1)
        top.addWidget(change)
        top.addWidget(open_btn)

        self.model = BackupListModel(self)
        self.view = QTableView()
        self.view.setObjectName("backupView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.restore_selected())

        cfg = backup.config(self.ledger)
        self.daily = QSpinBox()
        self.weekly = QSpinBox()
        self.monthly = QSpinBox()
        keep = QHBoxLayout()
        keep.addWidget(QLabel(self.tr("保留：最近")))
        for spin, key, unit in (
            (self.daily, "daily", self.tr("天每天一份，")),
            (self.weekly, "weekly", self.tr("周每周一份，")),
            (self.monthly, "monthly", self.tr("个月每月一份")),
        ):
            spin.setRange(0, 365)
            spin.setValue(int(cfg[key]))
            keep.addWidget(spin)
            keep.addWidget(QLabel(unit))
        save_keep = QPushButton(self.tr("保存"))
        save_keep.clicked.connect(self.save_keep)
        keep.addWidget(save_keep)
        keep.addStretch(1)

        self.backup_btn = QPushButton(self.tr("立即备份"))
        self.backup_btn.setObjectName("backupNow")
        self.backup_btn.clicked.connect(self.backup_now)
        self.restore_btn = QPushButton(self.tr("恢复所选备份…"))
        self.restore_btn.setObjectName("restoreSelected")
        self.restore_btn.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_btn)
        buttons.addWidget(self.restore_btn)
        buttons.addStretch(1)
        buttons.addWidget(close)
        if self.ledger.readonly:
            for w in (self.restore_btn, change, save_keep):
                w.setEnabled(False)
                w.setToolTip(self.tr("账本以只读方式打开"))

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(keep)
        lay.addLayout(buttons)
        self.reload()

    def folder(self) -> Path:
        return backup.backup_folder(self.ledger.path, backup.config(self.ledger))

    def reload(self) -> None:
        self.folder_label.setText(str(self.folder()))
        self.model.set_items(backup.list_backups(self.ledger.path, self.folder()))
        self.restore_btn.setEnabled(not self.ledger.readonly and self.model.rowCount() > 0)

    def _status(self, text: str) -> None:
        ctx = getattr(self.window_, "ctx", None)
        if ctx is not None:
            ctx.status(text)

    def backup_now(self) -> None:
        from ui.tasks import run_task

        self.backup_btn.setEnabled(False)

        def done(info):
            self.backup_btn.setEnabled(True)
            self.reload()
            self._status(self.tr("已备份：") + str(info.path))

        def failed(exc):
            self.backup_btn.setEnabled(True)
            show_error(self, exc)

        run_task(
            self,
            self.tr("正在备份…"),
            lambda _t: backup.make_backup(self.ledger, "manual"),
            on_done=done,
            on_error=failed,
            cancellable=False,
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择备份文件夹（可以是U盘）"), str(self.folder())
        )
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> None:
        try:
            backup.save_config(self.ledger, folder=folder)
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.reload()

    def save_keep(self) -> None:
        try:
            backup.save_config(
                self.ledger,
                daily=self.daily.value(),
                weekly=self.weekly.value(),
                monthly=self.monthly.value(),
            )
        except PartyDeskError as e:
            show_error(self, e)
            return
        self._status(self.tr("备份保留份数已保存。"))

    def selected(self) -> backup.BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def restore_selected(self, confirm: bool = True) -> bool:
        b = self.selected()
        if b is None:
            QMessageBox.information(self, self.tr("恢复"), self.tr("请先在列表中选中一份备份。"))
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("恢复备份"),
                self.tr(
                    "用 %1 的备份（%2）替换当前账本的全部内容？\n\n"
                    "恢复前会先自动备份当前账本，恢复之后仍可再恢复回来。"
                )
                .replace("%1", f"{b.created:%Y-%m-%d %H:%M}")
                .replace("%2", b.summary()),
                QMessageBox.Yes | QMessageBox.No,
                QMessageBox.No,
            )
            if answer != QMessageBox.Yes:
                return False
        from ui.tasks import run_task

        def done(safety):
            refresh_pages(self.window_)
            self.reload()
            self._status(self.tr("已恢复备份；恢复前的账本已备份为 ") + safety.path.name)

        run_task(
            self,
            self.tr("正在恢复备份…"),
            lambda _t: backup.restore(self.ledger, b.path),
            on_done=done,
            on_error=lambda exc: show_error(self, exc),
            cancellable=False,
        )
        return True
