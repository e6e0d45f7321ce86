"""The fast reader on PostgreSQL: the statements of storage/statements.py as compiled into
storage/compiled_pg.py (SQLAlchemy's psycopg dialect's own text), run through psycopg on one connection. `due`,
`list`, `show`, `review` and completion on a server read this way and never import SQLAlchemy (most of
their start-up there: docs/performance.md). It reads, and makes the one write a read command makes (the list
of the day remembering its picks, compiled_pg.WRITES); every other write goes through a SQLModel Session
(storage/store.py)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Sequence

import psycopg

from netlog.storage import compiled_pg


def conninfo(url: str) -> str:
    """A SQLAlchemy URL (postgresql+psycopg://user:password@host:port/name?options) as libpq's URI; an "@" in
    the password percent-encoded (the password ends at the last "@", as everywhere in netlog)."""
    from netlog.storage.engine import password_encoded

    scheme, rest = password_encoded(url).split("://", 1)
    return f"postgresql://{rest}"


class PgReader:
    """Runs compiled statements by name on one psycopg connection (a storage.reader.Reader); rows come back as
    tuples in the order of compiled.COLUMNS[name], typed by psycopg as SQLAlchemy's rows are."""

    dialect = "postgresql"

    def __init__(self, url: str, where: str) -> None:
        self.where = where
        try:
            self._conn = psycopg.connect(conninfo(url), autocommit=True)
        except psycopg.Error as error:
            raise self._translated(error) from None
        self._depth = 0

    def rows(self, name: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        """Every row of the statement `name` (outside a snapshot, a transaction of its own)."""
        try:
            return self._conn.execute(compiled_pg.SQL[name], dict(params or {})).fetchall()
        except psycopg.Error as error:
            raise self._translated(error) from None

    def rows_each(self, name: str, params: Sequence[Mapping[str, object]]) -> list[list[tuple[Any, ...]]]:
        """rows(name, p) for each p, sent as one pipeline (psycopg's executemany, returning each result): 191
        indexed reads by name take about 8 ms this way against 26 ms one round trip each (a local server)."""
        if not params:
            return []
        found: list[list[tuple[Any, ...]]] = []
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(compiled_pg.SQL[name], [dict(p) for p in params], returning=True)
                while True:
                    found.append(cursor.fetchall())
                    if not cursor.nextset():
                        break
        except psycopg.Error as error:
            raise self._translated(error) from None
        return found

    def write(self, name: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Run the compiled write `name` once per row, in one transaction: it lands whole or not at all."""
        try:
            with self._conn.transaction(), self._conn.cursor() as cursor:
                cursor.executemany(compiled_pg.WRITES[name], [dict(row) for row in rows])
        except psycopg.Error as error:
            raise self._translated(error) from None

    def tables(self) -> set[str]:
        """The tables of the connection's current schema (the catalogue: a PostgreSQL-only read, kept here)."""
        found = self._conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {row[0] for row in found}

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the database: one REPEATABLE READ, READ ONLY transaction."""
        if self._depth:
            yield
            return
        try:
            self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        except psycopg.Error as error:
            raise self._translated(error) from None
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            try:
                self._conn.execute("ROLLBACK")
            except psycopg.Error:
                pass  # the connection is gone; closing it is all that is left

    def close(self) -> None:
        self._conn.close()

    def _translated(self, error: psycopg.Error) -> Exception:
        from netlog.storage.engine import database_error

        return database_error(error, self.where) or error
