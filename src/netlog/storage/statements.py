"""Every read netlog runs, as a named SQLAlchemy `select()` over the models: the one place a read's SQL is
written. On PostgreSQL (and inside every write) a Session runs these statements; on a SQLite file the
hot reads run the same statements compiled to SQL text by `python -m netlog.storage.generate` into
storage/compiled.py, through the standard library's sqlite3, so `due`, `list`, `show` and completion
never import SQLAlchemy. tests/test_compiled.py fails when that file is stale.

A statement's parameters are all explicit `bindparam`s (constants are literal SQL), so the compiled
text takes exactly the names the readers pass. Column keys name what each row holds: the rules'
records are built from them by name (netlog.network.ties).
"""

from __future__ import annotations

from typing import Any, Callable, TypeAlias, Unpack

from sqlalchemy import (
    BindParameter, ColumnElement, Select, String, and_, bindparam, case, func, literal_column, null, or_, select, union, union_all,
)
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import ColumnCollection
from sqlmodel import col

from netlog.models import (
    Contact, ContactNote, ContactPoint, ContactSearch, ContactState, DayPick, Dismissal, IntroOffer, NetlogMeta, NetlogMigration,
    RemovedCard, SyncItem, Tag, Touch, table,
)

# A read: a SELECT of any columns. (A model's attribute in an expression goes through sqlmodel's col(), which
# returns it unchanged and tells the type checker it is a column, not the field's Python value.)
Statement: TypeAlias = "Select[Unpack[tuple[Any, ...]]]"
Columns: TypeAlias = "ColumnCollection[str, ColumnElement[Any]]"

CONTACT, CONTACT_STATE, TOUCH, INTRO_OFFER = table(Contact), table(ContactState), table(Touch), table(IntroOffer)
CONTACT_POINT = table(ContactPoint)
C = CONTACT.c
P = CONTACT_POINT.c
S = CONTACT_STATE.c
CONTACT_SEARCH = table(ContactSearch)
F = CONTACT_SEARCH.c
T = TOUCH.c

# What the rules read of a contact (the fields of rules.Tie that are contact columns), then its cached
# History (every contact_state column but the key, in the model's order, which is rules.History's:
# tests/test_ties.py). netlog.network.ties builds each Tie from these columns by name.
TIE_COLUMNS = ("id", "name", "strength", "cadence_days", "created_on", "snoozed_until", "introduced_by_id",
               "introduced_on", "birthday", "strength_set", "company", "moment", "moment_on")  # fmt: skip
HISTORY_COLUMNS = tuple(
    column.name for column in S if column.name not in ("contact_id", "keep_in_touch_from", "pool_from", "strength", "company_key")
)
_CONTACT_WITH_STATE = CONTACT.outerjoin(CONTACT_STATE, S.contact_id == C.id)

STATEMENTS: dict[str, Callable[[], Statement]] = {}
# The writes a read command makes without SQLAlchemy (storage/fast.py and storage/pgfast.py `write`), compiled like
# the reads: today only the list of the day remembering its picks. Every other write goes through a Session.
Insert: TypeAlias = "SqliteInsert | PgInsert"
WRITES: dict[str, Callable[[str], Insert]] = {}


def statement(function: Callable[[], Statement]) -> Callable[[], Statement]:
    """Register a statement under its function's name."""
    STATEMENTS[function.__name__] = function
    return function


def _ties() -> Statement:
    columns = [C[f] for f in TIE_COLUMNS] + [S[f] for f in HISTORY_COLUMNS]
    return select(*columns).select_from(_CONTACT_WITH_STATE)


# schema and settings


@statement
def schema_version() -> Statement:
    return select(func.max(col(NetlogMigration.id)).label("version"))


@statement
def meta_value() -> Statement:
    return select(col(NetlogMeta.value)).where(col(NetlogMeta.key) == bindparam("key"))


# the rules' view of contacts


@statement
def tie_rows() -> Statement:
    """Every contact with its History."""
    return _ties()


@statement
def tie_row() -> Statement:
    """One contact with its History."""
    return _ties().where(C.id == bindparam("id"))


def _intro_matters(contact: Columns, state: Columns) -> ColumnElement[bool]:
    """An introduced contact matters to `due` while the meeting is due (introduced, not met), once they
    were met (the report-back to whoever introduced them), or after a favor from them (the intro's outcome)."""
    return and_(
        contact.introduced_on.is_not(None),
        or_(
            and_(state.met_after_intro_on.is_(None), contact.introduced_on <= bindparam("meet_by")),
            state.met_after_intro_on <= bindparam("report_by"),
            state.last_favor_received_on.between(bindparam("outcome_from"), bindparam("outcome_to")),
        ),
    )


@statement
def due_candidates() -> Statement:
    """The contacts that may have something due: inside the bounds of rules.DueWindow, and everyone an
    intro or an open intro offer ties to them (netlog.network.agenda passes the window's fields as parameters).
    What `due --all` reads: every item held back is listed."""
    return _due_candidates(besides_pool=False)


@statement
def due_candidates_besides_pool() -> Statement:
    """due_candidates but the pool (due_pool: the weak ties whose one item is the daily allowance's, read apart
    as a few columns), what `due` reads: only the allowance's few picks of the pool are listed. One scan of the
    contacts, each tested by its first day in the pool: for a network mostly outside it (storage/reads.py
    chooses by outside_pool_count)."""
    return _due_candidates(besides_pool=True)


@statement
def due_candidates_outside_pool() -> Statement:
    """due_candidates_besides_pool, the same rows, read by id: the ids outside the pool come from the index on
    the first day in it (and the few dismissed or named), so a network mostly in the pool (one person's long
    tail of weak ties) is read at the cost of the rest, not of a scan."""
    return _due_candidates(besides_pool=True, by_id=True)


@statement
def outside_pool_count() -> Statement:
    """How many contacts are outside the pool by their first day in it (an index count), and how many contacts
    there are: which of the two reads above is cheaper."""
    outside = select(func.count()).select_from(CONTACT_STATE).where(S.pool_from > bindparam("keep_in_touch_by"))
    return select(outside.scalar_subquery().label("outside"), select(func.count()).select_from(CONTACT).scalar_subquery().label("contacts"))


def _due_candidates(besides_pool: bool, by_id: bool = False) -> Statement:
    named = _named()
    own = or_(C.birthday.is_not(None), *_cadence_bounds(), *_perishing_bounds())  # what may be due for the contact itself
    read = _ties().where(
        or_(
            S.contact_id.is_(None),
            and_(_awake(), own),  # a snoozed contact has nothing of its own due: read only when another's rule names them
            _intro_matters(C, S),
            *(C.id.in_(ids) for ids in named),
        )
    )
    if not besides_pool:
        return read
    if by_id:  # only those outside the pool (rules.pool_from), or named: indexed reads, not a scan
        return read.where(C.id.in_(union_all(*_outside_pool(), *named)))
    return read.where(
        or_(
            S.pool_from > bindparam("keep_in_touch_by"), S.contact_id.is_(None), C.id.in_(_dismissed()),
            *(C.id.in_(ids) for ids in named),
        )  # fmt: skip
    )


def _named() -> list[Statement]:
    """The contacts another's rule may name, read whole whatever is due for them: the introducers whose intro
    matters to `due`, the others a pending intro thank-you names, and both sides of every open intro offer."""
    introduced = aliased(CONTACT)
    introduced_state = aliased(CONTACT_STATE)
    introducers = (
        select(introduced.c.introduced_by_id)
        .select_from(introduced.outerjoin(introduced_state, introduced_state.c.contact_id == introduced.c.id))
        # (ids are positive: `> 0` is the range the introduced_by_id index answers; SQLite's planner, without
        # statistics, scans every contact for IS NOT NULL)
        .where(introduced.c.introduced_by_id > literal_column("0"), _intro_matters(introduced.c, introduced_state.c))
    )
    open_offers = INTRO_OFFER.c
    named_state = aliased(CONTACT_STATE)
    named_by_intro_thanks = select(named_state.c.thank_other_id).where(
        named_state.c.thank_kind == literal_column("'intro'"),
        named_state.c.thank_on.between(bindparam("thank_from"), bindparam("thank_to")),
    )
    return [
        introducers,
        named_by_intro_thanks,
        select(open_offers.a_id).where(open_offers.declined_on.is_(None)),
        select(open_offers.b_id).where(open_offers.declined_on.is_(None)),
    ]


def _outside_pool() -> list[Statement]:
    """The contacts outside the pool (due_pool) whatever is due for them: those whose first day in it
    (rules.pool_from, stored) is after :keep_in_touch_by (date.max: never, e.g. a strong tie, a birthday, an
    intro), those with a dismissal, and those with no row in the cache (found only when the two tables' counts
    differ, so most mornings without a scan). A snoozed contact is outside it too, but has nothing of its own due."""
    counts_differ = (
        select(func.count()).select_from(CONTACT).scalar_subquery()
        != select(func.count()).select_from(CONTACT_STATE).scalar_subquery()
    )
    return [
        select(S.contact_id).where(S.pool_from > bindparam("keep_in_touch_by")),
        _dismissed(),
        select(C.id).where(counts_differ, C.id.not_in(select(S.contact_id))),
    ]


def _dismissed() -> Statement:
    """The contacts with a dismissal: outside the pool whatever their day (rules.pool_from leaves dismissals out)."""
    return select(col(Dismissal.contact_id))


def _awake() -> ColumnElement[bool]:
    return or_(C.snoozed_until.is_(None), C.snoozed_until <= bindparam("awake_on"))


def _cadence_bounds() -> list[ColumnElement[bool]]:
    """The bounds of what has no deadline: a dormant tie (the reconnect pick), keeping in touch or giving back
    (the day the cache keeps)."""
    return [_dormant(), S.keep_in_touch_from <= bindparam("keep_in_touch_by")]


def _perishing_bounds() -> list[ColumnElement[bool]]:
    """The bounds of rules.DueWindow of what perishes, for the contact itself (a birthday aside)."""
    return [
        S.thank_on.between(bindparam("thank_from"), bindparam("thank_to")),
        S.reply_since.between(bindparam("reply_from"), bindparam("reply_to")),
        and_(S.silence_sends == literal_column("1"), S.silence_since.between(bindparam("nudge_from"), bindparam("nudge_to"))),
        S.first_real_on.between(bindparam("second_touch_from"), bindparam("second_touch_to")),
        and_(S.advice.is_not(None), S.advice_on.between(bindparam("circle_back_from"), bindparam("circle_back_to"))),
        C.moment_on.between(bindparam("congratulate_from"), bindparam("congratulate_to")),
    ]


@statement
def due_pool() -> Statement:
    """The pool of the contacts awake on :awake_on, as the few columns the daily pick needs, by id (rules.PoolTie):
    those whose first day in it (rules.pool_from, stored) has come, with no dismissal. Each condition of
    rules.pool_from only keeps a contact out: the pool holds no one with any other item. Whoever an intro or an
    offer names is read whole too (agenda drops them from the pool). `due` counts the pool instead (pool_tiers);
    this read lists it, for `due`'s tests to hold the count to."""
    return (
        select(S.contact_id, S.strength, S.company_key)
        .select_from(CONTACT_STATE.join(CONTACT, C.id == S.contact_id))
        .where(S.pool_from <= bindparam("keep_in_touch_by"), _awake(), C.id.not_in(_dismissed()))
        .order_by(S.contact_id)
    )


@statement
def pool_tiers() -> Statement:
    """How many contacts of each strength and folded company have come into the pool by :keep_in_touch_by (their
    first day in it, rules.pool_from, stored): the daily pick's tiers counted from one index (issue 25), those set
    aside included (pool_aside says who they are)."""
    return (
        select(S.strength, S.company_key, func.count().label("count"))
        .where(S.pool_from <= bindparam("keep_in_touch_by"))
        .group_by(S.strength, S.company_key)
        .order_by(S.strength, S.company_key)
    )


@statement
def pool_tier_ids() -> Statement:
    """The ids of one tier of the pool counted by pool_tiers (:strength, and the company class of rules._tier:
    :company_class 0 a company none of the active ties works at, 1 none, 2 one of theirs), in id order, :limit of
    them from :offset: the few the daily pick takes, read from the same index."""
    active = aliased(CONTACT_STATE)
    active_keys = select(active.c.company_key).where(
        active.c.last_exchange_on >= bindparam("active_from"), active.c.company_key != literal_column("''")
    )
    company_class = case(
        (S.company_key == literal_column("''"), literal_column("1")),
        (S.company_key.in_(active_keys), literal_column("2")),
        else_=literal_column("0"),
    )
    return (
        select(S.contact_id)
        .where(
            S.pool_from <= bindparam("keep_in_touch_by"), S.strength == bindparam("strength"),
            company_class == bindparam("company_class"),
        )  # fmt: skip
        .order_by(S.contact_id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


@statement
def pool_aside() -> Statement:
    """The contacts counted in the pool (pool_tiers) that the daily pick must look at one by one: snoozed past
    :awake_on, dismissed, picked since :rest_from, or named by another's rule (read whole): each with its tier's
    facts and snooze. Every subquery is an indexed read."""
    picked = select(col(DayPick.contact_id)).where(col(DayPick.picked_on) >= bindparam("rest_from"))
    snoozed = select(C.id).where(C.snoozed_until > bindparam("awake_on"))
    ids = union_all(snoozed, _dismissed(), picked, *_named())
    return (
        select(S.contact_id, S.strength, S.company_key, C.snoozed_until)
        .select_from(CONTACT_STATE.join(CONTACT, C.id == S.contact_id))
        .where(S.pool_from <= bindparam("keep_in_touch_by"), S.contact_id.in_(ids))
        .order_by(S.contact_id)
    )


def _dormant() -> ColumnElement[bool]:
    """rules.is_dormant in SQL: an imported tie never in touch (no real touch), strength, cadence and intro unset."""
    return and_(
        C.strength_set.is_(False),
        C.introduced_on.is_(None),
        C.cadence_days.is_(None),
        S.first_real_on.is_(None),
    )


@statement
def dormant_ties() -> Statement:
    """Every dormant tie (the daily reconnect pick is made among all of them)."""
    return _ties().where(_dormant())


@statement
def shared_first_keys() -> Statement:
    """The folded first words two or more contacts share."""
    return select(C.first_key).where(C.first_key.is_not(None)).group_by(C.first_key).having(func.count() > literal_column("1"))


@statement
def first_key_count() -> Statement:
    """How many contacts have the folded first word :key."""
    return select(func.count().label("n")).select_from(CONTACT).where(C.first_key == bindparam("key"))


@statement
def active_companies() -> Statement:
    """The companies (folded: rules.company_key) of ties with a real exchange since :active_from
    (rules.is_active), for the pick's non-redundancy: reconnecting beyond the circles you already have. Read
    from the index on (last_exchange_on, company_key) alone."""
    return select(S.company_key).distinct().where(
        S.last_exchange_on >= bindparam("active_from"), S.company_key != literal_column("''")
    )


@statement
def dismissals() -> Statement:
    return select(col(Dismissal.contact_id), col(Dismissal.action), col(Dismissal.done_on))


@statement
def dismissals_of() -> Statement:
    return dismissals().where(col(Dismissal.contact_id) == bindparam("id"))


# the daily allowance's picks


@statement
def day_picks() -> Statement:
    """Each contact picked on or after :since, with the latest day they were picked."""
    latest = func.max(col(DayPick.picked_on))
    return (
        select(col(DayPick.contact_id), latest.label("picked_on"))
        .where(col(DayPick.picked_on) >= bindparam("since"))
        .group_by(col(DayPick.contact_id))
    )


@statement
def personal_ties() -> Statement:
    """The contacts who are no professional tie: an organisation's card (kind "org"), a card that names a family
    relation (vCard RELATED), a folded name ending in the user's family name (:family_like, a LIKE pattern; ''
    matches nobody) or tagged :family_tag; with the first day each is in the pool and its tier's facts (the daily
    pick sets them aside)."""
    family_like: BindParameter[str] = bindparam("family_like")
    personal = union_all(
        select(C.id).where(C.kind == literal_column("'org'")),
        select(C.id).where(C.family.is_not(None)),
        # (a constant test first: with no family name, SQLite skips the scan of the name index)
        select(C.id).where(family_like != literal_column("''"), C.name_key.like(family_like, escape="\\")),
        select(col(Tag.contact_id)).where(col(Tag.name) == bindparam("family_tag")),
    )
    # One indexed read each (kind, family and tag; the folded names' index scanned for a family name), not a scan
    # of every contact: `due` reads this every morning.
    return select(C.id, S.pool_from, S.strength, S.company_key).select_from(_CONTACT_WITH_STATE).where(C.id.in_(personal))


def write(function: Callable[[str], Insert]) -> Callable[[str], Insert]:
    """Register a write under its function's name; it is built for a dialect ("sqlite" or "postgresql"), since
    what an insert does on a conflict is each dialect's own construct."""
    WRITES[function.__name__] = function
    return function


@write
def add_day_pick(dialect: str) -> Insert:
    """Remember that :contact_id was picked on :picked_on (nothing when it is already remembered)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        target: Insert = postgresql_insert(table(DayPick))
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        target = sqlite_insert(table(DayPick))
    return target.values(picked_on=bindparam("picked_on"), contact_id=bindparam("contact_id")).on_conflict_do_nothing()


@statement
def intro_offers() -> Statement:
    """Every intro offer, oldest first."""
    return select(*INTRO_OFFER.c).order_by(col(IntroOffer.offered_on), col(IntroOffer.id))


@statement
def intro_offers_of() -> Statement:
    """The intro offers one contact is part of, oldest first."""
    return intro_offers().where(or_(col(IntroOffer.a_id) == bindparam("id"), col(IntroOffer.b_id) == bindparam("id")))


@statement
def touched_by() -> Statement:
    """What one user logged: (touch id, contact, the contact an intro named)."""
    return select(col(Touch.id), col(Touch.contact_id), col(Touch.other_id)).where(col(Touch.logged_by) == bindparam("user"))


# `list` and `show`


# What `list` shows of each contact, and what rules.keep_in_touch_due reads to say when it is next due.
OVERVIEW_HISTORY = ("last_touch_on", "last_touch_kind", "touch_count", "last_exchange_on", "unreturned_favors",
                    "last_favor_received_on")  # fmt: skip


@statement
def overview() -> Statement:
    """Every contact for `list`, by folded name (only the columns it needs: at 10,000 contacts reading all
    of a tie row's 26 took twice as long)."""
    columns = [C[f] for f in ("id", "name", "strength", "cadence_days", "created_on", "snoozed_until")]
    columns += [S[f] for f in OVERVIEW_HISTORY] + [C.company, C.title, C.email]
    return select(*columns).select_from(_CONTACT_WITH_STATE).order_by(C.name_key, C.id)  # the name_key index gives this order


@statement
def overview_tagged() -> Statement:
    return overview().where(C.id.in_(select(col(Tag.contact_id)).where(col(Tag.name) == bindparam("tag"))))


@statement
def all_tags() -> Statement:
    return select(col(Tag.contact_id), col(Tag.name)).order_by(col(Tag.contact_id), col(Tag.name))


@statement
def contact() -> Statement:
    """One contact's row, every column."""
    return select(*C).where(C.id == bindparam("id"))


@statement
def points_of() -> Statement:
    """One contact's emails, phones and URLs, by kind, the preferred one first."""
    return select(P.kind, P.value, P.label).where(P.contact_id == bindparam("id")).order_by(P.kind, P.position, P.id)


@statement
def all_points() -> Statement:
    """Every contact's emails, phones and URLs, by contact and kind, the preferred one first."""
    return select(P.contact_id, P.kind, P.value, P.label, P.normal).order_by(P.contact_id, P.kind, P.position, P.id)


@statement
def touches_of() -> Statement:
    """One contact's touches, newest first, with the name of the contact an intro named."""
    other = aliased(CONTACT)
    return (
        select(*T, other.c.name.label("other_name"))
        .select_from(TOUCH.outerjoin(other, other.c.id == T.other_id))
        .where(T.contact_id == bindparam("id"))
        .order_by(T.happened_on.desc(), T.id.desc())
    )


@statement
def tags_of() -> Statement:
    return select(col(Tag.name)).where(col(Tag.contact_id) == bindparam("id")).order_by(col(Tag.name))


@statement
def team_of() -> Statement:
    """Who logged touches with one contact: logged_by, last touch, touches; most recent first."""
    last = func.max(T.happened_on)
    return (
        select(T.logged_by, last.label("last_touch"), func.count().label("touches"))
        .where(T.contact_id == bindparam("id"), T.logged_by.is_not(None))
        .group_by(T.logged_by)
        .order_by(last.desc(), T.logged_by)
    )


@statement
def introduced_by() -> Statement:
    """The people one contact introduced to me."""
    return (
        select(C.id, C.name, C.introduced_on)
        .where(C.introduced_by_id == bindparam("id"))
        .order_by(C.introduced_on, C.id)
    )


@statement
def touch_counts_by_day() -> Statement:
    """day -> touches that day, from :since on."""
    return select(T.happened_on, func.count().label("n")).where(T.happened_on >= bindparam("since")).group_by(T.happened_on)


@statement
def touch_counts_by_day_of() -> Statement:
    return touch_counts_by_day().where(T.contact_id == bindparam("id"))


# names


@statement
def contact_names() -> Statement:
    return select(C.id, C.name).order_by(C.id)


@statement
def ids_named() -> Statement:
    return select(C.id).where(C.name == bindparam("name")).order_by(C.id)


@statement
def ids_folded() -> Statement:
    return select(C.id).where(C.name_key == bindparam("key")).order_by(C.id)


@statement
def ids_sharing_a_name() -> Statement:
    """Contacts whose folded name another contact has too (the names a name cannot resolve: lists show their
    number, "#12"); the name_key index answers it."""
    shared = select(C.name_key).group_by(C.name_key).having(func.count() > literal_column("1"))
    return select(C.id).where(C.name_key.in_(shared))


@statement
def names_with_word_starting() -> Statement:
    """Contacts with a word of their folded name starting with :prefix (LIKE patterns, escaped by '\\')."""
    escape = "\\"
    return (
        select(C.id, C.name)
        .where(or_(C.name_key.like(bindparam("prefix"), escape=escape), C.name_key.like(bindparam("later"), escape=escape)))
        .order_by(C.id)
    )


@statement
def names_starting() -> Statement:
    """Names whose folded key (name_key) matches a LIKE :pattern, in the order of that key (its index walked in
    order, the names read only for the rows that match); completion narrows further."""
    return select(C.name).where(C.name_key.like(bindparam("pattern"), escape="\\")).order_by(C.name_key, C.id)


@statement
def tag_names() -> Statement:
    return select(col(Tag.name)).distinct().order_by(col(Tag.name))


# `find` (issue 26): the engine's full-text index narrows, the rest is plain SQL (storage/search.py)


# Each candidate: its strength and last touch (the rules' warmth) and its folded fields but the touches'
# words, by which the match is weighed (rules/finding.py); `said` is what matched when none of these did.
FOUND_FIELDS = ("name", "company", "title", "met", "topics", "tags", "note")


def _found() -> Statement:
    return select(F.contact_id, C.strength, S.last_touch_on, *(F[f] for f in FOUND_FIELDS)).select_from(
        CONTACT_SEARCH.join(CONTACT, C.id == F.contact_id).outerjoin(CONTACT_STATE, S.contact_id == F.contact_id)
    )


def _matching(found: Statement) -> Statement:
    from netlog.storage.matches import Matches

    return found.where(Matches(F.contact_id, bindparam("match")))


def _tagged(found: Statement) -> Statement:
    return found.where(F.contact_id.in_(select(col(Tag.contact_id)).where(col(Tag.name) == bindparam("tag"))))


@statement
def search_all() -> Statement:
    """Every contact as a candidate (`find --strength S` alone)."""
    return _found()


@statement
def search_matching() -> Statement:
    """The contacts whose document matches the engine's query :match (search.query)."""
    return _matching(_found())


@statement
def search_tagged() -> Statement:
    return _tagged(_found())


@statement
def search_matching_tagged() -> Statement:
    return _tagged(_matching(_found()))


@statement
def intro_links() -> Statement:
    """Every introduced contact and who introduced them, each with strength and last touch (the warmth `find
    --at` ranks paths by): the intro graph it walks, in one read."""
    introducer = aliased(CONTACT)
    introducer_state = aliased(CONTACT_STATE)
    return select(
        C.id, C.strength, S.last_touch_on, C.introduced_by_id, introducer.c.strength.label("introducer_strength"),
        introducer_state.c.last_touch_on.label("introducer_last_touch_on"),
    ).select_from(
        CONTACT.join(introducer, introducer.c.id == C.introduced_by_id)
        .outerjoin(CONTACT_STATE, S.contact_id == C.id)
        .outerjoin(introducer_state, introducer_state.c.contact_id == introducer.c.id)
    )


@statement
def companies() -> Statement:
    """Every company named, for completion after `--at`."""
    return select(C.company).where(C.company.is_not(None)).distinct().order_by(C.company)


@statement
def places() -> Statement:
    """Every place a touch happened, for completion after `--met-at`."""
    return select(T.place).where(T.place.is_not(None)).distinct().order_by(T.place)


# whole tables, for exports, imports, merges and dupes


@statement
def contact_rows() -> Statement:
    return select(*C).order_by(C.id)


@statement
def contact_rows_after() -> Statement:
    """The next `limit` contacts after the id `after`, every column, by id: a large read in pages (exports)."""
    return select(*C).where(C.id > bindparam("after")).order_by(C.id).limit(bindparam("limit")).offset(literal_column("0"))


@statement
def contact_extras() -> Statement:
    """What the CSV export shows of each contact beyond `list`'s overview, by id."""
    return select(C.id, C.phone, C.url, C.birthday, C.note).order_by(C.id)


@statement
def tags_between() -> Statement:
    """The tags of the contacts with ids from `low` to `high`, by contact and name."""
    between = col(Tag.contact_id).between(bindparam("low"), bindparam("high"))
    return select(col(Tag.contact_id), col(Tag.name)).where(between).order_by(col(Tag.contact_id), col(Tag.name))


@statement
def touch_rows_between() -> Statement:
    """The touches of the contacts with ids from `low` to `high`, grouped by contact and in order."""
    return select(*T).where(T.contact_id.between(bindparam("low"), bindparam("high"))).order_by(T.contact_id, T.happened_on, T.id)


@statement
def touch_rows() -> Statement:
    """Every touch, grouped by contact and in order."""
    return select(*T).order_by(T.contact_id, T.happened_on, T.id)


@statement
def touch_rows_of() -> Statement:
    """One contact's touches, oldest first."""
    return select(*T).where(T.contact_id == bindparam("id")).order_by(T.happened_on, T.id)


@statement
def mentions_of() -> Statement:
    """Touches of other contacts that name this one (intros to them)."""
    return select(*T).where(T.other_id == bindparam("id")).order_by(T.id)


@statement
def touch_sources() -> Statement:
    """(contact, source id) of every touch imported from one :source: what importing it again must not add."""
    return select(T.contact_id, T.source_id).where(T.source == bindparam("source"))


@statement
def touch_sources_of() -> Statement:
    """touch_sources of one contact."""
    return touch_sources().where(T.contact_id == bindparam("id"))


@statement
def mail_threads() -> Statement:
    """(contact, source id, thread, subject) of every touch from one :source with a thread (mail): where a
    later reply's thread is found when its own import does not hold the message it answers (issue 23)."""
    return select(T.contact_id, T.source_id, T.thread, T.note).where(T.source == bindparam("source"), T.thread.is_not(None))


@statement
def unthreaded() -> Statement:
    """(id, contact, source id) of the touches from one :source without a thread (mail imported before
    migration 16): importing the same mail again gives them theirs."""
    return select(T.id, T.contact_id, T.source_id).where(T.source == bindparam("source"), T.thread.is_(None))


@statement
def touch_days() -> Statement:
    """Every touch not imported from mail, a calendar or a chat (logged by hand): what a captured exchange of
    the same event joins instead of doubling (issue 23)."""
    return select(T.id, T.contact_id, T.happened_on, T.kind, T.direction, T.note, T.about).where(T.source.is_(None))


@statement
def touch_days_of() -> Statement:
    """touch_days of one contact."""
    return touch_days().where(T.contact_id == bindparam("id"))


@statement
def chat_days() -> Statement:
    """(contact, day, direction, source) of every message captured from a source: a chat's day is one touch a
    direction, whatever the chat (issue 23)."""
    return select(T.contact_id, T.happened_on, T.direction, T.source).where(T.source.is_not(None), T.kind == literal_column("'message'"))


@statement
def touch_keys() -> Statement:
    """What tells touches apart on re-import."""
    return select(T.contact_id, T.kind, T.happened_on, T.direction, T.note)


@statement
def touch_keys_of() -> Statement:
    """touch_keys of one contact."""
    return touch_keys().where(T.contact_id == bindparam("id"))


# aggregates for `stats` (plain GROUP BY, no date functions: months are bucketed in Python)


@statement
def contact_count() -> Statement:
    return select(func.count().label("contacts")).select_from(CONTACT)


@statement
def strength_counts() -> Statement:
    return select(C.strength, func.count().label("n")).group_by(C.strength)


@statement
def kind_counts() -> Statement:
    return select(T.kind, T.direction, func.count().label("n")).group_by(T.kind, T.direction)


@statement
def introduced_count() -> Statement:
    """Contacts that came through an introduction: (how many, how many of them I have met since)."""
    met = func.count(S.met_after_intro_on)
    return select(func.count().label("n"), met.label("met")).select_from(_CONTACT_WITH_STATE).where(C.introduced_by_id.is_not(None))


@statement
def introducer_counts() -> Statement:
    introducer = aliased(CONTACT)
    return (
        select(introducer.c.name, func.count().label("n"))
        .select_from(CONTACT.join(introducer, introducer.c.id == C.introduced_by_id))
        .group_by(introducer.c.id, introducer.c.name)
        .order_by(func.count().desc(), introducer.c.name)
    )


# sync (issue 22)

SYNC_ITEM = table(SyncItem)


@statement
def sync_items() -> Statement:
    """What `netlog sync` last saw of each item of one folder (but what each side said: sync_item_views)."""
    brief = (c for c in SYNC_ITEM.c if c.name not in ("item_view", "netlog_view"))
    return select(*brief).where(SYNC_ITEM.c.folder == bindparam("folder")).order_by(SYNC_ITEM.c.uid)


REMOVED_CARD = table(RemovedCard)


@statement
def removed_cards() -> Statement:
    """The UIDs of cards no sync or import brings in, with the name of the contact removed (NULL when unknown):
    those of contacts removed with `netlog rm` (removed_card, in every address book and file), and the cards a
    sync keeps as removed or merged into another contact (`netlog merge`, until the next sync deletes the card)."""
    kept = select(SYNC_ITEM.c.uid, null().cast(String).label("name")).where(
        SYNC_ITEM.c.state.in_([literal_column("'removed'"), literal_column("'merged'")])
    )
    both = union(select(REMOVED_CARD.c.uid, REMOVED_CARD.c.name), kept).subquery()
    return select(both.c.uid, both.c.name)


@statement
def removed_named() -> Statement:
    """The removed cards of contacts of one folded name (`add` of that name brings them back)."""
    return select(REMOVED_CARD.c.uid).where(REMOVED_CARD.c.name_key == bindparam("key")).order_by(REMOVED_CARD.c.uid)


@statement
def sync_items_of() -> Statement:
    """The items of one contact that a sync keeps, in every folder."""
    return select(*SYNC_ITEM.c).where(SYNC_ITEM.c.contact_id == bindparam("id")).order_by(SYNC_ITEM.c.folder, SYNC_ITEM.c.uid)


@statement
def cards_elsewhere() -> Statement:
    """The contacts whose card is in another address book a sync keeps (synced there, or deleted there and no
    longer synced), each with one such folder: `sync contacts` sends them to no second address book. A calendar
    folder's items (.ics) are not cards."""
    folder = func.min(SYNC_ITEM.c.folder).label("folder")
    return (
        select(SYNC_ITEM.c.contact_id, folder)
        .where(
            SYNC_ITEM.c.folder != bindparam("folder"),
            SYNC_ITEM.c.contact_id.is_not(None),
            SYNC_ITEM.c.state.in_([literal_column("'synced'"), literal_column("'deleted'")]),
            func.lower(SYNC_ITEM.c.file).like(literal_column("'%.vcf'")),
        )
        .group_by(SYNC_ITEM.c.contact_id)
        .order_by(SYNC_ITEM.c.contact_id)
    )


@statement
def sync_contacts() -> Statement:
    """What `sync contacts` compares of every contact (and writes on a new card), by id."""
    return select(
        C.id, C.uid, C.name, C.n, C.nickname, C.kind, C.email, C.phone, C.url, C.company, C.title, C.note, C.birthday, C.address
    ).order_by(C.id)


@statement
def sync_item_views() -> Statement:
    """What each side said at the last sync, for each item of one folder (read when something changed)."""
    return select(SYNC_ITEM.c.uid, SYNC_ITEM.c.item_view, SYNC_ITEM.c.netlog_view).where(SYNC_ITEM.c.folder == bindparam("folder"))


@statement
def contact_notes() -> Statement:
    """One contact's note history, oldest first."""
    N = table(ContactNote).c
    return select(N.noted_on, N.text).where(N.contact_id == bindparam("id")).order_by(N.noted_on, N.id)
