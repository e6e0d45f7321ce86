"""netlog's own JSON export (docs/formats.md), read back losslessly: ids are kept when they are free,
and touches, tags, snoozes, dismissals and introductions come along."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Sequence

from netlog.errors import BadInput
from netlog.importing import Batch, Incoming, read_each, read_text

FORMAT = "netlog"
VERSIONS = (1,)
DATE_FIELDS = ("introduced_on", "snoozed_until", "created_on")


def read(paths: Sequence[str]) -> Batch:
    """Every contact of every export."""
    return read_each(paths, _read_file)


def _read_file(path: str, batch: Batch) -> None:
    label = "stdin" if path == "-" else path
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise BadInput(f"{label} is not JSON ({error.msg} at line {error.lineno}); is it a netlog export?") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInput(f'{label} is not a netlog JSON export (no "format": "netlog").')
    if document.get("version") not in VERSIONS:
        raise BadInput(f"{label} is a netlog export of version {document.get('version')}; this netlog reads {VERSIONS}.")
    try:
        for contact in document.get("contacts", []):
            batch.records.append(_incoming(contact, label))
    except (KeyError, TypeError, ValueError) as error:
        raise BadInput(f"{label}: a contact cannot be read ({type(error).__name__}: {error}).") from None


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _incoming(contact: dict[str, Any], label: str) -> Incoming:
    fields = {k: v for k, v in contact.items() if k not in ("id", "tags", "touches", "dismissals", "introduced_by_id")}
    for key in DATE_FIELDS:
        fields[key] = _day(fields.get(key))
    touches = [
        {**touch, "happened_on": date.fromisoformat(touch["happened_on"])} for touch in contact.get("touches", [])
    ]
    return Incoming(
        fields=fields,
        tags=list(contact.get("tags", [])),
        touches=touches,
        dismissals={action: date.fromisoformat(on) for action, on in contact.get("dismissals", {}).items()},
        source_id=int(contact["id"]),
        introduced_by=contact.get("introduced_by_id"),
        source=label,
    )
