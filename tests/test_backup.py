"""`netlog backup` writes a consistent copy while the database is in use, and the copy restores."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest


def names(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM contact ORDER BY name")]


def test_backup_while_another_connection_holds_a_write_transaction(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO contact (name, strength, created_on) VALUES ('Uncommitted', 2, '2026-11-23')")
    try:
        result = netlog("backup", str(tmp_path / "copy.db"))
    finally:
        writer.rollback()
        writer.close()
    assert "Backed up to" in result.stderr
    copy = tmp_path / "copy.db"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert names(copy) == ["Ana Lima"]  # the committed state, not the open transaction


def test_default_backup_is_a_dated_file_beside_the_database(netlog, db_path):
    netlog("add", "Ana Lima")
    netlog("backup")
    netlog("backup")  # a second one the same second gets its own name
    copies = sorted(db_path.parent.glob("netlog-2026-11-23-*.bak.db"))
    assert len(copies) == 2
    assert all(names(c) == ["Ana Lima"] for c in copies)


def test_restore_is_copying_the_backup_back(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    netlog("backup", str(tmp_path / "copy.db"))
    netlog("add", "Bruno Costa")
    for sidecar in ("-wal", "-shm"):
        (db_path.parent / (db_path.name + sidecar)).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "copy.db", db_path)  # the restore the docs show
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


def test_backup_refuses_to_overwrite_the_database(netlog, db_path):
    netlog("add", "Ana Lima")
    before = db_path.read_bytes()
    result = netlog("backup", str(db_path), ok=False)
    assert result.exit_code == 1 and "cannot overwrite" in result.stderr
    assert names(db_path) == ["Ana Lima"] and len(before) > 0
