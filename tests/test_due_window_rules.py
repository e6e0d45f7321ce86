"""rules.DueWindow, checked on the rules alone. `admitted` below is the read the window asks storage for, in
Python, condition by condition as storage/queries.py `due_candidates` writes it in SQL (the comments say
which are new for issue 15). A seeded random network with every feature the rules know (imports with only
`connected` touches, strengths never set, companies, advice, messages expecting no reply, intros both ways,
intro offers, snoozes, dismissals, birthdays) is ranked both ways for every day over more than two years:
the contacts `admitted` must give what ranking everyone gives. tests/test_due_window.py checks that the
SQL read equals ranking everyone; this checks that the window itself misses nothing."""

from __future__ import annotations

import random

import pytest
from datetime import date, timedelta

from netlog.rules import due as rules
from netlog.rules.due import Tie
from netlog.rules.history import History, Touch, summarize
from netlog.values import kinds

BASE = date(2026, 11, 23)
CONTACTS = 150
COMPANIES = ("Contoso", "Fabrikam Inc.", "Northwind", "contoso, LLC", None)


def admitted(tie: Tie, w: rules.DueWindow, every: list[Tie], offers: list[rules.IntroOffer]) -> bool:
    """Would storage read this contact on the window's day?"""
    h = tie.history
    keep_in_touch_from = rules.keep_in_touch_from(tie.strength, tie.cadence_days, tie.created_on, h)  # as the cache keeps it

    # new (issue 25): a contact snoozed past the day is read only when another's rule names them
    awake = tie.snoozed_until is None or tie.snoozed_until <= w.awake_on
    return (
        h.touch_count == 0  # no summary yet
        or (awake and own(tie, w, h, keep_in_touch_from))
        or intro_matters(tie, w)
        or named(tie, w, every, offers)
    )


def intro_matters(t: Tie, w: rules.DueWindow) -> bool:
    th = t.history
    return t.introduced_on is not None and (
        (th.met_after_intro_on is None and t.introduced_on <= w.meet_by)
        or (th.met_after_intro_on is not None and th.met_after_intro_on <= w.report_by)
        # new (issue 24): a favor from someone introduced, for the report-back on the intro's outcome
        or (th.last_favor_received_on is not None and w.outcome_from <= th.last_favor_received_on <= w.outcome_to)
    )


def named(tie: Tie, w: rules.DueWindow, every: list[Tie], offers: list[rules.IntroOffer]) -> bool:
    """Does another's rule name this contact: an intro they made that matters, an open intro offer, a pending
    intro thank-you (new)?"""
    named_by_thanks = {
        t.history.thank_other_id for t in every
        if t.history.thank_kind == "intro" and t.history.thank_on and w.thank_from <= t.history.thank_on <= w.thank_to
    }  # fmt: skip
    return (
        any(t.introduced_by_id == tie.id and intro_matters(t, w) for t in every)
        or any(o.declined_on is None and tie.id in (o.a_id, o.b_id) for o in offers)
        or tie.id in named_by_thanks
    )


def first_in_pool(tie: Tie) -> date:
    """The tie's first day in the pool, as the cache keeps it."""
    return rules.pool_from(
        tie.strength, tie.strength_set, tie.cadence_days, tie.created_on, tie.introduced_on, tie.birthday, tie.moment_on,
        tie.history,
    )  # fmt: skip


def in_pool(tie: Tie, day: date) -> bool:
    """Is the contact in the pool (storage's due_pool) on `day`: its first day in it, as the cache keeps it, has
    come, it is awake and has no dismissal?"""
    first = first_in_pool(tie)
    return first <= day and (tie.snoozed_until is None or tie.snoozed_until <= day) and not tie.done


def own(tie: Tie, w: rules.DueWindow, h: History, keep_in_touch_from: date | None) -> bool:
    """What may be due for the contact itself."""
    return (
        tie.birthday is not None
        or (h.thank_on is not None and w.thank_from <= h.thank_on <= w.thank_to)
        or (h.reply_since is not None and w.reply_from <= h.reply_since <= w.reply_to)
        or (h.silence_sends == 1 and w.nudge_from <= h.silence_since <= w.nudge_to)
        # changed: the first real touch, not the first touch
        or (h.first_real_on is not None and w.second_touch_from <= h.first_real_on <= w.second_touch_to)
        # changed (issue 25): keeping in touch and giving back by the day the cache keeps, whatever the cadence
        # (a contact with its own cadence is no longer always read)
        or (keep_in_touch_from is not None and keep_in_touch_from <= w.keep_in_touch_by)
        # new: every dormant tie (strength never set, no real touch, not introduced, no own cadence)
        or (not tie.strength_set and h.first_real_on is None and tie.introduced_on is None and tie.cadence_days is None)
        # new: advice waiting to be circled back on
        or (h.advice is not None and w.circle_back_from <= h.advice_on <= w.circle_back_to)
        or (tie.moment_on is not None and w.congratulate_from <= tie.moment_on <= w.congratulate_to)
    )


def _network(seed: int) -> tuple[list[Tie], list[rules.IntroOffer]]:
    rng = random.Random(seed)
    rows = []
    touches: dict[int, list[Touch]] = {cid: [] for cid in range(1, CONTACTS + 1)}
    for cid in range(1, CONTACTS + 1):
        imported = rng.random() < 0.3
        row = {
            "id": cid,
            "name": f"{rng.choice(('Ana', 'Bo', 'Cy', 'Dee', 'Émile'))} {cid}",
            "strength": rng.randint(1, 2) if imported else rng.randint(1, 5),
            "created_on": BASE - timedelta(days=rng.randrange(500)),
            "cadence_days": rng.choice((7, 30, 200)) if rng.random() < 0.08 else None,
            "birthday": f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.08 else None,
            "snoozed_until": BASE - timedelta(days=rng.randrange(-60, 300)) if rng.random() < 0.08 else None,
            "strength_set": not imported or rng.random() < 0.2,
            "company": rng.choice(COMPANIES),
            "introduced_by_id": None,
            "introduced_on": None,
        }
        if imported and rng.random() < 0.8:
            touches[cid].append(Touch(BASE - timedelta(days=rng.randrange(3000)), "connected", "both", place="LinkedIn"))
        if cid > 5 and rng.random() < 0.15:
            introducer = rng.randrange(1, cid)
            on = BASE - timedelta(days=rng.randrange(400))
            row["introduced_by_id"], row["introduced_on"] = introducer, on
            touches[introducer].append(Touch(on, "intro", "in", other_id=cid, thank_wanted=rng.choice((None, None, False))))
            if rng.random() < 0.5:  # I wrote to them after the intro (they may never answer)
                touches[cid].append(Touch(on + timedelta(days=rng.randrange(4)), "email", "out"))
        rows.append(row)
        if imported and rng.random() < 0.6:
            continue  # stays dormant
        favors = ["favor-received"] * rng.choice((0, 0, 0, 2, 3))
        for kind in favors + [rng.choice(list(kinds.KINDS)) for _ in range(rng.choice((0, 1, 1, 2, 3, 5, 8)))]:
            if kind == "intro":
                continue  # intros come with the person introduced, above
            direction = kinds.direction_of(kind, kind in ("email", "message", "share", "congrats") and rng.random() < 0.4)
            touches[cid].append(
                Touch(
                    BASE - timedelta(days=rng.randrange(420)), kind, direction,
                    expects_reply=rng.random() < 0.85,
                    thank_wanted=rng.choice((None, None, None, True, False)),
                    advice=rng.choice(("the Lisbon role", "pricing")) if rng.random() < 0.15 else None,
                    place="LinkedIn" if kind == "connected" else None,
                )
            )  # fmt: skip
    ties = []
    for row in rows:
        numbered = [t._replace(id=row["id"] * 1000 + i) for i, t in enumerate(touches[row["id"]])]
        history = summarize(numbered, row["strength"], row["introduced_on"], row["birthday"])
        done = {}
        if rng.random() < 0.12:
            done[rng.choice(kinds.ACTIONS)] = BASE - timedelta(days=rng.randrange(400))
        ties.append(Tie(history=history, done=done, **row))
    offers = []
    for n in range(20):
        a, b = rng.sample(range(1, CONTACTS + 1), 2)
        offered = BASE - timedelta(days=rng.randrange(400))
        later = offered + timedelta(days=rng.randrange(1, 30))
        step = rng.choice(({}, {"a_yes_on": later}, {"a_yes_on": later, "b_yes_on": later},
                           {"a_yes_on": offered, "b_yes_on": offered, "sent_on": later},
                           {"declined_on": later, "declined_by_id": b}))  # fmt: skip
        offers.append(rules.IntroOffer(id=n + 1, a_id=a, b_id=b, offered_on=offered, **step))
    return ties, offers


def test_the_window_misses_nothing_and_leaves_contacts_out():
    ties, offers = _network(seed=20261123)
    read = []
    for offset in range(-420, 400, 3):
        day = BASE + timedelta(days=offset)
        window = rules.due_window(day)
        inside = [t for t in ties if admitted(t, window, ties, offers)]
        # What storage computes over every contact and passes in.
        shared = rules.shared_first_names(t.name for t in ties)
        active = {rules.company_key(t.company) for t in ties if t.company and t.history.last_exchange_on
                  and t.history.last_exchange_on >= window.active_from}  # fmt: skip
        expected = rules.rank_due(day, ties, offers)
        assert rules.rank_due(day, inside, offers, active_companies=active, first_names_shared=shared) == expected, day
        read.append(len(inside))
    assert min(read) < CONTACTS * 0.75, read  # a window that reads everyone is not doing its job
    assert any(i.occasion == "reconnect" for i in rules.rank_due(BASE, ties, offers, keep_held=True))  # dormant ties are in it


def read_apart(ties: list[Tie], offers: list[rules.IntroOffer], day: date) -> tuple[list[Tie], list[rules.PoolTie], set[str]]:
    """What `due` reads on `day`: the ties read whole (the window but the pool, and whoever another's rule names),
    the pool as its few columns, and the active companies."""
    window = rules.due_window(day)
    whole = [t for t in ties if admitted(t, window, ties, offers) and (not in_pool(t, day) or named(t, window, ties, offers))]
    read = {t.id for t in whole}
    pool = [(t.id, t.strength, rules.company_key(t.company)) for t in ties if in_pool(t, day) and t.id not in read]
    active = {rules.company_key(t.company) for t in ties if t.company and t.history.last_exchange_on
              and t.history.last_exchange_on >= window.active_from}  # fmt: skip
    return whole, pool, active


def test_the_pool_read_apart_ranks_as_everyone():
    """Issue 25: `due` reads the pool (in_pool, by the day the cache keeps: rules.pool_from) as a few columns and
    only the rest of the window whole; the allowance then asks for the whole ties of the few it picks. Ranked so,
    every day gives what ranking everyone gives, and the pool is not empty."""
    ties, offers = _network(seed=20261123)
    by_id = {t.id: t for t in ties}
    pooled = []
    for offset in range(-420, 400, 3):
        day = BASE + timedelta(days=offset)
        whole, pool, active = read_apart(ties, offers, day)
        shared = rules.shared_first_names(t.name for t in ties)
        got = rules.rank_due(
            day, whole, offers, active_companies=active, first_names_shared=shared, pool=pool,
            whole_ties=lambda ids: [by_id[i] for i in sorted(ids)],
        )  # fmt: skip
        assert got == rules.rank_due(day, ties, offers), day
        pooled.append(len(pool))
    assert max(pooled) > CONTACTS // 10, pooled  # a pool that holds nobody is not doing its job


def counted(pool: list[rules.PoolTie], active: set[str], aside: set[int], reads: list[int]) -> rules.PoolTail:
    """The pool as storage counts it (pool_tiers, pool_tier_ids), `aside` set aside; `reads` counts the ids read."""

    def ids(strength: int, company_class: int, offset: int, limit: int) -> list[int]:
        tier = sorted(i for i, s, k in pool if s == strength and rules.company_class(k, active) == company_class)
        found = tier[offset : offset + limit]
        reads.append(len(found))
        return found

    counts: dict[tuple[int, str], int] = {}
    for _, strength, key in pool:
        counts[strength, key] = counts.get((strength, key), 0) + 1
    return rules.PoolTail(
        [(s, k, n) for (s, k), n in sorted(counts.items())], {i: (s, k) for i, s, k in pool if i in aside}, ids
    )


def test_the_pool_counted_ranks_as_everyone():
    """Issue 25: `due` counts the pool by tier (PoolTail) and reads only the ids the daily pick takes; the ties
    counted there that it must look at one by one (picked lately) are set aside and come as pool rows. Ranked so,
    for any allowance and past picks, every day gives what ranking everyone gives, reading a few ids a day."""
    ties, offers = _network(seed=20261125)
    by_id = {t.id: t for t in ties}
    rng = random.Random(25)
    most = []
    for offset in range(-420, 400, 3):
        day = BASE + timedelta(days=offset)
        whole, pool, active = read_apart(ties, offers, day)
        picked_on = {i: day - timedelta(days=rng.randrange(0, 40)) for i, _, _ in rng.sample(pool, min(len(pool), 6))}
        shared = rules.shared_first_names(t.name for t in ties)
        for per_day in (1, 3, 40):
            ids_read: list[int] = []
            tail = counted(pool, active, set(picked_on), ids_read)
            got = rules.rank_due(
                day, whole, offers, active_companies=active, first_names_shared=shared, reconnect_per_day=per_day,
                picked_on=picked_on, pool=[row for row in pool if row[0] in picked_on], pool_tail=tail,
                whole_ties=lambda ids: [by_id[i] for i in sorted(ids)],
            )  # fmt: skip
            assert got == rules.rank_due(day, ties, offers, reconnect_per_day=per_day, picked_on=picked_on), (day, per_day)
            assert sum(ids_read) <= 2 * (per_day + len(picked_on)) * len({(s, k) for _, s, k in pool}), ids_read
            most.append(len(pool))
    assert max(most) > CONTACTS // 10, most


def test_a_tie_in_the_pool_has_only_the_allowances_item():
    """Whatever the day, a contact in the pool has no item but the allowance's plain one (a dormant tie's
    reconnect, a weak tie's keep in touch): every held-back item is listed with keep_held."""
    ties, offers = _network(seed=20261124)
    for offset in range(-420, 400, 2):
        day = BASE + timedelta(days=offset)
        window = rules.due_window(day)
        pool = {t.id for t in ties if in_pool(t, day) and not named(t, window, ties, offers)}
        for item in rules.rank_due(day, ties, offers, keep_held=True):
            if item.contact_id in pool:
                assert (item.action, item.occasion) in (("keep-in-touch", "keep-in-touch"), ("keep-in-touch", "reconnect")), (day, item)


@pytest.mark.parametrize("event", ["thank", "reply", "nudge", "second-touch", "circle-back", "congratulate"])
def test_the_pool_starts_after_every_window_of_what_perishes(event: str):
    """Each event that something perishing is dated by keeps a weak tie out of the pool until every day its item
    can be listed has passed."""
    tie = perishing(event)
    first = first_in_pool(tie)
    listed = [
        day for day in (BASE + timedelta(days=n) for n in range(200))
        if any(item.occasion == event for item in rules.rank_due(day, [tie], [], keep_held=True))
    ]  # fmt: skip
    assert listed and max(listed) < first < date.max, (listed[-1:], first)


def perishing(event: str) -> Tie:
    """A weak tie of long ago (keeping in touch long due) with one recent event of `event`'s kind."""
    on = BASE
    old = Touch(BASE - timedelta(days=900), "coffee", "both", thank_wanted=False)
    touches = {
        "thank": [old, Touch(on, "coffee", "both", thank_wanted=True)],
        "reply": [old, Touch(on, "email", "in", asks=True, about="the Lisbon role")],
        "nudge": [old, Touch(on, "email", "out", expects_reply=True)],
        "second-touch": [Touch(on, "coffee", "both", thank_wanted=False)],
        "circle-back": [old, Touch(on, "call", "both", thank_wanted=False, advice="the Lisbon role")],
        "congratulate": [old],
    }[event]
    numbered = [t._replace(id=n + 1) for n, t in enumerate(touches)]
    strength = 3  # the shortest cadence of the pool's ties (CADENCE_DAYS), so a window may outlast it; news is congratulated from 3
    history = summarize(numbered, strength, None, None)
    moment = ("the new role", on) if event == "congratulate" else (None, None)
    return Tie(1, "Ana Lima", strength, created_on=BASE - timedelta(days=1000), history=history, moment=moment[0], moment_on=moment[1])
