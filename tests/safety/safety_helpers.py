"""Helpers for the safety tests: child processes that work on a ledger, people rows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[2]


def child(script: str, *args: str, preexec_fn=None, strace=None, **kw) -> subprocess.Popen:
    """Start `python -c script args…` from the worktree root, stdout piped line-buffered;
    under `strace` with those options when given (fault injection)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    prefix = ["strace", *strace, "--"] if strace else []
    return subprocess.Popen(
        [*prefix, sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=preexec_fn,
        **kw,
    )


def run_child(
    script: str, *args: str, preexec_fn=None, timeout=60, strace=None
) -> subprocess.CompletedProcess:
    p = child(script, *args, preexec_fn=preexec_fn, strace=strace)
    out, err = p.communicate(timeout=timeout)
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def wait_for_line(proc: subprocess.Popen, word: str, timeout: float = 60) -> str:
    import select

    buf = ""
    fd = proc.stdout
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            line = fd.readline()
            if not line:
                break
            buf += line
            if word in line:
                return buf
        if proc.poll() is not None and not r:
            break
    raise AssertionError(
        f"child never said {word!r}: {buf!r} / {proc.stderr.read() if proc.poll() is not None else ''}"
    )


def add_people(ledger, n: int, prefix: str = "成员") -> None:
    from partydesk.ledger.models import Person

    with ledger.session() as s:
        s.info["audit"] = False
        s.execute(insert(Person), [{"name": f"{prefix}{i}", "job": "原岗位"} for i in range(n)])


def drop_dac_override():
    """preexec_fn: the child runs as root but without CAP_DAC_OVERRIDE/READ_SEARCH, so
    file permissions bind it like any clerk (tests run as root, where chmod alone does
    not stop writes)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
