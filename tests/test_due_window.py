"""`netlog due` reads only the contacts inside rules.DueWindow, and the long tail of weak ties (the pool) as a few
columns. Reading too few would silently drop what is due, so a seeded random network (every strength, own
cadences, birthdays, intros both ways, intro offers, snoozes, dismissals, favors, unanswered messages, questions
owed an answer, news, organisations and family, `--every never`, contacts with no derived row, and weak ties on
the pool's edge) is ranked both ways for every day over two years: due_items (the window's SQL) must equal
rules.rank_due over every contact, on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import col

from netlog.models import ContactState
from netlog.network import cache
from netlog.network.agenda import due_items
from netlog.network.ties import intro_from_row, ties_from_rows
from netlog.people import me
from netlog.rules import allowance
from netlog.rules import due as rules
from netlog.storage import reads, records
from netlog.storage.location import database_url
from netlog.storage.opening import open_store
from netlog.values import kinds
from netlog.values.dates import NEVER

BASE = date(2026, 11, 23)
CONTACTS = 120
RECEIVABLE = ("email", "message", "share", "congrats")


def _fill(db, seed: int) -> None:
    rng = random.Random(seed)
    contacts, touches, dismissals = [], [], []
    for cid in range(1, CONTACTS + 1):
        row = {
            "id": cid,
            "name": f"Person {cid}",
            "strength": rng.randint(1, 5),
            "created_on": BASE - timedelta(days=rng.randrange(500)),
            "cadence_days": rng.choice((7, 30, 200)) if rng.random() < 0.1 else None,
            "birthday": rng.choice(("02-29", "01-01", f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
            if rng.random() < 0.1 else None,
            "snoozed_until": BASE - timedelta(days=rng.randrange(-60, 300)) if rng.random() < 0.1 else None,
            "strength_set": rng.random() < 0.7,  # the rest imported: dormant while never in touch
            "company": rng.choice(("Contoso", "Contoso, Inc.", "Globex", "Initech", None)),
        }  # fmt: skip
        if cid > 5 and rng.random() < 0.15:
            row["introduced_by_id"] = rng.randrange(1, cid)
            row["introduced_on"] = BASE - timedelta(days=rng.randrange(400))
        contacts.append(row)
        favors = ["favor-received"] * rng.choice((0, 0, 0, 2, 3))  # enough unreturned favors to invite giving back
        for kind in favors + [rng.choice(list(kinds.KINDS)) for _ in range(rng.choice((0, 1, 1, 2, 3, 5, 8, 12)))]:
            touches.append(
                {
                    "contact_id": cid,
                    "kind": kind,
                    "happened_on": BASE - timedelta(days=rng.randrange(420)),
                    "direction": kinds.direction_of(kind, kind in RECEIVABLE and rng.random() < 0.4),
                    "other_id": rng.randrange(1, CONTACTS + 1) if kind == "intro" else None,
                    "logged_by": "tester",
                    "place": "LinkedIn" if kind == "connected" else None,
                    "expects_reply": rng.random() < 0.8,
                    "thank_wanted": rng.choice((None, None, True, False)),
                    "advice": rng.choice(("the Lisbon role", "pricing")) if rng.random() < 0.1 else None,
                }
            )
        if rng.random() < 0.1:
            dismissals.append({"contact_id": cid, "action": rng.choice(kinds.ACTIONS), "done_on": BASE - timedelta(days=rng.randrange(400))})
    offers = []
    for _ in range(12):
        a, b = rng.sample(range(1, CONTACTS + 1), 2)
        offered = BASE - timedelta(days=rng.randrange(400))
        later = lambda: offered + timedelta(days=rng.randrange(1, 30))  # noqa: E731
        offer = {"a_id": a, "b_id": b, "offered_on": offered, "note": None}
        offer.update(
            rng.choice(
                (
                    {},
                    {"a_yes_on": later()},
                    {"a_yes_on": later(), "b_yes_on": later()},
                    {"a_yes_on": offered, "b_yes_on": offered, "sent_on": later()},
                    {"declined_on": later(), "declined_by_id": b},
                )
            )
        )
        offers.append(offer)

    tags, stateless = _personal_and_more(random.Random(seed + 1), contacts, touches, dismissals)

    def write(session) -> None:
        records.insert_contacts(session, contacts)
        records.insert_touches(session, touches)
        records.insert_dismissals(session, dismissals)
        records.insert_tags(session, tags)
        for offer in offers:
            records.insert_intro(session, offer)
        records.set_meta(session, me.NAME_KEY, "Tester Lima")  # family: a contact whose name ends in Lima
        records.set_meta(session, me.FAMILY_TAG_KEY, "family")
        cache.rebuild(session)
        # a contact whose derived row is missing (written by another netlog, a crash before the cache): read whole
        session.execute(delete(ContactState).where(col(ContactState.contact_id).in_(stateless)))

    db.write(write)


def _personal_and_more(
    rng: random.Random, contacts: list[dict], touches: list[dict], dismissals: list[dict]
) -> tuple[list[dict], list[int]]:
    """What the first draws leave out (drawn from their own generator, after them, so those draw what they did):
    ties that are no professional tie (organisations' cards, a family relation, the user's family name, the family
    tag), `--every never`, news to congratulate on, questions owed an answer (captured mail), meetings among many
    guests, keep in touch set aside lately, and contacts with no derived row; and weak ties on the edge of the pool
    (rules.PoolTie: the long tail `due` reads as a few columns), each with one such fact. The tags, and who has no
    derived row."""
    tags = []
    for row in contacts:
        cid = row["id"]
        roll = rng.random()
        if roll < 0.08:
            row["kind"] = "org"
        elif roll < 0.13:
            row["family"] = "sibling"
        elif roll < 0.18:
            row["name"] += " Lima"
        if rng.random() < 0.08:
            tags.append({"contact_id": cid, "name": "family"})
        elif rng.random() < 0.1:
            tags.append({"contact_id": cid, "name": "pycon"})
        if rng.random() < 0.04:
            row["cadence_days"] = NEVER
        if rng.random() < 0.25:  # news, noted on any day of the two years the tests walk
            row["moment"] = "your promotion"
            row["moment_on"] = BASE + timedelta(days=rng.randrange(-420, 400))
        if rng.random() < 0.12:  # a question in a captured mail: a reply owed, until my answer
            touches.append({"contact_id": cid, "kind": rng.choice(("email", "message")), "direction": "in",
                            "happened_on": BASE - timedelta(days=rng.randrange(-20, 420)), "source": "mail",
                            "source_id": f"<{cid}@example.org>", "expects_reply": True, "logged_by": "tester"})  # fmt: skip
        if rng.random() < 0.06:  # met among many guests: no thank-you nor second touch for it
            touches.append({"contact_id": cid, "kind": "met", "direction": "both", "group_event": True,
                            "happened_on": BASE - timedelta(days=rng.randrange(-20, 420)), "logged_by": "tester"})  # fmt: skip
        if rng.random() < 0.1 and not any(d["contact_id"] == cid and d["action"] == "keep-in-touch" for d in dismissals):
            # set aside lately: resting through its cadence
            dismissals.append({"contact_id": cid, "action": "keep-in-touch", "done_on": BASE - timedelta(days=rng.randrange(-30, 200))})
    stateless = rng.sample([row["id"] for row in contacts], len(contacts) // 25)
    # Weak ties on the pool's edge: each would be in the pool (one touch long ago, or none: keeping in touch or a
    # reconnect is all they have) but for one fact, on some of the days walked, that gives them another item, keeps
    # them out of the daily pick, or ends on the day walked.
    edges = ("news", "org", "family", "family name", "family tag", "never", "set aside", "snoozed", "no row", "asks",
             "unanswered", "advice", "favors", "birthday", "met", "none")  # fmt: skip
    first = len(contacts) + 1
    for n in range(len(edges) * 3):
        cid, edge = first + n, edges[n % len(edges)]
        # (news needs a medium tie; a question owed an answer on its 90th day, the last it is listed, is also
        # the day a medium tie's keeping in touch falls due when that question was the last exchange)
        row = {"id": cid, "name": f"Edge {cid}", "strength": 3 if edge in ("news", "asks") else rng.randint(1, 3),
               "created_on": BASE - timedelta(days=rng.randrange(420, 900)), "strength_set": rng.random() < 0.6,
               "company": rng.choice(("Contoso", "Globex", None))}  # fmt: skip
        contacts.append(row)
        on = BASE + timedelta(days=rng.randrange(-420, 0))  # its one touch (a LinkedIn connection: still dormant)
        if rng.random() < 0.8 and edge != "asks":
            kind = rng.choice(("coffee", "email", "connected", "call"))
            touches.append({"contact_id": cid, "kind": kind, "happened_on": on, "direction": kinds.direction_of(kind, False),
                            "logged_by": "tester", "expects_reply": False, "place": "LinkedIn" if kind == "connected" else None})  # fmt: skip
        day = BASE + timedelta(days=rng.randrange(-420, 400))  # the day of its edge: any day walked
        touch = {"contact_id": cid, "happened_on": min(day, BASE), "logged_by": "tester"}
        if edge == "news":
            row.update(moment="your promotion", moment_on=day)
        elif edge == "org":
            row["kind"] = "org"
        elif edge == "family":
            row["family"] = "parent"
        elif edge == "family name":
            row["name"] += " Lima"
        elif edge == "family tag":
            tags.append({"contact_id": cid, "name": "family"})
        elif edge == "never":
            row["cadence_days"] = NEVER
        elif edge == "set aside":
            dismissals.append({"contact_id": cid, "action": "keep-in-touch", "done_on": min(day, BASE)})
        elif edge == "snoozed":  # snoozed through the first year walked, or to any day of it
            row["snoozed_until"] = day if n // len(edges) == 1 else BASE + timedelta(days=rng.randrange(0, 400))
        elif edge == "no row":
            stateless.append(cid)
        elif edge == "asks":
            touches.append({**touch, "kind": "email", "direction": "in", "source": "mail", "source_id": f"<edge{cid}@example.org>"})
        elif edge == "unanswered":
            touches.append({**touch, "kind": "email", "direction": "out", "expects_reply": True})
        elif edge == "advice":
            touches.append({**touch, "kind": "call", "direction": "both", "advice": "the Lisbon role"})
        elif edge == "favors":
            touches += [{**touch, "kind": "favor-received", "direction": "in"}] * 2
        elif edge == "birthday":
            row["birthday"] = f"{day:%m-%d}"
        elif edge == "met":  # a first meeting: thank-you, then second touch
            touches.append({**touch, "kind": "coffee", "direction": "both", "thank_wanted": True})
    return tags, stateless


def _whole(db) -> tuple[list[rules.Tie], list[rules.IntroOffer], set[int]]:
    """Every tie read whole, the intro offers, and the ties that are no professional tie (`personal`): what
    rank_due ranks every contact from, as `due` must list it."""
    every_tie = ties_from_rows(reads.tie_rows(db.reader), reads.dismissal_rows(db.reader))
    offers = [intro_from_row(r) for r in reads.intro_rows(db.reader)]
    mine = me.recorded(db.reader)
    return every_tie, offers, reads.personal_ties(db.reader, mine.family_key, mine.family_tag)


@pytest.fixture(params=("sqlite", "postgresql"))
def random_network(request, tmp_path):
    url = database_url(str(tmp_path / "window.db")) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = open_store(url)
    _fill(db, seed=20261123)
    yield db
    db.close()


def test_due_reads_only_the_window_and_misses_nothing(random_network):
    db = random_network
    every_tie, offers, personal = _whole(db)
    read, pooled = [], []
    for offset in range(-420, 400):
        day = BASE + timedelta(days=offset)
        expected = rules.rank_due(day, every_tie, offers, personal=personal)
        assert due_items(db.reader, day) == expected, day
        window = rules.due_window(day)._asdict()
        read.append(len(reads.due_candidates(db.reader, window)))
        pooled.append(len(reads.due_pool(db.reader, window)))
    # The window must also leave contacts out, or it is not doing its job.
    assert min(read) < CONTACTS / 2, read
    # ... and the pool (weak ties read as a few columns, the allowance's picks read whole) must hold some.
    assert max(pooled) >= 10, pooled


def test_both_reads_of_the_contacts_outside_the_pool_give_the_same_rows(random_network, monkeypatch):
    """storage/reads.py reads the contacts outside the pool by id (an index) when they are few, else by one scan
    (OUTSIDE_POOL_BY_ID_BELOW): the same rows either way, on every day."""
    db = random_network
    both = set()
    for offset in range(-420, 400, 3):
        window = rules.due_window(BASE + timedelta(days=offset))._asdict()
        found = []
        for share in (0.0, 2.0):  # never by id, always by id
            monkeypatch.setattr(reads, "OUTSIDE_POOL_BY_ID_BELOW", share)
            found.append(sorted(reads.due_candidates(db.reader, window, besides_pool=True), key=lambda row: row[0]))
        assert found[0] == found[1], offset
        both.add(len(found[0]))
    assert max(both) > 0


def test_the_pool_read_apart_gives_the_same_picks_whatever_the_allowance_and_past_picks(random_network):
    """`due` reads the long tail of weak ties (the pool: their one item is the daily allowance's) as a few columns
    and reads whole only the ties it picks (issue 25). The picks, and so the list, must be those of ranking every
    tie whole: for any allowance, with picks remembered from the days before (resting ties are passed over)."""
    db = random_network
    every_tie, offers, personal = _whole(db)
    rng = random.Random(6)
    from_pool = made_today = 0
    for offset in range(-200, 300, 7):
        day = BASE + timedelta(days=offset)
        pool = {r[0] for r in reads.due_pool(db.reader, rules.due_window(day)._asdict())}
        db.add_day_picks([{"picked_on": day - timedelta(days=rng.randrange(1, 40)), "contact_id": cid} for cid in rng.sample(sorted(pool), min(4, len(pool)))])
        # ... and picks made this morning (they keep their places): of the pool, of anyone (acted on since, or whole)
        today = rng.sample(sorted(pool), min(rng.randrange(3), len(pool)))
        today += [t.id for t in rng.sample(every_tie, rng.randrange(3))]
        db.add_day_picks([{"picked_on": day, "contact_id": cid} for cid in today])
        picked_on = reads.day_picks(db.reader, day - timedelta(days=allowance.PICK_REST_DAYS))
        for per_day in (1, 3, 40):
            expected = rules.rank_due(day, every_tie, offers, reconnect_per_day=per_day, picked_on=picked_on, personal=personal)
            assert due_items(db.reader, day, reconnect_per_day=per_day) == expected, (day, per_day)
            from_pool += sum(1 for item in expected if item.contact_id in pool)
            made_today += sum(1 for item in expected if item.contact_id in pool and picked_on.get(item.contact_id) == day)
    assert from_pool >= 20, "the pool's ties were never picked: the test shows nothing"
    assert made_today >= 5, "no pick of this morning from the pool was listed: the test shows nothing"


def test_the_network_has_what_the_pool_must_leave_out_or_hold(random_network):
    """The comparisons above show something only if the random network holds, on some days, pool ties that are
    no professional tie (never picked without a cadence of their own), contacts with no derived row, keep in
    touch set aside and resting, questions owed an answer, news and `--every never`."""
    db = random_network
    every_tie, _, personal = _whole(db)
    count_at = reads.columns("tie_rows").index("touch_count")  # NULL: no contact_state row (0: one, no touch)
    stateless = [r[0] for r in reads.tie_rows(db.reader) if r[count_at] is None]
    personal_pooled = set()
    for offset in range(-420, 400, 3):
        day = BASE + timedelta(days=offset)
        personal_pooled |= personal & {r[0] for r in reads.due_pool(db.reader, rules.due_window(day)._asdict())}
    assert personal_pooled, "no tie of the pool is a personal one"
    assert len(personal) >= 15
    assert sum(1 for t in every_tie if t.history.reply_since) >= 5
    assert sum(1 for t in every_tie if t.moment_on and t.strength >= rules.CONGRATULATE_FROM_STRENGTH) >= 5
    assert sum(1 for t in every_tie if t.cadence_days == NEVER) >= 2
    assert sum(1 for t in every_tie if "keep-in-touch" in t.done) >= 10
    assert len(stateless) >= 3


def test_the_list_is_in_rank_order_with_the_allowance_picks_in_their_places(random_network):
    """rank_due puts the day's picks (and, with keep_held, the held items) into the ranked list without sorting it
    again (issue 25): whatever the allowance, the days and the past picks, the list is exactly the one sorting
    everything by _ranked gives."""
    db = random_network
    every_tie = ties_from_rows(reads.tie_rows(db.reader), reads.dismissal_rows(db.reader))
    offers = [intro_from_row(r) for r in reads.intro_rows(db.reader)]
    by_id = {t.id: t for t in every_tie}
    rng = random.Random(25)
    inserted = 0
    for offset in range(-420, 400, 9):
        day = BASE + timedelta(days=offset)
        picked_on = {t.id: day - timedelta(days=rng.randrange(0, 40)) for t in rng.sample(every_tie, 15)}
        for per_day in (0, 1, 3, 100):
            for keep_held in (False, True):
                got = rules.rank_due(day, every_tie, offers, reconnect_per_day=per_day, keep_held=keep_held, picked_on=picked_on)
                assert got == rules._ranked(list(got)), (day, per_day, keep_held)
                picked = set(rules.day_picks(got, by_id))
                listed = [i.contact_id for i in got if not i.held]
                # a pick with something else after it: put in its place, not at the end
                inserted += sum(1 for n, cid in enumerate(listed) if cid in picked and any(c not in picked for c in listed[n + 1 :]))
    assert inserted, "no pick ever ranked above a listed item: the test shows nothing"


def test_a_contact_is_read_once_keeping_in_touch_can_be_due_and_not_while_snoozed(netlog, monkeypatch):
    """Issue 25: the derived cache keeps the day keeping in touch can first be due (rules.keep_in_touch_from), and
    `due` reads a contact by that day: one with its own cadence is no longer read every day, and one snoozed past
    the day is not read for what is its own. `edit` moves the day in the same write."""
    netlog("add", "Ana Lima", "--strength", "medium", "--every", "200d", "--on", "2026-10-01", "--how", "email")
    netlog("add", "Bo Chen", "--strength", "medium", "--on", "2025-11-02", "--how", "email")
    netlog("snooze", "Bo Chen", "--until", "2026-12-23")
    store = open_store(database_url(None))

    def read(day: date) -> set[str]:
        return {row[1] for row in reads.due_candidates(store.reader, rules.due_window(day)._asdict())}

    try:
        assert read(BASE) == set()  # Ana's day is 200 days after her email; Bo is snoozed
        assert read(date(2026, 12, 23)) == {"Bo Chen"}  # awake, and a year quiet
        assert read(date(2027, 4, 19)) == {"Bo Chen", "Ana Lima"}  # 2026-10-01 + 200 days
        assert read(date(2027, 4, 18)) == {"Bo Chen"}
        netlog("edit", "Ana Lima", "--every", "1w")
        assert read(BASE) == {"Ana Lima"}
        assert [i["contact"] for i in netlog.json("due")] == ["Ana Lima"]
    finally:
        store.close()


def test_a_long_list_numbers_the_same_contacts_as_a_screenful(monkeypatch):
    """named_alike (issue 25): a long list (piped, --all) reads every name two contacts share at once instead of one
    read and one pass over the list per item (99 s at 100k contacts); it must number exactly whom the per-name
    reads number: contacts whose folded name another has ("José Lima" and "jose lima"), whichever of them is listed."""
    from netlog.network import agenda

    names = [f"Person {n}" for n in range(150)] + ["José Lima", "jose lima", "Ana Lima", "Ana Lima", "Bo", "Bó"]
    store = open_store(database_url(None))
    try:
        store.write(lambda session: records.insert_contacts(session, [{"id": i, "name": n, "strength": 2, "created_on": BASE} for i, n in enumerate(names, 1)]))
        rows = reads.contact_rows(store.reader)
        items = [rules.DueItem(r["id"], r["name"], "keep-in-touch", "", BASE, 1.0) for r in rows if r["name"] != "Bó"]
        monkeypatch.setattr(agenda, "NAMED_ALIKE_READS", 10**6)
        per_name = agenda.named_alike(store.reader, items)
        monkeypatch.setattr(agenda, "NAMED_ALIKE_READS", 0)
        assert agenda.named_alike(store.reader, items) == per_name
        assert {r["name"] for r in rows if r["id"] in per_name} == {"José Lima", "jose lima", "Ana Lima", "Bo"}
    finally:
        store.close()
