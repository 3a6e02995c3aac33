"""The detail form: every field of one record, edited together and saved as one undo
step; also the body of the "add a record" dialog.

Long because the form is built in pieces after a big table's first rows (its two dozen
editors held the window in one piece), and its organization links (所在单位, 班子, 党小组)
each open their own dialog from it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from partydesk.ledger import fields as F
from partydesk.ledger import listing
from ui.table import commands
from ui.table.delegates import (
    IdCardEdit,
    OrgCombo,
    editor_text,
    editor_value,
    make_editor,
    set_editor_text,
)
from ui.widgets.colors import word_style


class DetailForm(QWidget):
    """All fields of one record of `entity_key`. `saved(id)` after a successful save."""

    saved = Signal(int)

    FIELDS_PER_TURN = 6  # `incremental`: editors made per event-loop turn

    def __init__(
        self,
        ctx,
        entity_key: str,
        parent: QWidget | None = None,
        *,
        new: bool = False,
        incremental: bool = False,
    ):
        """`incremental`: the editors are made a few per event-loop turn (two dozen
        editors and the organizations' drop-down held the window ~50-100 ms in one piece
        at 300,000 people); anything that reads or loads the form first finishes it."""
        super().__init__(parent)
        self.ctx, self.entity, self.new = ctx, entity_key, new
        self.rec_id: int | None = None
        self.uuid: str | None = None
        self.loaded: dict[str, str] = {}
        ent = F.entity(entity_key)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.title)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        body = QWidget(area)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._body, self._form = body, form
        self._orgs: list | None = None
        self.editors: dict[str, QWidget] = {}
        self.id_hint: QLabel | None = None
        self._todo = list(ent.fields)
        if not incremental:
            self._add_fields(len(self._todo))
        area.setWidget(body)
        outer.addWidget(area, 1)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(word_style("error"))
        self.error.hide()
        outer.addWidget(self.error)
        if not new:
            row = QHBoxLayout()
            self.save_btn = QPushButton(self.tr("保存修改"), self)
            self.save_btn.setObjectName("save")
            self.revert_btn = QPushButton(self.tr("还原"), self)
            self.save_btn.clicked.connect(self.save)
            self.revert_btn.clicked.connect(lambda: self.load(self.rec_id))
            row.addStretch(1)
            row.addWidget(self.revert_btn)
            row.addWidget(self.save_btn)
            outer.addLayout(row)
        if self._todo:
            QTimer.singleShot(0, self._next_fields)
        else:
            self.load(None)

    @property
    def complete(self) -> bool:
        """Every editor made (an `incremental` form is built over a few turns)."""
        return not self._todo

    def finish(self) -> None:
        """Make the editors still to come, now."""
        if self._todo:
            self._add_fields(len(self._todo))
            self.load(None)

    def _next_fields(self) -> None:
        if not self._todo or not shiboken6.isValid(self):
            return
        self._add_fields(self.FIELDS_PER_TURN)
        if self._todo:
            QTimer.singleShot(0, self._next_fields)
        else:
            self.load(None)

    def _add_fields(self, n: int) -> None:
        entity_key, new, body, form = self.entity, self.new, self._body, self._form
        if self._orgs is None:
            with self.ctx.ledger.session() as s:
                self._orgs = listing.org_choices(s)
        orgs = self._orgs
        fields, self._todo = self._todo[:n], self._todo[n:]
        for f in fields:
            w = make_editor(entity_key, f.name, body, orgs)
            w.setObjectName(f"field_{f.name}")
            label = f.label + ("*" if f.required else "")
            form.addRow(label, w)
            self.editors[f.name] = w
            if entity_key == "person" and f.name == "org_id" and not new:
                btn = QPushButton(self.tr("履历与组织关系转接…"), body)
                btn.setObjectName("editHistory")
                btn.setToolTip(self.tr("转出、转入登记、调整党组织，及类别变更等履历"))
                btn.clicked.connect(self.edit_history)
                self.history_btn = btn
                form.addRow("", btn)
            if entity_key == "org" and f.name == "name" and not new:
                form.addRow(self.tr("所在单位"), self._hosts_row(body))
                form.addRow(self.tr("班子"), self._committee_row(body))
                form.addRow(self.tr("党小组"), self._groups_row(body))
            if isinstance(w, IdCardEdit):
                self.id_hint = QLabel(body)
                self.id_hint.setObjectName("idHint")
                self.id_hint.setWordWrap(True)
                form.addRow("", self.id_hint)
                self.id_hint.hide()
                w.checked.connect(self._id_checked)

    def _hosts_row(self, parent: QWidget) -> QWidget:
        """The organization's host units, changed in their own dialog (a link, not a field)."""
        w = QWidget(parent)
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        self.hosts_label = QLabel(w)
        self.hosts_label.setObjectName("hostUnits")
        # never widen the panel for a long list (the full list is the tooltip)
        self.hosts_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.hosts_btn = QPushButton(self.tr("选择…"), w)
        self.hosts_btn.setObjectName("editHosts")
        self.hosts_btn.setToolTip(self.tr("选择这个党组织所在的单位（组织覆盖率按此统计）"))
        self.hosts_btn.clicked.connect(self.edit_hosts)
        row.addWidget(self.hosts_label, 1)
        row.addWidget(self.hosts_btn)
        return w

    def edit_history(self) -> bool:
        """Open the person's history and transfers; True when something was recorded."""
        if self.rec_id is None:
            return False
        from ui.table.history_dialog import HistoryDialog

        dlg = HistoryDialog(self.ctx, self.rec_id, self)
        dlg.exec()
        return dlg.changed

    def _committee_row(self, parent: QWidget) -> QWidget:
        w = QWidget(parent)
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        self.committee_label = QLabel(w)
        self.committee_label.setObjectName("committeeSummary")
        self.committee_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.committee_btn = QPushButton(self.tr("管理…"), w)
        self.committee_btn.setObjectName("editCommittee")
        self.committee_btn.setToolTip(self.tr("书记、委员的任职与卸任"))
        self.committee_btn.clicked.connect(self.edit_committee)
        row.addWidget(self.committee_label, 1)
        row.addWidget(self.committee_btn)
        return w

    def _groups_row(self, parent: QWidget) -> QWidget:
        w = QWidget(parent)
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        self.groups_label = QLabel(w)
        self.groups_label.setObjectName("groupsSummary")
        self.groups_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.groups_btn = QPushButton(self.tr("管理…"), w)
        self.groups_btn.setObjectName("editGroups")
        self.groups_btn.setToolTip(self.tr("党小组、组长和成员"))
        self.groups_btn.clicked.connect(self.edit_groups)
        row.addWidget(self.groups_label, 1)
        row.addWidget(self.groups_btn)
        return w

    def edit_groups(self) -> bool:
        if self.rec_id is None:
            return False
        from ui.table.groups_dialog import GroupsDialog

        dlg = GroupsDialog(self.ctx, self.rec_id, self)
        dlg.exec()
        self._load_links()
        return dlg.changed

    def edit_committee(self) -> bool:
        """Open the committee dialog for the shown organization; True when it changed."""
        if self.rec_id is None:
            return False
        from ui.table.committee_dialog import CommitteeDialog

        dlg = CommitteeDialog(self.ctx, self.rec_id, self)
        dlg.exec()
        self._load_links()
        return dlg.changed

    def _load_links(self) -> None:
        """The rows that are links rather than fields: a person's 履历 button; an
        organization's 所在单位, 班子 and 党小组 (one read of the ledger)."""
        writable = self.rec_id is not None and not getattr(self.ctx.ledger, "readonly", False)
        if hasattr(self, "history_btn"):
            self.history_btn.setEnabled(writable)
        if not hasattr(self, "hosts_label"):
            return
        from partydesk.ledger import committee, groups, hosts

        units, seats, group_names = [], [], []
        if self.rec_id is not None:
            with self.ctx.ledger.session() as s:
                units = [n for _, n in hosts.host_units(s, self.rec_id)]
                seats = committee.seats(s, self.rec_id)
                group_names = groups.names(s, self.rec_id)
        self._show_list(self.hosts_label, units)
        self._show_list(self.groups_label, group_names)
        if seats:
            more = self.tr(" 等{0}人").format(len(seats)) if len(seats) > 1 else ""
            self.committee_label.setText(f"{seats[0].role_label} {seats[0].name}{more}")
        else:
            self.committee_label.setText(self.tr("（未登记）"))
        self.committee_label.setToolTip(committee.summary_of(seats))
        for b in (self.hosts_btn, self.committee_btn, self.groups_btn):
            b.setEnabled(writable)

    def _show_list(self, label: QLabel, names: list[str]) -> None:
        # one short line (a narrow panel clips wrapped CJK text); the whole list as a tip
        if len(names) > 1:
            label.setText(self.tr("{0}个：{1}").format(len(names), "、".join(names)))
        else:
            label.setText(names[0] if names else self.tr("（未设）"))
        label.setToolTip("\n".join(names))

    def edit_hosts(self) -> bool:
        """Open the host-unit chooser for the shown organization; True when saved."""
        if self.rec_id is None:
            return False
        from ui.table.hosts_dialog import HostUnitsDialog

        dlg = HostUnitsDialog(self.ctx, self.rec_id, self)
        if not dlg.exec():
            return False
        self._report_hosts(dlg.change)
        return True

    def _report_hosts(self, change) -> None:
        self._load_links()
        status = getattr(self.ctx, "status", None)
        if status and change is not None and change.changed:
            status(
                self.tr("已修改所在单位（可撤销）") + "".join("；" + w for w in change.warnings),
                10000,
            )

    def reload_orgs(self) -> None:
        self.finish()
        with self.ctx.ledger.session() as s:
            orgs = listing.org_choices(s)
        for w in self.editors.values():
            if isinstance(w, OrgCombo):
                w.set_choices(orgs)

    def _id_checked(self, ok: bool, hint: str, born: str, sex: str) -> None:
        if self.id_hint is not None:
            self.id_hint.setText(hint)
            self.id_hint.setVisible(bool(hint))
            self.id_hint.setStyleSheet(word_style("ok" if ok else "error"))
        if ok and born:
            # Fill birth date and sex at once, as the core will on saving.
            if "birth_date" in self.editors:
                set_editor_text(self.editors["birth_date"], born)
            if "sex" in self.editors:
                set_editor_text(self.editors["sex"], sex)

    def load(self, rec_id: int | None) -> None:
        """Show record `rec_id` (None: an empty form)."""
        if self._todo:
            self._add_fields(len(self._todo))
        self.rec_id = rec_id
        self.error.hide()
        values: dict = {}
        unit_names: dict[str, str] = {}
        self.uuid = None
        self.version = None
        if rec_id is not None:
            with self.ctx.ledger.session() as s:
                obj = s.get(F.entity(self.entity).model, rec_id)
                if obj is None:
                    rec_id = self.rec_id = None
                else:
                    self.uuid = obj.uuid
                    self.version = obj.version  # the save is refused if someone saves first
                    values = {f.name: getattr(obj, f.name) for f in F.entity(self.entity).fields}
                    # the names of this record's organizations only (a lookup by id; a dict of
                    # every organization's name was most of a row change at 12,000 of them)
                    org_ids = {
                        values[f.name]
                        for f in F.entity(self.entity).fields
                        if f.kind == "org" and values.get(f.name) is not None
                    }
                    org_names = listing.org_names(s, org_ids)
                    # 工作单位: the unit's name, or the name kept as text when the
                    # ledger has no such unit
                    unit_names = {
                        f.name: (
                            obj.unit.name
                            if getattr(obj, "unit", None) is not None
                            else getattr(obj, "unit_text", None) or ""
                        )
                        for f in F.entity(self.entity).fields
                        if f.kind == "unit"
                    }
        ent = F.entity(self.entity)
        self.loaded = {}
        for f in ent.fields:
            v = values.get(f.name)
            if f.kind == "org":
                text = org_names.get(v, "") if v is not None else ""
            elif f.kind == "unit":
                text = unit_names.get(f.name, "")
            else:
                text = F.display(self.entity, f.name, v) if v is not None else ""
            if f.kind == "bool" and not text:
                text = F.display(self.entity, f.name, False)
            self.loaded[f.name] = text
            set_editor_text(self.editors[f.name], text)
            self.editors[f.name].setEnabled(self.new or rec_id is not None)
        if self.new:
            self.title.setText(self.tr("新增") + ent.label)
        elif rec_id is None:
            self.title.setText(self.tr("未选中记录"))
        else:
            self.title.setText(values.get("name") or ent.label)
        self._load_links()
        if not self.new:
            self.save_btn.setEnabled(rec_id is not None)
            self.revert_btn.setEnabled(rec_id is not None)

    def changed_values(self) -> dict:
        self.finish()
        out = {}
        for name, w in self.editors.items():
            if editor_text(w) != self.loaded.get(name):
                out[name] = editor_value(w)
        return out

    def all_values(self) -> dict:
        self.finish()
        return {name: editor_value(w) for name, w in self.editors.items()}

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self) -> bool:
        if self.rec_id is None:
            return False
        raw = self.changed_values()
        if not raw:
            return True
        error = commands.edit(
            self.ctx, self.entity, self.rec_id, self.uuid, raw, version=self.version
        )
        if error:
            if commands.is_conflict(error):
                self.load(self.rec_id)  # what the other clerk saved, to check against
            self.show_error(error)
            return False
        self.load(self.rec_id)
        self.saved.emit(self.rec_id)
        return True


class AddDialog(QDialog):
    """A new record: the detail form in a dialog; OK is refused (with the reason shown)
    until the core accepts the values."""

    def __init__(
        self, ctx, entity_key: str, parent: QWidget | None = None, preset: dict | None = None
    ):
        super().__init__(parent)
        self.ctx, self.entity = ctx, entity_key
        self.setWindowTitle(self.tr("新增") + F.entity(entity_key).label)
        lay = QVBoxLayout(self)
        self.form = DetailForm(ctx, entity_key, self, new=True)
        for name, text in (preset or {}).items():
            set_editor_text(self.form.editors[name], text)
        lay.addWidget(self.form)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Ok).setText(self.tr("新增"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.snapshot = None
        self.resize(460, 640)
        self.setWindowModality(Qt.WindowModal)

    def accept(self) -> None:
        raw = {k: v for k, v in self.form.all_values().items() if v not in ("", None)}
        snap, error = commands.add(self.ctx, self.entity, raw)
        if error:
            self.form.show_error(error)
            return
        self.snapshot = snap
        super().accept()
