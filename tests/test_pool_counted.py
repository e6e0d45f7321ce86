"""The daily pick reads a large pool by counting it (issue 25): rules/allowance.py merged_slice and Counted give the
places of a tier's ids that storage counts without reading them, and pick() rotates over them. Each is held to the
plain list it stands for, on random runs of ids."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from netlog.rules import allowance

ids = st.lists(st.integers(1, 400), unique=True, max_size=60).map(sorted)


@st.composite
def two_runs(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """Two runs of ids in order with no id in both: a few (candidates) and many (a tier of the pool)."""
    every = draw(ids)
    few = sorted(draw(st.lists(st.sampled_from(every), unique=True, max_size=8))) if every else []
    return few, [i for i in every if i not in set(few)]


class Storage:
    """A tier as storage counts it: `fetch(offset, limit)` reads ids in order, and remembers how many it read."""

    def __init__(self, counted: list[int]) -> None:
        self.counted, self.read = counted, 0

    def fetch(self, offset: int, limit: int) -> list[int]:
        found = self.counted[offset : offset + limit]
        self.read += len(found)
        return found


@given(two_runs(), st.integers(0, 80), st.integers(0, 80))
def test_a_merged_slice_is_the_slice_of_the_merge(runs: tuple[list[int], list[int]], lo: int, hi: int) -> None:
    few, many = runs
    assert allowance.merged_slice(few, many, lo, hi) == sorted(few + many)[lo:hi]


@given(two_runs(), st.integers(0, 80), st.integers(0, 80))
def test_a_counted_tier_is_its_ids_less_those_aside(runs: tuple[list[int], list[int]], lo: int, hi: int) -> None:
    aside, fresh = runs
    storage = Storage(sorted(aside + fresh))
    tier = allowance.Counted(len(storage.counted), aside, storage.fetch)
    assert len(tier) == len(fresh)
    assert tier[lo:hi] == fresh[lo:hi]
    assert storage.read <= max(0, min(hi, len(fresh)) - lo) + len(aside)  # about the slice's length, never the tier
    assert list(tier) == fresh
    if fresh:
        assert tier[-1] == fresh[-1] and tier[len(fresh) // 2] == fresh[len(fresh) // 2]


@given(two_runs(), st.integers(1, 12), st.integers(0, 400), st.lists(st.integers(0, 40), max_size=8))
def test_the_pick_over_a_counted_tier_is_the_pick_over_its_list(
    runs: tuple[list[int], list[int]], per_day: int, day: int, rests: list[int]
) -> None:
    """Candidates (some picked lately, some today) and a tier of fresh ids: given as a list or Counted in storage
    (with the candidates among its ids set aside, as `due` counts them), the pick is the same."""
    candidates, fresh = runs
    today = date(2026, 1, 1) + timedelta(days=day)
    picked_on = {c: today - timedelta(days=r) for c, r in zip(candidates, rests)}
    tier = (1, -1, 0)
    cands = [allowance.Candidate(c, tier) for c in candidates]
    storage = Storage(sorted(candidates + fresh))
    counted = allowance.Counted(len(storage.counted), candidates, storage.fetch)
    expected = allowance.pick(cands, today, per_day, picked_on, {tier: fresh})
    assert allowance.pick(cands, today, per_day, picked_on, {tier: counted}) == expected
