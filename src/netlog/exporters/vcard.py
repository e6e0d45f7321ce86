"""Contacts as vCards (3.0 by default, as khard and most address books write them; 4.0 on request): one
file of cards, or a vdir folder of one card a file whose existing cards are patched, not replaced.

`contact_records` is the only read of the database; everything after it works on plain records
(netlog.vcard.cards builds and patches the cards, netlog.vcard.vdir owns the folder)."""

from __future__ import annotations

import uuid
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from netlog.errors import BadInput
from netlog.storage import reads
from netlog.values.points import Point
from netlog.vcard import cards, vdir

if TYPE_CHECKING:
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

VERSIONS = cards.VERSIONS
# The record keys a card needs; the optional ones (n, nickname, address, kind) are read when the
# database has those columns, and a card's NICKNAME, ADR and KIND are left alone until it does.
RECORD_KEYS = ("id", "uid", "name", "email", "phone", "company", "title", "url", "note", "birthday")
OPTIONAL_KEYS = ("n", "nickname", "address", "kind")


def contact_records(reader: Reader) -> list[dict[str, Any]]:
    """Every contact as a plain record for netlog.vcard.cards, by id."""
    with reader.snapshot():
        rows = reads.contact_rows(reader)
        tags = reads.all_tags(reader)
        points = reads.all_points(reader)
    return [record_of(row, tags.get(row["id"], []), points.get(row["id"], {})) for row in rows]


def record_of(row: Mapping[str, Any], tags: list[str], points: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """One contact as a plain record for netlog.vcard.cards: its row, its tags, its points as reads give them."""
    record = {key: row[key] for key in RECORD_KEYS}
    record.update({key: structured(row[key]) for key in OPTIONAL_KEYS if key in row})
    record["tags"] = tags
    record["points"] = {kind: [Point(e["value"], e["label"]) for e in points.get(kind, [])] for kind in ("email", "phone", "url")}
    return record


def structured(value: Any) -> Any:
    """n and address are stored as JSON lists; a driver may hand them over as the JSON text."""
    if isinstance(value, str) and value.startswith("["):
        import json

        return tuple(json.loads(value))
    return value


def export(reader: Reader, version: str = "3.0") -> tuple[str, dict[int, str]]:
    """One card after another: FN, N, EMAIL, TEL, ORG, TITLE, URL, NOTE, BDAY, CATEGORIES, UID; and the UIDs
    given to contacts that had none, which `keep_uids` stores together with writing the cards."""
    _check(version)
    contacts = contact_records(reader)
    given = give_uids(contacts)
    return "".join(cards.build_card(record, version) for record in contacts), given


def export_vdir(store: Store, folder: str, version: str = "3.0") -> vdir.Written:
    """Every contact into a vdir: new cards in `version`; existing ones patched in their own version. The UIDs
    given and the cards written are one unit: the cards are written as the last step of the transaction that
    stores the UIDs, so a write that fails stores nothing."""
    _check(version)
    path = Path(folder)
    found = vdir.open_folder(path)
    contacts = contact_records(store.reader)
    given = give_uids(contacts, found)
    build = partial(cards.build_card, version=version)
    written, pending = vdir.plan_cards(path, contacts, cards.card_uid, build, cards.patch_card, found)
    keep_uids(store, given, lambda: vdir.write_files(pending))
    return written


def keep_uids(store: Store, given: Mapping[int, str], write: Callable[[], None]) -> None:
    """Store the UIDs `given` and `write` the cards that carry them as one unit: `write` is the last step of
    the transaction, so when it fails (a folder that is not there, a full disk) no UID is stored and the
    command has written nothing to the database; when nothing was given, only `write`."""
    if not given:
        write()
        return
    from netlog.storage import records

    def work(session: Any) -> None:
        records.set_uids(session, given)
        write()

    store.write(work)


def give_uids(contacts: list[dict[str, Any]], folder: vdir.Folder | None = None) -> dict[int, str]:
    """Every contact without a UID gets one (returned by contact id, for `keep_uids` to store with the cards,
    so its card is found again by the next export and by a sync): a random UUID (version 4), never one made
    from the id, which another database would make too (issue 22). A card an earlier netlog wrote into
    `folder` with the UID netlog-<id>, for this same person (same name or email), keeps that UID: it is
    patched, not written a second time. A card in `folder` without any UID that describes the contact
    (khard's korean-c.vcf, imported from there) is that contact's card: its file gets the new UID, and no
    second card is written for the same person."""
    given: dict[int, str] = {}
    for contact in contacts:
        if contact["uid"]:
            continue
        old = f"netlog-{contact['id']}"
        file = folder.by_uid.get(old) if folder is not None else None
        kept = folder is not None and file is not None and cards.describes(folder.texts[file], contact)
        contact["uid"] = given[contact["id"]] = old if kept else str(uuid.uuid4())
        if folder is not None and not kept:
            _adopt(folder, contact)
    return given


def _adopt(folder: vdir.Folder, contact: dict[str, Any]) -> None:
    """The first card without a UID that describes `contact` becomes its card: the UID goes in before its
    END:VCARD, in the file's own line ending, and the file is written even when nothing else changes."""
    file = next((f for f, text in folder.without_uid.items() if cards.describes(text, contact)), None)
    if file is None:
        return
    folder.texts[file] = cards.with_uid(folder.without_uid.pop(file), contact["uid"])
    folder.by_uid[contact["uid"]] = file
    folder.adopted.add(file)


def _check(version: str) -> None:
    if version not in VERSIONS:
        raise BadInput(f'vCard version "{version}" is not one of {", ".join(VERSIONS)}.')
