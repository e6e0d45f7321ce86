"""Hostile and odd input through every command of the real CLI: every run exits 0, or 1/2 with a short
message, never a traceback; the database stays intact, and a run that failed wrote nothing (fuzzing.run).
Each example starts from a seeded network (fuzzing.SEED: two Ana Limas, an intro, a favor, a birthday...).
Profiles live in conftest.py: the default is CI-sized; `pytest --hypothesis-profile=long tests/test_fuzz*.py`."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from fuzzing import (
    actions,
    birthdays,
    cadences,
    command_line,
    dates,
    drafts,
    emails,
    example_folder,
    examples,
    flag,
    fresh_network,
    kinds,
    levels,
    maybe,
    names,
    numbers,
    paths,
    run,
    text,
    urls,
)  # fmt: skip
from hypothesis import given, settings
from hypothesis import strategies as st

EXAMPLES = examples(0.4)  # of each command (fuzzing.examples)

FIXTURE_FILES = [str(Path(__file__).parent / "fixtures" / name) for name in
                 ("linkedin.csv", "cards.vcf", "google.csv", "vdir", "touches/takeout.mbox", "touches/maildir",
                  "touches/calendar.ics", "touches/messages.csv", "touches/result.json",
                  "touches/whatsapp/WhatsApp Chat with Noor Haddad.txt")]  # fmt: skip
FORMATS = ["linkedin", "vcard", "google", "json", "mail", "calendar", "linkedin-messages", "telegram", "whatsapp"]
import_files = st.one_of(
    st.sampled_from(FIXTURE_FILES),
    paths("new", "folder", "folder/", "missing", "existing", "link", "dangling", "database", "long", typed=["-", "/dev/null", ""]),
)
outputs = paths("new", "folder", "folder/", "missing", "existing", "link", "dangling", "database", "long", typed=["-", "/dev/null", "/dev/full", ""])

COMMANDS = {
    "add": command_line("add", [maybe(names)], {
        "--on": dates, "--met-at": text, "--topics": text, "--strength": levels, "--email": emails, "--company": text,
        "--title": text, "--tag": text, "--note": text, "--introduced-by": names, "--every": cadences, "--new": flag,
        "--thank": flag, "--no-thank": flag, "--advice": text}),
    "log": command_line("log", [names, maybe(kinds)], {
        "--on": dates, "--note": text, "--received": flag, "--to": names, "--met-at": text, "--topics": text,
        "--no-reply": flag, "--thank": flag, "--no-thank": flag, "--advice": text}),
    "due": command_line("due", [], {"--on": dates, "--limit": numbers, "-n": numbers, "--all": flag, "--mine": flag,
                                    "--reconnect": numbers, "--json": flag}),
    "thank": command_line("thank", [names], {"--edit": flag, "--sent": flag}),
    "draft": command_line("draft", [names, maybe(drafts)], {"--edit": flag, "--sent": flag, "--mailto": flag}),
    "review": command_line("review", [], {"--on": dates, "--limit": numbers}),  # not a terminal here: one line
    "list": command_line("list", [], {"--tag": text, "--at": text, "--met-at": text, "--strength": levels, "--all": flag,
                                      "--json": flag}),
    "find": command_line("find", [maybe(text)], {"--at": text, "--met-at": text, "--tag": text, "--strength": levels,
                                                 "--limit": numbers, "--json": flag}),
    "show": command_line("show", [names], {"--json": flag}),
    "stats": command_line("stats", [], {"--json": flag}),
    "edit": command_line("edit", [names], {
        "--name": text, "--strength": levels, "--email": emails, "--company": text, "--title": text, "--tag": text,
        "--untag": st.one_of(st.sampled_from(["pycon", "mentor"]), text), "--note": text, "--edit-note": flag,
        "--every": cadences, "--birthday": birthdays, "--moment": text}),
    "rm": command_line("rm", [names], {"--yes": flag, "-y": flag, "--card": flag}),
    "snooze": command_line("snooze", [names], {"--until": dates}),
    "done": command_line("done", [names, actions], {}),
    "path": command_line("path", [], {}),
    "digest": command_line("digest", [], {"--format": st.one_of(st.sampled_from(["text", "markdown", "md"]), text),
                                          "--limit": numbers, "-n": numbers}),
    "intro": command_line("intro", [names, names], {"--note": text, "--yes-from": names, "--declined-by": names, "--sent": flag}),
    "dupes": command_line("dupes", [], {"--json": flag}),
    "merge": command_line("merge", [names, names], {"--yes": flag, "-y": flag}),
    "import": command_line("import", [st.one_of(st.sampled_from(FORMATS), text), import_files, maybe(import_files)], {
        "--dry-run": flag, "--tag": text, "--since": dates, "--me": st.one_of(emails, urls, text), "--no-subjects": flag,
        "--add-new": flag, "--json": flag}),
    "export": command_line("export", [st.one_of(st.sampled_from(["json", "vcard", "ics", "csv"]), text)], {
        "-o": outputs, "--output": outputs, "--version": st.one_of(st.sampled_from(["3.0", "4.0", "2.1"]), text),
        "--vdir": paths("new", "folder", "missing", "existing", "link", "database", typed=["/dev/null", ""]),
        "--days": numbers, "--as": st.one_of(st.sampled_from(["todos", "events"]), text), "--excel": flag}),
    "backup": command_line("backup", [maybe(paths("new", "folder", "folder/", "missing", "existing", "link", "dangling",
                                                   "fifo", "database", "long", typed=[""]))], {}),
    "sync": command_line("sync", [st.one_of(st.sampled_from(["contacts", "calendar"]), text),
                                  paths("new", "folder", "folder/", "missing", "existing", "link", "dangling", "fifo", "database",
                                        "long", typed=["/dev/null", ""])],
                         {"--dry-run": flag, "--json": flag, "--days": numbers, "--as": st.one_of(st.sampled_from(["todos", "events"]), text)}),
    "me": command_line("me", [], {"--name": text, "--email": emails, "--linkedin": urls,
                                 "--region": st.one_of(st.sampled_from(["PT", "us", "XX"]), text), "--json": flag}),
}  # fmt: skip

# What a run may find in its environment: an editor (--edit, --edit-note) that keeps the text, fails, is
# missing or writes something hostile; a hostile $NETLOG_RECONNECT, $NETLOG_USER or $NETLOG_TODAY.
WRITES_TEXT = "sh -c 'printf %s \"$NETLOG_FUZZ_TEXT\" > \"$0\"'"
env_text = text.map(lambda t: t.replace("\x00", ""))
environments = st.one_of(
    st.none(),
    st.builds(lambda editor, written: {"VISUAL": editor, "NETLOG_FUZZ_TEXT": written},
              st.sampled_from(["true", "false", "/no/such/editor", "", WRITES_TEXT, WRITES_TEXT]), env_text),
    st.builds(lambda n: {"NETLOG_RECONNECT": n}, numbers.map(lambda t: t.replace("\x00", ""))),
    st.builds(lambda user: {"NETLOG_USER": user}, env_text),
    st.builds(lambda day: {"NETLOG_TODAY": day}, dates.map(lambda t: t.replace("\x00", ""))),
)  # fmt: skip


def special_files_intact(root: Path) -> None:
    """A symlink or a FIFO that a path named is never replaced by a file."""
    out = root / "out"
    for name in ("link", "dangling"):
        if os.path.lexists(out / name):
            assert (out / name).is_symlink(), f"{name} was replaced"
    if os.path.lexists(out / "fifo"):
        assert (out / "fifo").is_fifo(), "the FIFO was replaced"


@pytest.mark.parametrize("command", sorted(COMMANDS))
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_every_command_takes_anything(tmp_path, command, data):
    before, root = fresh_network(), example_folder(tmp_path)
    args = data.draw(COMMANDS[command], label="args")
    env = data.draw(environments, label="env")
    run(args, root, before, env=env)
    special_files_intact(root)


def test_every_command_is_fuzzed():
    from netlog.cli import COMMANDS as REGISTERED

    assert sorted(REGISTERED) == sorted(COMMANDS)


DATABASES = paths("new", "folder", "folder/", "missing", "existing", "link", "dangling", "long", "url",
                  typed=["", "sqlite://", "sqlite:////no/such/folder/x.db", "postgresql+psycopg://sam:s3cret@127.0.0.1:1/netlog",
                         "postgresql://", "mysql://sam@127.0.0.1:1/x", "foo://bar"])  # fmt: skip
ANYWHERE = st.sampled_from([["path"], ["list"], ["add", "Ana Lima"], ["dupes"], ["backup"], ["stats", "--json"], []])


@settings(max_examples=EXAMPLES)
@given(db=maybe(DATABASES), then=ANYWHERE, extra=st.lists(st.sampled_from(["--version", "--help", "-h", "--db", "--bogus"]), max_size=2))
def test_the_root_options_take_anything(tmp_path, db, then, extra):
    before, root = fresh_network(), example_folder(tmp_path)
    args = (["--db", db] if db is not None else []) + extra + then
    run(args, root, before if db is None else None)
    made = root / "out"
    for file in made.iterdir() if made.is_dir() else ():
        if file.is_file() and file.read_bytes()[:16] == b"SQLite format 3\x00":
            with sqlite3.connect(file) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
