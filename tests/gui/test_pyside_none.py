"""Guard for the PySide6 6.12.0 bug: each time a Python model's data() returns None to C++,
None's reference count drops by one, and the process later dies with "none_dealloc".
The pin in pyproject.toml (PySide6 < 6.12) stays until a release passes this test."""

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt


class NoneModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.DisplayRole):
        return None


def test_returning_none_from_data_keeps_none_alive(qapp):
    model = NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    before = sys.getrefcount(None)
    for _ in range(2000):
        for r in range(10):
            # C++ asks the Python model through the proxy, as a view does.
            proxy.index(r, 1).data(Qt.DisplayRole)
    after = sys.getrefcount(None)
    # A healthy binding leaves the count where it was (give or take a few references).
    assert abs(after - before) < 1000, f"None refcount went from {before} to {after}"
