"""The review's real terminal (netlog.ui.terminal) on a pseudo-terminal made here: one read is one key, type-ahead
included; an arrow key's escape sequence is one key; the terminal is left as it was found; and the writes of
an action are never cut by Ctrl-C or a hangup."""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest

from netlog.ui.terminal import Terminal, _hang_up, uninterrupted

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")


@pytest.fixture
def pty_pair():
    import pty

    main, secondary = pty.openpty()
    yield main, secondary
    os.close(main)
    os.close(secondary)


def test_keys_one_at_a_time_and_the_terminal_restored(pty_pair):
    import termios

    main, secondary = pty_pair
    before = termios.tcgetattr(secondary)
    with Terminal(secondary) as terminal:
        os.write(main, "sz\x1b[Aé\x1bOP\x1b[1;5Cx\x04".encode())  # typed ahead, all at once: arrows, F1, Ctrl-Right
        assert [terminal.key("? ") for _ in range(8)] == ["s", "z", "\x1b", "é", "\x1b", "\x1b", "x", "\x04"]
        mode = termios.tcgetattr(secondary)
        assert not mode[3] & (termios.ECHO | termios.ICANON) and mode[3] & termios.ISIG  # Ctrl-C stays a signal
    assert termios.tcgetattr(secondary) == before


def test_a_typed_line_gets_line_editing_and_ctrl_d_cancels(pty_pair):
    main, secondary = pty_pair
    with Terminal(secondary) as terminal:
        # typed once the question is up, as a person would: a typo erased with Backspace; then Ctrl-D
        threading.Timer(0.3, os.write, (main, b"next mondax\x7fy\n")).start()
        assert terminal.ask("Until? ") == "next monday"
        threading.Timer(0.3, os.write, (main, b"\x04")).start()
        assert terminal.ask("Until? ") is None
        os.write(main, b"n")
        assert terminal.key("? ") == "n"  # and back to single keys


def test_the_idle_job_runs_once_when_no_key_comes(pty_pair):
    main, secondary = pty_pair
    ran = []
    with Terminal(secondary) as terminal:
        terminal.when_idle(lambda: ran.append(1))
        os.write(main, b"s")  # a key already there: it is answered first, the job waits
        assert terminal.key("? ") == "s" and ran == []
        os.write(main, b"q")
        threading.Timer(0.5, os.write, (main, b"x")).start()
        assert terminal.key("? ") == "q"
        assert terminal.key("? ") == "x" and ran == [1]


@pytest.fixture
def signals_restored():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.parametrize("sig, raised", [(signal.SIGINT, KeyboardInterrupt), (signal.SIGHUP, SystemExit), (signal.SIGTERM, SystemExit)])
def test_an_actions_writes_finish_before_a_signal_takes_effect(signals_restored, sig, raised):
    signal.signal(signal.SIGHUP, _hang_up)  # as the Terminal sets them
    signal.signal(signal.SIGTERM, _hang_up)
    finished = []
    with pytest.raises(raised) as stopped:
        with uninterrupted():
            os.kill(os.getpid(), sig)
            finished.append("the second transaction")
    assert finished == ["the second transaction"]
    if raised is SystemExit:
        assert stopped.value.code == 128 + sig
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
