"""Cost of the automatic audit log: an ORM edit of 5,000 people (one flush) with the
audit listeners against the same edit with recording switched off for the session."""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import best_of, summary
from sqlalchemy import insert, select

N = 5_000


def main() -> str:
    from partydesk.ledger import open_ledger
    from partydesk.ledger.models import Person

    with tempfile.TemporaryDirectory() as d:
        with open_ledger(Path(d) / "bench.partydesk", create=True) as lg:
            with lg.session() as s:
                s.info["audit"] = False
                s.execute(insert(Person), [{"name": f"党员{i}", "job": "职工"} for i in range(N)])
            turn = [0]

            def edit(audited: bool):
                turn[0] += 1
                with lg.session() as s:
                    s.info["audit"] = audited
                    for p in s.scalars(select(Person)):
                        p.job = f"岗位{turn[0]}"
                        p.phone = f"1390000{turn[0]:04d}"

            floor = best_of(lambda: edit(False))
            ours = best_of(lambda: edit(True))
    return summary("audit", ours, floor, goal=2.0, rows=N)


if __name__ == "__main__":
    print(main())
