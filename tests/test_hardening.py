"""Nothing a file or a typed value can do breaks netlog (issue 17): every value checked at the door, safe
files, faults as one line. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES


def one_line(result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netlog: "), result.stderr
    return lines[0]


# every value is validated at the door: a netlog JSON backup


def backup(**contact) -> dict:
    record = {"id": 1, "name": "Ana Lima", "strength": 2, "created_on": "2026-01-01", **contact}
    return {"format": "netlog", "version": 2, "exported_on": "2026-11-23", "contacts": [record]}


@pytest.mark.parametrize(
    "document, words",
    [
        (backup(birthday="99-99"), 'contact #1 (Ana Lima): Cannot read the birthday "99-99"'),
        (backup(cadence_days="weekly"), "contact #1 (Ana Lima): cadence_days: Input should be a valid integer"),
        (backup(strength="banana"), "contact #1 (Ana Lima): strength: Input should be a valid integer"),
        (backup(strength=9), "contact #1 (Ana Lima): strength: Input should be less than or equal to 5"),
        (backup(id=2**40), "id: Input should be less than or equal to 2147483647"),
        (backup(colour="blue"), "contact #1 (Ana Lima): colour: this key is not part of a netlog export"),
        ({**backup(), "contacts": [{"id": 1, "strength": 2, "created_on": "2026-01-01"}]}, "contact 1: name: this key is missing"),
        ({**backup(), "version": 4}, "version 4; this netlog reads versions 1 to 3. Upgrade netlog"),
        (backup(dismissals={"hug": "2026-01-02"}), "contact #1 (Ana Lima): dismissals.hug"),
        (backup(touches=[{"kind": "met", "happened_on": "2026-01-01", "direction": "sideways"}]), "touches.0.direction"),
        (backup(touches=[{"kind": "lunch", "happened_on": "2026-01-01", "direction": "both"}]), "touches.0.kind"),
        (backup(cadence_days=99999999999), "cadence_days: Input should be less than or equal to 36500"),
        (backup(name="x" * 50_001), "a name of 50,001 characters is too long"),
    ],
)
def test_a_bad_backup_is_one_line_naming_the_record_and_writes_nothing(netlog, tmp_path, document, words):
    netlog("add", "Bo Berg")
    before = netlog("export", "json").stdout
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    line = one_line(netlog("import", "json", str(path), ok=False))
    assert words in line and "nothing was imported" in line.lower()
    assert netlog("export", "json").stdout == before


def test_deeply_nested_json_is_one_line(netlog, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "netlog", "version": 2, "contacts": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "nests deeper" in one_line(netlog("import", "json", str(path), ok=False))


# out-of-range input


def test_out_of_range_values_are_one_line(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    assert "No contact #9223372036854775808" in one_line(netlog("show", "#9223372036854775808", ok=False))
    long = "x" * 50_001
    for args in (["show", long], ["log", long, "call"], ["thank", long], ["edit", long, "--note", "x"], ["merge", long, "Ana"]):
        assert "characters" in one_line(netlog(*args, ok=False)), args
    assert "cadence" in one_line(netlog("add", "Bo", "--every", "99999999999d", ok=False))
    assert "cadence" in one_line(netlog("edit", "Ana", "--every", "99999999999d", ok=False))
    assert "--days" in one_line(netlog("export", "ics", "--days", "99999999", ok=False))
    assert "too long" in one_line(netlog("add", long, ok=False))
    netlog("due")
    netlog("list")


# files that are not what they say


def test_an_unterminated_quote_in_a_linkedin_csv_is_found_and_named(netlog, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,Lima,https://x/in/ana,,Acme,Engineer,14 Nov 2026\n"
        'Bo,Berg,https://x/in/bo,,"Northwind, Inc.,Engineer,01 Jan 2025\n'  # the quote is never closed
        "Cy,Ng,https://x/in/cy,,Globex,Engineer,02 Jan 2025\n"
        "Di,Os,https://x/in/di,,Initech,Engineer,03 Jan 2025\n",
        encoding="utf-8",
    )
    line = one_line(netlog("import", "linkedin", str(path), ok=False))
    assert f"{path}:3" in line and "quote" in line
    assert netlog.json("list") == []


def test_a_nul_byte_in_an_imported_file_is_dropped_on_every_database(netlog, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ana,Li\x00ma,https://x/in/ana,,Acme\x00 Corp,Engineer,01 Jan 2025\n"
    )
    netlog("import", "linkedin", str(path))
    [ana] = netlog.json("list")
    assert ana["name"] == "Ana Lima" and ana["company"] == "Acme Corp"


# what netlog prints


def test_control_sequences_from_the_database_never_reach_the_terminal(netlog, db_path, monkeypatch):
    from netlog.ui import render

    netlog("add", "Eve Stone", "--on", "2026-11-20")
    with sqlite3.connect(db_path) as conn:  # as an older netlog, or another program, may have stored it
        conn.execute("UPDATE contact SET name = ?, company = ? WHERE id = 1", ("\x1b[2J\x1b]0;pwned\x07Eve Stone", "\x1b[31mAcme"))
        conn.execute("UPDATE touch SET note = ? WHERE contact_id = 1", ("\x1b]8;;http://evil\x07click\x1b]8;;\x07",))
    outputs = [netlog("list").stdout, netlog("show", "#1").stdout, netlog("thank", "#1").stdout, netlog("due").stdout]
    outputs.append(netlog("log", "#1", "call").stderr)
    outputs.append(netlog("export", "csv").stdout)
    monkeypatch.setattr(render, "_rich", lambda: True)
    outputs += [netlog("list").stdout, netlog("show", "#1").stdout, netlog("due").stdout]
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out, repr(out[:200])
    assert "Eve Stone" in outputs[0]


# files netlog writes


@pytest.mark.sqlite_only
def test_a_backup_is_whole_or_absent(netlog, db_path, tmp_path, monkeypatch):
    from netlog.storage import fast

    netlog("add", "Ana Lima")
    target = tmp_path / "copy.db"
    netlog("backup", str(target))
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM contact").fetchall() == [("Ana Lima",)]
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    def broken(self, copy_path):  # a disk that fills up half way
        Path(copy_path).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fast.FastReader, "backup_to", broken)
    failed = tmp_path / "failed.db"
    assert "No space left" in one_line(netlog("backup", str(failed), ok=False))
    assert not failed.exists() and not [p for p in tmp_path.iterdir() if "netlog-backup" in p.name]


@pytest.mark.sqlite_only
def test_an_empty_file_is_not_adopted_as_a_new_database(netlog, tmp_path):
    empty = tmp_path / "restored.db"
    empty.write_bytes(b"")
    line = one_line(netlog("--db", str(empty), "list", ok=False))
    assert "empty" in line and empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["restored.db"]


@pytest.mark.sqlite_only
def test_several_netlogs_creating_one_new_file_never_see_it_empty(tmp_path):
    url = tmp_path / "new.db"
    code = "import sys; from netlog.cli import main; sys.argv = ['netlog', '--db', sys.argv[1], 'list']; main()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(url)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(6)]  # fmt: skip
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0] * 6, results


def test_export_writes_through_links_and_devices_and_privately(netlog, tmp_path):
    netlog("add", "Ana Lima")
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    old = os.umask(0o022)
    try:
        netlog("export", "json", "-o", str(link))
        fresh = tmp_path / "fresh.json"
        netlog("export", "json", "-o", str(fresh))
    finally:
        os.umask(old)
    assert link.is_symlink() and json.loads(real.read_text())["format"] == "netlog"
    assert oct(fresh.stat().st_mode & 0o777) == "0o600"
    result = netlog("export", "json", "-o", "/dev/full", ok=False)
    assert "No space left" in one_line(result)
    assert Path("/dev/full").is_char_device()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".netlog-export")]


def test_a_merge_backup_is_private(netlog):
    netlog("add", "Ana Lima")
    netlog("add", "Ana Lima", "--new")
    old = os.umask(0o022)
    try:
        result = netlog("merge", "#1", "#2", "--yes")
    finally:
        os.umask(old)
    path = Path(result.stderr.split("Backup (undo): ")[1].strip())
    assert oct(path.stat().st_mode & 0o777) == "0o600" and oct(path.parent.stat().st_mode & 0o777) == "0o700"


# faults come out as one line


@pytest.mark.sqlite_only
def test_a_missing_migration_record_is_a_clear_line(netlog, db_path):
    netlog("add", "Ana Lima")
    with sqlite3.connect(db_path) as conn:  # the records from a step that adds a column on (a data-only step
        # after it, such as 'refolded names', can run again harmlessly)
        conn.execute("DELETE FROM netlog_migration WHERE id >= (SELECT id FROM netlog_migration WHERE name = 'family cards')")
    line = one_line(netlog("list", ok=False))
    assert "duplicate column" not in line and "record" in line


def test_passwords_never_show(netlog):
    for url in ("postgresql+psycopg://sam:s3cret@db.example/netlog", "postgresql+psycopg://sam:p@ss@db.example/netlog",
                "postgresql+psycopg://sam@db.example/netlog?password=s3cret&sslmode=require"):  # fmt: skip
        shown = netlog("--db", url, "path").stdout
        assert "s3cret" not in shown and "p@ss" not in shown and "db.example/netlog" in shown
    result = netlog("--db", "postgresql+psycopg://sam:s3cret@127.0.0.1:1/netlog", "list", ok=False)
    assert result.exit_code == 1 and "s3cret" not in result.stderr


def _mount(tmp_path: Path, options: str) -> Path:
    where = tmp_path / "mnt"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here ({done.stderr.strip()})")
    return where


@pytest.mark.sqlite_only
def test_a_full_disk_and_read_only_media_are_one_line_and_write_nothing(netlog, tmp_path):
    where = _mount(tmp_path, "size=512k")
    try:
        path = where / "netlog.db"
        netlog("--db", str(path), "add", "Ana Lima")
        filler = where / "filler"
        descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk
            while os.write(descriptor, b"\x00" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(descriptor)
        note = "n" * 200_000
        line = one_line(netlog("--db", str(path), "edit", "Ana", "--note", note[:90_000], ok=False))
        assert "nothing was written" in line.lower() or "full" in line.lower()
        filler.unlink()
        assert netlog.json("--db", str(path), "show", "Ana")["note"] is None
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        line = one_line(netlog("--db", str(path), "log", "Ana", "call", ok=False))
        assert "read-only" in line and "nothing was written" in line
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
