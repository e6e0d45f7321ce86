"""Start-up cost: the fast paths must not import the heavy half of the stack. Each check runs netlog in a
fresh interpreter (imports are per process) and reads sys.modules when the command is done."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

HEAVY = {"sqlalchemy", "sqlmodel", "pydantic", "dateparser", "jinja2", "vobject", "icalendar", "rapidfuzz"}
# Click is no dependency of netlog (Typer 0.28 vendors its own; the test extra's import-linter brings one), and
# importing it cost `due` about 10 ms.
HEAVY |= {"click"}
# Completion and help run on every keypress / first contact: nothing beyond Typer and the stdlib.
NOT_FOR_HELP = HEAVY | {"rich"}

pytestmark = pytest.mark.sqlite_only

RUNNER = """
import contextlib, io, sys
sys.argv = ["netlog", *sys.argv[1:]]
from netlog.cli import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit:
    pass
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(out.getvalue(), end="")
print("MODULES=" + repr(loaded))
"""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """netlog ARGS in a subprocess: its stdout, and the top-level modules it had imported."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    output, _, modules = done.stdout.rpartition("MODULES=")
    return output, set(ast.literal_eval(modules))


def complete(words: str) -> tuple[list[str], set[str]]:
    """Bash completion as the shell asks for it (Typer 0.28's vendored Click protocol)."""
    words_list = words.split(" ")
    env = {"_NETLOG_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words_list) - 1)}
    output, modules = run(env=env)
    return [line for line in output.splitlines() if line], modules


@pytest.fixture
def people(netlog):
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--on", "2026-11-20")
    netlog("add", "Andre Costa", "--on", "2026-10-01")
    netlog("add", "Bo Berg", "--on", "2026-09-01")
    netlog("log", "Ana", "email", "--on", "2026-11-10")


def test_help_imports_nothing_heavy():
    output, modules = run("--help")
    assert "Usage" in output
    assert not modules & NOT_FOR_HELP, sorted(modules & NOT_FOR_HELP)


def test_completion_gives_real_names_and_imports_nothing_heavy(people):
    names, modules = complete("netlog show An")
    assert names == ["Ana\\ Lima", "Andre\\ Costa"]  # escaped for bash, which inserts a reply as it is
    assert not modules & NOT_FOR_HELP, sorted(modules & NOT_FOR_HELP)


def test_completion_of_another_command_and_option(people):
    # Typer 0.28 keeps only values that start with the typed text (case-sensitive): a prefix of the name.
    assert complete("netlog log Bo")[0] == ["Bo\\ Berg"]
    assert complete("netlog add X --introduced-by An")[0] == ["Ana\\ Lima", "Andre\\ Costa"]


def test_completion_without_a_database_is_empty(tmp_path):
    names, _ = run(env={"_NETLOG_COMPLETE": "complete_bash", "COMP_WORDS": "netlog show An", "COMP_CWORD": "2",
                        "NETLOG_DB": str(tmp_path / "absent.db")})  # fmt: skip
    assert names.strip() == ""
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize(
    "args",
    [("due",), ("due", "--json"), ("list",), ("list", "--json"), ("show", "Ana"), ("show", "Ana", "--json"),
     ("due", "--on", "2026-12-01"), ("due", "--on", "next monday")],
)  # fmt: skip
def test_reads_on_sqlite_import_no_sqlalchemy_pydantic_or_dateparser(people, args):
    output, modules = run(*args)
    assert output
    assert not modules & {"sqlalchemy", "sqlmodel", "pydantic", "dateparser"}, sorted(modules & HEAVY)


def test_due_piped_imports_no_json_and_no_rich(people):
    """Piped `due` is plain text (Rich only draws for a terminal), and reads `me`'s settings without json unless
    addresses are stored: each import is paid on every morning's run (docs/performance.md)."""
    output, modules = run("due")
    assert "Thank Ana" in output
    assert not modules & {"json", "rich"}, sorted(modules & {"json", "rich"})
