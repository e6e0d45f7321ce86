"""Tab completion, driven the way the shells drive it: the real program in a subprocess with Typer's
completion environment variables, reading a real database."""

import os
import subprocess
from pathlib import Path
import sys

import pytest

pytestmark = pytest.mark.sqlite_only

def complete(shell: str, line: str, **extra: str) -> list[str]:
    """What the shell would offer for `line` (the last word is the one being completed)."""
    env = {**os.environ, "_NETLOG_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":
        words = line.split(" ")
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION="get-args")
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "netlog"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr[-2000:]
    heavy = [m for m in ("sqlalchemy", "dateparser", "jinja2", "sqlmodel") if f" {m}" in result.stderr]
    assert not heavy, f"completion imported {heavy}"
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture
def people(netlog):
    netlog("add", "Ana Lima", "--tag", "pycon", "--tag", "search")
    netlog("add", "Andre Silva", "--tag", "python")
    netlog("add", "Bob Stone")


def test_commands(people):
    assert complete("bash", "netlog sh") == ["show"]
    assert {"add", "log", "due", "thank", "show", "list"} <= set(complete("bash", "netlog "))


def test_contact_names_from_the_database(people):
    # bash inserts a reply as it is: a name's space comes escaped, or Enter would see two arguments
    assert complete("bash", "netlog show An") == ["Ana\\ Lima", "Andre\\ Silva"]
    assert complete("bash", "netlog thank Bo") == ["Bob\\ Stone"]
    assert complete("bash", "netlog log Ana coffee --to B") == ["Bob\\ Stone"]


def test_after_a_completed_name_come_the_kinds(people):
    env = {"COMP_WORDS": "netlog log Ana\\ Lima ", "COMP_CWORD": "3"}
    result = subprocess.run([sys.executable, "-m", "netlog"], env={**os.environ, "_NETLOG_COMPLETE": "complete_bash", **env},
                            capture_output=True, text=True, timeout=30)  # fmt: skip
    assert "coffee" in result.stdout.split() and "email" in result.stdout.split()


def test_kinds_levels_actions_tags(people):
    assert complete("bash", "netlog log Ana co") == ["coffee", "congrats", "connected"]
    assert complete("bash", "netlog edit Ana --strength m") == ["medium"]
    assert complete("bash", "netlog done Ana n") == ["nudge"]
    assert complete("bash", "netlog list --tag py") == ["pycon", "python"]


def test_zsh_and_fish(people):
    zsh = "\n".join(complete("zsh", "netlog show An"))
    assert '"Ana Lima"' in zsh and '"Andre Silva"' in zsh
    fish = complete("fish", "netlog log Ana fav")
    assert [line.split("\t")[0] for line in fish] == ["favor-given", "favor-received"]


def test_no_database_no_names_no_file(tmp_path):
    missing = tmp_path / "none.db"
    assert complete("bash", "netlog show An", NETLOG_DB=str(missing)) == []
    assert not missing.exists()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_scripts(shell):
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = subprocess.run([sys.executable, "-m", "netlog", "--show-completion", shell], env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "_NETLOG_COMPLETE" in result.stdout


def test_draft_names_are_netlogs_drafts():
    from netlog.rules import drafting
    from netlog.ui import completion

    assert completion.DRAFT_NAMES == tuple(drafting.DRAFTS)


def bash_replies(words: str, cword: int, netlog_script: bool = True) -> list[str]:
    """What bash's completion function gets back for COMP_WORDS as bash joins them (escapes as typed), through
    the entry point `pip install` makes (`netlog`), as the script `netlog --show-completion bash` runs it."""
    script = Path(sys.executable).with_name("netlog")
    env = {**os.environ, "_NETLOG_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and not result.stderr, result.stderr[-2000:]
    return [line for line in result.stdout.splitlines() if line]


def test_a_name_typed_with_its_space_still_completes(netlog):
    """Typing on after a space (`netlog show Ana\\ L<Tab>`, as after bash listed Ana Lima and Ana Sousa) offered
    nothing: Typer keeps the replies that start with the typed text, unescaped ("Ana L"), and netlog's came
    escaped ("Ana\\ Lima"). Two contacts of one name were also offered twice."""
    netlog("add", "Ana Lima")
    netlog("add", "Ana Lima", "--new")
    netlog("add", "Ana Sousa")
    netlog("add", "O'Brien Lee", "--company", "Acme & Sons")
    assert bash_replies("netlog show Ana", 2) == ["Ana\\ Lima", "Ana\\ Sousa"]
    assert bash_replies("netlog show Ana\\ L", 2) == ["Ana\\ Lima"]
    assert bash_replies("netlog log Ana\\ S", 2) == ["Ana\\ Sousa"]
    assert bash_replies("netlog show O\\'B", 2) == ["O\\'Brien\\ Lee"]
    assert bash_replies("netlog find --at Acme\\ \\&", 3) == ["Acme\\ \\&\\ Sons"]


def test_names_complete_with_case_accents_and_punctuation_aside(netlog):
    """`netlog show ana<Tab>` offered nothing: netlog read names starting with "ana" exactly as typed, and
    Typer 0.28 keeps only replies that start with the typed text, case- and accent-sensitively. Names now
    complete as they resolve (values.folding.name_forms), with nothing heavy imported on the keypress."""
    for name in ("Ána Lima", "ANA Berg", "Anabel Ruiz", "Bo Stone", "O'Brien Lee"):
        netlog("add", name)
    assert complete("bash", "netlog show ana") == ["ANA\\ Berg", "Ána\\ Lima", "Anabel\\ Ruiz"]  # as they fold
    assert bash_replies("netlog show ana\\ ", 2) == ["ANA\\ Berg", "Ána\\ Lima"]
    assert bash_replies("netlog log Bo coffee --to ANA\\ l", 5) == ["Ána\\ Lima"]
    assert complete("bash", "netlog show obr") == complete("bash", "netlog show o'b") == ["O\\'Brien\\ Lee"]
    zsh = "\n".join(complete("zsh", "netlog show ana"))
    assert '"Ána Lima"' in zsh and '"ANA Berg"' in zsh
