"""Chinese line breaking for every printed document (标点禁则, GB/T 15834 and print practice).

- A line never starts with closing punctuation (，。、；：？！）》」』〉… and closing
  quotes) and never ends with opening punctuation (（《「『〈 and opening quotes).
- A number stays with its unit and a date stays whole (2026年11月4日, 二〇二六年十一月四日,
  38人, 第3次);
  Latin words and numbers are not cut.
- Text wrapped in `keep(...)` (a name, 兹聘请 + name, a short fixed phrase) stays on one
  line when the line can hold it.

`breaks(text)` says where a line may break; `wrap(widths, ok, max_width)` fills lines
greedily, moving back to the last allowed break. `Paragraph` is ReportLab's Paragraph with
this breaking for wordWrap="CJK" (ReportLab's own list lacks ，；：？！ and it only hangs one
character; it never keeps a number with its unit). Canvas-drawn text (certificates, the
running header) uses `lines(...)` and `fit_text(...)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

CLOSING = set("，。、；：？！）》」』〉】〕］｝”’…—·%‰℃,.;:?!)]}>％")
OPENING = set("（《「『〈【〔［｛“‘([{<")
UNITS = set("年月日时分秒人名个次元角岁届项条页张位户家件号期%％万亿")
JOIN = "\u2060"  # WORD JOINER: glues the characters on both sides (never printed)
_DIGITS = set("0123456789０１２３４５６７８９")
_CN_DIGITS = set("〇零一二三四五六七八九十")
_NUMERALS = _DIGITS | _CN_DIGITS
_WORD = _DIGITS | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.．")


def keep(text: str) -> str:
    """`text` marked to stay on one line (a name, 兹聘请 + name)."""
    return JOIN.join(text) if len(text) > 1 else text


def plain(text: str) -> str:
    """`text` without keep() marks, for drawing it directly."""
    return text.replace(JOIN, "")


def breaks(text: str) -> list[bool]:
    """ok[i] is True when a line may break before text[i]; text must hold no JOIN marks
    (see `_unjoin`). ok[0] is False."""
    n = len(text)
    ok = [True] * n
    if n:
        ok[0] = False
    for i in range(1, n):
        a, b = text[i - 1], text[i]
        if b in CLOSING or a in OPENING:
            ok[i] = False
        elif a in _WORD:
            if b in _WORD or (a in _DIGITS and b in UNITS):
                ok[i] = False  # a number or Latin word; 38人, 2026年
        elif a in "年月" and b in _NUMERALS and i >= 2 and text[i - 2] in _NUMERALS:
            ok[i] = False  # a date continues: 2026年11月4日, 二〇二七年一月七日
        elif a in _CN_DIGITS and (b in _CN_DIGITS or b in "年月日"):
            ok[i] = False  # 二〇二七年, 十一月
        elif a == "第" and b in _DIGITS:
            ok[i] = False
        elif a == b and a in "—…":
            ok[i] = False  # —— and …… are one mark
    return ok


def _unjoin(text: str) -> tuple[str, list[bool]]:
    """The text without JOIN marks, and for each character whether it is glued to the one
    before it."""
    out: list[str] = []
    glued: list[bool] = []
    pending = False
    for ch in text:
        if ch == JOIN:
            pending = True
            continue
        out.append(ch)
        glued.append(pending)
        pending = False
    return "".join(out), glued


def wrap(
    widths: Sequence[float],
    ok: Sequence[bool],
    max_widths: Sequence[float] | float,
    hard: Sequence[bool] | None = None,
    hang: Sequence[bool] | None = None,
) -> list[tuple[int, int]]:
    """Greedy line filling: (start, end) index spans. A line ends at the last allowed break
    that fits; when no allowed break fits (a kept unit longer than the line), it breaks
    where the width runs out, keeping a closing mark on the line (it hangs). `hard[i]`
    ends a line after item i (a forced line break); `hang[i]` marks a closing mark."""
    if not isinstance(max_widths, Sequence):
        max_widths = [max_widths]
    n = len(widths)
    spans: list[tuple[int, int]] = []
    a = 0
    while a < n:
        room = max_widths[min(len(spans), len(max_widths) - 1)]
        used = 0.0
        b = a
        while b < n:
            if hard is not None and hard[b]:
                b += 1
                break
            if used + widths[b] > room + _FUZZ and b > a:
                break
            used += widths[b]
            b += 1
        if b >= n or (hard is not None and hard[b - 1]) or ok[b]:
            spans.append((a, b))
            a = b
            continue
        k = b - 1
        while k > a and not ok[k]:
            k -= 1
        if k > a:
            spans.append((a, k))
            a = k
            continue
        # Nothing allowed fits: cut at the edge, hanging closing marks on this line.
        while b < n and hang is not None and hang[b] and not (hard is not None and hard[b - 1]):
            b += 1
        spans.append((a, b))
        a = b
    return spans


def _wrap_text(
    text: str, widths: Sequence[float], max_widths, hard=None, min_last: int = 2
) -> tuple[str, list[tuple[int, int]]]:
    flat, glued = _unjoin(text)
    ok = breaks(flat)
    for i, g in enumerate(glued):
        if g:
            ok[i] = False
    hang = [ch in CLOSING for ch in flat]
    spans = wrap(widths, ok, max_widths, hard, hang)
    if min_last and len(spans) > 1:
        spans = no_lone_last(flat, widths, ok, spans, max_widths, min_last, hard)
    return flat, spans


def no_lone_last(flat, widths, ok, spans, max_widths, min_last, hard):
    """A last line of fewer than `min_last` characters (punctuation not counted) takes
    characters from the line before, back to an allowed break (日止。 alone is a fault)."""
    (a, b), (c, d) = spans[-2], spans[-1]
    if hard is not None and hard[b - 1]:
        return spans
    if sum(1 for ch in flat[c:d] if ch not in CLOSING) >= min_last:
        return spans
    if not isinstance(max_widths, Sequence):
        max_widths = [max_widths]
    room = max_widths[min(len(spans) - 1, len(max_widths) - 1)]
    for k in range(b - 1, a, -1):
        if not ok[k]:
            continue
        if sum(widths[k:d]) > room + _FUZZ:
            break
        if sum(1 for ch in flat[k:d] if ch not in CLOSING) >= min_last:
            return [*spans[:-2], (a, k), (k, d)]
    return spans


def lines(
    text: str,
    font: str,
    size: float,
    max_width: float | Sequence[float],
    min_last: int = 2,
) -> list[str]:
    """`text` (keep() marks allowed, \\n breaks) broken into lines for canvas drawing; the
    last line holds at least `min_last` characters besides punctuation when it can."""
    out: list[str] = []
    for part in text.split("\n"):
        flat, _ = _unjoin(part)
        widths = [stringWidth(ch, font, size) for ch in flat]
        flat, spans = _wrap_text(part, widths, max_width, min_last=min_last)
        out += [flat[a:b] for a, b in spans] or [""]
    return out


def fit_text(text: str, font: str, size: float, max_width: float, min_size: float) -> float:
    """The largest size from `size` down to `min_size` at which `text` fits on one line
    (the running header, a name in a narrow cell); `min_size` when none does."""
    s = size
    while s > min_size and stringWidth(text, font, s) > max_width:
        s -= 0.25
    return max(s, min_size)


_WIDTHS: dict[tuple[str, str, float], float] = {}


def _glyph(ch: str, frag, font: str, size: float):
    """A cjkU without measuring the same character again (a book measures ~10^5)."""
    key = (ch, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        w = _WIDTHS[key] = stringWidth(ch, font, size)
    u = str.__new__(cjkU, ch)
    u._frag = frag
    u._width = w
    return u


def cjk_frag_split(frags, max_widths, calc_bounds, encoding="utf8"):
    """ReportLab's cjkFragSplit with these rules: the frags' characters as glyphs, lines
    broken by `wrap`."""
    glyphs: list = []
    text: list[str] = []
    for f in frags:
        t = f.text
        if isinstance(t, bytes):
            t = t.decode(encoding)
        if t and hasattr(f, "cbDefn"):
            glyphs += [cjkU(ch, f, encoding) for ch in t]
            text.append("\ufffc" * len(t))
        elif t:
            font, size = f.fontName, f.fontSize
            for ch in t:
                if ch == JOIN:
                    text.append(JOIN)
                    continue
                glyphs.append(_glyph(ch, f, font, size))
                text.append(ch)
        else:
            glyphs.append(cjkU(t, f, encoding))
            text.append("\ufffc")  # an image or a line break: a break both sides
    joined = "".join(text)
    widths = []
    for u in glyphs:
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_widths[0]
            w = w.normalizedValue(max_widths[0])
        widths.append(w)
    hard = [hasattr(u.frag, "lineBreak") for u in glyphs]
    flat, spans = _wrap_text(joined, widths, max_widths, hard)
    out = []
    for n, (a, b) in enumerate(spans):
        mw = max_widths[min(n, len(max_widths) - 1)]
        used = sum(widths[a:b])
        out.append(makeCJKParaLine(glyphs[a:b], mw, used, mw - used, hard[b - 1], calc_bounds))
    return ParaLines(kind=1, lines=out)


class Paragraph(_rl_paragraph.Paragraph):
    """ReportLab's Paragraph; with wordWrap="CJK" its lines follow the rules above."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802 - ReportLab's name
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _rl_paragraph._handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            lines = self.blPara.lines
            if lines and isinstance(lines[0], tuple):  # the first part of a one-run split
                return frags[0].clone(kind=0, lines=lines)
            return self.blPara
        if not frags:
            return ParaLines(
                kind=0,
                fontSize=style.fontSize,
                fontName=style.fontName,
                textColor=style.textColor,
                lines=[],
                ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            # One run of text (most cells): plain lines, as ReportLab's own fast path.
            f = frags[0]
            text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
            if isinstance(text, bytes):
                text = text.decode("utf8")
            flat, _ = _unjoin(text)
            font, size = f.fontName, f.fontSize
            widths = []
            for ch in flat:
                key = (ch, font, size)
                w = _WIDTHS.get(key)
                if w is None:
                    w = _WIDTHS[key] = stringWidth(ch, font, size)
                widths.append(w)
            flat, spans = _wrap_text(text, widths, maxWidths)
            lines = []
            for n, (a, b) in enumerate(spans):
                mw = maxWidths[min(n, len(maxWidths) - 1)]
                lines.append((mw - sum(widths[a:b]), [flat[a:b]]))
            return f.clone(kind=0, lines=lines, ascent=f.fontSize, descent=-0.2 * f.fontSize)
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return cjk_frag_split(frags, maxWidths, auto not in ("", "off"))
