"""Where `netlog due` spends its time: the steps a `netlog due` run takes, each timed in this fresh process.

    NETLOG_DB=/tmp/nlb/medium.db python bench/phases.py [--today 2026-11-23] [--runs 5]

Each run is a new interpreter (imports are per process), so the figures include what a user waits for.
Prints one line per run, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

STEPS = r"""
import time, sys
marks = [("start", time.perf_counter())]
def mark(label): marks.append((label, time.perf_counter()))
import typer; mark("import typer")
import netlog.cli as cli
import gc; gc.set_threshold(1_000_000, 20, 100); gc.freeze()  # as cli.main does
from netlog.network import cache
from netlog.ui import render
from netlog.rules import due as rules
from netlog.storage import reads
from netlog.storage.location import database_url
from netlog.storage.opening import open_store
from netlog.network.ties import intro_from_row, ties_from_rows
from datetime import date
mark("import netlog")
store = open_store(database_url(None)); cache.ensure_current(store); db = store.reader; mark("open")
today = date.fromisoformat(sys.argv[1])
with db.snapshot():
    rows = reads.due_candidates(db, rules.due_window(today)._asdict()); mark(f"read {len(rows)} contacts")
    dismissals = reads.dismissal_rows(db); intros = [intro_from_row(r) for r in reads.intro_rows(db)]
ties = ties_from_rows(rows, dismissals); mark("build ties")
items = rules.rank_due(today, ties, intros); mark(f"rank {len(items)} items")
import io, contextlib
with contextlib.redirect_stdout(io.StringIO()):
    render.output().due(items, today, today)
mark("print")
print("  ".join(f"{label} {1000 * (t - marks[n][1]):.0f}" for n, (label, t) in enumerate(marks[1:])), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default=os.environ.get("NETLOG_TODAY", "2026-11-23"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("NETLOG_DB"):
        raise SystemExit("Set NETLOG_DB to the database to time (bench/generate.py makes one).")
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # time netlog as installed, with its bytecode cached
    for _ in range(args.runs):
        subprocess.run([sys.executable, "-c", STEPS, args.today], env=env, check=True)


if __name__ == "__main__":
    main()
