"""Backup of a 100,000-member ledger: ours (online backup API + integrity_check + record
counts + fsync/rename) against the floor, SQLite's online backup API alone (the least a
consistent copy of an open ledger costs). Also shown: a plain file copy, and opening the
ledger (quick_check, lock) against a bare connect."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from common import best_of, summary
from sqlalchemy import insert

N = 100_000


def _ledger(folder: Path) -> Path:
    from partydesk.ledger import open_ledger
    from partydesk.ledger.models import Person

    path = folder / "bench.partydesk"
    with open_ledger(path, create=True) as lg, lg.session() as s:
        for start in range(0, N, 10_000):
            s.execute(
                insert(Person),
                [
                    {
                        "name": f"党员{i}",
                        "id_number": f"{i:018d}",
                        "phone": "13800000000",
                        "job": "职工",
                    }
                    for i in range(start, start + 10_000)
                ],
            )
    return path


def main() -> str:
    from partydesk import backup
    from partydesk.ledger import open_ledger
    from partydesk.ledger.db import make_engine

    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        path = _ledger(folder)
        with open_ledger(path) as lg:  # (its daily backup is made here, outside the timing)
            pass
        out = folder / "copies"
        out.mkdir()
        n = [0]

        def plain_copy():
            n[0] += 1
            shutil.copyfile(path, out / f"copy{n[0]}.partydesk")

        def api_only():
            n[0] += 1
            src = sqlite3.connect(path)
            dst = sqlite3.connect(out / f"api{n[0]}.partydesk")
            src.backup(dst)
            dst.close()
            src.close()

        with open_ledger(path) as lg:
            copy = best_of(plain_copy)
            floor = best_of(api_only)
            ours = best_of(lambda: backup.make_backup(lg, "manual", out, rotate=False))

        def bare_open():
            e = make_engine(path)
            with e.connect() as c:
                c.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            e.dispose()

        def our_open():
            open_ledger(path).close()

        open_floor = best_of(bare_open)
        open_ours = best_of(our_open)
        size_mb = path.stat().st_size / 1024 / 1024
    return summary(
        "backup",
        ours,
        floor,
        goal=6,
        members=N,
        size=f"{size_mb:.0f}MB",
        file_copy=f"{copy:.3f}s",
        open_ours=f"{open_ours:.3f}s",
        open_floor=f"{open_floor:.3f}s",
    )


if __name__ == "__main__":
    print(main())
