"""The ledger: SQLAlchemy models, engine/session setup, queries, migrations.

`open_ledger` lives in `partydesk.ledger.opening`, which sits above the backup policy, and
the backup policy needs this package's models: it is therefore looked up on first use
(PEP 562) rather than imported here, so importing any part of the ledger never imports
the backup code.
"""

from partydesk.ledger.db import Ledger
from partydesk.ledger.paths import default_ledger_path

__all__ = ["Ledger", "default_ledger_path", "open_ledger"]


def __getattr__(name: str):
    if name == "open_ledger":
        from partydesk.ledger.opening import open_ledger

        return open_ledger
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
