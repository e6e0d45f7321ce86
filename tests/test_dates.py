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


def test_spans_added_to_a_day_near_date_max_saturate_instead_of_overflowing():
    """Issue 27 #3: a day stored near 9999-12-31 (an older netlog, another program) is due "never"."""
    from netlog.rules.workdays import add_workdays
    from netlog.values.dates import LAST_DAY, ahead, later, next_birthday

    assert later(date(2026, 11, 23), 7) == date(2026, 11, 30)
    assert later(date(9999, 12, 30), 14) == date.max
    assert ahead(date(9999, 12, 20), 30) == LAST_DAY and ahead(date(2026, 11, 23), 7) == date(2026, 11, 30)
    assert next_birthday("03-14", date(9999, 12, 30)) == date.max
    assert next_birthday("12-31", date(9999, 12, 30)) == date(9999, 12, 31)
    assert next_birthday("03-14", date(2026, 11, 23)) == date(2027, 3, 14)
    assert add_workdays(date(9999, 12, 30), 3) == date.max
    assert add_workdays(date(9999, 12, 30), 3, frozenset(range(7))) == date.max
    assert add_workdays(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday


def test_the_last_day_refused_is_not_inside_the_range_the_line_names(netlog):
    """`due --on 9999-12-31` said 'out of range (1900 to 9999)': a day of 9999, refused as outside 9999."""
    refused = netlog("due", "--on", "9999-12-31", ok=False)
    assert refused.exit_code == 1 and "(1900-01-01 to 9999-12-30)" in refused.stderr
    netlog("due", "--on", "9999-12-30")
