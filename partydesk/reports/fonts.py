"""The bundled fonts, registered with ReportLab once per process.

Font names to use in styles: SONG (body), KAI (certificates), HEI (headings). Every one is
a TrueType font from resources/fonts, embedded (subset) in each PDF."""

from __future__ import annotations

import io
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from partydesk.resources import font_data

SONG = "PDSong"  # AR PL UMing CN
KAI = "PDKai"  # AR PL UKai CN
HEI = "PDHei"  # WenQuanYi Micro Hei

_FILES = {SONG: ("uming.ttc", 0), KAI: ("ukai.ttc", 0), HEI: ("wqy-microhei.ttc", 0)}
_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register SONG, KAI and HEI (idempotent, thread-safe). <b> in a SONG paragraph maps to HEI."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, (filename, index) in _FILES.items():
            data = io.BytesIO(font_data(filename))
            data.name = filename  # named in ReportLab's messages
            pdfmetrics.registerFont(TTFont(name, data, subfontIndex=index))
        # CJK fonts have no bold face: map bold to the Hei face so <b> still stands out.
        addMapping(SONG, 0, 0, SONG)
        addMapping(SONG, 1, 0, HEI)
        addMapping(SONG, 0, 1, SONG)
        addMapping(SONG, 1, 1, HEI)
        addMapping(KAI, 0, 0, KAI)
        addMapping(KAI, 1, 0, HEI)
        addMapping(KAI, 0, 1, KAI)
        addMapping(KAI, 1, 1, HEI)
        addMapping(HEI, 0, 0, HEI)
        addMapping(HEI, 1, 0, HEI)
        addMapping(HEI, 0, 1, HEI)
        addMapping(HEI, 1, 1, HEI)
        _done = True
