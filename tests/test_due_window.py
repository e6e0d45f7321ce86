"""`netlog due` reads only the contacts inside rules.DueWindow. Reading too few would silently drop what is
due, so a seeded random network (every strength, own cadences, birthdays, intros both ways, intro offers,
snoozes, dismissals, favors, unanswered messages) is ranked both ways for every day over two years:
due_items (the window's SQL) must equal rules.rank_due over every contact, on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from netlog.network import cache
from netlog.network.agenda import due_items
from netlog.network.ties import intro_from_row, ties_from_rows
from netlog.rules import allowance
from netlog.rules import due as rules
from netlog.storage import reads, records
from netlog.storage.location import database_url
from netlog.storage.opening import open_store
from netlog.values import kinds

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

    def write(session) -> None:
        records.insert_contacts(session, contacts)
        records.insert_touches(session, touches)
        records.insert_dismissals(session, dismissals)
        for offer in offers:
            records.insert_intro(session, offer)
        cache.rebuild(session)

    db.write(write)


@pytest.fixture(params=("sqlite", "postgresql"))
def random_network(request, tmp_path):
    url = database_url(str(tmp_path / "window.db")) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = open_store(url)
    _fill(db, seed=20261123)
    yield db
    db.close()


def test_due_reads_only_the_window_and_misses_nothing(random_network):
    db = random_network
    every_tie = ties_from_rows(reads.tie_rows(db.reader), reads.dismissal_rows(db.reader))
    offers = [intro_from_row(r) for r in reads.intro_rows(db.reader)]
    read, pooled = [], []
    for offset in range(-420, 400):
        day = BASE + timedelta(days=offset)
        expected = rules.rank_due(day, every_tie, offers)
        assert due_items(db.reader, day) == expected, day
        window = rules.due_window(day)._asdict()
        read.append(len(reads.due_candidates(db.reader, window)))
        pooled.append(len(reads.due_pool(db.reader, window)))
    # The window must also leave contacts out, or it is not doing its job.
    assert min(read) < CONTACTS / 2, read
    # ... and the pool (weak ties read as a few columns, the allowance's picks read whole) must hold some.
    assert max(pooled) >= 10, pooled


def test_the_pool_read_apart_gives_the_same_picks_whatever_the_allowance_and_past_picks(random_network):
    """`due` reads the long tail of weak ties (the pool: their one item is the daily allowance's) as a few columns
    and reads whole only the ties it picks (issue 25). The picks, and so the list, must be those of ranking every
    tie whole: for any allowance, with picks remembered from the days before (resting ties are passed over)."""
    db = random_network
    every_tie = ties_from_rows(reads.tie_rows(db.reader), reads.dismissal_rows(db.reader))
    offers = [intro_from_row(r) for r in reads.intro_rows(db.reader)]
    rng = random.Random(6)
    from_pool = 0
    for offset in range(-200, 300, 7):
        day = BASE + timedelta(days=offset)
        pool = {r[0] for r in reads.due_pool(db.reader, rules.due_window(day)._asdict())}
        db.add_day_picks([{"picked_on": day - timedelta(days=rng.randrange(1, 40)), "contact_id": cid} for cid in rng.sample(sorted(pool), min(4, len(pool)))])
        picked_on = reads.day_picks(db.reader, day - timedelta(days=allowance.PICK_REST_DAYS))
        for per_day in (1, 3, 40):
            expected = rules.rank_due(day, every_tie, offers, reconnect_per_day=per_day, picked_on=picked_on)
            assert due_items(db.reader, day, reconnect_per_day=per_day) == expected, (day, per_day)
            from_pool += sum(1 for item in expected if item.contact_id in pool)
    assert from_pool >= 20, "the pool's ties were never picked: the test shows nothing"


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
