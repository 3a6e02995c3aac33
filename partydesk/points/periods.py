"""Periods of points schemes: a month ("2025-07"), a quarter ("2025Q3") or a year ("2025")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from partydesk.errors import ValidationError

KINDS = ("month", "quarter", "year")
KIND_LABELS = {"month": "月度", "quarter": "季度", "year": "年度"}
_RANK = {"month": 0, "quarter": 1, "year": 2}


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period; `index` is the month (1–12), quarter (1–4) or 1 for a year."""

    year: int
    kind: str
    index: int = 1

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        return f"{self.year}"

    @property
    def label(self) -> str:
        """Chinese label, e.g. 2025年7月, 2025年第三季度, 2025年度."""
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.index - 1]}季度"
        return f"{self.year}年度"

    @property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.index, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.index - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        return self.next().start - timedelta(days=1)

    def next(self) -> Period:
        n = {"month": 12, "quarter": 4, "year": 1}[self.kind]
        if self.index < n:
            return Period(self.year, self.kind, self.index + 1)
        return Period(self.year + 1, self.kind, 1)

    def prev(self) -> Period:
        n = {"month": 12, "quarter": 4, "year": 1}[self.kind]
        if self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        return Period(self.year - 1, self.kind, n)

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def subperiods(self, kind: str) -> list[Period]:
        """The periods of `kind` making up this one (kind must be as fine or finer)."""
        if _RANK[kind] > _RANK[self.kind]:
            raise ValidationError(
                f"{self.label}比{KIND_LABELS[kind]}短，不能按{KIND_LABELS[kind]}汇总。"
            )
        out, p = [], of(self.start, kind)
        while p.start <= self.end:
            out.append(p)
            p = p.next()
        return out

    def clamp(self, d: date) -> date:
        return min(max(d, self.start), self.end)

    def __str__(self) -> str:
        return self.key


_MONTH = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
_QUARTER = re.compile(r"^(\d{4})\s*(?:[Qq]|年?第?)\s*([1-4一二三四])\s*(?:季度?)?$")
_YEAR = re.compile(r"^(\d{4})\s*(?:年度?)?$")


def parse(text: str) -> Period:
    """A period from "2025-07" (also 2025.7, 2025年7月), "2025Q3" (2025年第三季度) or "2025"."""
    t = str(text).strip().replace("\u3000", "").replace("－", "-").replace("Ｑ", "Q")
    if m := _YEAR.match(t):
        return Period(int(m.group(1)), "year")
    if m := _MONTH.match(t):
        month = int(m.group(2))
        if 1 <= month <= 12:
            return Period(int(m.group(1)), "month", month)
    if m := _QUARTER.match(t):
        q = m.group(2)
        q = "一二三四".index(q) + 1 if q in "一二三四" else int(q)
        return Period(int(m.group(1)), "quarter", q)
    raise ValidationError(
        f"无法识别的期间“{text}”。请写成月份 2025-07、季度 2025Q3 或年度 2025。", "period"
    )


def of(d: date, kind: str) -> Period:
    """The period of `kind` that contains date `d`."""
    if kind == "month":
        return Period(d.year, "month", d.month)
    if kind == "quarter":
        return Period(d.year, "quarter", (d.month - 1) // 3 + 1)
    if kind == "year":
        return Period(d.year, "year")
    raise ValueError(kind)


def coarser_or_equal(kind: str, than: str) -> bool:
    return _RANK[kind] >= _RANK[than]
