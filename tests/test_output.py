"""Output conventions: plain text off a terminal, NO_COLOR respected, wide tables fold, dates said as people
say them, and a fast start (no heavy imports for --help)."""

import os
import subprocess
import sys

from netlog.ui import prompts, render

LONG = "Maria Fernanda Albuquerque de Souza Vasconcelos"


def test_dates_as_people_say_them(netlog):
    assert "met yesterday." in netlog("add", "Ana Lima", "--on", "yesterday").stderr
    assert "met Tue 17 Nov (6 days ago)." in netlog("add", "Bo Chen", "--on", "2026-11-17").stderr
    assert "met Mon 2 Nov (3 weeks ago)." in netlog("add", "Cy Diaz", "--on", "3 weeks ago").stderr


def test_piped_list_is_plain_text(netlog):
    netlog("add", LONG, "--company", "A company with a rather long name", "--tag", "pycon")
    out = netlog("list").stdout
    assert out.startswith(LONG + "\t") and "\x1b[" not in out and "┃" not in out


def test_wide_tables_fold_rather_than_cut(netlog, monkeypatch):
    netlog("add", LONG, "--company", "A company with a rather long name", "--tag", "pycon", "--on", "yesterday")
    monkeypatch.setattr(render, "_rich", lambda: True)
    monkeypatch.setenv("COLUMNS", "50")
    out = netlog("list").stdout
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 50
    name_cells = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")]
    assert "".join(name_cells).replace(" ", "") == LONG.replace(" ", "")  # every letter of the name is there


def test_colour_only_without_no_color(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "yesterday")
    monkeypatch.setattr(render, "_rich", lambda: True)
    import rich.console

    monkeypatch.setattr(rich.console.Console, "is_terminal", property(lambda self: True))
    assert "\x1b[" not in netlog("due").stdout  # NO_COLOR=1 from the fixture
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in netlog("due").stdout


def test_rm_never_prompts_off_a_terminal(netlog, monkeypatch):
    netlog("add", "Ana Lima")
    result = netlog("rm", "Ana", ok=False)
    assert result.exit_code == 1 and "add --yes" in result.stderr
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    netlog("rm", "Ana", input="y\n")
    assert netlog.json("list") == []


def test_help_starts_without_heavy_imports():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "netlog", "--help"], capture_output=True, text=True, env=os.environ
    )
    assert result.returncode == 0
    heavy = [m for m in ("sqlalchemy", "dateparser", "jinja2", "sqlmodel", "rich") if f" {m}" in result.stderr]
    assert not heavy, heavy


def test_due_and_list_on_a_terminal_show_a_screenful(netlog, monkeypatch):
    for n in range(15):
        netlog("add", f"Person {n:02d}", "--on", "2026-11-20")  # each owes a thank-you
    assert len(netlog("due").stdout.splitlines()) == 15  # piped: everything
    assert len(netlog("list").stdout.splitlines()) == 15
    monkeypatch.setattr(render, "_rich", lambda: True)
    monkeypatch.setenv("LINES", "20")
    for columns in ("200", "80"):  # rows wrap more: fewer rows, still one screen
        monkeypatch.setenv("COLUMNS", columns)
        for command in ("due", "list"):
            result = netlog(command)
            assert len(result.stdout.splitlines()) <= 20 - 2, (command, columns)  # the note and the prompt below
            shown = sum(f"Person {n:02d}" in result.stdout for n in range(15))
            assert f"… and {15 - shown} more: add --all to see them, or pipe the output." in result.stderr
    monkeypatch.setenv("COLUMNS", "40")  # a screen too small for anything: still the top five
    assert "… and 10 more" in netlog("due").stderr
    for lines in ("1", "2", "6"):
        monkeypatch.setenv("LINES", lines)
        assert "… and 10 more" in netlog("due").stderr and "… and 10 more" in netlog("list").stderr
    monkeypatch.setenv("LINES", "20")
    monkeypatch.setenv("COLUMNS", "200")
    # one line a row: 18 lines hold the title, the header, three borders and 13 rows
    assert sum(f"Person {n:02d}" in netlog("due").stdout for n in range(15)) == 13
    for command in ("due", "list"):
        everything = netlog(command, "--all")
        assert len([line for line in everything.stdout.splitlines() if "Person" in line]) == 15
        assert "more" not in everything.stderr
    assert len(netlog.json("due")) == 15 and len(netlog.json("list")) == 15


def test_names_with_markup_are_shown_as_typed_on_a_terminal(netlog, monkeypatch):
    """Rich reads "[/]" as markup: a contact named `Zed [/]` crashed `list` and `due` with a MarkupError."""
    netlog("add", "Zed [/]", "--on", "2026-11-21")
    netlog("add", "Ann [bold]x[/bold]", "--on", "2026-11-21")
    monkeypatch.setattr(render, "_rich", lambda: True)
    for args in (("list",), ("due",), ("show", "Zed")):
        result = netlog(*args)
        assert "Zed [/]" in result.stdout, args
    assert "[bold]x[/bold]" in netlog("list").stdout
