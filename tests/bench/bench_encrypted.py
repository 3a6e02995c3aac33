"""Encryption's cost: the `table` work (the people table's model: first rows, a sort, a
search, all ids) and the `import` benchmark's import, each on an encrypted ledger against
the same on the plain ledger it was made from. ours = encrypted, floor = plain; the ratio
is the worse of the two."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_import  # noqa: E402
from common import summary  # noqa: E402

MEMBERS = 20_000
IMPORT_ROWS = 20_000
PASSPHRASE = "基准测试口令2026"
REPEAT = 3


def table_times(path: Path) -> float:
    """Median over REPEAT of: first rows, sort by name, search 张, all ids loaded."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack

    from partydesk.ledger import open_ledger
    from partydesk.ledger.listing import ListQuery
    from ui.app import make_app
    from ui.context import ChangeHub
    from ui.table.model import LedgerTableModel

    make_app()
    times = []
    with open_ledger(path) as ledger:
        ctx = SimpleNamespace(
            ledger=ledger, changes=ChangeHub(), undo_stack=QUndoStack(), status=print
        )
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            m = LedgerTableModel(ctx, "person")
            m.reload()
            for r in range(0, 200):
                m.data(m.index(r, 0))
            m.wait_complete()
            m.sort(0)
            m.wait_complete()
            m.set_query(ListQuery("person", "张", {}, "name", False))
            m.wait_complete()
            for r in range(0, min(200, m.rowCount())):
                m.data(m.index(r, 0))
            times.append(time.perf_counter() - t0)
            m.deleteLater()
    return statistics.median(times)


def import_time(template: Path, sheet: Path, folder: Path) -> float:
    """bench_import's import (plan + apply of the same sheet) on a copy of `template`."""
    from partydesk.excel import apply_import, plan_import
    from partydesk.ledger import open_ledger

    target = folder / "ours.partydesk"
    shutil.copy(template, target)
    with open_ledger(target) as lg:
        t0 = time.perf_counter()
        plan = plan_import(lg, "people", sheet, today=date(2025, 6, 30))
        res = apply_import(lg, plan)
        dt = time.perf_counter() - t0
    assert res.inserted > IMPORT_ROWS // 2, plan.counts
    target.unlink()
    return dt


def main() -> str:
    from partydesk.backup.encrypting import encrypt_ledger
    from partydesk.demo import build_demo
    from partydesk.ledger import cipher

    folder = Path(tempfile.mkdtemp(prefix="bench-encrypted-"))
    try:
        plain = folder / "plain.partydesk"
        build_demo(plain, units=600, members=MEMBERS, seed=1, today=date(2026, 11, 1))
        enc = folder / "enc.partydesk"
        shutil.copy(plain, enc)
        encrypt_ledger(enc, PASSPHRASE)  # keeps the key in this process
        t_plain, t_enc = [], []
        for _ in range(2):  # interleaved, so both see the same machine load
            t_plain.append(table_times(plain))
            t_enc.append(table_times(enc))

        bench_import.ROWS = IMPORT_ROWS
        tpl_plain, sheet = bench_import.build(folder)
        tpl_enc = folder / "template-enc.partydesk"
        shutil.copy(tpl_plain, tpl_enc)
        encrypt_ledger(tpl_enc, PASSPHRASE)
        i_plain, i_enc = [], []
        for _ in range(2):
            i_plain.append(import_time(tpl_plain, sheet, folder))
            i_enc.append(import_time(tpl_enc, sheet, folder))
        assert cipher.is_encrypted(enc) and cipher.is_encrypted(tpl_enc)
        table = (min(t_enc), min(t_plain))
        imp = (min(i_enc), min(i_plain))
        worst = max((table, imp), key=lambda p: p[0] / p[1])
        return summary(
            "encrypted",
            worst[0],
            worst[1],
            1.3,
            worst="table" if worst is table else "import",
            table_ratio=f"{table[0] / table[1]:.2f}",
            table_encrypted=f"{table[0]:.2f}s",
            table_plain=f"{table[1]:.2f}s",
            import_ratio=f"{imp[0] / imp[1]:.2f}",
            import_encrypted=f"{imp[0]:.2f}s",
            import_plain=f"{imp[1]:.2f}s",
            members=MEMBERS,
            import_rows=IMPORT_ROWS,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(main())
