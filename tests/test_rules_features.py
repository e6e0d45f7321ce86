"""Scenario tables for the issue-9 rules: second touch, favors ledger, birthdays, intros I make. Each runs
on the pure rules and through `netlog due`'s stored read on SQLite and PostgreSQL (the `rank_due` fixture)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netlog.rules import due as rules
from netlog.rules.due import Tie
from netlog.rules.history import Touch, summarize

TODAY = date(2026, 11, 23)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def flat(items):
    """Each item, then what it folded in (one item per person: a pending thank-you carries a second touch)."""
    return [each for item in items for each in (item, *item.also)]


def tie(touches, strength=2, tie_id=1, name="Ana Lima", **extra) -> Tie:
    numbered = [Touch(on, kind, direction, i) for i, (on, kind, direction) in enumerate(touches, 1)]
    return Tie(tie_id, name, strength, history=summarize(numbered, strength), created_on=touches[0][0] if touches else TODAY, **extra)


MET = "met", "both"
SECOND_TOUCH_CASES = [
    # (why, touches as (days ago, kind, direction), expected keep-in-touch due date or None)
    ("met 14 days ago, nothing since: due today", [(14, *MET)], days_ago(0)),
    ("met 20 days ago: due since 6 days", [(20, *MET)], days_ago(6)),
    ("met 10 days ago: not yet", [(10, *MET)], None),
    ("met 20 days ago, coffee since: the tie is renewed", [(20, *MET), (5, "coffee", "both")], None),
    ("met and thanked the next day: still the first touch", [(20, *MET), (19, "thanks", "out")], days_ago(6)),
    ("met 60 days ago: outside the new-tie window, cadence not reached", [(60, *MET)], None),
]


@pytest.mark.parametrize("why, touches, due", SECOND_TOUCH_CASES, ids=[c[0] for c in SECOND_TOUCH_CASES])
def test_second_touch(why, touches, due, rank_due):
    t = tie([(days_ago(n), k, d) for n, k, d in touches], strength=2)
    items = [i for i in flat(rank_due(TODAY, [t])) if i.action == "keep-in-touch"]
    if due is None:
        assert items == []
    else:
        assert [(i.due, i.action) for i in items] == [(due, "keep-in-touch")]
        assert items[0].reason.startswith("Second touch with Ana")


def test_second_touch_dismissed_by_done(rank_due):
    t = tie([(days_ago(14), *MET)], done={"keep-in-touch": days_ago(1)})  # the thank-you's last day
    assert [i.action for i in rank_due(TODAY, [t])] == ["thank"]


def test_second_touch_ranks_above_routine_cadence(rank_due):
    new = tie([(days_ago(15), *MET)], tie_id=1, name="New Person")
    old = tie([(days_ago(200), *MET), (days_ago(190), "coffee", "both")], tie_id=2, name="Old Friend")
    items = [i for i in flat(rank_due(TODAY, [new, old])) if i.action == "keep-in-touch"]
    assert [i.contact for i in items] == ["New Person", "Old Friend"]


FAVOR_CASES = [
    # (why, touches, invited to give back?)
    ("three favors since March, none returned", [(260, *MET), (240, "favor-received", "in"), (100, "favor-received", "in"), (30, "favor-received", "in")], True),
    ("one favor only", [(260, *MET), (30, "favor-received", "in")], False),
    ("returned after the favors", [(260, *MET), (240, "favor-received", "in"), (100, "favor-received", "in"), (20, "favor-given", "out")], False),
    ("second favor too recent", [(260, *MET), (240, "favor-received", "in"), (5, "favor-received", "in")], False),
]


@pytest.mark.parametrize("why, touches, invited", FAVOR_CASES, ids=[c[0] for c in FAVOR_CASES])
def test_give_back(why, touches, invited, rank_due):
    t = tie([(days_ago(n), k, d) for n, k, d in touches], strength=3)
    items = flat(rank_due(TODAY, [t]))
    found = [i for i in items if "a chance to give back" in i.reason]
    assert bool(found) is invited


def test_give_back_wording_and_rank(rank_due):
    touches = [(days_ago(260), *MET), (date(2026, 3, 2), "favor-received", "in"), (days_ago(100), "favor-received", "in"), (days_ago(30), "favor-received", "in"), (days_ago(29), "thanks", "out")]
    helper = tie(touches, strength=3, tie_id=1)
    other = tie([(days_ago(200), *MET)], strength=3, tie_id=2, name="Bo Chen")
    items = rank_due(TODAY, [other, helper])
    assert items[0].contact == "Ana Lima"
    assert items[0].reason.startswith("Ana has helped you 3 times since March; you have not returned a favor")
    h = helper.history
    assert (h.unreturned_favors, h.unreturned_since, h.favors_received) == (3, date(2026, 3, 2), 3)


def test_reasons_are_invitations(rank_due):
    ties = [tie([(days_ago(400), *MET)], tie_id=1), tie([(days_ago(15), *MET)], tie_id=2, name="Bo Chen")]
    for item in rank_due(TODAY, ties):
        for word in ("neglect", "overdue", "ignored", "owe", "debt"):
            assert word not in item.reason.lower()


BIRTHDAY_CASES = [
    # (why, birthday, today, expected (due, event_on) or None)
    ("three days ahead", "11-26", TODAY, (date(2026, 11, 23), date(2026, 11, 26))),
    ("on the day", "1990-11-23", TODAY, (date(2026, 11, 20), date(2026, 11, 23))),
    ("four days ahead: not yet", "11-27", TODAY, None),
    ("yesterday: next year's is far", "11-22", TODAY, None),
    ("29 Feb in a common year falls on 28 Feb", "02-29", date(2027, 2, 26), (date(2027, 2, 25), date(2027, 2, 28))),
    ("across the new year", "01-01", date(2026, 12, 30), (date(2026, 12, 29), date(2027, 1, 1))),
]


@pytest.mark.parametrize("why, birthday, today, expected", BIRTHDAY_CASES, ids=[c[0] for c in BIRTHDAY_CASES])
def test_birthday(why, birthday, today, expected, rank_due):
    t = Tie(1, "Ana Lima", 2, history=summarize([Touch(date(2026, 10, 1), "coffee", "both", 1)], 4), created_on=date(2026, 1, 1),
            cadence_days=3650, birthday=birthday)  # fmt: skip
    items = [i for i in rank_due(today, [t]) if "birthday" in i.reason]
    assert [(i.due, i.event_on) for i in items] == ([expected] if expected else [])


def test_birthday_cleared_by_a_touch_in_the_window(rank_due):
    touches = [Touch(date(2026, 10, 1), "coffee", "both", 1), Touch(TODAY, "message", "out", 2)]
    t = Tie(1, "Ana Lima", 2, history=summarize(touches, 2), cadence_days=3650, birthday="11-25")
    assert [i for i in rank_due(TODAY, [t]) if "birthday" in i.reason] == []


def _pair():
    return [tie([(days_ago(100), *MET)], tie_id=1, cadence_days=3650), tie([(days_ago(100), "met", "both")], tie_id=2, name="Bo Chen", cadence_days=3650)]


INTRO_CASES = [
    # (why, offer fields, expected [(contact, reason start)])
    ("offered today: ask tomorrow", dict(offered_on=TODAY), []),
    ("offered 2 days ago: ask both", dict(offered_on=days_ago(2)), [("Ana Lima", "Ask Ana"), ("Bo Chen", "Ask Bo")]),
    ("A said yes: ask B", dict(offered_on=days_ago(2), a_yes_on=days_ago(1)), [("Bo Chen", "Ask Bo")]),
    ("both yes: send", dict(offered_on=days_ago(3), a_yes_on=days_ago(2), b_yes_on=days_ago(1)), [("Ana Lima", "Send the intro")]),
    ("sent 10 days ago: wait", dict(offered_on=days_ago(20), a_yes_on=days_ago(12), b_yes_on=days_ago(12), sent_on=days_ago(10)), []),
    ("sent 14 days ago: check in", dict(offered_on=days_ago(20), a_yes_on=days_ago(15), b_yes_on=days_ago(15), sent_on=days_ago(14)),
     [("Ana Lima", "Check in with Ana"), ("Bo Chen", "Check in with Bo")]),
    ("declined: nothing", dict(offered_on=days_ago(5), declined_on=days_ago(1), declined_by_id=2), []),
    ("asked long ago: stale", dict(offered_on=days_ago(60)), []),
]  # fmt: skip


@pytest.mark.parametrize("why, fields, expected", INTRO_CASES, ids=[c[0] for c in INTRO_CASES])
def test_intro_steps(why, fields, expected, rank_due):
    offer = rules.IntroOffer(id=1, a_id=1, b_id=2, **fields)
    items = [i for i in rank_due(TODAY, _pair(), [offer]) if i.action == "intro"]
    assert sorted((i.contact, i.reason[: len(r)]) for i, (_, r) in zip(items, expected)) == sorted(expected)
    assert len(items) == len(expected)
