"""The stateful fuzz (issue 27): sequences of commands and imports on ONE database, each step followed by every
read command. The other fuzz tests start each example from a fresh copy of the seeded network and read
what a run stored back through the JSON importer, so a value that one command stores and another cannot
read later (a touch on 9999-12-30, a date after today from an importer) never shows there; here it does.

After each step (add, log, edit, snooze, done, rm, merge, intro, and imports of generated JSON backups,
LinkedIn rows and mail) the reads `due --json`, `list --json`, `show`, `stats --json`, `export json` and
`export csv` must each exit 0, or 1 with one `netlog: ` line: never a traceback. The step itself must keep
the same rule (fuzzing.run's invariants, without its byte-identical check: a step may write).

Profiles (conftest.py): the default one is derandomised and CI-sized (a few seconds); the long one runs
many more and longer sequences: pytest tests/test_fuzz_state.py --hypothesis-profile=long -s"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from conftest import SUITE_URL, TODAY, _fresh_database
from fuzzing import COUNTS, RUNNER

LONG = settings.default.max_examples >= 1_000  # the long profile (conftest.py)
STATE_SETTINGS = settings(
    max_examples=settings.default.max_examples // 10 if LONG else 12,
    stateful_step_count=30 if LONG else 10,
    derandomize=not LONG,  # CI: the same sequences every run
    database=None if not LONG else settings.default.database,
    # CI: report the first failing sequence as found (shrinking it costs tens of seconds); the long profile shrinks
    phases=list(Phase) if LONG else [Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# --- values: mostly plausible, with the edges the door must hold (far-future and far-past days) ----------

NAMES = ["Ana Lima", "Bo Berg", "Cy Ng", "Renée Fournier", "Noor Haddad"]
names = st.sampled_from(NAMES)
typed_names = st.one_of(names, st.sampled_from(["#1", "#2", "#3", "ana", "Berg"]))
EDGE_DAYS = ["9999-12-30", "9999-12-29", "9999-12-31", "9998-01-01", "1900-01-01", "1900-01-02", "2000-02-29",
             "2026-11-23", "2026-11-24", "2026-12-31", "2027-01-01"]  # fmt: skip
days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates().map(str))
typed_days = st.one_of(days, st.sampled_from(["today", "yesterday", "last friday", "3 days ago", "in 2 weeks"]))
todays = st.sampled_from(["9999-12-30", "9999-12-29", "9900-06-15", "1900-01-01", "2026-11-23", "2030-02-28"])
kinds = st.sampled_from(["met", "call", "coffee", "meal", "video", "email", "message", "intro", "favor-given",
                         "favor-received", "thanks", "share", "congrats", "report"])  # fmt: skip
backup_kinds = st.sampled_from(["met", "call", "coffee", "email", "intro", "favor-received", "thanks", "connected"])
levels = st.sampled_from(["acquaintance", "weak", "medium", "strong", "close"])
cadences = st.sampled_from(["1d", "2w", "3 months", "45d", "36500d", "100y"])
birthdays = st.sampled_from(["03-14", "02-29", "12-31", "01-01", "1990-02-28", "9999-12-31", "1900-01-01"])
actions = st.sampled_from(["thank", "nudge", "meet", "report-back", "keep-in-touch", "intro"])
texts = st.sampled_from(["likes search", "café ☕", "two\nlines", "x" * 500, "Head of\nData", ""])
connected_on = st.sampled_from(["30 Dec 9999", "31 Dec 9999", "14 Nov 2026", "01 Dec 2026", "29 Feb 2024", "07 Jul 0115",
                                "23 Nov 2026", ""])  # fmt: skip
mail_dates = st.sampled_from(["Thu, 30 Dec 9999 10:00:00 +0000", "30 Dec 9999", "Tue, 1 Dec 2026 10:00:00 +0000",
                              "Sun, 22 Nov 2026 23:30:00 -1000", "Mon, 1 Jan 1900 00:00:00 +1400", "Fri, 20 Nov 2026 10:00:00 +0000"])  # fmt: skip


@st.composite
def backups(draw) -> dict:
    """A netlog JSON backup (format 2) of a few contacts with touches, dismissals, snoozes and moments on
    plausible and edge days: what a restore, or a backup edited by hand, may bring."""
    contacts = []
    for name in draw(st.lists(names, min_size=1, max_size=3, unique=True)):
        record = {"id": draw(st.integers(1, 50)), "name": name, "strength": draw(st.integers(1, 5)),
                  "created_on": draw(days)}  # fmt: skip
        if draw(st.booleans()):
            record["cadence_days"] = draw(st.sampled_from([1, 14, 90, 36_500]))
        if draw(st.booleans()):
            record["birthday"] = draw(birthdays)
        if draw(st.booleans()):
            record["snoozed_until"] = draw(days)
        if draw(st.booleans()):
            record["moment"], record["moment_on"] = "started at Contoso", draw(days)
        if draw(st.booleans()):
            record["dismissals"] = {draw(actions): draw(days)}
        direction = st.sampled_from(["in", "out", "both"])
        record["touches"] = [{"kind": draw(backup_kinds), "happened_on": draw(days), "direction": draw(direction)}
                             for _ in range(draw(st.integers(0, 3)))]  # fmt: skip
        contacts.append(record)
    ids = [c["id"] for c in contacts]
    if len(set(ids)) != len(ids):
        for number, record in enumerate(contacts, 1):
            record["id"] = number
    return {"format": "netlog", "version": 2, "exported_on": TODAY, "contacts": contacts}


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


@st.composite
def linkedin_files(draw) -> str:
    """A LinkedIn Connections.csv (its preamble, header and a few rows)."""
    rows = []
    for name in draw(st.lists(names, min_size=1, max_size=3)):
        first, _, last = name.partition(" ")
        url = f"https://www.linkedin.com/in/{first.lower()}-{draw(st.integers(1, 3))}"
        position = draw(st.sampled_from(["Engineer", "Head of\nData", "VP, Sales", 'The "best"', ""]))
        rows.append(",".join(_csv_cell(v) for v in (first, last, url, "", "Acme", position, draw(connected_on))))
    return ("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows) + "\n")  # fmt: skip


@st.composite
def mailboxes(draw) -> bytes:
    """An mbox of a few mails between the user (kim.oduya@example.org) and the contacts, on plausible and edge days."""
    out = []
    for number in range(draw(st.integers(1, 3))):
        name = draw(names)
        address = name.split()[0].lower().replace("é", "e") + "@example.org"
        incoming = draw(st.booleans())
        sender, recipient = (f"{name} <{address}>", "kim.oduya@example.org") if incoming else ("kim.oduya@example.org", f"{name} <{address}>")
        out.append(f"From x Thu Nov 12 10:00:00 2026\nFrom: {sender}\nTo: {recipient}\nDate: {draw(mail_dates)}\n"
                   f"Message-ID: <{number}-{draw(st.integers(0, 10**6))}@x>\nSubject: hi\n\nhello\n\n")  # fmt: skip
    return "".join(out).encode("utf-8")


# --- the machine --------------------------------------------------------------------------------------------


class Network(RuleBasedStateMachine):
    """One database through a sequence of commands; every read checked after every step."""

    root: Path  # set by the test: the folder each sequence makes its own under

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="sequence-", dir=self.root))
        if SUITE_URL:
            self.db, self.drop = _fresh_database(SUITE_URL)
        else:
            self.db, self.drop = str(self.folder / "netlog.db"), lambda: None
        self.files = 0
        self.steps: list[str] = []
        self.cli("me", "--name", "Kim Oduya", "--email", "kim.oduya@example.org")

    def teardown(self) -> None:
        self.drop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def cli(self, *args: str, today: str = TODAY):
        """Run `netlog --db DB ARGS` on `today`: exit 0, 1 with one `netlog: ` line, or 2 (a usage error)."""
        COUNTS["runs"] += 1
        from netlog.cli import app

        result = RUNNER.invoke(app, ["--db", self.db, *args], env={"NETLOG_TODAY": today}, prog_name="netlog")
        where = f"netlog {list(args)!r} (NETLOG_TODAY={today})"[:600]
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            trace = "".join(traceback.format_exception(*result.exc_info))[-3_000:]
            raise AssertionError(f"{where} raised:\n{trace}")
        assert result.exit_code in (0, 1, 2), (where, result.exit_code, result.stderr[-1_000:])
        assert "Traceback" not in result.stderr, (where, result.stderr[-1_000:])
        if result.exit_code in (1, 2):  # a user error or a usage error: one line either way
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("netlog: "), (where, result.stderr[-1_000:])
        return result

    def file(self, suffix: str, content: bytes | str) -> str:
        self.files += 1
        COUNTS["files"] += 1
        path = self.folder / f"input-{self.files}{suffix}"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)

    # writes

    @rule(name=names, on=typed_days, strength=levels, every=st.one_of(st.none(), cadences))
    def add(self, name, on, strength, every):
        self.cli("add", name, "--on", on, "--strength", strength, "--new", *(["--every", every] if every else []))

    @rule(name=names, today=todays)
    def add_on_another_day(self, name, today):
        """NETLOG_TODAY at an edge (a clock set wrong, a test): what it stores must stay readable on every other day."""
        self.cli("add", name, today=today)

    @rule(name=typed_names, kind=kinds, on=typed_days, received=st.booleans())
    def log(self, name, kind, on, received):
        extra = ["--to", "Cy Ng"] if kind == "intro" else (["--received"] if received and kind in ("email", "message") else [])
        self.cli("log", name, kind, "--on", on, *extra)

    @rule(name=typed_names, today=todays, kind=kinds)
    def log_on_another_day(self, name, today, kind):
        self.cli("log", name, kind, today=today)

    @rule(name=typed_names, option=st.sampled_from(["--birthday", "--every", "--note", "--moment", "--strength", "--name", "--title"]),
          data=st.data())  # fmt: skip
    def edit(self, name, option, data):
        value = {"--birthday": birthdays, "--every": cadences, "--note": texts, "--moment": texts, "--strength": levels,
                 "--name": names, "--title": texts}[option]  # fmt: skip
        self.cli("edit", name, option, data.draw(value, label="value"))

    @rule(name=typed_names, until=typed_days)
    def snooze(self, name, until):
        self.cli("snooze", name, "--until", until)

    @rule(name=typed_names, action=actions, today=st.one_of(st.just(TODAY), todays))
    def done(self, name, action, today):
        self.cli("done", name, action, today=today)

    @rule(name=typed_names)
    def rm(self, name):
        self.cli("rm", name, "--yes")

    @rule(keep=typed_names, other=typed_names)
    def merge(self, keep, other):
        self.cli("merge", keep, other, "--yes")

    @rule(a=typed_names, b=typed_names, step=st.sampled_from([[], ["--sent"], ["--yes-from", "Ana Lima"]]))
    def intro(self, a, b, step):
        self.cli("intro", a, b, *step)

    # imports

    @rule(document=backups())
    def import_json(self, document):
        self.cli("import", "json", self.file(".json", json.dumps(document)))

    @rule(content=linkedin_files())
    def import_linkedin(self, content):
        self.cli("import", "linkedin", self.file(".csv", content))

    @rule(content=mailboxes(), add_new=st.booleans())
    def import_mail(self, content, add_new):
        self.cli("import", "mail", self.file(".mbox", content), *(["--add-new"] if add_new else []))

    # every read, after every step

    @invariant()
    def every_read_still_works(self):
        listed = self.cli("list", "--json")
        self.cli("due", "--json")
        self.cli("stats", "--json")
        self.cli("export", "json")
        self.cli("export", "csv")
        shown = []
        if listed.exit_code == 0:
            contacts = json.loads(listed.stdout)
            shown = [f"#{c['id']}" for c in contacts[:1] + contacts[-1:]]
        for typed in dict.fromkeys(shown or ["#1"]):
            self.cli("show", typed)
            self.cli("show", typed, "--json")
        if not SUITE_URL and Path(self.db).exists():
            with sqlite3.connect(self.db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sequences_of_commands_on_one_database_keep_every_read_working(tmp_path):
    Network.root = tmp_path
    run_state_machine_as_test(Network, settings=STATE_SETTINGS)
