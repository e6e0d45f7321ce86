"""Scenario tables for issue 15: the due list a thoughtful networker would write, on real data. Each runs on
the pure rules and through `netlog due`'s stored read on SQLite and PostgreSQL (the `rank_due` fixture),
except the few marked inherently pure (a parameter of rank_due, or a score function)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netlog.rules import due as rules
from netlog.rules.due import Tie
from netlog.rules.history import Touch, summarize

TODAY = date(2026, 11, 23)  # Monday


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


DIRECTION = {"email": "out", "message": "out", "intro": "in", "favor-received": "in", "thanks": "out", "report": "out",
             "favor-given": "out", "share": "out", "congrats": "out"}  # fmt: skip


def touch(n: int, kind: str, direction: str | None = None, **fields) -> tuple:
    """A touch n days ago, made into a Touch by `person` (which numbers them in order)."""
    return n, kind, direction or DIRECTION.get(kind, "both"), fields


def person(tie_id: int, name: str, touches=(), strength: int = 2, **extra) -> Tie:
    numbered = [Touch(days_ago(n), k, d, tie_id * 100 + i, **f) for i, (n, k, d, f) in enumerate(touches, 1)]
    birthday = {"birthday": extra["birthday"]} if extra.get("birthday") else {}
    history = summarize(numbered, strength, extra.get("introduced_on"), **birthday)
    extra.setdefault("created_on", days_ago(400))
    return Tie(tie_id, name, strength, history=history, **extra)


def listed(items) -> list[tuple[str, str]]:
    return [(i.contact, i.action) for i in items]


# Introductions --------------------------------------------------------------------------------------------

GUS, DARA = 1, 2


def gus(*touches, **extra) -> Tie:
    return person(GUS, "Gus Berg", [touch(200, "coffee"), touch(199, "thanks"), *touches], strength=3, **extra)


def dara(introduced: int, *touches, **extra) -> Tie:
    return person(DARA, "Dara Wei", touches, strength=1, introduced_by_id=GUS, introduced_on=days_ago(introduced),
                  created_on=days_ago(introduced), **extra)  # fmt: skip


INTRO = touch(1, "intro")


def test_reach_out_the_day_after_the_intro(rank_due):
    """Write to the person introduced the day after the intro, not a week later."""
    items = [i for i in rank_due(TODAY, [gus(INTRO), dara(1)]) if i.contact == "Dara Wei"]
    assert [(i.action, i.due) for i in items] == [("meet", TODAY)]
    assert items[0].reason == (
        "Reach out to Dara Wei — Gus Berg introduced you on Sun 22 Nov; write while the intro is warm"
    )
    assert [i for i in rank_due(TODAY, [gus(), dara(0)]) if i.contact == "Dara Wei"] == []  # introduced today


def test_meet_reminder_once_in_touch_but_not_met(rank_due):
    """They answered my note but we have not met: a meet reminder about a week after the intro."""
    intro = touch(7, "intro")
    in_touch = dara(7, touch(6, "email"), touch(5, "email", "in"))
    items = [i for i in rank_due(TODAY, [gus(intro, touch(6, "thanks")), in_touch]) if i.contact == "Dara Wei"]
    assert [i.action for i in items] == ["meet"]
    assert items[0].reason.startswith("Meet Dara Wei — Gus Berg introduced you on Mon 16 Nov and you are in touch")
    early = dara(7, touch(6, "email"), touch(5, "email", "in"))
    assert [i for i in rank_due(days_ago(2), [gus(intro), early]) if i.contact == "Dara Wei" and i.action == "meet"] == []


def test_report_back_the_day_after_meeting_even_unthanked(rank_due):
    """Met yesterday, the intro never thanked: one report-back today, which carries the thank-you."""
    intro = touch(10, "intro")
    items = rank_due(TODAY, [gus(intro), dara(10, touch(9, "email"), touch(1, "coffee"), touch(0, "thanks"))])
    about_gus = [i for i in items if i.contact == "Gus Berg"]
    assert [(i.action, i.due) for i in about_gus] == [("report-back", TODAY)]
    assert about_gus[0].reason.startswith("Tell Gus how it went with Dara Wei and thank them for the intro")


def test_a_report_also_clears_the_intro_thank_you(rank_due):
    intro = touch(10, "intro")
    met = dara(10, touch(9, "email"), touch(2, "coffee"), touch(1, "thanks"))
    reported = gus(intro, touch(0, "report"))
    assert [i for i in rank_due(TODAY, [reported, met]) if i.contact == "Gus Berg"] == []
    later = TODAY + timedelta(days=18)
    assert [i.action for i in rank_due(later, [reported, met]) if i.contact == "Gus Berg"] == []


def test_no_answer_tells_the_introducer_after_the_one_nudge(rank_due):
    """I wrote to Dara the day after the intro; a week on, no answer: nudge Dara, and only then (issue 24:
    after, or instead of, the nudge) tell Gus, a week after the nudge. Nothing else."""
    intro = touch(9, "intro")
    items = rank_due(TODAY, [gus(intro, touch(8, "thanks")), dara(9, touch(8, "email"))])
    assert listed(items) == [("Dara Wei", "nudge")]
    # Wrote on Sun 8 Nov, nudged on Sun 15 Nov, still silent a week later: tell Gus.
    intro = touch(16, "intro")
    nudged = dara(16, touch(15, "email"), touch(8, "email"))
    items = rank_due(TODAY, [gus(intro, touch(15, "thanks")), nudged])
    assert listed(items) == [("Gus Berg", "report-back")]
    tell = items[0]
    assert (tell.occasion, tell.other_id) == ("tell-introducer", DARA)
    assert tell.reason.startswith("Tell Gus that Dara Wei has not answered yet — your email on Sun 8 Nov")
    reported = gus(intro, touch(15, "thanks"), touch(0, "report"))
    assert listed(rank_due(TODAY, [reported, nudged])) == []
    # The nudge dismissed instead (`done Dara nudge`): tell Gus from then on.
    skipped = dara(9, touch(8, "email"), done={"nudge": days_ago(0)})
    assert listed(rank_due(TODAY, [gus(touch(9, "intro"), touch(8, "thanks")), skipped])) == [("Gus Berg", "report-back")]


def test_the_intro_thank_names_who_was_introduced(rank_due):
    [thank] = [i for i in rank_due(TODAY, [gus(touch(1, "intro", other_id=DARA)), dara(1)]) if i.action == "thank"]
    assert thank.reason == "Thank Gus for introducing you to Dara on Sun 22 Nov — thank within a day or two"


# Ranking ------------------------------------------------------------------------------------------------


def test_a_late_item_stops_gaining_weight(rank_due):
    """Past its on-time window (a thank-you's 24-48 hours) an item weighs the same however late it is."""
    five, twenty = (
        next(i for i in rank_due(TODAY, [person(1, "Ana Lima", [touch(n, "coffee")])]) if i.action == "thank")
        for n in (6, 13)  # (a thank-you is listed for two weeks: THANK_STALE_DAYS)
    )
    assert five.score == twenty.score == rules.ACTION_WEIGHT["thank"] * rules.STRENGTH_WEIGHT[2] * rules.LATE_FACTOR


def test_a_fresh_thank_you_outranks_a_late_one_of_a_closer_tie(rank_due):
    late_close = person(1, "Cy Close", [touch(60, "coffee"), touch(10, "favor-received")], strength=5)
    fresh_weak = person(2, "Wu Weak", [touch(1, "coffee")], strength=1)
    assert listed(rank_due(TODAY, [late_close, fresh_weak]))[:2] == [("Wu Weak", "thank"), ("Cy Close", "thank")]


def test_keep_in_touch_is_bounded_below_fresh_thank_yous(rank_due):
    """A strong tie silent for 22 months does not outrank three fresh thank-yous."""
    silent = person(1, "Sam Strong", [touch(670, "coffee")], strength=4)
    fresh = [person(n, name, [touch(1, "coffee")], strength=1) for n, name in ((2, "Al A"), (3, "Bea B"), (4, "Cal C"))]
    ranked = listed(rank_due(TODAY, [silent, *fresh]))
    assert ranked == [("Al A", "thank"), ("Bea B", "thank"), ("Cal C", "thank"), ("Sam Strong", "keep-in-touch")]
    assert rank_due(TODAY, [silent])[0].score == rules.KEEP_IN_TOUCH_MAX_RATIO * rules.STRENGTH_WEIGHT[4]


def test_the_worked_example_of_docs_rules_md(rank_due):
    """The scores docs/rules.md works out, so the page cannot go stale."""
    ties = [
        person(1, "Ana Lima", [touch(1, "coffee")], strength=2),  # a thank-you due today: 5 x 1.25 x 1
        person(2, "Bo Chen", [touch(9, "email")], strength=3),  # nudge 2 days into its week: 3 x 1.5 x (1 + 2/7)
        person(3, "Cy Diaz", [touch(12, "coffee")], strength=3),  # a thank-you 11 days late: 5 x 1.5 x 0.4
        person(4, "Dee Eng", [touch(150, "call")], strength=3),  # 150 days silent, 90-day cadence: 1.5 x 1.67
        person(5, "Eve Fox", [touch(400, "call")], strength=4),  # 400 days, 30-day cadence: 1.75 x 2 (the cap)
    ]
    scored = [(i.contact, i.action, i.score) for i in rank_due(TODAY, ties)]
    assert scored == [  # what perishes first (tiers), then by score
        ("Ana Lima", "thank", 6.25),
        ("Bo Chen", "nudge", 5.79),
        ("Cy Diaz", "thank", 3.0),
        ("Eve Fox", "keep-in-touch", 3.5),
        ("Dee Eng", "keep-in-touch", 2.5),
    ]


# Imported networks ----------------------------------------------------------------------------------------


def linkedin(tie_id: int, name: str, connected: int, company: str | None = None, strength: int = 1, **extra) -> Tie:
    """A contact as LinkedIn's Connected On imports it: a `connected` touch, strength not set by the user."""
    extra.setdefault("strength_set", False)
    return person(tie_id, name, [touch(connected, "connected", place="LinkedIn")], strength=strength, company=company,
                  created_on=days_ago(0), **extra)  # fmt: skip


def test_a_connection_is_not_a_meeting(rank_due):
    """Connected 17 days ago: no thank-you, no second touch; a dormant tie, offered as a reconnect."""
    items = rank_due(TODAY, [linkedin(1, "Ana Lima", 17)])
    assert [(i.action, i.occasion) for i in items] == [("keep-in-touch", "reconnect")]
    assert items[0].reason.startswith("Reconnect with Ana — connected on LinkedIn on Fri 6 Nov and not in touch since")


def test_a_set_strength_follows_the_normal_cadence(rank_due):
    fresh = linkedin(1, "Ana Lima", 17, strength_set=True)
    assert rank_due(TODAY, [fresh]) == []  # no thank-you, no second touch, a year's cadence not reached
    old = linkedin(1, "Ana Lima", 800, strength_set=True)
    [item] = rank_due(TODAY, [old])
    assert (item.action, item.occasion) == ("keep-in-touch", "keep-in-touch")
    assert item.reason == (
        "Reconnect with Ana — connected on LinkedIn on Sat 14 Sep 2024 and not in touch since; you aim for every year"
    )


def test_a_real_touch_ends_dormancy(rank_due):
    met = person(1, "Ana Lima", [touch(900, "connected", place="LinkedIn"), touch(1, "coffee")], strength=1,
                 strength_set=False)  # fmt: skip
    assert [(i.action, i.occasion) for i in rank_due(TODAY, [met])] == [("thank", "thank")]


def bench_network(rows: int = 10_000) -> list[Tie]:
    """bench/linkedin_rows.py's LinkedIn export as the import leaves it, plus a few active ties."""
    first = ["Ana", "Ben", "Chen", "Dara", "Élodie", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal", "Lea"]
    ties = [
        linkedin(i + 10, f"{first[i % 12]} Person {i}", 3 + i % 3000, company=f"Company {i % 500}, Inc.")
        for i in range(rows)
    ]
    active = [person(n, f"Active {n}", [touch(60, "coffee"), touch(59, "thanks")], strength=3, company=f"Company {n}")
              for n in range(1, 6)]  # fmt: skip
    return active + ties


def test_a_ten_thousand_row_import_adds_three_a_day():
    """Inherently pure (10,000 ties): the allowance, not the import, decides how many reconnects are listed."""
    ties = bench_network()
    for day in (TODAY, TODAY + timedelta(days=6), TODAY + timedelta(days=29)):
        items = rules.rank_due(day, ties)
        reconnects = [i for i in items if i.occasion == "reconnect"]
        assert len(reconnects) == rules.RECONNECT_PER_DAY, day
        assert len(items) <= 10, day
        assert all(rules.company_key(i.reason.split(" are at ")[-1].split(";")[0]) not in
                   {"company 1", "company 2", "company 3", "company 4", "company 5"} for i in reconnects)  # fmt: skip
    assert len([i for i in rules.rank_due(TODAY, ties, reconnect_per_day=10) if i.occasion == "reconnect"]) == 10
    assert [i for i in rules.rank_due(TODAY, ties, reconnect_per_day=0) if i.occasion == "reconnect"] == []


def test_the_pick_is_fixed_for_a_day_and_rotates():
    """Inherently pure: the same day gives the same three; ignoring them brings three others tomorrow."""
    ties = bench_network(300)

    def pick(day):
        return [i.contact_id for i in rules.rank_due(day, ties) if i.occasion == "reconnect"]

    assert pick(TODAY) == pick(TODAY) == pick(TODAY)
    seen = [pick(TODAY + timedelta(days=n)) for n in range(20)]
    assert len({cid for day in seen for cid in day}) == 60  # twenty days, sixty different people


def test_once_strong_and_non_redundant_first(rank_due):
    """An address-book card (strength 2 as imported) before LinkedIn clicks; a company none of your active
    ties work at before one they do."""
    active = person(1, "Al Active", [touch(60, "coffee")], strength=3, company="Contoso Ltd")  # no thank-you, no second touch left
    same = [linkedin(n, f"Same {n}", 400, company="Contoso") for n in range(10, 14)]
    novel = linkedin(20, "Nova New", 400, company="Fabrikam")
    card = person(30, "Carla Card", [], strength=2, strength_set=False, created_on=days_ago(5))
    picked = [i.contact for i in rank_due(TODAY, [active, *same, novel, card]) if i.occasion == "reconnect"]
    assert picked[:2] == ["Carla Card", "Nova New"] and len(picked) == 3
    [nova] = [i for i in rank_due(TODAY, [active, *same, novel]) if i.contact == "Nova New"]
    assert "none of your active ties are at Fabrikam" in nova.reason


def test_a_dormant_birthday_comes_first(rank_due):
    """A birthday perishes: it is listed first, beside the day's allowance of reconnects, not inside it."""
    ties = [linkedin(n, f"Person {n}", 400, company=f"Co {n}") for n in range(1, 8)]
    ties.append(linkedin(9, "Bea Birthday", 400, birthday="11-25"))
    items = rank_due(TODAY, ties)
    assert items[0].contact == "Bea Birthday" and items[0].occasion == "birthday"
    assert len(items) == 1 + rules.RECONNECT_PER_DAY


def test_a_dismissed_reconnect_sits_out_a_cadence(rank_due):
    resting = linkedin(1, "Ana Lima", 400, done={"keep-in-touch": days_ago(10)})
    assert rank_due(TODAY, [resting]) == []
    assert len(rank_due(TODAY + timedelta(days=356), [resting])) == 1


# Messages and what they expect ------------------------------------------------------------------------------

NO_NUDGE_CASES = [
    # (why, touches, birthday, nudged?)
    ("an email that expects no reply", [touch(8, "email", expects_reply=False)], None, False),
    ("a happy-birthday message on the day", [touch(8, "message")], "11-15", False),
    ("a message two days before the birthday", [touch(8, "message")], "11-17", False),
    ("a message a week before the birthday expects an answer", [touch(8, "message")], "11-22", True),
    ("congratulations ask for nothing", [touch(8, "congrats")], None, False),
    ("nor does a share", [touch(8, "share")], None, False),
    ("a real question after the birthday message is nudged", [touch(12, "message"), touch(8, "email")], "11-11", True),
]


@pytest.mark.parametrize("why, touches, birthday, nudged", NO_NUDGE_CASES, ids=[c[0] for c in NO_NUDGE_CASES])
def test_messages_that_expect_no_answer_open_no_silence(why, touches, birthday, nudged, rank_due):
    ana = person(1, "Ana Lima", [touch(100, "coffee"), *touches], strength=3, birthday=birthday)
    assert ("Ana Lima", "nudge") in listed(rank_due(TODAY, [ana])) if nudged else ("Ana Lima", "nudge") not in listed(
        rank_due(TODAY, [ana])
    )


SECOND_TOUCH_CASES = [
    # (why, touches, second touch due?)
    ("a call and their reply three days after meeting", [touch(20, "met"), touch(17, "call"), touch(17, "email", "in")], False),
    ("a reply the next day", [touch(20, "met"), touch(19, "email", "in")], False),
    ("only my thank-you the next day", [touch(20, "met"), touch(19, "thanks")], True),
    ("only a LinkedIn connection after meeting", [touch(20, "met"), touch(18, "connected", place="LinkedIn")], True),
]  # fmt: skip


@pytest.mark.parametrize("why, touches, due", SECOND_TOUCH_CASES, ids=[c[0] for c in SECOND_TOUCH_CASES])
def test_real_touches_in_the_first_days_count(why, touches, due, rank_due):
    items = rank_due(TODAY, [person(1, "Tom Ito", touches)])
    assert any(i.reason.startswith("Second touch with Tom") for i in (*items, *(o for i in items for o in i.also))) is due


def test_keep_in_touch_names_the_last_real_exchange(rank_due):
    ana = person(1, "Ana Lima", [touch(313, "coffee"), touch(312, "thanks")], strength=3)
    [item] = rank_due(TODAY, [ana])
    assert item.reason.startswith("Reconnect with Ana — last touch: coffee on Wed 14 Jan (10 months ago)")


def test_full_names_when_two_contacts_share_a_first_name(rank_due):
    lima = person(1, "Ana Lima", [touch(1, "coffee")])
    souza = person(2, "Ána Souza", [touch(50, "coffee"), touch(49, "thanks")], cadence_days=3650)  # nothing due
    bo = person(3, "Bo Chen", [touch(1, "coffee")])
    reasons = [i.reason for i in rank_due(TODAY, [lima, souza, bo])]
    assert reasons == [
        "Thank Ana Lima for coffee on Sun 22 Nov — thank within a day or two",
        "Thank Bo for coffee on Sun 22 Nov — thank within a day or two",
    ]


THANK_WANTED_CASES = [
    # (why, strength, touch, thank due?)
    ("a former manager's career advice over a call", 5, touch(1, "call", thank_wanted=True), True),
    ("a close tie's call, by default", 5, touch(1, "call"), False),
    ("a weak tie's quick call the user says needs none", 2, touch(1, "call", thank_wanted=False), False),
    ("an email from them with their advice", 4, touch(1, "email", "in", thank_wanted=True), True),
    ("never for something I sent", 2, touch(1, "email", thank_wanted=True), False),
]


@pytest.mark.parametrize("why, strength, one, due", THANK_WANTED_CASES, ids=[c[0] for c in THANK_WANTED_CASES])
def test_the_user_says_what_deserves_a_thank_you(why, strength, one, due, rank_due):
    ana = person(1, "Ana Lima", [touch(10, "coffee"), touch(9, "thanks"), one], strength=strength, cadence_days=3650)
    assert (("Ana Lima", "thank") in listed(rank_due(TODAY, [ana]))) is due


CIRCLE_BACK_CASES = [
    # (why, touches, expected report-back reason start or None)
    ("three weeks after the advice", [touch(21, "coffee", advice="the Lisbon role"), touch(20, "thanks")],
     "Tell Ana how the advice on the Lisbon role worked out — given on Mon 2 Nov"),
    ("two weeks: not yet", [touch(14, "coffee", advice="the Lisbon role"), touch(13, "thanks")], None),
    ("reported already", [touch(30, "coffee", advice="the Lisbon role"), touch(29, "thanks"), touch(3, "report")], None),
    ("months later: no longer listed", [touch(90, "coffee", advice="the Lisbon role"), touch(89, "thanks")], None),
    ("the latest advice counts", [touch(40, "call", advice="pricing"), touch(30, "report"), touch(22, "email", "in", advice="about hiring")],
     "Tell Ana how the advice about hiring worked out"),
]  # fmt: skip


@pytest.mark.parametrize("why, touches, expected", CIRCLE_BACK_CASES, ids=[c[0] for c in CIRCLE_BACK_CASES])
def test_circle_back_on_advice(why, touches, expected, rank_due):
    ana = person(1, "Ana Lima", [touch(100, "met"), *touches], strength=4, cadence_days=3650)
    items = [i for i in rank_due(TODAY, [ana]) if i.action == "report-back"]
    if expected is None:
        assert items == []
    else:
        assert [i.occasion for i in items] == ["circle-back"] and items[0].reason.startswith(expected)


def test_every_reason_is_an_invitation(rank_due):
    ties = bench_network(50)[5:] + [gus(INTRO), dara(1)]  # the imports, without the active ties (ids 1-5)
    for item in rank_due(TODAY, ties):
        for word in ("neglect", "overdue", "ignored", "owe", "debt"):
            assert word not in item.reason.lower()
