"""Touches from the records people keep (issue 14), through the real CLI on the project's own fixtures:
`netlog me`, every source, matching, idempotence, what is skipped and said, one transaction, and the due
rules seeing the touches like any other."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES

HERE = FIXTURES / "touches"
KIM = "kim.oduya@example.org"


@pytest.fixture(autouse=True)
def lisbon(monkeypatch):
    """The user's zone is the machine's: these are Kim's records, in Lisbon (a mail from Tokyo at 08:30 on
    the 3rd is Kim's 3rd, though it is the 2nd in UTC)."""
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def kim(netlog):
    """Kim's contacts, as an address book gave them (the mail, calendar and chats are Kim's)."""
    netlog("me", "--name", "Kim Oduya", "--email", KIM, "--linkedin", "https://www.linkedin.com/in/kim-oduya")
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    netlog("add", "Renée Fournier", "--email", "Renee@Fournier.example ", "--on", "2026-05-01")
    netlog("add", "Tomas Berg", "--email", "tomas@berg.example", "--on", "2026-05-01")
    return netlog


def touches(netlog, name: str) -> list[tuple]:
    return [(t["date"], t["kind"], t["direction"]) for t in netlog.json("show", name)["touches"]]


# who I am


def test_me_records_prints_and_signs(netlog):
    netlog("me", "--name", "Sam Rivera", "--email", "Sam@Example.org", "--email", "sam@work.example")
    netlog("me", "--email", "sam@example.org")  # known already: kept once
    shown = netlog.json("me")
    assert shown == {"name": "Sam Rivera", "emails": ["sam@example.org", "sam@work.example"], "linkedin": None,
                     "region": None, "family_tag": None, "days_off": ["sat", "sun"], "signature": "Sam Rivera"}  # fmt: skip
    assert "Sam Rivera" in netlog("me").stdout
    netlog("add", "Ana Lima", "--on", "2026-11-21")
    assert netlog("thank", "Ana").stdout.rstrip().endswith("Best,\nSam Rivera")
    bad = netlog("me", "--email", "not-an-address", ok=False)
    assert bad.exit_code == 1 and "not an email address" in bad.stderr


def test_an_import_that_cannot_tell_who_you_are_says_so_and_writes_nothing(netlog, tmp_path):
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    mbox = tmp_path / "one.mbox"
    mbox.write_bytes(_message("noor@haddad.example", "someone@else.example", "Thu, 12 Nov 2026 10:00:00 +0000", "<x@y>", "Hi"))
    before = netlog("export", "json").stdout
    result = netlog("import", "mail", str(mbox), ok=False)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1 and "--me" in result.stderr
    assert netlog("export", "json").stdout == before


# mail


def test_mail_becomes_email_touches_once(kim):
    first = kim("import", "mail", str(HERE / "takeout.mbox"))
    assert "Logged: 9 touches with 3 contacts" in first.stderr  # 8 messages, one of them to two contacts
    assert "mailing list" in first.stderr and "more than 20 recipients" in first.stderr
    assert touches(kim, "Noor")[:3] == [("2026-09-03", "email", "in"), ("2026-09-01", "email", "out"),
                                        ("2026-06-01", "email", "out")]  # fmt: skip
    assert kim.json("show", "Noor")["touches"][0]["note"] == "Re: Intro: Noor <> Renée"  # the subject, never the body
    again = json.loads(kim("import", "mail", str(HERE / "takeout.mbox"), "--json").stdout)
    assert again["new"] == 0 and again["already"] == 9
    # the same messages from a Maildir add nothing again: only the one the mbox does not have (no Date header)
    maildir = json.loads(kim("import", "mail", str(HERE / "maildir"), "--json").stdout)
    assert (maildir["new"], maildir["already"]) == (1, 3)


def test_mail_dry_run_since_and_no_subjects(kim):
    dry = json.loads(kim("import", "mail", str(HERE / "takeout.mbox"), "--dry-run", "--json").stdout)
    assert dry["dry_run"] and dry["new"] == 9
    assert touches(kim, "Noor") == [("2026-05-01", "met", "both")]
    since = json.loads(kim("import", "mail", str(HERE / "takeout.mbox"), "--since", "2026-09-10", "--no-subjects", "--json").stdout)
    assert since["new"] == 4 and since["skipped"]["before --since"] >= 4
    assert all(t["note"] is None for t in kim.json("show", "Tomas")["touches"] if t["kind"] == "email")


def test_people_who_are_not_contacts_are_listed_and_added_on_request(netlog):
    netlog("me", "--email", KIM)
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    listed = netlog("import", "mail", str(HERE / "takeout.mbox"), "--dry-run")
    assert "Not contacts:" in listed.stderr and "renee@fournier.example" in listed.stderr.lower()
    assert len(netlog.json("list")) == 1  # nobody created silently
    added = json.loads(netlog("import", "mail", str(HERE / "takeout.mbox"), "--add-new", "--json").stdout)
    assert added["added"] == 2
    names = {c["name"] for c in netlog.json("list")}
    assert len(names) == 3 and any("Tomas" in n for n in names)


def test_a_file_that_is_not_mail_is_one_line(kim, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes\n")
    result = kim("import", "mail", str(junk), ok=False)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    missing = kim("import", "calendar", str(tmp_path / "nowhere.ics"), ok=False)
    assert missing.exit_code == 1 and "Traceback" not in missing.stderr


# calendar, LinkedIn messages, chats


def test_calendar_meetings_not_doubled_with_one_logged_by_hand(kim):
    kim("log", "Noor", "coffee", "--on", "2026-09-02")  # the calendar's coffee with Noor, already logged
    report = json.loads(kim("import", "calendar", str(HERE / "calendar.ics"), "--json").stdout)
    assert report["new"] >= 1 and report["already"] >= 1
    days = [t for t in touches(kim, "Noor") if t[0] == "2026-09-02"]
    assert days == [("2026-09-02", "coffee", "both")]
    assert any(kind in ("met", "video") for _, kind, _ in touches(kim, "Renée") + touches(kim, "Tomas"))
    assert json.loads(kim("import", "calendar", str(HERE / "calendar.ics"), "--json").stdout)["new"] == 0
    assert json.loads(kim("import", "calendar", str(HERE / "vdir"), "--json").stdout)["read"] > 0


def test_linkedin_messages_match_on_the_profile_url(netlog):
    netlog("me", "--linkedin", "https://www.linkedin.com/in/kim-oduya")
    netlog("add", "N. Haddad", "--on", "2026-05-01")  # another name: only the URL can tell
    netlog("edit", "N. Haddad", "--email", "n@example.org")
    ids = {c["name"]: c["id"] for c in netlog.json("list")}
    netlog("import", "linkedin", str(_write_connections()))
    report = json.loads(netlog("import", "linkedin-messages", str(HERE / "messages.csv"), "--json").stdout)
    assert report["new"] >= 2
    noor = [t for t in touches(netlog, "Noor Haddad") if t[1] == "message"]
    assert noor and {d for _, _, d in noor} == {"in", "out"}
    assert ids  # the contact created by hand kept its own touches
    assert json.loads(netlog("import", "linkedin-messages", str(HERE / "messages.csv"), "--json").stdout)["new"] == 0


def _write_connections() -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Noor,Haddad,https://www.linkedin.com/in/noor-haddad,,Acme,Analyst,01 Mar 2024\n",
        encoding="utf-8",
    )
    return path


def test_telegram_and_whatsapp_chats_are_a_touch_a_day(kim):
    kim("edit", "Noor", "--email", "noor@haddad.example")
    report = json.loads(kim("import", "telegram", str(HERE / "result.json"), "--json").stdout)
    assert report["new"] >= 1 and "group chat or channel" in report["skipped"]
    kinds = {kind for _, kind, _ in touches(kim, "Noor") + touches(kim, "Tomas")}
    assert "message" in kinds
    per_day = [(d, k, w) for d, k, w in touches(kim, "Noor") if k == "message"]
    assert len(per_day) == len(set(per_day))  # one a day and direction, however long the chat
    whatsapp = kim("import", "whatsapp", str(HERE / "whatsapp" / "WhatsApp Chat with Noor Haddad.txt"), "--me", "Kim Oduya")
    assert "Traceback" not in whatsapp.stderr
    assert json.loads(kim("import", "telegram", str(HERE / "result.json"), "--json").stdout)["new"] == 0


def test_touch_options_are_refused_on_contact_imports(netlog):
    result = netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"), "--since", "2026-01-01", ok=False)
    assert result.exit_code == 1 and "--since goes with a touch import" in result.stderr
    result = netlog("import", "mail", str(HERE / "takeout.mbox"), "--tag", "x", ok=False)
    assert result.exit_code == 1 and "--tag goes with a contact import" in result.stderr


# the rules see them


def test_a_sent_email_with_no_reply_asks_for_one_nudge_and_a_reply_clears_it(netlog, tmp_path):
    netlog("me", "--email", KIM)
    netlog("add", "Ines Costa", "--email", "ines@costa.example", "--strength", "medium", "--on", "2026-01-10")
    sent = _message(KIM, "ines@costa.example", "Thu, 12 Nov 2026 10:00:00 +0000", "<a@kim>", "Lisbon role?")
    mbox = tmp_path / "sent.mbox"
    mbox.write_bytes(sent)
    netlog("import", "mail", str(mbox))
    assert [i["action"] for i in netlog.json("due")] == ["nudge"]
    reply = _message("ines@costa.example", KIM, "Mon, 23 Nov 2026 08:00:00 +0000", "<b@ines>", "Re: Lisbon role?")
    mbox.write_bytes(sent + reply)
    netlog("import", "mail", str(mbox))
    assert [i["action"] for i in netlog.json("due")] == []


def test_years_of_mail_do_not_flood_due(netlog, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import touch_sources

    people = touch_sources.make_contacts(60, seed=3)
    csv_path = tmp_path / "contacts.csv"
    touch_sources.write_contacts_csv(csv_path, people)
    netlog("import", "google", str(csv_path))
    netlog("me", "--email", touch_sources.OWNER[1])
    mbox = tmp_path / "years.mbox"
    touch_sources.write_mbox(mbox, people, n=3000, seed=3)
    report = json.loads(netlog("import", "mail", str(mbox), "--json").stdout)
    assert report["new"] > 1000
    due = netlog.json("due")
    assert len(due) <= 60  # at most about one item a contact, whatever years of mail hold
    assert len({(i["contact_id"], i["action"]) for i in due}) == len(due)


def _message(sender: str, to: str, when: str, message_id: str, subject: str) -> bytes:
    return (
        f"From x@y {when}\r\nFrom: {sender}\r\nTo: {to}\r\nDate: {when}\r\nMessage-ID: {message_id}\r\n"
        f"Subject: {subject}\r\n\r\nHello\r\n\r\n"
    ).encode()


# one transaction


@pytest.mark.sqlite_only
def test_a_killed_mail_import_leaves_the_database_as_it_was(kim, db_path, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import sqlite3

    import touch_sources

    people = [("Noor Haddad", "noor@haddad.example"), ("Tomas Berg", "tomas@berg.example")]
    mbox = tmp_path / "big.mbox"
    touch_sources.write_mbox(mbox, people, n=20000, seed=5)
    with sqlite3.connect(db_path) as conn:
        before = conn.execute("SELECT COUNT(*) FROM touch").fetchone()[0]
    command = [sys.executable, "-m", "netlog", "import", "mail", str(mbox), "--me", touch_sources.OWNER[1]]
    seen, codes = [], []
    for delay in (0.5, 1.5, 3.0):
        proc = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            seen.append(conn.execute("SELECT COUNT(*) FROM touch").fetchone()[0])
        codes.append(proc.returncode)
    # A kill can land after the commit and before the process exits, so a killed run may have written
    # everything; what it may never leave is a part of the import.
    finished = subprocess.run(command, env=os.environ.copy(), capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    with sqlite3.connect(db_path) as conn:
        full = conn.execute("SELECT COUNT(*) FROM touch").fetchone()[0]
    assert full > before
    assert set(seen) <= {before, full}, (before, seen, full)
    assert -signal.SIGKILL in codes  # at least one kill landed mid-import
