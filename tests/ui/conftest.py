"""The real main window on a small hand-made ledger."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.sample_ledger import fill_sample


@pytest.fixture
def sample_ids(ledger):
    return fill_sample(ledger)


@pytest.fixture
def main_window(qapp, qtbot, ledger, sample_ids):
    QSettings().clear()  # no column widths or page remembered from another test
    from ui.main_window import MainWindow

    win = MainWindow(ledger)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.undo_stack.clear()
