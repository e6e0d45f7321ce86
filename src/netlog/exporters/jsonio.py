"""Everything in the database as one JSON document (the format is in docs/formats.md)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterator

from netlog.storage import reads
from netlog.values.encoding import line

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

FORMAT = "netlog"
VERSION = 3  # 2: intro offers, and the address-book fields (n, nickname, address, kind); 3: emails, phones, urls
# A contact's fields as the export names them: its columns, less the id (written first) and the folded
# name (derived, rebuilt on import).
CONTACT_EXPORT = tuple(c for c in reads.columns("contact_rows") if c not in ("id", "name_key", "first_key"))
PAGE = 2000  # contacts read (with their touches) and written at a time
TOUCH_EXPORT = tuple(c for c in reads.columns("touch_rows") if c not in ("id", "contact_id"))


def export(reader: Reader, today: date) -> str:
    """The whole document as one string (for small networks and tests; the CLI writes `chunks`)."""
    return "".join(chunks(reader, today))


def chunks(reader: Reader, today: date) -> Iterator[str]:
    """Contacts with their tags, points of contact, touches and dismissals, the intro offers, and the format
    and its version: one JSON document, written a page of contacts at a time (reads.contact_pages), so memory
    holds one page of contacts and touches, never the network. All pages are read in one snapshot."""
    header = {"format": FORMAT, "version": VERSION, "exported_on": today.isoformat()}
    with reader.snapshot():
        points = reads.all_points(reader)
        dismissals: dict[int, dict[str, date]] = {}
        for row in reads.dismissal_rows(reader):
            dismissals.setdefault(row["contact_id"], {})[row["action"]] = row["done_on"]
        offers = [{k: v for k, v in row.items() if k != "id"} for row in reads.intro_rows(reader)]
        yield line(header)[:-1] + ', "contacts": [\n'
        separator = ""
        for page in reads.contact_pages(reader, PAGE):
            low, high = page[0]["id"], page[-1]["id"]
            tags = reads.tags_between(reader, low, high)
            touches: dict[int, list[dict[str, Any]]] = {}
            for row in reads.touch_rows_between(reader, low, high):
                touches.setdefault(row["contact_id"], []).append({f: row[f] for f in TOUCH_EXPORT})
            # One contact per line: diffable, and quick to write.
            text = ",\n".join(
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
                for row in page
            )
            yield separator + text
            separator = ",\n"
    offered = "".join(f"\n{line(offer)}," for offer in offers).rstrip(",")
    yield ("\n" if separator else "") + '],\n"intro_offers": [' + offered + ("\n" if offers else "") + "]}\n"


def _points(mine: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A contact's emails, phones and URLs, each {"value", "label"}, the preferred one first."""
    return {kind + "s": [{"value": e["value"], "label": e["label"]} for e in mine.get(kind, [])] for kind in ("email", "phone", "url")}
