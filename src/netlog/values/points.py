"""A contact's points of contact: its email addresses, phone numbers and profile URLs, each with a label,
and the one normal form each kind is compared in, so that formatting alone is never a change and a person
is matched on any of their addresses.

Phones are compared as E.164 through `phonenumbers` (imported only when a phone is compared, never on the
start-up path of `due` or `list`): '+1 415-555-0999', 'tel:+1-415-555-0999' and '+1 (415) 555-0999' are one
number. A national number ('0912 345 678') is read in the default region: `netlog me --region`, else the
region of the locale (LC_ALL, LC_CTYPE, LANG: 'pt_PT.UTF-8' is PT); with neither, its digits are compared."""

from __future__ import annotations

import os
import re
from typing import Iterable, NamedTuple, Sequence

KINDS = ("email", "phone", "url")
REGION_KEY = "me.region"  # the setting `netlog me --region` keeps (netlog_meta)


class Point(NamedTuple):
    """One email, phone or URL as it is shown and exported: its text and its label (or None)."""

    value: str
    label: str | None = None


def looks_like_address(text: str) -> bool:
    """One email address (someone@somewhere), with no space, comma or line break that would make it several:
    what `add`/`edit`/`me` take as typed and a mailto: link is written to (importers keep what a file says)."""
    local, at, domain = text.rpartition("@")
    return bool(at and local and domain) and not any(ch.isspace() or ch in ",;<>" for ch in text)


def looks_like_url(text: str) -> bool:
    """A web address (example.org/ana, https://www.linkedin.com/in/ana): a host with a dot and no space, what
    `add`/`edit` take as a profile URL as typed (importers keep what a file says)."""
    host = normal("url", text).split("/", 1)[0]
    return "." in host.strip(".") and not any(ch.isspace() or ch in ",;<>\"" for ch in text.strip())


def looks_like_linkedin_profile(text: str) -> bool:
    """A LinkedIn profile's address (linkedin.com/in/NAME, with or without https://www., or a country's
    pt.linkedin.com): what `me --linkedin` takes, since LinkedIn's messages.csv names people by it."""
    host, _, path = normal("url", text).partition("/")
    return looks_like_url(text) and (host == "linkedin.com" or host.endswith(".linkedin.com")) and bool(path.strip("/"))


def normal(kind: str, value: str, region: str | None = None) -> str:
    """The form a value of a kind is compared in ("" for a value with nothing to compare)."""
    if kind == "email":
        return value.strip().casefold()
    if kind == "url":
        url = value.strip().casefold()
        for prefix in ("https://", "http://"):
            url = url.removeprefix(prefix)
        return url.removeprefix("www.").rstrip("/")
    if kind == "phone":
        return normal_phone(value, region)
    raise ValueError(kind)


def normal_phone(text: str, region: str | None = None) -> str:
    """A phone number as E.164 when phonenumbers can read it (in `region` when it is national), else '+' and
    the digits of an international number, or the digits of a national one."""
    raw = text.strip()
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    raw = raw.split(";", 1)[0].strip()  # tel: URIs carry parameters (;ext=, ;phone-context=)
    digits = re.sub(r"\D", "", raw)
    international = raw.startswith("+") or digits.startswith("00")
    if international and digits.startswith("00"):
        digits = digits[2:]
    if not digits:
        return raw.casefold()
    import phonenumbers

    try:
        number = phonenumbers.parse("+" + digits if international else raw, None if international else (region or None))
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"+{digits}" if international else digits


def default_region(stored: str | None = None) -> str | None:
    """The region national phone numbers are read in: the stored setting, else the locale's, else None."""
    if stored:
        return stored.upper()
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        found = re.match(r"[A-Za-z]{2,3}_([A-Za-z]{2})\b", os.environ.get(variable, ""))
        if found:
            return found.group(1).upper()
        if os.environ.get(variable):
            return None  # the locale in force says no region (C, POSIX)
    return None


def region_code(text: str) -> str:
    """A typed region ("pt", "US") as the two upper-case letters phonenumbers knows; ValueError otherwise."""
    import phonenumbers

    code = text.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(code)
    return code


def clean_label(label: str | None) -> str | None:
    """A label as it is kept: lower-cased, Apple's "_$!<HomePage>!$_" as "homepage"; None when blank."""
    if not label:
        return None
    text = label.strip()
    found = re.fullmatch(r"_\$!<(.*)>!\$_", text)
    if found:
        text = found.group(1)
    return " ".join(text.split()).lower() or None


def merged(have: Sequence[Point], incoming: Iterable[Point], kind: str, region: str | None = None) -> list[Point]:
    """`have` with every incoming point it lacks appended (compared in the normal form), and the labels it
    lacks taken from the incoming points; nothing is removed and the order (the preferred one first) kept."""
    points = list(have)
    at = {normal(kind, p.value, region): i for i, p in enumerate(points)}
    for point in incoming:
        key = normal(kind, point.value, region)
        if not key:
            continue
        if key in at:
            old = points[at[key]]
            if old.label is None and point.label:
                points[at[key]] = Point(old.value, point.label)
            continue
        at[key] = len(points)
        points.append(point)
    return points


def same(one: Sequence[Point], other: Sequence[Point], kind: str, region: str | None = None) -> bool:
    """Whether two lists say the same: the same values in the same order, compared in the normal form, with
    the same labels."""
    return [(normal(kind, p.value, region), p.label) for p in one] == [(normal(kind, p.value, region), p.label) for p in other]
