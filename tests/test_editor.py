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


def test_the_edited_file_is_private_in_a_folder_of_its_own_and_removed_after(monkeypatch, tmp_path):
    """Issue 27 #5/#9: a 0600 file in a 0700 folder made for the edit (not the shared temp folder itself), both
    gone after the edit, whether it was taken or refused."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setattr("tempfile.tempdir", str(shared))
    seen = tmp_path / "seen"
    spy = stub(tmp_path, "spy", f"import os, stat\nmodes = [oct(stat.S_IMODE(os.stat(p).st_mode)) for p in (os.path.dirname(path), path)]\n"
                                f"open({str(seen)!r}, 'w').write(' '.join([os.path.dirname(path)] + modes))\nopen(path, 'a').write('more')")  # fmt: skip
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", spy)
    import os

    old = os.umask(0)  # the folder and the file are private whatever the umask
    try:
        assert edit_text("note\n", suffix=".md") == "note\nmore"
    finally:
        os.umask(old)
    folder, folder_mode, file_mode = seen.read_text().split()
    assert Path(folder).parent == shared and (folder_mode, file_mode) == ("0o700", "0o600")
    assert list(shared.iterdir()) == []
    monkeypatch.setenv("EDITOR", stub(tmp_path, "remover", "import os\nos.unlink(path)"))
    with pytest.raises(BadInput, match="removed the file"):
        edit_text("note\n")
    assert list(shared.iterdir()) == []


def test_an_edit_sweeps_what_a_killed_edit_left_and_nothing_else(monkeypatch, tmp_path, untouched):
    """Issue 27 #9: a SIGKILL leaves the private folder holding the note; the next edit removes it once it has
    been left alone a minute and no running netlog holds it. Other folders (another prefix, one held, one just
    made) stay."""
    import fcntl
    import os
    import time

    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(shared))
    old = time.time() - 120
    folders = {}
    for name in ("netlog-edit-killed", "netlog-edit-held", "netlog-edit-fresh", "netlog-fuzz-seed-x"):
        folder = shared / name
        folder.mkdir(mode=0o700)
        (folder / "netlog.txt").write_text("the note")
        if name != "netlog-edit-fresh":
            os.utime(folder, (old, old))
        folders[name] = folder
    descriptor = os.open(folders["netlog-edit-held"], os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a netlog whose editor is still open holds its folder
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("EDITOR", untouched)
        assert edit_text("note\n") is None
    finally:
        os.close(descriptor)
    assert sorted(p.name for p in shared.iterdir()) == ["netlog-edit-fresh", "netlog-edit-held", "netlog-fuzz-seed-x"]
