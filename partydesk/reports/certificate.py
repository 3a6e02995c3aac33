"""Certificates (聘书 / 证书) as PDF: A4 landscape, one per page, in the 聘书 form.

Drawn straight on a ReportLab canvas (no flowables): a certificate is a fixed design, and a
batch of hundreds must print quickly. Everything on the page comes from what was stored
when the certificate was issued, so a reprint is identical."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from partydesk.errors import ValidationError
from partydesk.reports.fonts import HEI, KAI, SONG, register_fonts

PAGE = landscape(A4)
W, H = PAGE
RED = Color(0.72, 0.09, 0.09)
GOLD = Color(0.72, 0.55, 0.20)
INK = Color(0.08, 0.08, 0.08)
GREY = Color(0.45, 0.45, 0.45)
GUIDE = Color(0.82, 0.82, 0.82)

BODY_LEFT = 118
BODY_RIGHT = W - 118
BODY_TOP = H - 225
BODY_BOTTOM = 200
SEAL_CX = W - 235
SEAL_CY = 140
SEAL_R = 21 * mm  # a 42 mm official seal
QR_X, QR_Y, QR_SIZE = 60, 54, 64

# A line may not begin with these (禁则): they stay at the end of the line before.
NO_LINE_START = set("，。、；：！？）》」』”’%…—·,.;:!?)")


@dataclass(frozen=True)
class CertificatePage:
    """What one page shows; built from a stored Certificate (see `from_certificate`)."""

    serial: str
    check: str
    title: str
    holder_name: str
    body: str
    closing: str
    issuer: str
    date_text: str  # 二〇二六年一月五日
    status: str = "valid"


def from_certificate(cert, check: str) -> CertificatePage:
    from partydesk.certs.registry import cn_formal_date

    return CertificatePage(
        serial=cert.serial,
        check=check,
        title=cert.title,
        holder_name=cert.holder_name,
        body=cert.body,
        closing=cert.closing or "",
        issuer=cert.issuer,
        date_text=cn_formal_date(cert.issued_on),
        status=cert.status,
    )


# ---------------------------------------------------------------- layout


def _segments(body: str, name: str, size: float) -> list[tuple[str, bool]]:
    """The body split so that the holder's name (first occurrence) can stand out."""
    i = body.find(name) if name else -1
    if i < 0:
        return [(body, False)]
    return [(body[:i], False), (name, True), (body[i + len(name) :], False)]


def _name_size(size: float) -> float:
    return size * 1.45


def layout(body: str, name: str, size: float, width: float, indent_chars: int = 2):
    """Lines of (x_offset, text, is_name) runs; Chinese line breaking char by char, keeping
    closing punctuation off the start of a line and the name on one line."""
    lines: list[list[tuple[float, str, bool]]] = []
    cur: list[tuple[float, str, bool]] = []
    x = indent_chars * size
    run, run_x = "", x

    def flush_run():
        nonlocal run
        if run:
            cur.append((run_x, run, False))
        run = ""

    for seg, is_name in _segments(body, name, size):
        if is_name:
            flush_run()
            nw = stringWidth(seg, KAI, _name_size(size)) + size * 0.6
            if x + nw > width and cur:
                lines.append(cur)
                cur, x = [], 0.0
            cur.append((x, seg, True))
            x += nw
            run_x = x
            continue
        for ch in seg:
            cw = stringWidth(ch, KAI, size)
            if x + cw > width and ch not in NO_LINE_START and (cur or run):
                flush_run()
                lines.append(cur)
                cur, x = [], 0.0
                run_x = 0.0
            if not run:
                run_x = x
            run += ch
            x += cw
    flush_run()
    if cur:
        lines.append(cur)
    return lines


def _fit(page: CertificatePage) -> tuple[float, list, list]:
    """The largest body size (22 pt down to 14) at which body and closing fit the box."""
    width = BODY_RIGHT - BODY_LEFT
    for size in (22, 21, 20, 19, 18, 17, 16, 15, 14):
        body = layout(page.body, page.holder_name, size, width)
        closing = layout(page.closing, "", size, width) if page.closing else []
        if (len(body) + len(closing)) * size * 2.1 <= BODY_TOP - BODY_BOTTOM:
            return size, body, closing
    return size, body, closing


# ---------------------------------------------------------------- drawing


def _border(c: rl_canvas.Canvas) -> None:
    c.saveState()
    c.setStrokeColor(RED)
    c.setLineWidth(3.2)
    c.rect(22, 22, W - 44, H - 44)
    c.setLineWidth(0.9)
    c.rect(29, 29, W - 58, H - 58)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.6)
    c.rect(38, 38, W - 76, H - 76)
    # corner ornaments: a small square knot in each corner between the frames
    c.setFillColor(RED)
    for x, y in ((38, 38), (W - 38, 38), (38, H - 38), (W - 38, H - 38)):
        c.rect(x - 6, y - 6, 12, 12, stroke=0, fill=1)
        c.setStrokeColor(GOLD)
        c.rect(x - 10, y - 10, 20, 20, stroke=1, fill=0)
    c.restoreState()


def _qr(c: rl_canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code, encoded by segno (about twice as fast as ReportLab's QrCodeWidget,
    which was three quarters of printing a batch) and drawn as one filled path."""
    modules = segno.make(text, error="m", micro=False, boost_error=False).matrix
    n = len(modules)
    box = size / n
    path = c.beginPath()
    for r, row in enumerate(modules):
        col = 0
        for dark, run in itertools.groupby(bool(v) for v in row):
            count = len(list(run))
            if dark:
                path.rect(x + col * box, y + size - (r + 1) * box, count * box, box * 1.02)
            col += count
    c.saveState()
    c.setFillColor(INK)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def draw_page(
    c: rl_canvas.Canvas,
    page: CertificatePage,
    *,
    seal: ImageReader | None = None,
    seal_guide: bool = True,
) -> None:
    from partydesk.certs.registry import qr_text

    _border(c)
    # title
    c.setFillColor(RED)
    c.setFont(KAI, 60)
    title = page.title.replace(" ", "").replace("\u3000", "")
    gap = 60 if len(title) <= 2 else 24  # 聘 书 spaced wide; longer titles tighter
    tw = stringWidth(title, KAI, 60) + gap * (len(title) - 1)
    c.drawString((W - tw) / 2, H - 150, title, charSpace=gap)
    # serial, top right
    c.setFillColor(INK)
    c.setFont(SONG, 11)
    c.drawRightString(W - 62, H - 66, f"编号：{page.serial}")
    # body
    size, body, closing = _fit(page)
    lead = size * 2.1
    y = BODY_TOP
    for line in body:
        for dx, text, is_name in line:
            if is_name:
                ns = _name_size(size)
                c.setFont(KAI, ns)
                nx = BODY_LEFT + dx + size * 0.3
                c.drawString(nx, y, text)
                c.setLineWidth(0.7)
                c.setStrokeColor(INK)
                c.line(BODY_LEFT + dx, y - 5, nx + stringWidth(text, KAI, ns) + size * 0.3, y - 5)
            else:
                c.setFont(KAI, size)
                c.drawString(BODY_LEFT + dx, y, text)
        y -= lead
    for line in closing:
        c.setFont(KAI, size)
        for dx, text, _ in line:
            c.drawString(BODY_LEFT + dx, y, text)
        y -= lead
    # issuing organ and date, the seal over them
    c.setFont(KAI, 20)
    c.drawCentredString(SEAL_CX, SEAL_CY + 12, page.issuer)
    c.drawCentredString(SEAL_CX, SEAL_CY - 22, page.date_text)
    if seal is not None:
        c.drawImage(
            seal,
            SEAL_CX - SEAL_R,
            SEAL_CY - SEAL_R + 2,
            2 * SEAL_R,
            2 * SEAL_R,
            mask="auto",
            preserveAspectRatio=True,
            anchor="c",
        )
    elif seal_guide:
        c.saveState()
        c.setStrokeColor(GUIDE)
        c.setLineWidth(0.6)
        c.setDash(3, 3)
        c.circle(SEAL_CX, SEAL_CY + 2, SEAL_R)
        c.restoreState()
    # QR code and check value, bottom left
    _qr(c, qr_text(page.serial, page.check), QR_X, QR_Y, QR_SIZE)
    c.setFillColor(GREY)
    c.setFont(SONG, 8)
    tx = QR_X + QR_SIZE + 8
    c.drawString(tx, QR_Y + 36, f"证书编号 {page.serial}")
    c.drawString(tx, QR_Y + 24, f"校验码 {page.check}")
    c.drawString(tx, QR_Y + 12, "可在 PartyDesk“证书管理—核验”中扫码或输入编号核验")
    if page.status != "valid":
        # a reprint of a revoked or replaced certificate must never pass for a valid one
        c.saveState()
        c.setFillColor(Color(0.85, 0.1, 0.1, alpha=0.35))
        mark = "作废" if page.status == "replaced" else "已撤销"
        c.setFont(HEI, 110)
        c.translate(W / 2, H / 2 + 20)
        c.rotate(20)
        c.drawCentredString(0, -40, mark)
        c.restoreState()
    c.setFillColor(INK)


def write_pdf(
    pages: Iterable[CertificatePage],
    path: str | Path,
    *,
    total: int | None = None,
    seal_image: str | Path | None = None,
    seal_guide: bool = True,
    invariant: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
    title: str = "证书",
) -> int:
    """Write one certificate per page to `path`; returns the page count. `progress(done,
    total)` may return True to cancel (the file is then not written)."""
    register_fonts()
    seal = _seal_reader(seal_image)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    c = rl_canvas.Canvas(
        str(tmp),
        pagesize=PAGE,
        invariant=1 if invariant else 0,
        initialFontName=SONG,
        initialFontSize=12,
    )
    c.setTitle(title)
    c.setAuthor("PartyDesk")
    c.setCreator("PartyDesk")
    n = 0
    try:
        for page in pages:
            c.setFont(SONG, 12)
            draw_page(c, page, seal=seal, seal_guide=seal_guide)
            c.showPage()
            n += 1
            if progress is not None and progress(n, total or n):
                tmp.unlink(missing_ok=True)
                return 0
        if n == 0:
            raise ValidationError("没有要打印的证书。")
        c.save()
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ValidationError(
            f"无法写入文件：{path}（{e.strerror or e}）。请检查文件是否被其他程序打开。"
        ) from e
    finally:
        if tmp.exists() and n == 0:
            tmp.unlink(missing_ok=True)
    return n


def _seal_reader(seal_image: str | Path | None) -> ImageReader | None:
    if not seal_image:
        return None
    p = Path(seal_image).expanduser()
    if not p.is_file():
        raise ValidationError(f"印章图片不存在：{p}。请在设置中重新选择印章图片（PNG，透明背景）。")
    try:
        return ImageReader(str(p))
    except Exception as e:  # noqa: BLE001 - PIL raises many kinds
        raise ValidationError(f"印章图片无法读取：{p}（{e}）。请使用透明背景的 PNG 图片。") from e


def print_certificates(
    session,
    certs: list,
    path: str | Path,
    *,
    invariant: bool = False,
    progress=None,
    mark: bool = True,
) -> int:
    """Print stored certificates (ORM rows) to `path`, with the office's seal settings."""
    from partydesk import settings
    from partydesk.certs import registry

    cfg = settings.get(session, "certs")
    secret = registry.ledger_secret(session)
    pages = [from_certificate(c, registry.check_value(secret, c.serial)) for c in certs]
    n = write_pdf(
        pages,
        path,
        total=len(pages),
        seal_image=cfg.get("seal_image"),
        seal_guide=bool(cfg.get("seal_guide", True)),
        invariant=invariant,
        progress=progress,
    )
    if n and mark:
        registry.mark_printed(session, [c.serial for c in certs])
    return n


def today_text(d: date | None = None) -> str:
    from partydesk.certs.registry import cn_formal_date

    return cn_formal_date(d or date.today())
