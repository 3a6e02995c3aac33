"""A table cell's right-click menu as WPS and Excel users know it — 复制, 粘贴, 向下填充
(Ctrl+D), 清除, 按此值筛选 — and the fill-down itself: the first selected row's values go
into every selected row below it (one undo step); with one row selected, the row above
comes down into it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.table.view import LedgerTableView

FILL_DOWN = QKeySequence("Ctrl+D")


def fill_down(view: LedgerTableView) -> None:
    rows, cols = view._selected_block()
    if not rows or not cols:
        return
    model = view.ledger_model
    if len(rows) == 1:
        if rows[0] == 0:
            view.message.emit(
                QCoreApplication.translate("LedgerTableView", "第一行上面没有可以向下填充的内容。")
            )
            return
        source, targets = rows[0] - 1, rows
    else:
        source, targets = rows[0], rows[1:]
    editable = [c for c in cols if model.columns[c].field is not None]
    if not editable:
        view.message.emit(QCoreApplication.translate("LedgerTableView", "此列不能修改"))
        return
    model.ensure_rows([source, *targets])
    values = {c: model.text(source, c) for c in editable}
    view.write_cells([(r, c, values[c]) for r in targets for c in editable])


def show_menu(view: LedgerTableView, pos) -> QMenu:
    """The menu for the cell at `pos` (viewport coordinates); shown, and returned for tests."""
    index = view.indexAt(pos)
    if index.isValid() and not view.selectionModel().isSelected(index):
        view.setCurrentIndex(index)
    model = view.ledger_model
    writable = not model.readonly
    menu = QMenu(view)
    menu.setObjectName("cellMenu")
    acts = {}
    for key, text, shortcut, slot, enabled in (
        (
            "copy",
            QCoreApplication.translate("LedgerTableView", "复制(&C)"),
            QKeySequence.Copy,
            view.copy_selection,
            True,
        ),
        (
            "paste",
            QCoreApplication.translate("LedgerTableView", "粘贴(&P)"),
            QKeySequence.Paste,
            view.paste,
            writable,
        ),
        (
            "fill",
            QCoreApplication.translate("LedgerTableView", "向下填充(&D)"),
            FILL_DOWN,
            lambda: fill_down(view),
            writable,
        ),
        (
            "clear",
            QCoreApplication.translate("LedgerTableView", "清除(&E)"),
            QKeySequence.Delete,
            view.clear_selection_cells,
            writable,
        ),
    ):
        act = menu.addAction(text)
        act.setObjectName(f"cell_{key}")
        act.setShortcut(QKeySequence(shortcut))
        act.setEnabled(enabled and index.isValid())
        act.triggered.connect(lambda _c=False, f=slot: f())
        acts[key] = act
    menu.addSeparator()
    value = model.text(index.row(), index.column()) if index.isValid() else ""
    filt = menu.addAction(
        QCoreApplication.translate("LedgerTableView", "按此值筛选(&F)")
        + (f"：{value[:20]}" if value else "")
    )
    filt.setObjectName("cell_filter")
    filt.setEnabled(bool(value.strip()))
    filt.triggered.connect(lambda: view.filter_requested.emit(value.strip()))
    if view.extra_menu is not None:  # a page's own entries (e.g. pipeline acts)
        view.extra_menu(menu, index)
    menu.popup(view.viewport().mapToGlobal(pos))
    return menu
