"""Saying dates the way people say them: 'Sat 21 Nov', '3 weeks ago', 'every 2 weeks', 'on Tuesday'. Pure: the
day to speak from is always passed in. The due rules word their reasons with it; render and drafts too."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

# What strftime's %a and %b give in the C locale, without strftime's cost (it runs for every due reason).
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# The formatters are pure and `due` calls them tens of thousands of times with a few hundred distinct days.
@lru_cache(maxsize=8192)
def format_day(day: date, today_: date | None = None) -> str:
    """'Sat 21 Nov', with the year when it is not this year's."""
    label = f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    if today_ is not None and day.year != today_.year:
        label += f" {day.year}"
    return label


def _near(days: int) -> str | None:
    """'today', 'yesterday', 'tomorrow' for a day that many days before today; None further away."""
    return {0: "today", 1: "yesterday", -1: "tomorrow"}.get(days)


@lru_cache(maxsize=8192)
def format_ago(day: date, today_: date) -> str:
    """How people say a date: 'today', 'yesterday', '3 days ago', '3 weeks ago', 'in 2 days'."""
    days = (today_ - day).days
    near = _near(days)
    if near:
        return near
    if days < 0:
        return f"in {-days} days" if days > -14 else f"in {-days // 7} weeks"
    for limit, size, unit in ((14, 1, "day"), (60, 7, "week"), (730, 30, "month")):
        if days < limit:
            count = days // size
            return f"{count} {unit}s ago"
    return f"{days // 365} years ago"


@lru_cache(maxsize=1024)
def format_span(days: int) -> str:
    """A cadence in words: 'every 2 weeks', 'every 3 months', 'every year'; 'never' for 0 (`--every never`)."""
    if days == 0:
        return "never"
    if days % 365 == 0:
        years = days // 365
        return "every year" if years == 1 else f"every {years} years"
    if days % 30 == 0 or days > 60:
        months = round(days / 30)
        return "every month" if months == 1 else f"every {months} months"
    if days % 7 == 0:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    return "every day" if days == 1 else f"every {days} days"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def spoken_day(day: date, today: date) -> str:
    """A day as someone writing on `today` says it: 'today', 'yesterday', 'on Tuesday' (this past week), 'on
    8 November' (within two months), 'in March' / 'in March 2024' (longer ago); ahead: 'tomorrow', 'on
    Thursday', 'on 25 November'."""
    days = (today - day).days
    near = _near(days)
    if near:
        return near
    if -7 < days < 7:
        return f"on {WEEKDAYS[day.weekday()]}"
    year = "" if day.year == today.year else f" {day.year}"
    if days < 60:
        return f"on {day.day} {_MONTHS[day.month - 1]}{year}"
    return f"in {_MONTHS[day.month - 1]}{year}"
