"""What `list` and `show` display: contacts at a glance, and one contact's whole story."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from netlog import kinds, rules
from netlog.network import tie_of
from netlog.storage import Database, queries


def overview(db: Database, today: date, tag: str | None = None) -> list[dict[str, Any]]:
    """Every contact (or those with a tag): strength, last touch, warmth, when keeping in touch is due."""
    with db.snapshot():
        rows = queries.overview_rows(db, tag)
        tags = queries.all_tags(db)
    found = []
    for row in rows:
        last = row["last_touch_on"]
        cadence = row["cadence_days"] or rules.CADENCE_DAYS[row["strength"]]
        since = last or row["created_on"]
        found.append(
            {
                "id": row["id"],
                "name": row["name"],
                "strength": kinds.level_name(row["strength"]),
                "strength_level": row["strength"],
                "last_touch": last,
                "last_touch_kind": row["last_touch_kind"],
                "touches": row["touch_count"] or 0,
                "company": row["company"],
                "title": row["title"],
                "email": row["email"],
                "tags": tags.get(row["id"], []),
                "warmth": rules.warmth(row["strength"], last, today),
                "cadence_days": cadence,
                "next_due": since + timedelta(days=cadence) if since else None,
                "snoozed_until": row["snoozed_until"],
            }
        )
    return found


def profile(db: Database, today: date, contact_id: int) -> dict[str, Any]:
    """One contact: its fields, tags, touches newest first, give/take balance, intros and what is due."""
    with db.snapshot():
        row = queries.contact(db, contact_id)
        touches = queries.touches_of(db, contact_id)
        tags = queries.tags_of(db, contact_id)
        team = queries.team_of(db, contact_id)
        introduced = queries.introduced_by(db, contact_id)
        related = {contact_id, *(r["id"] for r in introduced)}
        if row["introduced_by_id"]:
            related.add(row["introduced_by_id"])
        ties = [tie_of(db, cid) for cid in sorted(related)]
    me = next(t for t in ties if t.id == contact_id)
    by_id = {t.id: t for t in ties}
    introducer = by_id.get(row["introduced_by_id"])
    return {
        **{k: row[k] for k in ("id", "name", "email", "phone", "company", "title", "url", "note", "birthday")},
        "strength": kinds.level_name(row["strength"]),
        "strength_level": row["strength"],
        "cadence_days": rules.cadence_of(me),
        "created_on": row["created_on"],
        "snoozed_until": row["snoozed_until"],
        "tags": tags,
        "warmth": rules.warmth(me.strength, me.history.last_touch_on, today),
        "last_touch": me.history.last_touch_on,
        "introduced_by": introducer.name if introducer else None,
        "introduced_on": row["introduced_on"],
        "introduced": [{"name": r["name"], "on": r["introduced_on"]} for r in introduced],
        "balance": {"favors_given": me.history.favors_given, "favors_received": me.history.favors_received},
        "team": [{"user": t["logged_by"], "last_touch": t["last_touch"], "touches": t["touches"]} for t in team],
        "due": [item for item in rules.rank_due(today, ties) if item.contact_id == contact_id],
        "touches": [
            {
                "date": t["happened_on"],
                "kind": t["kind"],
                "direction": t["direction"],
                "note": t["note"],
                "place": t["place"],
                "topics": t["topics"],
                "other": t["other_name"],
                "logged_by": t["logged_by"],
            }
            for t in touches
        ],
    }
