"""Starting the GUI: `partydesk` with no sub-command, or `partydesk-gui`.

The window appears first (Qt only: SQLAlchemy and Alembic are not even imported yet), on a
table page with its first screen of rows already (ui.firstscreen, plain sqlite3); the
ledger is opened off the UI thread and its pages are built when it is ready.

Every ledger the window opens goes through ui.ledger_open (the BEFORE_WINDOW hooks).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

# BEFORE_WINDOW is re-exported: features and tests append their hooks to ui.app.BEFORE_WINDOW,
# the same list object ui.ledger_open runs.
from ui.ledger_open import BEFORE_WINDOW, after_open  # noqa: F401


def make_app(argv: list[str] | None = None, icon_later: bool = False) -> QApplication:
    """The application, its names, font and translations, and (unless `icon_later`: the
    caller sets it with `set_icon` once the window is painted) its icon."""
    if QApplication.instance() is None:
        from ui import input_method

        input_method.apply()  # fcitx desktops: Qt must be told before it starts
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("PartyDesk")
    app.setApplicationName("PartyDesk")
    # Desktops match the window to partydesk.desktop (its icon and name) by this name.
    app.setDesktopFileName("partydesk")
    if not icon_later:
        set_icon(app)
    from ui.fonts import install_app_font
    from ui.i18n import install_translations

    install_app_font(app)
    install_translations(app)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "PartyDesk 党建台账"))
    return app


def set_icon(app: QApplication) -> None:
    from ui.icons import app_icon

    app.setWindowIcon(app_icon())


def startup_ledger_path(arg: str | None) -> Path | str:
    """--ledger, else the last ledger opened (if it still exists), else the default. A
    server ledger's address stays text (a Path would fold its `//`)."""
    from ui.main_window import _is_server

    if arg:
        return arg if _is_server(arg) else Path(arg)
    last = QSettings().value("ledgers/last")
    if last and _is_server(str(last)):
        return str(last)
    if last and Path(str(last)).exists():
        return Path(str(last))
    from partydesk.ledger.paths import default_ledger_path  # (no SQLAlchemy yet)

    return default_ledger_path()


def ledger_argument(argv: list[str]) -> str | None:
    """`--ledger PATH` or `--ledger=PATH` in `argv` (the last one given), others ignored —
    by hand: argparse's parser cost 5 ms of every start (gettext looking for catalogues)."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--ledger" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--ledger="):
            found = arg.removeprefix("--ledger=")
    return found


def first_page_module() -> None:
    """Import the module of the page the window shows first (and the table machinery it
    brings), from the opening worker: defining classes needs no UI thread, and the UI
    thread then only builds the widgets while the rows wait (a tenth of a second less)."""
    import importlib

    from ui.pages import PAGES

    last = QSettings().value("main/page")
    names = [m for m, _ in PAGES]
    try:
        importlib.import_module(last if last in names else names[0])
    except Exception:  # noqa: BLE001 - the UI thread imports it again and reports the fault
        pass


def import_features() -> None:
    """The modules of MainWindow.install_features (Python and Qt classes, no widget made):
    imported off the UI thread, as `first_page_module`."""
    import ui.check.dialog  # noqa: F401
    import ui.excel.menu  # noqa: F401
    import ui.help.menu  # noqa: F401
    import ui.merge.dialog  # noqa: F401
    import ui.welcome.page  # noqa: F401


def install_features(win) -> None:
    import shiboken6

    if shiboken6.isValid(win):  # (not closed meanwhile)
        win.install_features()


# The page, its detail form, the id list's worker and the file's quick check read at once.
WARM_CONNECTIONS = 5
GC_AFTER_PAGE_MS = 3000  # once the page's id list is read too (300,000 ids: ~1-2 s)
GC_BACK_MS = 15000  # at the latest, garbage collection resumes this long after start


def _collect_again() -> None:
    if not gc.isenabled():
        gc.freeze()  # the start's objects: kept for good, never scanned again
        gc.enable()


def start(argv: list[str] | None = None):
    """Show the window at once and open the start-up ledger in the background.
    Returns (app, window); the window's `ledger_changed` fires when the ledger is shown."""
    # No cyclic garbage collection while the window starts: a full collection over the
    # objects of SQLAlchemy, Alembic and the pages being imported held the window 50-100 ms
    # each time, twice a start. Once the ledger's page is up, everything made so far is
    # frozen out of future collections (it lives as long as the program) and they resume.
    arg = ledger_argument(argv if argv is not None else sys.argv[1:])
    gc.disable()
    app = make_app(icon_later=True)  # the icon after the first paint (~4 ms: its module, 7 PNGs)
    QTimer.singleShot(GC_BACK_MS, _collect_again)  # whatever happens to the opening
    from ui.main_window import MainWindow, start_page

    win = MainWindow(None, features_later=True)
    path = startup_ledger_path(arg)
    from ui import firstscreen

    first = firstscreen.build(path, start_page())  # rows at once, if they can be read so
    if first is not None:
        win.show_first_screen(first)
    win.show()

    def open_(task):
        from partydesk.ledger import open_ledger

        ledger = open_ledger(path, create=True, daily_backup="later", file_check="later")
        # Import the core the pages need here, off the UI thread (pure Python, no Qt).
        import partydesk.ledger.editing  # noqa: F401
        from partydesk.ledger import listing

        # The organizations' names every table and detail form offers (12,000 of them in a
        # county): read here, so the people page finds them in the shared cache.
        with ledger.session() as s:
            listing.org_choices(s)
        # The window's checks once it has the ledger (a start password? this PC's key?),
        # asked here once: their statements compiled off the UI thread (~10 ms there).
        from partydesk import applock, keys

        try:
            applock.is_set(ledger)
            with ledger.Session() as s:
                keys.key_missing(s)
        except Exception:  # noqa: BLE001 - only a head start: the window asks again
            pass
        first_page_module()
        import ui.safety.menu  # noqa: F401  (what `done` installs: imported here, not there)
        import ui.watch  # noqa: F401
        from ui.firstscreen import TABLE_PAGES

        # Connections made here, kept in the pool: the window's first queries (its page's
        # and its detail form's, while a worker reads the ids) would each make one on the
        # UI thread otherwise (~10 ms: the file opened, the journal mode set).
        n = 2 if ledger.engine.dialect.name == "postgresql" else WARM_CONNECTIONS  # server: few
        warm = [ledger.engine.connect() for _ in range(n)]
        for conn in warm:
            conn.close()
        entity = TABLE_PAGES.get(start_page())
        if entity is not None:  # its first rows, so that the page reads none on the UI thread
            from ui.table import model

            with ledger.session() as s:
                model.prime(ledger, entity, s)
        return ledger

    def done(ledger):
        install_features(win)  # (if the features' imports are still under way: now)
        from ui.safety import menu

        menu.install(win)  # File menu 备份与恢复…/启动密码…, read-only title and banner
        ledger = after_open(ledger, win)
        if ledger is not None:
            # The pages in a turn of their own (a timer: the window may paint between).
            QTimer.singleShot(1, lambda: win.set_ledger(ledger))
            QTimer.singleShot(GC_AFTER_PAGE_MS, _collect_again)
        else:
            win.show_no_ledger(
                QCoreApplication.translate(
                    "MainWindow", "没有打开账本。可以从“文件”菜单打开或新建账本。"
                )
            )

    def failed(exc):
        from partydesk.ledger.db import LedgerDamagedError
        from ui.safety import menu, opening

        install_features(win)
        menu.install(win)
        if isinstance(exc, LedgerDamagedError) and opening.offer_restore(win, exc):
            if win.open_path(exc.path):
                return
        from partydesk.ledger import cipher

        if isinstance(exc, cipher.PassphraseError):  # encrypted: the window asks at start
            path = startup_ledger_path(arg)
            if opening.ask_passphrase(win, exc) and win.open_path(path):
                return
        from partydesk.ledger import server

        if isinstance(exc, server.PasswordNeeded):  # a server ledger: its dialog asks
            from ui.ledger_server import ask_server_ledger

            ledger = ask_server_ledger(win, exc.address)
            ledger = after_open(ledger, win) if ledger is not None else None
            if ledger is not None:
                win.set_ledger(ledger)
                return
        from ui.errors import describe

        win.show_no_ledger(describe(exc) or str(exc))

    started = []

    def go():
        """The worker, once the window has had its first paint (of the first screen's rows,
        if it has them) — its imports (SQLAlchemy, Alembic) would otherwise take the
        interpreter lock from the window drawing itself. The features' modules are
        imported off the UI thread too (5 ms), their menus installed when they are in."""
        if started:
            return
        started.append(True)
        set_icon(app)
        from PySide6.QtCore import QThreadPool

        from ui.tasks import Task

        pool = QThreadPool.globalInstance()
        features = Task(lambda _task: import_features())
        features.signals.done.connect(lambda _: install_features(win))
        features.signals.failed.connect(lambda exc, tb: install_features(win))  # (raises)
        task = Task(open_)
        task.signals.done.connect(done)
        task.signals.failed.connect(lambda exc, tb: failed(exc))
        win._startup_tasks = (features, task)  # kept alive until they report
        pool.start(features)
        pool.start(task)

    if first is not None:
        first.painted.connect(go)
        QTimer.singleShot(500, go)  # never painted (minimised): go all the same
    else:
        QTimer.singleShot(0, go)
    return app, win


def close_down(win) -> None:
    """What a normal exit does once the window has closed: let work still running off the UI
    thread finish (an export being written; at most 5 s), keep the settings, and close the
    ledger — its lock released (another PC may write at once), the WAL checkpointed into
    the ledger file, no -wal/-shm left beside it."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    QSettings().sync()
    ledger = win.ctx.ledger
    if ledger is not None:
        ledger.close()


def main(argv: list[str] | None = None) -> int:
    from partydesk import logs
    from ui.errors import on_crash

    logs.setup_logging("gui")
    logs.install_crash_handlers(on_crash)
    logs.log.info("窗口启动")  # i18n: log
    app, win = start(argv)
    rc = app.exec()
    close_down(win)
    logs.log.info("窗口关闭")  # i18n: log
    return rc


if __name__ == "__main__":
    sys.exit(main())
