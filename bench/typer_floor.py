"""The floor under `netlog due`: a trivial Typer app built the way netlog's cli.py is (a TyperGroup whose
subcommands are built lazily, on first lookup; a root callback with --db and --version; a `due` command with
due's options), whose `due` prints 20 short lines and reads nothing. bench/floor.py times it next to netlog.

    python bench/typer_floor.py due
"""

from typing import Any, Optional

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

LAZY: dict[str, CommandInfo] = {}


class LazyGroup(TyperGroup):
    """cli.NetlogGroup's pattern: build only the subcommand that runs."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*LAZY, *(name for name in self.commands if name not in LAZY)]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name in LAZY and name not in self.commands:
            self.commands[name] = typer.main.get_command_from_info(
                LAZY[name], pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
        return super().get_command(ctx, name)


app = typer.Typer(cls=LazyGroup, rich_markup_mode=None, invoke_without_command=True, pretty_exceptions_enable=False)


@app.callback()
def root(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", metavar="PATH_OR_URL", help="Database."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    """A trivial app."""
    if version:
        typer.echo("floor 0")
        raise typer.Exit()
    ctx.obj = db


def due(
    on: Optional[str] = typer.Option(None, "--on", metavar="DATE", help="Another day."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="The top N."),
    all_: bool = typer.Option(False, "--all", help="Everything."),
    mine: bool = typer.Option(False, "--mine", help="Only mine."),
    reconnect: Optional[int] = typer.Option(None, "--reconnect", min=0, metavar="N", help="Allowance."),
    json_: bool = typer.Option(False, "--json", help="JSON."),
) -> None:
    """Print 20 lines."""
    typer.echo("\n".join(f"{n}. [keep-in-touch] Reconnect with Someone {n} - last touch: coffee 4 weeks ago" for n in range(1, 21)))


LAZY["due"] = CommandInfo(name="due", callback=due)

if __name__ == "__main__":
    app(prog_name="floor")
