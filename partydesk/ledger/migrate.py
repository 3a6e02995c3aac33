"""Alembic, driven from code: a ledger is upgraded to head whenever it is opened.

Opening a ledger already at head (every start but the first after an update) does not
import Alembic at all: the head is read from the migration files' `revision` /
`down_revision` lines and the ledger's from its alembic_version table. (Alembic and what
it pulls in — Mako, Pygments — are a quarter of a second of the window's start.)
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


@lru_cache(maxsize=1)
def _revisions() -> dict[str, tuple[str, ...]]:
    """revision -> its down revisions, from the migration files' own assignment lines."""
    out = {}
    for f in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = {k: ast.literal_eval(v) for k, v in _ASSIGNED.findall(f.read_text("utf-8"))}
        if "revision" in values:
            down = values.get("down_revision")
            out[values["revision"]] = tuple(down) if isinstance(down, list | tuple) else (down,)
    return out


def head_revision() -> str:
    revs = _revisions()
    heads = set(revs) - {d for downs in revs.values() for d in downs}
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory  # several heads (or none): Alembic says why

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known(revision: str) -> bool:
    """Is `revision` one of this program's migrations? (Not: a newer program wrote it.)"""
    if revision in _revisions():
        return True
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    from partydesk.ledger import dialect

    with engine.connect() as conn:
        if not dialect.has_table(conn, "alembic_version"):
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
        if len(rows) <= 1:
            return rows[0][0] if rows else None
        from alembic.runtime.migration import MigrationContext  # several: Alembic refuses

        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> bool:
    """Upgrade to head (no backup: opening a ledger backs up first). True when anything
    was migrated."""
    if current_revision(engine) == head_revision():
        return False
    upgrade(engine, "head")
    return True


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision`; every step in one transaction (see migrations/env.py)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
