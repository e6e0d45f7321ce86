"""mailto: links (RFC 6068) for a draft, pure (netlog.ui.mailto), and `netlog draft NAME --mailto` through the
real CLI, with a fake xdg-open on PATH that keeps the link it was given."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netlog.errors import BadInput
from netlog.ui.mailto import mailto_link


def test_a_link_with_subject_and_body():
    assert mailto_link("ana@example.org", "Thank you", "Hi Ana,\n\nThanks!\n") == (
        "mailto:ana@example.org?subject=Thank%20you&body=Hi%20Ana%2C%0D%0A%0D%0AThanks%21"
    )


def test_everything_but_unreserved_characters_is_percent_encoded():
    link = mailto_link("sam+netlog@example.org", "Q&A: 50% = half? #1", "a+b café\r\nnext")
    assert link.startswith("mailto:sam%2Bnetlog@example.org?subject=Q%26A%3A%2050%25%20%3D%20half%3F%20%231&body=")
    assert link.endswith("body=a%2Bb%20caf%C3%A9%0D%0Anext")  # UTF-8; CRLF kept as one line break; "+" never a space
    assert " " not in link and "\n" not in link


def test_an_empty_subject_or_body_is_left_out():
    assert mailto_link("ana@example.org", "", "") == "mailto:ana@example.org"
    assert mailto_link("ana@example.org", " ", "Hi") == "mailto:ana@example.org?body=Hi"


@pytest.mark.parametrize("address", ["", "ana", "@example.org", "ana@", "a@x.org, b@y.org", "ana lima@x.org", "a@x.org\nBcc: b@y.org"])
def test_one_address_or_a_clear_error(address):
    with pytest.raises(BadInput, match="not an email address"):
        mailto_link(address, "Hi", "Hi")


@given(subject=st.text(), body=st.text())
def test_the_mail_app_reads_back_what_was_drafted(subject, body):
    parts = urlsplit(mailto_link("ana@example.org", subject, body))
    fields = dict(field.split("=", 1) for field in parts.query.split("&")) if parts.query else {}
    assert parts.scheme == "mailto" and unquote(parts.path) == "ana@example.org"
    assert unquote(fields.get("subject", "")) == " ".join(subject.split())
    expected = "\r\n".join(body.rstrip("\n").replace("\r\n", "\n").split("\n"))
    assert unquote(fields.get("body", "")) == expected


# netlog draft NAME --mailto


def fake_opener(folder: Path, code: int = 0) -> Path:
    """An xdg-open that writes the link it was given to `folder`/opened and exits with `code`."""
    folder.mkdir(exist_ok=True)
    script = folder / "xdg-open"
    script.write_text(f"#!{sys.executable}\nimport sys\nopen({str(folder / 'opened')!r}, 'w').write(sys.argv[1])\nsys.exit({code})\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder / "opened"


@pytest.fixture
def ana(netlog):
    netlog("me", "--name", "Sam Rivera")
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--on", "2026-11-22", "--email", "ana@example.org")
    return netlog


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS opens links with open(1), not xdg-open")
def test_draft_mailto_opens_the_mail_app(ana, tmp_path, monkeypatch):
    opened = fake_opener(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = ana("draft", "Ana", "--mailto")
    assert result.stdout == ""
    assert result.stderr.strip() == 'Opened in your mail app: to ana@example.org, "Thank you".'
    link = opened.read_text()
    assert link.startswith("mailto:ana@example.org?subject=Thank%20you&body=Hi%20Ana%2C%0D%0A%0D%0AThank%20you")
    assert unquote(link).endswith("Best,\r\nSam Rivera")
    assert [t["kind"] for t in ana.json("show", "Ana")["touches"]] == ["met"]  # opening is not sending


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS opens links with open(1), not xdg-open")
def test_draft_mailto_prints_the_link_when_nothing_opens_it(ana, tmp_path, monkeypatch):
    fake_opener(tmp_path / "broken", code=3)
    for path in (tmp_path / "empty", tmp_path / "broken"):  # no xdg-open at all; one that fails
        path.mkdir(exist_ok=True)
        monkeypatch.setenv("PATH", str(path))
        result = ana("draft", "Ana", "--mailto")
        assert result.stdout.startswith("mailto:ana@example.org?subject=Thank%20you&body=") and result.stdout.count("\n") == 1
        assert "Nothing here opens links (no xdg-open); open this one in your mail app:" in result.stderr


def test_draft_mailto_edit_reads_the_subject_back_and_sent_logs_it(ana, tmp_path, monkeypatch):
    editor = tmp_path / "editor"
    editor.write_text(f"#!{sys.executable}\nimport sys\np = sys.argv[1]\nt = open(p).read()\n"
                      "open(p, 'w').write(t.replace('Subject: Thank you', 'Subject: PyCon!') + 'PS\\n')\n")  # fmt: skip
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    monkeypatch.setenv("PATH", str(tmp_path))  # no xdg-open: the link is printed
    result = ana("draft", "Ana", "--mailto", "--edit", "--sent")
    link = result.stdout.strip()
    assert link.startswith("mailto:ana@example.org?subject=PyCon%21&body=Hi%20Ana") and unquote(link).endswith("\r\nPS")
    assert "Subject" not in unquote(link.split("body=")[1])
    assert "Logged the thank-you you sent (thanks, today)." in result.stderr
    assert ana.json("show", "Ana")["touches"][0]["kind"] == "thanks"


def test_draft_mailto_without_an_email_address_is_one_line(netlog):
    netlog("add", "Bo Berg", "--on", "2026-11-22")
    result = netlog("draft", "Bo", "--mailto", ok=False)
    assert result.exit_code == 1
    assert result.stderr == 'netlog: Bo Berg has no email address: netlog edit "Bo Berg" --email ADDRESS (or leave out --mailto).\n'
