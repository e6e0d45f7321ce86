"""Crashes and Ctrl-C: SIGKILL mid-transaction or SIGINT mid-command leaves the file consistent and
the change wholly absent (or, for a finished import, wholly there)."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer

from netlog.cli import INTERRUPTED, app

HELPERS = Path(__file__).parent / "helpers"
ROWS = 10_000


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def count(db_path: Path, sql: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchone()[0]


def wait_for_line(proc: subprocess.Popen, expected: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    line = proc.stdout.readline()
    while expected not in line:
        assert time.monotonic() < deadline and line, f"never saw {expected!r}; stderr: {proc.stderr.read()}"
        line = proc.stdout.readline()


def test_sigkill_mid_bulk_write_leaves_it_wholly_absent(netlog, db_path):
    netlog("add", "Ana Lima")
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "slow_bulk_write.py"), str(db_path), str(ROWS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for_line(proc, "halfway")  # 5,001 rows inserted, transaction still open
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert integrity(db_path) == "ok"
    assert count(db_path, "SELECT COUNT(*) FROM contact WHERE name LIKE 'Bulk %'") == 0
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]  # and netlog still works on it


def _has_import_linkedin() -> bool:
    """`netlog import linkedin FILE` exists: an `import FORMAT FILE...` command, or an `import` group
    with a `linkedin` subcommand."""
    command = typer.main.get_command(app).get_command(None, "import")
    if command is None:
        return False
    subcommands = getattr(command, "commands", None)
    return subcommands is None or "linkedin" in subcommands


def write_linkedin_csv(path: Path, rows: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n")
        out = csv.writer(handle)
        out.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for n in range(rows):
            out.writerow([f"First{n}", f"Last{n}", f"https://www.linkedin.com/in/person-{n}", "", "Acme", "Engineer", "14 Nov 2026"])


@pytest.mark.skipif(not _has_import_linkedin(), reason="`netlog import linkedin` is not on this branch yet (another branch adds it)")
def test_sigkill_mid_linkedin_import_is_all_or_nothing(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    source = tmp_path / "Connections.csv"
    write_linkedin_csv(source, ROWS)

    def start_import(db: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "netlog", "--db", str(db), "import", "linkedin", str(source)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy(),
        )  # fmt: skip

    started = time.monotonic()  # time a whole import (into a scratch file) to aim the kills inside it
    scratch = start_import(tmp_path / "scratch.db")
    assert scratch.wait(timeout=300) == 0, scratch.stderr.read()
    whole = time.monotonic() - started
    assert count(tmp_path / "scratch.db", "SELECT COUNT(*) FROM contact") == ROWS

    for fraction in (0.3, 0.6, 0.9):  # kill at several points of the run, most of them mid-write
        before = count(db_path, "SELECT COUNT(*) FROM contact")
        proc = start_import(db_path)
        time.sleep(whole * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert integrity(db_path) == "ok"
        added = count(db_path, "SELECT COUNT(*) FROM contact") - before
        assert added in (0, ROWS), f"killed at {fraction:.0%} of the run: {added} of {ROWS} rows landed"
    assert count(db_path, "SELECT COUNT(*) FROM contact WHERE name = 'Ana Lima'") == 1


def test_sigint_mid_command_is_one_line_and_nothing_half_written(netlog, db_path):
    netlog("add", "Ana Lima")
    touches_before = count(db_path, "SELECT COUNT(*) FROM touch")
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "interrupted_log.py"), "Ana"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )  # fmt: skip
    try:
        wait_for_line(proc, "inside the transaction")  # the touch row is inserted, not committed
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.strip().splitlines() == [INTERRUPTED], err
    assert "Traceback" not in err
    assert count(db_path, "SELECT COUNT(*) FROM touch") == touches_before
    assert count(db_path, "SELECT COUNT(*) FROM touch WHERE note = 'half-written?'") == 0
    assert integrity(db_path) == "ok"


def test_sigint_while_starting_up_is_one_line(tmp_path):
    """Ctrl-C before the command even runs (during imports) is still one line, no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, netlog.cli as c; sys.argv = ['netlog', 'path'];"
         " type(c.app).__call__ = lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()); c.main()"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )  # fmt: skip
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip().splitlines() == [INTERRUPTED], err
