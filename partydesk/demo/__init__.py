"""`partydesk demo`: a realistic, fictional, deterministic ledger.

The core generator (units, organizations, people, instructors) runs first; then each
feature's filler in FILLERS adds its own content (work records, points, certificates,
ratings). Same seed and same `today` → the same ledger."""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from partydesk.backup.replace import replacing
from partydesk.errors import LedgerError, ValidationError
from partydesk.ledger import Ledger
from partydesk.ledger.opening import open_ledger

# Modules with `fill(ctx: DemoContext) -> None`, run in this order after the core.
FILLERS = [
    "partydesk.demo.work",  # work records
    "partydesk.demo.points",  # points entries and redemptions
    "partydesk.demo.certs",  # certificates, 红领党务
    "partydesk.demo.standing",  # ratings, checklists, surveys
    "partydesk.demo.dues",  # bases, payments with arrears, reliefs, reversals
    "partydesk.demo.develop",  # development steps, visit units and problems, plans
]


@dataclass
class DemoContext:
    ledger: Ledger
    seed: int
    today: date
    progress: Callable[[str, float], None] | None = None
    extra: dict = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """An independent, deterministic random stream per filler, so one feature's
        changes never reshuffle another's data."""
        return random.Random(f"{self.seed}:{name}")

    def report(self, stage: str, fraction: float) -> None:
        if self.progress:
            self.progress(stage, fraction)


def run_fillers(ctx: DemoContext) -> None:
    for name in FILLERS:
        mod = importlib.import_module(name)
        fill = getattr(mod, "fill", None)
        if fill is not None:
            fill(ctx)


def default_path(path: str | Path | None) -> Path | None:
    return Path(path) if path is not None else None


# What each stage of `build_demo`'s progress is called (the command line and the window).
STAGE_LABELS = {
    "schema": "建立账本",
    "units": "生成单位",
    "organizations": "生成党组织",
    "people": "生成人员",
    "writing": "生成并写入账本",
    "done": "完成",
}
OTHER_STAGE = "填充各功能数据"

MAX_UNITS = 200_000
MAX_MEMBERS = 2_000_000


def build_demo(
    path: str | Path,
    units: int = 300,
    members: int = 3000,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str, float], None] | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Write a demo ledger at `path`: `units` units (两新组织) and `members` people in the
    party pipeline (all categories), then each feature's filler. Deterministic for a
    given seed and today. Refuses to replace an existing file unless `force`.

    The ledger is built in a temporary file beside `path` and moved into place only when
    complete, so a failure never leaves half a ledger. Returns the core row counts."""

    if not 1 <= units <= MAX_UNITS:
        raise ValidationError(f"单位数应在1至{MAX_UNITS}之间。", "units")
    if not 0 <= members <= MAX_MEMBERS:
        raise ValidationError(f"人数应在0至{MAX_MEMBERS}之间。", "members")
    today = today or date.today()
    from partydesk.ledger import server

    if server.is_server_url(path):
        return _build_on_server(server.parse(path), units, members, seed, today, progress, force)
    path = Path(path).expanduser()
    if path.is_dir():
        raise LedgerError(f"{path} 是一个文件夹，不是账本文件。")
    if path.exists() and not force:
        raise LedgerError(f"账本已存在：{path}。如确需用演示数据覆盖，请加 --force。")
    with replacing(path) as swap:
        return _build(path, swap, units, members, seed, today, progress)


def _build(path, swap, units, members, seed, today, progress) -> dict[str, int]:
    tmp = path.with_name(path.name + ".demo-tmp")
    _remove_db(tmp)

    def report(stage: str, f: float) -> None:
        if progress:
            progress(stage, f)

    report("schema", 0.0)
    ledger = open_ledger(tmp, create=True)
    try:
        counts = _fill(ledger, units, members, seed, today, report)
    except BaseException:
        ledger.close()
        _remove_db(tmp)
        raise
    ledger.close()
    try:
        swap(tmp)
    except OSError as e:
        _remove_db(tmp)
        raise LedgerError(f"无法写入账本：{path}（{e.strerror}）。") from e
    report("done", 1.0)
    return counts


def _fill(ledger: Ledger, units, members, seed, today, report) -> dict[str, int]:
    """Generate the core and run every filler into the empty `ledger`."""
    from partydesk.demo import core
    from partydesk.ledger import dialect

    with ledger.engine.begin() as conn:
        # A fresh ledger: nothing is lost if the machine stops now (the setting dies
        # with the connection when the ledger is closed).
        dialect.tune_for_bulk(conn)
        counts = core.generate_and_write(
            conn,
            units,
            members,
            seed,
            today,
            lambda st, f: st == "writing" and report("writing", 0.02 + 0.88 * f),
        )
        dialect.sync_sequences(conn)  # the core wrote its ids itself
    ctx = DemoContext(ledger, seed, today, lambda st, f: report(st, 0.9 + 0.1 * f))
    ctx.extra["counts"] = counts
    # Generated content is not a clerk's work: one audit entry says what was made,
    # instead of one per generated record.
    ledger.Session.configure(info={"ledger": ledger, "audit": False})
    run_fillers(ctx)
    ledger.Session.configure(info={"ledger": ledger})
    from partydesk import audit

    with ledger.engine.begin() as conn:
        dialect.sync_sequences(conn)
    with ledger.session() as s:
        audit.log(
            s,
            "insert",
            "ledger",
            label=(
                f"生成演示账本：{units} 个两新组织，{members} 人（种子 {seed}，日期 {today:%Y-%m-%d}）"
            ),
        )
    with ledger.engine.connect() as conn:
        dialect.optimize(conn)
        conn.commit()
    return counts


def _build_on_server(address, units, members, seed, today, progress, force) -> dict[str, int]:
    """The demo written straight into a server ledger (made there when the database is
    empty). One with records is replaced only with `force`, after a snapshot of it."""
    from partydesk import backup
    from partydesk.ledger import opening

    def report(stage: str, f: float) -> None:
        if progress:
            progress(stage, f)

    report("schema", 0.0)
    ledger = opening.open_server_ledger(address, create=True)
    try:
        if backup.making._has_records(ledger):
            if not force:
                raise LedgerError(
                    f"账本已有记录：{address.describe()}。如确需用演示数据覆盖，请加 --force。"
                )
            backup.make_backup(ledger, "replace")
            _empty_server_ledger(ledger)
        counts = _fill(ledger, units, members, seed, today, report)
    finally:
        ledger.close()
    report("done", 1.0)
    return counts


def _empty_server_ledger(ledger: Ledger) -> None:
    """Every table emptied in one transaction, as a new ledger has it (the migrations'
    seed rows — settings, schemes, templates — made again by a new schema)."""
    from partydesk.ledger import migrate
    from partydesk.ledger.models import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with ledger.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {names}, alembic_version CASCADE")
    ledger.engine.dispose()
    migrate.upgrade(ledger.engine, "head")


def _remove_db(p: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        q = p.with_name(p.name + suffix)
        if q.exists():
            q.unlink()
