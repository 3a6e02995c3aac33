"""The search box (filters as you type, debounced) and the drop-down filters of a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from partydesk.ledger import listing

DEBOUNCE_MS = 250


class FilterBar(QWidget):
    """`changed()` fires DEBOUNCE_MS after the last keystroke, or at once for a filter."""

    changed = Signal()

    def __init__(self, ctx, entity_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.entity = ctx, entity_key
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        cols = {c.name: c for c in listing.columns(entity_key)}
        searched = [cols[n].label for n in listing.SEARCH.get(entity_key, ()) if n in cols]
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索：") + "、".join(searched[:4]) + "…")
        self.search.setMinimumWidth(260)
        self.search.setToolTip(
            self.tr("在{0}中查找；空格分隔多个词（须同时包含）").format("、".join(searched))
        )
        lay.addWidget(QLabel(self.tr("查找"), self))
        lay.addWidget(self.search, 2)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self.timer.start)
        self.search.returnPressed.connect(self._now)
        self.combos: dict[str, QComboBox] = {}
        for name in listing.FILTERS.get(entity_key, ()):
            if name not in cols:
                continue
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{name}")
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            self.combos[name] = combo
            lay.addWidget(combo)
            combo.currentIndexChanged.connect(self._now)
        lay.addStretch(1)
        self.load_choices()

    def _now(self) -> None:
        self.timer.stop()
        self.changed.emit()

    def load_choices(self) -> None:
        """(Re)fill the drop-downs, keeping the current choice where it still exists."""
        cols = {c.name: c for c in listing.columns(self.entity)}
        with self.ctx.ledger.session() as s:
            for name, combo in self.combos.items():
                keep = combo.currentData()
                combo.blockSignals(True)
                combo.clear()
                combo.addItem(cols[name].label + self.tr("：全部"), None)
                for value, label in listing.filter_choices(s, self.entity, name):
                    combo.addItem(label, value)
                i = combo.findData(keep) if keep is not None else 0
                combo.setCurrentIndex(max(i, 0))
                combo.blockSignals(False)

    def text(self) -> str:
        return self.search.text().strip()

    def filters(self) -> dict[str, list[Any]]:
        out = {}
        for name, combo in self.combos.items():
            if combo.currentIndex() > 0:
                out[name] = [combo.currentData()]
        return out

    def set_filter(self, name: str, value: Any) -> None:
        combo = self.combos[name]
        i = combo.findData(value)
        combo.setCurrentIndex(max(i, 0))

    def set_search(self, text: str) -> None:
        """Search for `text` at once (按此值筛选 in a cell's menu)."""
        self.search.setText(text)
        self._now()

    def clear(self) -> None:
        self.search.clear()
        for combo in self.combos.values():
            combo.setCurrentIndex(0)
        self._now()
