"""The vocabulary: kinds of touch, tie strengths and due actions. Light on purpose: help and completion use it."""

from __future__ import annotations

from collections.abc import Iterable

from netlog.errors import BadInput

# kind -> (what it means, who it flows from by default: "both", "out" = from me, "in" = to me)
KINDS: dict[str, tuple[str, str]] = {
    "met": ("met in person: a first meeting, an event, a chance encounter", "both"),
    "call": ("a phone call", "both"),
    "coffee": ("coffee together", "both"),
    "meal": ("lunch or dinner together", "both"),
    "video": ("a video call", "both"),
    "email": ("an email; sent by me unless --received", "out"),
    "message": ("a text or chat message; sent by me unless --received", "out"),
    "intro": ("they introduced me to someone (--to NAME)", "in"),
    "favor-given": ("I did them a favor", "out"),
    "favor-received": ("they did me a favor", "in"),
    "thanks": ("I thanked them; clears a pending thank-you", "out"),
    "share": ("I shared a link or resource with them; theirs with --received", "out"),
    "congrats": ("I congratulated them on news; theirs with --received", "out"),
    "report": ("I reported back on how their advice or intro went; clears a report-back", "out"),
    "connected": ("we connected on a network (LinkedIn's Connected On); not a meeting, not a real touch", "both"),
}

MEETINGS = frozenset({"met", "call", "coffee", "meal", "video"})  # time spent together, both ways
MESSAGES = frozenset({"email", "message"})  # written words that may wait for a reply
HELP_RECEIVED = frozenset({"favor-received", "intro"})
# Not a real touch: a click on a network says nothing about the tie. It wants no thanks and no reply, keeps
# no cadence, and a contact with nothing else is a dormant tie (docs/rules.md).
CONNECTIONS = frozenset({"connected"})

# Kinds that can be one event seen twice (issue 23): a touch logged by hand and the same exchange captured from
# mail, a calendar or a chat are one touch when their kinds are of one family.
WRITTEN = frozenset({"email", "message", "thanks", "congrats", "share", "report"})  # written words, either way


def family_of(kind: str) -> str | None:
    """'meeting', 'written', or None for a kind that is never captured (a favor, an intro, a connection)."""
    return "meeting" if kind in MEETINGS else "written" if kind in WRITTEN else None


LEVELS = ("acquaintance", "weak", "medium", "strong", "close")  # tie strength 1..5
DEFAULT_LEVEL = 2

ACTIONS = ("reply", "thank", "nudge", "meet", "report-back", "keep-in-touch", "intro")

# How a kind reads in a sentence: "Thank Ana for coffee on Sat 21 Nov".
KIND_PHRASES = {
    "met": "meeting you",
    "call": "the call",
    "coffee": "coffee",
    "meal": "the meal",
    "video": "the video call",
    "email": "your email",
    "message": "your message",
    "intro": "the introduction",
    "favor-given": "a favor you did",
    "favor-received": "the favor",
    "thanks": "a thank-you",
    "share": "something you shared",
    "congrats": "congratulations",
    "report": "a report-back",
    "connected": "connecting",
}


def parse_kind(text: str) -> str:
    """A typed kind -> one of KINDS, or a clear error listing them."""
    kind = text.strip().lower().replace("_", "-")
    if kind in KINDS:
        return kind
    starts = [k for k in KINDS if k.startswith(kind)] if kind else []
    if len(starts) == 1:
        return starts[0]
    raise BadInput(f'Unknown kind "{text}".{_did_you_mean(kind, KINDS)} Use one of: {", ".join(KINDS)}.')


def _did_you_mean(typed: str, known: Iterable[str]) -> str:
    """' Did you mean: email?' for a close miss, else ''."""
    import difflib

    close = difflib.get_close_matches(typed, list(known), n=1, cutoff=0.6)
    return f" Did you mean: {close[0]}?" if close else ""


_LEVEL_NUMBERS = frozenset(str(level) for level in range(1, len(LEVELS) + 1))


def parse_level(text: str | int) -> int:
    """'medium' or '3' -> 3; a clear error for anything else."""
    value = str(text).strip().lower()
    if value in _LEVEL_NUMBERS:
        return int(value)
    if value in LEVELS:
        return LEVELS.index(value) + 1
    raise BadInput(f'Unknown strength "{text}". Use one of: {", ".join(LEVELS)} (or 1-5).')


def level_name(strength: int) -> str:
    """3 -> 'medium'."""
    return LEVELS[strength - 1]


def parse_action(text: str) -> str:
    """A typed due action -> one of ACTIONS."""
    action = text.strip().lower()
    if action in ACTIONS:
        return action
    raise BadInput(f'Unknown action "{text}".{_did_you_mean(action, ACTIONS)} Use one of: {", ".join(ACTIONS)}.')


def direction_of(kind: str, received: bool) -> str:
    """Who the touch flows from: --received turns my message into theirs."""
    default = KINDS[kind][1]
    if not received:
        return default
    if default != "out" or kind == "favor-given":
        raise BadInput(f'--received does not apply to "{kind}"; it is for email, message, share, congrats, thanks, report.')
    return "in"
