"""The plain records every touch reader returns: who was on the other side (`Party`), one exchange with
them (`Exchange`), who the user is (`Me`), and a reader's whole answer (`Reading`: exchanges plus what was
skipped, by reason). Also the normal forms parties are compared in: emails, phone numbers, profile URLs.

Days: an exchange's `on` is the day in the user's time zone, the `zone` every reader takes. An aware
moment (a mail's Date, a calendar start with TZID or Z, a Unix time) is converted to that zone; None means
the machine's own zone, looked up for each moment so that summer mail gets summer time. A floating moment
(no zone: a calendar's floating time, a WhatsApp line) is already a wall-clock time and keeps its date."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Iterable

from netlog.errors import UnknownOwner
from netlog.people.dupes import normalize_email, normalize_url
from netlog.values.folding import fold

__all__ = [
    "Exchange", "Me", "Party", "Reading", "Skip", "UnknownOwner",
    "local_day", "local_moment", "normalize_email", "normalize_phone", "normalize_url",
]  # fmt: skip

# The longest run of digits a phone number has (E.164 allows 15) and the shortest worth comparing.
MAX_PHONE_DIGITS = 15
MIN_PHONE_DIGITS = 5
_EXTENSION = re.compile(r"(;ext=|\bext\.?|\bx)\s*\d+\s*$", re.IGNORECASE)


class Skip(StrEnum):
    """Why a message, event, row or call did not become an exchange; the value is what the summary says."""

    MALFORMED = "malformed"
    UNREADABLE = "unreadable"
    BEFORE_SINCE = "before --since"
    MAILING_LIST = "mailing list"
    BULK = "bulk"
    AUTO_SUBMITTED = "auto-submitted"
    NO_REPLY = "no-reply sender"
    TOO_MANY_RECIPIENTS = "more than 20 recipients"
    NOT_ME = "not involving me"
    ONLY_ME = "only me"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    NOT_ACCEPTED = "not accepted"
    TOO_MANY_ATTENDEES = "more than 20 attendees"
    NOT_YET = "not over yet"
    AFTER_TODAY = "dated after today"
    NO_ONE_ELSE = "no one else"
    OVER_CAP = "recurring beyond the cap"
    DRAFT = "draft"
    SPONSORED = "sponsored"
    SPAM = "spam"
    GROUP = "group chat or channel"
    BOT = "bot"
    DELETED_ACCOUNT = "deleted account"
    SERVICE = "service message"
    MISSED_CALL = "missed call"
    DUPLICATE = "read twice"
    CALENDAR = "calendar invitation or reply"


@dataclass(frozen=True, slots=True)
class Party:
    """Someone on the other side, with whatever the source knows to match them by. Every field is already
    in its normal form: emails and URLs as `normalize_email`/`normalize_url` give them, phones as
    `normalize_phone` does; `source_id` is the source's own id for the person (Telegram's user id). The normal
forms are for comparing only: `given_url` is the URL as written, which a new contact keeps."""

    name: str | None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    url: str | None = None
    source_id: str | None = None
    given_url: str | None = None  # the URL as the source wrote it (a LinkedIn member id is case-sensitive): what is stored


@dataclass(frozen=True, slots=True)
class Exchange:
    """One touch-to-be: on a day, of a kind, one way or both, with one or more parties.

    `source_id` is stable across re-imports and overlapping exports of the same source (the key for
    idempotency); `subject` is a mail subject or an event summary, never a body; `place` an event location.
    `at` is the moment in `zone` when the source gives one (None for all-day events), for ordering within
    a day; `on` is always set. `asks`: the message asks something of the reader (rules/asking.py), so sent
it waits for an answer and received it waits for the user's; None when the source cannot tell (a meeting)."""

    source: str
    source_id: str
    on: date
    kind: str
    direction: str
    parties: tuple[Party, ...]
    subject: str | None = None
    place: str | None = None
    at: datetime | None = None
    asks: bool | None = None  # it asks something (a question, a request): None when the source cannot tell
    group: bool = False  # a calendar event with many guests (calendar.GROUP_*): no thank-you or second touch each
    recurring: bool = False  # an instance of a recurring calendar series (a weekly 1:1): wants no thank-you
    thread: str | None = None  # a mail's thread: the Message-ID it started with, or "subject:" and a reply's subject


@dataclass(frozen=True)
class Me:
    """Who the user is: any of these names, addresses, profile URLs, phone numbers or source ids is them.
    Build it with `Me.of`, which puts every value in its normal form."""

    names: frozenset[str] = frozenset()  # folded
    emails: frozenset[str] = frozenset()
    urls: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    user_ids: frozenset[str] = frozenset()  # ids within one source (Telegram's user id)

    @classmethod
    def of(
        cls,
        names: Iterable[str] = (),
        emails: Iterable[str] = (),
        urls: Iterable[str] = (),
        phones: Iterable[str] = (),
        user_ids: Iterable[str] = (),
    ) -> Me:
        """A Me from raw values; blanks and values with no normal form are dropped."""
        return cls(
            names=_set(fold(n) for n in names if n),
            emails=_set(normalize_email(e) for e in emails),
            urls=_set(normalize_url(u) for u in urls),
            phones=_set(normalize_phone(p) for p in phones),
            user_ids=_set(str(u).strip() for u in user_ids),
        )

    def __or__(self, other: Me) -> Me:
        return Me(
            self.names | other.names,
            self.emails | other.emails,
            self.urls | other.urls,
            self.phones | other.phones,
            self.user_ids | other.user_ids,
        )

    def has_name(self, name: str | None) -> bool:
        return fold(name) in self.names if name else False

    def has_phone(self, phone: str | None) -> bool:
        return bool(phone) and normalize_phone(phone) in self.phones


@dataclass
class Reading:
    """What a reader got out of a file or folder: the exchanges, what it skipped by reason, and who it
    took the user to be (the `me` it was given joined with what the file says about its owner).

    Every unit the reader looked at (a message, an event instance, a row) is either one exchange or one
    skip, so `read == len(exchanges) + sum(skipped.values())`."""

    source: str
    exchanges: list[Exchange] = field(default_factory=list)
    skipped: Counter[Skip] = field(default_factory=Counter)
    owner: Me = field(default_factory=Me)
    _keys: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def add(self, exchange: Exchange) -> None:
        """Keep an exchange, unless one with its source_id is already kept (the same message in two
        folders of a mailbox, an event twice in a calendar): then it counts as read twice."""
        if exchange.source_id in self._keys:
            self.skipped[Skip.DUPLICATE] += 1
            return
        self._keys.add(exchange.source_id)
        self.exchanges.append(exchange)

    @property
    def read(self) -> int:
        """How many units were looked at."""
        return len(self.exchanges) + sum(self.skipped.values())


def normalize_phone(text: str | None, country_code: str | None = None) -> str | None:
    """A phone number in the one form numbers are compared in: '+' and digits for an international number
    ('+351 912 345 678', '00351912345678', 'tel:+351-912-345-678' all give '+351912345678'), bare digits for
    a national one, unless `country_code` ('351') says whose it is and a single trunk '0' is dropped
    ('020 7946 0958' with '44' gives '+442079460958'). None when it has too few or too many digits, or
    letters (a vanity number is not a number we can compare)."""
    if not text:
        return None
    number = _EXTENSION.sub("", text.strip().removeprefix("tel:").strip())
    if re.search(r"[A-Za-z]", number):
        return None
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        international = True
    elif digits.startswith("00"):
        digits, international = digits[2:], True
    else:
        international = False
    if not international and country_code:
        digits = country_code + (digits[1:] if digits.startswith("0") and not digits.startswith("00") else digits)
        international = True
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        return None
    return f"+{digits}" if international else digits


def local_day(moment: datetime | date, zone: tzinfo | None) -> date:
    """The day of a moment in the user's zone (see the module docstring); a date is its own day."""
    if not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zone).date()


def local_moment(moment: datetime, zone: tzinfo | None) -> datetime:
    """An aware moment in the user's zone; a floating one as it is."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(zone)
    except OverflowError:  # hours from datetime's first or last day: kept as it is (out of netlog's range anyway)
        return moment


def _set(values: Iterable[str | None]) -> frozenset[str]:
    return frozenset(v for v in values if v)
