"""One clerk issuing certificates (or adding work records) one by one, as a separate
process of the parallel numbering tests: `python -m tests.certs.issue_worker LEDGER N
GO_FILE [records ORG_ID]` waits for GO_FILE, issues N certificates — or adds N 支委会
records of organization ORG_ID — each its own transaction, as each click is, and prints
one JSON line: the serials (record ids) and the errors a clerk would have seen."""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from partydesk.certs import registry
from tests.clients import client


def _record(s, org_id: int, i: int, worker: int) -> str:
    from datetime import datetime

    from partydesk.records.service import create_record

    held = datetime(2025, 1 + i % 12, 1 + worker * 9 + i // 12, 9, 0)  # a past year
    rec = create_record(s, "committee_meeting", org_id=org_id, held_at=held, place="会议室")
    return str(rec.id)


def main(target: str, n: int, go: str, what: str = "certs", org: str = "0") -> None:
    lg = client(target if "://" in target else Path(target))
    serials: list[str] = []
    errors: list[str] = []
    while not Path(go).exists():
        time.sleep(0.01)
    for i in range(n):
        try:
            with lg.session() as s:
                if what == "records":
                    serials.append(_record(s, int(org), i, os.getpid() % 3))
                    continue
                holder = registry.Holder(f"指导员{i:03d}")
                certs = registry.issue(s, "instructor", [holder], issued_on=date(2026, 3, 1))
                serials.append(certs[0].serial)
        except Exception as e:  # noqa: BLE001 - counted: what the clerk would see
            errors.append(f"{type(e).__name__}: {e}")
    lg.close()
    print(json.dumps({"serials": serials, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:2], int(sys.argv[2]), *sys.argv[3:])
