"""The audit log's chain (防篡改): each entry carries a keyed hash (HMAC-SHA256 with the
ledger's key, which is not in the ledger) over its own content and the previous entry's
hash. Editing an entry (who, when, values), deleting one or slipping one in breaks the
chain from there on; `verify` names the first entry that does not fit.

Entries written before the chain existed (older ledgers) or on a PC without the key have
no hash: the former are listed as not covered, an unsigned entry after signed ones is
reported as broken (it was added behind the program's back, or on a PC without the key).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from partydesk import keys
from partydesk.ledger.models.audit import AuditEntry

_COLUMNS = (
    "id",
    "at",
    "who",
    "action",
    "table_name",
    "record_id",
    "record_uuid",
    "label",
    "old_values",
    "new_values",
)


def _text(v) -> object:
    if isinstance(v, datetime):
        return v.isoformat(sep=" ", timespec="microseconds")
    return v


def entry_hash(key: bytes, previous: str | None, row: dict) -> str:
    body = json.dumps([previous or "", *(_text(row.get(c)) for c in _COLUMNS)], ensure_ascii=False)
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _key(session: Session) -> bytes | None:
    key = keys.ledger_key(session)
    return keys.derive(key, "audit-chain") if key is not None else None


def take_turn(session: Session) -> None:
    """On a server, wait for the other clerks' writing transactions to commit.

    Each entry chains to the one before, so writers take turns instead of two of them
    continuing from the same last entry (a forked chain, colliding ids). The turn is
    taken at a transaction's first write (before_flush), before it locks any row, so a
    clerk holding the turn never waits for a row another clerk's waiting transaction
    holds; it lasts until commit (a few milliseconds for a clerk's edit)."""
    if session.get_bind().dialect.name != "postgresql" or session.info.get("audit") is False:
        return
    session.connection().execute(text("SELECT pg_advisory_xact_lock(hashtext('partydesk audit'))"))


def link(session: Session, rows: list[dict]) -> None:
    """Give the new rows their ids and hashes, continuing the chain (in the caller's
    transaction, just before they are inserted)."""
    key = _key(session)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        take_turn(session)
        # through a function of the ledger's owner: a township clerk's lane may hide
        # the last entry itself
        last = conn.execute(text("SELECT id, chain FROM partydesk_audit_last()")).first()
        if last is not None and last[0] is None:
            last = None
    else:
        last = conn.execute(
            select(AuditEntry.id, AuditEntry.chain).order_by(AuditEntry.id.desc()).limit(1)
        ).first()
    next_id = (last[0] if last else 0) + 1
    previous = last[1] if last else None
    for row in rows:
        row["id"] = next_id
        next_id += 1
        row["chain"] = entry_hash(key, previous, row) if key is not None else None
        previous = row["chain"]


@dataclass
class ChainReport:
    """What `verify` found: `broken` is the first entry that does not fit (or None)."""

    checked: int = 0
    unsigned_before: int = 0  # entries older than the chain (an older ledger)
    broken: AuditEntry | None = None
    no_key: bool = False

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.no_key

    def message(self) -> str:
        if self.no_key:
            return (
                "本机没有这本账本的密钥文件，无法核验操作日志。请用 partydesk key import "
                "导入办公室保存的密钥文件。"
            )
        if self.broken is not None:
            e = self.broken
            return (
                f"操作日志第 {e.id} 条（{e.at:%Y-%m-%d %H:%M}，{e.who}，{e.label or e.action}）"
                "与前后记录对不上：这条或它前面的记录被改动、删除或插入过。"
            )
        note = (
            f"（另有 {self.unsigned_before} 条早于防篡改功能的记录未受保护）"
            if self.unsigned_before
            else ""
        )
        return f"操作日志完好：{self.checked} 条记录都与前后记录对得上{note}。"


def verify(session: Session) -> ChainReport:
    rep = ChainReport()
    key = None
    previous: str | None = None
    started = False
    expected_id = None
    stmt = select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)
    for e in session.scalars(stmt):
        if not started:
            if e.chain is None:
                rep.unsigned_before += 1
                previous = None
                expected_id = e.id + 1
                continue
            started = True
            raw = keys.ledger_key(session, create=False)
            if raw is None:
                rep.no_key = True
                return rep
            key = keys.derive(raw, "audit-chain")
        row = {c: getattr(e, c) for c in _COLUMNS}
        gap = expected_id is not None and e.id != expected_id and rep.checked > 0
        if (
            e.chain is None
            or gap
            or not hmac.compare_digest(e.chain, entry_hash(key, previous, row))
        ):
            rep.broken = e
            return rep
        rep.checked += 1
        previous = e.chain
        expected_id = e.id + 1
    return rep
