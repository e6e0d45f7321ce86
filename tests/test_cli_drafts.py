"""`netlog draft NAME [DRAFT]` and `netlog thank` through the real CLI (issue 15): a draft for every due
item, fit to send after light editing, and --sent logging what sending it is, so the item clears."""

from __future__ import annotations

import pytest

from conftest import FIXTURES


def actions(netlog) -> list[tuple[str, str]]:
    return [(i["contact"], i["action"]) for i in netlog.json("due")]


def test_draft_writes_the_top_item_and_sent_clears_it(netlog):
    netlog("me", "--name", "Sam Rivera")
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--topics", "search, hiring", "--note", "owes me a book", "--on", "2026-11-22")
    text = netlog("draft", "Ana").stdout
    assert text.startswith("Hi Ana,") and "at PyCon" in text and "yesterday" in text
    assert "owes me a book" not in text and "From your notes" not in text  # a private note is never pasted
    assert text.rstrip().endswith("Best,\nSam Rivera")
    sent = netlog("draft", "Ana", "--sent")
    assert "Logged the thank-you you sent (thanks, today)." in sent.stderr
    assert actions(netlog) == []


def test_dates_and_places_read_right_from_the_day_it_is_written(netlog):
    netlog("add", "Bo Berg", "--strength", "acquaintance", "--on", "2026-11-08", "--met-at", "video call")
    text = netlog("draft", "Bo", "thank").stdout
    assert "on Sunday" not in text and "on Tuesday" not in text  # 15 days ago is a date, not a weekday
    assert "at video call" not in text


def test_nothing_due_is_one_line_and_a_thank_for_what_was_thanked_says_so(netlog):
    netlog("add", "Cy Ng", "--on", "2026-11-21")
    netlog("thank", "Cy", "--sent")
    result = netlog("draft", "Cy", ok=False)
    assert result.exit_code == 1 and "Nothing is due for Cy Ng" in result.stderr
    again = netlog("thank", "Cy")
    assert "No thank-you is pending for Cy" in again.stderr and again.stdout.startswith("Hi Cy,")


def test_a_nudge_sent_is_the_one_follow_up(netlog):
    netlog("add", "Dee Park", "--strength", "medium", "--on", "2026-01-10")
    netlog("log", "Dee", "email", "--on", "2026-11-14", "--note", "the Lisbon role")
    assert actions(netlog) == [("Dee Park", "nudge")]
    text = netlog("draft", "Dee").stdout
    assert "Dee" in text
    netlog("draft", "Dee", "--sent")
    assert actions(netlog) == []
    assert netlog.json("show", "Dee")["touches"][0]["kind"] == "email"


def test_report_back_to_the_introducer_also_thanks_and_clears_the_thank(netlog):
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-10-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-11-16")
    netlog("log", "Dara", "coffee", "--on", "2026-11-20")
    due = netlog.json("due")
    report = next(i for i in due if i["contact"] == "Gus Berg" and i["action"] == "report-back")
    assert "Dara" in report["reason"]
    text = netlog("draft", "Gus", "report-back").stdout
    assert "Dara" in text and "thank" in text.lower()
    netlog("draft", "Gus", "report-back", "--sent")
    assert not [a for a in actions(netlog) if a[0] == "Gus Berg" and a[1] in ("report-back", "thank")]


def test_circle_back_on_advice(netlog):
    netlog("add", "Eva Kim", "--strength", "strong", "--on", "2026-09-01")
    netlog("log", "Eva", "call", "--on", "2026-10-20", "--advice", "the Lisbon role")
    item = next(i for i in netlog.json("due") if i["occasion"] == "circle-back")
    assert "the Lisbon role" in item["reason"]
    text = netlog("draft", "Eva", "circle-back").stdout
    assert "Lisbon role" in text
    netlog("draft", "Eva", "circle-back", "--sent")
    assert not [i for i in netlog.json("due") if i["occasion"] == "circle-back"]


def test_a_dormant_tie_gets_a_reconnect_draft(netlog):
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    picks = [i for i in netlog.json("due") if i["occasion"] == "reconnect"]
    assert 0 < len(picks) <= 3 and all("connected on LinkedIn" in i["reason"] for i in picks)
    first = picks[0]
    text = netlog("draft", f"#{first['contact_id']}").stdout
    assert text.startswith("Hi ")
    netlog("draft", f"#{first['contact_id']}", "--sent")
    assert first["contact_id"] not in {i["contact_id"] for i in netlog.json("due") if i["occasion"] == "reconnect"}


def test_the_double_opt_in_intro_drafts(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "2026-10-01")
    netlog("add", "Bo Chen", "--on", "2026-10-01")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-20")  # offered three days ago: the asks are due
    netlog("intro", "Ana", "Bo", "--note", "both hiring in Lisbon")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-23")
    ask = netlog("draft", "Ana", "intro-ask").stdout
    assert "Bo" in ask
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")
    introduction = netlog("draft", "Ana", "intro-send").stdout
    assert "Ana" in introduction and "Bo" in introduction
    netlog("draft", "Ana", "intro-send", "--sent")
    assert netlog.json("show", "Ana")["intros"][0]["status"] == "sent today"


@pytest.mark.parametrize("how", [[], ["--mailto"], ["--edit"]])
def test_an_intro_sent_before_both_said_yes_is_refused_before_anything_opens(netlog, monkeypatch, how):
    """Found by tests/test_fuzz.py: `draft NAME intro-send --mailto --sent` opened (or printed) the mail link and
    then refused to log it, two lines for one refusal. Now the refusal comes first, alone."""
    monkeypatch.setenv("EDITOR", "false")  # an editor run would fail the test's one-line check anyway
    netlog("add", "Ana Lima", "--on", "2026-10-01", "--email", "ana@example.org")
    netlog("add", "Bo Chen", "--on", "2026-10-01")
    netlog("intro", "Ana", "Bo", "--note", "both hiring in Lisbon")
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    result = netlog("draft", "Ana", "intro-send", *how, "--sent", ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == ["netlog: Both sides need to say yes before you send the intro (double opt-in); use --yes-from."]
    assert netlog.json("show", "Ana")["intros"][0]["status"] != "sent today"


def test_unknown_draft_is_one_line(netlog):
    netlog("add", "Ana Lima")
    result = netlog("draft", "Ana", "sonnet", ok=False)
    assert result.exit_code == 1 and 'Unknown draft "sonnet"' in result.stderr


def test_the_draft_of_a_lead_item_says_what_was_folded_into_it(netlog, monkeypatch):
    """Issue 24: a person's other items are folded into their lead item's reason *and its draft*. A late
    thank-you is also the second touch; an intro ask to someone overdue also keeps in touch. One sentence more,
    not a list of reasons; sending it clears what it said."""
    netlog("add", "Eve Fox", "--met-at", "PyCon", "--on", "2026-11-09")  # 14 days ago: thank-you and second touch
    [eve] = [i for i in netlog.json("due") if i["contact"] == "Eve Fox"]
    assert eve["occasion"] == "thank" and [a["occasion"] for a in eve["also"]] == ["second-touch"]
    text = netlog("draft", "Eve").stdout
    assert "Thank you for taking the time to meet at PyCon" in text
    assert "I came across something I thought you'd find useful: [a link, an article or a contact]." in text
    assert text.count("stay in touch") == 1

    netlog("add", "Ana Lima", "--strength", "medium", "--on", "2026-07-01")
    netlog("log", "Ana", "coffee", "--on", "2026-08-10")
    netlog("add", "Bo Chen", "--on", "2026-10-01")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-20")
    netlog("intro", "Ana", "Bo", "--why", "you are both hiring in Lisbon")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-23")
    [ana] = [i for i in netlog.json("due") if i["contact"] == "Ana Lima"]
    assert ana["occasion"] == "intro-ask" and [a["occasion"] for a in ana["also"]] == ["keep-in-touch"]
    ask = netlog("draft", "Ana").stdout
    assert "I'd like to introduce you to Bo Chen" in ask
    assert "And how have things been since we had coffee in August?" in ask  # a medium tie on cadence, not gone quiet
    assert ask.index("introduce you") < ask.index("And how have things been") < ask.index("Best,")
    netlog("draft", "Ana", "--sent")
    assert [i["occasion"] for i in netlog.json("due") if i["contact"] == "Ana Lima"] == []
