"""Time from starting `netlog review` in a pseudo-terminal to its first screen (the keys line drawn), the
way a person waits for it. The target: under 0.5 s at 10k contacts (docs/performance.md).

    python bench/generate.py /tmp/rv.db --size medium
    python bench/review_screen.py /tmp/rv.db [--runs 7] [--today 2026-11-23] [--keep-env]

Prints each run and the median, in seconds. Needs pexpect (the test extras)."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def first_screen(db: str, today: str, keep_env: bool = False, src: str | None = None) -> float:
    """Seconds from spawn to the review's first prompt, in an 80x24 pty; the review is then quit. With `src`,
    the netlog in that `src` folder (PYTHONPATH) rather than the installed one."""
    import pexpect

    env = {**os.environ, "NETLOG_DB": db, "NETLOG_TODAY": today, "NO_COLOR": "1"}
    if src:
        env["PYTHONPATH"] = src
    if not keep_env:
        # As bench/run.py does: measured as a normal install is, with its bytecode (docs/performance.md).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "netlog", "review"], env=env, dimensions=(24, 80), encoding="utf-8", timeout=30)
    child.expect("What now\\? ")
    elapsed = time.perf_counter() - started
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--keep-env", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if set (recompiles every run)")
    args = parser.parse_args()
    first_screen(args.db, args.today)  # warm the page cache and the bytecode
    times = [first_screen(args.db, args.today, args.keep_env) for _ in range(args.runs)]
    print(" ".join(f"{t:.3f}" for t in times))
    print(f"median {statistics.median(times):.3f} s, max {max(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
