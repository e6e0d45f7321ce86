"""One reader per format: files -> a Batch of Incoming contacts. `read(format, paths)` picks the reader
and imports its module only then, so the heavy libraries load only for the format in use."""

from __future__ import annotations

from importlib import import_module
from typing import Sequence

from netlog.errors import BadInput
from netlog.importers.records import Batch

FORMATS = {"linkedin": "linkedin", "vcard": "vcard", "google": "google", "json": "jsonio"}


def read(format: str, paths: Sequence[str]) -> Batch:
    """Read every file in one format into one batch."""
    if format not in FORMATS:
        from netlog.touches.engine import SOURCES

        raise BadInput(
            f'Unknown import format "{format}"; contacts come from {", ".join(FORMATS)}; touches from {", ".join(SOURCES)}.'
        )
    module = import_module(f"netlog.importers.{FORMATS[format]}")
    return module.read(paths)
