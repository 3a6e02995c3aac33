"""Navigation page 证书管理: the certificate registry with filters; issue one or a batch,
revoke, reissue, reprint, print a year's batch (off the UI thread), verify a serial or the
text of a QR code, the seal image and the wording templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.certs import registry
from partydesk.errors import PartyDeskError
from partydesk.ledger.models.certs import CertificateKind, CertificateStatus
from ui.errors import in_session

RED = QColor("#b71c1c")
GREY = QColor("#808080")
GREEN = QColor("#1b5e20")


class RowsModel(QAbstractTableModel):
    """A read-only table of plain tuples (loaded in one query; registries are small).
    `colour(row) -> QColor | None` and `tip(row, col) -> str | None` decorate cells."""

    def __init__(
        self,
        headers: list[str],
        parent=None,
        colour: Callable[[tuple, int], QColor | None] | None = None,
        tip: Callable[[tuple, int], str | None] | None = None,
    ):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple] = []
        self.keys: list[Any] = []
        self._colour = colour
        self._tip = tip

    def set_rows(self, rows: list[tuple], keys: list[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.keys = keys if keys is not None else list(range(len(rows)))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            v = row[index.column()]
            return "" if v is None else str(v)
        if role == Qt.ForegroundRole and self._colour is not None:
            return self._colour(row, index.column())
        if role == Qt.ToolTipRole and self._tip is not None:
            return self._tip(row, index.column())
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            role == Qt.DisplayRole
            and orientation == Qt.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


def make_view(model, parent=None) -> QTableView:
    v = QTableView(parent)
    v.setModel(model)
    v.setSelectionBehavior(QAbstractItemView.SelectRows)
    v.setEditTriggers(QAbstractItemView.NoEditTriggers)
    v.setAlternatingRowColors(True)
    v.verticalHeader().setDefaultSectionSize(24)
    v.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    v.horizontalHeader().setStretchLastSection(True)
    return v


def qdate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def date_edit(d: date | None = None, parent=None) -> QDateEdit:
    e = QDateEdit(parent)
    e.setCalendarPopup(True)
    e.setDisplayFormat("yyyy-MM-dd")
    d = d or date.today()
    e.setDate(QDate(d.year, d.month, d.day))
    return e


# ---------------------------------------------------------------- verify


class VerifyDialog(QDialog):
    """核验证书: a serial (with the printed check value, optionally) or the text a scanner
    reads from the QR code (scanners type it like a keyboard, ending with Enter)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("核验证书"))
        self.setObjectName("verifyDialog")
        self.input = QLineEdit(self)
        self.input.setObjectName("verifyInput")
        self.input.setPlaceholderText(self.tr("证书编号，或扫描二维码"))
        self.check = QLineEdit(self)
        self.check.setObjectName("verifyCheck")
        self.check.setPlaceholderText(self.tr("校验码（证书左下角，可不填）"))
        self.result = QLabel(self)
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(60)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.button = QPushButton(self.tr("核验"), self)
        self.button.setObjectName("verifyButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.verify)
        form = QFormLayout()
        form.addRow(self.tr("编号或二维码："), self.input)
        form.addRow(self.tr("校验码："), self.check)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.result)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(520, 220)
        self.verdict: registry.Verdict | None = None

    def verify(self) -> None:
        text = self.input.text().strip()
        if not text:
            self._show(self.tr("请输入证书编号或扫描二维码。"), GREY)
            return
        try:
            with self.ctx.ledger.session() as s:
                v = registry.verify(s, text, self.check.text().strip() or None)
        except PartyDeskError as e:
            self.verdict = None
            self._show(str(e), RED)
            return
        self.verdict = v
        mark = "✔ " if v.ok else "✘ "
        self._show(mark + v.message, GREEN if v.ok else RED)
        self.input.selectAll()

    def _show(self, text: str, colour: QColor) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour.name()}; font-size: 14px;")


# ---------------------------------------------------------------- issue


class IssueDialog(QDialog):
    """Issue one certificate: kind, holder (an instructor, a 红领党务 holder, or a name),
    date and term; the wording comes from the template."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("颁发证书"))
        self.kind = QComboBox(self)
        for k in CertificateKind:
            self.kind.addItem(k.label, k.value)
        self.holder = QComboBox(self)
        self.holder.setEditable(True)
        self.holder.setObjectName("issueHolder")
        self.issued = date_edit(parent=self)
        self.post = QLineEdit(self)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(90)
        form = QFormLayout(self)
        form.addRow(self.tr("证书种类："), self.kind)
        form.addRow(self.tr("持证人："), self.holder)
        form.addRow(self.tr("发证日期："), self.issued)
        form.addRow(self.tr("聘任职务："), self.post)
        form.addRow(self.tr("正文预览："), self.preview)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Ok).setText(self.tr("颁发"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.kind.currentIndexChanged.connect(self._load_holders)
        self.holder.currentTextChanged.connect(self._preview)
        self._load_holders()
        self.resize(560, 360)

    def _load_holders(self) -> None:
        from sqlalchemy import select

        from partydesk.ledger.models import Instructor
        from partydesk.ledger.models.certs import Qualification

        kind = self.kind.currentData()
        self.holder.blockSignals(True)
        self.holder.clear()
        with self.ctx.ledger.session() as s:
            tpl = registry.template(s, kind)
            self.post.setPlaceholderText(tpl.post or "")
            if kind == "instructor":
                for i in s.scalars(
                    select(Instructor).where(Instructor.active.is_(True)).order_by(Instructor.name)
                ):
                    self.holder.addItem(
                        f"{i.name}（{i.home_unit or '指导员'}）", ("instructor", i.id)
                    )
            else:
                for q in s.scalars(
                    select(Qualification)
                    .where(Qualification.status == "active")
                    .order_by(Qualification.holder_name)
                ):
                    self.holder.addItem(f"{q.holder_name}（红领党务）", ("qualification", q.id))
        self.holder.blockSignals(False)
        self._preview()

    def holder_value(self, session) -> registry.Holder:
        i = self.holder.currentIndex()
        data = (
            self.holder.itemData(i)
            if i >= 0 and self.holder.currentText() == self.holder.itemText(i)
            else None
        )
        if data is None:
            return registry.holder_for(session, name=self.holder.currentText())
        kind, rid = data
        return registry.holder_for(session, **{kind: rid})

    def _preview(self) -> None:
        try:
            with self.ctx.ledger.session() as s:
                tpl = registry.template(s, self.kind.currentData())
                h = self.holder_value(s)
                on = qdate(self.issued.date())
                from datetime import timedelta

                from partydesk.rules.dates import add_months

                end = add_months(on, 12 * tpl.valid_years) - timedelta(days=1)
                self.preview.setPlainText(
                    registry.render(s, tpl, h, on, end, self.post.text() or None)
                )
                s.rollback()
        except PartyDeskError as e:
            self.preview.setPlainText(str(e))


# ---------------------------------------------------------------- page


class CertsPage(QWidget):
    summary_changed = Signal(str)  # counts, for the main window's status bar
    HEADERS = ["编号", "持证人", "种类", "发证日期", "有效期至", "发证机关", "状态", "打印次数"]

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("证书管理")
        self.setObjectName("page_certs")
        self.year = QComboBox(self)
        self.year.setObjectName("certYear")
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("全部种类"), None)
        for k in CertificateKind:
            self.kind.addItem(k.label, k.value)
        self.status_box = QComboBox(self)
        self.status_box.addItem(self.tr("全部状态"), None)
        for st in CertificateStatus:
            self.status_box.addItem(st.label, st.value)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("姓名或编号"))
        self.search.setClearButtonEnabled(True)
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("年度：")), self.year, self.kind, self.status_box, self.search):
            bar.addWidget(w)
        bar.addStretch(1)

        self.model = RowsModel(self.HEADERS, self, colour=self._colour, tip=self._tip)
        self.view = make_view(self.model, self)
        self.view.setObjectName("certTable")
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.doubleClicked.connect(lambda *_: self.reprint())
        for c, w in enumerate((110, 80, 120, 95, 95, 220, 200)):
            self.view.setColumnWidth(c, w)

        buttons = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("issue", "颁发…", self.issue_one),
            ("batch", "批量颁发本年度…", self.issue_batch),
            ("revoke", "撤销…", self.revoke),
            ("reissue", "换发", self.reissue),
            ("reprint", "重印选中", self.reprint),
            ("print", "打印本年度…", self.print_year),
            ("verify", "核验…", self.open_verify),
            ("seal", "印章图片…", self.choose_seal),
            ("template", "证书措辞…", self.edit_template),
        ):
            b = QPushButton(self.tr(text), self)
            b.setObjectName(f"cert_{key}")
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.actions[key] = b
        buttons.addStretch(1)
        self.summary = ""

        registry_tab = QWidget(self)
        lay = QVBoxLayout(registry_tab)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addLayout(buttons)
        lay.addWidget(self.view, 1)
        self.quals = QualificationsPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(registry_tab, self.tr("证书登记簿"))
        self.tabs.addTab(self.quals, self.tr("红领党务资格"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        for box in (self.year, self.kind, self.status_box):
            box.currentIndexChanged.connect(self.reload)
        self._fill_years()
        self.reload()

    # ------------------------------------------------------------ data

    def _fill_years(self) -> None:
        from sqlalchemy import func, select

        from partydesk.ledger.models.certs import Certificate

        self.year.blockSignals(True)
        keep = self.year.currentData()
        self.year.clear()
        self.year.addItem(self.tr("全部"), None)
        with self.ctx.ledger.session() as s:
            years = {
                int(y)
                for y in s.scalars(select(func.strftime("%Y", Certificate.issued_on)).distinct())
                if y
            }
        years.add(date.today().year)
        for y in sorted(years, reverse=True):
            self.year.addItem(str(y), y)
        i = self.year.findData(keep if keep is not None else date.today().year)
        self.year.setCurrentIndex(max(0, i))
        self.year.blockSignals(False)

    def reload(self) -> None:
        with self.ctx.ledger.session() as s:
            q = registry.query(
                s,
                year=self.year.currentData(),
                kind=self.kind.currentData(),
                status=self.status_box.currentData(),
                text=self.search.text() or None,
            )
            certs = list(s.scalars(q))
        rows, keys = [], []
        for c in certs:
            st = CertificateStatus.label_of(c.status)
            if c.status == "revoked":
                st += f"：{c.revoke_reason}"
            elif c.status == "replaced":
                st += f" → {c.replaced_by}"
            rows.append(
                (
                    c.serial,
                    c.holder_name,
                    CertificateKind.label_of(c.kind),
                    f"{c.issued_on:%Y-%m-%d}",
                    f"{c.valid_until:%Y-%m-%d}" if c.valid_until else "",
                    c.issuer,
                    st,
                    c.printed_count,
                    c.status,
                )
            )
            keys.append(c.serial)
        self.model.set_rows(rows, keys)
        valid = sum(1 for r in rows if r[-1] == "valid")
        self.summary = self.tr("共 {0} 张，其中有效 {1} 张").format(len(rows), valid)
        self.summary_changed.emit(self.summary)

    def refresh(self) -> None:
        self._fill_years()
        self.reload()
        self.quals.reload()

    def _colour(self, row, col):
        if row[-1] == "revoked":
            return RED
        if row[-1] == "replaced":
            return GREY
        return None

    def _tip(self, row, col):
        return row[6] if col == 6 else None

    def selected_serials(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.keys[r] for r in rows]

    def _one(self) -> str | None:
        s = self.selected_serials()
        if len(s) != 1:
            self.ctx.status(self.tr("请先选中一张证书。"))
            return None
        return s[0]

    def _run(self, fn):
        return in_session(self, self.ctx.ledger, fn)

    # ------------------------------------------------------------ actions

    def issue_one(self) -> None:
        dlg = IssueDialog(self.ctx, self)
        if not dlg.exec():
            return

        def go(s):
            h = dlg.holder_value(s)
            return registry.issue(
                s,
                dlg.kind.currentData(),
                [h],
                issued_on=qdate(dlg.issued.date()),
                post=dlg.post.text().strip() or None,
            )[0].serial

        serial = self._run(go)
        if serial:
            self.refresh()
            self.select(serial)
            self.ctx.status(self.tr("已颁发证书 {0}").format(serial))

    def issue_batch(self) -> None:
        kinds = [k.label for k in CertificateKind]
        label, ok = QInputDialog.getItem(
            self, self.tr("批量颁发"), self.tr("证书种类："), kinds, 0, False
        )
        if not ok:
            return
        kind = CertificateKind.from_text(label).value
        year = date.today().year
        with self.ctx.ledger.session() as s:
            holders = registry.holders_missing(s, kind, year)
        if not holders:
            QMessageBox.information(
                self, self.tr("批量颁发"), self.tr("{0}年没有尚未颁发的对象。").format(year)
            )
            return
        names = "、".join(h.name for h in holders[:20]) + ("等" if len(holders) > 20 else "")
        if (
            QMessageBox.question(
                self,
                self.tr("批量颁发"),
                self.tr("将为以下 {0} 人颁发{1}，编号连续分配：\n{2}\n\n继续吗？").format(
                    len(holders), label, names
                ),
            )
            != QMessageBox.Yes
        ):
            return
        certs = self._run(
            lambda s: [
                c.serial
                for c in registry.issue(
                    s, kind, registry.holders_missing(s, kind, year), issued_on=date.today()
                )
            ]
        )
        if certs:
            self.refresh()
            self.ctx.status(
                self.tr("已颁发 {0} 张：{1} 至 {2}").format(len(certs), certs[0], certs[-1])
            )

    def revoke(self) -> None:
        serial = self._one()
        if serial is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("撤销证书"), self.tr("撤销证书 {0} 的原因：").format(serial)
        )
        if not ok:
            return
        if self._run(lambda s: registry.revoke(s, serial, reason, date.today())) is not None:
            self.reload()
            self.ctx.status(self.tr("已撤销证书 {0}").format(serial))

    def reissue(self) -> None:
        serial = self._one()
        if serial is None:
            return
        if (
            QMessageBox.question(
                self,
                self.tr("换发证书"),
                self.tr("为证书 {0} 换发新证（新编号，原证书作废）吗？").format(serial),
            )
            != QMessageBox.Yes
        ):
            return
        new = self._run(lambda s: registry.reissue(s, serial, date.today()).serial)
        if new:
            self.reload()
            self.select(new)
            self.ctx.status(self.tr("已换发：{0} → {1}").format(serial, new))

    def select(self, serial: str) -> None:
        if serial in self.model.keys:
            r = self.model.keys.index(serial)
            self.view.selectRow(r)
            self.view.scrollTo(self.model.index(r, 0))

    def reprint(self) -> None:
        serials = self.selected_serials()
        if not serials:
            self.ctx.status(self.tr("请先选中要重印的证书。"))
            return
        name = f"证书-{serials[0]}.pdf" if len(serials) == 1 else f"证书-{len(serials)}张.pdf"
        self._print(serials, name)

    def print_year(self) -> None:
        year = self.year.currentData() or date.today().year
        with self.ctx.ledger.session() as s:
            serials = [
                c.serial
                for c in s.scalars(
                    registry.query(s, year=year, status="valid", kind=self.kind.currentData())
                )
            ]
        if not serials:
            QMessageBox.information(
                self, self.tr("打印"), self.tr("{0}年没有有效证书。").format(year)
            )
            return
        self._print(sorted(serials), f"证书-{year}年-{len(serials)}张.pdf")

    def _print(self, serials: list[str], default_name: str, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("保存证书PDF"), str(Path.home() / default_name), "PDF (*.pdf)"
            )
            if not path:
                return
        ledger = self.ctx.ledger

        def work(task):
            from partydesk.reports.certificate import print_certificates

            with ledger.session() as s:
                certs = [registry.get(s, x) for x in serials]

                def progress(done, total):
                    task.progress(done / total, f"正在生成证书 {done}/{total}…")
                    return task.cancelled

                return print_certificates(s, certs, path, progress=progress)

        def done(n):
            self.reload()
            self.last_pdf = path
            if n:
                self.ctx.status(self.tr("已生成 {0} 页：{1}").format(n, path), 10000)
            else:
                self.ctx.status(self.tr("已取消打印。"))

        from ui.tasks import run_task

        self.task = run_task(self, self.tr("正在生成证书…"), work, on_done=done)

    def open_verify(self) -> VerifyDialog:
        dlg = VerifyDialog(self.ctx, self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        dlg.input.setFocus()
        return dlg

    def choose_seal(self) -> None:
        from partydesk import settings

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择印章图片（透明背景PNG）"), str(Path.home()), "PNG (*.png)"
        )

        def save(s):
            cfg = settings.get(s, "certs")
            if path:
                from partydesk.reports.certificate import _seal_reader

                _seal_reader(path)
            cfg["seal_image"] = path or None
            settings.put(s, "certs", cfg)
            return True

        if path and self._run(save):
            self.ctx.status(self.tr("证书将打印印章图片：{0}").format(path))

    def edit_template(self) -> None:
        dlg = TemplateDialog(self.ctx, self.kind.currentData() or "instructor", self)
        dlg.exec()


class TemplateDialog(QDialog):
    """Edit the wording, issuing organ and serial pattern of a kind of certificate. Issued
    certificates keep their own text."""

    FIELDS = [
        ("title", "标题"),
        ("body", "正文"),
        ("closing", "结束语"),
        ("post", "聘任职务"),
        ("issuer", "发证机关"),
        ("kind_code", "种类代码"),
        ("serial_pattern", "编号规则"),
        ("valid_years", "有效年限"),
    ]

    def __init__(self, ctx, kind: str, parent=None):
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.setWindowTitle(self.tr("证书措辞：") + CertificateKind.label_of(kind))
        form = QFormLayout(self)
        self.edits: dict[str, QWidget] = {}
        with ctx.ledger.session() as s:
            t = registry.template(s, kind)
            for key, label in self.FIELDS:
                if key == "body":
                    w = QPlainTextEdit(t.body, self)
                    w.setMaximumHeight(90)
                elif key == "valid_years":
                    w = QSpinBox(self)
                    w.setRange(1, 10)
                    w.setValue(t.valid_years)
                else:
                    w = QLineEdit(getattr(t, key) or "", self)
                self.edits[key] = w
                form.addRow(self.tr(label) + "：", w)
        hint = QLabel(
            self.tr("可用占位符：")
            + "、".join("{" + k + "}" + v for k, v in registry.PLACEHOLDERS.items()),
            self,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        box = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Save).setText(self.tr("保存"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.resize(620, 420)

    def save(self) -> None:
        values = {}
        for key, w in self.edits.items():
            if isinstance(w, QPlainTextEdit):
                values[key] = w.toPlainText().strip()
            elif isinstance(w, QSpinBox):
                values[key] = w.value()
            else:
                values[key] = w.text().strip()
        try:
            with self.ctx.ledger.session() as s:
                registry.update_template(s, self.kind, **values)
        except PartyDeskError as e:
            QMessageBox.warning(self, self.tr("未保存"), str(e))
            return
        self.accept()


class QualificationsPanel(QWidget):
    """红领党务: holders with level and review date (due soon in red), the selected
    holder's history, and award / review / withdraw."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        from partydesk.ledger.models.certs import QualificationEventKind, QualificationLevel

        self._ev, self._lv = QualificationEventKind, QualificationLevel
        self.model = RowsModel(
            ["持有人", "等级", "认定（定级）日期", "复核期限", "状态"], self, colour=self._colour
        )
        self.view = make_view(self.model, self)
        self.view.setObjectName("qualTable")
        self.events = RowsModel(["日期", "事项", "原等级", "新等级", "原因"], self)
        self.events_view = make_view(self.events, self)
        self.show_all = QCheckBox(self.tr("含已撤销"), self)
        self.show_all.toggled.connect(self.reload)
        row = QHBoxLayout()
        for text, slot in (
            ("认定…", self.award),
            ("复核…", self.review),
            ("撤销资格…", self.withdraw),
        ):
            b = QPushButton(self.tr(text), self)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.show_all)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.events_view)
        split.setSizes([400, 160])
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(split, 1)
        for c, w in enumerate((100, 60, 120, 100)):
            self.view.setColumnWidth(c, w)
        for c, w in enumerate((100, 80, 70, 70)):
            self.events_view.setColumnWidth(c, w)
        self.view.selectionModel().currentRowChanged.connect(self.reload_events)
        self.reload()

    def _colour(self, row, col):
        if row[4] != "有效":
            return GREY
        if row[5] <= date.today().toordinal() + 60:
            return RED
        return None

    def reload(self, *args) -> None:
        from sqlalchemy import select

        from partydesk.ledger.models.certs import Qualification, QualificationStatus

        keep = self.current_id()
        q = select(Qualification).order_by(Qualification.review_due_on, Qualification.id)
        if not self.show_all.isChecked():
            q = q.where(Qualification.status == "active")
        with self.ctx.ledger.session() as s:
            quals = list(s.scalars(q))
        rows = [
            (
                x.holder_name,
                self._lv.label_of(x.level),
                f"{x.awarded_on:%Y-%m-%d}",
                f"{x.review_due_on:%Y-%m-%d}",
                QualificationStatus.label_of(x.status),
                x.review_due_on.toordinal(),
            )
            for x in quals
        ]
        self.model.set_rows(rows, [x.id for x in quals])
        if keep in self.model.keys:
            self.view.selectRow(self.model.keys.index(keep))
        self.reload_events()

    def current_id(self) -> int | None:
        idx = self.view.currentIndex()
        return (
            self.model.keys[idx.row()]
            if idx.isValid() and idx.row() < len(self.model.keys)
            else None
        )

    def reload_events(self, *args) -> None:
        from partydesk.certs import qualifications

        qid = self.current_id()
        rows = []
        if qid is not None:
            with self.ctx.ledger.session() as s:
                for e in qualifications.get(s, qid).events:
                    rows.append(
                        (
                            f"{e.on:%Y-%m-%d}",
                            self._ev.label_of(e.kind),
                            self._lv.label_of(e.from_level),
                            self._lv.label_of(e.to_level),
                            e.reason or "",
                        )
                    )
        self.events.set_rows(rows)

    def _run(self, fn) -> bool:
        try:
            with self.ctx.ledger.session() as s:
                fn(s)
        except PartyDeskError as e:
            QMessageBox.warning(self, self.tr("操作未完成"), str(e))
            return False
        self.reload()
        return True

    def award(self) -> None:
        from partydesk.certs import qualifications

        name, ok = QInputDialog.getText(self, self.tr("认定红领党务"), self.tr("持有人姓名："))
        if not ok or not name.strip():
            return
        level, ok = QInputDialog.getItem(
            self, self.tr("认定红领党务"), self.tr("等级："), self._lv.labels(), 0, False
        )
        if not ok:
            return

        def go(s):
            from sqlalchemy import select

            from partydesk.ledger.models import Person

            ids = list(s.scalars(select(Person.id).where(Person.name == name.strip()).limit(2)))
            pid = ids[0] if len(ids) == 1 else None  # link to the person when unambiguous
            qualifications.award(
                s, level, date.today(), person_id=pid, name=None if pid else name.strip()
            )

        if self._run(go):
            self.ctx.status(self.tr("已认定 {0} 为红领党务{1}").format(name.strip(), level))

    def review(self) -> None:
        from partydesk.certs import qualifications

        qid = self.current_id()
        if qid is None:
            self.ctx.status(self.tr("请先选中一位持有人。"))
            return
        cur = self.model.rows[self.model.keys.index(qid)][1]
        labels = self._lv.labels()
        level, ok = QInputDialog.getItem(
            self,
            self.tr("复核"),
            self.tr("复核后的等级（不变即保留）："),
            labels,
            labels.index(cur) if cur in labels else 0,
            False,
        )
        if not ok:
            return
        reason = ""
        if level != cur:
            reason, ok = QInputDialog.getText(self, self.tr("复核"), self.tr("晋级或降级的原因："))
            if not ok:
                return
        self._run(lambda s: qualifications.review(s, qid, date.today(), level, reason or None))

    def withdraw(self) -> None:
        from partydesk.certs import qualifications

        qid = self.current_id()
        if qid is None:
            self.ctx.status(self.tr("请先选中一位持有人。"))
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("撤销资格"), self.tr("撤销原因（如：调离党务工作岗位）：")
        )
        if ok:
            self._run(lambda s: qualifications.withdraw(s, qid, date.today(), reason))


def create_page(ctx):
    return CertsPage(ctx)
