"""The first column (姓名, 单位名称 …) kept in place while the table scrolls right, as WPS's
冻结首列: a second view of the same model and selection laid over the table's left edge,
showing only the column shown first, scrolling up and down with the table."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class FrozenColumn(QTableView):
    def __init__(self, main: QTableView, delegate=None):
        """`delegate`: the editors for this view (a view's delegate must be its own: a shared
        one's commitData would reach both views)."""
        super().__init__(main)
        self.setObjectName("frozenColumn")
        self.main = main
        self.setModel(main.model())
        self.setSelectionModel(main.selectionModel())
        if delegate is not None:
            delegate.setParent(self)
            self.setItemDelegate(delegate)
        self.setSelectionMode(main.selectionMode())
        self.setSelectionBehavior(main.selectionBehavior())
        self.setEditTriggers(main.editTriggers())
        self.setFocusPolicy(Qt.NoFocus)  # keys stay with the table
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        from ui.table.view import RowNumberHeader

        self.setVerticalHeader(RowNumberHeader(self))  # never asks the model for row labels
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(main.verticalHeader().defaultSectionSize())
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(main.verticalScrollMode())
        self.setFrameShape(QTableView.NoFrame)
        self.setStyleSheet("QTableView#frozenColumn { border-right: 1px solid palette(mid); }")
        main.viewport().stackUnder(self)

        mv, fv = main.verticalScrollBar(), self.verticalScrollBar()
        mv.valueChanged.connect(fv.setValue)
        fv.valueChanged.connect(mv.setValue)
        hh = main.horizontalHeader()
        hh.sectionResized.connect(lambda *_: self.sync())
        hh.sectionMoved.connect(lambda *_: self.sync())
        hh.sortIndicatorChanged.connect(self._show_sort)
        self.horizontalHeader().setSortIndicatorShown(True)
        self.horizontalHeader().setSortIndicator(hh.sortIndicatorSection(), hh.sortIndicatorOrder())
        self.horizontalHeader().sectionClicked.connect(self._sort)
        model = main.model()
        model.modelReset.connect(self.sync)
        model.layoutChanged.connect(self.sync)
        self.doubleClicked.connect(main.doubleClicked)
        self.sync()

    def first_column(self) -> int:
        """The logical column shown first in the table (its header can be reordered)."""
        hh = self.main.horizontalHeader()
        for v in range(hh.count()):
            c = hh.logicalIndex(v)
            if not hh.isSectionHidden(c):
                return c
        return -1

    def sync(self) -> None:
        first = self.first_column()
        model = self.model()
        shown = (first, model.columnCount())
        if shown != getattr(self, "_shown", None):  # a reset (sort, search) changes neither
            self._shown = shown
            for c in range(model.columnCount()):
                self.setColumnHidden(c, c != first)
        if first < 0:
            self.hide()
            return
        if self.columnWidth(first) != self.main.columnWidth(first):
            self.setColumnWidth(first, self.main.columnWidth(first))
        self.place()
        if self.isHidden():
            self.show()

    def place(self) -> None:
        m = self.main
        first = self.first_column()
        if first < 0:
            return
        geometry = QRect(
            m.verticalHeader().width() + m.frameWidth(),
            m.frameWidth(),
            m.columnWidth(first),
            m.viewport().height() + m.horizontalHeader().height(),
        )
        if geometry != self.geometry():
            self.setGeometry(geometry)
        if self.horizontalHeader().height() != m.horizontalHeader().height():
            self.horizontalHeader().setFixedHeight(m.horizontalHeader().height())

    def _show_sort(self, column: int, order) -> None:
        self.horizontalHeader().setSortIndicator(column, order)

    def _sort(self, column: int) -> None:
        hh = self.main.horizontalHeader()
        same = hh.sortIndicatorSection() == column
        order = Qt.AscendingOrder
        if same and hh.sortIndicatorOrder() == Qt.AscendingOrder:
            order = Qt.DescendingOrder
        hh.setSortIndicator(column, order)

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible) -> None:  # noqa: N802
        # Only the table scrolls (this view follows its vertical scroll bar).
        if index.column() == self.first_column():
            self.main.scrollTo(index, hint)
