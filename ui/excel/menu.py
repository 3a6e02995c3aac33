"""The Excel menu of the main window: import rosters, export the table as shown, blank
import templates and the upward reports (报表), including the star-rating summary.

Every entry works on the ledger the window shows at the time it is chosen; slow work runs
off the UI thread with a progress dialog (ui.excel.import_wizard and ui.excel.export / ui.tasks)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

# (registry entity, menu label); the order of the main window's pages
ENTITIES = [
    ("unit", QT_TRANSLATE_NOOP("MainWindow", "两新组织")),
    ("org", QT_TRANSLATE_NOOP("MainWindow", "党组织")),
    ("person", QT_TRANSLATE_NOOP("MainWindow", "党员与发展对象")),
    ("instructor", QT_TRANSLATE_NOOP("MainWindow", "党建指导员")),
]
REPORTS = [
    ("coverage", QT_TRANSLATE_NOOP("MainWindow", "两新组织覆盖情况表（六个清）")),
    ("members", QT_TRANSLATE_NOOP("MainWindow", "党员队伍情况统计表")),
    ("orgs", QT_TRANSLATE_NOOP("MainWindow", "党组织基本情况表")),
]


def install(window: QMainWindow) -> QMenu:
    """Add the Excel menu between 视图 and 工具."""
    menu = QMenu(
        QCoreApplication.translate("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "Excel(&X)")),
        window,
    )
    menu.setObjectName("excelMenu")
    from ui.excel import drop

    window._excel_drop = drop.install(
        window, import_roster
    )  # a roster dropped on the window imports
    window.menuBar().insertMenu(window.tools_menu.menuAction(), menu)

    imp = menu.addMenu(QCoreApplication.translate("MainWindow", "导入名册(&I)"))
    for entity, label in ENTITIES:
        act = imp.addAction(QCoreApplication.translate("MainWindow", label) + "…")
        act.setObjectName(f"import_{entity}")
        act.triggered.connect(lambda _=False, e=entity: import_roster(window, e))
    export = QAction(
        QCoreApplication.translate(
            "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "导出当前表格(&E)…")
        ),
        window,
    )
    export.setObjectName("exportTable")
    export.setShortcut(QKeySequence("Ctrl+E"))
    export.setStatusTip(
        QCoreApplication.translate("MainWindow", "把当前页的表格按显示的列、筛选和排序导出为 Excel")
    )
    export.triggered.connect(lambda: export_current(window))
    menu.addAction(export)
    tpl = menu.addMenu(QCoreApplication.translate("MainWindow", "空白导入模板(&T)"))
    for entity, label in ENTITIES:
        act = tpl.addAction(QCoreApplication.translate("MainWindow", label) + "…")
        act.setObjectName(f"template_{entity}")
        act.triggered.connect(lambda _=False, e=entity: save_template(window, e))
    menu.addSeparator()
    rep = menu.addMenu(QCoreApplication.translate("MainWindow", "报表(&R)"))
    for name, label in REPORTS:
        act = rep.addAction(QCoreApplication.translate("MainWindow", label) + "…")
        act.setObjectName(f"report_{name}")
        act.triggered.connect(lambda _=False, n=name: export_report(window, n))
    stars = rep.addAction(QCoreApplication.translate("MainWindow", "评星定级汇总表…"))
    stars.setObjectName("report_stars")
    stars.triggered.connect(lambda: export_stars(window))
    window.excel_menu = menu
    window.export_table_action = export

    def sync() -> None:
        ledger = window.ctx.ledger
        has = ledger is not None
        for act in menu.actions():
            act.setEnabled(has)
        imp.menuAction().setEnabled(has and not ledger.readonly)

    sync()
    window.ledger_changed.connect(sync)
    return menu


def _ctx(window):
    return window.ctx if window.ctx.ledger is not None else None


def import_roster(window, entity: str, path: str | None = None):
    ctx = _ctx(window)
    if ctx is None:
        return None
    from ui.excel.import_wizard import open_import_wizard

    return open_import_wizard(ctx, entity, path)


def export_current(window, path: str | None = None, on_done=None):
    """Export the table of the page shown: its visible columns in their order, the rows
    its search and filters select, in its sort order."""
    ctx = _ctx(window)
    if ctx is None:
        return None
    state = window.current_table_state()
    if state is None:
        QMessageBox.information(
            window,
            QCoreApplication.translate(
                "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "导出当前表格")
            ),
            QCoreApplication.translate(
                "MainWindow",
                "当前页没有可导出的表格。请先切换到“两新组织”“党组织”“党员与发展”或“党建指导员”页。",
            ),
        )
        return None
    from partydesk.ledger import fields
    from ui.excel.export import run_export
    from ui.excel.files import save_path

    ent = fields.entity(state.entity)
    # the window's derived 所在单位 column is the sheet's link column of the same name
    shown_as = {"hosts": "host_units"}
    columns = [
        c if c in ent.by_name else shown_as[c]
        for c in state.columns
        if c in ent.by_name or c in shown_as
    ] or None
    path = save_path(
        window,
        QCoreApplication.translate("MainWindow", "导出") + ent.label,
        f"{ent.label}.xlsx",
        path,
    )
    if not path:
        return None
    ledger, listing = ctx.ledger, state.query()

    def work(task):
        from partydesk import excel

        return excel.export_table(
            ledger,
            state.entity,
            path,
            columns=columns,
            listing=listing,
            progress=task.progress,
            cancelled=lambda: task.cancelled,
        )

    return run_export(
        ctx,
        QCoreApplication.translate("MainWindow", "正在导出") + ent.label + "…",
        work,
        path,
        on_done,
    )


def save_template(window, entity: str, path: str | None = None):
    ctx = _ctx(window)
    if ctx is None:
        return None
    from ui.excel.export import save_template as save

    return save(ctx, entity, path)


def export_report(window, name: str, path: str | None = None, on_done=None):
    ctx = _ctx(window)
    if ctx is None:
        return None
    from ui.excel.export import export_report as export

    return export(ctx, name, path, on_done)


def export_stars(window, path: str | None = None, year: int | None = None, on_done=None):
    """The star-rating summary (评星定级汇总表) of a year (this year by default)."""
    ctx = _ctx(window)
    if ctx is None:
        return None
    from datetime import date

    from ui.excel.export import run_export
    from ui.excel.files import save_path

    year = year or date.today().year
    title = QCoreApplication.translate("MainWindow", "%1年评星定级汇总表").replace("%1", str(year))
    path = save_path(window, title, f"{title}.xlsx", path)
    if not path:
        return None
    ledger = ctx.ledger

    def work(task):
        from partydesk.standing.export import export_stars as write

        with ledger.Session() as s:
            return write(s, year, path)

    return run_export(
        ctx, QCoreApplication.translate("MainWindow", "正在生成") + title + "…", work, path, on_done
    )
