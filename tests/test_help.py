"""Help that teaches: every command has help and an example; bare `netlog` says where to start."""

import typer
import typer.main
from typer.testing import CliRunner

from netlog.cli import COMMANDS, START_HERE, app


def commands() -> dict:
    """Every command, built (the root group builds each on first lookup)."""
    group = typer.main.get_command(app)
    return {name: group.get_command(None, name) for name in group.list_commands(None)}


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


def test_lazy_root_help_reads_as_an_eagerly_built_app(netlog):
    # The root group builds no command for --help (NetlogGroup); its text must be what Typer prints when
    # every command is built the usual way.
    eager = typer.Typer(rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
    eager.registered_callback = app.registered_callback
    eager.info = app.info
    eager.registered_commands = list(COMMANDS.values())
    eager_help = CliRunner().invoke(eager, ["--help"], prog_name="netlog").stdout
    assert "Commands:" in eager_help
    assert netlog("--help").stdout == eager_help


def test_a_run_builds_only_its_command(capsys):
    group = typer.main.get_command(app)
    group.main(["path"], prog_name="netlog", standalone_mode=False)
    assert capsys.readouterr().out.strip()  # the database it would use
    assert set(group.commands) == {"path"}  # only the command that ran was built


def test_commands_added_the_typer_way_still_work(monkeypatch):
    # NetlogGroup builds its own commands lazily; one registered with @app.command() must still run and show.
    extra = typer.Typer()

    @extra.command()
    def hello() -> None:
        """Say hello."""
        print("hello")

    monkeypatch.setattr(app, "registered_commands", [*app.registered_commands, *extra.registered_commands])
    assert CliRunner().invoke(app, ["hello"]).stdout == "hello\n"
    assert "hello   Say hello." in CliRunner().invoke(app, ["--help"]).stdout
    assert "hello" not in COMMANDS  # the registry of netlog's own commands is left alone
