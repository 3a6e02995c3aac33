from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from partydesk.certs import registry
from partydesk.ledger import open_ledger
from partydesk.ledger.models.certs import Certificate


def test_two_windows_issuing_at_once_never_share_a_serial(ledger, ledger_path):
    """Two processes (here: two engines on the same file) issue batches concurrently. SQLite
    serializes the writers; a writer that loses the race gets an error and retries — no
    serial is ever given twice and none is skipped."""
    with ledger.session() as s:
        registry.template(s, "instructor")  # create the template row up front
    errors: list[BaseException] = []

    def worker(tag: str) -> None:
        try:
            lg = open_ledger(ledger_path)
            for n in range(8):
                for _attempt in range(50):
                    try:
                        with lg.session() as s:
                            registry.issue(
                                s,
                                "instructor",
                                [registry.Holder(f"{tag}{n}-{k}") for k in range(5)],
                                issued_on=date(2026, 5, 1),
                            )
                        break
                    except OperationalError:
                        continue
                else:
                    raise AssertionError("could not write after 50 attempts")
            lg.close()
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(t,)) for t in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with ledger.session() as s:
        serials = sorted(s.scalars(select(Certificate.serial)))
    assert len(serials) == 80
    assert serials == [f"2026ZD{i:04d}" for i in range(1, 81)]
