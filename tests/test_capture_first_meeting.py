"""Issue 23: second-touch and thank reasons (and their drafts) name the event that started the tie, never a later
message. A birthday message on Telegram or WhatsApp is no meeting: nothing calls it "you met on ..."."""

from __future__ import annotations

import json

from conftest import SHARED_DATA

SAM = "sam.rivera@example.org"


def _telegram(path, *messages: tuple[str, str, str]) -> str:
    """A Telegram export of one personal chat with Lea Fischer: (date, from, text) each."""
    chat = {
        "name": "Lea Fischer", "type": "personal_chat", "id": 61,
        "messages": [
            {"id": n, "type": "message", "date": on, "date_unixtime": "0", "from": who,
             "from_id": "user4242001" if who == "Sam Rivera" else "user61", "text": text}
            for n, (on, who, text) in enumerate(messages, 1)
        ],
    }  # fmt: skip
    export = {"personal_information": {"user_id": 4242001, "first_name": "Sam", "last_name": "Rivera"}, "chats": {"list": [chat]}}
    path.write_text(json.dumps(export), encoding="utf-8")
    return str(path)


def _whatsapp(path, *lines: str) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_birthday_message_is_never_where_you_met(netlog, tmp_path, monkeypatch):
    """Lea's card (with her birthday) came from the phone; Sam's first touch with her is "Happy birthday!" on
    Telegram on 4 Nov, her thanks on WhatsApp; they have coffee on 10 Nov. The second-touch draft names the
    coffee, never the birthday message; before the coffee it names no meeting at all."""
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-06")
    netlog("me", "--name", "Sam Rivera", "--email", SAM)
    card = tmp_path / "lea.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lea Fischer\r\nN:Fischer;Lea;;;\r\nBDAY:--1104\r\n"
                    "TEL;TYPE=cell:+49 151 2345678\r\nEND:VCARD\r\n", encoding="utf-8")  # fmt: skip
    netlog("import", "vcard", str(card))
    assert netlog.json("show", "Lea Fischer")["touches"] == []
    netlog("import", "telegram", _telegram(tmp_path / "t.json", ("2026-11-04T09:00:00", "Sam Rivera", "Happy birthday, Lea! 🎂")))
    netlog("import", "whatsapp", _whatsapp(tmp_path / "WhatsApp Chat with Lea Fischer.txt",
                                           "04/11/2026, 10:00 - Lea Fischer: Thank you!! 🥳"))  # fmt: skip
    draft = netlog("draft", "Lea Fischer", "second-touch").stdout
    assert "4 November" not in draft and "meet you" not in draft, draft
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-25")
    netlog("log", "Lea Fischer", "coffee", "--on", "2026-11-10")
    draft = netlog("draft", "Lea Fischer", "second-touch").stdout
    assert "It was good to meet you on 10 November" in draft, draft
    for item in netlog.json("due", "--all"):
        for i in (item, *item["also"]):
            assert "met on Wed 4 Nov" not in i["reason"] and "meeting you on Wed 4 Nov" not in i["reason"], i


def test_a_message_to_an_old_connection_is_not_where_you_met(netlog, monkeypatch):
    """The shared data: Ivan is a LinkedIn connection whom Sam wrote to on 2 Nov, Chen one who wrote "Thanks for
    connecting!" in 2024. Neither was met: the second-touch draft says nothing of meeting them then."""
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-20")
    netlog("me", "--name", "Sam Rivera", "--email", SAM, "--linkedin", "https://www.linkedin.com/in/sam-rivera-example")
    netlog("import", "linkedin", str(SHARED_DATA / "linkedin" / "Connections.csv"))
    netlog("import", "linkedin-messages", str(SHARED_DATA / "linkedin" / "messages.csv"))
    for name, day in (("Ivan Novak", "2 November"), ("Chen Wei", "March 2024")):
        draft = netlog("draft", name, "second-touch").stdout
        assert day not in draft and "meet you" not in draft, draft
