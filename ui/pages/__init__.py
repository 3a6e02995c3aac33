"""The pages of the navigation pane, in order. Each module has
`create_page(ctx: ui.context.AppContext) -> QWidget | None` (None: not available yet).

A page may define `refresh()` (reload after the ledger changed) and `title`."""

PAGES = [
    ("ui.pages.dashboard", "工作台"),  # issue 10
    ("ui.pages.units", "两新组织"),  # issue 3
    ("ui.pages.orgs", "党组织"),  # issue 3
    ("ui.pages.people", "党员与发展"),  # issue 3
    ("ui.pages.instructors", "党建指导员"),  # issue 6
    ("ui.pages.records", "工作纪实"),  # issue 4
    ("ui.pages.points", "积分管理"),  # issue 5
    ("ui.pages.certs", "证书管理"),  # issue 6
    ("ui.pages.audit", "操作日志"),  # issue 8
]
