"""One database, opened: the SQLModel engine and sessions every write goes through, and the reader the
commands read with (the fast sqlite3 reader on a SQLite file, a read-only Session elsewhere)."""

from __future__ import annotations

import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, NoReturn, Protocol, Sequence, TypeVar, cast

from netlog.errors import DatabaseError
from netlog.storage.location import display_url
from netlog.storage.reader import Reader

if TYPE_CHECKING:  # SQLAlchemy and SQLModel are imported when a write (or a server) needs them, not to read a file
    from sqlalchemy import Connection, Engine
    from sqlmodel import Session

    from netlog.storage.fast import FastReader
    from netlog.storage.statements import Statement

T = TypeVar("T")
RETRIES = 5
PSYCOPG_SCHEME = "postgresql+psycopg://"  # read through PgReader (storage/pgfast.py), without SQLAlchemy
# Before its first write, a process checks a SQLite file this size or smaller whole (PRAGMA quick_check: about
# 10 ms for 1.5 MB, 0.1-0.15 s for 15 MB here), so a damaged file is refused before anything is written to
# it. A larger file is not checked before writing (1.7 s at 150 MB); SQLite still refuses to write through
# a page it finds damaged, and a read that fails unexpectedly runs the check (cli.NetlogGroup).
CHECK_BEFORE_WRITE_BYTES = 8 * 2**20


class FastWriter(Protocol):
    """What the fast readers (storage/fast.py, storage/pgfast.py) add for the one write a read command makes."""

    def write(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None: ...


class Plan(Protocol):
    """What `Store.planned` writes: built against a reader, then written by `apply` in the write's session."""

    def apply(self, session: Session) -> None: ...


P = TypeVar("P", bound=Plan)


class Store:
    """A database by URL. `write(work)` runs `work(session)` in one transaction; `reader` reads."""

    def __init__(self, url: str, path: Path | None) -> None:
        self.url = url
        self.path = path  # the SQLite file, or None for a server
        self.where = str(path) if path is not None else display_url(url)
        self.dialect = url.split("://")[0].split("+")[0]
        self._engine: Engine | None = None
        self._reader: Reader | None = None
        self._checked = False  # the file's quick_check, once, before the first write

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use (importing SQLAlchemy only then)."""
        if self._engine is None:
            from netlog.storage.engine import create_engine

            self._engine = create_engine(self.url)
        return self._engine

    @property
    def reader(self) -> Reader:
        """What the commands read with: the fast reader on a SQLite file, the psycopg reader on PostgreSQL
        through psycopg (SQLAlchemy's default driver for it here), else a read-only Session."""
        if self._reader is None:
            if self.path is not None:
                from netlog.storage.fast import FastReader

                self._reader = FastReader(self.path)
            elif self.url.startswith(PSYCOPG_SCHEME):
                try:
                    from netlog.storage.pgfast import PgReader
                except ImportError as error:  # psycopg is the postgres extra: README's plain install has no driver
                    from netlog.storage.engine import POSTGRES_EXTRA

                    raise DatabaseError(f"PostgreSQL needs its driver ({error}): {POSTGRES_EXTRA}") from None

                self._reader = PgReader(self.url, self.where)
            else:
                from sqlmodel import Session

                self._reader = SessionReader(Session(self.engine), self, owns_transactions=True)
        return self._reader

    @property
    def file_reader(self) -> FastReader:
        """The reader of a SQLite file, with what only a file has: its list of tables, WAL, an online backup."""
        from netlog.storage.fast import FastReader

        reader = self.reader
        if not isinstance(reader, FastReader):
            raise DatabaseError(f"{self.where} is not a SQLite file.")
        return reader

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in one transaction (BEGIN IMMEDIATE on SQLite): all of it lands or none of it
        does. A transaction the database asks to retry (PostgreSQL serialization failure, deadlock) is run
        again whole."""
        import sqlalchemy.exc
        from sqlmodel import Session

        from netlog.storage.engine import database_error, is_retryable

        self._check_before_writing()
        for attempt in range(RETRIES):
            try:
                with Session(self.engine) as session, session.begin():
                    return work(session)
            except sqlalchemy.exc.DBAPIError as error:
                if is_retryable(error):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                translated = database_error(error, self.where)
                if translated is None:
                    raise
                raise translated from None
        raise DatabaseError("The database stayed busy; nothing was written. Try again.")

    def add_day_picks(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Remember the day's picks (picked_on, contact_id), in one transaction. The list of the day does this as it
        is shown: through the fast reader (sqlite3, psycopg) when there is one, so a read command never imports
        SQLAlchemy."""
        if not rows:
            return
        self._check_before_writing()  # a damaged file is not written to, by this write either
        reader = self.reader
        if isinstance(reader, SessionReader):
            from netlog.storage import records

            self.write(lambda session: records.add_day_picks(session, rows))
        else:  # a FastReader or a PgReader: each has `write`
            cast("FastWriter", reader).write("add_day_pick", rows)

    def _check_before_writing(self) -> None:
        if self._checked or self.path is None:
            return
        self._checked = True
        try:
            small = self.path.stat().st_size <= CHECK_BEFORE_WRITE_BYTES
        except OSError:
            return  # opening it will say what is wrong
        if small:
            self.check_whole()

    def check_whole(self) -> None:
        """PRAGMA quick_check of a SQLite file: DatabaseError (restore a backup) when it finds damage."""
        from netlog.storage.engine import damaged

        problem = self.file_reader.quick_check()
        if problem is not None:
            raise damaged(self.where, f"quick_check: {problem}")

    def planned(self, build: Callable[[Reader], P], dry_run: bool = False) -> P:
        """An import's way to write: `build(reader)` makes a plan against what is stored; unless `dry_run`, it
        is built inside the write transaction and its `apply(session)` writes it there, so nothing can change
        in between. A dry run builds it from one snapshot and writes nothing."""
        if dry_run:
            with self.reader.snapshot():
                return build(self.reader)

        def work(session: Session) -> P:
            plan = build(reader_for(session))
            plan.apply(session)
            return plan

        return self.write(work)

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run `work(connection)` on a SQLAlchemy Connection in one transaction (schema changes)."""
        import sqlalchemy.exc

        from netlog.storage.engine import database_error

        try:
            with self.engine.begin() as connection:
                return work(connection)
        except sqlalchemy.exc.DBAPIError as error:
            translated = database_error(error, self.where)
            if translated is None:
                raise
            raise translated from None

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        if self._engine is not None:
            self._engine.dispose()


@cache
def _statement(name: str) -> Statement:
    from netlog.storage.statements import STATEMENTS

    return STATEMENTS[name]()


class SessionReader:
    """Runs the statements of storage/statements.py by name through a SQLModel Session: every read on
    PostgreSQL, and every read inside a write. Rows are tuples in the order of compiled.COLUMNS[name]
    (`execute`, not `exec`, which would unwrap a one-column row into its value)."""

    def __init__(self, session: Session, store: Store | None = None, owns_transactions: bool = False) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name
        self._store = store
        self._owns = owns_transactions  # a reader of its own: end each read's transaction (or snapshot's)
        self._depth = 0

    def rows(self, name: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        """Every row of the statement `name`."""
        try:
            found = [tuple(row) for row in self.session.execute(_statement(name), dict(params or {}))]
        except Exception as error:
            self._raise(error)
        if self._owns and not self._depth:
            self.session.rollback()
        return found

    def rows_each(self, name: str, params: Sequence[Mapping[str, object]]) -> list[list[tuple[Any, ...]]]:
        """rows(name, p) for each p, in one snapshot."""
        with self.snapshot():
            return [self.rows(name, p) for p in params]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the database (REPEATABLE READ, READ ONLY on PostgreSQL)."""
        if self._depth or not self._owns:
            yield
            return
        self.session.rollback()
        self._depth = 1
        try:
            if self.dialect == "postgresql":
                self.session.connection(execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True})
            yield
        finally:
            self._depth = 0
            self.session.rollback()

    def close(self) -> None:
        self.session.close()

    def _raise(self, error: Exception) -> NoReturn:
        import sqlalchemy.exc

        from netlog.storage.engine import database_error

        where = self._store.where if self._store else "the database"
        if isinstance(error, sqlalchemy.exc.DBAPIError):
            translated = database_error(error, where)
            if translated is not None:
                raise translated from None
        if isinstance(error, ValueError):  # SQLAlchemy reading a stored DATE that is no day (SQLite keeps any text)
            from netlog.storage.engine import damaged

            raise damaged(where, f"a stored value cannot be read: {error}") from None
        raise error


def reader_for(session: Session) -> SessionReader:
    """The reader over a write's own session, so reads inside a write see what it wrote so far."""
    return SessionReader(session)
