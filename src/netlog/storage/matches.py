"""The clause `find` narrows with: a contact_search row matches the engine's query, in each dialect's own
full-text search (storage/search.py builds the query and the index)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean

from netlog.storage.search import FTS_TABLE, pg_vector

if TYPE_CHECKING:
    from sqlalchemy import BindParameter
    from sqlalchemy.sql.compiler import SQLCompiler


class Matches(ColumnElement[bool]):
    """`contact_search matches the query :match` in the dialect's own full-text search."""

    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a condition in itself: no "= 1" after it on SQLite
    _traverse_internals = [("contact_id", InternalTraversal.dp_clauseelement), ("query", InternalTraversal.dp_clauseelement)]

    def __init__(self, contact_id: ColumnElement[Any], match: BindParameter[Any]) -> None:
        self.contact_id = contact_id
        self.query = match


@compiles(Matches, "sqlite")
def _matches_sqlite(element: Matches, compiler: SQLCompiler, **kw: Any) -> str:
    key, match = compiler.process(element.contact_id, **kw), compiler.process(element.query, **kw)
    return f"{key} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {match})"


@compiles(Matches, "postgresql")
def _matches_postgresql(element: Matches, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({pg_vector('contact_search.')}) @@ to_tsquery('simple', {compiler.process(element.query, **kw)})"
