"""Where Excel files are saved and opened from (the last folder is remembered), and the
refresh of every page after an import changed the ledger."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
# What the import reads: the formats offices have (Excel, WPS, LibreOffice, CSV).
OPEN_FILTER = "表格文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv);;所有文件 (*)"


def last_dir() -> str:
    return str(QSettings().value("excel/last_dir", str(Path.home())))


def remember_dir(path: str) -> None:
    QSettings().setValue("excel/last_dir", str(Path(path).parent))


def refresh_pages(ctx) -> None:
    for page in getattr(ctx, "pages", {}).values():
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()


def save_path(parent, title: str, default_name: str, path: str | None) -> str | None:
    if path:
        return path
    p, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(last_dir()) / default_name), XLSX_FILTER
    )
    if p:
        remember_dir(p)
    return p or None
