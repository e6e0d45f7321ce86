"""Output: Rich tables and panels on a terminal, plain text when piped, JSON for machines. The one place
that knows about Rich, and it imports Rich only when a terminal will see the result.
Data goes to stdout; messages go to stderr."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Any, Iterable, Sequence

from netlog.dates import format_ago, format_day

ACTION_STYLE = {"thank": "green", "nudge": "yellow", "meet": "cyan", "report-back": "magenta", "keep-in-touch": "blue"}
WARMTH_STYLE = {"warm": "green", "fading": "yellow", "cold": "blue", "new": "cyan"}


def _rich() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def day(on: date, today: date) -> str:
    """A date as people say it: 'today', 'yesterday', or 'Tue 17 Nov' with how long ago."""
    ago = format_ago(on, today)
    if ago in ("today", "yesterday", "tomorrow"):
        return ago
    return f"{format_day(on, today)} ({ago})"


def message(text: str) -> None:
    """A confirmation or notice, to stderr."""
    print(text, file=sys.stderr)


def text(body: str) -> None:
    """Plain text to stdout, as is (a draft to copy)."""
    sys.stdout.write(body if body.endswith("\n") else body + "\n")


def to_json(value: Any) -> str:
    """JSON with ISO dates and dataclasses as objects."""
    from dataclasses import asdict, is_dataclass

    def default(obj: Any) -> Any:
        if isinstance(obj, date):
            return obj.isoformat()
        if is_dataclass(obj):
            return asdict(obj)
        raise TypeError(type(obj).__name__)

    return json.dumps(value, default=default, ensure_ascii=False, indent=2)


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
        }
        for item in items
    ]


def due(items: Sequence[Any], on: date, today: date, as_json: bool = False) -> None:
    """The ranked due list."""
    if as_json:
        print(to_json(due_json(items)))
        return
    if not items:
        message(f"Nothing due {'today' if on == today else 'on ' + format_day(on, today)}. Your network is in good shape.")
        return
    if not _rich():
        for number, item in enumerate(items, 1):
            print(f"{number}. [{item.action}] {item.reason}")
        return
    from rich.table import Table

    table = Table(title=f"Due {format_day(on)}", title_justify="left", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Action", no_wrap=True)
    table.add_column("Contact", overflow="fold")
    table.add_column("Why", overflow="fold")
    table.add_column("Score", justify="right", style="dim")
    for number, item in enumerate(items, 1):
        style = ACTION_STYLE.get(item.action, "")
        table.add_row(str(number), f"[{style}]{item.action}[/]", item.contact, item.reason, f"{item.score:g}")
    _console().print(table)


def overview(contacts: Sequence[dict[str, Any]], now: date, as_json: bool = False) -> None:
    """The contact list."""
    if as_json:
        print(to_json(list(contacts)))
        return
    if not contacts:
        message("No contacts yet. Add one: netlog add \"Ana Lima\" --met-at PyCon")
        return
    if not _rich():
        for c in contacts:
            last = c["last_touch"].isoformat() if c["last_touch"] else "-"
            print(f"{c['name']}\t{c['strength']}\t{last}\t{c['warmth']}\t{', '.join(c['tags'])}")
        return
    from rich.table import Table

    table = Table(title=f"{len(contacts)} contacts", title_justify="left")
    table.add_column("Name", overflow="fold")
    table.add_column("Strength")
    table.add_column("Last touch", overflow="fold")
    table.add_column("Warmth")
    table.add_column("Company", overflow="fold")
    table.add_column("Tags", overflow="fold")
    for c in contacts:
        last = f"{c['last_touch_kind']}, {day(c['last_touch'], now)}" if c["last_touch"] else "-"
        warmth = c["warmth"]
        table.add_row(
            c["name"], c["strength"], last, f"[{WARMTH_STYLE[warmth]}]{warmth}[/]", c["company"] or "", ", ".join(c["tags"])
        )
    _console().print(table)


def _touch_line(t: dict[str, Any], now: date) -> str:
    arrow = {"in": "<-", "out": "->", "both": "<>"}[t["direction"]]
    bits = [f"{format_day(t['date'], now)}  {arrow} {t['kind']}"]
    if t["other"]:
        bits.append(f"to {t['other']}")
    if t["place"]:
        bits.append(f"at {t['place']}")
    if t["topics"]:
        bits.append(f"about {t['topics']}")
    line = " ".join(bits)
    return line + (f" — {t['note']}" if t["note"] else "")


def profile(p: dict[str, Any], now: date, as_json: bool = False) -> None:
    """One contact's facts, timeline, balance and what is due."""
    if as_json:
        shown = dict(p)
        shown["due"] = due_json(p["due"])
        print(to_json(shown))
        return
    from netlog.dates import format_span

    facts = [f"{p['strength']} tie, {p['warmth']}; keep in touch {format_span(p['cadence_days'])}"]
    work = ", ".join(x for x in (p["title"], p["company"]) if x)
    if work:
        facts.append(work)
    for label in ("email", "phone", "url", "birthday"):
        if p[label]:
            facts.append(f"{label}: {p[label]}")
    if p["tags"]:
        facts.append("tags: " + ", ".join(p["tags"]))
    if p["introduced_by"]:
        facts.append(f"introduced by {p['introduced_by']} on {format_day(p['introduced_on'], now)}")
    if p["introduced"]:
        facts.append("introduced you to " + ", ".join(i["name"] for i in p["introduced"]))
    bal = p["balance"]
    facts.append(f"favors: you gave {bal['favors_given']}, received {bal['favors_received']}")
    if p["note"]:
        facts.append(f"note: {p['note']}")
    if p["team"]:
        facts.append(
            "known by: "
            + "; ".join(
                f"{t['user']} (last {format_day(t['last_touch'], now)}, {t['touches']} touch{'es' if t['touches'] != 1 else ''})"
                for t in p["team"]
            )
        )
    due_lines = [f"[{i.action}] {i.reason}" for i in p["due"]]
    timeline = [_touch_line(t, now) for t in p["touches"]] or ["no touches yet"]
    if not _rich():
        print(f"{p['name']} (#{p['id']})")
        for line in facts:
            print(f"  {line}")
        if due_lines:
            print("Due:")
            for line in due_lines:
                print(f"  {line}")
        print("Timeline (newest first):")
        for line in timeline:
            print(f"  {line}")
        return
    from rich.markup import escape
    from rich.panel import Panel

    body = "\n".join(escape(f) for f in facts)
    if due_lines:
        body += "\n\n[bold]Due[/]\n" + "\n".join(escape(line) for line in due_lines)
    body += "\n\n[bold]Timeline[/] (newest first)\n" + "\n".join(escape(line) for line in timeline)
    _console().print(Panel(body, title=f"{escape(p['name'])} (#{p['id']})", title_align="left", expand=False))
