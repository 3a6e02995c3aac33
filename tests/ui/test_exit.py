"""A normal exit: the window closes, the ledger's lock is released and its WAL folded back
into the file (no .lock, -wal or -shm left), so the next start — also on another PC — may
write at once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from partydesk.ledger import open_ledger

# The real program (ui.launch.main), whose window closes itself once the ledger is shown,
# as a clerk would close it.
RUN_AND_CLOSE = r"""
import sys
from PySide6.QtCore import QTimer
import ui.app as app_mod

real_start = app_mod.start

def start(argv=None):
    app, win = real_start(argv)
    def shown():
        print("SHOWN", win.ctx.ledger.readonly, flush=True)
        QTimer.singleShot(100, win.close)
    win.ledger_changed.connect(shown)
    return app, win

app_mod.start = start
from ui.launch import main
sys.exit(main(["--ledger", sys.argv[1]]))
"""


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_closing_the_window_releases_the_lock_and_leaves_no_wal(tmp_path, monkeypatch):
    path = tmp_path / "台账.partydesk"
    with open_ledger(path, create=True) as lg, lg.session():
        pass
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", RUN_AND_CLOSE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert "SHOWN False" in out.stdout  # it held the ledger for writing
    assert _leftovers(path) == []
    # The next start on another PC (another host name) may write at once.
    monkeypatch.setattr(socket, "gethostname", lambda: "另一台电脑")
    with open_ledger(path) as lg:
        assert not lg.readonly, lg.readonly_reason
