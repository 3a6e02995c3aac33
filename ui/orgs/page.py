"""Navigation page: 党组织 (party organizations) (ui.table.TablePage)."""

from __future__ import annotations


def create_page(ctx):
    from ui.table import TablePage

    return TablePage(ctx, "org")
