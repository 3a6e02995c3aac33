"""300 certificates issued by three clerks at once (three processes, each click its own
transaction): every serial is unique, none is skipped, and no clerk saw an error — on a
SQLite file, and on the server in the PostgreSQL run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from partydesk.ledger.models.audit import AuditEntry
from partydesk.ledger.models.certs import Certificate
from tests.clients import client, shared_ledger  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]


def _three_clerks(target, tmp_path, n: int, *extra: str) -> list[dict]:
    """Run three worker processes that start together; their JSON results."""
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.certs.issue_worker",
                str(target),
                str(n),
                str(go),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    go.touch()  # all three start together
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_three_clerks_issue_300_certificates_with_unique_serials(shared_ledger, tmp_path):  # noqa: F811
    results = _three_clerks(shared_ledger, tmp_path, 100)
    assert [r["errors"] for r in results] == [[], [], []]
    serials = [s for r in results for s in r["serials"]]
    assert len(serials) == 300 and len(set(serials)) == 300
    # numbered 2026ZD0001 … 2026ZD0300: none given twice, none lost
    assert sorted(serials) == [f"2026ZD{i:04d}" for i in range(1, 301)]
    lg = client(shared_ledger)
    with lg.session() as s:
        stored = s.scalars(select(Certificate.serial)).all()
        logged = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.table_name == "certificate")
        )
    lg.close()
    assert sorted(stored) == sorted(serials)
    assert logged == 300  # every issue is in the 操作日志 (its chain did not collide)


def test_three_clerks_adding_work_records_of_one_branch_number_them_once_each(
    shared_ledger,  # noqa: F811
    tmp_path,
):
    """支委会 records are numbered 1, 2, 3 … per organization and year in date order:
    added by three clerks at once, the 60 records get 1…60, each number once."""
    from partydesk.ledger.models import Organization
    from partydesk.ledger.models.work import WorkRecord

    lg = client(shared_ledger)
    with lg.session() as s:
        org = Organization(name="中共星光科技有限公司支部委员会", org_type="branch")
        s.add(org)
        s.flush()
        org_id = org.id
    results = _three_clerks(shared_ledger, tmp_path, 20, "records", str(org_id))
    assert [r["errors"] for r in results] == [[], [], []]
    with lg.session() as s:
        rows = (
            s.execute(
                select(WorkRecord.seq)
                .where(WorkRecord.org_id == org_id)
                .order_by(WorkRecord.held_at, WorkRecord.id)
            )
            .scalars()
            .all()
        )
    lg.close()
    assert rows == list(range(1, 61))
