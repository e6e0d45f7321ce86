"""--db pointing at something that is not netlog's: one clear line, exit 1, the file byte-identical."""

from __future__ import annotations

import os
import sqlite3

import pytest


def assert_refused(netlog, path, *, words: str) -> None:
    before = path.read_bytes()
    files_before = sorted(os.listdir(path.parent))
    for args in (["list"], ["add", "Ana Lima"], ["backup"]):
        result = netlog("--db", str(path), *args, ok=False)
        assert result.exit_code == 1, result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and "left untouched" in lines[0], result.stderr
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == files_before


def test_text_file(netlog, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Ana Lima, met at PyCon\n")
    assert_refused(netlog, path, words="not SQLite at all")


def test_another_programs_sqlite_file(netlog, tmp_path):
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    assert_refused(netlog, path, words="belongs to another program")


@pytest.mark.parametrize("garbage", [b"\x00" * 4096, bytes(range(256)) * 16])
def test_corrupt_sqlite_file(netlog, tmp_path, garbage):
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + garbage)
    assert_refused(netlog, path, words="not a netlog database")


def test_a_folder(netlog, tmp_path):
    result = netlog("--db", str(tmp_path), "list", ok=False)
    assert result.exit_code == 1 and result.stderr.strip().splitlines() == [f"netlog: {tmp_path} is a folder, not a database file."]
