"""The list behind a dashboard figure: the organizations, units or people it counts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from ui.standing.models import IdListModel
from ui.standing.org_dialog import OrgStandingDialog
from ui.standing.survey_dialog import SurveyDialog


class ListDialog(QDialog):
    """The units, organizations or people behind a figure."""

    def __init__(
        self, ctx, title: str, kind: str, ids: list[int], parent=None, year: int | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.year = year  # the rating year an organization opens on
        self.setWindowTitle(title)
        self.model = IdListModel(ctx.ledger, kind, ids, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.view.doubleClicked.connect(self._open)
        hint = {
            "org": self.tr("双击可编辑评星定级、六有、四个一"),
            "unit": self.tr("双击可登记六个清摸排"),
        }.get(kind, "")
        count = QLabel(
            self.tr("共 %1 条").replace("%1", str(len(ids))) + ("　" + hint if hint else "")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(count)
        lay.addWidget(self.view)
        lay.addWidget(buttons)
        self.resize(820, 520)

    def _open(self, index) -> None:
        rid = self.model.id_at(index.row())
        if self.kind == "org":
            OrgStandingDialog(self.ctx, rid, self.year, parent=self).exec()
        elif self.kind == "unit":
            SurveyDialog(self.ctx, rid, parent=self).exec()
