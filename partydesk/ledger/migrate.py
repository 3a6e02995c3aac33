"""Alembic, driven from code: a ledger is upgraded to head whenever it is opened."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known(revision: str) -> bool:
    """Is `revision` one of this program's migrations? (Not: a newer program wrote it.)"""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
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
    command.upgrade(alembic_config(engine), revision)
