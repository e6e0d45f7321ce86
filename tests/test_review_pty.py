"""`netlog review` as a person runs it: the real program in a pseudo-terminal (pexpect), keys pressed and
lines typed, against the test's real database (the `isolated` fixture's, which the child inherits), then
the screen read and the touches checked with `netlog show --json`."""

from __future__ import annotations

import io
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="pip install -e '.[test]' (pexpect drives the pseudo-terminal)")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")

PROMPT = "What now? "


class Screen:
    """netlog review in a pseudo-terminal of `columns` x 40: press keys, type lines, read what it drew."""

    def __init__(self, *args: str, columns: int = 80, env: dict[str, str] | None = None) -> None:
        environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        environment.pop("COLUMNS", None)
        environment.pop("LINES", None)
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable, ["-m", "netlog", "review", *args], env=environment, dimensions=(40, columns), encoding="utf-8", timeout=30
        )
        self.child.logfile_read = self.transcript

    def wait(self, text: str) -> None:
        self.child.expect_exact(text)

    def press(self, key: str, then: str | None = PROMPT) -> None:
        self.child.send(key)
        if then:
            self.wait(then)

    def type(self, line: str, then: str | None = PROMPT) -> None:
        self.child.sendline(line)
        if then:
            self.wait(then)

    def end(self) -> int:
        """Wait for the program to exit: its exit code (128 + N when signal N ended it)."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else 128 + self.child.signalstatus

    @property
    def flat(self) -> str:
        """The text with every run of whitespace one space: a message wrapped at the terminal's width reads whole."""
        return " ".join(self.text.split())

    @property
    def text(self) -> str:
        """Everything it drew, as lines (the terminal's CR LF made LF)."""
        return self.transcript.getvalue().replace("\r\n", "\n")


def kinds(netlog, name: str) -> list[str]:
    return [t["kind"] for t in netlog.json("show", name)["touches"]]


def due_now(netlog) -> list[tuple[str, str]]:
    return [(i["contact"], i["action"]) for i in netlog.json("due")]


def script(folder: Path, name: str, body: str) -> str:
    """An executable Python script (an editor, an opener) that gets its arguments as sys.argv."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_the_first_screen_shows_the_item_its_contact_and_the_keys(morning):
    screen = Screen()
    screen.wait(PROMPT)
    first = screen.text
    for shown in ("1 of 4", "thank  Ana Lima", "Head of Search at Contoso", "Thank Ana for meeting you on Sun 22 Nov",
                  "Last touches", "Sun 22 Nov  <> met at PyCon about search, hiring",
                  "d draft  m mail  s sent  l log  z snooze  x dismiss  n skip  q quit  ? help"):  # fmt: skip
        assert shown in first, (shown, first)
    screen.press("?")
    assert "z  snooze   hide them from due for a week, or until a day you type" in screen.text
    screen.press("q", then=None)
    assert screen.end() == 0


def test_mark_sent_snooze_dismiss_skip_and_the_end_line(morning):
    screen = Screen()
    screen.wait(PROMPT)
    screen.press("s")  # Ana: sent
    assert "What now? sent\nLogged the thank-you you sent (thanks, today)." in screen.text
    assert "2 of 4" in screen.text
    screen.press("z", then="Snooze until (Enter: Mon 30 Nov)? ")
    screen.type("")  # Cy: a week
    screen.press("x")  # Bo: the nudge dismissed
    screen.press("n", then=None)  # Gus: left for tomorrow
    assert screen.end() == 0
    text = screen.text
    assert "Snoozed Cy Ng until Mon 30 Nov." in text and "Dismissed nudge for Bo Berg" in text and "4 of 4" in text
    assert text.rstrip().endswith("Sent 1, snoozed 1, dismissed 1; 1 left for tomorrow.")
    assert kinds(morning, "Ana")[0] == "thanks"
    assert morning.json("show", "Cy")["snoozed_until"] == "2026-11-30"
    assert due_now(morning) == [("Gus Berg", "report-back")]


def test_draft_in_the_editor_then_sent(morning, tmp_path):
    editor = script(tmp_path / "bin", "editor", "open(sys.argv[1], 'a').write('PS: the slides are attached.\\n')")
    screen = Screen(env={"VISUAL": editor})
    screen.wait(PROMPT)
    screen.press("d", then="Sent it? y yes · n not yet · m mail app  ")
    text = screen.text
    assert "Hi Ana,\n\nThank you for taking the time to meet at PyCon yesterday." in text
    assert "Best,\nSam Rivera\nPS: the slides are attached.\nSent it?" in text  # the draft as edited, to copy from
    assert "Subject: Thank you" not in text.split("What now? draft")[1]  # the subject line is the link's, not the body's
    screen.press("y")
    assert "Logged the thank-you you sent (thanks, today)." in screen.text
    screen.press("q", then=None)
    assert screen.end() == 0
    assert kinds(morning, "Ana") == ["thanks", "met"]


def test_mail_opens_the_mail_app_with_the_draft(morning, tmp_path):
    opened = tmp_path / "opened"
    script(tmp_path / "bin", "xdg-open", f"open({str(opened)!r}, 'w').write(sys.argv[1])")
    screen = Screen(env={"PATH": str(tmp_path / "bin")})
    screen.wait(PROMPT)
    screen.press("m", then="Sent it? ")
    assert 'Opened in your mail app: to ana@example.org, "Thank you".' in screen.text
    assert opened.read_text().startswith("mailto:ana@example.org?subject=Thank%20you&body=Hi%20Ana%2C%0D%0A%0D%0A")
    screen.press("n")  # not yet: nothing logged, still on Ana
    screen.press("q", then=None)
    assert screen.end() == 0
    assert kinds(morning, "Ana") == ["met"]


def test_snooze_until_a_typed_day_and_log_another_touch(morning):
    screen = Screen()
    screen.wait(PROMPT)
    screen.press("z", then="? ")
    screen.type("in 3 weeks")
    screen.press("n")
    screen.press("l", then="Kind (coffee, call, email...; \"email received\")? ")
    screen.type("email received")  # Bo answered: the nudge is settled
    screen.press("q", then=None)
    assert screen.end() == 0
    assert "Snoozed Ana Lima until Mon 14 Dec." in screen.text and "Logged email (received) with Bo Berg, today." in screen.text
    assert morning.json("show", "Ana")["snoozed_until"] == "2026-12-14"
    assert morning.json("show", "Bo")["touches"][0]["direction"] == "in"
    assert screen.flat.endswith("Stopped at 4 of 4. Sent 0, snoozed 1, dismissed 0, settled 1 with a touch; 2 left for tomorrow.")


def test_quit_half_way_keeps_what_was_done(morning):
    screen = Screen()
    screen.wait(PROMPT)
    screen.press("s")
    screen.press("x")
    screen.press("q", then=None)
    assert screen.end() == 0
    assert screen.flat.endswith("Stopped at 3 of 4. Sent 1, snoozed 0, dismissed 1; 2 left for tomorrow.")
    assert due_now(morning) == [("Bo Berg", "nudge"), ("Gus Berg", "report-back")]


def test_ctrl_c_mid_way_keeps_what_was_done(morning):
    screen = Screen()
    screen.wait(PROMPT)
    screen.press("s")
    screen.child.sendintr()
    assert screen.end() == 130
    flat = screen.flat
    assert "Stopped at 2 of 4. Sent 1, snoozed 0, dismissed 0; 3 left for tomorrow." in flat
    assert flat.endswith("netlog: interrupted; what was done is kept, nothing is half-written.")
    assert "Traceback" not in flat
    assert kinds(morning, "Ana")[0] == "thanks" and ("Cy Ng", "thank") in due_now(morning)


def test_ctrl_c_in_the_editor_logs_nothing(morning, tmp_path):
    started = tmp_path / "editor-started"  # the editor writes the path of the draft it was given here
    editor = script(tmp_path / "bin", "editor", f"open({str(started)!r}, 'w').write(sys.argv[1])\ntime.sleep(60)")
    screen = Screen(env={"VISUAL": editor})
    screen.wait(PROMPT)
    screen.press("d", then=None)
    deadline = time.monotonic() + 20
    while not started.exists():
        assert time.monotonic() < deadline, "the editor did not start"
        time.sleep(0.05)
    screen.child.sendintr()
    assert screen.end() == 130
    assert "Stopped at 1 of 4. Sent 0, snoozed 0, dismissed 0; 4 left for tomorrow." in screen.flat
    assert kinds(morning, "Ana") == ["met"]
    assert not Path(started.read_text()).exists()  # the draft's temporary file is removed


def test_the_terminal_closing_keeps_what_was_done(morning):
    screen = Screen()
    screen.wait(PROMPT)
    screen.press("s")
    screen.press("z", then="? ")  # half-way through a question: nothing of it is written
    screen.child.kill(signal.SIGHUP)
    assert screen.end() == 129  # ended as the hangup would, through the cleanup
    assert kinds(morning, "Ana")[0] == "thanks"
    assert morning.json("show", "Cy")["snoozed_until"] is None


def test_closing_the_pseudo_terminal_ends_the_review(morning):
    screen = Screen()
    screen.wait(PROMPT)
    screen.press("x")
    process = screen.child.ptyproc
    process.fileobj.close()  # the window closes: the kernel hangs the terminal up
    assert process.wait() == 129  # ended by that hangup, through the cleanup
    assert ("Ana Lima", "thank") not in due_now(morning)


def test_not_a_terminal_points_to_due_json_and_draft(morning, netlog):
    result = netlog("review", ok=False)
    assert result.exit_code == 1
    line = "netlog: review needs a terminal to read keys from; in a script use `netlog due --json` and `netlog draft NAME --sent`.\n"
    assert result.stderr == line and result.stdout == ""
    piped = subprocess.run([sys.executable, "-m", "netlog", "review"], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert (piped.returncode, piped.stderr) == (1, line)
    # stdin a terminal but stdout a pipe: still refused, nothing drawn into the pipe
    child = pexpect.spawn("/bin/sh", ["-c", f"{sys.executable} -m netlog review | cat"], encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    assert line.strip() in child.before and PROMPT not in child.before


def test_sixty_columns(morning):
    screen = Screen(columns=60)
    screen.wait(PROMPT)
    screen.press("?")
    screen.press("x")
    screen.press("q", then=None)
    assert screen.end() == 0
    lines = screen.text.splitlines()
    assert "1 of 4" in screen.text and "Dismissed thank for Ana Lima;" in screen.text
    assert max(len(line) for line in lines) <= 60, [line for line in lines if len(line) > 60]
    assert "d draft  m mail  s sent  l log  z snooze  x dismiss  n skip" in lines  # the keys wrap between keys


def test_no_color_means_no_escape_codes(morning):
    plain = Screen()  # NO_COLOR=1 is set for every test (conftest)
    plain.wait(PROMPT)
    plain.press("q", then=None)
    assert plain.end() == 0
    assert "\x1b" not in plain.text and "╭─ 1 of 4" in plain.text
    colour = Screen(env={"NO_COLOR": ""})
    colour.wait(PROMPT)
    colour.press("q", then=None)
    assert colour.end() == 0
    assert re.search(r"\x1b\[[0-9;]*m", colour.text)  # the check above would see colour if there were any


def test_a_dumb_terminal_gets_plain_lines(morning):
    screen = Screen(env={"TERM": "dumb"})
    screen.wait(PROMPT)
    screen.press("q", then=None)
    assert screen.end() == 0
    assert "-- 1 of 4 --\nthank: Ana Lima\nHead of Search at Contoso\n" in screen.text and "╭" not in screen.text


def test_limit_and_on(morning):
    screen = Screen("--limit", "2")
    screen.wait(PROMPT)
    screen.press("n")
    screen.press("n", then=None)
    assert screen.end() == 0
    assert "1 of 2" in screen.text and screen.flat.endswith("Sent 0, snoozed 0, dismissed 0; 2 left for tomorrow.")
    later = Screen("--on", "2026-12-06")  # two weeks on: the last day her thank-you is listed
    later.wait(PROMPT)
    assert "1 of 5" in later.text and "Thank Ana" in later.text  # one card a person: her second touch is folded in
    later.press("q", then=None)
    assert later.end() == 0


def test_nothing_due_says_so_and_exits(netlog):
    screen = Screen()
    assert screen.end() == 0
    assert "Nothing due today. Your network is in good shape." in screen.text
