"""Alembic, driven from code: a ledger is upgraded to head whenever it is opened.

Alembic itself is imported only when a ledger is to be upgraded or asked about: opening a
ledger already at this program's schema needs only the newest revision's id, read from the
migration files' `revision` / `down_revision` lines (a sixth of a second less for every
command)."""

from __future__ import annotations

import ast
import functools
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


@functools.cache
def head_revision() -> str:
    """The newest revision: the one no other revision names as its `down_revision`
    (what Alembic's `get_current_head` gives, read without importing Alembic)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = _revision_ids(path.read_text(encoding="utf-8"))
        if found is None:
            continue
        rev, down = found
        revisions.add(rev)
        parents.update(down)
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def _revision_ids(source: str) -> tuple[str, tuple[str, ...]] | None:
    """(revision, down_revisions) assigned at the top of a migration file."""
    values = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and t.id in ("revision", "down_revision"):
                    values[t.id] = ast.literal_eval(node.value)
    if not isinstance(values.get("revision"), str):
        return None
    down = values.get("down_revision")
    if down is None:
        return values["revision"], ()
    return values["revision"], (down,) if isinstance(down, str) else tuple(down)


def is_known(revision: str) -> bool:
    """Is `revision` one of this program's migrations? (Not: a newer program wrote it.)"""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # the one row Alembic keeps, read without it
            if not conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first():
                return None
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
            if len(rows) <= 1:
                return rows[0][0] if rows else None
        from alembic.runtime.migration import MigrationContext

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
