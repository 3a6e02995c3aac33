"""Undoable operations on the ledger: each user action calls the core service
(`partydesk.ledger.editing`) once, and on success pushes a QUndoCommand onto the shared
`ctx.undo_stack` that can reverse it; every table hears of the change via `ctx.changes`.

The functions return an error text (Chinese) or None/result; nothing is written when
the core refuses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from partydesk.errors import PartyDeskError
from partydesk.ledger import editing
from partydesk.ledger import fields as F
from partydesk.ledger.errors import ConflictError
from ui.errors import describe


def _notify(ctx, entity: str, ids=None, structural: bool = False) -> None:
    hub = getattr(ctx, "changes", None)
    if hub is not None:
        hub.notify(entity, ids, structural)


def _message(exc: BaseException) -> str:
    return describe(exc) or QCoreApplication.translate("TableCommands", "操作未完成：%1").replace(
        "%1", str(exc)
    )


def is_conflict(message: str | None) -> bool:
    """Was this refusal 已被他人修改 (the record was saved by someone else)?"""
    return bool(message) and message.startswith(ConflictError.PREFIX)


class _LedgerCommand(QUndoCommand):
    """Runs the first redo() as already done (the action ran before the push); later
    undo/redo failures (the record was changed elsewhere) are reported, not raised."""

    def __init__(self, ctx, text: str):
        super().__init__(text)
        self.ctx = ctx
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_)

    def _run(self, fn) -> None:
        try:
            with self.ctx.ledger.session() as s:
                fn(s)
        except Exception as e:  # noqa: BLE001 - shown to the user, command dropped
            self.setObsolete(True)
            self.ctx.status(self.text() + "：" + _message(e), 10000)
            if isinstance(e, ConflictError) and e.entity:
                _notify(self.ctx, e.entity, [e.id])
        finally:
            self.notify()

    def do(self, s) -> None: ...

    def undo_(self, s) -> None: ...

    def notify(self) -> None: ...


class EditCommand(_LedgerCommand):
    def __init__(self, ctx, entity: str, changes: list[editing.Change], text: str):
        super().__init__(ctx, text)
        self.entity, self.changes = entity, changes

    def do(self, s) -> None:
        editing.reapply(s, self.changes)

    def undo_(self, s) -> None:
        editing.revert(s, self.changes)

    def notify(self) -> None:
        _notify(self.ctx, self.entity, [c.id for c in self.changes])


class AddCommand(_LedgerCommand):
    def __init__(self, ctx, snap: editing.Snapshot):
        super().__init__(
            ctx, QCoreApplication.translate("TableCommands", "新增%1").replace("%1", snap.label)
        )
        self.snap = snap

    def do(self, s) -> None:
        editing.restore(s, self.snap)

    def undo_(self, s) -> None:
        self.snap = editing.delete_record(
            s, self.snap.entity, self.snap.id, expect_uuid=self.snap.uuid
        )

    def notify(self) -> None:
        _notify(self.ctx, self.snap.entity, [self.snap.id], True)


class DeleteCommand(_LedgerCommand):
    def __init__(self, ctx, snap: editing.Snapshot, move_to: int | None):
        super().__init__(
            ctx, QCoreApplication.translate("TableCommands", "删除%1").replace("%1", snap.label)
        )
        self.snap, self.move_to = snap, move_to

    def do(self, s) -> None:
        self.snap = editing.delete_record(
            s,
            self.snap.entity,
            self.snap.id,
            expect_uuid=self.snap.uuid,
            move_members_to=self.move_to,
        )

    def undo_(self, s) -> None:
        editing.restore(s, self.snap)

    def notify(self) -> None:
        _notify(self.ctx, self.snap.entity, [self.snap.id], True)
        if self.move_to is not None:
            _notify(self.ctx, "person", None)


# --------------------------------------------------------------------- actions


def edit(
    ctx,
    entity: str,
    rec_id: int,
    uuid: str | None,
    raw: dict[str, Any],
    version: int | None = None,
) -> str | None:
    """Validate and write fields of one record as one undo step; the reason if refused.
    `version` is the one shown: a record saved by someone else since is refused (已被他人
    修改) and every table reloads its row."""
    try:
        with ctx.ledger.session() as s:
            change = editing.set_fields(
                s, entity, rec_id, raw, expect_uuid=uuid, expect_version=version
            )
    except Exception as e:  # noqa: BLE001
        if not isinstance(e, PartyDeskError) and not describe(e):
            raise
        if isinstance(e, ConflictError):
            _notify(ctx, entity, [rec_id])
        return _message(e)
    if not change.after:
        return None
    labels = "、".join(F.label_of(entity, k) for k in raw)
    text = QCoreApplication.translate("TableCommands", "修改%1").replace("%1", labels)
    ctx.undo_stack.push(EditCommand(ctx, entity, [change], text))
    _notify(ctx, entity, [rec_id])
    return None


def paste(
    ctx,
    entity: str,
    cells: list[tuple[int, str | None, str, Any]],
    versions: dict[int, int] | None = None,
):
    """Write a pasted block as one undo step. Returns (changes, refusals); rows saved by
    someone else since they were shown (`versions`) are refused and reloaded."""
    with ctx.ledger.session() as s:
        changes, refused = editing.paste_cells(s, entity, cells, versions=versions)
    stale = sorted({r.id for r in refused if is_conflict(r.reason)})
    if stale:
        _notify(ctx, entity, stale)
    if changes:
        n = sum(len(c.fields) for c in changes)
        text = QCoreApplication.translate("TableCommands", "粘贴%1个单元格").replace("%1", str(n))
        ctx.undo_stack.push(EditCommand(ctx, entity, changes, text))
        _notify(ctx, entity, [c.id for c in changes])
    return changes, refused


def add(ctx, entity: str, raw: dict[str, Any]) -> tuple[editing.Snapshot | None, str | None]:
    try:
        with ctx.ledger.session() as s:
            snap = editing.add_record(s, entity, raw)
    except PartyDeskError as e:
        return None, str(e)
    ctx.undo_stack.push(AddCommand(ctx, snap))
    _notify(ctx, entity, [snap.id], True)
    return snap, None


def delete(
    ctx,
    entity: str,
    items: list[tuple[int, str | None]],
    move_to: int | None = None,
    versions: dict[int, int] | None = None,
):
    """Delete records (one undo step). Raises HasMembersError for an organization with
    members (unless `move_to`); other refusals come back as the error text (a record
    saved by someone else since it was shown, `versions`, is 已被他人修改)."""
    snaps: list[editing.Snapshot] = []
    versions = versions or {}
    try:
        with ctx.ledger.session() as s:
            for rec_id, uuid in items:
                snaps.append(
                    editing.delete_record(
                        s,
                        entity,
                        rec_id,
                        expect_uuid=uuid,
                        expect_version=versions.get(rec_id),
                        move_members_to=move_to,
                    )
                )
    except editing.HasMembersError:
        raise
    except ConflictError as e:
        _notify(ctx, entity, [e.id] if e.id is not None else None)
        return str(e)
    except PartyDeskError as e:
        return str(e)
    if len(snaps) == 1:
        ctx.undo_stack.push(DeleteCommand(ctx, snaps[0], move_to))
    else:
        ctx.undo_stack.beginMacro(
            QCoreApplication.translate("TableCommands", "删除%1条%2记录")
            .replace("%1", str(len(snaps)))
            .replace("%2", F.entity(entity).label)
        )
        for snap in snaps:
            ctx.undo_stack.push(DeleteCommand(ctx, snap, move_to))
        ctx.undo_stack.endMacro()
    _notify(ctx, entity, [s.id for s in snaps], True)
    if move_to is not None:
        _notify(ctx, "person", None)
    return None


class HostsCommand(_LedgerCommand):
    """A change of an organization's host units (所在单位)."""

    def __init__(self, ctx, change, text: str):
        super().__init__(ctx, text)
        self.change = change

    def do(self, s) -> None:
        from partydesk.ledger import hosts

        hosts.set_host_units(s, self.change.org_id, self.change.after)

    def undo_(self, s) -> None:
        from partydesk.ledger import hosts

        hosts.set_host_units(s, self.change.org_id, self.change.before)

    def notify(self) -> None:
        _notify_hosts(self.ctx, self.change.org_id)


def _notify_hosts(ctx, org_id: int) -> None:
    # the organization's 所在单位 column, and the units' 党组织 column and coverage
    _notify(ctx, "org", [org_id])
    _notify(ctx, "unit", None)


def set_hosts(ctx, org_id: int, unit_ids: list[int], org_name: str = ""):
    """Make `unit_ids` the host units of an organization, as one undo step. Returns
    (HostChange or None, error text or None); warnings are in the change."""
    from partydesk.ledger import hosts

    try:
        with ctx.ledger.session() as s:
            change = hosts.set_host_units(s, org_id, unit_ids)
    except PartyDeskError as e:
        return None, str(e)
    if change.changed:
        who = org_name or QCoreApplication.translate("TableCommands", "党组织")
        text = QCoreApplication.translate("TableCommands", "修改%1的所在单位").replace("%1", who)
        ctx.undo_stack.push(HostsCommand(ctx, change, text))
        _notify_hosts(ctx, org_id)
    return change, None


class SnapshotCommand(_LedgerCommand):
    """A change to part of an organization kept as before/after snapshots (its 班子 or its
    党小组): undone and redone by putting that part back as it was."""

    def __init__(self, ctx, part, before, after, text: str, touches: tuple[str, ...]):
        super().__init__(ctx, text)
        self.part, self.before, self.after, self.touches = part, before, after, touches

    def do(self, s) -> None:
        self.part.restore(s, self.after)

    def undo_(self, s) -> None:
        self.part.restore(s, self.before)

    def notify(self) -> None:
        _notify_parts(self.ctx, self.before.org_id, self.touches)


def _notify_parts(ctx, org_id: int, touches: tuple[str, ...]) -> None:
    _notify(ctx, "org", [org_id])
    for entity in touches:
        _notify(ctx, entity, None)


def snapshot_change(ctx, part, org_id: int, text: str, fn, touches: tuple[str, ...] = ()):
    """Run `fn(session)` on the part of an organization that `part` (a module with
    `snapshot(session, org_id)` and `restore(session, snap)`: ledger.committee or
    ledger.groups) keeps, as one undo step. Returns (fn's result or None, error or None);
    `touches` names the other tables whose rows it changes."""
    try:
        with ctx.ledger.session() as s:
            before = part.snapshot(s, org_id)
            result = fn(s)
            after = part.snapshot(s, org_id)
    except PartyDeskError as e:
        return None, str(e)
    ctx.undo_stack.push(SnapshotCommand(ctx, part, before, after, text, touches))
    _notify_parts(ctx, org_id, touches)
    return result, None


class HistoryCommand(_LedgerCommand):
    """A transfer or move recorded in a person's history (the change and its entry)."""

    def __init__(self, ctx, step):
        super().__init__(ctx, step.label)
        self.step = step

    def do(self, s) -> None:
        from partydesk.ledger import history

        history.redo(s, self.step)

    def undo_(self, s) -> None:
        from partydesk.ledger import history

        history.undo(s, self.step)

    def notify(self) -> None:
        _notify(self.ctx, "person", [self.step.person_id])


def record_history(ctx, fn):
    """Run `fn(session) -> history.Step` as one undo step: (step or None, error or None)."""
    try:
        with ctx.ledger.session() as s:
            step = fn(s)
    except PartyDeskError as e:
        return None, str(e)
    ctx.undo_stack.push(HistoryCommand(ctx, step))
    _notify(ctx, "person", [step.person_id])
    return step, None
