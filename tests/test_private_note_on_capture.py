"""A note is private even when it sits on a captured touch. A reason quoted a captured touch's note as the
subject it held, so when a hand log and the capture of the same message were joined and the capture had no
subject (a chat message, a mail without one), the private note went into `due`, `export ics` (sync calendar)
and the reply draft the person reads. The subject now has its own column (migration 23): reasons and drafts
quote it or what was marked `--about`, never a note."""

from __future__ import annotations

import json

import pytest
from helpers import older_schema

KIM = "kim.oduya@example.org"
PRIVATE = "She sounded worried about layoffs"


def _mail(tmp_path, subject: bytes | None):
    mbox = tmp_path / "in.mbox"
    header = b"Subject: " + subject + b"\r\n" if subject is not None else b""
    mbox.write_bytes(
        b"From 1@xxx Wed Nov 11 13:30:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nMessage-ID: <m1@example.com>\r\n"
        b"Date: Wed, 11 Nov 2026 14:30:00 +0100\r\nFrom: Mei Chen <mei.chen@example.com>\r\nTo: " + KIM.encode() + b"\r\n"
        + header + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hi Kim, could you send me the name of the recruiter?\r\n\r\n"
    )  # fmt: skip
    return mbox


@pytest.fixture
def mei(netlog, monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-16")
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Mei Chen", "--email", "mei.chen@example.com", "--on", "2026-10-01")
    return netlog


def _said(netlog) -> str:
    """Everything the person or a shared calendar may read of the reply owed: its reason, the ics, the draft."""
    [reply] = [i for i in netlog.json("due") if i["action"] == "reply"]
    return "\n".join((reply["reason"], netlog("export", "ics").stdout, netlog("draft", "Mei Chen", "reply").stdout))


@pytest.mark.parametrize("order", ["captured first", "logged first"])
def test_a_private_note_on_a_capture_without_subject_is_never_quoted(mei, tmp_path, order):
    mbox = _mail(tmp_path, subject=None)
    log = ("log", "Mei Chen", "email", "--received", "--on", "2026-11-11", "--note", PRIVATE, "--asks")
    if order == "captured first":
        assert json.loads(mei("import", "mail", str(mbox), "--json").stdout)["new"] == 1
        mei(*log)  # completes the captured touch (one touch: the same mail)
    else:
        mei(*log)
        mei("import", "mail", str(mbox))  # joins the hand log
    [touch] = [t for t in mei.json("show", "Mei Chen")["touches"] if t["kind"] == "email"]
    assert touch["note"] == PRIVATE  # one touch, the note kept
    assert PRIVATE not in _said(mei)


@pytest.mark.parametrize("order", ["captured first", "logged first"])
def test_the_subject_is_quoted_beside_a_private_note(mei, tmp_path, order):
    mbox = _mail(tmp_path, subject=b"The recruiter you mentioned")
    log = ("log", "Mei Chen", "email", "--received", "--on", "2026-11-11", "--note", PRIVATE, "--asks")
    if order == "captured first":
        mei("import", "mail", str(mbox))
        mei(*log)
    else:
        mei(*log)
        mei("import", "mail", str(mbox))
    said = _said(mei)
    assert "The recruiter you mentioned" in said and PRIVATE not in said


def test_a_backup_keeps_the_subject_apart_from_the_note(mei, tmp_path):
    mei("import", "mail", str(_mail(tmp_path, subject=b"The recruiter you mentioned")))
    mei("log", "Mei Chen", "email", "--received", "--on", "2026-11-11", "--note", PRIVATE)
    backup = tmp_path / "backup.json"
    mei("export", "json", "-o", str(backup))
    [touch] = [t for c in json.loads(backup.read_text())["contacts"] for t in c["touches"] if t["kind"] == "email"]
    assert (touch["subject"], touch["note"]) == ("The recruiter you mentioned", PRIVATE)
    mei("--db", str(tmp_path / "restored.db"), "import", "json", str(backup))
    assert PRIVATE not in mei("--db", str(tmp_path / "restored.db"), "due").stdout
    assert "The recruiter you mentioned" in mei("--db", str(tmp_path / "restored.db"), "due").stdout


def test_an_upgrade_keeps_captured_subjects_and_leaves_chat_notes_private(netlog, tmp_path, monkeypatch):
    """Migration 23 copies a capture's note as its subject where the source has subjects and no shareable words
    replaced it; a chat's captures have no subject, so a note on one is yours."""
    import sqlite3

    db = tmp_path / "old.db"
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-16")
    netlog("--db", str(db), "add", "Mei Chen", "--on", "2026-10-01")
    rows = [("mail", "The recruiter you mentioned", None), ("telegram", PRIVATE, None),
            ("mail", PRIVATE, "The recruiter you mentioned"), (None, PRIVATE, None)]  # fmt: skip
    with sqlite3.connect(db) as conn:  # the file as version 22 left it: no subject column
        older_schema.back_to(conn, 22)
        conn.executemany(
            "INSERT INTO touch (contact_id, kind, happened_on, direction, note, source, source_id, about, expects_reply,"
            " group_event, asks) VALUES (1, 'message', '2026-11-11', 'in', ?, ?, ?, ?, 1, 0, 0)",
            [(note, source, f"id{n}" if source else None, about) for n, (source, note, about) in enumerate(rows)],
        )
    netlog("--db", str(db), "list")  # opens it: migrates
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT source, subject FROM touch WHERE kind = 'message' ORDER BY id").fetchall()
    assert found == [("mail", "The recruiter you mentioned"), ("telegram", None), ("mail", None), (None, None)]
