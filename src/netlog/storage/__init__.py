"""Storage: where the database is, how it is opened and migrated, and every SQL statement netlog runs."""

from netlog.storage.drivers import Database
from netlog.storage.location import database_url, default_path
from netlog.storage.opening import open_database

__all__ = ["Database", "database_url", "default_path", "open_database"]
