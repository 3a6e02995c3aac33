"""Reading printed documents back as a reader sees them: pdftotext -layout lines, and the
typography checks every document must pass."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

CLOSING = "，。、；：？！）」』》…"
OPENING = "（《「『"


def page_lines(pdf: Path | bytes) -> list[list[str]]:
    """The text lines of each page (pdftotext -layout)."""
    if isinstance(pdf, bytes):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    else:
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout
    return [page.splitlines() for page in text.split("\f")]


def segments(line: str) -> list[str]:
    """A layout line cut where columns are (two or more spaces): each piece is the start or
    the rest of one cell's line."""
    return [s for s in re.split(r" {2,}|\u3000{2,}", line.strip()) if s]


def bad_line_starts(pdf: Path | bytes) -> list[str]:
    """Every line piece that starts with closing punctuation or ends with opening."""
    bad = []
    for n, page in enumerate(page_lines(pdf), 1):
        for line in page:
            for seg in segments(line):
                if seg[0] in CLOSING or seg[-1] in OPENING:
                    bad.append(f"p{n}: {seg}")
    return bad
