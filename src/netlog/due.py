"""What is due: read the contacts that may have something due and rank them with the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from netlog import rules
from netlog.storage import reads
from netlog.ties import intro_from_row, tie_of, ties_from_rows


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



def due_for(reader: Any, today: date, contact_id: int) -> tuple[list[rules.DueItem], list[rules.Tie], list[rules.IntroOffer]]:
    """What is due for one contact on `today`, with the ties and intro offers it was ranked from: the
    contact and everyone a rule looks up for it (the people it introduced, its introducer, the other side
    of each intro offer)."""
    with reader.snapshot():
        row = reads.contact(reader, contact_id)
        related = {contact_id, *(r["id"] for r in reads.introduced_by(reader, contact_id))}
        if row is not None and row["introduced_by_id"]:
            related.add(row["introduced_by_id"])
        offers = [intro_from_row(r) for r in reads.intro_rows(reader, contact_id)]
        related.update(o.a_id for o in offers)
        related.update(o.b_id for o in offers)
        ties = [tie_of(reader, cid) for cid in sorted(related)]
    items = [item for item in rules.rank_due(today, ties, offers) if item.contact_id == contact_id]
    return items, ties, offers
