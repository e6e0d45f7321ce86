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

from bisect import bisect_left
from datetime import date
from typing import Callable, Iterator, Mapping, NamedTuple, Sequence, overload

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
    (the long tail of a large network: tens of thousands, grouped once instead of one Candidate each, or Counted
    in storage and read only where the rotation takes them)."""
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
        for tier in sorted(tiers.keys() | {t for t, ids in more.items() if len(ids)}):
            members, extra = tiers.get(tier, []), more.get(tier, ())
            start = offset % (len(members) + len(extra))
            for contact_id in _rotated(members, extra, start, per_day - len(chosen)):
                chosen.append(contact_id)
                taken.add(contact_id)
            if len(chosen) >= per_day:
                return chosen
    return chosen


def _rotated(members: list[int], extra: Sequence[int], start: int, want: int) -> list[int]:
    """The first `want` of the merged ids of `members` and `extra` (each in id order, no id in both), rotated to
    begin at the `start`th: only the places taken are looked up in `extra`."""
    size = len(members) + len(extra)
    first = merged_slice(members, extra, start, min(size, start + want))
    return first + merged_slice(members, extra, 0, min(start, want - len(first)))


def merged_slice(few: Sequence[int], many: Sequence[int], lo: int, hi: int) -> list[int]:
    """sorted([*few, *many])[lo:hi] for two runs of ids in order with no id in both, `few` short: only
    many[lo - len(few):hi] is read (`many` may be Counted: a slice of it is one read of storage).

    The place of many's jth id in the merge is j plus the ids of `few` before it; one of few's is its own place
    in `few` plus the ids of `many` before it, known from the slice read (a `few` id beyond the slice on a side
    where `many` goes on is outside lo:hi, as the place of the slice's end id bounds it)."""
    if lo >= hi:
        return []
    if not few:
        return list(many[lo:hi])
    if not len(many):
        return list(few[lo:hi])
    start = max(0, lo - len(few))
    end = min(len(many), hi)
    read = list(many[start:end])
    placed = [(start + k + bisect_left(few, contact_id), contact_id) for k, contact_id in enumerate(read)]
    for m, contact_id in enumerate(few):
        if not read or contact_id < read[0]:
            if start > 0:
                continue  # before the slice: its place is below lo
            at = m
        elif contact_id > read[-1]:
            if end < len(many):
                continue  # after the slice: its place is hi or beyond
            at = m + len(many)
        else:
            at = m + start + bisect_left(read, contact_id)
        placed.append((at, contact_id))
    return [contact_id for at, contact_id in sorted(placed) if lo <= at < hi]


class Counted(Sequence[int]):
    """One tier of candidates counted in storage, not read (the pool of a large network, issue 25): its ids in
    order are the `count` that `fetch(offset, limit)` reads there, less those `aside` (ids counted among them that
    are no fresh candidate: read one by one as Candidates, or left out). A slice is one read of about its length."""

    def __init__(self, count: int, aside: Sequence[int], fetch: Callable[[int, int], Sequence[int]]) -> None:
        self._count, self._aside, self._fetch = count, sorted(aside), fetch
        self._set = set(self._aside)

    def __len__(self) -> int:
        return self._count - len(self._aside)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            n = index + len(self) if index < 0 else index
            if not 0 <= n < len(self):
                raise IndexError(index)
            return self[n : n + 1][0]
        lo, hi, step = index.indices(len(self))
        if step != 1:
            raise ValueError("a Counted tier is sliced in order")
        if lo >= hi:
            return []
        # The jth fresh id is the (j + the aside ids before it)th counted: read from lo, as many more as are aside.
        found = []
        for k, contact_id in enumerate(self._fetch(lo, hi - lo + len(self._aside))):
            if contact_id not in self._set and lo <= lo + k - bisect_left(self._aside, contact_id) < hi:
                found.append(contact_id)
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self[0 : len(self)])
