"""Demo filler: certificates and 红领党务 qualifications."""

from __future__ import annotations


def fill(ctx) -> None:
    """Add this feature's demo content to ctx.ledger (see partydesk.demo.DemoContext)."""
