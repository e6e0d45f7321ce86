"""Google Contacts' CSV export: a UTF-8 BOM, numbered groups ("E-mail 1 - Value", "Phone 2 - Value"),
several values in one cell joined by " ::: ", Notes over several lines. The older export's
Given Name / Family Name / Group Membership headers read too."""

from __future__ import annotations

import csv
import io
from typing import Sequence

from netlog.errors import BadInput
from netlog.importing import Batch, Incoming, read_each, read_text

SEPARATOR = " ::: "


def read(paths: Sequence[str]) -> Batch:
    """Every contact of every file."""
    return read_each(paths, _read_file)


def _read_file(path: str, batch: Batch) -> None:
    reader = csv.DictReader(io.StringIO(read_text(path, "utf-8-sig"), newline=""))
    headers = set(reader.fieldnames or ())
    if not headers & {"First Name", "Given Name", "Name"}:
        name = "stdin" if path == "-" else path
        raise BadInput(f'{name} is not a Google Contacts CSV: no "First Name" or "Given Name" column.')
    for row in reader:
        first = _first(row, "First Name", "Given Name")
        middle = _first(row, "Middle Name", "Additional Name")
        last = _first(row, "Last Name", "Family Name")
        name = " ".join(p for p in (first, middle, last) if p) or _first(row, "Name", "File As", "Nickname")
        labels = _first(row, "Labels", "Group Membership", whole=True) or ""
        batch.records.append(
            Incoming(
                fields={
                    "name": name,
                    "email": _first(row, "E-mail 1 - Value"),
                    "phone": _first(row, "Phone 1 - Value"),
                    "company": _first(row, "Organization Name", "Organization 1 - Name"),
                    "title": _first(row, "Organization Title", "Organization 1 - Title"),
                    "url": _first(row, "Website 1 - Value"),
                    "birthday": _first(row, "Birthday"),
                    "note": _first(row, "Notes", whole=True),
                },
                tags=_labels(labels),
                source=path,
            )
        )


def _first(row: dict, *columns: str, whole: bool = False) -> str | None:
    """The first non-empty value of the first column present ("a ::: b" -> "a" unless whole)."""
    for column in columns:
        value = (row.get(column) or "").strip()
        if value:
            return value if whole else value.split(SEPARATOR)[0].strip()
    return None


def _labels(cell: str) -> list[str]:
    """User labels as tags; Google's own ("* myContacts", "* starred") are left out."""
    return [label.strip() for label in cell.split(SEPARATOR) if label.strip() and not label.strip().startswith("*")]
