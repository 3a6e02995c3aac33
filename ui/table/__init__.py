"""Reusable ledger tables, generic over an entity of `partydesk.ledger.fields`.

    from ui.table import TablePage
    def create_page(ctx):            # ui/pages/<name>.py
        return TablePage(ctx, "instructor")

Pieces (each usable alone):
- `model.LedgerTableModel(ctx, entity)`: holds only the ordered ids of one SQL query
  (`partydesk.ledger.listing`), fetches rows in blocks of 100 when `data()` asks, caches
  3,000; sort and filter run in SQL (`set_query(ListQuery)`); the first 500 ids load at
  once and the rest off the UI thread. Edits go through `commands`, never straight to SQL.
- `view.LedgerTableView`: Excel keys — Ctrl+C copies the selection as TSV, Ctrl+V pastes a
  TSV block validated cell by cell as one undo step (refused cells listed), Delete clears.
- `delegates`: editors by field kind (enum/bool drop-downs, organization picker with a
  completer, calendar date editor, live-checking ID editor); `make_editor` is shared with
- `detail.DetailForm` (all fields of the current record) and `detail.AddDialog`.
- `filterbar.FilterBar`: debounced search box and drop-down filters (`listing.FILTERS`).
- `commands`: `edit`, `paste`, `add`, `delete` call `partydesk.ledger.editing` and push
  QUndoCommands on `ctx.undo_stack`; `ctx.changes` tells every table what changed.
- `page.TablePage`: all of it on one page; `table_state()` → `TableState` (entity, visible
  columns in order, search text, filters, sort) for "export the table as shown".

A new entity needs only its fields in `partydesk/ledger/fields.py` (and optionally
`listing.SEARCH` / `FILTERS` / `DERIVED` entries).
"""

from ui.table.page import TablePage, TableState

__all__ = ["TablePage", "TableState"]
