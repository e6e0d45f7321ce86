"""The command line: parse what was typed, call one domain function, hand the result to render.
No `from __future__ import annotations` here: Typer reads the annotations at run time.
Nothing heavy is imported at module level, so `netlog --help` and completion start fast."""


import os
import sys
from datetime import date
from inspect import getdoc
from typing import TYPE_CHECKING, Any, Callable, List, NoReturn, Optional

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from netlog.errors import NetlogError, one_line

if TYPE_CHECKING:
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store
from netlog.ui import completion

START_HERE = """\
netlog keeps up your professional relationships. Start here:

  netlog add "Ana Lima" --met-at "PyCon" --topics "search, hiring"   # right after you meet
  netlog log Ana coffee --note "talked about the Lisbon role"          # every later touch
  netlog due                                                           # each morning: who needs what
  netlog thank Ana                                                     # a thank-you draft to edit and send
  netlog review                                                        # or walk the morning's list, key by key

netlog --help lists every command; docs/index.md walks a first week."""


# Subcommands, registered by @command(): name -> what Typer needs to build the Click command.
COMMANDS: dict[str, CommandInfo] = {}


def command(name: Optional[str] = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a subcommand, as `@app.command()` would, but leave building it to NetlogGroup."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        command_name = name or typer.main.get_command_name(function.__name__)  # Typer's own naming rule
        COMMANDS[command_name] = CommandInfo(name=command_name, callback=function)
        return function

    return register


def _unusable(arg: Any) -> Optional[str]:
    """What in an argument no name, value or path can hold, or None. No shell can pass a NUL byte (argv is
    C strings), nor a lone surrogate such as "\ud800" (argv's own undecodable bytes are "\udc80"-"\udcff",
    which os.fsencode turns back into the bytes), but a program calling netlog can: open() and os.stat()
    raise ValueError on the one, UnicodeEncodeError on the other."""
    if not isinstance(arg, str):
        return None
    if "\x00" in arg:
        return "a NUL byte"
    try:
        os.fsencode(arg)
    except UnicodeEncodeError:
        return "a lone surrogate"
    return None


class NetlogGroup(TyperGroup):
    """The root command. Subcommands load lazily, in Click's documented pattern (a group whose
    `list_commands` and `get_command` know the lazy subcommands, each built on first lookup): Typer's
    `@app.command()` converts every command's signature on every start (paid by `--help`, completion and `due`
    alike); here a run builds only the command it runs, and `--help` reads
    each one's summary from its docstring. It is also the one boundary where user errors become one line on
    stderr and an exit code."""

    def __init__(self, *args: Any, lazy_subcommands: Optional[dict[str, CommandInfo]] = None, **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        self.lazy_subcommands = dict(COMMANDS if lazy_subcommands is None else lazy_subcommands)

    def list_commands(self, ctx: Any) -> list[str]:
        eager = [name for name in self.commands if name not in self.lazy_subcommands]
        return [*self.lazy_subcommands, *eager]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name in self.lazy_subcommands and name not in self.commands:
            self.commands[name] = typer.main.get_command_from_info(
                self.lazy_subcommands[name], pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
        return super().get_command(ctx, name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The Commands section of --help, from each function's docstring (nothing is built). Each row's text
        comes from Typer's own short-help rule, so it reads exactly as an eagerly built app's would."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._short_help(name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, text in rows if text is not None])

    def _short_help(self, name: str, limit: int) -> Optional[str]:
        """What --help says of a command (None: hidden), without building it when it is not built yet."""
        if name in self.commands:
            built = self.commands[name]
            return None if built.hidden else built.get_short_help_str(limit)
        info = self.lazy_subcommands[name]
        return None if info.hidden else TyperCommand(name=name, help=getdoc(info.callback)).get_short_help_str(limit)

    def main(self, args: Any = None, *rest: Any, **extra: Any) -> Any:
        for arg in sys.argv[1:] if args is None else args:
            fault = _unusable(arg)
            if fault:
                typer.echo(f"netlog: an argument holds {fault}, which no name, value or path can hold.", err=True)
                sys.exit(1)
        if os.environ.get("_NETLOG_COMPLETE") == "complete_bash":
            completion.escape_bash_replies()
        return super().main(args, *rest, **extra)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except typer.TyperException as error:  # the root's own options: `netlog --foo`, `netlog --db`
            _usage_error(error, None)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as error:  # a subcommand's usage: a missing argument, an unknown option
            _usage_error(error, ctx)
        except NetlogError as error:
            typer.echo(f"netlog: {one_line(_without_password(ctx, str(error)))}", err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(INTERRUPTED, err=True)
            raise typer.Exit(130) from None
        except Exception as error:  # translated only when the database proves damaged; a bug still shows
            damage = None if isinstance(error, (typer.Exit, typer.Abort, typer.TyperException)) else _damage(ctx)
            if damage is None:
                raise
            typer.echo(f"netlog: {one_line(str(damage))}", err=True)
            raise typer.Exit(damage.exit_code) from None


def _usage_error(error: typer.TyperException, ctx: Any) -> NoReturn:
    """Typer's (vendored Click's) usage errors as every user error is shown: one line on stderr, with the help to
    read (`netlog: error: No such option: --foo (try: netlog log --help)`), and Click's exit code (2 for usage).
    Click prints its usage line, a hint and the error on three lines. `netlog` alone still shows its help."""
    if type(error).__name__ == "NoArgsIsHelpError":  # not an error: the help, printed by Typer (not imported)
        raise error
    where = getattr(error, "ctx", None)  # the command whose arguments were wrong, when Click says
    if where is not None:
        path = where.command_path
    elif ctx is not None:  # the subcommand being parsed: Click names it before parsing its arguments
        path = " ".join(filter(None, (ctx.command_path, ctx.invoked_subcommand)))
    else:
        path = "netlog"
    said = one_line(error.format_message())
    if where is not None or ctx is not None:  # what was typed may hold a --db URL's password
        said = _without_password(where or ctx, said)
    typer.echo(f"netlog: error: {said} (try: {path} --help)", err=True)
    raise typer.Exit(error.exit_code) from None


def _without_password(ctx: Any, text: str) -> str:
    """The last guard on every message: the database URL's password never shows, whatever its shape."""
    runtime = ctx.obj
    url = runtime.typed_url if isinstance(runtime, Runtime) else None
    if not url or "://" not in url:
        return text
    from netlog.storage.engine import scrubbed

    return scrubbed(text, url)


def _damage(ctx: Any) -> Optional[NetlogError]:
    """After a read failed unexpectedly: the open SQLite file's quick_check, when it finds the file damaged."""
    runtime = ctx.obj
    store = runtime.opened if isinstance(runtime, Runtime) else None
    if store is None or store.path is None:
        return None
    try:
        store.check_whole()
    except NetlogError as found:
        return found
    except Exception:  # the check itself failed: say nothing more than the original error does
        return None
    return None


INTERRUPTED = "netlog: interrupted; the unfinished change was rolled back, nothing was half-written."


app = typer.Typer(
    cls=NetlogGroup,
    rich_markup_mode=None,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Track the people you meet, every later touch, and who is due for a follow-up.",
    pretty_exceptions_enable=False,
)


class Runtime:
    """What every command shares: the database (opened on first use, closed on exit) and today."""

    def __init__(self, ctx: typer.Context, db_option: str | None) -> None:
        self._ctx = ctx
        self._db_option = db_option
        self._store: Store | None = None
        self._today: date | None = None

    @property
    def url(self) -> str:
        from netlog.storage.location import database_url

        return database_url(self._db_option)

    @property
    def typed_url(self) -> Optional[str]:
        """The database URL as given (--db or NETLOG_DB), without working anything out; None if not given."""
        return self._db_option or os.environ.get("NETLOG_DB")

    @property
    def opened(self) -> Optional["Store"]:
        """The store if a command opened it (None: it never got that far)."""
        return self._store

    @property
    def store(self) -> "Store":
        """The database: every write goes through it (store.write)."""
        if self._store is None:
            from netlog.network.cache import ensure_current
            from netlog.storage.opening import open_store

            self._store = open_store(self.url)
            self._ctx.call_on_close(self._store.close)
            ensure_current(self._store)
        return self._store

    @property
    def reader(self) -> "Reader":
        """What reads go through: the fast sqlite3 reader on a SQLite file, a Session on a server."""
        return self.store.reader

    def output(self, as_json: bool = False) -> Any:
        """The one formatter of this command's stdout (ui/render.py): JSON, Rich on a terminal, or plain."""
        from netlog.ui.render import output

        return output(as_json)

    @property
    def today(self) -> date:
        if self._today is None:
            from netlog.values.clock import today

            self._today = today()
        return self._today


def _runtime(ctx: typer.Context) -> Runtime:
    return ctx.find_root().obj


def _contact(ctx: typer.Context, typed: str | None) -> int | None:
    """Argument callback: a typed name -> the contact's id."""
    if typed is None or ctx.resilient_parsing:
        return None
    from netlog.people.names import resolve_contact

    return resolve_contact(_runtime(ctx).reader, typed)


def _reconnects(option: int | None) -> int:
    """How many dormant ties `due` suggests a day: --reconnect, else $NETLOG_RECONNECT, else the rules' default."""
    import os

    from netlog.rules.due import RECONNECT_PER_DAY

    if option is not None:
        return option
    value = os.environ.get("NETLOG_RECONNECT", "").strip()
    if not value:
        return RECONNECT_PER_DAY
    if not value.isdecimal() or len(value) > 9:  # isdigit() takes "²"; int() refuses 4,301 digits
        raise NetlogError(f'NETLOG_RECONNECT="{value}" is not a number of ties a day (0 or more).')
    return int(value)


def _name(s: Runtime, contact_id: int) -> str:
    """A contact's name, for a confirmation."""
    from netlog.people.names import name_of

    return name_of(s.reader, contact_id)


def _past(ctx: typer.Context, typed: str | None) -> date | None:
    """Option callback: when something happened (default today)."""
    if ctx.resilient_parsing:
        return None
    from netlog.values.dates import PAST, parse_date

    today = _runtime(ctx).today
    return parse_date(typed, today, PAST) if typed else today


def _past_or_none(ctx: typer.Context, typed: str | None) -> date | None:
    """Option callback: a day in the past, when given."""
    if ctx.resilient_parsing or typed is None:
        return None
    from netlog.values.dates import PAST, parse_date

    return parse_date(typed, _runtime(ctx).today, PAST)


def _paths(ctx: typer.Context, typed: List[str]) -> List[str]:
    """Argument callback: files as typed. One the system cannot even look up (a name too long, a loop of links)
    is one line here; a missing file, a folder or the wrong kind of file is each reader's to say."""
    import os

    for path in typed or ():
        if path != "-":
            try:
                os.stat(path)
            except (FileNotFoundError, NotADirectoryError):
                pass
            except OSError as error:
                raise NetlogError(f"Cannot read {path}: {error.strerror}.") from None
    return typed


def _future(ctx: typer.Context, typed: str | None) -> date | None:
    """Option callback: a day to look ahead to; None when not given."""
    if ctx.resilient_parsing or typed is None:
        return None
    from netlog.values.dates import FUTURE, parse_date

    return parse_date(typed, _runtime(ctx).today, FUTURE)


# A contact is typed as a name and handed to the command as its id: the parser keeps the text, the callback
# resolves it (names.resolve_contact, with "did you mean" on failure).
NAME = typer.Argument(
    ..., parser=str, callback=_contact, autocompletion=completion.contact_names, metavar="NAME", show_default=False
)
ON = typer.Option(None, "--on", parser=str, callback=_past, metavar="DATE", help='When it happened: 2026-11-21, "yesterday", "last friday". Default: today.')
THANK = typer.Option(
    None, "--thank/--no-thank", help="It deserves a thank-you (a strong tie's favor or advice), or it does not."
)
ADVICE = typer.Option(None, "--advice", metavar="TEXT", help='Advice they gave ("the Lisbon role"): due later to tell them how it went.')
ASKS = typer.Option(
    None, "--asks/--no-asks",
    help="With --received: their email or message asks you something (a reply is owed after two working days), or it does not."
    " Left out: it asks when --note or --about does (a question mark, \"could you\").",
)  # fmt: skip


@app.callback()
def root(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(
        None, "--db", metavar="PATH_OR_URL", help="Database file or SQLAlchemy URL (default: $NETLOG_DB, then the user data dir)."
    ),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    """Track the people you meet, every later touch, and who is due for a follow-up."""
    if version:
        from netlog import __version__

        typer.echo(f"netlog {__version__}")
        raise typer.Exit()
    ctx.obj = Runtime(ctx, db)
    if ctx.invoked_subcommand is None:
        typer.echo(START_HERE)


@command()
def add(
    ctx: typer.Context,
    name: Optional[str] = typer.Argument(None, metavar="NAME", show_default=False, help="Their full name (asked for when left out)."),
    on: date = ON,
    met_at: Optional[str] = typer.Option(None, "--met-at", help="Where you met."),
    topics: Optional[str] = typer.Option(None, "--topics", help="What you talked about."),
    strength: str = typer.Option("weak", "--strength", autocompletion=completion.levels, help="acquaintance, weak, medium, strong, close (or 1-5)."),
    email: Optional[str] = typer.Option(None, "--email", help="Their email address."),
    phone: Optional[str] = typer.Option(None, "--phone", help="Their phone number (edit --add-phone adds more)."),
    url: Optional[str] = typer.Option(None, "--url", help="Their profile URL: LinkedIn, a homepage (edit --add-url adds more)."),
    company: Optional[str] = typer.Option(None, "--company", help="Where they work."),
    title: Optional[str] = typer.Option(None, "--title", help="Their job title."),
    tag: List[str] = typer.Option([], "--tag", autocompletion=completion.tags, help="A tag; repeat for more."),
    note: Optional[str] = typer.Option(None, "--note", help="Anything worth remembering."),
    introduced_by: Optional[str] = typer.Option(None, "--introduced-by", autocompletion=completion.contact_names, help="Who introduced you."),
    every: Optional[str] = typer.Option(None, "--every", help="Keep in touch this often: 2w, 3 months, 45d; never: no keep-in-touch, never a daily pick."),
    new: bool = typer.Option(False, "--new", help="Add even if the name exists: this is another person."),
    thank: Optional[bool] = THANK,
    advice: Optional[str] = ADVICE,
    how: str = typer.Option(
        "meeting", "--how", metavar="HOW",
        help="The first touch: meeting (default), email or message you sent (one nudge after a week), call, linkedin.",
    ),  # fmt: skip
    received: bool = typer.Option(False, "--received", help="With --how email or message: they wrote to you first (as log --received)."),
    asks: Optional[bool] = ASKS,
) -> None:
    """Add someone you just met (or wrote to, called, connected with), with that first touch.

    Adding someone you removed with netlog rm brings them back: their card, left out since, joins them at the next
    sync or import.

    \b
    Example: netlog add "Ana Lima" --met-at "PyCon" --topics "search, hiring" --strength medium
    Or:      netlog add "Ivy Stone" --how email --email ivy@example.org --note "asked about their migration"
    Or:      netlog add "Rui Sousa" --how email --received      (they wrote first: no nudge follows)
    Or:      netlog add "Di Dahl" --how email --received --note "Could you review my talk?"   (a reply is owed)
    Or just: netlog add      (on a terminal it asks for the name, where, topics and strength)
    """
    from netlog.network import writes
    from netlog.ui import render
    from netlog.values.dates import parse_cadence
    from netlog.values.kinds import parse_level

    first_kind = writes.FIRST_TOUCH.get(how.strip().lower())
    if first_kind is None:
        raise NetlogError(f'Unknown --how "{how}": use one of {", ".join(writes.FIRST_TOUCH)}.')
    if received and first_kind not in ("email", "message"):
        raise NetlogError('--received goes with --how email or message (they wrote first): netlog add "Ivy Stone" --how email --received')
    if asks is not None and not received:
        raise NetlogError('--asks and --no-asks are for a message they sent you: netlog add "Di Dahl" --how email --received --asks')
    if name is None:
        from netlog.ui import prompts

        prompts.require("NAME", 'netlog add "Ana Lima" --met-at PyCon')
        name, met_at, topics, strength = prompts.ask_new_contact(met_at, topics, strength)
    s = _runtime(ctx)
    fields = writes.ContactFields(
        name=name, email=email, phone=phone, url=url, company=company, title=title, note=None, tags=tag,
        strength=parse_level(strength), cadence_days=parse_cadence(every) if every else None,
    )  # fmt: skip
    meeting = writes.Meeting(
        on=on, place=met_at, topics=topics, note=note, thank_wanted=thank, advice=advice, kind=first_kind, received=received,
        asks=asks,
    )
    added = writes.add_contact(s.store, s.today, fields, meeting, introduced_by, allow_same_name=new)
    verb = {"met": "met", "email": "emailed", "message": "messaged", "call": "called", "connected": "connected"}[first_kind]
    if received:
        verb = f"who {verb} you"
    render.message(f"Added {fields.name} (#{added.contact_id}), {verb} {render.day(meeting.on, s.today)}.")
    if added.cards_back:  # the memory of `netlog rm` gives way to the hand add: the card joins them, no second one is made
        cards = "Their card" if added.cards_back == 1 else f"Their {added.cards_back} cards"
        render.message(f"  {cards}, left out since netlog rm, will join them at the next sync or import.")


@command()
def log(
    ctx: typer.Context,
    contact: int = NAME,
    kind: Optional[str] = typer.Argument(None, metavar="KIND", show_default=False, autocompletion=completion.kinds, help="Asked for when left out: met, call, coffee, meal, video, email, message, intro, favor-given, favor-received, thanks, share, congrats, report."),
    on: date = ON,
    note: Optional[str] = typer.Option(None, "--note", help="What happened."),
    received: bool = typer.Option(False, "--received", help="They wrote to me (email, message, share, congrats)."),
    to: Optional[str] = typer.Option(None, "--to", autocompletion=completion.contact_names, help="With intro: who they introduced you to (created if new)."),
    met_at: Optional[str] = typer.Option(None, "--met-at", help="Where."),
    topics: Optional[str] = typer.Option(None, "--topics", help="What you talked about."),
    no_reply: bool = typer.Option(False, "--no-reply", help="An email or message of yours that expects no answer (no nudge follows)."),
    thank: Optional[bool] = THANK,
    advice: Optional[str] = ADVICE,
    about: Optional[str] = typer.Option(
        None, "--about", help="What it was about, in words they may read: a nudge restates it, a thank-you names it (--note stays private)."
    ),
    asks: Optional[bool] = ASKS,
) -> None:
    """Log a later touch with someone: a call, coffee, email, intro, favor...

    \b
    Example: netlog log Ana coffee --on yesterday --advice "the Lisbon role"
    Or:      netlog log Bo email --no-reply      (a link or news that asks for no answer)
    Or:      netlog log Di email --received --note "Could you review my talk?"   (a reply is owed; or --asks)
    """
    from netlog.network import writes
    from netlog.ui import render
    from netlog.values.kinds import parse_kind

    if kind is None:
        from netlog.ui import prompts

        prompts.require("KIND", "netlog log Ana coffee")
        kind = prompts.ask_kind()
    s = _runtime(ctx)
    kind = parse_kind(kind)
    if no_reply and (kind not in ("email", "message") or received):
        raise NetlogError("--no-reply is for an email or message you send: netlog log Ana email --no-reply")
    if asks is not None and (kind not in ("email", "message") or not received):
        raise NetlogError("--asks and --no-asks are for an email or message they sent you: netlog log Di email --received --asks")
    touch = writes.TouchInput(
        kind=kind, on=on, note=note, received=received, to=to, place=met_at, topics=topics,
        expects_reply=not no_reply, thank_wanted=thank, advice=advice, about=about, asks=asks,
    )  # fmt: skip
    writes.log_touch(s.store, s.today, contact, touch)
    render.message(f"Logged {touch.kind} with {_name(s, contact)}, {render.day(touch.on, s.today)}.")


@command()
def due(
    ctx: typer.Context,
    on: Optional[date] = typer.Option(None, "--on", parser=str, callback=_future, metavar="DATE", help='Ask about another day: "next monday", 2026-12-01.'),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="Show the top N (without it a terminal shows one screenful)."),
    all_: bool = typer.Option(
        False, "--all", help="Show everything, even on a terminal, with the cadence items today's allowance held back (marked held)."
    ),
    mine: bool = typer.Option(
        False, "--mine", help="Only what you owe ($NETLOG_USER): thanks for touches you logged, other actions for contacts you touched."
    ),
    reconnect: Optional[int] = typer.Option(
        None, "--reconnect", min=0, metavar="N",
        help="Today's allowance of cadence items: keep in touch, reconnect, second touch, give back (default 3, or $NETLOG_RECONNECT).",
    ),  # fmt: skip
    json_: bool = typer.Option(
        False, "--json", help="A JSON list: contact, contact_id, action, reason, due, score, event_on, occasion, other_id, also, held."
    ),
) -> None:
    """Who needs what, ranked, each with a plain reason: one item per person, what perishes first.

    Everything time-sensitive is listed; keep-in-touch and reconnect items come from a small daily allowance
    (--reconnect). On a terminal it shows the top screenful, as `task next` does; piped or with --json, all
    of the list.

    \b
    Example: netlog due --limit 5      (or: netlog due --on "next monday" --json, netlog due --mine)
    """
    from netlog.network.agenda import listed, listed_top, named_alike
    from netlog.people.me import current_user

    s = _runtime(ctx)
    day = on or s.today
    out = s.output(json_)
    fit = limit is None and not all_
    top = limit if limit is not None else out.shown_rows() if fit else None  # a screenful: the rest is counted, not ranked
    who = current_user() if mine else None
    if top is None:
        items = listed(s.store, s.today, day, mine=who, reconnect_per_day=_reconnects(reconnect), keep_held=all_)
        out.due(items, day, s.today, fit=fit, numbered=set() if json_ else named_alike(s.reader, items))
    else:
        items, count = listed_top(s.store, s.today, day, top, mine=who, reconnect_per_day=_reconnects(reconnect), keep_held=all_)
        numbered = set() if json_ else named_alike(s.reader, items)
        out.due(items, day, s.today, fit=fit, total=count if fit else None, numbered=numbered)


EDIT = typer.Option(False, "--edit", help="Open the draft in $VISUAL / $EDITOR first.")
SENT = typer.Option(False, "--sent", help="Log that you sent it (the matching touch): clears the item.")


@command()
def thank(ctx: typer.Context, contact: int = NAME, edit: bool = EDIT, sent: bool = SENT) -> None:
    """Draft a thank-you note from what actually happened (the shortcut for `netlog draft NAME thank`).

    \b
    Example: netlog thank Ana --edit --sent
    """
    from netlog.network import drafts
    from netlog.ui import sending

    s = _runtime(ctx)
    sending.send(sending.Console(), s.store, s.today, contact, drafts.thank_you(s.reader, s.today, contact), edit, False, sent)


@command()
def draft(
    ctx: typer.Context,
    contact: int = NAME,
    action: Optional[str] = typer.Argument(
        None, metavar="[DRAFT]", autocompletion=completion.drafts, show_default=False,
        help="What to write (default: the top item due): thank, nudge, reach-out, report-back, tell-introducer, circle-back, reconnect, congratulate, intro-ask, intro-send, ...",
    ),  # fmt: skip
    edit: bool = EDIT,
    sent: bool = SENT,
    mailto: bool = typer.Option(
        False, "--mailto", help="Open it in your mail app as a mailto: link (to their email, with a subject); printed when nothing opens links."
    ),
) -> None:
    """Draft the message for what is due with someone: a thank-you, a nudge, a report-back, a reconnect...

    \b
    Example: netlog draft Ana      (or: netlog draft Gus report-back --edit --sent, netlog draft Ana --mailto)
    """
    from netlog.network import drafts
    from netlog.ui import sending

    s = _runtime(ctx)
    sending.send(sending.Console(), s.store, s.today, contact, drafts.draft_for(s.reader, s.today, contact, action), edit, mailto, sent)


# How many items `review` ranks before its first screen; the rest of the list is ranked when the walk reaches it.
REVIEW_HEAD = 20


@command()
def review(
    ctx: typer.Context,
    on: Optional[date] = typer.Option(None, "--on", parser=str, callback=_future, metavar="DATE", help='Review another day\'s list: "next monday", 2026-12-01.'),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="Only the top N items."),
) -> None:
    """Walk today's due items one by one, top first: draft, send, log, snooze or dismiss each with one key.

    Each action is saved at once: quitting half-way or Ctrl-C keeps what was done. It needs a terminal; in a
    script use `netlog due --json` and `netlog draft NAME --sent`.

    \b
    Example: netlog review      (or: netlog review --limit 5, netlog review --on "next monday")
    """
    from netlog.ui.terminal import is_terminal

    if not is_terminal():
        raise NetlogError("review needs a terminal to read keys from; in a script use `netlog due --json` and `netlog draft NAME --sent`.")
    from netlog.network.agenda import listed_lazily, listed_top
    from netlog.ui import render
    from netlog.ui.review import Review
    from netlog.ui.terminal import Terminal

    s = _runtime(ctx)
    day = on or s.today
    if limit is None:  # the first screen waits only for the head of the list (issue 25)
        items = listed_lazily(s.store, s.today, day, REVIEW_HEAD, reconnect_per_day=_reconnects(None))
    else:
        items = listed_top(s.store, s.today, day, limit, reconnect_per_day=_reconnects(None))[0]
    if not items:
        s.output().due(items, day, s.today)  # "Nothing due today. Your network is in good shape."
        return
    with Terminal() as terminal:
        tally = Review(s.store, s.today, day, terminal).run(items)
    render.review_summary(tally.line())
    if tally.interrupted:
        render.review_summary("netlog: interrupted; what was done is kept, nothing is half-written.")
        raise typer.Exit(130)


AT = typer.Option(None, "--at", autocompletion=completion.companies, help="Only people at this company (its words, as prefixes).")
MET_AT = typer.Option(None, "--met-at", autocompletion=completion.places, help="Only people met at this place or event.")
STRENGTH = typer.Option(None, "--strength", autocompletion=completion.levels, help="Only ties of this strength: acquaintance, weak, medium, strong, close (or 1-5).")


@command(name="list")
def list_(
    ctx: typer.Context,
    tag: Optional[str] = typer.Option(None, "--tag", autocompletion=completion.tags, help="Only contacts with this tag."),
    at: Optional[str] = AT,
    met_at: Optional[str] = MET_AT,
    strength: Optional[str] = STRENGTH,
    all_: bool = typer.Option(False, "--all", help="Show every contact, even on a terminal."),
    json_: bool = typer.Option(False, "--json", help="A JSON list: id, name, strength, last_touch, ..."),
) -> None:
    """List your contacts with their strength and last touch.

    On a terminal it shows the first screenful by name; piped or with --json, everyone.

    \b
    Example: netlog list --tag pycon      (or: netlog list --at Stripe --strength strong)
    """
    from netlog.network import profiles

    s = _runtime(ctx)
    narrowed = None
    if at is not None or met_at is not None or strength is not None or tag is not None:
        from netlog.network.finding import Search, check_narrowing
        from netlog.values.kinds import parse_level

        check_narrowing(at, met_at, tag, "list")
        if at is not None or met_at is not None or strength is not None:
            narrowed = Search(at=at, met_at=met_at, strength=parse_level(strength) if strength is not None else None)
    found = profiles.overview(s.reader, s.today, tag, narrowed)
    s.output(json_).overview(found, s.today, fit=not all_, narrowed=bool(tag or narrowed))


@command()
def find(
    ctx: typer.Context,
    query: Optional[List[str]] = typer.Argument(None, metavar="[QUERY]...", help="Words to find in names, companies, titles, places, topics, tags, notes and touches."),
    at: Optional[str] = AT,
    met_at: Optional[str] = MET_AT,
    tag: Optional[str] = typer.Option(None, "--tag", autocompletion=completion.tags, help="Only contacts with this tag."),
    strength: Optional[str] = STRENGTH,
    limit: int = typer.Option(10, "--limit", help="How many results (paths with --at come on top of these)."),
    json_: bool = typer.Option(False, "--json", help="A JSON list: contact, contact_id, company, title, strength, last_touch, warmth, matched."),
) -> None:
    """Who do I know at Stripe? Find people by what you know of them, warmest first.

    Every word must match (whole or as a prefix, without case or accents): names, company, title, where you
    met, topics, tags, the contact's note and every touch's note or subject. Each result says why it
    matched, how warm the tie is and who introduced you; with --at, the people one intro away follow.

    \b
    Example: netlog find --at Stripe      (or: netlog find hiring lisbon --strength strong)
    """
    from netlog.network.finding import Search, find as find_people
    from netlog.values.kinds import parse_level

    s = _runtime(ctx)
    search = Search(" ".join(query or ()) or None, at, met_at, tag, parse_level(strength) if strength else None, limit)
    s.output(json_).found(find_people(s.reader, s.today, search))


@command()
def show(
    ctx: typer.Context,
    contact: int = NAME,
    json_: bool = typer.Option(False, "--json", help="The contact's fields and its touches, newest first."),
) -> None:
    """One contact: facts, timeline (newest first), give/take balance and what is due.

    \b
    Example: netlog show Ana
    """
    from netlog.network import profiles
    from netlog.people.me import current_user

    s = _runtime(ctx)
    s.output(json_).profile(profiles.profile(s.reader, s.today, contact), s.today, user=current_user())


@command()
def stats(
    ctx: typer.Context,
    json_: bool = typer.Option(False, "--json", help="Counts by strength, warmth and due action, touches per month, favors, intros."),
) -> None:
    """Your network at a glance: strength, warmth, what is due, touches per month, give and take, intros.

    \b
    Example: netlog stats      (or: netlog stats --json)
    """
    from netlog.network.stats import network_stats

    s = _runtime(ctx)
    s.output(json_).stats(network_stats(s.reader, s.today))


@command()
def edit(
    ctx: typer.Context,
    contact: int = NAME,
    name: Optional[str] = typer.Option(None, "--name", help="A new name."),
    strength: Optional[str] = typer.Option(None, "--strength", autocompletion=completion.levels, help="acquaintance, weak, medium, strong, close (or 1-5)."),
    email: Optional[str] = typer.Option(None, "--email", help="Their preferred email address (replaces the preferred one)."),
    phone: Optional[str] = typer.Option(None, "--phone", help="Their preferred phone number (replaces the preferred one)."),
    url: Optional[str] = typer.Option(None, "--url", help="Their preferred profile URL (replaces the preferred one)."),
    add_email: List[str] = typer.Option([], "--add-email", metavar="ADDR", help="Add an email address; repeat for more."),
    remove_email: List[str] = typer.Option([], "--remove-email", metavar="ADDR", help="Remove an email address."),
    add_phone: List[str] = typer.Option([], "--add-phone", metavar="PHONE", help="Add a phone number; repeat for more."),
    remove_phone: List[str] = typer.Option([], "--remove-phone", metavar="PHONE", help="Remove a phone number (however it is written)."),
    add_url: List[str] = typer.Option([], "--add-url", metavar="URL", help="Add a profile URL; repeat for more."),
    remove_url: List[str] = typer.Option([], "--remove-url", metavar="URL", help="Remove a profile URL."),
    company: Optional[str] = typer.Option(None, "--company", help="Where they work."),
    title: Optional[str] = typer.Option(None, "--title", help="Their job title."),
    tag: List[str] = typer.Option([], "--tag", autocompletion=completion.tags, help="Add a tag; repeat for more."),
    untag: List[str] = typer.Option([], "--untag", autocompletion=completion.tags, help="Remove a tag."),
    note: Optional[str] = typer.Option(None, "--note", help="Replace the contact's note."),
    edit_note: bool = typer.Option(False, "--edit-note", help="Edit the note in $VISUAL / $EDITOR; empty or unchanged cancels."),
    every: Optional[str] = typer.Option(None, "--every", help="Keep in touch this often: 2w, 3 months, 45d; never: no keep-in-touch, never a daily pick."),
    birthday: Optional[str] = typer.Option(None, "--birthday", help="MM-DD or YYYY-MM-DD; shows up in due a few days ahead."),
    moment: Optional[str] = typer.Option(None, "--moment", help='News in their life, as it reads after "congratulations on" ("your new job at Contoso"): brings a congratulation.'),
) -> None:
    """Change a contact's facts, strength, tags, cadence, note, birthday or latest moment.

    \b
    Example: netlog edit Ana --strength strong --tag mentor --every 3w --birthday 03-14
    Or:      netlog edit Ana --edit-note      (opens your editor on the note)
    Or:      netlog edit Ana --add-email ana@contoso.example --add-phone "+351 912 345 678"
    """
    from netlog.network import writes
    from netlog.network.profiles import note_of
    from netlog.ui import render
    from netlog.values.dates import parse_birthday, parse_cadence
    from netlog.values.kinds import parse_level

    s = _runtime(ctx)
    if edit_note:
        from netlog.ui.editor import edit_text

        if note is not None:
            raise NetlogError("Use --note TEXT or --edit-note, not both.")
        note = edit_text(note_of(s.reader, contact))
        if note is None:
            raise NetlogError("Unchanged or empty note: nothing saved.")
        note = note.rstrip("\n")
    fields = writes.ContactFields(
        name=name, email=email, phone=phone, url=url, company=company, title=title, note=note, tags=tag,
        strength=parse_level(strength) if strength else None,
        cadence_days=parse_cadence(every) if every else None,
        birthday=parse_birthday(birthday) if birthday else None,
        moment=moment, moment_on=s.today if moment else None,
    )  # fmt: skip
    points = writes.PointChanges(
        added={"email": add_email, "phone": add_phone, "url": add_url},
        removed={"email": remove_email, "phone": remove_phone, "url": remove_url},
    )
    writes.edit_contact(s.store, contact, fields, untag, points)
    render.message(render.ended(f"Updated {_name(s, contact)}"))


@command()
def rm(
    ctx: typer.Context,
    contact: int = NAME,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask."),
    card: bool = typer.Option(False, "--card", help="Also delete their card from the address books netlog syncs with (sync contacts)."),
) -> None:
    """Delete a contact and all its touches (asks first).

    A card of theirs in an address book `netlog sync contacts` keeps stays there (--card deletes it too), and no
    later sync of any address book or import of their card brings them back; `netlog add` of the name does.

    \b
    Example: netlog rm "Ana Lima" --yes
    """
    from netlog.network import writes
    from netlog.network.ties import tie_of
    from netlog.ui import render

    s = _runtime(ctx)
    tie = tie_of(s.reader, contact)
    if not yes:
        from netlog.ui.prompts import interactive

        if not interactive():
            raise NetlogError(f"Deleting {tie.name} needs confirmation: add --yes.")
        typer.confirm(f"Delete {tie.name} and {tie.history.touch_count} touches?", abort=True, err=True)
    files = writes.remove_contact(s.store, contact, cards=card)
    render.message(render.ended(f"Deleted {tie.name}"))
    for file in files:
        render.message(f"  Deleted the card {file}." if card else f"  Their card {file} stays (--card deletes it); no sync or import brings them back.")


@command()
def snooze(
    ctx: typer.Context,
    contact: int = NAME,
    until: Optional[date] = typer.Option(None, "--until", parser=str, callback=_future, metavar="DATE", help='Until when (default: in a week): "next monday", "in 3 weeks".'),
) -> None:
    """Hide someone from `due` for a while.

    \b
    Example: netlog snooze Ana --until "in 3 weeks"
    """
    from netlog.network import writes
    from netlog.ui import render
    from netlog.values.dates import ahead

    s = _runtime(ctx)
    day = until or ahead(s.today, 7)
    writes.snooze(s.store, s.today, contact, day)
    render.message(f"Snoozed {_name(s, contact)} until {render.day(day, s.today)}.")


@command()
def done(
    ctx: typer.Context,
    contact: int = NAME,
    action: str = typer.Argument(..., metavar="ACTION", autocompletion=completion.actions, help="reply, thank, nudge, meet, report-back, keep-in-touch or intro."),
) -> None:
    """Dismiss a due item you chose to skip; a later event makes it due again.

    \b
    Example: netlog done Ana nudge
    """
    from netlog.network import writes
    from netlog.ui import render
    from netlog.values.kinds import parse_action

    s = _runtime(ctx)
    writes.mark_done(s.store, s.today, contact, parse_action(action))
    render.message(render.ended(f"Marked {action} done for {_name(s, contact)}"))


@command()
def path(ctx: typer.Context) -> None:
    """Print where the database is (the file, or the URL without its password).

    \b
    Example: netlog path
    """
    from netlog.storage.location import display_url, sqlite_path

    url = _runtime(ctx).url
    file = sqlite_path(url)
    # as bytes: a path made of undecodable bytes ("\udcff" in Python) is printed as those bytes, for $(netlog path)
    typer.echo(os.fsencode(str(file) if file else display_url(url)))


@command()
def digest(
    ctx: typer.Context,
    format_: str = typer.Option("text", "--format", help="text or markdown."),
    limit: int = typer.Option(5, "--limit", "-n", min=1, help="How many actions (default 5)."),
) -> None:
    """Today's few most important actions, one line each: for cron or a shell greeting.

    Example: netlog digest --format markdown >> ~/notes/today.md
    """
    from netlog.network.agenda import listed_top
    from netlog.ui import render

    if format_ not in ("text", "markdown"):
        raise NetlogError(f'Unknown format "{format_}". Use text or markdown.')
    s = _runtime(ctx)
    render.digest(listed_top(s.store, s.today, s.today, limit, reconnect_per_day=_reconnects(None))[0], s.today, format_)


OTHER = typer.Argument(
    ..., parser=str, callback=_contact, autocompletion=completion.contact_names, metavar="OTHER", show_default=False
)


@command()
def intro(
    ctx: typer.Context,
    contact: int = NAME,
    other: int = OTHER,
    note: Optional[str] = typer.Option(None, "--note", help="Your private note: never in a draft."),
    why: Optional[str] = typer.Option(None, "--why", help="Why they should meet, in words both may read: the ask and the intro say it."),
    yes_from: Optional[int] = typer.Option(None, "--yes-from", parser=str, callback=_contact, metavar="NAME", autocompletion=completion.contact_names, help="One of the two said yes."),
    declined_by: Optional[int] = typer.Option(None, "--declined-by", parser=str, callback=_contact, metavar="NAME", autocompletion=completion.contact_names, help="One of the two said no: the intro ends quietly."),
    sent: bool = typer.Option(False, "--sent", help="You sent the introduction (both said yes)."),
) -> None:
    """Offer to introduce two contacts (double opt-in), then record each yes, a decline, or that you sent it.

    Example: netlog intro Ana Bo --why "you are both hiring in Lisbon"; later: netlog intro Ana Bo --yes-from Ana
    """
    from netlog.network import writes
    from netlog.ui import render

    s = _runtime(ctx)
    step = writes.IntroStep(yes_from=yes_from, declined_by=declined_by, sent=sent)
    status = writes.record_intro(s.store, s.today, contact, other, note, step, why)
    a, b = _name(s, contact), _name(s, other)
    render.message(f"Intro between {a} and {b}: {status}.")


@command()
def dupes(
    ctx: typer.Context,
    json_: bool = typer.Option(False, "--json", help="A JSON list: keep_id, keep, other_id, other, reason."),
) -> None:
    """List likely duplicates: same email, profile URL or phone, close names at one company, or one name nothing tells apart.

    Example: netlog dupes      (then: netlog merge "#3" "#17")
    """
    from netlog.people.dupes import find_dupes, rows_to_compare
    from netlog.ui import render

    rows = rows_to_compare(_runtime(ctx).reader)
    with render.progress(len(rows), "Finding duplicates") as tick:
        pairs = find_dupes(rows, tick)
    _runtime(ctx).output(json_).dupes(pairs)


@command()
def merge(
    ctx: typer.Context,
    contact: int = NAME,
    other: int = OTHER,
    yes: bool = typer.Option(False, "--yes", "-y", help="Merge without asking (the preview is still printed)."),
) -> None:
    """Merge OTHER into NAME: every touch, tag, note and intro of both is kept; a JSON backup is written first.

    Example: netlog merge "Ana Lima" "#17" --yes
    """
    from netlog.network import merging
    from netlog.storage.location import backup_dir
    from netlog.ui import render

    s = _runtime(ctx)
    plan = merging.plan_merge(s.reader, contact, other)
    render.text("\n".join(plan.lines()))
    if not yes:
        from netlog.ui.prompts import interactive

        if not interactive():
            raise NetlogError("Merging needs confirmation: add --yes.")
        typer.confirm("Merge?", abort=True, err=True)
    backup = merging.merge(s.store, plan, backup_dir(s.url), s.today)
    other_name, keep_name = plan.other["name"], plan.keep["name"]
    if other_name == keep_name:  # "Merged Ana Lima into Ana Lima." said nothing: the numbers tell them apart
        other_name, keep_name = f"{other_name} (#{plan.other['id']})", f"{keep_name} (#{plan.keep['id']})"
    render.message(f"Merged {other_name} into {keep_name}. Backup (undo): {backup}")


@command(name="import")
def import_(
    ctx: typer.Context,
    format: str = typer.Argument(
        ..., metavar="FORMAT",
        help="Contacts: linkedin, vcard, google, json. Touches: mail, calendar, linkedin-messages, telegram, whatsapp.",
    ),  # fmt: skip
    files: List[str] = typer.Argument(..., metavar="FILE...", callback=_paths, help="Files (for vcard also a vdir folder: one card a file; mail an mbox or a Maildir; calendar an .ics or a vdir); - reads stdin."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    tag: List[str] = typer.Option([], "--tag", autocompletion=completion.tags, help="Contacts: tag every imported contact; repeat for more."),
    since: Optional[date] = typer.Option(None, "--since", parser=str, callback=_past_or_none, metavar="DATE", help="Touches: only what happened on or after DATE."),
    me: List[str] = typer.Option([], "--me", metavar="ADDR", help="Touches: an address, profile URL or phone of yours, for this run (see netlog me)."),
    no_subjects: bool = typer.Option(False, "--no-subjects", help="Touches: keep no mail subject or event summary as the touch's note."),
    add_new: bool = typer.Option(False, "--add-new", help="Touches: add the people you exchanged with who are not contacts yet."),
    json_: bool = typer.Option(False, "--json", help="Touches: the summary as JSON (read, exchanges, new, already, contacts, added, skipped, unknown)."),
) -> None:
    """Take contacts in (LinkedIn, vCard, Google, a netlog export), or log touches from your mail, calendar and chats.

    Re-importing the same file changes nothing. Touches: nobody is created unless you add --add-new.

    \b
    Example: netlog import linkedin Connections.csv --tag linkedin --dry-run
    Or:      netlog import mail ~/Takeout/Mail/All.mbox --me sam@example.org --since 2026-01-01
    """
    from netlog.touches.engine import SOURCES
    from netlog.ui import render

    s = _runtime(ctx)
    if format in SOURCES:
        if tag:
            raise NetlogError(f"--tag goes with a contact import (linkedin, vcard, google, json), not {format}.")
        _import_touches(s, format, files, dry_run, since, me, not no_subjects, add_new, json_)
        return
    touch_only = [flag for flag, used in (("--since", since), ("--me", me), ("--no-subjects", no_subjects), ("--add-new", add_new), ("--json", json_)) if used]
    if touch_only:
        raise NetlogError(f"{touch_only[0]} goes with a touch import ({', '.join(SOURCES)}), not {format}.")
    from netlog import importers
    from netlog.importers import engine

    batch = importers.read(format, files)
    with render.progress(len(batch.records)) as tick:
        report = engine.import_contacts(s.store, s.today, batch, tag, dry_run=dry_run, tick=tick)
    render.import_report(report)


def _import_touches(
    s: Runtime, source: str, files: List[str], dry_run: bool, since: Any, me: List[str], subjects: bool, add_new: bool, as_json: bool
) -> None:
    """`netlog import mail|calendar|...`: read the file, then log its exchanges as touches."""
    from netlog.touches import engine
    from netlog.ui import render

    if len(files) != 1 or files[0] == "-":
        raise NetlogError(f"import {source} reads one file or folder (not stdin): netlog import {source} PATH")
    who = engine.who_i_am(s.reader, me)
    with render.byte_progress(f"Reading {source}") as progress:
        reading = engine.read_source(source, files[0], who, since, s.today, progress)
    report = engine.log_exchanges(s.store, s.today, reading, keep_subjects=subjects, add_new=add_new, dry_run=dry_run)
    s.output(as_json).touch_report(report)


@command()
def export(
    ctx: typer.Context,
    format: str = typer.Argument(..., metavar="FORMAT", help="json, vcard, ics or csv."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    version: str = typer.Option("3.0", "--version", help="vcard: 3.0 or 4.0 (a patched card keeps its own)."),
    vdir: Optional[str] = typer.Option(None, "--vdir", metavar="DIR", help="vcard: one card a file in DIR (khard, vdirsyncer); existing cards are patched."),
    days: int = typer.Option(14, "--days", min=0, help="ics: what is due on each day from today to today+N (at most 92)."),
    as_: str = typer.Option("todos", "--as", metavar="todos|events", help="ics: VTODO to-dos, or all-day VEVENTs (khal shows only events)."),
    excel: bool = typer.Option(False, "--excel", help="csv: a UTF-8 byte order mark and CRLF line ends, so Excel opens it right."),
) -> None:
    """Write your network out: json (everything, lossless), vcard, ics (due follow-ups) or csv.

    Example: netlog export json -o backup.json      (or: netlog export vcard --vdir ~/.contacts/netlog)
    """
    from netlog.exporters import engine
    from netlog.ui import render

    s = _runtime(ctx)
    if vdir is not None:
        if format != "vcard" or output:
            raise NetlogError("--vdir writes vCards into a folder: use it with vcard and without -o.")
        for line in engine.export_vdir(s.store, vdir, version).lines(vdir):
            render.message(line)
        return
    per_day = _reconnects(None) if format == "ics" else None  # $NETLOG_RECONNECT, as `due` reads it
    engine.export(s.store, s.today, format, output, version=version, days=days, as_=as_, excel=excel, reconnect_per_day=per_day)
    if output:
        render.message(f"Wrote {format} to {output}.")


@command()
def sync(
    ctx: typer.Context,
    what: str = typer.Argument(..., metavar="contacts|calendar", help="contacts: a vdir address book; calendar: a vdir calendar of due items."),
    folder: str = typer.Argument(..., metavar="DIR", help="The vdir folder (one item a file, as vdirsyncer, khard and khal keep it)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Count what would change; write nothing."),
    json_: bool = typer.Option(False, "--json", help="The counts as JSON (contacts: in_new, in_changed, in_deleted, out_new, out_changed, conflicts, unchanged)."),
    days: Optional[int] = typer.Option(None, "--days", min=0, help="calendar: what is due on each day from today to today+N (default 14, at most 92)."),
    as_: Optional[str] = typer.Option(None, "--as", metavar="todos|events", help="calendar: VTODO to-dos (default), or all-day VEVENTs (khal shows only events)."),
    create: bool = typer.Option(False, "--create", help="contacts: make DIR when it is not there, a new address book (a calendar sync makes its folder)."),
) -> None:
    """Two-way sync with the address book or calendar other programs keep in a vdir folder.

    contacts: cards added, changed or deleted in DIR come in; contacts added or changed in netlog go out as
    new cards or patches of theirs. A card deleted from DIR is never recreated; a contact removed with netlog rm
    is not brought back; a field changed on both sides: the address book wins, netlog's value goes to the note
    history. DIR must be there (vdirsyncer discover makes it): --create makes a new address book. calendar: one
    file per due item, kept current (DIR is made when it is not there); an item ticked off or deleted in DIR is done.

    \b
    Example: netlog sync contacts ~/.contacts/personal --dry-run
    Or:      netlog sync calendar ~/.calendars/netlog --as events --days 14
    """
    s = _runtime(ctx)
    if what == "contacts":
        if days is not None or as_ is not None:
            raise NetlogError(f"{'--days' if days is not None else '--as'} goes with sync calendar, not sync contacts.")
        from netlog.syncing import contacts

        report = contacts.sync_contacts(s.store, s.today, folder, dry_run=dry_run, create=create)
        s.output(json_).sync_report(report)
        return
    if what != "calendar":
        raise NetlogError(f'netlog sync syncs contacts (a vdir address book) or calendar (a vdir calendar), not "{what}".')
    from netlog.syncing import calendar

    found = calendar.sync_calendar(s.store, s.today, folder, 14 if days is None else days, as_ or "todos", _reconnects(None), dry_run)
    s.output(json_).calendar_sync_report(found)


@command()
def backup(
    ctx: typer.Context,
    file: Optional[str] = typer.Argument(None, metavar="[FILE]", help="Where to write the copy (default: a dated file beside the database)."),
    force: bool = typer.Option(False, "--force", help="Replace FILE even when it is another database, not a backup of this one."),
) -> None:
    """Write a consistent copy of the database, safe while netlog is in use. Restore: copy it back over the database.

    FILE may be a backup of this database made earlier (replaced); another database there is refused
    unless --force (on a terminal, netlog asks).

    Example: netlog backup ~/Dropbox/netlog-backup.db
    """
    from pathlib import Path

    from netlog.errors import OtherDatabase
    from netlog.storage.opening import backup as backup_to
    from netlog.storage.opening import default_backup_path
    from netlog.ui import render
    from netlog.ui.prompts import interactive

    store = _runtime(ctx).store
    path = Path(file) if file else default_backup_path(store)
    try:
        target = backup_to(store, path, force)
    except OtherDatabase as error:
        if not interactive():
            raise
        typer.confirm(f"{str(error).split('; ')[0]}. Replace it?", abort=True, err=True)
        target = backup_to(store, path, force=True)
    render.message(f"Backed up to {target}")


@command()
def me(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="Your full name: it signs the drafts."),
    email: List[str] = typer.Option([], "--email", help="An address of yours (repeat for more): tells your mail from others'."),
    linkedin: Optional[str] = typer.Option(None, "--linkedin", metavar="URL", help="Your LinkedIn profile URL (for LinkedIn messages)."),
    region: Optional[str] = typer.Option(
        None, "--region", metavar="CC", help="Your country (PT, US...): phone numbers written without +country are read in it."
    ),
    family_tag: Optional[str] = typer.Option(
        None, "--family-tag", metavar="TAG", help="The tag you give family: tagged contacts are never drawn as keep-in-touch picks."
    ),
    days_off: Optional[str] = typer.Option(
        None, "--days-off", metavar="DAYS",
        help="The days you do not work, weekdays and dates (default sat,sun; sat,sun,2026-12-25; none): thank-you and report-back windows skip them.",
    ),  # fmt: skip
    json_: bool = typer.Option(False, "--json", help="name, emails, linkedin, region, family_tag, days_off, signature."),
) -> None:
    """Who you are: the name that signs your drafts, your addresses and profile (imports tell your side by them).

    \b
    Example: netlog me --name "Sam Rivera" --email sam@example.org --email sam@work.example --region PT
    Or just: netlog me      (prints what netlog knows)
    """
    from netlog.people import me as myself

    s = _runtime(ctx)
    if name is not None or email or linkedin is not None or region is not None or family_tag is not None or days_off is not None:
        myself.record(s.store, name, tuple(email), linkedin, region, family_tag, days_off)
    known = myself.recorded(s.reader)
    s.output(json_).me(known, myself.signature(s.reader))


def main() -> None:
    """The console script: Ctrl-C anywhere (even while starting up) is one line, never a traceback."""
    import gc

    # A netlog command builds many small objects that form no cycles (a tuple per contact read, one per due
    # item) and then exits. At the default threshold the cyclic collector walks them again and again, a large
    # share of `due` on a big network (docs/performance.md). Collect once per million new objects instead (still a bound for a long import), and leave what importing created (Typer, typing)
    # out of every collection, the one at exit included.
    gc.set_threshold(1_000_000, 20, 100)
    gc.freeze()
    for stream in (sys.stdout, sys.stderr):  # a character the terminal's encoding lacks is shown escaped (\xe9),
        reconfigure = getattr(stream, "reconfigure", None)  # never an error after a write has committed
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app(prog_name="netlog")
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(130)
