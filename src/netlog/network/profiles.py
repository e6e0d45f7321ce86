"""What `list` and `show` display: contacts at a glance, and one contact's whole story."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping

from netlog.network.agenda import due_for
from netlog.people.names import contact_row
from netlog.rules import due as rules
from netlog.storage import reads
from netlog.values import kinds, validation

if TYPE_CHECKING:
    from netlog.network.finding import Search
    from netlog.storage.reader import Reader

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


def touches_per_month(reader: Reader, today: date, contact_id: int | None = None) -> list[dict[str, Any]]:
    """Touches per month over the last year, everyone's or one contact's."""
    return per_month(reads.touch_counts_by_day(reader, months_back(today)[0], contact_id), today)


def overview(reader: Reader, today: date, tag: str | None = None, narrowed: Search | None = None) -> list[dict[str, Any]]:
    """Every contact (or those with a tag, and those a `find` search narrowed to: --at, --met-at, --strength),
    by folded name: strength, last touch, warmth, when keeping in touch is next due (the rules' own date,
    dismissals included), and whether another contact (listed or not) has the same name."""
    tag = validation.clean_text(tag) if tag else tag  # as tags are stored
    with reader.snapshot():
        rows = reads.rows(reader, "overview_tagged" if tag else "overview", {"tag": tag} if tag else None)
        if narrowed is not None:
            from netlog.network.finding import matching_ids

            kept = matching_ids(reader, narrowed)
            rows = [r for r in rows if r[0] in kept]
        tags = reads.all_tags(reader)
        shared = reads.ids_sharing_a_name(reader) if rows else set()
        dismissed = {r["contact_id"]: r["done_on"] for r in reads.dismissal_rows(reader) if r["action"] == "keep-in-touch"}
    # 10,000 rows: each cell is taken by its column's position, found once by name.
    at = {name: n for n, name in enumerate(reads.columns("overview"))}
    i_id, i_name, i_strength, i_cadence, i_created, i_snoozed = (at[c] for c in
        ("id", "name", "strength", "cadence_days", "created_on", "snoozed_until"))  # fmt: skip
    i_last, i_kind, i_count, i_exchange, i_favors, i_favor_on = (at[c] for c in
        ("last_touch_on", "last_touch_kind", "touch_count", "last_exchange_on", "unreturned_favors", "last_favor_received_on"))  # fmt: skip
    i_company, i_title, i_email = at["company"], at["title"], at["email"]
    levels, cadences, warmth, next_due = kinds.LEVELS, rules.CADENCE_DAYS, rules.warmth, rules.next_keep_in_touch
    found = []
    for r in rows:
        cid, strength, last = r[i_id], r[i_strength], r[i_last]
        cadence = cadences[strength] if r[i_cadence] is None else r[i_cadence]  # 0: never (`--every never`)
        found.append(
            {
                "id": cid,
                "name": r[i_name],
                "strength": levels[strength - 1],
                "strength_level": strength,
                "last_touch": last,
                "last_touch_kind": r[i_kind],
                "touches": r[i_count] or 0,
                "company": r[i_company],
                "title": r[i_title],
                "email": r[i_email],
                "tags": tags.get(cid, []),
                "warmth": warmth(strength, last, today),
                "cadence_days": cadence,
                "next_due": next_due(cadence, r[i_exchange] or last or r[i_created], dismissed.get(cid), r[i_favors] or 0, r[i_favor_on]),
                "snoozed_until": r[i_snoozed],
                "name_shared": cid in shared,  # another contact has this name: shown with its number (not in --json)
            }
        )
    return found


def profile(reader: Reader, today: date, contact_id: int) -> dict[str, Any]:
    """One contact: its fields, tags, touches newest first, give/take balance, intros and what is due."""
    with reader.snapshot():
        due, ties, offers = due_for(reader, today, contact_id)
        row = contact_row(reader, contact_id)
        points = reads.points_of(reader, contact_id)
        touches = reads.touches_of(reader, contact_id)
        tags = reads.tags_of(reader, contact_id)
        notes = reads.contact_notes(reader, contact_id)
        team = reads.team_of(reader, contact_id)
        introduced = reads.introduced_by(reader, contact_id)
        mentions = [m for m in reads.mentions_of(reader, contact_id) if m["kind"] == "intro"]
        named = {cid: (reads.contact(reader, cid) or {}).get("name") for cid in {m["contact_id"] for m in mentions}}
        months = touches_per_month(reader, today, contact_id)
    me = next(t for t in ties if t.id == contact_id)
    by_id = {t.id: t for t in ties}
    introducer = by_id.get(row["introduced_by_id"])
    return {
        **{k: row[k] for k in ("id", "name", "email", "phone", "company", "title", "url", "note", "birthday", "moment", "moment_on", "family")},
        "emails": points["email"],
        "phones": points["phone"],
        "urls": points["url"],
        "strength": kinds.level_name(row["strength"]),
        "strength_level": row["strength"],
        "cadence_days": rules.cadence_of(me),
        "created_on": row["created_on"],
        "snoozed_until": row["snoozed_until"],
        "tags": tags,
        "note_history": [{"on": n["noted_on"], "text": n["text"]} for n in notes],
        "warmth": rules.warmth(me.strength, me.history.last_touch_on, today),
        "last_touch": me.history.last_touch_on,
        "introduced_by": introducer.name if introducer else None,
        "introduced_on": row["introduced_on"],
        # Every intro to them, the credited one first: someone already met and introduced again is named here.
        "introductions": [
            {"by": named.get(m["contact_id"]), "on": m["happened_on"]}
            for m in sorted(mentions, key=lambda m: (m["contact_id"] != row["introduced_by_id"], m["happened_on"]))
        ],
        "introduced": [{"name": r["name"], "on": r["introduced_on"]} for r in introduced],
        "intros": [_intro_summary(o, contact_id, by_id, today) for o in offers],
        "balance": {
            "favors_given": me.history.favors_given,
            "favors_received": me.history.favors_received,
            "unreturned_favors": me.history.unreturned_favors,
        },
        "touches_per_month": months,
        "team": [{"user": t["logged_by"], "last_touch": t["last_touch"], "touches": t["touches"]} for t in team],
        "due": due,
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
                "group": bool(t["group_event"]),
                "thread": t["thread"],
            }
            for t in touches
        ],
    }


def _intro_summary(offer: rules.IntroOffer, contact_id: int, by_id: dict[int, rules.Tie], today: date) -> dict[str, Any]:
    """One intro I offered, from the point of view of one of its two people."""
    other_id = offer.b_id if offer.a_id == contact_id else offer.a_id
    names = {cid: tie.name for cid, tie in by_id.items()}
    return {
        "with": names.get(other_id),
        "offered_on": offer.offered_on,
        "note": offer.note,
        "status": rules.intro_status(offer, names, today),
    }


def note_of(reader: Reader, contact_id: int) -> str:
    """A contact's note, "" when there is none (what `edit --edit-note` opens)."""
    row = reads.contact(reader, contact_id)
    return (row["note"] or "") if row else ""
