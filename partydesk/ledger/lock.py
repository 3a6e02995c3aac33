"""The single-writer lock of a ledger: `<ledger>.lock` beside the file.

Why a lock file and not SQLite's own locking: SQLite's locks protect one transaction, not
"one program edits this ledger"; and WAL's shared memory does not work across computers,
so two PCs opening the same file in a shared folder could both write. A lock file works
on every file system that offers an atomic create-if-absent (O_CREAT|O_EXCL), which
local disks, SMB/Windows shares and NFSv3+ all do.

Surviving a crash: the file holds pid, hostname, user, a random token and a heartbeat
time that a daemon thread refreshes every HEARTBEAT_S seconds. A lock is stale when its
holder is on this computer and its pid no longer runs, or when its heartbeat is older
than STALE_AFTER_S (the holder crashed on another PC, or that PC lost power). A stale lock
is taken over. The heartbeat also lets a holder notice that it lost the lock (its PC slept
longer than STALE_AFTER_S and another PC took over): it then refuses to write.

Within one process the lock is shared (reference counted): the GUI and a helper opening
the same ledger in the same process are one writer, and SQLite serializes them.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HEARTBEAT_S = 20.0
STALE_AFTER_S = 120.0


def lock_path_for(ledger_path: Path) -> Path:
    return ledger_path.with_name(ledger_path.name + ".lock")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment
        return "unknown"


@dataclass
class LockInfo:
    """Who holds a ledger."""

    pid: int
    host: str
    user: str
    token: str
    started: float
    heartbeat: float

    @property
    def same_host(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        since = datetime.fromtimestamp(self.started).strftime("%Y-%m-%d %H:%M")
        where = "本机" if self.same_host else f"电脑“{self.host}”"
        return f"{where}上的用户“{self.user}”（自 {since} 起，进程 {self.pid}）"

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> LockInfo | None:
        try:
            d = json.loads(text)
            return cls(
                pid=int(d["pid"]),
                host=str(d["host"]),
                user=str(d.get("user", "")),
                token=str(d["token"]),
                started=float(d["started"]),
                heartbeat=float(d["heartbeat"]),
            )
        except (ValueError, KeyError, TypeError):
            return None


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped by its parent) holds nothing any more.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def is_stale(info: LockInfo | None, now: float | None = None) -> bool:
    if info is None:  # unreadable or half-written: its writer died while writing it
        return True
    now = time.time() if now is None else now
    if info.same_host and not _pid_alive(info.pid):
        return True
    return now - info.heartbeat > STALE_AFTER_S


def read_lock(path: Path) -> LockInfo | None:
    try:
        return LockInfo.from_json(path.read_text(encoding="utf-8"))
    except OSError:
        return None


class LedgerLock:
    """A held lock; release() when the ledger closes."""

    def __init__(self, path: Path, info: LockInfo):
        self.path = path
        self.info = info
        self.lost = False
        self._refs = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="ledger-lock", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            self.heartbeat()

    def heartbeat(self) -> None:
        on_disk = read_lock(self.path)
        if on_disk is None or on_disk.token != self.info.token:
            if on_disk is not None or self.path.exists():
                self.lost = True  # another instance took over: never write again
                return
        self.info.heartbeat = time.time()
        try:
            _write_atomic(self.path, self.info.to_json())
        except OSError:
            pass  # disk full / share gone: writes will fail with their own message

    def release(self) -> None:
        with _registry_lock:
            self._refs -= 1
            if self._refs > 0:
                return
            _held.pop(_key(self.path), None)
        self._stop.set()
        on_disk = read_lock(self.path)
        if on_disk is not None and on_disk.token == self.info.token:
            try:
                self.path.unlink()
            except OSError:
                pass


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


_registry_lock = threading.Lock()
_held: dict[str, LedgerLock] = {}


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def acquire(ledger_path: Path) -> tuple[LedgerLock | None, LockInfo | None]:
    """Try to take the lock of `ledger_path`. Returns (lock, None) on success, or
    (None, holder) when another live instance holds it. Raises OSError when the lock file
    cannot be written at all (read-only folder): the caller opens read-only then."""
    path = lock_path_for(ledger_path)
    with _registry_lock:
        mine = _held.get(_key(path))
        if mine is not None and not mine.lost:
            mine._refs += 1
            return mine, None
    now = time.time()
    info = LockInfo(
        pid=os.getpid(),
        host=socket.gethostname(),
        user=current_user(),
        token=secrets.token_hex(8),
        started=now,
        heartbeat=now,
    )
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = read_lock(path)
            if holder is None:
                # Maybe being written this very moment by another instance: look again.
                time.sleep(0.05)
                holder = read_lock(path)
            if not is_stale(holder):
                return None, holder
            # Take over a stale lock: move it aside under a unique name first, so that of
            # two instances taking over at once only one succeeds with the O_EXCL create.
            aside = path.with_name(f"{path.name}.stale-{info.token}")
            try:
                os.replace(path, aside)
            except FileNotFoundError:
                continue
            moved = read_lock(aside)
            if moved is not None and holder is not None and moved.token != holder.token:
                # Another instance took it over between our look and our move: give it back.
                try:
                    os.replace(aside, path)
                except OSError:
                    pass
                return None, moved
            try:
                aside.unlink()
            except OSError:
                pass
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(info.to_json())
            f.flush()
            os.fsync(f.fileno())
        lock = LedgerLock(path, info)
        with _registry_lock:
            _held[_key(path)] = lock
        return lock, None
    holder = read_lock(path)
    return None, holder
