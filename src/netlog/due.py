"""What is due: read the contacts that may have something due and rank them with the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from netlog import rules
from netlog.storage import reads
from netlog.ties import intro_from_row, ties_from_rows


def due_items(reader: Any, today: date, mine: str | None = None) -> list[rules.DueItem]:
    """Everything due on `today`, ranked; with `mine` (a user name), only what that user owes.

    Only the contacts inside rules.due_window(today) are read, so the cost follows what is due rather
    than the size of the network. What a user owes: a thank-you for a touch that user logged, and every
    other action (keep in touch, nudge, meet, report back) for a contact that user has logged at least one
    touch with, or was introduced to in an intro that user logged.
    """
    with reader.snapshot():
        rows = reads.due_candidates(reader, rules.due_window(today)._asdict())
        dismissals = reads.dismissal_rows(reader)
        intros = reads.intro_rows(reader)
        if mine is not None:
            my_contacts, my_touches = reads.touched_by(reader, mine)
    ties = ties_from_rows(rows, dismissals)
    items = rules.rank_due(today, ties, [intro_from_row(r) for r in intros])
    if mine is None:
        return items
    by_id = {tie.id: tie for tie in ties}

    def owed(item: rules.DueItem) -> bool:
        if item.action == "thank":
            return by_id[item.contact_id].history.thank_touch_id in my_touches
        return item.contact_id in my_contacts

    return [item for item in items if owed(item)]

