"""Working days: the days a thank-you or a report-back window counts. Pure: the days off are handed in.

A thank-you for a Friday coffee is on time on Monday: the windows of what perishes ("thank within a day or
two") count working days, skipping the weekend and any other weekday the user takes off (`netlog me
--days-off`). Days off are weekday numbers, Monday 0 .. Sunday 6.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import AbstractSet

WEEKEND: frozenset[int] = frozenset({5, 6})
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ONE = timedelta(days=1)


@lru_cache(maxsize=8192)  # `due` asks it for a few hundred distinct event days
def add_workdays(day: date, n: int, days_off: AbstractSet[int] = WEEKEND) -> date:
    """The `n`th working day after `day` (n >= 0; n == 0 is `day` itself, working or not); date.max when that
    is past year 9999 (a stored day near date.max is due "never", not an OverflowError)."""
    if len(days_off) >= 7:
        try:
            return day + timedelta(days=n)  # no working day at all: count calendar days
        except OverflowError:
            return date.max
    on = day
    while n > 0:
        if on == date.max:
            return on
        on += _ONE
        if on.weekday() not in days_off:
            n -= 1
    return on


@lru_cache(maxsize=8192)
def workdays_between(start: date, end: date, days_off: AbstractSet[int] = WEEKEND) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    if len(days_off) >= 7:
        return (end - start).days
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * (7 - len(days_off))
    on = start + timedelta(days=weeks * 7)
    for _ in range(rest):
        on += _ONE
        if on.weekday() not in days_off:
            count += 1
    return count


_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_days_off(text: str) -> frozenset[int]:
    """'sat,sun', 'fri sat' or 'Friday' -> weekday numbers; 'none' -> no day off. ValueError naming an unknown word."""
    words = [w for w in text.replace(",", " ").lower().split() if w]
    if words == ["none"]:
        return frozenset()
    days = set()
    for word in words:
        found = [n for n in range(7) if word in (DAY_NAMES[n], _FULL_NAMES[n])]
        if not found:
            raise ValueError(word)
        days.add(found[0])
    if not days:
        raise ValueError(text)
    return frozenset(days)


def format_days_off(days_off: AbstractSet[int]) -> str:
    """{5, 6} -> 'sat,sun'; nothing -> 'none'."""
    return ",".join(DAY_NAMES[n] for n in sorted(days_off)) or "none"
