"""Points printing: the notice sheet (积分公示) and one card per person (一人一卡), as PDF
(bundled fonts, embedded) or Excel.

- sheet.py   PointsSheet and gather(session, scheme, org, period): what is printed
- style.py   styles and page furniture shared by the PDFs
- notice.py  notice_pdf;  cards.py  cards_pdf;  xlsx.py  notice_xlsx, cards_xlsx
"""

from __future__ import annotations

from pathlib import Path

from partydesk.errors import ValidationError
from partydesk.reports.points.cards import cards_pdf
from partydesk.reports.points.notice import notice_pdf
from partydesk.reports.points.sheet import ItemInfo, PointsSheet, card_title, gather, title_of
from partydesk.reports.points.types import Progress
from partydesk.reports.points.xlsx import cards_xlsx, notice_xlsx


def write(
    kind: str,
    sheet: PointsSheet,
    out: str | Path,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write `kind` ("notice" or "cards") to `out`: Excel when it ends in .xlsx, else PDF."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".xlsx":
            return (notice_xlsx if kind == "notice" else cards_xlsx)(sheet, out)
        fn = notice_pdf if kind == "notice" else cards_pdf
        return fn(sheet, out, invariant=invariant, progress=progress)
    except PermissionError as e:
        raise ValidationError(f"无法写入文件：{out}（文件可能正在被其他程序打开）。") from e
    except OSError as e:
        raise ValidationError(f"无法写入文件：{out}（{e.strerror}）。") from e


__all__ = [
    "ItemInfo",
    "PointsSheet",
    "card_title",
    "cards_pdf",
    "cards_xlsx",
    "gather",
    "notice_pdf",
    "notice_xlsx",
    "title_of",
    "write",
]
