"""Each contact's History (history.summarize over its touches), kept in storage's contact_state table: a
derived cache, like todoman's cache of its files. Every write refreshes the History of the contacts it
touched, in the same transaction; when the cache's version differs from CACHE_VERSION (the rules changed
what a History means, or its fields), the table is dropped, recreated from models.py and refilled from
the touches. Deleting it loses nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from netlog.network.ties import touch_from_row, touches_by_contact
from netlog.rules import history
from netlog.storage import reads

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.storage.store import Store

# Bump the number when history.summarize changes what a History means; a change of fields changes it too.
CACHE_VERSION = "4:" + ",".join(history.History._fields)  # 4: issue 15 (a report clears a pending thank-you, ...)
CACHE_KEY = "history_version"


def refresh(session: Session, contact_ids: Iterable[int]) -> None:
    """Recompute and store the History of some contacts, inside the caller's write."""
    from netlog.storage import records
    from netlog.storage.store import reader_for

    ids = sorted(set(contact_ids))
    records.lock_contacts(session, ids)
    reader = reader_for(session)
    histories = {}
    for cid in ids:
        row = reads.contact(reader, cid)
        if row is None:
            continue
        touches = map(touch_from_row, reads.touch_rows_of(reader, cid))
        histories[cid] = history.summarize(touches, row["strength"], row["introduced_on"], row["birthday"])._asdict()
    records.save_histories(session, histories)


def rebuild(session: Session, recreate: bool = True) -> int:
    """Refill the whole cache from the touches (first dropping and recreating its table as models.py has it,
    unless `recreate` is False: a bulk import only empties it); how many contacts it holds."""
    from netlog.storage import records
    from netlog.storage.store import reader_for

    reader = reader_for(session)
    grouped = touches_by_contact(reads.rows(reader, "touch_rows"))
    histories = {
        cid: history.summarize(grouped.get(cid, ()), strength, introduced_on, birthday)._asdict()
        for cid, strength, introduced_on, birthday in reads.rows(reader, "summary_inputs")
    }
    if recreate:
        records.recreate_cache(session)
    else:
        records.clear_cache(session)
    records.save_histories(session, histories)
    records.set_meta(session, CACHE_KEY, CACHE_VERSION)
    return len(histories)


def ensure_current(store: Store) -> None:
    """Rebuild the cache when another version of the rules made it (one read when it is current)."""
    if reads.meta(store.reader, CACHE_KEY) != CACHE_VERSION:
        store.write(rebuild)
