"""Issue 22 through the real CLI on a vdir folder (no server: tests/test_sync_roundtrip.py has those):
`netlog sync contacts DIR`, one person one contact (every email, phone and profile URL, with labels),
`netlog sync calendar DIR`, and invitations that are not meetings.

The address book is tests/fixtures/dav: 50 cards as Apple Contacts, Google, Nextcloud, DAVx5, Thunderbird
and khard write them (its README says what each card exercises), copied to tmp_path for each test.

What does not exist yet is marked xfail(strict=True): each test fails today (most at "No such command
'sync'" or "No such option", the rest on today's wrong answer) and turns into an XPASS failure the day the
feature lands; the implementer then removes the mark. Tests of what already works are plain tests.

Proposed `show --json` keys (what these tests assume): `email`, `phone` and `url` stay the primary value
(a string or null, as today); `emails`, `phones` and `urls` are lists, primary first, of
{"value": "...", "label": "..." or null}. A label is what the card calls the address, lower-cased: a TYPE
("work", "home", "cell"), an X-ABLabel ("alumni", "linkedin"; Apple's "_$!<HomePage>!$_" reads as
"homepage") or X-SOCIALPROFILE's type ("linkedin", "twitter"). The tests only look for a word in it."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES
from helpers import dav

CARDS = FIXTURES / "dav"
EXTRA = CARDS / "extra"
KEYS = {"in_new", "in_changed", "in_deleted", "out_new", "out_changed", "conflicts", "unchanged"}
SYNC = "issue 22: `netlog sync contacts` does not exist yet"
CALENDAR = "issue 22: `netlog sync calendar` does not exist yet"

# the cards the tests name (UID -> who); the README of tests/fixtures/dav has all 50
ALBA = "4B1C6E0A-7D2F-4E8B-9C3A-5F6D7E8A9B0C"  # Apple: three emails, two phones, labels
BRUNO = "9E8D7C6B-5A4F-4E3D-8C2B-1A0F9E8D7C6B"  # Apple: X-SOCIALPROFILE linkedin + twitter
CHIARA = "1F2E3D4C-5B6A-4798-8A7B-6C5D4E3F2A1B"  # Apple: item1.URL + item1.X-ABLabel:LinkedIn
DEE = "6A5B4C3D-2E1F-4A0B-9C8D-7E6F5A4B3C2D"  # Apple: PHOTO folded Apple's way, X-IMAGEHASH
EVA = "7B8C9D0E-1F2A-4B3C-8D4E-5F6A7B8C9D0E"  # Apple: ORG:Native Instruments;Design
FARID = "2D3E4F5A-6B7C-4D8E-9F0A-1B2C3D4E5F6A"  # Apple: a long folded NOTE
GRETA = "3E4F5A6B-7C8D-4E9F-8A1B-2C3D4E5F6A7B"  # Apple: X-ABRELATEDNAMES, X-ABDATE, omit-year BDAY
MAREK = "0F1A2B3C-4D5E-4F6A-9B8C-9D0E1F2A3B4C"  # Apple
TOM = "5A6B7C8D-9E0F-4A1B-8C3D-4E5F6A7B8C9D"  # Apple: only bakers@example.net
JANE = "2b6f1c9e0a4d8e73"  # Google: only bakers@example.net
DAN = "3c7a2d0f1b5e9f84"  # Google: item1.URL:https\://www.linkedin.com/... LinkedIn, CATEGORIES:myContacts,Work
RAFAEL = "1e5c0f8b9d3a7b62"  # Google: CATEGORIES:myContacts,Hiking
WEN = "vm7n7nk9chmqe675lnvs69wg837zxdrszr7x"  # khard 4.0: TEL;VALUE=uri:tel:+1-415-555-0999
CARLA = "8ab7f9b2-5d0c-4b1e-9d7c-2a6f0e4c1b3d"  # Nextcloud, in carla-mendes.vcf
ALL_UIDS = set(dav.items_by_uid(CARDS))


# helpers


def address_book(tmp_path: Path) -> Path:
    """A writable copy of the fixture address book (the cards only, not the README or extra/)."""
    folder = tmp_path / "contacts"
    folder.mkdir()
    for card in CARDS.glob("*.vcf"):
        shutil.copyfile(card, folder / card.name)
    return folder


def file_of(folder: Path, uid: str) -> Path:
    return dav.items_by_uid(folder)[uid]


def snapshot(folder: Path, suffix: str = "") -> dict[str, tuple[int, int, bytes]]:
    """Every file of a folder (hidden and temporary ones too): name -> (inode, mtime in ns, bytes)."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir()) if p.name.endswith(suffix)}


def sync(netlog, folder: Path, *options: str, ok: bool = True):
    return netlog("sync", "contacts", str(folder), *options, ok=ok)


def sync_json(netlog, folder: Path, *options: str) -> dict:
    counts = json.loads(sync(netlog, folder, *options, "--json").stdout)
    assert set(counts) == KEYS, counts
    return counts


def said(result) -> str:
    """Everything a run told the user."""
    return result.stdout + result.stderr


def names(netlog) -> set[str]:
    return {c["name"] for c in netlog.json("list")}


def everything_shown(netlog, name: str) -> str:
    """All `show --json` says about a contact, as one text (wherever a kept value ends up)."""
    return json.dumps(netlog.json("show", name), ensure_ascii=False)


def values(entries: list[dict]) -> list[str]:
    return [e["value"] for e in entries]


def label_of(entries: list[dict], needle: str) -> str:
    """The label of the entry whose value contains needle (digits: whose digits contain them, whatever
    the phone's formatting), lower-cased; "" when it has none."""
    entry = next(e for e in entries if needle.lower() in e["value"].lower() or needle.isdigit() and needle in digits(e["value"]))
    return (entry.get("label") or "").lower()


def logical_lines(text: str) -> list[tuple[str, str]]:
    """(property name without group, raw text with its folded continuation lines) of each content line."""
    lines: list[tuple[str, str]] = []
    for physical in text.splitlines(keepends=True):
        if physical[:1] in (" ", "\t") and lines:
            name, raw = lines[-1]
            lines[-1] = (name, raw + physical)
        else:
            head = physical.split(":", 1)[0].split(";", 1)[0]
            lines.append((head.rsplit(".", 1)[-1].upper(), physical))
    return lines


def lines_but(text: str, *names: str) -> list[str]:
    """Every content line, byte for byte and in order, except the properties named."""
    return [raw for name, raw in logical_lines(text) if name not in names]


def digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


# sync contacts: first run, unchanged runs, dry run


def test_first_sync_brings_every_card_in_and_sends_netlogs_own_contacts_out_as_new_cards(netlog, tmp_path):
    netlog("add", "Zed Quinn", "--email", "zed@example.org", "--company", "Globex")
    netlog("add", "Yara Diaz", "--email", "yara@example.org")
    folder = address_book(tmp_path)
    counts = sync_json(netlog, folder)
    assert counts == {"in_new": 50, "in_changed": 0, "in_deleted": 0, "out_new": 2, "out_changed": 0, "conflicts": 0, "unchanged": 0}
    assert len(names(netlog)) == 52 and {"Alba Ortega", "Initech", "최유림", "Zed Quinn"} <= names(netlog)
    for card in CARDS.glob("*.vcf"):  # a card just read is not rewritten
        assert (folder / card.name).read_bytes() == card.read_bytes(), card.name
    new = {uid: file for uid, file in dav.items_by_uid(folder).items() if uid not in ALL_UIDS}
    assert len(new) == 2 and len(list(folder.iterdir())) == 52  # no temporary file left behind
    for uid, file in new.items():
        assert uuid.UUID(uid).version == 4 and file.name == f"{uid}.vcf"  # random, never netlog-<id>
    zed = next(f.read_bytes().decode() for f in new.values() if "FN:Zed Quinn" in f.read_bytes().decode())
    assert "zed@example.org" in zed and "Globex" in zed


def test_the_json_summary_has_exactly_the_seven_counts(netlog, tmp_path):
    (tmp_path / "empty").mkdir()
    assert sync_json(netlog, tmp_path / "empty") == dict.fromkeys(KEYS, 0)


def test_a_dry_run_counts_what_the_first_sync_would_do_and_writes_nothing(netlog, tmp_path):
    netlog("add", "Zed Quinn", "--email", "zed@example.org")
    folder = address_book(tmp_path)
    before = snapshot(folder)
    dry = sync_json(netlog, folder, "--dry-run")
    assert (dry["in_new"], dry["out_new"]) == (50, 1)
    assert snapshot(folder) == before and names(netlog) == {"Zed Quinn"}
    assert sync_json(netlog, folder) == dry  # the real run does what the dry run said


def test_an_unchanged_second_sync_writes_no_file(netlog, tmp_path):
    netlog("add", "Zed Quinn", "--email", "zed@example.org")
    folder = address_book(tmp_path)
    sync(netlog, folder)
    before = snapshot(folder)
    again = sync_json(netlog, folder)
    assert again == {**dict.fromkeys(KEYS, 0), "unchanged": 51}
    assert snapshot(folder) == before  # same files, same inodes, same times, same bytes
    assert len(names(netlog)) == 51


# deleted cards, removed contacts


def test_a_card_deleted_from_the_folder_is_not_recreated_and_the_person_keeps_their_history(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    netlog("log", "Farid Haddad", "coffee", "--on", "2026-11-20", "--note", "seed rounds")
    file_of(folder, FARID).unlink()
    counts = sync_json(netlog, folder)
    assert (counts["in_deleted"], counts["out_new"], counts["out_changed"]) == (1, 0, 0)
    assert FARID not in dav.items_by_uid(folder)
    assert "Farid Haddad" in names(netlog)
    assert [t["note"] for t in netlog.json("show", "Farid Haddad")["touches"] if t["kind"] == "coffee"] == ["seed rounds"]
    netlog("edit", "Farid Haddad", "--title", "Managing Partner")  # a change in netlog does not bring the card back
    later = sync(netlog, folder)
    assert FARID not in dav.items_by_uid(folder) and "Farid Haddad" not in said(later)  # said once, at the deletion


def test_the_summary_says_once_that_a_deleted_card_is_no_longer_synced(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    file_of(folder, FARID).unlink()
    assert "Farid Haddad" in said(sync(netlog, folder))
    assert "Farid Haddad" not in said(sync(netlog, folder))


def test_a_contact_removed_with_rm_is_not_brought_back_by_sync_or_import(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    card = file_of(folder, MAREK)
    kept = card.read_bytes()
    netlog("rm", "Marek Nowak", "--yes")
    sync(netlog, folder)
    assert "Marek Nowak" not in names(netlog)
    netlog("import", "vcard", str(folder))
    assert "Marek Nowak" not in names(netlog)
    sync(netlog, folder)
    assert "Marek Nowak" not in names(netlog)
    assert card.read_bytes() == kept  # without --card the card stays in the address book, untouched


def test_rm_with_card_deletes_the_card_too(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    card = file_of(folder, MAREK)
    netlog("rm", "Marek Nowak", "--yes", "--card")
    assert not card.exists() and MAREK not in dav.items_by_uid(folder)
    counts = sync_json(netlog, folder)
    assert (counts["in_new"], counts["out_new"]) == (0, 0)
    assert "Marek Nowak" not in names(netlog) and len(list(folder.glob("*.vcf"))) == 49


# changes on both sides


def test_a_field_changed_on_both_sides_is_a_conflict_the_address_book_wins_and_netlogs_value_is_kept(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    netlog("edit", "Eva Novak", "--title", "Design Lead")
    card = file_of(folder, EVA)
    card.write_bytes(card.read_bytes().replace(b"TITLE:Product Designer", b"TITLE:Principal Designer"))
    result = sync(netlog, folder)
    assert "Eva Novak" in said(result) and "conflict" in said(result).lower()
    assert "; 1 conflict;" in said(result)  # one conflict, not "1 conflicts"
    # the address book wins (its ORG:Native Instruments;Design unit reads as part of the title since issue 23)
    assert netlog.json("show", "Eva Novak")["title"] == "Principal Designer, Design"
    assert "Design Lead" in everything_shown(netlog, "Eva Novak")  # netlog's value, kept in the note history
    assert b"TITLE:Principal Designer" in card.read_bytes() and b"Design Lead" not in card.read_bytes()
    # and the count, on another contact
    netlog("edit", "Dee Park", "--title", "Director")
    dee = file_of(folder, DEE)
    dee.write_bytes(dee.read_bytes().replace(b"TITLE:Engineering Manager", b"TITLE:VP Engineering"))
    assert sync_json(netlog, folder)["conflicts"] == 1


def test_different_fields_changed_on_each_side_both_land_without_a_conflict(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    netlog("edit", "Eva Novak", "--title", "Design Lead")
    card = file_of(folder, EVA)
    card.write_bytes(card.read_bytes().replace(b"END:VCARD", b"NOTE:Moved to the Berlin office.\r\nEND:VCARD"))
    counts = sync_json(netlog, folder)
    assert (counts["conflicts"], counts["in_changed"], counts["out_changed"]) == (0, 1, 1)
    assert netlog.json("show", "Eva Novak")["note"] == "Moved to the Berlin office."
    text = card.read_bytes()
    assert b"TITLE:Design Lead" in text and b"NOTE:Moved to the Berlin office." in text


def test_foreign_properties_are_kept_byte_for_byte_when_netlog_patches_a_card(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    dee, greta = file_of(folder, DEE), file_of(folder, GRETA)
    before = {dee: dee.read_bytes().decode(), greta: greta.read_bytes().decode()}
    netlog("edit", "Dee Park", "--title", "Director of Engineering")
    netlog("edit", "Greta Holm", "--title", "Architect")
    assert sync_json(netlog, folder)["out_changed"] == 2
    for card, old in before.items():
        new = card.read_bytes().decode()
        # PHOTO, X-AB*, item groups, REV, order, folding. ORG is netlog's too (the company): since issue 23 its
        # unit (Dee's ORG:Hooli;Platform) is part of the title, so a new title leaves ORG the company alone
        assert lines_but(new, "TITLE", "ORG") == lines_but(old, "TITLE", "ORG")
    assert "TITLE:Director of Engineering\r\n" in dee.read_bytes().decode() and "ORG:Hooli\r\n" in dee.read_bytes().decode()
    assert "TITLE:Architect\r\n" in greta.read_bytes().decode()


# one person, one contact


def test_tom_and_jane_baker_stay_two_contacts_and_the_summary_says_they_share_an_address(netlog, tmp_path):
    folder = address_book(tmp_path)
    result = sync(netlog, folder)
    assert {"Tom Baker", "Jane Baker"} <= names(netlog)
    assert netlog.json("show", "Tom Baker")["email"] == netlog.json("show", "Jane Baker")["email"] == "bakers@example.net"
    assert all(word in said(result) for word in ("Tom Baker", "Jane Baker", "bakers@example.net"))
    tom = file_of(folder, TOM)
    before = tom.read_bytes()
    again = sync_json(netlog, folder)
    assert (again["in_changed"], again["out_changed"]) == (0, 0)  # not "2 updated" every time
    assert tom.read_bytes() == before  # Tom's card is not renamed "Jane Baker"


def test_importing_two_people_who_share_only_an_address_makes_two_contacts_and_says_so(netlog, tmp_path):
    pair = tmp_path / "bakers"
    pair.mkdir()
    for uid in (TOM, JANE):
        shutil.copyfile(file_of(CARDS, uid), pair / f"{uid}.vcf")
    first = netlog("import", "vcard", str(pair))
    assert "2 new" in first.stderr and "bakers@example.net" in said(first)
    assert {"Tom Baker", "Jane Baker"} <= names(netlog)
    again = netlog("import", "vcard", str(pair))
    assert "0 new, 0 updated, 2 unchanged" in again.stderr


def test_phone_formatting_alone_is_never_a_change_in_a_sync(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    wen = file_of(folder, WEN)
    # another client writes the same number its own way: tel:+1-415-555-0999 -> +1 415-555-0999
    wen.write_bytes(wen.read_bytes().replace(b"TEL;TYPE=cell;VALUE=uri:tel:+1-415-555-0999", b"TEL;TYPE=cell:+1 415-555-0999"))
    rewritten = snapshot(folder)
    counts = sync_json(netlog, folder)
    assert (counts["in_changed"], counts["out_changed"], counts["conflicts"]) == (0, 0, 0)
    assert snapshot(folder) == rewritten
    assert digits(netlog.json("show", "Wen Zhao")["phone"]) == "14155550999"


def test_phone_formatting_alone_is_never_a_change_in_an_import(netlog, tmp_path):
    netlog("import", "vcard", str(file_of(CARDS, WEN)))  # TEL;VALUE=uri:tel:+1-415-555-0999
    other = tmp_path / "wen.vcf"
    other.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wen Zhao\r\nN:Zhao;Wen;;;\r\nEMAIL;TYPE=WORK:wen.zhao@stripe.example\r\n"
                     "TEL;TYPE=CELL:+1 415-555-0999\r\nORG:Stripe\r\nEND:VCARD\r\n", newline="")  # fmt: skip
    result = netlog("import", "vcard", str(other))
    assert "0 new, 0 updated, 1 unchanged" in result.stderr


def test_a_google_mycontacts_group_is_never_a_tag_on_import(netlog):
    netlog("import", "vcard", str(file_of(CARDS, RAFAEL)), str(file_of(CARDS, DAN)))
    assert netlog.json("show", "Rafael Gomez")["tags"] == ["Hiking"]
    assert netlog.json("show", "Dan Okafor")["tags"] == ["Work"]


def test_a_google_mycontacts_group_is_never_a_tag_in_a_sync_nor_written_into_other_cards(netlog, tmp_path):
    folder = address_book(tmp_path)
    sync(netlog, folder)
    assert netlog.json("show", "Rafael Gomez")["tags"] == ["Hiking"]
    assert netlog.json("show", "Jane Baker")["tags"] == []
    netlog("edit", "Alba Ortega", "--tag", "madrid")
    netlog("add", "Zed Quinn")
    sync(netlog, folder)
    for uid, file in dav.items_by_uid(folder).items():
        original = (CARDS / file.name).read_bytes() if (CARDS / file.name).exists() else b""
        assert (b"myContacts" in file.read_bytes()) == (b"myContacts" in original), file.name  # Google's cards keep theirs
    assert b"CATEGORIES:madrid" in file_of(folder, ALBA).read_bytes()


def test_a_shorter_note_never_silently_replaces_a_longer_one(netlog):
    netlog("import", "vcard", str(file_of(CARDS, FARID)))  # Apple: the long note
    result = netlog("import", "vcard", str(EXTRA / "farid-haddad-google.vcf"))  # Google: his first line only
    assert "Runs the Lisbon half marathon every March." in everything_shown(netlog, "Farid Haddad")
    assert "Farid Haddad" in said(result) and "note" in said(result).lower()


def test_x_socialprofile_and_labelled_item_urls_are_read_as_profile_urls(netlog):
    netlog("import", "vcard", str(file_of(CARDS, BRUNO)), str(file_of(CARDS, CHIARA)), str(file_of(CARDS, DAN)))
    bruno = netlog.json("show", "Bruno Keller")["urls"]
    assert "linkedin" in label_of(bruno, "linkedin.com/in/brunokeller") and "twitter" in label_of(bruno, "twitter.com/bkeller")
    chiara = netlog.json("show", "Chiara Greco")["urls"]
    assert "linkedin" in label_of(chiara, "linkedin.com/in/chiara-greco") and "home" in label_of(chiara, "chiaragreco.example")
    dan = netlog.json("show", "Dan Okafor")["urls"]
    assert values(dan) == ["https://www.linkedin.com/in/danokafor"]  # Google's https\:// unescaped
    assert "linkedin" in label_of(dan, "danokafor")


def test_show_json_lists_every_email_phone_and_url_with_its_label(netlog):
    netlog("import", "vcard", str(file_of(CARDS, ALBA)))
    alba = netlog.json("show", "Alba Ortega")
    assert values(alba["emails"]) == ["alba.ortega@contoso.example", "alba@ortega.example", "alba.ortega@alumni.example"]
    assert alba["email"] == alba["emails"][0]["value"]  # the preferred one first, and still `email`
    assert "work" in label_of(alba["emails"], "contoso") and "home" in label_of(alba["emails"], "ortega.example")
    assert "alumni" in label_of(alba["emails"], "alumni")  # an Apple X-ABLabel
    assert [digits(p) for p in values(alba["phones"])] == ["34612345678", "34911234567"]
    assert "cell" in label_of(alba["phones"], "612345678") and "work" in label_of(alba["phones"], "911234567")
    assert alba["phone"] == alba["phones"][0]["value"] and alba["urls"] == [] and alba["url"] is None


def test_edit_adds_and_removes_emails_phones_and_urls(netlog):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("edit", "Ana Lima", "--add-email", "ana@contoso.example", "--add-phone", "+351 912 345 678",
           "--add-url", "https://www.linkedin.com/in/ana-lima")  # fmt: skip
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana@example.org", "ana@contoso.example"] and ana["email"] == "ana@example.org"
    assert [digits(p) for p in values(ana["phones"])] == ["351912345678"]
    assert values(ana["urls"]) == ["https://www.linkedin.com/in/ana-lima"]
    netlog("edit", "Ana Lima", "--remove-email", "ana@example.org", "--remove-phone", "+351 912 345 678",
           "--remove-url", "https://www.linkedin.com/in/ana-lima")  # fmt: skip
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana@contoso.example"] and ana["email"] == "ana@contoso.example"
    assert (ana["phones"], ana["phone"], ana["urls"], ana["url"]) == ([], None, [], None)
    missing = netlog("edit", "Ana Lima", "--remove-email", "nobody@example.org", ok=False)
    assert missing.exit_code == 1 and missing.stderr.startswith("netlog: ")
    assert len(missing.stderr.strip().splitlines()) == 1
    assert "nobody@example.org" in missing.stderr


def test_a_phone_removed_in_another_format_is_the_same_phone(netlog):
    netlog("add", "Ana Lima")
    netlog("edit", "Ana Lima", "--add-phone", "+1 415-555-0999")
    netlog("edit", "Ana Lima", "--remove-phone", "+1 (415) 555-0999")
    assert netlog.json("show", "Ana Lima")["phones"] == []


def test_every_address_is_exported_to_vcard_json_and_csv(netlog):
    netlog("import", "vcard", str(file_of(CARDS, ALBA)))
    wanted = ["alba.ortega@contoso.example", "alba@ortega.example", "alba.ortega@alumni.example"]
    card = netlog("export", "vcard").stdout
    assert sum(line.split(":", 1)[0].rsplit(".", 1)[-1].split(";")[0] == "EMAIL" for line in card.splitlines()) == 3
    assert all(address in card for address in wanted) and card.count("TEL") == 2
    assert all(address in netlog("export", "json").stdout for address in wanted)
    assert all(address in netlog("export", "csv").stdout for address in wanted)


def test_an_import_matches_a_contact_on_any_of_its_addresses(netlog):
    netlog("import", "vcard", str(file_of(CARDS, ALBA)))  # preferred: alba.ortega@contoso.example
    result = netlog("import", "vcard", str(EXTRA / "alba-ortega-google.vcf"))  # only alba@ortega.example
    assert "0 new, 1 updated" in result.stderr
    assert [c["name"] for c in netlog.json("list")] == ["Alba Ortega"]
    assert "34917654321" in [digits(p) for p in values(netlog.json("show", "Alba Ortega")["phones"])]


def test_mail_from_any_address_of_a_contact_is_a_touch_with_them(netlog, tmp_path):
    netlog("import", "vcard", str(file_of(CARDS, ALBA)))
    netlog("me", "--email", "sam@example.org")
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(
        _message("alba@ortega.example", "sam@example.org", "Tue, 10 Nov 2026 10:00:00 +0000", "<1@alba>", "Lunch?")
        + _message("sam@example.org", "alba.ortega@alumni.example", "Wed, 11 Nov 2026 09:00:00 +0000", "<2@sam>", "Re: Lunch?")
    )  # fmt: skip
    report = json.loads(netlog("import", "mail", str(mbox), "--json").stdout)
    assert (report["new"], report["unknown"]) == (2, [])
    emails = [(t["date"], t["direction"]) for t in netlog.json("show", "Alba Ortega")["touches"] if t["kind"] == "email"]
    assert emails == [("2026-11-11", "out"), ("2026-11-10", "in")]


def test_cards_netlog_creates_get_random_uuids_so_two_databases_do_not_collide(netlog, tmp_path):
    folder = tmp_path / "shared"
    netlog("add", "Carla Diaz", "--email", "carla@example.org")
    other = str(tmp_path / "other.db")  # a second database, contact #1 too
    netlog("--db", other, "add", "Dan Moss", "--email", "dan@example.org")
    netlog("export", "vcard", "--vdir", str(folder))
    netlog("--db", other, "export", "vcard", "--vdir", str(folder))
    cards = dav.items_by_uid(folder)
    assert len(cards) == 2 and all(uuid.UUID(uid).version == 4 for uid in cards)
    assert sorted(dav.uids(netlog("export", "vcard").stdout)) == sorted(u for u, f in cards.items() if b"Carla" in f.read_bytes())
    texts = [f.read_bytes().decode() for f in cards.values()]
    assert sum("FN:Carla Diaz" in t for t in texts) == 1 and sum("FN:Dan Moss" in t for t in texts) == 1
    again = netlog("export", "vcard", "--vdir", str(folder))
    assert "0 new, 0 updated, 1 unchanged" in again.stderr  # the UID is kept once made


# errors


def test_sync_into_a_file_is_one_line_error(netlog, tmp_path):
    (tmp_path / "cards.vcf").write_text("not a folder")
    result = sync(netlog, tmp_path / "cards.vcf", ok=False)
    assert result.exit_code == 1 and result.stderr.startswith("netlog: ")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# sync calendar


def ics_items(folder: Path) -> dict[str, str]:
    """UID -> text of every .ics file of a calendar vdir."""
    return {uid: file.read_bytes().decode("utf-8") for uid, file in dav.items_by_uid(folder, ".ics").items()}


def summaries(texts) -> list[str]:
    unfolded = [t.replace("\r\n ", "").replace("\n ", "") for t in texts]
    return sorted(line[8:].strip() for t in unfolded for line in t.splitlines() if line.startswith("SUMMARY:"))


def due_pairs(netlog) -> set[tuple[str, str]]:
    return {(i["contact"], i["action"]) for i in netlog.json("due")}


def sync_calendar(netlog, folder: Path, *options: str):
    return netlog("sync", "calendar", str(folder), "--days", "14", *options)


def test_calendar_sync_writes_one_item_a_file_and_an_unchanged_sync_writes_nothing(morning, tmp_path):
    folder = tmp_path / "calendar"
    sync_calendar(morning, folder)
    items = ics_items(folder)
    exported = morning("export", "ics", "--days", "14").stdout
    assert summaries(items.values()) == summaries([exported]) and len(items) == 7
    assert all(text.count("BEGIN:VTODO") == 1 and "BEGIN:VEVENT" not in text for text in items.values())
    before = snapshot(folder)
    sync_calendar(morning, folder)
    assert snapshot(folder) == before


def test_calendar_sync_updates_changed_items_in_place_and_removes_those_no_longer_due(morning, tmp_path):
    folder = tmp_path / "calendar"
    sync_calendar(morning, folder)
    files = {uid: file.name for uid, file in dav.items_by_uid(folder, ".ics").items()}
    before = summaries(ics_items(folder).values())
    morning("done", "Cy", "thank")
    sync_calendar(morning, folder)
    assert summaries(ics_items(folder).values()) == [s for s in before if s != "Thank Cy Ng"]
    morning("edit", "Ana Lima", "--name", "Ana Lima Souza")
    sync_calendar(morning, folder)
    now = dav.items_by_uid(folder, ".ics")
    assert {"Thank Ana Lima Souza", "Keep in touch with Ana Lima Souza"} <= set(summaries(ics_items(folder).values()))
    assert all(files[uid] == file.name for uid, file in now.items())  # the same files, rewritten


def test_a_todo_completed_in_the_calendar_is_done_and_not_reopened(morning, tmp_path):
    folder = tmp_path / "calendar"
    sync_calendar(morning, folder)
    uid, file = next((u, f) for u, f in dav.items_by_uid(folder, ".ics").items() if "SUMMARY:Nudge Bo Berg" in f.read_text())
    text = file.read_bytes().decode()  # ticked off in a tasks app
    file.write_bytes(text.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261123T091500Z").encode())
    sync_calendar(morning, folder)
    assert ("Bo Berg", "nudge") not in due_pairs(morning)
    for _ in range(2):
        left = ics_items(folder).get(uid)
        assert left is None or "STATUS:COMPLETED" in left  # gone, or still ticked off: never open again
        sync_calendar(morning, folder)


def test_a_todo_deleted_in_the_calendar_is_done_and_not_recreated(morning, tmp_path):
    folder = tmp_path / "calendar"
    sync_calendar(morning, folder)
    uid, file = next((u, f) for u, f in dav.items_by_uid(folder, ".ics").items() if "Report back to Gus Berg" in f.read_text())
    file.unlink()
    sync_calendar(morning, folder)
    assert ("Gus Berg", "report-back") not in due_pairs(morning)
    sync_calendar(morning, folder)
    assert uid not in ics_items(folder) and "Report back to Gus Berg" not in summaries(ics_items(folder).values())
    assert "Thank Gus Berg" in summaries(ics_items(folder).values())  # done, so the intro's thank-you is due now


def test_calendar_sync_as_events_over_n_days(morning, tmp_path):
    folder = tmp_path / "calendar"
    morning("sync", "calendar", str(folder), "--as", "events", "--days", "0")
    items = ics_items(folder)
    assert summaries(items.values()) == summaries([morning("export", "ics", "--days", "0", "--as", "events").stdout])
    assert len(items) == 4 and all("BEGIN:VEVENT" in t and "BEGIN:VTODO" not in t for t in items.values())


def test_calendar_sync_leaves_files_it_did_not_write_alone(morning, tmp_path):
    folder = tmp_path / "calendar"
    folder.mkdir()
    mine = folder / "dentist.ics"
    mine.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//khal//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1\r\n"
                     b"DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261125\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
    before = snapshot(folder)
    sync_calendar(morning, folder)
    sync_calendar(morning, folder)
    assert snapshot(folder)["dentist.ics"] == before["dentist.ics"]
    assert len(ics_items(folder)) == 8


# invitations


def _message(sender: str, to: str, when: str, message_id: str, subject: str) -> bytes:
    return (
        f"From x@y {when}\r\nFrom: {sender}\r\nTo: {to}\r\nDate: {when}\r\nMessage-ID: {message_id}\r\n"
        f"Subject: {subject}\r\n\r\nHello\r\n\r\n"
    ).encode()


def invitation(partstat: str) -> str:
    """A past meeting Ana invited the user (sam@example.org) to, with the user's answer."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:invite-{partstat.lower()}@google.com\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20261117T100000Z\r\nDTEND:20261117T103000Z\r\nSUMMARY:Coffee chat\r\n"
        "ORGANIZER;CN=Ana Lima:mailto:ana@example.org\r\n"
        "ATTENDEE;CN=Ana Lima;PARTSTAT=ACCEPTED:mailto:ana@example.org\r\n"
        f"ATTENDEE;CN=Sam Rivera;PARTSTAT={partstat};RSVP=TRUE:mailto:sam@example.org\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def meetings(netlog, tmp_path: Path, partstat: str) -> int:
    netlog("add", "Ana Lima", "--email", "ana@example.org", "--on", "2026-10-01")
    netlog("me", "--email", "sam@example.org")
    ics = tmp_path / f"{partstat}.ics"
    ics.write_text(invitation(partstat), newline="")
    netlog("import", "calendar", str(ics))
    return sum(t["date"] == "2026-11-17" for t in netlog.json("show", "Ana Lima")["touches"])


def test_an_invitation_never_answered_is_not_a_meeting(netlog, tmp_path):
    assert meetings(netlog, tmp_path, "NEEDS-ACTION") == 0


def test_a_declined_invitation_is_not_a_meeting(netlog, tmp_path):
    assert meetings(netlog, tmp_path, "DECLINED") == 0


def test_an_accepted_invitation_is_a_meeting(netlog, tmp_path):
    assert meetings(netlog, tmp_path, "ACCEPTED") == 1


def test_a_calendar_dry_run_counts_what_the_sync_would_do_and_writes_nothing(morning, tmp_path):
    """`sync --help` offers --dry-run ("Count what would change; write nothing") for the command, and `sync
    calendar DIR --dry-run` refused it. It counts like the sync it previews, on a folder not made yet, on
    a ticked-off item and a deleted one, and writes no file, no folder and nothing in the database."""
    import os

    folder = tmp_path / "calendar"
    db = Path(os.environ["NETLOG_DB"])  # the file in the SQLite pass; in the server pass, what export json holds

    def stored() -> bytes:
        return db.read_bytes() if db.is_file() else morning("export", "json").stdout.encode()

    dry = json.loads(sync_calendar(morning, folder, "--dry-run", "--json").stdout)
    assert not folder.exists()
    assert dry == json.loads(sync_calendar(morning, folder, "--json").stdout) and dry["new"] == 7
    files = dav.items_by_uid(folder, ".ics")
    ticked = next(f for f in files.values() if "SUMMARY:Nudge Bo Berg" in f.read_text())
    ticked.write_bytes(ticked.read_bytes().replace(b"STATUS:NEEDS-ACTION", b"STATUS:COMPLETED"))
    next(f for f in files.values() if "Report back to Gus Berg" in f.read_text()).unlink()
    before, was = snapshot(folder), stored()
    said = sync_calendar(morning, folder, "--dry-run")
    assert "Dry run, nothing written: " in said.stderr and "2 done in the calendar" in said.stderr
    assert snapshot(folder) == before and stored() == was
    assert ("Bo Berg", "nudge") in due_pairs(morning)
    assert json.loads(sync_calendar(morning, folder, "--json").stdout)["done"] == 2
