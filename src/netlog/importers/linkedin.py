"""LinkedIn's Connections.csv: a "Notes:" preamble, a blank line, then
First Name,Last Name,URL,Email Address,Company,Position,Connected On (dates like "14 Nov 2026")."""

from __future__ import annotations

import csv
from datetime import date
from typing import Iterator, Sequence

from netlog.errors import BadInput
from netlog.importers.records import Batch, Incoming, read_each, read_text

HEADER_START = "First Name,Last Name"
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
ACQUAINTANCE = 1


def read(paths: Sequence[str]) -> Batch:
    """Every connection of every file; Connected On becomes a `connected` touch."""
    return read_each(paths, _read_file)


def _read_file(path: str, batch: Batch) -> None:
    text = read_text(path, "utf-8-sig")
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.lstrip("\ufeff").startswith(HEADER_START)), None)
    if start is None:
        name = "stdin" if path == "-" else path
        raise BadInput(f'{name} is not a LinkedIn Connections.csv: no "First Name,Last Name,URL,..." header.')
    label = "stdin" if path == "-" else path
    _unclosed_quote(lines, start, label)
    reader = csv.DictReader(lines[start:])
    seen = 1  # lines read so far from the header on
    for row in _rows(reader, label, start):
        number, seen = start + seen + 1, reader.line_num  # a quoted field may span lines (LinkedIn writes them)
        row = {key: " ".join(value.split()) if isinstance(value, str) else value for key, value in row.items()}  # one-line fields
        first, last = (row.get("First Name") or "").strip(), (row.get("Last Name") or "").strip()
        name = " ".join(p for p in (first, last) if p)
        connected = _parse_day(row.get("Connected On") or "")
        # A connection is not a meeting: it asks for no thank-you and no second touch (rules: `connected`).
        touches = [{"kind": "connected", "happened_on": connected, "direction": "both", "place": "LinkedIn"}] if connected else []
        if row.get("Connected On") and not connected:
            batch.problems.append(f'{path}:{number}: "{row["Connected On"]}" is not a date like 14 Nov 2026; no touch.')
        batch.records.append(
            Incoming(
                fields={
                    "name": name,
                    "n": (last, first, "", "", "") if first or last else None,  # the split LinkedIn gives (vCard N)
                    "url": row.get("URL"),
                    "email": row.get("Email Address"),
                    "company": row.get("Company"),
                    "title": row.get("Position"),
                    "strength": ACQUAINTANCE,
                    "strength_set": False,  # LinkedIn's guess, not the user's: a dormant tie until touched
                },
                touches=touches,
                source=path,
            )
        )


def _unclosed_quote(lines: list[str], start: int, label: str) -> None:
    """A quote that never closes makes the rest of the file one cell: refuse the file, naming the line that
    opened it. A quoted field that spans lines and closes is valid CSV, and LinkedIn writes them."""
    strict = csv.reader(lines[start:], strict=True)
    opened = 1
    try:
        for _ in strict:
            opened = strict.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise BadInput(
                f"{label}:{start + opened}: a quote opened on this line is never closed, so the rest of the file reads as"
                " one cell; fix that line and import again. Nothing was imported."
            ) from None


def _rows(reader: csv.DictReader, label: str, start: int) -> Iterator[dict[str, str]]:
    """The reader's rows; one it cannot read (a field over the csv module's size limit) is one line naming it."""
    try:
        yield from reader
    except csv.Error as error:
        raise BadInput(f"{label}:{start + reader.reader.line_num}: {error}; is it the right file? Nothing was imported.") from None


def _parse_day(text: str) -> date | None:
    """'14 Nov 2026' (or '2026-11-14') -> a date; None when it is not one."""
    parts = text.strip().replace("-", " ").split()
    try:
        if len(parts) == 3 and parts[1][:3].lower() in MONTHS:
            year = int(parts[2])
            return date(year + 2000 if year < 100 else year, MONTHS[parts[1][:3].lower()], int(parts[0]))
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None
