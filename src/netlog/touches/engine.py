"""Touches from the records people already keep: the exchanges the readers in netlog.touches find in mail,
calendars and chats, matched to contacts and logged, all in one transaction.

Matching: a party is the contact with the same email address, profile URL or phone number (any of the
contact's, compared in their normal forms), else the one contact with the same full name (case and accents
ignored). A contact matched by name gets the party's addresses it lacks stored as more of its own (issue 23),
so the next exchange matches on them. Nobody is created silently: the people who match no contact are
counted for the summary, and `--add-new` adds them.

Idempotence: each touch keeps its source and the source's own id (a Message-ID, an event's UID and start,
a conversation and date): importing the same file, or an overlapping newer export, adds nothing. Chat
messages (LinkedIn messages, Telegram, WhatsApp) come as one touch per contact, day and direction, whatever
the chat: forty lines of an afternoon's chat are one exchange, not forty, and the same day's messages on
LinkedIn and Telegram are one too (the first import's touch keeps its source id; the other chat's day counts
as logged before). A mail is a letter: one touch a message.

One event, one touch (issue 23): an exchange that a touch logged by hand already records (the same contact,
direction and kind family; written words on that day or the day before or after, a meeting on that day)
is not logged again: the hand-logged touch gains the source's id, and the subject when it had no note, so
the next import knows it too. network.writes.log_touch does the same the other way round."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable

from netlog.errors import BadInput
from netlog.storage import reads
from netlog.values import kinds, validation
from netlog.values.folding import fold

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.storage.reader import Reader
    from netlog.storage.store import Store
    from netlog.touches.records import Exchange, Me, Party, Reading

SOURCES = ("mail", "calendar", "linkedin-messages", "telegram", "whatsapp")
# Written chat: one touch per contact, day and direction, whatever the chat (a day's LinkedIn messages, Telegram
# and WhatsApp with one person are one exchange). Mail is letters: one touch a message.
CHATS = ("linkedin", "telegram", "whatsapp")  # the sources as touches keep them (LinkedIn messages: "linkedin")
MALFORMED = "malformed"  # the summary's word for an exchange skipped as unreadable (records.Skip.MALFORMED)
AFTER_TODAY = "dated after today"  # records.Skip.AFTER_TODAY: what `log --on` would refuse as in the future
UNKNOWN_SHOWN = 10  # the most frequent non-contacts named in the summary


@dataclass
class Ambiguous:
    """A party named like several contacts: who they might be, and how the user can say which."""

    ids: list[int]
    exchanges: int = 0
    address: tuple[str, str] | None = None  # (kind, value): edit --add-KIND VALUE on the right one


@dataclass
class TouchReport:
    """What logging a source did (or, on a dry run, would do)."""

    source: str
    read: int = 0  # messages, events, rows or calls looked at
    exchanges: int = 0  # of those, exchanges between the user and someone else
    new: int = 0  # touches logged
    already: int = 0  # touches this source had logged before (or, for a meeting, logged by hand that day)
    contacts: int = 0  # contacts with a new touch
    added: int = 0  # contacts created with --add-new
    addresses: int = 0  # addresses stored on contacts matched by name (an email, phone or URL they lacked)
    skipped: Counter = field(default_factory=Counter)  # reason -> how many
    unknown: Counter = field(default_factory=Counter)  # a non-contact, as shown -> how many exchanges
    # A party whose name several contacts share and whose addresses none has: never given to one of them,
    # never added as one more (walk finding 1). As shown -> (their ids, how many exchanges, an address to attach).
    ambiguous: dict[str, Ambiguous] = field(default_factory=dict)
    dry_run: bool = False


def read_source(
    source: str, path: str, me: Me, since: date | None, today: date, progress: Callable[[int, int], None] | None = None
) -> Reading:
    """The Reading of one source's file or folder (each reader is imported only when asked for)."""
    if source == "mail":
        from netlog.touches.mail import read_mail

        return read_mail(path, me, since, progress=progress)
    if source == "calendar":
        from netlog.touches.calendar import read_calendar

        return read_calendar(path, today, me, since)
    if source == "linkedin-messages":
        from netlog.touches.linkedin_messages import read_linkedin_messages

        return read_linkedin_messages(path, me, since)
    if source == "telegram":
        from netlog.touches.telegram import read_telegram

        return read_telegram(path, me, since)
    if source == "whatsapp":
        from netlog.touches.whatsapp import read_whatsapp

        return read_whatsapp(path, me, since)
    raise BadInput(f'Unknown source "{source}"; use one of: {", ".join(SOURCES)}.')


def who_i_am(reader: Reader, given: Iterable[str]) -> Me:
    """The user as netlog knows them (`netlog me`) and as `--me` says for this run: an address, a profile
    URL, a phone number or (for a chat export, which knows people by name) a name each."""
    from netlog.people.me import recorded
    from netlog.touches.records import Me

    known = recorded(reader)
    emails, urls, phones = list(known.emails), [known.linkedin] if known.linkedin else [], []
    names = [known.name] if known.name else []
    for value in given:
        text = value.strip()
        if not text:
            raise BadInput("--me needs a value: an email address, a profile URL, a phone number or your name.")
        if "@" in text:
            emails.append(text)
        elif "/" in text or "linkedin" in text.lower():
            urls.append(text)
        elif sum(ch.isdigit() for ch in text) >= 5 and not any(ch.isalpha() for ch in text):
            phones.append(text)
        else:
            names.append(text)
    return Me.of(names=names, emails=emails, urls=urls, phones=phones)


def log_exchanges(
    store: Store,
    today: date,
    reading: Reading,
    keep_subjects: bool = True,
    add_new: bool = False,
    dry_run: bool = False,
) -> TouchReport:
    """Match a Reading's exchanges to contacts and log them as touches, in one transaction."""
    report = TouchReport(reading.source, read=reading.read, exchanges=len(reading.exchanges), dry_run=dry_run)
    report.skipped.update({str(reason): n for reason, n in reading.skipped.items()})

    exchanges = _chat_days(reading.exchanges) if reading.source in CHATS else reading.exchanges

    def plan(reader: Reader) -> _Plan:
        found = _Plan(reader, reading.source, today)
        for exchange in exchanges:
            found.add(exchange, keep_subjects, add_new, report)
        report.new, report.contacts, report.added = len(found.touches), len(found.touched), len(found.new_contacts)
        report.addresses = sum(len(points) for points in found.learned.values())
        return found

    store.planned(plan, dry_run)
    return report


class _Plan:
    """The touches (and, with --add-new, contacts) an import will write, against an index of what exists."""

    def __init__(self, reader: Reader, source: str, today: date) -> None:
        from netlog.people.me import current_user
        from netlog.touches.records import normalize_email, normalize_phone, normalize_url
        from netlog.values.points import REGION_KEY, default_region

        self.source, self.today, self.user = source, today, current_user()
        self.region = default_region(reads.meta(reader, REGION_KEY))
        self.by: dict[str, dict[str, int]] = {"email": {}, "url": {}, "phone": {}, "name": {}}
        names: Counter[str] = Counter()
        rows = reads.contact_rows(reader)
        for row in rows:  # the preferred addresses first: an address two contacts share is the older one's
            for key, value in (
                ("email", normalize_email(row["email"])),
                ("url", normalize_url(row["url"])),
                ("phone", normalize_phone(row["phone"])),
            ):
                if value:
                    self.by[key].setdefault(value, row["id"])
            names[fold(row["name"])] += 1
        normalizers: dict[str, Callable[[str], str | None]] = {"email": normalize_email, "url": normalize_url, "phone": normalize_phone}
        for cid, kinds_of in reads.all_points(reader).items():  # then every other address of each contact
            for kind, points in kinds_of.items():
                for point in points:
                    # Parties come in the readers' normal forms; a phone also under its stored E.164 form.
                    for value in (normalizers[kind](point["value"]), point["normal"] if kind == "phone" else None):
                        if value:
                            self.by[kind].setdefault(value, cid)
        self.by["name"] = {fold(row["name"]): row["id"] for row in rows if names[fold(row["name"])] == 1}
        self.shared: dict[str, list[int]] = {}  # a folded name several contacts have -> their ids
        for row in rows:
            if names[fold(row["name"])] > 1:
                self.shared.setdefault(fold(row["name"]), []).append(row["id"])
        self.next_id = max((row["id"] for row in rows), default=0) + 1
        stored = {row["id"] for row in rows}
        # The source ids of the touches this source brought before (and this import adds), by contact: importing
        # them again adds nothing.
        self.logged = reads.touch_sources(reader, source, stored, lambda found: {sid for _, sid in found})
        # Touches logged by hand, by contact, then (direction, kind family): a captured exchange of the same event
        # joins one of them instead of being a second touch (issue 23).
        self.hand = reads.touch_days(reader, stored, _by_family)
        self.joined: dict[int, dict[str, Any]] = {}  # a hand-logged touch's id -> what the capture adds to it
        self.refreshed: set[int] = set()  # contacts whose touches changed without a new one
        self.touches: list[dict[str, Any]] = []
        self.touched: set[int] = set()
        self.new_contacts: dict[str, dict[str, Any]] = {}  # a non-contact's key -> the contact to create
        self.learned: dict[int, list[tuple[str, str]]] = {}  # a contact matched by name -> (kind, address) to store
        self.chat_days: set[tuple] = set()
        # (contact, day, direction) of the messages any chat brought before: that day is logged (issue 23)
        self.chatted = reads.chat_days(reader, CHATS) if source in CHATS else set()
        self.reader = reader
        self._threads: tuple[dict[str, str], dict[tuple[int, str], str]] | None = None  # read when first needed
        self._unthreaded: dict[tuple[int, str], int] | None = None  # mail logged before threads: read when needed

    def thread_of(self, cid: int, thread: str, source_id: str) -> str:
        """A mail's thread, as stored: the thread of the stored message its reader's thread names (a reply whose
        import lacks the message it answers), or of the contact's latest stored mail with its subject (a reply
        known only by "Re: subject"); else as the reader gave it."""
        from netlog.touches.mail import SUBJECT_THREAD, thread_subject

        if thread == source_id:
            return thread
        if self._threads is None:
            by_id: dict[str, str] = {}
            by_subject: dict[tuple[int, str], str] = {}
            for contact, key, stored, note in reads.mail_threads(self.reader):
                by_id[key] = stored
                if note:
                    by_subject[(contact, thread_subject(note))] = stored
            self._threads = by_id, by_subject
        by_id, by_subject = self._threads
        if thread.startswith(SUBJECT_THREAD):
            return by_subject.get((cid, thread.removeprefix(SUBJECT_THREAD)), thread)
        return by_id.get(thread, thread)

    def contact_of(self, party: Party) -> int | None:
        for key, values in (("email", party.emails), ("url", (party.url,)), ("phone", party.phones)):
            for value in values:
                if value and value in self.by[key]:
                    return self.by[key][value]
        for phone in party.phones:  # a national number in the reader's form: read in the default region
            if phone and not phone.startswith("+"):
                from netlog.values.points import normal_phone

                found = self.by["phone"].get(normal_phone(phone, self.region))
                if found is not None:
                    return found
        cid = self.by["name"].get(fold(party.name)) if party.name else None
        if cid is not None:
            self._learn(cid, party)
        return cid

    def _learn(self, cid: int, party: Party) -> None:
        """A contact matched by name keeps the party's addresses (none of them anyone's yet, or the match
        would have been on them): stored with the touches, and matched from now on."""
        for kind, values in (("email", party.emails), ("phone", party.phones), ("url", (party.url,))):
            for value in values:
                if value and value not in self.by[kind]:
                    kept = party.given_url or value if kind == "url" else value  # stored as written
                    try:  # through the door a new contact's addresses pass: none too long to keep
                        kept = validation.value(kind, kept)
                    except BadInput:
                        continue
                    if not kept:
                        continue
                    self.by[kind][value] = cid
                    self.learned.setdefault(cid, []).append((kind, kept))

    def add(self, exchange: Exchange, keep_subjects: bool, add_new: bool, report: TouchReport) -> None:
        # The door `log --on` keeps: nothing that has not happened yet (a mail dated 30 Dec 9999).
        if exchange.on > self.today:
            report.skipped[AFTER_TODAY] += 1
            return
        # Through the door every write uses: a day out of netlog's range, an id or subject too long to keep.
        subject = (exchange.subject or None) if keep_subjects else None  # shown as the note, kept apart to be quoted
        said, faults = validation.touch_fields({
            "kind": exchange.kind, "happened_on": exchange.on, "direction": exchange.direction, "place": exchange.place,
            "note": subject, "source_id": exchange.source_id, "thread": exchange.thread, "subject": subject,
        })  # fmt: skip
        thread = said.pop("thread", None)
        if faults:
            report.skipped[MALFORMED] += 1
            return
        for party in exchange.parties:
            cid = self.contact_of(party)
            if cid is None:
                shown = _shown(party)
                shared = self.shared.get(fold(party.name)) if party.name else None
                if shared:  # several contacts have this name: which one is for the user to say, not a new one
                    found = report.ambiguous.setdefault(shown, Ambiguous(sorted(shared), address=_address(party)))
                    found.exchanges += 1
                    continue
                report.unknown[shown] += 1
                if not add_new or not party.name and not party.emails and not party.phones and not party.url:
                    continue
                cid = self._create(party, shown)
                if cid is None:  # a name or address netlog cannot hold
                    continue
            key = said["source_id"]  # as the door cleaned it (a NUL there: PostgreSQL refuses it, SQLite keeps it)
            if self.source in CHATS and exchange.kind == "message":
                key = f"day/{exchange.on.isoformat()}/{exchange.direction}"  # the contact is the chat
                if (cid, key) in self.chat_days:
                    continue  # one touch a day and direction for a chat
                self.chat_days.add((cid, key))
                if (cid, exchange.on, exchange.direction) in self.chatted:
                    report.already += 1  # this chat's or another's message that day (or an older import's key)
                    continue
            logged = self.logged.of(cid)
            if key in logged:
                report.already += 1
                if thread:
                    self._fill_thread(cid, key, thread)
                continue
            hand = self._hand_logged(cid, exchange)
            if hand is not None:  # the same event, logged by hand: it gains the source's id (and its subject)
                if hand["id"] not in self.joined:
                    joined = {"source": self.source, "source_id": key, "subject": said["subject"]}
                    if thread:
                        joined["thread"] = self.thread_of(cid, thread, said["source_id"])
                    if hand["note"] is None and said["note"]:
                        joined["note"] = said["note"]
                    elif said["note"] and exchange.kind in kinds.MESSAGES and not hand["about"]:
                        joined["about"] = said["note"]  # the subject, kept beside your private note: what a reason may quote
                    if exchange.direction == "in" and exchange.asks is not None:
                        joined["expects_reply"] = exchange.asks  # what their words ask, as for a captured one (issue 23)
                    self.joined[hand["id"]] = joined
                    self.refreshed.add(cid)
                logged.add(key)
                report.already += 1
                continue
            logged.add(key)
            asks: dict[str, Any] = {} if exchange.asks is None else {"expects_reply": exchange.asks}  # sent: waits; received: owed
            if exchange.recurring:
                asks["thank_wanted"] = False  # one instance of a weekly 1:1 is no occasion for a thank-you
            if thread:
                asks["thread"] = self.thread_of(cid, thread, said["source_id"])
            self.touches.append({**said, **asks, "group_event": exchange.group, "contact_id": cid, "logged_by": self.user, "source": self.source, "source_id": key})
            self.touched.add(cid)

    def _fill_thread(self, cid: int, key: str, thread: str) -> None:
        """A mail logged before touches kept threads (migration 16) gets its thread from this import."""
        if self._unthreaded is None:
            self._unthreaded = reads.unthreaded(self.reader, self.source)
        found = self._unthreaded.pop((cid, key), None)
        if found is not None and found not in self.joined:
            self.joined[found] = {"thread": self.thread_of(cid, thread, key)}
            self.refreshed.add(cid)

    def _hand_logged(self, cid: int, exchange: Exchange) -> dict[str, Any] | None:
        """The touch logged by hand that `exchange` is another record of: same contact, direction and kind
        family; for written words on the day or the day before or after (a note written late at night, logged
        the next morning), not yet joined by another capture; for a meeting, any on that day."""
        family = kinds.family_of(exchange.kind)
        if family is None:
            return None
        direction = "both" if family == "meeting" else exchange.direction
        candidates = self.hand.of(cid).get((direction, family), ())
        if family == "meeting":
            return next((row for row in candidates if row["happened_on"] == exchange.on), None)
        near = [
            row for row in candidates
            if abs((row["happened_on"] - exchange.on).days) <= 1 and row["id"] not in self.joined
        ]  # fmt: skip
        return min(near, key=lambda row: (abs((row["happened_on"] - exchange.on).days), row["id"]), default=None)

    def _create(self, party: Party, shown: str) -> int | None:
        found = self.new_contacts.get(shown)
        if found is not None:
            return found["id"]
        row, faults = validation.contact_fields({
            "id": self.next_id,
            "name": validation.clean_text(party.name) or (party.emails or party.phones or (party.url,))[0],
            "email": party.emails[0] if party.emails else None,
            "phone": party.phones[0] if party.phones else None,
            "url": party.given_url or party.url,  # as written: the normal form is only for comparing
            "strength": kinds.DEFAULT_LEVEL,
            "strength_set": False,
            "created_on": self.today,
        })  # fmt: skip
        if faults:
            return None
        self.next_id += 1
        self.new_contacts[shown] = row
        for key, value in (("email", row["email"]), ("phone", row["phone"]), ("url", party.url)):
            if value:
                self.by[key][value] = row["id"]
        return row["id"]

    def apply(self, session: Session) -> None:
        from netlog.network import cache
        from netlog.storage import records

        records.insert_contacts(session, list(self.new_contacts.values()))
        if self.learned:
            from netlog.values.points import Point, merged

            region = records.region(session)
            for cid, learned in self.learned.items():
                have = records.points_of(session, cid)
                for kind in dict.fromkeys(kind for kind, _ in learned):
                    new = [Point(value) for k, value in learned if k == kind]
                    records.set_points(session, cid, kind, merged(have[kind], new, kind, region))
        records.insert_touches(session, self.touches)
        records.update_touches(session, self.joined)
        cache.update(session, self.touched | self.refreshed)


def _by_family(found: list[tuple[Any, ...]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """A contact's touches logged by hand (`touch_days` rows), by (direction, kind family): a meeting's both ways."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    keys = reads.columns("touch_days")
    for row in (dict(zip(keys, cells)) for cells in found):
        family = kinds.family_of(row["kind"])
        if family:
            grouped.setdefault(("both" if family == "meeting" else row["direction"], family), []).append(row)
    return grouped


def _chat_days(exchanges: list[Exchange]) -> list[Exchange]:
    """A chat is a conversation, not letters (issue 23): the day's exchange with someone asks something only
    when its last turn does (the last message and the messages of the same side just before it: a question
    followed by a photo still asks), and then only of the other side. Each message of the day gets the `asks`
    of its direction that day (the engine keeps one touch a contact, day and direction)."""
    days: dict[tuple, list[Exchange]] = {}
    for exchange in exchanges:
        if exchange.kind == "message":
            days.setdefault((exchange.parties, exchange.on), []).append(exchange)
    asking: dict[tuple, tuple[str, bool]] = {}  # (parties, day) -> (the last turn's direction, whether it asks)
    for key, day in days.items():
        try:
            day = sorted(day, key=lambda e: (e.at is None, e.at))  # stable: reading order within a minute
        except TypeError:  # a floating moment beside an aware one: the reading order decides
            pass
        last = day[-1].direction
        turn = []
        for exchange in reversed(day):
            if exchange.direction != last:
                break
            turn.append(exchange)
        asking[key] = (last, any(bool(e.asks) for e in turn))
    kept = []
    for exchange in exchanges:
        found = asking.get((exchange.parties, exchange.on)) if exchange.kind == "message" else None
        if found is not None:
            exchange = replace(exchange, asks=found[1] and found[0] == exchange.direction)
        kept.append(exchange)
    return kept


def _address(party: Party) -> tuple[str, str] | None:
    """The address a party came with, as `edit --add-email/--add-phone/--add-url` takes it."""
    if party.emails:
        return ("email", party.emails[0])
    if party.phones:
        return ("phone", party.phones[0])
    return ("url", party.given_url or party.url) if party.url else None


def _shown(party: Party) -> str:
    """A non-contact as the summary names them: 'Lena Fischer <lena@example.de>'."""
    handle = (party.emails or party.phones or (party.url,) or ("",))[0] or ""
    if party.name and handle:
        return f"{party.name} <{handle}>"
    return party.name or handle or "someone unnamed"
