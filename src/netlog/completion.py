"""Tab completion: contact names from the database, and the fixed vocabularies. Runs on every keypress,
so it reads SQLite through the standard library and never creates a database."""

from typing import Any, Callable

from netlog.kinds import ACTIONS, KINDS, LEVELS


def contact_names(ctx: Any, incomplete: str) -> list[str]:
    """Names of contacts that start with what was typed."""
    from netlog.storage import queries

    return _read(ctx, lambda db: queries.names_starting(db, incomplete))


def tags(ctx: Any, incomplete: str) -> list[str]:
    """Tags in use that start with what was typed."""
    from netlog.storage import queries

    return _read(ctx, lambda db: [t for t in queries.tag_names(db) if t.startswith(incomplete)])


def _read(ctx: Any, read: Callable[[Any], list[str]]) -> list[str]:
    """Run one read against the database named on the command line, if it exists; [] on any failure,
    because completion must never print a traceback into the user's shell."""
    from netlog.storage import open_database
    from netlog.storage.drivers import SqliteDatabase
    from netlog.storage.location import database_url, sqlite_path

    url = database_url(ctx.find_root().params.get("db"))
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        return []
    try:
        db = SqliteDatabase(path, url) if path is not None else open_database(url)
    except Exception:
        return []
    try:
        return read(db)
    except Exception:
        return []
    finally:
        db.close()


def kinds(incomplete: str) -> list[tuple[str, str]]:
    """Touch kinds with what each means."""
    return [(kind, meaning) for kind, (meaning, _) in KINDS.items() if kind.startswith(incomplete)]


def levels(incomplete: str) -> list[str]:
    """Tie strengths."""
    return [level for level in LEVELS if level.startswith(incomplete)]


def actions(incomplete: str) -> list[str]:
    """Due actions."""
    return [action for action in ACTIONS if action.startswith(incomplete)]
