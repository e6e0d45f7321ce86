"""Opening text in the user's editor ($VISUAL, then $EDITOR): Typer no longer ships click.edit.

The text is written to a file in a folder of its own, mode 0700, made for this edit and removed on every
exit Python sees, so a note or draft is never readable by others in the shared temp folder (and what a
kill leaves is still private, and removed by the next edit). Whatever the editor does to its file (removes it, puts a folder, a FIFO or a
link in its place, locks it, saves bytes that are not UTF-8) and an editor command that cannot be parsed
are one line, and nothing is changed."""

from __future__ import annotations

import errno
import os
import shlex
import stat
import subprocess
import tempfile

from netlog.errors import BadInput

# What netlog reads back from the editor: a note's limit (values.validation.MAX_NOTE is in characters; UTF-8
# takes at most 4 bytes each), so a file grown without bound is refused before it is read whole.
MAX_EDITED_BYTES = 4 * 100_000 + 4

_UNCHANGED = "nothing was changed"
FOLDER_PREFIX = "netlog-edit-"  # in the temp folder: netlog-edit-XXXXXXXX/netlog.txt
STALE_AFTER_S = 60  # a folder untouched this long and held by nobody was left by a killed edit


def edit_text(text: str, suffix: str = ".txt", keep_unchanged: bool = False) -> str | None:
    """The edited text, or None when the result is empty or unchanged (the user cancelled). With
    `keep_unchanged` a text saved as it was is the answer (review: "the draft is fine"); only empty cancels."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        import sys

        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise BadInput("No editor to open: set $VISUAL or $EDITOR (or leave out --edit); nothing was changed.")
        editor = "vi"  # on a terminal, as git and crontab do
    try:
        command = shlex.split(editor)
    except ValueError as error:  # EDITOR="vim '": No closing quotation
        raise BadInput(f'Cannot read the editor command "{editor}" ({str(error).lower()}); set $VISUAL or $EDITOR; {_UNCHANGED}.') from None
    if not command:
        raise BadInput(f"The editor command is empty; set $VISUAL or $EDITOR; {_UNCHANGED}.")
    folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX)  # 0700, whatever the umask
    held = _hold(folder)
    _sweep(os.path.dirname(folder), folder)
    path = os.path.join(folder, f"netlog{suffix}")
    edited: str | None = None
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            result = subprocess.run([*command, path])
        except OSError as error:
            raise BadInput(f'Cannot start the editor "{editor}": {error.strerror}. Set $VISUAL or $EDITOR.') from None
        if result.returncode != 0:
            raise BadInput(f'The editor "{editor}" exited with code {result.returncode}; {_UNCHANGED}.')
        edited = _read_back(path, editor)
    finally:
        left = _remove(folder)
        if held is not None:
            os.close(held)
    if left is not None:  # the editor locked its file: the text stays there, so it is not taken either
        raise BadInput(f"Cannot remove the edited file {left}; {_UNCHANGED}.")
    if not edited.strip() or (edited == text and not keep_unchanged):
        return None
    return edited


def _hold(folder: str) -> int | None:
    """An advisory lock (flock) on the edit's folder while the editor runs: another netlog's sweep leaves it."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): nothing is swept there either
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _sweep(parent: str, mine: str) -> None:
    """Remove what an edit killed with SIGKILL left (its private folder, still holding the note or draft): a
    folder of this user named FOLDER_PREFIX*, untouched for STALE_AFTER_S, that no running netlog holds."""
    try:
        import fcntl
    except ImportError:
        return
    import shutil
    import time

    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(FOLDER_PREFIX) and e.path != mine]
    except OSError:
        return
    for entry in entries:
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid() or time.time() - status.st_mtime < STALE_AFTER_S:
                continue
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:  # held: an edit in progress
            pass
        finally:
            os.close(descriptor)


def _read_back(path: str, editor: str) -> str:
    """The saved text: a regular file, read without following a link or blocking on a FIFO, UTF-8."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise BadInput(f'The editor "{editor}" removed the file it was given; {_UNCHANGED}.') from None
    except OSError as error:  # a link in its place (ELOOP), a file it locked (EACCES)
        if error.errno == errno.ELOOP:
            raise BadInput(f'The editor "{editor}" left a link in place of its file; {_UNCHANGED}.') from None
        raise BadInput(f"Cannot read what the editor saved: {_why(error)}; {_UNCHANGED}.") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise BadInput(f'The editor "{editor}" left something other than a file in its place; {_UNCHANGED}.')
        if status.st_size > MAX_EDITED_BYTES:
            raise BadInput(f"What the editor saved is too long ({status.st_size:,} bytes); {_UNCHANGED}.")
        chunks = []
        while chunk := os.read(descriptor, 65_536):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_EDITED_BYTES:
                raise BadInput(f"What the editor saved is too long; {_UNCHANGED}.")
    except OSError as error:  # EIO
        raise BadInput(f"Cannot read what the editor saved: {_why(error)}; {_UNCHANGED}.") from None
    finally:
        os.close(descriptor)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f'The editor "{editor}" saved text that is not UTF-8; {_UNCHANGED}.') from None


def _remove(folder: str) -> str | None:
    """Remove the edit's folder and whatever the editor left in it; the path that could not be removed, if any."""
    import shutil

    failed: list[str] = []

    def note(_function: object, path: str, _error: object) -> None:
        failed.append(path)

    shutil.rmtree(folder, onerror=note)  # (onexc from Python 3.12; onerror still works there)
    return failed[0] if failed else None


def _why(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
