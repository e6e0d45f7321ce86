"""A message logged by hand as received owes a reply when what was written down of it asks (issue 23).

Before, `owes_reply` wanted a captured source, so `log Di email --received --note "Could you ...?"` owed
nothing however plainly it asked. Today is Monday 2026-11-23 (conftest): a message of Wednesday 18 November
is due on the third working day, today."""

from __future__ import annotations

import json
import sqlite3

from helpers import older_schema

from netlog.storage.migrations import LATEST

WEDNESDAY = "2026-11-18"


def replies(netlog) -> list[tuple[str, str]]:
    return [(i["contact"], i["event_on"]) for i in netlog.json("due", "--all") if i["action"] == "reply"]


def test_a_question_in_the_note_owes_a_reply(netlog):
    netlog("add", "Di Dahl", "--met-at", "PyCon", "--on", "2026-10-01")
    netlog("log", "Di", "email", "--received", "--on", WEDNESDAY, "--note", "Could you review my talk proposal?")
    [item] = [i for i in netlog.json("due") if i["action"] == "reply"]
    assert (item["contact"], item["event_on"], item["due"]) == ("Di Dahl", WEDNESDAY, "2026-11-23")
    assert "waiting for your answer" in item["reason"]
    assert set(item) >= {"contact", "contact_id", "action", "reason", "due", "score", "event_on", "occasion", "also", "held"}


def test_about_or_asks_owes_and_no_asks_or_a_thank_you_does_not(netlog):
    for name in ("Ana Lima", "Bo Berg", "Cy Cole", "Ed Eng", "Fa Fox"):
        netlog("add", name, "--on", "2026-10-01")
    netlog("log", "Ana", "message", "--received", "--on", WEDNESDAY, "--about", "would you be free to mentor?")
    netlog("log", "Bo", "email", "--received", "--on", WEDNESDAY, "--asks")
    netlog("log", "Cy", "email", "--received", "--on", WEDNESDAY, "--note", "Can you intro me?", "--no-asks")
    netlog("log", "Ed", "email", "--received", "--on", WEDNESDAY, "--note", "thanks for the coffee")
    netlog("log", "Fa", "email", "--received", "--on", WEDNESDAY)
    assert sorted(replies(netlog)) == [("Ana Lima", WEDNESDAY), ("Bo Berg", WEDNESDAY)]


def test_add_received_owes_a_reply_when_it_asks(netlog):
    netlog("add", "Di Dahl", "--how", "email", "--received", "--on", WEDNESDAY, "--note", "Could you review my talk?")
    netlog("add", "Rui Sousa", "--how", "message", "--received", "--on", WEDNESDAY, "--asks")
    netlog("add", "Ivy Stone", "--how", "email", "--received", "--on", WEDNESDAY, "--note", "great to meet you")
    assert sorted(replies(netlog)) == [("Di Dahl", WEDNESDAY), ("Rui Sousa", WEDNESDAY)]
    assert [i for i in netlog.json("due") if i["action"] == "nudge"] == []  # theirs, not mine


def test_an_answer_a_meeting_or_done_clears_it(netlog):
    for name in ("Ana Lima", "Bo Berg", "Cy Cole"):
        netlog("add", name, "--on", "2026-10-01")
        netlog("log", name, "email", "--received", "--on", WEDNESDAY, "--asks")
    netlog("log", "Ana", "email", "--on", "2026-11-20")
    netlog("log", "Bo", "coffee", "--on", "2026-11-20")
    netlog("done", "Cy", "reply")
    assert replies(netlog) == []


def test_the_reply_draft_says_what_it_was_about(netlog):
    netlog("add", "Di Dahl", "--on", "2026-10-01")
    netlog("log", "Di", "email", "--received", "--on", WEDNESDAY, "--about", "your talk proposal", "--asks",
           "--note", "private: she seemed stressed")  # fmt: skip
    draft = netlog("draft", "Di", "reply").stdout
    assert "Thank you for your email on Wednesday about your talk proposal, and sorry" in draft
    assert "private" not in draft


def test_asks_is_for_a_message_received(netlog):
    netlog("add", "Di Dahl", "--on", "2026-10-01")
    for args in (["log", "Di", "email", "--asks"], ["log", "Di", "call", "--received", "--asks"],
                 ["log", "Di", "congrats", "--received", "--no-asks"], ["add", "Bo Berg", "--how", "email", "--asks"]):  # fmt: skip
        bad = netlog(*args, ok=False)
        assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1 and "--asks" in bad.stderr, args
    assert "--asks" in netlog("log", "--help").stdout and "--no-asks" in netlog("add", "--help").stdout


def test_messages_logged_before_owe_nothing_after_the_upgrade(netlog, db_path):
    """A database of version 18 has no `asks`: its hand-logged received emails, whatever their notes say,
    owed nothing and still owe nothing after the upgrade; a captured one that asks still owes."""
    netlog("add", "Di Dahl", "--on", "2026-10-01")
    netlog("log", "Di", "email", "--received", "--on", WEDNESDAY, "--note", "Could you review my talk proposal?")
    netlog("add", "Bo Berg", "--on", "2026-10-01")
    with sqlite3.connect(db_path) as db:
        db.execute("INSERT INTO touch (contact_id, kind, happened_on, direction, logged_by, expects_reply, source,"
                   " source_id, group_event) SELECT id, 'email', ?, 'in', 'tester', 1, 'mail', '<a@x>', 0 FROM contact"
                   " WHERE name = 'Bo Berg'", (WEDNESDAY,))  # fmt: skip
        older_schema.back_to(db, 18)  # no asks column, and nothing of what came after
        db.execute("UPDATE netlog_meta SET value = 'old' WHERE key = 'history_version'")
    db.close()
    assert replies(netlog) == [("Bo Berg", WEDNESDAY)]
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT max(id) FROM netlog_migration").fetchone() == (LATEST,)
    db.close()


def test_a_backup_keeps_what_asks_and_an_older_one_owes_nothing(netlog, tmp_path, monkeypatch):
    """The JSON export keeps `asks`; a backup written before it (no such key) restores no reply owed."""
    netlog("add", "Di Dahl", "--on", "2026-10-01")
    netlog("log", "Di", "email", "--received", "--on", WEDNESDAY, "--asks")
    netlog("add", "Bo Berg", "--on", "2026-10-01")
    netlog("log", "Bo", "email", "--received", "--on", WEDNESDAY, "--note", "Could you?", "--no-asks")
    backup = tmp_path / "backup.json"
    netlog("export", "json", "-o", str(backup))
    document = json.loads(backup.read_text())
    monkeypatch.setenv("NETLOG_DB", str(tmp_path / "restored.db"))
    netlog("import", "json", str(backup))
    assert replies(netlog) == [("Di Dahl", WEDNESDAY)]
    for contact in document["contacts"]:
        for touch in contact["touches"]:
            del touch["asks"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document))
    monkeypatch.setenv("NETLOG_DB", str(tmp_path / "old.db"))
    netlog("import", "json", str(old))
    assert replies(netlog) == []

def _mail(n: int, sender: str, subject: str, body: str) -> bytes:
    return (
        f"From {n}@xxx Wed Nov 18 10:00:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nMessage-ID: <h{n}@mail.example>\r\n"
        f"Date: Wed, 18 Nov 2026 10:00:00 +0100\r\nFrom: {sender}\r\nTo: kim@example.org\r\nSubject: {subject}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n\r\n"
    ).encode()


def test_the_same_mail_captured_and_logged_by_hand_owes_what_its_words_ask(netlog, tmp_path):
    """Logged by hand after its capture, a mail that asks nothing starts owing nothing (it did: `log` wrote
    expects_reply true over the capture's reading); captured after a hand log, a mail that asks owes a reply."""
    netlog("me", "--name", "Kim Oduya", "--email", "kim@example.org")
    netlog("add", "Ana Lima", "--email", "ana@example.org", "--on", "2026-10-01")
    netlog("add", "Bo Berg", "--email", "bo@example.org", "--on", "2026-10-01")
    netlog("add", "Cy Cole", "--email", "cy@example.org", "--on", "2026-10-01")
    netlog("log", "Bo", "email", "--received", "--on", WEDNESDAY)
    netlog("log", "Cy", "email", "--received", "--on", WEDNESDAY)
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        _mail(1, "Ana <ana@example.org>", "Coffee", "Thanks for the coffee!")
        + _mail(2, "Bo <bo@example.org>", "Deck", "Could you look at my deck?")
        + _mail(3, "Cy <cy@example.org>", "Coffee", "Thanks, great to meet you.")
    )
    netlog("import", "mail", str(mbox))
    netlog("log", "Ana", "email", "--received", "--on", WEDNESDAY)
    assert [len(netlog.json("show", name)["touches"]) for name in ("Ana", "Bo", "Cy")] == [2, 2, 2]  # one each, joined
    assert replies(netlog) == [("Bo Berg", WEDNESDAY)]
