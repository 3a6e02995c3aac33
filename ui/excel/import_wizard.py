"""The Excel import wizard: file and sheet, header mapping, the preview of every row as new /
update / unchanged / error, then one transaction. Slow work runs off the UI thread through
ui.tasks.run_task (progress, cancel).

    open_import_wizard(ctx, "person")                    # 导入…
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk import excel
from partydesk.excel import importing
from partydesk.excel import mapping as excel_mapping
from partydesk.ledger import fields
from ui.excel.files import last_dir, open_filter, refresh_pages, remember_dir, xlsx_filter
from ui.excel.preview_model import PreviewModel
from ui.tasks import run_task


class ImportWizard(QDialog):
    """Choose file and sheet, check the header mapping, look at every row, then import."""

    def __init__(self, ctx, entity: str, parent: QWidget | None = None):
        super().__init__(parent or getattr(ctx, "window", None))
        self.ctx = ctx
        self.entity = excel.entity_key(entity) if entity not in fields.ENTITIES else entity
        self.ent = fields.entity(self.entity)
        self.plan: excel.ImportPlan | None = None
        self.sheet_data = None
        self.task = None
        self.result_counts: excel.ImportResult | None = None
        self.setWindowTitle(self.tr("从Excel导入：") + self.ent.label)
        self.resize(1100, 720)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(
            self.tr("选择要导入的表格（.xlsx .xls .et .ods .csv），或把文件拖到窗口上")
        )
        browse = QPushButton(self.tr("选择文件(&O)…"))
        browse.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.activated.connect(lambda _i: self.load(reread=True))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("文件："), file_row)
        form.addRow(self.tr("工作表："), self.sheet_combo)
        self.create_orgs = QCheckBox(self.tr("新建表中提到、账本中没有的党组织（按名称定类别）"))
        self.create_orgs.setObjectName("createOrgs")
        self.create_orgs.toggled.connect(lambda _on: self.load(reread=False))
        if self.entity == "person":
            form.addRow("", self.create_orgs)
        else:
            self.create_orgs.hide()

        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("表格中的列"), self.tr("对应字段")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.recheck_btn = QPushButton(self.tr("按此对应重新检查(&R)"))
        self.recheck_btn.setEnabled(False)
        self.recheck_btn.clicked.connect(lambda: self.load(reread=False))
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("列对应关系（可修改，导入后记住）：")))
        lv.addWidget(self.mapping_table, 1)
        lv.addWidget(self.recheck_btn)

        self.model = PreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.filter_combo = QComboBox()
        self.filter_combo.addItem(self.tr("全部行"), None)
        for code, label in importing.STATUS_LABELS.items():
            self.filter_combo.addItem(self.tr(label), code)
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        self.summary_label = QLabel(self.tr("尚未选择文件。"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setMinimumHeight(self.summary_label.fontMetrics().lineSpacing() * 3 + 4)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("显示：")))
        top.addWidget(self.filter_combo)
        rv.addWidget(self.summary_label)
        rv.addLayout(top)
        rv.addWidget(self.view, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 800])

        self.buttons = QDialogButtonBox()
        self.report_btn = self.buttons.addButton(
            self.tr("保存导入报告(&E)…"), QDialogButtonBox.ActionRole
        )
        self.import_btn = self.buttons.addButton(self.tr("导入(&I)"), QDialogButtonBox.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.report_btn.clicked.connect(self.save_error_report)
        self.import_btn.clicked.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        self.import_btn.setEnabled(False)
        self.report_btn.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

    # -------------------------------------------------------------- file and sheet
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的表格"), last_dir(), open_filter()
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        remember_dir(path)
        self.path_edit.setText(path)
        self.sheet_combo.clear()
        try:
            names = excel.sheet_names(path)
        except excel.ExcelFileError as e:
            self._show_problem(str(e))
            return
        self.sheet_combo.addItems(names)
        self.load(reread=True)

    def _show_problem(self, text: str) -> None:
        self.plan = None
        self.model.set_plan(None)
        self.summary_label.setText(text)
        self.import_btn.setEnabled(False)
        self.report_btn.setEnabled(False)
        QMessageBox.warning(self, self.tr("无法导入"), text)

    # -------------------------------------------------------------- checking
    def current_mapping(self) -> list[str | None]:
        out = []
        for r in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(r, 1)
            out.append(combo.currentData() if combo else None)
        return out

    def load(self, reread: bool) -> None:
        """Read (if needed) and check the sheet off the UI thread, then show the preview."""
        path = self.path_edit.text()
        if not path:
            return
        sheet = self.sheet_combo.currentText() or None
        mapping = None if reread else self.current_mapping()
        ledger = self.ctx.ledger
        entity = self.entity
        cached = None if reread else self.sheet_data
        create_orgs = self.create_orgs.isChecked()
        self.import_btn.setEnabled(False)
        self.summary_label.setText(self.tr("正在读取和检查…"))

        def work(task):
            data = cached or importing.read_for(
                entity,
                path,
                sheet,
                progress=lambda f, t: task.progress(f * 0.6, t),
                cancelled=lambda: task.cancelled,
            )
            plan = excel.plan_import(
                ledger,
                entity,
                path,
                sheet,
                mapping,
                sheet_data=data,
                progress=task.progress,
                cancelled=lambda: task.cancelled,
                create_orgs=create_orgs,
            )
            return data, plan

        def done(result):
            self.task = None
            self.sheet_data, plan = result
            self.show_plan(plan)

        def failed(exc):
            self.task = None
            if isinstance(exc, excel.Cancelled):
                self.summary_label.setText(self.tr("已取消检查。"))
                return
            from ui.errors import describe, show_error

            if describe(exc):
                self._show_problem(describe(exc))
            else:
                show_error(self, exc)

        self.task = run_task(self, self.tr("正在检查表格…"), work, done, failed)

    def show_plan(self, plan: excel.ImportPlan) -> None:
        self.plan = plan
        self._fill_mapping(plan)
        self._apply_filter()
        c = plan.counts
        lines = [
            self.tr("工作表“{0}”，表头在第{1}行，共{2}行数据：").format(
                plan.sheet, plan.header_row, len(plan.rows)
            )
            + self.tr("新增{0}，更新{1}，无变化{2}，错误{3}").format(
                c["new"], c["update"], c["unchanged"], c["error"]
            )
            + (self.tr("，有提醒{0}").format(len(plan.warned)) if plan.warned else "")
            + self.tr("。")
        ]
        lines += plan.notes()
        if plan.ignored_headers:
            lines.append(self.tr("未识别、将忽略的列：") + "、".join(plan.ignored_headers))
        if plan.missing_required:
            lines.append(
                self.tr("缺少必填列（新增的行将出错）：") + "、".join(plan.missing_required)
            )
        self.summary_label.setText("\n".join(lines))
        self.import_btn.setEnabled(c["new"] + c["update"] > 0)
        self.import_btn.setText(self.tr("导入 {0} 行(&I)").format(c["new"] + c["update"]))
        self.report_btn.setEnabled(c["error"] > 0 or bool(plan.warned))
        self.recheck_btn.setEnabled(True)
        self.view.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            if self.view.columnWidth(col) > 320:
                self.view.setColumnWidth(col, 320)

    def _fill_mapping(self, plan: excel.ImportPlan) -> None:
        self.mapping_table.setRowCount(len(plan.headers))
        for r, (h, name) in enumerate(zip(plan.headers, plan.mapping, strict=False)):
            item = QTableWidgetItem(h or self.tr("（空白表头）"))
            self.mapping_table.setItem(r, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("（忽略此列）"), None)
            for fname, label, required in excel_mapping.column_choices(self.entity):
                combo.addItem(label + ("*" if required else ""), fname)
            combo.setCurrentIndex(max(0, combo.findData(name)) if name else 0)
            self.mapping_table.setCellWidget(r, 1, combo)

    def _apply_filter(self) -> None:
        self.model.set_plan(self.plan, self.filter_combo.currentData())

    # -------------------------------------------------------------- writing
    def save_error_report(self) -> None:
        if self.plan is None:
            return
        default = str(Path(last_dir()) / (Path(self.plan.path).stem + self.tr("-导入报告.xlsx")))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入报告"), default, xlsx_filter())
        if not path:
            return
        try:
            out = excel.write_error_report(self.plan, path)
        except Exception as e:  # noqa: BLE001
            from ui.errors import show_error

            show_error(self, e)
            return
        self.ctx.status(self.tr("导入报告已保存：") + str(out)) if hasattr(
            self.ctx, "status"
        ) else None

    def do_import(self) -> None:
        if self.plan is None or self.task is not None:
            return
        plan = self.plan
        ledger = self.ctx.ledger
        self.import_btn.setEnabled(False)

        def work(task):
            return excel.apply_import(
                ledger, plan, progress=task.progress, cancelled=lambda: task.cancelled
            )

        def done(res: excel.ImportResult):
            self.task = None
            self.result_counts = res
            refresh_pages(self.ctx)
            msg = self.tr("已导入：新增{0}条，更新{1}条").format(res.inserted, res.updated)
            if res.orgs_created:
                msg += self.tr("，新建党组织{0}个").format(res.orgs_created)
            msg += self.tr("。")
            if hasattr(self.ctx, "status"):
                self.ctx.status(msg)
            self.accept()

        def failed(exc):
            self.task = None
            self.import_btn.setEnabled(True)
            if isinstance(exc, excel.Cancelled):
                self.summary_label.setText(self.tr("已取消导入，账本未作任何改动。"))
                return
            from ui.errors import show_error

            show_error(self, exc)

        self.task = run_task(self, self.tr("正在导入…"), work, done, failed)


def open_import_wizard(ctx, entity: str, path: str | None = None) -> ImportWizard:
    """Open the import wizard for `entity` (unit, org, person, instructor or the plural
    command-line names); with `path`, start from that file."""
    w = ImportWizard(ctx, entity)
    w.setAttribute(Qt.WA_DeleteOnClose)
    w.open()
    if path:
        w.set_file(path)
    return w
