"""Header → field mapping: the words offices write over their columns, from the field
registry (`partydesk.ledger.fields`: label + aliases), plus what the user chose before
(remembered in the ledger under settings key "excel_mapping")."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.ledger import fields

SETTINGS_KEY = "excel_mapping"
# {entity key: {normalized header: field name, or "" for "ignore this column"}}
settings.DEFAULTS.setdefault(SETTINGS_KEY, {})

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_DECOR = re.compile(r"[*＊:：\s]|（必填）|\(必填\)|（选填）|\(选填\)")


def normalize_header(text) -> str:
    """Compare headers ignoring spaces, line breaks, full-width forms, "*" and "（必填）"."""
    if text is None:
        return ""
    t = str(text).translate(_FOLD)
    t = _DECOR.sub("", t.replace("（", "(").replace("）", ")"))
    return t


def _strip_paren(t: str) -> str:
    return re.sub(r"\([^)]*\)$", "", t)


def known_headers(entity_key: str) -> dict[str, str]:
    """Normalized header word → field name (labels win over aliases)."""
    from partydesk.excel.links import links

    ent = fields.entity(entity_key)
    out: dict[str, str] = {}
    for f in ent.fields:
        for h in f.aliases:
            out.setdefault(normalize_header(h), f.name)
    for k in links(entity_key):
        for h in k.aliases:
            out.setdefault(normalize_header(h), k.name)
    for f in ent.fields:
        out[normalize_header(f.label)] = f.name
    for k in links(entity_key):
        out[normalize_header(k.label)] = k.name
    return out


def column_names(entity_key: str) -> set[str]:
    """Every name a column may map to: the registry's fields and the link columns."""
    from partydesk.excel.links import links

    return set(fields.entity(entity_key).by_name) | {k.name for k in links(entity_key)}


def column_label(entity_key: str, name: str) -> str:
    """The Chinese label of a field or link column."""
    from partydesk.excel.links import link

    lk = link(entity_key, name)
    return lk.label if lk is not None else fields.label_of(entity_key, name)


def column_choices(entity_key: str) -> list[tuple[str, str, bool]]:
    """(name, label, required) of everything a column may map to, in the order offered."""
    from partydesk.excel.links import links

    ent = fields.entity(entity_key)
    return [(f.name, f.label, f.required) for f in ent.fields] + [
        (k.name, k.label, False) for k in links(entity_key)
    ]


def guess_field(
    entity_key: str, header: str, remembered: dict[str, str] | None = None
) -> str | None:
    h = normalize_header(header)
    if not h:
        return None
    if remembered and h in remembered:
        return remembered[h] or None
    known = known_headers(entity_key)
    if h in known:
        return known[h]
    bare = _strip_paren(h)
    return known.get(bare)


def score_headers(entity_key: str):
    """A scorer for reading.read_sheet: how many cells of a row are known headers."""
    known = known_headers(entity_key)

    def score(cells: list[str]) -> int:
        seen = set()
        for c in cells:
            h = normalize_header(c)
            name = known.get(h) or known.get(_strip_paren(h))
            if name:
                seen.add(name)
        return len(seen)

    return score


def auto_mapping(
    entity_key: str, headers: list[str], remembered: dict[str, str] | None = None
) -> list[str | None]:
    """One field name (or None: ignored) per column; a field is mapped at most once (the
    first column that names it wins)."""
    out: list[str | None] = []
    used: set[str] = set()
    for h in headers:
        name = guess_field(entity_key, h, remembered)
        if name and name not in used and name in column_names(entity_key):
            used.add(name)
            out.append(name)
        else:
            out.append(None)
    return out


def load_remembered(session: Session, entity_key: str) -> dict[str, str]:
    return dict((settings.get(session, SETTINGS_KEY) or {}).get(entity_key, {}))


def remember(
    session: Session, entity_key: str, headers: list[str], mapping: list[str | None]
) -> None:
    """Keep the user's choices where they differ from the built-in guess."""
    stored = settings.get(session, SETTINGS_KEY) or {}
    mine = dict(stored.get(entity_key, {}))
    for h, name in zip(headers, mapping, strict=False):
        key = normalize_header(h)
        if not key:
            continue
        if guess_field(entity_key, h) == name:
            mine.pop(key, None)
        else:
            mine[key] = name or ""
    stored[entity_key] = mine
    settings.put(session, SETTINGS_KEY, stored)
