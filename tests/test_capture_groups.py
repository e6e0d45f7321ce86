"""Issue 23, group events: an event you organised with more than three guests, or any with more than five, is a
touch with each guest but brings no thank-you and no second touch for each of them."""

from __future__ import annotations

import json

KIM = "kim.oduya@example.org"


def _ics(uid: str, day: str, organizer: str, guests: list[str]) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{day}T170000Z", f"DTEND:{day}T200000Z", f"SUMMARY:{uid}",
             f"ORGANIZER:mailto:{organizer}", f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{KIM}",
             *(f"ATTENDEE;PARTSTAT=ACCEPTED;CN={g.title()}:mailto:{g}@example.org" for g in guests), "END:VEVENT"]  # fmt: skip
    return "\r\n".join(lines) + "\r\n"


def test_a_group_event_asks_no_thanks_nor_second_touch(netlog, tmp_path, monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", "2026-10-01")
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    party = ["antoine", "bea", "carlos", "dana"]  # four guests at her own party: a group
    cards = tmp_path / "people.vcf"  # imported: no touch of their own before the event
    cards.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;{n.title()};;;\r\nFN:{n.title()}\r\nEMAIL:{n}@example.org\r\n"
                             "END:VCARD\r\n" for n in [*party, "selin"]), encoding="utf-8", newline="")  # fmt: skip
    netlog("import", "vcard", str(cards))
    for name in [*party, "selin"]:
        netlog("edit", name.title(), "--strength", "weak")
    cal = tmp_path / "cal.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + _ics("farewell", "20261030", KIM, party)
        + _ics("coffee", "20261030", "selin@example.org", ["selin"]) + "END:VCALENDAR\r\n",
        encoding="utf-8", newline="",
    )  # fmt: skip
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-02")
    assert json.loads(netlog("import", "calendar", str(cal), "--me", KIM, "--json").stdout)["new"] == 5
    thanks = {i["contact"] for i in netlog.json("due") if i["action"] == "thank"}
    assert thanks == {"Selin"}
    shown = netlog.json("show", "Antoine")["touches"]
    assert [(t["date"], t["group"]) for t in shown if t["kind"] == "met"] == [("2026-10-30", True)]
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-20")
    seconds = {i["contact"] for i in netlog.json("due", "--all") if i["occasion"] == "second-touch"}
    assert not seconds & {p.title() for p in party}


def test_a_group_event_survives_a_json_backup_and_restore(netlog, tmp_path, monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", "2026-10-01")
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    party = ["antoine", "bea", "carlos", "dana"]
    cards = tmp_path / "people.vcf"
    cards.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;{n.title()};;;\r\nFN:{n.title()}\r\nEMAIL:{n}@example.org\r\n"
                             "END:VCARD\r\n" for n in party), encoding="utf-8", newline="")  # fmt: skip
    netlog("import", "vcard", str(cards))
    cal = tmp_path / "cal.ics"
    cal.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + _ics("farewell", "20261030", KIM, party) + "END:VCALENDAR\r\n",
                   encoding="utf-8", newline="")  # fmt: skip
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-02")
    netlog("import", "calendar", str(cal), "--me", KIM)
    backup = tmp_path / "backup.json"
    netlog("export", "json", "-o", str(backup))
    touch = next(t for c in json.loads(backup.read_text())["contacts"] if c["name"] == "Antoine" for t in c["touches"])
    assert touch["group_event"] is True
    monkeypatch.setenv("NETLOG_DB", str(tmp_path / "restored.db"))
    netlog("import", "json", str(backup))
    assert [t["group"] for t in netlog.json("show", "Antoine")["touches"]] == [True]
    assert not [i for i in netlog.json("due") if i["action"] == "thank"]
