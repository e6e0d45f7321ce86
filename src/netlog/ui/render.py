"""Output: the one formatter, as todoman has it. What a command shows is chosen once, by `output(as_json)`:
`JsonOutput` for machines (--json), `RichOutput` (tables and panels) when stdout is a terminal, `PlainOutput`
when piped. Each takes plain data and draws it one way; the three share their method names. The one place
that knows about Rich, and it imports Rich only when a terminal will see the result. Data goes to stdout;
messages (`message`) go to stderr whatever the output."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, Collection, Iterable, Sequence

from netlog.rules.wording import format_ago, format_day
from netlog.rules.workdays import days_off_words, format_days_off
from netlog.values.encoding import safe

if TYPE_CHECKING:
    from rich.console import OverflowMethod

    from netlog.rules.due import DueItem

# Cells wrap at spaces; a word longer than its column is shortened with an ellipsis, never cut in two
# ("acquaintanc|e"). The words the table is made of (actions, strengths, warmth) are never wrapped at all.
WORDS: OverflowMethod = "ellipsis"
WIDE_LIST = 72  # columns from which `list` also shows company and tags
ACTION_STYLE = {"thank": "green", "nudge": "yellow", "meet": "cyan", "report-back": "magenta", "keep-in-touch": "blue", "intro": "bright_cyan"}
WARMTH_STYLE = {"warm": "green", "fading": "yellow", "cold": "blue", "new": "cyan"}


def _rich() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _console() -> Any:
    from rich.console import Console

    # Rich's own NO_COLOR handling drops colours but keeps bold and italics; NO_COLOR here means no escapes.
    return Console(highlight=False, color_system=None if os.environ.get("NO_COLOR") else "auto")


def _print(*values: Any, file: Any = None, end: str = "\n") -> None:
    """print, made safe: nothing user-supplied reaches the terminal as a control sequence."""
    print(*(safe(str(v)) for v in values), file=file, end=end)


def _write(text: str) -> None:
    sys.stdout.write(safe(text))


def day(on: date, today: date) -> str:
    """A date as people say it: 'today', 'yesterday', or 'Tue 17 Nov' with how long ago."""
    ago = format_ago(on, today)
    if ago in ("today", "yesterday", "tomorrow"):
        return ago
    return f"{format_day(on, today)} ({ago})"


def message(text: str) -> None:
    """A confirmation or notice, to stderr."""
    _print(text, file=sys.stderr)


def ended(text: str) -> str:
    """A sentence with its full stop, not a second one after a name that ends in one ("Acme Inc.")."""
    return text if text.endswith((".", "!", "?")) else text + "."


def text(body: str) -> None:
    """Plain text to stdout, as is (a draft to copy)."""
    _write(body if body.endswith("\n") else body + "\n")


def to_json(value: Any) -> str:
    """JSON for machines (netlog.values.encoding: ISO dates, a list one object per line)."""
    from netlog.values.encoding import to_json as encode

    return encode(value)


def due_json(items: Iterable[Any]) -> list[dict[str, Any]]:
    """The stable `due --json` objects (docs/index.md lists the keys)."""
    return [
        {
            "contact": item.contact,
            "contact_id": item.contact_id,
            "action": item.action,
            "reason": item.reason,
            "due": item.due.isoformat(),
            "score": item.score,
            "event_on": item.event_on.isoformat() if item.event_on else None,
            "occasion": item.occasion,
            "other_id": item.other_id,
            "also": [
                {"action": o.action, "occasion": o.occasion, "reason": o.reason, "due": o.due.isoformat(), "other_id": o.other_id}
                for o in item.also
            ],
            "held": item.held,
        }
        for item in items
    ]


def _print_table(table_for: Any, count: int, fit: bool, total: int | None = None) -> None:
    """Print the table `table_for(rows)` draws of the first `rows` of `count`: all of them, or with `fit` as
    many as fit one terminal screen (at least 5), with a note on stderr saying how many of the `total` (the whole
    list's length, when only its head was handed in; else `count`) were left out."""
    console = _console()
    if fit:
        rows, lines = _rows_that_fit(console, table_for, count)
        from rich.segment import SegmentLines

        console.print(SegmentLines(lines, new_lines=True))  # the lines measured are the lines shown: drawn once
    else:
        rows = count
        console.print(table_for(rows))
    total = count if total is None else total
    if total > rows:
        message(f"… and {total - rows:,} more: add --all to see them, or pipe the output.")


def screen_rows() -> int:
    """The most rows _rows_that_fit can show on this terminal: a list cut to these loses nothing it shows."""
    return max(5, _console().height - 2)


def _rows_that_fit(console: Any, table_for: Any, count: int) -> tuple[int, list[Any]]:
    """How many rows (at least 5) make a table that fits one terminal screen with two lines to spare (the
    note on what is left out, and the prompt after), and the table of them drawn (Rich's lines). A big network
    has thousands of rows: a table of them all takes seconds to draw and scrolls away unread. Measured by
    drawing it: a row takes as many lines as its longest cell wraps to. The five rows always shown are drawn
    first: when they fill the screen already (long reasons on a small terminal), nothing larger is drawn; else
    each row after them takes a line at least, so no more than the lines left over can be added (on 80x24 with
    wrapped reasons: a 6-row table tried, not a 22-row one, about 5 ms against 18)."""
    room = console.height - 2
    least = min(count, 5)
    drawn = console.render_lines(table_for(least), pad=False)
    rows = min(count, max(5, room), least + room - len(drawn))
    if rows <= least:
        return least, drawn
    while rows > 5:
        lines = console.render_lines(table_for(rows), pad=False)
        if len(lines) <= room:
            return rows, lines
        rows = max(5, min(rows - 1, rows * room // len(lines)))
    return rows, drawn


def _touch_line(t: dict[str, Any], now: date) -> str:
    arrow = {"in": "<-", "out": "->", "both": "<>"}[t["direction"]]
    bits = [f"{format_day(t['date'], now)}  {arrow} {t['kind']}"]
    if t.get("group"):
        bits.append("(group event)")
    if t["other"]:
        bits.append(f"to {t['other']}")
    if t["place"]:
        bits.append(f"at {t['place']}")
    if t["topics"]:
        bits.append(f"about {t['topics']}")
    line = " ".join(bits)
    return line + (f" — {t['note']}" if t["note"] else "")


def _give_and_take(bal: dict[str, int]) -> str:
    """'you did 1 favor for them, they did 3 for you (2 since your last: a chance to give back)'. An
    invitation, never a debt: the ledger is there to prompt generosity (docs/rules.md)."""
    given, received, since = bal["favors_given"], bal["favors_received"], bal.get("unreturned_favors") or 0
    text = f"give and take: you did {_count(given, 'favor')} for them, they did {received} for you"
    if received > given or since:
        owed = f"{since} since your last: " if since and given else ""
        return f"{text} ({owed}a chance to give back)"
    return text + (" (you have given more)" if given > received else "")


def digest(items: Sequence[Any], on: date, fmt: str = "text") -> None:
    """A short morning summary, one line per action, plain text or Markdown; never Rich (it goes to cron)."""
    when = format_day(on)
    if fmt == "markdown":
        lines = [f"## netlog — {when}", ""]
        lines += [f"- **{item.contact}** ({item.action}): {item.reason}" for item in items]
        if not items:
            lines.append("Nothing due today. Your network is in good shape.")
    else:
        count = f"{len(items)} thing{'s' if len(items) != 1 else ''}" if items else "nothing"
        lines = [f"netlog, {when}: {count} for today"]
        lines += [f"- {item.reason}" for item in items]
        if not items:
            lines.append("Your network is in good shape.")
    _print("\n".join(lines))


def import_report(report: Any) -> None:
    """What an import did, to stderr: problems first, then one summary line (a table on a terminal)."""
    for problem in report.problems:
        _print(f"  {problem}", file=sys.stderr)  # safe: a file's own text may be quoted in it
    counts = {"new": report.new, "updated": report.updated, "unchanged": report.unchanged, "skipped": report.skipped}
    if report.bad_lines:
        counts["bad lines"] = report.bad_lines
    title = "Dry run, nothing written" if report.dry_run else "Imported"
    if sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for key in counts:
            table.add_column(key, justify="right")
        table.add_row(*(str(v) for v in counts.values()))
        Console(stderr=True, highlight=False).print(table)
        return
    said = [_count(v, "bad line") if k == "bad lines" else f"{v} {k}" for k, v in counts.items()]
    _print(f"{title}: " + ", ".join(said) + ".", file=sys.stderr)


class _NoProgress:
    def __enter__(self) -> Any:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None


def progress(total: int, what: str = "Importing") -> Any:
    """A context giving a tick(n) callable that advances a Rich bar; None (no bar) unless stderr is a terminal."""
    if total < 500 or not sys.stderr.isatty():
        return _NoProgress()
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Any:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as shown:
            task = shown.add_task(what, total=total)
            yield lambda n: shown.advance(task, n)

    return bar()


def byte_progress(what: str) -> Any:
    """A context giving a progress(done, total) callable that draws a Rich bar on stderr when it is a
    terminal (a long mail import reports bytes read); None when piped, so nothing extra is printed."""
    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return _NoProgress()
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Any:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as shown:
            task = shown.add_task(what, total=None)
            yield lambda done, total: shown.update(task, completed=done, total=total)

    return bar()


UNKNOWN_SHOWN = 10  # the most frequent non-contacts a touch import's summary names
_UNITS = {"mail": "messages", "calendar": "events", "linkedin-messages": "messages", "telegram": "messages and calls", "whatsapp": "lines"}


SPARKS = "▁▂▃▄▅▆▇█"
BAR = "█"


def sparkline(counts: Sequence[int]) -> str:
    """One character per count, taller for more; a blank month is the lowest bar shown as '·'."""
    most = max(counts, default=0)
    if most == 0:
        return "·" * len(counts)
    return "".join("·" if n == 0 else SPARKS[min(len(SPARKS) - 1, (n * len(SPARKS) - 1) // most)] for n in counts)


def bar(n: int, most: int, width: int = 20) -> str:
    """A horizontal bar, `width` characters for the largest value; at least one for anything non-zero."""
    if n <= 0 or most <= 0:
        return ""
    return BAR * max(1, round(n * width / most))


def _count(n: int, noun: str) -> str:
    """'1 touch', '2 touches', '1 favor', '3 favors'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun}" + ("es" if noun.endswith(("ch", "sh", "s", "x")) else "s")


def _month_span(months: Sequence[dict[str, Any]]) -> str:
    first, last = (date.fromisoformat(m["month"] + "-01") for m in (months[0], months[-1]))
    return f"{first:%b %Y} … {last:%b %Y}"


def _bar_lines(counts: dict[str, int], styles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(plain line, style) per label: 'medium    3 ███'."""
    most = max(counts.values(), default=0)
    width = max((len(k) for k in counts), default=0)
    return [(f"{label:<{width}} {n:>4} {bar(n, most)}".rstrip(), (styles or {}).get(label, "")) for label, n in counts.items()]


# netlog review: one screen per item, scrolling (no clearing: NO_COLOR means no escape codes at all, and
# what was done stays on screen above). Everything goes to stdout: review runs only on a terminal.


def _plain_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _print_keys(keys: Sequence[Any], width: int) -> None:
    """The keys, 'd draft  m mail  ...', packed into lines of `width` (never split between key and label)."""
    chips = [f"{k.key} {k.label}" for k in keys]
    lines, line = [], ""
    for chip in chips:
        if line and len(line) + 2 + len(chip) > width - 1:
            lines.append(line)
            line = chip
        else:
            line = f"{line}  {chip}" if line else chip
    _print("\n".join([*lines, line]))
    sys.stdout.flush()


def review_help(keys: Sequence[Any]) -> None:
    """What each review key does, one line each (wrapped under its meaning)."""
    import textwrap

    width = _console().width if _rich() else _plain_width()
    label_width = max(len(k.label) for k in keys)
    indent = " " * (label_width + 7)
    for k in keys:
        first = f"  {k.key}  {k.label:<{label_width}}  "
        _print(textwrap.fill(k.meaning, width=max(width - 1, 40), initial_indent=first, subsequent_indent=indent))
    sys.stdout.flush()


def review_line(text_: str) -> None:
    """A message under the review's screen (a confirmation, a key's label), wrapped at the terminal's width."""
    import textwrap

    width = (_console().width if _rich() else _plain_width()) - 1
    _print(textwrap.fill(text_, width=max(width, 20), break_long_words=False, break_on_hyphens=False) or "")
    sys.stdout.flush()


def review_summary(text_: str) -> None:
    """The line a review ends with, to stderr; wrapped between words when the terminal is narrower."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns - 1 if sys.stderr.isatty() else len(text_)
    _print(textwrap.fill(text_, width=max(width, 20), break_long_words=False, break_on_hyphens=False), file=sys.stderr)


def review_prompt(text_: str) -> None:
    """A question the next key or line answers, left open on its line."""
    _write(text_)
    sys.stdout.flush()


def output(as_json: bool = False) -> PlainOutput:
    """The formatter for this command's stdout: JSON with --json, Rich on a terminal, else plain text."""
    if as_json:
        return JsonOutput()
    return RichOutput() if _rich() else PlainOutput()


class PlainOutput:
    """Plain text, for a pipe: numbered lines, tab-separated columns, indented facts."""

    def shown_rows(self) -> int | None:
        """With a screenful shown (`fit`), how many of a list's first items can be: None when all are printed."""
        return None

    def due(
        self, items: Sequence[DueItem], on: date, today: date, fit: bool = False, total: int | None = None,
        numbered: Collection[int] = (),
    ) -> None:  # fmt: skip
        """The ranked due list (or its head, of a list of `total` items); the contacts in `numbered` (a name
        another contact has too) with their number."""
        if not items:
            message(f"Nothing due {'today' if on == today else 'on ' + format_day(on, today)}. Your network is in good shape.")
            return
        if numbered:
            items = [numbered_item(item) if item.contact_id in numbered else item for item in items]
        self._due(items, on, fit, total)

    def _due(self, items: Sequence[DueItem], on: date, fit: bool, total: int | None = None) -> None:
        _write("".join([f"{number}. [{item.action}{' (held)' if item.held else ''}] {item.reason}\n" for number, item in enumerate(items, 1)]))

    def overview(self, contacts: Sequence[dict[str, Any]], now: date, fit: bool = False, narrowed: bool = False) -> None:
        """The contact list (`narrowed`: only those --tag, --at, --met-at or --strength asked for)."""
        if not contacts:
            if narrowed:
                message("No contacts match. Without --tag, --at, --met-at or --strength: netlog list")
            else:
                message("No contacts yet. Add one: netlog add \"Ana Lima\" --met-at PyCon")
            return
        self._overview(contacts, now, fit)

    def _overview(self, contacts: Sequence[dict[str, Any]], now: date, fit: bool) -> None:
        for c in contacts:
            last = c["last_touch"].isoformat() if c["last_touch"] else "-"
            _print(f"{listed_name(c)}\t{c['strength']}\t{last}\t{c['warmth']}\t{', '.join(c['tags'])}")

    def found(self, results: Sequence[dict[str, Any]]) -> None:
        """`find`'s results, best first, then (with --at) the people one intro away."""
        if not results:
            message('Nobody matches. Fewer or shorter words find more: the start of a word is enough ("stri" would find Stripe).')
            return
        hits = [r for r in results if r["path"] is None]
        paths = [r for r in results if r["path"] is not None]
        lines = []
        for number, r in enumerate(hits, 1):
            lines += _found_lines(number, r)
        if paths:
            if hits:
                lines.append("")
            lines.append("One intro away (possible paths):")
            for r in paths:
                lines.append(f"- {r['contact']}: {r['matched']['snippet']} ({r['tie']})")
        for line in lines:
            _print(line)

    def profile(self, p: dict[str, Any], now: date, user: str) -> None:
        """One contact's facts, timeline, balance and what is due; `user` is who is logging (whose touches
        need no "known by" line)."""
        facts, due_lines, timeline = _profile_lines(p, now, user)
        _print(f"{p['name']} (#{p['id']})")
        for line in facts:
            _print(f"  {line}")
        if due_lines:
            _print("Due:")
            for line in due_lines:
                _print(f"  {line}")
        _print("Timeline (newest first):")
        for line in timeline:
            _print(f"  {line}")

    def dupes(self, pairs: Sequence[Any]) -> None:
        """Likely duplicate pairs, each with the command that merges them."""
        if not pairs:
            message("No likely duplicates.")
            return
        # Written 10,000 pairs at a time: a print a line was most of `dupes` on a big network (docs/performance.md).
        for start in range(0, len(pairs), 10_000):
            lines = []
            for pair in pairs[start : start + 10_000]:
                lines.append(f"{pair.keep} (#{pair.keep_id}) and {pair.other} (#{pair.other_id}): {pair.reason}")
                lines.append(f'  netlog merge "#{pair.keep_id}" "#{pair.other_id}"')
            _write("\n".join(lines) + "\n")

    def stats(self, s: dict[str, Any]) -> None:
        """The network at a glance: bars for strength and warmth, a sparkline of touches, favors and intros."""
        for number, (title, lines) in enumerate(_stats_sections(s)):
            if number:
                _print()
            _print(title)
            for line, _ in lines:
                _print(f"  {line}")

    def me(self, known: Any, signature: str | None) -> None:
        """What netlog knows of the user, and the name drafts are signed with."""
        unset = '(not set: netlog me --name "Your Name")'
        _print(f"name: {known.name or unset}")
        _print(f"emails: {', '.join(known.emails) or '(none: netlog me --email ADDR)'}")
        _print(f"linkedin: {known.linkedin or '(none)'}")
        _print(f"region: {known.region or '(not set: the locale decides; netlog me --region CC)'}")
        _print(f"family tag: {known.family_tag or '(none: netlog me --family-tag TAG)'}")
        _print(f"days off: {format_days_off(known.days_off)}")
        _print(f"drafts are signed: {signature or '(unsigned)'}")

    def touch_report(self, report: Any) -> None:
        """What a touch import did: one summary line, what was skipped and why, and the people exchanged with
        who are not contacts (all to stderr)."""
        unknown = report.unknown.most_common()
        title = "Dry run, nothing written" if report.dry_run else "Logged"
        message(
            f"{title}: {_count(report.new, 'touch')} with {_count(report.contacts, 'contact')}"
            f" from {report.read:,} {_UNITS.get(report.source, 'records')} ({report.exchanges:,} exchanges;"
            f" {report.already:,} logged before)."
        )
        if report.added:
            message(f"Added {_count(report.added, 'contact')} (--add-new).")
        if report.addresses:
            message(f"Stored {_count(report.addresses, 'address')} on contacts matched by name.")
        if report.skipped:
            message("Skipped: " + ", ".join(f"{n:,} {why}" for why, n in report.skipped.most_common()) + ".")
        if unknown and not report.added:
            shown = ", ".join(f"{who} ({n})" for who, n in unknown[:UNKNOWN_SHOWN])
            more = f" and {len(unknown) - UNKNOWN_SHOWN:,} more" if len(unknown) > UNKNOWN_SHOWN else ""
            message(f"Not contacts: {shown}{more}. Add them with --add-new, or by hand: netlog add NAME.")
        for who, found in report.ambiguous.items():
            message(_ambiguous_line(who, found))

    def sync_report(self, report: Any) -> None:
        """What a sync did, to stderr: what it has to say (deleted cards, conflicts, problems), then the counts."""
        _sync_lines(report)
        counts = report.counts
        title = "Dry run, nothing written" if report.dry_run else f"Synced {report.folder}"
        message(
            f"{title}: {counts['in_new']} new, {counts['in_changed']} changed and {counts['in_deleted']} deleted in the"
            f" address book; {counts['out_new']} new and {counts['out_changed']} changed cards from netlog;"
            f" {counts['conflicts']} conflict{'' if counts['conflicts'] == 1 else 's'}; {counts['unchanged']} unchanged."
        )

    def calendar_sync_report(self, report: Any) -> None:
        """What a calendar sync did, to stderr: what was done in the calendar, then the counts."""
        _sync_lines(report)
        c = report.counts
        title = "Dry run, nothing written" if report.dry_run else f"Synced {report.folder}"
        message(
            f"{title}: {c['new']} new, {c['updated']} updated, {c['removed']} removed (no longer due),"
            f" {c['done']} done in the calendar, {c['unchanged']} unchanged."
        )

    def review_card(self, card: Any) -> None:
        """One item of the review: 'n of N', the action and contact, their work, the reason, their last
        touches, and the keys."""
        item = card.item
        work = " at ".join(x for x in (card.title, card.company) if x)
        touches = [_touch_line(t, card.today) for t in card.touches]
        lines = [f"-- {card.position} of {card.total} --", f"{item.action}: {item.contact}"]
        lines += [work] if work else []
        lines += [item.reason, "Last touches:" if touches else "No touches yet."]
        lines += [f"  {line}" for line in touches]
        _print("\n".join(lines))
        _print_keys(card.keys, _plain_width())


class RichOutput(PlainOutput):
    """A terminal: Rich tables and panels, one screenful of a long list."""

    def shown_rows(self) -> int | None:
        return screen_rows()

    def _due(self, items: Sequence[DueItem], on: date, fit: bool, total: int | None = None) -> None:
        def table_for(rows: int) -> Any:
            from rich.table import Table
            from rich.text import Text

            table = Table(title=f"Due {format_day(on)}", title_justify="left", expand=False)
            table.add_column("#", justify="right", style="dim", no_wrap=True)
            table.add_column("Action", no_wrap=True)
            table.add_column("Contact", overflow=WORDS)
            table.add_column("Why", overflow=WORDS)
            table.add_column("Score", justify="right", style="dim", no_wrap=True)
            for number, item in enumerate(items[:rows], 1):
                style = ACTION_STYLE.get(item.action, "")
                action = Text(item.action + (" (held)" if item.held else ""), style="dim" if item.held else style)
                table.add_row(str(number), action, Text(safe(item.contact)), Text(safe(item.reason)), f"{item.score:g}")
            return table

        _print_table(table_for, len(items), fit, total)

    def _overview(self, contacts: Sequence[dict[str, Any]], now: date, fit: bool) -> None:
        def table_for(rows: int) -> Any:
            from rich.table import Table
            from rich.text import Text

            table = Table(title=_count(len(contacts), "contact"), title_justify="left")
            wide = _console().width >= WIDE_LIST  # a narrow terminal shows who, how close and how warm; no more
            table.add_column("Name", overflow="fold")  # a name keeps every letter, wrapped at spaces first
            table.add_column("Strength", no_wrap=True)
            table.add_column("Last touch", overflow=WORDS)
            table.add_column("Warmth", no_wrap=True)
            if wide:
                table.add_column("Company", overflow=WORDS)
                table.add_column("Tags", overflow=WORDS)
            for c in contacts[:rows]:
                last = f"{c['last_touch_kind']}, {day(c['last_touch'], now)}" if c["last_touch"] else "-"
                warmth = c["warmth"]
                cells = [Text(safe(listed_name(c))), c["strength"], Text(safe(last)), Text(warmth, style=WARMTH_STYLE[warmth])]
                if wide:
                    cells += [Text(safe(c["company"] or "")), Text(safe(", ".join(c["tags"])))]
                table.add_row(*cells)
            return table

        _print_table(table_for, len(contacts), fit)

    def profile(self, p: dict[str, Any], now: date, user: str) -> None:
        from rich.markup import escape
        from rich.panel import Panel

        facts, due_lines, timeline = _profile_lines(p, now, user)
        body = "\n".join(escape(safe(f)) for f in facts)
        if due_lines:
            body += "\n\n[bold]Due[/]\n" + "\n".join(escape(safe(line)) for line in due_lines)
        body += "\n\n[bold]Timeline[/] (newest first)\n" + "\n".join(escape(safe(line)) for line in timeline)
        _console().print(Panel(body, title=f"{escape(safe(p['name']))} (#{p['id']})", title_align="left", expand=False))

    def stats(self, s: dict[str, Any]) -> None:
        from rich.markup import escape
        from rich.panel import Panel

        parts = []
        for title, lines in _stats_sections(s):
            body = "\n".join(f"  [{style}]{escape(safe(line))}[/]" if style else f"  {escape(safe(line))}" for line, style in lines)
            parts.append(f"[bold]{escape(safe(title))}[/]\n{body}")
        _console().print(Panel("\n\n".join(parts), title=f"Your network, {format_day(s['today'])}", title_align="left", expand=False))

    def review_card(self, card: Any) -> None:
        from rich.console import Group
        from rich.padding import Padding
        from rich.panel import Panel
        from rich.text import Text

        item = card.item
        work = " at ".join(x for x in (card.title, card.company) if x)
        touches = [_touch_line(t, card.today) for t in card.touches]
        head = Text()
        head.append(item.action, style=ACTION_STYLE.get(item.action, "bold"))
        head.append("  ")
        head.append(safe(item.contact), style="bold")
        if work:
            head.append("\n" + safe(work))
        head.append("\n" + safe(item.reason))
        head.append("\n\nLast touches" if touches else "\n\nNo touches yet", style="dim")
        # Each touch indented as a block, so one that wraps stays under its date.
        body = Group(head, *(Padding(Text(safe(line)), (0, 0, 0, 2)) for line in touches))
        console = _console()
        console.print(Panel(body, title=f"{card.position} of {card.total}", title_align="left"))
        _print_keys(card.keys, console.width)


class JsonOutput(PlainOutput):
    """--json: the stable keys of docs/json.md, one compact object per line for lists; messages still go to
    stderr, and an empty list is `[]`."""

    def due(
        self, items: Sequence[DueItem], on: date, today: date, fit: bool = False, total: int | None = None,
        numbered: Collection[int] = (),
    ) -> None:  # fmt: skip
        _print(to_json(due_json(items)))  # contact_id tells two of one name apart

    def overview(self, contacts: Sequence[dict[str, Any]], now: date, fit: bool = False, narrowed: bool = False) -> None:
        _print(to_json([{k: v for k, v in c.items() if k != "name_shared"} for c in contacts]))  # "id" tells them apart

    def profile(self, p: dict[str, Any], now: date, user: str) -> None:
        _print(to_json({**p, "due": due_json(p["due"])}))

    def found(self, results: Sequence[dict[str, Any]]) -> None:
        _print(to_json(list(results)))

    def dupes(self, pairs: Sequence[Any]) -> None:
        _print(to_json(list(pairs)))

    def stats(self, s: dict[str, Any]) -> None:
        _print(to_json(s))

    def me(self, known: Any, signature: str | None) -> None:
        _print(to_json({
            "name": known.name, "emails": list(known.emails), "linkedin": known.linkedin, "region": known.region,
            "family_tag": known.family_tag, "days_off": days_off_words(known.days_off), "signature": signature,
        }))  # fmt: skip

    def sync_report(self, report: Any) -> None:
        _sync_lines(report)
        _print(to_json(dict(report.counts)))

    def calendar_sync_report(self, report: Any) -> None:
        _sync_lines(report)
        _print(to_json(dict(report.counts)))

    def touch_report(self, report: Any) -> None:
        _print(to_json({
            "source": report.source, "dry_run": report.dry_run, "read": report.read, "exchanges": report.exchanges,
            "new": report.new, "already": report.already, "contacts": report.contacts, "added": report.added,
            "addresses": report.addresses, "skipped": dict(report.skipped.most_common()),
            "unknown": [{"who": who, "exchanges": n} for who, n in report.unknown.most_common()],
            "ambiguous": [
                {"who": who, "exchanges": found.exchanges, "contacts": found.ids} for who, found in report.ambiguous.items()
            ],
        }))  # fmt: skip


def _ambiguous_line(who: str, found: Any) -> str:
    """A party several contacts are named like (walk finding 1): which ones, and how to say which it is."""
    numbers = [f'"#{cid}"' for cid in found.ids]
    named = ", ".join(numbers[:-1]) + f" or {numbers[-1]}"
    head = (
        f"{who} ({_count(found.exchanges, 'exchange')}): {len(found.ids)} contacts have this name ({named}),"
        " so none was chosen and none added"
    )
    if found.address is None:
        return f"{head}; nothing in this export tells which: log it on the right one, netlog log {numbers[0]} message."
    kind, value = found.address
    return f"{head}; store the address on the right one, then import again: netlog edit {numbers[0]} --add-{kind} {value}"


def _sync_lines(report: Any) -> None:
    for line in report.lines:
        _print(f"  {line}", file=sys.stderr)  # safe: a card's own text may be quoted in it


def numbered_item(item: DueItem) -> DueItem:
    """A due item whose contact's name another contact has too, naming them with their number as a command
    takes it ("Reconnect with Ana Lima (#10) — ..."): in the reason where it names them, else after it."""
    tag = f"{item.contact} (#{item.contact_id})"
    reason = item.reason.replace(item.contact, tag, 1) if item.contact in item.reason else f"{item.reason} ({tag})"
    return item._replace(contact=tag, reason=reason)


def listed_name(contact: dict[str, Any]) -> str:
    """A contact's name in a list; with its number when another contact has the same name, as a name that
    several contacts share is given ("#12") to any command."""
    return f"{contact['name']} (#{contact['id']})" if contact.get("name_shared") else contact["name"]


def _found_lines(number: int, r: dict[str, Any]) -> list[str]:
    """One result of `find`: who (and where), how warm, why it matched, who introduced you."""
    at = ", ".join(x for x in (r["title"], r["company"]) if x)
    lines = [f"{number}. {r['contact']}" + (f" ({at})" if at else "")]
    lines.append(f"   {r['tie']}" + (f"; introduced by {r['introduced_by']}" if r["introduced_by"] else ""))
    lines.append(f"   {r['matched']['field'].replace('_', ' ')}: {r['matched']['snippet']}")
    return lines


def _profile_lines(p: dict[str, Any], now: date, user: str) -> tuple[list[str], list[str], list[str]]:
    """A profile's facts, due lines and timeline lines, as plain text."""
    from netlog.rules.wording import format_span

    facts = [f"{p['strength']} tie, {p['warmth']}; keep in touch {format_span(p['cadence_days'])}"]
    work = ", ".join(x for x in (p["title"], p["company"]) if x)
    if work:
        facts.append(work)
    for label in ("email", "phone", "url"):
        listed = p.get(label + "s") or ([{"value": p[label], "label": None}] if p[label] else [])
        if listed:
            facts.append(f"{label}: " + ", ".join(e["value"] + (f" ({e['label']})" if e["label"] else "") for e in listed))
    if p["birthday"]:
        facts.append(f"birthday: {p['birthday']}")
    if p.get("moment"):
        facts.append(f"moment: {p['moment']} (noted {format_day(p['moment_on'], now)})")
    if p["tags"]:
        facts.append("tags: " + ", ".join(p["tags"]))
    if p.get("family"):
        facts.append(f"family (vCard RELATED: {p['family']}): never a daily pick without a cadence of its own")
    if p["introduced_by"]:
        facts.append(f"introduced by {p['introduced_by']} on {format_day(p['introduced_on'], now)}")
    for again in p.get("introductions", [])[1 if p["introduced_by"] else 0 :]:
        facts.append(f"introduced again by {again['by']} on {format_day(again['on'], now)}")
    if p["introduced"]:
        facts.append("introduced you to " + ", ".join(i["name"] for i in p["introduced"]))
    for offer in p.get("intros", []):
        why = f" ({offer['note']})" if offer["note"] else ""
        facts.append(f"intro you offered with {offer['with']}{why}, {format_day(offer['offered_on'], now)}: {offer['status']}")
    facts.append(_give_and_take(p["balance"]))
    if p["note"]:
        facts.append(f"note: {p['note']}")
    for kept in p.get("note_history", []):
        facts.append(f"noted {format_day(kept['on'], now)}: {kept['text']}")
    months = p["touches_per_month"]
    counts = [m["touches"] for m in months]
    facts.append(f"touches per month: {sparkline(counts)}  ({sum(counts)} in the last year, {_month_span(months)})")
    team = p["team"]
    if len(team) > 1 or any(t["user"] != user for t in team):  # worth saying only when someone else logged too
        facts.append(
            "known by: "
            + "; ".join(f"{t['user']} (last {format_day(t['last_touch'], now)}, {_count(t['touches'], 'touch')})" for t in team)
        )
    due_lines = [f"[{i.action}] {i.reason}" for i in p["due"]]
    timeline = [_touch_line(t, now) for t in p["touches"]] or ["no touches yet"]
    return facts, due_lines, timeline


def _stats_sections(s: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """`stats` as titled sections of (line, style)."""
    months = s["touches_per_month"]
    counts = [m["touches"] for m in months]
    intros = s["intros"]
    return [
        (f"{_count(s['contacts'], 'contact')} by strength", _bar_lines(s["by_strength"])),
        ("Warmth", _bar_lines(s["by_warmth"], WARMTH_STYLE)),
        (
            f"Due today: {_count(s['due_contacts'], 'contact')}",
            _bar_lines({a: n for a, n in s["due_by_action"].items() if n}, ACTION_STYLE),
        ),
        (
            f"Touches per month: {s['touches_last_year']} in the last year",
            [
                (f"{sparkline(counts)}  {_month_span(months)}, most in a month: {max(counts, default=0)}", ""),
                ("".join(date.fromisoformat(m["month"] + "-01").strftime("%b")[0] for m in months), "dim"),
            ],
        ),
        ("Give and take", [(f"favors given {s['favors']['given']}, received {s['favors']['received']}", "")]),
        (
            "Introductions",
            [(f"{_count(intros['received'], 'intro')} received; {_count(intros['people_met_through_intros'], 'contact')} met through one", "")]
            + ([("most from: " + ", ".join(f"{i['name']} ({i['intros']})" for i in intros["top_introducers"]), "")] if intros["top_introducers"] else [])
            + ([(f"{_count(intros['made'], 'intro')} made: two people you introduced", "")] if intros["made"] else []),
        ),
    ]
