"""Opening a ledger for the window (at start, or from the File menu).

Every ledger the window opens goes through `after_open`, which runs the `BEFORE_WINDOW`
hooks on the UI thread: a feature that must act before a ledger is shown (password, lock,
read-only choice) appends `hook(ledger, parent) -> Ledger | None` (None: do not show it; the
hook closes the ledger or hands back another one). Kept apart from ui.app (start-up), which
builds the window, so the window can open ledgers without importing its own start-up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from partydesk.ledger import Ledger

BEFORE_WINDOW: list[Callable[[Ledger, QWidget | None], Ledger | None]] = []


def _safety_before_window(ledger: Ledger, parent: QWidget | None = None) -> Ledger | None:
    """Start password, read-only notice, open-time warnings. Imported lazily so
    the window can appear before SQLAlchemy is loaded."""
    from ui.safety import opening

    return opening.before_window(ledger, parent)


BEFORE_WINDOW.append(_safety_before_window)


def after_open(ledger: Ledger, parent: QWidget | None = None) -> Ledger | None:
    """Run the BEFORE_WINDOW hooks on a freshly opened ledger, then start its daily
    backup in the background."""
    for hook in BEFORE_WINDOW:
        ledger = hook(ledger, parent)
        if ledger is None:
            return None
    file_check_later(ledger, parent)
    daily_backup_later(ledger, parent)
    return ledger


FILE_CHECK_DELAY_MS = 200  # once the first rows are being read


def _window_of(parent: QWidget | None) -> QWidget | None:
    """The window a background result is for, or None when it was closed meanwhile (a
    check or backup can finish after its window is gone: nothing to show then)."""
    from shiboken6 import isValid

    if parent is None or not isValid(parent):
        return None
    return parent.window()


def file_check_later(ledger: Ledger, parent: QWidget | None = None) -> None:
    """The quick integrity check of a ledger opened with file_check="later", in the
    background: the whole file is read (0.5 s at 300,000 people, seconds on a busy
    machine), which every start used to wait for. Writes wait for it; a damaged file
    turns the window read-only with the reason in the banner."""
    if ledger.file_checked is None or ledger.file_checked.is_set():
        return
    from PySide6.QtCore import QThreadPool, QTimer

    from ui.tasks import Task

    def make(task):
        from partydesk.ledger import opening

        opening.check_file(ledger)

    def done(_) -> None:
        window = _window_of(parent)
        if ledger.readonly and window is not None and getattr(window, "ctx", None) is not None:
            from ui.safety import menu

            if window.ctx.ledger is ledger:
                menu.install(window)  # the read-only title and banner

    task = Task(make)
    task.signals.done.connect(done)
    _BACKUPS.add(task)
    task.signals.done.connect(lambda _: _BACKUPS.discard(task))
    task.signals.failed.connect(lambda *_: _BACKUPS.discard(task))
    QTimer.singleShot(FILE_CHECK_DELAY_MS, lambda: QThreadPool.globalInstance().start(task))


DAILY_BACKUP_DELAY_MS = 1500  # after the first rows are on the screen


def daily_backup_later(ledger: Ledger, parent: QWidget | None = None) -> None:
    """The day's first backup (verified), made off the UI thread once the window is
    usable: at 300,000 people it takes 7–10 s, which every start used to wait for. A
    failure is said in the status bar (and kept in `ledger.warnings`)."""
    if ledger.readonly:
        return
    from PySide6.QtCore import QThreadPool, QTimer

    from ui.tasks import Task

    seen = len(ledger.warnings)

    def make(task):
        from partydesk.ledger import opening

        opening.daily_backup(ledger)  # a failure becomes a warning (or read-only)

    def say(text: str) -> None:
        window = _window_of(parent)
        bar = getattr(window, "statusBar", None) if window is not None else None
        if bar is not None:
            bar().showMessage(text, 30000)

    def done(_) -> None:
        if len(ledger.warnings) > seen:
            say(_not_backed_up() + ledger.warnings[-1])
        elif ledger.readonly:
            say(ledger.readonly_reason)

    task = Task(make)
    task.signals.done.connect(done)
    task.signals.failed.connect(lambda exc, tb: say(_not_backed_up() + str(exc)))
    _BACKUPS.add(task)
    task.signals.done.connect(lambda _: _BACKUPS.discard(task))
    task.signals.failed.connect(lambda *_: _BACKUPS.discard(task))
    QTimer.singleShot(DAILY_BACKUP_DELAY_MS, lambda: QThreadPool.globalInstance().start(task))


_BACKUPS: set = set()  # file checks and daily backups running, kept until they report


def _not_backed_up() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("app", "今天的自动备份没有完成：")


def open_ledger_ui(
    path: str | Path, *, create: bool = False, parent: QWidget | None = None
) -> Ledger | None:
    """Open a ledger for the window: errors shown in Chinese, BEFORE_WINDOW hooks run."""
    from partydesk.errors import PartyDeskError
    from partydesk.ledger import cipher, open_ledger, server
    from partydesk.ledger.db import LedgerDamagedError

    for _attempt in range(5):
        try:
            ledger = open_ledger(path, create=create, daily_backup="later", file_check="later")
        except LedgerDamagedError as e:
            from ui.safety import opening

            if opening.offer_restore(parent, e):
                continue  # restored: open it again
            return None
        except cipher.PassphraseError as e:
            from ui.safety import opening

            if opening.ask_passphrase(parent, e):
                continue  # asked at start: try again with it
            return None
        except server.PasswordNeeded as e:
            from ui.ledger_server import ask_server_ledger

            ledger = ask_server_ledger(parent, e.address)  # the password, in the dialog
            return after_open(ledger, parent) if ledger is not None else None
        except PartyDeskError as e:
            from PySide6.QtWidgets import QMessageBox  # (not at start: its types cost 1 ms)

            QMessageBox.critical(
                parent, QCoreApplication.translate("ledger", "无法打开账本"), str(e)
            )
            return None
        return after_open(ledger, parent)
    return None
