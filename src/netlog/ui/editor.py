"""Opening text in the user's editor ($VISUAL, then $EDITOR): Typer no longer ships click.edit."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from netlog.errors import BadInput


def edit_text(text: str, suffix: str = ".txt", keep_unchanged: bool = False) -> str | None:
    """The edited text, or None when the result is empty or unchanged (the user cancelled). With
    `keep_unchanged` a text saved as it was is the answer (review: "the draft is fine"); only empty cancels."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        import sys

        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise BadInput("No editor to open: set $VISUAL or $EDITOR (or leave out --edit); nothing was changed.")
        editor = "vi"  # on a terminal, as git and crontab do
    handle, path = tempfile.mkstemp(prefix="netlog-", suffix=suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            result = subprocess.run([*shlex.split(editor), path])
        except OSError as error:
            raise BadInput(f'Cannot start the editor "{editor}": {error.strerror}. Set $VISUAL or $EDITOR.') from None
        if result.returncode != 0:
            raise BadInput(f'The editor "{editor}" exited with code {result.returncode}; nothing was changed.')
        try:
            with open(path, encoding="utf-8") as file:
                edited = file.read()
        except UnicodeDecodeError:
            raise BadInput(f'The editor "{editor}" saved text that is not UTF-8; nothing was changed.') from None
    finally:
        os.unlink(path)
    if not edited.strip() or (edited == text and not keep_unchanged):
        return None
    return edited
