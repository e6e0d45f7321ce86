"""The schema: every table netlog keeps, as SQLModel classes, once.

A new database is created from this metadata (storage/migrations.py `create`); older databases are
brought here by the migration steps, and tests/test_upgrades.py checks that an upgraded version-1 file
and a fresh one have the same tables, columns, types, nullability, defaults, foreign keys and indexes.
Every write goes through these classes in a SQLModel Session (storage/records.py); the fast reads of
`due`, `list`, `show` and completion run SQL compiled from `select()`s over them (storage/statements.py).

Tables of record: contact, contact_point, tag, touch, dismissal, intro_offer, day_pick (the daily
allowance's picks), sync_item (what a sync last saw), removed_card (cards of removed contacts), contact_note (a contact's note history), netlog_meta
(settings) and netlog_migration (schema versions). `contact_state` is not a record: it is a derived cache of what
each contact's touches add up to (rules.History), rebuilt from the touches whenever its version changes
(network/cache.py), as todoman rebuilds its cache from the files.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import JSON, BigInteger, Column, Index, Table, Text, false, true
from sqlmodel import Field, SQLModel


def _text(name: str) -> Column[str]:
    """A column of free text (TEXT rather than VARCHAR: notes can be long)."""
    return Column(name, Text, nullable=True)


def _words(name: str) -> Column[str]:
    """A column of folded words for search (never NULL: an empty field is '')."""
    return Column(name, Text, nullable=False)


def table(model: type[SQLModel]) -> Table:
    """A table model's Table, typed: SQLModel sets `__table__` on every `table=True` class, but its type hints
    do not declare it, so the statements and writes over whole tables reach it through here."""
    found = getattr(model, "__table__", None)
    if not isinstance(found, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return found


class Contact(SQLModel, table=True):
    """One person (or organisation) you know."""

    __tablename__ = "contact"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    email: Optional[str] = Field(default=None, index=True)
    phone: Optional[str] = None
    company: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = Field(default=None, index=True)
    uid: Optional[str] = Field(default=None, index=True)  # a vCard UID, kept across exports
    note: Optional[str] = Field(default=None, sa_column=_text("note"))
    strength: int  # 1 acquaintance .. 5 close (kinds.LEVELS)
    # False: the strength is an importer's guess (a LinkedIn connection, a card), never set by the user; such a
    # tie with no real touch is dormant and reaches `due` only through the daily reconnect pick (migration 7)
    strength_set: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    cadence_days: Optional[int] = None  # their own keep-in-touch cadence; None: the default for the strength
    introduced_by_id: Optional[int] = Field(default=None, foreign_key="contact.id", ondelete="SET NULL", index=True)
    introduced_on: Optional[date] = None
    birthday: Optional[str] = None  # "MM-DD" or "YYYY-MM-DD" (dates.parse_birthday)
    snoozed_until: Optional[date] = Field(default=None, index=True)  # indexed: `due` sets the few aside (migration 24)
    created_on: date
    moment: Optional[str] = None  # news in their life: "started at Contoso"
    moment_on: Optional[date] = None
    name_key: Optional[str] = Field(default=None, index=True)  # the folded name (netlog.values.folding), matched in SQL
    first_key: Optional[str] = Field(default=None, index=True)  # its folded first word: shared first names (migration 9)
    # From address books (migration 6): a card's structured name (N: family, given, additional, prefix,
    # suffix), nicknames, postal address (ADR: PO box, extended, street, locality, region, code, country)
    # and kind ("org", or NULL for an individual). netlog.vcard.cards reads and writes them.
    n: Optional[list[str]] = Field(default=None, sa_type=JSON(none_as_null=True))
    nickname: Optional[str] = None
    address: Optional[list[str]] = Field(default=None, sa_type=JSON(none_as_null=True))
    kind: Optional[str] = Field(default=None, index=True)  # indexed, as family: `due` finds the few (migration 24)
    # The family relation a card names (vCard RELATED;TYPE=parent, child, sibling, spouse or kin; migration 17):
    # family, so no professional tie, never a daily pick without a cadence of its own (issue 23).
    family: Optional[str] = Field(default=None, index=True)


class ContactPoint(SQLModel, table=True):
    """One of a contact's email addresses, phone numbers or profile URLs (migration 10), with the label the
    address book gives it. The contact's `email`, `phone` and `url` columns hold its preferred one (position
    0) and are kept equal to it by storage/records.py, so every reader of one value keeps working."""

    __tablename__ = "contact_point"
    __table_args__ = (
        Index("ix_contact_point_normal", "kind", "normal"),
        Index("ix_contact_point_contact", "contact_id", "kind", "position"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    kind: str  # "email", "phone" or "url" (values.points.KINDS)
    value: str  # as it was given
    label: Optional[str] = None  # lower-cased: "work", "cell", "linkedin", "alumni"
    normal: str  # the form values are compared in (values.points.normal): formatting alone is never a change
    position: int  # 0: the preferred one


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    name: str = Field(primary_key=True, index=True)


class Touch(SQLModel, table=True):
    """One interaction with a contact: a meeting, a message, a favor, an intro..."""

    __tablename__ = "touch"
    __table_args__ = (
        Index("ix_touch_contact_on", "contact_id", "happened_on"),
        Index("ix_touch_other", "other_id"),
        Index("ix_touch_source", "source", "source_id"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    kind: str  # kinds.KINDS
    happened_on: date
    direction: str  # "out" from me, "in" to me, "both"
    note: Optional[str] = Field(default=None, sa_column=_text("note"))
    place: Optional[str] = None
    topics: Optional[str] = None
    other_id: Optional[int] = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")  # intro: to whom
    logged_by: Optional[str] = None
    # What the user said when logging it (migration 7): False, a message of mine that asks no answer;
    # True/False, it does/does not deserve a thank-you; the advice they gave, to circle back on later.
    expects_reply: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    thank_wanted: Optional[bool] = None
    advice: Optional[str] = Field(default=None, sa_column=_text("advice"))
    # Where an imported touch came from (migration 8): the source ("mail", "calendar", "linkedin-messages",
    # "telegram", "whatsapp") and its own id there (a Message-ID, an event UID and start), so importing
    # the same record again adds nothing.
    source: Optional[str] = None
    source_id: Optional[str] = Field(default=None, sa_column=_text("source_id"))
    # What a message or favor was about, in words the other person may read (`log --about`, migration 14):
    # a nudge restates it, a thank-you names it. The note stays private.
    about: Optional[str] = Field(default=None, sa_column=_text("about"))
    # A calendar event with many guests (migration 15, issue 23): a touch with each, but no thank-you and no
    # second touch for each guest.
    group_event: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # A mail's thread (migration 16, issue 23): the Message-ID its thread started with (References, In-Reply-To,
    # else a reply's subject); a silence, its nudge and a reply owed are per thread.
    thread: Optional[str] = Field(default=None, sa_column=_text("thread"))
    # A message received and logged by hand that asks something (migration 19, issue 23): its --note or --about
    # asks (rules/asking.py), or `--asks`; a reply is owed. A captured one says so in expects_reply.
    asks: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # The words a captured message came with, a mail's or a LinkedIn message's subject (migration 23): what a
    # reason or a draft may quote of a capture. `note` shows them too until you write your own there, which stays
    # private (a hand log joined to the capture of the same message keeps both).
    subject: Optional[str] = Field(default=None, sa_column=_text("subject"))


class Dismissal(SQLModel, table=True):
    """A due action the user chose to skip (`netlog done`): cleared until a later event."""

    __tablename__ = "dismissal"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    action: str = Field(primary_key=True)
    done_on: date


class DayPick(SQLModel, table=True):
    """One person the daily allowance picked on one day (migration 12): stored when the day's list is first
    shown, so acting on one pick never redraws the others, and nobody is picked again within a month while
    others are left (rules/allowance.py)."""

    __tablename__ = "day_pick"
    __table_args__ = (Index("ix_day_pick_contact", "contact_id"),)

    picked_on: date = Field(primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class IntroOffer(SQLModel, table=True):
    """An introduction I offered to make between two contacts (double opt-in)."""

    __tablename__ = "intro_offer"
    __table_args__ = (Index("ix_intro_offer_a", "a_id"), Index("ix_intro_offer_b", "b_id"))

    id: Optional[int] = Field(default=None, primary_key=True)
    a_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    b_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    note: Optional[str] = Field(default=None, sa_column=_text("note"))
    offered_on: date
    a_yes_on: Optional[date] = None
    b_yes_on: Optional[date] = None
    sent_on: Optional[date] = None
    declined_on: Optional[date] = None
    declined_by_id: Optional[int] = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    why: Optional[str] = Field(default=None, sa_column=_text("why"))  # why they should meet, shareable (`intro --why`, migration 14)


class NetlogMeta(SQLModel, table=True):
    """Settings and the cache's version, as key and text value."""

    __tablename__ = "netlog_meta"

    key: str = Field(primary_key=True)
    value: str


class SyncItem(SQLModel, table=True):
    """What `netlog sync` last saw of one item of a vdir folder (a card of an address book, a due item of a
    calendar), so the next run can tell which side changed what since (migration 13). `state`: "synced";
    "deleted" (the item left the folder: the contact stays, no longer synced, and nothing is recreated);
    "removed" (the contact was removed from netlog: its card is left alone and never brought back); "merged"
    (the card of a contact merged into `contact_id`: the next sync folds it into that contact's card and
    deletes it).
    `item_view` and `netlog_view` are what each side said at the last sync (JSON, syncing/views.py)."""

    __tablename__ = "sync_item"
    __table_args__ = (Index("ix_sync_item_contact", "contact_id"), Index("ix_sync_item_state", "state"))

    folder: str = Field(primary_key=True)  # the vdir's absolute path, links resolved
    uid: str = Field(primary_key=True)
    file: str  # its file name in the folder
    hash: str  # SHA-256 of the file's bytes as last read or written
    size: int = Field(sa_type=BigInteger)
    mtime_ns: int = Field(sa_type=BigInteger)  # with size: a file not touched since needs no reading
    contact_id: Optional[int] = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    state: str
    item_view: Optional[str] = Field(default=None, sa_column=_text("item_view"))
    netlog_view: Optional[str] = Field(default=None, sa_column=_text("netlog_view"))
    netlog_sig: Optional[str] = None  # a digest of the contact's row, points and tags as read: unchanged, unchanged


class RemovedCard(SQLModel, table=True):
    """A card UID of a contact removed with `netlog rm` (migration 20): every path that brings cards in (a sync of
    any address book, one netlog never synced before too; `import vcard` of a file or a vdir) leaves that card out,
    so a removed person stays removed. Kept for every UID the contact had: its own (from an import or an export)
    and its synced cards'. A hand `netlog add` of the same name forgets it (network/writes.py add_contact): the
    person is back on purpose, and their card joins them at the next sync or import."""

    __tablename__ = "removed_card"

    uid: str = Field(primary_key=True)
    name: Optional[str] = None  # the contact's name when removed (unknown for what older syncs remembered)
    name_key: Optional[str] = Field(default=None, index=True)  # the folded name (netlog.values.folding), as `add` looks it up


class ContactNote(SQLModel, table=True):
    """A contact's note history: a value netlog kept when something replaced it (a sync conflict the address
    book won), dated (migration 13)."""

    __tablename__ = "contact_note"
    __table_args__ = (Index("ix_contact_note_contact", "contact_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    noted_on: date
    text: str = Field(sa_column=Column("text", Text, nullable=False))


class NetlogMigration(SQLModel, table=True):
    """One applied schema version (storage/migrations.py)."""

    __tablename__ = "netlog_migration"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str
    applied_on: date


class ContactState(SQLModel, table=True):
    """The derived cache: one row per contact with its rules.History, field for field (tests/test_ties.py
    holds the two equal). Never edited by hand; network/cache.py drops, recreates and refills it when its
    version changes, and every write refreshes the rows of the contacts it touched."""

    __tablename__ = "contact_state"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    first_touch_on: Optional[date] = None
    last_touch_on: Optional[date] = None
    last_touch_kind: Optional[str] = None
    touch_count: int
    thank_on: Optional[date] = Field(default=None, index=True)
    thank_kind: Optional[str] = None
    thank_touch_id: Optional[int] = None
    silence_since: Optional[date] = None
    silence_kind: Optional[str] = None
    silence_sends: int
    met_after_intro_on: Optional[date] = None
    last_report_on: Optional[date] = None
    favors_given: int
    favors_received: int
    unreturned_favors: int
    unreturned_since: Optional[date] = None
    last_favor_received_on: Optional[date] = None
    first_real_on: Optional[date] = None
    last_exchange_on: Optional[date] = None  # indexed with company_key (below)
    last_exchange_kind: Optional[str] = None
    connected_on: Optional[date] = None
    connected_via: Optional[str] = None
    thank_other_id: Optional[int] = None
    advice: Optional[str] = Field(default=None, sa_column=_text("advice"))
    advice_on: Optional[date] = None
    first_real_group: bool = False
    reply_since: Optional[date] = None
    reply_note: Optional[str] = Field(default=None, sa_column=_text("reply_note"))
    first_real_kind: Optional[str] = None
    # Not the History's (issue 25): the earliest day keeping in touch can be due (rules.keep_in_touch_from), a
    # bound of `due`'s read of whole rows; and the first day the contact is in the pool (rules.pool_from: its one
    # possible item is the daily allowance's; date.max never), by which `due` reads the pool as a few columns and
    # finds the few contacts outside it (storage/statements.py due_pool, due_candidates_besides_pool). Indexed,
    # as thank_on (intro thank-yous name others) and last_exchange_on (active companies) are.
    keep_in_touch_from: Optional[date] = None
    pool_from: date = Field(index=True)
    # The pool's tier facts (issue 25): the contact's strength and folded company (rules.company_key; '' none), so
    # `due` counts the pool by tier and reads only the few ids the daily pick takes (statements.py pool_tiers,
    # pool_tier_ids) from one index, never a row of the contact table.
    strength: int = 0
    company_key: str = ""

    # The companies of active ties (statements.py active_companies) come from the last_exchange_on index alone,
    # which holds each key: 173 ms with a look-up of each contact row, 15 ms without (100,000 contacts, nearly all active).
    __table_args__ = (
        Index("ix_contact_state_pool_tier", "strength", "company_key", "pool_from"),
        Index("ix_contact_state_last_exchange_on", "last_exchange_on", "company_key"),
    )




class ContactSearch(SQLModel, table=True):
    """The search document of each contact (issue 26), another derived cache: per field, its folded words
    (values.folding.words) joined by spaces; `said` and the touch fields hold each word once. The engine's
    full-text index covers it (storage/search.py: FTS5 on SQLite, a tsvector GIN index on PostgreSQL), and
    network/cache.py rewrites a contact's row in the same transaction as every write that touched them."""

    __tablename__ = "contact_search"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    name: str = Field(default="", sa_column=_words("name"))
    company: str = Field(default="", sa_column=_words("company"))
    title: str = Field(default="", sa_column=_words("title"))
    met: str = Field(default="", sa_column=_words("met"))  # where: touches' places
    topics: str = Field(default="", sa_column=_words("topics"))
    tags: str = Field(default="", sa_column=_words("tags"))
    note: str = Field(default="", sa_column=_words("note"))  # the contact's note
    said: str = Field(default="", sa_column=_words("said"))  # touches' notes, subjects, advice
