"""The lazy table model: row ids from one SQL query, rows fetched in small blocks when
the view asks for them (the pattern of Anki's browser table).

Long because the id list's three ways in — a query, a slow query's worker, and the
re-read after other clerks' changes — share its cache and its row positions."""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections import OrderedDict
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)

from partydesk.ledger import fields as F
from partydesk.ledger import listing
from partydesk.ledger.listing import ListQuery

RAW_ROLE = int(Qt.UserRole) + 1  # the stored value (code, date, id …)
ID_ROLE = int(Qt.UserRole) + 2  # the record id of the row
# Plain ints: data() runs for every painted cell and role, and enum lookups add up.
_DISPLAY, _EDIT, _ALIGN = int(Qt.DisplayRole), int(Qt.EditRole), int(Qt.TextAlignmentRole)
_HORIZONTAL = Qt.Horizontal
_RIGHT = Qt.AlignmentFlag(int(Qt.AlignRight) | int(Qt.AlignVCenter))
_LOADERS: set = set()  # running id loaders, kept alive until they report
# The first screen of a table read off the UI thread before its page is built (start-up:
# `prime`): ledger -> {entity: what was read}, taken by that table's first reload.
_PRIMED: WeakKeyDictionary = WeakKeyDictionary()


def prime(ledger, entity_key: str, session) -> None:
    """Read the first ids and rows of `entity_key`'s default view now (a worker, while the
    window shows its first screen), so the page's first reload runs no SQL on the UI
    thread. Only the next model of this ledger and entity takes them, and only for the
    default view. (Read milliseconds before the page is built: no staler than the ids a
    page reads itself, and the window's watch of other clerks' changes starts after.)"""
    ids = listing.query_ids(session, ListQuery(entity_key), limit=LedgerTableModel.FIRST + 1)
    names = [c.name for c in listing.columns(entity_key)]
    versions: dict[int, int] = {}
    block = ids[: LedgerTableModel.BLOCK]
    rows = listing.fetch_rows(session, entity_key, block, names, versions)
    _PRIMED.setdefault(ledger, {})[entity_key] = (ids, block, rows, versions)


class _IdsSignals(QObject):
    done = Signal(int, object, bool)  # generation, ids (an array, or an exception), complete


class _IdsLoader(QRunnable):
    """Loads the id list off the UI thread (its own session and connection), in chunks:
    the interpreter lock is given up between rows, so the window keeps painting. With
    `first`, the first screenful is reported before the rest (a slow sort). Between
    chunks it sleeps a moment: fetching rows holds the lock most of the time, and the UI
    thread, which takes it for every cell it paints, waited up to 5 ms each time (the
    interpreter's switch interval) — 50-120 ms stalls while a sort's rest arrived."""

    CHUNK = 5000  # ids turned into Python objects at a time (holding the interpreter lock)
    PAUSE_S = 0.001  # between chunks: the UI thread takes the lock (its paint, its input)
    FIRST_PAUSE_S = 0.05  # after the first screenful: the window shows it undisturbed

    def __init__(self, ledger, query: ListQuery, generation: int, first: int = 0):
        super().__init__()
        self.ledger, self.query, self.generation = ledger, query, generation
        self.first = first
        self.signals = _IdsSignals()

    def run(self) -> None:
        ids = array("q")
        try:
            with self.ledger.session() as s:
                chunks = listing.iter_ids(s, self.query, self.first or self.CHUNK, self.CHUNK)
                for chunk in chunks:
                    ids.extend(chunk)
                    if self.first and len(ids) == len(chunk) and len(chunk) >= self.first:
                        self._report(array("q", ids), False)
                        time.sleep(self.FIRST_PAUSE_S)
                    else:
                        time.sleep(self.PAUSE_S)
        except Exception as e:  # noqa: BLE001 - reported on the UI thread
            self._report(e, True)
            return
        self._report(ids, True)

    def _report(self, ids, complete: bool) -> None:
        if not shiboken6.isValid(self.signals):
            return  # the window closed while the list was read: nobody is left to tell
        try:
            self.signals.done.emit(self.generation, ids, complete)
        except RuntimeError:  # deleted between the check and the emit (quitting)
            pass


def _formatter(entity_key: str, col: listing.Column):
    """A fast value -> text function for one column (display() does lookups each call)."""
    if col.field is not None and col.kind == "enum":
        labels = {m.value: m.label for m in F.entity(entity_key).field(col.field).enum}
        return lambda v: "" if v is None else labels.get(v, str(v))
    if col.kind == "bool":
        yes = QCoreApplication.translate("LedgerTableModel", "是")
        no = QCoreApplication.translate("LedgerTableModel", "否")
        return lambda v: "" if v is None else (yes if v else no)

    def fmt(v):
        if v is None:
            return ""
        if v.__class__ is str:
            return v
        if isinstance(v, date):
            return v.isoformat()[:10]  # YYYY-MM-DD; isoformat is far cheaper than strftime
        return str(v)

    return fmt


class LedgerTableModel(QAbstractTableModel):
    """Rows of one entity of `partydesk.ledger.fields`, as selected by a `ListQuery`.

    Holds only the ordered ids; `data()` fetches the block of BLOCK rows around a missing
    row and caches at most CACHE rows. Edits go through `editor` (see ui.table.commands),
    never straight to the database. `loaded` fires when the id list changes (count known).
    """

    BLOCK = 100
    CACHE = 3000
    FIRST = 200  # ids fetched on the UI thread (a screenful or more); the rest from a worker
    BUDGET_S = 0.015  # longer, and the first ids come from the worker too (no freeze)
    REST_AFTER_MS = 60  # the rest of a long list is read once the first rows are painted
    loaded = Signal()
    refused = Signal(str)  # an edit was refused: the reason, in Chinese

    def __init__(self, ctx, entity_key: str, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ledger = ctx.ledger
        self.entity = entity_key
        self.columns = listing.columns(entity_key)
        self._names = [c.name for c in self.columns]
        self._fmt = [_formatter(entity_key, c) for c in self.columns]
        self._align = [_RIGHT if c.kind == "int" else None for c in self.columns]
        self._right = frozenset(i for i, c in enumerate(self.columns) if c.kind == "int")
        ro = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        self._flags = [ro if c.field is None else ro | Qt.ItemIsEditable for c in self.columns]
        self._ro_flags = ro
        self.query = ListQuery(entity_key)
        self._ids = array("q")
        self._pos: dict[int, int] | None = None  # id -> row, made when first asked
        self._by_id = True
        self.pending = False
        self._cache: OrderedDict[int, list] = OrderedDict()  # id -> [uuid, raws, texts]
        self._generation = 0
        self.complete = True
        self.total = 0
        self.readonly = bool(getattr(self.ledger, "readonly", False))
        self._refresh_generation = -1
        self.refreshing = False  # the id list is being read again (other clerks' changes)
        hub = getattr(ctx, "changes", None)
        if hub is not None:
            hub.changed.connect(self._on_changed)
            hub.elsewhere.connect(self.refresh)

    # ----------------------------------------------------------------- query

    def set_query(self, query: ListQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Run the query again: the first FIRST ids now if they come within BUDGET_S,
        the rest (or, for a sort no index serves, everything) off the UI thread. Until a
        slow query's first rows arrive, the rows shown stay (`pending` is true)."""
        self._generation += 1
        primed = _PRIMED.get(self.ledger, {}).pop(self.entity, None)
        if primed is not None and self.query == ListQuery(self.entity):
            ids, block, rows, versions = primed
            self._set_first(ids)
            self._store(block, rows, versions)
            return
        try:
            with self.ledger.session() as s:
                ids = listing.query_ids(s, self.query, limit=self.FIRST + 1, budget_s=self.BUDGET_S)
        except listing.TooSlow:
            self.pending = True
            self.complete = False
            self._start_loader(first=self.FIRST)
            return
        self._set_first(ids)

    def _set_first(self, ids: list[int]) -> None:
        """The first FIRST+1 ids of a query: shown; the rest from a worker if there are more."""
        self.pending = False
        self.complete = len(ids) <= self.FIRST
        if not self.complete:
            ids = ids[: self.FIRST]
            self._start_loader()
        self.beginResetModel()
        self._set_ids(array("q", ids))
        self._cache.clear()
        self.endResetModel()
        self.loaded.emit()

    def _start_loader(self, first: int = 0) -> None:
        loader = _IdsLoader(self.ledger, self.query, self._generation, first)
        loader.setAutoDelete(False)
        loader.signals.done.connect(self._on_ids, Qt.QueuedConnection)
        loader.signals.done.connect(lambda *_: _LOADERS.discard(loader))
        _LOADERS.add(loader)
        # The rest of a list shown already waits until its rows are painted: read at the
        # same time, its rows' Python objects took the interpreter lock from every cell
        # the window painted (a new page's first paint went from ~20 to 45-80 ms).
        delay = 0 if first else self.REST_AFTER_MS
        QTimer.singleShot(delay, lambda: QThreadPool.globalInstance().start(loader))

    def _set_ids(self, ids: array) -> None:
        self._ids = ids
        self._pos = None
        q = self.query
        # Ordered by record number: a row is found by bisection, with no index to build.
        self._by_id = not q.sort and not q.descending

    def refresh(self) -> None:
        """Someone else changed the ledger: the shown rows are fetched again now, and the
        id list is read again off the UI thread (`_apply_refresh`)."""
        if self.pending or not self.complete:
            return  # a list still arriving is read fresh anyway
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1)
            )
        self._generation += 1
        self._refresh_generation = self._generation
        self.refreshing = True
        self._start_loader()

    def _apply_refresh(self, ids: array) -> None:
        """The re-read id list replaces the old as a layout change: selected and current
        cells stay on the same records (rows added or removed by others around them)."""
        self.refreshing = False
        if ids == self._ids:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        n = len(self._ids)
        keep = [(ix, self._ids[ix.row()] if 0 <= ix.row() < n else None) for ix in old]
        self._set_ids(ids)
        self._cache.clear()
        new = []
        for ix, rid in keep:
            r = self.row_of(rid) if rid is not None else -1
            new.append(self.index(r, ix.column()) if r >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self.loaded.emit()

    def _on_ids(self, generation: int, ids, complete: bool) -> None:
        if generation != self._generation:
            return  # a newer query has replaced this one
        if isinstance(ids, Exception):
            self.pending = False
            self.complete = True
            self.refreshing = False
            self.refused.emit(self.tr("读取列表失败：%1").replace("%1", str(ids)))
            return
        if generation == self._refresh_generation:
            self._apply_refresh(ids)
            return
        n = len(self._ids)
        if not self.pending and ids[:n] == self._ids:
            self.complete = complete
            if len(ids) > n:
                self.beginInsertRows(QModelIndex(), n, len(ids) - 1)
                self._set_ids(ids)
                self.endInsertRows()
        else:
            self.pending = False
            self.complete = complete
            self.beginResetModel()
            self._set_ids(ids)
            self._cache.clear()
            self.endResetModel()
        self.loaded.emit()

    def wait_complete(self, timeout_ms: int = 10000) -> bool:
        """For tests and scripts: process events until the full id list has arrived."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QElapsedTimer

        t = QElapsedTimer()
        t.start()
        while (not self.complete or self.pending or self.refreshing) and t.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            QThreadPool.globalInstance().waitForDone(QDeadlineTimer(10))
        return self.complete

    @property
    def ids(self) -> array:
        return self._ids

    def row_of(self, rec_id: int) -> int:
        ids = self._ids
        if self._by_id:
            i = bisect_left(ids, rec_id)
            return i if i < len(ids) and ids[i] == rec_id else -1
        if self._pos is None:
            self._pos = {rid: i for i, rid in enumerate(ids)}
        return self._pos.get(rec_id, -1)

    # ----------------------------------------------------------------- rows

    def _fetch(self, ids: list[int]) -> None:
        with self.ledger.session() as s:
            versions: dict[int, int] = {}
            rows = listing.fetch_rows(s, self.entity, ids, self._names, versions)
        self._store(ids, rows, versions)

    def _store(self, ids: list[int], rows: dict, versions: dict) -> None:
        empty = (None,) * len(self._names)
        for rid in ids:
            row = rows.get(rid)
            # [uuid, stored values, texts (made when the row is first shown), version —
            # an edit of it is refused once someone else has saved the record]; a row
            # deleted meanwhile shows empty until the next reload.
            self._cache[rid] = (
                [None, empty, None, None]
                if row is None
                else [row[0], row[1:], None, versions.get(rid)]
            )
        while len(self._cache) > self.CACHE:
            self._cache.popitem(last=False)

    def _texts(self, entry: list) -> tuple:
        texts = entry[2]
        if texts is None:
            texts = entry[2] = tuple(f(v) for f, v in zip(self._fmt, entry[1], strict=True))
        return texts

    def _row(self, r: int) -> list:
        rid = self._ids[r]
        row = self._cache.get(rid)
        if row is None:
            start = r - r % self.BLOCK
            block = [i for i in self._ids[start : start + self.BLOCK] if i not in self._cache]
            self._fetch(block)
            row = self._cache[rid]
        if row[2] is None:
            self._texts(row)
        return row

    def ensure_rows(self, rows: list[int]) -> None:
        """Fetch the given rows in bulk (copy/paste of a large block)."""
        missing = [self._ids[r] for r in rows if self._ids[r] not in self._cache]
        for i in range(0, len(missing), 500):
            self._fetch(missing[i : i + 500])

    def record_key(self, r: int) -> tuple[int, str | None]:
        return self._ids[r], self._row(r)[0]

    def record_version(self, r: int) -> int | None:
        """The version of row `r`'s record as shown (see partydesk.ledger.editing)."""
        return self._row(r)[3]

    def versions_of(self, rows: list[int]) -> dict[int, int]:
        """{id: version shown} of these rows, for a paste or a delete."""
        out = {}
        for r in rows:
            v = self._row(r)[3]
            if v is not None:
                out[self._ids[r]] = v
        return out

    def text(self, r: int, c: int) -> str:
        return self._row(r)[2][c]

    def texts(self, rows: list[int], cols: list[int]) -> list[list[str]]:
        """Display texts of a block, fetched in bulk and not kept in the cache."""
        out: list[list[str]] = []
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            ids = [self._ids[r] for r in chunk]
            with self.ledger.session() as s:
                got = listing.fetch_rows(s, self.entity, ids, self._names)
            for rid in ids:
                raws = got.get(rid, (None,) * (len(self._names) + 1))[1:]
                out.append([self._fmt[c](raws[c]) for c in cols])
        return out

    # ----------------------------------------------------------------- Qt API

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY or role == _EDIT:
            r = index.row()
            if r < 0:
                return None
            row = self._cache.get(self._ids[r])
            if row is None or row[2] is None:
                row = self._row(r)
            return row[2][index.column()]
        if role == _ALIGN:
            return self._align[index.column()] if index.isValid() else None
        if role == RAW_ROLE and index.isValid():
            return self._row(index.row())[1][index.column()]
        if role == ID_ROLE and index.isValid():
            return self._ids[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if role != _DISPLAY:
            return None
        if orientation == _HORIZONTAL:
            if 0 <= section < len(self.columns):
                return self.columns[section].label
            return None
        return str(section + 1)

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        c = index.column()
        if c < 0:  # the invalid index (cheaper than isValid() for every painted cell)
            return Qt.NoItemFlags
        return self._ro_flags if self.readonly else self._flags[c]

    def setData(self, index: QModelIndex, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid():
            return False
        col = self.columns[index.column()]
        if col.field is None or self.readonly:
            return False
        if isinstance(value, str) and value == self.text(index.row(), index.column()):
            return False  # nothing changed: no undo step
        rid, uuid = self.record_key(index.row())
        version = self.record_version(index.row())
        from ui.table import commands

        error = commands.edit(self.ctx, self.entity, rid, uuid, {col.field: value}, version)
        if error:
            self.refused.emit(error)
            return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        name = self.columns[column].name if 0 <= column < len(self.columns) else None
        desc = order == Qt.DescendingOrder
        if name == self.query.sort and desc == self.query.descending:
            return
        self.query = ListQuery(self.entity, self.query.text, self.query.filters, name, desc)
        self.reload()

    # ----------------------------------------------------------------- changes

    def _on_changed(self, entity: str, ids, structural: bool) -> None:
        if entity == self.entity and structural:
            self.reload()
            return
        if entity == self.entity and ids is not None:
            for rid in ids:
                self._cache.pop(rid, None)
        else:
            # Joined names (an organization's name in the people table) or counts may
            # have changed: mark every cached row stale; only visible rows are refetched.
            self._cache.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1)
            )
