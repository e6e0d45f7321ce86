"""Every write, through a SQLModel Session inside the caller's transaction (Store.write): model objects for
single rows, SQLAlchemy Core `insert()` on the models' tables for bulk imports. The same code runs on
SQLite and PostgreSQL."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from pydantic_core import PydanticUndefined
from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlmodel import SQLModel, col

from netlog.models import (
    Contact, ContactNote, ContactPoint, ContactSearch, ContactState, DayPick, Dismissal, IntroOffer, NetlogMeta, RemovedCard, SyncItem,
    Tag, Touch, table,
)
from netlog.values.folding import first_word_key, fold, name_key
from netlog.values.points import KINDS, REGION_KEY, Point, default_region, normal

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlmodel import Session

CONTACT, TAG, TOUCH, DISMISSAL, INTRO_OFFER, CONTACT_STATE, CONTACT_POINT, CONTACT_SEARCH = (
    table(Contact), table(Tag), table(Touch), table(Dismissal), table(IntroOffer), table(ContactState), table(ContactPoint),
    table(ContactSearch),
)
SYNC_ITEM, CONTACT_NOTE, REMOVED_CARD = table(SyncItem), table(ContactNote), table(RemovedCard)

CONTACT_FIELDS = tuple(c.name for c in CONTACT.c if c.name not in ("id", "name_key", "first_key"))
TOUCH_FIELDS = tuple(c.name for c in TOUCH.c if c.name != "id")
INTRO_FIELDS = tuple(c.name for c in INTRO_OFFER.c if c.name != "id")
HISTORY_FIELDS = tuple(c.name for c in CONTACT_STATE.c if c.name != "contact_id")
SEARCH_FIELDS = tuple(c.name for c in CONTACT_SEARCH.c if c.name != "contact_id")


def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The model's defaults that are not None (a bulk insert names every column, so it must give them)."""
    return {name: field.default for name, field in model.model_fields.items() if field.default not in (None, PydanticUndefined)}


CONTACT_DEFAULTS, TOUCH_DEFAULTS = _defaults(Contact), _defaults(Touch)
BATCH = 5_000  # rows a bulk insert sends at once


def _checked(allowed: Sequence[str], fields: Mapping[str, Any], table: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not {table} fields: {sorted(unknown)}")


# contacts


def insert_contact(session: Session, fields: Mapping[str, Any]) -> int:
    """A new contact; its id. Its folded name (name_key) is set here, whenever a name is written, and its
    email, phone and URL become its first points of contact."""
    _checked(CONTACT_FIELDS, fields, "contact")
    cid = _added(session, Contact(**fields, name_key=name_key(fields["name"]), first_key=first_word_key(fields["name"])))
    insert_points(session, [{"contact_id": cid, "kind": k, "value": fields[k], "position": 0} for k in KINDS if fields.get(k)])
    return cid


def _added(session: Session, row: Contact | Touch | IntroOffer) -> int:
    """Add one row and flush it: the id the database gave it."""
    session.add(row)
    session.flush()
    if row.id is None:
        raise RuntimeError(f"the database gave the new {type(row).__name__} no id")
    return row.id


def update_contact(session: Session, contact_id: int, changes: Mapping[str, Any]) -> None:
    """Set the given fields of one contact."""
    _checked(CONTACT_FIELDS, changes, "contact")
    if not changes:
        return
    values = dict(changes)
    if "name" in values:
        values["name_key"], values["first_key"] = name_key(values["name"]), first_word_key(values["name"])
    for kind in KINDS:
        if kind in values:
            set_preferred(session, contact_id, kind, values.pop(kind))
    if values:
        session.execute(update(Contact).where(col(Contact.id) == contact_id).values(**values))


def set_uids(session: Session, uids: Mapping[int, str], replace: bool = False) -> None:
    """Give contacts that have no UID yet these (by contact id), in one statement run for all of them; a
    contact that has one keeps it, unless `replace` (a sync gives a contact whose UID is an old netlog-<id>,
    or another card's, a new one)."""
    if not uids:
        return
    c = CONTACT.c
    which = c.id == bindparam("contact_id")
    statement = update(CONTACT).where(which if replace else which & c.uid.is_(None)).values(uid=bindparam("new_uid"))
    session.execute(statement, [{"contact_id": cid, "new_uid": uid} for cid, uid in uids.items()])


def delete_contact(session: Session, contact_id: int) -> None:
    """Remove a contact with its touches, tags, dismissals, cached state and intro offers; the people and
    touches that named it lose the link. Spelled out rather than left to ON DELETE, so it does not depend on
    the connection's foreign-key setting."""
    session.execute(delete(Touch).where(col(Touch.contact_id) == contact_id))
    session.execute(delete(Tag).where(col(Tag.contact_id) == contact_id))
    session.execute(delete(ContactPoint).where(col(ContactPoint.contact_id) == contact_id))
    session.execute(delete(Dismissal).where(col(Dismissal.contact_id) == contact_id))
    session.execute(delete(ContactState).where(col(ContactState.contact_id) == contact_id))
    session.execute(delete(ContactSearch).where(col(ContactSearch.contact_id) == contact_id))  # its index entry goes too
    session.execute(delete(ContactNote).where(col(ContactNote.contact_id) == contact_id))
    # its cards stay in their address books, remembered as removed: no sync or import brings them back
    session.execute(update(SyncItem).where(col(SyncItem.contact_id) == contact_id).values(contact_id=None, state="removed"))
    session.execute(delete(IntroOffer).where(or_(col(IntroOffer.a_id) == contact_id, col(IntroOffer.b_id) == contact_id)))
    session.execute(update(IntroOffer).where(col(IntroOffer.declined_by_id) == contact_id).values(declined_by_id=None))
    session.execute(update(Touch).where(col(Touch.other_id) == contact_id).values(other_id=None))
    session.execute(update(Contact).where(col(Contact.introduced_by_id) == contact_id).values(introduced_by_id=None))
    session.execute(delete(Contact).where(col(Contact.id) == contact_id))


def lock_contacts(session: Session, contact_ids: Sequence[int]) -> None:
    """Inside a write: hold the contacts' rows until commit, so concurrent writers recompute one contact's
    summary one after another (each then reads every committed touch). SQLite needs nothing: BEGIN IMMEDIATE
    already serializes writers. On PostgreSQL, FOR NO KEY UPDATE (in id order, so writers queue instead of
    deadlocking) does not block the key-share locks that inserting a touch takes on its contact."""
    if session.get_bind().dialect.name == "sqlite" or not contact_ids:
        return
    ids = sorted(contact_ids)
    contact_id = col(Contact.id)
    session.execute(select(contact_id).where(contact_id.in_(ids)).order_by(contact_id).with_for_update(key_share=True))


def insert_contacts(
    session: Session, rows: Sequence[Mapping[str, Any]], points: Mapping[int, Mapping[str, Sequence[Point]]] | None = None
) -> None:
    """Many new contacts at once, each with its id (Core insert: an import writes thousands), and their points
    of contact: those `points` gives by contact id and kind, else the row's email, phone and URL."""
    if not rows:
        return
    given = points or {}
    point_rows: list[dict[str, Any]] = []
    preferred: dict[int, dict[str, str | None]] = {}
    for row in rows:
        mine = given.get(row["id"], {})
        for kind in KINDS:
            listed = mine.get(kind)
            if listed is None:
                listed = [Point(row[kind])] if row.get(kind) else []
            else:  # the column names the first of the points given
                preferred.setdefault(row["id"], {})[kind] = listed[0].value if listed else None
            point_rows.extend(
                {"contact_id": row["id"], "kind": kind, "value": p.value, "label": p.label, "position": n} for n, p in enumerate(listed)
            )
    rows = [{**row, **preferred.get(row["id"], {})} for row in rows]
    values = [
        {**{f: row.get(f, CONTACT_DEFAULTS.get(f)) for f in CONTACT_FIELDS}, "id": row["id"], "name_key": name_key(row["name"]),
         "first_key": first_word_key(row["name"])}  # fmt: skip
        for row in rows
    ]
    session.execute(insert(CONTACT), values)
    if session.get_bind().dialect.name == "postgresql":
        # Ids given explicitly do not move PostgreSQL's id sequence; move it past them so a later add works.
        session.execute(
            select(func.setval(func.pg_get_serial_sequence("contact", "id"), select(func.max(col(Contact.id))).scalar_subquery()))
        )
    insert_points(session, point_rows)


# points of contact: every email, phone and URL, the preferred one (position 0) also in the contact's column


def region(session: Session) -> str | None:
    """The region national phone numbers are read in (`netlog me --region`, else the locale's), once a session."""
    if "netlog.region" not in session.info:
        stored = session.execute(select(col(NetlogMeta.value)).where(col(NetlogMeta.key) == REGION_KEY)).scalar()
        session.info["netlog.region"] = default_region(stored)
    found: str | None = session.info["netlog.region"]
    return found


def set_region(session: Session, code: str) -> int:
    """National phone numbers are read in region `code` from now on (`netlog me --region`): the setting is
    stored and every stored phone's normal form made again in it. Returns how many normal forms changed."""
    set_meta(session, REGION_KEY, code)
    session.info["netlog.region"] = default_region(code)
    p = CONTACT_POINT.c
    changed = {}
    for point_id, value, old in session.execute(select(p.id, p.value, p.normal).where(p.kind == "phone")):
        now = normal("phone", value, code)
        if now != old:
            changed[point_id] = now
    for point_id, now in changed.items():
        session.execute(update(CONTACT_POINT).where(p.id == point_id).values(normal=now))
    return len(changed)


def insert_points(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many points at once: contact_id, kind, value, label (optional) and position; the normal form is made here."""
    if not rows:
        return
    where = region(session)
    values = [
        {"contact_id": r["contact_id"], "kind": r["kind"], "value": r["value"], "label": r.get("label"),
         "normal": normal(r["kind"], r["value"], where), "position": r["position"]}  # fmt: skip
        for r in rows
    ]
    for start in range(0, len(values), BATCH):
        session.execute(insert(CONTACT_POINT), values[start : start + BATCH])


def points_of(session: Session, contact_id: int) -> dict[str, list[Point]]:
    """A contact's points by kind, the preferred one first."""
    found: dict[str, list[Point]] = {kind: [] for kind in KINDS}
    p = CONTACT_POINT.c
    for kind, value, label in session.execute(
        select(p.kind, p.value, p.label).where(p.contact_id == contact_id).order_by(p.kind, p.position, p.id)
    ):
        found.setdefault(kind, []).append(Point(value, label))
    return found


def set_points(session: Session, contact_id: int, kind: str, points: Sequence[Point]) -> None:
    """A contact's points of one kind are these, in this order (the first is preferred, and its column's value)."""
    p = CONTACT_POINT.c
    session.execute(delete(ContactPoint).where(p.contact_id == contact_id, p.kind == kind))
    insert_points(session, [{"contact_id": contact_id, "kind": kind, "value": pt.value, "label": pt.label, "position": n}
                            for n, pt in enumerate(points)])  # fmt: skip
    session.execute(update(Contact).where(col(Contact.id) == contact_id).values({kind: points[0].value if points else None}))


def set_preferred(session: Session, contact_id: int, kind: str, value: str | None) -> None:
    """The contact's preferred point of a kind becomes `value` (None: the preferred one is removed and the
    next one, if any, is preferred). The one it replaces is gone; another point with the same normal form
    moves first instead of appearing twice."""
    have = points_of(session, contact_id)[kind]
    if value is None:
        set_points(session, contact_id, kind, have[1:])
        return
    where = region(session)
    key = normal(kind, value, where)
    same = next((p for p in have if normal(kind, p.value, where) == key), None)
    rest = [p for p in have[1:] if p is not same and normal(kind, p.value, where) != key]
    label = same.label if same else (have[0].label if have else None)
    set_points(session, contact_id, kind, [Point(value, label), *rest])


def all_points(session: Session) -> dict[int, dict[str, list[Point]]]:
    """Every contact's points, by contact id and kind, the preferred one first."""
    found: dict[int, dict[str, list[Point]]] = {}
    p = CONTACT_POINT.c
    for cid, kind, value, label in session.execute(select(p.contact_id, p.kind, p.value, p.label).order_by(p.contact_id, p.kind, p.position, p.id)):
        found.setdefault(cid, {}).setdefault(kind, []).append(Point(value, label))
    return found


# tags


def add_tags(session: Session, contact_id: int, tags: Iterable[str]) -> None:
    """Tag a contact (tags it already has are kept once)."""
    have = set(session.execute(select(col(Tag.name)).where(col(Tag.contact_id) == contact_id)).scalars())
    new = [{"contact_id": contact_id, "name": t} for t in dict.fromkeys(tags) if t not in have]
    if new:
        session.execute(insert(TAG), new)


def remove_tags(session: Session, contact_id: int, tags: Iterable[str]) -> None:
    """Untag a contact."""
    names = list(tags)
    if names:
        session.execute(delete(Tag).where(col(Tag.contact_id) == contact_id, col(Tag.name).in_(names)))


def insert_tags(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many (contact_id, name) tags at once; the caller leaves out tags a contact has."""
    if rows:
        session.execute(insert(TAG), list(rows))


# touches


def insert_touch(session: Session, fields: Mapping[str, Any]) -> int:
    """A new touch; its id."""
    _checked(TOUCH_FIELDS, fields, "touch")
    return _added(session, Touch(**fields))


def insert_touches(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many new touches at once (a few thousand a statement: the parameters of a mail import's 40,000 at
    once would be a second copy of them all in memory)."""
    statement = insert(TOUCH)
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        session.execute(statement, [{f: row.get(f, TOUCH_DEFAULTS.get(f)) for f in TOUCH_FIELDS} for row in chunk])


def update_touches(session: Session, changes: Mapping[int, Mapping[str, Any]]) -> None:
    """Change some touches' fields: touch id -> {field: value}."""
    for touch_id, fields in changes.items():
        _checked(TOUCH_FIELDS, fields, "touch")
        if fields:
            session.execute(update(TOUCH).where(TOUCH.c.id == touch_id).values(**fields))


# dismissed actions


def set_done(session: Session, contact_id: int, action: str, on: date) -> None:
    """Record that the user dismissed `action` for a contact on a day."""
    insert_dismissals(session, [{"contact_id": contact_id, "action": action, "done_on": on}])


def insert_dismissals(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many dismissed actions at once, replacing any for the same contact and action."""
    for row in rows:
        same = (col(Dismissal.contact_id) == row["contact_id"], col(Dismissal.action) == row["action"])
        session.execute(delete(Dismissal).where(*same))
    if rows:
        session.execute(insert(DISMISSAL), [dict(row) for row in rows])


# the daily allowance's picks


def add_day_picks(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Remember who was picked on which day (picked_on, contact_id); a pick already remembered stays as it is."""
    if not rows:
        return
    statement: postgresql.Insert | sqlite.Insert
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement = postgresql_insert(table(DayPick))
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table(DayPick))
    session.execute(statement.on_conflict_do_nothing(), [dict(row) for row in rows])


# intros I offer to make


def insert_intro(session: Session, fields: Mapping[str, Any]) -> int:
    """A new intro offer; its id."""
    _checked(INTRO_FIELDS + ("id",), fields, "intro_offer")
    return _added(session, IntroOffer(**fields))


def update_intro(session: Session, intro_id: int, changes: Mapping[str, Any]) -> None:
    """Set the given fields of one intro offer."""
    _checked(INTRO_FIELDS, changes, "intro_offer")
    if changes:
        session.execute(update(IntroOffer).where(col(IntroOffer.id) == intro_id).values(**changes))


def intro_between(session: Session, one_id: int, other_id: int) -> dict[str, Any] | None:
    """The latest intro offer between two contacts, either way round."""
    offers = INTRO_OFFER.c
    row = session.execute(
        select(INTRO_OFFER)
        .where(or_((offers.a_id == one_id) & (offers.b_id == other_id), (offers.a_id == other_id) & (offers.b_id == one_id)))
        .order_by(offers.id.desc())
        .limit(1)
    ).first()
    return dict(row._mapping) if row else None


# merging two contacts into one


def move_contact_links(session: Session, from_id: int, to_id: int) -> None:
    """Point every touch, mention, introduction and intro offer of one contact at another."""
    session.execute(update(Touch).where(col(Touch.contact_id) == from_id).values(contact_id=to_id))
    session.execute(update(Touch).where(col(Touch.other_id) == from_id).values(other_id=to_id))
    session.execute(
        update(Contact)
        .where(col(Contact.id) == to_id, col(Contact.introduced_by_id) == from_id)
        .values(introduced_by_id=None, introduced_on=None)
    )
    session.execute(update(Contact).where(col(Contact.introduced_by_id) == from_id).values(introduced_by_id=to_id))
    session.execute(
        delete(IntroOffer).where(
            or_(
                (col(IntroOffer.a_id) == from_id) & (col(IntroOffer.b_id) == to_id),
                (col(IntroOffer.a_id) == to_id) & (col(IntroOffer.b_id) == from_id),
            )
        )
    )
    session.execute(update(IntroOffer).where(col(IntroOffer.a_id) == from_id).values(a_id=to_id))
    session.execute(update(IntroOffer).where(col(IntroOffer.b_id) == from_id).values(b_id=to_id))
    session.execute(update(IntroOffer).where(col(IntroOffer.declined_by_id) == from_id).values(declined_by_id=to_id))


# settings


def set_meta(session: Session, key: str, value: str) -> None:
    """Store a setting."""
    session.execute(delete(NetlogMeta).where(col(NetlogMeta.key) == key))
    session.add(NetlogMeta(key=key, value=value))
    session.flush()


# the derived cache of each contact's History


def _upsert(session: Session, target: Table, fields: Sequence[str], rows: Mapping[int, Mapping[str, Any]]) -> None:
    """INSERT ... ON CONFLICT (contact_id) DO UPDATE, on SQLite and PostgreSQL alike."""
    dialect = session.get_bind().dialect.name
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement = postgresql_insert(target)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(target)
    statement = statement.on_conflict_do_update(index_elements=["contact_id"], set_={f: statement.excluded[f] for f in fields})
    session.execute(statement, [{"contact_id": cid, **{f: row[f] for f in fields}} for cid, row in rows.items()])


def save_histories(session: Session, histories: Mapping[int, Mapping[str, Any]]) -> None:
    """Store the History of the given contacts: one upsert (INSERT ... ON CONFLICT DO UPDATE, on SQLite and
    PostgreSQL alike), so two writers refreshing one contact never collide on its key."""
    if histories:
        _upsert(session, CONTACT_STATE, HISTORY_FIELDS, histories)


def recreate_cache(session: Session) -> None:
    """Drop the contact_state cache and create it again as models.py describes it, empty."""
    connection = session.connection()
    CONTACT_STATE.drop(connection, checkfirst=True)
    CONTACT_STATE.create(connection)


def clear_cache(session: Session) -> None:
    """Empty the contact_state cache (before refilling it whole)."""
    session.execute(delete(ContactState))


# the derived search documents (issue 26; the engine's index over them: storage/search.py)


def save_search_documents(session: Session, documents: Mapping[int, Mapping[str, str]]) -> None:
    """Store the search documents of the given contacts (the index follows in the same transaction)."""
    if documents:
        _upsert(session, CONTACT_SEARCH, SEARCH_FIELDS, documents)


@contextmanager
def search_refill(session: Session) -> Iterator[Callable[[Mapping[int, Mapping[str, str]]], None]]:
    """Every contact's search document written again, a page at a time: the documents are emptied, the block
    adds pages through the function it is given, and the index is rebuilt once after (not row by row)."""
    from netlog.storage import search

    connection = session.connection()
    search.drop_triggers(connection)
    session.execute(delete(ContactSearch))

    def add(documents: Mapping[int, Mapping[str, str]]) -> None:
        # An upsert: on PostgreSQL each page reads what is committed when it is read, so a contact another netlog
        # added meanwhile may have its document already (its own write's refresh).
        if documents:
            _upsert(session, CONTACT_SEARCH, SEARCH_FIELDS, documents)

    yield add
    search.restore_triggers(connection)


# sync state (issue 22)


def save_sync_items(session: Session, folder: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """What a sync saw of these items of `folder` (each row replaces the one of its UID)."""
    if not rows:
        return
    forget_sync_items(session, folder, [row["uid"] for row in rows])
    names = [c.name for c in SYNC_ITEM.c if c.name != "folder"]
    values = [{**{name: row.get(name) for name in names}, "folder": folder} for row in rows]
    for start in range(0, len(values), BATCH):
        session.execute(insert(SYNC_ITEM), values[start : start + BATCH])


def forget_sync_items(session: Session, folder: str, uids: Iterable[str]) -> None:
    """Items of `folder` no longer remembered."""
    gone = list(uids)
    for start in range(0, len(gone), 500):  # a bound on the statement's parameters
        session.execute(delete(SYNC_ITEM).where(SYNC_ITEM.c.folder == folder, SYNC_ITEM.c.uid.in_(gone[start : start + 500])))


def hand_over_sync_items(session: Session, contact_id: int, items: Sequence[tuple[str, str, str]]) -> None:
    """A merge: these items (folder, UID, new state) of the merged-away contact become `contact_id`'s:
    "synced" (its card in a folder where the kept contact had none) or "merged" (the next sync folds it into
    the kept contact's card there and deletes it)."""
    for folder, uid, state in items:
        session.execute(
            update(SYNC_ITEM).where(SYNC_ITEM.c.folder == folder, SYNC_ITEM.c.uid == uid).values(contact_id=contact_id, state=state)
        )


def remember_removed_cards(session: Session, uids: Iterable[str], name: str) -> None:
    """These card UIDs are of a contact removed with `netlog rm`, named `name`: no sync or import brings them in."""
    found = sorted(set(uids))
    if not found:
        return
    session.execute(delete(REMOVED_CARD).where(REMOVED_CARD.c.uid.in_(found)))
    session.execute(insert(REMOVED_CARD), [{"uid": uid, "name": name, "name_key": fold(name)} for uid in found])


def forget_removed_cards(session: Session, uids: Iterable[str]) -> None:
    """These cards may come in again (their person was added back by hand): forgotten as removed, here and in every
    address book a sync keeps, so the next sync takes each as a new card and it joins the contact it describes."""
    gone = sorted(set(uids))
    if not gone:
        return
    session.execute(delete(REMOVED_CARD).where(REMOVED_CARD.c.uid.in_(gone)))
    session.execute(delete(SYNC_ITEM).where(SYNC_ITEM.c.uid.in_(gone), SYNC_ITEM.c.state == "removed"))


def add_contact_note(session: Session, contact_id: int, on: date, text: str) -> None:
    """A dated line in a contact's note history."""
    session.execute(insert(CONTACT_NOTE), {"contact_id": contact_id, "noted_on": on, "text": text})
