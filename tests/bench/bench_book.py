"""Benchmark `book`: the work-record book (partydesk.reports.book) against a floor.

Two books, in one run: a 50-member branch with 60 records, and a ~200-page book (the same
branch with five years' worth of records in one year). *Ours* is the whole `write_book` from the ledger:
queries, layout, contents, "第 N 页 共 M 页", PDF. The *floor* is a plain platypus script
(SimpleDocTemplate, one pass, no contents or page count) that lays out the same text —
headings, roster, every record's fields and sign-in names (rows 0.9 cm high, to sign in), in tables (short text as plain
strings, longer text as CJK-wrapped Paragraphs) — with the same bundled fonts, starting
from data already in memory.
Goal: ours ≤ 1.3 × floor."""

from __future__ import annotations

import io
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from common import best_of, summary  # noqa: E402

GOAL = 1.3


def make_ledger(folder: Path, repeats: int):
    from partydesk.demo.work import bulk_write, org_records
    from partydesk.ledger import open_ledger
    from partydesk.records import service as svc
    from tests.records.factory import make_branch

    lg = open_ledger(folder / f"bench{repeats}.partydesk", create=True)
    with lg.session() as s:
        oid = make_branch(s, members=50, year=2026, records=False)
        members = [(p.id, p.name) for p in svc.members_of(s, oid)]
        rng = random.Random(repeats)
        for _ in range(repeats):
            recs, atts, apps = org_records(
                rng,
                oid,
                2026,
                12,
                members,
                secretary=members[0][1],
                has_committee=True,
                has_groups=True,
            )
            bulk_write(s, recs, atts, apps, rng)
        all_recs = svc.list_records(s, oid, 2026)
        if repeats == 1:  # exactly 60 records
            k = 0
            while len(all_recs) < 60:
                svc.create_record(
                    s,
                    "talk",
                    org_id=oid,
                    host=members[0][1],
                    held_at=all_recs[k].held_at,
                    content="谈心谈话，了解思想动态。",
                    attendance=[{"person_id": members[k + 1][0]}],
                )
                all_recs.append(None)
                k += 1
            for r in svc.list_records(s, oid, 2026)[60:]:
                svc.delete_record(s, r.id)
    return lg, oid


def floor_pdf(data) -> int:
    """Plain platypus: the same text, same fonts, no contents, no page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    from partydesk.reports.fonts import HEI, SONG, register_fonts

    register_fonts()
    body = ParagraphStyle("b", fontName=SONG, fontSize=10, leading=14, wordWrap="CJK")
    head = ParagraphStyle("h", fontName=HEI, fontSize=12.5, leading=17, wordWrap="CJK")
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SONG),
            ("FONTSIZE", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ]
    )
    w = A4[0] - 4 * cm

    def cell(c):
        # what a plain script does: short text as a string, anything longer wraps
        t = str(c)
        return t if len(t) <= 12 and "\n" not in t else Paragraph(t, body)

    def table(rows, widths, row_h=None):
        return Table(
            [[cell(c) for c in r] for r in rows],
            colWidths=[w * x / sum(widths) for x in widths],
            style=grid,
            repeatRows=1,
            splitInRow=1,
            rowHeights=None if row_h is None else [None] + [row_h] * (len(rows) - 1),
        )

    story = [
        Paragraph(data.org_name, head),
        PageBreak(),
        Paragraph("基本情况", head),
        table(data.facts, [1, 3]),
        PageBreak(),
        Paragraph("党员名册", head),
        table(
            [
                [
                    "序号",
                    "姓名",
                    "性别",
                    "出生年月",
                    "民族",
                    "学历",
                    "入党时间",
                    "转正时间",
                    "类别",
                    "工作岗位",
                ]
            ]
            + [[i, *m] for i, m in enumerate(data.members, 1)],
            [0.9, 1.5, 0.8, 1.5, 1.0, 2.2, 1.5, 1.5, 1.5, 2.4],
        ),
    ]
    for r in data.records:
        story.append(Paragraph(f"{r.label} 第{r.seq}次", head))
        rows = [
            ["时间", str(r.held_at), "地点", r.place],
            ["主持人", r.host, "记录人", r.recorder],
            ["缺席人员", "、".join(n for n, _ in r.absent), "", ""],
            ["议题", r.topics, "", ""],
            ["会议内容", r.content, "", ""],
            ["决议事项", r.resolutions, "", ""],
            ["表决结果", r.votes, "", ""],
        ]
        story.append(table(rows, [1, 2, 1, 2]))
        # rows tall enough to sign in, 签名 left blank for who came (as a sheet must be)
        names = [[i, n, ""] for i, n in enumerate(r.present, 1)]
        names += [[i, n, f"缺席（{why}）"] for i, (n, why) in enumerate(r.absent, len(names) + 1)]
        half = -(-len(names) // 2)
        rows = [["序号", "姓名", "签名"] * 2] + [
            names[i] + (names[half + i] if half + i < len(names) else ["", "", ""])
            for i in range(half)
        ]
        if names:
            story.append(table(rows, [0.9, 2.2, 2.6] * 2, row_h=0.9 * cm))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2.2 * cm,
        bottomMargin=2 * cm,
        initialFontName=SONG,
    )
    doc.build(story)
    return doc.page


def measure(lg, oid):
    from partydesk.reports.book import load_book, write_book

    pages = {}

    def ours():
        with lg.Session() as s:
            pages["ours"] = write_book(s, oid, 2026, io.BytesIO())

    with lg.Session() as s:
        data = load_book(s, oid, 2026)

    def floor():
        pages["floor"] = floor_pdf(data)

    ours()
    floor()  # warm-up: fonts, imports
    t_ours, t_floor = [], []
    for _ in range(3):  # alternate, so machine noise hits both alike
        t_ours.append(best_of(ours, 1))
        t_floor.append(best_of(floor, 1))
    return min(t_ours), min(t_floor), pages, len(data.records)


def main() -> str:
    with tempfile.TemporaryDirectory() as d:
        lg, oid = make_ledger(Path(d), 1)
        o1, f1, p1, n1 = measure(lg, oid)
        lg.close()
        lg, oid = make_ledger(Path(d), 5)
        o2, f2, p2, n2 = measure(lg, oid)
        lg.close()
    r1, r2 = o1 / f1, o2 / f2
    worst = (o1, f1) if r1 >= r2 else (o2, f2)
    return summary(
        "book",
        worst[0],
        worst[1],
        GOAL,
        small=f"{n1}rec/{p1['ours']}p:ours={o1:.2f}s,floor={f1:.2f}s,ratio={r1:.2f}",
        big=f"{n2}rec/{p2['ours']}p:ours={o2:.2f}s,floor={f2:.2f}s,ratio={r2:.2f}",
    )


if __name__ == "__main__":
    print(main())
