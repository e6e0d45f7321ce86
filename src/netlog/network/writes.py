"""Every change to the network the commands make: add a contact, log a touch, edit, remove, snooze,
dismiss, offer and follow an intro. Each runs in one transaction through a SQLModel Session
(Store.write) and refreshes the cached History of every contact it touched in that same transaction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Mapping, NamedTuple, Sequence

from netlog.errors import Ambiguous, BadInput, NotFound
from netlog.network import cache
from netlog.network.ties import intro_from_row
from netlog.people.me import current_user
from netlog.people.names import contact_row, resolve_contact
from netlog.rules import due as rules
from netlog.rules.asking import asks_something
from netlog.storage import reads
from netlog.values import kinds, validation
from netlog.values.folding import fold
from netlog.values.points import KINDS

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

# The commands' inputs are NamedTuples, not dataclasses, which cost more to define at import.


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
        """The contact columns this sets (tags aside); a strength given is a strength the user set."""
        found = {k: v for k, v in self._asdict().items() if k != "tags" and v is not None}
        if "strength" in found:
            found["strength_set"] = True
        return found


class PointChanges(NamedTuple):
    """Emails, phones and URLs `edit` adds to a contact or removes from it, by kind ("email", "phone", "url")."""

    added: Mapping[str, Sequence[str]] = {}
    removed: Mapping[str, Sequence[str]] = {}


class Meeting(NamedTuple):
    """The first touch `add` records: when, where, what about, and what the user said of it."""

    on: date
    place: str | None = None
    topics: str | None = None
    note: str | None = None
    thank_wanted: bool | None = None  # True/False: it does/does not deserve a thank-you (cache.wants_thanks)
    advice: str | None = None  # the advice they gave, to circle back on
    kind: str = "met"  # `add --how`: met, email, call, message, connected (the first touch need not be a meeting)
    received: bool = False  # `add --received`: they wrote first (an email or message of theirs), as `log --received`
    asks: bool | None = None  # received: it asks something (`--asks`/`--no-asks`); None: its note says (asks_reply)


# `add --how` -> the kind of the first touch (its direction is the kind's own: an email or message I sent, a
# call both ways, a LinkedIn connection).
FIRST_TOUCH = {"meeting": "met", "email": "email", "call": "call", "message": "message", "linkedin": "connected"}


class TouchInput(NamedTuple):
    """One later touch as typed by the user."""

    kind: str
    on: date
    note: str | None = None
    received: bool = False
    to: str | None = None  # for intro: the person introduced to me
    place: str | None = None
    topics: str | None = None
    expects_reply: bool = True  # False: my email or message asks no answer (no nudge follows)
    thank_wanted: bool | None = None  # True/False: it does/does not deserve a thank-you
    advice: str | None = None  # the advice they gave, to circle back on
    about: str | None = None  # what it was about, in words they may read (a nudge restates it)
    asks: bool | None = None  # received: it asks something (`--asks`/`--no-asks`); None: its note says (asks_reply)


class IntroStep(NamedTuple):
    """What `netlog intro A B` was told: who said yes or no, or that it was sent."""

    yes_from: int | None = None
    declined_by: int | None = None
    sent: bool = False

    def any(self) -> bool:
        return self.yes_from is not None or self.declined_by is not None or self.sent


def asks_reply(direction: str, kind: str, asks: bool | None, *said: str | None) -> bool | None:
    """Whether a message received and logged by hand owes a reply (issue 23): as the user said (`--asks`,
    `--no-asks`), else when what they wrote down of it (--note, --about) asks something, by the same
    rules/asking.py that reads captured mail. None: neither said nor written (a captured twin keeps its own)."""
    if direction != "in" or kind not in kinds.MESSAGES:
        return None
    if asks is not None:
        return asks
    return True if any(asks_something(text) for text in said) else None


def _reader(session: Session) -> Reader:
    from netlog.storage.store import reader_for

    return reader_for(session)


def _check_not_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise BadInput(f"{what} on {on.isoformat()} is in the future; log things that have happened.")


def _clean_name(name: str | None) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise BadInput("A contact needs a name.")
    return cleaned


class Added(NamedTuple):
    """A contact added by hand, and how many cards of a removed contact of that name it brought back."""

    contact_id: int
    cards_back: int


def add_contact(
    store: Store,
    today: date,
    fields: ContactFields,
    meeting: Meeting,
    introduced_by: str | None = None,
    allow_same_name: bool = False,
) -> Added:
    """A new contact and the first meeting; refuses a name that exists unless told it is another person. A contact
    of that name removed with `netlog rm` is back on purpose: its cards are no longer left out (the next sync or
    import joins them to this contact)."""
    name = _clean_name(fields.name)
    direction = kinds.direction_of(meeting.kind, meeting.received)  # as `log` reads --received: one rule for both
    _check_not_future(meeting.on, today, "The meeting")
    checked = validation.check(validation.contact_fields({**fields.changes(), "name": name}))
    _check_typed_points([fields.email], [fields.phone], [fields.url])
    tags = validation.tags(fields.tags)
    note = validation.check(validation.touch_fields({"note": meeting.note, "place": meeting.place,
                                                     "topics": meeting.topics, "advice": meeting.advice}))  # fmt: skip
    from netlog.storage import records

    def work(session: Session) -> Added:
        reader = _reader(session)
        same = reads.ids_folded(reader, checked["name"])
        if same and not allow_same_name:
            existing = contact_row(reader, same[0])
            raise Ambiguous(
                f'"{existing["name"]}" already exists (#{existing["id"]}{_describe(existing)}).'
                " Use `netlog log` for a new touch, or `add --new` if this is another person."
            )
        introducer_id = resolve_contact(reader, introduced_by) if introduced_by else None
        row = {
            **checked,
            "name": checked["name"],
            "strength": fields.strength or kinds.DEFAULT_LEVEL,
            "created_on": today,
            "introduced_by_id": introducer_id,
            "introduced_on": meeting.on if introducer_id else None,
        }
        contact_id = records.insert_contact(session, row)
        # the person is back on purpose: their cards, left out since `netlog rm`, may come in again and join them
        back = reads.removed_named(reader, fold(checked["name"]))
        records.forget_removed_cards(session, back)
        records.add_tags(session, contact_id, tags)
        records.insert_touch(
            session,
            {
                "contact_id": contact_id,
                "kind": meeting.kind,
                "happened_on": meeting.on,
                "direction": direction,
                **note,
                **({"place": "LinkedIn"} if meeting.kind == "connected" and not note.get("place") else {}),
                "thank_wanted": meeting.thank_wanted,
                "logged_by": current_user(),
                "asks": bool(asks_reply(direction, meeting.kind, meeting.asks, meeting.note)),
            },
        )
        cache.refresh(session, [contact_id])
        return Added(contact_id, len(back))

    return store.write(work)


def _describe(row: dict) -> str:
    parts = [row.get("title"), row.get("company"), row.get("email")]
    shown = ", ".join(p for p in parts if p)
    return f": {shown}" if shown else ""


def log_touch(
    store: Store, today: date, contact_id: int, touch: TouchInput, dismiss: str | Sequence[str] | None = None
) -> int:
    """Record one touch; an intro --to NAME also links (or creates) the person introduced. With `dismiss`,
    that due action (or those) is marked done in the same transaction (a draft whose touch alone does not
    clear it, or what the draft folded in)."""
    _check_not_future(touch.on, today, f"The {touch.kind}")
    if touch.to and touch.kind != "intro":
        raise BadInput("--to goes with the intro kind: `netlog log ANA intro --to BO`.")
    if touch.kind == "intro" and not touch.to:
        raise BadInput("An intro needs --to NAME: the person they introduced you to.")

    def work(session: Session) -> int:
        return _record_touch(session, today, contact_id, touch, dismiss)

    return store.write(work)


def _record_touch(
    session: Session, today: date, contact_id: int, touch: TouchInput, dismiss: str | Sequence[str] | None = None,
    kind_said: bool = True,
) -> int:  # fmt: skip
    """One touch written inside the caller's transaction, the way every touch logged by hand is: when a touch
    captured from mail, a calendar or a chat already records the same event, that one touch is completed
    instead of a second being added (issue 23), and the cached History of whoever it touched is refreshed.
    `kind_said=False`: the kind is netlog's guess (an intro's answer), so a captured twin keeps its own."""
    from netlog.storage import records

    direction = kinds.direction_of(touch.kind, touch.received)
    said = validation.check(validation.touch_fields({"note": touch.note, "place": touch.place,
                                                     "topics": touch.topics, "advice": touch.advice,
                                                     "about": touch.about}))  # fmt: skip
    owed = asks_reply(direction, touch.kind, touch.asks, touch.note, touch.about)
    touched = [contact_id]
    other_id = None
    if touch.to:
        other_id = _introduced_person(session, today, contact_id, touch.to, touch.on)
        touched.append(other_id)
    captured = None if touch.to else _captured_twin(session, contact_id, touch.kind, direction, touch.on)
    if captured is not None:  # the same event, captured first: one touch, of the kind the user says
        kept = {k: v for k, v in said.items() if v is not None}
        if kept.get("note") and captured["note"] and captured["kind"] in kinds.MESSAGES and not (kept.get("about") or captured["about"]):
            kept["about"] = captured["note"]  # the subject stays, beside your private note: what a reason may quote
        records.update_touches(session, {captured["id"]: {
            **({"kind": touch.kind} if kind_said else {}), **kept, **_twin_asks(direction, touch.expects_reply, owed),
            "thank_wanted": touch.thank_wanted,
        }})  # fmt: skip
        touch_id = int(captured["id"])
    else:
        touch_id = records.insert_touch(
            session,
            {
                "contact_id": contact_id,
                "kind": touch.kind,
                "happened_on": touch.on,
                "direction": direction,
                **said,
                "other_id": other_id,
                "logged_by": current_user(),
                "expects_reply": touch.expects_reply,
                "asks": bool(owed),
                "thank_wanted": touch.thank_wanted,
            },
        )
    for action in dict.fromkeys([dismiss] if isinstance(dismiss, str) else dismiss or ()):
        records.set_done(session, contact_id, action, today)
    cache.refresh(session, touched)
    return touch_id


def _twin_asks(direction: str, expects_reply: bool, owed: bool | None) -> dict[str, bool]:
    """What a touch logged by hand says of the captured touch it records again: mine, whether it waits for an
    answer; theirs, whether it asks, only when the user said or wrote so (else the capture's reading of its
    text stands: `log --received` of a "thanks" mail owes nothing); `--no-asks` overrules the capture."""
    if direction != "in":
        return {"expects_reply": expects_reply}
    if owed is None:
        return {}
    return {"asks": owed} if owed else {"asks": False, "expects_reply": False}


def _captured_twin(session: Session, contact_id: int, kind: str, direction: str, on: date) -> dict[str, Any] | None:
    """The touch captured from mail, a calendar or a chat that a touch logged by hand now records again
    (issue 23): same contact, direction and kind family; written words the day before, of or after `on` and
    still of the kind the capture gave them (email, message: not yet claimed by another touch logged by hand),
    a meeting on that day. None when there is none."""
    family = kinds.family_of(kind)
    if family is None:
        return None
    near = []
    for row in reads.touch_rows_of(_reader(session), contact_id):
        if row["source"] is None or kinds.family_of(row["kind"]) != family:
            continue
        gap = abs((row["happened_on"] - on).days)
        if family == "meeting" and gap == 0:
            near.append((gap, row["id"], row))
        elif family == "written" and gap <= 1 and row["direction"] == direction and row["kind"] in kinds.MESSAGES:
            near.append((gap, row["id"], row))
    return min(near, key=lambda found: found[:2])[2] if near else None


def _introduced_person(session: Session, today: date, introducer_id: int, typed: str, on: date) -> int:
    """The contact an intro names, created when unknown, linked to who introduced them."""
    from netlog.storage import records
    try:
        other_id = resolve_contact(_reader(session), typed)
    except NotFound:
        other_id = records.insert_contact(session, {"name": _clean_name(typed), "strength": 1, "created_on": today})
    if other_id == introducer_id:
        raise BadInput("Someone cannot introduce you to themselves.")
    if not _known_before(session, other_id, on):
        records.update_contact(session, other_id, {"introduced_by_id": introducer_id, "introduced_on": on})
    return other_id


def _known_before(session: Session, contact_id: int, on: date) -> bool:
    """Introduced already, or already met before `on`: a second intro is thanked (the introducer's touch names
    them), but the first introducer keeps the credit and no reach-out follows."""
    row = reads.contact(_reader(session), contact_id)
    if row is not None and row["introduced_by_id"] is not None:
        return True
    return any(t["kind"] in kinds.MEETINGS and t["happened_on"] <= on for t in reads.touches_of(_reader(session), contact_id))


def _check_typed_points(emails: Iterable[str | None], phones: Iterable[str | None], urls: Iterable[str | None] = ()) -> None:
    """An email, phone or URL typed to add or set must look like one: a typo stored as an address is exported to
    every card and mailed to. (Importers keep what a file says; removing a value is never refused.)"""
    from netlog.values.points import looks_like_address, looks_like_url

    for email in emails:
        text = (email or "").strip()
        if text and not looks_like_address(text):
            raise BadInput(f'"{email}" is not an email address (name@example.org).')
    for phone in phones:
        if (phone or "").strip() and not any(c.isdigit() for c in phone or ""):
            raise BadInput(f'"{phone}" is not a phone number: it has no digits.')
    for url in urls:
        text = (url or "").strip()
        if text and not looks_like_url(text):
            raise BadInput(f'"{url}" is not a web address (https://www.linkedin.com/in/ana-lima, example.org/ana).')


def edit_contact(
    store: Store, contact_id: int, fields: ContactFields, untag: Iterable[str] = (), points: PointChanges = PointChanges()
) -> None:
    """Change a contact's facts, tags, and emails, phones and URLs."""
    if not (fields.changes() or fields.tags or untag or any(points.added.values()) or any(points.removed.values())):
        raise BadInput("Nothing to change: say what, as in netlog edit Ana --company Stripe (netlog edit --help lists it all).")
    changes = validation.check(validation.contact_fields(fields.changes()))
    tags, untag = validation.tags(fields.tags), validation.tags(untag)
    if "name" in changes:
        changes["n"] = None  # a card's structured name described the old name; the new one is not split
    added = {kind: [validation.value(kind, v) for v in points.added.get(kind, ())] for kind in KINDS}
    removed = {kind: [validation.value(kind, v) for v in points.removed.get(kind, ())] for kind in KINDS}
    _check_typed_points(
        [fields.email, *added.get("email", ())], [fields.phone, *added.get("phone", ())], [fields.url, *added.get("url", ())]
    )
    from netlog.storage import records

    def work(session: Session) -> None:
        records.update_contact(session, contact_id, changes)
        _change_points(session, contact_id, added, removed)
        records.add_tags(session, contact_id, tags)
        records.remove_tags(session, contact_id, untag)
        cache.refresh(session, [contact_id])

    store.write(work)


def _change_points(session: Session, contact_id: int, added: Mapping[str, list[str]], removed: Mapping[str, list[str]]) -> None:
    """Remove, then add, a contact's emails, phones and URLs (compared in their normal form: a phone written
    another way is the same phone); BadInput naming a value it does not have."""
    from netlog.storage import records
    from netlog.values.points import Point, merged, normal

    if not any(added.values()) and not any(removed.values()):
        return
    region = records.region(session)
    have = records.points_of(session, contact_id)
    for kind in KINDS:
        points = have[kind]
        for value in removed.get(kind, []):
            key = normal(kind, value, region)
            if not any(normal(kind, p.value, region) == key for p in points):
                name = contact_row(_reader(session), contact_id)["name"]
                raise BadInput(f'{name} has no {kind} "{value}"; `netlog show "{name}"` lists them.')
            points = [p for p in points if normal(kind, p.value, region) != key]
        points = merged(points, [Point(v) for v in added.get(kind, []) if v], kind, region)
        if points != have[kind]:
            records.set_points(session, contact_id, kind, points)


def remove_contact(store: Store, contact_id: int, cards: bool = False) -> list[str]:
    """Delete a contact with its touches; people they introduced lose the link. Every card UID it had is remembered
    as removed (removed_card): no sync of any address book and no import brings it back, until a hand `add` of the
    name. Its cards in the address books `netlog sync contacts` keeps stay there, unless `cards`: then they are
    deleted too, as the last step of the transaction. The cards it had (their paths)."""
    from pathlib import Path

    from netlog.storage import records

    def work(session: Session) -> list[str]:
        reader = _reader(session)
        introduced = [row["id"] for row in reads.introduced_by(reader, contact_id)]
        items = reads.sync_items_of(reader, contact_id)
        synced = [Path(row["folder"]) / row["file"] for row in items if row["state"] in ("synced", "merged")]
        row = contact_row(reader, contact_id)
        # every card UID of theirs, in any address book or file (an import's, an export's, a sync's): none brings them back
        uids = [row["uid"]] if row["uid"] else []
        uids += [item["uid"] for item in items if str(item["file"]).lower().endswith(".vcf")]
        records.remember_removed_cards(session, uids, row["name"])
        records.delete_contact(session, contact_id)
        cache.refresh(session, introduced)
        for file in synced if cards else ():
            try:
                file.unlink(missing_ok=True)
            except OSError as error:
                raise BadInput(f"Cannot delete the card {file}: {error.strerror or error}; nothing was deleted.") from None
        return [str(file) for file in synced]

    return store.write(work)


def snooze(store: Store, today: date, contact_id: int, until: date) -> None:
    """Hide a contact from `due` until a day after today."""
    if until <= today:
        when = "today" if until == today else "in the past"
        raise BadInput(f"{until.isoformat()} is {when}: snooze until a later day (\"next monday\", \"in 3 weeks\").")
    from netlog.storage import records
    store.write(lambda session: records.update_contact(session, contact_id, {"snoozed_until": until}))


def mark_done(store: Store, today: date, contact_id: int, action: str, folded: Sequence[str] = ()) -> None:
    """Dismiss what is due now for one action (and the `folded` actions of the same item); a later event
    makes it due again. Refused when nothing of that action is due, naming what is."""
    from netlog.network.agenda import due_for

    due = [i for item in due_for(store.reader, today, contact_id)[0] for i in (item, *item.also)]
    if not any(item.action == action for item in due):
        name = contact_row(store.reader, contact_id)["name"]
        listed = ", ".join(dict.fromkeys(item.action for item in due))
        what = f"what is due for them: {listed}" if listed else "nothing is due for them today"
        raise NotFound(f"Nothing to dismiss: no {action} is due for {name} ({what}).")
    from netlog.storage import records

    def work(session: Session) -> None:
        for each in dict.fromkeys((action, *folded)):
            records.set_done(session, contact_id, each, today)

    store.write(work)


def record_intro(
    store: Store, today: date, a_id: int, b_id: int, note: str | None, step: IntroStep, why: str | None = None
) -> str:
    """Offer an intro between A and B (with `why` they should meet, in words both may read), or record its next
    step (a yes, a decline, sent; `why` given then is kept on the open offer); its status after."""
    if a_id == b_id:
        raise BadInput("An intro needs two different people.")
    note = validation.value("note", note)  # the door every note goes through
    why = validation.value("why", why)
    for who in (step.yes_from, step.declined_by):
        if who is not None and who not in (a_id, b_id):
            raise BadInput("--yes-from and --declined-by name one of the two people in the intro.")
    from netlog.storage import records

    def work(session: Session) -> str:
        offer = records.intro_between(session, a_id, b_id)
        is_open = offer is not None and not offer["declined_on"] and not offer["sent_on"]
        if not step.any():
            if is_open:
                raise BadInput("You already offered this intro; record a step with --yes-from, --declined-by or --sent.")
            intro_id = records.insert_intro(session, {"a_id": a_id, "b_id": b_id, "note": note, "why": why, "offered_on": today})
        else:
            if offer is None or offer["declined_on"]:
                raise NotFound("No open intro between them; offer it first: `netlog intro A B --why WHY`.")
            intro_id = offer["id"]
            records.update_intro(session, intro_id, {**_intro_changes(offer, today, step), **({"why": why} if why else {})})
            _log_answer(session, today, a_id, b_id, step)
        reader = _reader(session)
        row = next(r for r in reads.intro_rows(reader, a_id) if r["id"] == intro_id)
        names_by_id = {cid: name for cid, name in reads.contact_names(reader) if cid in (a_id, b_id)}
        return rules.intro_status(intro_from_row(row), names_by_id, today)

    return store.write(work)


def _log_answer(session: Session, today: date, a_id: int, b_id: int, step: IntroStep) -> None:
    """A yes or a no to an intro is their answer to your ask: logged as a message from them, which ends the wait
    the ask opened (its one nudge, issue 24) and shows on their timeline. It asks nothing of you. Logged as
    `log` logs a touch, so the answer's mail, captured the same day before or after, is that one touch."""
    for who, said in ((step.yes_from, "said yes"), (step.declined_by, "said no")):
        if who is None:
            continue
        other = b_id if who == a_id else a_id
        row = reads.contact(_reader(session), other)
        other_name = row["name"] if row else "the other side"
        answer = TouchInput("message", today, note=f"{said} to your intro to {other_name}", received=True, expects_reply=False)
        _record_touch(session, today, who, answer, kind_said=False)


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
