"""Tab completion: contact names from the database, and the fixed vocabularies. Runs on every keypress,
so it reads SQLite through the standard library and never creates a database."""

from typing import TYPE_CHECKING, Any, Callable

from netlog.values.kinds import ACTIONS, KINDS, LEVELS

if TYPE_CHECKING:
    from netlog.storage.fast import FastReader
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

# The drafts `netlog draft` writes; netlog.rules.drafting (which imports the rules) is not imported on a keypress.
DRAFT_NAMES = ("reply", "thank", "nudge", "reach-out", "meet", "report-back", "tell-introducer", "circle-back", "keep-in-touch",
               "second-touch", "give-back", "congratulate", "reconnect", "intro-ask", "intro-send", "intro-check-in")  # fmt: skip


class _Offered(str):
    """A name offered for what was typed, matched as names are (case, accents and punctuation aside: "ana" offers
    "Ána Lima"). Typer 0.28 keeps only the replies that start with the typed text exactly, by asking each reply
    `startswith`: this one was matched already, so it says yes. The shell gets the name as it is."""

    def startswith(self, *_: Any) -> bool:
        return True


def contact_names(ctx: Any, incomplete: str) -> list[str]:
    """Names of contacts that start with what was typed, case, accents and punctuation aside, each once (two Ana
    Limas are one reply)."""
    from netlog.storage import reads

    names = dict.fromkeys(_read(ctx, lambda reader: reads.names_starting(reader, incomplete)))
    return [_Offered(name) for name in names]


def escape_bash_replies() -> None:
    """bash inserts a reply exactly as given, so each must come shell-escaped ("Ana\\ Lima"), or Enter would see
    two arguments; zsh and fish quote replies themselves. Escaping happens as a reply is written out, after
    Typer kept only the replies that start with what was typed: that text is unescaped ("Ana L" for `Ana\\ L`),
    so a reply escaped before (as netlog's were) never started with it, and a name with a space typed in
    completed to nothing."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import BashComplete

    class EscapingBash(BashComplete):
        def format_completion(self, item: Any) -> str:
            return _bash_escaped(str(item.value))

    add_completion_class(EscapingBash, BashComplete.name)


def _bash_escaped(word: str) -> str:
    """A word as bash reads it back: every character special to the shell behind a backslash."""
    return "".join("\\" + ch if ch in " \t\\'\"`$&|;<>()[]{}*?!#~=%^," else ch for ch in word)


def tags(ctx: Any, incomplete: str) -> list[str]:
    """Tags in use that start with what was typed."""
    from netlog.storage import reads

    return _read(ctx, lambda reader: [t for t in reads.tag_names(reader) if t.startswith(incomplete)])


def companies(ctx: Any, incomplete: str) -> list[str]:
    """Companies contacts are at that start with what was typed (case aside), for `--at`."""
    from netlog.storage import reads

    typed = incomplete.casefold()
    return _read(ctx, lambda reader: [c for c in reads.companies(reader) if c.casefold().startswith(typed)])


def places(ctx: Any, incomplete: str) -> list[str]:
    """Places and events touches happened at that start with what was typed (case aside), for `--met-at`."""
    from netlog.storage import reads

    typed = incomplete.casefold()
    return _read(ctx, lambda reader: [p for p in reads.places(reader) if p.casefold().startswith(typed)])


def _read(ctx: Any, read: "Callable[[Reader], list[str]]") -> list[str]:
    """Run one read against the database named on the command line, if it exists (never creating or
    migrating one); [] on any failure, because completion must never print a traceback into the shell."""
    from netlog.storage.location import database_url, sqlite_path

    url = database_url(ctx.find_root().params.get("db"))
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        return []
    try:
        if path is not None:
            from netlog.storage.fast import FastReader

            opened: "FastReader | Store" = FastReader(path)
        else:
            from netlog.storage.opening import open_store

            opened = open_store(url)
    except Exception:
        return []
    try:
        return read(opened if isinstance(opened, FastReader) else opened.reader)
    except Exception:
        return []
    finally:
        opened.close()


def kinds(incomplete: str) -> list[tuple[str, str]]:
    """Touch kinds with what each means."""
    return [(kind, meaning) for kind, (meaning, _) in KINDS.items() if kind.startswith(incomplete)]


def levels(incomplete: str) -> list[str]:
    """Tie strengths."""
    return [level for level in LEVELS if level.startswith(incomplete)]


def drafts(incomplete: str) -> list[str]:
    """Draft names (netlog.rules.drafting.DRAFTS, kept in step by tests/test_completion.py)."""
    return [name for name in DRAFT_NAMES if name.startswith(incomplete)]


def actions(incomplete: str) -> list[str]:
    """Due actions."""
    return [action for action in ACTIONS if action.startswith(incomplete)]
