"""The SQLAlchemy engine for a database URL, set up the one way netlog uses it, and the database's
failures said in one line.

On SQLite: WAL (set when the file is opened, storage/opening.py), foreign keys on, a busy timeout, and
write transactions that begin IMMEDIATE through SQLAlchemy's documented pysqlite recipe (the driver's
own BEGIN handling is turned off and the "begin" event emits BEGIN itself). IMMEDIATE takes the write
lock up front, so two writers queue on the busy timeout instead of one failing with "database is
locked" when its read turns into a write. Read-only sessions begin DEFERRED and take no write lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netlog.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

BUSY_TIMEOUT_S = 15.0
POSTGRES_EXTRA = "pip install 'netlog[postgres]' (from a checkout: pip install '.[postgres]'), as docs/team.md says."
READ_ONLY = "netlog_read_only"  # the execution option that marks a read-only session's connection


def create_engine(url: str) -> Engine:
    """An engine for `url`; on SQLite with the pragmas and BEGIN IMMEDIATE above."""
    import sqlalchemy

    try:
        if url.split("://")[0].split("+")[0] != "sqlite":
            return sqlalchemy.create_engine(password_encoded(url))
        engine = sqlalchemy.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    except ImportError as error:
        scheme = url.split("://")[0]
        if scheme.split("+")[0] == "postgresql":  # psycopg is the postgres extra, not in README's plain install
            raise DatabaseError(f"PostgreSQL needs its driver ({error}): {POSTGRES_EXTRA}") from None
        raise DatabaseError(f"The driver for {scheme} is not installed ({error}).") from None
    except (sqlalchemy.exc.ArgumentError, ValueError) as error:  # ValueError: a port that is no number, a host never closed
        from netlog.storage.location import display_url

        hint = " (several hosts go in the query: ?host=h1:5432&host=h2:5433)" if "," in url.partition("?")[0] else ""
        raise DatabaseError(f"Cannot use the database URL {display_url(url)}: {scrubbed(first_line(error), url)}{hint}.") from None

    @sqlalchemy.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite's own BEGIN off: the "begin" event below emits it
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.close()

    @sqlalchemy.event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def password_encoded(url: str) -> str:
    """The URL with an "@" inside its password percent-encoded: credentials end at the LAST "@" before the host
    (as location.display_url reads them), where SQLAlchemy would end them at the first and take the rest of
    the password for the host, and show it in its errors."""
    scheme, separator, rest = url.partition("://")
    main, question, query = rest.partition("?")
    credentials, at, host = main.rpartition("@")
    user, colon, password = credentials.partition(":")
    if not separator or not at or "@" not in password:
        return url
    return f"{scheme}://{user}{colon}{password.replace('@', '%40')}@{host}{question}{query}"


def password_of(url: str) -> str | None:
    """The password in `url` (user:password@, or ?password=), as typed; None without one."""
    from urllib.parse import parse_qsl, unquote

    from netlog.storage.location import SECRET_PARAMS

    rest = url.partition("://")[2]
    main, _, query = rest.partition("?")
    credentials = main.rpartition("@")[0]
    if ":" in credentials:
        return credentials.partition(":")[2] or None
    for key, value in parse_qsl(query):
        if key.lower() in SECRET_PARAMS and value:
            return unquote(value)
    return None


def scrubbed(text: str, url: str) -> str:
    """`text` without the URL's password, typed or percent-encoded, nor any piece of it after an "@"."""
    from urllib.parse import quote

    password = password_of(url)
    if not password:
        return text
    for secret in sorted({password, quote(password, safe=""), *password.split("@")[1:]}, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***")
    return text


def is_retryable(error: BaseException) -> bool:
    """A transaction the database asks to run again: a serialization failure or a deadlock (PostgreSQL)."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    return code in ("40001", "40P01")


def database_error(error: BaseException, where: str) -> DatabaseError | None:
    """The one line for a database failure the user can act on (busy, read-only, full, corrupt,
    unreachable), or None for a fault that is netlog's own (a bug: let it show)."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"The database {where} is busy: something else kept it locked for {BUSY_TIMEOUT_S:g} s."
            " Nothing was written; try again."
        )
    if "readonly" in text or "read-only" in text or _on_read_only_media(where):
        return DatabaseError(
            f"The database {where} is on read-only media (or a read-only file): netlog writes beside it (its -wal"
            " and -shm files) even to read; nothing was written. Copy it somewhere writable."
        )
    if "disk is full" in text or "database or disk is full" in text or "no space" in text:
        return DatabaseError(f"The disk holding {where} is full; nothing was written. Free some space and try again.")
    if "disk i/o error" in text or "i/o error" in text:
        return DatabaseError(f"Reading or writing {where} failed (an I/O error); nothing was written.")
    if "not a database" in text:
        return DatabaseError(f"{where} is not a netlog database ({first_line(original)}); it was left untouched.")
    if "malformed" in text:
        return damaged(where, first_line(original))
    if "could not decode to utf-8" in text:
        return damaged(where, "a stored text is not UTF-8")
    if "fts5" in text or "vtable constructor failed" in text:  # the full-text index's own tables (quick_check does not read them)
        return damaged(where, f"its search index: {first_line(original)}")
    if "no such column" in text or "no such table" in text:
        return damaged(where, f"{first_line(original)}: its schema was changed outside netlog")
    if "unable to open" in text:
        return DatabaseError(f"Cannot open the database {where}: {first_line(original)}.")
    module = type(original).__module__.split(".")[0]
    if module in ("psycopg", "psycopg2") and "OperationalError" in type(original).__name__:
        return DatabaseError(f"The database failed: {first_line(original)}")
    return None


def damaged(where: str, detail: str) -> DatabaseError:
    """The one line for a database whose file or values are damaged (a flipped byte, another program's
    change): nothing is written to it, and the way out is a backup."""
    return DatabaseError(f"The database {where} is damaged ({detail}); nothing was written. Restore a backup (docs/reliability.md).")


def _on_read_only_media(where: str) -> bool:
    """Whether a database file sits on a file system mounted read-only."""
    import os

    folder = os.path.dirname(where) or "."
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def first_line(error: BaseException) -> str:
    """The first line of what the database said; a driver's error without words is said to be one."""
    return (str(error).strip().splitlines() or ["the database driver gave no reason"])[0]
