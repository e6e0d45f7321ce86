"""Two ways to run the same portable SQL: the standard library's sqlite3 for SQLite files (no SQLAlchemy
to import, so `due`, `list` and completion start fast) and SQLAlchemy for every other database URL.

Both take `:name` parameters, return rows as dicts with dates as `datetime.date`, and run each write
in one transaction. On SQLite a write transaction starts with BEGIN IMMEDIATE, so two writers queue on
the busy timeout instead of failing with "database is locked" when a read turns into a write.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from netlog.errors import DatabaseError

Row = dict[str, Any]
T = TypeVar("T")

BUSY_TIMEOUT_S = 15.0
RETRIES = 5


class Database:
    """A connection that runs netlog's SQL; subclasses differ only in the driver underneath."""

    dialect = "sqlite"
    url: str

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Every row of a SELECT, as dicts."""
        raise NotImplementedError

    def tuples(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        """Every row of a SELECT, as tuples in the order of its columns: for reads of many rows."""
        raise NotImplementedError

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run one statement; the number of rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        """Run one statement for each set of parameters."""
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it lands or none of it does."""
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError

    def row(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        """The first row of a SELECT, or None."""
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row, or None."""
        found = self.row(sql, params)
        return next(iter(found.values())) if found else None

    def insert(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run an INSERT ... RETURNING id and give the new id."""
        found = self.rows(sql, params)
        return int(found[0]["id"])

    def write(self, work: Callable[[], T]) -> T:
        """Run `work` in one transaction, retrying it whole when the database asks for a retry."""
        for attempt in range(RETRIES):
            try:
                with self.transaction():
                    return work()
            except _Retry:
                time.sleep(0.05 * (attempt + 1))
        raise DatabaseError("The database stayed busy; nothing was written. Try again.")


class _Retry(Exception):
    """A transaction the database wants run again (a serialization failure or a deadlock)."""


def _to_date(raw: bytes) -> date:
    return date.fromisoformat(raw.decode())


# A large read converts the same few thousand days over and over (`due` at 100,000 contacts: ~250,000 DATE
# values): convert each distinct day once per process. Dates are immutable, so sharing them is safe.
sqlite3.register_converter("DATE", functools.lru_cache(maxsize=None)(_to_date))
sqlite3.register_adapter(date, date.isoformat)


class SqliteDatabase(Database):
    """SQLite through the standard library: WAL, foreign keys, a busy timeout, BEGIN IMMEDIATE."""

    dialect = "sqlite"

    def __init__(self, path: Path, url: str) -> None:
        self.path = path
        self.url = url
        try:
            self._conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, isolation_level=None, detect_types=sqlite3.PARSE_DECLTYPES
            )
        except sqlite3.Error as error:
            raise DatabaseError(f"Cannot open the database {path}: {error}.") from None
        self._depth = 0

    def configure(self) -> None:
        """Connection settings, applied once the file is known to be netlog's (they may write to it)."""
        self._conn.execute("PRAGMA foreign_keys = ON")
        # Switching to WAL does not wait on the busy timeout: when another netlog opening the same new
        # file holds a lock, try again until it lets go (or the timeout has passed).
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            mode = self._conn.execute("PRAGMA journal_mode").fetchone()
            if not mode or mode[0] == "wal":
                return
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        with _translate_errors(self.path):
            cursor = self._conn.execute(sql, params or {})
            names = _column_names(cursor)
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def tuples(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        with _translate_errors(self.path):
            return self._conn.execute(sql, params or {}).fetchall()

    def iterate(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterable[Row]:
        """Rows one at a time, for statements that may return very many."""
        with _translate_errors(self.path):
            cursor = self._conn.execute(sql, params or {})
            names = _column_names(cursor)
            for row in cursor:
                yield dict(zip(names, row))

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        with _translate_errors(self.path):
            return self._conn.execute(sql, params or {}).rowcount

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        with _translate_errors(self.path):
            self._conn.executemany(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        with _translate_errors(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._conn.rollback()
            raise
        self._depth = 0
        with _translate_errors(self.path):
            self._conn.commit()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction, so several SELECTs see one state of the file."""
        if self._depth:
            yield
            return
        self._conn.execute("BEGIN")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self._conn.rollback()

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup API, safe while others write."""
        copy = sqlite3.connect(target)
        try:
            with _translate_errors(self.path):
                self._conn.backup(copy)
        finally:
            copy.close()

    def close(self) -> None:
        self._conn.close()


def _column_names(cursor: sqlite3.Cursor) -> list[str]:
    """Column names once per statement (a per-row factory re-reads cursor.description for every row)."""
    return [column[0] for column in cursor.description or ()]


@contextmanager
def _translate_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseError(
                f"The database {path} is busy: another netlog kept it locked for {BUSY_TIMEOUT_S:.0f} s."
                " Nothing was written; try again."
            ) from None
        raise
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "malformed" in str(error):
            raise DatabaseError(f"{path} is not a netlog database ({error}); it was left untouched.") from None
        raise


class SqlAlchemyDatabase(Database):
    """Any other database (PostgreSQL) through SQLAlchemy Core, running the same SQL text."""

    def __init__(self, url: str) -> None:
        import sqlalchemy

        self.url = url
        self._sa = sqlalchemy
        try:
            self._engine = sqlalchemy.create_engine(url, future=True)
            self._conn = self._engine.connect()
        except ImportError as error:
            raise DatabaseError(f"The driver for {url.split('://')[0]} is not installed ({error}).") from None
        except sqlalchemy.exc.SQLAlchemyError as error:
            raise DatabaseError(f"Cannot connect to the database: {_first_line(error)}") from None
        self.dialect = self._engine.dialect.name
        self._depth = 0

    def configure(self) -> None:
        pass

    def _run(self, sql: str, params: Any) -> Any:
        try:
            return self._conn.execute(self._sa.text(sql), params)
        except self._sa.exc.OperationalError as error:
            if _is_retryable(error):
                raise _Retry() from error
            raise DatabaseError(f"The database failed: {_first_line(error)}") from None
        except self._sa.exc.DBAPIError as error:
            if _is_retryable(error):
                raise _Retry() from error
            raise

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        result = self._run(sql, params or {})
        return [dict(row._mapping) for row in result]

    def tuples(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        return [tuple(row) for row in self._run(sql, params or {})]

    def iterate(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterable[Row]:
        return self.rows(sql, params)

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return self._run(sql, params or {}).rowcount

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        if params:
            self._run(sql, list(params))

    def transaction(self) -> Any:
        return self._begin(read_only=False)

    def snapshot(self) -> Any:
        return self._begin(read_only=True)

    @contextmanager
    def _begin(self, read_only: bool) -> Iterator[None]:
        """One transaction (nested calls join it); a read-only one sees one snapshot and is rolled back."""
        if self._depth:
            yield
            return
        self._depth = 1
        try:
            if self._conn.in_transaction():
                self._conn.commit()
            with self._conn.begin() as outer:
                if read_only and self.dialect == "postgresql":  # one snapshot for every SELECT inside
                    self._run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", {})
                yield
                if read_only:
                    outer.rollback()
        finally:
            self._depth = 0

    def close(self) -> None:
        self._conn.close()
        self._engine.dispose()


def _is_retryable(error: Exception) -> bool:
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    return code in ("40001", "40P01")  # serialization failure, deadlock detected


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
