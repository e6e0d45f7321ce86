"""Time `netlog find` (issue 26) as whole processes: a one-word query and a company filter at 100,000 contacts
and 1,000,000 touches, and `find` against `show NAME` at 10,000 contacts, on databases from bench/generate.py.

    python bench/generate.py /tmp/large.db --size large; python bench/generate.py /tmp/medium.db --size medium
    python bench/find.py --large /tmp/large.db --medium /tmp/medium.db [--runs 7]

A database made before issue 26 is migrated (and its search documents built) on the first, untimed run.
Prints the median wall time of each command; targets: <= 0.3 s at large, find <= 1.5x show at medium.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import SHOW_NAME  # noqa: E402

NETLOG = [sys.executable, "-m", "netlog"]


def wall(db: str, args: list[str], runs: int) -> float:
    """The median seconds of `runs` runs (after one untimed run that warms the cache and migrates)."""
    env = {**os.environ, "NETLOG_TODAY": "2026-11-23", "NO_COLOR": "1"}
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([*NETLOG, "--db", db, *args], env=env, check=True, capture_output=True)
        if n:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", required=True)
    parser.add_argument("--medium", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for label, query in (("find sofia", ["find", "sofia"]), ("find --at Acme", ["find", "--at", "Acme"])):
        rows.append((f"{label} (100k/1M)", wall(args.large, query, args.runs), "<= 0.30 s"))
    show = wall(args.medium, ["show", SHOW_NAME], args.runs)
    rows.append((f'show "{SHOW_NAME}" (10k/100k)', show, ""))
    for label, query in (("find sofia", ["find", "sofia"]), ("find --at Acme", ["find", "--at", "Acme"])):
        seconds = wall(args.medium, query, args.runs)
        rows.append((f"{label} (10k/100k)", seconds, f"<= 1.5x show: {seconds / show:.2f}x"))
    for label, seconds, target in rows:
        print(f"{label:40} {seconds:6.3f} s  {target}")


if __name__ == "__main__":
    main()
