"""What is due on each day from today to today + N, as iCalendar to-dos (VTODO) or all-day events (VEVENT).

Why VTODO by default: a follow-up is a task with a due day, not a meeting at an hour; task apps
(Thunderbird, Evolution, Apple Reminders via CalDAV) list to-dos and tick them off. khal shows only
events, hence `--as events`. Every item has an alarm at 09:00 on its day.

Each occurrence of a follow-up (one contact, one action, one event it is about: a thank-you for the
meeting of the 20th, a birthday) is listed once, on the first day it is due, with its reason worded as
of that day. Its UID is made from exactly those three, never from the day, so importing a later export
updates the same item instead of adding a second one; a new occurrence (the next thank-you) is a new item.

`due_each_day` is the only read of the database; everything after it is pure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from netlog.errors import BadInput
from netlog.rules.due import RECONNECT_PER_DAY, DueItem

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

ACTION_WORDS = {
    "thank": "Thank",
    "nudge": "Nudge",
    "meet": "Meet",
    "report-back": "Report back to",
    "keep-in-touch": "Keep in touch with",
    "intro": "Introduction: write to",
}
SHAPES = ("todos", "events")
# The days are ranked one by one (docs/performance.md): three months take seconds, and
# a calendar export is redone often anyway; beyond that a limit beats a command that seems to hang.
MAX_DAYS = 92


def check_options(days: int, as_: str, what: str = "ics") -> None:
    """One line for a shape or a horizon ics cannot write, before anything is read."""
    if as_ not in SHAPES:
        raise BadInput(f'--as "{as_}" is not one of: {", ".join(SHAPES)}.')
    if not 0 <= days <= MAX_DAYS:
        raise BadInput(f"--days {days} is too far: {what} looks at most {MAX_DAYS} days ahead (about three months).")


def export(
    reader: Reader, today: date, days: int = 14, as_: str = "todos", reconnect_per_day: int = RECONNECT_PER_DAY,
    listed_today: Sequence[DueItem] | None = None,
) -> str:
    """A VCALENDAR of everything due from today to today + days, each occurrence once (see due_each_day)."""
    check_options(days, as_)
    return calendar(first_due(due_each_day(reader, today, days, reconnect_per_day, listed_today)), today, as_)


def due_each_day(
    reader: Reader, today: date, days: int, reconnect_per_day: int = RECONNECT_PER_DAY,
    listed_today: Sequence[DueItem] | None = None,
) -> list[tuple[date, list[DueItem]]]:
    """Everything `due` lists on each day from today to today + days, with the same daily allowance
    (`reconnect_per_day`: `$NETLOG_RECONNECT`) and the day picks stored: today's list is `listed_today` when
    given (agenda.listed's, which remembered today's picks, as `due` does), so the calendar holds the people
    `due` shows that day, none other."""
    from netlog.network.agenda import due_items
    from netlog.values.dates import ahead

    days = (ahead(today, days) - today).days  # no day past what netlog keeps, on a far NETLOG_TODAY

    def on(day: date) -> list[DueItem]:
        if day == today and listed_today is not None:
            return list(listed_today)
        return due_items(reader, day, reconnect_per_day=reconnect_per_day)

    return [(day, on(day)) for day in (today + timedelta(days=n) for n in range(days + 1))]


def occurrence(item: DueItem) -> tuple:
    """What makes a follow-up the same one on another day: contact, action and the event it is about."""
    return (item.contact_id, item.action, item.event_on)


def first_due(days: Iterable[tuple[date, Sequence[DueItem]]]) -> list[tuple[date, DueItem]]:
    """Each occurrence once, with the first day it is due and the item as worded that day. What `due` folds
    into one person's item (`also`) is its own entry here: a calendar holds each follow-up on its own day."""
    seen: set[tuple] = set()
    entries = []
    for day, listed in days:
        for item in (each for one in listed for each in (one._replace(also=()), *one.also)):
            key = occurrence(item)
            if key not in seen:
                seen.add(key)
                entries.append((day, item))
    return entries


def uid(item: DueItem) -> str:
    """Stable for one occurrence, the same in every export that lists it."""
    about = f"-{item.event_on:%Y%m%d}" if item.event_on else ""
    return f"netlog-{item.contact_id}-{item.action}{about}@netlog"


def summary(item: DueItem) -> str:
    """An item's SUMMARY: "Thank Ana Lima", "Keep in touch with Bo Chen"."""
    return f"{ACTION_WORDS.get(item.action, item.action)} {item.contact}"


def calendar(
    entries: Sequence[tuple[date, DueItem]],
    today: date,
    as_: str = "todos",
    uid_of: Callable[[DueItem], str] = uid,
    stamp_on: date | None = None,
) -> str:
    """The iCalendar text (RFC 5545, written by the icalendar library): one VTODO (due that day) or all-day
    VEVENT per entry, each with a VALARM at 09:00 that day. `uid_of` names each item (a sync keeps its own);
    DTSTAMP is midnight UTC of `stamp_on` (a sync: the day the item was written), else of today."""
    from datetime import datetime, timezone

    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlog//follow-ups//EN")
    cal.add("version", "2.0")
    stamped = stamp_on or today
    stamp = datetime(stamped.year, stamped.month, stamped.day, tzinfo=timezone.utc)
    for day, item in entries:
        said = summary(item)
        component = icalendar.Event() if as_ == "events" else icalendar.Todo()
        component.add("uid", uid_of(item))
        component.add("dtstamp", stamp)
        component.add("summary", said)
        component.add("description", item.reason)
        if as_ == "events":
            component.add("dtstart", day)
            component.add("dtend", day + timedelta(days=1))
            component.add("transp", "TRANSPARENT")  # a reminder, not busy time
            related = "START"
        else:
            component.add("due", day)
            component.add("status", "NEEDS-ACTION")
            related = "END"  # a to-do with only DUE: its alarm counts from the due day
        component.add("categories", ["netlog", item.action])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", said)
        alarm.add("trigger", timedelta(hours=9), parameters={"RELATED": related})
        component.add_component(alarm)
        cal.add_component(component)
    return cal.to_ical().decode()
