"""The star-rating summary (评星定级汇总表) as an Excel sheet. `write_stars_sheet` fills any
openpyxl worksheet, so the Excel export can add the same sheet to its workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import LedgerError, ValidationError
from partydesk.ledger.enums import Formation, OrgType
from partydesk.ledger.models import Organization
from partydesk.ledger.models.standing import (
    ChecklistMark,
    DemoLevel,
    DemoSite,
    GuidanceLink,
    StarRating,
)
from partydesk.standing import config, orgs, rating


def star_rows(session: Session, year: int) -> tuple[list[str], list[list]]:
    """Header and rows of the summary for `year`, one row per rated organization, by
    stars (most first) then name."""
    cfg = config.get(session)
    areas = cfg["rubric"]
    vetoes = {v["code"]: v["label"] for v in cfg["vetoes"]}
    header = [
        "序号",
        "党组织",
        "类型",
        "组建方式",
        *[a["label"] for a in areas],
        "总分",
        "一票否决",
        "星级",
        *[s.label for s in rating.STEP_FIELDS],
        "示范点",
        f"{cfg['checklist']['name']}",
        "四个一",
    ]
    items = [it["code"] for it in cfg["checklist"]["items"]]
    done = {}
    for org_id, item in session.execute(
        select(ChecklistMark.org_id, ChecklistMark.item).where(ChecklistMark.done.is_(True))
    ):
        if item in items:
            done[org_id] = done.get(org_id, 0) + 1
    demo: dict[int, list[str]] = {}
    for org_id, level, y in session.execute(
        select(DemoSite.org_id, DemoSite.level, DemoSite.year).order_by(DemoSite.year)
    ):
        demo.setdefault(org_id, []).append(f"{y}{DemoLevel.label_of(level)}")
    links = {g.org_id: g for g in session.scalars(select(GuidanceLink))}
    q = (
        select(StarRating, Organization)
        .join(Organization, Organization.id == StarRating.org_id)
        .where(StarRating.year == year)
        .order_by(StarRating.stars.desc(), StarRating.total.desc(), Organization.name)
    )
    rows = []
    for n, (r, org) in enumerate(session.execute(q), 1):
        ev = rating.evaluate(cfg, _known(cfg, rating.rating_scores(r)), [])
        steps = [getattr(r, attr) for attr in rating.STEP_FIELDS.values()]
        rows.append(
            [
                n,
                org.name,
                OrgType.label_of(org.org_type),
                Formation.label_of(org.formation),
                *[ev.areas.get(a["code"], 0) for a in areas],
                r.total,
                "、".join(vetoes.get(v, v) for v in rating.rating_vetoes(r)),
                f"{r.stars}星" if r.stars else "未评星",
                *steps,
                "、".join(demo.get(org.id, [])),
                f"{done.get(org.id, 0)}/{len(items)}",
                "齐全"
                if orgs.guidance_complete(links.get(org.id))
                else ("部分" if org.id in links else "无"),
            ]
        )
    return header, rows


def _known(cfg: dict, scores: dict) -> dict:
    """Scores of indicators still in the rubric (a county may have edited it since)."""
    codes = {i["code"]: i["max"] for i in rating.indicators(cfg)}
    return {k: min(float(v), float(codes[k])) for k, v in scores.items() if k in codes}


def write_stars_sheet(
    ws, session: Session, year: int, progress: Callable[[float], None] | None = None
) -> int:
    header, rows = star_rows(session, year)
    ws.title = "评星定级汇总"
    ws.append([f"{year}年度党组织评星定级汇总表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(header)
    bold = Font(bold=True)
    for cell in ws[2]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(rows):
        ws.append(row)
        if progress and i % 500 == 0:
            progress(i / max(len(rows), 1))
    date_cols = [header.index(s.label) + 1 for s in rating.STEP_FIELDS]
    for col in date_cols:
        for (cell,) in ws.iter_rows(min_row=3, min_col=col, max_col=col):
            cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "C3"
    for idx, h in enumerate(header, 1):
        width = {"序号": 6, "党组织": 42, "一票否决": 24, "示范点": 18}.get(
            h, max(10, 2 * len(h) + 2)
        )
        ws.column_dimensions[get_column_letter(idx)].width = width
    return len(rows)


def export_stars(session: Session, year: int, path: str | Path) -> int:
    """Write the summary workbook; returns the number of organizations listed."""
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise ValidationError(f"输出文件应为 .xlsx：{p}")
    wb = Workbook()
    n = write_stars_sheet(wb.active, session, year)
    tmp = p.with_name(p.name + ".part")
    try:
        wb.save(tmp)
        tmp.replace(p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise LedgerError(
            f"无法写入文件：{p}（{e.strerror}）。请检查文件是否在Excel中打开、文件夹是否可写。"
        ) from e
    return n
