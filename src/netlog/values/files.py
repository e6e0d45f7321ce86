"""Files written whole or not at all: a temporary file beside the target, synced, then renamed over it, so
a kill, a crash or a full disk never leaves half a file (or a temporary one) behind. Exports, vdir cards
and backups are written this way."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replacing(target: Path, prefix: str = ".netlog-", mode: int = 0o600) -> Iterator[Path]:
    """A temporary file beside `target` (created with `mode`, whatever the umask) for the block to fill; when
    the block ends it is synced and renamed over `target`, and the folder synced. On any error the temporary
    file is removed and the error goes on."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=prefix)  # 0600
    os.close(handle)
    temporary = Path(name)
    try:
        if mode != 0o600:
            os.chmod(temporary, mode)
        yield temporary
        sync(temporary)
        os.replace(temporary, target)
    except BaseException:
        remove_quietly(temporary)
        raise
    sync(target.parent)


def write_text(target: Path, text: str, prefix: str = ".netlog-", mode: int = 0o600) -> None:
    """`text` (UTF-8, line ends as given) as the whole new content of `target`."""
    with replacing(target, prefix, mode) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def sync(path: Path) -> None:
    """Flush a file, or a folder's entries, to the disk (a folder that cannot be synced is left as it is)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        if path.is_dir():
            return
        raise
    try:
        os.fsync(descriptor)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(descriptor)


def remove_quietly(path: Path) -> None:
    """Remove a file if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass
