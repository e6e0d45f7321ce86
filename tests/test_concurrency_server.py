"""Several processes logging touches at once against any backend (PostgreSQL in the server pass): no touch is lost and every stored summary counts them all."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

WORKERS = 6
TOUCHES = 10

WORKER = textwrap.dedent(
    """
    import sys
    import time
    from datetime import date
    from netlog.network import writes
    from netlog.storage.opening import open_store

    url, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    db = open_store(url)
    print("ready", flush=True)
    sys.stdin.readline()  # all workers begin together, imports done
    began = time.time()
    today = date(2026, 11, 23)
    for n in range(count):
        first, second = (1, 2) if (worker + n) % 2 else (2, 1)
        writes.log_touch(db, today, first, writes.TouchInput(kind="call", on=today, note=f"w{worker} n{n}"))
        # an intro touches two contacts, locked in id order whichever is named first
        writes.log_touch(db, today, second, writes.TouchInput(kind="intro", on=today, to="#3" if second != 3 else "#1"))
    db.close()
    print(f"{2 * count} writes in {time.time() - began:.2f} s", file=sys.stderr)
    """
)


def start_together(commands: list[list[str]], env: dict, timeout: float) -> None:
    """Start every command, wait until each has printed "ready", release them at once, and require
    that all exit 0 (so the work they race on overlaps for real)."""
    procs = [
        subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.close()
    results = [(p.wait(timeout=timeout), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), results


def run_workers(url: str) -> None:
    commands = [[sys.executable, "-c", WORKER, url, str(w), str(TOUCHES)] for w in range(WORKERS)]
    start_together(commands, {**os.environ, "NETLOG_USER": "worker"}, timeout=300)


def check(netlog) -> None:
    per_contact = 2 * TOUCHES * WORKERS // 2  # each worker logs TOUCHES calls + TOUCHES intros, spread over #1, #2
    listed = {row["name"]: row["touches"] for row in netlog.json("list")}
    assert listed["Ana"] + listed["Bo"] == 1 + 1 + 2 * per_contact
    for name in ("Ana", "Bo"):
        shown = netlog.json("show", name)
        assert len(shown["touches"]) == listed[name]  # the stored summary agrees with the touches
        assert shown["team"][0]["touches"] == listed[name] - 1


def seed(netlog) -> None:
    netlog("add", "Ana", "--on", "2026-11-01")
    netlog("add", "Bo", "--on", "2026-11-01")
    netlog("add", "Cy", "--on", "2026-11-01")


def test_parallel_writers_on_the_configured_database(netlog):
    seed(netlog)
    run_workers(os.environ["NETLOG_DB"] if "://" in os.environ["NETLOG_DB"] else "sqlite:///" + os.environ["NETLOG_DB"])
    check(netlog)


def test_parallel_writers_on_postgresql(netlog, pg_url, monkeypatch):
    monkeypatch.setenv("NETLOG_DB", pg_url)
    seed(netlog)
    run_workers(pg_url)
    check(netlog)


def test_a_writer_waits_for_the_other_and_counts_its_touch(netlog):
    """Two connections log a touch for one contact at once: the second recomputes the summary only after
    the first commits, so the stored touch count includes both (a stale summary would count one)."""
    from datetime import date

    from netlog.network import cache, writes
    from netlog.storage import records
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store

    netlog("add", "Ana", "--on", "2026-11-01")
    today = date(2026, 11, 23)
    first = open_store(database_url())
    done = threading.Event()
    opened = threading.Event()

    def other() -> None:
        second = open_store(database_url())  # sqlite3 connections stay in their thread
        opened.set()
        try:
            writes.log_touch(second, today, 1, writes.TouchInput(kind="call", on=today))
            done.set()
        finally:
            second.close()

    thread = threading.Thread(target=other)

    def log_and_hold(session) -> None:  # what writes.log_touch does, then the transaction stays open
        records.insert_touch(session, {"contact_id": 1, "kind": "email", "happened_on": today, "direction": "out"})
        cache.refresh(session, [1])
        thread.start()
        assert opened.wait(30)
        time.sleep(1.0)
        assert not done.is_set()  # the other writer waits for this transaction

    first.write(log_and_hold)
    thread.join(timeout=30)
    assert done.is_set()
    first.close()
    assert netlog.json("list")[0]["touches"] == 3


def test_several_netlogs_opening_a_blank_database_at_once(tmp_path):
    """The first use of a shared database: every process waits for one migration, none fails."""
    url = os.environ["NETLOG_DB"]
    code = "import sys; from netlog.storage.location import database_url; from netlog.storage.opening import open_store;" \
        " print('ready', flush=True); sys.stdin.readline(); open_store(database_url()).close()"
    start_together([[sys.executable, "-c", code]] * WORKERS, {**os.environ, "NETLOG_DB": url}, timeout=120)
