"""The membership pipeline's decisions on the 党员与发展 page: 取消积极分子资格, 取消预备党员资格
and 延长预备期. They are not cell edits (a category never steps back by typing): each is a
small dialog asking the date and the reason, run by `partydesk.ledger.acts`, written to the
person's 履历 and one undo step (Ctrl+Z), like a transfer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partydesk import settings
from partydesk.ledger import acts
from partydesk.ledger.enums import Category, PersonStatus
from partydesk.ledger.models import Person
from partydesk.rules.dates import parse_date
from partydesk.rules.pipeline import DEFAULTS
from ui.table import commands
from ui.table.delegates import DateEdit
from ui.widgets.colors import word_style

CANCEL_ACTIVIST, CANCEL_PROBATION, EXTEND = "cancel_activist", "cancel_probation", "extend"


def _titles(w: QWidget) -> dict[str, str]:
    return {
        CANCEL_ACTIVIST: QCoreApplication.translate("PeopleActs", "取消积极分子资格…"),
        CANCEL_PROBATION: QCoreApplication.translate("PeopleActs", "取消预备党员资格…"),
        EXTEND: QCoreApplication.translate("PeopleActs", "延长预备期…"),
    }


def applies(act: str, category: str | None, status: str | None) -> bool:
    """Whether the act fits the person as they stand (the core says why not otherwise)."""
    if status not in (None, PersonStatus.ACTIVE.value):
        return False
    if act == CANCEL_ACTIVIST:
        return category in (Category.ACTIVIST.value, Category.TARGET.value)
    return category == Category.PROBATIONARY.value


class ActDialog(QDialog):
    """Date and reason (and, for 延长预备期, the months) of one decision about one person.
    OK runs it; a refusal is shown in the dialog, which stays open."""

    def __init__(self, ctx, act: str, person_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.act, self.person_id = ctx, act, person_id
        self.step = None
        with ctx.ledger.session() as s:
            p = s.get(Person, person_id)
            self.name = p.name if p is not None else ""
            category = Category.label_of(p.category) if p is not None else ""
            cfg = {**DEFAULTS, **(settings.get(s, "pipeline") or {})}
        self.setObjectName(f"act_{act}")
        self.setWindowTitle(_titles(self)[act].rstrip("…") + "：" + self.name)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        who = QLabel(f"{self.name}（{category}）", self)
        who.setObjectName("actPerson")
        form.addRow(self.tr("人员"), who)
        self.on = DateEdit(self)
        self.on.setObjectName("actDate")
        self.on.set_text(f"{date.today():%Y-%m-%d}")
        form.addRow(self.tr("决定日期"), self.on)
        self.months: QSpinBox | None = None
        if act == EXTEND:
            self.months = QSpinBox(self)
            self.months.setObjectName("actMonths")
            lo, hi = int(cfg["extension_min_months"]), int(cfg["extension_max_months"])
            self.months.setRange(1, 24)
            self.months.setValue(lo)
            self.months.setSuffix(self.tr(" 个月"))
            self.months.setToolTip(self.tr("按规定延长{0}至{1}个月，只能延长一次").format(lo, hi))
            form.addRow(self.tr("延长"), self.months)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("actReason")
        self.reason.setPlaceholderText(self.tr("支部大会或支委会的决定及原因"))
        form.addRow(self.tr("原因"), self.reason)
        lay.addLayout(form)
        note = QLabel(self.tr("办理后记入此人的履历，可撤销（Ctrl+Z）。"), self)
        note.setStyleSheet(word_style("muted"))
        lay.addWidget(note)
        self.error = QLabel(self)
        self.error.setObjectName("actError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(word_style("error"))
        self.error.hide()
        lay.addWidget(self.error)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Ok).setText(self.tr("办理"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.resize(460, 0)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def accept(self) -> None:
        try:
            on = parse_date(self.on.text_value())
        except ValueError as e:
            self.show_error(self.tr("决定日期：") + str(e))
            return
        if on is None:
            self.show_error(self.tr("请填写决定日期。"))
            return
        pid, reason = self.person_id, self.reason.text()
        if self.act == CANCEL_ACTIVIST:
            fn = lambda s: acts.cancel_activist(s, pid, on, reason)  # noqa: E731
        elif self.act == CANCEL_PROBATION:
            fn = lambda s: acts.cancel_probation(s, pid, on, reason)  # noqa: E731
        else:
            months = self.months.value()
            fn = lambda s: acts.extend_probation(s, pid, on, months, reason)  # noqa: E731
        step, error = commands.record_history(self.ctx, fn)
        if error:
            self.show_error(error)
            return
        self.step = step
        super().accept()


def _current_person(page) -> tuple[int | None, str | None, str | None]:
    idx = page.view.currentIndex()
    if not idx.isValid() or idx.row() >= len(page.model.ids):
        return None, None, None
    pid = page.model.ids[idx.row()]
    with page.ctx.ledger.session() as s:
        p = s.get(Person, pid)
        return (pid, p.category, p.status) if p is not None else (None, None, None)


def run(page, act: str) -> bool:
    """Open the dialog of `act` for the page's current person; True when it was done."""
    pid, category, status = _current_person(page)
    if pid is None:
        page.refuse(QCoreApplication.translate("PeopleActs", "请先在表格中选中一个人。"))
        return False
    if page.model.readonly:
        page.refuse(QCoreApplication.translate("PeopleActs", "账本以只读方式打开，不能办理。"))
        return False
    dlg = ActDialog(page.ctx, act, pid, page)
    if not page._exec(dlg):
        return False
    page.ctx.status(
        QCoreApplication.translate("PeopleActs", "已办理：{0}（已记入履历，可撤销）").format(
            dlg.step.label
        ),
        8000,
    )
    page.detail.load(pid)
    return True


def add_to_menu(page, menu: QMenu, separate: bool = True) -> None:
    """The three decisions, for the current person, at the end of a menu (each enabled
    where it fits the person's category)."""
    _pid, category, status = _current_person(page)
    if separate:
        menu.addSeparator()
    for act, title in _titles(page).items():
        a = menu.addAction(title)
        a.setObjectName(f"menu_{act}")
        a.setEnabled(not page.model.readonly and applies(act, category, status))
        a.triggered.connect(lambda _c=False, k=act: run(page, k))


def install(page) -> None:
    """A 发展程序决定 button beside the search box and the same entries in the cell menu."""
    btn = QPushButton(QCoreApplication.translate("PeopleActs", "发展程序决定"), page.filterbar)
    btn.setObjectName("pipelineActs")
    btn.setToolTip(
        QCoreApplication.translate(
            "PeopleActs", "取消积极分子资格、取消预备党员资格、延长预备期：记入履历，可撤销"
        )
    )
    menu = QMenu(btn)
    menu.aboutToShow.connect(lambda: (menu.clear(), add_to_menu(page, menu, False)))
    btn.setMenu(menu)
    page.filterbar.layout().addWidget(btn)
    page.acts_button = btn
    page.view.extra_menu = lambda m, _index: add_to_menu(page, m)
