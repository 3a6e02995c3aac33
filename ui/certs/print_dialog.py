"""打印证书: which certificates to print — the ones selected, a year's valid ones, those never
printed (新开), those issued since a day, or one batch — and whether as a 样稿 (draft: the
seal's place marked, not counted as printed). The choice is the core's `certs.to_print`, the
same as `partydesk print certificates`."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from partydesk.certs import batches, to_print
from partydesk.errors import PartyDeskError
from partydesk.ledger.models.certs import CertificateKind
from ui.widgets.dates import to_date


class PrintDialog(QDialog):
    def __init__(
        self,
        ctx,
        selected: list[str],
        year: int | None,
        kind: str | None,
        draft: bool = False,
        parent=None,
    ):
        super().__init__(parent)
        self.ctx, self.selected, self.kind = ctx, list(selected), kind
        self.year = year or date.today().year
        self.setWindowTitle(self.tr("打印证书"))
        self.setObjectName("certPrintDialog")
        self.how = QButtonGroup(self)
        grid = QGridLayout()
        self.options: dict[str, QRadioButton] = {}
        for row, (key, text) in enumerate(
            (
                ("selected", self.tr("选中的证书（{0} 张）").format(len(self.selected))),
                ("year", self.tr("{0}年颁发的有效证书").format(self.year)),
                ("new", self.tr("新开：颁发后尚未打印过的有效证书")),
                ("since", self.tr("自某日起颁发的有效证书：")),
                ("batch", self.tr("按批次：")),
            )
        ):
            b = QRadioButton(text, self)
            b.setObjectName(f"certPrint_{key}")
            self.how.addButton(b)
            self.options[key] = b
            grid.addWidget(b, row, 0)
        self.options["selected"].setEnabled(bool(self.selected))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setObjectName("certPrintSince")
        grid.addWidget(self.since, 3, 1)
        self.batch = QComboBox(self)
        self.batch.setObjectName("certPrintBatch")
        with ctx.ledger.session() as s:
            for b in batches.batches(s, kind):
                self.batch.addItem(
                    self.tr("第{0}批　{1}　{2}　{3} 张，有效 {4}，未打印 {5}").format(
                        b.id,
                        f"{b.issued_on:%Y-%m-%d}",
                        CertificateKind.label_of(b.kind),
                        b.size,
                        b.valid,
                        b.unprinted,
                    ),
                    b.id,
                )
        self.options["batch"].setEnabled(self.batch.count() > 0)
        grid.addWidget(self.batch, 4, 1)
        self.draft = QCheckBox(self.tr("样稿：标出盖章位置，不计入打印次数"), self)
        self.draft.setObjectName("certPrintDraft")
        self.draft.setChecked(draft)
        self.count = QLabel(self)
        self.count.setObjectName("certPrintCount")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("预览…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.draft)
        lay.addWidget(self.count)
        lay.addWidget(self.buttons)
        (self.options["selected"] if self.selected else self.options["year"]).setChecked(True)
        self.how.buttonToggled.connect(lambda *_: self.update_count())
        self.since.dateChanged.connect(lambda *_: self.pick("since"))
        self.batch.currentIndexChanged.connect(lambda *_: self.pick("batch"))
        self.serials: list[str] = []
        self.update_count()

    def pick(self, key: str) -> None:
        if self.options[key].isEnabled():
            self.options[key].setChecked(True)
        self.update_count()

    def choice(self) -> to_print.Choice:
        key = next(k for k, b in self.options.items() if b.isChecked())
        if key == "selected":
            return to_print.Choice(serials=tuple(self.selected))
        if key == "new":
            return to_print.Choice(new=True, kind=self.kind)
        if key == "since":
            return to_print.Choice(since=to_date(self.since.date()), kind=self.kind)
        if key == "batch":
            return to_print.Choice(batch=self.batch.currentData())
        return to_print.Choice(year=self.year, kind=self.kind)

    def update_count(self) -> None:
        """How many the choice prints, asked of the core as the user changes it."""
        try:
            with self.ctx.ledger.session() as s:
                self.serials = [c.serial for c in to_print.choose(s, self.choice())]
            self.count.setText(self.tr("将打印 {0} 张。").format(len(self.serials)))
        except PartyDeskError as e:
            self.serials = []
            self.count.setText(str(e))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.serials))

    def default_name(self) -> str:
        key = next(k for k, b in self.options.items() if b.isChecked())
        what = {
            "selected": self.tr("选中"),
            "year": self.tr("{0}年").format(self.year),
            "new": self.tr("新开"),
            "since": self.tr("{0}起").format(f"{to_date(self.since.date()):%Y%m%d}"),
            "batch": self.tr("第{0}批").format(self.batch.currentData()),
        }[key]
        if self.draft.isChecked():
            return self.tr("证书-{0}-{1}张-样稿.pdf").format(what, len(self.serials))
        return self.tr("证书-{0}-{1}张.pdf").format(what, len(self.serials))
