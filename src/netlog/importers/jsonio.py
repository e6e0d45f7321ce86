"""netlog's own JSON export (docs/formats.md), read back losslessly: ids are kept when they are free, and
touches (two alike on one day included), tags, snoozes, moments, dismissals, introductions and intro
offers come along.

A backup is checked against its schema (the pydantic models below: the format, its version, each record's
keys and types) and then every value as `edit` would check it (netlog.values.validation), before anything is
written. The first fault is one line naming the record, and nothing is imported: a restore that half
worked would be worse than one that said no."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal, Optional, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netlog.errors import BadInput
from netlog.values.points import Point
from netlog.importers.records import Batch, Incoming, read_each, read_text
from netlog.values import validation
from netlog.values.kinds import ACTIONS, KINDS, LEVELS

FORMAT = "netlog"
VERSIONS = (1, 2, 3)  # 2 adds intro_offers and the address-book fields (n, nickname, address, kind); 3 emails, phones, urls
MAX_ID = validation.MAX_ID


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")  # an unknown key is a mistake, or a newer format


class TouchRecord(_Record):
    kind: Literal[tuple(KINDS)]  # type: ignore[valid-type]  # built from KINDS at run time, for pydantic to check
    happened_on: date
    direction: Literal["in", "out", "both"]
    note: Optional[str] = None
    place: Optional[str] = None
    topics: Optional[str] = None
    other_id: Optional[int] = Field(default=None, ge=1, le=MAX_ID)
    logged_by: Optional[str] = None
    expects_reply: bool = True
    thank_wanted: Optional[bool] = None
    advice: Optional[str] = None
    source: Optional[str] = None  # for a touch imported from mail, a calendar or a chat: where, and its id there
    source_id: Optional[str] = None
    about: Optional[str] = None  # what it was about, shareable (netlog 0.x, issue 24; version 3 stays)
    group_event: bool = False  # a calendar event with many guests (issue 23; version 3 stays)
    thread: Optional[str] = None  # a mail's thread, its first Message-ID (issue 23; version 3 stays)
    asks: bool = False  # received and logged by hand, it asks something: a reply is owed (issue 23; version 3 stays)
    subject: Optional[str] = None  # a captured message's subject, apart from your note (version 3 stays)


class PointRecord(_Record):
    value: str
    label: Optional[str] = None


class ContactRecord(_Record):
    id: int = Field(ge=1, le=MAX_ID)
    name: str
    email: Optional[str] = None
    phone: Optional[str] = None
    company: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    uid: Optional[str] = None
    note: Optional[str] = None
    strength: int = Field(ge=1, le=len(LEVELS))
    strength_set: bool = True
    cadence_days: Optional[int] = Field(default=None, ge=0, le=validation.MAX_CADENCE_DAYS)  # 0: never
    introduced_by_id: Optional[int] = Field(default=None, ge=1, le=MAX_ID)
    introduced_on: Optional[date] = None
    birthday: Optional[str] = None
    snoozed_until: Optional[date] = None
    created_on: date
    moment: Optional[str] = None
    moment_on: Optional[date] = None
    n: Optional[list[str]] = Field(default=None, max_length=5)
    nickname: Optional[str] = None
    address: Optional[list[str]] = Field(default=None, max_length=7)
    kind: Optional[Literal["org", "individual"]] = None
    family: Optional[Literal["parent", "child", "sibling", "spouse", "kin"]] = None  # a card's RELATED (issue 23)
    emails: Optional[list[PointRecord]] = None  # version 3
    phones: Optional[list[PointRecord]] = None
    urls: Optional[list[PointRecord]] = None
    tags: list[str] = []
    touches: list[TouchRecord] = []
    dismissals: dict[Literal[tuple(ACTIONS)], date] = {}  # type: ignore[valid-type]  # as kind above


class IntroRecord(_Record):
    a_id: int = Field(ge=1, le=MAX_ID)
    b_id: int = Field(ge=1, le=MAX_ID)
    note: Optional[str] = None
    offered_on: date
    a_yes_on: Optional[date] = None
    b_yes_on: Optional[date] = None
    sent_on: Optional[date] = None
    declined_on: Optional[date] = None
    declined_by_id: Optional[int] = Field(default=None, ge=1, le=MAX_ID)
    why: Optional[str] = None  # why they should meet, shareable (issue 24; version 3 stays)


class Backup(_Record):
    format: Literal["netlog"]
    version: int
    exported_on: date
    contacts: list[ContactRecord]
    intro_offers: list[IntroRecord] = []


RECORD_KEYS = ("id", "tags", "touches", "dismissals", "introduced_by_id", "emails", "phones", "urls")


def read(paths: Sequence[str]) -> Batch:
    """Every contact and intro offer of every export."""
    batch = read_each(paths, _read_file)
    batch.whole = True
    return batch


def _read_file(path: str, batch: Batch) -> None:
    label = "stdin" if path == "-" else path
    document = _document(read_text(path), label)
    try:
        backup = Backup.model_validate(document)
    except ValidationError as error:
        raise BadInput(f"{label}: {_first_fault(error, document)}; nothing was imported.") from None
    ids = {contact.id for contact in backup.contacts}
    for number, contact in enumerate(backup.contacts):
        batch.records.append(_incoming(contact, label, ids, document["contacts"][number]))
    for number, offer in enumerate(backup.intro_offers, start=1):
        missing = [i for i in (offer.a_id, offer.b_id, offer.declined_by_id) if i is not None and i not in ids]
        if missing:
            raise BadInput(f"{label}: intro offer {number} names contact #{missing[0]}, who is not in the file; nothing was imported.")
        fields = offer.model_dump()
        fields["note"] = validation.value("note", fields.get("note"), f"{label}: intro offer {number}: ", "; nothing was imported")
        batch.intro_offers.append({**fields, "source": label})


def _document(text: str, label: str) -> Any:
    """The parsed JSON, the format and its version checked before the schema (so an old netlog reading a
    newer file says so rather than listing the keys it does not know)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"{label} is not JSON ({error.msg} at line {error.lineno}); is it a netlog export?") from None
    except RecursionError:
        raise BadInput(f"{label} nests deeper than any netlog export; nothing was imported.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInput(f'{label} is not a netlog JSON export (no "format": "netlog").')
    version = document.get("version")
    if version not in VERSIONS:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > max(VERSIONS)
        hint = " Upgrade netlog to read it." if newer else ""
        raise BadInput(f"{label} is a netlog export of version {version!r}; this netlog reads versions 1 to 3.{hint} Nothing was imported.")
    return document


def _first_fault(error: ValidationError, document: Any) -> str:
    """The first schema fault, naming the record: 'contact #3 (Ana Lima): strength: Input should be ...'."""
    fault = error.errors()[0]
    where = list(fault["loc"])
    what = fault["msg"]
    if fault["type"] == "extra_forbidden":
        what = "this key is not part of a netlog export"
    elif fault["type"] == "missing":
        what = "this key is missing"
    if len(where) >= 2 and where[0] in ("contacts", "intro_offers") and isinstance(where[1], int):
        records = document.get(where[0]) or []
        record = records[where[1]] if where[1] < len(records) else {}
        name = _record_name(where[0], where[1], record)
        rest = ".".join(str(part) for part in where[2:])
        return f"{name}: {rest}: {what}" if rest else f"{name}: {what}"
    return f"{'.'.join(str(p) for p in where) or 'the file'}: {what}"


def _record_name(kind: str, index: int, record: Any) -> str:
    if kind == "intro_offers":
        return f"intro offer {index + 1}"
    if isinstance(record, dict) and isinstance(record.get("id"), int) and isinstance(record.get("name"), str):
        name = record["name"] if len(record["name"]) <= 40 else record["name"][:40] + "..."
        return f"contact #{record['id']} ({name})"
    return f"contact {index + 1}"


def _incoming(contact: ContactRecord, label: str, ids: set[int], raw: dict[str, Any]) -> Incoming:
    name = _record_name("contacts", 0, raw)
    refused = "; nothing was imported"
    fields = validation.check(
        validation.contact_fields({k: v for k, v in contact.model_dump().items() if k not in RECORD_KEYS}), f"{label}: {name}: ", refused
    )
    touches = []
    for touch in contact.touches:
        if touch.other_id is not None and touch.other_id not in ids:
            raise BadInput(f"{label}: {name}: a touch names contact #{touch.other_id}, who is not in the file; nothing was imported.")
        touches.append(validation.check(validation.touch_fields(touch.model_dump()), f"{label}: {name}: a touch: ", refused))
    if contact.introduced_by_id is not None and contact.introduced_by_id not in ids:
        raise BadInput(f"{label}: {name}: introduced by contact #{contact.introduced_by_id}, who is not in the file; nothing was imported.")
    return Incoming(
        fields=fields,
        tags=[t for t in (validation.clean_text(t) for t in contact.tags) if t],
        touches=touches,
        dismissals=dict(contact.dismissals),
        source_id=contact.id,
        introduced_by=contact.introduced_by_id,
        source=label,
        points={kind: [Point(p.value, p.label) for p in listed] for kind in ("email", "phone", "url")
                if (listed := getattr(contact, kind + "s")) is not None},  # fmt: skip
    )
