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
    reader = csv.DictReader(lines[start:])
    seen = 1  # lines read so far from the header on
    for row in _rows(reader, label, start):
        number, seen = start + seen + 1, reader.line_num
        if reader.line_num > number - start:  # LinkedIn's fields never span lines: a quote left open did
            raise BadInput(
                f"{label}:{number}: a quote opened on this line is never closed, so the rest of the file reads as"
                " one cell; fix that line and import again. Nothing was imported."
            )
        name = " ".join(p for p in ((row.get("First Name") or "").strip(), (row.get("Last Name") or "").strip()) if p)
        connected = _parse_day(row.get("Connected On") or "")
        # A connection is not a meeting: it asks for no thank-you and no second touch (rules: `connected`).
        touches = [{"kind": "connected", "happened_on": connected, "direction": "both", "place": "LinkedIn"}] if connected else []
        if row.get("Connected On") and not connected:
            batch.problems.append(f'{path}:{number}: "{row["Connected On"]}" is not a date like 14 Nov 2026; no touch.')
        batch.records.append(
            Incoming(
                fields={
                    "name": name,
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
