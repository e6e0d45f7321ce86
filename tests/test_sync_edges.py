"""Issue 22's sync in the corners the spec tests (tests/test_sync_contacts.py) do not visit: a card that cannot be
read for a while is not a deleted card, a card renamed by another program is the same card, and an unchanged
run opens no write transaction (the database file is not touched)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES
from helpers import dav

CARDS = FIXTURES / "dav"
FARID = "2D3E4F5A-6B7C-4D8E-9F0A-1B2C3D4E5F6A"


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
