"""Thank-you drafts built from what actually happened: the database read for `netlog thank`. The drafting
itself (templates, context, wording) is pure and lives in netlog.drafting; a file of the same name in
$NETLOG_TEMPLATES, or in the user config dir (~/.config/netlog/templates/), wins over the one shipped in
the package."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from netlog import drafting
from netlog.errors import BadInput
from netlog.network import tie_of
from netlog.storage import Database, queries

THANK_TEMPLATE = drafting.DRAFTS["thank"]
template_dirs = drafting.template_dirs  # where templates are looked for (kept for callers of drafts.*)


def render_template(name: str, context: dict[str, Any]) -> str:
    """Fill one template; a broken user template is a clear error, not a traceback."""
    return drafting.render(name, context)


def thank_you(db: Database, today: date, contact_id: int) -> str:
    """A thank-you note for the touch a thank-you is pending for (else the latest that would want one)."""
    tie = tie_of(db, contact_id)
    rows = queries.touches_of(db, contact_id)
    if not rows:
        raise BadInput(f"Nothing to thank {tie.name} for yet: no touches logged.")
    contact = queries.contact(db, contact_id)
    people = {}
    introducer_id = contact["introduced_by_id"]
    for other_id in {introducer_id, *(r["other_id"] for r in rows)} - {None}:
        other = queries.contact(db, other_id)
        if other is not None:
            people[other_id] = _contact(other)
    facts = drafting.Facts(
        today=today,
        contact=_contact(contact),
        touches=[drafting.LoggedTouch(**{f: r.get(f) for f in drafting.LoggedTouch._fields}) for r in rows],
        people=people,
        introduced_by=introducer_id,
        sender=os.environ.get("NETLOG_USER", ""),
        strength=tie.strength,
        thank_touch_id=tie.history.thank_touch_id,
    )
    return drafting.draft(facts, "thank").text


def _contact(row: dict) -> drafting.Contact:
    return drafting.Contact(**{f: row.get(f) for f in drafting.Contact._fields})
