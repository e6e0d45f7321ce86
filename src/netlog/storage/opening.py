"""Opening a database: create it on first use (private to the user), refuse foreign, corrupt or newer
files without touching them, back up and migrate older ones. On a SQLite file that is already current
this reads two values through the fast reader and imports no SQLAlchemy."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from netlog.errors import DatabaseError
from netlog.storage import migrations
from netlog.storage.location import sqlite_path
from netlog.storage.reader import Reader
from netlog.storage.store import PSYCOPG_SCHEME, Store
from netlog.values.clock import now, today

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

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
    try:
        exists = path.exists()
    except OSError as error:  # a name too long for the system, a loop of links
        raise DatabaseError(f"Cannot open the database {path}: {error.strerror}.") from None
    if not exists:
        _create_file(path)
    _check_file(path)
    reader = store.file_reader
    tables = reader.tables()
    version = _version(reader) if migrations.MIGRATION_TABLE in tables else 0
    if version == 0 and tables:
        raise DatabaseError(f"{path} belongs to another program (no netlog tables); it was left untouched.")
    migrations.check_version(version, str(path))
    reader.use_wal()
    if version < migrations.LATEST:
        if version > 0:
            _copy(store, path.with_name(f"{path.name}.v{version}-{today().isoformat()}.bak"))
        migrations.migrate(store, version)


def _open_server(store: Store) -> None:
    reader = store.reader
    if store.url.startswith(PSYCOPG_SCHEME):  # a PgReader: without SQLAlchemy, unless there is something to migrate
        from netlog.storage.pgfast import PgReader  # imported by store.reader already (psycopg is there)

        assert isinstance(reader, PgReader)
        tables = reader.tables()
        version = _version(reader) if migrations.MIGRATION_TABLE in tables else (-1 if tables else 0)
    else:  # any other server: pgfast (and psycopg, an extra) is not needed, so not imported
        version = store.run(_server_version)
    if version < 0:
        raise DatabaseError(f"{store.where} belongs to another program (no netlog tables); it was left untouched.")
    migrations.check_version(version, store.where)
    migrations.migrate(store, version)


def _server_version(connection: Connection) -> int:
    from sqlalchemy import inspect

    if not inspect(connection).has_table(migrations.MIGRATION_TABLE):
        return -1 if inspect(connection).get_table_names() else 0
    return migrations._recorded(connection)


def _version(reader: Reader) -> int:
    [(version,)] = reader.rows("schema_version")
    return int(version or 0)


def _create_file(path: Path) -> None:
    """A new database, private to the user, made whole before it appears: built in a temporary file beside
    it, then linked into place (which fails when another netlog got there first: then theirs is used). So
    a file netlog is making is never seen empty, and an empty file at the path is never netlog's."""
    import secrets

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseError(f"Cannot create the database at {path}: {error.strerror}.") from None
    try:
        blank = Store(f"sqlite:///{temporary}", temporary)
        try:
            migrations.migrate(blank, 0)
        finally:
            blank.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        except OSError as error:
            raise DatabaseError(f"Cannot create the database at {path}: {error.strerror}.") from None
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            try:
                os.unlink(leftover)
            except OSError:
                pass


def _check_file(path: Path) -> None:
    """An existing file must at least look like SQLite, and not be empty: netlog makes a new database whole
    (_create_file), so an empty file is someone else's (an empty backup restores nothing)."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    try:
        kind = path.stat().st_mode
    except OSError as error:
        raise DatabaseError(f"Cannot read the database {path}: {error.strerror}.") from None
    if not stat.S_ISREG(kind):  # a FIFO would block the open for ever; a socket or a device is no database either
        what = "a FIFO" if stat.S_ISFIFO(kind) else "a socket" if stat.S_ISSOCK(kind) else "a device"
        raise DatabaseError(f"{path} is {what}, not a database file; it was left untouched.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"Cannot read the database {path}: {error.strerror}.") from None
    if not header:
        raise DatabaseError(
            f"{path} is an empty file, not a netlog database (an empty backup restores nothing); it was left"
            " untouched. Remove it to start a new database there."
        )
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not a netlog database (not SQLite at all); it was left untouched.")


def default_backup_path(store: Store) -> Path:
    """A dated file beside the database that does not exist yet: netlog.db -> netlog-2026-11-23-161502.bak.db."""
    path = _sqlite_file(store)
    stamp = now().strftime("%Y-%m-%d-%H%M%S")
    for n in range(1000):
        target = path.with_name(f"{path.stem}-{stamp}{f'-{n}' if n else ''}.bak{path.suffix}")
        if not target.exists():
            return target
    raise DatabaseError(f"Too many backups named {path.stem}-{stamp}*; give the backup a FILE name.")


def backup(store: Store, target: Path, force: bool = False) -> Path:
    """A consistent copy of a SQLite database, private to the user, safe while others write to it, and
    whole or absent: it is written to a temporary file beside the target, synced, checked (integrity_check
    and the schema record), and only then renamed into place. A kill or a full disk leaves no half copy.

    An existing database at the target is replaced only when it is a copy of this one (the same
    `database_id`: a backup it made, or the database restored from one), else OtherDatabase (`force`
    replaces it anyway). A database made before netlog gave databases an id has none: a copy of it
    cannot be told from another database made then, so one without an id may replace another without."""
    import sqlite3

    path = _sqlite_file(store)
    target = target.expanduser()
    try:
        if target.is_symlink():  # write where the link points, and keep the link (as export -o does)
            target = Path(os.path.realpath(target))
        if target.exists() and target.resolve() == path.resolve():
            raise DatabaseError("The backup cannot overwrite the database itself.")
        if target.exists() and not target.is_file():  # a folder, a FIFO, a device: never replaced
            raise DatabaseError(f"Cannot write the backup {target}: it is not a regular file; give a file name. No backup was written.")
        mine = _database_id(store)
        if not force and target.exists():
            _check_replaceable(target, mine)
        if mine is None:
            _identify(store)  # from now on its copies carry its id
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DatabaseError(f"Cannot write the backup {target}: {reason}; no backup was written.") from None
    return _copy(store, target)


def _copy(store: Store, target: Path) -> Path:
    """The copy itself, written whole or not at all (also the backup made before a migration)."""
    import sqlite3

    from netlog.values.files import replacing

    prefix = f".{target.name}{BACKUP_TEMPORARY}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent, prefix)
        with replacing(target, prefix=prefix, held=True) as temporary:
            store.file_reader.backup_to(temporary)
            _check_copy(temporary, _version(store.reader))
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DatabaseError(f"Cannot write the backup {target}: {reason}; no backup was written.") from None
    return target


def _database_id(store: Store) -> str | None:
    from netlog.storage import reads

    return reads.meta(store.reader, migrations.DATABASE_ID)


def _identify(store: Store) -> None:
    """Give a database made before ids its id (once: another netlog may have given it one meanwhile)."""
    import uuid

    from netlog.storage import reads, records
    from netlog.storage.store import reader_for

    def work(session: Session) -> None:
        if reads.meta(reader_for(session), migrations.DATABASE_ID) is None:
            records.set_meta(session, migrations.DATABASE_ID, uuid.uuid4().hex)

    store.write(work)


def _check_replaceable(target: Path, mine: str | None) -> None:
    """Refuse (OtherDatabase) to replace a SQLite database at `target` that is not a copy of this one."""
    import sqlite3
    from urllib.parse import quote

    from netlog.errors import OtherDatabase

    with open(target, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return  # not a database: replaced, as `cp` would
    theirs: str | None = None
    contacts: int | None = None
    try:
        connection = sqlite3.connect(f"file:{quote(str(target))}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            ours = migrations.MIGRATION_TABLE in tables
            if ours:
                found = connection.execute("SELECT value FROM netlog_meta WHERE key = ?", (migrations.DATABASE_ID,)).fetchone()
                theirs = found[0] if found else None
                contacts = connection.execute("SELECT COUNT(*) FROM contact").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        ours = False  # unreadable: nobody can tell whose it is
    if ours and (theirs == mine):  # a copy of this database (or, both from before ids, as before)
        return
    what = f"another netlog database ({contacts:,} contact{'s' if contacts != 1 else ''})" if ours else "another database"
    raise OtherDatabase(f"{target} is {what}, not a backup of this one; nothing was written. Give another FILE, or add --force to replace it.")


BACKUP_TEMPORARY = ".netlog-backup-"  # .NAME.netlog-backup-XXXXXXXX: a copy being written beside NAME


def _sweep(folder: Path, prefix: str) -> None:
    """Remove what a killed backup to the same target left beside it: its copy and the copy's journal, once no
    process holds the copy (files.replacing(held=True)); a journal whose copy is gone goes too."""
    try:
        import fcntl
    except ImportError:
        return
    from netlog.values.files import remove_quietly

    try:
        left = [p for p in folder.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for path in left:
        if path.name.endswith("-journal"):
            if not path.with_name(path.name.removesuffix("-journal")).exists():
                remove_quietly(path)
            continue
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                continue
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: a backup is writing it now
            continue
        finally:
            os.close(descriptor)
        remove_quietly(path.with_name(path.name + "-journal"))
        remove_quietly(path)


def _check_copy(copy: Path, version: int) -> None:
    """A copy must read back whole, with the schema record of the database it copies, before it may stand
    for it."""
    import sqlite3

    with sqlite3.connect(copy) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()
        found = connection.execute(f"SELECT MAX(id) FROM {migrations.MIGRATION_TABLE}").fetchone()
    connection.close()
    if not result or result[0] != "ok" or not found or found[0] != version:
        raise sqlite3.DatabaseError("the copy did not read back whole")


def _sqlite_file(store: Store) -> Path:
    if store.path is None:
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump or `netlog export json`.")
    return store.path
