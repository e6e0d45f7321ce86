"""Issue 23: machinery is not conversation, a message that asks nothing owes nothing, a chat asks only when the
last message of the day's exchange does."""

from __future__ import annotations

import json

import pytest

from netlog.rules.asking import asks_something

KIM = "kim.oduya@example.org"


@pytest.mark.parametrize(
    "text, asks",
    [
        ("Hi Kim, would you have time to review our flow next week?", True),
        ("I'd be grateful if you could send me the name of the recruiter.", True),
        ("did you ever give Jonas his drill back? he's asking me", True),
        ("Sounds good, see you then!\n\nOn Tue, 3 Nov 2026 at 17:30, Kim <k@x> wrote:\n> shall we meet at 10?", False),
        ("Sounds good!\n\n> shall we meet at 10?", False),
        ("FYI, the panel moved. Details: https://designweek.example/panel?id=42&lang=en", False),
        ("Thursday works. Thanks, Paula!", False),
        ("haha yes", False),
        ("", False),
    ],
)
def test_asks_something(text, asks):
    assert asks_something(text) is asks


def _mail(n: int, day: str, sender: str, to: str, subject: str, body: str, extra: str = "", labels: str = "Inbox") -> bytes:
    return (
        f"From {n}@xxx Thu Nov 12 10:00:00 +0000 2026\r\nX-Gmail-Labels: {labels}\r\nMessage-ID: <m{n}@mail.example>\r\n"
        f"Date: {day} +0100\r\nFrom: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n{extra}"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n\r\n"
    ).encode()


INVITE = (
    "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nGoing? Yes - Maybe - No\r\n--b1\r\n"
    "Content-Type: text/calendar; charset=utf-8; method={method}\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:{method}\r\n"
    "END:VCALENDAR\r\n--b1--\r\n"
)


def test_calendar_mail_is_skipped_and_a_closing_reply_opens_no_silence(netlog, tmp_path, monkeypatch):
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Rafael Souza", "--email", "rafael@lumen.example", "--on", "2026-10-01", "--strength", "medium")
    netlog("add", "Paula Jensen", "--email", "paula@jensen.example", "--on", "2026-10-01", "--strength", "medium")
    invite = (
        "From 3@xxx Thu Nov 12 10:00:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nMessage-ID: <m3@google.com>\r\n"
        "Date: Mon, 09 Nov 2026 09:00:00 +0100\r\nFrom: Rafael Souza <calendar-notification@google.com>\r\n"
        f"To: {KIM}\r\nSubject: Invitation: Sync @ Tue 1 Dec 2026\r\n" + INVITE.format(method="REQUEST")
    ).encode()
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        _mail(1, "Thu, 05 Nov 2026 17:45:00", f"Kim <{KIM}>", "rafael@lumen.example", "Case study",
              "Would you have time to look at my case study?", labels="Sent")
        + _mail(2, "Mon, 02 Nov 2026 11:00:00", f"Kim <{KIM}>", "paula@jensen.example", "Re: Handover",
                "Thursday works. Thanks, Paula!\r\n\r\n> could we move it to Thursday?", labels="Sent")
        + invite
    )  # fmt: skip
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-13")
    report = json.loads(netlog("import", "mail", str(mbox), "--json").stdout)
    assert report["new"] == 2 and report["skipped"] == {"calendar invitation or reply": 1}
    nudges = {i["contact"] for i in netlog.json("due") if i["action"] == "nudge"}
    assert nudges == {"Rafael Souza"}  # his invitation is no reply; her closing reply to Paula asks nothing


def _telegram(tmp_path, messages) -> str:
    path = tmp_path / "result.json"
    rows = [
        {"id": n, "type": "message", "date": f"{when}", "from": "Kim Oduya" if mine else "Arjun Mehta",
         "from_id": "user1" if mine else "user66", "text": text}
        for n, (when, mine, text) in enumerate(messages, start=1)
    ]  # fmt: skip
    export = {"personal_information": {"user_id": 1, "first_name": "Kim", "last_name": "Oduya"},
              "chats": {"list": [{"name": "Arjun Mehta", "type": "personal_chat", "id": 66, "messages": rows}]}}  # fmt: skip
    path.write_text(json.dumps(export), encoding="utf-8")
    return str(path)


def test_a_chat_asks_only_when_the_days_last_message_does(netlog, tmp_path, monkeypatch):
    netlog("add", "Arjun Mehta", "--on", "2026-10-01", "--strength", "medium")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-23")
    chat = _telegram(tmp_path, [
        ("2026-11-03T20:15:00", False, "how's the job hunt going?"), ("2026-11-03T20:31:00", True, "haha slowly"),
        ("2026-11-14T10:02:00", False, "moving boxes everywhere"),
        ("2026-11-14T10:30:00", True, "did you ever give Jonas his drill back?"),
    ])  # fmt: skip
    netlog("import", "telegram", chat, "--me", "Kim Oduya")
    nudges = [(i["contact"], i["event_on"]) for i in netlog.json("due") if i["action"] == "nudge"]
    assert nudges == [("Arjun Mehta", "2026-11-14")]
