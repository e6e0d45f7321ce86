"""The fast reader: a SQLite file read through the standard library's sqlite3, running the statements of
storage/statements.py as compiled into storage/compiled.py. `due`, `list`, `show` and completion read
this way and never import SQLAlchemy (most of a write's start-up: docs/performance.md). It reads, and makes the
one write a read command makes (`due` remembering the day's picks, compiled.WRITES); every other write goes
through a SQLModel Session (storage/store.py)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from netlog.storage import compiled
from netlog.storage.engine import BUSY_TIMEOUT_S


class _Days(dict[bytes, date]):
    """Each stored day (its bytes) -> the date, converted on first sight."""

    def __missing__(self, raw: bytes) -> date:
        day = self[raw] = date.fromisoformat(raw.decode())
        return day


def _from_json(raw: bytes) -> Any:
    import json  # only when a JSON column is read (vCard names and addresses)

    return json.loads(raw)


# A large read converts the same few thousand days over and over (`due` at 100,000 contacts: ~250,000 DATE
# values): convert each distinct day once per process. Dates are immutable, so sharing them is safe. A dict's
# own lookup, not functools.lru_cache: lru_cache wraps a bytes argument in a tuple to hash it, 10 M instructions
# of `due` at 10k (docs/performance.md).
sqlite3.register_converter("DATE", _Days().__getitem__)
sqlite3.register_converter("BOOLEAN", lambda raw: raw not in (b"0", b""))
sqlite3.register_converter("JSON", _from_json)
sqlite3.register_adapter(date, date.isoformat)


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


class FastReader:
    """Runs compiled statements by name on one sqlite3 connection (a storage.reader.Reader); rows come back as
    tuples in the order of compiled.COLUMNS[name], with DATE columns as `datetime.date`."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, isolation_level=None, detect_types=sqlite3.PARSE_DECLTYPES
            )
        except sqlite3.Error as error:
            raise self._translated(error) from None
        self._depth = 0

    def rows(self, name: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        """Every row of the statement `name`."""
        try:
            with self._errors():
                found = self._conn.execute(compiled.SQL[name], params or {}).fetchall()
            dates = compiled.DATES.get(name)
            if dates and found:
                found = [tuple(_day(v) if n in dates else v for n, v in enumerate(row)) for row in found]
        except ValueError as error:  # a stored DATE that is no day, a JSON column that is no JSON: converting it
            from netlog.storage.engine import damaged

            raise damaged(str(self.path), f"a stored value cannot be read: {error}") from None
        return found

    def rows_each(self, name: str, params: Sequence[Mapping[str, object]]) -> list[list[tuple[Any, ...]]]:
        """rows(name, p) for each p (a file has no round trip to save)."""
        return [self.rows(name, p) for p in params]

    def write(self, name: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Run the compiled write `name` once per row, in one transaction (BEGIN IMMEDIATE: it waits for other
        writers up to the busy timeout, and lands whole or not at all)."""
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(compiled.WRITES[name], rows)
            except BaseException:
                self._conn.rollback()
                raise
            self._conn.commit()

    def tables(self) -> set[str]:
        """The tables the file holds (SQLite's own catalogue: the one SQLite-only read, kept in storage)."""
        with self._errors():
            return {row[0] for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def use_wal(self) -> None:
        """Switch a netlog file to write-ahead logging (once; it persists in the file). Readers then never
        wait for writers. Switching does not wait on the busy timeout, so retry while another netlog that is
        opening the same new file holds a lock."""
        import time

        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            with self._errors():
                mode = self._conn.execute("PRAGMA journal_mode").fetchone()
            if not mode or mode[0] == "wal":
                return
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise self._translated(error) from None
                time.sleep(0.05)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction, so several reads see one state of the file."""
        if self._depth:
            yield
            return
        with self._errors():
            self._conn.execute("BEGIN")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self._conn.rollback()

    def quick_check(self) -> str | None:
        """SQLite's quick_check of the whole file: None when it is sound, else its first finding."""
        try:
            found = self._conn.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.DatabaseError as error:
            if "malformed" in str(error) or "not a database" in str(error):  # damaged beyond checking
                return str(error)
            raise self._translated(error) from None  # busy, an I/O error: said as such
        return None if found and found[0] == "ok" else str(found[0] if found else "no answer")

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup API, safe while others write."""
        copy = sqlite3.connect(target)
        try:
            with self._errors():
                self._conn.backup(copy)
        finally:
            copy.close()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise self._translated(error) from None

    def _translated(self, error: sqlite3.Error) -> Exception:
        from netlog.storage.engine import database_error

        return database_error(error, str(self.path)) or error
