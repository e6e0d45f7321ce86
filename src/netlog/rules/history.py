"""What one contact's touches add up to. Pure: touches in, a `History` out; no I/O, no clock.

`summarize` folds one contact's touches into a `History` (what is pending, what is owed), which storage
keeps beside the contact (network/cache.py) so `due` reads one row per contact, however long the history.
rules/due.py ranks Histories into due items. Every number lives in the constants below; docs/rules.md
explains where each comes from.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable, NamedTuple

from netlog.values.dates import next_birthday
from netlog.values.kinds import CONNECTIONS, HELP_RECEIVED, MEETINGS, MESSAGES

# Meetings with ties up to this strength want a thank-you; strong and close ties do not need one per call,
# unless the touch was logged as deserving one (Touch.thank_wanted).
THANK_MEETINGS_UP_TO = 3
# A birthday shows up this many days ahead as a chance to reach out. A message you send in those days
# is the birthday message: it expects no reply, so no nudge follows it.
BIRTHDAY_AHEAD_DAYS = 3
# Of several open silences (or replies owed) in different threads, the one shown is the oldest not yet nudged
# that started within this many days of the newest: an old thread's question long past its nudge does not hide
# a new thread's (the nudge is listed 7 days on and dropped after 30: due.NUDGE_AFTER_DAYS + NUDGE_STALE_DAYS).
THREAD_SPAN_DAYS = 37


class Touch(NamedTuple):
    """One touch as the rules see it."""

    on: date
    kind: str
    direction: str = "both"  # "out" from me, "in" to me, "both"
    id: int = 0
    expects_reply: bool = True  # False: an email or message of mine that asks for no answer (opens no silence)
    thank_wanted: bool | None = None  # True/False: the user said it does/does not deserve a thank-you
    advice: str | None = None  # the advice they gave ("the Lisbon role"): circle back on it later
    other_id: int | None = None  # for an intro: the person they introduced me to
    place: str | None = None  # where it happened; for `connected`, the network ("LinkedIn")
    note: str | None = None  # what was said about it; for a captured mail, its subject
    source: str | None = None  # where it was captured from ("mail", "telegram", ...); None: logged by hand
    group_event: bool = False  # a calendar event with many guests: no thank-you, no second touch for each
    thread: str | None = None  # a mail's thread (its root Message-ID): silences and replies owed are per thread
    asks: bool = False  # theirs, logged by hand: its note asks something, or the user said so (`log --received --asks`)
    about: str | None = None  # what it was about, in words they may read (`log --about`); the note stays private
    subject: str | None = None  # a captured message's subject (a mail's): theirs, so a reason may quote it


class History(NamedTuple):
    """What one contact's touches add up to; independent of today, so it can be stored.
    (The rules' records are NamedTuples: `due` builds one per contact straight from a SQL row.)"""

    first_touch_on: date | None = None  # any touch, `connected` included
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
    first_real_on: date | None = None  # the first touch that is not a `connected` (None: a dormant tie)
    last_exchange_on: date | None = None  # the latest real touch other than my own thank-you
    last_exchange_kind: str | None = None
    connected_on: date | None = None  # the first `connected` touch (LinkedIn's Connected On)
    connected_via: str | None = None  # its place: "LinkedIn"
    thank_other_id: int | None = None  # for a pending intro thank-you: the person introduced
    advice: str | None = None  # the latest advice not yet circled back on (a `report` clears it)
    advice_on: date | None = None
    first_real_group: bool = False  # the first real touch was a group event: no second touch follows it
    reply_since: date | None = None  # their first message that asks something and has no answer from me yet
    reply_note: str | None = None  # what it was about, in words they may read (shareable_words): for the reason
    first_real_kind: str | None = None  # the kind of the first real touch: a second touch follows only time together




# Of several touches one day that want a thank-you, the one thanked for is the most of an occasion: a favor or an
# intro, then time together in person, then a call or video (a short call to find each other at lunch is part of
# the lunch; found in the walk of the shared samples: "Thank you for the call" for Gus's lunch).
THANK_RANK = {"favor-received": 3, "intro": 3, "met": 2, "coffee": 2, "meal": 2, "video": 1, "call": 1}


def thanked_for(touch: Touch, pending: Touch | None) -> Touch:
    """Which of `touch` and the thank-you still `pending` a thank-you is for: the later, unless both are of one day
    and the pending one is more of an occasion (THANK_RANK)."""
    if pending is not None and pending.on == touch.on and THANK_RANK.get(pending.kind, 0) > THANK_RANK.get(touch.kind, 0):
        return pending
    return touch


def wants_thanks(touch: Touch, strength: int) -> bool:
    """A favor or an intro wants thanks; time together does, until the tie is strong; the user may say
    otherwise for one touch (Touch.thank_wanted). Nothing I did myself, and no `connected`, wants thanks."""
    if touch.kind in CONNECTIONS or touch.direction == "out":
        return False
    if touch.thank_wanted is not None:
        return touch.thank_wanted
    if touch.group_event:
        return False  # fifteen guests at your farewell drinks are not fifteen thank-yous
    return touch.kind in HELP_RECEIVED or (touch.kind in MEETINGS and strength <= THANK_MEETINGS_UP_TO)


def _close(open_: dict[str | None, Any], touch: Touch) -> None:
    """End what `touch` answers: a mail ends its own thread's, and the one opened by a message with no thread
    (logged by hand, a chat's); a touch with no thread (time together, a call, a chat, a message logged by
    hand) ends every thread's."""
    if touch.thread is None or touch.kind in MEETINGS:
        open_.clear()
    else:
        open_.pop(touch.thread, None)
        open_.pop(None, None)


def _send(silences: dict[str | None, list[Any]], touch: Touch) -> None:
    """My message that waits for an answer: the start of a silence in its thread, or one more message into it
    (the nudge). One with no thread (logged by hand: `draft NAME nudge --sent`) is a message into every open
    silence, as before threads; with none open, it starts one."""
    if touch.thread is None and silences:
        for found in silences.values():
            found[1] += 1
    elif touch.thread in silences:
        silences[touch.thread][1] += 1
    else:
        silences[touch.thread] = [touch, 1]


def _shown(open_: dict[str | None, list[Any]], waiting: Callable[[list[Any]], bool]) -> list[Any] | None:
    """The one of several threads' [first touch, sends] that `due` sees: the oldest still `waiting` (for a
    silence: not nudged yet) of those that started within THREAD_SPAN_DAYS of the newest; else the oldest."""
    if not open_:
        return None
    found = sorted(open_.values(), key=lambda s: (s[0].on, s[0].id))
    newest = found[-1][0].on
    recent = [s for s in found if (newest - s[0].on).days <= THREAD_SPAN_DAYS]
    return next((s for s in recent if waiting(s)), found[0])


def is_reply(touch: Touch) -> bool:
    """Anything from them, or time together, ends a silence."""
    return touch.direction == "in" or touch.kind in MEETINGS


def owes_reply(touch: Touch) -> bool:
    """A message of theirs that asks me something (issue 23): captured from mail or a chat whose text asks
    (rules/asking.py; expects_reply), or logged by hand (`log NAME email --received`) with a note or --about
    that asks, or with --asks (Touch.asks). One logged by hand that says nothing of what it asked owes nothing."""
    if touch.direction != "in" or touch.kind not in MESSAGES:
        return False
    return touch.asks or (touch.expects_reply and touch.source is not None)


def shareable_words(touch: Touch) -> str | None:
    """What a message was about, in words the other person wrote or may read: what the user marked shareable
    (`--about`), else the subject a capture kept (a mail's, a LinkedIn message's: its own column, migration 23).
    A note is private, typed by hand or written over a capture: never quoted, since a reason goes on to
    `export ics` and `sync calendar`, and a draft to the person."""
    return touch.about or touch.subject


def answers(touch: Touch) -> bool:
    """Anything I sent them, or time together, answers what they asked."""
    return touch.kind not in CONNECTIONS and (touch.direction == "out" or touch.kind in MEETINGS)


def expects_reply(touch: Touch, birthday: str | None = None) -> bool:
    """An email or message I sent that waits for an answer: not one logged as expecting none, nor the one
    sent in the days of their birthday (the birthday message)."""
    if touch.kind not in MESSAGES or touch.direction != "out" or not touch.expects_reply:
        return False
    return birthday is None or (next_birthday(birthday, touch.on) - touch.on).days > BIRTHDAY_AHEAD_DAYS


def summarize(
    touches: Iterable[Touch], strength: int, introduced_on: date | None = None, birthday: str | None = None
) -> History:
    """Fold one contact's touches (any order) into its History. `birthday` ("MM-DD", optional) tells the
    birthday message, which expects no reply."""
    ordered = sorted(touches, key=lambda t: (t.on, t.id))
    if not ordered:
        return History()
    thank: Touch | None = None
    silences: dict[str | None, list[Any]] = {}  # thread -> [my first unanswered message in it, sends]
    met_after_intro = None
    last_report = None
    given = received = unreturned = 0
    unreturned_since = last_received = None
    first_real = exchange = connected = advice = None
    owed: dict[str | None, Touch] = {}  # thread -> their first message in it that waits for my answer
    for touch in ordered:
        if touch.kind in CONNECTIONS:
            connected = connected or touch
            continue  # a click on a network: no thanks, no reply, no cadence
        first_real = first_real or touch
        mine_out = touch.direction == "out"
        if not (touch.kind == "thanks" and mine_out):
            exchange = touch
        if wants_thanks(touch, strength):
            thank = thanked_for(touch, thank)
        elif mine_out:
            thank = None  # anything you send them after it (a thank-you, a report-back, a message) answers it
        if owes_reply(touch):
            owed.setdefault(touch.thread, touch)
        elif answers(touch):
            _close(owed, touch)
        if is_reply(touch):
            _close(silences, touch)
        elif expects_reply(touch, birthday):
            _send(silences, touch)
        if introduced_on and met_after_intro is None and touch.kind in MEETINGS and touch.on >= introduced_on:
            met_after_intro = touch.on
        if touch.kind == "report" and mine_out:
            last_report = touch.on
            advice = None
        elif touch.advice:
            advice = touch
        given += touch.kind == "favor-given"
        received += touch.kind == "favor-received"
        if touch.kind == "favor-given":
            unreturned, unreturned_since = 0, None
        elif touch.kind == "favor-received":
            unreturned += 1
            unreturned_since = unreturned_since or touch.on
            last_received = touch.on
    last = ordered[-1]
    silence, sends = _shown(silences, lambda s: s[1] == 1) or (None, 0)
    reply = _shown({k: [t, 1] for k, t in owed.items()}, lambda s: True)
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
        first_real_on=first_real.on if first_real else None,
        last_exchange_on=exchange.on if exchange else None,
        last_exchange_kind=exchange.kind if exchange else None,
        connected_on=connected.on if connected else None,
        connected_via=connected.place if connected else None,
        thank_other_id=thank.other_id if thank and thank.kind == "intro" else None,
        advice=advice.advice if advice else None,
        advice_on=advice.on if advice else None,
        first_real_group=first_real.group_event if first_real else False,
        reply_since=reply[0].on if reply else None,
        reply_note=shareable_words(reply[0]) if reply else None,
        first_real_kind=first_real.kind if first_real else None,
    )
