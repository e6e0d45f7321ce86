"""The floor under `netlog due` at 10k, next to taskwarrior: every process below run in alternation (A B C ... A B C,
the median of each; bench/targets.py's runners), piped and in an 80x24 pseudo-terminal.

    python bench/floor.py --dir /tmp/bench-large [--runs 11] [--src SRC]

- `python -S -c pass`, `python -c pass`: the interpreter, without and with site (this venv's site-packages);
- `python -c 'import typer'`;
- bench/typer_floor.py: a trivial Typer app built as cli.py is (lazy subcommands) running a `due` that prints
  20 lines and reads nothing: what any Typer CLI pays before doing its work;
- `python -m netlog --version`: netlog's start-up (cli.py imported, the root callback run);
- `python -m netlog due` on --dir's medium.db (10k contacts / 100k touches);
- `task next limit:20` on 10,000 tasks (bench/targets.py's throwaway TASKDATA).

Every netlog is run as in bench/targets.py (`python -m netlog`, bytecode cached, NETLOG_TODAY 2026-11-23).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from targets import NETLOG, alternate, ensure, netlog_env, run_piped, run_pty, taskwarrior  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-large"))
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--src", help="the src folder of another netlog checkout to time instead of this one")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    env = netlog_env(ensure(args.dir, "medium"), args.src)
    py = sys.executable
    cases = {
        "python -S -c pass": ([py, "-S", "-c", "pass"], env),
        "python -c pass": ([py, "-c", "pass"], env),
        "python -c 'import typer'": ([py, "-c", "import typer"], env),
        "trivial Typer app (lazy group), due": ([py, str(HERE / "typer_floor.py"), "due"], env),
        "netlog --version": ([*NETLOG, "--version"], env),
        "netlog due, 10k": ([*NETLOG, "due"], env),
        "task next limit:20, 10k tasks": (["task", "next", "limit:20"], taskwarrior(args.dir)),
    }
    run_piped([*NETLOG, "due"], env)  # a changed cache version is rebuilt on the first open, not timed here
    for mode, runner in (("piped", run_piped), ("80x24 pty", run_pty)):
        figures = alternate({label: (runner, command, e) for label, (command, e) in cases.items()}, args.runs)
        task = figures["task next limit:20, 10k tasks"]
        print(f"{mode} (median of {args.runs}, alternated)")
        for label, seconds in figures.items():
            print(f"  {label:40} {1000 * seconds:7.1f} ms  {seconds / task:5.2f}x task")


if __name__ == "__main__":
    main()
