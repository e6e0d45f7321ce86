"""The due rules. Pure: `today` and plain data in, plain data out; no I/O, no clock.

Two steps. `summarize` folds one contact's touches into a `History` (what is pending, what is owed),
which storage keeps beside the contact so `due` reads one row per contact, however long the history.
`rank_due` turns every contact's `History` and `today` into ranked `DueItem`s with plain reasons.
Every number lives in the constants below; docs/rules.md explains where each comes from.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache
from operator import attrgetter
from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple, Sequence

from netlog.dates import format_ago, format_day, format_span, next_birthday
from netlog.kinds import HELP_RECEIVED, KIND_PHRASES, MEETINGS, MESSAGES

# Thank within a day or two of a meeting, a favor or an intro: due the next day.
THANK_AFTER_DAYS = 1
# After a month an unsent thank-you stops being listed; keeping in touch takes over.
THANK_STALE_DAYS = 30
# Meetings with ties up to this strength want a thank-you; strong and close ties do not need one per call.
THANK_MEETINGS_UP_TO = 3
# One nudge about a week after an unanswered message, never a second for the same silence.
NUDGE_AFTER_DAYS = 7
NUDGE_STALE_DAYS = 30
# Meet the person someone introduced you to within about a week, while the intro is warm.
MEET_AFTER_DAYS = 7
# Report back to the introducer a day or two after meeting the person they introduced.
REPORT_AFTER_DAYS = 2
# Default contact cadence per tie strength (1 acquaintance .. 5 close), in days; --every overrides it.
CADENCE_DAYS = {1: 365, 2: 180, 3: 90, 4: 30, 5: 14}
# Half-life of closeness without contact, per strength: weak, bridging ties fade in months (Burt: ~9 in
# 10 gone within a year, half-life ~110 days); established ties lose ~15% a year (Dunbar: ~4.3 years).
HALF_LIFE_DAYS = {1: 110, 2: 110, 3: 365, 4: 730, 5: 1570}
# Below this share of closeness left, a tie is "fading"; below the second, "cold".
FADING_BELOW = 0.5
COLD_BELOW = 0.25
# Ranking: how much each action weighs, and how much a stronger tie weighs.
ACTION_WEIGHT = {"thank": 5.0, "report-back": 4.0, "nudge": 3.0, "meet": 3.0, "intro": 3.0, "keep-in-touch": 1.0}
STRENGTH_WEIGHT = {1: 1.0, 2: 1.25, 3: 1.5, 4: 1.75, 5: 2.0}
# An event-based action gains its own weight again for each week it is overdue.
OVERDUE_WEEK_DAYS = 7
# New ties: contact in the first few weeks predicts whether a tie lasts (Vergara Hidd et al. 2023), so
# someone met within this window with only that first touch gets a second touch about two weeks later.
NEW_TIE_WINDOW_DAYS = 42
SECOND_TOUCH_AFTER_DAYS = 14
# Touches within this many days of the first meeting (the meeting, its thank-you) count as that first touch.
FIRST_TOUCH_DAYS = 3
# A second touch weighs like keep-in-touch, raised so it ranks above routine cadence reminders.
SECOND_TOUCH_WEIGHT = 2.0
# Favors: after this many favors received with none returned since, `due` invites you to give back,
# this many days after their latest favor, and ranks them up by this factor per unreturned favor.
GIVE_BACK_AFTER_FAVORS = 2
GIVE_BACK_AFTER_DAYS = 14
GIVE_BACK_BOOST = 0.5
# A birthday shows up this many days ahead as a chance to reach out, and weighs like a second touch.
BIRTHDAY_AHEAD_DAYS = 3
BIRTHDAY_WEIGHT = 2.0
# Intros I make, double opt-in: ask each side the day after offering, send once both said yes, and
# check in with both about two weeks after sending; asks and check-ins stop being listed after a month.
INTRO_ASK_AFTER_DAYS = 1
INTRO_CHECK_IN_DAYS = 14
INTRO_STALE_DAYS = 30


class Touch(NamedTuple):
    """One touch as the rules see it."""

    on: date
    kind: str
    direction: str = "both"  # "out" from me, "in" to me, "both"
    id: int = 0


class History(NamedTuple):
    """What one contact's touches add up to; independent of today, so it can be stored.
    (The rules' records are NamedTuples: `due` builds one per contact straight from a SQL row.)"""

    first_touch_on: date | None = None
    last_touch_on: date | None = None
    last_touch_kind: str | None = None
    touch_count: int = 0
    thank_on: date | None = None  # the latest touch that wants a thank-you and has none yet
    thank_kind: str | None = None
    thank_touch_id: int | None = None
    silence_since: date | None = None  # my first unanswered message since their last reply
    silence_kind: str | None = None
    silence_sends: int = 0  # how many messages I sent into that silence (2 = nudged already)
    met_after_intro_on: date | None = None  # first meeting with them on or after their intro
    last_report_on: date | None = None
    favors_given: int = 0
    favors_received: int = 0
    unreturned_favors: int = 0  # favors received since my last favor given
    unreturned_since: date | None = None  # the first of those
    last_favor_received_on: date | None = None


NOTHING_DONE: Mapping[str, date] = MappingProxyType({})


class Tie(NamedTuple):
    """One contact with its history, as `rank_due` needs it: its stored facts (storage reads them as columns
    of these names, in this order), then its History and its dismissals."""

    id: int
    name: str
    strength: int
    cadence_days: int | None = None
    created_on: date | None = None
    snoozed_until: date | None = None
    introduced_by_id: int | None = None
    introduced_on: date | None = None
    birthday: str | None = None  # "MM-DD" or "YYYY-MM-DD"
    history: History = History()
    done: Mapping[str, date] = NOTHING_DONE  # action -> day the user marked it done

    @property
    def first_name(self) -> str:
        words = self.name.split(None, 1)
        return words[0] if words else self.name


class IntroOffer(NamedTuple):
    """An introduction I offered to make between two contacts, and how far it got."""

    id: int
    a_id: int
    b_id: int
    offered_on: date
    note: str | None = None
    a_yes_on: date | None = None
    b_yes_on: date | None = None
    sent_on: date | None = None
    declined_on: date | None = None
    declined_by_id: int | None = None


class DueItem(NamedTuple):
    """One thing to do for one contact, with its plain reason."""

    contact_id: int
    contact: str
    action: str
    reason: str
    due: date
    score: float
    event_on: date | None = None


@cache
def _days(n: int) -> timedelta:
    """timedelta(days=n), made once per n: `due` adds a few distinct spans to tens of thousands of dates."""
    return timedelta(days=n)


def wants_thanks(touch: Touch, strength: int) -> bool:
    """A favor or an intro always wants thanks; time together does, until the tie is strong."""
    return touch.kind in HELP_RECEIVED or (touch.kind in MEETINGS and strength <= THANK_MEETINGS_UP_TO)


def is_reply(touch: Touch) -> bool:
    """Anything from them, or time together, ends a silence."""
    return touch.direction == "in" or touch.kind in MEETINGS


def summarize(touches: Iterable[Touch], strength: int, introduced_on: date | None = None) -> History:
    """Fold one contact's touches (any order) into its History."""
    ordered = sorted(touches, key=lambda t: (t.on, t.id))
    if not ordered:
        return History()
    thank: Touch | None = None
    silence: Touch | None = None
    sends = 0
    met_after_intro = None
    last_report = None
    given = received = unreturned = 0
    unreturned_since = last_received = None
    for touch in ordered:
        if wants_thanks(touch, strength):
            thank = touch
        elif touch.kind == "thanks" and touch.direction == "out":
            thank = None
        if is_reply(touch):
            silence, sends = None, 0
        elif touch.kind in MESSAGES and touch.direction == "out":
            silence = silence or touch
            sends += 1
        if introduced_on and met_after_intro is None and touch.kind in MEETINGS and touch.on >= introduced_on:
            met_after_intro = touch.on
        if touch.kind == "report" and touch.direction == "out":
            last_report = touch.on
        given += touch.kind == "favor-given"
        received += touch.kind == "favor-received"
        if touch.kind == "favor-given":
            unreturned, unreturned_since = 0, None
        elif touch.kind == "favor-received":
            unreturned += 1
            unreturned_since = unreturned_since or touch.on
            last_received = touch.on
    last = ordered[-1]
    return History(
        first_touch_on=ordered[0].on,
        last_touch_on=last.on,
        last_touch_kind=last.kind,
        touch_count=len(ordered),
        thank_on=thank.on if thank else None,
        thank_kind=thank.kind if thank else None,
        thank_touch_id=thank.id if thank else None,
        silence_since=silence.on if silence else None,
        silence_kind=silence.kind if silence else None,
        silence_sends=sends,
        met_after_intro_on=met_after_intro,
        last_report_on=last_report,
        favors_given=given,
        favors_received=received,
        unreturned_favors=unreturned,
        unreturned_since=unreturned_since,
        last_favor_received_on=last_received,
    )


def cadence_of(tie: Tie) -> int:
    """The contact's own cadence, or the default for its strength."""
    return tie.cadence_days or CADENCE_DAYS[tie.strength]


def closeness(strength: int, last_touch_on: date | None, today: date) -> float | None:
    """How much closeness is left (1.0 fresh, halving each half-life of silence); None with no touch."""
    if last_touch_on is None:
        return None
    silent = max((today - last_touch_on).days, 0)
    return 0.5 ** (silent / HALF_LIFE_DAYS[strength])


@lru_cache(maxsize=8192)  # `due` asks it once per overdue contact, with a few hundred distinct last touches
def warmth(strength: int, last_touch_on: date | None, today: date) -> str:
    """'warm', 'fading', 'cold', or 'new' with no touch yet."""
    left = closeness(strength, last_touch_on, today)
    if left is None:
        return "new"
    if left < COLD_BELOW:
        return "cold"
    return "fading" if left < FADING_BELOW else "warm"


def rank_due(today: date, ties: Sequence[Tie], intros: Sequence[IntroOffer] = ()) -> list[DueItem]:
    """Everything due on `today`, highest score first."""
    by_id = {tie.id: tie for tie in ties}
    items: list[DueItem] = []
    add = items.append
    for tie in ties:
        if tie.snoozed_until and today < tie.snoozed_until:
            continue
        if item := _thank(tie, today):
            add(item)
        if item := _nudge(tie, today):
            add(item)
        if item := _meet(tie, today, by_id):
            add(item)
        if item := _keep_in_touch(tie, today):
            add(item)
    for tie in ties:  # report-back is owed to the introducer, found through the person introduced
        if item := _report_back(tie, today, by_id):
            add(item)
    for offer in intros:
        items.extend(_intro_steps(offer, today, by_id))
    return _ranked(items)


def _ranked(items: list[DueItem]) -> list[DueItem]:
    """Highest score first; then the earliest due, name (case-insensitive), contact id and action.
    One stable sort per key, least significant first: the same order as one sort on the tuple of keys, at
    half the cost for tens of thousands of items (each sort compares plain floats, dates, ints or strings)."""
    items.sort(key=attrgetter("action"))
    items.sort(key=attrgetter("contact_id"))
    items.sort(key=lambda item: item.contact.casefold())
    items.sort(key=attrgetter("due"))
    items.sort(key=attrgetter("score"), reverse=True)  # reverse=True keeps equal scores in order (stable)
    return items


class DueWindow(NamedTuple):
    """What a contact's stored facts must show for `rank_due` to find anything due on `today`: storage reads
    only the contacts inside the window, so `due` costs what is due, not the size of the network.

    A contact outside every bound below has nothing of its own due; contacts with their own cadence, a
    birthday, an intro (either side) or an intro offer are always read. Reading too many is only slower;
    missing one would be a bug, so tests compare `due` with `rank_due` over every contact."""

    thank_from: date  # a pending thank-you for a touch on thank_from..thank_to
    thank_to: date
    nudge_from: date  # one unanswered message sent on nudge_from..nudge_to
    nudge_to: date
    second_touch_from: date  # first met on second_touch_from..second_touch_to
    second_touch_to: date
    give_back_favors: int  # this many unreturned favors, the latest received on or before give_back_by
    give_back_by: date
    meet_by: date  # introduced on or before meet_by and not met since
    report_by: date  # met someone they introduced on or before report_by
    quiet_by: tuple[date, ...]  # per strength 1..5: last touch (or added) on or before -> keep in touch


def due_window(today: date) -> DueWindow:
    """The bounds of `DueWindow` for one day, from the same constants the rules use."""

    def ago(days: int) -> date:
        return today - _days(days)

    return DueWindow(
        thank_from=ago(THANK_STALE_DAYS),
        thank_to=ago(THANK_AFTER_DAYS),
        nudge_from=ago(NUDGE_AFTER_DAYS + NUDGE_STALE_DAYS),
        nudge_to=ago(NUDGE_AFTER_DAYS),
        second_touch_from=ago(NEW_TIE_WINDOW_DAYS),
        second_touch_to=ago(SECOND_TOUCH_AFTER_DAYS),
        give_back_favors=GIVE_BACK_AFTER_FAVORS,
        give_back_by=ago(GIVE_BACK_AFTER_DAYS),
        meet_by=ago(MEET_AFTER_DAYS),
        report_by=ago(REPORT_AFTER_DAYS),
        quiet_by=tuple(ago(CADENCE_DAYS[strength]) for strength in sorted(CADENCE_DAYS)),
    )


def _event_score(action: str, tie: Tie, due: date, today: date) -> float:
    return _event_score_weighted(ACTION_WEIGHT[action], tie, due, today)


def _cleared(tie: Tie, action: str, event_on: date) -> bool:
    done = tie.done.get(action)
    return done is not None and done >= event_on


def _open(tie: Tie, action: str, due: date, today: date, event_on: date) -> bool:
    """Due by today and not dismissed since the event (checked before any reason is written)."""
    return due <= today and not _cleared(tie, action, event_on)


def _item(tie: Tie, action: str, reason: str, due: date, today: date, event_on: date) -> DueItem:
    return DueItem(tie.id, tie.name, action, reason, due, _event_score(action, tie, due, today), event_on)


def _thank(tie: Tie, today: date) -> DueItem | None:
    h = tie.history
    if h.thank_on is None or (today - h.thank_on).days > THANK_STALE_DAYS:
        return None
    due = h.thank_on + _days(THANK_AFTER_DAYS)
    if not _open(tie, "thank", due, today, h.thank_on):
        return None
    reason = (
        f"Thank {tie.first_name} for {KIND_PHRASES[h.thank_kind]} on {format_day(h.thank_on, today)}"
        " — thank within a day or two"
    )
    return _item(tie, "thank", reason, due, today, h.thank_on)


def _nudge(tie: Tie, today: date) -> DueItem | None:
    h = tie.history
    if h.silence_since is None or h.silence_sends != 1:
        return None
    due = h.silence_since + _days(NUDGE_AFTER_DAYS)
    if (today - due).days > NUDGE_STALE_DAYS or not _open(tie, "nudge", due, today, h.silence_since):
        return None
    reason = (
        f"Nudge {tie.first_name} once — {KIND_PHRASES[h.silence_kind]} on {format_day(h.silence_since, today)}"
        " has had no reply; one follow-up after a week, never a second"
    )
    return _item(tie, "nudge", reason, due, today, h.silence_since)


def _meet(tie: Tie, today: date, by_id: dict[int, Tie]) -> DueItem | None:
    if tie.introduced_on is None or tie.history.met_after_intro_on is not None:
        return None
    due = tie.introduced_on + _days(MEET_AFTER_DAYS)
    if not _open(tie, "meet", due, today, tie.introduced_on):
        return None
    introducer = by_id.get(tie.introduced_by_id)
    by = f" by {introducer.name}" if introducer else ""
    reason = (
        f"Meet {tie.name} — introduced{by} on {format_day(tie.introduced_on, today)}; meet while the intro is warm"
    )
    return _item(tie, "meet", reason, due, today, tie.introduced_on)


def _report_back(introduced: Tie, today: date, by_id: dict[int, Tie]) -> DueItem | None:
    met_on = introduced.history.met_after_intro_on
    introducer = by_id.get(introduced.introduced_by_id)
    if met_on is None or introducer is None:
        return None
    if introducer.snoozed_until and today < introducer.snoozed_until:
        return None
    last_report = introducer.history.last_report_on
    if last_report is not None and last_report >= met_on:
        return None
    due = met_on + _days(REPORT_AFTER_DAYS)
    if not _open(introducer, "report-back", due, today, met_on):
        return None
    reason = (
        f"Tell {introducer.first_name} how it went with {introduced.name} — you met on"
        f" {format_day(met_on, today)}; report back to whoever introduced you"
    )
    return _item(introducer, "report-back", reason, due, today, met_on)


def _keep_in_touch(tie: Tie, today: date) -> DueItem | None:
    h = tie.history
    if tie.introduced_on is not None and h.met_after_intro_on is None:
        return None  # "meet" speaks for them
    special = _birthday(tie, today) or _second_touch(tie, today)
    if special is not None:
        return special
    due = keep_in_touch_due(tie)
    if due is None or today < due:
        return None
    last = h.last_touch_on or tie.created_on
    cadence = cadence_of(tie)
    since = max(last, tie.done.get("keep-in-touch", last))
    give_back = _give_back_due(tie)
    silent = (today - since).days
    if h.last_touch_on is None:
        reason = f"Reach out to {tie.name} — added on {format_day(last, today)} with no touch since"
    else:
        reason = (
            f"Reconnect with {tie.first_name} — last touch: {h.last_touch_kind} on"
            f" {format_day(h.last_touch_on, today)} ({format_ago(h.last_touch_on, today)});"
            f" you aim for {format_span(cadence)}"
        )
        state = warmth(tie.strength, h.last_touch_on, today)
        if state in ("fading", "cold"):
            reason += f"; the tie is {state}"
    score = ACTION_WEIGHT["keep-in-touch"] * STRENGTH_WEIGHT[tie.strength] * silent / cadence
    if give_back is not None:
        reason = f"{give_back_phrase(tie.first_name, h, today)} — a chance to give back. {reason}"
        score = max(score, ACTION_WEIGHT["keep-in-touch"] * STRENGTH_WEIGHT[tie.strength])
        score *= 1 + GIVE_BACK_BOOST * h.unreturned_favors
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, due, round(score, 2), last)


def keep_in_touch_due(tie: Tie) -> date | None:
    """The day keeping in touch with a contact is next due: their cadence after the last touch (or after
    being added, or after the user last dismissed it), sooner when they have helped you and you have not
    given back. None for a contact with neither a touch nor a day added."""
    last = tie.history.last_touch_on or tie.created_on
    if last is None:
        return None
    since = max(last, tie.done.get("keep-in-touch", last))
    due = since + _days(cadence_of(tie))
    give_back = _give_back_due(tie)
    return due if give_back is None else min(due, give_back)


def _birthday(tie: Tie, today: date) -> DueItem | None:
    """A birthday in the next few days: a chance to reach out (it speaks for keep-in-touch that day)."""
    if not tie.birthday:
        return None
    on = next_birthday(tie.birthday, today)
    due = on - _days(BIRTHDAY_AHEAD_DAYS)
    if today < due:
        return None
    done = tie.done.get("keep-in-touch")
    last = tie.history.last_touch_on
    if (done is not None and done >= due) or (last is not None and last >= due):
        return None  # already reached out this time round
    when = "today" if on == today else f"on {format_day(on, today)} ({format_ago(on, today)})"
    reason = f"{tie.first_name}'s birthday is {when} — a chance to reach out with a few warm words"
    score = _event_score_weighted(BIRTHDAY_WEIGHT, tie, due, today)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, due, score, on)


def _second_touch(tie: Tie, today: date) -> DueItem | None:
    """A new tie with only its first touch: suggest a second one about two weeks after meeting."""
    h = tie.history
    first = h.first_touch_on
    if first is None or h.last_touch_on is None or (today - first).days > NEW_TIE_WINDOW_DAYS:
        return None
    if (h.last_touch_on - first).days > FIRST_TOUCH_DAYS:
        return None  # touched again since: the tie is renewed
    if _cleared(tie, "keep-in-touch", first):
        return None
    due = first + _days(SECOND_TOUCH_AFTER_DAYS)
    if today < due:
        return None
    reason = (
        f"Second touch with {tie.first_name} — you met on {format_day(first, today)} and have not been in"
        " touch since; a short note in the first weeks helps a new tie last"
    )
    score = _event_score_weighted(SECOND_TOUCH_WEIGHT, tie, due, today)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, due, score, first)


def _event_score_weighted(weight: float, tie: Tie, due: date, today: date) -> float:
    overdue = max((today - due).days, 0)
    return round(weight * STRENGTH_WEIGHT[tie.strength] * (1 + overdue / OVERDUE_WEEK_DAYS), 2)


def _give_back_due(tie: Tie) -> date | None:
    """When to invite giving back: some favors received and none returned, not dismissed since."""
    h = tie.history
    if h.unreturned_favors < GIVE_BACK_AFTER_FAVORS or h.last_favor_received_on is None:
        return None
    if _cleared(tie, "keep-in-touch", h.last_favor_received_on):
        return None
    return h.last_favor_received_on + _days(GIVE_BACK_AFTER_DAYS)


def give_back_phrase(first_name: str, h: History, today: date) -> str:
    """'Ana has helped you 3 times since March; you have not returned a favor'."""
    since = h.unreturned_since
    month = f"{since:%B}" if since and since.year == today.year else f"{since:%B %Y}" if since else ""
    times = "once" if h.unreturned_favors == 1 else "twice" if h.unreturned_favors == 2 else f"{h.unreturned_favors} times"
    returned = "you have not returned a favor" if h.favors_given == 0 else "you have not returned one since"
    return f"{first_name} has helped you {times} since {month}; {returned}"


def intro_status(offer: IntroOffer, names: dict[int, str], today: date) -> str:
    """Where an intro I offered stands, in words ("sent today", "declined by Bo on Mon 2 Mar")."""
    a, b = names.get(offer.a_id, "?"), names.get(offer.b_id, "?")

    def when(day: date) -> str:
        ago = format_ago(day, today)
        return ago if ago in ("today", "yesterday") else f"on {format_day(day, today)}"

    if offer.declined_on:
        return f"declined by {names.get(offer.declined_by_id, 'one side')} {when(offer.declined_on)}"
    if offer.sent_on:
        return f"sent {when(offer.sent_on)}"
    waiting = [n for n, yes in ((a, offer.a_yes_on), (b, offer.b_yes_on)) if yes is None]
    if waiting:
        return "waiting for " + " and ".join(f"{n}'s yes" for n in waiting)
    return "both said yes: ready to send"


def _intro_steps(offer: IntroOffer, today: date, by_id: dict[int, Tie]) -> list[DueItem]:
    """The next step of one intro I offered: ask each side, send, then check in with both."""
    a, b = by_id.get(offer.a_id), by_id.get(offer.b_id)
    if offer.declined_on or a is None or b is None:
        return []  # a decline ends it quietly
    steps: list[tuple[Tie, str, date, date]] = []  # (whom, reason, due, event_on)
    about = f" ({offer.note})" if offer.note else ""
    if offer.sent_on is None:
        ask_due = offer.offered_on + _days(INTRO_ASK_AFTER_DAYS)
        for who, other, yes in ((a, b, offer.a_yes_on), (b, a, offer.b_yes_on)):
            if yes is None:
                reason = (
                    f"Ask {who.first_name} whether they would like an intro to {other.name}{about} — you offered it"
                    f" on {format_day(offer.offered_on, today)}; ask each side first"
                )
                steps.append((who, reason, ask_due, offer.offered_on))
        if offer.a_yes_on and offer.b_yes_on:
            both = max(offer.a_yes_on, offer.b_yes_on)
            reason = f"Send the intro between {a.name} and {b.name}{about} — both said yes"
            steps.append((a, reason, both, both))
    else:
        check_due = offer.sent_on + _days(INTRO_CHECK_IN_DAYS)
        for who, other in ((a, b), (b, a)):
            last = who.history.last_touch_on
            if last is not None and last >= check_due:
                continue  # you have been in touch since
            reason = (
                f"Check in with {who.first_name} on how it went with {other.name} — you introduced them on"
                f" {format_day(offer.sent_on, today)}"
            )
            steps.append((who, reason, check_due, offer.sent_on))
    items = []
    for who, reason, due, event_on in steps:
        if (who.snoozed_until and today < who.snoozed_until) or (today - due).days > INTRO_STALE_DAYS:
            continue
        if _open(who, "intro", due, today, event_on):
            items.append(_item(who, "intro", reason, due, today, event_on))
    return items
