"""Offline merging of ledgers (合并乡镇账本): a township's ledger file merged into the
county's by record UUIDs, conflicts for the clerk to decide, a report; and the
township's slice extracted as a ledger of its own (`extract`).

Modules: `tables` (what is merged; comparable content and digests), `tombstones` (the
record of deletions), `identity` (a ledger's UUID), `source` (reading the other file),
`writing` (Core writes with audit entries), `merging`, `conflicts`, `extract`, `report`.
Everything is SQLAlchemy Core, so a county ledger on a server merges the same way."""

from partydesk.merge.conflicts import Conflict, decide, listing
from partydesk.merge.extract import ExtractResult, extract
from partydesk.merge.merging import ACTIONS, Item, MergeResult, merge

__all__ = [
    "ACTIONS",
    "Conflict",
    "ExtractResult",
    "Item",
    "MergeResult",
    "decide",
    "extract",
    "listing",
    "merge",
]
