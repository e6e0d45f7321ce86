"""The morning list's words (issue 24's "plain, true reason"), through the real CLI on a fixed Monday 23 Nov 2026:
each reason says what happened, in the words a networker would use."""

from __future__ import annotations


def _reason(netlog, name: str, occasion: str | None = None) -> str:
    found = [i for i in netlog.json("due") if i["contact"] == name and (occasion is None or i["occasion"] == occasion)]
    assert len(found) == 1, found
    return found[0]["reason"]


def test_a_close_friend_due_on_cadence_is_kept_in_touch_with_not_reconnected(netlog):
    """'Reconnect with Arjun' two weeks after a call with a close friend: nothing has gone cold, the cadence came."""
    netlog("add", "Arjun Mehta", "--strength", "close", "--on", "2025-06-01")
    netlog("log", "Arjun", "call", "--on", "2026-11-08")
    reason = _reason(netlog, "Arjun Mehta")
    assert reason.startswith("Keep in touch with Arjun — last touch: call on Sun 8 Nov (2 weeks ago); you aim for every 2 weeks")
    assert "Reconnect" not in reason


def test_a_tie_gone_cold_is_reconnected_with(netlog):
    netlog("add", "Femi Costa", "--on", "2026-02-19")  # weak, met once nine months ago
    reason = _reason(netlog, "Femi Costa")
    assert reason.startswith("Reconnect with Femi — last touch: met on Thu 19 Feb") and reason.endswith("the tie is cold")


def test_a_folded_keep_in_touch_reads_after_also(netlog):
    netlog("add", "Jun Petrov", "--strength", "strong", "--on", "2025-06-01")
    netlog("log", "Jun", "call", "--on", "2026-10-14", "--advice", "the Berlin move")
    reason = _reason(netlog, "Jun Petrov")
    assert reason.startswith("Tell Jun how the advice on the Berlin move worked out")
    assert reason.endswith("Also: keep in touch with Jun")


def test_giving_back_before_the_cadence_says_nothing_of_reconnecting(netlog):
    """'... a chance to give back. Reconnect with Carla — last touch: their favor on Sun 1 Nov (3 weeks ago); you aim
    for every 3 months': three weeks is not the three months aimed for, and nothing has gone cold."""
    netlog("add", "Carla Reis", "--strength", "medium", "--on", "2026-06-01")
    netlog("log", "Carla", "favor-received", "--on", "2026-10-20")
    netlog("log", "Carla", "favor-received", "--on", "2026-11-01")
    reason = _reason(netlog, "Carla Reis", "give-back")
    assert reason == "Carla has helped you twice since October; you have not returned a favor — a chance to give back"


def test_telling_the_introducer_after_the_nudge_says_what_happened(netlog):
    """After the nudge the reason still said 'has had no reply in a week' of an email three weeks old."""
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-09-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-10-31")
    netlog("log", "Dara", "email", "--on", "2026-11-02")
    netlog("log", "Dara", "email", "--on", "2026-11-09")  # the nudge
    reason = _reason(netlog, "Gus Berg", "tell-introducer")
    assert "in a week" not in reason
    assert reason.startswith(
        "Tell Gus that Dara Ng has not answered yet — your email on Mon 2 Nov (3 weeks ago) and your follow-up have had no reply"
    )


def test_telling_the_introducer_instead_of_the_nudge_says_how_long(netlog):
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-09-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-10-31")
    netlog("log", "Dara", "email", "--on", "2026-11-02")
    netlog("done", "Dara", "nudge")
    reason = _reason(netlog, "Gus Berg", "tell-introducer")
    assert reason.startswith("Tell Gus that Dara Ng has not answered yet — your email on Mon 2 Nov (3 weeks ago) has had no reply;")


def test_a_contact_from_an_import_is_not_dated_by_the_import(netlog, tmp_path):
    """A phone card imported today read 'in your contacts since Mon 23 Nov': the day of the import, as if met then."""
    card = tmp_path / "antoine.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Antoine Dubois\r\nORG:Tailspin Audio\r\nEND:VCARD\r\n", encoding="utf-8")
    netlog("import", "vcard", str(card))
    reason = _reason(netlog, "Antoine Dubois", "reconnect")
    assert "since Mon 23 Nov" not in reason and "23 Nov" not in reason
    assert reason.startswith("Reconnect with Antoine — no touch logged yet;")


def test_a_late_thank_you_is_the_second_touch(netlog):
    """The 300-contact walk: Noor's thank-you, sent 13 days after meeting her, was followed the next morning by
    'Second touch with Noor — you met on Tue 10 Nov and have not been in touch since'. A late thank-you is the
    second touch; one sent within a day or two only acknowledges the meeting, and the second touch still comes."""
    netlog("add", "Noor Schmidt", "--on", "2026-11-09")
    netlog("log", "Noor", "thanks", "--on", "2026-11-20")
    assert [i for i in netlog.json("due") if i["contact"] == "Noor Schmidt"] == []
    netlog("add", "Eve Fox", "--on", "2026-11-09")
    netlog("log", "Eve", "thanks", "--on", "2026-11-10")
    assert _reason(netlog, "Eve Fox", "second-touch").startswith(
        "Second touch with Eve — you met on Mon 9 Nov and have not been in touch since your thank-you;"
    )


def test_days_off_take_dates_too(netlog):
    """`me --days-off sat,sun,2026-11-23`: a holiday on Monday moves Friday's thank-you to Tuesday."""
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    assert [i["due"] for i in netlog.json("due") if i["action"] == "thank"] == ["2026-11-23"]
    netlog("me", "--days-off", "sat,sun,2026-11-23")
    assert netlog.json("me")["days_off"] == ["sat", "sun", "2026-11-23"]
    assert "days off: sat,sun,2026-11-23" in netlog("me").stdout
    assert [i for i in netlog.json("due") if i["action"] == "thank"] == []
    assert [i["due"] for i in netlog.json("due", "--on", "2026-11-24") if i["action"] == "thank"] == ["2026-11-24"]
    netlog("me", "--days-off", "fri,sat")
    assert netlog.json("me")["days_off"] == ["fri", "sat"]
    bad = netlog("me", "--days-off", "sat,2026-13-01", ok=False)
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1 and "2026-13-01" in bad.stderr


def test_add_takes_a_first_email_they_sent(netlog):
    """A first email someone sent you took `add` then `log --received`; `add --how email` alone logged it as
    yours, and a week later asked to nudge them about their own email."""
    result = netlog("add", "Ivy Stone", "--how", "email", "--received", "--on", "2026-11-10")
    assert "Ivy Stone" in result.stderr and "emailed you" in result.stderr
    [touch] = netlog.json("show", "Ivy Stone")["touches"]
    assert (touch["kind"], touch["direction"]) == ("email", "in")
    assert [i for i in netlog.json("due") if i["action"] == "nudge"] == []
    bad = netlog("add", "Bo Berg", "--received", ok=False)
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1 and "--received" in bad.stderr


def test_working_days_skip_single_days_off():
    """rules/workdays.py: a holiday is skipped like a weekend; both counts agree with it."""
    from datetime import date, timedelta

    from netlog.rules.workdays import add_workdays, parse_days_off, workdays_between

    off = parse_days_off("sat,sun,2026-11-23,2026-11-28")  # a Monday holiday, and a Saturday one (already off)
    assert add_workdays(date(2026, 11, 20), 1, off) == date(2026, 11, 24)
    assert add_workdays(date(2026, 11, 20), 2, off) == date(2026, 11, 25)
    for start in (date(2026, 11, 19) + timedelta(days=n) for n in range(6)):
        for n in range(12):
            assert workdays_between(start, add_workdays(start, n, off), off) == n


def test_checking_in_on_an_intro_brings_no_nudge(netlog, monkeypatch):
    """The 300-contact walk checked in with both sides of an intro it made ("How did it go with Zara?") and a week
    later listed 'Nudge Goran once' and 'Nudge Zara once': a check-in is a courtesy to people you helped, and their
    silence owes you nothing."""
    netlog("add", "Ana Lima", "--strength", "medium", "--on", "2026-06-01")
    netlog("add", "Bo Chen", "--strength", "medium", "--on", "2026-06-01")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-02")
    netlog("intro", "Ana", "Bo", "--why", "both hiring in Lisbon")
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")
    netlog("intro", "Ana", "Bo", "--sent")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-16")
    assert {i["occasion"] for i in netlog.json("due") if i["contact"] == "Ana Lima"} == {"intro-check-in"}
    netlog("draft", "Ana", "intro-check-in", "--sent")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-24")
    assert [i for i in netlog.json("due") if i["contact"] == "Ana Lima"] == []


def test_a_last_touch_is_named_in_words_not_kind_names(netlog):
    """'Keep in touch with Gus — last touch: report on ...' named netlog's kind, not what happened."""
    netlog("add", "Gus Berg", "--strength", "strong", "--on", "2025-06-01")
    netlog("log", "Gus", "report", "--on", "2026-10-01")
    assert "last touch: an update on Thu 1 Oct" in _reason(netlog, "Gus Berg")
    netlog("add", "Hana Novak", "--strength", "strong", "--on", "2025-06-01")
    netlog("log", "Hana", "intro", "--to", "Dara Ng", "--on", "2026-10-01")
    assert "last touch: their intro on Thu 1 Oct" in _reason(netlog, "Hana Novak")


def test_an_intro_ask_keeps_its_one_nudge_until_a_yes_or_a_no(netlog, monkeypatch):
    """Issue 24: "a reach-out, meet, intro ask or cold email keeps the one nudge". An ask sent with `draft --sent`
    that has no answer a week later is nudged; the side that said yes (`intro --yes-from`, logged as their answer)
    or no is not. Before, the ask was logged as expecting no reply and the intro stalled with nothing listed."""
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--on", "2026-10-01")
    netlog("add", "Bo Berg", "--met-at", "PyCon", "--on", "2026-10-01")
    netlog("add", "Cy Chen", "--met-at", "PyCon", "--on", "2026-10-01")
    netlog("intro", "Ana", "Bo", "--why", "both hiring in Lisbon")
    netlog("intro", "Cy", "Bo", "--why", "both write Rust")
    for name in ("Ana", "Bo", "Cy"):
        netlog("draft", name, "intro-ask", "--sent")  # Mon 23 Nov
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-25")
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")
    netlog("intro", "Cy", "Bo", "--declined-by", "Cy")
    assert "said yes to your intro to Ana Lima" in netlog("show", "Bo").stdout
    monkeypatch.setenv("NETLOG_TODAY", "2026-12-01")
    items = {i["contact"]: i for i in netlog.json("due")}
    assert items["Ana Lima"]["action"] == "nudge"
    assert items["Ana Lima"]["reason"].startswith("Nudge Ana once — your email on Mon 23 Nov has had no reply")
    assert "Bo Berg" not in items or items["Bo Berg"]["action"] != "nudge"
    assert "Cy Chen" not in items or items["Cy Chen"]["action"] != "nudge"
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    items = {i["contact"]: i for i in netlog.json("due")}
    assert "Ana Lima" not in items or items["Ana Lima"]["action"] != "nudge"
    assert any(i["occasion"] == "intro-send" for i in items.values())
