"""Google Contacts' CSV export: a UTF-8 BOM, numbered groups ("E-mail 1 - Value", "Phone 2 - Value"),
several values in one cell joined by " ::: ", Notes over several lines. The older export's
Given Name / Family Name / Group Membership headers read too."""

from __future__ import annotations

import csv
import io
from typing import Iterator, Sequence

from netlog.errors import BadInput
from netlog.importers.records import Batch, Incoming, read_each, read_text
from netlog.values.points import Point, clean_label, merged
from netlog.vcard.birthdays import normalize_birthday

SEPARATOR = " ::: "


def read(paths: Sequence[str]) -> Batch:
    """Every contact of every file."""
    return read_each(paths, _read_file)


def _read_file(path: str, batch: Batch) -> None:
    reader = csv.DictReader(io.StringIO(read_text(path, "utf-8-sig"), newline=""))
    label = "stdin" if path == "-" else path
    try:
        headers = set(reader.fieldnames or ())
    except csv.Error as error:
        raise _unreadable(label, reader, error) from None
    if not headers & {"First Name", "Given Name", "Name"}:
        raise BadInput(f'{label} is not a Google Contacts CSV: no "First Name" or "Given Name" column.')
    line = 1  # the header's; each row starts on the line after the previous row ended (notes span lines)
    for row in _rows(reader, label):
        where, line = f"{label}:{line + 1}", reader.line_num
        first = _first(row, "First Name", "Given Name")
        middle = _first(row, "Middle Name", "Additional Name")
        last = _first(row, "Last Name", "Family Name")
        prefix, suffix = _first(row, "Name Prefix"), _first(row, "Name Suffix")
        company = _first(row, "Organization Name", "Organization 1 - Name")
        name = _full_name(first, middle, last) or _first(row, "Name", "File As", "Nickname")
        is_org = not name and company is not None
        birthday = _first(row, "Birthday")
        if birthday is not None and normalize_birthday(birthday) is None:
            batch.problems.append(f'{where}: the birthday "{birthday}" is not a date (MM-DD or YYYY-MM-DD); left out.')
            batch.bad_lines += 1
        labels = _first(row, "Labels", "Group Membership", whole=True) or ""
        structured = (last or "", first or "", middle or "", prefix or "", suffix or "")
        batch.records.append(
            Incoming(
                fields={
                    "name": name or company,  # an organisation's entry has only its name there
                    "n": structured if any(structured) else None,
                    "kind": "org" if is_org else None,
                    "strength_set": False,  # an address book says nothing of how close you are
                    "email": _first(row, "E-mail 1 - Value"),
                    "phone": _first(row, "Phone 1 - Value"),
                    "company": company,
                    "title": _first(row, "Organization Title", "Organization 1 - Title"),
                    "url": _first(row, "Website 1 - Value"),
                    "birthday": normalize_birthday(birthday) if birthday else None,
                    "note": _first(row, "Notes", whole=True),
                },
                tags=_labels(labels),
                source=where,
                points=_points(row),
            )
        )


def _points(row: dict) -> dict[str, list[Point]]:
    """Every "E-mail N", "Phone N" and "Website N" (a cell may hold several, joined by " ::: "), with its
    type ("* Work" and "Mobile" read as "work" and "mobile"; Google's "* " marks the primary one, kept first)."""
    found: dict[str, list[Point]] = {}
    for kind, stem in (("email", "E-mail"), ("phone", "Phone"), ("url", "Website")):
        primary: list[Point] = []
        others: list[Point] = []
        number = 1
        while f"{stem} {number} - Value" in row:
            cell = (row.get(f"{stem} {number} - Value") or "").strip()
            kind_text = (row.get(f"{stem} {number} - Type") or row.get(f"{stem} {number} - Label") or "").strip()
            starred = kind_text.startswith("*")
            label = clean_label(kind_text.lstrip("* ")) if kind_text.lstrip("* ") else None
            for value in (v.strip() for v in cell.split(SEPARATOR)):
                if value:
                    (primary if starred else others).append(Point(value, label))
            number += 1
        found[kind] = merged([], primary + others, kind)
    return found


def _full_name(given: str | None, middle: str | None, family: str | None) -> str | None:
    """The name as it is written: given names first with spaces, except in Chinese, Japanese and Korean,
    which write the family name first and no space ("李" "小龙" -> "李小龙")."""
    parts = [p for p in (given, middle, family) if p]
    if not parts:
        return None
    if all(_east_asian(p) for p in parts):
        return "".join(p for p in (family, given, middle) if p)
    return " ".join(parts)


def _east_asian(text: str) -> bool:
    """Written in Han, kana or Hangul only (the scripts that put no space inside a name)."""
    import unicodedata

    return all(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for ch in text)


def _first(row: dict, *columns: str, whole: bool = False) -> str | None:
    """The first non-empty value of the first column present ("a ::: b" -> "a" unless whole)."""
    for column in columns:
        value = (row.get(column) or "").strip()
        if value:
            return value if whole else value.split(SEPARATOR)[0].strip()
    return None


def _rows(reader: csv.DictReader, label: str) -> Iterator[dict[str, str]]:
    """The reader's rows; one it cannot read (a field over the csv module's size limit) is one line naming it."""
    try:
        yield from reader
    except csv.Error as error:
        raise _unreadable(label, reader, error) from None


def _unreadable(label: str, reader: csv.DictReader, error: csv.Error) -> BadInput:
    return BadInput(f"{label}:{reader.reader.line_num}: {error}; is it the right file? Nothing was imported.")


def _labels(cell: str) -> list[str]:
    """User labels as tags; Google's own ("* myContacts", "* starred") are left out."""
    return [label.strip() for label in cell.split(SEPARATOR) if label.strip() and not label.strip().startswith("*")]
