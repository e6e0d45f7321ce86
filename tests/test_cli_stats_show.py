"""`stats` and `show`: the pictures of the network, plain when piped, JSON for machines."""

from datetime import date

import pytest

from netlog.network.profiles import months_back, per_month
from netlog.ui import render


@pytest.fixture
def network(netlog):
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--on", "2026-06-10", "--strength", "medium")
    netlog("log", "Ana", "coffee", "--on", "2026-09-02")
    netlog("log", "Ana", "favor-received", "--on", "2026-10-01")
    netlog("log", "Ana", "intro", "--to", "Bo Chen", "--on", "2026-11-20")
    netlog("add", "Carla Diaz", "--on", "2025-08-01")
    netlog("log", "Carla", "favor-given", "--on", "2025-09-01")  # more than a year ago: not in the months


def test_stats_json(netlog, network):
    s = netlog.json("stats")
    assert s["contacts"] == 3
    assert s["by_strength"] == {"acquaintance": 1, "weak": 1, "medium": 1, "strong": 0, "close": 0}
    assert s["by_warmth"] == {"warm": 1, "fading": 0, "cold": 1, "new": 1}
    assert s["due_contacts"] == 3 and s["due_by_action"]["thank"] == 1  # Bo: reach out the day after the intro
    months = s["touches_per_month"]
    assert [m["month"] for m in months][0] == "2025-12" and months[-1] == {"month": "2026-11", "touches": 1}
    assert s["touches_last_year"] == 4
    assert s["favors"] == {"given": 1, "received": 1}
    assert s["intros"]["received"] == 1 and s["intros"]["top_introducers"] == [{"name": "Ana Lima", "intros": 1}]


def test_stats_plain_text(netlog, network):
    out = netlog("stats").stdout
    assert "3 contacts by strength" in out
    assert "medium          1 ████████████████████" in out
    assert "······█··███  Dec 2025 … Nov 2026" in out
    assert "favors given 1, received 1" in out and "most from: Ana Lima (1)" in out
    assert "\x1b[" not in out and "╭" not in out  # not a terminal: no colour, no panel


def test_stats_on_an_empty_database(netlog):
    assert "0 contacts by strength" in netlog("stats").stdout
    assert netlog.json("stats")["touches_last_year"] == 0


def test_show_tells_the_story(netlog, network):
    out = netlog("show", "Ana").stdout
    lines = out.splitlines()
    assert lines[0] == "Ana Lima (#1)"
    assert "introduced you to Bo Chen" in out
    assert "they did 1 for you (a chance to give back)" in out
    assert "touches per month: ······█··███  (4 in the last year" in out
    assert "[thank] Thank Ana for introducing you to Bo on Fri 20 Nov" in out
    timeline = lines[lines.index("Timeline (newest first):") + 1 :]
    assert [line.split("  ")[1] for line in timeline] == ["Fri 20 Nov", "Thu 1 Oct", "Wed 2 Sep", "Wed 10 Jun"]
    bo = netlog("show", "Bo").stdout
    assert "introduced by Ana Lima on Fri 20 Nov" in bo


def test_show_json_has_months(netlog, network):
    months = netlog.json("show", "Ana")["touches_per_month"]
    assert len(months) == 12 and sum(m["touches"] for m in months) == 4


def test_months_and_sparkline_pure():
    assert months_back(date(2026, 2, 15), 3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    got = per_month({date(2026, 11, 2): 2, date(2026, 11, 30): 1, date(2025, 12, 31): 4}, date(2026, 11, 23))
    assert got[0] == {"month": "2025-12", "touches": 4} and got[-1] == {"month": "2026-11", "touches": 3}
    assert render.sparkline([0, 1, 4, 8]) == "·▁▄█"
    assert render.sparkline([0, 0]) == "··"
    assert render.bar(1, 100) == "█" and render.bar(0, 5) == ""


def test_on_a_terminal_a_panel_without_colour_when_no_color(netlog, network, monkeypatch):
    monkeypatch.setattr(render, "_rich", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    out = netlog("show", "Ana").stdout
    assert out.startswith("╭─ Ana Lima (#1)") and "Timeline" in out
    assert "\x1b[" not in out  # NO_COLOR is set by the test fixture
    assert max(len(line) for line in out.splitlines()) <= 60  # long lines fold inside the panel
    assert "Your network" in netlog("stats").stdout


def test_list_next_due_is_the_rules_date_after_a_dismissal(netlog):
    """Issue 13: after `done Ana keep-in-touch`, due is empty and list's next_due is a day to come, not past."""
    netlog("add", "Ana Lima", "--on", "2025-01-01", "--strength", "medium")
    assert [i["action"] for i in netlog.json("due")] == ["keep-in-touch"]
    netlog("done", "Ana", "keep-in-touch")
    assert netlog.json("due") == []
    [ana] = netlog.json("list")
    assert ana["next_due"] == "2027-02-21"  # today (2026-11-23) + the 90 days a medium tie is given
