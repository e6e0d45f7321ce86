"""Issue 23, threads: mail touches keep their thread (Message-ID, In-Reply-To, References; the subject when a
reply has none of them), and a silence, its nudge and a reply owed are per thread: a reply in thread A does
not answer thread B, a new question after a closing message in an older thread gets its own nudge, and a
Google Calendar "Invitation: ..." is never the person's reply. End to end through `import mail`, from an mbox
and from a Maildir."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

SAM = "sam.rivera@example.org"
PAULA = "paula@jensen.example"


@dataclass
class Msg:
    n: int
    day: str  # "Thu, 01 Oct 2026 10:00:00"
    out: bool
    subject: str
    body: str
    reply_to: int | None = None  # the n of the message it answers (In-Reply-To, References)
    headers: bool = True  # False: an old client's reply, with no In-Reply-To or References
    extra: str = ""
    sender: str | None = None

    def bytes(self, msgs: dict[int, "Msg"]) -> bytes:
        sender = self.sender or (f"Sam Rivera <{SAM}>" if self.out else f"Paula Jensen <{PAULA}>")
        to = PAULA if self.out else SAM
        refs = ""
        if self.reply_to is not None and self.headers:
            chain, parent = [], msgs[self.reply_to]
            while parent is not None:
                chain.insert(0, f"<t{parent.n}@mail.example>")
                parent = msgs.get(parent.reply_to) if parent.reply_to is not None else None
            refs = f"In-Reply-To: <t{self.reply_to}@mail.example>\r\nReferences: {' '.join(chain)}\r\n"
        content = self.extra or "Content-Type: text/plain; charset=utf-8\r\n\r\n" + self.body + "\r\n"
        return (
            f"Message-ID: <t{self.n}@mail.example>\r\nDate: {self.day} +0100\r\nFrom: {sender}\r\nTo: {to}\r\n"
            f"Subject: {self.subject}\r\n{refs}MIME-Version: 1.0\r\n{content}"
        ).encode()


def write(tmp_path, form: str, messages: list[Msg], name: str = "mail"):
    """The messages as an mbox file or a Maildir folder; the path to import."""
    by_n = {m.n: m for m in messages}
    if form == "mbox":
        path = tmp_path / f"{name}.mbox"
        path.write_bytes(b"".join(b"From x@xxx Thu Nov 12 10:00:00 +0000 2026\r\n" + m.bytes(by_n) + b"\r\n" for m in messages))
        return path
    path = tmp_path / name
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for m in messages:
        (path / "cur" / f"{1786000000 + m.n}.M{m.n}P1Q1.laptop:2,S").write_bytes(m.bytes(by_n))
    return path


@pytest.fixture
def sam(netlog, monkeypatch):
    netlog("me", "--name", "Sam Rivera", "--email", SAM)
    netlog("add", "Paula Jensen", "--email", PAULA, "--on", "2026-09-01", "--strength", "medium")

    def on(day: str) -> list[dict]:
        monkeypatch.setenv("NETLOG_TODAY", day)
        return [(i["action"], i["event_on"]) for i in netlog.json("due") if i["action"] in ("nudge", "reply")]

    return on


def mails(netlog) -> list[dict]:
    return [t for t in netlog.json("show", "Paula Jensen")["touches"] if t["kind"] == "email"]


FORMS = pytest.mark.parametrize("form", ["mbox", "maildir"])


@FORMS
def test_a_reply_in_thread_a_does_not_answer_thread_b(netlog, tmp_path, sam, form):
    mail = write(tmp_path, form, [
        Msg(1, "Thu, 01 Oct 2026 10:00:00", True, "Handover", "Could we move the handover to Thursday?"),
        Msg(2, "Fri, 02 Oct 2026 10:00:00", True, "Old brand guide", "Do you still have the Figma export?"),
        Msg(3, "Sat, 03 Oct 2026 10:00:00", False, "Re: Handover", "Thursday works.", reply_to=1),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    assert sam("2026-10-12") == [("nudge", "2026-10-02")]  # thread B's question is still waiting


@FORMS
def test_a_new_question_after_an_older_thread_gets_its_own_nudge(netlog, tmp_path, sam, form):
    """Thread A: a question, its nudge a week later (nudged already), then nothing. Thread B, a new question:
    it is not A's third message, it is a silence of its own, with a nudge of its own."""
    mail = write(tmp_path, form, [
        Msg(1, "Thu, 01 Oct 2026 10:00:00", True, "Handover", "Could we move the handover to Thursday?"),
        Msg(2, "Thu, 08 Oct 2026 10:00:00", True, "Re: Handover", "Any news on the handover?", reply_to=1),
        Msg(3, "Mon, 12 Oct 2026 10:00:00", True, "Old brand guide", "Do you still have the Figma export?"),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    assert sam("2026-10-20") == [("nudge", "2026-10-12")]


@FORMS
def test_a_new_question_after_my_closing_message_gets_its_nudge(netlog, tmp_path, sam, form):
    mail = write(tmp_path, form, [
        Msg(1, "Mon, 26 Oct 2026 10:12:00", False, "Handover", "Could we move the handover to Thursday?"),
        Msg(2, "Mon, 26 Oct 2026 11:03:00", True, "Re: Handover", "Thursday works. Thanks, Paula!", reply_to=1),
        Msg(3, "Mon, 02 Nov 2026 09:40:00", True, "Old brand guide", "Do you still have the Figma export?"),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    assert sam("2026-11-10") == [("nudge", "2026-11-02")]


@FORMS
def test_a_reply_owed_is_per_thread(netlog, tmp_path, sam, form):
    """Sam writing to Paula about something else does not answer her question; his answer in its thread does,
    even from an old client that keeps only "Re: subject"."""
    mail = write(tmp_path, form, [
        Msg(1, "Thu, 01 Oct 2026 10:00:00", False, "Portfolio deck", "Could you send me the deck?"),
        Msg(2, "Fri, 02 Oct 2026 10:00:00", True, "Panel on the 12th", "FYI, the panel moved to room B."),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    assert sam("2026-10-07") == [("reply", "2026-10-01")]
    answer = write(tmp_path, form, [
        Msg(3, "Wed, 07 Oct 2026 10:00:00", True, "Re: Portfolio deck", "Here it is.", reply_to=1, headers=False),
    ], name="later")  # fmt: skip
    netlog("import", "mail", str(answer))
    assert sam("2026-10-08") == []


@FORMS
def test_a_question_in_thread_b_is_owed_after_i_answered_thread_a(netlog, tmp_path, sam, form):
    mail = write(tmp_path, form, [
        Msg(1, "Thu, 01 Oct 2026 10:00:00", False, "Portfolio deck", "Could you send me the deck?"),
        Msg(2, "Thu, 01 Oct 2026 11:00:00", False, "Invoice", "Did the invoice reach you?"),
        Msg(3, "Thu, 01 Oct 2026 12:00:00", True, "Re: Portfolio deck", "Here it is.", reply_to=1),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    assert sam("2026-10-07") == [("reply", "2026-10-01")]
    shown = mails(netlog)
    assert {t["note"]: t["thread"] for t in shown} == {
        "Portfolio deck": "t1@mail.example", "Invoice": "t2@mail.example", "Re: Portfolio deck": "t1@mail.example",
    }


INVITE = (
    "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nPaula Jensen has invited you to Sync. Going? Yes - Maybe - No\r\n"
    "--b1\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n"
    "END:VCALENDAR\r\n--b1--\r\n"
)


@FORMS
def test_a_calendar_invitation_is_never_their_reply(netlog, tmp_path, sam, form):
    """Google Calendar's "Invitation: ..." from the robot's address under her name, and one from her own address
    with the invitation's part, in the thread of Sam's question or not: the nudge still comes."""
    mail = write(tmp_path, form, [
        Msg(1, "Thu, 05 Nov 2026 17:45:00", True, "Case study feedback", "Would you have time to look at it?"),
        Msg(2, "Mon, 09 Nov 2026 09:00:00", False, "Invitation: Sync @ Tue 1 Dec 2026 3pm (CET) (sam.rivera@example.org)",
            "", extra=INVITE, sender="Paula Jensen <calendar-notification@google.com>"),
        Msg(3, "Tue, 10 Nov 2026 09:00:00", False, "Invitation: Case study @ Wed 2 Dec 2026", "", reply_to=1, extra=INVITE),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    assert sam("2026-11-13") == [("nudge", "2026-11-05")]
    assert [t["note"] for t in mails(netlog)] == ["Case study feedback"]


@FORMS
def test_reimporting_keeps_one_touch_a_message(netlog, tmp_path, sam, form):
    messages = [
        Msg(1, "Thu, 01 Oct 2026 10:00:00", False, "Portfolio deck", "Could you send me the deck?"),
        Msg(2, "Fri, 02 Oct 2026 10:00:00", True, "Re: Portfolio deck", "Here it is.", reply_to=1),
    ]
    netlog("import", "mail", str(write(tmp_path, form, messages[:1], name="first")))
    netlog("import", "mail", str(write(tmp_path, form, messages, name="both")))
    netlog("import", "mail", str(write(tmp_path, "maildir" if form == "mbox" else "mbox", messages, name="other")))
    shown = mails(netlog)
    assert sorted((t["note"], t["thread"]) for t in shown) == [
        ("Portfolio deck", "t1@mail.example"), ("Re: Portfolio deck", "t1@mail.example")
    ]
    assert sam("2026-10-08") == []


def test_reimporting_fills_the_threads_of_mail_imported_before_threads(netlog, tmp_path, sam, monkeypatch):
    """Mail imported by a netlog without threads (here: a JSON backup of that time, with no "thread") gets its
    threads when the same mail is imported again, so silences and replies owed become per thread there too."""
    mail = write(tmp_path, "mbox", [
        Msg(1, "Thu, 01 Oct 2026 10:00:00", False, "Portfolio deck", "Could you send me the deck?"),
        Msg(2, "Fri, 02 Oct 2026 10:00:00", True, "Panel on the 12th", "FYI, the panel moved to room B."),
    ])  # fmt: skip
    netlog("import", "mail", str(mail))
    backup = tmp_path / "backup.json"
    netlog("export", "json", "-o", str(backup))
    old = json.loads(backup.read_text(encoding="utf-8"))
    for contact in old["contacts"]:
        for touch in contact.get("touches", []):
            touch.pop("thread", None)
    backup.write_text(json.dumps(old), encoding="utf-8")
    other = str(tmp_path / "old.db")
    netlog("--db", other, "import", "json", str(backup))
    netlog("--db", other, "me", "--name", "Sam Rivera", "--email", SAM)
    assert [t["thread"] for t in netlog.json("--db", other, "show", "Paula Jensen")["touches"] if t["kind"] == "email"] == [None, None]
    done = netlog("--db", other, "import", "mail", str(mail), "--json")
    assert json.loads(done.stdout)["new"] == 0
    shown = netlog.json("--db", other, "show", "Paula Jensen")["touches"]
    assert sorted(t["thread"] or "" for t in shown if t["kind"] == "email") == ["t1@mail.example", "t2@mail.example"]
    monkeypatch.setenv("NETLOG_DB", other)
    assert sam("2026-10-07") == [("reply", "2026-10-01")]
