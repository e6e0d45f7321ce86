"""What every contact reader returns: `Incoming` contacts in a `Batch` (with the problems it skipped), the
cleaning every read value gets, and reading a file (or stdin) as text in one clear line when it cannot be.
The readers (linkedin, vcard, google, jsonio) build these; importers/engine.py takes a Batch in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Sequence

from netlog.errors import BadInput
from netlog.values.points import Point


@dataclass
class Incoming:
    """One contact as a file describes it: contact columns, tags, touches (dicts of touch columns)."""

    fields: dict[str, Any]
    tags: list[str] = field(default_factory=list)
    touches: list[dict[str, Any]] = field(default_factory=list)
    dismissals: dict[str, date] = field(default_factory=dict)
    source_id: int | None = None  # the id in a netlog json export: kept when free, used to relink
    introduced_by: int | None = None  # a source_id
    source: str = ""  # file name, for messages
    # every email, phone and URL, by kind, the preferred first; a kind left out is the field's one value
    points: dict[str, list[Point]] = field(default_factory=dict)


@dataclass
class Batch:
    """What a reader got out of its files: records, plus problems it skipped (one line each)."""

    records: list[Incoming] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    bad_lines: int = 0  # lines skipped inside otherwise good records
    intro_offers: list[dict[str, Any]] = field(default_factory=list)  # a netlog export's, by its contact ids
    # A restore (netlog's own JSON) is taken whole or not at all: a value the door refuses (a touch after
    # today) stops it with one line, where another format's record loses that value and says so.
    whole: bool = False


def clean(value: Any) -> Any:
    """A stripped string, or None for blanks; a structured value (a vCard N or ADR) as a list, as it is
    stored; other values as they are."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, tuple):
        return list(value) if any(value) else None
    return value


def read_text(path: str, encoding: str = "utf-8") -> str:
    """A file's text ('-' is stdin), or one clear BadInput line."""
    import sys

    try:
        if path == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise BadInput(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise BadInput(f"{_label(path)} is not {encoding.replace('-sig', '')} text; is it the right file?") from None


def _label(path: str) -> str:
    return "stdin" if path == "-" else path


def read_each(paths: Sequence[str], read_file: Callable[[str, Batch], None]) -> Batch:
    """One Batch from many files, each read into it by a format's `read_file(path, batch)`."""
    batch = Batch()
    for path in paths:
        read_file(path, batch)
    return batch
