"""Your network: the operations the commands call (add a contact, log a touch, what is due, who is who).
Each write runs in one transaction and keeps every touched contact's stored History current."""

from __future__ import annotations

import os
from datetime import date
from typing import Any, Iterable, NamedTuple, Sequence

from netlog import kinds, names, rules
from netlog.errors import Ambiguous, BadInput, NotFound
from netlog.storage import Database, queries

# Bump when rules.summarize changes what a History means: stored summaries are then rebuilt on open.
HISTORY_VERSION = "2"  # 2: unreturned favors


# The commands' inputs are NamedTuples, not dataclasses: defining a dataclass costs about 0.7 ms at import,
# which every command (due included) would pay for records only the writing commands use.


class ContactFields(NamedTuple):
    """What `add` and `edit` may set on a contact; None means "leave as it is"."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None
    strength: int | None = None
    cadence_days: int | None = None
    birthday: str | None = None
    moment: str | None = None  # news in their life: "started at Contoso"
    moment_on: date | None = None
    tags: Sequence[str] = ()

    def changes(self) -> dict[str, Any]:
        """The contact columns this sets (tags aside)."""
        return {k: v for k, v in self._asdict().items() if k != "tags" and v is not None}


class Meeting(NamedTuple):
    """The first touch `add` records: when, where, what about."""

    on: date
    place: str | None = None
    topics: str | None = None
    note: str | None = None


def current_user() -> str:
    """Who is logging: NETLOG_USER, else the login name."""
    user = os.environ.get("NETLOG_USER")
    if user:
        return user
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError):
        return "me"


# reading


def resolve_contact(db: Database, typed: str) -> int:
    """The id of the one contact a typed name means ('#12' picks by number)."""
    number = names.by_number(typed)
    if number is not None:
        if queries.contact(db, number) is None:
            raise NotFound(f"No contact #{number}.")
        return number
    exact = queries.ids_named(db, " ".join(typed.split()))
    if len(exact) == 1:  # what names.resolve would answer first, without reading every name
        return exact[0]
    # Whatever names.resolve could match (the exact name, its folded form, a prefix, a later word) has a word
    # of its folded name that starts with the folded typed name: SQL narrows to those, for the same answer.
    # Only when none of them matches is every name read, for the "Did you mean" of the error.
    try:
        return names.resolve(typed, queries.names_with_word_starting(db, typed))
    except NotFound:
        return names.resolve(typed, queries.contact_names(db))


def due(db: Database, today: date, mine: str | None = None) -> list[rules.DueItem]:
    """Everything due on `today`, ranked; with `mine` (a user name), only what that user owes.

    Only the contacts inside rules.due_window(today) are read, so the cost follows what is due rather
    than the size of the network. What a user owes: a thank-you for a touch that user logged, and every
    other action (keep in touch, nudge, meet, report back) for a contact that user has logged at least one
    touch with, or was introduced to in an intro that user logged.
    """
    with db.snapshot():
        rows = queries.due_candidates(db, rules.due_window(today)._asdict())
        dismissals = queries.dismissal_rows(db)
        intros = queries.intro_rows(db)
        if mine is not None:
            my_contacts, my_touches = queries.touched_by(db, mine)
    ties = ties_from_rows(rows, dismissals)
    items = rules.rank_due(today, ties, [intro_from_row(r) for r in intros])
    if mine is None:
        return items
    by_id = {tie.id: tie for tie in ties}

    def owed(item: rules.DueItem) -> bool:
        if item.action == "thank":
            return by_id[item.contact_id].history.thank_touch_id in my_touches
        return item.contact_id in my_contacts

    return [item for item in items if owed(item)]


def intro_from_row(row: dict) -> rules.IntroOffer:
    """A stored intro offer -> the rules' IntroOffer."""
    return rules.IntroOffer(id=row["id"], **{f: row[f] for f in queries.INTRO_FIELDS})


_NO_HISTORY = rules.History()


def ties_from_rows(rows: Iterable[tuple], dismissals: Iterable[dict]) -> list[rules.Tie]:
    """`queries.tie_rows` tuples -> the rules' Ties. Kept lean on purpose: `due` runs it on every contact
    that may be due (50,000 at 100,000 contacts), so each Tie is made as the tuple it is."""
    done: dict[int, dict[str, date]] = {}
    for row in dismissals:
        done.setdefault(row["contact_id"], {})[row["action"]] = row["done_on"]
    history_of, new, tie, no_history, nothing_done = rules.History._make, tuple.__new__, rules.Tie, _NO_HISTORY, rules.NOTHING_DONE
    # row: the TIE_FIELDS (id, name, strength, cadence_days, created_on, snoozed_until, introduced_by_id,
    # introduced_on, birthday), then the HISTORY_FIELDS; row[12] is touch_count (0 or NULL: no history).
    return [
        new(tie, (r[0], r[1], r[2], history_of(r[9:]) if r[12] else no_history, r[3], r[4], r[5], r[6], r[7],
                  done.get(r[0], nothing_done), r[8]))
        for r in rows
    ]  # fmt: skip


def tie_of(db: Database, contact_id: int) -> rules.Tie:
    """One contact as the rules see it."""
    rows = queries.tie_rows(db, contact_id)
    if not rows:
        raise NotFound(f"No contact #{contact_id}.")
    return ties_from_rows(rows, queries.dismissal_rows(db, contact_id))[0]


def note_of(db: Database, contact_id: int) -> str:
    """The contact's free-text note ('' when none), for editing."""
    row = queries.contact(db, contact_id)
    if row is None:
        raise NotFound(f"No contact #{contact_id}.")
    return row["note"] or ""


# writing


def refresh_histories(db: Database, contact_ids: Iterable[int]) -> None:
    """Recompute and store the History of some contacts (inside the caller's transaction)."""
    ids = sorted(set(contact_ids))
    queries.lock_contacts(db, ids)
    contacts = {cid: queries.contact(db, cid) for cid in ids}
    touches = queries.touch_rows_for(db, ids)
    histories = {}
    for cid, row in contacts.items():
        if row is None:
            continue
        summary = rules.summarize(map(touch_from_row, touches[cid]), row["strength"], row["introduced_on"])
        histories[cid] = _history_row(summary)
    queries.save_histories(db, histories)


def rebuild_histories(db: Database) -> int:
    """Recompute every stored History from the touches (after a rules change or a bulk import)."""
    contacts = {row["id"]: row for row in queries.contact_rows(db)}
    grouped: dict[int, list[rules.Touch]] = {cid: [] for cid in contacts}
    for row in queries.touch_rows(db):
        grouped.setdefault(row["contact_id"], []).append(touch_from_row(row))
    histories = {
        cid: _history_row(rules.summarize(grouped[cid], row["strength"], row["introduced_on"]))
        for cid, row in contacts.items()
    }
    db.execute("DELETE FROM contact_state")
    queries.save_histories(db, histories)
    queries.set_meta(db, "history_version", HISTORY_VERSION)
    return len(histories)


def _history_row(summary: rules.History) -> dict[str, Any]:
    """A History's stored columns (its fields are the HISTORY_FIELDS, in order: tests/test_ties.py)."""
    return summary._asdict()


def ensure_histories_current(db: Database) -> None:
    """Rebuild stored summaries when they were made by other rules than these."""
    if queries.meta(db, "history_version") != HISTORY_VERSION:
        db.write(lambda: rebuild_histories(db))


def touch_from_row(row: dict) -> rules.Touch:
    """A stored touch -> the rules' Touch."""
    return rules.Touch(on=row["happened_on"], kind=row["kind"], direction=row["direction"], id=row["id"])


def _check_not_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise BadInput(f"{what} on {on.isoformat()} is in the future; log things that have happened.")


def add_contact(
    db: Database,
    today: date,
    fields: ContactFields,
    meeting: Meeting,
    introduced_by: str | None = None,
    allow_same_name: bool = False,
) -> int:
    """A new contact and the first meeting; refuses a name that exists unless told it is another person."""
    name = " ".join((fields.name or "").split())
    if not name:
        raise BadInput("A contact needs a name.")
    _check_not_future(meeting.on, today, "The meeting")

    def work() -> int:
        same = queries.ids_folded(db, name)
        if same and not allow_same_name:
            existing = queries.contact(db, same[0])
            raise Ambiguous(
                f'"{existing["name"]}" already exists (#{existing["id"]}{_describe(existing)}).'
                " Use `netlog log` for a new touch, or `add --new` if this is another person."
            )
        introducer_id = resolve_contact(db, introduced_by) if introduced_by else None
        row = {
            **fields.changes(),
            "name": name,
            "strength": fields.strength or kinds.DEFAULT_LEVEL,
            "created_on": today,
            "introduced_by_id": introducer_id,
            "introduced_on": meeting.on if introducer_id else None,
        }
        contact_id = queries.insert_contact(db, row)
        queries.add_tags(db, contact_id, fields.tags)
        queries.insert_touch(
            db,
            {
                "contact_id": contact_id,
                "kind": "met",
                "happened_on": meeting.on,
                "direction": "both",
                "note": meeting.note,
                "place": meeting.place,
                "topics": meeting.topics,
                "logged_by": current_user(),
            },
        )
        refresh_histories(db, [contact_id])
        return contact_id

    return db.write(work)


def _describe(row: dict) -> str:
    parts = [row.get("title"), row.get("company"), row.get("email")]
    shown = ", ".join(p for p in parts if p)
    return f": {shown}" if shown else ""


class TouchInput(NamedTuple):
    """One later touch as typed by the user."""

    kind: str
    on: date
    note: str | None = None
    received: bool = False
    to: str | None = None  # for intro: the person introduced to me
    place: str | None = None
    topics: str | None = None


def log_touch(db: Database, today: date, contact_id: int, touch: TouchInput) -> int:
    """Record one touch; an intro --to NAME also links (or creates) the person introduced."""
    direction = kinds.direction_of(touch.kind, touch.received)
    _check_not_future(touch.on, today, f"The {touch.kind}")
    if touch.to and touch.kind != "intro":
        raise BadInput("--to goes with the intro kind: `netlog log ANA intro --to BO`.")
    if touch.kind == "intro" and not touch.to:
        raise BadInput("An intro needs --to NAME: the person they introduced you to.")

    def work() -> int:
        touched = [contact_id]
        other_id = None
        if touch.to:
            other_id = _introduced_person(db, today, contact_id, touch.to, touch.on)
            touched.append(other_id)
        touch_id = queries.insert_touch(
            db,
            {
                "contact_id": contact_id,
                "kind": touch.kind,
                "happened_on": touch.on,
                "direction": direction,
                "note": touch.note,
                "place": touch.place,
                "topics": touch.topics,
                "other_id": other_id,
                "logged_by": current_user(),
            },
        )
        refresh_histories(db, touched)
        return touch_id

    return db.write(work)


def _introduced_person(db: Database, today: date, introducer_id: int, typed: str, on: date) -> int:
    """The contact an intro names, created when unknown, linked to who introduced them."""
    try:
        other_id = resolve_contact(db, typed)
    except NotFound:
        other_id = queries.insert_contact(
            db, {"name": " ".join(typed.split()), "strength": 1, "created_on": today}
        )
    if other_id == introducer_id:
        raise BadInput("Someone cannot introduce you to themselves.")
    queries.update_contact(db, other_id, {"introduced_by_id": introducer_id, "introduced_on": on})
    return other_id


def edit_contact(db: Database, contact_id: int, fields: ContactFields, untag: Iterable[str] = ()) -> None:
    """Change a contact's facts and tags."""
    changes = fields.changes()
    if "name" in changes:
        changes["name"] = " ".join(changes["name"].split())
        if not changes["name"]:
            raise BadInput("A contact needs a name.")

    def work() -> None:
        queries.update_contact(db, contact_id, changes)
        queries.add_tags(db, contact_id, fields.tags)
        queries.remove_tags(db, contact_id, untag)
        refresh_histories(db, [contact_id])

    db.write(work)


def remove_contact(db: Database, contact_id: int) -> None:
    """Delete a contact with its touches; people they introduced lose the link."""

    def work() -> None:
        introduced = [row["id"] for row in queries.introduced_by(db, contact_id)]
        queries.delete_contact(db, contact_id)
        refresh_histories(db, introduced)

    db.write(work)


def snooze(db: Database, contact_id: int, until: date) -> None:
    """Hide a contact from `due` until a day."""
    db.write(lambda: queries.update_contact(db, contact_id, {"snoozed_until": until}))


def mark_done(db: Database, today: date, contact_id: int, action: str) -> None:
    """Dismiss what is due now for one action; a later event makes it due again."""
    db.write(lambda: queries.set_done(db, contact_id, action, today))


class IntroStep(NamedTuple):
    """What `netlog intro A B` was told: who said yes or no, or that it was sent."""

    yes_from: int | None = None
    declined_by: int | None = None
    sent: bool = False

    def any(self) -> bool:
        return self.yes_from is not None or self.declined_by is not None or self.sent


def record_intro(db: Database, today: date, a_id: int, b_id: int, note: str | None, step: IntroStep) -> str:
    """Offer an intro between A and B, or record its next step (a yes, a decline, sent); its status after."""
    if a_id == b_id:
        raise BadInput("An intro needs two different people.")
    for who in (step.yes_from, step.declined_by):
        if who is not None and who not in (a_id, b_id):
            raise BadInput("--yes-from and --declined-by name one of the two people in the intro.")

    def work() -> str:
        offer = queries.intro_between(db, a_id, b_id)
        is_open = offer is not None and not offer["declined_on"] and not offer["sent_on"]
        if not step.any():
            if is_open:
                raise BadInput("You already offered this intro; record a step with --yes-from, --declined-by or --sent.")
            intro_id = queries.insert_intro(db, {"a_id": a_id, "b_id": b_id, "note": note, "offered_on": today})
        else:
            if offer is None or offer["declined_on"]:
                raise NotFound("No open intro between them; offer it first: `netlog intro A B --note WHY`.")
            intro_id = offer["id"]
            queries.update_intro(db, intro_id, _intro_changes(offer, today, step))
        row = next(r for r in queries.intro_rows(db, a_id) if r["id"] == intro_id)
        names_by_id = {cid: name for cid, name in queries.contact_names(db) if cid in (a_id, b_id)}
        return rules.intro_status(intro_from_row(row), names_by_id)

    return db.write(work)


def _intro_changes(offer: dict, today: date, step: IntroStep) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if step.yes_from is not None:
        changes["a_yes_on" if step.yes_from == offer["a_id"] else "b_yes_on"] = today
    if step.declined_by is not None:
        changes.update(declined_on=today, declined_by_id=step.declined_by)
    if step.sent:
        merged = {**offer, **changes}
        if not (merged["a_yes_on"] and merged["b_yes_on"]):
            raise BadInput("Both sides need to say yes before you send the intro (double opt-in); use --yes-from.")
        if offer["sent_on"]:
            raise BadInput("This intro was already sent.")
        changes["sent_on"] = today
    return changes
