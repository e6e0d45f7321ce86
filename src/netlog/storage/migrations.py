"""Schema versions: an append-only list of named migrations, each applied in one transaction together
with the row in `netlog_migration` that records it (so a crash leaves either both or neither).

Why not Alembic: netlog needs a handful of steps that must run on SQLite and PostgreSQL alike and
a version check that costs one SELECT on every start. The DDL itself is written with SQLAlchemy Core
(compiled for the database at hand), so it stays portable; SQLAlchemy is imported only when a
migration actually runs. A migration's tables are frozen here as they were at that version:
`models.py` describes the current schema, and a test checks that migrating a blank database
produces exactly it.
"""

from __future__ import annotations

from netlog.dates import today
from typing import Any, Callable

from netlog.errors import DatabaseError
from netlog.storage.drivers import Database

MIGRATION_TABLE = "netlog_migration"
MIGRATION_LOCK = 0x6E65746C  # the advisory lock key netlog's migrations take on PostgreSQL ("netl")


class Migrator:
    """What a migration step gets: the database and DDL compiled for its dialect."""

    def __init__(self, db: Database) -> None:
        from sqlalchemy.dialects import postgresql, sqlite

        self.db = db
        self.dialect = sqlite.dialect() if db.dialect == "sqlite" else postgresql.dialect()

    def create(self, metadata: Any) -> None:
        """CREATE every table and index of `metadata`, in dependency order."""
        self.create_tables(metadata, [table.name for table in metadata.sorted_tables])

    def create_tables(self, metadata: Any, names: list[str]) -> None:
        """CREATE only the named tables of `metadata` (others are there to be referenced), with their indexes."""
        from sqlalchemy.schema import CreateTable

        for name in names:
            table = metadata.tables[name]
            self.db.execute(str(CreateTable(table).compile(dialect=self.dialect)))
            for index in sorted(table.indexes, key=lambda i: i.name):
                self.create_index(index)

    def create_index(self, index: Any) -> None:
        """CREATE one index (of a Table in a MetaData of the migration's own)."""
        from sqlalchemy.schema import CreateIndex

        self.db.execute(str(CreateIndex(index).compile(dialect=self.dialect)))

    def add_column(self, table: str, column: Any) -> None:
        """ALTER TABLE ... ADD COLUMN, portable for nullable columns."""
        kind = column.type.compile(dialect=self.dialect)
        self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}")


def _initial(m: Migrator) -> None:
    """Version 1: contacts, tags, touches, dismissed actions and the per-contact history summary."""
    from sqlalchemy import Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text

    md = MetaData()
    contact = Table(
        "contact",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String, nullable=False),
        Column("email", String),
        Column("phone", String),
        Column("company", String),
        Column("title", String),
        Column("url", String),
        Column("uid", String),
        Column("note", Text),
        Column("strength", Integer, nullable=False),
        Column("cadence_days", Integer),
        Column("introduced_by_id", Integer, ForeignKey("contact.id", ondelete="SET NULL")),
        Column("introduced_on", Date),
        Column("birthday", String),
        Column("snoozed_until", Date),
        Column("created_on", Date, nullable=False),
    )
    Index("ix_contact_name", contact.c.name)
    Index("ix_contact_email", contact.c.email)
    Index("ix_contact_url", contact.c.url)
    Index("ix_contact_uid", contact.c.uid)
    tag = Table(
        "tag",
        md,
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
        Column("name", String, primary_key=True),
    )
    Index("ix_tag_name", tag.c.name)
    touch = Table(
        "touch",
        md,
        Column("id", Integer, primary_key=True),
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        Column("kind", String, nullable=False),
        Column("happened_on", Date, nullable=False),
        Column("direction", String, nullable=False),
        Column("note", Text),
        Column("place", String),
        Column("topics", String),
        Column("other_id", Integer, ForeignKey("contact.id", ondelete="SET NULL")),
        Column("logged_by", String),
    )
    Index("ix_touch_contact_on", touch.c.contact_id, touch.c.happened_on)
    Index("ix_touch_other", touch.c.other_id)
    Table(
        "dismissal",
        md,
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
        Column("action", String, primary_key=True),
        Column("done_on", Date, nullable=False),
    )
    Table(
        "contact_state",
        md,
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
        Column("first_touch_on", Date),
        Column("last_touch_on", Date),
        Column("last_touch_kind", String),
        Column("touch_count", Integer, nullable=False),
        Column("thank_on", Date),
        Column("thank_kind", String),
        Column("thank_touch_id", Integer),
        Column("silence_since", Date),
        Column("silence_kind", String),
        Column("silence_sends", Integer, nullable=False),
        Column("met_after_intro_on", Date),
        Column("last_report_on", Date),
        Column("favors_given", Integer, nullable=False),
        Column("favors_received", Integer, nullable=False),
    )
    Table(
        "netlog_meta",
        md,
        Column("key", String, primary_key=True),
        Column("value", String, nullable=False),
    )
    m.create(md)


def _favor_ledger(m: Migrator) -> None:
    """Version 2: the history summary remembers favors received and not yet returned."""
    from sqlalchemy import Column, Date, Integer

    m.add_column("contact_state", Column("unreturned_favors", Integer))
    m.add_column("contact_state", Column("unreturned_since", Date))
    m.add_column("contact_state", Column("last_favor_received_on", Date))


def _contact_moment(m: Migrator) -> None:
    """Version 3: a moment in a contact's life ("started at Contoso") and when it was noted."""
    from sqlalchemy import Column, Date, String

    m.add_column("contact", Column("moment", String))
    m.add_column("contact", Column("moment_on", Date))


def _intro_offers(m: Migrator) -> None:
    """Version 4: introductions I offer to make between two contacts, with double opt-in."""
    from sqlalchemy import Column, Date, ForeignKey, Index, Integer, MetaData, Table, Text

    md = MetaData()
    Table("contact", md, Column("id", Integer, primary_key=True))  # the referenced table, as it stands
    offer = Table(
        "intro_offer",
        md,
        Column("id", Integer, primary_key=True),
        Column("a_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        Column("b_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        Column("note", Text),
        Column("offered_on", Date, nullable=False),
        Column("a_yes_on", Date),
        Column("b_yes_on", Date),
        Column("sent_on", Date),
        Column("declined_on", Date),
        Column("declined_by_id", Integer, ForeignKey("contact.id", ondelete="SET NULL")),
    )
    Index("ix_intro_offer_a", offer.c.a_id)
    Index("ix_intro_offer_b", offer.c.b_id)
    m.create_tables(md, ["intro_offer"])


def _folded_names(m: Migrator) -> None:
    """Version 5: each contact's folded name (case and accents ignored), indexed, so a typed name is found in
    SQL instead of by folding every name in Python (0.4 s for `show zelda` at 100,000 contacts)."""
    from sqlalchemy import Column, Index, MetaData, String, Table

    from netlog.folding import fold

    m.add_column("contact", Column("name_key", String))
    rows = m.db.rows("SELECT id, name FROM contact")
    m.db.executemany("UPDATE contact SET name_key = :key WHERE id = :id", [{"id": r["id"], "key": fold(r["name"])} for r in rows])
    contact = Table("contact", MetaData(), Column("name_key", String))
    m.create_index(Index("ix_contact_name_key", contact.c.name_key))


# Append only. Never edit or reorder a released step: add a new one.
MIGRATIONS: list[tuple[str, Callable[[Migrator], None]]] = [
    ("initial", _initial),
    ("favor ledger", _favor_ledger),
    ("contact moment", _contact_moment),
    ("intro offers", _intro_offers),
    ("folded names", _folded_names),
]
LATEST = len(MIGRATIONS)


def _create_migration_table(m: Migrator) -> None:
    from sqlalchemy import Column, Date, Integer, MetaData, String, Table

    md = MetaData()
    Table(
        MIGRATION_TABLE,
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("name", String, nullable=False),
        Column("applied_on", Date, nullable=False),
    )
    m.create(md)


def current_version(db: Database, tables: set[str]) -> int:
    """The schema version of an opened database: 0 for a blank one."""
    if MIGRATION_TABLE not in tables:
        return 0
    return int(db.scalar(f"SELECT MAX(id) AS version FROM {MIGRATION_TABLE}") or 0)


def check_version(version: int, where: str) -> None:
    """Refuse a database written by a newer netlog, before anything touches it."""
    if version > LATEST:
        raise DatabaseError(
            f"{where} has schema version {version}, newer than this netlog understands ({LATEST})."
            " Upgrade netlog; the database was not changed."
        )


def migrate(db: Database, version: int) -> list[str]:
    """Apply every migration after `version`, each in its own transaction with its record."""
    applied: list[str] = []
    if version >= LATEST:
        return applied  # the common case: nothing to do, and no SQLAlchemy to import
    migrator = Migrator(db)
    for number, (name, step) in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with db.transaction():
            # Several netlogs may open a blank or older database at once: one migrates at a time (SQLite's
            # BEGIN IMMEDIATE, an advisory lock on PostgreSQL, both held until commit) and the others
            # then find the step already applied.
            if db.dialect == "postgresql":
                db.rows(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            if _already_applied(db, number):
                continue
            if number == 1:
                _create_migration_table(migrator)
            step(migrator)
            db.execute(
                f"INSERT INTO {MIGRATION_TABLE} (id, name, applied_on) VALUES (:id, :name, :on)",
                {"id": number, "name": name, "on": today()},
            )
        applied.append(name)
    return applied


def _already_applied(db: Database, number: int) -> bool:
    """Whether another process applied migration `number` while this one waited for the lock."""
    if db.dialect == "sqlite":
        sql = "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = :t"
    else:
        sql = "SELECT 1 AS x FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = :t"
    if not db.rows(sql, {"t": MIGRATION_TABLE}):
        return False
    return db.scalar(f"SELECT COUNT(*) AS n FROM {MIGRATION_TABLE} WHERE id = :id", {"id": number}) > 0
