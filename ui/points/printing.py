"""积分公示 and 积分卡 in the shared preview window (ui.printing)."""

from __future__ import annotations

from partydesk.errors import PartyDeskError


def preview(page, kind: str, period, what: str):
    """This period's (or year's) `kind` ("notice" or "cards") of the page's organization."""
    from partydesk.reports import points as report
    from ui.errors import show_error
    from ui.printing import PrintJob, open_preview

    try:
        with page.ctx.ledger.session() as s:
            scheme, org = page._context(s)
            sheet = report.gather(s, scheme, org, period)
    except PartyDeskError as e:
        show_error(page, e)
        return None
    title = f"{page.org_box.currentText()}{period.label}{what}"

    def write(target, progress, cancelled):
        report.write(kind, sheet, target, progress=progress)
        return -1  # the window counts the pages itself

    return open_preview(page.window(), PrintJob(title, title + ".pdf", write))
