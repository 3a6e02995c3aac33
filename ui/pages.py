"""The pages of the navigation pane, in order. Each module has
`create_page(ctx: ui.context.AppContext) -> QWidget | None` (None: not available yet).

A page may define `refresh()` (reload after the ledger changed) and `title`."""

PAGES = [
    ("ui.pages.dashboard", "工作台"),
    ("ui.pages.units", "两新组织"),
    ("ui.pages.orgs", "党组织"),
    ("ui.pages.people", "党员与发展"),
    ("ui.pages.instructors", "党建指导员"),
    ("ui.pages.records", "工作纪实"),
    ("ui.pages.points", "积分管理"),
    ("ui.pages.certs", "证书管理"),
    ("ui.pages.audit", "操作日志"),
]
