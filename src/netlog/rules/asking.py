"""Whether a message asks something (issue 23): a question mark in what the writer wrote (not in the text they
quote, not in a link's query string), or a request ("could you", "I'd be grateful if you could", "please
send"). A message that asks nothing (thanks, FYI, "sounds good") waits for no answer: sent, it opens no
silence; received, it owes no reply."""

from __future__ import annotations

import re

# Where the quoted message starts: "On Fri, 30 Oct 2026 at 16:05, Ana <ana@x> wrote:", Outlook's
# "-----Original Message-----" and "From: ..." blocks, and the lines quoted with ">".
_ATTRIBUTION = re.compile(
    r"^(On\b.{0,200}\bwrote:\s*$|Am\b.{0,200}\bschrieb.{0,80}:\s*$|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Forwarded message\s*-{2,}"
    r"|_{10,}\s*$|From:\s.+$)",
    re.IGNORECASE | re.MULTILINE,
)  # fmt: skip
_QUOTED = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_LINK = re.compile(r"(?:https?://|www\.|mailto:)\S+", re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
# Requests written without a question mark. Words, not a model: what people write when they want something.
_REQUEST = re.compile(
    r"\b(?:"
    r"(?:could|would|can|will) you\b|if you (?:could|can|would|have time)\b|(?:I'd|I would|we'd|we would) be grateful"
    r"|(?:I'd|I would|we'd|we would) (?:love|like) (?:it )?if you\b|please (?:send|let|share|confirm|reply|get back|call)"
    r"|let me know\b|get back to me\b|looking forward to (?:hearing|your (?:reply|answer|thoughts))"
    r"|kannst du|könnten sie|können sie|würden sie|bitte (?:schick|send|gib)"
    r")",
    re.IGNORECASE,
)  # fmt: skip


def own_words(text: str) -> str:
    """What the writer wrote: the text before a quoted message, without quoted lines, links and signature."""
    found = _ATTRIBUTION.search(text)
    if found:
        text = text[: found.start()]
    signature = _SIGNATURE.search(text)
    if signature:
        text = text[: signature.start()]
    return _LINK.sub(" ", _QUOTED.sub("", text))


def asks_something(text: str | None) -> bool:
    """A question or a request in the writer's own words (see the module docstring)."""
    if not text:
        return False
    words = own_words(text)
    return "?" in words or "\uff1f" in words or _REQUEST.search(words) is not None
