"""The keep-in-touch draft opens from what actually happened and how long ago, as the reason does.

Before, it always opened "It's been a while since ...", even to a close friend due every two weeks whose
reason said "Keep in touch with" (not "Reconnect with"). Now a tie simply due on its cadence is checked in on
("How have things been since we had coffee on 8 November?", warmly for a strong or close tie), and only a tie
gone quiet (fading, cold, or silent for twice its cadence: due.gone_quiet) gets "It's been a while". A draft
says only what was logged: the last exchange, its day and its topics. Today is Monday 2026-11-23 (conftest)."""

from __future__ import annotations


def _reason(netlog, name: str) -> str:
    [item] = [i for i in netlog.json("due", "--all") if i["contact"] == name and i["action"] == "keep-in-touch"]
    return item["reason"]


def test_a_close_friend_due_on_cadence_gets_a_warm_check_in(netlog):
    netlog("add", "Arjun Rao", "--strength", "close", "--on", "2026-10-01")
    netlog("log", "Arjun", "coffee", "--on", "2026-11-08", "--topics", "the move to Porto")
    assert _reason(netlog, "Arjun Rao").startswith("Keep in touch with Arjun — last touch: coffee on Sun 8 Nov")
    body = netlog("draft", "Arjun", "keep-in-touch").stdout
    assert "It's been a while" not in body
    assert "How have things been since we had coffee on 8 November?" in body
    assert "Last time we talked about the move to Porto; any news there?" in body
    assert any(ask in body for ask in ("Shall we find a time to catch up soon?", "Up for a coffee or a call one of these days?",
                                       "Let me know when you're free for a catch-up."))  # fmt: skip
    assert "working on" not in body  # a close friend is not asked about work


def test_a_medium_tie_on_cadence_checks_in_without_inventing_a_topic(netlog):
    netlog("add", "Bea Lund", "--strength", "medium", "--company", "Contoso", "--on", "2026-07-01")
    netlog("log", "Bea", "call", "--on", "2026-08-20")
    assert _reason(netlog, "Bea Lund").startswith("Keep in touch with Bea — last touch: call on Thu 20 Aug")
    body = netlog("draft", "Bea", "keep-in-touch").stdout
    assert "It's been a while" not in body
    assert "How have things been since we spoke in August?" in body
    assert "talked about" not in body  # no topics logged: none invented
    assert "at Contoso" in body


def test_a_faded_tie_gets_the_reconnect_opening(netlog):
    netlog("add", "Cy Cole", "--strength", "medium", "--on", "2025-01-01")
    netlog("log", "Cy", "coffee", "--on", "2025-06-02", "--topics", "sailing")
    netlog("add", "Di Dahl", "--strength", "close", "--on", "2026-01-01")
    netlog("log", "Di", "email", "--on", "2026-09-30")
    assert _reason(netlog, "Cy Cole").startswith("Reconnect with Cy")
    assert _reason(netlog, "Di Dahl").startswith("Reconnect with Di")  # 54 days: twice her two weeks
    cy = netlog("draft", "Cy", "keep-in-touch").stdout
    assert "It's been a long while since we had coffee in June 2025, and I was thinking of you." in cy
    di = netlog("draft", "Di", "keep-in-touch").stdout
    assert "It's been a while since we last wrote on 30 September, and I was thinking of you." in di
    assert "How have things been" not in cy + di


def test_a_keep_in_touch_folded_into_another_draft_checks_in_too(netlog):
    """A close friend's news, with keeping in touch folded in: the folded sentence checks in too."""
    netlog("add", "Eve Ek", "--strength", "close", "--on", "2026-10-01")
    netlog("log", "Eve", "coffee", "--on", "2026-11-06")
    netlog("edit", "Eve", "--moment", "your new job at Contoso")
    [lead] = [i for i in netlog.json("due") if i["contact"] == "Eve Ek"]
    assert [a["action"] for a in lead["also"]] == ["keep-in-touch"], lead
    body = netlog("draft", "Eve").stdout
    assert "It's been a while" not in body
    assert "And how have things been since we had coffee on 6 November?" in body
