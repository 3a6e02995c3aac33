"""Shared steps of the merge tests: the command line in-process, and what a ledger holds
(read with plain SQL, not with the merge's own code)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from partydesk.cli import main

TODAY = "2026-11-01"


def run(capsys, *argv) -> str:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def sql(path: Path, q: str, *params):
    con = sqlite3.connect(path)
    try:
        return con.execute(q, params).fetchall()
    finally:
        con.close()


def one(path: Path, q: str, *params):
    return sql(path, q, *params)[0][0]


def person(path: Path, name: str) -> tuple:
    """(id, uuid, phone, job) of the person called `name`."""
    rows = sql(path, "SELECT id, uuid, phone, job FROM person WHERE name = ?", name)
    assert len(rows) == 1, (name, rows)
    return rows[0]


def by_uuid(path: Path, uuid: str) -> tuple | None:
    rows = sql(path, "SELECT id, name, phone, job FROM person WHERE uuid = ?", uuid)
    return rows[0] if rows else None


def people_of_street(path: Path, street: str, n: int, skip: int = 0) -> list[str]:
    """Names of `n` people of the street's units (unique names only)."""
    rows = sql(
        path,
        "SELECT p.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.street = ? "
        "AND (SELECT count(*) FROM person q WHERE q.name = p.name) = 1 ORDER BY p.id",
        street,
    )
    return [r[0] for r in rows[skip : skip + n]]


def counts(path: Path, tables: list[str]) -> dict[str, int]:
    return {t: one(path, f"SELECT count(*) FROM {t}") for t in tables}
