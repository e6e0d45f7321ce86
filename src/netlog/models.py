"""The current schema as SQLModel tables: what the migrations in storage/migrations.py must produce.

netlog's own queries are plain SQL (storage/queries.py); these classes are the reference a test compares
a freshly migrated database against (tests/test_upgrades.py), and the place to read the schema. Change
a table here only together with a new migration.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, SQLModel


class Contact(SQLModel, table=True):
    __tablename__ = "contact"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    email: Optional[str] = Field(default=None, index=True)
    phone: Optional[str] = None
    company: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = Field(default=None, index=True)
    uid: Optional[str] = Field(default=None, index=True)
    note: Optional[str] = Field(default=None, sa_column=Column("note", Text))
    strength: int
    cadence_days: Optional[int] = None
    introduced_by_id: Optional[int] = Field(
        default=None, sa_column=Column("introduced_by_id", Integer, ForeignKey("contact.id", ondelete="SET NULL"))
    )
    introduced_on: Optional[date] = None
    birthday: Optional[str] = None
    snoozed_until: Optional[date] = None
    created_on: date
    moment: Optional[str] = None  # migration 3
    moment_on: Optional[date] = None
    name_key: Optional[str] = Field(default=None, index=True)  # migration 5: the folded name (netlog.folding)


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    contact_id: int = Field(
        sa_column=Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    name: str = Field(primary_key=True, index=True)


class Touch(SQLModel, table=True):
    __tablename__ = "touch"
    __table_args__ = (
        Index("ix_touch_contact_on", "contact_id", "happened_on"),
        Index("ix_touch_other", "other_id"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(
        sa_column=Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    )
    kind: str
    happened_on: date
    direction: str
    note: Optional[str] = Field(default=None, sa_column=Column("note", Text))
    place: Optional[str] = None
    topics: Optional[str] = None
    other_id: Optional[int] = Field(
        default=None, sa_column=Column("other_id", Integer, ForeignKey("contact.id", ondelete="SET NULL"))
    )
    logged_by: Optional[str] = None


class Dismissal(SQLModel, table=True):
    __tablename__ = "dismissal"

    contact_id: int = Field(
        sa_column=Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    action: str = Field(primary_key=True)
    done_on: date


class ContactState(SQLModel, table=True):
    """The per-contact history summary the rules keep up to date (rebuilt when the rules change)."""

    __tablename__ = "contact_state"

    contact_id: int = Field(
        sa_column=Column("contact_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    first_touch_on: Optional[date] = None
    last_touch_on: Optional[date] = None
    last_touch_kind: Optional[str] = None
    touch_count: int
    thank_on: Optional[date] = None
    thank_kind: Optional[str] = None
    thank_touch_id: Optional[int] = None
    silence_since: Optional[date] = None
    silence_kind: Optional[str] = None
    silence_sends: int
    met_after_intro_on: Optional[date] = None
    last_report_on: Optional[date] = None
    favors_given: int
    favors_received: int
    unreturned_favors: Optional[int] = None  # migration 2
    unreturned_since: Optional[date] = None
    last_favor_received_on: Optional[date] = None


class NetlogMeta(SQLModel, table=True):
    __tablename__ = "netlog_meta"

    key: str = Field(primary_key=True)
    value: str


class IntroOffer(SQLModel, table=True):
    """An introduction I offered to make between two contacts (double opt-in); migration 4."""

    __tablename__ = "intro_offer"
    __table_args__ = (Index("ix_intro_offer_a", "a_id"), Index("ix_intro_offer_b", "b_id"))

    id: Optional[int] = Field(default=None, primary_key=True)
    a_id: int = Field(sa_column=Column("a_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False))
    b_id: int = Field(sa_column=Column("b_id", Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False))
    note: Optional[str] = Field(default=None, sa_column=Column("note", Text))
    offered_on: date
    a_yes_on: Optional[date] = None
    b_yes_on: Optional[date] = None
    sent_on: Optional[date] = None
    declined_on: Optional[date] = None
    declined_by_id: Optional[int] = Field(
        default=None, sa_column=Column("declined_by_id", Integer, ForeignKey("contact.id", ondelete="SET NULL"))
    )
