"""Each contact's History (history.summarize over its touches), kept in storage's contact_state table: a
derived cache, like todoman's cache of its files. Every write refreshes the History of the contacts it
touched, in the same transaction; when the cache's version differs from CACHE_VERSION (the rules changed
what a History means, or its fields), the table is dropped, recreated from models.py and refilled from
the touches. Beside each History it keeps the earliest day keeping in touch can be due (rules.keep_in_touch_from,
issue 25), so `due` reads only the contacts whose day has come, and the first day the contact is in the pool
(rules.pool_from), so `due` reads the long tail of weak ties as a few columns. Deleting it loses nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator, Mapping

from netlog.network.ties import touch_from_row, touches_by_contact
from netlog.rules import due, history
from netlog.storage import reads
from netlog.values.folding import search_words

if TYPE_CHECKING:
    from datetime import date

    from sqlmodel import Session

    from netlog.storage.store import Store

# Bump the number when history.summarize changes what a History means; a change of fields changes it too.
CACHE_VERSION = "15:" + ",".join(history.History._fields) + ",keep_in_touch_from,pool_from,strength,company_key"  # 15: issue 25 (active companies from one index); 14: issue 25 (the pool's tier facts); 13: a reason quotes a capture's subject, never a note written over it; 12: issue 25 (pool_from); 11: a day's thank-you is for its occasion (THANK_RANK); 10: reply_note quotes no private note; 9: issue 23 (a message logged by hand may owe a reply); 8: issue 25 (the day keeping in touch can be due, stored); 7: issue 23 (mail threads)
CACHE_KEY = "history_version"
# The search documents (issue 26) are derived the same way; bump when search_document changes what it keeps
# or how words fold (2: letters such as ø and ł fold to o and l; 3: O'Neil is kept as oneil too).
SEARCH_VERSION = "3:name,company,title,met,topics,tags,note,said"
SEARCH_KEY = "search_version"


# A write that changed many contacts (an import) refills the whole cache rather than refresh each: refreshing one
# contact costs about 1.1 ms (three reads and its share of one upsert), a rebuild 0.2-0.3 ms a contact of the
# network (docs/performance.md, "Many contacts changed"). Below REBUILD_FROM contacts, refreshing is cheap whatever
# the network.
REBUILD_SHARE = 8  # a rebuild when more than one contact in REBUILD_SHARE changed
REBUILD_FROM = 200


def update(session: Session, contact_ids: Collection[int]) -> None:
    """The cache made current after a write changed `contact_ids`, inside it: each of them refreshed, or the whole
    cache rebuilt when they are a large share of the network (an import into a new database: all of it)."""
    from netlog.storage.store import reader_for

    if len(contact_ids) > REBUILD_FROM and len(contact_ids) * REBUILD_SHARE > reads.contact_count(reader_for(session)):
        rebuild(session, recreate=False)
    elif contact_ids:
        refresh(session, contact_ids)


def refresh(session: Session, contact_ids: Iterable[int]) -> None:
    """Recompute and store the History of some contacts, inside the caller's write."""
    from netlog.storage import records
    from netlog.storage.store import reader_for

    ids = sorted(set(contact_ids))
    records.lock_contacts(session, ids)
    reader = reader_for(session)
    histories, documents = {}, {}
    for cid in ids:
        row = reads.contact(reader, cid)
        if row is None:
            continue
        touch_rows = reads.touch_rows_of(reader, cid)
        touches = map(touch_from_row, touch_rows)
        summary = history.summarize(touches, row["strength"], row["introduced_on"], row["birthday"])
        histories[cid] = cached_row(summary, row)
        said = ((t["note"], t["place"], t["topics"], t["advice"]) for t in touch_rows)
        documents[cid] = search_document(row, reads.tags_of(reader, cid), said)
    records.save_histories(session, histories)
    records.save_search_documents(session, documents)


def cached_row(summary: history.History, contact: Mapping[str, Any]) -> dict[str, Any]:
    """A contact's row of the cache: its History, the earliest day keeping in touch can be due and the first day
    it is in the pool (issue 25: `due` reads by both) with the pool's tier facts (its strength and folded company),
    worked out by the rules from the contact's facts (`contact`: its strength, strength_set, cadence_days,
    created_on, introduced_on, birthday, moment_on and company) in the same transaction."""
    strength, cadence_days, created_on = contact["strength"], contact["cadence_days"], contact["created_on"]
    pool_from = due.pool_from(
        strength, contact["strength_set"], cadence_days, created_on, contact["introduced_on"], contact["birthday"],
        contact["moment_on"], summary,
    )  # fmt: skip
    keep_in_touch_from = due.keep_in_touch_from(strength, cadence_days, created_on, summary)
    return {
        **summary._asdict(), "keep_in_touch_from": keep_in_touch_from, "pool_from": pool_from, "strength": strength,
        "company_key": due.company_key(contact["company"]),
    }  # fmt: skip


def search_document(contact: Mapping[str, Any], tags: Iterable[str], touches: Iterable[tuple[Any, ...]]) -> dict[str, str]:
    """A contact's search document: per field, its folded words (values.folding.search_words: O'Neil as o neil oneil)
    joined by spaces.
    `touches` are (note or subject, place, topics, advice); their words are kept once each, so a contact
    with a thousand mails about "the launch" holds "the launch" once."""
    met: dict[str, None] = {}
    topics: dict[str, None] = {}
    said: dict[str, None] = {}
    for note, place, about, advice in touches:
        for text, into in ((note, said), (advice, said), (place, met), (about, topics)):
            if text:
                into.update(dict.fromkeys(search_words(text)))
    return {
        "name": " ".join(search_words(contact["name"]) + search_words(contact["nickname"])),
        "company": " ".join(search_words(contact["company"])),
        "title": " ".join(search_words(contact["title"])),
        "met": " ".join(met),
        "topics": " ".join(topics),
        "tags": " ".join(w for tag in tags for w in search_words(tag)),
        "note": " ".join(search_words(contact["note"]) + search_words(contact["moment"])),
        "said": " ".join(said),
    }


PAGE = 2000  # contacts refilled at a time: memory holds one page of contacts and their touches, never the network


def rebuild(session: Session, recreate: bool = True) -> int:
    """Refill the whole cache from the touches (first dropping and recreating its table as models.py has it,
    unless `recreate` is False: a bulk import only empties it), and every search document with it; how many
    contacts it holds. A page of contacts at a time (_pages): at 100,000 contacts and 1,000,000 touches, reading
    them all at once peaked at 1,307 MiB."""
    from netlog.storage import records

    if recreate:
        records.recreate_cache(session)
    else:
        records.clear_cache(session)
    count = _refill(session, with_histories=True)
    records.set_meta(session, CACHE_KEY, CACHE_VERSION)
    return count


def rebuild_search(session: Session) -> int:
    """Every contact's search document made again, a page of contacts at a time; how many contacts it holds."""
    return _refill(session, with_histories=False)


def _refill(session: Session, with_histories: bool) -> int:
    """Every contact's search document written again, and (`with_histories`) its History, a page of contacts at a
    time (_pages); how many contacts there are."""
    from netlog.storage import records

    count = 0
    with records.search_refill(session) as refill:
        for contacts, touch_rows, tags in _pages(session):
            if with_histories:
                grouped = touches_by_contact(touch_rows)
                histories = {}
                for row in contacts:
                    summary = history.summarize(grouped.get(row["id"], ()), row["strength"], row["introduced_on"], row["birthday"])
                    histories[row["id"]] = cached_row(summary, row)
                records.save_histories(session, histories)
            refill(_documents(contacts, touch_rows, tags))
            count += len(contacts)
    records.set_meta(session, SEARCH_KEY, SEARCH_VERSION)
    return count


def _pages(session: Session) -> Iterator[tuple[list[reads.Row], list[tuple[Any, ...]], dict[int, list[str]]]]:
    """Every contact by id, PAGE at a time, each page with its contacts' touches (`touch_rows` tuples, by contact
    and in order) and tags, read inside the caller's write: on SQLite the write holds the file, so the pages see
    one state of it; on PostgreSQL each page sees what is committed when it is read, and a contact another netlog
    added meanwhile (whose own write stored its rows) is upserted again, the same."""
    from netlog.storage.store import reader_for

    reader = reader_for(session)
    for contacts in reads.contact_pages(reader, PAGE):
        low, high = contacts[0]["id"], contacts[-1]["id"]
        touch_rows = reader.rows("touch_rows_between", {"low": low, "high": high})
        yield contacts, touch_rows, reads.tags_between(reader, low, high)


_SAID = tuple(reads.columns("touch_rows").index(c) for c in ("contact_id", "note", "place", "topics", "advice"))


def _documents(
    contacts: Iterable[Mapping[str, Any]], touch_rows: Iterable[tuple[Any, ...]], tags: Mapping[int, list[str]]
) -> dict[int, dict[str, str]]:
    """The search documents of a page of contacts (_pages): only the touches that say something are kept."""
    i_contact, i_note, i_place, i_topics, i_advice = _SAID
    said: dict[int, list[tuple[Any, ...]]] = {}
    for t in touch_rows:
        if t[i_note] or t[i_place] or t[i_topics] or t[i_advice]:
            said.setdefault(t[i_contact], []).append((t[i_note], t[i_place], t[i_topics], t[i_advice]))
    return {row["id"]: search_document(row, tags.get(row["id"], ()), said.get(row["id"], ())) for row in contacts}


def ensure_current(store: Store) -> None:
    """Rebuild the cache when another version of the rules made it (one read when it is current)."""
    if reads.meta(store.reader, CACHE_KEY) != CACHE_VERSION:
        store.write(rebuild)
    elif reads.meta(store.reader, SEARCH_KEY) != SEARCH_VERSION:  # a database from before issue 26 (migration 11)
        store.write(lambda session: rebuild_search(session))
