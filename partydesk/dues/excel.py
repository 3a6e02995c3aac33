"""Dues in Excel: the 党费收缴明细表 / the year's grid of one organization, the township's
党费收缴情况汇总表 (both through the shared writer), and the import of bases (工资基数)
matched by 身份证号, else by name and 所在党支部."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.dues import bases, config, figures, schedule
from partydesk.dues import months as mo
from partydesk.errors import ValidationError
from partydesk.excel.reading import norm_cell_text, read_sheet
from partydesk.excel.writing import write_table
from partydesk.ledger.enums import MEMBER_CATEGORIES, Category
from partydesk.ledger.models import Organization, Person
from partydesk.rules import idcard


def _y(fen: int | None) -> float | None:
    return None if fen is None else round(fen / 100, 2)


def write_detail(sheet, path: str | Path) -> Path:
    """党费收缴明细表 (a `reports.dues.DuesSheet`): one row per member, paid per month."""
    g = sheet.grid
    headers = ["序号", "姓名", "人员类别", "党费类别", "工资基数", "比例", "每月应交"]
    headers += [f"{k % 100}月实交" for k in g.months]
    headers += ["应交合计", "实交合计", "欠交金额", "未交月份"]
    rows = []
    for i, r in enumerate(g.rows, start=1):
        cat = Category.label_of(r.category) if r.status == "active" else "已转出"
        rows.append(
            (
                i,
                r.name,
                cat,
                sheet.kind_text(r),
                _y(r.base_fen),
                sheet.rate_text(r),
                _y(r.due_fen),
                *(_y(r.cells[k].paid) if k in r.cells else None for k in g.months),
                _y(r.total_due()),
                _y(r.total_paid()),
                _y(sheet.short(r)),
                "、".join(f"{k % 100}月" for k in sheet.late_months(r)),
            )
        )
    footer = [
        (
            "合计",
            f"{len(g.rows)}人",
            None,
            None,
            None,
            None,
            None,
            *(_y(g.month_paid(k)) for k in g.months),
            _y(sheet.total_due),
            _y(sheet.total_paid),
            _y(sum(sheet.short(r) for r in g.rows)),
            None,
        )
    ]
    p = Path(path)
    write_table(
        p,
        headers,
        rows,
        sheet_title=f"{sheet.year}年党费",
        title=f"{sheet.org_name}{sheet.title}",
        subtitle=f"金额单位：元；欠交统计截至{mo.label(sheet.through)}",
        footer=footer,
    )
    return p if p.suffix.lower() == ".xlsx" else p.with_suffix(p.suffix + ".xlsx")


def write_grid(session: Session, grid: schedule.Grid, org_name: str, path: str | Path) -> Path:
    """The year's grid as it stands (the 明细表 layout, so it prints and re-reads alike)."""
    from datetime import date

    from partydesk.reports.dues import DuesSheet

    through = figures.default_through(grid.year, date.today())
    sheet = DuesSheet(org_name, grid.year, through, grid, config.get(session), date.today())
    return write_detail(sheet, path)


def write_summary(sm: figures.Summary, path: str | Path) -> Path:
    headers = [
        "序号",
        "党组织",
        "党员人数",
        "应交金额",
        "实交金额",
        "收缴率",
        "欠交人数",
        "欠交金额",
        "未核定基数人数",
    ]

    def line(i, b: figures.BranchFigures):
        rate = None if b.rate is None else round(b.rate * 100, 1)
        return (
            i,
            b.name,
            b.members,
            _y(b.due),
            _y(b.paid),
            rate,
            b.in_arrears,
            _y(b.short),
            b.unpriced,
        )

    rows = [line(i, b) for i, b in enumerate(sm.branches, start=1)]
    t = sm.total
    p = Path(path)
    write_table(
        p,
        headers,
        rows,
        sheet_title=f"{sm.year}年党费汇总",
        title=f"{sm.year}年党费收缴情况汇总表",
        subtitle=f"统计截至{mo.label(sm.through)}；金额单位：元；收缴率为按月足额收缴的百分比",
        footer=[line("合计", t)[:1] + (f"{len(sm.branches)}个党组织",) + line(0, t)[2:]],
    )
    return p if p.suffix.lower() == ".xlsx" else p.with_suffix(p.suffix + ".xlsx")


# --- import of bases -------------------------------------------------------------------

HEADERS = {
    "name": ("姓名",),
    "id_number": ("公民身份证号", "身份证号", "身份证号码", "证件号码"),
    "org": ("所在党支部", "所在党组织", "党组织", "党支部", "支部"),
    "base": ("工资基数", "税后工资", "月工资", "缴费基数", "党费基数", "工资收入", "基数"),
    "kind": ("党费类别", "类别", "计缴类别"),
    "start": ("起用月份", "起始月份", "执行月份", "月份"),
    "note": ("备注",),
}


def _field(h: str) -> str | None:
    h = h.replace("（元）", "").replace("(元)", "").replace("（元/月）", "")
    for f, names in HEADERS.items():
        if h in names:
            return f
    return None


def _score(headers: list[str]) -> int:
    return sum(1 for h in headers if _field(h))


@dataclass
class BaseRow:
    row: int
    person_id: int
    name: str
    kind: str
    base_fen: int | None
    start: int
    note: str | None = None


@dataclass
class BasesPlan:
    path: Path
    start: int
    total: int = 0
    accepted: list[BaseRow] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def plan_bases(ledger, path: str | Path, start: int, *, sheet: str | None = None) -> BasesPlan:
    """Read and check a sheet of bases; nothing is written."""
    sh = read_sheet(path, sheet, _score)
    cols = {}
    for i, h in enumerate(sh.headers):
        f = _field(h)
        if f and f not in cols:
            cols[f] = i
    if "base" not in cols and "kind" not in cols:
        raise ValidationError("表格中没有“工资基数”列（也可写作 税后工资、月工资、缴费基数）。")
    if "id_number" not in cols and "name" not in cols:
        raise ValidationError("表格中没有“公民身份证号”或“姓名”列，无法对应到党员。")
    plan = BasesPlan(Path(path), start)
    with ledger.session() as s:
        orgs = {o.name: o.id for o in s.scalars(select(Organization))}
        for n, cells in sh.rows:
            plan.total += 1

            def get(f, cells=cells):
                return cells[cols[f]] if f in cols and cols[f] < len(cells) else None

            try:
                person = _match(s, get("id_number"), get("name"), get("org"), orgs)
                if person.category not in MEMBER_CATEGORIES:
                    raise ValidationError(
                        f"{person.name}是{Category.label_of(person.category)}，不交纳党费"
                    )
                kind = config.kind_from_text(norm_cell_text(get("kind")) or None)
                raw = get("base")
                base = None if raw in (None, "") else config.to_fen(raw, "工资基数")
                if kind != "minimum" and base is None:
                    raise ValidationError("工资基数为空")
                if base is not None and base < 0:
                    raise ValidationError("工资基数不能为负数")
                k = mo.parse(get("start")) if get("start") not in (None, "") else start
                cur = bases.base_in(s, person.id, k)
                if cur is not None and cur.kind == kind and cur.base_fen == base:
                    plan.unchanged += 1
                    continue
                note = norm_cell_text(get("note")) or None
                plan.accepted.append(BaseRow(n, person.id, person.name, kind, base, k, note))
            except ValidationError as e:
                plan.errors.append(f"第{n}行：{str(e).rstrip('。')}。")
    return plan


def _match(s: Session, idn, name, org_text, orgs: dict[str, int]) -> Person:
    if idn not in (None, ""):
        if isinstance(idn, (int, float)):
            raise ValidationError(
                "身份证号被存成了数字（后几位已丢失），请把该列设为文本后重新填写"
            )
        number = idcard.normalize(str(idn))
        p = s.scalar(select(Person).where(Person.id_number == number))
        if p is not None:
            return p
        if not name:
            raise ValidationError(f"账本中没有身份证号为 {number} 的人员")
    name = norm_cell_text(name)
    if not name:
        raise ValidationError("姓名和身份证号都为空")
    q = select(Person).where(Person.name == name)
    org_name = norm_cell_text(org_text)
    if org_name:
        org_id = orgs.get(org_name)
        if org_id is None:
            hits = [i for n, i in orgs.items() if org_name in n]
            if len(hits) != 1:
                raise ValidationError(
                    f"找不到党组织“{org_name}”"
                    if not hits
                    else f"“{org_name}”对应多个党组织，请写全称"
                )
            org_id = hits[0]
        q = q.where(Person.org_id == org_id)
    found = list(s.scalars(q.limit(3)))
    if not found:
        raise ValidationError(f"账本中没有{'该党组织的' if org_name else ''}党员“{name}”")
    if len(found) > 1:
        raise ValidationError(f"有多个人叫“{name}”，请填写身份证号或所在党支部")
    return found[0]


def apply_bases(ledger, plan: BasesPlan) -> int:
    """Write the plan's bases in one transaction (a backup first, one 操作日志 entry)."""
    from partydesk import audit
    from partydesk.backup import backup_before

    if not plan.accepted:
        return 0
    backup_before(ledger, "import")
    with ledger.session() as s:
        for r in plan.accepted:
            bases.set_base(
                s, s.get(Person, r.person_id), r.start, r.base_fen, kind=r.kind, note=r.note
            )
        audit.log(
            s,
            "import",
            "dues_base",
            label=f"从“{plan.path.name}”导入工资基数：{len(plan.accepted)}人",
        )
    return len(plan.accepted)
