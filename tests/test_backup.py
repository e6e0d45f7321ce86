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


# Issue 27 #4: `backup FILE` replaces a backup of this database, never another database unless told.


def _meta(path, key="database_id"):
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT value FROM netlog_meta WHERE key = ?", (key,)).fetchone()
    conn.close()
    return found[0] if found else None


def _forget_ids(*paths):
    """As a database and a backup made before netlog gave databases an id."""
    for path in paths:
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM netlog_meta WHERE key = 'database_id'")
        conn.close()


def test_a_new_database_has_an_id_its_backups_carry(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    mine = _meta(db_path)
    assert mine and len(mine) == 32
    netlog("backup", str(tmp_path / "copy.db"))
    assert _meta(tmp_path / "copy.db") == mine
    other = tmp_path / "other.db"
    netlog("--db", str(other), "add", "Bo Berg")
    assert _meta(other) not in (None, mine)


def test_a_database_from_before_ids_gets_one_at_its_first_backup_and_replaces_its_old_backups(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    old_copy = tmp_path / "copy.db"
    netlog("backup", str(old_copy))
    _forget_ids(db_path, old_copy)
    netlog("add", "Bo Berg")
    netlog("backup", str(old_copy))  # an older netlog's backup of it: cannot be told from it, replaced as before
    assert names(old_copy) == ["Ana Lima", "Bo Berg"]
    assert _meta(db_path) and _meta(old_copy) == _meta(db_path)


def test_a_restored_database_replaces_its_own_backups(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    netlog("backup", str(tmp_path / "copy.db"))
    for sidecar in ("-wal", "-shm"):
        (db_path.parent / (db_path.name + sidecar)).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "copy.db", db_path)
    netlog("add", "Bo Berg")
    netlog("backup", str(tmp_path / "copy.db"))
    assert names(tmp_path / "copy.db") == ["Ana Lima", "Bo Berg"]


def test_another_programs_database_is_refused_unless_forced(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    target = tmp_path / "photos.sqlite"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY)")
    conn.close()
    before = target.read_bytes()
    result = netlog("backup", str(target), ok=False)
    assert result.exit_code == 1 and "is another database, not a backup of this one" in result.stderr
    assert "--force" in result.stderr and target.read_bytes() == before
    netlog("backup", str(target), "--force")
    assert names(target) == ["Ana Lima"]


def test_a_file_that_is_no_database_is_replaced_as_cp_would(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    target = tmp_path / "notes.txt"
    target.write_text("old notes\n")
    netlog("backup", str(target))
    assert names(target) == ["Ana Lima"]


@pytest.mark.parametrize("answer", ["y", "n"])
def test_on_a_terminal_backup_asks_before_replacing_another_database(netlog, db_path, tmp_path, monkeypatch, answer):
    from netlog.ui import prompts

    netlog("add", "Ana Lima")
    other = tmp_path / "other.db"
    netlog("--db", str(other), "add", "Zed Zimmer")
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    result = netlog("--db", str(other), "backup", str(db_path), input=f"{answer}\n", ok=False)
    assert "is another netlog database (1 contact), not a backup of this one. Replace it?" in result.stderr
    assert "Traceback" not in result.stderr
    if answer == "y":
        assert result.exit_code == 0 and names(db_path) == ["Zed Zimmer"]
    else:
        assert result.exit_code == 1 and names(db_path) == ["Ana Lima"]


def test_a_backup_sweeps_what_a_killed_one_left_but_not_a_copy_being_written(netlog, db_path, tmp_path):
    """Issue 27 #9 (the kill itself: test_attack.py): a copy another backup holds (flock) is left alone."""
    import fcntl

    netlog("add", "Ana Lima")
    folder = tmp_path / "here"
    folder.mkdir()
    held, stale = folder / ".copy.db.netlog-backup-held", folder / ".copy.db.netlog-backup-stale"
    for path in (held, stale):
        path.write_bytes(b"SQLite format 3\x00 half a copy")
        (folder / (path.name + "-journal")).write_bytes(b"journal")
    (folder / ".copy.db.netlog-backup-gone-journal").write_bytes(b"journal of a copy already removed")
    (folder / ".other.db.netlog-backup-x").write_bytes(b"another target's: not this backup's business")
    descriptor = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        netlog("backup", str(folder / "copy.db"))
    finally:
        os.close(descriptor)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [".copy.db.netlog-backup-held", ".copy.db.netlog-backup-held-journal", ".other.db.netlog-backup-x", "copy.db"]
    )
    assert names(folder / "copy.db") == ["Ana Lima"]
