"""Opening a database: create it on first use (private to the user), refuse foreign, corrupt or newer
files without touching them, back up and migrate older ones."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from netlog.dates import today
from netlog.errors import DatabaseError
from netlog.storage import migrations
from netlog.storage.drivers import Database, SqlAlchemyDatabase, SqliteDatabase
from netlog.storage.location import sqlite_path

SQLITE_HEADER = b"SQLite format 3\x00"


def open_database(url: str) -> Database:
    """Open (creating if need be) the database at `url`, migrated to the current schema."""
    path = sqlite_path(url)
    if path is None:
        db: Database = SqlAlchemyDatabase(url)
        where = url.split("@")[-1]
    else:
        _check_file(path)
        db = SqliteDatabase(path, url)
        where = str(path)
    try:
        tables = table_names(db)
        version = migrations.current_version(db, tables)
        if version == 0 and tables:
            raise DatabaseError(f"{where} belongs to another program (no netlog tables); it was left untouched.")
        migrations.check_version(version, where)
        db.configure()
        if 0 < version < migrations.LATEST and path is not None:
            backup(db, path.with_name(f"{path.name}.v{version}-{today().isoformat()}.bak"))
        migrations.migrate(db, version)
    except BaseException:
        db.close()
        raise
    return db


def _check_file(path: Path) -> None:
    """A new file is created private to the user; an existing one must at least look like SQLite."""
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file.")
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"{path} is not a netlog database (not SQLite at all); it was left untouched.")
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseError(f"Cannot create the database at {path}: {error.strerror}.") from None


def table_names(db: Database) -> set[str]:
    """The tables the database holds (the one SQLite-specific query, kept here in storage)."""
    if db.dialect == "sqlite":
        rows = db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row["name"] for row in rows}
    rows = db.rows("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")
    return {row["name"] for row in rows}


def default_backup_path(db: Database) -> Path:
    """A dated file beside the database that does not exist yet: netlog.db -> netlog-2026-11-23-161502.bak.db."""
    from datetime import datetime

    if not isinstance(db, SqliteDatabase):
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump or `netlog export json`.")
    stamp = f"{today().isoformat()}-{datetime.now().strftime('%H%M%S')}"
    for n in range(1000):
        target = db.path.with_name(f"{db.path.stem}-{stamp}{f'-{n}' if n else ''}.bak{db.path.suffix}")
        if not target.exists():
            return target
    raise DatabaseError(f"Too many backups named {db.path.stem}-{stamp}*; give the backup a FILE name.")


def backup(db: Database, target: Path) -> Path:
    """A consistent copy of a SQLite database, private to the user, safe while others write to it."""
    if not isinstance(db, SqliteDatabase):
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump or `netlog export json`.")
    target = target.expanduser()
    if target.exists() and target.resolve() == db.path.resolve():
        raise DatabaseError("The backup cannot overwrite the database itself.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
        db.backup_to(target)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(f"Cannot write the backup {target}: {error}.") from None
    return target
