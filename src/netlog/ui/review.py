"""`netlog review`: the morning in one command. It walks a list of due items, top first, and each one is
handled with one key: draft it, open it in the mail app, mark it sent, log another touch, snooze, dismiss,
skip or quit.

The walk is a small state machine. Its state is the item it is on and what was done so far (a Tally);
each key is a transition (ACTIONS) that either settles the item (the walk goes on) or leaves it open (it
asks again). Every action that writes is one of netlog's own writes (drafts.record_sent, writes.snooze,
writes.mark_done, writes.log_touch), applied at once, each in its own transaction, inside
`terminal.uninterrupted()`: a Ctrl-C or a hangup that arrives meanwhile takes effect when the action has
landed whole. Quitting or an interrupt keeps everything done before it.

The terminal is injected (the Terminal protocol: show a card, read a key, ask a line, open the editor,
open a link), so tests drive the walk with scripted keys against a real database; netlog.ui.terminal is the
real one. This module imports no Rich: the terminal draws through netlog.ui.render."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Callable, ContextManager, NamedTuple, Optional, Protocol, Sequence

from netlog.errors import NetlogError, one_line
from netlog.rules import due as rules

if TYPE_CHECKING:
    from netlog.storage.store import Store

SNOOZE_DAYS = 7  # the default snooze: a week, as `netlog snooze`
LAST_TOUCHES = 3  # how many recent touches a card shows


class Key(NamedTuple):
    """One key of the review: what it is, its one-word label on screen, and what `?` says of it."""

    key: str
    label: str
    meaning: str


KEYS: tuple[Key, ...] = (
    Key("d", "draft", "write the draft in your editor ($VISUAL, $EDITOR), then say whether you sent it"),
    Key("m", "mail", "open the draft in your mail app (a mailto: link), then say whether you sent it"),
    Key("s", "sent", "you sent it already: log it as sent, nothing opens"),
    Key("l", "log", 'log another touch with them: type its kind ("coffee", "email received")'),
    Key("z", "snooze", "hide them from due for a week, or until a day you type"),
    Key("x", "dismiss", "dismiss this item (netlog done); a later event makes it due again"),
    Key("n", "skip", "leave it for tomorrow and go to the next"),
    Key("q", "quit", "stop here; everything done so far is kept (Ctrl-C too)"),
    Key("?", "help", "this help"),
)
LABELS = {k.key: k.label for k in KEYS}
ALIASES = {"\x04": "q"}  # Ctrl-D, as at a shell prompt
PROMPT = "What now? "
SENT_KEYS = {"y": "yes", "n": "not yet", "m": "mail app"}


class Card(NamedTuple):
    """What the screen shows of one item: where the walk is, the item, who it is for, their last touches
    (dicts as in `show --json`: date, kind, direction, note, place, topics, other), and the keys."""

    position: int
    total: int
    item: rules.DueItem
    company: str | None
    title: str | None
    email: str | None
    touches: tuple[dict[str, Any], ...]
    keys: tuple[Key, ...]
    today: date


class Terminal(Protocol):
    """What the walk needs of a terminal (netlog.ui.terminal.Terminal is the real one)."""

    def show(self, card: Card) -> None:
        """Draw one item's screen."""

    def help(self, keys: Sequence[Key]) -> None:
        """Say what each key does."""

    def say(self, text: str) -> None:
        """A message under the screen (wrapped to the terminal); it ends a prompt's line."""

    def show_text(self, text: str) -> None:
        """Text to copy, shown as it is (an edited draft, a link): never wrapped."""

    def key(self, prompt: str) -> str:
        """Show `prompt` and read one key press."""

    def ask(self, question: str) -> Optional[str]:
        """Ask for a typed line; None when it was cancelled (Ctrl-D)."""

    def edit(self, text: str) -> Optional[str]:
        """The text after the user's editor; None when it was emptied."""

    def open_link(self, url: str) -> bool:
        """Open a link in the user's default app; False when nothing could."""

    def uninterrupted(self) -> ContextManager[None]:
        """A block that Ctrl-C and a hangup wait for (an action's writes)."""

    def when_idle(self, job: Callable[[], None]) -> None:
        """Run `job` once, while it waits for a key and none has been pressed yet."""


# What a transition leaves an item as: settled (the walk goes on) or None (ask again).
SENT, SNOOZED, DISMISSED, LOGGED, SKIPPED, QUIT, CLEARED = "sent", "snoozed", "dismissed", "logged", "skipped", "quit", "cleared"
SETTLED = (SENT, SNOOZED, DISMISSED, LOGGED, CLEARED)  # no longer due: not left for tomorrow


class Tally:
    """What a walk did: how many items each way, how far it got, and whether it was interrupted."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.counts = dict.fromkeys((SENT, SNOOZED, DISMISSED, LOGGED, SKIPPED, CLEARED), 0)
        self.reached = 0  # the position of the item it was on last
        self.finished = False  # it went to the end of the list (not a quit or Ctrl-C)
        self.interrupted = False

    def add(self, outcome: str) -> None:
        self.counts[outcome] += 1

    @property
    def left(self) -> int:
        """Items still due: skipped, left open at a quit, or never reached."""
        return self.total - sum(self.counts[o] for o in SETTLED)

    def line(self) -> str:
        """The one line the review ends with: 'Sent 2, snoozed 1, dismissed 0; 4 left for tomorrow.'"""
        if not self.total:
            return "Nothing due: your network is in good shape."
        c = self.counts
        done = f"Sent {c[SENT]}, snoozed {c[SNOOZED]}, dismissed {c[DISMISSED]}"
        if c[LOGGED]:
            done += f", settled {c[LOGGED]} with a touch"
        if c[CLEARED]:
            done += f", cleared {c[CLEARED]} along the way"
        left = "nothing left for tomorrow" if not self.left else f"{self.left} left for tomorrow"
        stopped = "" if self.finished else f"Stopped at {self.reached} of {self.total}. "
        return f"{stopped}{done}; {left}."


class Review:
    """One walk through `items` (due on `day`) with `terminal`; writes go to `store` as of `today`."""

    def __init__(self, store: Store, today: date, day: date, terminal: Terminal) -> None:
        self.store = store
        self.today = today
        self.day = day
        self.terminal = terminal
        self.acted: set[int] = set()  # contacts an action changed: their later items are checked again
        self.tally = Tally(0)

    def run(self, items: Sequence[rules.DueItem]) -> Tally:
        """Walk the items top first; stop at the end, on quit, or on Ctrl-C (what was done is kept)."""
        self.tally = Tally(len(items))
        self.terminal.when_idle(prepare_actions)
        try:
            for position, item in enumerate(items, 1):
                self.tally.reached = position
                if self._cleared(item):
                    self.tally.add(CLEARED)
                    continue
                outcome = self._visit(position, item)
                if outcome == QUIT:
                    return self.tally
                self.tally.add(outcome)
            self.tally.finished = True
        except KeyboardInterrupt:
            self.tally.interrupted = True
        return self.tally

    def _visit(self, position: int, item: rules.DueItem) -> str:
        """Show one item and take keys until one settles it, skips it or quits."""
        card = self.card(position, item)
        if card is None:  # deleted meanwhile (another netlog, a merge): nothing left to do for them
            return CLEARED
        self.terminal.show(card)
        keys = {k.key for k in card.keys}
        while True:
            pressed = self.terminal.key(PROMPT)
            key = ALIASES.get(pressed, pressed.lower())
            if key not in keys:
                self.terminal.say(f"{_shown(pressed)} is not a key here: press ? to see them.")
                continue
            self.terminal.say(LABELS[key])
            try:
                outcome = ACTIONS[key](self, card)
            except NetlogError as error:  # a draft that cannot be written, a date that cannot be read: say so, ask again
                self.terminal.say(one_line(str(error)))
                continue
            if outcome is not None:
                return outcome

    def card(self, position: int, item: rules.DueItem) -> Optional[Card]:
        """The screen of one item: its contact's company, title and email, and their last touches (None:
        the contact is gone). A name another contact has too is shown with its number, as `due` shows it, the
        one way to name them to `done`, `draft` or `show`."""
        from netlog.network.agenda import named_alike
        from netlog.storage import reads
        from netlog.ui.render import numbered_item

        reader = self.store.reader
        with reader.snapshot():
            contact = reads.contact(reader, item.contact_id)
            touches = reads.touches_of(reader, item.contact_id)[:LAST_TOUCHES]
            shared = named_alike(reader, [item])
        if contact is None:
            return None
        if shared:
            item = numbered_item(item)
        keys = tuple(k for k in KEYS if k.key != "m" or contact["email"])
        shown = tuple(
            {"date": t["happened_on"], "kind": t["kind"], "direction": t["direction"], "note": t["note"],
             "place": t["place"], "topics": t["topics"], "other": t["other_name"]}
            for t in touches
        )  # fmt: skip
        return Card(position, self.tally.total, item, contact["company"], contact["title"], contact["email"], shown, keys, self.today)

    # The transitions: each returns what it left the item as, or None to stay on it.

    def draft(self, card: Card) -> Optional[str]:
        """Write the draft in the editor (with its Subject: line when it can go by mail), show it, ask if sent."""
        from netlog.ui import sending

        made = self._draft(card)
        changed = sending.edited(self.terminal, made, by_mail=bool(card.email))
        if changed is None:
            self.terminal.say("Empty draft: nothing sent, nothing logged.")
            return None
        subject, body = changed
        self.terminal.show_text(body.rstrip("\n"))
        return self._ask_sent(card, made, subject, body)

    def mail(self, card: Card) -> Optional[str]:
        """Open the draft as it is in the mail app, then ask if it was sent."""
        made = self._draft(card)
        self._open_mail(card, made.subject, made.text)
        return self._ask_sent(card, made, made.subject, made.text)

    def sent(self, card: Card) -> Optional[str]:
        """Log the draft as sent, without opening anything."""
        return self._record_sent(card, self._draft(card))

    def log(self, card: Card) -> Optional[str]:
        """Log another touch of a typed kind today; the item is settled when that touch clears it."""
        from netlog.network import writes
        from netlog.values.kinds import parse_kind

        answer = self.terminal.ask('Kind (coffee, call, email...; "email received")? ')
        words = (answer or "").split()
        if not words:
            self.terminal.say("Nothing logged.")
            return None
        received = words[-1].lower() in ("received", "in")
        kind = parse_kind(" ".join(words[:-1] if received and len(words) > 1 else words))
        touch = writes.TouchInput(kind=kind, on=self.today, received=received)
        with self.terminal.uninterrupted():
            writes.log_touch(self.store, self.today, card.item.contact_id, touch)
        self.acted.add(card.item.contact_id)
        self.terminal.say(f"Logged {kind}{' (received)' if received else ''} with {card.item.contact}, today.")
        if self._still_due(card.item):
            self.terminal.say(f"The {card.item.action} is still due: pick another key, or n to skip it.")
            return None
        return LOGGED

    def snooze(self, card: Card) -> Optional[str]:
        """Hide the contact for a week (Enter) or until a typed day."""
        from netlog.network import writes
        from netlog.rules.wording import format_day
        from netlog.values.dates import FUTURE, ahead, parse_date

        default = ahead(max(self.day, self.today), SNOOZE_DAYS)
        answer = self.terminal.ask(f"Snooze until (Enter: {format_day(default, self.today)})? ")
        if answer is None:
            self.terminal.say("Not snoozed.")
            return None
        until = parse_date(answer.strip(), self.today, FUTURE) if answer.strip() else default
        with self.terminal.uninterrupted():
            writes.snooze(self.store, self.today, card.item.contact_id, until)
        self.acted.add(card.item.contact_id)
        self.terminal.say(f"Snoozed {card.item.contact} until {format_day(until, self.today)}.")
        return SNOOZED

    def dismiss(self, card: Card) -> Optional[str]:
        """Mark the item's action done (`netlog done`) on the day reviewed."""
        from netlog.network import writes

        with self.terminal.uninterrupted():
            writes.mark_done(self.store, self.day, card.item.contact_id, card.item.action, [o.action for o in card.item.also])
        self.acted.add(card.item.contact_id)
        self.terminal.say(f"Dismissed {card.item.action} for {card.item.contact}; a later event makes it due again.")
        return DISMISSED

    def skip(self, card: Card) -> Optional[str]:
        return SKIPPED

    def quit(self, card: Card) -> Optional[str]:
        return QUIT

    def help(self, card: Card) -> Optional[str]:
        self.terminal.help(card.keys)
        return None

    # What the transitions share.

    def _draft(self, card: Card) -> Any:
        """The item's own draft (drafts.draft_for with the item's draft name), as of the day reviewed."""
        from netlog.network import drafts
        from netlog.rules import drafting

        made = drafts.draft_for(self.store.reader, self.day, card.item.contact_id, drafting.draft_name(card.item))
        if made.notice:
            self.terminal.say(made.notice)
        return made

    def _ask_sent(self, card: Card, made: Any, subject: str, body: str) -> Optional[str]:
        """After a draft is shown or opened: y logs it as sent, n leaves the item open, m opens the mail app."""
        choices = {k: v for k, v in SENT_KEYS.items() if k != "m" or card.email}
        question = "Sent it? " + " · ".join(f"{k} {v}" for k, v in choices.items()) + "  "
        while True:
            pressed = self.terminal.key(question)
            key = ALIASES.get(pressed, pressed.lower())
            if key not in choices:
                self.terminal.say(f"{_shown(pressed)}: press {', '.join(choices)}.")
                continue
            self.terminal.say(choices[key])
            if key == "y":
                return self._record_sent(card, made)
            if key == "n":
                self.terminal.say("Not sent: nothing logged.")
                return None
            self._open_mail(card, subject, body)

    def _record_sent(self, card: Card, made: Any) -> str:
        from netlog.network import drafts

        with self.terminal.uninterrupted():
            words = drafts.record_sent(self.store, self.today, card.item.contact_id, made)
        self.acted.add(card.item.contact_id)
        self.terminal.say(words)
        return SENT

    def _open_mail(self, card: Card, subject: str, body: str) -> None:
        """Hand the draft to the mail app as a mailto: link, or print the link when nothing opens it."""
        from netlog.ui import sending

        if not card.email:
            self.terminal.say(sending.no_address(card.item.contact))
            return
        sending.open_in_mail(self.terminal, card.email, subject, body)

    def _still_due(self, item: rules.DueItem) -> bool:
        """Whether `item` (its action, occasion and other person) is still due for its contact."""
        from netlog.network.agenda import due_for

        same = (item.action, item.occasion, item.other_id)
        return any((i.action, i.occasion, i.other_id) == same for i in due_for(self.store.reader, self.day, item.contact_id)[0])

    def _cleared(self, item: rules.DueItem) -> bool:
        """An earlier action changed this item's people (a snooze, a report-back that also thanked): is it gone?"""
        touched = item.contact_id in self.acted or item.other_id in self.acted
        return touched and not self._still_due(item)


def prepare_actions() -> None:
    """Import what the first action needs (Jinja2 for its draft, SQLAlchemy and the models for its write)
    while the person reads the first card: paid on the first key instead, it is half a second between the
    key and its answer. The first screen needs none of it. In the main thread, while no key is pressed
    (Terminal.when_idle): SQLAlchemy's modules import each other, and two threads importing them at once
    fail with "partially initialized module"."""
    import jinja2  # noqa: F401
    import sqlmodel  # noqa: F401

    import netlog.network.drafts  # noqa: F401
    import netlog.network.writes  # noqa: F401
    import netlog.storage.engine  # noqa: F401
    import netlog.storage.records  # noqa: F401


def _shown(pressed: str) -> str:
    """A key as the user would name it: 'Enter', 'Esc', 'Ctrl-X', or the character."""
    names = {"\n": "Enter", "\r": "Enter", "\x1b": "Esc", " ": "Space", "\t": "Tab", "\x7f": "Backspace"}
    if pressed in names:
        return names[pressed]
    if len(pressed) == 1 and ord(pressed) < 32:
        return f"Ctrl-{chr(ord(pressed) + 64)}"
    return f'"{pressed}"' if pressed.isprintable() else "That key"


# Each key's transition. A table, not an if/elif chain: the keys on screen, `?` and the dispatch read from
# the same KEYS.
ACTIONS: dict[str, Callable[[Review, Card], Optional[str]]] = {
    "d": Review.draft,
    "m": Review.mail,
    "s": Review.sent,
    "l": Review.log,
    "z": Review.snooze,
    "x": Review.dismiss,
    "n": Review.skip,
    "q": Review.quit,
    "?": Review.help,
}
