"""Contacts with their facts, last touch and next due day, as CSV for spreadsheets, sorted by name with case
and accents ignored (netlog.values.folding). A cell that starts with = + - @ (or a tab or carriage return) gets
a leading ' so a spreadsheet shows it as text instead of running it as a formula (OWASP's CSV injection
guard). A phone number in a phone column is left as it is: "+351 912 345 678" holds only digits and
punctuation, which can name no function and no cell, so it can do nothing as a formula, while the ' would
spoil the number for every reader.

`--excel`: Excel takes a CSV file without a byte order mark for the machine's ANSI code page (accents
come out as mojibake) and RFC 4180 ends rows with CRLF; that flavour has both. The plain flavour has
neither, for tools that would keep the mark as part of the first column's name."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from netlog.storage import reads
from netlog.values.folding import fold

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

COLUMNS = (
    "name", "email", "phone", "company", "title", "url", "birthday", "strength", "tags", "last_touch",
    "last_touch_kind", "touches", "next_due", "note", "emails", "phones", "urls", "email_labels", "phone_labels", "url_labels",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_COLUMNS = ("phone", "phones")  # "phones": every number, joined by "; "
# A phone number as people write it: digits with + ( ) . - / and spaces, no letter and no colon (a letter
# begins a function or a cell, "1:1" is a row), so even a spreadsheet that reads it as a formula only does sums.
_PHONE = re.compile(r"\+?[\d ().\-/]*\d[\d ().\-/]*")
BOM = "\ufeff"


ROWS_A_CHUNK = 1000


def export(reader: Reader, today: date, excel: bool = False) -> str:
    """One row per contact, as one string."""
    return "".join(chunks(reader, today, excel=excel))


def chunks(reader: Reader, today: date, excel: bool = False) -> Iterator[str]:
    """One row per contact, written a thousand rows at a time as they are made (never the whole document)."""
    yield from _chunks(contact_rows(reader, today), excel=excel)


def contact_rows(reader: Reader, today: date) -> Iterator[dict[str, Any]]:
    """The database read, in the document's order: `list`'s overview of each contact, with the columns it leaves
    out. The overview is sorted; each contact's whole row is made only as it is written (at 100,000 contacts a
    list of them all peaked at 402 MiB)."""
    from netlog.network import profiles

    overview = profiles.overview(reader, today)
    with reader.snapshot():
        keys = reads.columns("contact_rows")
        i_id = keys.index("id")
        facts = {row[i_id]: row for row in reads.rows(reader, "contact_rows")}
        points = reads.all_points(reader)
    for contact in sorted(overview, key=_order):
        found = facts.pop(contact["id"], None)
        if found is not None:
            mine = points.pop(contact["id"], None)
            yield {**dict(zip(keys, found)), **contact, **(_points(mine) if mine else {})}


def _points(mine: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Every email, phone and URL of a contact ("emails": the values joined by "; "), and each one's label in
    the same order ("email_labels": empty where it has none)."""
    cells = {}
    for kind in ("email", "phone", "url"):
        listed = mine.get(kind, [])
        cells[kind + "s"] = "; ".join(e["value"] for e in listed)
        cells[kind + "_labels"] = "; ".join(e["label"] or "" for e in listed)
    return cells


def csv_text(contacts: Iterable[Mapping[str, Any]], excel: bool = False) -> str:
    """The CSV document: a header row, then the contacts by folded name."""
    return "".join(csv_chunks(contacts, excel))


def csv_chunks(contacts: Iterable[Mapping[str, Any]], excel: bool = False) -> Iterator[str]:
    """The CSV document in pieces: a header row, then the contacts by folded name."""
    return _chunks(sorted(contacts, key=_order), excel)


def _order(contact: Mapping[str, Any]) -> tuple[str, str, int]:
    """The document's order: by folded name, then name, then id."""
    return (fold(contact["name"]), contact["name"], contact.get("id") or 0)


def _chunks(ordered: Iterable[Mapping[str, Any]], excel: bool) -> Iterator[str]:
    """A header row, then the contacts in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    out.write(BOM if excel else "")
    writer.writerow(COLUMNS)
    for n, contact in enumerate(ordered, start=1):
        cells = {**contact, "tags": ", ".join(contact.get("tags") or ())}
        writer.writerow([neutralise(cells.get(column), column) for column in COLUMNS])
        if n % ROWS_A_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def neutralise(value: Any, column: str = "") -> str:
    """A cell as text that no spreadsheet will evaluate, and with no terminal control characters (the file
    is often read with `cat` first); a phone column's phone numbers as they are."""
    if value is None:
        return ""
    from netlog.values.encoding import safe

    text = safe(value.isoformat() if isinstance(value, date) else str(value))
    if not text.startswith(FORMULA_STARTS):
        return text
    if column in PHONE_COLUMNS and all(_PHONE.fullmatch(part) for part in text.split("; ")):
        return text
    return "'" + text
