"""The due rules. Pure: `today` and plain data in, plain data out; no I/O, no clock.

`rank_due` turns every contact's `History` (rules/history.py: what its touches add up to) and `today` into
ranked `DueItem`s with plain reasons; `due_window` says which stored contacts can have anything due, so
storage reads only those. Every number lives in the constants below; docs/rules.md explains each.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import chain
from operator import attrgetter
from types import MappingProxyType
from typing import AbstractSet, Callable, Collection, Iterable, Iterator, Mapping, NamedTuple, Sequence

from netlog.rules import allowance
from netlog.rules.history import BIRTHDAY_AHEAD_DAYS, History
from netlog.rules.wording import format_ago, format_day, format_span
from netlog.rules.workdays import WEEKEND, add_workdays, workdays_between
from netlog.values.dates import NEVER, next_birthday
from netlog.values.folding import fold
from netlog.values.kinds import KIND_PHRASES, MEETINGS

# A message that asks you something and has had no answer within two working days is a reply owed
# (issue 23): listed on the third working day after it came, said to be late after two weeks (a late answer
# still beats none: what is owed never drops off quietly), and no longer listed after three months (years of
# imported mail must not bring back questions nobody waits on any more).
REPLY_AFTER_WORKDAYS = 3
REPLY_LATE_DAYS = 14
REPLY_STALE_DAYS = 90
# Thank within a day or two of a meeting, a favor or an intro: due the next day.
THANK_AFTER_DAYS = 1
# What a thank-you or a reply owed says once it is late (THANK_LATE_DAYS, REPLY_LATE_DAYS).
LATE = "late, still worth sending"
# After two weeks an unsent thank-you stops being listed: one weeks late is noise (the advice is a day or two),
# and the second touch (SECOND_TOUCH_AFTER_DAYS) or keeping in touch takes over.
THANK_STALE_DAYS = 14
# Past this many days the day-or-two has gone: the reason says the thank-you is late (still worth sending).
THANK_LATE_DAYS = 2
# One nudge about a week after an unanswered message, never a second for the same silence.
NUDGE_AFTER_DAYS = 7
NUDGE_STALE_DAYS = 30
# A chat is a conversation, not a letter: a question in a chat ("are you going to the meetup on the 12th?")
# goes cold in weeks, and a nudge a month on is noise. Its nudge is listed for two weeks after it falls due;
# then keeping in touch takes over.
CHAT_NUDGE_STALE_DAYS = 14
# Write to the person someone introduced you to the day after the intro, while it is warm ...
REACH_OUT_AFTER_DAYS = 1
# ... and once you are in touch, meet them within about a week of the intro.
MEET_AFTER_DAYS = 7
# Report back to the introducer the day after meeting the person they introduced.
REPORT_AFTER_DAYS = 1
# What an intro led to (a favor from the person introduced) is worth telling the introducer for a month.
OUTCOME_STALE_DAYS = 30
# If the person introduced has not answered your message within about a week, tell the introducer.
TELL_INTRODUCER_AFTER_DAYS = 7
# Circle back on advice a few weeks after it was given, when there is something to tell; not after months.
CIRCLE_BACK_AFTER_DAYS = 21
CIRCLE_BACK_STALE_DAYS = 60
# News (`edit --moment`) on a medium or stronger tie: congratulate from the day it was noted, for two weeks.
CONGRATULATE_FROM_STRENGTH = 3
CONGRATULATE_STALE_DAYS = 14
CONGRATULATE_WEIGHT = 2.0
# Default contact cadence per tie strength (1 acquaintance .. 5 close), in days; --every overrides it.
CADENCE_DAYS = {1: 365, 2: 180, 3: 90, 4: 30, 5: 14}
# Half-life of closeness without contact, per strength: weak, bridging ties fade in months (Burt: ~9 in
# 10 gone within a year, half-life ~110 days); established ties lose ~15% a year (Dunbar: ~4.3 years).
HALF_LIFE_DAYS = {1: 110, 2: 110, 3: 365, 4: 730, 5: 1570}
# Below this share of closeness left, a tie is "fading"; below the second, "cold".
FADING_BELOW = 0.5
COLD_BELOW = 0.25
# New ties: contact in the first few weeks predicts whether a tie lasts (Vergara Hidd et al. 2023), so
# someone met within this window with no exchange after the day you met gets a second touch about two
# weeks later. Your own thank-you for that meeting is not a second touch; their reply or a call is.
NEW_TIE_WINDOW_DAYS = 42
SECOND_TOUCH_AFTER_DAYS = 14
# Favors: after this many favors received with none returned since, `due` invites you to give back,
# this many days after their latest favor, and ranks them up by this factor per unreturned favor.
GIVE_BACK_AFTER_FAVORS = 2
GIVE_BACK_AFTER_DAYS = 14
GIVE_BACK_BOOST = 0.5
# Intros I make, double opt-in: ask each side the day after offering, send once both said yes, and
# check in with both about two weeks after sending; asks and check-ins stop being listed after a month.
INTRO_ASK_AFTER_DAYS = 1
INTRO_CHECK_IN_DAYS = 14
INTRO_STALE_DAYS = 30
# Cadence items of every kind (keep in touch, reconnect with a dormant tie, second touch, give back) share
# one daily allowance (rules/allowance.py; `due --reconnect N`, $NETLOG_RECONNECT): reconnecting pays (Levin,
# Walter & Murnighan 2011), but a few at a time ("it's a practice, take your time").
RECONNECT_PER_DAY = allowance.ALLOWANCE_PER_DAY
# Active ties, whose companies are known ground: a real exchange within the last year (the ~150 layer's
# roughly yearly contact, Hill & Dunbar 2003).
ACTIVE_WITHIN_DAYS = 365

# Ranking: how much each action weighs, and how much a stronger tie weighs.
ACTION_WEIGHT = {"reply": 5.0, "thank": 5.0, "report-back": 4.0, "nudge": 3.0, "meet": 3.0, "intro": 3.0, "keep-in-touch": 1.0}
STRENGTH_WEIGHT = {1: 1.0, 2: 1.25, 3: 1.5, 4: 1.75, 5: 2.0}
# Second touches and birthdays are keep-in-touch items with a date: they weigh twice a routine reminder.
SECOND_TOUCH_WEIGHT = 2.0
BIRTHDAY_WEIGHT = 2.0
# An item with a date gains its own weight again for each week it waits, but only while it is on time:
# for ON_TIME_DAYS after it falls due (a thank-you's 24-48 hours, a nudge's week). Then it is late: it
# stops gaining and weighs LATE_FACTOR, so an on-time item always outranks a late one of the same action
# (1.0 x the weakest tie's 1.0 > LATE_FACTOR x the closest tie's 2.0).
OVERDUE_WEEK_DAYS = 7
ON_TIME_DAYS = {
    "reply": 2, "thank": 1, "nudge": 7, "reach-out": 1, "meet": 7, "report-back": 1, "tell-introducer": 7, "circle-back": 7,
    "intro-ask": 1, "intro-send": 1, "intro-check-in": 7, "second-touch": 7, "birthday": BIRTHDAY_AHEAD_DAYS,
    "congratulate": 3,
}  # fmt: skip
LATE_FACTOR = 0.4
# What perishes counts working days (rules/workdays.py: weekends and `me --days-off` skipped): thank
# within a working day or two, report back, reach out, ask each side of an intro. A Friday coffee's
# thank-you is on time on Monday.
WORKDAY_OCCASIONS = frozenset({"reply", "thank", "report-back", "reach-out", "intro-ask", "intro-send"})
# An intro is warm for about a week: after that a reach-out does not say "while the intro is warm".
INTRO_WARM_DAYS = 7
# Tiers by what perishes, ranked before scores: 0 what perishes in days (the intro chain, where someone who
# vouched for you waits, thank-yous, nudges, birthdays, news, the intros I make, telling an introducer),
# 1 circling back on advice (weeks), 2 the cadence items (no deadline).
TIERS = {
    "reach-out": 0, "meet": 0, "report-back": 0, "reply": 0, "thank": 0, "nudge": 0, "birthday": 0, "congratulate": 0,
    "intro-ask": 0, "intro-send": 0, "intro-check-in": 0, "tell-introducer": 0,
    "circle-back": 1,
    "keep-in-touch": 2, "second-touch": 2, "give-back": 2, "reconnect": 2,
}  # fmt: skip
# Cadence items (no deadline) share one daily allowance (rules/allowance.py), but an overdue tie this
# strong or stronger (strong, close) is always listed.
CADENCE_OCCASIONS = frozenset({"keep-in-touch", "second-touch", "give-back", "reconnect"})
ALWAYS_LISTED_FROM = 4
# Keeping in touch has no deadline: its score grows with the silence up to twice the cadence, and never
# passes KEEP_IN_TOUCH_MAX_SCORE (give-back included), under the 5.0 of any on-time thank-you.
KEEP_IN_TOUCH_MAX_RATIO = 2.0
KEEP_IN_TOUCH_MAX_SCORE = 4.0


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
    strength_set: bool = True  # False: the strength is an importer's guess, never set by the user
    company: str | None = None
    moment: str | None = None  # news in their life (`edit --moment`: a phrase after "congratulations on")
    moment_on: date | None = None  # the day it was noted
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
    why: str | None = None  # why they should meet, in words both may read (`intro --why`)


class DueItem(NamedTuple):
    """One thing to do for one contact, with its plain reason. `occasion` says which of the action's cases
    it is (the draft to write: "thank", "reach-out", "tell-introducer", "circle-back", "reconnect", ...);
    `other_id` is the other person it is about (the person introduced, the other side of an intro)."""

    contact_id: int
    contact: str
    action: str
    reason: str
    due: date
    score: float
    event_on: date | None = None
    occasion: str = ""
    other_id: int | None = None
    also: tuple[DueItem, ...] = ()  # the same person's other items, folded into this one (one item a person)
    held: bool = False  # a cadence item the daily allowance held back (listed only by `due --all`)


@cache
def _days(n: int) -> timedelta:
    """timedelta(days=n), made once per n: `due` adds a few distinct spans to tens of thousands of dates."""
    return timedelta(days=n)


def _after(day: date, n: int) -> date:
    """`day` + n days, or date.max past it: a stored day near 9999-12-31 is due "never", not an OverflowError."""
    try:
        return day + _days(n)
    except OverflowError:
        return date.max


def cadence_of(tie: Tie) -> int:
    """The contact's own cadence (NEVER: `--every never`), or the default for its strength."""
    return CADENCE_DAYS[tie.strength] if tie.cadence_days is None else tie.cadence_days


def is_dormant(tie: Tie) -> bool:
    """An imported tie you have never been in touch with (no real touch: nothing, or only `connected`), whose
    strength, cadence and intro you never set: it reaches `due` only through the daily reconnect allowance."""
    return (
        not tie.strength_set
        and tie.history.first_real_on is None
        and tie.introduced_on is None
        and tie.cadence_days is None
    )


def closeness(strength: int, last_touch_on: date | None, today: date) -> float | None:
    """How much closeness is left (1.0 fresh, halving each half-life of silence); None with no touch."""
    if last_touch_on is None:
        return None
    silent = max((today - last_touch_on).days, 0)
    left: float = 0.5 ** (silent / HALF_LIFE_DAYS[strength])  # (typeshed types a float power as Any: it may be complex)
    return left


@lru_cache(maxsize=8192)  # `due` asks it once per overdue contact, with a few hundred distinct last touches
def warmth(strength: int, last_touch_on: date | None, today: date) -> str:
    """'warm', 'fading', 'cold', or 'new' with no touch yet."""
    left = closeness(strength, last_touch_on, today)
    if left is None:
        return "new"
    if left < COLD_BELOW:
        return "cold"
    return "fading" if left < FADING_BELOW else "warm"


def gone_quiet(strength: int, cadence: int, last_on: date, today: date) -> bool:
    """A tie gone quiet since `last_on`: fading or cold, or silent for twice its cadence (where keeping in touch
    stops gaining weight). One simply due on its cadence (a close friend's two weeks) is not: its reason says
    "Keep in touch", not "Reconnect", and its draft checks in instead of opening "It's been a while"."""
    return warmth(strength, last_on, today) in ("fading", "cold") or (today - last_on).days >= KEEP_IN_TOUCH_MAX_RATIO * cadence


def first_name_key(name: str) -> str:
    """The folded first word of a name, by which two contacts "share a first name" ('Ana', 'ána'); storage
    keeps it beside each name (folding.first_word_key, the same fold), so `due` counts them in SQL."""
    words = name.split(None, 1)
    return _folded_word(words[0]) if words else ""


@lru_cache(maxsize=65536)  # first names repeat: a network of 100,000 has a few thousand
def _folded_word(word: str) -> str:
    return fold(word)


_NOT_WORD = re.compile(r"\W+")
_LEGAL_SUFFIXES = frozenset(
    "inc incorporated ltd limited llc llp plc corp corporation co gmbh ag sa sas sarl srl spa bv nv oy ab as kk".split()
)


@lru_cache(maxsize=65536)  # companies repeat: many contacts work at the same few
def company_key(company: str | None) -> str:
    """A company's folded form, punctuation and legal suffix dropped ('Contoso, Inc.' -> 'contoso'); '' if none."""
    if not company:
        return ""
    words = _NOT_WORD.sub(" ", fold(company)).replace("_", " ").split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def active_from(today: date) -> date:
    """Ties with a real exchange on or after this day are active: their companies are known ground."""
    return today - _days(ACTIVE_WITHIN_DAYS)


def is_active(tie: Tie, today: date) -> bool:
    """In touch within the last year (a real exchange, not a `connected`)."""
    last = tie.history.last_exchange_on
    return last is not None and last >= active_from(today)


class _Names(NamedTuple):
    """How reasons call people: by first name, or by full name when another contact shares the first name."""

    shared: Collection[str]

    def of(self, tie: Tie) -> str:
        first = tie.first_name
        return tie.name if self.shared and _folded_word(first) in self.shared else first


def shared_first_names(names: Iterable[str]) -> frozenset[str]:
    """The first_name_keys that two or more of these names share."""
    words = Counter((name.split(None, 1) or ("",))[0] for name in names)
    counts: Counter[str] = Counter()
    for word, count in words.items():  # fold each distinct first word once
        counts[_folded_word(word)] += count
    return frozenset(key for key, count in counts.items() if count > 1)


def rank_due(
    today: date,
    ties: Sequence[Tie],
    intros: Sequence[IntroOffer] = (),
    *,
    reconnect_per_day: int = RECONNECT_PER_DAY,
    active_companies: Collection[str] | None = None,
    first_names_shared: Collection[str] | None = None,
    days_off: AbstractSet[int] = WEEKEND,
    keep_held: bool = False,
    picked_on: Mapping[int, date] | None = None,
    personal: Collection[int] = (),
    pool: Sequence[PoolTie] = (),
    whole_ties: Callable[[Sequence[int]], Sequence[Tie]] | None = None,
    pool_tail: PoolTail | None = None,
) -> list[DueItem]:
    """Everything due on `today`: one item per person, by tier then score (_ranked).

    Each person's items are folded into their most time-sensitive one (`also`). What perishes is always
    listed; cadence items (keep in touch, reconnect, second touch, give back) are drawn from one daily
    allowance of `reconnect_per_day` (rules/allowance.py; is_pickable says who may be picked, `picked_on`
    the day each contact was last picked, `personal` the contacts who are no professional tie: organisations
    and family), except strong and close ties, which are listed when overdue.
    With `keep_held` the cadence items the allowance held back come last, marked `held`.

    `ties` must hold every contact that may be due (rules.due_window says which) and every dormant tie (the
    daily pick is made among all of them), except those given as the `pool` (PoolTie: a few facts each, none
    of them also in `ties`): `whole_ties` gives the whole Ties of the few of them the allowance picks (of
    all of them with `keep_held`); `pool_tail` (PoolTail) the rest of the pool, counted, not read. The rules never
    read; the caller's functions do. Two facts are about the
    whole network, and are worked out from `ties` when not given: `active_companies`, the company_keys of
    active ties (is_active), and `first_names_shared`, the first_name_keys two or more contacts share
    (shared_first_names)."""
    by_id = {tie.id: tie for tie in ties}
    names = _Names(shared_first_names(t.name for t in ties) if first_names_shared is None else first_names_shared)
    items, dormant = _every_item(today, ties, intros, by_id, names, days_off)
    worded = _wording(by_id, today, names)
    listed = _one_per_person(_ranked(items), worded)
    if active_companies is None:
        active_companies = {company_key(t.company) for t in ties if t.company and is_active(t, today)}
    kept, added = _allowance(
        listed, dormant, today, by_id, names, reconnect_per_day, active_companies, keep_held, picked_on or {}, personal,
        pool, whole_ties, pool_tail,
    )  # fmt: skip
    # Only the allowance's items can be unworded here (weak ties' keep in touch; a folded item was worded to fold).
    return _merged(kept, _ranked([item if item.reason else worded(item) for item in added]))


def rank_top(
    today: date,
    ties: Sequence[Tie],
    intros: Sequence[IntroOffer] = (),
    *,
    top: int,
    reconnect_per_day: int = RECONNECT_PER_DAY,
    active_companies: Collection[str] | None = None,
    first_names_shared: Collection[str] | None = None,
    days_off: AbstractSet[int] = WEEKEND,
    keep_held: bool = False,
    picked_on: Mapping[int, date] | None = None,
    personal: Collection[int] = (),
    keep: Callable[[DueItem], bool] | None = None,
    pool: Sequence[PoolTie] = (),
    whole_ties: Callable[[Sequence[int]], Sequence[Tie]] | None = None,
    pool_tail: PoolTail | None = None,
) -> tuple[list[DueItem], int, list[int]]:
    """rank_due's first `top` items, how many items its whole list holds, and the day's picks (day_picks of the
    whole list), without ranking the whole list (issue 25: on a terminal the work on the list is bounded by what
    is shown). With `keep`, only the items it keeps count and are shown (as filtering rank_due's list would).

    The same list, cut: each person's lead is the least of their items by _rank_key (input order breaking
    ties, as the stable sorts of _ranked do); the allowance sees only leads (it never depended on their
    order); leads differ in contact_id, so the first `top` of them by _rank_key are the first `top` of
    rank_due's list. Only those shown have the others of their person folded into their reason."""
    by_id = {tie.id: tie for tie in ties}
    names = _Names(shared_first_names(t.name for t in ties) if first_names_shared is None else first_names_shared)
    # A screenful words only what it shows: every keep-in-touch item comes unworded (strength 6: no tie is as strong).
    items, dormant = _every_item(today, ties, intros, by_id, names, days_off, unworded_below=6)
    key = _rank_key
    lead_of: dict[int, tuple[tuple[bool, int, float, date, str, int, str], int]] = {}
    folds: dict[int, int] = {}  # contact id -> how many items of theirs there are, when more than one
    for n, item in enumerate(items):
        cid = item.contact_id
        found = lead_of.get(cid)
        if found is None:
            lead_of[cid] = (key(item), n)
            continue
        folds[cid] = folds.get(cid, 1) + 1
        k = key(item)
        if k < found[0]:  # strictly less: an equal key keeps the earlier item first, as a stable sort does
            lead_of[cid] = (k, n)
    leads = [items[n] for _, n in lead_of.values()]
    if active_companies is None:
        active_companies = {company_key(t.company) for t in ties if t.company and is_active(t, today)}
    kept, added = _allowance(
        leads, dormant, today, by_id, names, reconnect_per_day, active_companies, keep_held, picked_on or {}, personal,
        pool, whole_ties, pool_tail,
    )  # fmt: skip
    picks = [i.contact_id for i in sorted(added, key=key) if not i.held and by_id[i.contact_id].strength < ALWAYS_LISTED_FROM]
    every = kept + added
    if keep is not None:
        every = [item for item in every if keep(item)]
    shown = heapq.nsmallest(top, every, key=key)
    worded = _wording(by_id, today, names)
    folded: dict[int, list[tuple[tuple[bool, int, float, date, str, int, str], int]]] = {
        item.contact_id: [] for item in shown if item.contact_id in folds
    }
    if folded:
        for m, i in enumerate(items):  # one pass for all shown: their items, with their places
            if i.contact_id in folded:
                folded[i.contact_id].append((key(i), m))
    for n, first in enumerate(shown):
        if first.contact_id not in folded:
            shown[n] = worded(first)
            continue
        lead = items[lead_of[first.contact_id][1]]
        if first != lead and first != lead._replace(held=True):
            shown[n] = worded(first)
            continue  # not their lead (a reconnect the allowance made for a dormant tie): nothing folded into it
        theirs = sorted(folded[first.contact_id])
        rest = [worded(items[m]) for _, m in theirs[1:]]
        said = "; ".join(_lead(other.reason) for other in rest)
        shown[n] = first._replace(also=tuple(rest), reason=f"{worded(first).reason}. Also: {said}")
    return shown, len(every), picks


def _every_item(
    today: date,
    ties: Sequence[Tie],
    intros: Sequence[IntroOffer],
    by_id: Mapping[int, Tie],
    names: _Names,
    days_off: AbstractSet[int],
    unworded_below: int = ALWAYS_LISTED_FROM,
) -> tuple[list[DueItem], list[Tie]]:
    """Every item the rules find on `today`, in the order they are found (not yet one a person, nor ranked), and
    the dormant ties (drawn from only by the allowance). Keeping in touch with a tie weaker than `unworded_below`
    comes unworded (UNWORDED: the allowance holds most of them back, unseen)."""
    items: list[DueItem] = []
    add = items.append
    dormant: list[Tie] = []
    for tie in ties:
        if tie.snoozed_until and today < tie.snoozed_until:
            continue
        if not tie.strength_set and is_dormant(tie):
            if item := _birthday(tie, today, names):
                add(item)  # a birthday perishes: listed, not drawn from the allowance
            else:
                dormant.append(tie)
            continue
        # Each rule is asked only when the fact it starts from is there (its own first test, repeated here): at
        # 100,000 contacts that spares about 150,000 calls that would return None.
        h = tie.history
        if h.reply_since is not None and (item := _reply(tie, today, names, days_off)):
            add(item)
        if h.thank_on is not None and (item := _thank(tie, today, by_id, names, days_off)):
            add(item)
        if h.silence_sends == 1 and (item := _nudge(tie, today, names)):
            add(item)
        if tie.introduced_on is not None and (item := _meet(tie, today, by_id, days_off)):
            add(item)
        if item := _keep_in_touch(tie, today, names, unworded_below, days_off):
            add(item)
        if h.advice is not None and (item := _circle_back(tie, today, names)):
            add(item)
        if item := _congratulate(tie, today, names):
            add(item)
    reported: set[int] = set()  # introducers whose report-back also carries the intro's thank-you
    for tie in ties:  # report-back is owed to the introducer, found through the person introduced
        if tie.introduced_by_id is None:
            continue  # every rule below tells the introducer
        if item := _report_back(tie, today, by_id, names, days_off):
            add(item)
            if _report_thanks(by_id[item.contact_id], item.event_on):
                reported.add(item.contact_id)
        if item := _intro_outcome(tie, today, by_id, names, days_off):
            add(item)
        if item := _tell_introducer(tie, today, by_id, names):
            add(item)
    if reported:
        items = [i for i in items if not (i.action == "thank" and i.contact_id in reported)]
    for offer in intros:
        items.extend(_intro_steps(offer, today, by_id, names))
    return items, dormant


def _one_per_person(ranked: list[DueItem], worded: Callable[[DueItem], DueItem]) -> list[DueItem]:
    """Each person's items folded into their first (the most time-sensitive: `ranked` is in list order), the
    others under `also` and named at the end of its reason: a late thank-you *is* the second touch. Those that
    fold others in are worded (`worded`); the others are left as they came."""
    at: dict[int, int] = {}  # contact id -> where their first item is in `out`
    folded: dict[int, list[DueItem]] = {}
    out: list[DueItem] = []
    for item in ranked:  # one pass; the firsts that fold others in are rewritten after it
        if item.contact_id in at:
            folded.setdefault(item.contact_id, []).append(item)
        else:
            at[item.contact_id] = len(out)
            out.append(item)
    for contact_id, rest in folded.items():
        first = worded(out[at[contact_id]])
        rest = [worded(other) for other in rest]
        leads = "; ".join(_lead(other.reason) for other in rest)
        out[at[contact_id]] = first._replace(also=tuple(rest), reason=f"{first.reason}. Also: {leads}")
    return out


# The words a reason may start with that are no name: lower-cased to follow "Also:". A reason that starts with
# a name ("Ana wrote on ...", "Ana's birthday ...", "Ana has helped you ...") keeps its case.
_LEADING_VERBS = frozenset(
    "Thank Nudge Reach Meet Tell Congratulate Second Reconnect Keep Ask Send Check".split()
)


def _lead(reason: str) -> str:
    """A reason's first clause ('Second touch with Eve'), its leading verb lower-cased to follow 'Also:'."""
    lead = reason.split(" — ", 1)[0]
    first = lead.split(" ", 1)[0]
    return lead[:1].lower() + lead[1:] if first in _LEADING_VERBS else lead


def is_cadence(item: DueItem) -> bool:
    """An item with no deadline, drawn from the daily allowance (an overdue strong or close tie's is not)."""
    return item.occasion in CADENCE_OCCASIONS


def day_picks(items: Iterable[DueItem], by_id: Mapping[int, Tie]) -> list[int]:
    """The contacts the daily allowance picked, among rank_due's `items`: those whose item is a cadence item
    listed (not held) for a tie below ALWAYS_LISTED_FROM. Storage remembers them, to be handed back as
    rank_due's `picked_on`."""
    return [i.contact_id for i in items if is_cadence(i) and not i.held and by_id[i.contact_id].strength < ALWAYS_LISTED_FROM]


def is_pickable(tie: Tie, today: date, personal: Collection[int] = ()) -> bool:
    """May this tie take a place in today's allowance? Not one kept off with `--every never`; not one who is no
    professional tie (`personal`: an organisation, family) unless you set them a cadence; not one set aside
    (`done NAME keep-in-touch`) within its cadence. (The one place a tie is kept out of the daily pick: add new
    reasons here.)"""
    if tie.cadence_days == NEVER or (tie.cadence_days is None and tie.id in personal):
        return False
    return not _resting(tie, today)


def _pick_tier(tie: Tie, occasion: str, active_companies: Collection[str]) -> tuple[int, int, int]:
    """The order of the daily pick: a dated cadence item (second touch, give back) first, then the stronger
    tie, then the company none of your active ties work at, then an unknown company, then a known one."""
    return _tier(occasion in ("second-touch", "give-back"), tie.strength, tie.company, active_companies)


def _tier(dated: bool, strength: int, company: str | None, active_companies: Collection[str]) -> tuple[int, int, int]:
    return _keyed_tier(dated, strength, company_key(company), active_companies)


def _keyed_tier(dated: bool, strength: int, key: str, active_companies: Collection[str]) -> tuple[int, int, int]:
    return (0 if dated else 1, -strength, company_class(key, active_companies))


def company_class(key: str, active_companies: Collection[str]) -> int:
    """The pick's order by company (a company_key): 0 one none of your active ties work at, 1 none, 2 one of theirs.
    (storage/statements.py pool_tier_ids asks the same in SQL.)"""
    return 1 if not key else 2 if key in active_companies else 0


def _allowance(
    listed: list[DueItem],
    dormant: Sequence[Tie],
    today: date,
    by_id: dict[int, Tie],
    names: _Names,
    per_day: int,
    active_companies: Collection[str],
    keep_held: bool,
    picked_on: Mapping[int, date],
    personal: Collection[int],
    pool: Sequence[PoolTie] = (),
    whole_ties: Callable[[Sequence[int]], Sequence[Tie]] | None = None,
    tail: PoolTail | None = None,
) -> tuple[list[DueItem], list[DueItem]]:
    """The items listed today: everything that perishes and the overdue strong and close ties (kept, in the
    order of `listed`), then the day's pick of cadence items and, with `keep_held`, the cadence items held back,
    marked `held` (added). The pool's picked ties (rank_due's `pool`, and its `tail`) join `by_id` from
    `whole_ties`."""
    kept: list[DueItem] = []
    added: list[DueItem] = []
    drawn: dict[int, DueItem | None] = {}  # contact id -> its cadence item (None: a dormant or pool tie, built if picked)
    candidates: list[allowance.Candidate] = []
    cadence = CADENCE_OCCASIONS  # is_cadence, asked of every listed item before its tie is looked up
    for item in listed:
        if item.occasion not in cadence:
            kept.append(item)
            continue
        tie = by_id[item.contact_id]
        if tie.strength >= ALWAYS_LISTED_FROM:
            kept.append(item)
        elif is_pickable(tie, today, personal):
            drawn[tie.id] = item
            candidates.append(allowance.Candidate(tie.id, _pick_tier(tie, item.occasion, active_companies)))
    for tie in dormant:
        if tie.id not in drawn and is_pickable(tie, today, personal):
            drawn[tie.id] = None
            candidates.append(allowance.Candidate(tie.id, _pick_tier(tie, "reconnect", active_companies)))
    # The pool: weak, no own cadence, never set aside, so pickable unless no professional tie; never dated. Grouped
    # by tier in id order (allowance.pick's `fresh`), but those with a past pick, which are Candidates as above.
    # (One membership test a row for the tens of thousands: only the few in `special` are looked at again.) Beside
    # a `tail` (the pool counted, not read: PoolTail), the pool's rows are its few set aside, each a Candidate.
    pooled: set[int] = set()
    fresh: dict[tuple[int, ...], Sequence[int]] = {}
    by_pair: dict[tuple[int, str], list[int]] = {}
    special = drawn.keys() | set(personal) | picked_on.keys()
    for contact_id, strength, key in pool:
        if keep_held or contact_id in special or tail is not None:  # (beside a tail, the pool's rows are its few)
            if contact_id in drawn or contact_id in personal:
                continue
            drawn[contact_id] = None
            pooled.add(contact_id)
            candidates.append(allowance.Candidate(contact_id, _keyed_tier(False, strength, key, active_companies)))
        else:
            by_pair.setdefault((strength, key), []).append(contact_id)
    runs: dict[tuple[int, ...], list[list[int]]] = {}
    for (strength, key), ids in by_pair.items():  # each pair's ids in id order (the pool's, by id)
        runs.setdefault(_keyed_tier(False, strength, key, active_companies), []).append(ids)
    for tier, tier_runs in runs.items():  # a tier's runs merged by one sort (it finds the runs: linear in practice)
        fresh[tier] = tier_runs[0] if len(tier_runs) == 1 else sorted(chain.from_iterable(tier_runs))
    if tail is not None:
        if keep_held:
            raise ValueError("rank_due lists every tie held back only from a pool read whole, not counted")
        fresh.update(_counted(tail, active_companies))
    picked = set(allowance.pick(candidates, today, per_day, picked_on, fresh))
    for contact_id in sorted(picked - drawn.keys()):  # picked from `fresh`: built below as the others are
        drawn[contact_id] = None
        pooled.add(contact_id)
    wanted = [contact_id for contact_id in pooled if keep_held or contact_id in picked]
    if wanted:
        if whole_ties is None:
            raise ValueError("rank_due was given a pool without whole_ties to read the picked ties")
        by_id.update((tie.id, tie) for tie in whole_ties(wanted))
    for contact_id, found in drawn.items():
        if contact_id not in picked and not keep_held:
            continue
        made = found or _drawn_item(by_id.get(contact_id), contact_id in pooled, today, active_companies, names)
        if made is not None:
            added.append(made if contact_id in picked else made._replace(held=True))
    return kept, added


def _counted(tail: PoolTail, active_companies: Collection[str]) -> dict[tuple[int, ...], allowance.Counted]:
    """The pool's fresh candidates by tier, counted (PoolTail): each tier's count, its ties set aside, and how
    to read its ids."""
    counts: dict[tuple[int, int], int] = {}
    for strength, key, n in tail.counts:
        at = (strength, company_class(key, active_companies))
        counts[at] = counts.get(at, 0) + n
    aside: dict[tuple[int, int], list[int]] = {}
    for contact_id, (strength, key) in tail.aside.items():
        aside.setdefault((strength, company_class(key, active_companies)), []).append(contact_id)

    def reader(strength: int, klass: int) -> Callable[[int, int], Sequence[int]]:
        return lambda offset, limit: tail.ids(strength, klass, offset, limit)

    return {
        (1, -strength, klass): allowance.Counted(n, aside.get((strength, klass), []), reader(strength, klass))
        for (strength, klass), n in counts.items()
    }


def _drawn_item(tie: Tie | None, pooled: bool, today: date, active_companies: Collection[str], names: _Names) -> DueItem | None:
    """The item of a dormant tie or of a pool's tie the allowance drew: a reconnect, or a pool's weak tie's keep in
    touch (due_pool reads only ties that have one). None for a pool's tie removed since the pool was read."""
    if tie is None:
        return None
    if pooled and not is_dormant(tie):
        return _keep_in_touch(tie, today, names)
    return _reconnect(tie, today, active_companies, names)


def _rank_key(item: DueItem) -> tuple[bool, int, float, date, str, int, str]:
    """The order of _ranked as one key."""
    return (item.held, tier_of(item), -item.score, item.due, item.contact.casefold(), item.contact_id, item.action)


def _merged(ranked: list[DueItem], more: list[DueItem]) -> list[DueItem]:
    """_ranked(ranked + more) for `ranked` and `more` each already in that order: the few of `more` that are
    not held are put in their places (the order is total: one item a person, so no two keys are equal), the
    held ones go last. Sorting the whole list again cost seven passes over tens of thousands of items."""
    if not more:
        return ranked
    listed = [item for item in more if not item.held]
    if len(listed) > 64:  # a large allowance (--reconnect N): one sort is cheaper than many insertions
        return _ranked(ranked + more)
    for item in listed:
        bisect.insort(ranked, item, key=_rank_key)
    ranked.extend(item for item in more if item.held)
    return ranked


def _ranked(items: list[DueItem]) -> list[DueItem]:
    """Held items last; then by tier (what perishes first: tier_of); highest score first; then the earliest
    due, name (case-insensitive), contact id and action. One stable sort per key, least significant first:
    the same order as one sort on the tuple of keys, at half the cost for tens of thousands of items."""
    items.sort(key=attrgetter("action"))
    items.sort(key=attrgetter("contact_id"))
    items.sort(key=lambda item: item.contact.casefold())
    items.sort(key=attrgetter("due"))
    items.sort(key=attrgetter("score"), reverse=True)  # reverse=True keeps equal scores in order (stable)
    items.sort(key=tier_of)
    items.sort(key=attrgetter("held"))
    return items


# A tie of the pool, as the daily pick needs it: (id, strength, company_key), storage's row of due_pool, by id. A weak
# tie whose one possible item today is the allowance's plain keep in touch, or a dormant tie's reconnect (no
# birthday, own cadence, intro, dismissal, favor to give back, nor anything that perishes). At 100,000 contacts
# most of a network is this long tail, and the allowance picks three of it: rank_due asks `whole_ties` for the
# few picked and builds their items from those. (A plain tuple: tens of thousands are read each morning.)
PoolTie = tuple[int, int, str]


class PoolTail(NamedTuple):
    """The pool counted, not read (issue 25): at 100,000 contacts one person's long tail is ~99,000 weak ties, and
    the pick takes three. `counts` holds (strength, company_key, how many) of every tie counted in the pool;
    `aside` the ones among them that are no fresh candidate (id -> (strength, company_key)): snoozed, dismissed,
    no professional tie, picked lately, or named by another's rule (those picked lately come as `pool` rows too,
    to be looked at one by one); `ids(strength, company class, offset, limit)` reads the ids of one tier (its
    strength and company_class) counted there, in id order. The rules never read: the caller's function does."""

    counts: Sequence[tuple[int, str, int]]
    aside: Mapping[int, tuple[int, str]]
    ids: Callable[[int, int, int, int], Sequence[int]]


class DueWindow(NamedTuple):
    """What a contact's stored facts must show for `rank_due` to find anything due on `today`: storage reads
    only the contacts inside the window, so `due` costs what is due, not the size of the network.

    A contact outside every bound below has nothing of its own due, and neither has one snoozed past `today`
    (awake_on). Keeping in touch is bounded by a day the derived cache keeps for each contact
    (keep_in_touch_from: its cadence after its last exchange, or its give-back day, whichever comes first,
    dismissals left out), so a contact with its own cadence is read only once that day has come. Contacts
    with a birthday are always read (unless snoozed), and so is every dormant tie (is_dormant: the reconnect
    pick is made among all of them); whoever an intro (either side), an intro offer or a pending intro
    thank-you (History.thank_other_id) names is read even when snoozed, so the rules can name them. The weak
    ties whose one possible item is the allowance's (PoolTie) are read apart as the pool, a few columns each.
    Reading too many is only slower; missing one would be a bug, so tests compare `due` with `rank_due` over
    every contact."""

    reply_from: date  # a reply owed for a message received on reply_from..reply_to
    reply_to: date
    thank_from: date  # a pending thank-you for a touch on thank_from..thank_to
    thank_to: date
    nudge_from: date  # one unanswered message sent on nudge_from..nudge_to
    nudge_to: date
    second_touch_from: date  # first real touch (History.first_real_on) on second_touch_from..second_touch_to
    second_touch_to: date
    keep_in_touch_by: date  # keeping in touch (or giving back) due by this day: keep_in_touch_from, stored, on or before
    meet_by: date  # introduced on or before meet_by and not met since
    report_by: date  # met someone they introduced on or before report_by
    outcome_from: date  # a favor from someone introduced, received on outcome_from..outcome_to
    outcome_to: date
    circle_back_from: date  # advice not yet circled back on, given on circle_back_from..circle_back_to
    circle_back_to: date
    congratulate_from: date  # news noted (moment_on) on congratulate_from..congratulate_to
    congratulate_to: date
    awake_on: date  # a contact snoozed until after this day (today) has nothing of its own due: read only when named
    active_from: date  # not a bound: ties with a real exchange since then are active (active_companies)


def due_window(today: date) -> DueWindow:
    """The bounds of `DueWindow` for one day, from the same constants the rules use."""

    def ago(days: int) -> date:
        return today - _days(days)

    return DueWindow(
        reply_from=ago(REPLY_STALE_DAYS),
        reply_to=today,
        thank_from=ago(THANK_STALE_DAYS),
        thank_to=ago(THANK_AFTER_DAYS),
        nudge_from=ago(NUDGE_AFTER_DAYS + NUDGE_STALE_DAYS),
        nudge_to=ago(NUDGE_AFTER_DAYS),
        second_touch_from=ago(NEW_TIE_WINDOW_DAYS),
        second_touch_to=ago(SECOND_TOUCH_AFTER_DAYS),
        keep_in_touch_by=today,
        meet_by=ago(REACH_OUT_AFTER_DAYS),
        report_by=ago(REPORT_AFTER_DAYS),
        outcome_from=ago(OUTCOME_STALE_DAYS),
        outcome_to=ago(REPORT_AFTER_DAYS),
        circle_back_from=ago(CIRCLE_BACK_AFTER_DAYS + CIRCLE_BACK_STALE_DAYS),
        circle_back_to=ago(CIRCLE_BACK_AFTER_DAYS),
        congratulate_from=ago(CONGRATULATE_STALE_DAYS),
        congratulate_to=today,
        awake_on=today,
        active_from=active_from(today),
    )


def _window_days() -> dict[str, int]:
    """How many days after its event each window of DueWindow still holds it: the day less the window's first day."""
    day = date(2000, 1, 3)
    return {bound: (day - first).days for bound, first in due_window(day)._asdict().items()}


_WINDOW_DAYS = _window_days()


def event_score(
    weight: float, strength: int, occasion: str, due: date, today: date, days_off: AbstractSet[int] = WEEKEND
) -> float:
    """weight x strength weight x timing: 1 + a week's share per day waited while on time, LATE_FACTOR after.
    Days waited are working days for what perishes in days (WORKDAY_OCCASIONS)."""
    if occasion in WORKDAY_OCCASIONS:
        overdue = workdays_between(due, today, days_off)
    else:
        overdue = max((today - due).days, 0)
    timing = 1 + overdue / OVERDUE_WEEK_DAYS if overdue <= ON_TIME_DAYS[occasion] else LATE_FACTOR
    return round(weight * STRENGTH_WEIGHT[strength] * timing, 2)


def tier_of(item: DueItem) -> int:
    """The item's tier by what perishes (TIERS)."""
    return TIERS.get(item.occasion or item.action, 2)


def keep_in_touch_score(strength: int, silent_days: int, cadence: int, unreturned_favors: int = 0) -> float:
    """strength weight x silence / cadence (up to KEEP_IN_TOUCH_MAX_RATIO), raised for unreturned favors,
    never above KEEP_IN_TOUCH_MAX_SCORE."""
    weight = ACTION_WEIGHT["keep-in-touch"] * STRENGTH_WEIGHT[strength]
    score = weight * min(silent_days / cadence, KEEP_IN_TOUCH_MAX_RATIO)
    if unreturned_favors:
        score = max(score, weight) * (1 + GIVE_BACK_BOOST * unreturned_favors)
    return round(min(score, KEEP_IN_TOUCH_MAX_SCORE), 2)


def _cleared(tie: Tie, action: str, event_on: date) -> bool:
    done = tie.done.get(action)
    return done is not None and done >= event_on


def _open(tie: Tie, action: str, due: date, today: date, event_on: date) -> bool:
    """Due by today and not dismissed since the event (checked before any reason is written)."""
    return due <= today and not _cleared(tie, action, event_on)


def _item(
    tie: Tie, action: str, occasion: str, reason: str, due: date, today: date, event_on: date, other_id: int | None = None,
    days_off: AbstractSet[int] = WEEKEND,
) -> DueItem:
    score = event_score(ACTION_WEIGHT[action], tie.strength, occasion, due, today, days_off)
    return DueItem(tie.id, tie.name, action, reason, due, score, event_on, occasion, other_id)


def _tie(by_id: Mapping[int, Tie], contact_id: int | None) -> Tie | None:
    """The tie a History or a contact points at (an introducer, the person an intro named), when known."""
    return by_id.get(contact_id) if contact_id is not None else None


def _kind_phrase(kind: str | None) -> str:
    """'a coffee' for the kind of touch a History dates (it keeps the kind with each date it keeps)."""
    if kind is None:
        raise ValueError("a History's date without the kind of its touch")
    return KIND_PHRASES[kind]


def _thank(tie: Tie, today: date, by_id: Mapping[int, Tie], names: _Names, days_off: AbstractSet[int] = WEEKEND) -> DueItem | None:
    h = tie.history
    if h.thank_on is None or (today - h.thank_on).days > THANK_STALE_DAYS:
        return None
    due = add_workdays(h.thank_on, THANK_AFTER_DAYS, days_off)
    if not _open(tie, "thank", due, today, h.thank_on):
        return None
    introduced = _tie(by_id, h.thank_other_id) if h.thank_kind == "intro" else None
    what = f"introducing you to {names.of(introduced)}" if introduced else _kind_phrase(h.thank_kind)
    late = today > add_workdays(h.thank_on, THANK_LATE_DAYS, days_off)  # working days, as the day it is due
    advice = LATE if late else "thank within a day or two"
    reason = f"Thank {names.of(tie)} for {what} on {format_day(h.thank_on, today)} — {advice}"
    return _item(tie, "thank", "thank", reason, due, today, h.thank_on, h.thank_other_id, days_off)


def _reply(tie: Tie, today: date, names: _Names, days_off: AbstractSet[int] = WEEKEND) -> DueItem | None:
    """Someone asked you something (a captured message that asks: rules/asking.py) and waits for your answer."""
    h = tie.history
    if h.reply_since is None or (today - h.reply_since).days > REPLY_STALE_DAYS:
        return None
    due = add_workdays(h.reply_since, REPLY_AFTER_WORKDAYS, days_off)
    if not _open(tie, "reply", due, today, h.reply_since):
        return None
    about = f' ("{h.reply_note}")' if h.reply_note else ""
    waiting = "is waiting for your answer"
    if (today - h.reply_since).days > REPLY_LATE_DAYS:
        waiting = f"is still waiting for your answer — {LATE}"
    reason = f"{names.of(tie)} wrote on {format_day(h.reply_since, today)}{about} and {waiting}"
    return _item(tie, "reply", "reply", reason, due, today, h.reply_since, days_off=days_off)


def _nudge(tie: Tie, today: date, names: _Names) -> DueItem | None:
    h = tie.history
    if h.silence_since is None or h.silence_sends != 1:
        return None
    due = _after(h.silence_since, NUDGE_AFTER_DAYS)
    stale = CHAT_NUDGE_STALE_DAYS if h.silence_kind == "message" else NUDGE_STALE_DAYS
    if (today - due).days > stale or not _open(tie, "nudge", due, today, h.silence_since):
        return None
    reason = (
        f"Nudge {names.of(tie)} once — {_kind_phrase(h.silence_kind)} on {format_day(h.silence_since, today)}"
        " has had no reply; one follow-up after a week, never a second"
    )
    return _item(tie, "nudge", "nudge", reason, due, today, h.silence_since)


def _meet(tie: Tie, today: date, by_id: Mapping[int, Tie], days_off: AbstractSet[int] = WEEKEND) -> DueItem | None:
    """Someone introduced and not met yet: write to them the day after the intro; once in touch, meet them
    about a week after it. While your message waits for their answer, the nudge speaks for them."""
    h = tie.history
    if tie.introduced_on is None or h.met_after_intro_on is not None:
        return None
    introducer = _tie(by_id, tie.introduced_by_id)
    by = f"{introducer.name} introduced you" if introducer else "introduced"
    when = format_day(tie.introduced_on, today)
    warm = (today - tie.introduced_on).days <= INTRO_WARM_DAYS
    if h.last_exchange_on is None or h.last_exchange_on < tie.introduced_on:
        due = add_workdays(tie.introduced_on, REACH_OUT_AFTER_DAYS, days_off)
        if not _open(tie, "meet", due, today, tie.introduced_on):
            return None
        if warm:
            reason = f"Reach out to {tie.name} — {by} on {when}; write while the intro is warm"
        else:
            reason = (
                f"Reach out to {tie.name} — {by} on {when} ({format_ago(tie.introduced_on, today)}) and they have not"
                " heard from you; a short note now still honours the intro"
            )
        return _item(tie, "meet", "reach-out", reason, due, today, tie.introduced_on, tie.introduced_by_id, days_off)
    if h.silence_since is not None and h.silence_since >= tie.introduced_on:
        return None  # waiting for their answer: the nudge (and the introducer) speak for it
    due = _after(tie.introduced_on, MEET_AFTER_DAYS)
    if not _open(tie, "meet", due, today, tie.introduced_on):
        return None
    reason = f"Meet {tie.name} — {by} on {when} and you are in touch; suggest a time" + (" while the intro is warm" if warm else "")
    return _item(tie, "meet", "meet", reason, due, today, tie.introduced_on, tie.introduced_by_id)


def _introducer_of(introduced: Tie, today: date, by_id: Mapping[int, Tie]) -> Tie | None:
    introducer = _tie(by_id, introduced.introduced_by_id)
    if introducer is None or (introducer.snoozed_until and today < introducer.snoozed_until):
        return None
    return introducer


def _report_thanks(introducer: Tie, met_on: date | None) -> bool:
    """A report-back thanks again for the intro: it carries a pending intro thank-you from before the meeting."""
    h = introducer.history
    return h.thank_kind == "intro" and met_on is not None and h.thank_on is not None and h.thank_on <= met_on


def _report_back(
    introduced: Tie, today: date, by_id: Mapping[int, Tie], names: _Names, days_off: AbstractSet[int] = WEEKEND
) -> DueItem | None:
    met_on = introduced.history.met_after_intro_on
    if met_on is None:
        return None
    introducer = _introducer_of(introduced, today, by_id)
    if introducer is None:
        return None
    last_report = introducer.history.last_report_on
    if last_report is not None and last_report >= met_on:
        return None
    due = add_workdays(met_on, REPORT_AFTER_DAYS, days_off)
    if not _open(introducer, "report-back", due, today, met_on):
        return None
    also = " and thank them for the intro" if _report_thanks(introducer, met_on) else ""
    reason = (
        f"Tell {names.of(introducer)} how it went with {introduced.name}{also} — you met on"
        f" {format_day(met_on, today)}; report back to whoever introduced you"
    )
    return _item(introducer, "report-back", "report-back", reason, due, today, met_on, introduced.id, days_off)


def _intro_outcome(
    introduced: Tie, today: date, by_id: Mapping[int, Tie], names: _Names, days_off: AbstractSet[int] = WEEKEND
) -> DueItem | None:
    """A favor from someone you were introduced to (a referral, an offer): tell the introducer what their intro
    led to, as for a meeting (report back the next working day, until a report on or after the favor)."""
    h = introduced.history
    favor_on = h.last_favor_received_on
    if introduced.introduced_on is None or favor_on is None or favor_on < introduced.introduced_on:
        return None
    if (today - favor_on).days > OUTCOME_STALE_DAYS:
        return None
    introducer = _introducer_of(introduced, today, by_id)
    if introducer is None:
        return None
    last_report = introducer.history.last_report_on
    if last_report is not None and last_report >= favor_on:
        return None
    due = add_workdays(favor_on, REPORT_AFTER_DAYS, days_off)
    if not _open(introducer, "report-back", due, today, favor_on):
        return None
    reason = (
        f"Tell {names.of(introducer)} that the intro to {introduced.name} led to a favor on"
        f" {format_day(favor_on, today)} — introducers like to hear what came of their intro"
    )
    return _item(introducer, "report-back", "report-back", reason, due, today, favor_on, introduced.id, days_off)


def _tell_introducer(introduced: Tie, today: date, by_id: Mapping[int, Tie], names: _Names) -> DueItem | None:
    """The person introduced has not answered my message for a week: the introducer should hear it."""
    h = introduced.history
    if introduced.introduced_on is None or h.met_after_intro_on is not None or h.silence_since is None:
        return None
    if h.silence_since < introduced.introduced_on:
        return None
    introducer = _introducer_of(introduced, today, by_id)
    if introducer is None:
        return None
    last_report = introducer.history.last_report_on
    if last_report is not None and last_report >= h.silence_since:
        return None
    # After (or instead of) the one nudge: once it was sent (a second message into the silence) or dismissed,
    # a week after it; never while the nudge to the person introduced is still to do.
    nudge_done = introduced.done.get("nudge")
    if h.silence_sends >= 2:
        due = _after(h.silence_since, NUDGE_AFTER_DAYS + TELL_INTRODUCER_AFTER_DAYS)
    elif nudge_done is not None and nudge_done >= h.silence_since:
        due = max(_after(h.silence_since, TELL_INTRODUCER_AFTER_DAYS), nudge_done)
    else:
        return None
    if (today - due).days > NUDGE_STALE_DAYS or not _open(introducer, "report-back", due, today, h.silence_since):
        return None
    # Say what happened: the message and how long ago, and the follow-up when it was sent (a second message into
    # the silence; History keeps how many, not when). Not "in a week": by now it is two at least.
    sent = f"{_kind_phrase(h.silence_kind)} on {format_day(h.silence_since, today)} ({format_ago(h.silence_since, today)})"
    unanswered = f"{sent} and your follow-up have had no reply" if h.silence_sends >= 2 else f"{sent} has had no reply"
    reason = (
        f"Tell {names.of(introducer)} that {introduced.name} has not answered yet — {unanswered}; whoever introduced"
        " you will want to know, and may help"
    )
    return _item(introducer, "report-back", "tell-introducer", reason, due, today, h.silence_since, introduced.id)


def advice_phrase(advice: str) -> str:
    """'the Lisbon role' -> 'the advice on the Lisbon role'; 'about pricing' -> 'the advice about pricing'."""
    text = " ".join(advice.split())
    if text.lower().startswith("advice "):
        text = text[len("advice ") :]
    first = text.split(" ", 1)[0].lower()
    return f"the advice {text}" if first in ("on", "about", "for", "to") else f"the advice on {text}"


def _circle_back(tie: Tie, today: date, names: _Names) -> DueItem | None:
    h = tie.history
    if h.advice is None or h.advice_on is None:
        return None
    due = _after(h.advice_on, CIRCLE_BACK_AFTER_DAYS)
    if (today - due).days > CIRCLE_BACK_STALE_DAYS or not _open(tie, "report-back", due, today, h.advice_on):
        return None
    reason = (
        f"Tell {names.of(tie)} how {advice_phrase(h.advice)} worked out — given on {format_day(h.advice_on, today)};"
        " people like to hear what came of their advice"
    )
    return _item(tie, "report-back", "circle-back", reason, due, today, h.advice_on)


def _keep_in_touch(
    tie: Tie, today: date, names: _Names, unworded_below: int = 0, days_off: AbstractSet[int] = WEEKEND
) -> DueItem | None:
    """Keeping in touch (or its special cases: a birthday, a second touch, giving back), decided and scored. For a
    tie weaker than `unworded_below`, the plain keep-in-touch or give-back item comes UNWORDED: its reason is
    written (_wording) only for the items the list returns (issue 25: at 100k the allowance holds back about
    9,000 of them, and a screenful shows about 20)."""
    h = tie.history
    if tie.introduced_on is not None and h.met_after_intro_on is None:
        return None  # "meet" speaks for them
    if tie.birthday and (special := _birthday(tie, today, names)) is not None:
        return special
    if h.first_real_on is not None and (special := _second_touch(tie, today, names, days_off)) is not None:
        return special
    last = h.last_exchange_on or h.last_touch_on or tie.created_on
    if last is None:
        return None
    # keep_in_touch_due, on facts read once each: every contact the window reads comes through here
    cadence = CADENCE_DAYS[tie.strength] if tie.cadence_days is None else tie.cadence_days  # cadence_of
    dismissed = tie.done.get("keep-in-touch")
    due = next_keep_in_touch(cadence, last, dismissed, h.unreturned_favors, h.last_favor_received_on)
    if due is None or today < due:
        return None
    since = last if dismissed is None or dismissed < last else dismissed
    give_back = give_back_due_on(h.unreturned_favors, h.last_favor_received_on, dismissed)  # _give_back_due
    unreturned = h.unreturned_favors if give_back is not None else 0
    score = keep_in_touch_score(tie.strength, (today - since).days, cadence, unreturned)
    occasion = "keep-in-touch" if give_back is None else "give-back"
    reason = UNWORDED if tie.strength < unworded_below else _keep_in_touch_reason(tie, today, names, last, cadence, give_back)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, due, score, last, occasion)


# The reason of an item decided and scored but not worded yet (_keep_in_touch); no worded reason is empty.
UNWORDED = ""


def _keep_in_touch_reason(tie: Tie, today: date, names: _Names, last: date, cadence: int, give_back: date | None) -> str:
    """The reason of _keep_in_touch's item for `tie` (due on `today`): its last touch (`last`), the cadence aimed
    for, the tie's warmth, and the favors to give back (when `give_back` is a day)."""
    h = tie.history
    # Name the last real exchange (coffee), not my thank-you for it; a contact with only a `connected` has none.
    named_on, named_kind = (
        (h.last_exchange_on, h.last_exchange_kind) if h.last_exchange_on or h.connected_on else (h.last_touch_on, h.last_touch_kind)
    )  # fmt: skip
    if give_back is not None:
        dismissed = tie.done.get("keep-in-touch")
        since = last if dismissed is None or dismissed < last else dismissed
        invitation = f"{give_back_phrase(tie.first_name, h, today)} — a chance to give back"
        if today < _after(since, cadence):
            return invitation  # their favors brought it before the cadence: nothing else is due, nothing has gone cold
    if named_on is not None:
        named_kind = _LAST_TOUCH_WORDS.get(named_kind or "", named_kind)
        state = warmth(tie.strength, named_on, today)
        verb = "Reconnect with" if gone_quiet(tie.strength, cadence, named_on, today) else "Keep in touch with"
        reason = (
            f"{verb} {names.of(tie)} — last touch: {named_kind} on {format_day(named_on, today)}"
            f" ({format_ago(named_on, today)}); you aim for {format_span(cadence)}"
        )
        if state in ("fading", "cold"):
            reason += f"; the tie is {state}"
    elif h.connected_on is not None:
        reason = (
            f"Reconnect with {names.of(tie)} — {_connected_phrase(h, today)} and not in touch since;"
            f" you aim for {format_span(cadence)}"
        )
    else:
        # No touch at all (an imported card whose strength or cadence you set): the day it was added is the day of
        # an import, not of anything between you, so it is not named.
        reason = f"Reach out to {tie.name} — no touch logged yet; you aim for {format_span(cadence)}"
    if give_back is not None:
        reason = f"{invitation}. {reason}"
    return reason


def _wording(by_id: Mapping[int, Tie], today: date, names: _Names) -> Callable[[DueItem], DueItem]:
    """An item -> the same item with its reason written, when it came unworded (_keep_in_touch)."""

    def worded(item: DueItem) -> DueItem:
        if item.reason:
            return item
        tie = by_id[item.contact_id]  # its event_on is the `last` _keep_in_touch dated it by: never None
        reason = _keep_in_touch_reason(tie, today, names, item.event_on or today, cadence_of(tie), _give_back_due(tie))
        return DueItem._make((*item[:3], reason, *item[4:]))  # not _replace: a map over the fields and a dict

    return worded


def keep_in_touch_from(strength: int, cadence_days: int | None, created_on: date | None, h: History) -> date | None:
    """The earliest day keeping in touch (or giving back) can be due for a contact, from its facts and History
    alone: no clock, no dismissal (dismissing only moves the day later), so the derived cache keeps it beside the
    History and `due` reads only the contacts whose day has come (DueWindow.keep_in_touch_by), whatever their
    cadence. None: never (`--every never`, or neither a touch nor a day added)."""
    cadence = CADENCE_DAYS[strength] if cadence_days is None else cadence_days  # cadence_of
    last = h.last_exchange_on or h.last_touch_on or created_on
    return next_keep_in_touch(cadence, last, None, h.unreturned_favors, h.last_favor_received_on)


def pool_from(
    strength: int,
    strength_set: bool,
    cadence_days: int | None,
    created_on: date | None,
    introduced_on: date | None,
    birthday: str | None,
    moment_on: date | None,
    h: History,
) -> date:
    """The first day a contact is in the pool (PoolTie: its one possible item is the daily allowance's), from its
    facts and History alone, as the derived cache keeps it beside keep_in_touch_from: `due` reads the pool by this
    day (indexed), and reads whole only the contacts whose day is still ahead (or never). On that day the contact
    is weak, with no birthday, own cadence, intro, nor favors to give back; dormant (its reconnect) or with
    keeping in touch due; and past the end of every window of DueWindow in which something of its own perishes
    (a thank-you, a reply, a nudge, a second touch, a circle-back, a congratulation). date.max: never (until a
    write changes the facts); date.min: a dormant tie with nothing perishing. Dismissals and snoozes are not
    facts of the cache: `due` checks them when it reads."""
    if (
        strength >= ALWAYS_LISTED_FROM
        or birthday is not None
        or cadence_days is not None
        or introduced_on is not None
        or h.unreturned_favors >= GIVE_BACK_AFTER_FAVORS
    ):
        return date.max
    if not strength_set and h.first_real_on is None:  # is_dormant (intro and cadence are unset above)
        start = date.min
    else:
        start = keep_in_touch_from(strength, cadence_days, created_on, h) or date.max
    if start == date.max:
        return start
    for event, lasts in _perishing(h, moment_on):
        start = max(start, event + timedelta(days=lasts + 1))
    return start


def _perishing(h: History, moment_on: date | None) -> Iterator[tuple[date, int]]:
    """Each event of a contact's own that something perishing is dated by, with how many days after it the event
    stays inside its window of DueWindow (_WINDOW_DAYS, read off due_window itself)."""
    if h.thank_on is not None:
        yield h.thank_on, _WINDOW_DAYS["thank_from"]
    if h.reply_since is not None:
        yield h.reply_since, _WINDOW_DAYS["reply_from"]
    if h.silence_sends == 1 and h.silence_since is not None:
        yield h.silence_since, _WINDOW_DAYS["nudge_from"]
    if h.first_real_on is not None:
        yield h.first_real_on, _WINDOW_DAYS["second_touch_from"]
    if h.advice is not None and h.advice_on is not None:
        yield h.advice_on, _WINDOW_DAYS["circle_back_from"]
    if moment_on is not None:
        yield moment_on, _WINDOW_DAYS["congratulate_from"]


# A last touch is named by its kind ("coffee", "email", "met"); these kinds are words of netlog's, not of a person.
_LAST_TOUCH_WORDS = {
    "favor-received": "their favor", "favor-given": "your favor", "intro": "their intro", "report": "an update",
    "share": "a shared link", "congrats": "congratulations", "thanks": "a thank-you",
}  # fmt: skip


def keep_in_touch_due(tie: Tie) -> date | None:
    """The day keeping in touch with a contact is next due: their cadence after the last real exchange (or
    the last touch, or being added; or after the user last dismissed it), sooner when they have helped you
    and you have not given back. None for a contact with neither a touch nor a day added."""
    h = tie.history
    return next_keep_in_touch(
        cadence_of(tie), h.last_exchange_on or h.last_touch_on or tie.created_on,  # a `connected` still dates it
        tie.done.get("keep-in-touch"), h.unreturned_favors, h.last_favor_received_on,
    )  # fmt: skip


def next_keep_in_touch(
    cadence: int, last: date | None, dismissed_on: date | None, unreturned_favors: int, last_favor_received_on: date | None
) -> date | None:
    """keep_in_touch_due on the facts it reads, for `list`, which asks it of every contact (None: never due)."""
    if last is None or cadence == NEVER:
        return None
    since = last if dismissed_on is None or dismissed_on < last else dismissed_on
    due = _after(since, cadence)
    give_back = give_back_due_on(unreturned_favors, last_favor_received_on, dismissed_on)
    return due if give_back is None or due < give_back else give_back


def _connected_phrase(h: History, today: date) -> str:
    """'connected on LinkedIn on Mon 2 Mar 2024'."""
    via = f" on {h.connected_via}" if h.connected_via else ""
    return f"connected{via} on {format_day(h.connected_on, today)}"


def _birthday_on(tie: Tie, today: date) -> date | None:
    """The birthday this reach-out is for, when its few days have come and nothing has marked it yet."""
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
    return on


def _birthday(tie: Tie, today: date, names: _Names) -> DueItem | None:
    """A birthday in the next few days: a chance to reach out (it speaks for keep-in-touch that day)."""
    on = _birthday_on(tie, today)
    if on is None:
        return None
    when = "today" if on == today else f"on {format_day(on, today)} ({format_ago(on, today)})"
    reason = f"{names.of(tie)}'s birthday is {when} — a chance to reach out with a few warm words"
    due = on - _days(BIRTHDAY_AHEAD_DAYS)
    score = event_score(BIRTHDAY_WEIGHT, tie.strength, "birthday", due, today)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, due, score, on, "birthday")


def _congratulate(tie: Tie, today: date, names: _Names) -> DueItem | None:
    """Fresh news on a medium or stronger tie: congratulate them within a few days of hearing it. Any touch
    after the day it was noted (or a congratulation that day) answers it; so does `done NAME keep-in-touch`."""
    on = tie.moment_on
    if on is None or not tie.moment or tie.strength < CONGRATULATE_FROM_STRENGTH:
        return None
    if today < on or (today - on).days > CONGRATULATE_STALE_DAYS or _cleared(tie, "keep-in-touch", on):
        return None
    h = tie.history
    if h.last_touch_on is not None and (h.last_touch_on > on or (h.last_touch_on == on and h.last_touch_kind == "congrats")):
        return None
    noted = "today" if on == today else f"on {format_day(on, today)}"
    reason = f"Congratulate {names.of(tie)} on {of_them(tie.moment)} — news you noted {noted}; a few words while it is fresh"
    score = event_score(CONGRATULATE_WEIGHT, tie.strength, "congratulate", on, today)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, on, score, on, "congratulate")


_SECOND_PERSON = re.compile(r"\b(yourself|yours|your|you)\b", re.IGNORECASE)
_THIRD_PERSON = {"yourself": "themselves", "yours": "theirs", "your": "their", "you": "them"}


def of_them(moment: str) -> str:
    """A moment as the draft says it to them ("your promotion": it reads after "congratulations on"), as a reason
    says it to you of them ("their promotion")."""

    def swap(found: re.Match[str]) -> str:
        word = _THIRD_PERSON[found.group(1).lower()]
        return word.capitalize() if found.group(1)[0].isupper() else word

    return _SECOND_PERSON.sub(swap, moment)


def _second_touch(tie: Tie, today: date, names: _Names, days_off: AbstractSet[int] = WEEKEND) -> DueItem | None:
    """A new tie with no exchange after the day you met: suggest a second touch about two weeks later. A new
    tie is one whose first touch (a `connected` included) is within the window and whose first real touch was
    time together: an old connection written to, or a card whose first logged touch is your own message, is
    no tie you "met on" that day."""
    h = tie.history
    first = h.first_real_on
    if first is None or (today - first).days > NEW_TIE_WINDOW_DAYS or h.first_real_kind not in MEETINGS:
        return None
    if h.first_touch_on is not None and (today - h.first_touch_on).days > NEW_TIE_WINDOW_DAYS:
        return None  # connected long before (LinkedIn since 2018): an old connection, not a new tie
    if h.first_real_group:
        return None  # met among many guests (a party, a panel): no second touch for each of them
    if h.last_exchange_on is not None and h.last_exchange_on > first:
        return None  # in touch again since (their reply, a call): the tie is renewed
    if h.last_touch_kind == "thanks" and h.last_touch_on is not None and h.last_touch_on > add_workdays(first, THANK_LATE_DAYS, days_off):
        return None  # my thank-you, sent late (THANK_LATE_DAYS, as _thank counts it): it was the second touch
    if _cleared(tie, "keep-in-touch", first):
        return None
    due = _after(first, SECOND_TOUCH_AFTER_DAYS)
    if today < due:
        return None
    # Your thank-you the day after is a touch since: say so, or the reason is untrue.
    thanked = h.last_touch_kind == "thanks" and h.last_touch_on is not None and h.last_touch_on >= first
    since = "since your thank-you" if thanked else "since"
    reason = (
        f"Second touch with {names.of(tie)} — you met on {format_day(first, today)} and have not been in"
        f" touch {since}; a short note in the first weeks helps a new tie last"
    )
    score = event_score(SECOND_TOUCH_WEIGHT, tie.strength, "second-touch", due, today)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, due, score, first, "second-touch")


def _give_back_due(tie: Tie) -> date | None:
    """When to invite giving back: some favors received and none returned, not dismissed since."""
    h = tie.history
    return give_back_due_on(h.unreturned_favors, h.last_favor_received_on, tie.done.get("keep-in-touch"))


def give_back_due_on(unreturned_favors: int, last_favor_received_on: date | None, dismissed_on: date | None) -> date | None:
    """_give_back_due on the facts it reads."""
    if unreturned_favors < GIVE_BACK_AFTER_FAVORS or last_favor_received_on is None:
        return None
    if dismissed_on is not None and dismissed_on >= last_favor_received_on:
        return None
    return _after(last_favor_received_on, GIVE_BACK_AFTER_DAYS)


def give_back_phrase(first_name: str, h: History, today: date) -> str:
    """'Ana has helped you 3 times since March; you have not returned a favor'."""
    since = h.unreturned_since
    month = f"{since:%B}" if since and since.year == today.year else f"{since:%B %Y}" if since else ""
    times = "once" if h.unreturned_favors == 1 else "twice" if h.unreturned_favors == 2 else f"{h.unreturned_favors} times"
    returned = "you have not returned a favor" if h.favors_given == 0 else "you have not returned one since"
    return f"{first_name} has helped you {times} since {month}; {returned}"


def _resting(tie: Tie, today: date) -> bool:
    done = tie.done.get("keep-in-touch")
    return done is not None and (today - done).days < cadence_of(tie)


def _reconnect(tie: Tie, today: date, active_companies: Collection[str], names: _Names) -> DueItem:
    h = tie.history
    if h.connected_on is not None:
        since, event_on = f"{_connected_phrase(h, today)} and not in touch since", h.connected_on
    else:
        # An imported card with no touch: the day it was added is the day of the import, not of anything between
        # you (a phone's card may be years old), so no day is named.
        event_on = tie.created_on or today
        since = "no touch logged yet"
    key = company_key(tie.company)
    novel = f"; none of your active ties are at {tie.company}" if active_companies and key and key not in active_companies else ""
    reason = (
        f"Reconnect with {names.of(tie)} — {since}{novel}; a dormant tie often brings fresh news: share a link"
        " or ask what they are working on"
    )
    score = round(ACTION_WEIGHT["keep-in-touch"] * STRENGTH_WEIGHT[tie.strength], 2)
    return DueItem(tie.id, tie.name, "keep-in-touch", reason, today, score, event_on, "reconnect")


def intro_status(offer: IntroOffer, names: dict[int, str], today: date) -> str:
    """Where an intro I offered stands, in words ("sent today", "declined by Bo on Mon 2 Mar")."""
    a, b = names.get(offer.a_id, "?"), names.get(offer.b_id, "?")

    def when(day: date) -> str:
        ago = format_ago(day, today)
        return ago if ago in ("today", "yesterday") else f"on {format_day(day, today)}"

    if offer.declined_on:
        by = names.get(offer.declined_by_id, "one side") if offer.declined_by_id is not None else "one side"
        return f"declined by {by} {when(offer.declined_on)}"
    if offer.sent_on:
        return f"sent {when(offer.sent_on)}"
    waiting = [n for n, yes in ((a, offer.a_yes_on), (b, offer.b_yes_on)) if yes is None]
    if waiting:
        return "waiting for " + " and ".join(f"{n}'s yes" for n in waiting)
    return "both said yes: ready to send"


def _intro_steps(offer: IntroOffer, today: date, by_id: Mapping[int, Tie], names: _Names) -> list[DueItem]:
    """The next step of one intro I offered: ask each side, send, then check in with both."""
    a, b = by_id.get(offer.a_id), by_id.get(offer.b_id)
    if offer.declined_on or a is None or b is None:
        return []  # a decline ends it quietly
    steps: list[tuple[Tie, Tie, str, str, date, date]] = []  # (whom, the other, occasion, reason, due, event_on)
    about = f" ({offer.why})" if offer.why else ""  # the note is private: a reason goes on to `export ics`
    if offer.sent_on is None:
        ask_due = _after(offer.offered_on, INTRO_ASK_AFTER_DAYS)
        for who, other, yes in ((a, b, offer.a_yes_on), (b, a, offer.b_yes_on)):
            if yes is None:
                reason = (
                    f"Ask {names.of(who)} whether they would like an intro to {other.name}{about} — you offered it"
                    f" on {format_day(offer.offered_on, today)}; ask each side first"
                )
                steps.append((who, other, "intro-ask", reason, ask_due, offer.offered_on))
        if offer.a_yes_on and offer.b_yes_on:
            both = max(offer.a_yes_on, offer.b_yes_on)
            reason = f"Send the intro between {a.name} and {b.name}{about} — both said yes"
            steps.append((a, b, "intro-send", reason, both, both))
    else:
        check_due = _after(offer.sent_on, INTRO_CHECK_IN_DAYS)
        for who, other in ((a, b), (b, a)):
            last = who.history.last_touch_on
            if last is not None and last >= check_due:
                continue  # you have been in touch since
            reason = (
                f"Check in with {names.of(who)} on how it went with {other.name} — you introduced them on"
                f" {format_day(offer.sent_on, today)}"
            )
            steps.append((who, other, "intro-check-in", reason, check_due, offer.sent_on))
    items = []
    for who, other, occasion, reason, due, event_on in steps:
        if (who.snoozed_until and today < who.snoozed_until) or (today - due).days > INTRO_STALE_DAYS:
            continue
        if _open(who, "intro", due, today, event_on):
            items.append(_item(who, "intro", occasion, reason, due, today, event_on, other.id))
    return items
