"""The engine's full-text index over `contact_search` (issue 26), one per dialect, and the one clause that asks it.

SQLite: an external-content FTS5 table (`contact_search_fts`, tokenizer unicode61 with diacritics removed)
over the folded words of contact_search, kept current by triggers on that table, so every write that
rewrites a contact's row updates the index in the same transaction. PostgreSQL: a GIN index on a tsvector
of the same words ('simple' configuration: the words are folded already, so no stemming, no stop words and
no need for `unaccent`); company words weigh 'A' and place words 'B', so `--at` and `--met-at` are weight
filters. Either way the query is built here from folded words (values.folding.words), each quoted as a
term: what a user types is never the engine's syntax. Light on purpose (no SQLAlchemy): the fast reader
builds its queries here; the clause that asks the index is storage/matches.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from sqlalchemy import Connection

FIELDS = ("name", "company", "title", "met", "topics", "tags", "note", "said")  # contact_search's columns
FTS_TABLE = "contact_search_fts"
_PG_WEIGHTS = {"company": "A", "met": "B"}  # the fields a weight picks out; the rest weigh 'D'


def pg_vector(prefix: str = "") -> str:
    """The tsvector of a contact_search row: the index's expression and the query's (PostgreSQL matches an
    expression index by its parsed form, so the query's qualified columns still use it)."""
    weighted = [f"setweight(to_tsvector('simple', {prefix}{field}), '{weight}')" for field, weight in _PG_WEIGHTS.items()]
    rest = " || ' ' || ".join(prefix + f for f in FIELDS if f not in _PG_WEIGHTS)
    return " || ".join([*weighted, f"to_tsvector('simple', {rest})"])


_COLUMNS = ", ".join(FIELDS)


def create_index(connection: Connection) -> None:
    """Create the index over an existing contact_search table (empty or not) and fill it."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"CREATE INDEX ix_contact_search_words ON contact_search USING gin (({pg_vector()}))")
        return
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({_COLUMNS}, content='contact_search', content_rowid='contact_id',"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    _create_triggers(connection)
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _create_triggers(connection: Connection) -> None:
    new = ", ".join(f"new.{f}" for f in FIELDS)
    old = ", ".join(f"old.{f}" for f in FIELDS)
    insert = f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.contact_id, {new});"
    delete = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.contact_id, {old});"
    for name, event, body in (("ai", "INSERT", insert), ("ad", "DELETE", delete), ("au", "UPDATE", delete + " " + insert)):
        connection.exec_driver_sql(f"CREATE TRIGGER contact_search_{name} AFTER {event} ON contact_search BEGIN {body} END")


def drop_triggers(connection: Connection) -> None:
    """Before rewriting every row (a rebuild): the index is then rebuilt once, not row by row."""
    if connection.dialect.name == "sqlite":
        for name in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS contact_search_{name}")


def restore_triggers(connection: Connection) -> None:
    """After a rebuild rewrote every row: the triggers back, and the index made from the rows at once."""
    if connection.dialect.name == "sqlite":
        _create_triggers(connection)
        connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def query(dialect: str, anywhere: Sequence[str], company: Sequence[str] = (), met: Sequence[str] = ()) -> str | None:
    """The engine's query for folded words: every word must match as a whole word or a prefix, `anywhere`
    in any field, `company` words in the company and `met` words in the places; None when there are no words.
    The words are letters and digits only (values.folding.words), quoted besides: never syntax."""
    if dialect == "postgresql":
        terms = [f"'{w}':*" for w in anywhere]
        terms += [f"'{w}':*{_PG_WEIGHTS[field]}" for field, given in (("company", company), ("met", met)) for w in given]
        return " & ".join(terms) or None
    terms = [f'"{w}"*' for w in anywhere]
    terms += [f'{field} : "{w}"*' for field, given in (("company", company), ("met", met)) for w in given]
    return " AND ".join(terms) or None
