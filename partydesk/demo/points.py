"""Demo filler: points entries and redemptions."""

from __future__ import annotations


def fill(ctx) -> None:
    """Add this feature's demo content to ctx.ledger (see partydesk.demo.DemoContext)."""
