"""Help that teaches: every command has help and an example; bare `netlog` says where to start."""

import typer.main

from netlog.cli import START_HERE, app


def commands() -> dict:
    return typer.main.get_command(app).commands


def test_every_command_has_help_and_an_example(netlog):
    missing = []
    for name, command in sorted(commands().items()):
        out = netlog(name, "--help").stdout
        summary = (command.help or "").strip().splitlines()
        if not summary or not summary[0]:
            missing.append(f"{name}: no help")
        if f"Example: netlog {name}" not in out:
            missing.append(f"{name}: no example")
        undocumented = [p.name for p in command.params if getattr(p, "help", None) is None and p.param_type_name == "option"]
        if undocumented:
            missing.append(f"{name}: options without help {undocumented}")
    assert not missing, missing


def test_examples_keep_their_lines(netlog):
    out = netlog("add", "--help").stdout
    assert '  Example: netlog add "Ana Lima" --met-at "PyCon" --topics "search, hiring" --strength medium\n' in out


def test_bare_netlog_says_start_here(netlog):
    out = netlog().stdout
    assert out.strip() == START_HERE.strip()
    for step in ("netlog add", "netlog log", "netlog due", "netlog thank"):
        assert step in out
    assert out.index("netlog add") < out.index("netlog log") < out.index("netlog due") < out.index("netlog thank")


def test_root_help_lists_every_command(netlog):
    out = netlog("--help").stdout
    for name in commands():
        assert f"  {name}" in out
