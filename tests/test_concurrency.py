"""Two writers at once: every write lands, and "database is locked" never reaches the user."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HELPERS = Path(__file__).parent / "helpers"
WRITES_PER_PROCESS = 500


def touches(db_path: Path, kind: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT COUNT(*) FROM touch WHERE kind = ?", (kind,)).fetchone()[0]


def test_two_processes_500_writes_each_all_land(netlog, db_path):
    netlog("add", "Ana Lima")
    start = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, str(HELPERS / "log_loop.py"), str(WRITES_PER_PROCESS), "Ana"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
        )  # fmt: skip
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    elapsed = time.monotonic() - start
    reports = []
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    assert [r["failed"] for r in reports] == [0, 0], reports
    assert sum(r["ok"] for r in reports) == 2 * WRITES_PER_PROCESS
    assert touches(db_path, "call") == 2 * WRITES_PER_PROCESS
    print(f"\nconcurrency: {touches(db_path, 'call')}/{2 * WRITES_PER_PROCESS} touches in {elapsed:.1f} s")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_lock_never_released_is_one_clear_line(netlog, db_path, monkeypatch):
    """When another writer really keeps the lock, the user gets one line and nothing is written."""
    from netlog.storage import engine

    netlog("add", "Ana Lima")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = netlog("log", "Ana", "call", ok=False)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "busy" in lines[0] and "Nothing was written" in lines[0], result.stderr
    assert touches(db_path, "call") == 0


def test_read_then_write_transaction_does_not_fail_when_another_writer_commits(netlog, db_path):
    """The case BEGIN IMMEDIATE exists for: a transaction that reads, then writes, while another
    connection commits in between. With a deferred BEGIN the write fails at once with "database is
    locked" (SQLITE_BUSY_SNAPSHOT; no busy timeout helps); with BEGIN IMMEDIATE the other writer waits."""
    import threading

    from sqlalchemy import text

    from netlog.storage.opening import open_store

    netlog("add", "Ana Lima")
    url = f"sqlite:///{db_path}"
    first = open_store(url)
    insert = text("INSERT INTO netlog_meta (key, value) VALUES (:key, 'x')")
    failures = []

    def second_writer() -> None:
        second = open_store(url)  # sqlite3 connections belong to the thread that made them
        try:
            second.write(lambda session: session.execute(insert, {"key": "second"}))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            second.close()

    other = threading.Thread(target=second_writer)

    def read_then_write(session) -> None:
        session.execute(text("SELECT COUNT(*) AS n FROM contact")).scalar()
        other.start()
        time.sleep(0.5)  # the other writer commits now, unless our BEGIN IMMEDIATE holds it off
        session.execute(insert, {"key": "first"})

    try:
        first.write(read_then_write)
        other.join(timeout=30)
        assert not other.is_alive() and failures == []
        keys = {row[0] for row in first.write(lambda session: session.execute(text("SELECT key FROM netlog_meta")).all())}
        assert {"first", "second"} <= keys
    finally:
        first.close()
