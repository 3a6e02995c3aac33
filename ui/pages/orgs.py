"""Navigation page (placeholder until its feature lands)."""

from __future__ import annotations


def create_page(ctx):
    return None
