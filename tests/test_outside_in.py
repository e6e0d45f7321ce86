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
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a machine without it: importing it fails
    monkeypatch.delitem(sys.modules, "netlog.storage.pgfast", raising=False)
    line = one_line_error(netlog("--db", url, "due", ok=False), "PostgreSQL needs its driver", "netlog[postgres]")
    assert "secret" not in line


def test_a_database_url_of_another_kind_is_one_line(netlog, monkeypatch):
    """Any server URL but psycopg's imported pgfast (and so psycopg) first: 'foo://x' was a traceback."""
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "netlog.storage.pgfast", raising=False)
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
