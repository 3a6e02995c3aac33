"""Certificates in the shared preview window (ui.printing): the selected ones (Ctrl+P,
重印选中) and whatever the 打印 dialog chose (the year's, 新开, since a day, a batch, or a
样稿 of any of them) are written in the worker, previewed, then printed or saved there."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from partydesk.certs import registry


def preview(page, serials: list[str], default_name: str, draft: bool = False):
    """The certificates `serials` in the preview window; they count as printed once
    printed or saved from there, not when only looked at — and a 样稿 never does."""
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

            n = print_certificates(s, certs, target, progress=step, mark=False, draft=draft)
            return n or None

    def printed():
        if draft:
            page.ctx.status(
                QCoreApplication.translate(
                    "CertsPage", "已输出样稿 %1 张（不计入打印次数）"
                ).replace("%1", str(len(serials)))
            )
            return
        with ledger.session() as s:
            registry.mark_printed(s, serials)
        page.reload()
        page.ctx.status(
            QCoreApplication.translate("CertsPage", "已打印证书 %1 张").replace(
                "%1", str(len(serials))
            )
        )

    if draft:
        title = QCoreApplication.translate("CertsPage", "证书样稿（%1张）").replace(
            "%1", str(len(serials))
        )
    else:
        title = QCoreApplication.translate("CertsPage", "证书（%1张）").replace(
            "%1", str(len(serials))
        )
    return open_preview(page.window(), PrintJob(title, default_name, write, printed))
