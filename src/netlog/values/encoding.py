"""Text out: the one encoder for everything netlog writes as JSON (`--json`, the export, merge backups), and
the one cleaner of text written where a terminal may show it (`safe`). Dates become ISO strings; text
stays UTF-8 (not \\u-escaped).

orjson, not the standard library: json's encoder was nearly half of `list --json` on a large network, and
orjson, which also writes dates and dataclasses natively, is about ten times faster (docs/performance.md)."""

from __future__ import annotations

import re
from typing import Any

# Every character that moves the cursor, clears the screen, retitles the window or starts an escape
# sequence (C0 and C1 controls, DEL), save the line breaks and tabs text is laid out with: a name or note
# that came from a file (or from an older netlog) must never drive the user's terminal.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0d-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """`text` with no terminal control characters (newlines and tabs kept). A regex, not str.translate: a
    whole `due` is one string, and translate walks it character by character in Python's dict lookups."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def line(value: Any) -> str:
    """One value as compact JSON on one line."""
    import orjson

    return orjson.dumps(value).decode()


def to_json(value: Any, indent: bool = True) -> str:
    """A list as one compact object per line; anything else indented (or compact with indent=False).
    NamedTuples come out as arrays: callers hand over dicts."""
    import orjson

    if isinstance(value, list):
        # Decode each line at once: orjson hands back each result in a buffer of its own, and keeping them all
        # alive until a join took most of a gigabyte at 100,000 contacts (docs/performance.md).
        lines = ",\n  ".join([orjson.dumps(item).decode() for item in value])
        return f"[\n  {lines}\n]" if value else "[]"
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
