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

The package: `files` (names, BackupInfo, scanning), `policy` (settings, folders),
`making`, `finding` (listing, verifying), `rotation`, `restore`; this module re-exports
their public names (`backup.make_backup(...)`, `backup.restore(...)`). Every function here
is a plain call that a worker thread can make.
"""

from partydesk.backup.files import (
    COUNTED,
    DEFAULT_FOLDER_NAME,
    REASONS,
    SUFFIX,
    BackupCheckError,
    BackupError,
    BackupInfo,
    read_counts,
)
from partydesk.backup.finding import find_good_backup, list_backups, verify
from partydesk.backup.making import (
    auto_on_open,
    backup_before,
    backup_before_migration,
    make_backup,
    reason_code,
    save_copy,
)
from partydesk.backup.policy import DEFAULTS, backup_folder, config, save_config
from partydesk.backup.restore import restore
from partydesk.backup.rotation import rotate_folder, select_keep

__all__ = [
    "COUNTED",
    "DEFAULTS",
    "DEFAULT_FOLDER_NAME",
    "REASONS",
    "SUFFIX",
    "BackupCheckError",
    "BackupError",
    "BackupInfo",
    "auto_on_open",
    "backup_before",
    "backup_before_migration",
    "backup_folder",
    "config",
    "find_good_backup",
    "list_backups",
    "make_backup",
    "read_counts",
    "reason_code",
    "restore",
    "rotate_folder",
    "save_config",
    "save_copy",
    "select_keep",
    "verify",
]
