"""The daily allowance of cadence items. Pure: candidates, today and past picks in, today's pick out.

Everything that perishes is listed the day it is due; what has no deadline (keep in touch, reconnect, a
second touch, a give-back) is drawn from one small allowance a day (`due --reconnect N`,
`$NETLOG_RECONNECT`, default 3), so the list stays one a person can finish. A "practice, take your time":
the others wait for another morning, and `due --all` shows them, held back.

The pick goes tier by tier (rules.due says what a candidate's tier is: a dated cadence item, then the
stronger tie, then the company none of your active ties work at), and inside a tier rotates by contact
id, starting further on each day, so one day always gives the same pick. Someone picked in the last
PICK_REST_DAYS is passed over while anyone else is left (past picks are handed in: storage keeps them).
"""

from __future__ import annotations

from datetime import date
from typing import Mapping, NamedTuple, Sequence

# The default daily allowance of cadence items (keep in touch, reconnect, second touch, give back).
ALLOWANCE_PER_DAY = 3
# Nobody is picked again within this many days of their last pick while others are left to pick.
PICK_REST_DAYS = 30


class Candidate(NamedTuple):
    """One person who could take a place in today's allowance, and the tier they are picked in (lower first)."""

    contact_id: int
    tier: tuple[int, ...]


def resting(contact_id: int, today: date, picked_on: Mapping[int, date]) -> bool:
    """Picked on an earlier day within PICK_REST_DAYS (today's own pick is not a rest)."""
    last = picked_on.get(contact_id)
    return last is not None and last < today and (today - last).days < PICK_REST_DAYS


def pick(
    candidates: Sequence[Candidate],
    today: date,
    per_day: int,
    picked_on: Mapping[int, date] | None = None,
    fresh: Mapping[tuple[int, ...], Sequence[int]] | None = None,
) -> list[int]:
    """The ids of today's `per_day` picks, best first: those already picked today (a pick made this morning
    stays: acting on one never replaces the others), then tier by tier, rotating inside each tier by id,
    fresh people before anyone picked in the last PICK_REST_DAYS.

    `fresh`: more candidates, by tier, each tier's ids in order, none of them in `picked_on` nor in `candidates`
    (the long tail of a large network: tens of thousands, grouped once instead of one Candidate each)."""
    fresh = fresh or {}
    if per_day <= 0 or not (candidates or any(fresh.values())):
        return []
    picked_on = picked_on or {}
    # Today's picks already made keep their places, those acted on included (no one else takes them).
    made_today = {contact_id for contact_id, on in picked_on.items() if on == today}
    chosen = [c.contact_id for c in sorted(candidates, key=lambda c: (c.tier, c.contact_id)) if c.contact_id in made_today]
    if len(made_today) > per_day:
        # More were picked today than this allowance holds (one look with `due --reconnect 5`): the ones this
        # allowance draws first (the morning's own picks, as nothing else changed), then the rest by rank.
        earlier = {contact_id: on for contact_id, on in picked_on.items() if on != today}
        first = [contact_id for contact_id in pick(candidates, today, per_day, earlier, fresh) if contact_id in made_today]
        chosen = first + [contact_id for contact_id in chosen if contact_id not in first]
    per_day -= len(made_today) - len(chosen)
    chosen = chosen[: max(per_day, 0)]
    if len(chosen) >= per_day:
        return chosen
    taken = set(chosen)
    offset = today.toordinal() * per_day
    for rested in (False, True):  # fresh people first; those picked lately only when nobody else is left
        tiers: dict[tuple[int, ...], list[int]] = {}
        for c in sorted(candidates, key=lambda c: c.contact_id):
            if c.contact_id not in taken and resting(c.contact_id, today, picked_on) == rested:
                tiers.setdefault(c.tier, []).append(c.contact_id)
        more = {} if rested else fresh  # (never resting: in no one's picked_on)
        for tier in sorted(tiers.keys() | {t for t, ids in more.items() if ids}):
            members = tiers.get(tier, [])
            if more.get(tier):  # two runs in id order: one sort merges them in linear time
                members = sorted([*members, *more[tier]])
            start = offset % len(members)
            for contact_id in (members[start:] + members[:start])[: per_day - len(chosen)]:
                chosen.append(contact_id)
                taken.add(contact_id)
            if len(chosen) >= per_day:
                return chosen
    return chosen
