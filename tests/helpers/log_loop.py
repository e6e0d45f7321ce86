"""Concurrency driver: run `netlog log NAME call` N times through the real CLI, in this process.

    python tests/helpers/log_loop.py N NAME      (NETLOG_DB, NETLOG_TODAY from the environment)

Starting a Python per write costs ~0.3 s; looping in process keeps 2 x 500 writes inside CI's budget
while each write still opens the database, runs the version check and commits like a real command.
Prints one JSON line: {"ok": n, "failed": n, "errors": [stderr of failures]}.
"""

import json
import sys

import typer.testing
from typer.testing import CliRunner

from netlog.cli import app


def main() -> None:
    count, name = int(sys.argv[1]), sys.argv[2]
    runner = CliRunner()
    command = typer.main.get_command(app)  # build the Click command once, as one `netlog` run does
    typer.testing._get_command = lambda _app: command
    ok, errors = 0, []
    for _ in range(count):
        result = runner.invoke(app, ["log", name, "call"], prog_name="netlog")
        if result.exit_code == 0 and result.exception is None:
            ok += 1
        else:
            errors.append(f"{result.exit_code} {result.stderr!r} {result.exception!r}")
    print(json.dumps({"ok": ok, "failed": len(errors), "errors": errors[:20]}))


if __name__ == "__main__":
    main()
