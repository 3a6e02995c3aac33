"""The crash harness: every write operation of the command line killed (SIGKILL) at a
random moment, and at its N-th write / rename / fsync (strace fault injection), then the
ledger checked as the next start would: it must open, pass its checks, keep every record
it had or has after the operation, and keep its audit chain.

Run by hand (not collected by pytest; needs strace for the injected kills):

    python tests/crash/harness.py [--random 4] [--injected 8] [--ops import,backup,…]

It prints one line per trial and the totals: trials, survived (opens intact at the old or
new state), offered (the ledger is gone but its backup is offered at start — the demo
killed between its two renames) and damaged (anything else: the figure that must be 0).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
ENV = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "partydesk", *args]


def _people(ledger_path: Path, n: int) -> None:
    from sqlalchemy import insert

    from partydesk.ledger import open_ledger
    from partydesk.ledger.models import Organization, Person

    with open_ledger(ledger_path, create=True) as lg, lg.session() as s:
        org = Organization(name="星光科技党支部")
        s.add(org)
        s.flush()
        s.execute(
            insert(Person),
            [{"name": f"成员{i}", "phone": f"138{i:08d}", "org_id": org.id} for i in range(n)],
        )


def setup_import(d: Path):
    from openpyxl import Workbook

    path = d / "l.partydesk"
    _people(path, 500)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["姓名", "手机号", "所在党支部"])
    for i in range(3000):
        ws.append([f"成员{i}", f"139{i:08d}", "星光科技党支部"])
    wb.save(d / "名册.xlsx")
    return path, cli("import", "people", str(d / "名册.xlsx"), "--ledger", str(path))


def setup_edit(d: Path):
    path = d / "l.partydesk"
    _people(path, 200)
    return path, cli("set", "people", "1", "手机号=13912345678", "--ledger", str(path))


def setup_backup(d: Path):
    path = d / "l.partydesk"
    _people(path, 3000)
    return path, cli("backup", "--ledger", str(path))


def setup_restore(d: Path):
    from partydesk import backup
    from partydesk.ledger import open_ledger

    path = d / "l.partydesk"
    _people(path, 2000)
    with open_ledger(path) as lg:
        b = backup.make_backup(lg, "manual")
    _people(path, 10)  # more people after the backup
    return path, cli("restore", str(b.path), "--ledger", str(path))


def setup_demo(d: Path):
    path = d / "l.partydesk"
    _people(path, 100)
    return path, cli("demo", "--units", "20", "--members", "200", "--force", "--ledger", str(path))


def setup_cert(d: Path):
    path = d / "l.partydesk"
    _people(path, 50)
    holders = [a for i in range(40) for a in ("--holder", f"持证人{i}")]
    return path, cli("cert", "issue", "--kind", "instructor", *holders, "--ledger", str(path))


def setup_upgrade(d: Path):
    from partydesk.ledger import migrate
    from partydesk.ledger.db import make_engine

    path = d / "l.partydesk"
    engine = make_engine(path)
    migrate.upgrade(engine, "0005_standing")
    with engine.begin() as c:
        for i in range(300):
            c.exec_driver_sql(
                "INSERT INTO person (uuid, name, category, status, probation_extension_months,"
                " is_flowing, lost_contact, created_at, updated_at) VALUES "
                f"('u{i}', '旧{i}', 'full', 'active', 0, 0, 0, '2025-01-01', '2025-01-01')"
            )
    engine.dispose()
    return path, cli("list", "people", "--limit", "1", "--ledger", str(path))


OPS = {
    "import": setup_import,
    "edit": setup_edit,
    "backup": setup_backup,
    "restore": setup_restore,
    "demo": setup_demo,
    "cert": setup_cert,
    "upgrade": setup_upgrade,
}


def inspect(path: Path) -> str:
    """survived / offered / damaged: what the next start finds."""
    from sqlalchemy import func, select

    from partydesk.audit import chain
    from partydesk.errors import PartyDeskError
    from partydesk.ledger import open_ledger
    from partydesk.ledger.db import LedgerDamagedError
    from partydesk.ledger.models import Person

    try:
        with open_ledger(path, create=True) as lg, lg.session() as s:
            if s.scalar(select(func.count(Person.id))) == 0:
                return "damaged: no people"
            rows = s.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                return f"damaged: {rows[0][0]}"
            rep = chain.verify(s)
            if rep.broken is not None:
                return "damaged: audit chain"
            return "survived"
    except LedgerDamagedError as e:
        return "offered" if e.backup is not None else f"damaged: {e}"
    except PartyDeskError as e:
        return f"damaged: {e}"


def count_writes(cmd: list[str], cwd: Path) -> int:
    trace = cwd / "trace.txt"
    subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=pwrite64,write,fsync,fdatasync,rename,renameat2",
            "-o",
            str(trace),
            "--",
            *cmd,
        ],
        env=ENV,
        cwd=cwd,
        capture_output=True,
        timeout=600,
    )
    n = sum(1 for line in trace.read_text().splitlines() if "pwrite64(" in line)
    trace.unlink()
    return n


def trial(op: str, mode: str, n: int | None, seconds: float | None) -> str:
    d = Path(tempfile.mkdtemp(prefix=f"crash-{op}-"))
    try:
        path, cmd = OPS[op](d)
        if mode == "injected":
            full = [
                "strace",
                "-f",
                "-qq",
                "-o",
                "/dev/null",
                "-e",
                f"inject=pwrite64:signal=KILL:when={n}",
                "--",
                *cmd,
            ]
            subprocess.run(full, env=ENV, cwd=d, capture_output=True, timeout=600)
        else:
            p = subprocess.Popen(
                cmd, env=ENV, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(seconds)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
            p.wait()
        return inspect(path)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", default=",".join(OPS))
    ap.add_argument("--random", type=int, default=4, help="random kills per operation")
    ap.add_argument("--injected", type=int, default=8, help="injected kills per operation")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rnd = random.Random(args.seed)
    totals = {"trials": 0, "survived": 0, "offered": 0, "damaged": 0}
    have_strace = shutil.which("strace") is not None
    for op in args.ops.split(","):
        plan: list[tuple[str, int | None, float | None]] = []
        plan += [("random", None, rnd.uniform(0.3, 4.0)) for _ in range(args.random)]
        if have_strace and args.injected:
            d = Path(tempfile.mkdtemp(prefix=f"count-{op}-"))
            try:
                _path, cmd = OPS[op](d)
                total = count_writes(cmd, d)
            finally:
                shutil.rmtree(d, ignore_errors=True)
            picks = sorted({1, total, *rnd.sample(range(1, total + 1), min(total, args.injected))})
            plan += [("injected", n, None) for n in picks]
        for mode, n, sec in plan:
            outcome = trial(op, mode, n, sec)
            key = outcome.split(":")[0]
            totals["trials"] += 1
            totals[key] += 1
            where = f"write {n}" if mode == "injected" else f"{sec:.2f} s"
            print(f"{op:8} {mode:8} {where:>12}  {outcome}", flush=True)
    print(
        f"trials={totals['trials']} survived={totals['survived']} "
        f"offered={totals['offered']} damaged={totals['damaged']}"
    )
    return 1 if totals["damaged"] else 0


if __name__ == "__main__":
    sys.exit(main())
