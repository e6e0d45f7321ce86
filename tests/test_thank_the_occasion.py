"""A thank-you is for the day's occasion, not for the short call around it. In the morning walk of the shared
samples, Gus had lunch with Sam at Cervejaria Trindade on 20 Oct (calendar) and called him for 95 seconds that
noon (Telegram); `thank Gus` wrote "Thank you for the call on 20 October". Of several touches one day that want
a thank-you, the one thanked for is a favor or an intro, then time together in person, then a call or video.
Today: Monday 2026-11-23 (conftest)."""

from __future__ import annotations


def test_lunch_and_a_call_the_same_day_thank_for_the_lunch(netlog):
    netlog("add", "Gus Berg", "--on", "2026-10-01")
    netlog("log", "Gus", "meal", "--on", "2026-11-20", "--met-at", "Cervejaria Trindade")
    netlog("log", "Gus", "call", "--on", "2026-11-20")
    [item] = [i for i in netlog.json("due") if i["action"] == "thank"]
    assert item["reason"] == "Thank Gus for the meal on Fri 20 Nov — thank within a day or two"
    body = netlog("thank", "Gus").stdout
    assert "Cervejaria Trindade" in body and "the call" not in body, body


def test_a_call_on_another_day_is_still_thanked_for(netlog):
    netlog("add", "Gus Berg", "--on", "2026-10-01")
    netlog("log", "Gus", "meal", "--on", "2026-11-19")
    netlog("log", "Gus", "call", "--on", "2026-11-20")
    [item] = [i for i in netlog.json("due") if i["action"] == "thank"]
    assert "call on Fri 20 Nov" in item["reason"], item["reason"]
    assert "the call on Friday" in netlog("thank", "Gus").stdout


def test_with_nothing_pending_the_draft_also_picks_the_occasion(netlog):
    """Thanked already (a `thanks` sent after): `thank` still names the lunch, not the call."""
    netlog("add", "Gus Berg", "--on", "2026-10-01")
    netlog("log", "Gus", "meal", "--on", "2026-11-20", "--met-at", "Cervejaria Trindade")
    netlog("log", "Gus", "call", "--on", "2026-11-20")
    netlog("log", "Gus", "thanks", "--on", "2026-11-21")
    body = netlog("thank", "Gus").stdout
    assert "Cervejaria Trindade" in body and "the call" not in body, body
