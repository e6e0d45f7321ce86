"""`import vcard DIR` and `export vcard --vdir DIR` through the real CLI: which files are cards, one card a
file named by its UID, atomic writes, unchanged cards left alone, existing cards patched in place."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED_DATA

from netlog.vcard import cardlines, cards, vdir

VDIR = FIXTURES / "vdir"
KHARD = SHARED_DATA / "vcards-khard"
OWNED = {name for names in cards.OWNED.values() for name in names}


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1]


def not_owned(text: str) -> list[str]:
    return [p.raw.rstrip("\r\n") for p in cardlines.parse(text) if p.name not in OWNED]


def copy(folder: Path, to: Path) -> Path:
    shutil.copytree(folder, to)
    for file in to.iterdir():
        file.chmod(0o644)  # shared/ comes without write bits
    return to


def test_importing_a_vdir_reads_card_files_only_and_names_the_unreadable_one(netlog):
    result = netlog("import", "vcard", str(VDIR))
    assert "latin1.vcf: not UTF-8 text; skipped." in result.stderr  # one bad file is not fatal
    assert 'Initech: the birthday "founded circa 1989" is not a date' in result.stderr
    assert summary(result) == "Imported: 4 new, 0 updated, 0 unchanged, 0 skipped, 1 bad line."
    names = {c["name"] for c in netlog.json("list")}
    assert names == {"Wile E. Coyote", "Initech", "Dara Ó Súilleabháin", "Ludwig van Beethoven"}  # LUDWIG.VCF too
    assert "Half Written" not in names  # .tmp files and files without an extension are not cards
    wile = netlog.json("show", "Wile E. Coyote")
    assert wile["email"] == "wile@acme.example" and wile["phone"] == "+1 555 0100"  # the preferred ones
    assert wile["birthday"] == "1990-03-14" and wile["company"] == "ACME Inc." and wile["title"] == "Genius, Rockets"  # ORG:ACME Inc.;Rockets: the unit joins the title (issue 23)
    assert netlog.json("show", "Dara")["birthday"] == "03-14"


def test_an_empty_folder_says_it_found_no_cards(netlog, tmp_path):
    (tmp_path / "empty").mkdir()
    result = netlog("import", "vcard", str(tmp_path / "empty"))
    assert "no vCard files (*.vcf) in this folder" in result.stderr
    assert summary(result) == "Imported: 0 new, 0 updated, 0 unchanged, 0 skipped."


def test_export_writes_one_card_a_file_named_by_uid_and_rewrites_only_what_changed(netlog, tmp_path):
    netlog("add", "Zed Quinn", "--email", "zed@example.org", "--company", "Globex")
    netlog("import", "vcard", str(FIXTURES / "cards.vcf"))
    netlog("import", "vcard", "-", input="BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a/b c\r\nFN:Odd Uid\r\nEND:VCARD\r\n")
    out = tmp_path / "contacts"
    result = netlog("export", "vcard", "--vdir", str(out))
    assert summary(result) == f"Wrote {out}: 4 new, 0 updated, 0 unchanged."
    names = sorted(p.name for p in out.iterdir())
    zed_uid = next(c["uid"] for c in json.loads(netlog("export", "json").stdout)["contacts"] if c["name"] == "Zed Quinn")
    assert uuid.UUID(zed_uid).version == 4  # a contact typed into netlog gets a random UID, kept (issue 22)
    assert names == sorted(["card-1.vcf", "card-2.vcf", f"{zed_uid}.vcf", vdir.file_name("a/b c")])
    assert "/" not in vdir.file_name("a/b c") and vdir.file_name("a/b c").endswith(".vcf")
    zed = (out / f"{zed_uid}.vcf").read_bytes().decode()
    assert f"UID:{zed_uid}\r\n" in zed and "EMAIL:zed@example.org\r\n" in zed and "N:;Zed Quinn;;;\r\n" in zed
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()}

    again = netlog("export", "vcard", "--vdir", str(out))
    assert summary(again) == f"Wrote {out}: 0 new, 0 updated, 4 unchanged."
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()} == before  # not rewritten

    netlog("edit", "Zed Quinn", "--title", "CTO")
    third = netlog("export", "vcard", "--vdir", str(out))
    assert summary(third) == f"Wrote {out}: 0 new, 1 updated, 3 unchanged."
    assert "TITLE:CTO" in (out / f"{zed_uid}.vcf").read_bytes().decode()
    assert (out / f"{zed_uid}.vcf").stat().st_ino != before[f"{zed_uid}.vcf"][0]  # renamed into place
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind


def test_export_patches_cards_found_by_the_uid_inside_and_keeps_their_file_names(netlog, tmp_path):
    folder = copy(VDIR, tmp_path / "synced")
    original = {p.name: p.read_bytes() for p in folder.iterdir()}
    netlog("import", "vcard", str(folder))
    netlog("edit", "Initech", "--email", "sales@initech.example", "--tag", "vendor")
    netlog("edit", "Dara", "--name", "Dara Ó Súilleabháin-Byrne")
    result = netlog("export", "vcard", "--vdir", str(folder), "--version", "4.0")
    assert "latin1.vcf: not UTF-8 text; left as it is." in result.stderr
    assert summary(result) == f"Wrote {folder}: 0 new, 2 updated, 2 unchanged."
    assert sorted(p.name for p in folder.iterdir()) == sorted(original)  # same files, nothing added
    initech = (folder / "initech-synced-by-server.vcf").read_bytes().decode()
    assert "EMAIL;TYPE=work;PREF=1:sales@initech.example\r\n" in initech  # its line, its parameters
    assert "EMAIL;TYPE=home:billing@initech.example\r\n" in initech and "CATEGORIES:vendor\r\n" in initech
    dara = (folder / "dara.vcf").read_bytes().decode()
    assert dara.startswith("BEGIN:VCARD\nVERSION:3.0\n")  # its VERSION and line endings, not --version's
    assert "FN:Dara Ó Súilleabháin-Byrne\n" in dara and "N:;Dara Ó Súilleabháin-Byrne;;;\n" in dara
    for name, before in original.items():
        after = (folder / name).read_bytes()
        assert not_owned(after.decode("utf-8", "replace")) == not_owned(before.decode("utf-8", "replace")), name
        if name not in ("initech-synced-by-server.vcf", "dara.vcf"):
            assert after == before, name


@pytest.mark.skipif(not KHARD.exists(), reason="shared khard sample cards not present")
def test_khard_cards_round_trip_with_nothing_netlog_does_not_own_changed(netlog, tmp_path):
    folder = copy(KHARD, tmp_path / "khard")
    original = {p.name: p.read_bytes().decode() for p in folder.glob("*.vcf")}
    netlog("import", "vcard", str(folder))
    result = netlog("export", "vcard", "--vdir", str(folder))
    assert "unparsable.vcf: is not a readable vCard file" in result.stderr
    # a card without a UID (khard skips those) is the card of the contact it describes: it gets that
    # contact's UID in its own file, rather than a second card of the same person beside it (the walk)
    no_uid = [n for n, t in original.items() if "UID:" not in t and "END:VCARD" in t]
    for name, before in original.items():
        after = not_owned((folder / name).read_bytes().decode())
        assert [line for line in after if not (name in no_uid and line.startswith("UID:"))] == not_owned(before), name
    assert no_uid and summary(result).startswith(f"Wrote {folder}: 0 new,")
    assert all("\nUID:" in (folder / name).read_text() for name in no_uid)
    assert sorted(p.name for p in folder.glob("*.vcf")) == sorted(original)
    again = netlog("export", "vcard", "--vdir", str(folder))
    assert summary(again).endswith(f"0 new, 0 updated, {len(original) - 1} unchanged.")


def test_vdir_is_for_vcards_in_a_folder(netlog, tmp_path):
    (tmp_path / "file").write_text("x")
    result = netlog("export", "vcard", "--vdir", str(tmp_path / "file"), ok=False)
    assert result.exit_code == 1 and "is a file; --vdir needs a folder" in result.stderr
    other = netlog("export", "json", "--vdir", str(tmp_path / "d"), ok=False)
    assert other.exit_code == 1 and "use it with vcard" in other.stderr


def test_unsafe_uids_get_a_hashed_file_name():
    assert vdir.file_name("card-1") == "card-1.vcf"
    for uid in ("a/b", "../x", ".hidden", "x" * 300, "urn:uuid:1", "ä"):
        name = vdir.file_name(uid)
        assert name.endswith(".vcf") and len(name) == 44 and set(name[:-4]) <= set("0123456789abcdef"), uid


def test_address_book_fields_survive_the_database(netlog, tmp_path):
    """N, NICKNAME, ADR and KIND:org read from a vdir are stored (migration 6) and written into new cards:
    a fresh folder gets them back, though netlog built those cards itself."""
    netlog("import", "vcard", str(FIXTURES / "vdir"))
    exported = json.loads(netlog("export", "json").stdout)["contacts"]
    stored = {c["name"]: c for c in exported}
    assert stored["Dara Ó Súilleabháin"]["n"] == ["Ó Súilleabháin", "Dara", "", "", ""]
    assert stored["Dara Ó Súilleabháin"]["nickname"] == "Dee"
    assert stored["Wile E. Coyote"]["address"] == ["", "", "1 Desert Road", "Mesa", "AZ", "85201", "USA"]
    assert stored["Initech"]["kind"] == "org"
    folder = tmp_path / "new"
    netlog("export", "vcard", "--vdir", str(folder), "--version", "4.0")
    text = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.vcf"))
    assert "N:Ó Súilleabháin;Dara;;;" in text and "NICKNAME:Dee" in text
    assert ":;;1 Desert Road;Mesa;AZ;85201;USA" in text and "KIND:org" in text


def test_many_new_cards_are_flushed_to_disk_once_not_once_a_card(netlog, tmp_path, monkeypatch):
    """Issue 22: 10,000 new cards took 88 s, one fsync a card. Each card is still whole (temporary file,
    rename), but the disk is flushed once (syncfs) and the folder synced once."""
    from netlog.values import files

    for n in range(40):
        netlog("add", f"Person {n:02d}", "--email", f"p{n}@example.org")
    flushes, fsyncs = [], []
    real_fsync = os.fsync
    monkeypatch.setattr(files, "flush_disk", lambda path: flushes.append(path))
    monkeypatch.setattr(os, "fsync", lambda fd: (fsyncs.append(fd), real_fsync(fd))[1])
    folder = tmp_path / "cards"
    result = netlog("export", "vcard", "--vdir", str(folder))
    assert summary(result) == f"Wrote {folder}: 40 new, 0 updated, 0 unchanged."
    assert len(flushes) == 1 and len(fsyncs) <= 2  # the disk once, the folder once (and the database's own)
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".vcf")) == []  # no temporary file left
    assert all(p.read_bytes().startswith(b"BEGIN:VCARD") and p.read_bytes().endswith(b"END:VCARD\r\n") for p in folder.iterdir())


def test_a_failed_write_leaves_no_temporary_file_and_no_new_card(netlog, tmp_path, monkeypatch):
    from netlog.values import files

    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("add", "Bo Berg")
    folder = tmp_path / "cards"
    folder.mkdir()

    def full_disk(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "flush_disk", full_disk)
    result = netlog("export", "vcard", "--vdir", str(folder), ok=False)
    assert result.exit_code == 1 and "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []


def test_a_google_system_group_stays_on_its_own_card_and_goes_on_no_other(netlog, tmp_path):
    """Issue 22: Google's myContacts is not a tag, so an export neither drops it from Google's card nor
    writes it into another card."""
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "rafael.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:rafael-1\r\nFN:Rafael Gomez\r\n"
                                        b"N:Gomez;Rafael;;;\r\nCATEGORIES:myContacts,Hiking\r\nEND:VCARD\r\n")  # fmt: skip
    netlog("import", "vcard", str(folder))
    assert netlog.json("show", "Rafael Gomez")["tags"] == ["Hiking"]
    netlog("edit", "Rafael Gomez", "--tag", "madrid")
    netlog("add", "Zed Quinn", "--tag", "hiking")
    netlog("export", "vcard", "--vdir", str(folder))
    rafael = (folder / "rafael.vcf").read_bytes()
    categories = next(line for line in rafael.split(b"\r\n") if line.startswith(b"CATEGORIES:"))
    assert set(categories[11:].split(b",")) == {b"myContacts", b"Hiking", b"madrid"}
    others = [f.read_bytes() for f in folder.iterdir() if f.name != "rafael.vcf"]
    assert len(others) == 1 and b"myContacts" not in others[0]


# UIDs of the cards netlog makes (issue 22): random, kept once made, an older netlog's own card kept


def uids_in_json(netlog) -> dict[str, str | None]:
    return {c["name"]: c["uid"] for c in json.loads(netlog("export", "json").stdout)["contacts"]}


def test_a_card_export_gives_each_contact_without_a_uid_a_random_one_once(netlog):
    netlog("add", "Carla Diaz", "--email", "carla@example.org")
    netlog("import", "vcard", "-", input="BEGIN:VCARD\r\nVERSION:3.0\r\nUID:theirs-1\r\nFN:Odd Uid\r\nEND:VCARD\r\n")
    assert uids_in_json(netlog) == {"Carla Diaz": None, "Odd Uid": "theirs-1"}
    first = netlog("export", "vcard").stdout
    carla = uids_in_json(netlog)["Carla Diaz"]
    assert uuid.UUID(carla).version == 4 and {f"UID:{carla}", "UID:theirs-1"} <= set(first.splitlines())
    assert netlog("export", "vcard").stdout == first  # kept: the same cards again
    assert uids_in_json(netlog) == {"Carla Diaz": carla, "Odd Uid": "theirs-1"}


def test_an_older_netlogs_card_of_the_same_person_keeps_its_uid_and_is_patched(netlog, tmp_path):
    netlog("add", "Zed Quinn", "--email", "zed@example.org")
    folder = tmp_path / "book"
    folder.mkdir()
    old = cards.build_card({"id": 1, "uid": "netlog-1", "name": "Zed Quinn", "email": "zed@example.org", "tags": []})
    (folder / "netlog-1.vcf").write_text(old, newline="")  # as netlog wrote it before UIDs were random
    netlog("edit", "Zed Quinn", "--title", "CTO")
    result = netlog("export", "vcard", "--vdir", str(folder))
    assert summary(result) == f"Wrote {folder}: 0 new, 1 updated, 0 unchanged."
    assert [p.name for p in folder.iterdir()] == ["netlog-1.vcf"] and "TITLE:CTO" in (folder / "netlog-1.vcf").read_text()
    assert uids_in_json(netlog) == {"Zed Quinn": "netlog-1"}


def test_another_databases_old_card_with_the_same_id_is_left_alone(netlog, tmp_path):
    netlog("add", "Carla Diaz", "--email", "carla@example.org")  # contact #1 here
    folder = tmp_path / "book"
    folder.mkdir()
    dan = cards.build_card({"id": 1, "uid": "netlog-1", "name": "Dan Moss", "email": "dan@example.org", "tags": []})
    (folder / "netlog-1.vcf").write_text(dan, newline="")  # contact #1 of another database
    result = netlog("export", "vcard", "--vdir", str(folder))
    assert summary(result) == f"Wrote {folder}: 1 new, 0 updated, 0 unchanged."
    assert (folder / "netlog-1.vcf").read_bytes() == dan.encode()  # Dan stays Dan
    carla = uids_in_json(netlog)["Carla Diaz"]
    assert uuid.UUID(carla).version == 4 and "FN:Carla Diaz" in (folder / f"{carla}.vcf").read_text()


def test_a_card_export_that_fails_stores_no_uid(netlog, tmp_path, monkeypatch):
    """No half-written database: the UIDs an export gives are stored in the same unit as the cards are
    written, so an export that exits non-zero (a folder that is not there, a full disk) has stored nothing,
    and the next export that succeeds gives them once."""
    from netlog.values import files

    netlog("add", "Zed Quinn", "--email", "zed@example.org")
    result = netlog("export", "vcard", "-o", str(tmp_path / "missing" / "zed.vcf"), ok=False)
    assert result.exit_code == 1 and "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert uids_in_json(netlog) == {"Zed Quinn": None}

    folder = tmp_path / "cards"

    def full_disk(path):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(files, "flush_disk", full_disk)
        result = netlog("export", "vcard", "--vdir", str(folder), ok=False)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert uids_in_json(netlog) == {"Zed Quinn": None} and list(folder.iterdir()) == []

    netlog("export", "vcard", "-o", str(tmp_path / "zed.vcf"))
    zed = uids_in_json(netlog)["Zed Quinn"]
    assert f"UID:{zed}" in (tmp_path / "zed.vcf").read_text().splitlines()
    netlog("export", "vcard", "--vdir", str(folder))
    assert [p.name for p in folder.iterdir()] == [f"{zed}.vcf"]
