"""Handing a link to the desktop: the user's default app opens it (`xdg-open` on Linux and the BSDs, `open`
on macOS). Used for a draft's mailto: link; when there is no opener the caller prints the link instead."""

from __future__ import annotations

import shutil
import subprocess
import sys


def opener() -> str | None:
    """The program that opens links here, or None. Only macOS's `open` is the opener: on Debian `open` is
    openvt, which would start a virtual console."""
    return shutil.which("open" if sys.platform == "darwin" else "xdg-open")


def open_link(url: str) -> bool:
    """Open `url` in the user's default app; False when there is no opener or it failed (print the link)."""
    program = opener()
    if program is None:
        return False
    try:
        # The opener hands the link over and returns; its chatter would land in the middle of the screen.
        done = subprocess.run([program, url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
