"""Issue 25: `export json` and `export csv` are read and written a contact page at a time, never the whole
network at once; the JSON document stays the one the importer reads, and a file is written whole or not at
all even when the read fails half-way."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netlog.errors import DatabaseError
from netlog.exporters import csvout, jsonio
from netlog.storage import reads


@pytest.fixture
def network(netlog):
    """Seven contacts with tags, touches, an intro, a dismissal and an intro offer."""
    for n, name in enumerate(("Ana Lima", "Bo Berg", "Chen Wei", "Dara Okafor", "Eli Novak", "Fay Ito", "Gus Kim")):
        netlog("add", name, "--on", f"2026-11-{10 + n:02d}", "--tag", "pycon" if n % 2 else "oss", "--note", f"note {n}")
        netlog("log", name, "email", "--on", f"2026-10-{10 + n:02d}")
    netlog("log", "Ana", "intro", "--to", "Hana Park", "--on", "2026-11-21")
    netlog("done", "Bo", "thank")
    netlog("intro", "Chen", "Dara", "--note", "both run meetups")
    return netlog


def test_json_pages_make_the_same_document_as_one_page(network, monkeypatch):
    monkeypatch.setattr(jsonio, "PAGE", 100_000)
    whole = network("export", "json").stdout
    monkeypatch.setattr(jsonio, "PAGE", 3)  # 8 contacts: three pages, the last one short
    paged = network("export", "json").stdout
    assert paged == whole
    document = json.loads(paged)
    assert [c["id"] for c in document["contacts"]] == sorted(c["id"] for c in document["contacts"])
    assert len(document["contacts"]) == 8 and document["intro_offers"]
    assert all(c["touches"] for c in document["contacts"] if c["name"] != "Hana Park")  # she was only named by an intro


def test_json_export_in_pages_imports_back(network, monkeypatch, tmp_path):
    monkeypatch.setattr(jsonio, "PAGE", 2)
    exported = network("export", "json").stdout
    other = tmp_path / "other.db"
    network("--db", str(other), "import", "json", "-", input=exported)
    assert network("--db", str(other), "export", "json").stdout == exported


def test_no_read_of_a_json_export_holds_more_than_a_page(network, monkeypatch):
    """The guard on memory: no statement the export runs returns more contacts than one page (the touches
    read are those of one page's contacts)."""
    seen: list[tuple[str, int]] = []
    original = reads.dicts

    def recording(reader, name, params=None):
        found = original(reader, name, params)
        seen.append((name, len(found)))
        return found

    monkeypatch.setattr(reads, "dicts", recording)
    monkeypatch.setattr(jsonio, "PAGE", 3)
    network("export", "json")
    contacts_read = [n for name, n in seen if name.startswith("contact_rows")]
    assert contacts_read and max(contacts_read) <= 3 and sum(contacts_read) == 8
    assert not [name for name, _ in seen if name in ("contact_rows", "touch_rows")]  # never every row at once


def test_json_chunks_come_a_page_at_a_time(network, monkeypatch):
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store

    monkeypatch.setattr(jsonio, "PAGE", 3)
    store = open_store(database_url(None))
    try:
        pieces = list(jsonio.chunks(store.reader, date(2026, 11, 23)))
    finally:
        store.close()
    assert len(pieces) == 1 + 3 + 1  # the head, three pages, the tail
    assert json.loads("".join(pieces))["format"] == "netlog"


def test_empty_network_exports_a_valid_document(netlog):
    document = json.loads(netlog("export", "json").stdout)
    assert document["contacts"] == [] and document["intro_offers"] == []


@pytest.mark.parametrize("format", ["json", "csv"])
def test_a_file_is_the_same_as_stdout(network, tmp_path, format, monkeypatch):
    monkeypatch.setattr(jsonio, "PAGE", 2)
    monkeypatch.setattr(csvout, "ROWS_A_CHUNK", 3)
    target = tmp_path / f"out.{format}"
    network("export", format, "-o", str(target))
    assert target.read_text(encoding="utf-8") == network("export", format).stdout


def test_csv_chunks_are_the_same_document(network, monkeypatch, tmp_path):
    network("export", "csv", "--excel", "-o", str(tmp_path / "whole.csv"))
    monkeypatch.setattr(csvout, "ROWS_A_CHUNK", 2)
    network("export", "csv", "--excel", "-o", str(tmp_path / "paged.csv"))
    whole = (tmp_path / "whole.csv").read_bytes()
    assert (tmp_path / "paged.csv").read_bytes() == whole
    assert whole.startswith(csvout.BOM.encode() + b"name,") and whole.count(b"\r\n") == 9  # the header and 8 contacts


def test_a_read_failing_half_way_leaves_no_file(network, monkeypatch, tmp_path):
    monkeypatch.setattr(jsonio, "PAGE", 2)
    calls = {"n": 0}
    original = reads.touch_rows_between

    def failing(reader, low, high):
        calls["n"] += 1
        if calls["n"] == 3:
            raise DatabaseError("The database is locked.")
        return original(reader, low, high)

    monkeypatch.setattr(reads, "touch_rows_between", failing)
    target = tmp_path / "backup.json"
    result = network("export", "json", "-o", str(target), ok=False)
    assert result.exit_code != 0 and "locked" in result.stderr
    assert calls["n"] == 3
    assert list(tmp_path.iterdir()) == [p for p in tmp_path.iterdir() if p.name != "backup.json" and not p.name.startswith(".netlog-export-")]
    assert not target.exists()

