"""A spreadsheet dropped onto the main window opens the import wizard for the kind of
records its headers hold (两新组织, 党组织, 党员, 指导员)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox


def dropped_file(mime) -> str | None:
    """The one spreadsheet file in a drag, or None."""
    if not mime.hasUrls():
        return None
    # Imported at the first drag, not at start: the Excel core is a tenth of a second of
    # the window's start, and most sessions never drop a file.
    from partydesk import excel

    paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    if len(paths) != 1 or Path(paths[0]).suffix.lower() not in excel.SUFFIXES:
        return None
    return paths[0]


def guess_entity(path: str) -> str:
    """The kind of records the default sheet's header row names (people when unsure)."""
    from partydesk.excel import mapping
    from partydesk.excel.reading import read_sheet
    from partydesk.excel.workbook import ORDER, sheet_kind

    scorers = [mapping.score_headers(k) for k in ORDER]
    data = read_sheet(path, None, lambda cells: max(s(cells) for s in scorers), max_rows=50)
    kind, _score = sheet_kind(data.headers)
    return kind or "person"


class DropFilter(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        if t in (QEvent.DragEnter, QEvent.DragMove):
            if dropped_file(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif t == QEvent.Drop:
            path = dropped_file(event.mimeData())
            if path:
                event.acceptProposedAction()
                open_dropped(self.window, path)
                return True
        return False


def open_dropped(window: QMainWindow, path: str):
    """Open the import wizard through the importer `install` was given (the Excel menu's
    own, so a dropped file and 导入… behave alike; passed in, as the menu installs us)."""
    from partydesk import excel

    import_roster = window._roster_importer
    try:
        entity = guess_entity(path)
    except excel.ExcelFileError:
        entity = "person"  # the wizard then says what is wrong with the file
    except Exception as e:  # noqa: BLE001
        QMessageBox.warning(window, QCoreApplication.translate("MainWindow", "无法导入"), str(e))
        return None
    return import_roster(window, entity, path)


def install(window: QMainWindow, importer=None) -> DropFilter:
    """`importer(window, entity, path)` opens the wizard for a dropped file."""
    window._roster_importer = importer
    window.setAcceptDrops(True)
    f = DropFilter(window)
    window.installEventFilter(f)
    return f
