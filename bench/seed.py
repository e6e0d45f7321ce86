"""Fill a database with N contacts (default 10,000), each with a few touches, through the storage API.

    python bench/seed.py URL_OR_PATH [N]

Then: NETLOG_DB=URL_OR_PATH hyperfine 'netlog due'
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from netlog import kinds, network
from netlog.storage import database_url, open_database, queries

KINDS = ["call", "coffee", "email", "message", "favor-received", "share", "video"]


def seed(url: str, count: int) -> None:
    db = open_database(database_url(url))
    rng = random.Random(7)
    today = date(2026, 11, 23)

    def work() -> None:
        for n in range(count):
            met = today - timedelta(days=rng.randint(1, 900))
            cid = queries.insert_contact(
                db, {"name": f"Person {n:05d}", "strength": rng.randint(1, 4), "created_on": met}
            )
            user = rng.choice(["ana", "bo", "cy"])
            queries.insert_touch(
                db, {"contact_id": cid, "kind": "met", "happened_on": met, "direction": "both", "logged_by": user}
            )
            for _ in range(rng.randint(0, 4)):
                on = met + timedelta(days=rng.randint(0, (today - met).days))
                kind = rng.choice(KINDS)
                queries.insert_touch(
                    db,
                    {"contact_id": cid, "kind": kind, "happened_on": on, "direction": kinds.direction_of(kind, False),
                     "logged_by": rng.choice(["ana", "bo", "cy"])},
                )
        network.rebuild_histories(db)

    db.write(work)
    db.close()


if __name__ == "__main__":
    seed(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
