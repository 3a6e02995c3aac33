"""Guard for the PySide6 6.12.0 bug: each time a Python model's data() returns None to C++,
None's reference count drops by one, and the process later dies with "none_dealloc".
The pin in pyproject.toml (PySide6 < 6.12) stays until a release passes this test.
(Checked: under 6.12.0 the child process below aborts with none_dealloc.)"""

import subprocess
import sys

CHILD = r"""
import sys
from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QSortFilterProxyModel, Qt)

app = QCoreApplication([])


class NoneModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.DisplayRole):
        return None


model = NoneModel()
proxy = QSortFilterProxyModel()
proxy.setSourceModel(model)
before = sys.getrefcount(None)
for _ in range(2000):
    for r in range(10):
        proxy.index(r, 1).data(Qt.DisplayRole)  # C++ asks the Python model, as a view does
print(before, sys.getrefcount(None))
"""


def test_returning_none_from_data_keeps_none_alive():
    r = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"PySide6 crashed returning None from data(): {r.stderr[-300:]}"
    before, after = map(int, r.stdout.split())
    assert abs(after - before) < 1000, f"None refcount went from {before} to {after}"
