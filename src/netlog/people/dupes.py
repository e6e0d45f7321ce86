"""Likely duplicate contacts: the same email, profile URL or phone (any of each contact's, not only the
preferred one), close names at the same company, or the same name with nothing telling them apart (not
two companies, not two profile URLs: LinkedIn's two Ana Limas are two people, an "Ana Lima" a chat or the
phone made with only a number may be either). Pure: contact rows in, pairs with a plain reason out.

Comparing every pair is n²/2 comparisons (five billion at 100,000 contacts), so pairs are blocked first.
Emails and URLs are grouped on their normal forms: a pair in one group is a pair, and only those are.
Names are compared only within the same company, and there only when they share a block key. The keys
come from pairs of a name's words (words without a letter, the 2 of "Ana Lima 2", left out): any two of
its first two and last two words, so that a middle name, an initial, "Dr" or "Jr" added still leaves a
pair in common with the shorter spelling. Each word has two ends, its first letter and its last two
letters, and each pair of words gives four keys, one per pair of ends. One edit in a word of three
letters or more changes one of its ends, never both: so two spellings of one name, with one edit at most
in each word, always meet. What is not compared: names whose words share neither end ("José Kowalczyk"
and "Zoë Kowalczyk", two people whose long shared surname alone makes them score 0.87).
tests/test_dupes.py checks the result against comparing every pair on networks of realistic names.

"Close" is rapidfuzz's Indel similarity of the folded names (2 x their longest common subsequence / their
total length; fuzz.ratio / 100), at least CLOSE_NAME_RATIO. It replaced difflib's ratio, which it never
falls below (difflib's matching blocks are one common subsequence); on the 100,000-contact benchmark
network the two agree on every pair compared, and rapidfuzz computes the blocks' millions of comparisons
in C many times faster (docs/performance.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from netlog.values.folding import fold

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

# Two names at the same company this alike (Indel similarity of the folded names) are likely one person.
CLOSE_NAME_RATIO = 0.85
SAME_NAME = "same name, nothing tells them apart"
_NEARLY, _SURELY = CLOSE_NAME_RATIO - 1e-6, CLOSE_NAME_RATIO + 1e-6  # around it, floats are decided in integers
TICK_EVERY = 1_000  # contacts between two advances of the progress bar


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


def find_dupes(contacts: Iterable[Mapping], tick: Callable[[int], None] | None = None) -> list[DupePair]:
    """Every likely duplicate pair, oldest contact first in each pair, one reason per pair (the first that
    holds of: same email, same URL, same phone, close names at the same company, same name with nothing
    telling them apart); `tick(n)` as contacts are done. A row's addresses are its `email`/`url` column and
    its `emails`/`urls` lists (any of them); its phones, the `phones` list of normal forms."""
    rows = sorted(contacts, key=lambda r: r["id"])
    found: dict[int, str] = {}  # pair (a, b) as a << 32 | b (ids are below 2**31): sorting ints is cheap
    for kind, reason in (("email", "same email"), ("url", "same URL"), ("phone", "same phone")):
        groups: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            for value in addresses(row, kind):
                groups[value].append(row["id"])
        for value, ids in groups.items():
            for a, b in combinations(ids, 2):
                found.setdefault(a << 32 | b, f"{reason} {value}")
    for a, b in _close_names(rows, tick):
        found.setdefault(a << 32 | b, "")
    for a, b in _same_names(rows):
        found.setdefault(a << 32 | b, SAME_NAME)
    by_id = {r["id"]: r for r in rows}
    pairs = []
    for key in sorted(found):
        a, b = key >> 32, key & 0xFFFFFFFF
        one = by_id[a]
        pairs.append(DupePair(a, one["name"], b, by_id[b]["name"], found[key] or f"close names at {one['company']}"))
    return pairs


def addresses(row: Mapping, kind: str) -> list[str]:
    """A row's emails, URLs or phones in the form they are compared in, each once, the preferred first."""
    if kind == "phone":
        listed = [value for value in row.get("phones") or () if value]
    else:
        normal = normalize_email if kind == "email" else normalize_url
        listed = [normal(value) for value in (row.get(kind), *(row.get(f"{kind}s") or ()))]
    return [value for value in dict.fromkeys(listed) if value]


def _same_names(rows: list[Mapping]) -> Iterable[tuple[int, int]]:
    """(older id, newer id) of the contacts whose folded names are the same and that nothing tells apart:
    not two different companies, not two profile URLs none of which they share."""
    groups: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        name = " ".join(fold(row["name"] or "").split())
        if name:
            groups[name].append(row)
    for group in groups.values():
        for one, other in combinations(group, 2):
            if not _told_apart(one, other):
                yield one["id"], other["id"]


def _told_apart(one: Mapping, other: Mapping) -> bool:
    companies = fold(one.get("company") or "").strip(), fold(other.get("company") or "").strip()
    if all(companies) and companies[0] != companies[1]:
        return True
    urls = set(addresses(one, "url")), set(addresses(other, "url"))
    return bool(urls[0] and urls[1] and not urls[0] & urls[1])


def _close_names(rows: list[Mapping], tick: Callable[[int], None] | None) -> Iterable[tuple[int, int]]:
    """(older id, newer id) of the names alike at the same company: each contact, in id order, against the
    earlier ones that share a block key with it."""
    from rapidfuzz import process  # only when dupes runs: a C extension netlog's start-up does not need
    from rapidfuzz.distance import Indel

    distance = Indel.distance
    blocks: dict[tuple, tuple[list[int], list[str]]] = defaultdict(lambda: ([], []))  # ids, folded names
    for done, row in enumerate(rows, start=1):
        if tick and done % TICK_EVERY == 0:
            tick(TICK_EVERY)
        company = fold(row.get("company") or "")
        if not company:
            continue
        name = fold(row["name"])
        alike: dict[int, tuple[str, float]] = {}
        for key in _keys(name):
            ids, names = blocks[(company, key)]
            if names:  # rapidfuzz's own cutoff drops some pairs at exactly the ratio: a hair lower, then exact
                found = process.extract(name, names, scorer=Indel.normalized_similarity, score_cutoff=_NEARLY, limit=None)
                alike.update((ids[index], (other, score)) for other, score, index in found)
            ids.append(row["id"])
            names.append(name)
        for other_id, (other, score) in alike.items():
            if score > _SURELY or _close(len(other) + len(name), distance(other, name)):
                yield other_id, row["id"]
    if tick:
        tick(len(rows) % TICK_EVERY)


def names_alike(one: str, other: str) -> bool:
    """Two folded names are close: 2 x their longest common subsequence is at least CLOSE_NAME_RATIO of their
    total length (rapidfuzz's Indel similarity, compared in integers: 0.85 exactly is close)."""
    from rapidfuzz.distance import Indel

    return _close(len(one) + len(other), Indel.distance(one, other))


def _close(total: int, distance: int) -> bool:
    """(total - distance) / total >= 0.85, in integers (a float cutoff drops some pairs at exactly 0.85)."""
    return not total or 20 * (total - distance) >= 17 * total


def _keys(name: str) -> set[tuple]:
    """The block keys of a folded name: for each two of its first two and last two words, one key per pair
    of their ends (a word's first letter, its last two letters)."""
    words = [w for w in name.split() if any(c.isalpha() for c in w)] or name.split()
    if not words:
        return {()}
    ends = words[:2] + words[2:][-2:]  # at most four words: a name of 150 words still has 24 keys
    pairs = combinations(ends, 2) if len(ends) > 1 else [(ends[0], ends[0])]
    return {(i, j, a, b) for one, two in pairs for i, a in _ends(one) for j, b in _ends(two)}


def _ends(word: str) -> tuple[tuple[int, str], tuple[int, str]]:
    return (0, word[0]), (1, word[-2:])


def rows_to_compare(reader: Reader) -> list[dict[str, Any]]:
    """Every contact's row, as find_dupes compares them: with every email, URL and phone (normal form) it has."""
    from netlog.storage import reads

    rows = reads.contact_rows(reader)
    points = reads.all_points(reader)
    for row in rows:
        mine = points.get(row["id"], {})
        row["emails"] = [p["value"] for p in mine.get("email", ())]
        row["urls"] = [p["value"] for p in mine.get("url", ())]
        row["phones"] = [p["normal"] for p in mine.get("phone", ())]
    return rows
