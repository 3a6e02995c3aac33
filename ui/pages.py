"""The pages of the navigation pane, in order: (module, title). Each module is a feature
package's `page` and has `create_page(ctx: ui.context.AppContext) -> QWidget | None`
(None: not available yet); the module name is the page's key in `ctx.pages`.

A page may define `refresh()` (reload after the ledger changed) and `title`. The titles are
marked for lupdate in the main window's context, which translates them when it lists them."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

PAGES = [
    ("ui.dashboard.page", QT_TRANSLATE_NOOP("MainWindow", "工作台")),
    ("ui.units.page", QT_TRANSLATE_NOOP("MainWindow", "两新组织")),
    ("ui.orgs.page", QT_TRANSLATE_NOOP("MainWindow", "党组织")),
    ("ui.people.page", QT_TRANSLATE_NOOP("MainWindow", "党员与发展")),
    ("ui.instructors.page", QT_TRANSLATE_NOOP("MainWindow", "党建指导员")),
    ("ui.records.page", QT_TRANSLATE_NOOP("MainWindow", "工作纪实")),
    ("ui.problems.page", QT_TRANSLATE_NOOP("MainWindow", "问题清单")),
    ("ui.develop.page", QT_TRANSLATE_NOOP("MainWindow", "发展党员")),
    ("ui.points.page", QT_TRANSLATE_NOOP("MainWindow", "积分管理")),
    ("ui.dues.page", QT_TRANSLATE_NOOP("MainWindow", "党费收缴")),
    ("ui.certs.page", QT_TRANSLATE_NOOP("MainWindow", "证书管理")),
    ("ui.audit.page", QT_TRANSLATE_NOOP("MainWindow", "操作日志")),
]
