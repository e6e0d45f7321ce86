"""Every user error is one clear line on stderr, a non-zero exit code, no traceback, nothing written."""

import sqlite3

import pytest


def touch_count(db_path):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT COUNT(*) FROM touch").fetchone()[0]


@pytest.fixture
def ana(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-01")
    netlog("add", "Ana Souza", "--on", "2026-11-01")
    return netlog


@pytest.mark.parametrize(
    "args, words",
    [
        (["log", "Zed", "call"], 'No contact named "Zed"'),
        (["log", "Ana", "call"], "matches 2 contacts: Ana Lima, Ana Souza"),
        (["log", "Ana Lima", "lunch"], 'Unknown kind "lunch"'),
        (["log", "Ana Lima", "call", "--on", "blursday"], 'Cannot read the date "blursday"'),
        (["log", "Ana Lima", "call", "--on", "tomorrow"], "is in the future"),
        (["add", "Bo", "--strength", "best"], 'Unknown strength "best"'),
        (["add", "Bo", "--every", "often"], 'Cannot read the cadence "often"'),
        (["add", "Ana Lima"], '"Ana Lima" already exists'),
        (["log", "Ana Lima", "intro"], "An intro needs --to NAME"),
        (["log", "Ana Lima", "favor-given", "--received"], "--received does not apply"),
        (["done", "Ana Lima", "hug"], 'Unknown action "hug"'),
        (["rm", "Ana Lima"], "needs confirmation: add --yes"),
    ],
)
def test_one_line_and_exit_1(ana, db_path, args, words):
    before = touch_count(db_path)
    result = ana(*args, ok=False)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert touch_count(db_path) == before


def test_bad_today_env(netlog, monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", "someday")
    result = netlog("due", ok=False)
    assert result.exit_code == 1 and 'NETLOG_TODAY="someday" is not a date' in result.stderr


def test_add_new_allows_a_second_person_with_the_same_name(ana):
    ana("add", "Ana Lima", "--new", "--company", "Other Co")
    names = [c["name"] for c in ana.json("list")]
    assert names.count("Ana Lima") == 2
    result = ana("show", "Ana Lima", ok=False)
    assert result.exit_code == 1 and "#1" in result.stderr and "#3" in result.stderr
    assert ana.json("show", "#3")["company"] == "Other Co"


@pytest.mark.sqlite_only
def test_a_usage_error_after_the_database_opened_does_not_check_the_whole_file(ana, monkeypatch):
    """A usage error (here the second name `intro` needs, missing after the first opened the database) or an exit
    is Typer's to print; the whole-file quick_check is only for a read that failed unexpectedly. The check matched
    the exceptions of Click, a package netlog does not depend on (Typer 0.28 has its own), so it never matched
    and every such exit paid a PRAGMA quick_check of the whole file first (about a second at 100k)."""
    from netlog.storage.store import Store

    checked = []
    monkeypatch.setattr(Store, "check_whole", lambda self: checked.append(self))
    result = ana("intro", "Ana Lima", ok=False)
    assert result.exit_code == 2 and "Missing argument" in result.stderr
    assert checked == []


@pytest.mark.parametrize(
    "args, says",
    [
        (("log", "--foo"), "netlog: error: No such option: --foo (Possible options: --on, --to) (try: netlog log --help)"),
        (("show",), "netlog: error: Missing argument 'NAME'. (try: netlog show --help)"),
        (("due", "--limit", "x"), "netlog: error: Invalid value for '--limit' / '-n': 'x' is not a valid int range. (try: netlog due --help)"),
        (("log", "Ana", "coffee", "--on"), "netlog: error: Option '--on' requires an argument. (try: netlog log --help)"),
        (("--foo",), "netlog: error: No such option: --foo (try: netlog --help)"),
        (("frobnicate",), "netlog: error: No such command 'frobnicate'. (try: netlog --help)"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(netlog, args, says):
    """A missing argument, an unknown option or command, or a bad option value printed Click's usage, a hint
    and the error on three lines; every user error is one line (the project's standard), and a usage error
    keeps Click's exit code 2."""
    netlog("add", "Ana Lima")
    result = netlog(*args, ok=False)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", says + "\n")


def test_help_is_still_help(netlog):
    for args in (("--help",), ("log", "--help"), ("log", "-h")):
        result = netlog(*args)
        assert result.exit_code == 0 and result.stdout.startswith("Usage: netlog") and result.stderr == ""
    assert netlog().stdout.startswith("netlog keeps up your professional relationships. Start here:")
