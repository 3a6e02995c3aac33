"""One clerk issuing certificates one by one, as a separate process of the parallel
serial-number test: `python -m tests.certs.issue_worker LEDGER N GO_FILE` waits for
GO_FILE, issues N certificates (each its own transaction, as each click is), and prints
one JSON line: the serials and the errors a clerk would have seen."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from partydesk.certs import registry
from tests.clients import client


def main(target: str, n: int, go: str) -> None:
    lg = client(target if "://" in target else Path(target))
    serials: list[str] = []
    errors: list[str] = []
    while not Path(go).exists():
        time.sleep(0.01)
    for i in range(n):
        try:
            with lg.session() as s:
                holder = registry.Holder(f"指导员{i:03d}")
                certs = registry.issue(s, "instructor", [holder], issued_on=date(2026, 3, 1))
                serials.append(certs[0].serial)
        except Exception as e:  # noqa: BLE001 - counted: what the clerk would see
            errors.append(f"{type(e).__name__}: {e}")
    lg.close()
    print(json.dumps({"serials": serials, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
