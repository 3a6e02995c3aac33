"""Running slow work off the UI thread, with a progress dialog that appears only after
~600 ms (so quick work never flashes a dialog) and can cancel.

    run_task(parent, "正在导入…", fn, on_done=…, on_error=…)

`fn(task)` runs in a worker thread; it may call `task.progress(fraction, text)` and should
check `task.cancelled` between steps. on_done(result) / on_error(exc) run on the UI thread."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 600


class _Signals(QObject):
    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object, str)


class Task(QRunnable):
    def __init__(self, fn: Callable[[Task], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancelled = False
        self.setAutoDelete(False)

    def progress(self, fraction: float, text: str = "") -> None:
        self._report(self.signals.progress, float(fraction), text)

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(self)
        except BaseException as e:  # noqa: BLE001 - routed to the UI thread
            self._report(self.signals.failed, e, traceback.format_exc())
        else:
            self._report(self.signals.done, result)

    def _report(self, signal, *args) -> None:
        if not shiboken6.isValid(self.signals):
            return  # the application quit while the work ran: nobody is left to tell
        try:
            signal.emit(*args)
        except RuntimeError:  # deleted between the check and the emit (quitting)
            pass


_running: set[Task] = set()


def run_task(
    parent: QWidget | None,
    label: str,
    fn: Callable[[Task], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    pool: QThreadPool | None = None,
) -> Task:
    task = Task(fn)
    dialog = QProgressDialog(
        label, QCoreApplication.translate("Task", "取消") if cancellable else None, 0, 1000, parent
    )
    dialog.setWindowTitle(QCoreApplication.translate("Task", "请稍候"))
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(10**9)  # shown by our timer, not by Qt's heuristics
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.reset()
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(SHOW_AFTER_MS)

    def cancel():
        task.cancelled = True
        dialog.setLabelText(QCoreApplication.translate("Task", "正在取消…"))

    dialog.canceled.connect(cancel)

    def progress(fraction: float, text: str):
        if not shiboken6.isValid(dialog):  # the parent went away while the task ran
            return
        dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if text:
            dialog.setLabelText(text)

    def finish():
        _running.discard(task)
        if not shiboken6.isValid(dialog):
            return
        timer.stop()
        dialog.hide()
        dialog.deleteLater()
        _running.discard(task)

    def done(result):
        finish()
        if on_done:
            on_done(result)

    def failed(exc, tb):
        finish()
        if on_error:
            on_error(exc)
        else:
            from ui.errors import show_error

            show_error(parent, exc, tb)

    task.signals.progress.connect(progress)
    task.signals.done.connect(done)
    task.signals.failed.connect(failed)
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
