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
    "second touch with Ivan — you met on Mon 2 Nov" (it was folded into his nudge)."""
    walk(netlog, monkeypatch)
    ivan = [i for i in items_of(netlog, "--all") if i["contact"] == "Ivan Novak"]
    assert [i["occasion"] for i in ivan] == ["nudge"]
