"""The state of the network at a glance (`netlog stats`): counting and bucketing; the reads are in
storage/reads.py, the per-contact rows in profiles.py, the drawing in ui/render.py."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.network import profiles
from netlog.network.agenda import due_items
from netlog.storage import reads
from netlog.values import kinds

if TYPE_CHECKING:
    from netlog.storage.reader import Reader


def network_stats(reader: Reader, today: date) -> dict[str, Any]:
    """Contacts per strength, warmth, due, touches per month, favors and intros: plain data for render."""

    contacts = profiles.overview(reader, today)
    due = due_items(reader, today)
    with reader.snapshot():
        strengths = reads.strength_counts(reader)
        months = profiles.touches_per_month(reader, today)
        by_kind = reads.kind_counts(reader)
        introduced, met_through_intros = reads.introduced_count(reader)
        introducers = reads.introducer_counts(reader)
        made = sum(1 for offer in reads.intro_rows(reader) if offer["sent_on"] is not None)
    warmth = Counter(c["warmth"] for c in contacts)
    return {
        "today": today,
        "contacts": len(contacts),
        "by_strength": {name: strengths.get(level, 0) for level, name in enumerate(kinds.LEVELS, 1)},
        "by_warmth": {w: warmth.get(w, 0) for w in ("warm", "fading", "cold", "new")},
        "due_contacts": len({i.contact_id for i in due}),
        "due_by_action": {a: sum(1 for i in due if i.action == a) for a in kinds.ACTIONS},
        "touches_per_month": months,
        "touches_last_year": sum(m["touches"] for m in months),
        "favors": {
            "given": sum(n for (k, _), n in by_kind.items() if k == "favor-given"),
            "received": sum(n for (k, _), n in by_kind.items() if k == "favor-received"),
        },
        "intros": {
            # each person someone introduced me to, by an intro touch or `add --introduced-by`
            "received": introduced,
            "people_met_through_intros": met_through_intros,
            "top_introducers": [{"name": r["name"], "intros": r["n"]} for r in introducers[:3]],
            "made": made,  # introductions you sent (`netlog intro A B --sent`): issue 8's "intros made and received"
        },
    }
