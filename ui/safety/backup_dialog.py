"""What the GUI needs so that nothing is lost:

- `open_for_gui(path)`: open the ledger; a damaged ledger offers to restore the newest
  good backup; the optional start password; a notice when the ledger opened read-only
  (another PartyDesk holds it, or the file/folder is read-only).
- `install(window)`: a "备份与恢复…" entry in the File menu and, for a read-only ledger,
  "只读" in the title and a banner above the pages.
- `BackupDialog`: backups with dates and record counts; back up now; choose the folder
  (a USB stick); how many to keep; restore the selected one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from partydesk import applock, backup
from partydesk.errors import PartyDeskError
from partydesk.ledger import Ledger, open_ledger
from partydesk.ledger.db import LedgerDamagedError
from ui.errors import show_error

READONLY_MARK = "（只读）"


def _tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


# ---- opening -----------------------------------------------------------------------------


def open_for_gui(path, parent: QWidget | None = None, *, create: bool = True) -> Ledger | None:
    """Open the ledger for the window, talking to the user about damage, the password and
    read-only access. None when the user gave up (the program should then quit)."""
    for _attempt in range(3):
        try:
            ledger = open_ledger(path, create=create)
        except LedgerDamagedError as e:
            if offer_restore(parent, e):
                continue
            return None
        except PartyDeskError as e:
            QMessageBox.critical(parent, _tr("无法打开账本"), str(e))
            return None
        break
    else:
        return None
    return before_window(ledger, parent)


def before_window(ledger: Ledger, parent: QWidget | None = None) -> Ledger | None:
    """After opening, before the window shows the ledger: the start password, then a
    notice when it opened read-only, then any warning (e.g. the daily backup failed).
    Fits ui.app's BEFORE_WINDOW hooks: None means do not open (ledger closed)."""
    if not unlock(ledger, parent):
        ledger.close()
        return None
    if ledger.readonly:
        QMessageBox.information(parent, _tr("以只读方式打开"), ledger.readonly_reason)
    for w in ledger.warnings:
        QMessageBox.warning(parent, _tr("提醒"), w)
    return ledger


def offer_restore(parent: QWidget | None, err: LedgerDamagedError) -> bool:
    """Offer the newest good backup (or a file the user picks). True when restored."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(box.tr("账本已损坏"))
    box.setText(
        box.tr("账本文件已损坏：%1\n为保护数据，程序没有写入它。").replace("%1", str(err.path))
    )
    if err.backup is not None:
        info = (
            box.tr("最新的完好备份：%1（%2）。\n恢复时，损坏的文件会另存到备份文件夹，不会丢弃。")
            .replace("%1", f"{err.backup.created:%Y-%m-%d %H:%M}")
            .replace("%2", err.backup.summary())
        )
    else:
        info = box.tr(
            "没有找到完好的备份。可以选择一个备份文件，或把账本文件复制一份交给技术人员。"
        )
    box.setInformativeText(info)
    restore_btn = None
    if err.backup is not None:
        restore_btn = box.addButton(
            box.tr("恢复最新的完好备份（%1）").replace(
                "%1", f"{err.backup.created:%Y-%m-%d %H:%M}"
            ),
            QMessageBox.AcceptRole,
        )
    pick_btn = box.addButton(box.tr("选择备份文件…"), QMessageBox.ActionRole)
    box.addButton(box.tr("退出"), QMessageBox.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore_btn is not None and clicked is restore_btn:
        file = err.backup.path
    elif clicked is pick_btn:
        start = str(backup.backup_folder(err.path))
        file, _ = QFileDialog.getOpenFileName(
            parent, box.tr("选择备份文件"), start, box.tr("PartyDesk 账本 (*.partydesk)")
        )
        if not file:
            return False
    else:
        return False
    try:
        backup.restore(err.path, file)
    except PartyDeskError as e:
        show_error(parent, e)
        return False
    QMessageBox.information(
        parent,
        box.tr("已恢复"),
        box.tr("已从备份恢复账本：%1\n损坏的文件已另存到备份文件夹。").replace("%1", str(file)),
    )
    return True


class PasswordDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("PartyDesk 启动密码"))
        self.edit = QLineEdit()
        self.edit.setObjectName("password")
        self.edit.setEchoMode(QLineEdit.Password)
        self.message = QLabel(self.tr("请输入启动密码："))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addWidget(self.edit)
        lay.addWidget(buttons)


def unlock(
    ledger: Ledger, parent: QWidget | None = None, attempts: int = 3, dialog_factory=PasswordDialog
) -> bool:
    """Ask for the start password when one is set; True when it may open."""
    if not applock.is_set(ledger):
        return True
    dlg = dialog_factory(parent)
    for i in range(attempts):
        dlg.edit.clear()
        if dlg.exec() != QDialog.Accepted:
            return False
        if applock.check(ledger, dlg.edit.text()):
            return True
        left = attempts - i - 1
        dlg.message.setText(dlg.tr("密码不对，还可以试 %1 次：").replace("%1", str(left)))
    return False


class PasswordSetupDialog(QDialog):
    """设置启动密码: set, change or clear the start password of this ledger."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.setObjectName("passwordSetupDialog")
        self.ledger = ledger
        self.setWindowTitle(self.tr("启动密码"))
        self.has_password = applock.is_set(ledger)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for e, name in (
            (self.old, "oldPassword"),
            (self.new, "newPassword"),
            (self.again, "againPassword"),
        ):
            e.setEchoMode(QLineEdit.Password)
            e.setObjectName(name)
        self.error = QLabel()
        self.error.setObjectName("passwordError")
        self.error.setStyleSheet("QLabel { color: #b02a37; }")
        form = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "设置后，每次打开程序都要先输入密码。账本中只保存密码的加盐散列值，无法反查出密码，请牢记。"
            )
        )
        intro.setWordWrap(True)
        form.addWidget(intro)
        if self.has_password:
            form.addWidget(QLabel(self.tr("原密码：")))
            form.addWidget(self.old)
        form.addWidget(
            QLabel(self.tr("新密码（至少 %1 个字符）：").replace("%1", str(applock.MIN_LENGTH)))
        )
        form.addWidget(self.new)
        form.addWidget(QLabel(self.tr("再输入一次：")))
        form.addWidget(self.again)
        form.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.clear_btn = None
        if self.has_password:
            self.clear_btn = buttons.addButton(
                self.tr("取消启动密码"), QDialogButtonBox.DestructiveRole
            )
            self.clear_btn.clicked.connect(self.clear_password)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addWidget(buttons)

    def save(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        try:
            applock.set_password(
                self.ledger, self.new.text(), self.old.text() if self.has_password else None
            )
        except PartyDeskError as e:
            self.error.setText(str(e))
            return
        self.accept()

    def clear_password(self) -> None:
        try:
            applock.clear_password(self.ledger, self.old.text())
        except PartyDeskError as e:
            self.error.setText(str(e))
            return
        self.accept()


# ---- the window ------------------------------------------------------------------------------


def install(window: QMainWindow) -> None:
    """Add 备份与恢复… and 启动密码… to the File menu (above 退出) and keep them, the title
    and the read-only banner in step with the ledger shown. Safe to call more than once."""
    if getattr(window, "backup_action", None) is None:
        act = QAction(window.tr("备份与恢复(&B)…"), window)
        act.setObjectName("backupAction")
        act.setShortcut(QKeySequence("Ctrl+Shift+B"))
        act.triggered.connect(lambda: BackupDialog(window).exec())
        pw = QAction(window.tr("启动密码(&P)…"), window)
        pw.setObjectName("passwordAction")
        pw.triggered.connect(lambda: PasswordSetupDialog(window.ctx.ledger, window).exec())
        adder = getattr(window, "add_file_action", None)
        menu = getattr(window, "file_menu", None)
        if adder is not None:
            adder(act)
            adder(pw)
        elif menu is not None:
            acts = menu.actions()
            before = acts[-1] if acts else None  # 退出
            menu.insertAction(before, act)
            menu.insertAction(before, pw)
        window.backup_action = act
        window.password_action = pw
        window.readonly_banner = None
        sig = getattr(window, "ledger_changed", None)
        if sig is not None:
            sig.connect(lambda: _sync(window))
    _sync(window)


def _sync(window: QMainWindow) -> None:
    ledger = window.ctx.ledger
    window.backup_action.setEnabled(ledger is not None)
    window.password_action.setEnabled(ledger is not None and not ledger.readonly)
    if window.readonly_banner is not None:
        window.removeToolBar(window.readonly_banner)
        window.readonly_banner.deleteLater()
        window.readonly_banner = None
    if ledger is not None and ledger.readonly:
        mark_readonly(window, ledger.readonly_reason)


def mark_readonly(window: QMainWindow, reason: str) -> None:
    title = window.windowTitle()
    if READONLY_MARK not in title:
        window.setWindowTitle(title + READONLY_MARK)
    bar = QToolBar(window.tr("只读提示"), window)
    bar.setObjectName("readonlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel(window.tr("只读：") + reason)
    label.setObjectName("readonlyText")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    label.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; }")
    bar.addWidget(label)
    window.addToolBarBreak(Qt.TopToolBarArea)
    window.addToolBar(Qt.TopToolBarArea, bar)
    window.readonly_banner = bar


def refresh_pages(window) -> None:
    for page in getattr(window.ctx, "pages", {}).values():
        fn = getattr(page, "refresh", None)
        if callable(fn):
            fn()


# ---- the backup dialog ------------------------------------------------------------------------


class BackupListModel(QAbstractTableModel):
    HEADERS = ["时间", "原因", "人员", "党组织", "两新组织", "记录总数", "大小", "文件"]

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
            return self.HEADERS[section]
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
            (self.daily, "daily", "天每天一份，"),
            (self.weekly, "weekly", "周每周一份，"),
            (self.monthly, "monthly", "个月每月一份"),
        ):
            spin.setRange(0, 365)
            spin.setValue(int(cfg[key]))
            keep.addWidget(spin)
            keep.addWidget(QLabel(self.tr(unit)))
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
