"""The ledger: SQLAlchemy models, engine/session setup, queries, migrations.

Everything here is looked up on first use (PEP 562) rather than imported with the package:
`open_ledger` lives in `partydesk.ledger.opening`, which sits above the backup policy (and
the backup policy needs this package's models), and `Ledger` brings SQLAlchemy. So
importing a light part of the ledger (`paths`, `uri`, `firstscreen`: the window's first
screen, read before SQLAlchemy is loaded) imports neither the backup code nor SQLAlchemy.
"""

__all__ = ["Ledger", "default_ledger_path", "open_ledger"]


def __getattr__(name: str):
    if name == "open_ledger":
        from partydesk.ledger.opening import open_ledger

        return open_ledger
    if name == "Ledger":
        from partydesk.ledger.db import Ledger

        return Ledger
    if name == "default_ledger_path":
        from partydesk.ledger.paths import default_ledger_path

        return default_ledger_path
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
