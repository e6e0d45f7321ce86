"""Dates: reading what people type ("yesterday", "next friday", "in 2 weeks") relative to a given day, and
saying dates the way people say them. Pure: the day to read from is always passed in (the clock is
netlog.clock). The only importer of dateparser, and only for phrases the fast path below does not know."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from netlog.errors import BadInput

# dateparser tries every language it knows unless told; an unreadable phrase then takes ~15 s.
DATE_LANGUAGES = ["en"]

PAST = "past"
FUTURE = "future"

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
# What strftime's %a and %b give in the C locale, without strftime's cost (it runs for every due reason).
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UNITS = {"day": 1, "week": 7, "month": 0, "year": 0}
_AMOUNT = r"(\d+|an?)"
_UNIT = r"(day|week|month|year)s?"
_AGO = re.compile(rf"^{_AMOUNT} {_UNIT} ago$")
_IN = re.compile(rf"^in {_AMOUNT} {_UNIT}$")
_RELATIVE_WEEKDAY = re.compile(r"^(next|last) (\w+)$")


def parse_date(text: str, base: date, prefer: str = PAST) -> date:
    """Read a typed date relative to `base`; a bare weekday means the last one (PAST) or the next (FUTURE)."""
    try:
        quick = parse_common(text, base, prefer)
    except (OverflowError, ValueError):  # "in 99999999 years": past date.max
        raise BadInput(f'The date "{text}" is out of range.') from None
    if quick is not None:
        return _in_range(quick, text)
    # dateparser's time grows steeply with length (60 chars of garbage: ~8 s); no real date is this long.
    parsed = _parse_with_dateparser(text, base, prefer) if len(text) <= MAX_DATE_CHARS else None
    if parsed is None:
        shown = text if len(text) <= MAX_DATE_CHARS else text[:MAX_DATE_CHARS] + "..."
        raise BadInput(f'Cannot read the date "{shown}". Try 2026-11-21, "yesterday", "last friday" or "3 days ago".')
    return _in_range(parsed, text)


def _in_range(day: date, text: str) -> date:
    """A typed day within what the database keeps (netlog.validation's range), else one clear line."""
    from netlog.validation import FIRST_DAY, LAST_DAY

    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadInput(f'The date "{text}" is out of range ({FIRST_DAY.year} to {LAST_DAY.year}).')
    return day


MAX_DATE_CHARS = 32


def parse_common(text: str, base: date, prefer: str = PAST) -> date | None:
    """The fast path: ISO dates and the common words, giving dateparser's answers; None for anything else."""
    phrase = " ".join(text.strip().lower().split())
    if phrase in ("today", "now"):
        return base
    if phrase == "yesterday":
        return base - timedelta(days=1)
    if phrase == "tomorrow":
        return base + timedelta(days=1)
    if phrase in ("next week", "last week"):
        return base + timedelta(days=7 if phrase.startswith("next") else -7)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        try:
            return date.fromisoformat(phrase)
        except ValueError:
            return None
    if phrase in _WEEKDAYS:
        return _weekday(base, _WEEKDAYS[phrase], forward=prefer == FUTURE)
    if match := _RELATIVE_WEEKDAY.match(phrase):
        direction, day = match.groups()
        if day in _WEEKDAYS:
            return _weekday(base, _WEEKDAYS[day], forward=direction == "next")
        return None
    for pattern, sign in ((_AGO, -1), (_IN, 1)):
        if match := pattern.match(phrase):
            amount = 1 if match.group(1) in ("a", "an") else int(match.group(1))
            return _shift(base, sign * amount, match.group(2))
    return None


def _weekday(base: date, weekday: int, forward: bool) -> date:
    """The nearest such weekday strictly after (forward) or strictly before `base`, as dateparser reads it."""
    if forward:
        return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)
    return base - timedelta(days=(base.weekday() - weekday - 1) % 7 + 1)


def _shift(base: date, amount: int, unit: str) -> date:
    if _UNITS[unit]:
        return base + timedelta(days=amount * _UNITS[unit])
    months = amount * (12 if unit == "year" else 1)
    month_index = base.month - 1 + months
    year, month = base.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(base.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _parse_with_dateparser(text: str, base: date, prefer: str) -> date | None:
    import datetime as dt

    import dateparser  # heavy (~0.15 s import, ~0.2 s first parse): only for phrases the fast path lacks

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


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
    """A cadence in words: 'every 2 weeks', 'every 3 months', 'every year'."""
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


def parse_cadence(text: str) -> int:
    """'2w', '3 months', '10d', '1y', 'monthly', or a number of days -> days."""
    phrase = " ".join(text.strip().lower().split())
    words = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 90, "yearly": 365, "annually": 365}
    if phrase in words:
        return words[phrase]
    match = re.fullmatch(r"(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?", phrase)
    if not match or int(match.group(1)) <= 0:
        raise BadInput(f'Cannot read the cadence "{text}". Try 2w, 3 months, 45d, 1y or monthly.')
    unit = (match.group(2) or "d")[0]
    return int(match.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


def parse_birthday(text: str) -> str:
    """'03-14' or '1990-03-14' (year optional) -> the same, checked; stored as text."""
    value = text.strip()
    match = re.fullmatch(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})", value)
    try:
        if not match:
            raise ValueError(value)
        year, month, day = match.groups()
        date(int(year or 2000), int(month), int(day))  # 2000 is a leap year: 02-29 is allowed without a year
    except ValueError:
        raise BadInput(f'Cannot read the birthday "{text}". Use MM-DD or YYYY-MM-DD, e.g. 03-14.') from None
    month_day = f"{int(month):02d}-{int(day):02d}"
    return f"{year}-{month_day}" if year else month_day


def next_birthday(birthday: str, today_: date) -> date:
    """The next time a stored birthday (MM-DD or YYYY-MM-DD) comes round, today included; 02-29 -> 02-28."""
    month, day = (int(part) for part in birthday.split("-")[-2:])
    for year in (today_.year, today_.year + 1):
        try:
            on = date(year, month, day)
        except ValueError:
            on = date(year, month, day - 1)
        if on >= today_:
            return on
    raise AssertionError("unreachable")
