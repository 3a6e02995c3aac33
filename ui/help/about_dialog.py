"""关于: the version, build date, the ledger shown and its schema revision, Qt's version, and
every bundled component with its licence; 许可证全文 shows the texts that ship with it."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from partydesk import about


class AboutDialog(QDialog):
    def __init__(self, ledger=None, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于 PartyDesk 党建台账"))
        revision = about.ledger_revision(ledger) if ledger is not None else None
        path = ledger.path if ledger is not None else None
        title = QLabel(self.tr("PartyDesk 党建台账"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        sub = QLabel(self.tr("两新组织党建工作台账 · 离线运行，数据只保存在本机"))
        form = QFormLayout()
        for label, value in about.facts(path, revision):
            v = QLabel(value)
            v.setTextInteractionFlags(Qt.TextSelectableByMouse)
            v.setWordWrap(True)
            form.addRow(label + "：", v)
        form.addRow(self.tr("界面组件："), QLabel(f"Qt {qVersion()} · PySide6 {pyside_version}"))

        self.components = about.components()
        self.table = QTableWidget(len(self.components), 4, self)
        self.table.setObjectName("components")
        self.table.setHorizontalHeaderLabels(
            [self.tr("组件"), self.tr("版本"), self.tr("许可证"), self.tr("用途")]
        )
        for r, c in enumerate(self.components):
            for col, text in enumerate((c.name, c.version, c.licence, c.used_for)):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.show_licence())

        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        self.licence_btn = QPushButton(self.tr("许可证全文(&L)…"))
        buttons.addButton(self.licence_btn, QDialogButtonBox.ActionRole)
        self.licence_btn.clicked.connect(self.show_licence)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(sub)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("所用组件及许可证（双击一行查看全文）：")))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(680, 560)

    def licence_text(self, row: int) -> str:
        c = self.components[row]
        parts = [
            f"===== {t.name} =====\n{t.read_text(encoding='utf-8', errors='replace')}"
            for t in c.texts
        ]
        return "\n\n".join(parts) or self.tr("许可证：") + c.licence

    def show_licence(self) -> QDialog | None:
        row = self.table.currentRow()
        if row < 0:
            row = 0
        dlg = QDialog(self)
        dlg.setObjectName("licenceDialog")
        dlg.setWindowTitle(self.tr("许可证 — ") + self.components[row].name)
        text = QPlainTextEdit(self.licence_text(row), dlg)
        text.setReadOnly(True)
        lay = QVBoxLayout(dlg)
        lay.addWidget(text)
        dlg.resize(640, 520)
        dlg.show()
        return dlg
