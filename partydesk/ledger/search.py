"""The text index behind every search box: which records contain a word.

On SQLite each searchable table has an FTS5 table with the trigram tokenizer over its own
searched columns (`person_search` over name, ID number, phone, job …), an external-content
index that triggers on the table keep in step with every write — the ORM, bulk and raw
SQL inserts alike (migration `0011_search`). A word of three or more characters is found
by the index (a substring match, as LIKE '%word%' finds it); shorter words, which a
trigram index cannot serve, fall back to LIKE on the columns.

    ids = matching(Person, "person", "320102", ["name", "id_number", "phone", "job"])
    stmt = select(Person.id).where(Person.id.in_(ids))

`matching` is the one query interface: on PostgreSQL (pg_trgm's GIN indexes on the same
columns, migration `0011_search`) it compiles to the ILIKE form, which those indexes serve.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Boolean, ColumnElement, literal_column, or_, select, union
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


def like_pattern(word: str) -> str:
    w = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{w}%"


def fts_phrase(word: str, columns: Sequence[str], all_columns: Sequence[str]) -> str:
    """An FTS5 query for `word` as a substring of any of `columns`."""
    phrase = '"' + word.replace('"', '""') + '"'
    if set(columns) == set(all_columns):
        return phrase
    return "{" + " ".join(columns) + "} : " + phrase


def uses_index(dialect_name: str, entity_key: str, word: str) -> bool:
    return dialect_name == "sqlite" and entity_key in INDEXED and len(word) >= MIN_INDEXED


class Matching(ColumnElement):
    """The condition "the record holds `word` in one of `columns`", compiled for the
    database it runs on: the FTS5 index on SQLite (partydesk.ledger.dialect), LIKE
    '%word%' elsewhere — case-insensitive like SQLite's LIKE, and on PostgreSQL served
    by the pg_trgm indexes of the same columns."""

    type = Boolean()
    inherit_cache = False  # the word is part of the text (FTS query): no statement cache

    def __init__(self, model, entity_key: str, word: str, columns: Sequence[str]):
        self.model, self.entity_key, self.word, self.columns = model, entity_key, word, columns

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


@compiles(Matching)
def _compile_like(element: Matching, compiler, **kw) -> str:
    if element.entity_key in INDEXED and len(element.word) >= MIN_INDEXED:
        return compiler.process(element.indexed_form(), **kw)
    return compiler.process(element.like_form(), **kw)


@compiles(Matching, "sqlite")
def _compile_sqlite(element: Matching, compiler, **kw) -> str:
    if not uses_index("sqlite", element.entity_key, element.word):
        pattern = like_pattern(element.word)
        cond = or_(*(getattr(element.model, c).like(pattern, escape="\\") for c in element.columns))
        return compiler.process(cond, **kw)
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
    """Rebuild every search index from its table (after a repair or a restore)."""
    dialect.rebuild_text_index(connection, [fts for _, fts, _ in INDEXED.values()])
