"""Schema versions: an append-only list of named steps, each applied in one transaction together with the
row in `netlog_migration` that records it, so a crash leaves either both or neither.

A new database is created whole from the models' metadata (models.py is the one schema) and recorded
at the latest version. An older database is brought up to date by the steps after its version; each
step describes a change as operations (add a column, create a table with the columns it had then,
back-fill), never as a second copy of the current tables. tests/test_upgrades.py checks that an upgraded
version-1 file and a fresh one have the same schema.

Why not Alembic, which SQLModel users expect: every netlog command checks the version when it opens the
database, and on a SQLite file `due`, `list` and completion do it through the standard library's sqlite3
without importing SQLAlchemy at all. Alembic's check needs SQLAlchemy, and importing Alembic's migration
runtime costs more again on top of it (docs/performance.md, "Figures behind the design"). The steps below are few and small, and run on SQLite and PostgreSQL alike through SQLAlchemy Core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, Unpack

from netlog.errors import DatabaseError
from netlog.values.clock import today

if TYPE_CHECKING:
    from sqlalchemy import Column, Connection, CursorResult, Executable

    from netlog.storage.store import Store

DATABASE_ID = "database_id"  # netlog_meta: who a database is (storage/opening.backup)
MIGRATION_TABLE = "netlog_migration"
MIGRATION_LOCK = 0x6E65746C  # the advisory lock key netlog's migrations take on PostgreSQL ("netl")


class Operations:
    """What a step gets: the connection of its transaction and portable schema operations."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect

    def add_column(self, table: str, column: Column[Any]) -> None:
        """ALTER TABLE ... ADD COLUMN (a nullable column, or one with a server default: portable)."""
        from sqlalchemy import DefaultClause

        kind = column.type.compile(dialect=self.dialect)
        default = ""
        if column.server_default is not None:
            if not isinstance(column.server_default, DefaultClause):
                raise TypeError(f"{column.name}: a column added by a step has a server default given as SQL, or none")
            value = column.server_default.arg
            sql = value if isinstance(value, str) else value.compile(dialect=self.dialect)
            default = f" DEFAULT {sql}"
            if not column.nullable:
                default += " NOT NULL"
        self.connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}{default}")

    def create_table(self, name: str, *columns: Column[Any], indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> None:
        """CREATE TABLE with the columns it has at this version, and its indexes (name, columns)."""
        from sqlalchemy import Column, Index, Integer, MetaData, Table

        metadata = MetaData()
        Table("contact", metadata, Column("id", Integer, primary_key=True))  # what foreign keys may reference
        table = Table(name, metadata, *columns)
        table.create(self.connection)
        for index_name, index_columns in indexes:
            Index(index_name, *(table.c[c] for c in index_columns)).create(self.connection)

    def create_index(self, name: str, table: str, *columns: str) -> None:
        self.connection.exec_driver_sql(f"CREATE INDEX {name} ON {table} ({', '.join(columns)})")

    def execute(
        self, statement: Executable, params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None
    ) -> CursorResult[Unpack[tuple[Any, ...]]]:
        return self.connection.execute(statement, params) if params is not None else self.connection.execute(statement)


def _create(op: Operations) -> None:
    """A new database: every table and index of models.py."""
    from sqlmodel import SQLModel

    import netlog.models  # noqa: F401  (defines the tables)

    SQLModel.metadata.create_all(op.connection)
    from netlog.storage import search

    search.create_index(op.connection)
    _identify(op)


def _identify(op: Operations) -> None:
    """A new database's id (netlog_meta DATABASE_ID): its backups carry it, so `backup` knows its own copies."""
    import uuid

    from netlog.models import NetlogMeta

    op.connection.execute(NetlogMeta.__table__.insert().values(key=DATABASE_ID, value=uuid.uuid4().hex))  # type: ignore[attr-defined]


def _favor_ledger(op: Operations) -> None:
    """Version 2: the history summary remembers favors received and not yet returned. Nothing to do here
    now: contact_state is a derived cache, recreated from models.py when its version changes."""


def _contact_moment(op: Operations) -> None:
    """Version 3: a moment in a contact's life ("started at Contoso") and when it was noted."""
    from sqlalchemy import Column, Date, String

    op.add_column("contact", Column("moment", String))
    op.add_column("contact", Column("moment_on", Date))


def _intro_offers(op: Operations) -> None:
    """Version 4: introductions I offer to make between two contacts, with double opt-in."""
    from sqlalchemy import Column, Date, ForeignKey, Integer, Text

    op.create_table(
        "intro_offer",
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
        indexes=(("ix_intro_offer_a", ("a_id",)), ("ix_intro_offer_b", ("b_id",))),
    )


def _folded_names(op: Operations) -> None:
    """Version 5: each contact's folded name (case and accents ignored), indexed, so a typed name is found in
    SQL instead of by folding every name in Python (docs/performance.md)."""
    from sqlalchemy import Column, String, bindparam, text

    from netlog.values.folding import fold

    op.add_column("contact", Column("name_key", String))
    rows = op.execute(text("SELECT id, name FROM contact")).all()
    if rows:
        update = text("UPDATE contact SET name_key = :key WHERE id = :id").bindparams(bindparam("key"), bindparam("id"))
        op.execute(update, [{"id": cid, "key": fold(name)} for cid, name in rows])
    op.create_index("ix_contact_name_key", "contact", "name_key")


def _address_book(op: Operations) -> None:
    """Version 6: what address books keep: a card's structured name (vCard N), nicknames, postal address
    (ADR) and kind (KIND:org)."""
    from sqlalchemy import JSON, Column, String

    op.add_column("contact", Column("n", JSON(none_as_null=True)))
    op.add_column("contact", Column("nickname", String))
    op.add_column("contact", Column("address", JSON(none_as_null=True)))
    op.add_column("contact", Column("kind", String))


def _touch_intents(op: Operations) -> None:
    """Version 7: what the user says when logging (a message that expects no reply, a touch that does or does
    not deserve thanks, the advice given), and imported ties told apart from met ones. LinkedIn's "Connected
    On", which earlier imports stored as a meeting at "LinkedIn", becomes the `connected` touch it is, and a
    contact nothing but imported (only such touches, or none; never introduced; an importer's strength)
    becomes a dormant tie whose strength the user has not set."""
    from sqlalchemy import Boolean, Column, Text, text, true

    op.add_column("contact", Column("strength_set", Boolean, nullable=False, server_default=true()))
    op.add_column("touch", Column("expects_reply", Boolean, nullable=False, server_default=true()))
    op.add_column("touch", Column("thank_wanted", Boolean))
    op.add_column("touch", Column("advice", Text))
    op.execute(
        text(
            "UPDATE touch SET kind = 'connected' WHERE kind = 'met' AND place = 'LinkedIn' AND direction = 'both'"
            " AND note IS NULL AND topics IS NULL AND other_id IS NULL"
        )
    )
    op.execute(
        text(
            "UPDATE contact SET strength_set = :no WHERE introduced_by_id IS NULL AND strength <= 2"
            " AND id NOT IN (SELECT contact_id FROM touch WHERE kind <> 'connected')"
        ),
        {"no": False},
    )


def _touch_sources(op: Operations) -> None:
    """Version 8: a touch logged from mail, a calendar or a chat remembers its source and its id there."""
    from sqlalchemy import Column, String, Text

    op.add_column("touch", Column("source", String))
    op.add_column("touch", Column("source_id", Text))
    op.create_index("ix_touch_source", "touch", "source", "source_id")


def _first_names(op: Operations) -> None:
    """Version 9: each contact's folded first word, indexed, so the first names two contacts share (reasons
    then say full names) are counted in SQL rather than by reading every name on every `due`."""
    from sqlalchemy import Column, String, text

    from netlog.values.folding import first_word_key

    op.add_column("contact", Column("first_key", String))
    rows = op.execute(text("SELECT id, name FROM contact")).all()
    if rows:
        op.execute(text("UPDATE contact SET first_key = :key WHERE id = :id"), [{"id": cid, "key": first_word_key(name)} for cid, name in rows])
    op.create_index("ix_contact_first_key", "contact", "first_key")


def _contact_points(op: Operations) -> None:
    """Version 10: a contact holds any number of emails, phones and profile URLs, each with its label
    (contact_point). The contact's single email, phone and URL become its first, preferred point; the
    columns stay and keep naming the preferred one."""
    from sqlalchemy import Column, ForeignKey, Integer, String, text

    from netlog.values.points import KINDS, default_region, normal

    op.create_table(
        "contact_point",
        Column("id", Integer, primary_key=True),
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        Column("kind", String, nullable=False),
        Column("value", String, nullable=False),
        Column("label", String),
        Column("normal", String, nullable=False),
        Column("position", Integer, nullable=False),
        indexes=(("ix_contact_point_normal", ("kind", "normal")), ("ix_contact_point_contact", ("contact_id", "kind", "position"))),
    )
    region = default_region()
    rows = []
    for kind in KINDS:
        for cid, value in op.execute(text(f"SELECT id, {kind} FROM contact WHERE {kind} IS NOT NULL")).all():
            if value and value.strip():
                rows.append({"cid": cid, "kind": kind, "value": value, "normal": normal(kind, value, region)})
    if rows:
        op.execute(
            text("INSERT INTO contact_point (contact_id, kind, value, label, normal, position)"
                 " VALUES (:cid, :kind, :value, NULL, :normal, 0)"),
            rows,
        )  # fmt: skip


def _contact_search(op: Operations) -> None:
    """Version 11 (issue 26): each contact's search document and the engine's full-text index over it (FTS5 on
    SQLite, a GIN tsvector index on PostgreSQL: storage/search.py). The documents are a derived cache:
    network/cache.py fills them on this same open, as it refills contact_state."""
    from sqlalchemy import Column, ForeignKey, Integer, Text

    from netlog.storage import search

    op.create_table(
        "contact_search",
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
        *(Column(field, Text, nullable=False) for field in search.FIELDS),
    )
    search.create_index(op.connection)


def _day_picks(op: Operations) -> None:
    """Version 12 (issue 23): the daily allowance's picks, one row per person picked per day, so a day's picks
    stay put once listed and the next month's picks can pass over who was picked lately."""
    from sqlalchemy import Column, Date, ForeignKey, Integer

    op.create_table(
        "day_pick",
        Column("picked_on", Date, primary_key=True),
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
        indexes=(("ix_day_pick_contact", ("contact_id",)),),
    )


def _sync_state(op: Operations) -> None:
    """Version 13 (issue 22): what `netlog sync` last saw of each item of a vdir folder, and each contact's
    note history (what a sync conflict replaced)."""
    from sqlalchemy import BigInteger, Column, Date, ForeignKey, Integer, String, Text

    op.create_table(
        "sync_item",
        Column("folder", String, primary_key=True),
        Column("uid", String, primary_key=True),
        Column("file", String, nullable=False),
        Column("hash", String, nullable=False),
        Column("size", BigInteger, nullable=False),
        Column("mtime_ns", BigInteger, nullable=False),
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="SET NULL")),
        Column("state", String, nullable=False),
        Column("item_view", Text),
        Column("netlog_view", Text),
        Column("netlog_sig", String),
        indexes=(("ix_sync_item_contact", ("contact_id",)), ("ix_sync_item_state", ("state",))),
    )
    op.create_table(
        "contact_note",
        Column("id", Integer, primary_key=True),
        Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        Column("noted_on", Date, nullable=False),
        Column("text", Text, nullable=False),
        indexes=(("ix_contact_note_contact", ("contact_id",)),),
    )


def _shareable_words(op: Operations) -> None:
    """Version 14 (issue 24): words the other person may read, apart from the private notes: what a touch was
    about (`log --about`) and why two people should meet (`intro --why`)."""
    from sqlalchemy import Column, Text

    op.add_column("touch", Column("about", Text))
    op.add_column("intro_offer", Column("why", Text))


def _group_events(op: Operations) -> None:
    """Version 15 (issue 23): a touch from a calendar event with many guests (one you organised with more
    than three, or any with more than five) is marked, so it asks no thank-you or second touch of each guest."""
    from sqlalchemy import Boolean, Column, false

    op.add_column("touch", Column("group_event", Boolean, nullable=False, server_default=false()))


def _touch_threads(op: Operations) -> None:
    """Version 16 (issue 23): a mail touch keeps its thread (the Message-ID the thread started with), so a
    reply in one thread does not end the silence of another."""
    from sqlalchemy import Column, Text

    op.add_column("touch", Column("thread", Text))


def _family_cards(op: Operations) -> None:
    """Version 17 (issue 23): the family relation a card names (vCard RELATED of a family type), so family is
    never drawn as a daily pick."""
    from sqlalchemy import Column, String

    op.add_column("contact", Column("family", String))


def _refolded_names(op: Operations) -> None:
    """Version 18 (issue 26): names fold letters whose accent NFKD keeps ('Søren' -> soren, 'Łukasz' ->
    lukasz), so each contact's folded name and first word are worked out again; ASCII names fold as before."""
    from sqlalchemy import text

    from netlog.values.folding import first_word_key, fold

    rows = [(cid, name) for cid, name in op.execute(text("SELECT id, name FROM contact")).all() if not name.isascii()]
    if rows:
        update = text("UPDATE contact SET name_key = :key, first_key = :first WHERE id = :id")
        op.execute(update, [{"id": cid, "key": fold(name), "first": first_word_key(name)} for cid, name in rows])


def _hand_logged_asks(op: Operations) -> None:
    """Version 19 (issue 23): a message received and logged by hand that asks something (its note asks, or
    `--asks`) owes a reply. Those logged before said nothing of what they asked: false, so none starts owing."""
    from sqlalchemy import Boolean, Column, false

    op.add_column("touch", Column("asks", Boolean, nullable=False, server_default=false()))


def _removed_cards(op: Operations) -> None:
    """Version 20 (issue 22): the card UIDs of contacts removed with `netlog rm`, one memory for every address
    book and import (until now only the folders a sync kept remembered them, per folder, in sync_item). The cards
    those syncs remembered as removed are its first rows, each with the contact's name as the last sync saw it
    (else the card's)."""
    import json

    from sqlalchemy import Column, String, text

    from netlog.values.folding import fold

    op.create_table(
        "removed_card",
        Column("uid", String, primary_key=True),
        Column("name", String),
        Column("name_key", String),
        indexes=(("ix_removed_card_name_key", ("name_key",)),),
    )
    def name_in(view: str | None) -> str | None:
        try:
            name = json.loads(view).get("name") if view else None
        except (ValueError, AttributeError):
            return None
        return name.strip() if isinstance(name, str) and name.strip() else None

    names: dict[str, str | None] = {}
    removed = text("SELECT uid, netlog_view, item_view FROM sync_item WHERE state = 'removed' ORDER BY folder")
    for uid, netlog_view, item_view in op.execute(removed).all():
        if not names.get(uid):
            names[uid] = name_in(netlog_view) or name_in(item_view)
    if names:
        op.execute(
            text("INSERT INTO removed_card (uid, name, name_key) VALUES (:uid, :name, :key)"),
            [{"uid": uid, "name": name, "key": fold(name) if name else None} for uid, name in names.items()],
        )


def _names_keyed_as_find_reads_them(op: Operations) -> None:
    """Version 21 (issue 26): a typed name is matched as `find` reads it, punctuation ignored and a word
    written with an apostrophe or a hyphen inside either way ("oneil" names Ciara O'Neil), so each contact's
    stored key is worked out again (values.folding.name_key) where it differs."""
    from sqlalchemy import text

    from netlog.values.folding import name_key

    rows = op.execute(text("SELECT id, name, name_key FROM contact")).all()
    changed = [{"id": cid, "key": name_key(name)} for cid, name, key in rows if name_key(name) != key]
    if changed:
        op.execute(text("UPDATE contact SET name_key = :key WHERE id = :id"), changed)


# Append only. Never edit or reorder a released step: add a new one. Step 1 runs only on a blank database,
# and creates the current schema whole, so a new database is recorded at LATEST at once.
def _introducers_indexed(op: Operations) -> None:
    """Version 22: contact.introduced_by_id indexed (issue 25): `due` finds the introducers an intro names among
    the few contacts introduced instead of scanning every contact (7 ms of 25 at 100,000 contacts), and removing
    a contact finds those it introduced (ON DELETE SET NULL) without a scan."""
    op.create_index("ix_contact_introduced_by_id", "contact", "introduced_by_id")


def _captured_subjects(op: Operations) -> None:
    """Version 23: a captured message's subject in its own column, apart from the note. A reason quoted a
    captured touch's note as its subject, so a private note written on a capture that had no subject (a hand log
    joined to the chat or the subject-less mail it records) went into `due`, `export ics` and drafts. Kept
    subjects are copied from the notes of captures whose source has subjects (mail, LinkedIn, a calendar's
    titles) and that no shareable words of yours replaced; a chat's captures come with no subject, so their
    notes are yours and stay private."""
    from sqlalchemy import Column, Text, text

    op.add_column("touch", Column("subject", Text))
    op.execute(text(
        "UPDATE touch SET subject = note WHERE source IN ('mail', 'linkedin', 'calendar') AND about IS NULL AND note IS NOT NULL"
    ))  # fmt: skip


def _few_indexed(op: Operations) -> None:
    """Version 24: contact.snoozed_until, kind and family indexed (issue 25): `due` counts the pool from one index
    and finds the few contacts it sets aside (snoozed; organisations' and family cards) by these, without reading
    a row of the contact table (personal_ties: 19 ms -> under 1 ms at 100,000 contacts with no family name set)."""
    for column in ("snoozed_until", "kind", "family"):
        op.create_index(f"ix_contact_{column}", "contact", column)


MIGRATIONS: list[tuple[str, Callable[[Operations], None]]] = [
    ("initial", _create),
    ("favor ledger", _favor_ledger),
    ("contact moment", _contact_moment),
    ("intro offers", _intro_offers),
    ("folded names", _folded_names),
    ("address book", _address_book),
    ("touch intents", _touch_intents),
    ("touch sources", _touch_sources),
    ("first names", _first_names),
    ("contact points", _contact_points),
    ("contact search", _contact_search),
    ("day picks", _day_picks),
    ("sync state", _sync_state),
    ("shareable words", _shareable_words),
    ("group events", _group_events),
    ("touch threads", _touch_threads),
    ("family cards", _family_cards),
    ("refolded names", _refolded_names),
    ("hand-logged asks", _hand_logged_asks),
    ("removed cards", _removed_cards),
    ("names keyed as find reads them", _names_keyed_as_find_reads_them),
    ("introducers indexed", _introducers_indexed),
    ("captured subjects", _captured_subjects),
    ("few indexed", _few_indexed),
]
LATEST = len(MIGRATIONS)


def check_version(version: int, where: str) -> None:
    """Refuse a database written by a newer netlog, before anything touches it."""
    if version > LATEST:
        raise DatabaseError(
            f"{where} has schema version {version}, newer than this netlog understands ({LATEST})."
            " Upgrade netlog; the database was not changed."
        )


def migrate(store: Store, version: int) -> list[str]:
    """Bring the database from `version` to LATEST; the names of the steps applied."""
    applied: list[str] = []
    if version >= LATEST:
        return applied
    if version == 0:
        if store.run(_create_blank):
            applied.append("initial")
        return applied
    for number, (name, step) in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        try:
            done = store.run(lambda connection: _apply(connection, number, name, step))
        except DatabaseError:
            raise
        except Exception as error:  # a step that cannot apply: the schema is not what its record says
            if not _is_database_fault(error):
                raise
            raise DatabaseError(
                f"{store.where} cannot be upgraded to schema version {number} ({name}): its record of applied"
                f" versions says {version}, but its tables are already past that (a migration record is missing?)."
                " Nothing was changed; restore a backup, or ask for help with the file."
            ) from None
        if done:
            applied.append(name)
    return applied


def _is_database_fault(error: BaseException) -> bool:
    """An error the database raised (as opposed to a bug in a step)."""
    import sqlalchemy.exc

    return isinstance(error, sqlalchemy.exc.DBAPIError)


def _lock(connection: Connection) -> None:
    """Several netlogs may open a blank or older database at once: one migrates at a time (SQLite's BEGIN
    IMMEDIATE, an advisory lock on PostgreSQL, both held until commit); the others then find the work done."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def _create_blank(connection: Connection) -> bool:
    _lock(connection)
    if _recorded(connection) > 0:
        return False
    _create(Operations(connection))
    from sqlalchemy import insert

    from netlog.models import NetlogMigration, table

    connection.execute(
        insert(table(NetlogMigration)),
        [{"id": n, "name": name, "applied_on": today()} for n, (name, _) in enumerate(MIGRATIONS, start=1)],
    )
    return True


def _apply(connection: Connection, number: int, name: str, step: Callable[[Operations], None]) -> bool:
    _lock(connection)
    if _recorded(connection) >= number:
        return False
    step(Operations(connection))
    from sqlalchemy import insert

    from netlog.models import NetlogMigration, table

    connection.execute(insert(table(NetlogMigration)), {"id": number, "name": name, "applied_on": today()})
    return True


def _recorded(connection: Connection) -> int:
    """The latest step recorded (0 when there is no migration table yet)."""
    from sqlalchemy import func, inspect, select

    from netlog.models import NetlogMigration

    if not inspect(connection).has_table(MIGRATION_TABLE):
        return 0
    return connection.execute(select(func.max(NetlogMigration.id))).scalar() or 0
