"""A time budget for one item of an imported file (an event, a mail, a chat message): an item whose reading
takes longer (a recurring rule that never yields, a header built to make a parser backtrack) is stopped and
skipped as malformed instead of holding the import for ever. A real timer (SIGALRM), because the work that
spins is inside a library's loop; where there is none (another thread, Windows) the item runs unbounded."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

from netlog.values import limits


class OverBudget(Exception):
    """One item took longer than its budget."""


def _expired(signum: int, frame: Any) -> None:
    raise OverBudget


@contextmanager
def item_budget(seconds: float = limits.ITEM_SECONDS) -> Iterator[None]:
    """Raise OverBudget in the block once `seconds` have passed (nested: the outer budget is paused)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)[0]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, outer)
