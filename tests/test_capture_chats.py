"""Issue 23, chats are conversations, not letters: a chat message opens a silence (or owes a reply) only when it
asks something and ends the day's exchange; casual back-and-forth never brings a nudge. What ends the day is
the last turn, all of it: a question followed by a photo of the same person still asks, and a WhatsApp message
that runs over several lines asks when any of its lines does."""

from __future__ import annotations

import json

from conftest import SHARED_DATA

SAM = "sam.rivera@example.org"
WHATSAPP = SHARED_DATA / "whatsapp" / "WhatsApp Chat with Ana Lima.txt"
TELEGRAM = SHARED_DATA / "telegram" / "result.json"


def _whatsapp(path, *lines: str) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _telegram(path, *messages: tuple[str, bool, str]) -> str:
    rows = [
        {"id": n, "type": "message", "date": on, "from": "Sam Rivera" if mine else "Lea Fischer",
         "from_id": "user4242001" if mine else "user61", "text": text}
        for n, (on, mine, text) in enumerate(messages, 1)
    ]  # fmt: skip
    export = {"personal_information": {"user_id": 4242001, "first_name": "Sam", "last_name": "Rivera"},
              "chats": {"list": [{"name": "Lea Fischer", "type": "personal_chat", "id": 61, "messages": rows}]}}  # fmt: skip
    path.write_text(json.dumps(export), encoding="utf-8")
    return str(path)


def _owed(netlog, monkeypatch, day: str) -> list[tuple[str, str, str]]:
    monkeypatch.setenv("NETLOG_TODAY", day)
    return [(i["contact"], i["action"], i["event_on"]) for i in netlog.json("due", "--all") if i["action"] in ("reply", "nudge")]


def _sam(netlog, monkeypatch) -> None:
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-30")
    netlog("me", "--name", "Sam Rivera", "--email", SAM)
    netlog("add", "Lea Fischer", "--on", "2026-09-01", "--strength", "medium")


def test_a_whatsapp_question_on_a_later_line_then_a_photo_is_owed(netlog, tmp_path, monkeypatch):
    _sam(netlog, monkeypatch)
    chat = _whatsapp(tmp_path / "WhatsApp Chat with Lea Fischer.txt",
        "06/11/2026, 19:02 - Sam Rivera: Hi Lea, Sam from PyCon 👋",
        "06/11/2026, 19:10 - Lea Fischer: Hi Sam! Great to meet you.",
        "Here are the slides: https://slides.example/pipelines",
        "Could you send me yours too?",
        "06/11/2026, 19:11 - Lea Fischer: <Media omitted>",
    )  # fmt: skip
    netlog("import", "whatsapp", chat)
    assert _owed(netlog, monkeypatch, "2026-11-11") == [("Lea Fischer", "reply", "2026-11-06")]


def test_a_telegram_question_then_a_photo_is_owed(netlog, tmp_path, monkeypatch):
    _sam(netlog, monkeypatch)
    chat = _telegram(tmp_path / "result.json",
        ("2026-11-06T19:00:00", True, "Back from Lisbon!"),
        ("2026-11-06T19:20:00", False, "Welcome back! Lunch next week?"),
        ("2026-11-06T19:21:00", False, ""),  # a photo
    )  # fmt: skip
    netlog("import", "telegram", chat)
    assert _owed(netlog, monkeypatch, "2026-11-11") == [("Lea Fischer", "reply", "2026-11-06")]


def test_casual_back_and_forth_brings_nothing(netlog, tmp_path, monkeypatch):
    """A week of chatter: questions answered the same day, her "haha" after Sam's question, Sam's "haha yes"
    ending a day: no nudge and no reply, on any morning after."""
    _sam(netlog, monkeypatch)
    chat = _whatsapp(tmp_path / "WhatsApp Chat with Lea Fischer.txt",
        "02/11/2026, 08:45 - Lea Fischer: Sorry, was on the train. Call later?",
        "02/11/2026, 18:00 - Sam Rivera: Sure, 18:30",
        "03/11/2026, 09:00 - Sam Rivera: did you see the match?",
        "03/11/2026, 09:30 - Lea Fischer: haha yes",
        "04/11/2026, 21:00 - Lea Fischer: that talk was something else",
        "04/11/2026, 21:05 - Sam Rivera: haha yes",
        "05/11/2026, 10:00 - Lea Fischer: Coffee on Friday? 10:00 at Fábrica?",
        "05/11/2026, 10:07 - Sam Rivera: Friday works!",
        "05/11/2026, 10:08 - Sam Rivera: ‎IMG-20261105-WA0003.jpg (file attached)",
    )  # fmt: skip
    netlog("import", "whatsapp", chat)
    for day in ("2026-11-09", "2026-11-13", "2026-11-20"):
        assert _owed(netlog, monkeypatch, day) == [], day
    shown = [t for t in netlog.json("show", "Lea Fischer")["touches"] if t["kind"] == "message"]
    assert sorted((t["date"], t["direction"]) for t in shown) == [
        ("2026-11-02", "in"), ("2026-11-02", "out"), ("2026-11-03", "in"), ("2026-11-03", "out"),
        ("2026-11-04", "in"), ("2026-11-04", "out"), ("2026-11-05", "in"), ("2026-11-05", "out"),
    ]  # fmt: skip


def test_the_shared_chats_with_ana(netlog, monkeypatch):
    """The shared WhatsApp and Telegram exports with Ana Lima, one contact: one touch a day and direction across
    both chats; her questions were answered the same day or the next working day, so nothing is owed; Sam's
    "Hi Ana, Sam from PyCon" asks nothing."""
    monkeypatch.setenv("NETLOG_TODAY", "2026-12-05")
    netlog("me", "--name", "Sam Rivera", "--email", SAM)
    netlog("add", "Ana Lima", "--on", "2026-08-15", "--strength", "medium")
    netlog("import", "whatsapp", str(WHATSAPP))
    netlog("import", "telegram", str(TELEGRAM))
    shown = [(t["date"], t["direction"]) for t in netlog.json("show", "Ana Lima")["touches"] if t["kind"] == "message"]
    assert len(shown) == len(set(shown))
    assert sorted(set(shown)) == [
        ("2026-11-14", "in"), ("2026-11-14", "out"), ("2026-11-16", "in"), ("2026-11-16", "out"),
        ("2026-11-18", "in"), ("2026-11-19", "in"), ("2026-11-19", "out"), ("2026-11-20", "in"),
    ]  # fmt: skip
    for day in ("2026-11-17", "2026-11-24", "2026-11-27", "2026-12-05"):
        assert [i for i in _owed(netlog, monkeypatch, day) if i[0] == "Ana Lima"] == [], day
