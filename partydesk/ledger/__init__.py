"""The ledger: SQLAlchemy models, engine/session setup, queries, migrations."""

from partydesk.ledger.db import Ledger, default_ledger_path, open_ledger

__all__ = ["Ledger", "default_ledger_path", "open_ledger"]
