"""The standing dialogs' undo steps (an organization's standing snapshot, a 六个清 survey) and
the refresh of the dashboard after either."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from partydesk.ledger.models.standing import UnitSurvey
from partydesk.standing import snapshot
from partydesk.standing.survey import set_unit_facts


class SnapshotCommand(QUndoCommand):
    """Undo/redo an edit of one organization's standing by restoring whole snapshots."""

    def __init__(self, ctx, before: dict, after: dict, text: str, on_change=None):
        super().__init__(text)
        self.ctx, self.before, self.after, self.on_change = ctx, before, after, on_change
        self._first = True

    def _apply(self, snap: dict) -> None:
        with self.ctx.ledger.session() as s:
            snapshot.restore(s, snap)
        if self.on_change:
            self.on_change()

    def redo(self) -> None:
        if self._first:  # already saved by the dialog
            self._first = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class SurveyCommand(QUndoCommand):
    """A survey recorded, and the unit facts its answers changed (both undone together)."""

    def __init__(
        self,
        ctx,
        values: dict,
        survey_id: int,
        text: str,
        on_change=None,
        unit_before: dict | None = None,
        unit_after: dict | None = None,
    ):
        super().__init__(text)
        self.ctx, self.values, self.survey_id, self.on_change = ctx, values, survey_id, on_change
        self.unit_before, self.unit_after = unit_before or {}, unit_after or {}
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        with self.ctx.ledger.session() as s:
            row = UnitSurvey(**self.values)
            s.add(row)
            s.flush()
            self.survey_id = row.id
            set_unit_facts(s, self.values["unit_id"], self.unit_after)
        if self.on_change:
            self.on_change()

    def undo(self) -> None:
        with self.ctx.ledger.session() as s:
            row = s.get(UnitSurvey, self.survey_id)
            if row is not None:
                s.delete(row)
            set_unit_facts(s, self.values["unit_id"], self.unit_before)
        if self.on_change:
            self.on_change()


def refresh_dashboard(ctx) -> None:
    """Tell the dashboard (and any page that cares) that standing data changed."""
    page = ctx.pages.get("ui.dashboard.page")
    if page is not None and hasattr(page, "refresh"):
        page.refresh()
