"""One writer per format: the database -> text. Each module is imported only when its format is asked for."""

from __future__ import annotations

FORMATS = {"json": "jsonio", "vcard": "vcard", "ics": "ics", "csv": "csvout"}
