"""Navigation page: 党员与发展 (people in the party pipeline) (ui.table.TablePage), with
the pipeline's decisions (ui.people.acts) beside the search box and in the cell menu."""

from __future__ import annotations


def create_page(ctx):
    from ui.people import acts
    from ui.table import TablePage

    page = TablePage(ctx, "person")
    acts.install(page)
    return page
