"""`partydesk check` finds the people whose ID or mobile number may be wrong through a
partial index SQLite keeps of them (migration 0020_numbersuspect), written however the
row was written: it no longer works out every ID number's check digit at each check."""

from __future__ import annotations

from datetime import date
from importlib import import_module

import pytest
from sqlalchemy import select, text

from partydesk.check import run_checks
from partydesk.ledger import suspects
from partydesk.ledger.models import Person
from tests.sample_ledger import fill_sample

TODAY = date(2026, 11, 1)


def _words(sql: str) -> str:
    return " ".join(sql.split())


def test_the_migrations_index_holds_what_the_check_asks_for():
    """A change to the rules of ID and mobile numbers needs a migration that makes the
    index anew (the check stays right without one, only slow)."""
    mig = import_module("partydesk.ledger.migrations.versions.0020_numbersuspect")
    assert _words(mig.WHERE) == _words(suspects.number_suspects_sql())


@pytest.mark.sqlite_only("the partial index is SQLite's; PostgreSQL reads every row")
def test_a_number_broken_outside_the_program_is_found_through_the_index(ledger):
    ids = fill_sample(ledger)
    with ledger.session() as s:
        first = s.scalars(select(Person.id).order_by(Person.id)).first()
    # written around the program, as another tool would: SQLite updates the index itself
    with ledger.engine.begin() as c:
        c.execute(
            text("UPDATE person SET id_number = '110101199001011235' WHERE id = :i"), {"i": first}
        )
        c.execute(text("UPDATE person SET phone = '12345678901' WHERE id = :i"), {"i": first})
    with ledger.session() as s:
        listed = (
            s.execute(
                text(
                    f"SELECT id FROM person INDEXED BY {suspects.NUMBERS_INDEX} WHERE "
                    + suspects.number_suspects_sql()
                )
            )
            .scalars()
            .all()
        )
        plan = s.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE " + suspects.number_suspects_sql())
        ).all()
        report = run_checks(s, today=TODAY, integrity=False)
    assert first in listed and suspects.NUMBERS_INDEX in " ".join(r[-1] for r in plan)
    found = {(f.kind, f.record_id) for f in report.findings}
    assert ("id_number", first) in found and ("phone", first) in found
    assert ids  # the rest of the sample is as fill_sample made it
