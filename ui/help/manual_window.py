"""使用说明: the clerk's manual (resources/manual/使用说明.md) in a window of its own, so it
can stay open beside the ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from partydesk import about


class ManualWindow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("manualWindow")
        self.setWindowTitle(self.tr("使用说明 — PartyDesk 党建台账"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(about.manual_text())
        doc = self.browser.document()
        doc.setDocumentMargin(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(760, 640)
