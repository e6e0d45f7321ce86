"""The follow-ups due in the next days as iCalendar to-dos (VTODO), so a calendar or task app shows them.

Why VTODO and not VEVENT: a follow-up is a task with a due day, not a meeting at an hour; calendar apps
(Thunderbird, Apple Reminders via CalDAV, Evolution) list to-dos with their due date and tick them off.
UIDs are stable per contact and action, so re-importing the file updates instead of duplicating."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any


ACTION_WORDS = {"thank": "Thank", "nudge": "Nudge", "meet": "Meet", "report-back": "Report back to", "keep-in-touch": "Keep in touch with"}


def export(reader: Any, today: date, days: int = 14) -> str:
    """A VCALENDAR with one VTODO per item due on or before today + days (overdue ones are due today)."""
    import icalendar

    from netlog.due import due_items

    horizon = today + timedelta(days=days)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//netlog//follow-ups//EN")
    calendar.add("version", "2.0")
    stamp = datetime.combine(today, datetime.min.time(), tzinfo=timezone.utc)
    for item in due_items(reader, horizon):
        todo = icalendar.Todo()
        todo.add("uid", f"netlog-{item.contact_id}-{item.action}@netlog")
        todo.add("dtstamp", stamp)
        todo.add("summary", f"{ACTION_WORDS.get(item.action, item.action)} {item.contact}")
        todo.add("description", item.reason)
        todo.add("due", max(item.due, today))
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", ["netlog", item.action])
        calendar.add_component(todo)
    return calendar.to_ical().decode()
