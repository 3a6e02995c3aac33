"""An organization's 年度工作计划 and 年度工作总结: text per organization per year, kept
with its paragraphs as pasted from Word or WPS (which separate paragraphs by a line break,
a paragraph mark U+2029 or a vertical tab for a manual break), printed in the book."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Organization
from partydesk.ledger.models.develop import OrgText

KINDS = {"plan": "年度工作计划", "summary": "年度工作总结"}
MAX_CHARS = 50_000

_BREAKS = re.compile(r"\r\n|\r|\u2029|\u2028|\x0b|\x0c")
# Indentation typed as spaces (two full-width spaces is the usual 首行缩进): the book
# indents every paragraph itself.
_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a text: every non-empty line, indentation and trailing spaces
    removed."""
    if not text:
        return []
    out = []
    for line in _BREAKS.sub("\n", text).split("\n"):
        line = _INDENT.sub("", line).rstrip()
        if line:
            out.append(line)
    return out


def normalize(text: str) -> str:
    return "\n".join(paragraphs(text))


def _kind(kind: str) -> str:
    for k, label in KINDS.items():
        if kind in (k, label, label[2:]):
            return k
    raise ValidationError(f"未知的文稿类型“{kind}”（年度工作计划或年度工作总结）。")


def get_text(session: Session, org_id: int, year: int, kind: str) -> str:
    row = session.scalar(
        select(OrgText).where(
            OrgText.org_id == org_id, OrgText.year == year, OrgText.kind == _kind(kind)
        )
    )
    return row.text if row else ""


def set_text(session: Session, org_id: int, year: int, kind: str, text: str) -> str:
    """Store the text (an empty text removes it); returns what was stored."""
    k = _kind(kind)
    if session.get(Organization, org_id) is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在。")
    if not 1900 <= int(year) <= 2200:
        raise ValidationError(f"年度“{year}”不对。")
    clean = normalize(text or "")
    if len(clean) > MAX_CHARS:
        raise ValidationError(f"{KINDS[k]}过长（{len(clean)}字，最多{MAX_CHARS}字）。")
    row = session.scalar(
        select(OrgText).where(OrgText.org_id == org_id, OrgText.year == year, OrgText.kind == k)
    )
    if not clean:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(OrgText(org_id=org_id, year=year, kind=k, text=clean))
    else:
        row.text = clean
    session.flush()
    return clean
