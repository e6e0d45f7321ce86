"""The terminal `netlog review` runs in (review.Terminal): single key presses, typed lines, the editor and
the mail app, and what Ctrl-C and a closed terminal do. POSIX only, as the review is.

Keys are read in cbreak mode, set once for the whole review and restored on the way out: no echo, no line
buffering, and Ctrl-C still a signal (ISIG stays on). Typer's getchar (Click's) is not used: it switches the
terminal to raw mode for each key and back, so a key typed while netlog is busy is echoed and held in a
line buffer in between, Ctrl-C is a character only getchar itself translates, and one read may return
several keys as one string. Here one read is one key, type-ahead included. A typed line (a snooze date, a
kind) and the editor get the terminal back as it was, line editing and all.

The terminal closing (SIGHUP) or a TERM ends the review as SystemExit(128 + signal): whatever transaction
was running is rolled back by its `with`, and every action before it is kept. `uninterrupted()` holds
Ctrl-C, hangup and TERM back while an action writes, so an action lands whole; they take effect after."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional, Sequence

IDLE_AFTER = 0.2  # seconds without a key before the idle job runs (a person reading the first screen)
HELD = (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)  # what an action's writes are shielded from


def is_terminal() -> bool:
    """A person is at a terminal: the review reads keys from stdin and draws on stdout."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _hang_up(signum: int, frame: Any) -> None:
    """The terminal went away (or TERM): stop, as the default action would, but through the `with` blocks."""
    raise SystemExit(128 + signum)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C, hangup and TERM back until the block is done, then deliver the first that came."""
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: caught.append(signum)) for sig in HELD}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        signal.raise_signal(caught[0])


class Terminal:
    """The real terminal, as a context manager: keys mode inside, the terminal as it was after."""

    def __init__(self, fd: Optional[int] = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd  # where keys come from: stdin, or a test's pty
        self._idle: Optional[Callable[[], None]] = None
        self._saved: Optional[list[Any]] = None
        self._handlers: dict[int, Any] = {}

    def __enter__(self) -> "Terminal":
        import termios

        self._saved = termios.tcgetattr(self.fd)
        self._handlers = {sig: signal.signal(sig, _hang_up) for sig in (signal.SIGHUP, signal.SIGTERM)}
        self._keys_mode()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._line_mode()
        for sig, handler in self._handlers.items():
            signal.signal(sig, handler)

    def _keys_mode(self) -> None:
        import termios

        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ECHO | termios.ICANON)  # lflag: keys come one at a time, unechoed; ISIG stays
        mode[6][termios.VMIN], mode[6][termios.VTIME] = 1, 0
        self._set(mode)

    def _line_mode(self) -> None:
        if self._saved is not None:
            self._set(self._saved)

    def _set(self, mode: list[Any]) -> None:
        import termios

        try:
            # TCSANOW, not TCSAFLUSH: keys typed ahead are kept for the next read.
            termios.tcsetattr(self.fd, termios.TCSANOW, mode)
        except termios.error:  # the terminal is gone (hangup): nothing left to restore
            pass

    @contextmanager
    def _lines(self) -> Iterator[None]:
        """The terminal as it was (echo, line editing) for a typed line or the editor."""
        self._line_mode()
        try:
            yield
        finally:
            self._keys_mode()

    # review.Terminal

    def show(self, card: Any) -> None:
        from netlog.ui.render import output

        output().review_card(card)

    def help(self, keys: Sequence[Any]) -> None:
        from netlog.ui import render

        render.review_help(keys)

    def say(self, text: str) -> None:
        from netlog.ui import render

        render.review_line(text)

    def show_text(self, text: str) -> None:
        from netlog.ui import render

        render.text(text)

    def key(self, prompt: str) -> str:
        from netlog.ui import render

        render.review_prompt(prompt)
        if self._idle is not None and not self._ready(IDLE_AFTER):
            job, self._idle = self._idle, None
            job()
        first = os.read(self.fd, 1)
        if not first:  # end of input: the terminal closed under us
            return "\x04"
        if first == b"\x1b":  # Esc, or an arrow or function key's sequence: one key, all of it read
            self._escape_sequence()
            return "\x1b"
        extra = _continuation_bytes(first[0])
        data = first + (os.read(self.fd, extra) if extra else b"")
        return data.decode("utf-8", "replace")

    def _ready(self, seconds: float) -> bool:
        """A key has been pressed (or is pressed within `seconds`)."""
        import select

        return bool(select.select([self.fd], [], [], seconds)[0])

    def _escape_sequence(self) -> None:
        """Read the rest of the sequence an Esc starts, so its bytes are not taken as keys: ESC [ ... final
        byte (arrows, function keys: CSI), ESC O x (SS3), ESC x (Alt+x). A sequence arrives at once; a lone
        Esc is followed by nothing for a moment. Keys typed after it are left for the next read."""
        if not self._ready(0.03):
            return
        second = os.read(self.fd, 1)
        if second == b"O":
            os.read(self.fd, 1)
        elif second == b"[":
            while self._ready(0.03) and not 0x40 <= os.read(self.fd, 1)[0] <= 0x7E:
                pass

    def ask(self, question: str) -> Optional[str]:
        from netlog.ui import render

        with self._lines():
            render.review_prompt(question)
            data = os.read(self.fd, 4096)  # canonical mode: one line, as edited
        if data in (b"", b"\x04"):  # Ctrl-D on an empty line (or typed ahead, before the question)
            render.review_line("")
            return None
        return data.decode("utf-8", "replace").rstrip("\r\n")

    def edit(self, text: str) -> Optional[str]:
        from netlog.ui.editor import edit_text

        with self._lines():
            return edit_text(text, keep_unchanged=True)

    def open_link(self, url: str) -> bool:
        from netlog.ui.desktop import open_link

        return open_link(url)

    def uninterrupted(self) -> Any:
        return uninterrupted()

    def when_idle(self, job: Callable[[], None]) -> None:
        self._idle = job


def _continuation_bytes(lead: int) -> int:
    """How many bytes follow a UTF-8 lead byte (a key like é or ß is more than one byte)."""
    if lead >= 0xF0:
        return 3
    if lead >= 0xE0:
        return 2
    if lead >= 0xC0:
        return 1
    return 0
