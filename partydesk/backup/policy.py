"""The backup policy: settings (folder, how many to keep, daily on open) and where a
ledger's backups are, remembered outside the ledger so that a damaged one still finds them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from partydesk import settings
from partydesk.backup.files import DEFAULT_FOLDER_NAME, BackupError, ro_connect
from partydesk.ledger import paths

DEFAULTS = {
    "folder": "",  # empty: "账本备份" beside the ledger
    "daily": 7,
    "weekly": 4,
    "monthly": 12,
    "recent": 3,  # the newest N are always kept (e.g. the one just made before an import)
    "on_open": True,
}
settings.DEFAULTS["backup"] = DEFAULTS


def _index_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("PartyDesk", appauthor=False) / "backup-folders.json"


def _key(ledger_path: Path) -> str:
    return os.path.normcase(str(Path(ledger_path).expanduser().resolve()))


def remember_folder(ledger_path: Path, folder: Path) -> None:
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
            conn = ro_connect(Path(ledger))
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
            paths.private_folder(folder)
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
    remember_folder(ledger.path, backup_folder(ledger.path, cur))
    return cur


def backup_folder(ledger_path: Path, cfg: dict | None = None) -> Path:
    cfg = cfg if cfg is not None else config(ledger_path)
    if cfg.get("folder"):
        return Path(cfg["folder"]).expanduser()
    return Path(ledger_path).parent / DEFAULT_FOLDER_NAME


def folders_for(ledger_path: Path) -> list[Path]:
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
