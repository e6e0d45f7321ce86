"""Opening a database: create it on first use (private to the user), refuse foreign, corrupt or newer
files without touching them, back up and migrate older ones. On a SQLite file that is already current
this reads two values through the fast reader and imports no SQLAlchemy."""

from __future__ import annotations

import os
from pathlib import Path

from netlog.clock import now, today
from netlog.errors import DatabaseError
from netlog.storage import migrations
from netlog.storage.location import sqlite_path
from netlog.storage.store import Store

SQLITE_HEADER = b"SQLite format 3\x00"


def open_store(url: str) -> Store:
    """Open (creating if need be) the database at `url`, migrated to the current schema."""
    path = sqlite_path(url)
    store = Store(url, path)
    try:
        if path is None:
            _open_server(store)
        else:
            _open_file(store, path)
    except BaseException:
        store.close()
        raise
    return store


def _open_file(store: Store, path: Path) -> None:
    _check_file(path)
    reader = store.reader
    tables = reader.tables()
    version = _version(reader) if migrations.MIGRATION_TABLE in tables else 0
    if version == 0 and tables:
        raise DatabaseError(f"{path} belongs to another program (no netlog tables); it was left untouched.")
    migrations.check_version(version, str(path))
    reader.use_wal()
    if version < migrations.LATEST:
        if version > 0:
            backup(store, path.with_name(f"{path.name}.v{version}-{today().isoformat()}.bak"))
        migrations.migrate(store, version)


def _open_server(store: Store) -> None:
    from sqlalchemy import inspect

    def version_of(connection) -> int:
        if not inspect(connection).has_table(migrations.MIGRATION_TABLE):
            return -1 if inspect(connection).get_table_names() else 0
        return migrations._recorded(connection)

    version = store.run(version_of)
    if version < 0:
        raise DatabaseError(f"{store.where} belongs to another program (no netlog tables); it was left untouched.")
    migrations.check_version(version, store.where)
    migrations.migrate(store, version)


def _version(reader) -> int:
    [(version,)] = reader.rows("schema_version")
    return int(version or 0)


def _check_file(path: Path) -> None:
    """A new file is created private to the user; an existing one must at least look like SQLite."""
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file.")
        try:
            with open(path, "rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise DatabaseError(f"Cannot read the database {path}: {error.strerror}.") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"{path} is not a netlog database (not SQLite at all); it was left untouched.")
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseError(f"Cannot create the database at {path}: {error.strerror}.") from None


def default_backup_path(store: Store) -> Path:
    """A dated file beside the database that does not exist yet: netlog.db -> netlog-2026-11-23-161502.bak.db."""
    path = _sqlite_file(store)
    stamp = now().strftime("%Y-%m-%d-%H%M%S")
    for n in range(1000):
        target = path.with_name(f"{path.stem}-{stamp}{f'-{n}' if n else ''}.bak{path.suffix}")
        if not target.exists():
            return target
    raise DatabaseError(f"Too many backups named {path.stem}-{stamp}*; give the backup a FILE name.")


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of a SQLite database, private to the user, safe while others write to it."""
    import sqlite3

    path = _sqlite_file(store)
    target = target.expanduser()
    if target.exists() and target.resolve() == path.resolve():
        raise DatabaseError("The backup cannot overwrite the database itself.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
        store.reader.backup_to(target)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(f"Cannot write the backup {target}: {error}.") from None
    return target


def _sqlite_file(store: Store) -> Path:
    if store.path is None:
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump or `netlog export json`.")
    return store.path
