"""Navigation page: 两新组织 (units) (ui.table.TablePage)."""

from __future__ import annotations


def create_page(ctx):
    from ui.table import TablePage

    return TablePage(ctx, "unit")
