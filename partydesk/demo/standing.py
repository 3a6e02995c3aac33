"""Demo filler: star ratings, 六有 checklists, 六个清 surveys."""

from __future__ import annotations


def fill(ctx) -> None:
    """Add this feature's demo content to ctx.ledger (see partydesk.demo.DemoContext)."""
