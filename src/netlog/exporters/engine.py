"""Choosing an exporter and writing its text where the user asked (stdout, a file, or a vdir folder)."""

from __future__ import annotations

import sys
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any, Iterable

from netlog.errors import BadInput
from netlog.exporters import FORMATS

if TYPE_CHECKING:
    from netlog.storage.store import Store
    from netlog.vcard.vdir import Written


def export(
    store: Store,
    today: date,
    format: str,
    output: str | None,
    version: str = "3.0",
    days: int = 14,
    as_: str = "todos",
    excel: bool = False,
    reconnect_per_day: int | None = None,
) -> None:
    """One export format written where the user asked (`write`). json and csv are read and written a contact
    at a time (their `chunks`), so a large network is never held whole. Each format takes its own options and
    ignores the others. vcard is the one export that writes to the database (the UIDs it gives contacts that
    had none, netlog.exporters.vcard.give_uids): to a file (-o) the cards are written inside the transaction
    that stores them, as its last step, so an export that fails stores nothing; to stdout they are written
    first and the UIDs stored after (a pipe's reader may be slow: the database is not held meanwhile), so a
    failed write stores nothing there either."""
    if format not in FORMATS:
        raise BadInput(f'Unknown export format "{format}"; use one of: {", ".join(FORMATS)}.')
    module = import_module(f"netlog.exporters.{FORMATS[format]}")
    reader = store.reader
    if format == "vcard":
        text, given = module.export(reader, version=version)
        if output and output != "-":
            module.keep_uids(store, given, lambda: write(text, output, database=store.path))
        else:
            write(text, output)
            module.keep_uids(store, given, lambda: None)
        return
    pieces: Iterable[str]
    if format == "ics":  # today's list as `due` makes it: its picks remembered, so both show the same people
        from netlog.network.agenda import listed
        from netlog.rules.due import RECONNECT_PER_DAY

        per_day = RECONNECT_PER_DAY if reconnect_per_day is None else reconnect_per_day
        module.check_options(days, as_)
        today_list = listed(store, today, today, reconnect_per_day=per_day)
        pieces = [module.export(reader, today, days=days, as_=as_, reconnect_per_day=per_day, listed_today=today_list)]
    elif format == "csv":
        pieces = module.chunks(reader, today, excel=excel)
    else:
        pieces = module.chunks(reader, today)
    write(pieces, output, database=store.path)


def export_vdir(store: Store, folder: str, version: str = "3.0") -> Written:
    """Every contact as a card in a vdir folder (see netlog.vcard.vdir); what was new, updated, unchanged."""
    from netlog.exporters import vcard

    return vcard.export_vdir(store, folder, version)


def write(text: str | Iterable[str], output: str | None, database: Any = None) -> None:
    """`text` (or its pieces, written as they come) to stdout, or to the file `output`. A regular file (or a new one) is replaced whole and atomically: the
    text goes to a private (0600) temporary file beside it, is synced, then renamed over it, and a failure
    leaves neither a half file nor the temporary one. Anything else at that path (a symlink, a device, a
    FIFO, /dev/stdout) is written through, never replaced. The `database` file itself is never written."""
    if not output or output == "-":
        sys.stdout.writelines([text] if isinstance(text, str) else text)
        return
    import os
    import stat
    from pathlib import Path

    path = Path(output).expanduser()
    try:
        folder = output.endswith(("/", os.sep)) or path.is_dir()
    except OSError as error:  # a name too long for the system, a loop of links
        raise BadInput(f"Cannot write {output}: {error.strerror or error}.") from None
    if folder:
        raise BadInput(f"{output} is a folder: give -o a file name (or, for one vCard a file, use --vdir {output}).")
    if database is not None and os.path.realpath(path) == os.path.realpath(database):  # through a link too
        raise BadInput(f"{output} is the database itself: give -o another file name; nothing was written.")
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise BadInput(f"Cannot write {output}: {error.strerror or error}.") from None
    if mode is not None and not stat.S_ISREG(mode):
        _write_through(path, text, output)
        return
    if not path.parent.is_dir():
        raise BadInput(f"Cannot write {output}: the folder {path.parent} does not exist.")
    from netlog.values.files import write_text

    try:
        write_text(path, text, prefix=".netlog-export-")
    except OSError as error:
        raise BadInput(f"Cannot write {output}: {error.strerror or error}; nothing was written.") from None


def _write_through(path: Any, text: str | Iterable[str], output: str) -> None:
    """Write into what is already at `path` (following a symlink; into a device or a pipe as it is)."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
    except OSError as error:
        raise BadInput(f"Cannot write {output}: {error.strerror or error}.") from None
