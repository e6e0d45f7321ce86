"""Prompts for missing arguments: asked on a terminal, refused (one line, exit 2) when stdin is not one."""

import os
import sys

import pytest

from netlog.ui import prompts


@pytest.fixture
def tty(monkeypatch):
    monkeypatch.setattr(prompts, "interactive", lambda: True)


def test_add_without_name_refuses_off_a_terminal(netlog):
    result = netlog("add", ok=False)
    assert result.exit_code == 2
    assert "Missing NAME" in result.stderr and "not a terminal" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_log_without_kind_refuses_off_a_terminal(netlog):
    netlog("add", "Ana Lima")
    result = netlog("log", "Ana", ok=False)
    assert result.exit_code == 2 and "Missing KIND" in result.stderr


def test_add_asks_one_by_one_with_defaults(netlog, tty):
    result = netlog("add", input="Ana Lima\nPyCon\nsearch, hiring\n\n")
    assert "Name:" in result.stderr
    assert "Where did you meet (Enter to skip)" in result.stderr
    assert "Strength (acquaintance, weak, medium, strong, close) [weak]:" in result.stderr
    (ana,) = netlog.json("list")
    assert ana["name"] == "Ana Lima" and ana["strength"] == "weak"
    shown = netlog.json("show", "Ana")
    assert shown["touches"][0]["place"] == "PyCon" and shown["touches"][0]["topics"] == "search, hiring"


def test_add_asks_again_after_a_bad_strength(netlog, tty):
    result = netlog("add", "--met-at", "PyCon", input="Bo\n\nhuge\nstrong\n")
    assert 'Unknown strength "huge"' in result.stderr
    assert "Where did you meet" not in result.stderr  # given as an option
    assert netlog.json("show", "Bo")["strength"] == "strong"


def test_log_offers_the_kinds(netlog, tty):
    netlog("add", "Ana Lima")
    result = netlog("log", "Ana", input="3\n")
    assert "favor-received" in result.stderr and "Kind (number or name) [coffee]:" in result.stderr
    assert netlog.json("show", "Ana")["touches"][0]["kind"] == "coffee"
    netlog("log", "Ana", input="\n")  # the default
    netlog("log", "Ana", input="favor-g\n")
    kinds = [t["kind"] for t in netlog.json("show", "Ana")["touches"]]
    assert kinds.count("coffee") == 2 and "favor-given" in kinds


@pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX")
def test_add_prompts_on_a_real_terminal(tmp_path):
    """The real program under a pseudo-terminal: it asks, and what is typed lands in the database."""
    import pty
    import select
    import subprocess

    main, secondary = pty.openpty()
    env = {**os.environ, "TERM": "dumb"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "netlog", "add"], stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True
    )
    os.close(secondary)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([main], [], [], 20)
            assert ready, f"timed out waiting for {marker!r}; got {seen!r}"
            seen += os.read(main, 1024)

    for marker, answer in ((b"Name:", b"Ana Lima"), (b"meet", b"PyCon"), (b"talk about", b""), (b"[weak]:", b"medium")):
        read_until(marker)
        os.write(main, answer + b"\r")
    assert proc.wait(timeout=30) == 0
    try:
        while select.select([main], [], [], 0.5)[0]:
            seen += os.read(main, 1024)
    except OSError:
        pass
    os.close(main)
    assert b"Added Ana Lima" in seen
    out = subprocess.run([sys.executable, "-m", "netlog", "show", "Ana", "--json"], capture_output=True, text=True, env=env)
    assert '"strength": "medium"' in out.stdout and '"place": "PyCon"' in out.stdout
