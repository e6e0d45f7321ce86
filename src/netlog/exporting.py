"""Choosing an exporter and writing its text where the user asked (stdout, a file, or a vdir folder)."""

from __future__ import annotations

import sys
from datetime import date
from importlib import import_module
from typing import Any

from netlog.errors import BadInput
from netlog.exporters import FORMATS


def export(
    reader: Any, today: date, format: str, version: str = "3.0", days: int = 14, as_: str = "todos", excel: bool = False
) -> str:
    """The text of one export format; each format takes its own options and ignores the others."""
    if format not in FORMATS:
        raise BadInput(f'Unknown export format "{format}"; use one of: {", ".join(FORMATS)}.')
    module = import_module(f"netlog.exporters.{FORMATS[format]}")
    if format == "vcard":
        return module.export(reader, today, version=version)
    if format == "ics":
        return module.export(reader, today, days=days, as_=as_)
    if format == "csv":
        return module.export(reader, today, excel=excel)
    return module.export(reader, today)


def export_vdir(reader: Any, folder: str, version: str = "3.0") -> Any:
    """Every contact as a card in a vdir folder (see netlog.vdir); what was new, updated, unchanged."""
    from netlog.exporters import vcard

    return vcard.export_vdir(reader, folder, version)


def write(text: str, output: str | None) -> None:
    """To stdout, or to a file (written whole, so a failure leaves no half file behind)."""
    if not output or output == "-":
        sys.stdout.write(text)
        return
    import os
    import tempfile

    folder = os.path.dirname(os.path.abspath(output))
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".netlog-export-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it 0600; an export is an ordinary file
        os.replace(temporary, output)
    except OSError as error:
        raise BadInput(f"Cannot write {output}: {error.strerror or error}.") from None
