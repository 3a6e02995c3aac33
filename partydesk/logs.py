"""The program's log and crash reports, in the platform's log folder (platformdirs:
~/.local/state/PartyDesk/log on Linux, %LOCALAPPDATA%\\PartyDesk\\Logs on Windows).

- `setup_logging(kind)`: a rotating `partydesk.log` (1 MB, five old files kept) for the
  window ("gui") and the command line ("cli"); nothing leaves the machine.
- `install_crash_handlers(on_crash)`: `sys.excepthook` and `threading.excepthook` write a
  crash report (`crash-<time>-<pid>.txt`: version, platform, where, the traceback) and log
  it; `on_crash(exc, traceback_text, report_path)` then tells the user (the window shows a
  dialog; the command line prints where the report is). `faulthandler` writes the stacks
  of a hard crash (a segmentation fault in a library) to `faulthandler.log`.

A log folder that cannot be written (a locked-down profile) never stops the program: the
functions then return None and the program runs on without a log."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from partydesk import __version__

APP = "PartyDesk"
LOG_NAME = "partydesk.log"
FAULT_NAME = "faulthandler.log"
log = logging.getLogger("partydesk")

_handler: logging.Handler | None = None
_fault_file = None


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP, appauthor=False)


def _ensure_dir() -> Path | None:
    try:
        d = log_dir()
        d.mkdir(parents=True, exist_ok=True)
        return d
    except OSError:
        return None


def setup_logging(kind: str) -> Path | None:
    """Log to `partydesk.log` (INFO and up). Returns the log file, None when the folder
    cannot be written. Calling it again only changes the `kind` shown in each line."""
    global _handler
    d = _ensure_dir()
    if d is None:
        return None
    path = d / LOG_NAME
    fmt = logging.Formatter(f"%(asctime)s [{kind} %(process)d] %(levelname)s %(name)s: %(message)s")
    if _handler is None or Path(getattr(_handler, "baseFilename", "")) != path:
        try:
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
            )
        except OSError:
            return None
        if _handler is not None:
            log.removeHandler(_handler)
            _handler.close()
        _handler = handler
        log.addHandler(handler)
    _handler.setFormatter(fmt)
    log.setLevel(logging.INFO)
    return path


def crash_report_text(exc: BaseException, tb_text: str | None = None, where: str = "") -> str:
    if tb_text is None:
        tb_text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (
        f"PartyDesk {__version__} 错误报告\n"
        f"时间：{datetime.now():%Y-%m-%d %H:%M:%S}\n"
        f"位置：{where or threading.current_thread().name}\n"
        f"Python {platform.python_version()} · {platform.platform()}\n"
        f"命令：{' '.join(sys.argv[:2])}\n\n"
        f"{tb_text}"
    )


def write_crash_report(
    exc: BaseException, tb_text: str | None = None, where: str = ""
) -> Path | None:
    """Write a crash report file; its path, or None when the log folder cannot be written."""
    text = crash_report_text(exc, tb_text, where)
    log.error("未处理的错误 (%s): %s", where or threading.current_thread().name, exc)
    d = _ensure_dir()
    if d is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = d / f"crash-{stamp}-{os.getpid()}.txt"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


def install_crash_handlers(
    on_crash: Callable[[BaseException, str, Path | None], None] | None = None,
) -> None:
    """Unhandled exceptions (the main thread, a Qt slot, any other thread) become crash
    reports; `on_crash` tells the user, else a line on stderr says where the report is."""
    global _fault_file

    def tell(exc: BaseException, tb_text: str, report: Path | None) -> None:
        if on_crash is not None:
            on_crash(exc, tb_text, report)
        else:
            print(f"程序错误：{exc}", file=sys.stderr)
            if report is not None:
                print(f"错误报告已保存在：{report}", file=sys.stderr)

    def excepthook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        tb_text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(tb_text)
        tell(exc, tb_text, write_crash_report(exc, tb_text, "主线程"))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        tb_text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        sys.stderr.write(tb_text)
        name = args.thread.name if args.thread is not None else "线程"
        write_crash_report(args.exc_value, tb_text, f"线程 {name}")

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    d = _ensure_dir()
    if d is not None and _fault_file is None:
        try:
            _fault_file = open(d / FAULT_NAME, "a", encoding="utf-8")  # noqa: SIM115 — open for the process's life
            faulthandler.enable(file=_fault_file, all_threads=True)
        except OSError:
            _fault_file = None
