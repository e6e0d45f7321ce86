"""How `find` ranks (issue 26): how well a contact matches the words, combined with how warm the tie is (the
same closeness the due rules use), and how a result says why it matched. Pure: words, fields and `today` in.

A word matches a field when a word of the field starts with it (both folded: values.folding.words). Each
word counts for the best field it is found in (FIELD_WEIGHTS); the match is the mean over the words. The
warmth is the tie's strength scaled by the closeness left since the last touch (rules.due.closeness). The
score is `match + WARMTH_WEIGHT * warmth`: among equal matches the warmer tie comes first, and a contact
found by name stays above a warm one whose old mail merely mentions the word (docs/find.md has the numbers).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Mapping, NamedTuple, Sequence

from netlog.rules.due import closeness
from netlog.rules.wording import format_ago
from netlog.values.folding import search_words, words

# How much a word found in each field says about the person: their name most, a mail that mentions it least.
FIELD_WEIGHTS = {"name": 1.0, "company": 0.8, "title": 0.7, "tags": 0.6, "met": 0.6, "topics": 0.5, "note": 0.4, "said": 0.3}
WARMTH_WEIGHT = 0.5  # a close tie touched today adds half a name match
UNTOUCHED_WARMTH = 0.3  # what is left of the strength with no touch, or after a long silence
STRENGTH_LEVELS = 5
MARK_OPEN, MARK_CLOSE = "[", "]"  # around each matched word of a snippet
SNIPPET_CHARS = 80


class Match(NamedTuple):
    """How one contact matched: the quality (0..1) and the field that says most about it."""

    quality: float
    field: str


def match(query: Sequence[str], fields: Mapping[str, str], scoped: Sequence[tuple[str, str]] = ()) -> Match:
    """`query`'s folded words against a contact's folded fields (any of FIELD_WEIGHTS but `said`, which is
    where a word is when the engine found it and no other field holds it); each (word, field) of `scoped`
    against that field only (`--at`'s words the company, `--met-at`'s the places: that is why the contact is
    there)."""
    if not query and not scoped:
        return Match(0.0, "said")
    padded = {name: " " + text for name, text in fields.items() if text}
    total = 0.0
    found: dict[str, int] = {}
    asked = [(word, tuple(padded)) for word in query] + [(word, (name,)) for word, name in scoped]
    for word, names in asked:
        needle = " " + word
        best = "said"
        for name in names:
            if needle in padded.get(name, "") and FIELD_WEIGHTS[name] > FIELD_WEIGHTS[best]:
                best = name
        total += FIELD_WEIGHTS[best]
        found[best] = found.get(best, 0) + 1
    field = max(found, key=lambda name: (found[name], FIELD_WEIGHTS[name]))
    return Match(total / len(asked), field)


def warmth(strength: int, last_touch_on: date | None, today: date) -> float:
    """How warm a tie is, 0..1: its strength, scaled by the closeness left since the last touch."""
    left = closeness(strength, last_touch_on, today) or 0.0
    return strength / STRENGTH_LEVELS * max(left, UNTOUCHED_WARMTH)


def score(quality: float, strength: int, last_touch_on: date | None, today: date) -> float:
    """The rank of a result (higher first)."""
    return quality + WARMTH_WEIGHT * warmth(strength, last_touch_on, today)


def warmth_phrase(level: str, last_kind: str | None, last_on: date | None, today: date) -> str:
    """'strong, last coffee 3 weeks ago'; 'weak, no touch yet'."""
    if last_on is None:
        return f"{level}, no touch yet"
    return f"{level}, last {last_kind or 'touch'} {format_ago(last_on, today)}"


_TOKEN = re.compile(r"[^\W_]+")
_JOINED = re.compile(r"[^\W_]+(?:['’\-‐‑][^\W_]+)*")  # a word, or words joined by an apostrophe or hyphen (O'Neil)


def marks(text: str, query: Sequence[str]) -> list[tuple[int, int]]:
    """Where in `text` the words that start with one of the folded `query` words are: (start, end) pairs. A word
    written with an apostrophe or hyphen inside ("O'Neil") is marked whole when only its joined form matches
    ("oneil")."""
    found = []
    for joined in _JOINED.finditer(text):
        parts = list(_TOKEN.finditer(joined.group()))
        hits = [(joined.start() + p.start(), joined.start() + p.end()) for p in parts
                if any(f.startswith(q) for f in words(p.group()) for q in query)]  # fmt: skip
        if hits:
            found.extend(hits)
        elif len(parts) > 1 and any(f.startswith(q) for f in search_words(joined.group()) for q in query):
            found.append(joined.span())
    return found


def snippet(text: str, query: Sequence[str]) -> str:
    """The text, or the stretch of it around the first matched word, with every matched word marked whole:
    'eng' in 'Engineering lead, Lisbon' -> '[Engineering] lead, Lisbon'."""
    text = " ".join(text.split())
    spans = marks(text, query)
    start, end = 0, len(text)
    if end > SNIPPET_CHARS:
        first = spans[0][0] if spans else 0
        start = max(0, first - SNIPPET_CHARS // 3)
        if start:
            start = text.rfind(" ", 0, start) + 1  # from the start of a word
        end = min(len(text), start + SNIPPET_CHARS)
        cut = text.rfind(" ", first, end)
        if end < len(text) and cut > first:
            end = cut  # to the end of a word
    pieces, at = [], start
    for left, right in spans:
        if start <= left and right <= end:
            pieces += [text[at:left], MARK_OPEN, text[left:right], MARK_CLOSE]
            at = right
    pieces.append(text[at:end])
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def best_text(texts: Iterable[str | None], query: Sequence[str]) -> str | None:
    """Of several texts (newest first), the one holding most of the query's words; the first on a tie."""
    best, most = None, 0
    for text in texts:
        if not text:
            continue
        count = len({q for q in query for f in search_words(text) if f.startswith(q)})
        if count > most:
            best, most = text, count
    return best
