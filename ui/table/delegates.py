"""Cell editors that fit the data, shared by the table delegate and the detail form:
drop-downs for enums and flags, an organization picker with a completer over the names,
date editors that take the date as typed (with a calendar), and an ID-number editor that says at once whether the
number is valid and what birth date and sex it gives.

Every editor hands back TEXT (or an organization id); the core (`fields.clean`) decides.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from partydesk.ledger import enums, listing
from partydesk.ledger import fields as F
from partydesk.rules import idcard
from partydesk.rules.dates import parse_date
from ui.widgets.colors import bar_style

_RIGHT = Qt.AlignmentFlag(int(Qt.AlignRight) | int(Qt.AlignVCenter))


class IdCardEdit(QLineEdit):
    """A line edit for 公民身份证号 that checks the number as it is typed. `checked` gives
    (ok, hint text, birth date 'YYYY-MM-DD' or '', sex label or '')."""

    checked = Signal(bool, str, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMaxLength(22)
        self.setPlaceholderText(self.tr("18位身份证号"))
        self.textChanged.connect(self._check)
        self.hint = ""

    def _check(self, text: str) -> None:
        if not text.strip():
            ok, hint, born, sex = True, "", "", ""
        else:
            try:
                info = idcard.parse(text)
            except ValueError as e:
                ok, hint, born, sex = False, str(e), "", ""
            else:
                born = f"{info.birth_date:%Y-%m-%d}"
                sex = enums.Sex.label_of(info.sex)
                ok, hint = True, self.tr("号码有效：出生日期 {0}，性别 {1}").format(born, sex)
        self.hint = hint
        self.setProperty("valid", ok)
        self.setStyleSheet("" if ok else bar_style("error", "QLineEdit", "0px"))
        self.setToolTip(hint)
        self.checked.emit(ok, hint, born, sex)


class OrgCombo(QComboBox):
    """An editable drop-down of organizations; typing filters by any part of the name.
    (One QStringListModel, not thousands of addItem calls: a county has many branches.)"""

    def __init__(self, choices: list[tuple[int, str]], parent: QWidget | None = None, empty=True):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self._ids = ([None] if empty else []) + [oid for oid, _ in choices]
        self.setModel(QStringListModel(([""] if empty else []) + [n for _, n in choices], self))
        comp = QCompleter(self.model(), self)
        comp.setFilterMode(Qt.MatchContains)
        comp.setCaseSensitivity(Qt.CaseInsensitive)
        comp.setCompletionMode(QCompleter.PopupCompletion)
        self.setCompleter(comp)
        self.setMinimumContentsLength(12)
        # Sized by those 12 characters, not by measuring every name in the list (the
        # default, at first show: a quarter of a second for 12,000 organizations).
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        """Replace the list (an organization was added, renamed or deleted)."""
        text = self.currentText()
        empty = bool(self._ids) and self._ids[0] is None
        self._ids = ([None] if empty else []) + [oid for oid, _ in choices]
        self.model().setStringList(([""] if empty else []) + [n for _, n in choices])
        self.setEditText(text)

    def value(self):
        """The organization id when the text is one of the names, else the text."""
        text = self.currentText().strip()
        i = self.findText(text, Qt.MatchExactly)
        if i >= 0 and self._ids[i] is not None:
            return self._ids[i]
        return text


class DateEdit(QLineEdit):
    """A date typed as offices write it (2019-07-01, 2019.7.1, 2019/07/01, 20190701,
    2019年7月1日): the text goes to the core unchanged, so what is stored is exactly the
    date typed, or the core refuses with its reason. While typing, the editor says which
    date it reads (or why none); the calendar button picks one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("如 2019-07-01、2019.7.1、20190701"))
        self.setMaxLength(40)
        self.hint = ""
        act = self.addAction(
            self.style().standardIcon(QStyle.SP_FileDialogDetailedView),
            QLineEdit.TrailingPosition,
        )
        act.setToolTip(self.tr("选择日期"))
        act.triggered.connect(self._pick)
        self.textChanged.connect(self._check)

    def set_text(self, text: str) -> None:
        self.setText(text or "")

    def text_value(self) -> str:
        return self.text().strip()

    def _check(self, text: str) -> None:
        ok, hint = True, ""
        if text.strip():
            try:
                d = parse_date(text)
            except ValueError as e:
                ok, hint = False, str(e)
            else:
                hint = self.tr("即 {0}").format(f"{d:%Y-%m-%d}") if d else ""
        self.hint = hint
        self.setStyleSheet("" if ok else bar_style("error", "QLineEdit", "0px"))
        self.setToolTip(hint)

    def _pick(self) -> None:
        cal = QCalendarWidget(self.window())
        cal.setWindowFlags(Qt.Popup)
        try:
            d = parse_date(self.text())
        except ValueError:
            d = None
        if d is not None:
            cal.setSelectedDate(QDate(d.year, d.month, d.day))

        def chosen(qd: QDate) -> None:
            self.setText(qd.toString("yyyy-MM-dd"))
            cal.close()
            cal.deleteLater()

        cal.clicked.connect(chosen)
        cal.move(self.mapToGlobal(self.rect().bottomLeft()))
        cal.show()


def make_editor(entity_key: str, name: str, parent: QWidget, org_choices=None) -> QWidget:
    """The editor widget for one field of the fields registry."""
    f = F.entity(entity_key).field(name)
    if f.kind == "enum":
        w = QComboBox(parent)
        if not f.required:
            w.addItem("")
        w.addItems(f.enum.labels())
        return w
    if f.kind == "bool":
        # shown in the window's language; the value written is the ledger's own word
        w = QComboBox(parent)
        w.addItem(
            QCoreApplication.translate("LedgerDelegate", "否"), F.display(entity_key, name, False)
        )
        w.addItem(
            QCoreApplication.translate("LedgerDelegate", "是"), F.display(entity_key, name, True)
        )
        return w
    if f.kind in ("date", "past_date"):
        return DateEdit(parent)
    if f.kind == "idcard":
        return IdCardEdit(parent)
    if f.kind == "org":
        return OrgCombo(org_choices or [], parent)
    w = QLineEdit(parent)
    if f.max_len:
        w.setMaxLength(f.max_len)
    return w


def set_editor_text(w: QWidget, text: str) -> None:
    if isinstance(w, DateEdit):
        w.set_text(text)
    elif isinstance(w, QComboBox):
        i = w.findText(text, Qt.MatchExactly)
        if i < 0 and text:
            i = w.findData(text)  # 是/否 as the ledger writes them
        if i >= 0:
            w.setCurrentIndex(i)
        elif w.isEditable():
            w.setEditText(text)
        else:
            w.setCurrentIndex(0)
        if w.isEditable():
            w.lineEdit().setCursorPosition(0)
    elif isinstance(w, QLineEdit):
        w.setText(text)


def _combo_word(w: QComboBox) -> str:
    """The ledger's word for the choice (a yes/no combo carries it as data), else the text."""
    data = w.currentData()
    return data if isinstance(data, str) else w.currentText()


def editor_text(w: QWidget) -> str:
    if isinstance(w, DateEdit):
        return w.text_value()
    if isinstance(w, QComboBox):
        return _combo_word(w)
    if isinstance(w, QLineEdit):
        return w.text()
    return ""


def editor_value(w: QWidget):
    if isinstance(w, DateEdit):
        return w.text_value()
    if isinstance(w, OrgCombo):
        return w.value()
    if isinstance(w, QComboBox):
        return _combo_word(w)
    if isinstance(w, QLineEdit):
        return w.text()
    return None


class LedgerDelegate(QStyledItemDelegate):
    """The delegate of a LedgerTableModel: picks the editor from the column's field kind;
    the ID editor shows its verdict in a small label under the cell while typing."""

    def __init__(self, model, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self._orgs: list[tuple[int, str]] | None = None
        hub = getattr(model.ctx, "changes", None)
        if hub is not None:
            hub.changed.connect(self._forget_orgs)

    def _forget_orgs(self, entity, *_):
        if entity == "org":
            self._orgs = None

    def org_choices(self) -> list[tuple[int, str]]:
        if self._orgs is None:
            with self.model.ledger.session() as s:
                self._orgs = listing.org_choices(s)
        return self._orgs

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # One Python call per painted cell, straight from the model's row cache, instead
        # of the base class asking data() for seven roles (the model has no fonts,
        # colours, icons or check boxes). Only the text (and the alignment of number
        # columns) is set: the view has already put the alternate-row feature in the
        # option, and the style draws any non-empty text; every attribute set from
        # Python costs a conversion, so nothing else is touched.
        m = self.model
        r = index.row()
        row = m._cache.get(m._ids[r])
        if row is None or row[2] is None:
            row = m._row(r)
        c = index.column()
        text = row[2][c]
        if text:
            option.text = text
        if c in m._right:
            option.displayAlignment = _RIGHT

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex):
        col = self.model.columns[index.column()]
        if col.field is None:
            return None
        orgs = self.org_choices() if col.kind == "org" else None
        w = make_editor(self.model.entity, col.field, parent, orgs)
        if isinstance(w, IdCardEdit):
            hint = QLabel(parent)
            hint.setObjectName("idHint")
            hint.setStyleSheet(bar_style("warn", "QLabel", "2px 4px"))
            hint.hide()

            def show(ok, text, *_):
                hint.setText(text)
                hint.setStyleSheet(bar_style("ok" if ok else "error", "QLabel", "2px 4px"))
                hint.adjustSize()
                g = w.geometry()
                hint.move(g.left(), g.bottom() + 2)
                hint.setVisible(bool(text))
                hint.raise_()
                status = getattr(self.model.ctx, "status", None)
                if status and text:
                    status(text, 8000)

            w.checked.connect(show)
            w.destroyed.connect(hint.deleteLater)
        if isinstance(w, DateEdit):
            status = getattr(self.model.ctx, "status", None)
            if status:
                w.textChanged.connect(lambda _t: w.hint and status(w.hint, 8000))
        return w

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        set_editor_text(editor, index.data(Qt.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor_value(editor), Qt.EditRole)

    def updateEditorGeometry(self, editor, option, index) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, OrgCombo | DateEdit):
            r = option.rect
            editor.setGeometry(r.x(), r.y(), max(r.width(), editor.sizeHint().width()), r.height())
