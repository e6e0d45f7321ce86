"""What a sync compares of a contact and of its card: the fields a card holds, each in a form where writing
it differently is not a change (spacing at the ends, a phone's punctuation, an email's case, the order of
addresses and tags, an address book's system groups). Pure: plain records in, plain dicts out."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable, Mapping, Sequence

from netlog.values.points import KINDS, normal

# the contact fields a card holds besides its emails, phones and URLs (netlog.vcard.cards.OWNED)
FIELDS = ("name", "n", "nickname", "kind", "company", "title", "note", "birthday", "address")
STRUCTURED = frozenset({"n", "address"})
KEYS = FIELDS + KINDS + ("tags",)
# What the summary calls a field.
WORDS = {"n": "structured name", "kind": "kind", "email": "emails", "phone": "phones", "url": "profile URLs", "address": "address"}
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def card_view(
    fields: Mapping[str, Any], points: Mapping[str, Iterable[Any]], tags: Iterable[str], region: str | None
) -> dict[str, Any]:
    """A card as read by netlog.vcard.cards (fields, points as Point, tags without system groups), in the
    comparable form."""
    normals = {kind: [normal(kind, p.value, region) for p in points.get(kind, ())] for kind in KINDS}
    return _view(fields, normals, tags)


def contact_view(row: Mapping[str, Any], points: Mapping[str, Iterable[Mapping[str, Any]]], tags: Iterable[str]) -> dict[str, Any]:
    """A contact (its row, its points as the all_points read gives them, with their normal form, its tags).
    Run for every contact on every sync: kept to plain loops."""
    normals = {kind: [p["normal"] for p in points.get(kind, ())] for kind in KINDS}
    return _view(row, normals, tags)


def _view(fields: Mapping[str, Any], normals: Mapping[str, list[str]], tags: Iterable[str]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key in FIELDS:
        value = fields.get(key)
        if value is None:
            seen[key] = None
        elif value.__class__ is str and key not in STRUCTURED:
            seen[key] = value.strip() or None
            if key == "kind":
                seen[key] = "org" if value == "org" else None
        else:
            seen[key] = _comparable(key, value)
    for kind in KINDS:
        listed = normals.get(kind)
        seen[kind] = sorted({n for n in listed if n}) if listed else []
    seen["tags"] = sorted({t.strip() for t in tags if t and t.strip()})
    return seen


def _comparable(key: str, value: Any) -> Any:
    if key == "kind":
        return "org" if value == "org" else None
    if isinstance(value, str) and key in STRUCTURED and value.startswith("["):
        value = json.loads(value)  # the sqlite3 reader hands a JSON column over as its text
    if isinstance(value, (list, tuple)):
        parts = [str(p or "").strip() for p in value]
        return parts if any(parts) else None
    text = str(value).strip()
    return text or None


def signature(row: Sequence[Any], points: Sequence[Any], tags: Sequence[str]) -> str:
    """A digest of a contact as read (its sync_contacts row, its points, its tags): when it is what the last
    sync recorded, the contact did not change, and no view needs making. A JSON column read as a list (a
    Session) is taken as the JSON text sqlite3 hands over, so both readers give one digest."""
    plain = tuple(json.dumps(v) if isinstance(v, list) else v for v in row)
    return hashlib.sha1(repr((plain, tuple(points), tuple(tags))).encode("utf-8", "backslashreplace")).hexdigest()


def dump(seen: Mapping[str, Any]) -> str:
    """A view as the JSON text the database keeps (keys sorted: equal views, equal texts)."""
    return _ENCODE(seen)


def load(text: str | None) -> dict[str, Any]:
    """A kept view back (an empty one when there is none)."""
    return json.loads(text) if text else dict.fromkeys(KEYS)


def word(key: str) -> str:
    """A field as the summary names it."""
    return WORDS.get(key, key)


def shown(value: Any) -> str:
    """A field's value as the summary and the note history quote it."""
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value)
