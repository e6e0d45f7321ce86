"""A person removed with `netlog rm` stays removed (README, issue 22), whatever brings cards in: the first sync of
an address book netlog never synced before, `import vcard` of an old export or of a vdir. Only the folders a sync
already kept remembered a removal; now every card UID the contact had is remembered (removed_card, migration 20).
Each run says in one line how many it left out and how to bring one back: a hand `netlog add` of the name, after
which their card joins the contact added (never a second card for them)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from conftest import FIXTURES
from helpers import dav, older_schema

from netlog.storage.migrations import LATEST

CARDS = FIXTURES / "dav"
MAREK = "0F1A2B3C-4D5E-4F6A-9B8C-9D0E1F2A3B4C"  # Apple: a plain card (ORG:Allegro, one email)
FARID = "2D3E4F5A-6B7C-4D8E-9F0A-1B2C3D4E5F6A"


def address_book(tmp_path: Path, name: str = "contacts") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for card in CARDS.glob("*.vcf"):
        shutil.copyfile(card, folder / card.name)
    return folder


def sync(netlog, folder: Path, *options: str):
    """(the counts, the lines said on stderr but the summary)"""
    done = netlog("sync", "contacts", str(folder), "--json", *options)
    return json.loads(done.stdout), [line.strip() for line in done.stderr.splitlines()]


def names(netlog) -> set[str]:
    return {c["name"] for c in netlog.json("list")}


def left_out(lines: list[str]) -> list[str]:
    return [line for line in lines if "removed with netlog rm" in line]


def test_a_removed_contact_stays_out_of_a_new_address_book_and_an_old_export(netlog, tmp_path):
    """Marek came in by `import vcard` (no sync ever kept his card), was exported, then removed: the first sync of
    an address book holding his card brought him back, and so did the old export."""
    netlog("import", "vcard", str(address_book(tmp_path, "phone")))
    old = tmp_path / "old.vcf"
    netlog("export", "vcard", "-o", str(old))
    netlog("rm", "Marek Nowak", "--yes")
    netlog("rm", "Farid Haddad", "--yes")
    book = address_book(tmp_path)
    card = dav.items_by_uid(book)[MAREK]
    kept = card.read_bytes()
    dry, dry_lines = sync(netlog, book, "--dry-run")
    counts, lines = sync(netlog, book)
    assert dry == counts and counts["in_new"] == 48 and counts["out_new"] == 0
    assert left_out(dry_lines) == left_out(lines) and len(left_out(lines)) == 1
    assert left_out(lines)[0].startswith("Left out 2 cards")
    assert "Marek Nowak" in left_out(lines)[0] and "Farid Haddad" in left_out(lines)[0] and "netlog add" in left_out(lines)[0]
    assert not {"Marek Nowak", "Farid Haddad"} & names(netlog) and card.read_bytes() == kept
    again, lines = sync(netlog, book)
    assert left_out(lines) == [] and again["in_new"] == 0 and again["unchanged"] == 48  # said once
    for source in (old, book, tmp_path / "phone"):  # the old export, and vdirs (one synced, one never)
        result = netlog("import", "vcard", str(source))
        said = [line for line in result.stderr.splitlines() if "Marek" in line or "Farid" in line]
        assert len(said) == 1 and "Left out 2 cards" in said[0], result.stderr
        assert not {"Marek Nowak", "Farid Haddad"} & names(netlog)


def test_a_hand_add_brings_the_person_back_and_their_card_joins_them(netlog, tmp_path):
    """The memory never blocks a hand `add`: the person is back on purpose, so their card, left out until then, joins
    them at the next sync (no second card for them in the address book) and at the next import."""
    book = address_book(tmp_path)
    sync(netlog, book)
    netlog("export", "vcard", "-o", str(tmp_path / "old.vcf"))
    netlog("rm", "Marek Nowak", "--yes")
    sync(netlog, book)
    other = address_book(tmp_path, "work")
    assert len(left_out(sync(netlog, other)[1])) == 1
    added = netlog("add", "marek nowak", "--met-at", "PyCon")  # typed in lower case: the same name
    assert "their card" in added.stderr.lower() and "next sync" in added.stderr
    counts, lines = sync(netlog, book)
    assert (counts["in_new"], counts["out_new"]) == (1, 0) and left_out(lines) == []
    assert len(dav.items_by_uid(book)) == 50 and len(list(book.glob("*.vcf"))) == 50  # no second card of Marek
    marek = netlog.json("show", "marek nowak")
    assert marek["company"] == "Allegro" and marek["email"] == "marek.nowak@allegro.example"
    assert [t["place"] for t in marek["touches"]] == ["PyCon"]
    counts, _ = sync(netlog, other)
    assert (counts["in_new"], counts["out_new"]) == (1, 0)
    result = netlog("import", "vcard", str(tmp_path / "old.vcf"))
    assert "removed with netlog rm" not in result.stderr and len(netlog.json("list")) == 50
    assert netlog("add", "Farid Haddad", "--new").stderr.count("\n") == 1  # nobody of that name was removed: nothing more said


def test_a_contact_removed_before_the_upgrade_is_remembered_and_can_be_brought_back(netlog, tmp_path, db_path):
    """Migration 20 takes what the syncs of a version-19 database remembered as removed (per folder, in sync_item)
    into the one memory, with the contact's name, so a new address book leaves the person out and `add` brings
    them back."""
    book = address_book(tmp_path)
    sync(netlog, book)
    netlog("rm", "Marek Nowak", "--yes")
    with sqlite3.connect(db_path) as db:  # what netlog before migration 20 left
        older_schema.back_to(db, 19)  # removed_card, what the steps after it made, and their records
    db.close()
    counts, lines = sync(netlog, address_book(tmp_path, "work"))
    assert counts["in_new"] == 49 and "Marek Nowak" in left_out(lines)[0]
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT uid, name, name_key FROM removed_card").fetchall() == [(MAREK, "Marek Nowak", "marek nowak")]
        assert db.execute("SELECT max(id) FROM netlog_migration").fetchone() == (LATEST,)
    db.close()
    assert "their card" in netlog("add", "Marek Nowak").stderr.lower()
    assert sync(netlog, book)[0]["in_new"] == 1 and len(list(book.glob("*.vcf"))) == 50
