"""Editable configuration kept in the ledger's `setting` table as JSON, with defaults.

Rules take their thresholds from here so that a county can change them without code.
Features register their defaults in DEFAULTS (a key each, namespaced by feature)."""

from __future__ import annotations

import copy
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.ledger.models import Setting
from partydesk.rules import dues, formation, pipeline

DEFAULTS: dict[str, Any] = {
    "pipeline": pipeline.DEFAULTS,  # membership pipeline (入党程序) deadlines
    "formation": formation.DEFAULTS,  # branch formation hints
    "dues": dues.DEFAULTS,  # party dues (党费): tiers, minimum, arrears thresholds
}


def get(session: Session, key: str) -> Any:
    """The stored value for `key`, the default merged under it (dicts), else the default."""
    row = session.scalar(select(Setting).where(Setting.key == key))
    default = copy.deepcopy(DEFAULTS.get(key))
    if row is None:
        return default
    value = json.loads(row.value)
    if isinstance(default, dict) and isinstance(value, dict):
        default.update(value)
        return default
    return value


def put(session: Session, key: str, value: Any) -> None:
    row = session.scalar(select(Setting).where(Setting.key == key))
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
