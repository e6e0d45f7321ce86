"""Rule scenarios: given these touches and this today, these people are due, in this order, for these
reasons. Each scenario runs three ways (the `rank_due` fixture in conftest.py): on the pure rules, and with
the same contacts stored and ranked by `netlog due`'s own read, on SQLite (sqlite3) and on PostgreSQL
(SQLAlchemy)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netlog.rules import due as rules
from netlog.rules.due import Tie
from netlog.rules.history import History, Touch, summarize

TODAY = date(2026, 11, 23)  # Monday


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def tie(id_, name, strength, touches, **kw):
    history = summarize(touches, strength, kw.get("introduced_on"))
    return Tie(id=id_, name=name, strength=strength, history=history, created_on=days_ago(400), **kw)


def due(rank_due, *ties, today=TODAY):
    return [(i.contact, i.action) for i in rank_due(today, list(ties))]


def T(n, kind, direction=None, id_=0):
    default = {"email": "out", "message": "out", "intro": "in", "favor-received": "in", "thanks": "out",
               "report": "out", "favor-given": "out", "share": "out", "congrats": "out"}.get(kind, "both")
    return Touch(on=days_ago(n), kind=kind, direction=direction or default, id=id_)


@pytest.mark.parametrize(
    "touches, strength, expected",
    [
        ([T(2, "coffee")], 2, [("Ana Lima", "thank")]),  # a weak tie gave you their time
        ([T(0, "coffee")], 2, []),  # same day: not due until tomorrow
        ([T(1, "coffee")], 2, [("Ana Lima", "thank")]),  # the day after: due
        ([T(2, "coffee"), T(1, "thanks")], 2, []),  # thanked
        ([T(2, "coffee"), T(2, "thanks")], 2, []),  # thanked the same day
        ([T(2, "coffee")], 5, []),  # close ties don't need a thank-you per coffee
        ([T(2, "favor-received")], 5, [("Ana Lima", "thank")]),  # but a favor always does
        ([T(50, "coffee")], 3, []),  # stale after a month; past the second-touch window; cadence (90 d) not reached
        ([T(8, "email")], 3, [("Ana Lima", "nudge")]),  # unanswered a week: nudge once
        ([T(6, "email")], 3, []),  # not yet a week
        ([T(10, "email"), T(3, "email")], 3, []),  # nudged already: never a second
        ([T(10, "email"), T(5, "email", "in")], 3, []),  # they replied
        ([T(10, "email"), T(5, "call"), T(5, "thanks")], 3, []),  # a call ends the silence
        ([T(200, "email", "in")], 2, [("Ana Lima", "keep-in-touch")]),  # weak tie: 180 days
        ([T(100, "email", "in")], 2, []),
        ([T(20, "email", "in")], 5, [("Ana Lima", "keep-in-touch")]),  # close tie: 14 days
    ],
)
def test_single_contact(touches, strength, expected, rank_due):
    assert due(rank_due, tie(1, "Ana Lima", strength, touches)) == expected


def test_reason_names_event_and_date(rank_due):
    [item] = rank_due(TODAY, [tie(1, "Ana Lima", 2, [T(2, "coffee")])])
    assert item.reason == "Thank Ana for coffee on Sat 21 Nov — thank within a day or two"
    assert item.due == date(2026, 11, 23)  # the next working day after a Saturday coffee


def test_intro_then_meet_then_report_back(rank_due):
    ana = tie(1, "Ana Lima", 3, [T(30, "email", "in"), T(20, "intro")])
    # Bo was introduced 20 days ago and not met yet: meet Bo
    bo = tie(2, "Bo Chen", 1, [], introduced_by_id=1, introduced_on=days_ago(20))
    assert ("Bo Chen", "meet") in due(rank_due, ana, bo)
    # met Bo 5 days ago: report back to Ana
    bo_met = tie(2, "Bo Chen", 1, [T(5, "coffee")], introduced_by_id=1, introduced_on=days_ago(20))
    items = due(rank_due, ana, bo_met)
    assert ("Ana Lima", "report-back") in items and ("Bo Chen", "meet") not in items
    # a report to Ana after the meeting clears it
    ana_reported = tie(1, "Ana Lima", 3, [T(30, "email", "in"), T(20, "intro"), T(20, "thanks"), T(3, "report")])
    assert ("Ana Lima", "report-back") not in due(rank_due, ana_reported, bo_met)


def test_stronger_tie_silent_as_long_ranks_first(rank_due):
    touches = [T(400, "coffee"), T(400, "thanks")]
    ranked = due(rank_due, tie(1, "Weak Wu", 1, touches), tie(2, "Close Cy", 5, touches), tie(3, "Medium Mo", 3, touches))
    assert ranked == [("Close Cy", "keep-in-touch"), ("Medium Mo", "keep-in-touch"), ("Weak Wu", "keep-in-touch")]


def test_fading_tie_says_so(rank_due):
    [item] = rank_due(TODAY, [tie(1, "Ana Lima", 2, [T(200, "call")])])
    assert "fading" in item.reason or "cold" in item.reason
    assert "last touch: call on" in item.reason


def test_snooze_and_done(rank_due):
    touches = [T(2, "coffee")]
    assert due(rank_due, tie(1, "Ana", 2, touches, snoozed_until=TODAY + timedelta(days=3))) == []
    assert due(rank_due, tie(1, "Ana", 2, touches, snoozed_until=TODAY)) == [("Ana", "thank")]
    assert due(rank_due, tie(1, "Ana", 2, touches, done={"thank": TODAY})) == []


def test_custom_cadence_overrides_strength(rank_due):
    touches = [T(400, "email", "in"), T(20, "email", "in")]
    assert due(rank_due, tie(1, "Ana", 2, touches)) == []
    assert due(rank_due, tie(1, "Ana", 2, touches, cadence_days=14)) == [("Ana", "keep-in-touch")]


def test_backdated_touch_counts_by_its_date():
    history = summarize([T(1, "call", id_=2), T(300, "call", id_=1)], 2)
    assert history.last_touch_on == days_ago(1) and history.first_touch_on == days_ago(300)


def test_empty_history():
    assert summarize([], 3) == History()


@given(
    st.lists(
        st.builds(
            rules.DueItem,
            contact_id=st.integers(1, 4),
            contact=st.sampled_from(["ana", "Ana", "bo", "Émile", "émile"]),
            action=st.sampled_from(sorted(rules.ACTION_WEIGHT)),
            reason=st.just(""),
            due=st.dates(date(2026, 11, 20), date(2026, 11, 23)),
            score=st.sampled_from([1.0, 1.5, 2.25]),
            occasion=st.sampled_from(["", "thank", "circle-back", "reconnect"]),
            also=st.just(()),
            held=st.booleans(),
        ),
        max_size=40,
    )
)
def test_ranking_order_is_one_sort_on_every_key(items):
    expected = sorted(items, key=lambda i: (i.held, rules.tier_of(i), -i.score, i.due, i.contact.casefold(), i.contact_id, i.action))
    assert rules._ranked(list(items)) == expected
