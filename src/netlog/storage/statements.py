"""Every read netlog runs, as a named SQLModel `select()` over the models: the one place a read's SQL is
written. On PostgreSQL (and inside every write) a Session runs these statements; on a SQLite file the
hot reads run the same statements compiled to SQL text by `python -m netlog.storage.generate` into
storage/compiled.py, through the standard library's sqlite3, so `due`, `list`, `show` and completion
never import SQLAlchemy. tests/test_compiled.py fails when that file is stale.

A statement's parameters are all explicit `bindparam`s (constants are literal SQL), so the compiled
text takes exactly the names the readers pass. Column keys name what each row holds: the rules'
records are built from them by name (netlog.network.ties).
"""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import and_, bindparam, case, func, literal_column, or_
from sqlalchemy.orm import aliased
from sqlmodel import select

from netlog.models import Contact, ContactState, Dismissal, IntroOffer, NetlogMeta, NetlogMigration, Tag, Touch
from netlog.values.kinds import LEVELS

C = Contact.__table__.c
S = ContactState.__table__.c
T = Touch.__table__.c

# What the rules read of a contact (the fields of rules.Tie that are contact columns), then its cached
# History (every contact_state column but the key, in the model's order, which is rules.History's:
# tests/test_ties.py). netlog.network.ties builds each Tie from these columns by name.
TIE_COLUMNS = ("id", "name", "strength", "cadence_days", "created_on", "snoozed_until", "introduced_by_id",
               "introduced_on", "birthday", "strength_set", "company")  # fmt: skip
HISTORY_COLUMNS = tuple(column.name for column in ContactState.__table__.c if column.name != "contact_id")
_CONTACT_WITH_STATE = Contact.__table__.outerjoin(ContactState.__table__, S.contact_id == C.id)

STATEMENTS: dict[str, Callable[[], Any]] = {}


def statement(function: Callable[[], Any]) -> Callable[[], Any]:
    """Register a statement under its function's name."""
    STATEMENTS[function.__name__] = function
    return function


def _ties(*extra: Any) -> Any:
    columns = [C[f] for f in TIE_COLUMNS] + [S[f] for f in HISTORY_COLUMNS]
    return select(*columns, *extra).select_from(_CONTACT_WITH_STATE)


# schema and settings


@statement
def schema_version() -> Any:
    return select(func.max(NetlogMigration.id).label("version"))


@statement
def meta_value() -> Any:
    return select(NetlogMeta.value).where(NetlogMeta.key == bindparam("key"))


# the rules' view of contacts


@statement
def tie_rows() -> Any:
    """Every contact with its History."""
    return _ties()


@statement
def tie_row() -> Any:
    """One contact with its History."""
    return _ties().where(C.id == bindparam("id"))


def _intro_matters(contact: Any, state: Any) -> Any:
    """An introduced contact matters to `due` while the meeting is due (introduced, not met) or once they
    were met (the report-back to whoever introduced them)."""
    return and_(
        contact.introduced_on.is_not(None),
        or_(
            and_(state.met_after_intro_on.is_(None), contact.introduced_on <= bindparam("meet_by")),
            state.met_after_intro_on <= bindparam("report_by"),
        ),
    )


@statement
def due_candidates() -> Any:
    """The contacts that may have something due: inside the bounds of rules.DueWindow, and everyone an
    intro or an open intro offer ties to them (netlog.network.agenda passes the window's fields as parameters)."""
    introduced = aliased(Contact.__table__)
    introduced_state = aliased(ContactState.__table__)
    strengths = range(1, len(LEVELS) + 1)
    quiet_by = case(
        {literal_column(str(n)): bindparam(f"quiet_{n}") for n in strengths}, value=C.strength
    )  # per strength, the last day a quiet tie is due on
    introducers = (
        select(introduced.c.introduced_by_id)
        .select_from(introduced.outerjoin(introduced_state, introduced_state.c.contact_id == introduced.c.id))
        .where(introduced.c.introduced_by_id.is_not(None), _intro_matters(introduced.c, introduced_state.c))
    )
    open_offers = IntroOffer.__table__.c
    named_state = aliased(ContactState.__table__)
    named_by_intro_thanks = select(named_state.c.thank_other_id).where(
        named_state.c.thank_kind == literal_column("'intro'"),
        named_state.c.thank_on.between(bindparam("thank_from"), bindparam("thank_to")),
    )
    return _ties().where(
        or_(
            S.contact_id.is_(None),
            C.cadence_days.is_not(None),
            C.birthday.is_not(None),
            _dormant(),
            S.thank_on.between(bindparam("thank_from"), bindparam("thank_to")),
            and_(S.silence_sends == literal_column("1"), S.silence_since.between(bindparam("nudge_from"), bindparam("nudge_to"))),
            S.first_real_on.between(bindparam("second_touch_from"), bindparam("second_touch_to")),
            and_(
                S.unreturned_favors >= bindparam("give_back_favors"),
                S.last_favor_received_on <= bindparam("give_back_by"),
            ),
            func.coalesce(S.last_exchange_on, S.last_touch_on, C.created_on) <= quiet_by,
            and_(S.advice.is_not(None), S.advice_on.between(bindparam("circle_back_from"), bindparam("circle_back_to"))),
            _intro_matters(C, S),
            C.id.in_(introducers),
            C.id.in_(named_by_intro_thanks),
            C.id.in_(select(open_offers.a_id).where(open_offers.declined_on.is_(None))),
            C.id.in_(select(open_offers.b_id).where(open_offers.declined_on.is_(None))),
        )
    )


def _dormant() -> Any:
    """rules.is_dormant in SQL: an imported tie never in touch (no real touch), strength, cadence and intro unset."""
    return and_(
        C.strength_set.is_(False),
        C.introduced_on.is_(None),
        C.cadence_days.is_(None),
        S.first_real_on.is_(None),
    )


@statement
def dormant_ties() -> Any:
    """Every dormant tie (the daily reconnect pick is made among all of them)."""
    return _ties().where(_dormant())


@statement
def shared_first_keys() -> Any:
    """The folded first words two or more contacts share."""
    return select(C.first_key).where(C.first_key.is_not(None)).group_by(C.first_key).having(func.count() > literal_column("1"))


@statement
def first_key_count() -> Any:
    """How many contacts have the folded first word :key."""
    return select(func.count().label("n")).select_from(Contact.__table__).where(C.first_key == bindparam("key"))


@statement
def active_companies() -> Any:
    """The companies of ties with a real exchange since :active_from (rules.is_active), for the pick's
    non-redundancy: reconnecting beyond the circles you already have."""
    return select(C.company).distinct().select_from(_CONTACT_WITH_STATE).where(
        C.company.is_not(None), S.last_exchange_on >= bindparam("active_from")
    )


@statement
def dismissals() -> Any:
    return select(Dismissal.contact_id, Dismissal.action, Dismissal.done_on)


@statement
def dismissals_of() -> Any:
    return dismissals().where(Dismissal.contact_id == bindparam("id"))


@statement
def intro_offers() -> Any:
    """Every intro offer, oldest first."""
    return select(*IntroOffer.__table__.c).order_by(IntroOffer.offered_on, IntroOffer.id)


@statement
def intro_offers_of() -> Any:
    """The intro offers one contact is part of, oldest first."""
    return intro_offers().where(or_(IntroOffer.a_id == bindparam("id"), IntroOffer.b_id == bindparam("id")))


@statement
def touched_by() -> Any:
    """What one user logged: (touch id, contact, the contact an intro named)."""
    return select(Touch.id, Touch.contact_id, Touch.other_id).where(Touch.logged_by == bindparam("user"))


# `list` and `show`


# What `list` shows of each contact, and what rules.keep_in_touch_due reads to say when it is next due.
OVERVIEW_HISTORY = ("last_touch_on", "last_touch_kind", "touch_count", "last_exchange_on", "unreturned_favors",
                    "last_favor_received_on")  # fmt: skip


@statement
def overview() -> Any:
    """Every contact for `list`, by folded name (only the columns it needs: at 10,000 contacts reading all
    of a tie row's 26 took twice as long)."""
    columns = [C[f] for f in ("id", "name", "strength", "cadence_days", "created_on", "snoozed_until")]
    columns += [S[f] for f in OVERVIEW_HISTORY] + [C.company, C.title, C.email]
    return select(*columns).select_from(_CONTACT_WITH_STATE).order_by(C.name_key, C.id)  # the name_key index gives this order


@statement
def overview_tagged() -> Any:
    return overview().where(C.id.in_(select(Tag.contact_id).where(Tag.name == bindparam("tag"))))


@statement
def all_tags() -> Any:
    return select(Tag.contact_id, Tag.name).order_by(Tag.contact_id, Tag.name)


@statement
def contact() -> Any:
    """One contact's row, every column."""
    return select(*Contact.__table__.c).where(C.id == bindparam("id"))


@statement
def touches_of() -> Any:
    """One contact's touches, newest first, with the name of the contact an intro named."""
    other = aliased(Contact.__table__)
    return (
        select(*Touch.__table__.c, other.c.name.label("other_name"))
        .select_from(Touch.__table__.outerjoin(other, other.c.id == T.other_id))
        .where(T.contact_id == bindparam("id"))
        .order_by(T.happened_on.desc(), T.id.desc())
    )


@statement
def tags_of() -> Any:
    return select(Tag.name).where(Tag.contact_id == bindparam("id")).order_by(Tag.name)


@statement
def team_of() -> Any:
    """Who logged touches with one contact: logged_by, last touch, touches; most recent first."""
    last = func.max(T.happened_on)
    return (
        select(T.logged_by, last.label("last_touch"), func.count().label("touches"))
        .where(T.contact_id == bindparam("id"), T.logged_by.is_not(None))
        .group_by(T.logged_by)
        .order_by(last.desc(), T.logged_by)
    )


@statement
def introduced_by() -> Any:
    """The people one contact introduced to me."""
    return (
        select(C.id, C.name, C.introduced_on)
        .where(C.introduced_by_id == bindparam("id"))
        .order_by(C.introduced_on, C.id)
    )


@statement
def touch_counts_by_day() -> Any:
    """day -> touches that day, from :since on."""
    return select(T.happened_on, func.count().label("n")).where(T.happened_on >= bindparam("since")).group_by(T.happened_on)


@statement
def touch_counts_by_day_of() -> Any:
    return touch_counts_by_day().where(T.contact_id == bindparam("id"))


# names


@statement
def contact_names() -> Any:
    return select(C.id, C.name).order_by(C.id)


@statement
def ids_named() -> Any:
    return select(C.id).where(C.name == bindparam("name")).order_by(C.id)


@statement
def ids_folded() -> Any:
    return select(C.id).where(C.name_key == bindparam("key")).order_by(C.id)


@statement
def names_with_word_starting() -> Any:
    """Contacts with a word of their folded name starting with :prefix (LIKE patterns, escaped by '\\')."""
    escape = "\\"
    return (
        select(C.id, C.name)
        .where(or_(C.name_key.like(bindparam("prefix"), escape=escape), C.name_key.like(bindparam("later"), escape=escape)))
        .order_by(C.id)
    )


@statement
def names_starting() -> Any:
    """Names matching a LIKE :pattern, by name (completion narrows further, case-sensitively)."""
    return select(C.name).where(C.name.like(bindparam("pattern"), escape="\\")).order_by(C.name)


@statement
def tag_names() -> Any:
    return select(Tag.name).distinct().order_by(Tag.name)


# whole tables, for exports, imports, merges and dupes


@statement
def contact_rows() -> Any:
    return select(*Contact.__table__.c).order_by(C.id)


@statement
def summary_inputs() -> Any:
    """What rules.summarize needs of every contact besides its touches."""
    return select(C.id, C.strength, C.introduced_on, C.birthday)


@statement
def touch_rows() -> Any:
    """Every touch, grouped by contact and in order."""
    return select(*Touch.__table__.c).order_by(T.contact_id, T.happened_on, T.id)


@statement
def touch_rows_of() -> Any:
    """One contact's touches, oldest first."""
    return select(*Touch.__table__.c).where(T.contact_id == bindparam("id")).order_by(T.happened_on, T.id)


@statement
def mentions_of() -> Any:
    """Touches of other contacts that name this one (intros to them)."""
    return select(*Touch.__table__.c).where(T.other_id == bindparam("id")).order_by(T.id)


@statement
def touch_sources() -> Any:
    """(contact, source id) of every touch imported from one :source: what importing it again must not add."""
    return select(T.contact_id, T.source_id).where(T.source == bindparam("source"))


@statement
def touch_days() -> Any:
    """(contact, day, kind) of every touch not imported from mail, a calendar or a chat."""
    return select(T.contact_id, T.happened_on, T.kind).where(T.source.is_(None))


@statement
def touch_keys() -> Any:
    """What tells touches apart on re-import."""
    return select(T.contact_id, T.kind, T.happened_on, T.direction, T.note)


# aggregates for `stats` (plain GROUP BY, no date functions: months are bucketed in Python)


@statement
def strength_counts() -> Any:
    return select(C.strength, func.count().label("n")).group_by(C.strength)


@statement
def kind_counts() -> Any:
    return select(T.kind, T.direction, func.count().label("n")).group_by(T.kind, T.direction)


@statement
def introduced_count() -> Any:
    """Contacts that came through an introduction: (how many, how many of them I have met since)."""
    met = func.count(S.met_after_intro_on)
    return select(func.count().label("n"), met.label("met")).select_from(_CONTACT_WITH_STATE).where(C.introduced_by_id.is_not(None))


@statement
def introducer_counts() -> Any:
    introducer = aliased(Contact.__table__)
    return (
        select(introducer.c.name, func.count().label("n"))
        .select_from(Contact.__table__.join(introducer, introducer.c.id == C.introduced_by_id))
        .group_by(introducer.c.id, introducer.c.name)
        .order_by(func.count().desc(), introducer.c.name)
    )
