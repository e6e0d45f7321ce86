"""Contacts with their last touch and next due day, as CSV for spreadsheets. A cell that starts with
= + - or @ gets a leading ' so a spreadsheet shows it as text instead of running it as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any


COLUMNS = ("name", "email", "company", "title", "strength", "tags", "last_touch", "last_touch_kind", "touches", "next_due")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export(reader: Any, today: date) -> str:
    """One row per contact, sorted by name."""
    from netlog import profiles

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for contact in profiles.overview(reader, today):
        contact = {**contact, "tags": ", ".join(contact["tags"])}
        writer.writerow([neutralise(contact[column]) for column in COLUMNS])
    return out.getvalue()


def neutralise(value: Any) -> str:
    """A cell as text that no spreadsheet will evaluate."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
