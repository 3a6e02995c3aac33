"""The work-record editor (工作纪实编辑): a dialog with the form fields of the record's kind
and an attendee picker over the organization's members (出席 / 缺席 with reason; 评议等次
for 民主评议). It returns the values; the page saves them through the undo stack."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QDateTime, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from partydesk.records import MEETING_KINDS, Rating, RecordKind
from partydesk.records.service import appraisal_warning


class AttendanceModel(QAbstractTableModel):
    """Members of the organization and how each took part. Column 1 is checkable (出席);
    column 2 the absence reason; column 3 (民主评议 only) the rating."""

    COLS = ["姓名", "出席", "缺席原因", "评议等次"]

    def __init__(self, people: list[tuple[int, str]], with_ratings: bool = False, parent=None):
        super().__init__(parent)
        self.with_ratings = with_ratings
        # rows: [person_id, name, present(bool), reason, rating code]
        self.rows: list[list] = [
            [pid, name, True, "", Rating.QUALIFIED.value] for pid, name in people
        ]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else (4 if self.with_ratings else 3)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            orientation == Qt.Horizontal
            and role == Qt.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return self.tr(self.COLS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == 1:
            f |= Qt.ItemIsUserCheckable
        elif index.column() == 2 and not self.rows[index.row()][2]:
            f |= Qt.ItemIsEditable
        elif index.column() == 3:
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        pid, name, present, reason, rating = self.rows[index.row()]
        c = index.column()
        if role in (Qt.DisplayRole, Qt.EditRole):
            if c == 0:
                return name
            if c == 1:
                return self.tr("出席") if present else self.tr("缺席")
            if c == 2:
                return "" if present else reason
            if c == 3:
                return Rating.label_of(rating) if role == Qt.DisplayRole else rating
        if role == Qt.CheckStateRole and c == 1:
            return Qt.Checked if present else Qt.Unchecked
        if role == Qt.ForegroundRole and c == 1 and not present:
            return QColor("#b00020")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid():
            return False
        row = self.rows[index.row()]
        c = index.column()
        if c == 1 and role == Qt.CheckStateRole:
            row[2] = Qt.CheckState(value) == Qt.Checked
            self.dataChanged.emit(self.index(index.row(), 1), self.index(index.row(), 2))
            return True
        if c == 2 and role == Qt.EditRole:
            row[3] = str(value or "").strip()
        elif c == 3 and role == Qt.EditRole:
            r = Rating.from_text(str(value))
            if r is None:
                return False
            row[4] = r.value
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def set_all_present(self, present: bool) -> None:
        for r in self.rows:
            r[2] = present
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 2))

    def load(self, attendance: list[dict], appraisals: list[dict] | None = None) -> None:
        """Apply stored attendance / ratings to the member rows (others: absent)."""
        by_id = {a.get("person_id"): a for a in attendance if a.get("person_id")}
        ratings = {a["person_id"]: a["rating"] for a in appraisals or ()}
        self.beginResetModel()
        known = {r[0] for r in self.rows}
        for pid, a in by_id.items():
            if pid not in known:  # someone who has since left: keep them on the record
                self.rows.append([pid, a.get("name", str(pid)), True, "", Rating.QUALIFIED.value])
        for r in self.rows:
            a = by_id.get(r[0])
            if attendance:
                r[2] = a is not None and a.get("status") == "present"
                r[3] = (a or {}).get("reason") or ""
            if r[0] in ratings:
                r[4] = ratings[r[0]]
        self.endResetModel()

    def attendance(self) -> list[dict]:
        return [
            {
                "person_id": pid,
                "status": "present" if present else "absent",
                "reason": None if present else (reason or None),
            }
            for pid, _n, present, reason, _r in self.rows
        ]

    def appraisals(self) -> list[dict]:
        return [{"person_id": pid, "rating": rating} for pid, _n, _p, _r, rating in self.rows]


class RatingDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for r in Rating:
            box.addItem(r.label, r.value)
        return box

    def setEditorData(self, editor, index):
        i = editor.findData(index.data(Qt.EditRole))
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.EditRole)


def _qdt(dt: datetime | None) -> QDateTime:
    if dt is None:
        dt = datetime.now().replace(second=0, microsecond=0)
    return QDateTime(dt.year, dt.month, dt.day, dt.hour, dt.minute, 0)


def _py(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class RecordDialog(QDialog):
    """Edit one record. `values` is a draft or a snapshot (service.snapshot / draft_from_last);
    `people` the organization's members [(id, name)]. `values()` returns what to save."""

    TEXT_FIELDS = [
        ("topics", "议题", MEETING_KINDS + (RecordKind.TALK,)),
        ("content", "内容", tuple(RecordKind)),
        (
            "resolutions",
            "决议事项",
            (
                RecordKind.MEMBER_MEETING,
                RecordKind.COMMITTEE_MEETING,
                RecordKind.GROUP_MEETING,
                RecordKind.APPRAISAL,
            ),
        ),
        (
            "votes",
            "表决结果",
            (RecordKind.MEMBER_MEETING, RecordKind.COMMITTEE_MEETING, RecordKind.APPRAISAL),
        ),
        ("problems", "查摆问题", (RecordKind.LIFE_MEETING,)),
        ("measures", "整改措施", (RecordKind.LIFE_MEETING,)),
        ("people_met", "见面人员", (RecordKind.VISIT,)),
        ("problems_raised", "反映问题", (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG)),
        ("problems_solved", "解决情况", (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG)),
        ("note", "备注", tuple(RecordKind)),
    ]

    def __init__(
        self,
        kind: str,
        values: dict,
        people: list[tuple[int, str]],
        names: dict[int, str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.kind = RecordKind(kind)
        self.base = dict(values)
        self.setWindowTitle(self.tr("工作纪实 — ") + self.kind.label)
        self.resize(760, 640)
        tabs = QTabWidget()
        form_w = QWidget()
        form = QFormLayout(form_w)
        self.held = QDateTimeEdit(_qdt(values.get("held_at")))
        self.held.setCalendarPopup(True)
        self.held.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        end = values.get("end_at")
        if end:
            self.end.setTime(_qdt(end).time())
        else:
            self.end.setTime(self.held.time().addSecs(90 * 60))
        when = QHBoxLayout()
        when.addWidget(self.held)
        when.addWidget(QLabel(self.tr("至")))
        when.addWidget(self.end)
        when.addStretch(1)
        form.addRow(self.tr("时间"), when)
        self.lines: dict[str, QLineEdit] = {}
        line_fields = [
            ("place", "地点"),
            ("host", "主持人" if self.kind != RecordKind.TALK else "谈话人"),
            ("recorder", "记录人"),
        ]
        if self.kind == RecordKind.LECTURE:
            line_fields += [("lecturer", "主讲人"), ("lesson_title", "党课题目")]
        for key, label in line_fields:
            e = QLineEdit(values.get(key) or "")
            e.setObjectName(key)
            self.lines[key] = e
            form.addRow(self.tr(label), e)
        self.texts: dict[str, QPlainTextEdit] = {}
        for key, label, kinds in self.TEXT_FIELDS:
            if self.kind not in kinds:
                continue
            t = QPlainTextEdit(values.get(key) or "")
            t.setObjectName(key)
            t.setTabChangesFocus(True)
            t.setMinimumHeight(40 if key in ("topics", "votes", "note", "people_met") else 80)
            self.texts[key] = t
            form.addRow(self.tr(label), t)
        tabs.addTab(form_w, self.tr("记录"))

        self.model = None
        self.observers = QLineEdit()
        if self.kind in MEETING_KINDS or self.kind == RecordKind.TALK:
            att_w = QWidget()
            lay = QVBoxLayout(att_w)
            self.model = AttendanceModel(
                people, with_ratings=self.kind == RecordKind.APPRAISAL, parent=self
            )
            att = values.get("attendance") or []
            for a in att:
                if a.get("person_id") in (names or {}):
                    a.setdefault("name", names[a["person_id"]])
            if self.kind == RecordKind.TALK and not any(a.get("person_id") for a in att):
                self.model.set_all_present(False)
            self.model.load(
                [a for a in att if a.get("status") != "observer"], values.get("appraisals")
            )
            self.table = QTableView()
            self.table.setObjectName("attendance")
            self.table.setModel(self.model)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
            self.table.verticalHeader().setVisible(False)
            if self.model.with_ratings:
                self.table.setItemDelegateForColumn(3, RatingDelegate(self.table))
            buttons = QHBoxLayout()
            all_in = QPushButton(self.tr("全部出席"))
            all_in.clicked.connect(lambda: self.model.set_all_present(True))
            none_in = QPushButton(self.tr("全部清除"))
            none_in.clicked.connect(lambda: self.model.set_all_present(False))
            self.count_label = QLabel()
            buttons.addWidget(all_in)
            buttons.addWidget(none_in)
            buttons.addStretch(1)
            buttons.addWidget(self.count_label)
            lay.addLayout(buttons)
            lay.addWidget(self.table)
            self.observers.setText(
                "、".join(a.get("name_text") or "" for a in att if a.get("status") == "observer")
            )
            self.observers.setPlaceholderText(self.tr("不在名册上的列席人员，用“、”分隔"))
            obs = QFormLayout()
            obs.addRow(self.tr("列席人员"), self.observers)
            lay.addLayout(obs)
            self.warning = QLabel()
            self.warning.setObjectName("warning")
            self.warning.setStyleSheet("color: #b00020")
            self.warning.setWordWrap(True)
            lay.addWidget(self.warning)
            self.model.dataChanged.connect(self._update_counts)
            self.model.modelReset.connect(self._update_counts)
            self._update_counts()
            title = self.tr("评议与签到") if self.model.with_ratings else self.tr("出席（签到）")
            if self.kind == RecordKind.TALK:
                title = self.tr("谈话对象")
            tabs.addTab(att_w, title)
        self.tabs = tabs

        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        box.button(QDialogButtonBox.Ok).setText(self.tr("保存"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(tabs)
        outer.addWidget(self.error)
        outer.addWidget(box)
        self.validator = None  # callable(values) -> error text or None, set by the page

    def _update_counts(self, *_):
        if self.model is None:
            return
        n = len(self.model.rows)
        present = sum(1 for r in self.model.rows if r[2])
        self.count_label.setText(
            self.tr("应到 %1 人，实到 %2 人").replace("%1", str(n)).replace("%2", str(present))
        )
        if self.model.with_ratings:
            warn = appraisal_warning([r[4] for r in self.model.rows])
            self.warning.setText(warn or "")

    def values(self) -> dict:
        v = {k: v for k, v in self.base.items() if k not in ("kind", "uuid")}
        held = _py(self.held.dateTime())
        v["held_at"] = held
        t = self.end.time()
        end = held.replace(hour=t.hour(), minute=t.minute())
        v["end_at"] = end if end > held else None
        for k, e in self.lines.items():
            v[k] = e.text().strip() or None
        for k, t in self.texts.items():
            v[k] = t.toPlainText().strip() or None
        if self.model is not None:
            att = self.model.attendance()
            if self.kind == RecordKind.TALK:
                att = [a for a in att if a["status"] == "present"]
            obs = [
                n.strip()
                for n in self.observers.text().replace(",", "、").replace("，", "、").split("、")
                if n.strip()
            ]
            v["attendance"] = att + [{"name_text": n, "status": "observer"} for n in obs]
            if self.kind != RecordKind.TALK:
                v["expected_count"] = len(att)
            if self.model.with_ratings:
                v["appraisals"] = self.model.appraisals()
        return v

    def accept(self) -> None:
        if self.validator is not None:
            err = self.validator(self.values())
            if err:
                self.error.setText(err)
                return
        super().accept()
