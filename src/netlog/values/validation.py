"""The door every value passes on its way into the database: CLI options, every importer, a JSON restore.
A value `edit` would refuse can never be stored, so no later command meets one it cannot read.

`contact_fields` and `touch_fields` return the cleaned values and, for what they could not keep, one
line each: an importer leaves those values out and reports them (a card with an unreadable birthday is
still a card); `check` turns the first such line into the error a typed value or a restore gives.
Text loses NUL bytes and other control characters (PostgreSQL refuses NUL, SQLite keeps it; a terminal
obeys escape sequences), keeping newlines and tabs where text may span lines (notes).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from netlog.errors import BadInput
from netlog.values.dates import in_range, out_of_range, parse_birthday

MAX_NAME = 300  # characters: longer is no name (and makes LIKE patterns too complex)
MAX_SHORT = 2_000  # an email, a phone, a title, a URL, a tag
MAX_NOTE = 100_000
MAX_CADENCE_DAYS = 36_500  # a hundred years
MAX_ID = 2**31 - 1  # an INTEGER id on PostgreSQL

MULTILINE = ("note", "advice", "about", "why", "subject")
FLAGS = ("strength_set", "expects_reply", "thank_wanted", "asks")
SHORT_TEXT = ("email", "phone", "company", "title", "url", "uid", "moment", "nickname", "place", "topics", "logged_by",
              "source", "source_id", "thread")  # fmt: skip
DATES = ("introduced_on", "snoozed_until", "created_on", "moment_on", "happened_on", "connected_on")
# Days of what has happened: none is after today (`log --on` refuses a touch in the future, and every import
# and restore given `today` refuses the same). A snooze is the one day that may be ahead.
PAST = ("introduced_on", "created_on", "moment_on", "happened_on", "connected_on")
STRUCTURED = {"n": 5, "address": 7}  # vCard N and ADR, as lists of parts


def clean_text(value: Any, multiline: bool = False) -> str | None:
    """Text without NUL bytes and control characters (newlines and tabs kept when `multiline`), stripped;
    None when nothing is left."""
    if value is None:
        return None
    text = str(value)
    if not text.isprintable():
        keep = "\n\t" if multiline else ""
        text = "".join(ch for ch in text if ch.isprintable() or ch in keep or ch == " ")
    return text.strip() or None


def contact_fields(fields: Mapping[str, Any], today: date | None = None) -> tuple[dict[str, Any], list[str]]:
    """A contact's fields as they may be stored, and a line for each value that may not (left out); given
    `today`, a day of what has happened (PAST) after it is one of those."""
    from netlog.values.kinds import LEVELS

    kept: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in fields.items():
        if value is None:
            kept[key] = None
            continue
        try:
            if key == "name":
                kept[key] = _name(value)
            elif key in MULTILINE:
                kept[key] = _limited(clean_text(value, multiline=True), MAX_NOTE, key)
            elif key in SHORT_TEXT:
                kept[key] = _limited(clean_text(value), MAX_SHORT, key)
            elif key == "strength":
                kept[key] = _whole(value, 1, len(LEVELS), key)
            elif key == "cadence_days":
                kept[key] = _whole(value, 0, MAX_CADENCE_DAYS, "the keep-in-touch cadence (days; 0: never)")
            elif key in ("introduced_by_id", "id"):
                kept[key] = _whole(value, 1, MAX_ID, key)
            elif key == "birthday":
                kept[key] = parse_birthday(str(value))
            elif key in DATES:
                day = _day(value, key)
                if today is not None and key in PAST and day > today:
                    raise BadInput(f"{key} {day.isoformat()} is after today ({today.isoformat()})")
                kept[key] = day
            elif key in STRUCTURED:
                kept[key] = _parts(value, STRUCTURED[key], key)
            elif key in FLAGS:
                if not isinstance(value, bool):
                    raise BadInput(f'{key} "{value}" is not true or false')
                kept[key] = value
            elif key == "kind":
                if value not in ("org", "individual"):
                    raise BadInput(f'kind "{value}" is not org or individual')
                kept[key] = "org" if value == "org" else None
            else:
                kept[key] = value
        except BadInput as error:
            problems.append(str(error).rstrip("."))
    if "name" in fields and kept.get("name") is None and not any("name" in p for p in problems):
        problems.append("a contact needs a name")
    return kept, problems


def touch_fields(fields: Mapping[str, Any], today: date | None = None) -> tuple[dict[str, Any], list[str]]:
    """A touch's fields as they may be stored, and a line for each value that may not (`today`: as above)."""
    from netlog.values.kinds import KINDS

    kept, problems = contact_fields({k: v for k, v in fields.items() if k not in ("kind", "direction", "other_id", "contact_id")}, today)
    kind, direction = fields.get("kind"), fields.get("direction")
    if "kind" in fields:
        if kind not in KINDS:
            problems.append(f'"{kind}" is not a kind of touch (one of: {", ".join(KINDS)})')
        kept["kind"] = kind
    if "direction" in fields:
        if direction not in ("in", "out", "both"):
            problems.append(f'direction "{direction}" is not in, out or both')
        kept["direction"] = direction
    for key in ("other_id", "contact_id"):
        if fields.get(key) is not None:
            try:
                kept[key] = _whole(fields[key], 1, MAX_ID, key)
            except BadInput as error:
                problems.append(str(error).rstrip("."))
        elif key in fields:
            kept[key] = None
    return kept, problems


def tags(values: Any) -> list[str]:
    """Tags as they may be stored (or looked up): each cleaned like any short text, blanks left out."""
    kept = [_limited(clean_text(value), MAX_SHORT, "a tag") for value in values]
    return [tag for tag in kept if tag]


def check(cleaned: tuple[dict[str, Any], list[str]], what: str = "", then: str = "") -> dict[str, Any]:
    """The cleaned fields, or BadInput with the first problem (after `what`, before `then`)."""
    fields, problems = cleaned
    if problems:
        problem = problems[0] if what else problems[0][:1].upper() + problems[0][1:]
        raise BadInput(f"{what}{problem}{then}.")
    return fields


def value(key: str, given: Any, what: str = "", then: str = "") -> Any:
    """One field's value as it may be stored (`contact_fields` on that field alone), or BadInput as `check`."""
    return check(contact_fields({key: given}), what, then)[key]


def _name(value: Any) -> str:
    name = " ".join((clean_text(value) or "").split())
    if not name:
        raise BadInput("a contact needs a name")
    if len(name) > MAX_NAME:
        raise BadInput(f"a name of {len(name):,} characters is too long (at most {MAX_NAME})")
    return name


def _limited(text: str | None, limit: int, key: str) -> str | None:
    if text is not None and len(text) > limit:
        raise BadInput(f"{key} of {len(text):,} characters is too long (at most {limit:,})")
    return text


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 18:
            value = int(value)  # isdigit() takes "²", and int() refuses 4,301 digits
        else:
            raise BadInput(f'{what} "{value}" is not a whole number')
    if not low <= value <= high:
        raise BadInput(f"{what} {value} is out of range ({low} to {high:,})")
    return value


def _day(value: Any, what: str) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise BadInput(f'{what} "{value}" is not a date (YYYY-MM-DD)') from None
    if not isinstance(value, date):
        raise BadInput(f'{what} "{value}" is not a date (YYYY-MM-DD)')
    if not in_range(value):
        raise out_of_range(f"{what} {value.isoformat()}")
    return value


def _parts(value: Any, count: int, what: str) -> list[str] | None:
    if not isinstance(value, (list, tuple)) or len(value) > count:
        raise BadInput(f"{what} is not a list of at most {count} parts")
    parts = [clean_text(p) or "" for p in value] + [""] * (count - len(value))
    return parts if any(parts) else None
