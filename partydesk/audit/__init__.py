"""The audit log (操作日志): every change to a ledger, who made it, old and new values.

Every ORM change is recorded automatically: `install(ledger)` (called by Ledger) listens
to the ledger's sessions (after_flush: attribute history gives old and new values) and to
ORM bulk UPDATE/DELETE statements (do_orm_execute: one summary row each). The entries are
written on the same connection, in the same transaction, as the change itself: a change
that is rolled back leaves no entry, and no change is committed without its entry.

Work that bypasses the ORM (imports with bulk inserts, raw SQL) calls `log(...)` itself.
Bulk INSERT statements are not recorded automatically (the demo generator makes 100,000
rows that way; an import records one `import` entry instead). Set
`session.info["audit"] = False` to switch recording off for a session.

The package: `labels` (Chinese words), `recording` (listeners and `log`), `reading`
(filters, queries, export); this module re-exports their public names, so callers write
`audit.log(...)`, `audit.TABLE_LABELS[...]`.
"""

from partydesk.audit.labels import (
    ACTION_LABELS,
    FIELD_LABELS,
    TABLE_LABELS,
    VALUE_ENUMS,
    action_label,
    field_label,
    table_label,
    value_label,
)
from partydesk.audit.reading import (
    HEADERS,
    AuditFilter,
    Names,
    count,
    distinct_values,
    entry_row,
    export_xlsx,
    local_to_utc,
    query,
    query_ids,
    resolve_table,
    utc_to_local,
    values_dict,
    values_text,
)
from partydesk.audit.recording import (
    IGNORED_COLUMNS,
    REDACTED,
    REDACTED_SETTINGS,
    SKIP_TABLES,
    install,
    log,
    log_many,
    record_label,
    who_for,
)

__all__ = [
    "ACTION_LABELS",
    "FIELD_LABELS",
    "HEADERS",
    "IGNORED_COLUMNS",
    "REDACTED",
    "REDACTED_SETTINGS",
    "SKIP_TABLES",
    "TABLE_LABELS",
    "VALUE_ENUMS",
    "AuditFilter",
    "Names",
    "action_label",
    "count",
    "distinct_values",
    "entry_row",
    "export_xlsx",
    "field_label",
    "install",
    "local_to_utc",
    "log",
    "log_many",
    "query",
    "query_ids",
    "record_label",
    "resolve_table",
    "table_label",
    "utc_to_local",
    "value_label",
    "values_dict",
    "values_text",
    "who_for",
]
