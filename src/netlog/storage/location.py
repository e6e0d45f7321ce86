"""Where the data lives: one function decides, with --db and NETLOG_DB to override it."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "netlog.db"


def default_path() -> Path:
    """The SQLite file in the platform's user data directory (e.g. ~/.local/share/netlog/netlog.db)."""
    from platformdirs import user_data_path

    return user_data_path("netlog", appauthor=False) / DB_FILENAME


def database_url(option: str | None = None) -> str:
    """--db, else NETLOG_DB, else the default file; a plain path becomes a sqlite:/// URL."""
    value = option or os.environ.get("NETLOG_DB") or str(default_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().absolute())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for any other database."""
    scheme, _, rest = url.partition("://")
    if scheme.split("+")[0] != "sqlite":
        return None
    path = rest[1:] if rest.startswith("/") else rest
    if path in ("", ":memory:"):
        return None
    return Path(path.split("?")[0])


def backup_dir(url: str) -> Path:
    """Where undo backups go: beside the SQLite file, else in the user data directory."""
    file = sqlite_path(url)
    if file is not None:
        return file.parent / "backups"
    from platformdirs import user_data_path

    return user_data_path("netlog", appauthor=False) / "backups"


SECRET_PARAMS = ("password", "passwd", "pwd", "sslpassword")


def display_url(url: str) -> str:
    """A database URL safe to print: no password, whether in user:password@ (even one holding an unencoded
    "@") or in the query string (?password=...)."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    main, question, query = rest.partition("?")
    credentials, at, host = main.rpartition("@")
    if at:
        user = credentials.split(":", 1)[0]
        main = f"{user}@{host}" if user else host
    if question:
        kept = [p for p in query.split("&") if p.split("=", 1)[0].lower() not in SECRET_PARAMS]
        main += "?" + "&".join(kept) if kept else ""
    return f"{scheme}://{main}"
