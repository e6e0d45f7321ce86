"""Hostile and odd input through the real CLI: every run exits 0, or 1/2 with a short message, never a
traceback, and the database stays intact. Profiles live in conftest.py (default: 3 x 70 examples;
--hypothesis-profile=long: 3 x 2,000)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from netlog.kinds import KINDS

pytestmark = pytest.mark.sqlite_only

HOSTILE = [
    "", " ", "-", "--", "--help", "-h", "--db", "'", '"', "\\", "%", "_", "*", "a'; DROP TABLE contact; --",
    "Robert'); DELETE FROM touch;--", "NULL", "\x00", "\n", "\t", "é", "Ζωή", "李小龙", "🙂", "\u202e", "x" * 10_000,
    "ana", "Ana Lima", "ANA", "An",
]  # fmt: skip
text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
dates = st.one_of(
    text,
    st.dates().map(str),
    st.sampled_from(["today", "yesterday", "last friday", "in 2 weeks", "0000-00-00", "2026-02-30", "9999-12-31", "-1"]),
)
kinds = st.one_of(st.sampled_from(sorted(KINDS)), text)
opt_note = st.one_of(st.none(), text)
opt_date = st.one_of(st.none(), dates)

EXAMPLES = {"runs": 0}


def ensure_ana(netlog) -> None:
    """One known contact per test database (hypothesis reuses the test's database across examples)."""
    marker = Path(os.environ["NETLOG_DB"]).with_suffix(".ana")
    if not marker.exists():
        netlog("add", "Ana Lima", "--note", "café ☕ 'quoted'")
        marker.touch()


def run(netlog, args: list[str]) -> None:
    EXAMPLES["runs"] += 1
    result = netlog(*args, ok=False)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    if result.exit_code == 1:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("netlog: "), (args, result.stderr)


def check_integrity() -> None:
    path = Path(os.environ["NETLOG_DB"])
    if path.exists():
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def with_options(base: list[str], on: str | None, note: str | None) -> list[str]:
    args = list(base)
    if on is not None:
        args += ["--on", on]
    if note is not None:
        args += ["--note", note]
    return args


@given(name=text, on=opt_date, note=opt_note)
def test_add_anything(netlog, name, on, note):
    run(netlog, with_options(["add", name], on, note))
    check_integrity()


@given(name=text, kind=kinds, on=opt_date, note=opt_note)
def test_log_anything(netlog, name, kind, on, note):
    ensure_ana(netlog)
    run(netlog, with_options(["log", name, kind], on, note))
    check_integrity()


@given(name=text, as_json=st.booleans())
def test_show_anything(netlog, name, as_json):
    ensure_ana(netlog)
    run(netlog, ["show", name] + (["--json"] if as_json else []))
    check_integrity()


def test_report_examples_run():
    """Not a check: prints how many CLI runs the fuzz tests above made (for docs/reliability.md)."""
    print(f"\nfuzz: {EXAMPLES['runs']} hostile CLI runs")
