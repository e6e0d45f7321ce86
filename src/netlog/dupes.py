"""Likely duplicate contacts: the same email, the same profile URL, or close names at the same company.
Pure: contact rows in, pairs with a plain reason out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Mapping

from netlog.folding import fold

# Two names at the same company this alike (difflib ratio of the folded names) are likely one person.
CLOSE_NAME_RATIO = 0.85


@dataclass(frozen=True)
class DupePair:
    """Two contacts that look like one person, and why."""

    keep_id: int  # the older contact: merging keeps it
    keep: str
    other_id: int
    other: str
    reason: str


def normalize_email(value: str | None) -> str:
    return (value or "").strip().casefold()


def normalize_url(value: str | None) -> str:
    """linkedin.com/in/ana, https://www.linkedin.com/in/ana/ and HTTP://LinkedIn.com/in/ana alike."""
    url = (value or "").strip().casefold()
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def find_dupes(contacts: Iterable[Mapping]) -> list[DupePair]:
    """Every likely duplicate pair, oldest contact first in each pair, one reason per pair."""
    rows = sorted(contacts, key=lambda r: r["id"])
    found: dict[tuple[int, int], str] = {}
    for i, one in enumerate(rows):
        for other in rows[i + 1 :]:
            reason = _why_same(one, other)
            if reason:
                found[(one["id"], other["id"])] = reason
    by_id = {r["id"]: r for r in rows}
    return [DupePair(a, by_id[a]["name"], b, by_id[b]["name"], why) for (a, b), why in sorted(found.items())]


def _why_same(one: Mapping, other: Mapping) -> str | None:
    email = normalize_email(one.get("email"))
    if email and email == normalize_email(other.get("email")):
        return f"same email {email}"
    url = normalize_url(one.get("url"))
    if url and url == normalize_url(other.get("url")):
        return f"same URL {url}"
    company = fold(one.get("company") or "")
    if company and company == fold(other.get("company") or ""):
        ratio = difflib.SequenceMatcher(None, fold(one["name"]), fold(other["name"])).ratio()
        if ratio >= CLOSE_NAME_RATIO:
            return f"close names at {one['company']}"
    return None
