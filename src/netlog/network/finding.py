"""`netlog find` (issue 26): who do I know at Stripe, who did I meet at PyCon, who talked about hiring. The
engine's full-text index finds the candidates (storage/search.py), the rules rank them by match and warmth
(rules/finding.py), and each result says why it matched, how warm the tie is and who introduced you. With
`--at`, one step of the intro graph adds the people who could introduce you there."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from netlog.errors import BadInput
from netlog.rules import due as due_rules
from netlog.rules import finding as rules
from netlog.storage import reads
from netlog.values import kinds, validation
from netlog.values.folding import words

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

# The folded fields each candidate row holds after (contact_id, strength, last_touch_on).
FOUND_FIELDS = reads.columns("search_all")[3:]
# What the fields are called where a user reads them (`matched.field` in --json).
FIELD_NAMES = {"name": "name", "company": "company", "title": "title", "met": "met_at", "topics": "topics",
               "tags": "tags", "note": "note", "said": "touch"}  # fmt: skip


class Search(NamedTuple):
    """What `find` (and `list`'s narrowing options) were asked."""

    text: str | None = None
    at: str | None = None
    met_at: str | None = None
    tag: str | None = None
    strength: int | None = None
    limit: int = 10

    def words(self) -> tuple[list[str], list[str], list[str]]:
        """The folded words: anywhere, in the company, in the places."""
        return words(self.text), words(self.at), words(self.met_at)

    def narrows(self) -> bool:
        return any((self.text, self.at, self.met_at, self.tag, self.strength))


def check_narrowing(at: str | None, met_at: str | None, tag: str | None = None, command: str = "find") -> None:
    """An --at or --met-at given must hold words, and a --tag a tag name (`find` and `list` alike): an empty
    one is a slip, not "no filter"."""
    if tag is not None and not validation.tags([tag]):
        raise BadInput(f"--tag needs a tag name: `netlog {command} --tag pycon`.")
    for typed, option in ((at, "--at"), (met_at, "--met-at")):
        if typed is not None and not words(typed):
            raise BadInput(f'{option} "{typed}" has no letters or digits to search for.')


def _checked(search: Search) -> Search:
    """Refuse what cannot be asked: nothing at all, a filter with no words in it, a limit below one."""
    if search.limit < 1:
        raise BadInput("--limit takes a number of results, 1 or more.")
    check_narrowing(search.at, search.met_at, search.tag)
    if not search.narrows() and search.tag is None:
        raise BadInput("Give words to find, or narrow with --at, --met-at, --tag or --strength: `netlog find stripe`.")
    anywhere, company, met = search.words()
    if search.text and not anywhere:
        raise BadInput(f'QUERY "{search.text}" has no letters or digits to search for.')
    tags = validation.tags([search.tag]) if search.tag is not None else [None]
    return search._replace(tag=tags[0])


def matching_ids(reader: Reader, search: Search) -> dict[int, tuple[Any, ...]]:
    """id -> candidate row (reads.search_candidates) of every contact the search matches, by the index."""
    search = _checked(search)
    anywhere, company, met = search.words()
    rows = reads.search_candidates(reader, anywhere, company, met, search.tag)
    if search.strength is not None:
        rows = [r for r in rows if r[1] == search.strength]
    return {r[0]: r for r in rows}


def find(reader: Reader, today: date, search: Search) -> list[dict[str, Any]]:
    """The best `search.limit` matches, best first; with `--at`, then the people one intro away from them."""
    with reader.snapshot():
        found = matching_ids(reader, search)
        anywhere, company, met = search.words()
        query = [*anywhere, *company, *met] or words(search.tag)
        free = anywhere if anywhere or company or met else query
        scoped = [*((word, "company") for word in company), *((word, "met") for word in met)]
        ranked = []
        for cid, row in found.items():
            quality, field = rules.match(free, dict(zip(FOUND_FIELDS, row[3:])), scoped)
            ranked.append((rules.score(quality, row[1], row[2], today), cid, field))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        results = [_result(reader, today, cid, score, field, query) for score, cid, field in ranked[: search.limit]]
        if search.at:
            results += _paths(reader, today, set(found), search.limit)
    return results


def _result(reader: Reader, today: date, contact_id: int, score: float, field: str, query: list[str]) -> dict[str, Any]:
    row = reads.contact(reader, contact_id) or {}
    tie = _tie(reader, contact_id)
    introducer = reads.contact(reader, row["introduced_by_id"]) if row.get("introduced_by_id") else None
    return {
        **_tie_fields(row, tie, today),
        "matched": {"field": FIELD_NAMES[field], "snippet": _snippet(reader, row, field, query, today)},
        "introduced_by": introducer["name"] if introducer else None,
        "score": round(score, 3),
        "path": None,
    }


def _tie(reader: Reader, contact_id: int) -> due_rules.Tie:
    from netlog.network.ties import tie_of

    return tie_of(reader, contact_id)


def _tie_fields(row: dict[str, Any], tie: due_rules.Tie, today: date) -> dict[str, Any]:
    last = tie.history.last_touch_on
    level = kinds.level_name(row["strength"])
    return {
        "contact": row["name"],
        "contact_id": row["id"],
        "company": row["company"],
        "title": row["title"],
        "strength": level,
        "strength_level": row["strength"],
        "last_touch": last,
        "last_touch_kind": tie.history.last_touch_kind,
        "warmth": due_rules.warmth(row["strength"], last, today),
        "tie": rules.warmth_phrase(level, tie.history.last_touch_kind, last, today),
    }


def _snippet(reader: Reader, row: dict[str, Any], field: str, query: list[str], today: date) -> str:
    """The words of the field that matched, marked, from the text as the user wrote it."""
    if field in ("name", "company", "title", "note"):
        texts = {"name": (row["name"], row["nickname"]), "note": (row["note"], row["moment"])}.get(field, (row[field],))
        return rules.snippet(rules.best_text(texts, query) or texts[0] or "", query)
    if field == "tags":
        return rules.snippet(", ".join(reads.tags_of(reader, row["id"])), query)
    column = {"met": ("place",), "topics": ("topics",), "said": ("note", "advice")}[field]
    touches = [(t, t[c]) for t in reads.touches_of(reader, row["id"]) for c in column if t[c]]
    best = rules.best_text((text for _, text in touches), query)
    touch = next((t for t, text in touches if text == best), None)
    if touch is None:
        return ""
    from netlog.rules.wording import format_day

    return f"{touch['kind']} {format_day(touch['happened_on'], today)}: {rules.snippet(best or '', query)}"


def _paths(reader: Reader, today: date, hits: set[int], limit: int) -> list[dict[str, Any]]:
    """People one intro away from the hits (who introduced you to one of them, or whom one of them introduced
    you to), warmest first: possible paths in."""
    via: dict[int, tuple[int, str, int, date | None]] = {}
    for cid, strength, last, introducer, introducer_strength, introducer_last in reads.intro_links(reader):
        if cid in hits and introducer not in hits:
            via.setdefault(introducer, (cid, "introduced you to", introducer_strength, introducer_last))
        elif introducer in hits and cid not in hits:
            via.setdefault(cid, (introducer, "was introduced to you by", strength, last))
    ranked = sorted((-rules.score(0.0, s, on, today), person) for person, (_, _, s, on) in via.items())
    found = []
    for negative, person in ranked[:limit]:
        row = reads.contact(reader, person)
        if row is not None:
            found.append((-negative, person, row, _tie(reader, person), *via[person][:2]))
    paths = []
    for score, _, row, tie, hit, relation in found[:limit]:
        at = reads.contact(reader, hit) or {}
        where = f" ({at['company']})" if at.get("company") else ""
        paths.append(
            {
                **_tie_fields(row, tie, today),
                "matched": {"field": "intro", "snippet": f"{relation} {at.get('name')}{where}"},
                "introduced_by": None,
                "score": round(score, 3),
                "path": {"contact": at.get("name"), "contact_id": hit, "relation": relation},
            }
        )
    return paths
