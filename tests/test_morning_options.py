"""Issue 24's new options and drafts, through the real CLI on small networks (the suite's today, Monday
2026-11-23): `add --how`, `log --about`, `intro --why`, `edit --moment` bringing a congratulation, the daily
allowance for every cadence item, intros followed to their outcome, what a draft sent expects, and drafts
fit to send. Tests of what issue 24 adds are xfail(strict=True): remove the mark as each lands. The walk on a
300-contact network is tests/test_morning_walk.py."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from conftest import FIXTURES


def issue24(what: str):
    return pytest.mark.xfail(strict=True, reason=f"issue 24: {what}")


def due(netlog, *args: str) -> list[dict]:
    return netlog.json("due", *args)


def of(items: list[dict], name: str) -> list[dict]:
    return [i for i in items if i["contact"] == name]


def on(monkeypatch, day: str) -> None:
    monkeypatch.setenv("NETLOG_TODAY", day)


# add --how: a contact without a meeting ------------------------------------------------------------------


def test_add_records_a_meeting_by_default(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-20", "--met-at", "PyCon")
    assert [(t["kind"], t["direction"]) for t in netlog.json("show", "Ana")["touches"]] == [("met", "both")]
    assert [i["action"] for i in of(due(netlog), "Ana Lima")] == ["thank"]


def test_add_how_email_is_an_email_i_sent_with_one_nudge_and_no_thank_you(netlog, monkeypatch):
    on(monkeypatch, "2026-11-16")
    netlog("add", "Ivy Stone", "--how", "email", "--email", "ivy@example.org", "--note", "asked about their migration")
    assert [(t["kind"], t["direction"]) for t in netlog.json("show", "Ivy")["touches"]] == [("email", "out")]
    for day in ("2026-11-17", "2026-11-20"):
        on(monkeypatch, day)
        assert due(netlog) == [], day  # no "Thank Ivy for meeting you"
    on(monkeypatch, "2026-11-23")
    assert [(i["action"], i["occasion"]) for i in due(netlog)] == [("nudge", "nudge")]
    netlog("draft", "Ivy", "nudge", "--sent")
    on(monkeypatch, "2026-12-01")
    assert [i for i in due(netlog) if i["action"] == "nudge"] == []  # one nudge, never two


@pytest.mark.parametrize("how, kind, direction", [("call", "call", "both"), ("message", "message", "out"), ("meeting", "met", "both")])
def test_add_how_records_the_first_touch_as_that_kind(netlog, how, kind, direction):
    netlog("add", "Bo Chen", "--how", how, "--on", "2026-11-20")
    assert [(t["kind"], t["direction"]) for t in netlog.json("show", "Bo")["touches"]] == [(kind, direction)]


def test_add_how_linkedin_is_not_a_meeting(netlog):
    netlog("add", "Cy Ng", "--how", "linkedin", "--on", "2026-11-20")
    kinds = [t["kind"] for t in netlog.json("show", "Cy")["touches"]]
    assert kinds and "met" not in kinds
    assert [i for i in due(netlog) if i["action"] == "thank"] == []


def test_add_how_unknown_is_one_line(netlog):
    result = netlog("add", "Dee Park", "--how", "fax", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("netlog: ") and len(result.stderr.strip().splitlines()) == 1
    assert "email" in result.stderr and "meeting" in result.stderr
    assert netlog.json("list") == []


# log --about: what a message was about, shareable; notes stay private -----------------------------------------


def test_a_nudge_restates_what_the_message_was_about_and_never_the_note(netlog):
    netlog("add", "Bo Berg", "--strength", "medium", "--on", "2026-01-10")
    netlog("log", "Bo", "email", "--on", "2026-11-14", "--about", "the Lisbon role", "--note", "salary band 90k, keep quiet")
    text = netlog("draft", "Bo", "nudge").stdout
    assert "the Lisbon role" in text
    assert "90k" not in text and "keep quiet" not in text


def test_a_thank_you_for_a_favor_names_it(netlog):
    netlog("add", "Cy Ng", "--strength", "medium", "--on", "2026-06-01")
    netlog("log", "Cy", "favor-received", "--on", "2026-11-22", "--about", "the referral to Contoso", "--note", "owes me nothing")
    text = netlog("draft", "Cy", "thank").stdout
    assert "the referral to Contoso" in text and "owes me nothing" not in text


def test_private_notes_never_appear_in_drafts(netlog):
    """Guards the rule the new --about must not weaken: --note is never pasted."""
    netlog("add", "Bo Berg", "--strength", "medium", "--on", "2026-01-10", "--note", "SECRET-ONE")
    netlog("log", "Bo", "email", "--on", "2026-11-14", "--note", "SECRET-TWO")
    netlog("add", "Cy Ng", "--on", "2026-11-22", "--note", "SECRET-THREE")
    for name, draft in (("Bo", "nudge"), ("Bo", "keep-in-touch"), ("Cy", "thank"), ("Cy", "second-touch")):
        assert "SECRET" not in netlog("draft", name, draft).stdout, draft


# intro --why -------------------------------------------------------------------------------------------------


def test_intro_why_is_in_the_ask_and_the_send(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--strength", "medium", "--on", "2026-09-01", "--company", "Contoso")
    netlog("add", "Bo Chen", "--strength", "medium", "--on", "2026-09-01", "--company", "Fabrikam")
    on(monkeypatch, "2026-11-20")
    netlog("intro", "Ana", "Bo", "--why", "you are both hiring data engineers in Lisbon")
    on(monkeypatch, "2026-11-23")
    assert "both hiring data engineers in Lisbon" in netlog("draft", "Ana", "intro-ask").stdout
    assert "both hiring data engineers in Lisbon" in netlog("draft", "Bo", "intro-ask").stdout
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")
    assert "both hiring data engineers in Lisbon" in netlog("draft", "Ana", "intro-send").stdout


# news, birthdays and congratulations ----------------------------------------------------------------------------


@pytest.mark.parametrize("strength", ["medium", "strong", "close"])
def test_news_brings_a_congratulation_within_a_few_days(netlog, monkeypatch, strength):
    netlog("add", "Ana Lima", "--strength", strength, "--on", "2026-10-01")
    netlog("log", "Ana", "call", "--on", "2026-11-20")  # in touch: no keep-in-touch speaks for her
    netlog("log", "Ana", "thanks", "--on", "2026-11-21")
    netlog("edit", "Ana", "--moment", "launching your startup")
    days = ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26")
    seen = []
    for day in days:
        on(monkeypatch, day)
        seen += [i["occasion"] for i in of(due(netlog), "Ana Lima")]
    assert "congratulate" in seen, seen


def test_a_congratulation_is_in_the_second_person(netlog):
    netlog("me", "--name", "Sam Rivera")
    netlog("add", "Ana Lima", "--strength", "medium", "--on", "2026-11-22")
    netlog("edit", "Ana", "--moment", "launching your startup")
    congratulate = netlog("draft", "Ana", "congratulate").stdout
    assert re.search(r"[Cc]ongratulations on launching your startup", congratulate), congratulate
    thank = netlog("draft", "Ana", "thank").stdout
    for text in (congratulate, thank):
        assert "(launching your startup)" not in text and "your news (" not in text


# report-back: leave a bracket, do not say how it went ---------------------------------------------------------


def test_a_report_back_leaves_a_bracket_for_how_it_went(netlog):
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-10-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-11-16")
    netlog("log", "Dara", "coffee", "--on", "2026-11-20")
    text = netlog("draft", "Gus", "report-back").stdout
    assert re.search(r"\[[^\]\n]+\]", text), text
    outside = re.sub(r"\[[^\]]*\]", "", text).lower()
    assert "good conversation" not in outside and "went well" not in outside and "great" not in outside, text


# signing --------------------------------------------------------------------------------------------------


def _account(monkeypatch, gecos: str, login: str = "sam") -> None:
    import pwd

    monkeypatch.setattr(pwd, "getpwuid", lambda uid: SimpleNamespace(pw_gecos=gecos, pw_name=login, pw_dir="/home/" + login))
    for variable in ("LOGNAME", "USER"):  # getpass.getuser() reads these first
        monkeypatch.setenv(variable, login)


def test_a_draft_without_a_name_or_a_full_name_is_unsigned_never_the_login(netlog, monkeypatch):
    _account(monkeypatch, "", login="sammy")
    netlog("add", "Ana Lima", "--on", "2026-11-22")
    text = netlog("draft", "Ana").stdout
    assert text.rstrip().endswith("Best,"), text
    assert "sammy" not in text and "tester" not in text  # neither the login nor NETLOG_USER
    assert netlog.json("me")["signature"] is None


@pytest.mark.parametrize("login", ["root", "sam"])
def test_a_gecos_that_is_the_login_name_does_not_sign(netlog, monkeypatch, login):
    _account(monkeypatch, f"{login},,,", login=login)
    netlog("add", "Ana Lima", "--on", "2026-11-22")
    text = netlog("draft", "Ana").stdout
    assert text.rstrip().endswith("Best,"), text
    assert netlog.json("me")["signature"] is None


def test_a_draft_is_signed_with_the_account_full_name(netlog, monkeypatch):
    _account(monkeypatch, "Sam Rivera,Room 4,,", login="sammy")
    netlog("add", "Ana Lima", "--on", "2026-11-22")
    assert netlog("draft", "Ana").stdout.rstrip().endswith("Best,\nSam Rivera")
    netlog("me", "--name", "Samantha Rivera")
    assert netlog("draft", "Ana").stdout.rstrip().endswith("Best,\nSamantha Rivera")  # `me --name` wins


# drafts fit to send: not the same note twice -----------------------------------------------------------------


def test_two_people_met_at_the_same_event_get_different_notes(netlog):
    names = ("Ana Lima", "Bo Chen")
    for name in names:
        netlog("add", name, "--met-at", "PyCon US", "--on", "2026-05-15", "--topics", "search, hiring", "--company", "Contoso")
    bodies = []
    for name in names:
        text = netlog("draft", name, "keep-in-touch").stdout
        bodies.append(text.replace(name.split()[0], "NAME"))
    assert bodies[0] != bodies[1], bodies[0]


# the allowance, and what is always listed ----------------------------------------------------------------


def _crowded(netlog) -> None:
    """Six weak ties past their cadence, a close tie past its own, and a fresh thank-you."""
    for n in range(6):
        netlog("add", f"Weak Tie{n}", "--met-at", "FOSDEM", "--on", "2026-03-01")
    netlog("add", "Cleo Close", "--strength", "close", "--on", "2026-10-01")
    netlog("add", "Ana Lima", "--on", "2026-11-22")


def _weak(items: list[dict]) -> list[str]:
    return [i["contact"] for i in items if i["contact"].startswith("Weak")]


def test_cadence_items_come_from_one_daily_allowance(netlog, monkeypatch):
    _crowded(netlog)
    items = due(netlog)
    assert len(_weak(items)) == 3, items
    assert of(items, "Cleo Close"), "an overdue close tie is always listed"
    assert [i["action"] for i in of(items, "Ana Lima")] == ["thank"], "a time-sensitive item is always listed"
    assert len(_weak(due(netlog, "--reconnect", "5"))) == 5
    assert len(_weak(due(netlog, "--reconnect", "0"))) == 0
    monkeypatch.setenv("NETLOG_RECONNECT", "1")
    assert len(_weak(due(netlog))) == 1


def test_due_all_marks_what_was_held(netlog):
    _crowded(netlog)
    listed = due(netlog)
    everything = due(netlog, "--all")
    assert sorted(_weak(everything)) == [f"Weak Tie{n}" for n in range(6)]
    held = [i for i in everything if i.get("held")]
    assert len(held) == 3 and all(i["held"] is True for i in held)
    assert {i["contact"] for i in held}.isdisjoint(i["contact"] for i in listed)
    assert all(not i.get("held") for i in listed)
    assert set(listed[0]) >= {"contact", "contact_id", "action", "reason", "due", "score", "event_on", "occasion", "other_id"}


def test_a_late_thank_you_is_the_second_touch(netlog):
    # thank late (on its last day listed: two weeks), second touch due
    netlog("add", "Eve Fox", "--met-at", "Lisbon meetup", "--on", "2026-11-09")
    items = of(due(netlog), "Eve Fox")
    assert len(items) == 1, items
    assert items[0]["action"] == "thank" and re.search(r"second-touch|keep-in-touch", json.dumps(items[0].get("also")))
    netlog("draft", "Eve", "--sent")
    assert of(due(netlog), "Eve Fox") == []  # the late thank-you was the second touch


# what a draft sent expects ---------------------------------------------------------------------------------


# Each makes one contact with the item of its draft due today, and gives the contact's number.


def _keep_in_touch(netlog) -> int:
    netlog("add", "Ana Lima", "--met-at", "FOSDEM", "--on", "2026-03-01")
    return netlog.json("show", "Ana")["id"]


def _second_touch(netlog) -> int:
    netlog("add", "Eve Fox", "--met-at", "Lisbon meetup", "--on", "2026-11-05")  # 18 days: the thank-you is no longer listed
    return netlog.json("show", "Eve")["id"]


def _give_back(netlog) -> int:
    netlog("add", "Carla Dias", "--strength", "medium", "--on", "2026-09-01")
    for day in ("2026-10-01", "2026-11-01"):
        netlog("log", "Carla", "favor-received", "--on", day)
        netlog("log", "Carla", "thanks", "--on", day)
    return netlog.json("show", "Carla")["id"]


def _reconnect(netlog) -> int:
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    return next(i["contact_id"] for i in due(netlog) if i["occasion"] == "reconnect")


def _birthday(netlog) -> int:
    netlog("add", "Bo Chen", "--strength", "medium", "--on", "2026-09-01")
    netlog("edit", "Bo", "--birthday", "11-25")
    return netlog.json("show", "Bo")["id"]


NO_ASK = {
    "keep-in-touch": pytest.param(_keep_in_touch, "keep-in-touch"),
    "second-touch": pytest.param(_second_touch, "second-touch"),
    "give-back": pytest.param(_give_back, "give-back"),
    "reconnect": pytest.param(_reconnect, "reconnect"),
    "birthday": pytest.param(_birthday, "congratulate"),
}


@pytest.mark.parametrize("make, draft", list(NO_ASK.values()), ids=list(NO_ASK))
def test_a_draft_that_asks_nothing_never_comes_back_as_a_nudge(netlog, monkeypatch, make, draft):
    contact_id = make(netlog)
    occasion = "birthday" if draft == "congratulate" else draft
    assert occasion in [i["occasion"] for i in due(netlog) if i["contact_id"] == contact_id]
    netlog("draft", f"#{contact_id}", draft, "--sent")
    for day in ("2026-11-30", "2026-12-01", "2026-12-04"):
        on(monkeypatch, day)
        assert [i for i in due(netlog) if i["contact_id"] == contact_id and i["action"] == "nudge"] == [], day


def test_a_reach_out_keeps_its_one_nudge(netlog, monkeypatch):
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-10-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-11-22")
    netlog("draft", "Dara", "reach-out", "--sent")
    on(monkeypatch, "2026-11-30")
    assert [i["action"] for i in of(due(netlog), "Dara Ng")] == ["nudge"]


# intros to their outcome -------------------------------------------------------------------------------------


def _introduced_and_met(netlog) -> None:
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-05-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-08-10")
    netlog("log", "Gus", "thanks", "--on", "2026-08-10")
    netlog("log", "Dara", "coffee", "--on", "2026-08-20")
    netlog("log", "Dara", "thanks", "--on", "2026-08-21")
    netlog("log", "Gus", "report", "--on", "2026-08-22")


def test_a_referral_from_someone_introduced_asks_to_tell_the_introducer(netlog):
    _introduced_and_met(netlog)
    netlog("log", "Dara", "favor-received", "--on", "2026-11-22", "--note", "referred me for the platform role")
    items = due(netlog)
    assert [i["action"] for i in of(items, "Dara Ng")] == ["thank"]
    gus = of(items, "Gus Berg")
    assert [i["action"] for i in gus] == ["report-back"], items
    assert "Dara" in gus[0]["reason"] and gus[0]["other_id"] == netlog.json("show", "Dara")["id"]


def test_someone_met_before_and_introduced_again(netlog):
    _introduced_and_met(netlog)
    netlog("add", "Ivo Novak", "--strength", "medium", "--on", "2026-05-01")
    netlog("log", "Ivo", "intro", "--to", "Dara", "--on", "2026-11-22")
    items = due(netlog)
    assert [i["action"] for i in of(items, "Ivo Novak")] == ["thank"]
    assert [i for i in of(items, "Dara Ng") if i["action"] == "meet"] == []
    dara = netlog.json("show", "Dara")
    assert dara["introduced_by"] == "Gus Berg" and dara["introduced_on"] == "2026-08-10"
    assert "Ivo Novak" in json.dumps(dara)  # both introducers are shown


def test_about_and_why_survive_an_export_and_an_import(netlog, tmp_path):
    """The shareable words are data: the JSON export carries them (touch `about`, intro offer `why`)."""
    netlog("add", "Bo Berg", "--strength", "medium", "--on", "2026-01-10")
    netlog("add", "Cy Ng", "--strength", "medium", "--on", "2026-01-10")
    netlog("log", "Bo", "email", "--on", "2026-11-14", "--about", "the Lisbon role")
    netlog("intro", "Bo", "Cy", "--why", "you both love maps")
    exported = json.loads(netlog("export", "json").stdout)
    assert [t["about"] for c in exported["contacts"] for t in c["touches"] if t["kind"] == "email"] == ["the Lisbon role"]
    assert [o["why"] for o in exported["intro_offers"]] == ["you both love maps"]
    (tmp_path / "backup.json").write_text(json.dumps(exported))
    other = str(tmp_path / "other.db")
    netlog("--db", other, "import", "json", str(tmp_path / "backup.json"))
    again = json.loads(netlog("--db", other, "export", "json").stdout)
    assert again["contacts"] == exported["contacts"] and again["intro_offers"] == exported["intro_offers"]


def test_one_person_does_not_get_the_same_words_in_the_next_note(netlog):
    netlog("add", "Ana Lima", "--met-at", "PyCon US", "--on", "2026-05-15", "--company", "Contoso")
    first = netlog("draft", "Ana", "keep-in-touch").stdout
    netlog("draft", "Ana", "keep-in-touch", "--sent")
    second = netlog("draft", "Ana", "keep-in-touch").stdout
    ask = [line for line in first.splitlines() if "?" in line]
    assert ask and ask[0] not in second, (first, second)
