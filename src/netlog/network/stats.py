"""The state of the network at a glance (`netlog stats`), and touches per month for `show`.
Counting and bucketing live here; the reads are in storage/reads.py and the drawing in render.py."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Mapping

from netlog.values import kinds
from netlog.storage import reads

MONTHS_SHOWN = 12


def months_back(today: date, count: int = MONTHS_SHOWN) -> list[date]:
    """The first day of the last `count` months, oldest first, ending with this month."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def per_month(by_day: Mapping[date, int], today: date) -> list[dict[str, Any]]:
    """Day counts -> [{"month": "2026-11", "touches": n}] for the last twelve months, oldest first."""
    counts: Counter[str] = Counter()
    for day, n in by_day.items():
        counts[f"{day.year:04d}-{day.month:02d}"] += n
    return [{"month": f"{m.year:04d}-{m.month:02d}", "touches": counts[f"{m.year:04d}-{m.month:02d}"]} for m in months_back(today)]


def touches_per_month(reader: Any, today: date, contact_id: int | None = None) -> list[dict[str, Any]]:
    """Touches per month over the last year, everyone's or one contact's."""
    return per_month(reads.touch_counts_by_day(reader, months_back(today)[0], contact_id), today)


def network_stats(reader: Any, today: date) -> dict[str, Any]:
    """Contacts per strength, warmth, due, touches per month, favors and intros: plain data for render."""
    from netlog.network import profiles
    from netlog.network.agenda import due_items

    contacts = profiles.overview(reader, today)
    due = due_items(reader, today)
    with reader.snapshot():
        strengths = reads.strength_counts(reader)
        months = touches_per_month(reader, today)
        by_kind = reads.kind_counts(reader)
        introduced, met_through_intros = reads.introduced_count(reader)
        introducers = reads.introducer_counts(reader)
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
        },
    }
