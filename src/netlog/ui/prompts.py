"""Asking for what was not typed, one question at a time, and only when a person is at the terminal."""

from __future__ import annotations

import sys
from typing import Callable, TypeVar

from netlog.errors import MissingInput

T = TypeVar("T")


def interactive() -> bool:
    """True when a person can answer: stdin and stderr (where prompts go) are terminals.
    The one place that decides; tests monkeypatch it."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def require(what: str, example: str) -> None:
    """Refuse to prompt when nobody can answer: one line saying what to type instead."""
    if not interactive():
        raise MissingInput(f"Missing {what} (stdin is not a terminal, so netlog does not ask). Example: {example}")


def ask(question: str, read: Callable[[str], T], default: str | None = None) -> T:
    """Ask until `read` accepts the answer; a BadInput message is shown and the question asked again."""
    import typer

    from netlog.errors import BadInput

    while True:
        answer = typer.prompt(question, default=default, err=True, show_default=bool(default))
        try:
            return read(answer)
        except BadInput as error:
            typer.echo(str(error), err=True)


def ask_optional(question: str) -> str | None:
    """A question that may be skipped with Enter."""
    answer = ask(question + " (Enter to skip)", str, default="")
    return answer.strip() or None


def ask_new_contact(met_at: str | None, topics: str | None, strength: str) -> tuple[str, str | None, str | None, str]:
    """`netlog add` with no NAME: the name, where, topics and strength, skipping what options already gave."""
    from netlog.values.kinds import LEVELS, parse_level

    name = ask("Name", _name)
    if met_at is None:
        met_at = ask_optional("Where did you meet")
    if topics is None:
        topics = ask_optional("What did you talk about")
    level = ask(f"Strength ({', '.join(LEVELS)})", parse_level, default=strength)
    return name, met_at, topics, LEVELS[level - 1]


def ask_kind() -> str:
    """`netlog log NAME` with no KIND: show the kinds, numbered, and take a number or a name."""
    import typer

    from netlog.values.kinds import KINDS, parse_kind

    names = list(KINDS)
    for number, (kind, (meaning, _)) in enumerate(KINDS.items(), 1):
        typer.echo(f"{number:>3}. {kind:<15} {meaning}", err=True)

    def read(answer: str) -> str:
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(names):
            return names[int(answer) - 1]
        return parse_kind(answer)

    return ask("Kind (number or name)", read, default="coffee")


def _name(answer: str) -> str:
    from netlog.errors import BadInput

    if not answer.strip():
        raise BadInput("A name is needed.")
    return " ".join(answer.split())
