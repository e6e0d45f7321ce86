"""The editor helper and the commands that use it, with stub editors (small scripts set as $EDITOR)."""

import stat
import sys
from pathlib import Path

import pytest

from netlog.errors import BadInput
from netlog.ui.editor import edit_text


def stub(tmp_path: Path, name: str, body: str) -> str:
    """An executable Python script usable as $EDITOR; it receives the file path as argv[1]."""
    script = tmp_path / name
    script.write_text(f"#!{sys.executable}\nimport sys\npath = sys.argv[1]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.fixture
def rewrite(tmp_path):
    return stub(tmp_path, "rewrite", "text = open(path).read()\nopen(path, 'w').write(text.replace('Hi', 'Dear') + 'PS: edited\\n')")


@pytest.fixture
def untouched(tmp_path):
    return stub(tmp_path, "untouched", "pass")


@pytest.fixture
def emptied(tmp_path):
    return stub(tmp_path, "emptied", "open(path, 'w').write('   \\n')")


def test_edit_text(monkeypatch, rewrite, untouched, emptied):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", rewrite)
    assert edit_text("Hi Ana\n") == "Dear Ana\nPS: edited\n"
    monkeypatch.setenv("EDITOR", untouched)
    assert edit_text("Hi Ana\n") is None
    monkeypatch.setenv("EDITOR", emptied)
    assert edit_text("Hi Ana\n") is None
    monkeypatch.setenv("VISUAL", rewrite)  # VISUAL wins over EDITOR
    assert edit_text("Hi") == "DearPS: edited\n"


def test_editor_failures_are_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    with pytest.raises(BadInput, match="Cannot start the editor"):
        edit_text("x")
    monkeypatch.setenv("VISUAL", stub(tmp_path, "fails", "sys.exit(3)"))
    with pytest.raises(BadInput, match="exited with code 3"):
        edit_text("x")


def test_thank_edit(netlog, monkeypatch, rewrite, untouched):
    netlog("add", "Ana Lima", "--on", "yesterday")
    monkeypatch.setenv("VISUAL", rewrite)
    result = netlog("thank", "Ana", "--edit", "--sent")
    assert "Dear Ana," in result.stdout and "PS: edited" in result.stdout
    assert netlog.json("show", "Ana")["touches"][0]["kind"] == "thanks"
    monkeypatch.setenv("VISUAL", untouched)
    cancelled = netlog("thank", "Ana", "--edit", "--sent", ok=False)
    assert cancelled.exit_code == 1 and "nothing sent, nothing logged" in cancelled.stderr
    assert [t["kind"] for t in netlog.json("show", "Ana")["touches"]].count("thanks") == 1


def test_edit_note_in_the_editor(netlog, monkeypatch, tmp_path, untouched):
    netlog("add", "Ana Lima")
    netlog("edit", "Ana", "--note", "likes search")
    monkeypatch.setenv("VISUAL", stub(tmp_path, "append", "open(path, 'a').write(' and hiring\\n')"))
    netlog("edit", "Ana", "--edit-note")
    assert netlog.json("show", "Ana")["note"] == "likes search and hiring"
    monkeypatch.setenv("VISUAL", untouched)
    result = netlog("edit", "Ana", "--edit-note", ok=False)
    assert result.exit_code == 1 and "nothing saved" in result.stderr
    both = netlog("edit", "Ana", "--edit-note", "--note", "x", ok=False)
    assert both.exit_code == 1 and "not both" in both.stderr
