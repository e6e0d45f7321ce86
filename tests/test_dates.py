"""The fast date path gives dateparser's answers: every phrase it reads, on many base days, both ways."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netlog.values.dates import FUTURE, PAST, _parse_with_dateparser, parse_common, parse_date

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PHRASES = (
    ["today", "yesterday", "tomorrow", "next week", "last week", "Yesterday", "  last   friday "]
    + list(WEEKDAYS) + ["mon", "fri", "sun"]
    + [f"next {d}" for d in WEEKDAYS] + [f"last {d}" for d in WEEKDAYS]
    + [f"{n} {unit}{'s' if n != 1 else ''} ago" for n in (1, 2, 3, 10) for unit in ("day", "week", "month", "year")]
    + [f"in {n} {unit}{'s' if n != 1 else ''}" for n in (1, 2, 3, 10) for unit in ("day", "week", "month", "year")]
    + ["a week ago", "a day ago", "a month ago", "a year ago", "in a week", "in a month", "2 months ago"]
    + ["2026-11-21", "2024-02-29", "2025-12-31"]
)  # fmt: skip
BASES = (
    [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]  # every weekday as the base
    + [date(2026, 1, 31), date(2026, 3, 31), date(2024, 2, 29), date(2026, 2, 28), date(2025, 12, 31), date(2026, 8, 31)]
)


@pytest.mark.parametrize("prefer", [PAST, FUTURE])
@pytest.mark.parametrize("base", BASES, ids=str)
def test_fast_path_agrees_with_dateparser(base, prefer):
    disagreements = []
    for phrase in PHRASES:
        quick = parse_common(phrase, base, prefer)
        assert quick is not None, f"the fast path should read {phrase!r}"
        slow = _parse_with_dateparser(phrase, base, prefer)
        if quick != slow:
            disagreements.append((phrase, quick, slow))
    assert disagreements == []


@pytest.mark.parametrize("phrase", ["the day after tomorrow", "21 Nov 2026", "March 3", "2 weeks before christmas"])
def test_other_phrases_fall_through_to_dateparser(phrase):
    assert parse_common(phrase, date(2026, 11, 23)) is None


def test_parse_date_reads_what_the_fast_path_does_not():
    assert parse_date("21 Nov 2026", date(2026, 11, 23)) == date(2026, 11, 21)


def test_bad_iso_date_is_not_guessed():
    assert parse_common("2026-02-30", date(2026, 11, 23)) is None
