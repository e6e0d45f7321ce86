"""Issue 22's sync in the corners the spec tests (tests/test_sync_contacts.py) do not visit: a card that cannot be
read for a while is not a deleted card, a card renamed by another program is the same card, and an unchanged
run opens no write transaction (the database file is not touched)."""

from __future__ import annotations

import json
from datetime import date
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from helpers import dav

CARDS = FIXTURES / "dav"
FARID = "2D3E4F5A-6B7C-4D8E-9F0A-1B2C3D4E5F6A"
EVA = "7B8C9D0E-1F2A-4B3C-8D4E-5F6A7B8C9D0E"  # Apple: ORG:Native Instruments;Design, one email, one phone


def address_book(tmp_path: Path) -> Path:
    folder = tmp_path / "contacts"
    folder.mkdir()
    for card in CARDS.glob("*.vcf"):
        shutil.copyfile(card, folder / card.name)
    return folder


def counts(netlog, folder: Path) -> dict:
    return json.loads(netlog("sync", "contacts", str(folder), "--json").stdout)


def test_a_card_that_cannot_be_read_for_a_while_is_not_taken_as_deleted(netlog, tmp_path):
    folder = address_book(tmp_path)
    counts(netlog, folder)
    card = dav.items_by_uid(folder)[FARID]
    kept = card.read_bytes()
    card.write_bytes(b"\xff\xfe not UTF-8 at all")  # another program mid-write, or a broken disk
    broken = netlog("sync", "contacts", str(folder), "--json")
    assert json.loads(broken.stdout)["in_deleted"] == 0 and card.name in broken.stderr and "not UTF-8" in broken.stderr
    card.write_bytes(kept)
    again = counts(netlog, folder)
    assert (again["in_deleted"], again["in_new"], again["unchanged"]) == (0, 0, 50)
    assert card.read_bytes() == kept


def test_a_card_renamed_by_another_program_is_the_same_card(netlog, tmp_path):
    folder = address_book(tmp_path)
    counts(netlog, folder)
    card = dav.items_by_uid(folder)[FARID]
    card.rename(folder / "renamed-by-vdirsyncer.vcf")
    assert counts(netlog, folder) == {"in_new": 0, "in_changed": 0, "in_deleted": 0, "out_new": 0, "out_changed": 0,
                                      "conflicts": 0, "unchanged": 50}  # fmt: skip
    netlog("edit", "Farid Haddad", "--title", "Managing Partner")
    assert counts(netlog, folder)["out_changed"] == 1
    assert b"TITLE:Managing Partner" in (folder / "renamed-by-vdirsyncer.vcf").read_bytes()


def test_an_unchanged_sync_does_not_write_the_database(netlog, tmp_path):
    import os

    folder = address_book(tmp_path)
    netlog("add", "Zed Quinn", "--email", "zed@example.org")
    counts(netlog, folder)
    database = Path(os.environ["NETLOG_DB"])
    if not database.exists():  # the PostgreSQL pass: there is no file to look at
        return
    before = {p.name: p.stat().st_mtime_ns for p in database.parent.iterdir() if p.name.startswith(database.name)}
    assert counts(netlog, folder)["unchanged"] == 51
    after = {p.name: p.stat().st_mtime_ns for p in database.parent.iterdir() if p.name.startswith(database.name)}
    assert after == before


def test_a_changed_card_passes_the_door_an_import_passes(netlog, tmp_path):
    folder = address_book(tmp_path)
    counts(netlog, folder)
    card = dav.items_by_uid(folder)[FARID]
    huge = "https://example.org/" + "a" * 70_000
    card.write_bytes(card.read_bytes().replace(b"END:VCARD", f"URL:{huge}\r\nCATEGORIES:{'t' * 3000}\r\nEND:VCARD".encode()))
    result = netlog("sync", "contacts", str(folder), "--json")
    assert json.loads(result.stdout)["in_changed"] == 1 and "too long" in result.stderr
    farid = netlog.json("show", "Farid Haddad")
    assert huge not in [u["value"] for u in farid["urls"]] and all(len(t) <= 2000 for t in farid["tags"])
    netlog("export", "json")  # what was stored reads back through the door


def card(uid: str, name: str, email: str, *extra: str) -> bytes:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{name}", f"EMAIL;TYPE=work:{email}", *extra, "END:VCARD", ""]
    return "\r\n".join(lines).encode()


def test_a_merge_of_two_synced_contacts_leaves_one_card_the_next_sync_deletes_the_other(netlog, tmp_path):
    """khard's own `merge` keeps one card and deletes the other: after `netlog merge`, the next sync patches the
    kept person's card with what the merge gave them, moves the merged-away card's lines netlog does not own
    (a photo, a label of another program) onto it when it has none of that kind, and deletes that card; the
    third sync changes nothing, and the deleted card is never brought back."""
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "ana.vcf").write_bytes(card("ana-1", "Ana Lima", "ana@contoso.example", "X-ABUID:ana-apple"))
    (folder / "ana2.vcf").write_bytes(card("ana-2", "Ana L.", "ana.lima@gmail.example", "PHOTO;VALUE=uri:https://example.org/ana.jpg",
                                           "X-ABUID:other-apple", "NOTE:met at PyCon"))  # fmt: skip
    assert counts(netlog, folder)["in_new"] == 2
    netlog("merge", "Ana Lima", "Ana L.", "--yes")
    netlog("import", "vcard", str(folder / "ana2.vcf"))  # before the sync: the merged-away card is not a new contact
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]
    after = counts(netlog, folder)
    assert (after["out_changed"], after["in_new"], after["out_new"], after["in_deleted"]) == (2, 0, 0, 0)
    assert sorted(p.name for p in folder.iterdir()) == ["ana.vcf"]
    kept = (folder / "ana.vcf").read_text()
    assert "UID:ana-1" in kept and "ana.lima@gmail.example" in kept and "ana@contoso.example" in kept
    assert "PHOTO;VALUE=uri:https://example.org/ana.jpg" in kept and "met at PyCon" in kept
    assert kept.count("X-ABUID") == 1 and "X-ABUID:ana-apple" in kept  # the kept card's own, not a second one
    assert counts(netlog, folder) == {"in_new": 0, "in_changed": 0, "in_deleted": 0, "out_new": 0, "out_changed": 0,
                                      "conflicts": 0, "unchanged": 1}  # fmt: skip
    netlog("import", "vcard", str(folder))
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


def test_a_merge_into_a_contact_without_a_card_makes_the_other_card_theirs(netlog, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "bo.vcf").write_bytes(card("bo-1", "Bo B.", "bo@example.org", "PHOTO;VALUE=uri:https://example.org/bo.jpg"))
    assert counts(netlog, folder)["in_new"] == 1
    netlog("add", "Bo Berg", "--company", "Contoso")
    netlog("merge", "Bo Berg", "Bo B.", "--yes")
    after = counts(netlog, folder)
    assert (after["out_changed"], after["out_new"], after["in_new"]) == (1, 0, 0)
    assert sorted(p.name for p in folder.iterdir()) == ["bo.vcf"]
    bo = (folder / "bo.vcf").read_text()
    assert "FN:Bo Berg" in bo and "ORG:Contoso" in bo and "bo@example.org" in bo and "PHOTO;VALUE=uri:https://example.org/bo.jpg" in bo
    assert counts(netlog, folder)["unchanged"] == 1


def test_a_merged_away_card_changed_in_the_address_book_since_is_left_alone_and_said(netlog, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "ana.vcf").write_bytes(card("ana-1", "Ana Lima", "ana@contoso.example"))
    (folder / "ana2.vcf").write_bytes(card("ana-2", "Ana L.", "ana.lima@gmail.example"))
    counts(netlog, folder)
    netlog("merge", "Ana Lima", "Ana L.", "--yes")
    (folder / "ana2.vcf").write_bytes(card("ana-2", "Ana L.", "ana.lima@gmail.example", "TITLE:CTO"))
    result = netlog("sync", "contacts", str(folder), "--json")
    assert json.loads(result.stdout)["out_changed"] == 1 and "ana2.vcf" in result.stderr and "changed" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["ana.vcf", "ana2.vcf"]
    assert counts(netlog, folder)["unchanged"] == 1 and [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


def calendar_summaries(folder: Path) -> list[str]:
    texts = [p.read_text().replace("\r\n ", "") for p in folder.glob("*.ics")]
    return sorted(line[8:].strip() for t in texts for line in t.splitlines() if line.startswith("SUMMARY:"))


def test_calendar_items_of_a_removed_or_merged_contact_leave_the_calendar(morning, tmp_path):
    """A contact removed with rm, or merged into another, is no longer due: its items go at the next calendar
    sync, like any item no longer due (before, they stayed in the calendar for ever, remembered as removed),
    and the kept contact's are written under its name."""
    folder = tmp_path / "calendar"
    morning("sync", "calendar", str(folder))
    assert "Thank Cy Ng" in calendar_summaries(folder) and "Nudge Bo Berg" in calendar_summaries(folder)
    morning("rm", "Cy Ng", "--yes")
    morning("merge", "Gus Berg", "Bo Berg", "--yes")
    result = json.loads(morning("sync", "calendar", str(folder), "--json").stdout)
    now = calendar_summaries(folder)
    assert not [s for s in now if "Cy Ng" in s or "Bo Berg" in s] and result["removed"] >= 2
    exported = tmp_path / "exported"
    exported.mkdir()
    morning("export", "ics", "-o", str(exported / "all.ics"))
    assert now == calendar_summaries(exported)  # the calendar says what is due, no more


def test_a_daily_calendar_sync_rewrites_an_item_only_when_what_it_says_changed(morning, tmp_path, monkeypatch):
    """vdirsyncer uploads every file that changed: a sync the next days, with nothing done and nothing
    changed, rewrites nothing (DTSTAMP stays the day the item was written; an overdue item keeps the day it
    was written with and its reason as worded then), while a real change (a new name) still rewrites its
    items, stamped with the day of the change. Every item stays valid iCalendar with its DTSTAMP."""
    import icalendar

    folder = tmp_path / "calendar"
    morning("sync", "calendar", str(folder))
    first = {p.name: p.read_bytes() for p in folder.glob("*.ics")}
    for day in ("2026-11-24", "2026-11-25", "2026-11-27"):
        monkeypatch.setenv("NETLOG_TODAY", day)
        result = json.loads(morning("sync", "calendar", str(folder), "--json").stdout)
        assert result["updated"] == 0, day
        now = {p.name: p.read_bytes() for p in folder.glob("*.ics")}
        assert {name: text for name, text in now.items() if name in first} == {n: t for n, t in first.items() if n in now}
    morning("edit", "Bo Berg", "--name", "Bo Bergman")
    result = json.loads(morning("sync", "calendar", str(folder), "--json").stdout)
    assert result["updated"] >= 1
    for file in folder.glob("*.ics"):
        item = next(c for c in icalendar.Calendar.from_ical(file.read_bytes()).walk() if c.name in ("VTODO", "VEVENT"))
        assert item.get("dtstamp") is not None and item.get("uid")
        if "Bo Bergman" in str(item.get("summary")):
            assert item.decoded("dtstamp").date().isoformat() == "2026-11-27"
            assert item.decoded("due") == date(2026, 11, 23)  # overdue since the first sync: its day kept
    assert json.loads(morning("sync", "calendar", str(folder), "--json").stdout)["updated"] == 0


def test_the_first_sync_gives_every_new_card_its_uid_in_one_statement(netlog, tmp_path):
    """Issue 22's speed: the first sync of many of netlog's own contacts stored each new UID with an UPDATE of
    its own (10,000 round trips through the ORM for 10,000 cards); now one statement runs for all of them.
    Counted, so the test does not depend on the machine's load; every card still carries its contact's UID."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    cards = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:03}\r\nEMAIL:p{n}@example.org\r\nEND:VCARD\r\n" for n in range(150))
    netlog("import", "vcard", "-", input=cards)
    uid_updates: list[int] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE CONTACT SET UID"):
            uid_updates.append(len(parameters) if executemany else 1)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        folder = tmp_path / "book"
        folder.mkdir()  # an address book is there before its first sync (vdirsyncer discover makes it)
        assert counts(netlog, folder)["out_new"] == 150
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert len(uid_updates) == 1 and sum(uid_updates) == 150
    stored = {c["name"]: c["uid"] for c in json.loads(netlog("export", "json").stdout)["contacts"]}
    on_cards = dict(dav.items_by_uid(folder))
    assert set(stored.values()) == set(on_cards) and len(on_cards) == 150


def test_a_card_without_uid_is_the_card_of_the_contact_it_describes_not_a_second_card(netlog, tmp_path):
    """khard's korean-c.vcf, korean-j.vcf and minimal.vcf have no UID. Imported from the folder (or added by
    hand with the same name), then synced with it: the sync wrote each person a second, new card, so the
    address book held 최유림 twice. As `export --vdir` does, the card that describes the contact (same name or
    email) gets a UID in its own file, and is that contact's card from then on."""
    from conftest import SHARED_DATA

    folder = tmp_path / "khard"
    shutil.copytree(SHARED_DATA / "vcards-khard", folder)
    for file in folder.iterdir():
        file.chmod(0o600)
    netlog("import", "vcard", str(folder))
    before = sorted(p.name for p in folder.iterdir())
    dry = json.loads(netlog("sync", "contacts", str(folder), "--json", "--dry-run").stdout)
    assert "UID" not in (folder / "minimal.vcf").read_text(encoding="utf-8")
    first = counts(netlog, folder)
    assert dry == first
    assert first["out_new"] == 0, first
    assert sorted(p.name for p in folder.iterdir()) == before  # no second card for anyone
    for name, file in (("최유림", "korean-c.vcf"), ("전도훈", "korean-j.vcf"), ("minimal contact", "minimal.vcf")):
        text = (folder / file).read_text(encoding="utf-8")
        original = (SHARED_DATA / "vcards-khard" / file).read_text(encoding="utf-8")
        uid = dav.items_by_uid(folder)
        assert text.count("BEGIN:VCARD") == 1 and text.count("\nUID:") == 1
        assert [line for line in text.splitlines() if not line.startswith("UID:")] == original.splitlines()
        assert any(path.name == file for path in uid.values())
    assert [c["name"] for c in netlog.json("list")].count("최유림") == 1
    again = counts(netlog, folder)
    assert (again["out_new"], again["out_changed"], again["in_new"]) == (0, 0, 0)
    netlog("edit", "minimal contact", "--title", "Tester")  # the adopted card is theirs: patched, not a new one
    assert counts(netlog, folder)["out_changed"] == 1
    assert "TITLE:Tester" in (folder / "minimal.vcf").read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == before
    netlog("export", "vcard", "--vdir", str(folder))  # the contact knows its card's UID: no second card either
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_folder_of_the_other_kind_is_refused_and_its_sync_left_as_it_was(morning, tmp_path):
    """`sync contacts` pointed at the calendar folder (a slip of the shell's history) took every calendar item
    netlog remembered there for a card deleted from the address book ("Ana Lima: the card was deleted ...")
    and marked it so: the calendar sync never updated or removed those items again. `sync calendar` pointed
    at an address book wrote .ics files among the cards, for vdirsyncer to upload to the CardDAV server. Each
    is one line, exit 1, nothing written on either side."""
    calendar, cards = tmp_path / "calendar", tmp_path / "contacts"
    morning("sync", "calendar", str(calendar))
    morning("sync", "contacts", str(cards), "--create")
    before_calendar, before_cards = snapshot(calendar), snapshot(cards)
    for kind, folder, says in (("contacts", calendar, "calendar"), ("calendar", cards, "cards")):
        for dry in ((), ("--dry-run",)) if kind == "contacts" else ((),):
            wrong = morning("sync", kind, str(folder), *dry, ok=False)
            assert wrong.exit_code == 1 and wrong.stdout == "" and len(wrong.stderr.splitlines()) == 1, wrong.stderr
            assert says in wrong.stderr and "Traceback" not in wrong.stderr
    assert snapshot(calendar) == before_calendar and snapshot(cards) == before_cards
    for file in calendar.glob("*.ics"):  # every item of the calendar is still the calendar sync's: all go
        file.unlink()
    again = json.loads(morning("sync", "calendar", str(calendar), "--json").stdout)
    assert again["done"] == len(before_calendar)
    emptied = tmp_path / "emptied"  # a folder whose cards are all gone is still an address book's
    morning("add", "Zed Quinn")  # (a contact with no card in another address book, so it is sent there)
    emptied.mkdir()
    morning("sync", "contacts", str(emptied))
    assert list(emptied.glob("*.vcf"))
    for file in emptied.glob("*.vcf"):
        file.unlink()
    assert morning("sync", "calendar", str(emptied), ok=False).exit_code == 1


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_card_that_joins_a_contact_gets_what_netlog_knew_of_them_so_both_sides_agree(netlog, tmp_path):
    """Zed was in netlog with his email, company and a tag; the phone had a card for him with only his
    number. The first sync joined the two (the contact took the number) but the card never got the email,
    the company or the tag: both sides' views were remembered as they were, so no later sync sent them
    either, and the phone never knew his address. Now the joined card is patched with what the contact has
    and it lacks (its own values win where it has one, as the import takes them; its other lines kept byte
    for byte), counted out_changed, and the dry run says so too."""
    netlog("add", "Zed Quinn", "--email", "zed@example.org", "--company", "Globex", "--tag", "pycon")
    netlog("add", "Yara Diaz", "--company", "Hooli", "--title", "CTO")
    folder = tmp_path / "contacts"
    folder.mkdir()
    zed = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1.2//EN\r\nN:Quinn;Zed;;;\r\nFN:Zed Quinn\r\n" \
          "TEL;type=CELL:+1 415 555 0100\r\nX-ABUID:abc\r\nUID:zed-1\r\nEND:VCARD\r\n"  # fmt: skip
    yara = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Yara Diaz\r\nORG:Initech\r\nUID:yara-1\r\nEND:VCARD\r\n"
    (folder / "zed-1.vcf").write_text(zed, newline="")
    (folder / "yara-1.vcf").write_text(yara, newline="")
    dry = json.loads(netlog("sync", "contacts", str(folder), "--json", "--dry-run").stdout)
    first = counts(netlog, folder)
    assert first == dry and (first["in_new"], first["out_new"], first["out_changed"]) == (2, 0, 2), first
    card = (folder / "zed-1.vcf").read_bytes().decode("utf-8")
    assert "zed@example.org" in card and "Globex" in card and "pycon" in card
    kept = [line for line in zed.split("\r\n") if line and not line.startswith("END")]
    assert [line for line in card.split("\r\n") if line in kept] == kept  # every line of the card, as it was
    card = (folder / "yara-1.vcf").read_text(encoding="utf-8")
    assert "ORG:Initech" in card and "Hooli" not in card and "TITLE:CTO" in card  # the card's company stands
    assert netlog.json("show", "Yara")["company"] == "Initech"
    assert [e["value"] for e in netlog.json("show", "Zed")["phones"]] == ["+1 415 555 0100"]
    again = counts(netlog, folder)
    assert again == {"in_new": 0, "in_changed": 0, "in_deleted": 0, "out_new": 0, "out_changed": 0, "conflicts": 0, "unchanged": 2}


def test_a_tag_spelled_like_an_address_books_own_group_survives_every_way_out_and_back(netlog, tmp_path):
    """A user's tag "starred", "all" or "myContacts" is no Google group: it reads back from every card netlog
    writes (export vcard, sync contacts), while Google's own groups on Google's cards stay groups, not tags."""
    tags = {"Ann Star": ["friends", "starred"], "Bo All": ["all"], "Cy Group": ["MYCONTACTS", "myContacts"]}
    for name, listed in tags.items():
        netlog("add", name, *[a for t in listed for a in ("--tag", t)])
    netlog("export", "vcard", "-o", str(tmp_path / "out.vcf"))
    other = str(tmp_path / "other.db")
    netlog("--db", other, "import", "vcard", str(tmp_path / "out.vcf"))
    assert {c["name"]: sorted(c["tags"]) for c in netlog.json("--db", other, "list")} == {n: sorted(t) for n, t in tags.items()}
    folder = tmp_path / "contacts"
    netlog("sync", "contacts", str(folder), "--create")
    third = str(tmp_path / "third.db")  # what netlog sent comes back, here to another database
    netlog("--db", third, "sync", "contacts", str(folder))
    assert {c["name"]: sorted(c["tags"]) for c in netlog.json("--db", third, "list")} == {n: sorted(t) for n, t in tags.items()}
    # a Google card keeps its groups as groups; the user's own "starred" on it is a tag
    (folder / "google.vcf").write_bytes(card("g-1", "Gus Google", "gus@example.org", "CATEGORIES:myContacts,starred,Hiking"))
    netlog("sync", "contacts", str(folder))
    assert netlog.json("show", "Gus Google")["tags"] == ["Hiking"]
    netlog("edit", "Gus Google", "--tag", "starred")
    netlog("sync", "contacts", str(folder))
    text = (folder / "google.vcf").read_bytes()
    assert b"myContacts" in text and netlog.json("show", "Gus Google")["tags"] == ["Hiking", "starred"]
    netlog("--db", third, "sync", "contacts", str(folder))
    assert netlog.json("--db", third, "show", "Gus Google")["tags"] == ["Hiking", "starred"]
    again = counts(netlog, folder)  # and it stays so
    assert (again["in_changed"], again["out_changed"], again["unchanged"]) == (0, 0, 4)
    # another program rewrites Ann's card without netlog's mark on the line: her "starred" was a tag, and stays one
    ann = next(f for f in folder.glob("*.vcf") if b"Ann Star" in f.read_bytes())
    text = ann.read_bytes()
    assert b"CATEGORIES;X-NETLOG=tags:friends,starred" in text
    ann.write_bytes(text.replace(b"CATEGORIES;X-NETLOG=tags:", b"CATEGORIES:").replace(b"END:VCARD", b"NOTE:Moved.\r\nEND:VCARD"))
    assert counts(netlog, folder)["in_changed"] == 1
    assert netlog.json("show", "Ann Star")["tags"] == ["friends", "starred"] and netlog.json("show", "Ann Star")["note"] == "Moved."


def test_addresses_added_on_both_sides_are_all_kept_with_their_labels_not_a_conflict(netlog, tmp_path):
    """Emails or phones added in the address book and in netlog since the last sync are a union, not a conflict the
    address book's list wins: every address stays on both sides, each with its label (no field given is ever lost)."""
    folder = address_book(tmp_path)
    counts(netlog, folder)
    eva = dav.items_by_uid(folder)[EVA]
    # netlog learns a labelled address (an import of another card of hers) and one typed by hand
    other = tmp_path / "eva-home.vcf"
    other.write_bytes(card("eva-elsewhere", "Eva Novak", "eva.novak@native-instruments.example", "EMAIL;TYPE=home:eva@home.example"))
    netlog("import", "vcard", str(other))
    netlog("edit", "Eva Novak", "--add-phone", "+49 30 1234567")
    # the address book adds another email and another phone to her card
    text = eva.read_bytes()
    eva.write_bytes(text.replace(b"END:VCARD", b"EMAIL;TYPE=WORK:eva@studio.example\r\nTEL;TYPE=HOME:+49 40 7654321\r\nEND:VCARD"))
    result = netlog("sync", "contacts", str(folder), "--json")
    assert json.loads(result.stdout)["conflicts"] == 0 and "conflict" not in result.stderr
    shown = netlog.json("show", "Eva Novak")
    emails = {e["value"]: e["label"] for e in shown["emails"]}
    assert emails == {"eva.novak@native-instruments.example": "work", "eva@studio.example": "work", "eva@home.example": "home"}
    assert len(shown["phones"]) == 3 and not any("Sync conflict" in n["text"] for n in shown["note_history"])
    after = eva.read_bytes()
    assert b"EMAIL;TYPE=home:eva@home.example" in after and b"+49 30 1234567" in after
    assert b"EMAIL;TYPE=WORK:eva@studio.example" in after and b"TEL;TYPE=HOME:+49 40 7654321" in after
    assert after.startswith(text.split(b"END:VCARD")[0].split(b"EMAIL")[0])  # the lines before stay byte for byte
    again = counts(netlog, folder)
    assert (again["in_changed"], again["out_changed"], again["conflicts"]) == (0, 0, 0)
    # a removal on one side and an addition on the other: both land
    netlog("edit", "Eva Novak", "--add-email", "eva@later.example")
    eva.write_bytes(eva.read_bytes().replace(b"EMAIL;TYPE=WORK:eva@studio.example\r\n", b""))
    counts(netlog, folder)
    assert sorted(e["value"] for e in netlog.json("show", "Eva Novak")["emails"]) == [
        "eva.novak@native-instruments.example", "eva@home.example", "eva@later.example"]
    assert b"eva@studio.example" not in eva.read_bytes() and b"eva@later.example" in eva.read_bytes()


def test_a_second_address_book_is_not_sent_the_cards_of_the_first(netlog, tmp_path):
    """Syncing a second folder sent it every contact the first one synced (they counted as netlog's own): a contact
    whose card is in another address book netlog syncs (or was, until deleted there) stays that book's."""
    folder = address_book(tmp_path)
    netlog("add", "Zed Quinn")
    first = counts(netlog, folder)
    assert (first["in_new"], first["out_new"]) == (50, 1)
    work = tmp_path / "work"
    (work).mkdir()
    (work / "wu.vcf").write_bytes(card("wu-1", "Wu Lan", "wu@example.org"))
    done = netlog("sync", "contacts", str(work), "--json")
    assert json.loads(done.stdout)["out_new"] == 0 and sorted(p.name for p in work.iterdir()) == ["wu.vcf"]
    assert "51 contacts with a card in another address book" in done.stderr and str(folder) in done.stderr
    netlog("add", "Ada New")  # a contact with no card anywhere goes to the next address book synced, that one only
    assert counts(netlog, work)["out_new"] == 1 and counts(netlog, folder)["out_new"] == 0
    again = netlog("sync", "contacts", str(work), "--json")
    assert json.loads(again.stdout)["out_new"] == 0 and "another address book" not in again.stderr  # said once
    assert not any(b"Wu Lan" in f.read_bytes() or b"Ada New" in f.read_bytes() for f in folder.glob("*.vcf"))
    # every contact, on purpose: export them there, and the next sync keeps each card
    netlog("export", "vcard", "--vdir", str(work))
    both = counts(netlog, work)
    assert (both["in_new"], both["out_new"]) == (51, 0) and len(list(work.glob("*.vcf"))) == 53
    assert len(netlog.json("list")) == 53  # no one doubled


def test_both_syncs_name_the_files_they_cannot_use_in_the_same_words(morning, tmp_path):
    """`sync contacts` names each file it leaves as it is (not UTF-8, not an item, several items, no UID);
    `sync calendar` said nothing of them. Both now say the same lines, on stderr, dry run or not."""
    lines = {}
    for kind, suffix, folder in (("contacts", ".vcf", tmp_path / "contacts"), ("calendar", ".ics", tmp_path / "calendar")):
        folder.mkdir()
        morning("sync", kind, str(folder))
        (folder / f"binary{suffix}").write_bytes(b"\xff\xfe not UTF-8")
        (folder / f"notes{suffix}").write_text("just some words\n")
        for dry in (("--dry-run",), ()):
            done = morning("sync", kind, str(folder), "--json", *dry)
            json.loads(done.stdout)  # stdout is the counts only
            said = [line.strip().replace(str(folder), "DIR").replace(suffix, ".X") for line in done.stderr.splitlines()]
            lines[kind] = [line for line in said if line.startswith("DIR/")]
            assert lines[kind] == ["DIR/binary.X: not UTF-8 text; left as it is.",
                                   "DIR/notes.X: is not a readable item (a vdir file holds one); left as it is."], done.stderr  # fmt: skip
        assert (folder / f"binary{suffix}").read_bytes() == b"\xff\xfe not UTF-8"
    assert lines["contacts"] == lines["calendar"]


def test_a_card_without_uid_of_someone_new_is_given_one_and_not_said_again(netlog, tmp_path):
    """A card with no UID that describes no contact was left out, and every sync said so again ("has no UID, so no
    sync can find it again"). Like any card of the folder it comes in: it gets a UID in its own file (every other
    byte kept) at the first sync, and the next sync has nothing to say of it."""
    folder = tmp_path / "contacts"
    folder.mkdir()
    original = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nia Hale\r\nEMAIL:nia@example.org\r\nEND:VCARD\r\n"
    (folder / "nia.vcf").write_bytes(original)
    dry = netlog("sync", "contacts", str(folder), "--dry-run", "--json")
    assert json.loads(dry.stdout)["in_new"] == 1 and (folder / "nia.vcf").read_bytes() == original
    assert "nia.vcf: has no UID; it would be given a UID, and comes in as a new card." in dry.stderr  # not "has ... now"
    first = netlog("sync", "contacts", str(folder), "--json")
    assert json.loads(first.stdout)["in_new"] == 1 and "nia.vcf: has no UID; it has the UID" in first.stderr
    text = (folder / "nia.vcf").read_bytes()
    assert text.startswith(original[: -len(b"END:VCARD\r\n")]) and text.count(b"\r\nUID:") == 1
    assert netlog.json("show", "Nia Hale")["email"] == "nia@example.org"
    again = netlog("sync", "contacts", str(folder), "--json")
    assert json.loads(again.stdout)["unchanged"] == 1 and "nia.vcf" not in again.stderr and "UID" not in again.stderr


@pytest.mark.sqlite_only
def test_an_unchanged_sync_loads_no_card_code(netlog, tmp_path):
    """An unchanged sync reads sizes and mtimes and the contacts, nothing more: asking whether a folder holds cards
    without a UID imported the card reader and writer on every run (+6% of its instructions at 2,000 cards)."""
    import subprocess
    import sys

    folder = address_book(tmp_path)
    counts(netlog, folder)
    script = ("import sys; sys.argv = ['netlog', 'sync', 'contacts', sys.argv[1]]\nfrom netlog.cli import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('netlog.vcard')))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, timeout=60)
    assert "50 unchanged" in done.stderr, done.stderr
    assert "netlog.vcard.cards" not in done.stdout and "netlog.vcard.cardlines" not in done.stdout, done.stdout


def test_a_mistyped_folder_is_one_line_and_nothing_is_made_unless_create_says_so(netlog, tmp_path):
    """A typo in an address book's path (`personl`) made a new folder and wrote every contact there; the folder
    must be there (vdirsyncer discover makes it), and --create makes a new address book on purpose."""
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    typo = tmp_path / "contacts" / "personl"
    for options in ((), ("--dry-run",), ("--json",)):
        result = netlog("sync", "contacts", str(typo), *options, ok=False)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and str(typo) in result.stderr and "--create" in result.stderr
        assert "Traceback" not in result.stderr
        assert not typo.exists() and not typo.parent.exists()
    dry = json.loads(netlog("sync", "contacts", str(typo), "--create", "--dry-run", "--json").stdout)
    assert dry["out_new"] == 1 and not typo.exists()
    made = json.loads(netlog("sync", "contacts", str(typo), "--create", "--json").stdout)
    assert made["out_new"] == 1 and len(list(typo.glob("*.vcf"))) == 1
    assert counts(netlog, typo)["unchanged"] == 1  # there now: an ordinary sync, without --create
    empty = tmp_path / "empty"
    empty.mkdir()
    assert counts(netlog, empty)["out_new"] == 0  # a folder that is there, even empty, is a first sync (Ana's card is elsewhere)
