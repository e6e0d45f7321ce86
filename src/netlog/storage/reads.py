"""The reads the domain asks for, each running one statement of storage/statements.py by name on a Reader:
the fast sqlite3 reader (storage/fast.py) or a Session (storage/store.py SessionReader). Light on purpose:
no SQLAlchemy here, so the fast paths can use it. Rows are tuples in the order of `columns(name)`."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Collection, Generic, Iterable, Iterator, Mapping, Sequence, TypeVar

from netlog.storage.compiled import COLUMNS, PARAMS
from netlog.storage.reader import Reader
from netlog.values.folding import name_forms, name_key

Row = dict[str, Any]
T = TypeVar("T")


def columns(name: str) -> tuple[str, ...]:
    """The keys of the statement's columns, in the order of its rows' cells (generated with its SQL)."""
    return COLUMNS[name]


def rows(reader: Reader, name: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
    """The statement's rows as tuples (for reads of many rows)."""
    return reader.rows(name, params)


def dicts(reader: Reader, name: str, params: Mapping[str, object] | None = None) -> list[Row]:
    """The statement's rows as dicts keyed by its columns."""
    keys = COLUMNS[name]
    return [dict(zip(keys, row)) for row in reader.rows(name, params)]


def _one(reader: Reader, name: str, params: Mapping[str, object]) -> Row | None:
    found = dicts(reader, name, params)
    return found[0] if found else None


def _firsts(reader: Reader, name: str, params: Mapping[str, object] | None = None) -> list[Any]:
    return [row[0] for row in reader.rows(name, params)]


# settings and versions


def meta(reader: Reader, key: str) -> str | None:
    """A stored setting."""
    found = _firsts(reader, "meta_value", {"key": key})
    return found[0] if found else None


# contacts and names


def contact(reader: Reader, contact_id: int) -> Row | None:
    """One contact's row."""
    return _one(reader, "contact", {"id": contact_id})


def contact_rows(reader: Reader) -> list[Row]:
    """Every contact's row, by id."""
    return dicts(reader, "contact_rows")


def contact_pages(reader: Reader, size: int = 2000) -> Iterator[list[Row]]:
    """Every contact's row, by id, `size` at a time (one page in memory, not the network); call it inside
    `reader.snapshot()` so the pages see one state of the database."""
    after = 0
    while True:
        page = dicts(reader, "contact_rows_after", {"after": after, "limit": size})
        if not page:
            return
        yield page
        after = page[-1]["id"]


def contact_extras(reader: Reader) -> dict[int, tuple[Any, ...]]:
    """contact id -> (phone, url, birthday, note): what the CSV export adds to `list`'s overview."""
    return {row[0]: row[1:] for row in reader.rows("contact_extras")}


def contact_names(reader: Reader) -> list[tuple[int, str]]:
    """(id, name) of every contact, for resolving typed names."""
    return [(cid, name) for cid, name in reader.rows("contact_names")]


def ids_named(reader: Reader, name: str) -> list[int]:
    """Ids of contacts whose name is exactly `name` (the name index answers it)."""
    return _firsts(reader, "ids_named", {"name": name})


def ids_folded(reader: Reader, name: str) -> list[int]:
    """Ids of contacts whose name folds as `name` does ("josé lima" finds "José Lima", "ciara o’neil" "Ciara O'Neil")."""
    return _firsts(reader, "ids_folded", {"key": name_key(name)})


def ids_folded_each(reader: Reader, names: Sequence[str]) -> list[list[int]]:
    """ids_folded(reader, name) for each of `names`, in their order (sent together on a server)."""
    return [[row[0] for row in rows] for rows in reader.rows_each("ids_folded", [{"key": name_key(n)} for n in names])]


def ids_sharing_a_name(reader: Reader) -> set[int]:
    """Ids of the contacts whose name (folded) another contact has too."""
    return set(_firsts(reader, "ids_sharing_a_name"))


def names_with_word_starting(reader: Reader, typed: str) -> list[tuple[int, str]]:
    """(id, name) of the contacts with a word of their stored key (values.folding.name_key) starting with the first
    word of folded `typed`, by id: every name names.resolve could match by folding, prefix or later word."""
    key = like_escaped(name_forms(typed)[0].split(" ")[0])
    return [(cid, name) for cid, name in reader.rows("names_with_word_starting", {"prefix": key + "%", "later": "% " + key + "%"})]


def like_escaped(text: str) -> str:
    """`text` matched literally by LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def names_starting(reader: Reader, prefix: str, limit: int = 200) -> list[str]:
    """Names that start with `prefix` as names are typed: case, accents and punctuation aside
    (values.folding.name_forms), so "ana" offers "Ána Lima" and "ANA Berg", "oneil" "O'Neil Ray"; in folded
    order. LIKE on the stored key narrows the rows in SQL (a name's key starts with the first word of each of
    its forms, or a word that first word begins); each name's forms are tested here."""
    key = name_forms(prefix)[0] if prefix.strip() else ""
    if key and prefix[-1].isspace():  # "Ana " offers Ana Lima, not Anabel
        key += " "
    found = []
    for (name,) in reader.rows("names_starting", {"pattern": like_escaped(key.split(" ", 1)[0]) + "%"}):
        if any(form.startswith(key) for form in name_forms(name)):
            found.append(name)
            if len(found) >= limit:
                break
    return found


def introduced_by(reader: Reader, introducer_id: int) -> list[Row]:
    """The people this contact introduced to me: id, name, introduced_on."""
    return dicts(reader, "introduced_by", {"id": introducer_id})


# the rules' view


def tie_rows(reader: Reader, contact_id: int | None = None) -> list[tuple[Any, ...]]:
    """Each contact (or one) with its cached History, as `statements.TIE_COLUMNS` then the History."""
    if contact_id is None:
        return reader.rows("tie_rows")
    return reader.rows("tie_row", {"id": contact_id})


# With `besides_pool`, the contacts outside the pool are read by id while they are fewer than this share of the
# network, else by one scan: on bench/generate.py's 100k networks, by id 7.9 ms against 41 ms scanned with 1.3% of
# the contacts outside (one person's network), 325 ms against 254 ms with 93% (the uniform one).
OUTSIDE_POOL_BY_ID_BELOW = 0.5


def due_candidates(reader: Reader, window: Mapping[str, Any], besides_pool: bool = False) -> list[tuple[Any, ...]]:
    """`tie_rows` for only the contacts that may have something due inside rules.DueWindow (its fields
    as a mapping); `besides_pool`: but those of due_pool (the same rows read one of two ways: the cheaper)."""
    name = "due_candidates"
    if besides_pool:
        [(outside, contacts)] = reader.rows("outside_pool_count", {"keep_in_touch_by": window["keep_in_touch_by"]})
        by_id = outside < contacts * OUTSIDE_POOL_BY_ID_BELOW
        name = "due_candidates_outside_pool" if by_id else "due_candidates_besides_pool"
    return reader.rows(name, {p: window[p] for p in PARAMS[name]})


def due_pool(reader: Reader, window: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The pool of rules.DueWindow (its fields as a mapping): (id, strength, folded company) of each weak tie whose
    one possible item is the daily allowance's, by id (rules.PoolTie). due_candidates reads everyone else; `due`
    counts the pool (pool_tiers) rather than list it."""
    return reader.rows("due_pool", {p: window[p] for p in PARAMS["due_pool"]})


def pool_tiers(reader: Reader, window: Mapping[str, Any]) -> list[tuple[int, str, int]]:
    """The pool of rules.DueWindow (its fields as a mapping) counted: (strength, folded company, how many) each."""
    return reader.rows("pool_tiers", {"keep_in_touch_by": window["keep_in_touch_by"]})


def pool_tier_ids(reader: Reader, window: Mapping[str, Any], strength: int, company_class: int, offset: int, limit: int) -> list[int]:
    """`limit` ids, from the `offset`th in id order, of the pool's ties of one strength and company class
    (rules.company_class)."""
    params = {"keep_in_touch_by": window["keep_in_touch_by"], "active_from": window["active_from"]}
    params |= {"strength": strength, "company_class": company_class, "offset": offset, "limit": limit}
    return _firsts(reader, "pool_tier_ids", params)


def pool_aside(reader: Reader, window: Mapping[str, Any], rest_from: date) -> list[tuple[int, int, str, date | None]]:
    """The ties counted in the pool that are snoozed, dismissed, picked since `rest_from` or named by another's rule:
    (id, strength, folded company, snoozed until) each, by id."""
    params = {p: window[p] for p in PARAMS["pool_aside"] if p != "rest_from"}
    return reader.rows("pool_aside", {**params, "rest_from": rest_from})


def dormant_rows(reader: Reader) -> list[tuple[Any, ...]]:
    """`tie_rows` for every dormant tie (imported, never in touch: rules.is_dormant)."""
    return reader.rows("dormant_ties")


def shared_first_keys(reader: Reader) -> frozenset[str]:
    """The folded first words (rules.first_name_key) that two or more contacts share."""
    return frozenset(_firsts(reader, "shared_first_keys"))


def first_key_shared(reader: Reader, key: str) -> bool:
    """Whether two or more contacts have the folded first word `key`."""
    count: int = _firsts(reader, "first_key_count", {"key": key})[0]
    return count > 1


def active_companies(reader: Reader, since: date) -> list[str]:
    """The companies (folded: rules.company_key) of the ties with a real exchange since `since`."""
    return _firsts(reader, "active_companies", {"active_from": since})


def day_picks(reader: Reader, since: date) -> dict[int, date]:
    """contact id -> the latest day the daily allowance picked them, for picks on or after `since`."""
    return {contact_id: on for contact_id, on in reader.rows("day_picks", {"since": since})}


def personal_ties(reader: Reader, family_key: str, family_tag: str | None) -> set[int]:
    """The ids of organisations' cards, of contacts whose folded name ends in the word(s) `family_key` (the
    user's folded family name; '' for none) and of contacts tagged `family_tag`."""
    return {row[0] for row in personal_rows(reader, family_key, family_tag)}


def personal_rows(reader: Reader, family_key: str, family_tag: str | None) -> list[tuple[int, date | None, int | None, str | None]]:
    """personal_ties, each as (id, first day in the pool, strength, folded company) from the derived cache."""
    like = f"% {like_escaped(family_key)}" if family_key else ""
    return reader.rows("personal_ties", {"family_like": like, "family_tag": family_tag or ""})


def dismissal_rows(reader: Reader, contact_id: int | None = None) -> list[Row]:
    """Every dismissed action (or one contact's): contact_id, action, done_on."""
    if contact_id is None:
        return dicts(reader, "dismissals")
    return dicts(reader, "dismissals_of", {"id": contact_id})


def intro_rows(reader: Reader, contact_id: int | None = None) -> list[Row]:
    """Every intro offer (or those involving one contact), oldest first."""
    if contact_id is None:
        return dicts(reader, "intro_offers")
    return dicts(reader, "intro_offers_of", {"id": contact_id})


def touched_by(reader: Reader, user: str) -> tuple[set[int], set[int]]:
    """What one user logged: the ids of the contacts they touched (as the contact, or as the person an
    intro named), and the ids of their touches."""
    contacts: set[int] = set()
    touches: set[int] = set()
    for touch_id, contact_id, other_id in reader.rows("touched_by", {"user": user}):
        touches.add(touch_id)
        contacts.add(contact_id)
        if other_id is not None:
            contacts.add(other_id)
    return contacts, touches


# list and show


def all_tags(reader: Reader) -> dict[int, list[str]]:
    """contact id -> its tags."""
    tags: dict[int, list[str]] = {}
    for contact_id, name in reader.rows("all_tags"):
        tags.setdefault(contact_id, []).append(name)
    return tags


def points_of(reader: Reader, contact_id: int) -> dict[str, list[Row]]:
    """One contact's points of contact: {"email": [...], "phone": [...], "url": [...]}, each a list of
    {"value", "label"}, the preferred one first."""
    found: dict[str, list[Row]] = {"email": [], "phone": [], "url": []}
    for kind, value, label in reader.rows("points_of", {"id": contact_id}):
        found.setdefault(kind, []).append({"value": value, "label": label})
    return found


def all_points(reader: Reader) -> dict[int, dict[str, list[Row]]]:
    """Every contact's points of contact, by contact id, as `points_of` gives them; each also with its
    normal form (the form values are compared in)."""
    found: dict[int, dict[str, list[Row]]] = {}
    for cid, kind, value, label, normal in reader.rows("all_points"):
        mine = found.setdefault(cid, {"email": [], "phone": [], "url": []})
        mine.setdefault(kind, []).append({"value": value, "label": label, "normal": normal})
    return found


def tags_between(reader: Reader, low: int, high: int) -> dict[int, list[str]]:
    """contact id -> its tags, for the contacts with ids from `low` to `high`."""
    tags: dict[int, list[str]] = {}
    for contact_id, name in reader.rows("tags_between", {"low": low, "high": high}):
        tags.setdefault(contact_id, []).append(name)
    return tags


def tags_of(reader: Reader, contact_id: int) -> list[str]:
    """One contact's tags, sorted."""
    return _firsts(reader, "tags_of", {"id": contact_id})


def tag_names(reader: Reader) -> list[str]:
    """Every tag in use."""
    return _firsts(reader, "tag_names")


def touches_of(reader: Reader, contact_id: int) -> list[Row]:
    """One contact's touches, newest first, with the name of any other contact they name (other_name)."""
    return dicts(reader, "touches_of", {"id": contact_id})


def touch_rows_of(reader: Reader, contact_id: int) -> list[Row]:
    """One contact's touches, oldest first."""
    return dicts(reader, "touch_rows_of", {"id": contact_id})


def touch_rows_between(reader: Reader, low: int, high: int) -> list[Row]:
    """The touches of the contacts with ids from `low` to `high`, grouped by contact and in order."""
    return dicts(reader, "touch_rows_between", {"low": low, "high": high})


def mentions_of(reader: Reader, contact_id: int) -> list[Row]:
    """Touches of other contacts that name this one (intros to them)."""
    return dicts(reader, "mentions_of", {"id": contact_id})


def team_of(reader: Reader, contact_id: int) -> list[Row]:
    """Who logged touches with one contact: logged_by, last_touch, touches; most recent first."""
    return dicts(reader, "team_of", {"id": contact_id})


def touch_counts_by_day(reader: Reader, since: date, contact_id: int | None = None) -> dict[date, int]:
    """day -> how many touches on it, from `since` on (everyone's, or one contact's)."""
    if contact_id is None:
        found = reader.rows("touch_counts_by_day", {"since": since})
    else:
        found = reader.rows("touch_counts_by_day_of", {"since": since, "id": contact_id})
    return dict(found)


def touch_sources(
    reader: Reader, source: str, stored: Collection[int], build: Callable[[list[tuple[Any, ...]]], T]
) -> ByContact[T]:
    """(contact_id, source_id) of the touches imported from `source`, by contact (ByContact)."""
    return ByContact(reader, "touch_sources", stored, build, {"source": source})


def mail_threads(reader: Reader) -> Iterable[tuple[Any, ...]]:
    """(contact_id, source_id, thread, note) of the mail touches that have a thread."""
    return reader.rows("mail_threads", {"source": "mail"})


def unthreaded(reader: Reader, source: str) -> dict[tuple[int, str], int]:
    """(contact_id, source_id) -> id of the touches from `source` that have no thread."""
    return {(cid, sid): tid for tid, cid, sid in reader.rows("unthreaded", {"source": source})}


def touch_days(reader: Reader, stored: Collection[int], build: Callable[[list[tuple[Any, ...]]], T]) -> ByContact[T]:
    """The touches logged by hand (or by a contact import), by contact (ByContact): id, contact_id, happened_on,
    kind, direction, note, about."""
    return ByContact(reader, "touch_days", stored, build)


def chat_days(reader: Reader, sources: Iterable[str]) -> set[tuple[int, Any, str]]:
    """(contact_id, day, direction) of the messages captured from the chat `sources`."""
    wanted = set(sources)
    return {(cid, on, direction) for cid, on, direction, source in reader.rows("chat_days") if source in wanted}


# A contact's rows read alone cost about as much as the rows of eight read all at once (docs/performance.md).
READ_ALL_SHARE = 8


class ByContact(Generic[T]):
    """What an import keeps of each contact's rows of statement `name`: `build` of them (a set, a counter), made
    when a record first reaches the contact and kept, so the import may add to it. The rows are read a contact at a
    time (statement `name` + "_of", one indexed read) until more than one contact in READ_ALL_SHARE of the `stored`
    ones was reached, then all at once (one read of all beats that many reads of one): an import of a few records
    into a large network reads what it needs of those few, not of the network. A contact not stored has no rows
    (one this import creates)."""

    def __init__(
        self, reader: Reader, name: str, stored: Collection[int], build: Callable[[list[tuple[Any, ...]]], T],
        params: Mapping[str, object] | None = None,
    ) -> None:  # fmt: skip
        self._reader, self._name, self._stored, self._build = reader, name, stored, build
        self._params = dict(params or {})
        self._built: dict[int, T] = {}
        self._reached = 0  # stored contacts reached
        self._all: dict[int, list[tuple[Any, ...]]] | None = None

    def of(self, contact_id: int) -> T:
        """What is kept of the contact's rows (the same object each time)."""
        if contact_id not in self._built:
            self._built[contact_id] = self._build(self._rows(contact_id))
        return self._built[contact_id]

    def _rows(self, contact_id: int) -> list[tuple[Any, ...]]:
        if contact_id not in self._stored:
            return []
        self._reached += 1
        if self._all is None and self._reached * READ_ALL_SHARE > len(self._stored):
            self._all = {}
            at = columns(self._name).index("contact_id")
            for row in self._reader.rows(self._name, self._params):
                self._all.setdefault(row[at], []).append(row)
        if self._all is not None:
            return self._all.pop(contact_id, [])
        return self._reader.rows(self._name + "_of", {**self._params, "id": contact_id})


def touch_keys(reader: Reader, stored: Collection[int], build: Callable[[list[tuple[Any, ...]]], T]) -> ByContact[T]:
    """(contact_id, kind, happened_on, direction, note) of each touch, by contact (ByContact): what tells touches
    apart on re-import."""
    return ByContact(reader, "touch_keys", stored, build)


# aggregates for `stats`


def contact_count(reader: Reader) -> int:
    """How many contacts there are."""
    count: int = _firsts(reader, "contact_count")[0]
    return count


def strength_counts(reader: Reader) -> dict[int, int]:
    """strength level -> how many contacts."""
    return dict(reader.rows("strength_counts"))


def kind_counts(reader: Reader) -> dict[tuple[str, str], int]:
    """(kind, direction) -> how many touches, over all time."""
    return {(kind, direction): n for kind, direction, n in reader.rows("kind_counts")}


def introduced_count(reader: Reader) -> tuple[int, int]:
    """How many contacts came through an introduction, and how many of them I have met since."""
    [(introduced, met)] = reader.rows("introduced_count")
    return introduced or 0, met or 0


def introducer_counts(reader: Reader) -> list[Row]:
    """Who introduced you to the most people: name and n, most first."""
    return dicts(reader, "introducer_counts")


# `find` (issue 26)


def search_candidates(
    reader: Reader, words: list[str], company: list[str], met: list[str], tag: str | None
) -> list[tuple[Any, ...]]:
    """The contacts whose search document holds every folded word (`company` words in the company, `met`
    words in the places) and, given a tag, that tag: rows of `columns("search_all")`."""
    from netlog.storage.search import query  # SQLAlchemy-free: the fast reader may ask

    match = query(reader.dialect, words, company, met)
    params: dict[str, object] = {}
    if match is not None:
        params["match"] = match
    if tag is not None:
        params["tag"] = tag
    name = {(False, False): "search_all", (True, False): "search_matching", (False, True): "search_tagged"}.get(
        (match is not None, tag is not None), "search_matching_tagged"
    )
    return reader.rows(name, params)


def companies(reader: Reader) -> list[str]:
    """Every company a contact is at."""
    return _firsts(reader, "companies")


def places(reader: Reader) -> list[str]:
    """Every place a touch happened."""
    return _firsts(reader, "places")


def intro_links(reader: Reader) -> list[tuple[Any, ...]]:
    """(contact, strength, last touch, introducer, their strength, their last touch) for every introduced contact."""
    return reader.rows("intro_links")


# sync (issue 22)


def sync_items(reader: Reader, folder: str) -> list[Row]:
    """What `netlog sync` last saw of each item of one folder."""
    return dicts(reader, "sync_items", {"folder": folder})


def sync_item_views(reader: Reader, folder: str) -> dict[str, tuple[str | None, str | None]]:
    """What each side said at the last sync (the item's view, netlog's view), by UID, for one folder."""
    return {uid: (item, mine) for uid, item, mine in reader.rows("sync_item_views", {"folder": folder})}


def sync_contacts(reader: Reader) -> list[Row]:
    """What `sync contacts` compares of every contact, by id."""
    return dicts(reader, "sync_contacts")


def cards_elsewhere(reader: Reader, folder: str) -> dict[int, str]:
    """The contacts with a card in another address book a sync keeps: contact id -> one such folder."""
    return {cid: where for cid, where in reader.rows("cards_elsewhere", {"folder": folder})}


def sync_items_of(reader: Reader, contact_id: int) -> list[Row]:
    """The items of one contact that a sync keeps, in every folder."""
    return dicts(reader, "sync_items_of", {"id": contact_id})


def removed_cards(reader: Reader) -> dict[str, str | None]:
    """The UIDs of cards whose contact was removed from netlog (or merged into another), each with the removed
    contact's name when it is known: no sync or import brings them in."""
    found: dict[str, str | None] = {}
    for uid, name in reader.rows("removed_cards"):
        found[uid] = found.get(uid) or name
    return found


def removed_named(reader: Reader, key: str) -> list[str]:
    """The removed cards of contacts whose folded name is `key`."""
    return _firsts(reader, "removed_named", {"key": key})


def contact_notes(reader: Reader, contact_id: int) -> list[Row]:
    """One contact's note history, oldest first."""
    return dicts(reader, "contact_notes", {"id": contact_id})
