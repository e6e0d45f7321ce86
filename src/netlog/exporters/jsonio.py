"""Everything in the database as one JSON document (the format is in docs/formats.md)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.storage import reads
from netlog.values.encoding import line

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

FORMAT = "netlog"
VERSION = 3  # 2: intro offers, and the address-book fields (n, nickname, address, kind); 3: emails, phones, urls
# A contact's fields as the export names them: its columns, less the id (written first) and the folded
# name (derived, rebuilt on import).
CONTACT_EXPORT = tuple(c for c in reads.columns("contact_rows") if c not in ("id", "name_key", "first_key"))
TOUCH_EXPORT = tuple(c for c in reads.columns("touch_rows") if c not in ("id", "contact_id"))


def export(reader: Reader, today: date) -> str:
    """Contacts with their tags, touches and dismissals, the intro offers, and the format and its version."""
    with reader.snapshot():
        contacts = reads.contact_rows(reader)
        tags = reads.all_tags(reader)
        points = reads.all_points(reader)
        touches: dict[int, list[dict[str, Any]]] = {}
        for row in reads.touch_rows(reader):
            touches.setdefault(row["contact_id"], []).append({f: row[f] for f in TOUCH_EXPORT})
        dismissals: dict[int, dict[str, date]] = {}
        for row in reads.dismissal_rows(reader):
            dismissals.setdefault(row["contact_id"], {})[row["action"]] = row["done_on"]
        offers = [{k: v for k, v in row.items() if k != "id"} for row in reads.intro_rows(reader)]
    header = {"format": FORMAT, "version": VERSION, "exported_on": today.isoformat()}
    # One contact per line: diffable, and quick to write.
    lines = [
        line(
            {
                "id": row["id"],
                **{f: row[f] for f in CONTACT_EXPORT},
                **_points(points.get(row["id"], {})),
                "tags": tags.get(row["id"], []),
                "touches": touches.get(row["id"], []),
                "dismissals": dismissals.get(row["id"], {}),
            }
        )
        for row in contacts
    ]
    head = line(header)[:-1]
    offered = "".join(f"\n{line(offer)}," for offer in offers).rstrip(",")
    return (
        head + ', "contacts": [\n' + ",\n".join(lines) + ("\n" if lines else "") + '],\n"intro_offers": [' + offered
        + ("\n" if offers else "") + "]}\n"
    )



def _points(mine: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A contact's emails, phones and URLs, each {"value", "label"}, the preferred one first."""
    return {kind + "s": [{"value": e["value"], "label": e["label"]} for e in mine.get(kind, [])] for kind in ("email", "phone", "url")}
