"""Scenario tables for issue 24's rules, pure (rules/workdays.py, rules/allowance.py, rank_due's one item per
person and tiers); the walk on a 300-contact network is tests/test_morning_walk.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netlog.rules import allowance
from netlog.rules import due as rules
from netlog.rules.due import Tie
from netlog.rules.history import Touch, summarize
from netlog.rules.workdays import add_workdays, parse_days_off, workdays_between

TODAY = date(2026, 11, 23)  # Monday
FRI, SAT, SUN, MON, TUE = (date(2026, 11, d) for d in (20, 21, 22, 23, 24))


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def person(tie_id: int, name: str, touches=(), strength: int = 2, **extra) -> Tie:
    numbered = [Touch(on, kind, direction, tie_id * 100 + i) for i, (on, kind, direction) in enumerate(touches, 1)]
    extra.setdefault("created_on", days_ago(400))
    return Tie(tie_id, name, strength, history=summarize(numbered, strength, extra.get("introduced_on")), **extra)


# Working days ----------------------------------------------------------------------------------------------

WORKDAY_CASES = [
    # (from, n, days off, the nth working day after)
    (FRI, 1, {5, 6}, MON),
    (SAT, 1, {5, 6}, MON),
    (SUN, 1, {5, 6}, MON),
    (MON, 1, {5, 6}, TUE),
    (FRI, 2, {5, 6}, TUE),
    (FRI, 1, set(), SAT),
    (MON, 1, {1}, date(2026, 11, 25)),  # Tuesdays off
    (FRI, 1, set(range(7)), SAT),  # no working day at all: calendar days
]


@pytest.mark.parametrize("start, n, off, expected", WORKDAY_CASES)
def test_add_workdays(start, n, off, expected):
    assert add_workdays(start, n, frozenset(off)) == expected


def test_workdays_between_counts_what_add_workdays_adds():
    for start in (FRI, SAT, SUN, MON):
        for n in range(0, 12):
            assert workdays_between(start, add_workdays(start, n)) == n


def test_days_off_are_read_by_name():
    assert parse_days_off("sat,sun") == {5, 6} and parse_days_off("Friday saturday") == {4, 5}
    assert parse_days_off("none") == frozenset()
    with pytest.raises(ValueError):
        parse_days_off("monkey")


def test_a_friday_coffee_is_thanked_on_time_on_monday():
    [item] = rules.rank_due(MON, [person(1, "Ana Lima", [(FRI, "coffee", "both")])])
    assert (item.due, item.score) == (MON, 6.25)  # on time: 5 x 1.25 x 1
    [late] = rules.rank_due(date(2026, 11, 25), [person(1, "Ana Lima", [(FRI, "coffee", "both")])])
    assert late.score == 2.5  # Wednesday: two working days on, late (5 x 1.25 x 0.4)
    off = frozenset({0, 5, 6})  # Mondays off too
    assert rules.rank_due(MON, [person(1, "Ana Lima", [(FRI, "coffee", "both")])], days_off=off) == []
    [tuesday] = rules.rank_due(TUE, [person(1, "Ana Lima", [(FRI, "coffee", "both")])], days_off=off)
    assert (tuesday.due, tuesday.score) == (TUE, 6.25)


# The allowance --------------------------------------------------------------------------------------------


def test_the_pick_is_the_same_all_day_and_rotates_day_by_day():
    pool = [allowance.Candidate(n, (1, -2, 0)) for n in range(1, 31)]
    monday = allowance.pick(pool, MON, 3)
    assert monday == allowance.pick(pool, MON, 3) and len(monday) == 3
    tuesday = allowance.pick(pool, TUE, 3)
    assert not set(monday) & set(tuesday)


def test_tiers_come_first():
    pool = [allowance.Candidate(1, (1, -1, 0)), allowance.Candidate(2, (0, -2, 0)), allowance.Candidate(3, (1, -3, 0))]
    assert allowance.pick(pool, MON, 2) == [2, 3]


def test_a_pick_made_today_keeps_its_place_and_acting_on_one_replaces_none():
    pool = [allowance.Candidate(n, (1,)) for n in range(1, 11)]
    made = allowance.pick(pool, MON, 3)
    picked_on = {n: MON for n in made}
    assert allowance.pick(pool, MON, 3, picked_on) == sorted(made)
    rest = [c for c in pool if c.contact_id != made[0]]  # acted on: no longer due
    assert sorted(allowance.pick(rest, MON, 3, picked_on)) == sorted(made[1:])  # nobody takes its place


def test_nobody_is_picked_again_within_a_month_unless_nobody_else_is_left():
    pool = [allowance.Candidate(n, (1,)) for n in range(1, 5)]
    picked_on = {1: days_ago(10), 2: days_ago(10), 3: days_ago(40)}
    assert sorted(allowance.pick(pool, TODAY, 2, picked_on)) == [3, 4]
    three = allowance.pick(pool, TODAY, 3, picked_on)
    assert three[:2] in ([3, 4], [4, 3]) and len(three) == 3  # then one who rests: nobody else is left


def test_rank_due_keeps_the_remembered_picks_of_today():
    """rank_due's picks (day_picks) are what storage remembers; handed back as picked_on they stay put when one
    is set aside, and rest the next day."""
    ties = [_weak(n) for n in range(1, 9)]
    first = rules.rank_due(TODAY, ties)
    made = rules.day_picks(first, {t.id: t for t in ties})
    assert len(made) == 3 and made == [i.contact_id for i in first if rules.is_cadence(i)]
    picked_on = {n: TODAY for n in made}
    set_aside = [t._replace(done={"keep-in-touch": TODAY}) if t.id == made[0] else t for t in ties]
    again = rules.rank_due(TODAY, set_aside, picked_on=picked_on)
    assert rules.day_picks(again, {t.id: t for t in ties}) == made[1:]
    tomorrow = rules.rank_due(TODAY + timedelta(days=1), ties, picked_on=picked_on)
    assert not set(rules.day_picks(tomorrow, {t.id: t for t in ties})) & set(made)


def test_an_overdue_strong_tie_is_not_a_pick():
    strong = person(1, "Strong Tie", [(days_ago(100), "met", "both")], strength=4)
    items = rules.rank_due(TODAY, [strong])
    assert [i.occasion for i in items] == ["keep-in-touch"] and rules.day_picks(items, {1: strong}) == []


@pytest.mark.parametrize("kind, said", [("favor-received", "their favor"), ("favor-given", "your favor"), ("coffee", "coffee")])
def test_a_last_touch_is_named_in_words(kind, said):
    """The 300-contact walk: "Reconnect with Carla — last touch: favor-received on Sun 1 Nov"."""
    tie = person(1, "Carla Reis", [(days_ago(400), "met", "both"), (days_ago(100), kind, "both")], strength=3)
    [item] = rules.rank_due(TODAY, [tie])
    assert f"last touch: {said} on " in item.reason


def _weak(n: int) -> Tie:
    return person(n, f"Weak Tie{n}", [(days_ago(250), "met", "both"), (days_ago(249), "thanks", "out")], company=f"Co {n}")


ALLOWANCE_CASES = [
    # (why, ties, per day, listed (name, occasion))
    ("six weak ties past their cadence: three a day", [_weak(n) for n in range(1, 7)], 3, 3),
    ("none with an allowance of 0", [_weak(n) for n in range(1, 7)], 0, 0),
    ("all six with an allowance of 10", [_weak(n) for n in range(1, 7)], 10, 6),
]


@pytest.mark.parametrize("why, ties, per_day, count", ALLOWANCE_CASES, ids=[c[0] for c in ALLOWANCE_CASES])
def test_cadence_items_share_one_allowance(why, ties, per_day, count):
    items = rules.rank_due(TODAY, ties, reconnect_per_day=per_day)
    assert len(items) == count
    everything = rules.rank_due(TODAY, ties, reconnect_per_day=per_day, keep_held=True)
    assert len(everything) == 6 and [i.held for i in everything] == [False] * count + [True] * (6 - count)


def test_overdue_strong_and_close_ties_and_what_perishes_are_always_listed():
    close = person(10, "Cleo Close", [(days_ago(60), "call", "both")], strength=5)
    fresh = person(11, "Ana Lima", [(days_ago(1), "met", "both")])
    items = rules.rank_due(TODAY, [*(_weak(n) for n in range(1, 7)), close, fresh], reconnect_per_day=0)
    assert [(i.contact, i.occasion) for i in items] == [("Ana Lima", "thank"), ("Cleo Close", "keep-in-touch")]


def test_a_set_aside_tie_is_not_pickable():
    resting = person(1, "Weak Tie1", [(days_ago(250), "met", "both")], done={"keep-in-touch": days_ago(5)})
    assert not rules.is_pickable(resting, TODAY)
    assert rules.rank_due(TODAY, [resting], keep_held=True) == []


# One item per person ---------------------------------------------------------------------------------------


def test_a_late_thank_you_carries_the_second_touch():
    [item] = rules.rank_due(TODAY, [person(1, "Eve Fox", [(days_ago(14), "met", "both")])])  # the last day it is listed
    assert (item.action, [o.occasion for o in item.also]) == ("thank", ["second-touch"])
    assert item.reason.endswith("Also: second touch with Eve")


def test_a_folded_reason_keeps_a_name_s_case():
    """'Also: ana Lima wrote ...' lower-cased a name: only a leading verb follows 'Also:' in lower case."""
    ana = person(1, "Ana Lima", [(days_ago(20), "met", "both")], strength=4)
    ana = ana._replace(
        history=ana.history._replace(reply_since=days_ago(6), reply_note="the Lisbon role"), birthday="11-25"
    )
    [item] = rules.rank_due(TODAY, [ana])
    assert item.occasion == "reply" and "Also: " in item.reason
    [[folded]] = [[o.occasion for o in item.also]]
    assert folded == "birthday" and item.reason.endswith("Also: Ana's birthday is on Wed 25 Nov (in 2 days)")
    assert rules._lead("Ana Lima wrote on Tue 17 Nov") == "Ana Lima wrote on Tue 17 Nov"
    assert rules._lead("Thank Ana for a coffee — late") == "thank Ana for a coffee"
    assert rules._lead("Reach out to Dara Wei — Gus introduced you") == "reach out to Dara Wei"


def test_circle_back_outranks_keep_in_touch_for_the_same_strong_tie_and_carries_it():
    strong = person(1, "Sam Strong", [(days_ago(400), "met", "both"), (days_ago(40), "call", "both")], strength=4)
    strong = strong._replace(history=strong.history._replace(advice="the Berlin move", advice_on=days_ago(40)))
    [item] = rules.rank_due(TODAY, [strong])
    assert item.occasion == "circle-back" and [o.occasion for o in item.also] == ["keep-in-touch"]


# Tiers and intros ----------------------------------------------------------------------------------------


def test_what_perishes_ranks_above_circle_backs_and_cadence():
    advice = person(1, "Al Advice", [(days_ago(30), "call", "both"), (days_ago(29), "thanks", "out")], strength=3)
    advice = advice._replace(history=advice.history._replace(advice="pricing", advice_on=days_ago(30)))
    late = person(2, "Bea Late", [(days_ago(10), "coffee", "both")], strength=1)
    kit = person(3, "Cy Kit", [(days_ago(400), "call", "both")], strength=4)
    assert [i.occasion for i in rules.rank_due(TODAY, [advice, late, kit])] == ["thank", "circle-back", "keep-in-touch"]


def _intro(days: int) -> list[Tie]:
    gus = person(1, "Gus Berg", [(days_ago(200), "coffee", "both"), (days_ago(days), "intro", "in")], strength=3)
    dara = person(2, "Dara Wei", [], strength=1, introduced_by_id=1, introduced_on=days_ago(days), created_on=days_ago(days))
    return [gus, dara]


@pytest.mark.parametrize("days, warm", [(1, True), (7, True), (8, False), (20, False)])
def test_an_intro_is_called_warm_only_while_it_is(days, warm):
    [reach] = [i for i in rules.rank_due(TODAY, _intro(days)) if i.occasion == "reach-out"]
    assert ("warm" in reach.reason) is warm


def test_a_favor_from_someone_introduced_is_reported_to_the_introducer():
    gus, dara = _intro(60)
    met = [(days_ago(50), "coffee", "both"), (days_ago(49), "thanks", "out"), (days_ago(3), "favor-received", "in")]
    dara = person(2, "Dara Wei", met, strength=2, introduced_by_id=1, introduced_on=days_ago(60))
    gus = person(1, "Gus Berg", [(days_ago(200), "coffee", "both"), (days_ago(60), "intro", "in"),
                                 (days_ago(59), "thanks", "out"), (days_ago(48), "report", "out")], strength=3)  # fmt: skip
    items = rules.rank_due(TODAY, [gus, dara])
    tell = [i for i in items if i.contact == "Gus Berg"]
    assert [(i.action, i.other_id) for i in tell] == [("report-back", 2)]
    assert "led to a favor on Fri 20 Nov" in tell[0].reason
    reported = gus._replace(history=gus.history._replace(last_report_on=days_ago(0)))
    assert [i for i in rules.rank_due(TODAY, [reported, dara]) if i.contact == "Gus Berg"] == []


def test_a_reconnect_note_is_not_where_you_met():
    """A LinkedIn connection of two years, written to 20 days ago with no answer: no "you met on" that note."""
    note_on = days_ago(20)
    tie = person(1, "Lukas Brandt", [(days_ago(700), "connected", "both"), (note_on, "email", "out")], strength=1)
    items = rules.rank_due(TODAY, [tie], keep_held=True)
    flat = [i for item in items for i in (item, *item.also)]
    assert not [i for i in flat if i.occasion == "second-touch" and i.event_on == note_on]


def test_who_is_pickable():
    """is_pickable: no professional tie (`personal`) unless given a cadence; never with `--every never`."""
    plain = person(1, "Weak One")
    assert rules.is_pickable(plain, TODAY)
    assert not rules.is_pickable(plain, TODAY, personal={1})
    assert rules.is_pickable(plain._replace(cadence_days=90), TODAY, personal={1})
    assert not rules.is_pickable(plain._replace(cadence_days=rules.NEVER), TODAY)


def test_never_is_no_keep_in_touch_and_no_pick():
    never = _weak(1)._replace(cadence_days=rules.NEVER)
    assert rules.rank_due(TODAY, [never], keep_held=True) == []
    assert rules.keep_in_touch_due(never) is None and rules.cadence_of(never) == 0
    dormant = person(2, "Dormant Two", [(days_ago(500), "connected", "both")], strength_set=False)
    assert [i.occasion for i in rules.rank_due(TODAY, [dormant])] == ["reconnect"]
    assert rules.rank_due(TODAY, [dormant], personal={2}, keep_held=True) == []
    assert rules.rank_due(TODAY, [dormant._replace(cadence_days=rules.NEVER)], keep_held=True) == []


CONGRATULATE_CASES = [
    # (why, strength, noted days ago, touches after, listed)
    ("news noted today on a medium tie", 3, 0, [], True),
    ("noted three days ago", 4, 3, [], True),
    ("an acquaintance: no congratulation drawn", 2, 0, [], False),
    ("two weeks and more: not fresh", 3, 15, [], False),
    ("a call since answers it", 3, 3, [(1, "call", "both")], False),
    ("a congratulation the same day answers it", 3, 0, [(0, "congrats", "out")], False),
    ("a touch before the news does not", 3, 2, [(3, "call", "both")], True),
]


@pytest.mark.parametrize("why, strength, noted, touches, listed", CONGRATULATE_CASES, ids=[c[0] for c in CONGRATULATE_CASES])
def test_fresh_news_brings_a_congratulation(why, strength, noted, touches, listed):
    base = [(days_ago(60), "coffee", "both")]
    tie = person(1, "Ana Lima", base + [(days_ago(n), k, d) for n, k, d in touches], strength=strength,
                 moment="launching your startup", moment_on=days_ago(noted))  # fmt: skip
    items = [i for item in rules.rank_due(TODAY, [tie], keep_held=True) for i in (item, *item.also)]
    found = [i for i in items if i.occasion == "congratulate"]
    assert bool(found) == listed, items
    if found:
        # The moment reads after "congratulations on" in the draft (second person); the reason speaks to you of them.
        assert found[0].reason.startswith("Congratulate Ana on launching their startup") and rules.tier_of(found[0]) == 0


@pytest.mark.parametrize("moment, said", [
    ("your promotion to VP of Engineering", "their promotion to VP of Engineering"),
    ("Your new design studio", "Their new design studio"),
    ("the award they gave you for yourself", "the award they gave them for themselves"),
    ("the youth prize", "the youth prize"),
])  # fmt: skip
def test_a_congratulation_s_reason_speaks_of_them(moment, said):
    """The 300-contact walk listed "Congratulate Oren Martin on your promotion to VP of Engineering": Sam's
    promotion, as the reason read."""
    tie = person(1, "Oren Martin", [(days_ago(60), "coffee", "both")], strength=3, moment=moment, moment_on=days_ago(1))
    [item] = rules.rank_due(TODAY, [tie])
    assert item.reason.startswith(f"Congratulate Oren on {said} — ")


@pytest.mark.parametrize("kind, days, listed", [("message", 21, True), ("message", 22, False), ("email", 22, True), ("email", 37, True), ("email", 38, False)])
def test_a_chat_s_nudge_goes_cold_in_two_weeks_an_email_s_in_a_month(kind, days, listed):
    tie = person(1, "Ivan Novak", [(days_ago(400), "met", "both"), (days_ago(days), kind, "out")], strength=3)
    assert [i.occasion for i in rules.rank_due(TODAY, [tie])] == (["nudge"] if listed else [])
