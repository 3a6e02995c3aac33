"""Navigation page: 党员与发展 (people in the party pipeline) (ui.table.TablePage)."""

from __future__ import annotations


def create_page(ctx):
    from ui.table import TablePage

    return TablePage(ctx, "person")
