"""证书管理 page: the register of certificates with filters; issue, revoke, reissue, reprint;
print the selected, a year's, 新开, since a day or a batch, final or 样稿 (in the shared
preview window, written off the UI thread); verify a serial or the text of a QR code; the seal image and the wording templates.

Long because every action of the register (issue with its second-聘书 question, revoke,
reissue, print, verify) works on the same selection and table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk.certs import registry
from partydesk.ledger.models.certs import CertificateKind, CertificateStatus
from ui.certs.issue_dialog import IssueDialog
from ui.certs.print_dialog import PrintDialog
from ui.certs.qualifications import QualificationsPanel
from ui.certs.template_dialog import TemplateDialog
from ui.certs.verify_dialog import VerifyDialog
from ui.errors import in_session, show_error
from ui.widgets.colors import cell
from ui.widgets.dates import to_date
from ui.widgets.rows import RowsModel, make_view

# ---------------------------------------------------------------- page


class CertsPage(QWidget):
    summary_changed = Signal(str)  # counts, for the main window's status bar
    HEADERS = [
        QT_TRANSLATE_NOOP("CertsPage", "编号"),
        QT_TRANSLATE_NOOP("CertsPage", "持证人"),
        QT_TRANSLATE_NOOP("CertsPage", "种类"),
        QT_TRANSLATE_NOOP("CertsPage", "发证日期"),
        QT_TRANSLATE_NOOP("CertsPage", "有效期至"),
        QT_TRANSLATE_NOOP("CertsPage", "发证机关"),
        QT_TRANSLATE_NOOP("CertsPage", "状态"),
        QT_TRANSLATE_NOOP("CertsPage", "打印次数"),
    ]

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

        self.model = RowsModel(
            [QCoreApplication.translate("CertsPage", h) for h in self.HEADERS],
            self,
            colour=self._colour,
            tip=self._tip,
        )
        self.view = make_view(self.model, self)
        self.view.setObjectName("certTable")
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.doubleClicked.connect(lambda *_: self.reprint())
        for c, w in enumerate((110, 80, 120, 95, 95, 220, 200)):
            self.view.setColumnWidth(c, w)

        buttons = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("issue", self.tr("颁发…"), self.issue_one),
            ("batch", self.tr("批量颁发本年度…"), self.issue_batch),
            ("revoke", self.tr("撤销…"), self.revoke),
            ("reissue", self.tr("换发"), self.reissue),
            ("reprint", self.tr("重印选中"), self.reprint),
            ("print", self.tr("打印…"), self.print_chosen),
            ("draft", self.tr("样稿…"), lambda: self.print_chosen(draft=True)),
            ("verify", self.tr("核验…"), self.open_verify),
            ("seal", self.tr("印章图片…"), self.choose_seal),
            ("template", self.tr("证书措辞…"), self.edit_template),
        ):
            b = QPushButton(text, self)
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
        from sqlalchemy import extract, select

        from partydesk.ledger.models.certs import Certificate

        self.year.blockSignals(True)
        keep = self.year.currentData()
        self.year.clear()
        self.year.addItem(self.tr("全部"), None)
        with self.ctx.ledger.session() as s:
            years = {
                int(y)
                # (extract, not SQLite's strftime: a server ledger's page failed to load)
                for y in s.scalars(select(extract("year", Certificate.issued_on)).distinct())
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
            return cell("error")
        if row[-1] == "replaced":
            return cell("grey")
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

    def _issue_asking(self, fn):
        """`fn(session, allow_second)`; when an instructor already has a valid 聘书 for the
        term, the core's question is asked and, confirmed, the issue is done again."""
        try:
            with self.ctx.ledger.session() as s:
                return fn(s)
        except registry.SecondCertificateError as e:
            if (
                QMessageBox.question(
                    self,
                    self.tr("同一聘期已有聘书"),
                    e.detail + "\n\n" + self.tr("仍要再颁发一份吗？"),
                    QMessageBox.Yes | QMessageBox.No,
                    QMessageBox.No,
                )
                != QMessageBox.Yes
            ):
                return None
        except Exception as e:  # noqa: BLE001 — shown in words like every other action
            show_error(self, e)
            return None
        return self._run(lambda s: fn(s, allow_second=True))

    # ------------------------------------------------------------ actions

    def issue_one(self) -> None:
        dlg = IssueDialog(self.ctx, self)
        if not dlg.exec():
            return

        def go(s, allow_second=False):
            h = dlg.holder_value(s)
            return registry.issue(
                s,
                dlg.kind.currentData(),
                [h],
                issued_on=to_date(dlg.issued.date()),
                post=dlg.post.text().strip() or None,
                allow_second=allow_second,
            )[0].serial

        serial = self._issue_asking(go)
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
        names = "、".join(h.name for h in holders[:20]) + (
            self.tr("等") if len(holders) > 20 else ""
        )
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
        certs = self._issue_asking(
            lambda s, allow_second=False: [
                c.serial
                for c in registry.issue(
                    s,
                    kind,
                    registry.holders_missing(s, kind, year),
                    issued_on=date.today(),
                    allow_second=allow_second,
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
        if len(serials) == 1:
            name = self.tr("证书-%1.pdf").replace("%1", serials[0])
        else:
            name = self.tr("证书-%1张.pdf").replace("%1", str(len(serials)))
        from ui.certs.printing import preview

        self.preview = preview(self, serials, name)
        return self.preview

    def print_current(self):
        """Ctrl+P: the selected certificates in the preview window (none selected: the
        dialog of what to print)."""
        if self.selected_serials():
            return self.reprint()
        return self.print_chosen()

    def print_chosen(self, draft: bool = False):
        """Choose what to print (selected, the year's, 新开, since a day, a batch) and
        whether as a 样稿, then see it in the preview window (written off the UI thread)
        and print or save it from there. Returns that window, or None when cancelled."""
        dlg = PrintDialog(
            self.ctx,
            self.selected_serials(),
            self.year.currentData(),
            self.kind.currentData(),
            draft=draft,
            parent=self,
        )
        self.print_dialog = dlg
        if not dlg.exec():
            return None
        from ui.certs.printing import preview

        self.preview = preview(self, dlg.serials, dlg.default_name(), draft=dlg.draft.isChecked())
        return self.preview

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


def create_page(ctx):
    return CertsPage(ctx)
