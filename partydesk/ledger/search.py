"""The text index behind every search box: which records contain a word.

On SQLite each searchable table has an FTS5 table with the trigram tokenizer over its own
searched columns (`person_search` over name, ID number, phone, job …), an external-content
index that triggers on the table keep in step with every write — the ORM, bulk and raw
SQL inserts alike (migration `0011_search`). A word of three or more characters is found
by the index (a substring match, as LIKE '%word%' finds it); shorter words, which a
trigram index cannot serve, fall back to LIKE on the columns.

    ids = matching(Person, "person", "320102", ["name", "id_number", "phone", "job"])
    stmt = select(Person.id).where(Person.id.in_(ids))

`matching` is the one query interface: on another database (PostgreSQL with pg_trgm's
GIN indexes on the same columns) it would be the LIKE form, which those indexes serve.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, literal, literal_column, or_, select, table

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


def matching(
    model, entity_key: str, word: str, columns: Sequence[str], dialect_name: str = "sqlite"
) -> ColumnElement:
    """A condition on `model`: the record holds `word` in one of `columns` (its own
    columns, all of them indexed), matched as LIKE '%word%' would."""
    if not columns:
        return literal_column("0") == 1
    if uses_index(dialect_name, entity_key, word):
        _, fts, indexed = INDEXED[entity_key]
        missing = [c for c in columns if c not in indexed]
        if missing:
            raise ValueError(f"{entity_key}: {missing} are not in the search index")
        rowids = (
            select(literal_column("rowid"))
            .select_from(table(fts))
            .where(literal_column(fts).op("MATCH")(literal(fts_phrase(word, columns, indexed))))
        )
        return model.id.in_(rowids)
    pattern = like_pattern(word)
    return or_(*(getattr(model, c).like(pattern, escape="\\") for c in columns))


def rebuild(connection) -> None:
    """Rebuild every search index from its table (after a repair or a restore)."""
    for _, fts, _ in INDEXED.values():
        connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES('rebuild')")
