"""Certificates (聘书 / 证书) as PDF: A4 landscape, one per page, in the 聘书 form.

Drawn straight on a ReportLab canvas (no flowables): a certificate is a fixed design, and a
batch of hundreds must print quickly. Everything on the page comes from what was stored
when the certificate was issued, so a reprint is identical.

Long because the wording's layout (line breaks, the holder's name run, the fitting size)
and the drawing of the one fixed design are read together when the design changes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import segno
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.rl_config import _FUZZ

from partydesk.errors import ValidationError
from partydesk.reports import typography
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
BORDER_FORM = "certificate-border"


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
    verify_line: str = ""


_ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def chinese_dates(text: str) -> str:
    """Dates in `text` written as 二〇二六年一月五日, so the term matches the signing date."""
    if "年" not in text:
        return text
    return _ARABIC_DATE.sub(_chinese_date, text)


def _chinese_date(m: re.Match) -> str:
    return _cn_date(m[1], m[2], m[3]) or m[0]


@lru_cache(maxsize=256)
def _cn_date(year: str, month: str, day: str) -> str | None:
    """2026, 1, 5 -> 二〇二六年一月五日 (None: no such day); a batch's wordings share a few
    dates, so each is written once."""
    from partydesk.certs.registry import cn_formal_date

    try:
        return cn_formal_date(date(int(year), int(month), int(day)))
    except ValueError:
        return None


def from_certificate(
    cert, check: str, *, numerals: str = "chinese", verify_line: str = ""
) -> CertificatePage:
    """The page of a stored certificate; `numerals` ("chinese" or "arabic") sets how every
    date on it is written, the term in the wording and the signing date alike."""
    from partydesk.certs.registry import cn_formal_date

    body, closing = cert.body, cert.closing or ""
    if numerals == "arabic":
        d = cert.issued_on
        date_text = f"{d.year}年{d.month}月{d.day}日"
    else:
        date_text = cn_formal_date(cert.issued_on)
        body, closing = chinese_dates(body), chinese_dates(closing)
    return CertificatePage(
        serial=cert.serial,
        check=check,
        title=cert.title,
        holder_name=cert.holder_name,
        body=body,
        closing=closing,
        issuer=cert.issuer,
        date_text=date_text,
        status=cert.status,
        verify_line=verify_line,
    )


# ---------------------------------------------------------------- layout


_GLYPH_WIDTHS: dict[str, float] = {}


def _units(text: str) -> list[float]:
    """Each character's KAI width at 1000 pt, asked of ReportLab once per character: the
    layout tries up to nine sizes for each of hundreds of pages. The width at `size` is
    then 0.001 * size * units, ReportLab's own arithmetic, so the same lines."""
    out = list(map(_GLYPH_WIDTHS.get, text))
    if None in out:
        for k, ch in enumerate(text):
            if out[k] is None:
                out[k] = _GLYPH_WIDTHS[ch] = stringWidth(ch, KAI, 1000.0)
    return out


def _name_size(size: float) -> float:
    return size * 1.45


@dataclass(slots=True)
class _Wording:
    """What a text's layout needs that does not depend on the size: where the holder's
    name is, where a line may break, which marks may hang, each glyph's width at 1000 pt.
    Made once per page, then laid out at each size tried."""

    text: str
    flags: list[bool]  # the character belongs to the holder's name (set larger)
    at: int  # where the name starts, -1 if it is not in the text
    name_len: int
    ok: list[bool]  # a line may break before the character
    hang: list[bool]  # a closing mark, which may hang past the line's end
    units: list[float]
    # for `_lines_at_least`, (outside the name, in it): sum of units, sum of the closing
    # marks' units, widest glyph's units
    sums: tuple[tuple[float, float, float], tuple[float, float, float]]


def _wording(body: str, name: str, breaks: list[bool] | None = None) -> _Wording:
    at = body.find(name) if name else -1
    flags = [False] * len(body)
    if at >= 0:
        for k in range(at, at + len(name)):
            flags[k] = True
    ok = list(breaks) if breaks is not None else typography.breaks(body)
    if at >= 0:
        lead, seen = at, 0
        while lead > 0 and seen < 3:  # 兹聘请 (spaces around the name not counted)
            lead -= 1
            seen += body[lead] not in " \u3000"
        for k in range(lead + 1, at + len(name)):
            ok[k] = False
    closing = typography.CLOSING
    hang = [ch in closing for ch in body]
    units = _units(body)
    n = len(name) if at >= 0 else 0
    e = max(at, 0) + n
    inside = units[max(at, 0) : e]
    outside = units[: max(at, 0)] + units[e:]
    hanging = [u for u, ch in zip(units, body, strict=True) if ch in closing]
    in_hang = sum(u for u, ch in zip(inside, body[max(at, 0) : e], strict=True) if ch in closing)
    sums = (
        (sum(outside), sum(hanging) - in_hang, max(outside, default=0.0)),
        (sum(inside), in_hang, max(inside, default=0.0)),
    )
    return _Wording(body, flags, at, n, ok, hang, units, sums)


def _widths(w: _Wording, size: float) -> list[float]:
    """Each character's width at `size` (the name's at its larger size, with the space
    around it), as stringWidth gives it."""
    f = 0.001 * size
    if w.at < 0:
        return [f * u for u in w.units]
    fn = 0.001 * _name_size(size)
    widths = [fn * u if n else f * u for u, n in zip(w.units, w.flags, strict=True)]
    widths[w.at] += size * 0.3
    widths[w.at + w.name_len - 1] += size * 0.3
    return widths


def _lines_at_least(w: _Wording, size: float, width: float, indent: int) -> int:
    """A number of lines the text surely needs at this size, without laying it out: a line
    never holds more than its room (plus ReportLab's fuzz), except for closing marks that
    hang past its end. 0 (no bound) when a glyph may be wider than a line. Computed from
    the sums of the glyphs' widths, rounded differently from the layout's: hence the
    margin, which only ever lets a size be laid out that need not have been."""
    (plain, plain_hang, plain_max), (name, name_hang, name_max) = w.sums
    f, fn = 0.001 * size, 0.001 * _name_size(size)
    extra = size * 0.6 if w.at >= 0 else 0.0  # the space either side of the name
    first = width - indent * size
    if max(f * plain_max, fn * name_max + extra) > first:
        return 0
    need = f * (plain - plain_hang) + fn * (name - name_hang) + indent * size
    lines = 1
    while lines * (width + _FUZZ) < need - 0.01:
        lines += 1
    return lines


def _lay(w: _Wording, size: float, width: float, indent_chars: int = 2, min_last: int = 6):
    """`w` broken into lines at `size`: lines of (x_offset, text, is_name) runs."""
    body, flags = w.text, w.flags
    widths = _widths(w, size)
    room = [width - indent_chars * size, width]
    spans = typography.wrap(widths, w.ok, room, hang=w.hang)
    if min_last and len(spans) > 1:
        spans = typography.no_lone_last(body, widths, w.ok, spans, room, min_last, None)
    lines: list[list[tuple[float, str, bool]]] = []
    for n, (a, b) in enumerate(spans):
        x = indent_chars * size if n == 0 else 0.0
        runs: list[tuple[float, str, bool]] = []
        k = a
        while k < b:
            f = flags[k]
            e = k
            while e < b and flags[e] == f:
                e += 1
            runs.append((x, body[k:e], f))
            x += sum(widths[k:e])
            k = e
        lines.append(runs)
    return lines


def layout(
    body: str,
    name: str,
    size: float,
    width: float,
    indent_chars: int = 2,
    min_last: int = 6,
    *,
    breaks: list[bool] | None = None,
):
    """Lines of (x_offset, text, is_name) runs, broken by the typography rules; the holder's
    name (first occurrence, set larger) stays on one line with the 3 characters before it
    (兹聘请), and the last line is never a lone fragment (日止。). `breaks`: the body's
    `typography.breaks`, when the caller lays the same body out at several sizes."""
    return _lay(_wording(body, name, breaks), size, width, indent_chars, min_last)


SIZES = (22, 21, 20, 19, 18, 17, 16, 15, 14)


@lru_cache(maxsize=64)
def _closing_lines(closing: str, size: float, width: float) -> tuple:
    """The closing (特发此聘书。) laid out: the same few words on every certificate of a
    batch, so laid out once per size."""
    return tuple(tuple(line) for line in _lay(_wording(closing, ""), size, width))


def _fit(page: CertificatePage) -> tuple[float, list, list]:
    """The largest body size (22 pt down to 14) at which body and closing fit the box.
    A size at which the body surely needs more lines than the box holds is passed over
    without laying it out (it would not fit either way)."""
    width = BODY_RIGHT - BODY_LEFT
    room = BODY_TOP - BODY_BOTTOM
    body_w = _wording(page.body, page.holder_name)
    for size in SIZES:
        if page.closing and size != SIZES[-1]:
            fits = 0  # lines of this size in the box
            while (fits + 1) * size * 2.1 <= room:
                fits += 1
            if _lines_at_least(body_w, size, width, 2) > fits - 1:
                continue  # the closing takes at least one line
        body = _lay(body_w, size, width)
        closing = list(_closing_lines(page.closing, size, width)) if page.closing else []
        if (len(body) + len(closing)) * size * 2.1 <= room:
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
    seal_guide: bool = False,
    border_form: str | None = None,
) -> None:
    """One certificate; `seal_guide` (drafts only) marks where the seal goes; `border_form`
    names a form XObject holding the frame (`BORDER_FORM`, see write_pdf)."""
    from partydesk.certs.registry import qr_text

    if border_form:
        c.doForm(border_form)  # the same frame on every page: drawn once in the file
    else:
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
    # The wording as one text object (each run placed where it was drawn one by one;
    # a batch of hundreds spent a fifth of its time making a text object per run).
    size, body, closing = _fit(page)
    lead = size * 2.1
    y = BODY_TOP
    words = c.beginText()
    underlines = []
    for line in body:
        for dx, text, is_name in line:
            if is_name:
                ns = _name_size(size)
                nx = BODY_LEFT + dx + size * 0.3
                words.setFont(KAI, ns)
                words.setTextOrigin(nx, y)
                words.textOut(text)
                underlines.append(
                    (BODY_LEFT + dx, y - 5, nx + stringWidth(text, KAI, ns) + size * 0.3, y - 5)
                )
            else:
                words.setFont(KAI, size)
                words.setTextOrigin(BODY_LEFT + dx, y)
                words.textOut(text)
        y -= lead
    for line in closing:
        words.setFont(KAI, size)
        for dx, text, _ in line:
            words.setTextOrigin(BODY_LEFT + dx, y)
            words.textOut(text)
        y -= lead
    c.drawText(words)
    for x1, y1, x2, y2 in underlines:
        c.setLineWidth(0.7)
        c.setStrokeColor(INK)
        c.line(x1, y1, x2, y2)
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
    if page.verify_line:
        c.drawString(tx, QR_Y + 12, page.verify_line)
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
    seal_guide: bool = False,
    invariant: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
    title: str = "证书",
    draft: bool = False,
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
    c.beginForm(BORDER_FORM)
    _border(c)
    c.endForm()
    n = 0
    try:
        for page in pages:
            c.setFont(SONG, 12)
            draw_page(c, page, seal=seal, seal_guide=seal_guide, border_form=BORDER_FORM)
            if draft:
                _draft_mark(c)
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


def _draft_mark(c: rl_canvas.Canvas) -> None:
    """样稿 across a draft's top margin, so a draft is never filed as the certificate."""
    c.saveState()
    c.setFillColor(GREY)
    c.setFont(HEI, 14)
    c.drawString(62, H - 66, "样稿（核对用，不作正式证书）")
    c.restoreState()


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
    draft: bool = False,
) -> int:
    """Print stored certificates (ORM rows) to `path`, with the office's settings (seal,
    verification line, numerals). A `draft` (样稿) shows the seal guide and is not counted
    as printed."""
    from partydesk import settings
    from partydesk.certs import registry

    cfg = settings.get(session, "certs")
    pages = [
        from_certificate(
            c,
            registry.certificate_check(session, c),
            numerals=cfg.get("numerals") or "chinese",
            verify_line=cfg.get("verify_line") or "",
        )
        for c in certs
    ]
    n = write_pdf(
        pages,
        path,
        total=len(pages),
        seal_image=cfg.get("seal_image"),
        seal_guide=draft and bool(cfg.get("seal_guide", True)),
        invariant=invariant,
        progress=progress,
        draft=draft,
    )
    if n and mark and not draft:
        registry.mark_printed(session, [c.serial for c in certs])
    return n


def today_text(d: date | None = None) -> str:
    from partydesk.certs.registry import cn_formal_date

    return cn_formal_date(d or date.today())
