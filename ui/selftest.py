"""`partydesk --self-test`: the smoke test of an installed or frozen build.

Starts the GUI offscreen, opens a temporary ledger (creating it runs every migration),
shows the main window, writes one small PDF with the bundled fonts and one .xlsx, checks
both, and exits 0 — or prints what failed and exits 1. Touches nothing of the user's."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication

# The fonts PDFs must carry: the bundled TrueType faces, embedded (FontFile2).
EXPECTED_FONTS = ("UMingCN", "WenQuanYiMicroHei")


def pdf_font_report(data: bytes) -> tuple[set[str], int, int]:
    """(base font names, number of font descriptors, number of embedded font files) of a
    ReportLab PDF (whose font objects are not compressed)."""
    names = {
        m.decode("latin-1").split("+")[-1] for m in re.findall(rb"/BaseFont\s*/([^\s/>]+)", data)
    }
    descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", data))
    embedded = len(re.findall(rb"/FontFile2\s", data))
    return names, descriptors, embedded


def _write_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from partydesk.reports.fonts import HEI, SONG, register_fonts

    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, initialFontName=SONG, invariant=1)
    c.setFont(HEI, 18)
    # Sample text: the bundled fonts must draw (and embed) Chinese.
    c.drawString(72, 760, "PartyDesk 自检 党建台账")  # i18n: data
    c.setFont(SONG, 12)
    c.drawString(72, 730, "中共示例公司支部委员会 第 1 页 共 1 页")  # i18n: data
    c.save()


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    wb = Workbook(write_only=True)
    # Sample content: Chinese must survive a write and a read back.
    ws = wb.create_sheet("自检")  # i18n: data
    ws.append(["姓名", "公民身份证号"])  # i18n: data
    ws.append(["张伟", "11010519491231002X"])  # i18n: data
    wb.save(path)
    back = load_workbook(path, read_only=True)
    rows = list(back["自检"].iter_rows(values_only=True))  # i18n: data
    back.close()
    if rows[1] != ("张伟", "11010519491231002X"):  # i18n: data
        raise RuntimeError(
            QCoreApplication.translate("SelfTest", "Excel 读回内容不符：%1").replace(
                "%1", str(rows)
            )
        )


def _every_report(tmpdir: Path) -> str:
    """A small demo ledger, then every printed and Excel output through the command line:
    a frozen build lacking a module some report imports lazily fails here, not at a clerk's."""
    from datetime import date

    from sqlalchemy import func, select

    from partydesk.cli import main as cli
    from partydesk.demo import build_demo
    from partydesk.ledger import open_ledger
    from partydesk.ledger.models.work import WorkRecord

    demo = tmpdir / "demo.partydesk"
    today = date(2026, 11, 22)
    build_demo(demo, units=12, members=150, seed=3, today=today)
    with open_ledger(demo) as lg, lg.Session() as s:
        org = s.execute(
            select(WorkRecord.org_id)
            .where(WorkRecord.org_id.is_not(None))
            .group_by(WorkRecord.org_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    outputs = {
        "book.pdf": ["print", "book", "--org", str(org), "--year", "2026"],
        "certs.pdf": ["print", "certificates", "--year", "2026"],
        "notice.pdf": ["print", "notice", "--org", str(org), "--period", "2026"],
        "cards.pdf": ["print", "cards", "--org", str(org), "--period", "2026"],
        "coverage.xlsx": ["report", "coverage"],
        "stars.xlsx": ["report", "stars", "--year", "2026"],
        "people.xlsx": ["export", "people"],
    }
    for name, args in outputs.items():
        out = tmpdir / name
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            rc = cli([*args, "--ledger", str(demo), "-o", str(out)])
        if rc != 0 or not out.exists() or out.stat().st_size == 0:
            raise RuntimeError(
                QCoreApplication.translate("SelfTest", "partydesk %1 失败（退出码 %2）")
                .replace("%1", " ".join(args))
                .replace("%2", str(rc))
            )
    return f"reports ok ({', '.join(outputs)})"


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    steps: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="partydesk-selftest-") as tmp:
            tmpdir = Path(tmp)
            # Keep QSettings away from the user's own.
            os.environ["XDG_CONFIG_HOME"] = str(tmpdir / "config")
            from PySide6.QtCore import QSettings

            QSettings.setDefaultFormat(QSettings.IniFormat)
            QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmpdir / "config"))

            from partydesk.ledger import open_ledger
            from partydesk.ledger.migrate import current_revision, head_revision
            from ui.app import make_app

            app = make_app()
            ledger = open_ledger(tmpdir / "selftest.partydesk", create=True)
            rev = current_revision(ledger.engine)
            if rev != head_revision():
                raise RuntimeError(
                    QCoreApplication.translate("SelfTest", "账本版本 %1 不是最新 %2")
                    .replace("%1", rev)
                    .replace("%2", head_revision())
                )
            steps.append(f"ledger ok (revision {rev})")

            from ui.main_window import MainWindow

            win = MainWindow(ledger)
            win.show()
            for _ in range(5):
                app.processEvents()
            shot = tmpdir / "window.png"
            if not win.grab().save(str(shot)) or shot.stat().st_size == 0:
                raise RuntimeError(QCoreApplication.translate("SelfTest", "窗口截图失败"))
            family = QCoreApplication.instance().font().family()
            steps.append(f"window ok ({win.nav.count()} pages, font {family})")
            win.close()

            pdf = tmpdir / "selftest.pdf"
            _write_pdf(pdf)
            names, descriptors, embedded = pdf_font_report(pdf.read_bytes())
            missing = [f for f in EXPECTED_FONTS if not any(n.startswith(f) for n in names)]
            if missing or embedded != descriptors or descriptors == 0:
                raise RuntimeError(
                    QCoreApplication.translate("SelfTest", "PDF 字体不对：%1，嵌入 %2/%3，缺少 %4")
                    .replace("%1", str(sorted(names)))
                    .replace("%2", str(embedded))
                    .replace("%3", str(descriptors))
                    .replace("%4", str(missing))
                )
            steps.append(f"pdf ok (fonts {', '.join(sorted(names))}; {embedded} embedded)")

            xlsx = tmpdir / "selftest.xlsx"
            _write_xlsx(xlsx)
            steps.append("xlsx ok")
            ledger.close()
            steps.append(_every_report(tmpdir))
    except Exception:  # noqa: BLE001 - a smoke test reports every failure
        for s in steps:
            print(f"  {s}")
        print("SELF-TEST FAILED", file=sys.stderr)
        traceback.print_exc()
        return 1
    for s in steps:
        print(f"  {s}")
    print(f"SELF-TEST OK in {time.perf_counter() - started:.1f}s")
    return 0
