"""WhatsApp's exported chat (chat -> More -> Export chat -> Without media: "WhatsApp Chat with NAME.txt")
-> one `message` exchange per message of a chat between the user and one other person.

Lines: Android writes `14/11/2026, 19:02 - Ana Lima: text`, iPhone `[14/11/2026, 19:02:09] Ana Lima: text`
(often behind a U+200E mark); a line that does not start so continues the message before it. Whether
dates are day or month first is read off the file (a first number over 12 means day first, a second
one month first; day first when nothing tells). Times have no zone: they are the phone's wall clock
and keep their day.

Skipped: lines without a sender (the encryption notice, "X changed their phone number", group events;
in a chat the file name gives the other person of, any line from a third "sender", such as "Ana changed
the subject to: ...") and deleted messages (service message); missed voice and video calls (missed call,
as for Telegram); every message of a chat with more than one other sender (group chat); before `since`;
lines whose date is not one (malformed). "<Media omitted>" and attached files are messages. Whether a message
asks something is read from all its lines (the first MORE_CHARS after the first), which are never kept.

Who the user is: a name of the `me` given; else the file name says who the other person is ("WhatsApp
Chat with Ana Lima.txt"), and the other sender is the user. Parties: the other sender's name, or the
phone number WhatsApp shows for someone not in the phone's contacts. WhatsApp has no message ids, so
`source_id` is the other person's name, the minute, the sender and the message's place among the
sender's messages of that minute."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from netlog.errors import BadInput, NotFound, UnknownOwner
from netlog.rules.asking import asks_something
from netlog.touches.records import Exchange, Me, Party, Reading, Skip, normalize_phone
from netlog.values.budget import OverBudget, item_budget

SOURCE = "whatsapp"
MORE_CHARS = 4000  # of a message's next lines, read for whether it asks something
_MARKS = "\u200e\u200f\u202a\u202c\ufeff"
_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])\.?\s?[Mm]\.?)?"
_ANDROID = re.compile(rf"{_DATE} - (.*)")
_IPHONE = re.compile(rf"\[{_DATE}\] (.*)")
_SENDER = re.compile(r"([^:]{1,80}?): (.*)")
_MISSED = re.compile(r"missed (voice|video|group voice|group video) call", re.I)
_DELETED = ("this message was deleted", "you deleted this message")
_CHAT_NAME = re.compile(r"WhatsApp Chat (?:with|-) (.+?)(?: \(\d+\))?$", re.I)


def read_whatsapp(path: str | Path, me: Me | None = None, since: date | None = None) -> Reading:
    """Every message of an exported WhatsApp chat with one other person."""
    path = Path(path)
    if not path.is_file():
        if not path.exists():
            raise NotFound(f"{path} does not exist.")
        raise BadInput(f"{path} is a folder, not a chat .txt.")
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    if not lines:  # WhatsApp's export always holds a line (the encryption notice, at least)
        raise BadInput(f"{path} is empty, not a WhatsApp chat export: export the chat again (More -> Export chat).")
    entries = _entries(lines)
    if not entries:
        raise BadInput(f"{path} is not a WhatsApp chat export: no line starts with a date and time.")
    day_first = _day_first(entries)
    me = me or Me()
    senders = Counter(sender for _, sender, _, _ in entries if sender)
    named = _CHAT_NAME.match(path.stem)
    if not me.names and named and named.group(1) in senders:
        # The other sender is the user; a system line that looks like a sender is rare beside them.
        rest = [(n, s) for s, n in senders.most_common() if s != named.group(1)]
        if rest and rest[0][0] > sum(n for n, _ in rest[1:]):
            me = me | Me.of(names=[rest[0][1]])
    if not me.names:
        raise UnknownOwner(f"Cannot tell which sender is you in {path}; give your name with --me NAME.")
    if named and named.group(1) in senders:  # a chat with that person: a third "sender" is a system line
        others = [named.group(1)]
    else:
        others = [s for s in senders if not me.has_name(s)]
    reading = Reading(SOURCE, owner=me)
    if len(others) > 1:
        reading.skipped[Skip.GROUP] += len(entries)
        return reading
    other = _party(others[0]) if others else None
    seen: Counter[tuple] = Counter()
    for stamp, sender, text, more in entries:
        try:
            with item_budget():
                moment = _moment(stamp, day_first)
        except OverBudget:
            moment = None
        reason = (
            Skip.MALFORMED if moment is None
            else Skip.SERVICE if not sender or text.strip(_MARKS + " ").lower() in _DELETED
            or not (me.has_name(sender) or sender in others)
            else Skip.MISSED_CALL if _MISSED.fullmatch(text.strip(_MARKS + " "))
            else Skip.BEFORE_SINCE if since and moment.date() < since
            else Skip.ONLY_ME if other is None
            else None
        )  # fmt: skip
        if reason:
            reading.skipped[reason] += 1
            continue
        assert moment is not None and other is not None  # else a reason above skipped it
        minute = f"{moment:%Y-%m-%dT%H:%M}"
        seen[(minute, sender)] += 1
        source_id = f"{others[0]}/{minute}/{sender}/{seen[(minute, sender)]}"
        direction = "out" if me.has_name(sender) else "in"
        reading.add(Exchange(SOURCE, source_id, moment.date(), "message", direction, (other,), None, None, moment,
                             asks_something(text + more if more else text)))
    return reading


def _entries(lines: list[str]) -> list[tuple[tuple, str | None, str, str]]:
    """(date fields, sender or None, first line of text, its next lines) of each message. The next lines (up to
    MORE_CHARS) are read only for whether the message asks something (issue 23: "Here are the slides" over
    "Could you send me yours too?"), never kept."""
    entries: list[tuple[tuple, str | None, str, str]] = []
    for line in lines:
        bare = line.lstrip(_MARKS)
        match = _ANDROID.fullmatch(bare) or _IPHONE.fullmatch(bare)
        if not match:
            if entries and len(entries[-1][3]) < MORE_CHARS:  # the next line of a multi-line message
                fields, sender, text, more = entries[-1]
                entries[-1] = (fields, sender, text, more + "\n" + line)
            continue
        rest = match.group(8).lstrip(_MARKS)
        said = _SENDER.fullmatch(rest)
        entries.append(
            (match.groups()[:7], said.group(1).strip(_MARKS) if said else None, said.group(2) if said else rest, "")
        )
    return entries


def _day_first(entries: list[tuple[tuple, str | None, str, str]]) -> bool:
    for fields, _, _, _ in entries:
        if int(fields[0]) > 12:
            return True
        if int(fields[1]) > 12:
            return False
    return True


def _moment(fields: tuple, day_first: bool) -> datetime | None:
    first, second, year, hour, minute, second_of_minute, half = fields
    day, month = (first, second) if day_first else (second, first)
    hour = int(hour)
    if half:
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    try:
        return datetime(
            int(year) + (2000 if len(year) == 2 else 0),
            int(month),
            int(day),
            hour,
            int(minute),
            int(second_of_minute or 0),
        )
    except ValueError:
        return None


def _party(sender: str) -> Party:
    """The other sender: a name, or the number WhatsApp shows for someone not in the phone's contacts."""
    phone = normalize_phone(sender) if sender.lstrip().startswith("+") else None
    return Party(None, phones=(phone,)) if phone else Party(sender)
