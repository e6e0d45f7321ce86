"""Dates as values: reading what people type ("yesterday", "next friday", "in 2 weeks") relative to a given
day, cadences and birthdays, and the range of days netlog keeps (FIRST_DAY..LAST_DAY, checked in one place:
`in_range`). Pure: the day to read from is always passed in (the clock is netlog.values.clock). The only
importer of dateparser, and only for phrases the fast path below does not know. Saying dates the way
people say them is rules/wording.py."""

from __future__ import annotations

import re
from datetime import date, timedelta

from netlog.errors import BadInput

# dateparser tries every language it knows unless told, and an unreadable phrase then takes seconds.
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
    # dateparser's time grows steeply with length (docs/performance.md); no real date is this long.
    parsed = _parse_with_dateparser(text, base, prefer) if len(text) <= MAX_DATE_CHARS else None
    if parsed is None:
        shown = text if len(text) <= MAX_DATE_CHARS else text[:MAX_DATE_CHARS] + "..."
        raise BadInput(f'Cannot read the date "{shown}". Try 2026-11-21, "yesterday", "last friday" or "3 days ago".')
    return _in_range(parsed, text)


# Touches and contacts older than FIRST_DAY are typing mistakes; LAST_DAY is the last day a date can be
# and still have a day after it.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9999, 12, 30)


def in_range(day: date) -> bool:
    """Whether a day is within what netlog keeps (FIRST_DAY..LAST_DAY)."""
    return FIRST_DAY <= day <= LAST_DAY


def out_of_range(shown: str, end: str = "") -> BadInput:
    """The one line for a day outside FIRST_DAY..LAST_DAY; `shown` says what was given."""
    return BadInput(f"{shown} is out of range ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}){end}")


def _in_range(day: date, text: str) -> date:
    """A typed day within what the database keeps, else one clear line."""
    if not in_range(day):
        raise out_of_range(f'The date "{text}"', ".")
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

    import dateparser  # heavy to import and to start: only for phrases the fast path lacks

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        # a day, not a moment: no zone is needed, and naming one keeps dateparser from asking tzlocal, which
        # refuses a POSIX TZ such as UTC-14 (a traceback)
        "TIMEZONE": "UTC",
    }
    try:
        parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


# `--every never`: a cadence of no days, stored as 0 (rules.due: no keep-in-touch, never a pick).
NEVER = 0


def parse_cadence(text: str) -> int:
    """'2w', '3 months', '10d', '1y', 'monthly', or a number of days -> days; 'never' -> NEVER."""
    phrase = " ".join(text.strip().lower().split())
    if phrase == "never":
        return NEVER
    words = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 90, "yearly": 365, "annually": 365}
    if phrase in words:
        return words[phrase]
    match = re.fullmatch(r"(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?", phrase)
    if not match or int(match.group(1)) <= 0:
        raise BadInput(f'Cannot read the cadence "{text}". Try 2w, 3 months, 45d, 1y, monthly or never.')
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


def later(day: date, days: int) -> date:
    """`day` plus `days`, or date.max past it: a stored day near 9999-12-31 (an older netlog, another program)
    gives "never" to the rules that add spans to it, not an OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


def ahead(day: date, days: int) -> date:
    """`day` plus `days`, no later than LAST_DAY: a default snooze or a calendar's last day, even on a far today."""
    return min(later(day, days), LAST_DAY)


def next_birthday(birthday: str, today_: date) -> date:
    """The next time a stored birthday (MM-DD or YYYY-MM-DD) comes round, today included; 02-29 -> 02-28;
    date.max when it would come round after year 9999."""
    month, day = (int(part) for part in birthday.split("-")[-2:])
    for year in (today_.year, today_.year + 1):
        if year > date.max.year:
            return date.max
        try:
            on = date(year, month, day)
        except ValueError:
            on = date(year, month, day - 1)
        if on >= today_:
            return on
    raise AssertionError("unreachable")
