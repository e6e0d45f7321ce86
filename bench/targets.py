"""Issue 25's targets, each a figure or a ratio measured in one run of this script (never a timed test).

    python bench/run.py --targets [--dir /tmp/bench-large] [--runs 7] [--pg URL] [--baseline SRC] [--slow]
    python bench/targets.py --dir /tmp/bench-large ...        # the same, without run.py's table
    python bench/targets.py --dir /tmp/bench-large --compare /tmp/before/src   # due and review: this checkout vs another

What it measures, with the commands compared in alternation (A B A B ..., the median of each), so that a
loaded machine slows both sides alike:
- `netlog due` at 10k/100k against taskwarrior's `task next limit:20` on 10,000 generated tasks (a throwaway
  TASKDATA and TASKRC under --dir), piped and in an 80x24 pseudo-terminal;
- `due` at 100k/1M: wall, ratio to the 10k run, peak RSS (`/usr/bin/time -v`);
- `review`'s first screen at 100k, in a pseudo-terminal (bench/review_screen.py);
- with --slow: `export json` at 100k (wall, peak RSS) and `export vcard --vdir` of the 10k network into an
  empty folder (one run each: they take seconds to minutes);
- with --pg URL (a database bench/generate.py filled with --size medium): PostgreSQL `due` against the
  SQLite file of the same data;
- with --baseline SRC (the `src` folder of another netlog checkout, e.g. `git archive` of main before the
  work): `show`, completion, `log`, `import linkedin` and `due` of this checkout (or of --src SRC) against that
  one, alternated. Both sides run on copies of one 10k database written by the baseline's own
  bench/generate.py (so an older schema can read it; the newer side migrates its copy once, untimed), each
  side on its own copy (a newer cache or schema would otherwise be rebuilt by each side in turn).

Every netlog is run as `python -m netlog` (PYTHONPATH picks the baseline), with its bytecode cached.
Databases: medium.db (10k/100k) and large.db (100k/1M) in --dir, made by bench/generate.py when missing.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import SHOW_NAME  # noqa: E402

TODAY = "2026-11-23"
MIB = 1024 * 1024


def run_piped(argv: list[str], env: dict[str, str]) -> float:
    """Seconds for one run with stdout and stderr read through pipes (as `| less` would)."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def run_pty(argv: list[str], env: dict[str, str], rows: int = 24, cols: int = 80) -> float:
    """Seconds for one run on a rows x cols pseudo-terminal (stdin, stdout and stderr), all output drained."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    while True:
        try:
            if not os.read(master, 65536):
                break
        except OSError:  # EIO: the child closed the terminal's last slave end
            break
    code = child.wait()
    elapsed = time.perf_counter() - start
    os.close(master)
    if code != 0:
        raise SystemExit(f"{argv} failed in a pty ({code})")
    return elapsed


def alternate(cases: dict[str, tuple], runs: int, warmup: int = 1) -> dict[str, float]:
    """Run every case once per round, in turn, `runs` rounds after `warmup`; the median seconds of each.
    A case is (runner, argv, env)."""
    times: dict[str, list[float]] = {label: [] for label in cases}
    for n in range(warmup + runs):
        for label, (runner, argv, env) in cases.items():
            elapsed = runner(argv, env)
            if n >= warmup:
                times[label].append(elapsed)
    return {label: statistics.median(values) for label, values in times.items()}


def peak_rss(argv: list[str], env: dict[str, str], runs: int = 3) -> float:
    """The largest peak RSS in MiB of a few runs (`/usr/bin/time -v`), output to /dev/null."""
    peak = 0
    for _ in range(runs):
        done = subprocess.run(["/usr/bin/time", "-v", *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in done.stderr.splitlines():
            if "Maximum resident set size" in line:
                peak = max(peak, int(line.rsplit(":", 1)[1]))
    return peak * 1024 / MIB


def taskwarrior(folder: Path, tasks: int = 10_000, seed: int = 5) -> dict[str, str]:
    """A throwaway taskwarrior 2.x data folder with `tasks` pending tasks (written as its pending.data), and
    the environment that points `task` at it and nowhere else."""
    data, rc = folder / f"task-{tasks}", folder / f"taskrc-{tasks}"
    if not (data / "pending.data").exists():
        data.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed)
        now = 1_795_000_000
        with open(data / "pending.data", "w", encoding="utf-8") as out:
            for n in range(tasks):
                fields = {
                    "description": f"Task {n} {rng.choice(('call', 'write', 'review', 'fix', 'plan'))} {rng.choice(('docs', 'release', 'budget', 'site'))}",
                    "entry": str(now - rng.randrange(3 * 365 * 86400)),
                    "modified": str(now - rng.randrange(86400)),
                    "project": rng.choice(("home", "work", "oss", "garden", "finance")),
                    "status": "pending",
                    "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                }
                if rng.random() < 0.3:
                    fields["due"] = str(now + rng.randrange(-30, 60) * 86400)
                if rng.random() < 0.2:
                    fields["priority"] = rng.choice("HML")
                if rng.random() < 0.3:
                    fields["tags"] = rng.choice(("next", "errand", "phone", "email"))
                out.write("[" + " ".join(f'{key}:"{value}"' for key, value in fields.items()) + "]\n")
        rc.write_text(f"data.location={data}\nconfirmation=off\nhooks=off\n", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data), "TERM": "xterm-256color"}
    done = subprocess.run(["task", "count", "status:pending"], env=env, capture_output=True, text=True, check=True)
    if int(done.stdout.strip() or 0) != tasks:
        raise SystemExit(f"taskwarrior sees {done.stdout.strip()} pending tasks in {data}, not {tasks}")
    return env


def netlog_env(db: Path | str, src: str | None = None, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NETLOG_DB": str(db), "NETLOG_TODAY": TODAY, "NETLOG_USER": "bench", "TERM": "xterm-256color", **extra}
    for name in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR", "COLUMNS", "LINES"):
        env.pop(name, None)
    if src:
        env["PYTHONPATH"] = src
    else:
        env.pop("PYTHONPATH", None)
    return env


NETLOG = [sys.executable, "-m", "netlog"]


def ensure(folder: Path, size: str, shape: str = "uniform") -> Path:
    """medium.db / large.db (bench/generate.py's uniform shape), or person-medium.db / person-large.db (--shape person)."""
    path = folder / (f"{size}.db" if shape == "uniform" else f"{shape}-{size}.db")
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(path), "--size", size, "--shape", shape], check=True)
    return path


def copy_db(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def measure(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """(what, figure, target and verdict) rows, printed as they come."""
    rows: list[tuple[str, str, str]] = []

    def report(what: str, figure: str, target: str = "-") -> None:
        what = what if args.shape == "uniform" else f"{what} [{args.shape} network]"
        rows.append((what, figure, target))
        print(f"  {what}: {figure}  [{target}]", file=sys.stderr, flush=True)

    def verdict(value: float, limit: float, unit: str = "x") -> str:
        return f"<= {limit:g}{unit}: {'pass' if value <= limit else 'MISSED'}"

    folder = args.dir
    if args.baseline_only:
        compare_with_baseline(args, report)
        return rows
    if args.compare:
        compare_due(args, report)
        return rows
    medium, large = ensure(folder, "medium", args.shape), ensure(folder, "large", args.shape)
    task_env = taskwarrior(folder)
    task = ["task", "next", "limit:20"]
    due = [*NETLOG, "due"]
    env10, env100 = netlog_env(medium), netlog_env(large)
    # Open each database once first: a changed cache version is rebuilt on the first open, not timed here.
    for env in (env10, env100):
        run_piped(due, env)

    piped = alternate(
        {"task": (run_piped, task, task_env), "due 10k": (run_piped, due, env10), "due 100k": (run_piped, due, env100)},
        args.runs,
    )
    on_pty = alternate(
        {"task": (run_pty, task, task_env), "due 10k": (run_pty, due, env10), "due 100k": (run_pty, due, env100)},
        args.runs,
    )
    for mode, figures in (("piped", piped), ("80x24 pty", on_pty)):
        for size in ("10k", "100k"):
            ratio = figures[f"due {size}"] / figures["task"]
            report(
                f"due {size} vs `task next limit:20` (10k tasks), {mode}",
                f"{figures[f'due {size}']:.3f} s vs {figures['task']:.3f} s = {ratio:.2f}x",
                verdict(ratio, 0.75),
            )
        report(f"due 100k, {mode}", f"{figures['due 100k']:.3f} s", verdict(figures["due 100k"], 0.3, " s"))
        ratio = figures["due 100k"] / figures["due 10k"]
        report(f"due 100k / due 10k, {mode}", f"{ratio:.2f}x", verdict(ratio, 1.5))
    rss = peak_rss(due, env100)
    report("due 100k peak RSS (piped)", f"{rss:.1f} MiB", verdict(rss, 60, " MiB"))

    import review_screen

    review_env_db = str(large)
    review_screen.first_screen(review_env_db, TODAY)  # warm
    screens = [review_screen.first_screen(review_env_db, TODAY) for _ in range(args.runs)]
    first = statistics.median(screens)
    report("review first screen 100k (80x24 pty, median)", f"{first:.3f} s (max {max(screens):.3f} s)", verdict(first, 0.4, " s"))

    if args.pg:
        pg_env = netlog_env(args.pg)
        run_piped(due, pg_env)
        figures = alternate({"sqlite": (run_piped, due, env10), "pg": (run_piped, due, pg_env)}, args.runs)
        ratio = figures["pg"] / figures["sqlite"]
        report("PostgreSQL due 10k vs SQLite (piped)", f"{figures['pg']:.3f} s vs {figures['sqlite']:.3f} s = {ratio:.2f}x", verdict(ratio, 2.0))

    if args.slow:
        out = folder / "export.json"
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", *NETLOG, "export", "json", "-o", str(out)], env=env100, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(done.stderr[-800:])
        peak = max(int(line.rsplit(":", 1)[1]) for line in done.stderr.splitlines() if "Maximum resident set size" in line) * 1024 / MIB
        report("export json 100k -o FILE (one run)", f"{wall:.1f} s, peak {peak:.0f} MiB", verdict(peak, 150, " MiB"))
        vdir = Path(tempfile.mkdtemp(prefix="vdir-", dir=folder))
        start = time.perf_counter()
        subprocess.run([*NETLOG, "export", "vcard", "--vdir", str(vdir)], env=env10, check=True, capture_output=True)
        wall = time.perf_counter() - start
        cards = sum(1 for _ in vdir.iterdir())
        shutil.rmtree(vdir)
        report(f"export vcard --vdir 10k, {cards} new cards (one run)", f"{wall:.1f} s", verdict(wall, 10, " s"))

    if args.baseline:
        compare_with_baseline(args, report)
    return rows


def compare_due(args: argparse.Namespace, report) -> None:
    """`due` at 10k and 100k (piped and in an 80x24 pty), its peak RSS at 100k and review's first screen at 100k:
    this checkout (or --src) against --compare SRC, alternated, each side on its own copies of medium.db and
    large.db (both sides must read the same schema: SRC is a checkout of main from before a change)."""
    import review_screen

    folder = args.dir
    medium, large = ensure(folder, "medium", args.shape), ensure(folder, "large", args.shape)
    sides = {
        side: (src, copy_db(medium, folder / f"cmp-{side}-medium.db"), copy_db(large, folder / f"cmp-{side}-large.db"))
        for side, src in (("after", args.src), ("before", args.compare))
    }
    due = [*NETLOG, "due"]
    for src, m, g in sides.values():  # open each copy once (a migration or a cache rebuild is not timed)
        run_piped(due, netlog_env(m, src))
        run_piped(due, netlog_env(g, src))
    for mode, runner in (("piped", run_piped), ("80x24 pty", run_pty)):
        for size, at in (("10k", 1), ("100k", 2)):
            figures = alternate({side: (runner, due, netlog_env(dbs[at], dbs[0])) for side, dbs in sides.items()}, args.runs)
            ratio = figures["after"] / figures["before"]
            report(f"due {size}, {mode}, after vs before", f"{figures['after']:.3f} s vs {figures['before']:.3f} s = {ratio:.2f}x")
    for side, (src, _, g) in sides.items():
        report(f"due 100k peak RSS (piped), {side}", f"{peak_rss(due, netlog_env(g, src)):.1f} MiB")
    screens: dict[str, list[float]] = {"after": [], "before": []}
    for side, (src, _, g) in sides.items():
        review_screen.first_screen(str(g), TODAY, src=src)  # warm
    for _ in range(args.runs):
        for side, (src, _, g) in sides.items():
            screens[side].append(review_screen.first_screen(str(g), TODAY, src=src))
    after, before = statistics.median(screens["after"]), statistics.median(screens["before"])
    report("review first screen 100k (80x24 pty), after vs before", f"{after:.3f} s vs {before:.3f} s = {after / before:.2f}x")


def compare_with_baseline(args: argparse.Namespace, report) -> None:
    """`show`, completion, `log`, `import linkedin` and `due` at 10k: this checkout against --baseline."""
    import linkedin_rows

    folder = args.dir
    csv_path = folder / "connections-10000.csv"
    if not csv_path.exists():
        with open(csv_path, "w", encoding="utf-8", newline="") as out:
            linkedin_rows.write(10_000, out)
    # Both sides start from one file written by the baseline's own code (its bench/generate.py when the baseline
    # is a whole checkout, else this one's), so the baseline can read it; this side migrates its copy once, untimed.
    made = folder / "baseline-medium.db"
    if not made.exists():
        generator = Path(args.baseline).parent / "bench" / "generate.py"
        generator = generator if generator.exists() else HERE / "generate.py"
        env = {**os.environ, "PYTHONPATH": args.baseline}
        subprocess.run([sys.executable, str(generator), str(made), "--size", "medium"], env=env, check=True)
    sides = {"after": (args.src, copy_db(made, folder / "after-medium.db")), "before": (args.baseline, copy_db(made, folder / "before-medium.db"))}
    complete = {"_NETLOG_COMPLETE": "complete_bash", "COMP_WORDS": "netlog show An", "COMP_CWORD": "2"}
    commands = {
        "show": ([*NETLOG, "show", SHOW_NAME], {}),
        "completion": (NETLOG, complete),
        "log": ([*NETLOG, "log", SHOW_NAME, "coffee", "--on", "yesterday"], {}),
        "due": ([*NETLOG, "due"], {}),
    }
    for side, (src, db) in sides.items():
        run_piped([*NETLOG, "due"], netlog_env(db, src))  # open (and migrate or rebuild) once, untimed
    for label, (argv, extra) in commands.items():
        cases = {side: (run_piped, argv, netlog_env(db, src, **extra)) for side, (src, db) in sides.items()}
        figures = alternate(cases, args.runs)
        ratio = figures["after"] / figures["before"]
        report(f"{label} at 10k, after vs before", f"{figures['after']:.3f} s vs {figures['before']:.3f} s = {ratio:.2f}x", verdict_ratio(ratio))

    def fresh_import(src: str | None, name: str):
        def runner(argv: list[str], env: dict[str, str]) -> float:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{folder / name}{suffix}").unlink(missing_ok=True)
            return run_piped(argv, env)

        return (runner, [*NETLOG, "import", "linkedin", str(csv_path)], netlog_env(folder / name, src))

    figures = alternate({"after": fresh_import(args.src, "import-after.db"), "before": fresh_import(args.baseline, "import-before.db")}, min(args.runs, 3))
    ratio = figures["after"] / figures["before"]
    report("import linkedin 10k rows (empty db), after vs before", f"{figures['after']:.3f} s vs {figures['before']:.3f} s = {ratio:.2f}x", verdict_ratio(ratio))


def verdict_ratio(ratio: float) -> str:
    return f"<= 1.05x: {'pass' if ratio <= 1.05 else 'MISSED'}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pg", metavar="URL", help="a PostgreSQL database filled by bench/generate.py --size medium")
    parser.add_argument("--baseline", metavar="SRC", help="the src/ folder of the netlog to compare show, completion, log and imports with")
    parser.add_argument("--src", metavar="SRC", help="with --baseline: this side's src/ folder (default: the netlog this Python imports)")
    parser.add_argument("--compare", metavar="SRC", help="only due (10k, 100k, piped, pty, RSS) and review's first screen: this checkout (or --src) against SRC, alternated")
    parser.add_argument("--baseline-only", action="store_true", help="with --baseline: only the comparison with it")
    parser.add_argument("--slow", action="store_true", help="also export json at 100k and export vcard --vdir at 10k (one run each)")
    parser.add_argument("--shape", choices=("uniform", "person"), default="uniform",
                        help="the networks due and review run on (bench/generate.py --shape): person is one person's network")  # fmt: skip


def print_table(rows: list[tuple[str, str, str]]) -> None:
    print("| issue 25 target | measured | target |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench-large")
    parser.add_argument("--runs", type=int, default=7)
    add_arguments(parser)
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    print_table(measure(args))


if __name__ == "__main__":
    main()
