"""The text index behind every search box: which records contain a word.

On SQLite each searchable table has an FTS5 table with the trigram tokenizer over its own
searched columns (`person_search` over name, ID number, phone, job …), an external-content
index that triggers on the table keep in step with every write — the ORM, bulk and raw
SQL inserts alike (migration `0011_search`). A word of three or more characters is found
by the index (a substring match, as LIKE '%word%' finds it). A word of one or two
characters (a surname, a given name), which holds no trigram, is looked up in the
short-word table `<fts>_short` beside it: every character and pair of neighbouring
characters of the text columns, with the record's id (migration `0017_shortsearch`, on
SQLite and PostgreSQL alike). ID numbers and phones are not in it (a digit pair is in
nearly all of them): there a short word is still LIKE, which finds a screenful at once.

    ids = matching(Person, "person", "320102", ["name", "id_number", "phone", "job"])
    stmt = select(Person.id).where(Person.id.in_(ids))

`matching` is the one query interface: on PostgreSQL (pg_trgm's GIN indexes on the same
columns, migration `0011_search`) it compiles to the ILIKE form, which those indexes serve,
and to the same short-word table lookup for a short word.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Boolean, ColumnElement, column, literal_column, or_, select, table, union
from sqlalchemy.ext.compiler import compiles

from partydesk.ledger import dialect

# entity -> (table, FTS table, indexed columns). The migration creates these; a test
# keeps the two in step.
INDEXED = {
    "person": ("person", "person_search", ("name", "id_number", "phone", "job")),
    "org": ("organization", "org_search", ("name", "short_name", "street")),
    "unit": (
        "unit",
        "unit_search",
        ("name", "credit_code", "legal_rep", "street", "address", "industry"),
    ),
    "instructor": (
        "instructor",
        "instructor_search",
        ("name", "id_number", "phone", "home_unit", "post"),
    ),
}
MIN_INDEXED = 3  # trigrams: a shorter word matches no trigram
# entity -> (short-word table, its columns in the order of their codes). The migration
# creates these; a test keeps the two in step.
SHORT = {
    "person": ("person_search_short", ("name", "job")),
    "org": ("org_search_short", ("name", "short_name", "street")),
    "unit": ("unit_search_short", ("name", "legal_rep", "street", "address", "industry")),
    "instructor": ("instructor_search_short", ("name", "home_unit", "post")),
}
USE_SHORT = True  # tests switch it off to compare with the LIKE scan
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def like_pattern(word: str) -> str:
    w = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{w}%"


def fts_phrase(word: str, columns: Sequence[str], all_columns: Sequence[str]) -> str:
    """An FTS5 query for `word` as a substring of any of `columns`."""
    phrase = '"' + word.replace('"', '""') + '"'
    if set(columns) == set(all_columns):
        return phrase
    return "{" + " ".join(columns) + "} : " + phrase


def short_lookup(model, entity_key: str, word: str, columns: Sequence[str], server: bool):
    """(the condition found by the short-word table, the columns it cannot serve) for a
    word of one or two characters; None when the entity has no such table."""
    found = short_ids(entity_key, word, columns, server)
    if found is None:
        return None
    ids, rest = found
    return model.id.in_(ids), rest


def short_ids(entity_key: str, word: str, columns: Sequence[str], server: bool):
    """(the SELECT of the ids the short-word table finds, the columns it cannot serve),
    or None (see `short_lookup`)."""
    if not USE_SHORT or entity_key not in SHORT or not 0 < len(word) < MIN_INDEXED:
        return None
    short, cols = SHORT[entity_key]
    codes = [cols.index(c) for c in columns if c in cols]
    rest = [c for c in columns if c not in cols]
    if not codes:
        return None
    # lower-cased as the column's pieces were: SQLite's lower() and LIKE fold ASCII only
    token = word.lower() if server else word.translate(_ASCII_LOWER)
    t = table(short, column("token"), column("col"), column("id"))
    ids = select(t.c.id).where(t.c.token == token)
    if len(codes) < len(cols):
        ids = ids.where(t.c.col.in_(codes))
    return ids, rest


def uses_index(dialect_name: str, entity_key: str, word: str) -> bool:
    return dialect_name == "sqlite" and entity_key in INDEXED and len(word) >= MIN_INDEXED


class Matching(ColumnElement):
    """The condition "the record holds `word` in one of `columns`", compiled for the
    database it runs on: the FTS5 index on SQLite (partydesk.ledger.dialect), LIKE
    '%word%' elsewhere — case-insensitive like SQLite's LIKE, and on PostgreSQL served
    by the pg_trgm indexes of the same columns."""

    type = Boolean()
    inherit_cache = False  # the word is part of the text (FTS query): no statement cache
    # A condition as it is: SQLite's planner looks up `id IN (…)` by the primary key,
    # not `(id IN (…)) = 1`, which it tests row by row.
    _is_implicitly_boolean = True

    def __init__(self, model, entity_key: str, word: str, columns: Sequence[str]):
        self.model, self.entity_key, self.word, self.columns = model, entity_key, word, columns

    def sqlite_ids(self):
        """SQLite: the ids of the records holding the word as one SELECT an index answers
        (the FTS5 table's rowids, or the short-word table's ids), or None (a LIKE scan)."""
        if uses_index("sqlite", self.entity_key, self.word):
            _, fts, indexed = INDEXED[self.entity_key]
            return dialect.fts_rowids(fts, fts_phrase(self.word, self.columns, indexed))
        found = short_ids(self.entity_key, self.word, self.columns, False)
        return found[0] if found is not None and not found[1] else None

    def like_form(self) -> ColumnElement:
        pattern = like_pattern(self.word)
        return or_(*(getattr(self.model, c).ilike(pattern, escape="\\") for c in self.columns))

    def indexed_form(self) -> ColumnElement:
        """The same match as one id list: a UNION of one trigram-index lookup per column.
        (An OR of the columns, beside the table's other search conditions, makes
        PostgreSQL test every row: 1.6 s at 300,000 people instead of milliseconds.)"""
        pattern = like_pattern(self.word)
        t = self.model.__table__.alias("searched")
        ids = union(
            *(select(t.c.id).where(t.c[c].ilike(pattern, escape="\\")) for c in self.columns)
        )
        return self.model.id.in_(ids)


def _with_short(element: Matching, compiler, server: bool, like, **kw) -> str | None:
    """A short word: the short-word table for the columns it holds, `like(columns)` for
    the others (ID numbers, phones)."""
    found = short_lookup(element.model, element.entity_key, element.word, element.columns, server)
    if found is None:
        return None
    cond, rest = found
    if rest:
        cond = dialect.any_of(element.model, [cond, like(rest)])
    return _grouped(compiler.process(cond, **kw))


def _grouped(sql: str) -> str:
    # The text takes the place of one condition beside AND and OR: an OR inside must
    # stay together.
    return f"({sql})"


@compiles(Matching)
def _compile_like(element: Matching, compiler, **kw) -> str:
    if element.entity_key in INDEXED and len(element.word) >= MIN_INDEXED:
        return compiler.process(element.indexed_form(), **kw)
    pattern = like_pattern(element.word)

    def like(cols):
        return or_(*(getattr(element.model, c).ilike(pattern, escape="\\") for c in cols))

    short = _with_short(element, compiler, True, like, **kw)
    return short if short is not None else _grouped(compiler.process(like(element.columns), **kw))


@compiles(Matching, "sqlite")
def _compile_sqlite(element: Matching, compiler, **kw) -> str:
    if not uses_index("sqlite", element.entity_key, element.word):
        pattern = like_pattern(element.word)

        def like(cols):
            return or_(*(getattr(element.model, c).like(pattern, escape="\\") for c in cols))

        short = _with_short(element, compiler, False, like, **kw)
        if short is not None:
            return short
        return _grouped(compiler.process(like(element.columns), **kw))
    _, fts, indexed = INDEXED[element.entity_key]
    query = fts_phrase(element.word, element.columns, indexed)
    return compiler.process(element.model.id.in_(dialect.fts_rowids(fts, query)), **kw)


def matching(model, entity_key: str, word: str, columns: Sequence[str]) -> ColumnElement:
    """A condition on `model`: the record holds `word` in one of `columns` (its own
    columns, all of them indexed), matched as LIKE '%word%' would."""
    if not columns:
        return literal_column("0") == 1
    if entity_key in INDEXED and len(word) >= MIN_INDEXED:
        missing = [c for c in columns if c not in INDEXED[entity_key][2]]
        if missing:
            raise ValueError(f"{entity_key}: {missing} are not in the search index")
    return Matching(model, entity_key, word, list(columns))


def rebuild(connection) -> None:
    """Rebuild every search index from its table (after a repair or a restore). The
    short-word tables are ordinary tables their triggers keep; nothing to rebuild."""
    dialect.rebuild_text_index(connection, [fts for _, fts, _ in INDEXED.values()])
