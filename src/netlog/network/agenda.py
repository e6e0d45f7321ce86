"""What is due: read the contacts that may have something due and rank them with the rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, overload

from netlog.errors import DatabaseError
from netlog.network.ties import intro_from_row, tie_of, ties_from_rows
from netlog.people.me import recorded
from netlog.rules import allowance
from netlog.rules import due as rules
from netlog.storage import reads

if TYPE_CHECKING:
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store


def due_items(
    reader: Reader,
    today: date,
    mine: str | None = None,
    reconnect_per_day: int = rules.RECONNECT_PER_DAY,
    keep_held: bool = False,
) -> list[rules.DueItem]:
    """Everything due on `today`, ranked, one item per person; with `mine` (a user name), only what that user
    owes; with `keep_held`, the cadence items the daily allowance held back too (marked `held`).

    Only the contacts inside rules.due_window(today) are read, so the cost follows what is due rather
    than the size of the network. The daily allowance's picks already remembered (day_pick) are handed to
    the rules: today's stay put, and those of the last month rest. What a user owes: a thank-you for a touch
    that user logged, and every other action (keep in touch, nudge, meet, report back) for a contact that
    user has logged at least one touch with, or was introduced to in an intro that user logged.
    """
    items, _, _, _ = _day(reader, today, mine, reconnect_per_day, keep_held)
    return items


def listed(
    store: Store,
    today: date,
    day: date,
    mine: str | None = None,
    reconnect_per_day: int = rules.RECONNECT_PER_DAY,
    keep_held: bool = False,
) -> list[rules.DueItem]:
    """due_items for a list the user is shown (`due`, `review`, `digest`): the list of `today` (not of a later
    `day`) remembers its picks, so acting on one never redraws the others."""
    items, _, picks, _ = _day(store.reader, day, mine, reconnect_per_day, keep_held)
    _remember(store, today, day, picks)
    return items


def listed_top(
    store: Store,
    today: date,
    day: date,
    top: int,
    mine: str | None = None,
    reconnect_per_day: int = rules.RECONNECT_PER_DAY,
    keep_held: bool = False,
) -> tuple[list[rules.DueItem], int]:
    """listed(...)[:top] and len(listed(...)), with the same picks remembered, ranking only the `top` shown
    (rules.rank_top: a terminal shows one screenful, so the rest of the list is counted, not ranked)."""
    items, count, picks, _ = _day(store.reader, day, mine, reconnect_per_day, keep_held, top)
    _remember(store, today, day, picks)
    return items, count


def listed_lazily(
    store: Store, today: date, day: date, top: int, reconnect_per_day: int = rules.RECONNECT_PER_DAY
) -> Sequence[rules.DueItem]:
    """listed(...), as a sequence whose first `top` items are ranked now (rules.rank_top) and the rest only when
    asked for (rules.rank_due on the same ties, read once: the same list whatever is written meanwhile). `review`
    shows its first item as soon as it is ranked (issue 25); most mornings end before the rest is reached."""
    items, count, picks, whole = _day(store.reader, day, None, reconnect_per_day, False, top, later=True)
    _remember(store, today, day, picks)
    return DayList(items, count, whole)


class DayList(Sequence["rules.DueItem"]):
    """A day's list: its head ranked, its length counted, the whole list ranked on first need (listed_lazily)."""

    def __init__(self, head: list[rules.DueItem], count: int, whole: Callable[[], list[rules.DueItem]]) -> None:
        self._head, self._count, self._whole = head, count, whole
        self._all: list[rules.DueItem] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> rules.DueItem: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[rules.DueItem]: ...
    def __getitem__(self, index: int | slice) -> rules.DueItem | Sequence[rules.DueItem]:
        if isinstance(index, int) and 0 <= index < len(self._head):
            return self._head[index]
        return self._everything()[index]

    def __iter__(self) -> Iterator[rules.DueItem]:
        yield from self._head
        if self._count > len(self._head):
            yield from self._everything()[len(self._head) :]

    def _everything(self) -> list[rules.DueItem]:
        if self._all is None:
            self._all = self._whole()
        return self._all


def _remember(store: Store, today: date, day: date, picks: list[int]) -> None:
    if day == today and picks:  # only picks not remembered yet: showing the list again writes nothing
        try:
            store.add_day_picks([{"picked_on": day, "contact_id": contact_id} for contact_id in picks])
        except DatabaseError:
            pass  # read-only media, a full disk: the list is right now, only not remembered for later today


# Above this many names shown, one read of every name two contacts share beats one indexed read per name: an
# indexed read costs about 8.5 us, the one read about 1.9 ms per 10,000 contacts (both measured on bench/generate.py's
# networks), so 256 names cost about as much either way at 10k and a tenth as much read by name at 100k. On
# PostgreSQL the reads by name go as one pipeline (about 0.04 ms each, a local server): the same choice holds.
NAMED_ALIKE_READS = 256


def named_alike(reader: Reader, items: Sequence[rules.DueItem]) -> set[int]:
    """The contacts of these items whose name (folded) another contact has too: a list shows their number,
    the one way to name them to `done`, `draft` or `show`. A screenful: one indexed read per name shown; a long
    list (piped, `--all`): one read of every contact whose name another has (storage keeps each name folded,
    so both say the same). Issue 25: one read and one pass over the whole list per item took 99 s at 100k."""
    ids_by_name: dict[str, set[int]] = {}
    for item in items:
        ids_by_name.setdefault(item.contact, set()).add(item.contact_id)
    if len(ids_by_name) > NAMED_ALIKE_READS:
        shared = reads.ids_sharing_a_name(reader)
        return {item.contact_id for item in items if item.contact_id in shared}
    found: set[int] = set()
    for ids, alike in zip(ids_by_name.values(), reads.ids_folded_each(reader, list(ids_by_name))):
        if len(alike) > 1:
            found |= ids & set(alike)
    return found


def _day(
    reader: Reader,
    today: date,
    mine: str | None,
    reconnect_per_day: int,
    keep_held: bool,
    top: int | None = None,
    later: bool = False,
) -> tuple[list[rules.DueItem], int, list[int], Callable[[], list[rules.DueItem]]]:
    """The day's items (with `top`, only its first `top`), how many the whole list holds, the contacts the
    allowance picked among them (before `mine` narrows the list) that are not remembered as picked that day yet,
    and (with `later`, no `mine`) how to rank the whole list from the same ties."""
    window = rules.due_window(today)
    with reader.snapshot():
        # `--all` lists every item held back: all read whole. Otherwise the pool, the long tail of weak ties the
        # daily allowance draws three of, is read apart as a few columns each.
        rows = reads.due_candidates(reader, window._asdict(), besides_pool=not keep_held)
        rest_from = today - timedelta(days=allowance.PICK_REST_DAYS)
        # The pool (the weak ties whose one item is the allowance's): counted by tier, its few set aside read
        # apart; `--all` lists every item held back, so reads everyone whole.
        tiers = [] if keep_held else reads.pool_tiers(reader, window._asdict())
        aside_rows = [] if keep_held else reads.pool_aside(reader, window._asdict(), rest_from)
        dismissals = reads.dismissal_rows(reader)
        intros = reads.intro_rows(reader)
        network = _network_facts(reader, window)
        picked_on = reads.day_picks(reader, rest_from)
        me = recorded(reader)
        personal_rows = reads.personal_rows(reader, me.family_key, me.family_tag)
        if mine is not None:
            my_contacts, my_touches = reads.touched_by(reader, mine)
    ties = ties_from_rows(rows, dismissals)
    del rows  # 50,000 tuples at 100k contacts: freed before ranking, so they never share the peak with the items
    by_id = {tie.id: tie for tie in ties}
    personal = {row[0] for row in personal_rows}
    tail, pool = _pool_tail(reader, window, tiers, aside_rows, personal_rows, dismissals, picked_on, by_id)

    def whole_ties(ids: Sequence[int]) -> list[rules.Tie]:
        """The whole Ties of the pool's few picked (read after the snapshot: a pick is made of today's facts,
        and a tie written meanwhile is read as it is now), each read once: `review` ranks the rest of its list
        (`whole`) after acting on the first screen, and must rank the tie it ranked there, not one it just wrote
        to (a pick dropped from the rest shifts it: the walk skipped the next item)."""
        # (due_pool reads no one with a dismissal; one removed since is left out)
        unread = sorted(cid for cid in ids if cid not in by_id)  # (no pool tie is in `ties`: by_id holds those read)
        found = ties_from_rows([row for cid in unread for row in reads.tie_rows(reader, cid)], dismissals)
        by_id.update((tie.id, tie) for tie in found)
        return [by_id[cid] for cid in sorted(ids) if cid in by_id]

    def owed(item: rules.DueItem) -> bool:
        if item.action == "thank":
            return by_id[item.contact_id].history.thank_touch_id in my_touches
        return item.contact_id in my_contacts

    options: dict[str, Any] = dict(
        reconnect_per_day=reconnect_per_day, keep_held=keep_held, picked_on=picked_on, personal=personal,
        days_off=me.days_off, pool=pool, whole_ties=whole_ties, pool_tail=tail, **network,
    )  # fmt: skip
    offers = [intro_from_row(r) for r in intros]
    whole: Callable[[], list[rules.DueItem]] = list
    if later and mine is None:  # the ties stay alive for it: freed with the list that holds it
        whole = lambda: rules.rank_due(today, ties, offers, **options)  # noqa: E731
    if top is not None:
        items, count, picked = rules.rank_top(today, ties, offers, top=top, keep=None if mine is None else owed, **options)
        return items, count, [c for c in picked if picked_on.get(c) != today], whole
    items = rules.rank_due(today, ties, offers, **options)
    picks = [c for c in rules.day_picks(items, by_id) if picked_on.get(c) != today]  # their latest pick: stored
    if mine is not None:
        items = [item for item in items if owed(item)]
    return items, len(items), picks, whole


def _pool_tail(
    reader: Reader,
    window: rules.DueWindow,
    tiers: list[tuple[int, str, int]],
    aside_rows: list[tuple[int, int, str, date | None]],
    personal_rows: list[tuple[int, date | None, int | None, str | None]],
    dismissals: list[dict[str, Any]],
    picked_on: dict[int, date],
    by_id: dict[int, rules.Tie],
) -> tuple[rules.PoolTail | None, list[rules.PoolTie]]:
    """The pool as rank_due takes it (issue 25): counted by tier (rules.PoolTail), with the ties counted there
    that are no fresh candidate set aside (snoozed, dismissed, no professional tie, picked lately, read whole as
    named by another's rule), and the pool's ties picked lately, awake and free, as PoolTies looked at one by one.
    Each slice of a tier is read once (memoised): `review` ranks the rest of its list later from the same pool,
    and must draw the same picks whatever was written meanwhile."""
    if not tiers:
        return None, []
    awake_on, pool_by = window.awake_on, window.keep_in_touch_by
    dismissed = {row["contact_id"] for row in dismissals}
    aside = {cid: (strength, key) for cid, strength, key, _ in aside_rows}
    aside |= {cid: (s, k or "") for cid, on, s, k in personal_rows if on is not None and s is not None and on <= pool_by}
    pool = [
        (cid, strength, key) for cid, strength, key, snoozed in aside_rows
        if cid in picked_on and cid not in dismissed and cid not in by_id and (snoozed is None or snoozed <= awake_on)
    ]  # fmt: skip
    read: dict[tuple[int, int, int, int], Sequence[int]] = {}

    def ids(strength: int, company_class: int, offset: int, limit: int) -> Sequence[int]:
        at = (strength, company_class, offset, limit)
        if at not in read:
            read[at] = reads.pool_tier_ids(reader, window._asdict(), strength, company_class, offset, limit)
        return read[at]

    return rules.PoolTail(tiers, aside, ids), pool


def _network_facts(reader: Reader, window: rules.DueWindow) -> dict[str, Any]:
    """What rank_due must know of the whole network, not only of the ties it ranks: the companies of active
    ties (a reconnect beyond them is worth more) and the first names two contacts share (reasons then use
    full names)."""
    companies = set(reads.active_companies(reader, window.active_from))  # folded as rules.company_key folds
    return {"active_companies": companies, "first_names_shared": reads.shared_first_keys(reader)}


def due_for(
    reader: Reader, today: date, contact_id: int, reconnect_per_day: int = rules.RECONNECT_PER_DAY
) -> tuple[list[rules.DueItem], list[rules.Tie], list[rules.IntroOffer]]:
    """What is due for one contact on `today` (their item of `due --all`, with what it folds in), with the ties
    and intro offers it was ranked from: the contact and everyone a rule looks up for it (the people it
    introduced, its introducer, the other side of each intro offer). A cadence item depends on the day's pick
    among everyone's: for one, the whole day is ranked, to say whether the allowance holds it back."""
    with reader.snapshot():
        row = reads.contact(reader, contact_id)
        related = {contact_id, *(r["id"] for r in reads.introduced_by(reader, contact_id))}
        if row is not None and row["introduced_by_id"]:
            related.add(row["introduced_by_id"])
        offers = [intro_from_row(r) for r in reads.intro_rows(reader, contact_id)]
        related.update(o.a_id for o in offers)
        related.update(o.b_id for o in offers)
        ties = [tie_of(reader, cid) for cid in sorted(related)]
        # The network-wide facts, for only these few ties: which of their first names others share.
        keys = {rules.first_name_key(t.name) for t in ties}
        network: dict[str, Any] = {
            "first_names_shared": {k for k in keys if k and reads.first_key_shared(reader, k)}, "active_companies": set(),
            "days_off": recorded(reader).days_off,
        }  # fmt: skip
    ranked = rules.rank_due(today, ties, offers, reconnect_per_day=reconnect_per_day, keep_held=True, **network)
    mine = [item for item in ranked if item.contact_id == contact_id]
    me = next(t for t in ties if t.id == contact_id)
    if any(rules.is_cadence(item) and me.strength < rules.ALWAYS_LISTED_FROM for item in mine):
        everything = due_items(reader, today, reconnect_per_day=reconnect_per_day, keep_held=True)
        mine = [item for item in everything if item.contact_id == contact_id]
    return mine, ties, offers
