"""Kim's month replayed through the real CLI (in process), morning by morning, as she lived it (issue 23).

Each morning, with NETLOG_TODAY set to it: the first morning's setup (`me`, her LinkedIn and vCard contacts,
three strengths she knows), then the imports of that morning's exports, then `due --json` (the list as she
finds it), then what she did (script in persona.month: `draft ... --sent`, `thank ... --sent`, `log`, and the
review policies), then `due --json` again (the list after acting on it). At the end, `show --json` for everyone
the month is about. Every CLI run is kept in the journal with its exit code and output, so a test can say
what happened on which morning.

    python tests/persona/replay.py [--db URL]     # replays into a temporary SQLite file; prints the counts

The zone is Berlin's (the process's TZ is set while replaying): a day is Kim's day."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

if __package__ in (None, ""):  # run as a script: make `persona` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from persona.month import FAMILY, LAST_MORNING, MONTH, ORGS, P, Month  # noqa: E402

NOT_PROFESSIONAL = frozenset(p.name for p in (*ORGS, *FAMILY))


@dataclass
class Run:
    """One CLI run: the morning, the words typed, and what came back."""

    on: date
    args: list[str]
    code: int
    stdout: str
    stderr: str
    error: str | None = None  # an exception that escaped the CLI (a traceback for the user), as repr

    def json(self):
        return json.loads(self.stdout)


@dataclass
class Day:
    """One morning: the list after the imports (`due`), the runs, the list after acting on it (`after`)."""

    on: date
    due: list[dict] = field(default_factory=list)
    after: list[dict] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)


@dataclass
class Journal:
    days: list[Day] = field(default_factory=list)
    shown: dict[str, dict] = field(default_factory=dict)  # name -> `show NAME --json` on the last morning
    end: dict[str, Run] = field(default_factory=dict)  # what was asked on the last morning, by label

    @property
    def runs(self) -> list[Run]:
        return [run for d in self.days for run in d.runs]

    def imports(self, source: str) -> list[Run]:
        return [r for r in self.runs if r.args[:2] == ["import", source]]

    def items(self) -> Iterator[tuple[date, dict]]:
        """(morning, item) for every item of every morning's list as she found it."""
        for d in self.days:
            for item in d.due:
                yield d.on, item

    def counts(self) -> dict:
        """The month's figures: items listed in 30 mornings, by action and occasion, and replies owed."""
        actions = Counter(item["action"] for _, item in self.items())
        occasions = Counter(item["occasion"] for _, item in self.items())
        distinct = {(item["contact"], item["action"], item["event_on"]) for _, item in self.items()}
        return {
            "mornings": len(self.days),
            "items": sum(actions.values()),
            "distinct_items": len(distinct),  # an item listed on several mornings counts once
            "distinct_replies_owed": sum(1 for _, action, _ in distinct if action == "reply"),
            "by_action": dict(actions.most_common()),
            "by_occasion": dict(occasions.most_common()),
            "replies_owed": actions.get("reply", 0),
            "per_morning": {str(d.on): len(d.due) for d in self.days},
            "failed_runs": [(str(r.on), " ".join(r.args), r.code, (r.error or r.stderr.strip())[:160])
                            for r in self.runs if r.code != 0],  # fmt: skip
        }


def picks(items: list[dict]) -> list[dict]:
    """The day's reconnect picks (the allowance drawn from dormant ties)."""
    return [i for i in items if i["occasion"] == "reconnect"]


class Replayer:
    """Drives the CLI for one month into one database."""

    def __init__(self, folder: Path, db: str, month: Month = MONTH) -> None:
        from typer.testing import CliRunner

        self.folder, self.db, self.month = folder, db, month
        self.runner = CliRunner()
        self.journal = Journal()
        self.day: Day | None = None

    def env(self, on: date) -> dict[str, str | None]:
        return {
            "NETLOG_DB": self.db, "NETLOG_TODAY": on.isoformat(), "NETLOG_USER": "kim", "NO_COLOR": "1",
            "XDG_DATA_HOME": str(self.folder / "xdg-data"), "XDG_CONFIG_HOME": str(self.folder / "xdg-config"),
            "NETLOG_TEMPLATES": None, "NETLOG_RECONNECT": None, "TZ": "Europe/Berlin",
        }  # fmt: skip

    def run(self, *args: str) -> Run:
        from netlog.cli import app

        result = self.runner.invoke(app, list(args), env=self.env(self.day.on), prog_name="netlog")
        escaped = result.exception if not isinstance(result.exception, SystemExit) else None
        run = Run(self.day.on, list(args), result.exit_code, result.stdout, result.stderr, repr(escaped) if escaped else None)
        self.day.runs.append(run)
        return run

    def due(self) -> list[dict]:
        run = self.run("due", "--json")
        return run.json() if run.code == 0 else []

    def replay(self) -> Journal:
        self.month.write(self.folder)
        for plan in self.month.mornings:
            self.day = Day(plan.on)
            self.journal.days.append(self.day)
            for words in plan.setup:
                self.run(*(self.file(w) for w in words))
            for source in plan.imports:
                self.import_(source)
            self.day.due = self.due()
            for words in plan.actions:
                self.act(words)
            self.day.after = self.due() if plan.actions else self.day.due
        self.finish()
        return self.journal

    def file(self, word: str) -> str:
        return str(self.folder / word[1:-1]) if word.startswith("{") else word

    def import_(self, source: str) -> None:
        on = self.day.on.isoformat()
        if source == "mail":
            self.run("import", "mail", str(self.folder / "mail" / f"takeout-{on}.mbox"), "--json")
        elif source == "telegram":
            self.run("import", "telegram", str(self.folder / "telegram" / on / "result.json"), "--json")
        elif source == "calendar":
            run = self.run("import", "calendar", str(self.folder / "calendar.ics"), "--json")
            if run.code != 0:  # what she did: delete the event that breaks it, export again, import that
                fixed = self.folder / "calendar-without-the-time-only-event.ics"
                fixed.write_text(self.month.calendar(broken=False), encoding="utf-8", newline="")
                self.run("import", "calendar", str(fixed), "--json")
        else:
            raise ValueError(source)

    def act(self, words: list[str]) -> None:
        if words == ["review-picks"]:  # x on each pick that is no professional tie, as the list first showed them
            for item in picks(self.day.due):
                if item["contact"] in NOT_PROFESSIONAL:
                    self.run("done", f"#{item['contact_id']}", "keep-in-touch")
        elif words == ["reach-out"]:  # write to the first professional pick
            first = next((i for i in picks(self.day.due) if i["contact"] not in NOT_PROFESSIONAL), None)
            if first is not None:
                self.run("draft", f"#{first['contact_id']}", "reconnect", "--sent")
        else:
            self.run(*words)

    def finish(self) -> None:
        """On the last morning: every timeline the month is about, and the draft a reply owed should have."""
        last = self.journal.days[-1]
        assert last.on == LAST_MORNING
        names = {p.name for p in P.values()}
        for name in sorted(names):
            run = self.run("show", name, "--json")
            if run.code == 0:
                self.journal.shown[name] = run.json()
        self.journal.end["draft-reply"] = self.run("draft", "Mei Chen", "reply")


@contextmanager
def berlin() -> Iterator[None]:
    """The process's zone set to Berlin (readers put moments in the machine's zone), and back after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def replay_month(folder: Path, db: str) -> Journal:
    """The whole month into database `db` (a path or URL), the files written under `folder`."""
    with berlin():
        return Replayer(folder, db).replay()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory() as tmp:
        db = args[args.index("--db") + 1] if "--db" in args else str(Path(tmp) / "kim.db")
        started = time.perf_counter()
        journal = replay_month(Path(tmp), db)
        counts = journal.counts()
        counts["seconds"] = round(time.perf_counter() - started, 1)
        print(json.dumps(counts, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
