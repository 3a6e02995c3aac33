"""The pages of the navigation pane, in order: (module, title). Each module is a feature
package's `page` and has `create_page(ctx: ui.context.AppContext) -> QWidget | None`
(None: not available yet); the module name is the page's key in `ctx.pages`.

A page may define `refresh()` (reload after the ledger changed) and `title`."""

PAGES = [
    ("ui.dashboard.page", "工作台"),
    ("ui.units.page", "两新组织"),
    ("ui.orgs.page", "党组织"),
    ("ui.people.page", "党员与发展"),
    ("ui.instructors.page", "党建指导员"),
    ("ui.records.page", "工作纪实"),
    ("ui.points.page", "积分管理"),
    ("ui.certs.page", "证书管理"),
    ("ui.audit.page", "操作日志"),
]
