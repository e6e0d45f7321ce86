"""Files written whole or not at all: a temporary file beside the target, synced, then renamed over it, so
a kill, a crash or a full disk never leaves half a file (or a temporary one) behind. Exports, vdir cards
and backups are written this way."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Sequence


@contextmanager
def replacing(target: Path, prefix: str = ".netlog-", mode: int = 0o600, held: bool = False) -> Iterator[Path]:
    """A temporary file beside `target` (created with `mode`, whatever the umask) for the block to fill; when
    the block ends it is synced and renamed over `target`, and the folder synced. On any error the temporary
    file is removed and the error goes on. `held`: an advisory lock (flock) on it from the moment it exists
    until the block ends, so a sweep of what killed writers left (storage/opening._sweep) leaves it alone."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=prefix)  # 0600
    if held:
        _lock(handle)
    else:
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
    finally:
        if held:
            os.close(handle)
    sync(target.parent)


def _lock(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:  # no flock (Windows): nothing is swept there either
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX)


def write_text(target: Path, text: str | Iterable[str], prefix: str = ".netlog-", mode: int = 0o600) -> None:
    """`text` (UTF-8, line ends as given; or its pieces, written as they come) as the whole new content of
    `target`."""
    with replacing(target, prefix, mode) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)


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


def write_all(files: Sequence[tuple[Path, bytes, int]], prefix: str = ".netlog-") -> None:
    """Many files, each whole (target, bytes, mode): every one written to a temporary file beside its target,
    the disk flushed once for all of them, then each renamed over its target and the folders synced. A reader
    sees each file old or new, never half; a crash before the renames leaves the old files (and hidden
    temporary ones, which no reader takes for a card). One flush instead of one a file: 10,000 cards are
    written in seconds, not minutes (docs/performance.md)."""
    staged: list[tuple[Path, Path]] = []
    renamed = 0
    try:
        for target, data, mode in files:
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")  # 0600
            staged.append((Path(name), target))
            try:
                if mode != 0o600:
                    os.fchmod(handle, mode)
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
        if staged:
            flush_disk(staged[0][1].parent)
        for temporary, target in staged:
            os.replace(temporary, target)
            renamed += 1
    except BaseException:
        for temporary, _ in staged[renamed:]:
            remove_quietly(temporary)
        raise
    for folder in dict.fromkeys(target.parent for target, _, _ in files):
        sync(folder)


def flush_disk(path: Path) -> None:
    """Everything written to the file system that holds `path`, to the disk, at once: syncfs(2) where the
    C library has it (Linux), else sync(2)."""
    import ctypes

    try:
        syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)  # the C library netlog runs with
    except OSError:
        syncfs = None
    if syncfs is None:
        os.sync()
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            os.sync()
    finally:
        os.close(descriptor)
