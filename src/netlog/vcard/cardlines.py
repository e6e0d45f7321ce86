"""The vCard content-line syntax (RFC 6350 section 3, RFC 2426, vCard 2.1's quoted-printable): text <->
properties. Pure: no files, no contacts.

Every property keeps the exact text it came from (`raw`: its folded lines and line endings), so a card can
be changed one property at a time and every other line written back byte for byte. That is why netlog
reads cards itself instead of through vobject, which re-serialises a whole card and, reading, keeps only
the first item of an unescaped comma list (`FN:Smith, John` reads as "Smith", `URL:http://x/a,b` as
"http://x/a")."""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

_PHYSICAL = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")
_NAME = re.compile(r"(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)")
# Parameters that describe the old value (how it was written; ADR's LABEL and GEO: the old address
# itself); a new value written in their place drops them.
VALUE_FORMAT_PARAMS = frozenset({"ENCODING", "CHARSET", "VALUE", "LABEL", "GEO"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_UNESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\"}
FOLD_OCTETS = 75


@dataclass(frozen=True)
class Property:
    """One content line. `name` is None for a line that is not a property (no colon, or blank): kept as it
    is, never read."""

    raw: str  # as in the file: its physical lines, line endings included
    line: int  # the number of its first physical line, from 1
    name: str | None  # upper case, without the group
    group: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)  # names upper case; 2.1 singletons under TYPE
    param_texts: tuple[str, ...] = ()  # each parameter as written, to keep them exactly when the value changes
    value: str = ""  # still backslash-escaped; quoted-printable already decoded

    def is_unreadable(self) -> bool:
        """A line that is not blank and still not a property."""
        return self.name is None and bool(self.raw.strip())

    def is_preferred(self) -> bool:
        """TYPE=pref (vCard 3.0, 2.1's PREF singleton) or a PREF parameter (vCard 4.0)."""
        return "PREF" in self.params or any(t.lower() == "pref" for t in self.params.get("TYPE", ()))


def parse(text: str) -> list[Property]:
    """Every logical line of a text, unfolded, in order; their `raw` texts joined give the text back."""
    physical = _PHYSICAL.findall(text)
    found: list[Property] = []
    i = 0
    while i < len(physical):
        start = i
        raw = physical[i]
        body = raw.rstrip("\r\n")
        i += 1
        quoted_printable = _is_quoted_printable(body)
        while i < len(physical):
            following = physical[i]
            if quoted_printable and body.endswith("="):
                body = body[:-1] + following.rstrip("\r\n")  # a soft line break: the next line as it is
            elif following[:1] in (" ", "\t"):
                body += following.rstrip("\r\n")[1:]  # folding: one space or tab, then more of the line
            else:
                break
            raw += following
            i += 1
        found.append(_property(raw, start + 1, body) if body.strip() else Property(raw, start + 1, None))
    return found


def _is_quoted_printable(body: str) -> bool:
    head = body.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _property(raw: str, line: int, body: str) -> Property:
    match = _NAME.match(body)
    colon = _unquoted_index(body, ":")
    if not match or colon < 0 or body[match.end() : match.end() + 1] not in (";", ":"):
        return Property(raw, line, None)
    param_texts = tuple(p for p in _split_unquoted(body[match.end() : colon], ";") if p)
    params: dict[str, list[str]] = {}
    for text in param_texts:
        key, equals, values = text.partition("=")
        if not equals:  # vCard 2.1: TEL;CELL, NOTE;QUOTED-PRINTABLE
            key, values = ("ENCODING" if key.upper() in _ENCODINGS else "TYPE"), key
        params.setdefault(key.strip().upper(), []).extend(v.strip().strip('"') for v in _split_unquoted(values, ","))
    value = body[colon + 1 :]
    if any(e.upper() == "QUOTED-PRINTABLE" for e in params.get("ENCODING", ())):
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        try:
            value = quopri.decodestring(value.encode("utf-8")).decode(charset, errors="replace")
        except (LookupError, ValueError):  # a charset Python does not know (or with a NUL in it): the bytes as UTF-8
            value = quopri.decodestring(value.encode("utf-8")).decode("utf-8", errors="replace")
    group = match.group("group")
    return Property(raw, line, match.group("name").upper(), group, params, param_texts, value)


def _unquoted_index(text: str, char: str) -> int:
    quoted = False
    for index, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            return index
    return -1


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts, quoted, start = [], False, 0
    for index, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def unescape(value: str) -> str:
    """A text value as the reader means it: \\n is a newline, \\, \\; \\\\ are the characters."""
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value) and value[i + 1] in _UNESCAPES:
            out.append(_UNESCAPES[value[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split(value: str, separator: str) -> list[str]:
    """An escaped value cut at each separator (; between components, , between list items) not escaped."""
    if "\\" not in value:  # nothing escaped (most values): every separator cuts
        return value.split(separator)
    parts, start, i = [], 0, 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == separator:
            parts.append(value[start:i])
            start = i + 1
        i += 1
    parts.append(value[start:])
    return parts


def escape(text: str) -> str:
    """Text as a vCard value: backslash, comma, semicolon and newline escaped (what vobject, and so khard,
    expects in every property)."""
    return (
        text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\n").replace("\r", "\n")
        .replace("\n", "\\n")
    )  # fmt: skip


def format_line(name: str, value: str, params: tuple[str, ...] = (), group: str | None = None, eol: str = "\r\n") -> str:
    """One content line (its value already escaped), folded at 75 octets as the standards ask."""
    head = (f"{group}." if group else "") + ";".join((name, *params))
    return fold(f"{head}:{value}", eol)


def fold(line: str, eol: str = "\r\n") -> str:
    """A logical line cut into physical lines of at most 75 octets, never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= FOLD_OCTETS:  # most lines: one piece
        return line + eol
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, FOLD_OCTETS
    for c in line:
        width = len(c.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, FOLD_OCTETS - 1  # continuation lines start with a space
        current.append(c)
        size += width
    pieces.append("".join(current))
    return eol.join([pieces[0], *(" " + p for p in pieces[1:])]) + eol


def line_ending(text: str) -> str:
    """The line ending a text uses (CRLF as the standards say, unless it uses bare LF)."""
    first = _PHYSICAL.match(text)
    return "\n" if first and first.group().endswith("\n") and not first.group().endswith("\r\n") else "\r\n"


@dataclass
class Card:
    """One BEGIN:VCARD .. END:VCARD: its properties between those two lines, and where it starts."""

    properties: list[Property]
    line: int


@dataclass
class Split:
    """What a text holds: its cards, plus the lines of cards that never end (each such card is dropped)."""

    cards: list[Card] = field(default_factory=list)
    unclosed: list[int] = field(default_factory=list)


def split_cards(properties: list[Property]) -> Split:
    """The cards among a text's properties; a card nested in another (2.1 AGENT) stays inside it."""
    result = Split()
    current: list[Property] = []
    depth, start = 0, 0
    for prop in properties:
        word = prop.value.strip().upper() if prop.name in ("BEGIN", "END") else None
        if prop.name == "BEGIN" and word == "VCARD":
            depth += 1
            if depth == 1:
                current, start = [], prop.line
                continue
        elif prop.name == "END" and word == "VCARD" and depth:
            depth -= 1
            if depth == 0:
                result.cards.append(Card(current, start))
                continue
        if depth:
            current.append(prop)
    if depth:
        result.unclosed.append(start)
    return result
