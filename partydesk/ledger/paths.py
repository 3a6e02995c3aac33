"""Where a ledger lives and how it is named to SQLite.

Every connection to a ledger file (the engine, backups, restores, checks) is opened
through `sqlite_uri`: one quoted `file:` URI, so any legal path works — a `?`, `#` or
`%20` in a folder name is part of the name, never a query or an escape.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

LEDGER_FILENAME = "ledger.partydesk"
BUSY_TIMEOUT_MS = 5000


def default_ledger_path() -> Path:
    """The user's data folder (platformdirs), e.g. ~/.local/share/PartyDesk/ledger.partydesk."""
    from platformdirs import user_data_path

    return user_data_path("PartyDesk", appauthor=False) / LEDGER_FILENAME


def sqlite_uri(path: str | Path, **params: str) -> str:
    """The `file:` URI of `path` with its query parameters (mode=ro, immutable=1 …)."""
    posix = Path(os.path.abspath(os.fspath(path))).as_posix()
    if not posix.startswith("/"):  # C:/… on Windows
        posix = "/" + posix
    q = "&".join(f"{k}={v}" for k, v in params.items())
    return "file://" + quote(posix, safe="/:") + (f"?{q}" if q else "")


def connect(
    path: str | Path,
    *,
    timeout: float = BUSY_TIMEOUT_MS / 1000,
    like: str | Path | None = None,
    **params: str,
):
    """A DB-API connection to `path` through its URI (params as in sqlite_uri): sqlite3,
    or SQLCipher keyed for an encrypted file (partydesk.ledger.cipher). A new file is
    encrypted like the ledger `like` (a backup of an encrypted ledger is encrypted too)."""
    from partydesk.ledger import cipher

    found = cipher.key_for(Path(like)) if like is not None else None
    if found is None and os.path.exists(path):
        found = cipher.key_for(Path(path))
    if found is not None:
        return cipher.connect_raw(Path(path), *found, timeout=timeout, **params)
    return sqlite3.connect(
        sqlite_uri(path, **params), uri=True, timeout=timeout, check_same_thread=False
    )


# File systems on which WAL's shared memory is not coherent between computers.
_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "9p",
    "ceph",
    "glusterfs",
    "afs",
    "fuse.glusterfs",
    "davfs",
    "fuse.davfs2",
}


def is_network_path(path: Path, mounts: str | None = None) -> bool:
    """Best effort: is `path` on a network share (UNC / remote drive / nfs, cifs …)?
    `mounts` is the text of /proc/self/mounts (read when None)."""
    s = str(path)
    if os.name == "nt" and mounts is None:  # pragma: no cover - Windows
        if s.startswith("\\\\") or s.startswith("//"):
            return True
        try:
            import ctypes

            root = os.path.splitdrive(os.path.abspath(s))[0] + "\\"
            return ctypes.windll.kernel32.GetDriveTypeW(root) == 4  # DRIVE_REMOTE
        except Exception:  # noqa: BLE001
            return False
    try:
        real = os.path.realpath(s) if mounts is None else s
        best, fstype = "", ""
        if mounts is None:
            with open("/proc/self/mounts", encoding="utf-8") as f:
                mounts = f.read()
        for line in mounts.splitlines():
            parts = line.split()
            if len(parts) < 3:
                continue
            mnt = parts[1].replace("\\040", " ")
            if (real == mnt or real.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                best, fstype = mnt, parts[2]
        return fstype in _NETWORK_FS
    except OSError:
        return False


# A scheme such as file:, http:// — never a drive letter (C:\…), which has one letter.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def looks_like_url(text: str) -> bool:
    """`file:///…`, `https://…`, `file:a`: SQLite or a browser would read these as URLs."""
    return bool(_URL.match(text))


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 (so that SQLite, which gives the WAL and journal
    the mode of the database file, makes them 0600 too); nothing when it exists."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) with mode 0700 for the folder itself."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask


def make_private(path: Path) -> None:
    """Take group and other permissions off a ledger (and its WAL/shm) this account owns:
    a ledger made by an older version was world-readable (0644) on a shared PC."""
    if os.name != "posix":
        return
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            st = os.stat(p)
            if st.st_uid == os.getuid() and st.st_mode & 0o077:
                os.chmod(p, stat.S_IMODE(st.st_mode) & 0o700)
        except OSError:
            pass
