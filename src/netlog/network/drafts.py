"""Drafts from what actually happened: the database read behind `netlog draft` and `netlog thank`, and what
sending one logs. The drafting itself (which template, its context, the wording) is pure and lives in
netlog.rules.drafting; a template of the same name in $NETLOG_TEMPLATES, or in the user config dir
(~/.config/netlog/templates/), wins over the one shipped in the package."""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.errors import BadInput, NotFound
from netlog.network.agenda import due_for
from netlog.network.templates import templates
from netlog.network.ties import intro_from_row, tie_of
from netlog.people.names import contact_row
from netlog.rules import drafting
from netlog.rules import due as rules
from netlog.storage import reads

if TYPE_CHECKING:
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store


def thank_you(reader: Reader, today: date, contact_id: int) -> drafting.Draft:
    """A thank-you note for the touch a thank-you is pending for (else the latest that would want one; the
    draft's notice then says it may have been thanked already)."""
    due = [item for item in due_for(reader, today, contact_id)[0] if drafting.draft_name(item) == "thank"]
    return drafting.draft(facts_for(reader, today, contact_id, due[0] if due else None), "thank", templates=templates(), clock=time.monotonic)


def draft_for(reader: Reader, today: date, contact_id: int, typed: str | None = None) -> drafting.Draft:
    """The draft for what is due with a contact: the top item, or the item of the draft (or action) typed.
    A draft typed for nothing due is still written, from what happened."""
    due = due_for(reader, today, contact_id)[0]
    if typed is None:
        if not due:
            name = contact_row(reader, contact_id)["name"]
            raise NotFound(
                f"Nothing is due for {name} today; name a draft to write one anyway: {', '.join(drafting.DRAFTS)}."
            )
        item: rules.DueItem | None = due[0]
        name = drafting.draft_name(due[0])
    else:
        name = drafting.parse_draft(typed)
        item = next((i for i in due if drafting.draft_name(i) == name), None)
        if item is None and typed.strip().lower() in {i.action for i in due}:
            item = next(i for i in due if i.action == typed.strip().lower())
            name = drafting.draft_name(item)
    return drafting.draft(facts_for(reader, today, contact_id, item), name, templates=templates(), clock=time.monotonic)


def recipient(reader: Reader, contact_id: int) -> tuple[str, str | None]:
    """Whom a draft goes to: the contact's name and email address (None when there is none)."""
    row = contact_row(reader, contact_id)
    return row["name"], row["email"]


def facts_for(reader: Reader, today: date, contact_id: int, item: rules.DueItem | None) -> drafting.Facts:
    """Everything a draft may use, read in one snapshot: the contact and their touches, the people the draft
    names (who introduced them, the person an intro or item is about, the other side of an intro offer)
    with their touches, and who signs it."""
    from netlog.people.me import signature

    with reader.snapshot():
        tie = tie_of(reader, contact_id)
        contact = contact_row(reader, contact_id)
        rows = reads.touches_of(reader, contact_id)
        offer = None
        if item is not None and item.action == "intro":
            offer = next(
                (o for o in map(intro_from_row, reads.intro_rows(reader, contact_id)) if item.other_id in (o.a_id, o.b_id)),
                None,
            )
        elif item is None:  # a draft named with nothing due (`draft Wei intro-send` after it was sent): the newest
            offers = [o for o in map(intro_from_row, reads.intro_rows(reader, contact_id)) if o.declined_on is None]
            offer = offers[-1] if offers else None  # offer not declined names the other side (issue 23)
        folded = item.also if item else ()  # the draft says what was folded into its item, naming whom it is about
        named = {contact["introduced_by_id"], item.other_id if item else None, *(o.other_id for o in folded)}
        named.update(r["other_id"] for r in rows)
        if offer is not None:
            named.update((offer.a_id, offer.b_id))
        people, people_touches = {}, {}
        for other_id in named - {None, contact_id}:
            other = reads.contact(reader, other_id)
            if other is not None:
                people[other_id] = _contact(other)
                people_touches[other_id] = [_touch(r) for r in reads.touches_of(reader, other_id)]
        sender = signature(reader)
    return drafting.Facts(
        today=today,
        contact=_contact(contact),
        touches=[_touch(r) for r in rows],
        item=item,
        people=people,
        people_touches=people_touches,
        introduced_by=contact["introduced_by_id"],
        offer=offer,
        sender=sender,
        strength=tie.strength,
        cadence=rules.cadence_of(tie),
        thank_touch_id=tie.history.thank_touch_id,
    )


def _contact(row: dict[str, Any]) -> drafting.Contact:
    return drafting.Contact._make(row.get(f) for f in drafting.Contact._fields)


def _touch(row: dict[str, Any]) -> drafting.LoggedTouch:
    return drafting.LoggedTouch._make(row.get(f) for f in drafting.LoggedTouch._fields)


def check_sendable(reader: Reader, contact_id: int, draft: drafting.Draft) -> None:
    """Refuse, before anything is shown or opened, a draft that `record_sent` would refuse to log: an
    introduction with no open offer, or one only one side has said yes to (double opt-in)."""
    if draft.sent.kind is None:
        offer = _open_offer(reader, contact_id)
        if not (offer.a_yes_on and offer.b_yes_on):
            raise BadInput("Both sides need to say yes before you send the intro (double opt-in); use --yes-from.")


def _open_offer(reader: Reader, contact_id: int) -> rules.IntroOffer:
    offer = next((o for o in map(intro_from_row, reads.intro_rows(reader, contact_id)) if not o.sent_on and not o.declined_on), None)
    if offer is None:
        raise NotFound("No open intro offer to send; offer it first: `netlog intro A B --note WHY`.")
    return offer


def record_sent(store: Store, today: date, contact_id: int, draft: drafting.Draft) -> str:
    """Log what sending a draft amounts to (drafting.SENT): the touch it is, marked as expecting a reply or
    not, and the item dismissed when the touch alone does not clear it; an introduction is recorded as
    sent. What was logged, in words."""
    from netlog.network import writes

    sent = draft.sent
    if sent.kind is None:  # the introduction itself: `intro A B --sent`
        offer = _open_offer(store.reader, contact_id)
        writes.record_intro(store, today, offer.a_id, offer.b_id, None, writes.IntroStep(sent=True))
        return "Recorded the introduction as sent."
    touch = writes.TouchInput(kind=sent.kind, on=today, expects_reply=sent.expects_reply)
    dismiss = [a for a in (sent.dismiss, *sent.clears) if a]
    writes.log_touch(store, today, contact_id, touch, dismiss=dismiss)  # one transaction, both or neither
    words = {"thanks": "thank-you", "report": "report-back", "congrats": "congratulations", "share": "note"}
    return f"Logged the {words.get(sent.kind, sent.kind)} you sent ({sent.kind}, today)."
