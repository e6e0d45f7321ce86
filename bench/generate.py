"""Build a synthetic, reproducible netlog database for the benchmark, through netlog's own storage code.

    python bench/generate.py PATH --contacts 10000 --touches 100000 [--seed 5] [--today 2026-11-23]
    python bench/generate.py PATH --size medium        # small 1k/10k, medium 10k/100k, large 100k/1M
    python bench/generate.py postgresql+psycopg://localhost/netlog_bench --size medium   # an empty database
    python bench/generate.py PATH --size large --shape person   # one person's network of that size (below)

Two shapes. `uniform` (the default) draws every contact alike: each has touches, a strength the user set
(20/35/25/12/8 % from acquaintance to close) and a share of recent touches, so the 100k network is ten 10k
networks side by side: ten times the thank-yous, nudges and close ties due each morning (a user who logs
about 1,800 touches a day at 100k). It is the worst case for the size of the list. `person` is one person's
network as RESEARCH.md describes it, whatever its size: Dunbar's layers of close ties (5, 15, 50, then 80 more
the user rated: 150), about 1,350 acquaintances in touch over the last three years, a person's pace of recent
touches (the same at every size), and the rest of the network the long tail every large address book has:
ties that faded (an old mail archive's exchanges, 3 to 15 years ago, strength never set) and LinkedIn
connections never spoken to (a `connected` touch only). At 100k the touches beyond the three years' are the
archive's.

Same seed, sizes and shape -> the same database. Everything is written in one transaction with bulk inserts
(SQLAlchemy Core on the models' tables), then `cache.rebuild` fills every contact's cached History as a
normal write would.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from netlog.network import cache
from netlog.storage import reads, records
from netlog.storage.location import database_url
from netlog.storage.opening import open_store
from netlog.values import kinds

SIZES = {"small": (1_000, 10_000), "medium": (10_000, 100_000), "large": (100_000, 1_000_000)}
FIRST = (
    "Ana Andre Anton Anika Anders Bo Carla Chen Dario Dmitri Elena Emeka Fatima Femi Gita Hana Ivan Jonas"
    " Julia Kenji Lars Leila Marta Mateo Nadia Noor Omar Priya Quinn Rosa Sami Sofia Tariq Ulla Vera Wen"
    " Xavier Yara Zoe"
).split()
LAST = (
    "Lima Silva Okafor Novak Tanaka Berg Costa Haddad Ivanova Jensen Kim Larsen Moreau Nakamura Olsen"
    " Petrov Quispe Rossi Schmidt Torres Ueda Varga Weber Xu Yilmaz Zhang"
).split()
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", None, None)
TAGS = ("pycon", "hiring", "mentor", "investor", "lisbon", "oss", "alumni")
# Touch kinds weighted roughly as people log them; received messages are drawn separately.
KIND_WEIGHTS = {
    "met": 6, "call": 8, "coffee": 10, "meal": 5, "video": 8, "email": 25, "message": 20,
    "favor-given": 2, "favor-received": 2, "thanks": 6, "share": 4, "congrats": 2, "report": 1,
}  # fmt: skip
SHOW_NAME = "Zelda Benchmark"  # one unique name `show` can be timed on
HISTORY_DAYS = 3 * 365
SHAPES = ("uniform", "person")
# The person shape (see the docstring): Dunbar's layers the user rated (strength, how many), then acquaintances.
LAYERS = ((5, 5), (4, 15), (3, 50), (2, 80))
IN_TOUCH = 1_500  # the rated layers and the acquaintances: everyone touched in the last three years
RECENT_PER_DAY = 25  # a person's touches a day over the last three years, whatever the network's size
ARCHIVE_DAYS = (3 * 365, 15 * 365)  # the faded ties' exchanges: an old mail archive


def build(
    target: str, contacts: int, touches: int, seed: int = 5, today: date = date(2026, 11, 23), shape: str = "uniform"
) -> dict:
    """Write the database at `target`, a new file or the URL of an empty database; counts of what was written."""
    if "://" not in target and Path(target).exists():
        raise SystemExit(f"{target} exists; remove it first.")
    rng = random.Random(seed)
    store = open_store(database_url(target))
    if reads.contact_names(store.reader):
        store.close()
        raise SystemExit(f"{target.split('@')[-1]} already holds contacts; give an empty database.")
    try:

        def work(session) -> dict:
            fill = _fill_person if shape == "person" else _fill
            summary = fill(session, rng, contacts, touches, today)
            cache.rebuild(session)
            return summary

        summary = store.write(work)
        if store.dialect == "sqlite":
            store.run(lambda connection: connection.exec_driver_sql("PRAGMA optimize"))
    finally:
        store.close()
    return summary


def _name(rng: random.Random, cid: int, contacts: int, seen: dict[str, int]) -> str:
    """Contact `cid`'s name: SHOW_NAME halfway, else a drawn one, numbered when drawn before (`seen` counts)."""
    name = SHOW_NAME if cid == contacts // 2 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name} {seen[name]}"


def _tags(rng: random.Random, cid: int) -> list[dict]:
    """None, one or two of TAGS for contact `cid`."""
    return [{"contact_id": cid, "name": tag} for tag in rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2)))]


def _fill(session, rng: random.Random, contacts: int, touches: int, today: date) -> dict:
    seen: dict[str, int] = {}
    contact_rows, tag_rows = [], []
    for cid in range(1, contacts + 1):
        name = _name(rng, cid, contacts, seen)
        created = today - timedelta(days=rng.randrange(HISTORY_DAYS))
        row = {
            "id": cid,
            "name": name,
            "strength": rng.choices((1, 2, 3, 4, 5), weights=(20, 35, 25, 12, 8))[0],
            "company": rng.choice(COMPANIES),
            "email": f"user{cid}@example.org" if rng.random() < 0.6 else None,
            "created_on": created,
            "cadence_days": rng.choice((14, 30, 90)) if rng.random() < 0.05 else None,
            "snoozed_until": today + timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.03 else None,
        }
        if cid > 10 and rng.random() < 0.05:  # introduced by an earlier contact
            row["introduced_by_id"] = rng.randrange(1, cid)
            row["introduced_on"] = today - timedelta(days=rng.randrange(60))
        contact_rows.append(row)
        tag_rows.extend(_tags(rng, cid))
    records.insert_contacts(session, contact_rows)
    records.insert_tags(session, tag_rows)

    kind_names, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    batch = []
    for n in range(touches):
        contact = contact_rows[n % contacts] if n < contacts else rng.choice(contact_rows)  # everyone has one
        # Skewed towards the recent past so thank-yous, nudges and meetings are due.
        age = int(rng.triangular(0, HISTORY_DAYS, 0))
        kind = rng.choices(kind_names, weights)[0]
        received = kind in ("email", "message", "share", "congrats") and rng.random() < 0.45
        batch.append(
            {
                "contact_id": contact["id"],
                "kind": kind,
                "happened_on": today - timedelta(days=age),
                "direction": kinds.direction_of(kind, received),
                "note": "synthetic" if rng.random() < 0.3 else None,
                "logged_by": "bench",
            }
        )
        if len(batch) >= 50_000:
            records.insert_touches(session, batch)
            batch = []
    intros = [r for r in contact_rows if r.get("introduced_by_id")]
    for row in intros:  # the intro touch on the introducer, naming the person introduced
        batch.append(
            {
                "contact_id": row["introduced_by_id"],
                "kind": "intro",
                "happened_on": row["introduced_on"],
                "direction": "in",
                "other_id": row["id"],
                "logged_by": "bench",
            }
        )
    records.insert_touches(session, batch)
    dismissed = rng.sample(contact_rows, max(1, contacts // 100))
    for row in dismissed:
        records.set_done(session, row["id"], rng.choice(kinds.ACTIONS), today - timedelta(days=rng.randrange(30)))
    return {"contacts": contacts, "touches": touches + len(intros), "tags": len(tag_rows), "dismissals": len(dismissed)}


def _fill_person(session, rng: random.Random, contacts: int, touches: int, today: date) -> dict:
    """One person's network of `contacts` (the `person` shape of the module's docstring)."""
    seen: dict[str, int] = {}
    contact_rows, tag_rows = [], []
    rated = [strength for strength, count in LAYERS for _ in range(count)]
    in_touch = min(IN_TOUCH, contacts)
    rest = contacts - in_touch
    faded_ids = set(range(in_touch + 1, in_touch + 1 + rest // 2))  # half the long tail faded, half never spoken to
    for cid in range(1, contacts + 1):
        name = _name(rng, cid, contacts, seen)
        row = {
            "id": cid,
            "name": name,
            "strength": rated[cid - 1] if cid <= len(rated) else (kinds.DEFAULT_LEVEL if cid <= in_touch or cid in faded_ids else 1),
            "strength_set": cid <= len(rated),
            "company": rng.choice(COMPANIES),
            "email": f"user{cid}@example.org" if cid <= in_touch or cid in faded_ids or rng.random() < 0.3 else None,
            "created_on": today - timedelta(days=rng.randrange(HISTORY_DAYS if cid <= in_touch else ARCHIVE_DAYS[1])),
            "cadence_days": rng.choice((14, 30, 90)) if cid <= len(rated) and rng.random() < 0.1 else None,
            "snoozed_until": today + timedelta(days=rng.randrange(1, 30)) if cid <= in_touch and rng.random() < 0.03 else None,
        }
        if 10 < cid <= in_touch and rng.random() < 0.05:  # introduced by someone in touch
            row["introduced_by_id"] = rng.randrange(1, min(cid, len(rated) + 1))
            row["introduced_on"] = today - timedelta(days=rng.randrange(HISTORY_DAYS))
        contact_rows.append(row)
        tag_rows.extend(_tags(rng, cid))
    records.insert_contacts(session, contact_rows)
    records.insert_tags(session, tag_rows)

    kind_names, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    # Who the recent touches go to: the closer, the more often (weights by strength), acquaintances now and then.
    weight_of = {5: 40, 4: 15, 3: 6, 2: 2}
    people = contact_rows[:in_touch]
    people_weights = [weight_of[r["strength"]] if r["strength_set"] else 1 for r in people]
    recent = min(touches, RECENT_PER_DAY * HISTORY_DAYS)
    faded = [r for r in contact_rows if r["id"] in faded_ids]
    never = [r for r in contact_rows[in_touch:] if r["id"] not in faded_ids]
    archive = touches - recent - len(never) if faded else 0
    batch: list[dict] = []

    def touch(contact: dict, kind: str, on: date, received: bool = False, **more) -> None:
        more.setdefault("direction", kinds.direction_of(kind, received))
        batch.append({"contact_id": contact["id"], "kind": kind, "happened_on": on,
                      "note": "synthetic" if rng.random() < 0.3 else None, "logged_by": "bench", **more})  # fmt: skip
        if len(batch) >= 50_000:
            records.insert_touches(session, batch)
            batch.clear()

    for n in range(recent):
        contact = people[n] if n < len(people) else rng.choices(people, people_weights)[0]  # everyone in touch has one
        kind = rng.choices(kind_names, weights)[0]
        received = kind in ("email", "message", "share", "congrats") and rng.random() < 0.45
        touch(contact, kind, today - timedelta(days=rng.randrange(HISTORY_DAYS)), received)
    for n in range(max(archive, 0)):
        contact = faded[n] if n < len(faded) else rng.choice(faded)
        kind = rng.choice(("email", "email", "email", "message", "call", "met"))
        received = kind in ("email", "message") and rng.random() < 0.5
        touch(contact, kind, today - timedelta(days=rng.randrange(*ARCHIVE_DAYS)), received)
    for row in never:  # LinkedIn's Connected On
        touch(row, "connected", row["created_on"], place="LinkedIn")
    for row in (r for r in contact_rows if r.get("introduced_by_id")):  # the intro touch on the introducer
        touch(next(r for r in people if r["id"] == row["introduced_by_id"]), "intro", row["introduced_on"], direction="in", other_id=row["id"])
    records.insert_touches(session, batch)
    dismissed = rng.sample(people, max(1, in_touch // 100))
    for row in dismissed:
        records.set_done(session, row["id"], rng.choice(kinds.ACTIONS), today - timedelta(days=rng.randrange(30)))
    return {"shape": "person", "contacts": contacts, "rated": min(len(rated), contacts), "in_touch": in_touch,
            "faded": len(faded), "never_spoken": len(never), "recent_touches": recent, "archive_touches": max(archive, 0),
            "tags": len(tag_rows), "dismissals": len(dismissed)}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="a new SQLite file, or the URL of an empty database (PostgreSQL)")
    parser.add_argument("--size", choices=SIZES)
    parser.add_argument("--contacts", type=int)
    parser.add_argument("--touches", type=int)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    parser.add_argument("--shape", choices=SHAPES, default="uniform", help="uniform (the default) or person: see above")
    args = parser.parse_args(argv)
    contacts, touches = SIZES[args.size] if args.size else (args.contacts, args.touches)
    if not contacts or touches is None:
        parser.error("give --size or both --contacts and --touches")
    start = time.perf_counter()
    summary = build(args.target, contacts, touches, args.seed, args.today, args.shape)
    print(f"{args.target.split('@')[-1]}: {summary} in {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
