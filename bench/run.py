"""Time netlog's commands as whole processes and print one table: command, data size, median wall,
peak RSS, target, pass/fail. Not part of pytest.

    python bench/run.py                      # small and medium (1k/10k, 10k/100k)
    python bench/run.py --sizes small        # what CI can afford
    python bench/run.py --sizes small,medium,large --runs 10 --dir /tmp/netlog-bench
    python bench/run.py --targets --dir /tmp/bench-large --slow --pg URL --baseline /tmp/before/src   # issue 25 (bench/targets.py)

Databases are built with bench/generate.py (seeded) into --dir when missing. Wall time is hyperfine's
median (`--export-json`, no shell, warm-up runs first; without hyperfine, the same runs timed here); peak
RSS is the largest "Maximum resident set size" of a few `/usr/bin/time -v` runs (or getrusage). Writes (`add`, `log`) run on a copy of the database; the
LinkedIn import (a generated Connections.csv, bench/linkedin_rows.py) starts each run from an empty one.
Two reference processes (bare Python, `import typer`) are timed in the same session, so a reader can tell
a slow machine from a slow netlog.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import linkedin_rows  # noqa: E402
from generate import SHOW_NAME, SIZES  # noqa: E402

TODAY = "2026-11-23"
MIB = 1024 * 1024


@dataclass
class Case:
    label: str
    args: list[str]
    wall_target: dict[str, float]  # size -> seconds; sizes without a target are measured only
    rss_target: dict[str, float]  # size -> MiB
    env: dict[str, str] | None = None
    writes: bool = False  # runs on a copy of the database
    empty_db: bool = False  # each run starts from no database at all
    restore: Path | None = None  # each run starts from a copy of this database (and runs a few times only)


def cases() -> list[Case]:
    both = {"small": 0.25, "medium": 0.25}
    fast = {"small": 0.10, "medium": 0.10, "large": 0.10}
    complete = {"_NETLOG_COMPLETE": "complete_bash", "COMP_WORDS": "netlog show An", "COMP_CWORD": "2"}
    return [
        Case("netlog due", ["due"], {"small": 0.20, "medium": 0.20, "large": 1.0}, {"small": 60, "medium": 60}),
        Case("netlog list --json", ["list", "--json"], both, {}),
        Case(f'netlog show "{SHOW_NAME}"', ["show", SHOW_NAME], both, {}),
        Case("netlog --help", ["--help"], fast, {}),
        Case("completion: netlog show An<TAB>", [], fast, {}, env=complete),
        Case('netlog add --new "Bench Person"', ["add", "--new", "Bench Person", "--met-at", "bench"],
             {"small": 0.6, "medium": 0.6}, {}, writes=True),  # fmt: skip
        Case(f'netlog log "{SHOW_NAME}" coffee', ["log", SHOW_NAME, "coffee", "--on", "yesterday"],
             {"small": 0.6, "medium": 0.6}, {}, writes=True),  # fmt: skip
    ]


def import_case(csv_path: Path, rows: int) -> Case:
    label = f"netlog import linkedin ({rows:,} rows, empty db)"
    return Case(label, ["import", "linkedin", str(csv_path)], {"any": 5.0}, {}, empty_db=True)


def touch_cases(folder: Path, messages: int) -> list[Case]:
    """Issue 14: a generated mailbox and calendar (bench/touch_sources.py) imported into a database that holds
    their 2,000 contacts: the first import of each, and the mail again (which must add nothing)."""
    import touch_sources

    source, contacts_db, mail_db = folder / f"touches-{messages}", folder / f"touches-{messages}-contacts.db", folder / f"touches-{messages}-mail.db"
    if not (source / "mail.mbox").exists():
        touch_sources.main([str(source), "--contacts", "2000", "--messages", str(messages), "--events", str(messages // 10)])
    exe, env = netlog_exe(), {**os.environ, "NETLOG_TODAY": TODAY}
    if not contacts_db.exists():
        subprocess.run([exe, "--db", str(contacts_db), "import", "google", str(source / "contacts.csv")], env=env, check=True, capture_output=True)
        subprocess.run([exe, "--db", str(contacts_db), "me", "--email", touch_sources.OWNER[1]], env=env, check=True, capture_output=True)
    if not mail_db.exists():
        shutil.copyfile(contacts_db, mail_db)
        subprocess.run([exe, "--db", str(mail_db), "import", "mail", str(source / "mail.mbox")], env=env, check=True, capture_output=True)
    big = messages == 50_000
    return [
        Case(f"netlog import mail ({messages:,} messages, first)", ["import", "mail", str(source / "mail.mbox")],
             {"any": 30.0} if big else {}, {"any": 200} if big else {}, restore=contacts_db),
        Case(f"netlog import mail ({messages:,} messages, again)", ["import", "mail", str(source / "mail.mbox")], {}, {},
             restore=mail_db),
        Case(f"netlog import calendar ({messages // 10:,} events)", ["import", "calendar", str(source / "calendar.ics")],
             {"any": 5.0} if big else {}, {}, restore=contacts_db),
    ]  # fmt: skip


def netlog_exe() -> str:
    found = Path(sys.executable).with_name("netlog")
    return str(found) if found.exists() else (shutil.which("netlog") or "netlog")


def ensure_db(directory: Path, size: str) -> Path:
    path = directory / f"{size}.db"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(path), "--size", size], check=True)
    return path


def median_wall(
    command: list[str], env: dict[str, str], runs: int, warmup: int, prepare: str | None = None
) -> tuple[float, float]:
    """Median wall time and mean user+system CPU time, in seconds: hyperfine's, or timed here when
    hyperfine is not installed (the same runs: warm-ups first, `prepare` before each)."""
    if shutil.which("hyperfine") is None:
        return _timed_here(command, env, runs, warmup, prepare)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        shell_command = " ".join(shlex.quote(word) for word in command)  # hyperfine -N splits it back
        subprocess.run(
            ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
             *(["--prepare", prepare] if prepare else []), "--export-json", out.name, shell_command],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        result = json.load(open(out.name))["results"][0]
        return result["median"], result["user"] + result["system"]


def _timed_here(command: list[str], env: dict[str, str], runs: int, warmup: int, prepare: str | None) -> tuple[float, float]:
    walls, cpus = [], []
    for n in range(warmup + runs):
        if prepare:
            subprocess.run(shlex.split(prepare), check=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if n >= warmup:
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.fmean(cpus)


# Without GNU time, a small Python parent reports its one child's peak RSS (getrusage; KiB on Linux).
_RSS_OF_CHILD = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
    " print(f'Maximum resident set size (kbytes): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', file=sys.stderr)"
)


def peak_rss_mib(command: list[str], env: dict[str, str], runs: int = 3, prepare: str | None = None) -> float:
    """The largest "Maximum resident set size" of a few runs, from `/usr/bin/time -v` when it is there."""
    measure = ["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else [sys.executable, "-c", _RSS_OF_CHILD]
    peak = 0
    for _ in range(runs):
        if prepare:
            subprocess.run(shlex.split(prepare), check=True)
        done = subprocess.run([*measure, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in done.stderr.splitlines():
            if "Maximum resident set size" in line:
                peak = max(peak, int(line.rsplit(":", 1)[1]))
    return peak * 1024 / MIB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium", help="comma-separated: " + ", ".join(SIZES))
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "netlog-bench")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--import-rows", type=int, default=10_000, help="LinkedIn rows to import (0: skip)")
    parser.add_argument("--touches", type=int, default=0, metavar="MESSAGES",
                        help="also time touch imports: a generated mbox of this many messages (50000 for the targets) and a tenth as many events")  # fmt: skip
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--targets", action="store_true",
                        help="measure only issue 25's targets and ratios (bench/targets.py; --dir holds medium.db and large.db)")  # fmt: skip
    import targets as issue25

    issue25.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.targets:
        args.dir.mkdir(parents=True, exist_ok=True)
        issue25.print_table(issue25.measure(args))
        return 0
    args.dir.mkdir(parents=True, exist_ok=True)
    exe = netlog_exe()
    base_env = {**os.environ, "NETLOG_TODAY": TODAY, "NETLOG_USER": "bench"}
    base_env.pop("NO_COLOR", None)
    # Measure netlog as installed: with its bytecode cached (pip writes it at install; an editable install
    # writes it on the warm-up runs unless this is set, and then every run would compile netlog afresh).
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows, failed = [], False

    def measure(case: Case, data: str, db: Path, target_key: str) -> None:
        nonlocal failed
        # hyperfine -N runs --prepare without a shell too: one plain command.
        prepare = "rm -f " + " ".join(shlex.quote(f"{db}{suffix}") for suffix in ("", "-wal", "-shm")) if case.empty_db else None
        runs, warmup = args.runs, args.warmup
        if case.restore is not None:  # a long import: a few runs, each from the same starting database
            prepare, runs, warmup = f"cp {shlex.quote(str(case.restore))} {shlex.quote(str(db))}", min(args.runs, 3), 0
        env = {**base_env, "NETLOG_DB": str(db), **(case.env or {})}
        command = [exe, *case.args]
        wall, cpu = median_wall(command, env, runs, warmup, prepare)
        rss = peak_rss_mib(command, env, runs=min(runs, 3), prepare=prepare)
        wall_target, rss_target = case.wall_target.get(target_key), case.rss_target.get(target_key)
        ok = (wall_target is None or wall <= wall_target) and (rss_target is None or rss <= rss_target)
        failed |= not ok
        target = " & ".join(
            part
            for part in (f"≤ {wall_target:.2f} s" if wall_target else "", f"≤ {rss_target:.0f} MiB" if rss_target else "")
            if part
        )
        verdict = ("pass" if ok else "FAIL") if target else "-"
        rows.append((case.label, data, f"{wall:.3f} s", f"{cpu:.3f} s", f"{rss:.1f} MiB", target or "-", verdict))
        print(f"  {case.label} [{data}]: {wall:.3f} s, {rss:.1f} MiB", file=sys.stderr)

    for size in args.sizes.split(","):
        source = ensure_db(args.dir, size)
        contacts, touches = SIZES[size]
        data = f"{contacts // 1000}k/{touches // 1000}k" if touches < 1_000_000 else f"{contacts // 1000}k/{touches // 1_000_000}M"
        work = args.dir / f"{size}-writes.db"
        for case in cases():
            db = source
            if case.writes:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{work}{suffix}").unlink(missing_ok=True)
                shutil.copyfile(source, work)
                db = work
            measure(case, data, db, size)
    if args.import_rows:
        csv_path = args.dir / f"connections-{args.import_rows}.csv"
        if not csv_path.exists():
            with open(csv_path, "w", encoding="utf-8", newline="") as out:
                linkedin_rows.write(args.import_rows, out)
        measure(import_case(csv_path, args.import_rows), "-", args.dir / "import.db", "any" if args.import_rows == 10_000 else "-")
    if args.touches:
        for case in touch_cases(args.dir, args.touches):
            measure(case, "2k contacts", args.dir / "touch-import.db", "any")
    header = ("command", "data (contacts/touches)", "median wall", "CPU user+sys", "peak RSS", "target", "result")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("| reference process | median wall | CPU user+sys |")
    print("|---|---|---|")
    for label, command in (("python -c pass", [sys.executable, "-c", "pass"]),
                           ("python -c 'import typer'", [sys.executable, "-c", "import typer"])):  # fmt: skip
        wall, cpu = median_wall(command, base_env, args.runs, args.warmup)
        print(f"| `{label}` | {wall:.3f} s | {cpu:.3f} s |")
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
