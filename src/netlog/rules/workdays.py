"""Working days: the days a thank-you or a report-back window counts. Pure: the days off are handed in.

A thank-you for a Friday coffee is on time on Monday: the windows of what perishes ("thank within a day or
two") count working days, skipping the weekend and any other weekday the user takes off (`netlog me
--days-off`), and the single days they name (holidays). Days off are one set of ints: weekday numbers, Monday
0 .. Sunday 6, and each single day as its ordinal (date.toordinal(), far above 6), so the set stays one hashable
frozenset[int] that every rule already takes. Only this module reads the ordinals (is_day_off, days_off_words).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import AbstractSet

WEEKEND: frozenset[int] = frozenset({5, 6})
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ONE = timedelta(days=1)
_WEEKDAYS = range(7)


def _weekdays(days_off: AbstractSet[int]) -> int:
    """How many weekdays (not single days) are off."""
    return sum(1 for n in days_off if n in _WEEKDAYS)


def is_day_off(day: date, days_off: AbstractSet[int]) -> bool:
    """Its weekday is off, or the day itself is."""
    return day.weekday() in days_off or day.toordinal() in days_off


@lru_cache(maxsize=8192)  # `due` asks it for a few hundred distinct event days
def add_workdays(day: date, n: int, days_off: AbstractSet[int] = WEEKEND) -> date:
    """The `n`th working day after `day` (n >= 0; n == 0 is `day` itself, working or not); date.max when that
    is past year 9999 (a stored day near date.max is due "never", not an OverflowError)."""
    if _weekdays(days_off) >= 7:
        try:
            return day + timedelta(days=n)  # no working day at all: count calendar days
        except OverflowError:
            return date.max
    on = day
    while n > 0:
        if on == date.max:
            return on
        on += _ONE
        if not is_day_off(on, days_off):
            n -= 1
    return on


@lru_cache(maxsize=8192)
def workdays_between(start: date, end: date, days_off: AbstractSet[int] = WEEKEND) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    weekdays = _weekdays(days_off)
    if weekdays >= 7:
        return (end - start).days
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * (7 - weekdays)
    on = start + timedelta(days=weeks * 7)
    for _ in range(rest):
        on += _ONE
        if on.weekday() not in days_off:
            count += 1
    first, last = start.toordinal(), end.toordinal()
    for n in days_off:  # single days off that fall on a working weekday in (start, end]
        if first < n <= last and date.fromordinal(n).weekday() not in days_off:
            count -= 1
    return count


_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_days_off(text: str) -> frozenset[int]:
    """'sat,sun', 'fri sat', 'Friday' or 'sat,sun,2026-12-25' -> the days off (weekday numbers, and single days as
    ordinals); 'none' -> no day off. ValueError naming an unknown word."""
    words = [w for w in text.replace(",", " ").lower().split() if w]
    if words == ["none"]:
        return frozenset()
    days = set()
    for word in words:
        found = [n for n in range(7) if word in (DAY_NAMES[n], _FULL_NAMES[n])]
        if found:
            days.add(found[0])
            continue
        try:
            days.add(date.fromisoformat(word).toordinal())
        except ValueError:
            raise ValueError(word) from None
    if not days:
        raise ValueError(text)
    return frozenset(days)


def days_off_words(days_off: AbstractSet[int]) -> list[str]:
    """{5, 6} and Christmas 2026 -> ['sat', 'sun', '2026-12-25']: the weekdays, then the single days in order."""
    return [DAY_NAMES[n] if n in _WEEKDAYS else date.fromordinal(n).isoformat() for n in sorted(days_off)]


def format_days_off(days_off: AbstractSet[int]) -> str:
    """{5, 6} -> 'sat,sun'; with a holiday 'sat,sun,2026-12-25'; nothing -> 'none'."""
    return ",".join(days_off_words(days_off)) or "none"
