"""Backups of a ledger (备份与恢复).

A backup is a complete, verified copy of the ledger made with SQLite's online backup API
(consistent even while the ledger is open), itself a ledger file that PartyDesk can open:
`<folder>/<ledger stem>-<YYYYmmdd-HHMMSS>-<reason>.partydesk`. Backups are written to a
temporary name, checked with `PRAGMA integrity_check`, synced and only then renamed, so a
crash or a full disk never leaves a half backup that looks good.

When: once a day on open, before every migration, before imports and bulk changes
(`backup_before(ledger, reason)`), and on request. Rotation keeps the newest few plus the
newest backup of each of the last 7 days / 4 weeks / 12 months that have backups (editable
in the ledger's settings, key "backup"). The folder is editable (a USB stick); it is also
remembered outside the ledger so that a damaged ledger still finds its backups.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from partydesk import settings
from partydesk.errors import LedgerError

DEFAULTS = {
    "folder": "",  # empty: "账本备份" beside the ledger
    "daily": 7,
    "weekly": 4,
    "monthly": 12,
    "recent": 3,  # the newest N are always kept (e.g. the one just made before an import)
    "on_open": True,
}
settings.DEFAULTS["backup"] = DEFAULTS

DEFAULT_FOLDER_NAME = "账本备份"
SUFFIX = ".partydesk"
REASONS = {
    "open": "每日自动",
    "migrate": "升级前",
    "import": "导入前",
    "bulk": "批量修改前",
    "manual": "手动",
    "restore": "恢复前",
}
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<ts>\d{8}-\d{6})-(?P<reason>[a-z]+)(?:-(?P<n>\d+))?\.partydesk$"
)

# Tables whose rows are counted as "records" in the list of backups, with their labels.
COUNTED = {"person": "人员", "organization": "党组织", "unit": "两新组织"}
# Not the clerk's records: bookkeeping, the log, and configuration (settings, the points
# schemes a new ledger starts with, certificate wording and serial counters).
_NOT_RECORDS = {
    "alembic_version",
    "audit_log",
    "setting",
    "points_scheme",
    "points_item",
    "points_band",
    "certificate_template",
    "serial_counter",
    "certificate_serial",
}


class BackupError(LedgerError):
    """A backup or restore could not be made; the ledger itself is unchanged."""


@dataclass
class BackupInfo:
    path: Path
    created: datetime  # local time, from the name
    reason: str
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows
    size: int = 0

    def __fspath__(self) -> str:  # usable wherever a path is expected
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def total(self) -> int:
        return sum(n for t, n in self.counts.items() if t not in _NOT_RECORDS)

    def summary(self) -> str:
        parts = [f"{COUNTED[t]} {self.counts.get(t, 0)}" for t in COUNTED]
        return "，".join(parts) + f"，记录共 {self.total}"


# ---- where backups go ----------------------------------------------------------------


def _index_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("PartyDesk", appauthor=False) / "backup-folders.json"


def _key(ledger_path: Path) -> str:
    return os.path.normcase(str(Path(ledger_path).expanduser().resolve()))


def _remember_folder(ledger_path: Path, folder: Path) -> None:
    """Remember the folder outside the ledger, for when the ledger is damaged."""
    idx = _index_path()
    try:
        data = json.loads(idx.read_text(encoding="utf-8")) if idx.exists() else {}
    except (OSError, ValueError):
        data = {}
    if data.get(_key(ledger_path)) == str(folder):
        return
    data[_key(ledger_path)] = str(folder)
    try:
        idx.parent.mkdir(parents=True, exist_ok=True)
        idx.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass


def _ro_connect(path: Path, immutable: bool = False) -> sqlite3.Connection:
    uri = f"file:{quote(Path(path).as_posix())}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, timeout=5)


def config(ledger) -> dict:
    """The backup settings of a ledger (a Ledger or a path; read directly with SQL, so
    that it works before a migration and on old schemas)."""
    cfg = dict(DEFAULTS)
    try:
        if hasattr(ledger, "engine"):
            with ledger.engine.connect() as conn:
                row = conn.exec_driver_sql(
                    "SELECT value FROM setting WHERE key='backup'"
                ).fetchone()
        else:
            conn = _ro_connect(Path(ledger))
            try:
                row = conn.execute("SELECT value FROM setting WHERE key='backup'").fetchone()
            finally:
                conn.close()
        if row:
            stored = json.loads(row[0])
            if isinstance(stored, dict):
                cfg.update(stored)
    except Exception:  # noqa: BLE001 - no settings (new, old or damaged ledger): defaults
        pass
    return cfg


def save_config(ledger, **changes) -> dict:
    """Change backup settings (folder, daily, weekly, monthly, recent, on_open)."""
    unknown = set(changes) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown backup settings: {unknown}")
    for k in ("daily", "weekly", "monthly", "recent"):
        if k in changes and (not isinstance(changes[k], int) or changes[k] < 0):
            from partydesk.errors import ValidationError

            raise ValidationError("保留份数必须是不小于 0 的整数。", k)
    if changes.get("folder"):
        folder = Path(changes["folder"]).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".partydesk-probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            raise BackupError(
                f"备份文件夹不能写入：{folder}（{e.strerror}）。请换一个文件夹或插好U盘。"
            ) from e
        changes["folder"] = str(folder.resolve())
    with ledger.session() as s:
        cur = settings.get(s, "backup")
        cur.update(changes)
        settings.put(s, "backup", cur)
    _remember_folder(ledger.path, backup_folder(ledger.path, cur))
    return cur


def backup_folder(ledger_path: Path, cfg: dict | None = None) -> Path:
    cfg = cfg if cfg is not None else config(ledger_path)
    if cfg.get("folder"):
        return Path(cfg["folder"]).expanduser()
    return Path(ledger_path).parent / DEFAULT_FOLDER_NAME


def _folders_for(ledger_path: Path) -> list[Path]:
    """Every folder where backups of this ledger may be, configured one first."""
    out = []
    try:
        data = json.loads(_index_path().read_text(encoding="utf-8"))
        remembered = data.get(_key(ledger_path))
        if remembered:
            out.append(Path(remembered))
    except (OSError, ValueError):
        pass
    out.append(Path(ledger_path).parent / DEFAULT_FOLDER_NAME)
    seen, uniq = set(), []
    for f in out:
        k = os.path.normcase(str(f))
        if k not in seen:
            seen.add(k)
            uniq.append(f)
    return uniq


# ---- making backups --------------------------------------------------------------------


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    # Records only: the search index (FTS tables and their shadow tables) is not counted.
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master m WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' AND NOT EXISTS ("
            "SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' "
            "AND m.name LIKE v.name || '\\_%' ESCAPE '\\')"
        )
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _name_for(ledger_path: Path, when: datetime, reason: str, folder: Path) -> Path:
    stem = Path(ledger_path).stem
    base = f"{stem}-{when:%Y%m%d-%H%M%S}-{reason}"
    p = folder / f"{base}{SUFFIX}"
    n = 2
    while p.exists():
        p = folder / f"{base}-{n}{SUFFIX}"
        n += 1
    return p


def _explain(e: BaseException, where: Path) -> str:
    text = str(e).lower()
    full = isinstance(e, OSError) and e.errno == 28 or "full" in text
    if full:
        return f"备份失败：备份位置的磁盘已满（{where}）。账本本身未受影响；请清理磁盘或换一个备份文件夹。"
    if (
        isinstance(e, PermissionError)
        or "readonly" in text
        or "read-only" in text
        or (isinstance(e, OSError) and e.errno in (13, 30))
    ):
        return (
            f"备份失败：备份文件夹不能写入（{where}）。账本本身未受影响；请检查U盘或换一个文件夹。"
        )
    if isinstance(e, OSError) and e.errno in (2, 5, 19):
        return f"备份失败：找不到备份文件夹或设备（{where}），U盘可能已拔出。账本本身未受影响。"
    return f"备份失败（{where}）：{e}。账本本身未受影响。"


def make_backup(
    source,
    reason: str = "manual",
    folder: str | Path | None = None,
    *,
    rotate: bool = True,
    now: datetime | None = None,
) -> BackupInfo:
    """Back up `source` (an open Ledger or a ledger path) into `folder` (default: the
    configured backup folder) and verify it; then rotate old backups there."""
    is_ledger = hasattr(source, "engine")
    ledger_path = Path(source.path if is_ledger else source)
    cfg = config(source)
    folder = Path(folder).expanduser() if folder else backup_folder(ledger_path, cfg)
    now = now or datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BackupError(_explain(e, folder)) from e
    final = _name_for(ledger_path, now, reason, folder)
    tmp = final.with_name(final.name + ".tmp")
    raw = None
    try:
        if is_ledger:
            raw = source.engine.raw_connection()
            src = raw.driver_connection
        else:
            src = _ro_connect(ledger_path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                check = [r[0] for r in dst.execute("PRAGMA integrity_check")]
                counts = _counts(dst)
            finally:
                dst.close()
        finally:
            if raw is not None:
                raw.close()
            else:
                src.close()
        if check != ["ok"]:
            raise BackupError(
                f"备份校验未通过（{'; '.join(check[:3])}），未保存这份备份。账本可能已损坏。"
            )
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise BackupError(_explain(e, folder)) from e
    _remember_folder(ledger_path, folder)
    info = BackupInfo(final, now.replace(microsecond=0), reason, counts, final.stat().st_size)
    if rotate:
        try:
            rotate_folder(ledger_path, folder, cfg, now=now)
        except OSError:
            pass  # an old backup that cannot be deleted is no reason to fail a new one
    return info


def _changed_since(ledger_path: Path, t: float) -> bool:
    for p in (ledger_path, ledger_path.with_name(ledger_path.name + "-wal")):
        try:
            if p.stat().st_mtime > t:
                return True
        except FileNotFoundError:
            pass
    return False


def reason_code(reason: str) -> str:
    """The code in a backup's file name for a reason given as a code or in words
    (e.g. "导入党员：名册.xlsx" -> "import")."""
    if reason in REASONS:
        return reason
    return "import" if "导入" in reason or "import" in reason.lower() else "bulk"


def backup_before(ledger, reason: str = "bulk") -> BackupInfo | None:
    """Back up before an import or a bulk change (call it first; it raises BackupError or
    LedgerReadOnlyError so that the change is not started without a backup). `reason` is
    a code ("import", "bulk") or words ("导入党员：名册.xlsx"). Reuses the newest backup
    when the ledger has not changed since it was made; None for a ledger with no records."""
    ledger.check_writable()
    reason = reason_code(reason)
    latest = list_backups(ledger.path, counts=False)
    if latest:
        newest = latest[0]
        try:
            if not _changed_since(Path(ledger.path), newest.path.stat().st_mtime):
                return newest
        except OSError:
            pass
    if not _has_records(ledger):
        return None
    return make_backup(ledger, reason)


def _has_records(ledger) -> bool:
    with ledger.engine.connect() as conn:
        for t in COUNTED:
            try:
                if conn.exec_driver_sql(f'SELECT 1 FROM "{t}" LIMIT 1').first():
                    return True
            except Exception:  # noqa: BLE001
                continue
    return False


def auto_on_open(ledger, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup made when a ledger is opened (at most once a day)."""
    cfg = config(ledger)
    if not cfg.get("on_open", True) or ledger.readonly:
        return None
    now = now or datetime.now()
    folder = backup_folder(ledger.path, cfg)
    for b in _scan(folder, Path(ledger.path).stem):
        if b.created.date() == now.date():
            return None
    if not _has_records(ledger):
        return None
    return make_backup(ledger, "open", folder, now=now)


def backup_before_migration(path: Path, from_rev: str | None, to_rev: str) -> BackupInfo:
    """The backup taken before a schema upgrade (called by migrate.upgrade_to_head)."""
    return make_backup(path, "migrate")


# ---- listing, rotation -------------------------------------------------------------------


def _scan(folder: Path, stem: str) -> list[BackupInfo]:
    out = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return out
    for p in entries:
        m = _NAME.match(p.name)
        if not m or m["stem"] != stem or not p.is_file():
            continue
        try:
            created = datetime.strptime(m["ts"], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        out.append(BackupInfo(p, created, m["reason"]))
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out


def read_counts(path: Path) -> dict[str, int]:
    conn = _ro_connect(path, immutable=True)
    try:
        return _counts(conn)
    finally:
        conn.close()


def list_backups(
    ledger_path, folder: str | Path | None = None, counts: bool = True
) -> list[BackupInfo]:
    """Backups of the ledger, newest first, with their record counts."""
    ledger_path = Path(getattr(ledger_path, "path", ledger_path))
    folders = [Path(folder)] if folder else [backup_folder(ledger_path)]
    out: list[BackupInfo] = []
    for f in folders:
        out.extend(_scan(f, ledger_path.stem))
    for b in out:
        try:
            b.size = b.path.stat().st_size
            if counts:
                b.counts = read_counts(b.path)
        except (OSError, sqlite3.Error):
            b.counts = {}
    return out


def select_keep(
    created: list[datetime], daily: int, weekly: int, monthly: int, recent: int
) -> set[int]:
    """Indexes (into `created`) of the backups rotation keeps: the newest `recent`, and
    the newest backup of each of the newest `daily` days / `weekly` ISO weeks / `monthly`
    months that have backups."""
    order = sorted(range(len(created)), key=lambda i: created[i], reverse=True)
    keep = set(order[:recent])
    for count, bucket in (
        (daily, lambda d: d.date()),
        (weekly, lambda d: tuple(d.isocalendar())[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ):
        seen: set = set()
        for i in order:
            k = bucket(created[i])
            if k in seen:
                continue
            seen.add(k)
            if len(seen) > count:
                break
            keep.add(i)
    return keep


def rotate_folder(ledger_path: Path, folder: Path, cfg: dict | None = None, now=None) -> list[Path]:
    """Delete the backups of this ledger in `folder` that rotation does not keep."""
    cfg = cfg or config(ledger_path)
    items = _scan(folder, Path(ledger_path).stem)
    keep = select_keep(
        [b.created for b in items],
        int(cfg["daily"]),
        int(cfg["weekly"]),
        int(cfg["monthly"]),
        max(1, int(cfg["recent"])),
    )
    deleted = []
    for i, b in enumerate(items):
        if i not in keep:
            b.path.unlink()
            deleted.append(b.path)
    return deleted


# ---- verifying, finding a good one, restoring ---------------------------------------------


def verify(path: str | Path, quick: bool = False) -> tuple[bool, str]:
    """(ok, message): is the file an intact PartyDesk ledger?"""
    path = Path(path)
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False, "不是账本文件"
        conn = _ro_connect(path, immutable=True)
        try:
            rows = [
                r[0]
                for r in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")
            ]
            if rows != ["ok"]:
                return False, "文件已损坏：" + "; ".join(rows[:3])
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone():
                return False, "不是 PartyDesk 账本（缺少版本信息）"
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as e:
        return False, f"无法读取（{e}）"
    return True, "完好"


def find_good_backup(ledger_path: Path, tries: int = 8) -> BackupInfo | None:
    """The newest backup of the ledger that passes a quick check, from every folder where
    its backups may be."""
    candidates: list[BackupInfo] = []
    for f in _folders_for(Path(ledger_path)):
        candidates.extend(_scan(f, Path(ledger_path).stem))
    candidates.sort(key=lambda b: b.created, reverse=True)
    for b in candidates[:tries]:
        ok, _ = verify(b.path, quick=True)
        if ok:
            b.size = b.path.stat().st_size
            try:
                b.counts = read_counts(b.path)
            except sqlite3.Error:
                pass
            return b
    return None


def restore(target, backup_file: str | Path) -> BackupInfo | None:
    """Replace the ledger's content with `backup_file`. The current state is backed up
    first (reason "restore"); a damaged ledger is copied aside instead. `target` is an open
    writable Ledger (restored in place, sessions see the new content) or a ledger path
    (must not be open elsewhere). Returns the safety backup of the old state."""
    from partydesk import audit
    from partydesk.ledger import migrate
    from partydesk.ledger.db import open_ledger

    backup_file = Path(backup_file).expanduser()
    if not backup_file.is_file():
        raise BackupError(f"找不到备份文件：{backup_file}。")
    ok, why = verify(backup_file)
    if not ok:
        raise BackupError(f"备份文件不能用来恢复：{backup_file}（{why}）。账本未改动。")

    if hasattr(target, "engine"):
        ledger = target
        ledger.check_writable()
        safety = make_backup(ledger, "restore")
        src = _ro_connect(backup_file, immutable=True)
        raw = ledger.engine.raw_connection()
        try:
            src.backup(raw.driver_connection)
        except sqlite3.Error as e:
            from partydesk.ledger.db import translate_sqlite_error

            raise (translate_sqlite_error(e, ledger.path, ledger) or BackupError(str(e))) from e
        finally:
            raw.close()
            src.close()
        ledger.engine.dispose()  # pooled connections may cache the old schema
        migrate.upgrade_to_head(ledger.engine, None)
        with ledger.session() as s:
            audit.log(
                s,
                "restore",
                "ledger",
                label=f"从备份恢复：{backup_file.name}",
                new={"备份": str(backup_file), "恢复前备份": str(safety.path)},
            )
        return safety

    path = Path(target).expanduser()
    from partydesk.ledger import lock as locking

    lk, holder = locking.acquire(path)
    if holder is not None:
        raise BackupError(
            f"账本正在被{holder.describe()}使用，不能恢复。请先关闭另一处的 PartyDesk。"
        )
    safety = None
    try:
        good, _ = verify(path, quick=True) if path.exists() else (False, "")
        if good:
            safety = make_backup(path, "restore")
            conn = sqlite3.connect(path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        elif path.exists():
            folder = backup_folder(path)
            folder.mkdir(parents=True, exist_ok=True)
            aside = folder / f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}-damaged.partydesk.damaged"
            shutil.copy2(path, aside)
        tmp = path.with_name(path.name + ".restoring")
        src = _ro_connect(backup_file, immutable=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        # A stale WAL would be replayed onto the restored file: remove it first (its
        # content is in the safety backup, or it belongs to the damaged file).
        for suffix in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                if not good:
                    shutil.copy2(side, backup_folder(path) / (side.name + ".damaged"))
                side.unlink()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as e:
        path.with_name(path.name + ".restoring").unlink(missing_ok=True)
        raise BackupError(f"恢复失败：{e}。") from e
    finally:
        if lk is not None:
            lk.release()
    with open_ledger(path) as lg:
        with lg.session() as s:
            audit.log(
                s,
                "restore",
                "ledger",
                label=f"从备份恢复：{backup_file.name}",
                new={
                    "备份": str(backup_file),
                    "恢复前备份": str(safety.path) if safety else "（原账本已损坏）",
                },
            )
    return safety
