"""Certificates in the shared preview window (ui.printing)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from partydesk.certs import registry


def preview(page, serials: list[str], default_name: str):
    """The certificates `serials` in the preview window; they count as printed once
    printed or saved from there, not when only looked at."""
    from ui.printing import PrintJob, open_preview

    ledger = page.ctx.ledger

    def write(target, progress, cancelled):
        from partydesk.reports.certificate import print_certificates

        with ledger.session() as s:
            certs = [registry.get(s, x) for x in serials]

            def step(done, total):
                text = QCoreApplication.translate("CertsPage", "正在生成证书 %1/%2…")
                progress(done / total, text.replace("%1", str(done)).replace("%2", str(total)))
                return cancelled()

            return print_certificates(s, certs, target, progress=step, mark=False) or None

    def printed():
        with ledger.session() as s:
            registry.mark_printed(s, serials)
        page.reload()

    title = QCoreApplication.translate("CertsPage", "证书（%1张）").replace("%1", str(len(serials)))
    return open_preview(page.window(), PrintJob(title, default_name, write, printed))
