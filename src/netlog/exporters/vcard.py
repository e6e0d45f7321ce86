"""Contacts as vCards (3.0 by default, as khard and most address books write them; 4.0 on request)."""

from __future__ import annotations

from datetime import date
from typing import Any

from netlog.errors import BadInput
from netlog.storage import reads

VERSIONS = ("3.0", "4.0")


def export(reader: Any, today: date, version: str = "3.0") -> str:
    """One card per contact: FN, N, EMAIL, TEL, ORG, TITLE, URL, NOTE, BDAY, CATEGORIES, UID."""
    import vobject

    if version not in VERSIONS:
        raise BadInput(f'vCard version "{version}" is not one of {", ".join(VERSIONS)}.')
    with reader.snapshot():
        contacts = reads.contact_rows(reader)
        tags = reads.all_tags(reader)
    cards = []
    for row in contacts:
        card = vobject.vCard()
        card.add("version").value = version
        card.add("uid").value = row["uid"] or f"netlog-{row['id']}"
        card.add("fn").value = row["name"]
        card.add("n").value = _n(row["name"])
        _add(card, "email", row["email"], {"TYPE": ["INTERNET"]} if version == "3.0" else {})
        _add(card, "tel", row["phone"])
        if row["company"]:
            card.add("org").value = [row["company"]]
        _add(card, "title", row["title"])
        _add(card, "url", row["url"])
        _add(card, "note", row["note"])
        _add(card, "bday", row["birthday"])
        if tags.get(row["id"]):
            card.add("categories").value = tags[row["id"]]
        cards.append(card.serialize())
    return "".join(cards)


def _add(card: Any, key: str, value: str | None, params: dict | None = None) -> None:
    if value:
        line = card.add(key)
        line.value = value
        for name, values in (params or {}).items():
            line.params[name] = values


def _n(name: str) -> Any:
    import vobject

    parts = name.split()
    if len(parts) < 2:
        return vobject.vcard.Name(given=name)
    return vobject.vcard.Name(family=parts[-1], given=" ".join(parts[:-1]))
