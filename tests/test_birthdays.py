"""normalize_birthday: each written form of a birthday -> netlog's MM-DD / YYYY-MM-DD, or None to drop it."""

from __future__ import annotations

import pytest

from netlog.values.dates import parse_birthday
from netlog.vcard.birthdays import normalize_birthday


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1990-03-14", "1990-03-14"),  # vCard 3.0, ISO 8601 extended
        ("20180120", "2018-01-20"),  # vCard 4.0, ISO 8601 basic (khard's contact1.vcf)
        ("--0314", "03-14"),  # vCard 4.0 without a year
        ("--03-14", "03-14"),  # Google Contacts without a year
        ("03-14", "03-14"),  # netlog's own
        ("02-29", "02-29"),  # a leap day needs no year
        ("1990-03-14T00:00:00Z", "1990-03-14"),  # a date-time: the date is the birthday
        ("19900314T000000", "1990-03-14"),
        ("1990-03-14T10:00:00+01:00", "1990-03-14"),
        ("1990-03-14 00:00:00", "1990-03-14"),
        ("  1990-03-14 ", "1990-03-14"),
        ("0000-03-14", "03-14"),  # a phone's placeholder year
        ("circa 1800", None),  # text (BDAY;VALUE=text)
        ("1990-02-30", None),  # Google lets this through
        ("--0230", None),
        ("1990-13-01", None),
        ("1985-04", None),  # no day: not a birthday
        ("1990-3-4", None),
        ("", None),
        (None, None),
        ("1990-03-14Tnoon", None),
    ],
)
def test_normalize_birthday(written, stored):
    assert normalize_birthday(written) == stored


def test_apples_omitted_year_is_no_year():
    assert normalize_birthday("1604-03-14", omit_year="1604") == "03-14"
    assert normalize_birthday("1604-03-14") == "1604-03-14"


@pytest.mark.parametrize("written", ["20180120", "--0314", "1990-03-14T00:00:00Z", "02-29", "0000-12-31"])
def test_what_it_keeps_is_what_edit_accepts(written):
    stored = normalize_birthday(written)
    assert parse_birthday(stored) == stored
