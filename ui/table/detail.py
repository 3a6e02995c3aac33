"""The detail form: every field of one record, edited together and saved as one undo
step; also the body of the "add a record" dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partydesk.ledger import fields as F
from partydesk.ledger import listing
from ui.table import commands
from ui.table.delegates import IdCardEdit, editor_text, editor_value, make_editor, set_editor_text


class DetailForm(QWidget):
    """All fields of one record of `entity_key`. `saved(id)` after a successful save."""

    saved = Signal(int)

    def __init__(self, ctx, entity_key: str, parent: QWidget | None = None, *, new: bool = False):
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
        with ctx.ledger.session() as s:
            orgs = listing.org_choices(s)
        self.editors: dict[str, QWidget] = {}
        self.id_hint: QLabel | None = None
        for f in ent.fields:
            w = make_editor(entity_key, f.name, body, orgs)
            w.setObjectName(f"field_{f.name}")
            label = f.label + ("*" if f.required else "")
            form.addRow(label, w)
            self.editors[f.name] = w
            if isinstance(w, IdCardEdit):
                self.id_hint = QLabel(body)
                self.id_hint.setObjectName("idHint")
                self.id_hint.setWordWrap(True)
                form.addRow("", self.id_hint)
                self.id_hint.hide()
                w.checked.connect(self._id_checked)
        area.setWidget(body)
        outer.addWidget(area, 1)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b00020; }")
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
        self.load(None)

    def _id_checked(self, ok: bool, hint: str, born: str, sex: str) -> None:
        if self.id_hint is not None:
            self.id_hint.setText(hint)
            self.id_hint.setVisible(bool(hint))
            self.id_hint.setStyleSheet("color: %s;" % ("#1b6e1b" if ok else "#b00020"))
        if ok and born:
            # Fill birth date and sex at once, as the core will on saving.
            if "birth_date" in self.editors:
                set_editor_text(self.editors["birth_date"], born)
            if "sex" in self.editors:
                set_editor_text(self.editors["sex"], sex)

    def load(self, rec_id: int | None) -> None:
        """Show record `rec_id` (None: an empty form)."""
        self.rec_id = rec_id
        self.error.hide()
        values: dict = {}
        self.uuid = None
        if rec_id is not None:
            with self.ctx.ledger.session() as s:
                obj = s.get(F.entity(self.entity).model, rec_id)
                if obj is None:
                    rec_id = self.rec_id = None
                else:
                    self.uuid = obj.uuid
                    values = {f.name: getattr(obj, f.name) for f in F.entity(self.entity).fields}
                    org_names = dict(listing.org_choices(s)) if any(
                        f.kind == "org" for f in F.entity(self.entity).fields) else {}
        ent = F.entity(self.entity)
        self.loaded = {}
        for f in ent.fields:
            v = values.get(f.name)
            if f.kind == "org":
                text = org_names.get(v, "") if v is not None else ""
            else:
                text = F.display(self.entity, f.name, v) if v is not None else ""
            if f.kind == "bool" and not text:
                text = "否"
            self.loaded[f.name] = text
            set_editor_text(self.editors[f.name], text)
            self.editors[f.name].setEnabled(self.new or rec_id is not None)
        if self.new:
            self.title.setText(self.tr("新增") + ent.label)
        elif rec_id is None:
            self.title.setText(self.tr("未选中记录"))
        else:
            self.title.setText(values.get("name") or ent.label)
        if not self.new:
            self.save_btn.setEnabled(rec_id is not None)
            self.revert_btn.setEnabled(rec_id is not None)

    def changed_values(self) -> dict:
        out = {}
        for name, w in self.editors.items():
            if editor_text(w) != self.loaded.get(name):
                out[name] = editor_value(w)
        return out

    def all_values(self) -> dict:
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
        error = commands.edit(self.ctx, self.entity, self.rec_id, self.uuid, raw)
        if error:
            self.show_error(error)
            return False
        self.load(self.rec_id)
        self.saved.emit(self.rec_id)
        return True


class AddDialog(QDialog):
    """A new record: the detail form in a dialog; OK is refused (with the reason shown)
    until the core accepts the values."""

    def __init__(self, ctx, entity_key: str, parent: QWidget | None = None, preset: dict | None = None):
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
