"""Everything in the database as one JSON document (the format is in docs/formats.md)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from netlog.storage import Database, queries

FORMAT = "netlog"
VERSION = 1
TOUCH_EXPORT = ("kind", "happened_on", "direction", "note", "place", "topics", "other_id", "logged_by")


def export(db: Database, today: date) -> str:
    """Contacts with their tags, touches and dismissals, plus the format and its version."""
    with db.snapshot():
        contacts = queries.contact_rows(db)
        tags = queries.all_tags(db)
        touches: dict[int, list[dict[str, Any]]] = {}
        for row in queries.touch_rows(db):
            touches.setdefault(row["contact_id"], []).append({f: row[f] for f in TOUCH_EXPORT})
        dismissals: dict[int, dict[str, date]] = {}
        for row in queries.dismissal_rows(db):
            dismissals.setdefault(row["contact_id"], {})[row["action"]] = row["done_on"]
    header = {"format": FORMAT, "version": VERSION, "exported_on": today.isoformat()}
    # One contact per line: diffable, and json's C encoder stays in use (indent= would disable it).
    lines = [
        _dumps(
            {
                "id": row["id"],
                **{f: row[f] for f in queries.CONTACT_FIELDS},
                "tags": tags.get(row["id"], []),
                "touches": touches.get(row["id"], []),
                "dismissals": dismissals.get(row["id"], {}),
            }
        )
        for row in contacts
    ]
    head = _dumps(header)[:-1]
    return head + ', "contacts": [\n' + ",\n".join(lines) + ("\n" if lines else "") + "]}\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, default=_iso, ensure_ascii=False)


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
