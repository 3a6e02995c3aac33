"""The work-record editor (工作纪实编辑): a dialog with the form fields of the record's kind
and an attendee picker over the organization's members (出席 / 缺席 with reason; 评议等次
for 民主评议). It returns the values; the page saves them through the undo stack."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
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
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from partydesk.records import MEETING_KINDS, RecordKind
from partydesk.records.service import appraisal_warning
from ui.records.attendance import AttendanceModel, RatingDelegate
from ui.widgets.colors import word_style
from ui.widgets.dates import to_datetime, to_qdatetime


class RecordDialog(QDialog):
    """Edit one record. `values` is a draft or a snapshot (service.snapshot / draft_from_last);
    `people` the organization's members [(id, name)]. `values()` returns what to save."""

    TEXT_FIELDS = [
        ("topics", QT_TRANSLATE_NOOP("RecordDialog", "议题"), MEETING_KINDS + (RecordKind.TALK,)),
        ("content", QT_TRANSLATE_NOOP("RecordDialog", "内容"), tuple(RecordKind)),
        (
            "resolutions",
            QT_TRANSLATE_NOOP("RecordDialog", "决议事项"),
            (
                RecordKind.MEMBER_MEETING,
                RecordKind.COMMITTEE_MEETING,
                RecordKind.GROUP_MEETING,
                RecordKind.APPRAISAL,
            ),
        ),
        (
            "votes",
            QT_TRANSLATE_NOOP("RecordDialog", "表决结果"),
            (RecordKind.MEMBER_MEETING, RecordKind.COMMITTEE_MEETING, RecordKind.APPRAISAL),
        ),
        ("problems", QT_TRANSLATE_NOOP("RecordDialog", "查摆问题"), (RecordKind.LIFE_MEETING,)),
        ("measures", QT_TRANSLATE_NOOP("RecordDialog", "整改措施"), (RecordKind.LIFE_MEETING,)),
        ("people_met", QT_TRANSLATE_NOOP("RecordDialog", "见面人员"), (RecordKind.VISIT,)),
        (
            "problems_raised",
            QT_TRANSLATE_NOOP("RecordDialog", "反映问题"),
            (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG),
        ),
        (
            "problems_solved",
            QT_TRANSLATE_NOOP("RecordDialog", "解决情况"),
            (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG),
        ),
        ("note", QT_TRANSLATE_NOOP("RecordDialog", "备注"), tuple(RecordKind)),
    ]

    def __init__(
        self,
        kind: str,
        values: dict,
        people: list[tuple[int, str]],
        names: dict[int, str] | None = None,
        parent: QWidget | None = None,
        *,
        instructors: list[tuple[int, str]] | None = None,
        units: list[tuple[int, str]] | None = None,
    ):
        super().__init__(parent)
        self.kind = RecordKind(kind)
        self.base = dict(values)
        self.setWindowTitle(self.tr("工作纪实 — ") + self.kind.label)
        self.resize(760, 640)
        tabs = QTabWidget()
        form_w = QWidget()
        form = QFormLayout(form_w)
        self.held = QDateTimeEdit(to_qdatetime(values.get("held_at")))
        self.held.setCalendarPopup(True)
        self.held.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        end = values.get("end_at")
        if end:
            self.end.setTime(to_qdatetime(end).time())
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
            ("place", self.tr("地点")),
            ("host", self.tr("主持人") if self.kind != RecordKind.TALK else self.tr("谈话人")),
            ("recorder", self.tr("记录人")),
        ]
        if self.kind == RecordKind.LECTURE:
            line_fields += [("lecturer", self.tr("主讲人")), ("lesson_title", self.tr("党课题目"))]
        for key, label in line_fields:
            e = QLineEdit(values.get(key) or "")
            e.setObjectName(key)
            self.lines[key] = e
            form.addRow(self.tr(label), e)
        self.instructor: QComboBox | None = None
        self.units: QLineEdit | None = None
        self.unit_list = list(units or [])
        self._unknown: list[str] = []
        if self.kind in (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG):
            self._instructor_fields(form, values, instructors or [])
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
            self.warning.setStyleSheet(word_style("error"))
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
        self.error.setStyleSheet(word_style("error"))
        self.error.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(tabs)
        outer.addWidget(self.error)
        outer.addWidget(box)
        self.validator = None  # callable(values) -> error text or None, set by the page

    def _instructor_fields(self, form: QFormLayout, values: dict, instructors) -> None:
        """指导员 (so the record counts for the instructor's duties) and the unit(s)."""
        self.instructor = QComboBox()
        self.instructor.setObjectName("instructor")
        self.instructor.addItem(self.tr("（不指定）"), None)
        for iid, name in instructors:
            self.instructor.addItem(name, iid)
        current = values.get("instructor_id")
        if current is not None:
            self.instructor.setCurrentIndex(max(0, self.instructor.findData(current)))
        form.addRow(self.tr("指导员"), self.instructor)
        by_id = dict(self.unit_list)
        ids = values.get("unit_ids") or ([values["unit_id"]] if values.get("unit_id") else [])
        self.units = QLineEdit("、".join(by_id.get(i, "") for i in ids if i in by_id))
        self.units.setObjectName("units")
        self.units.setPlaceholderText(self.tr("单位名称，多个用“、”分隔"))
        completer = QCompleter([n for _, n in self.unit_list], self.units)
        completer.setFilterMode(Qt.MatchContains)
        self.units.setCompleter(completer)
        label = self.tr("走访单位") if self.kind == RecordKind.VISIT else self.tr("指导单位")
        form.addRow(label, self.units)

    def _unit_ids(self) -> list[int]:
        """The units named in the field (full names, or a part only one name contains);
        names matching none or several are kept in `_unknown`."""
        self._unknown = []
        out: list[int] = []
        text = self.units.text() if self.units is not None else ""
        for raw in text.replace("，", "、").replace(",", "、").replace("；", "、").split("、"):
            name = raw.strip()
            if not name:
                continue
            exact = [i for i, n in self.unit_list if n == name]
            found = exact or [i for i, n in self.unit_list if name in n]
            if len(found) == 1:
                if found[0] not in out:
                    out.append(found[0])
            else:
                self._unknown.append(name)
        return out

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
        held = to_datetime(self.held.dateTime())
        v["held_at"] = held
        t = self.end.time()
        end = held.replace(hour=t.hour(), minute=t.minute())
        v["end_at"] = end if end > held else None
        for k, e in self.lines.items():
            v[k] = e.text().strip() or None
        for k, t in self.texts.items():
            v[k] = t.toPlainText().strip() or None
        if self.instructor is not None:
            v["instructor_id"] = self.instructor.currentData()
            v["unit_ids"] = self._unit_ids()
            v.pop("unit_id", None)  # follows the first of unit_ids
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
        values = self.values()
        if self._unknown:
            names = "、".join(f"“{n}”" for n in self._unknown)
            self.error.setText(
                self.tr("找不到单位%1（或名称不唯一），请写单位全称。").replace("%1", names)
            )
            return
        del values
        if self.validator is not None:
            err = self.validator(self.values())
            if err:
                self.error.setText(err)
                return
        super().accept()
