"""A table's column header as the user left it: widths, order and hidden columns kept in
the settings per table, first-run widths otherwise. Shared by the table pages
(ui.table.page) and the first screen shown before the ledger is open (ui.firstscreen),
which must look the same. Qt only: the first screen comes before the core is loaded."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

# First-run column widths (pixels); the user's own are remembered after that.
WIDTHS = {
    "unit": {"name": 260, "orgs": 280, "credit_code": 170, "address": 240, "kind": 110},
    "org": {"name": 300, "short_name": 150, "parent_id": 260, "org_type": 90, "formation": 80},
    "person": {
        "name": 80,
        "id_number": 165,
        "sex": 48,
        "birth_date": 95,
        "ethnicity": 60,
        "education": 80,
        "category": 95,
        "org_id": 280,
        "job": 120,
    },
}


def settings_key(entity: str) -> str:
    return f"tables/{entity}/header"


def restore(header, entity: str, columns: list[tuple[str, str]]) -> None:
    """Give `header` the user's saved state of `entity`'s table, else the first-run
    widths; `columns`: (name, kind) of each column, in the model's order."""
    state = QSettings().value(settings_key(entity))
    if state is not None:
        header.restoreState(state)
        header.setSortIndicator(-1, Qt.AscendingOrder)
        return
    widths = WIDTHS.get(entity, {})
    for c, (name, kind) in enumerate(columns):
        header.resizeSection(c, widths.get(name, 80 if kind == "bool" else 110))


def save(header, entity: str) -> None:
    QSettings().setValue(settings_key(entity), header.saveState())
