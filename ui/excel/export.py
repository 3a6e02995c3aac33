"""Export with a save dialog, off the UI thread: the table as shown, a 上报报表, an import
template.

    export_table(ctx, "person", columns, ids=None, filter_text="张")   # 导出当前表格…
    export_report(ctx, "coverage")                       # 上报报表
    save_template(ctx, "person")                         # 导入模板
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from partydesk import excel
from partydesk.ledger import fields
from ui.excel.files import save_path
from ui.tasks import run_task


def run_export(ctx, label: str, fn, path: str, on_done=None):
    parent = getattr(ctx, "window", None)

    def done(n):
        if hasattr(ctx, "status"):
            ctx.status(
                QCoreApplication.translate("Export", "已导出%1行：%2")
                .replace("%1", str(n))
                .replace("%2", path)
            )
        if on_done:
            on_done(n)

    def failed(exc):
        if isinstance(exc, excel.Cancelled):
            if hasattr(ctx, "status"):
                ctx.status(QCoreApplication.translate("Export", "已取消导出。"))
            return
        from ui.errors import show_error

        show_error(parent, exc)

    return run_task(parent, label, fn, done, failed)


def export_table(
    ctx,
    entity: str,
    columns=None,
    ids=None,
    filter_text: str | None = None,
    path: str | None = None,
    on_done=None,
):
    """Export the table as shown: `columns` (field names or labels, in order), and either
    the `ids` shown or the `filter_text` typed. Asks where to save unless `path` is given."""
    entity = excel.entity_key(entity) if entity not in fields.ENTITIES else entity
    label = fields.entity(entity).label
    path = save_path(
        getattr(ctx, "window", None),
        QCoreApplication.translate("Export", "导出%1").replace("%1", label),
        f"{label}.xlsx",
        path,
    )
    if not path:
        return None
    ledger = ctx.ledger
    return run_export(
        ctx,
        QCoreApplication.translate("Export", "正在导出%1…").replace("%1", label),
        lambda task: excel.export_table(
            ledger,
            entity,
            path,
            columns=columns,
            ids=ids,
            filter_text=filter_text,
            progress=task.progress,
            cancelled=lambda: task.cancelled,
        ),
        path,
        on_done,
    )


def export_report(ctx, name: str, path: str | None = None, on_done=None):
    """Write an upward report (coverage, members, orgs)."""
    title = excel.REPORTS[name]
    path = save_path(getattr(ctx, "window", None), title, f"{title}.xlsx", path)
    if not path:
        return None
    ledger = ctx.ledger
    return run_export(
        ctx,
        QCoreApplication.translate("Export", "正在生成%1…").replace("%1", title),
        lambda task: excel.write_report(
            ledger, name, path, progress=task.progress, cancelled=lambda: task.cancelled
        ),
        path,
        on_done,
    )


def save_template(ctx, entity: str, path: str | None = None) -> str | None:
    entity = excel.entity_key(entity) if entity not in fields.ENTITIES else entity
    label = fields.entity(entity).label
    path = save_path(
        getattr(ctx, "window", None),
        QCoreApplication.translate("Export", "保存导入模板"),
        QCoreApplication.translate("Export", "%1导入模板.xlsx").replace("%1", label),
        path,
    )
    if path:
        excel.write_template(entity, path)
        if hasattr(ctx, "status"):
            ctx.status(
                QCoreApplication.translate("Export", "导入模板已保存：%1").replace("%1", path)
            )
    return path
