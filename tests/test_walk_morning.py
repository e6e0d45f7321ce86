"""The real-data walk's morning findings (report-walk.md, "Morning", items 7 to 11): the shared samples
(../shared/data) imported as Sam would, then what `due` and `export ics` say on 5 December. Each test drives
the real CLI and failed before its fix."""

from __future__ import annotations

from conftest import SHARED_DATA

TODAY = "2026-12-05"
SAM = [
    "me", "--name", "Sam Rivera", "--email", "sam.rivera@example.org", "--email", "sam@rivera.example",
    "--linkedin", "https://www.linkedin.com/in/sam-rivera-example", "--region", "PT",
]  # fmt: skip
TOUCHES = [
    ("mail", SHARED_DATA / "mail" / "takeout.mbox"),
    ("mail", SHARED_DATA / "mail" / "maildir"),
    ("calendar", SHARED_DATA / "calendar" / "google-export.ics"),
    ("calendar", SHARED_DATA / "calendar" / "vdir"),
    ("linkedin-messages", SHARED_DATA / "linkedin" / "messages.csv"),
    ("telegram", SHARED_DATA / "telegram" / "result.json"),
    ("whatsapp", SHARED_DATA / "whatsapp" / "WhatsApp Chat with Ana Lima.txt"),
]


def walk(netlog, monkeypatch, today: str = TODAY, cards: bool = True) -> None:
    """The walk's imports on `today`: Sam, his LinkedIn connections (and khard's cards), then every touch
    source once with --add-new."""
    monkeypatch.setenv("NETLOG_TODAY", today)
    netlog(*SAM)
    netlog("import", "linkedin", str(SHARED_DATA / "linkedin" / "Connections.csv"))
    if cards:
        netlog("import", "vcard", str(SHARED_DATA / "vcards-khard"))
    for source, path in TOUCHES:
        netlog("import", source, str(path), "--add-new")


def items_of(netlog, *args: str) -> list[dict]:
    """`due --json` (with `args`), each item followed by the items folded into it (given its contact)."""
    return [
        i for item in netlog.json("due", *args)
        for i in (item, *({**also, "contact": item["contact"]} for also in item["also"]))
    ]  # fmt: skip


def test_an_old_connection_written_to_is_no_second_touch(netlog, monkeypatch):
    """Item 9: Ivan is a LinkedIn connection since Dec 2018; Sam's message on 2 Nov was no meeting, so no
    "second touch with Ivan — you met on Mon 2 Nov" (it was folded into his nudge). On 20 Nov: the second touch
    would have been due, and the nudge of a chat still is."""
    walk(netlog, monkeypatch, today="2026-11-20")
    ivan = [i for i in items_of(netlog, "--all") if i["contact"] == "Ivan Novak"]
    assert [i["occasion"] for i in ivan] == ["nudge"]


def test_a_thank_you_weeks_late_is_not_listed(netlog, monkeypatch):
    """Item 8: on 16 Nov the walk listed "Thank Gus for meeting you on Tue 20 Oct — late" (27 days on) and Ana
    Lima's for 4 Nov (Sam had written to her since). Thank within a day or two; weeks later it is noise."""
    walk(netlog, monkeypatch, today="2026-11-16")
    thanks = [i for i in items_of(netlog, "--all") if i["occasion"] == "thank"]
    assert [(i["contact"], i["event_on"]) for i in thanks if i["event_on"] < "2026-11-09"] == []


def test_a_message_sent_after_the_meeting_clears_its_thank_you(netlog, monkeypatch):
    """Item 8: anything Sam sends them after the meeting answers the thank-you it was due."""
    monkeypatch.setenv("NETLOG_TODAY", "2026-12-02")
    netlog("add", "Eve Fox", "--on", "2026-11-30")
    netlog("add", "Cy Park", "--on", "2026-11-30")
    netlog("log", "Eve Fox", "email", "--on", "2026-12-01")
    assert {i["contact"]: i["occasion"] for i in items_of(netlog)} == {"Cy Park": "thank"}
    for day, listed in (("2026-12-14", True), ("2026-12-15", False)):  # two weeks on, then no more
        monkeypatch.setenv("NETLOG_TODAY", day)
        assert ("thank" in [i["occasion"] for i in items_of(netlog, "--all") if i["contact"] == "Cy Park"]) is listed


def test_no_thank_you_for_each_instance_of_a_weekly_one_to_one(netlog, monkeypatch, tmp_path):
    """Item 7: "Thank Marco for the video call on Mon 30 Nov — late": a weekly 1:1 (an RRULE series) is no
    occasion for a thank-you each week. A one-off meeting with him still is."""
    walk(netlog, monkeypatch)
    assert [i for i in items_of(netlog, "--all") if i["contact"] == "Marco Rossi" and i["occasion"] == "thank"] == []
    marco = netlog.json("show", "Marco Rossi")
    assert len([t for t in marco["touches"] if t["kind"] == "video"]) > 3  # the instances are still touches
    one_off = tmp_path / "lunch.ics"
    one_off.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:lunch-1\r\nSUMMARY:Lunch\r\nDTSTART:20261203T120000Z\r\n"
        "ORGANIZER:mailto:sam.rivera@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:sam.rivera@example.org\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:marco.rossi@example.it\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    netlog("import", "calendar", str(one_off))
    thanks = [i for i in items_of(netlog) if i["contact"] == "Marco Rossi" and i["occasion"] == "thank"]
    assert [i["event_on"] for i in thanks] == ["2026-12-03"]


def test_a_chat_question_a_month_old_is_no_nudge(netlog, monkeypatch):
    """The morning walk of 5 Dec listed "Nudge Ivan once — your message on Mon 2 Nov has had no reply" (a LinkedIn
    message: "are you going to the EM meetup on the 12th?") and Dara's "how did the beta go?" of 5 Nov. A chat goes
    cold in weeks: its nudge is listed for two weeks after it falls due. Ana's question of 20 Nov still is."""
    walk(netlog, monkeypatch)
    nudged = {i["contact"] for i in items_of(netlog, "--all") if i["occasion"] == "nudge"}
    assert nudged == {"Ana Lima"}
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-23")  # two weeks after Ivan's nudge fell due: the last day
    assert "Ivan Novak" in {i["contact"] for i in items_of(netlog, "--all") if i["occasion"] == "nudge"}
