"""Birthdays as other programs write them -> the one form netlog stores: "MM-DD" (no year) or "YYYY-MM-DD".

Pure and standard-library only, so every importer (vCard, Google CSV, JSON) can check a birthday the same
way before it is stored; `dates.parse_birthday` is the strict check for what a user types."""

from __future__ import annotations

import re
from datetime import date

# Each form names its parts; the year is optional only in the forms that leave it out on purpose.
_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),  # ISO 8601 extended, vCard 3.0
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),  # ISO 8601 basic, vCard 4.0
    re.compile(r"--(?P<month>\d{2})-?(?P<day>\d{2})"),  # no year: vCard 4.0 --MMDD, Google --MM-DD
    re.compile(r"(?P<month>\d{2})-(?P<day>\d{2})"),  # netlog's own yearless form
)
# A date-time birthday ("1990-03-14T00:00:00Z", "19900314T000000"): only the date part is a birthday.
_DATE_TIME = re.compile(r"(?P<date>[-\d]+)(?:[Tt ]\d{2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?")


def normalize_birthday(text: str | None, omit_year: str | None = None) -> str | None:
    """A birthday in any common written form as "MM-DD" or "YYYY-MM-DD"; None when it is not a real date.

    `omit_year` is Apple's X-APPLE-OMIT-YEAR parameter: the placeholder year that means "no year"
    (1604-03-14 with omit_year "1604" is 03-14). Impossible dates (Google's 1990-02-30), dates without a
    day ("1985-04") and free text ("circa 1800") give None, so the caller can say what it dropped."""
    if text is None:
        return None
    whole = _DATE_TIME.fullmatch(text.strip())
    if not whole:
        return None
    for form in _FORMS:
        match = form.fullmatch(whole["date"])
        if match:
            break
    else:
        return None
    parts = match.groupdict()
    year = parts.get("year")
    if year is not None and (year == omit_year or year == "0000"):
        year = None  # a placeholder, not a year (Apple writes 1604, some phones 0000)
    month, day = int(parts["month"]), int(parts["day"])
    try:
        date(int(year) if year else 2000, month, day)  # 2000 is a leap year: a yearless 02-29 is a birthday
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
