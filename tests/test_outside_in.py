"""A new user on a fresh machine (the outside-in audit): README's plain install, without the test or postgres
extras, walking the docs and making the mistakes people make. Each is one line, a non-zero exit, no traceback."""

import sys

import pytest


def one_line_error(result, *words: str) -> str:
    """The error a command printed: one line on stderr, exit 1, no traceback; it holds each of `words`."""
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("url", ["postgresql+psycopg://ana@127.0.0.1:1/netlog", "postgresql://ana:secret@127.0.0.1:1/netlog"])
def test_postgresql_without_its_driver_says_how_to_install_it(netlog, monkeypatch, url):
    """`pip install .` brings no psycopg (the postgres extra, docs/team.md): `--db postgresql://...` printed
    ModuleNotFoundError's traceback, since opening a server imported storage/pgfast.py whatever the URL."""
    with monkeypatch.context() as patch:  # undone before the fixtures' teardown (the PostgreSQL pass drops its database)
        patch.setitem(sys.modules, "psycopg", None)  # as on a machine without it: importing it fails
        patch.delitem(sys.modules, "netlog.storage.pgfast", raising=False)
        line = one_line_error(netlog("--db", url, "due", ok=False), "PostgreSQL needs its driver", "netlog[postgres]")
    assert "secret" not in line


def test_a_database_url_of_another_kind_is_one_line(netlog, monkeypatch):
    """Any server URL but psycopg's imported pgfast (and so psycopg) first: 'foo://x' was a traceback."""
    with monkeypatch.context() as patch:  # undone before the fixtures' teardown (the PostgreSQL pass drops its database)
        patch.setitem(sys.modules, "psycopg", None)
        patch.delitem(sys.modules, "netlog.storage.pgfast", raising=False)
        one_line_error(netlog("--db", "foo://x", "list", ok=False), "Cannot use the database URL foo://x")


def test_an_empty_whatsapp_file_says_it_is_empty(netlog, tmp_path):
    """It said 'Cannot tell which sender is you ... give your name with --me NAME', which is not why; with
    `netlog me --name` set, it logged nothing and exited 0, while a file of blank lines was refused."""
    empty = tmp_path / "WhatsApp Chat with Ana Lima.txt"
    empty.write_bytes(b"")
    one_line_error(netlog("import", "whatsapp", str(empty), ok=False), "is empty, not a WhatsApp chat export")
    netlog("me", "--name", "Sam Rivera")
    one_line_error(netlog("import", "whatsapp", str(empty), ok=False), "is empty, not a WhatsApp chat export")
    assert netlog.json("list") == []


@pytest.mark.parametrize(
    "source, name, text",
    [
        ("mail", "empty.mbox", ""),
        ("calendar", "empty.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"),
        ("linkedin-messages", "messages.csv",
         "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"),
    ],
)  # fmt: skip
def test_a_source_with_nothing_in_it_needs_no_owner(netlog, tmp_path, source, name, text):
    """An empty mailbox, calendar or messages.csv said 'Cannot tell which addresses are yours ... --me' and
    exited 1, where with --me it logs nothing: there is no one to tell apart."""
    path = tmp_path / name
    path.write_text(text)
    summary = netlog.json("import", source, str(path))
    assert (summary["read"], summary["new"]) == (0, 0)
    maildir = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)
    assert netlog.json("import", "mail", str(maildir))["read"] == 0


def test_a_typed_profile_url_must_be_a_web_address(netlog):
    """`add --url notaurl` and `edit --add-url notaurl` were stored and exported to every card, as a typo'd
    email was before f1d67f6; importers still keep what a file says."""
    netlog("add", "Ana Lima", "--url", "linkedin.com/in/ana-lima")
    for args in (["add", "Bo Berg", "--url", "notaurl"], ["edit", "Ana", "--url", "ana lima"],
                 ["edit", "Ana", "--add-url", "https://"]):  # fmt: skip
        one_line_error(netlog(*args, ok=False), "is not a web address")
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]
    assert [u["value"] for u in netlog.json("show", "Ana")["urls"]] == ["linkedin.com/in/ana-lima"]
    netlog("edit", "Ana", "--add-url", "https://ana.example")
    assert len(netlog.json("show", "Ana")["urls"]) == 2


def test_me_linkedin_must_be_a_linkedin_profile(netlog):
    """`me --linkedin notaurl` was kept: LinkedIn's messages.csv names people by their profile URL, so it could
    never tell your messages from theirs, and nothing said why."""
    for typed in ("notaurl", "https://example.org/sam", "https://www.linkedin.com/"):
        one_line_error(netlog("me", "--linkedin", typed, ok=False), "is not a LinkedIn profile URL")
    assert netlog.json("me")["linkedin"] is None
    for typed in ("https://www.linkedin.com/in/sam-rivera", "linkedin.com/in/sam-rivera/", "pt.linkedin.com/in/sam"):
        assert netlog.json("me", "--linkedin", typed)["linkedin"] == typed


def test_edit_with_nothing_to_change_says_so(netlog):
    """`netlog edit Ana` said "Updated Ana Lima." and changed nothing."""
    netlog("add", "Ana Lima")
    one_line_error(netlog("edit", "Ana", ok=False), "Nothing to change", "netlog edit --help")
    assert netlog("edit", "Ana", "--untag", "pycon").exit_code == 0  # any option is something to do


def test_words_of_the_import_summary_and_done_help(netlog, tmp_path):
    """'1 bad lines' (as '1 conflicts' was, 0909b0d); `done --help` listed the actions without reply, which
    `done NAME reply` takes and its error lists."""
    cards = tmp_path / "cards.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nthis is no property\r\nEND:VCARD\r\n")
    assert "0 skipped, 1 bad line." in netlog("import", "vcard", str(cards)).stderr
    assert "reply, thank, nudge" in " ".join(netlog("done", "--help").stdout.split())


def test_me_with_an_empty_name_speaks_of_you(netlog):
    """`me --name ""` said 'A contact needs a name.': the door's words for a contact, not for you."""
    one_line_error(netlog("me", "--name", " ", ok=False), "--name needs your name")
    assert netlog.json("me")["name"] is None


def test_a_draft_named_with_nothing_due_reads_as_a_letter(netlog):
    """`draft NAME DRAFT` writes a draft with nothing due ('name a draft to write one anyway'); the intro ones
    read 'Hi Gus and ,' / 'Gus, meet . , meet Gus Hall.', 'after my introduction . How', and 'I met the person
    you introduced me to , and' even when Gus had introduced Dara Wei."""
    netlog("me", "--name", "Sam Rivera")
    netlog("add", "Gus Hall", "--on", "3 weeks ago")
    one_line_error(netlog("draft", "Gus", "intro-send", ok=False), "No introduction of Gus Hall to send", 'netlog intro "Gus Hall" OTHER')
    netlog("log", "Gus", "intro", "--to", "Dara Wei", "--on", "2 weeks ago")
    report = netlog("draft", "Gus", "report-back").stdout
    assert "I met Dara Wei, and I wanted" in report
    assert "your introduction to Dara Wei: I wrote to Dara but" in netlog("draft", "Gus", "tell-introducer").stdout
    netlog("add", "Bo Berg")
    netlog("intro", "Gus", "Bo")
    assert "after my introduction. How" in netlog("draft", "Gus", "intro-check-in").stdout
    for draft in ("report-back", "tell-introducer", "intro-check-in", "intro-send"):
        text = netlog("draft", "Gus", draft).stdout
        assert not any(mark in text for mark in (" ,", " .", "  ")), (draft, text)


def test_stats_counts_the_intros_you_made(netlog):
    """Issue 8 asked stats for 'favors given vs received, intros made and received. --json too': stats counted
    the intros received only, and docs/json.md did not document stats --json."""
    for name in ("Ana Lima", "Bo Berg"):
        netlog("add", name)
    assert netlog.json("stats")["intros"]["made"] == 0
    assert "made" not in netlog("stats").stdout
    netlog("intro", "Ana", "Bo", "--why", "you are both hiring in Lisbon")
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")
    assert netlog.json("stats")["intros"]["made"] == 0  # offered, not sent yet
    netlog("intro", "Ana", "Bo", "--sent")
    assert netlog.json("stats")["intros"]["made"] == 1
    assert "1 intro made" in netlog("stats").stdout


def test_merging_two_records_of_one_name_says_which(netlog):
    """`merge "#1" "#2"` of two Ana Limas said "Merged Ana Lima into Ana Lima."."""
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("add", "Ana Lima", "--new", "--email", "ana@example.org")
    assert "Merged Ana Lima (#2) into Ana Lima (#1)." in netlog("merge", "#1", "#2", "--yes").stderr
