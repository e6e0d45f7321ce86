"""`netlog due`'s steps (as network/agenda.py takes them), run up to one of them and stopped, for counting instructions (valgrind gives the same
count on every run, whatever the machine's load): the difference between two stops is what the step costs.

    NETLOG_DB=/tmp/bench-large/medium.db valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/due_steps.py STEP        # STEP: import, open, candidates, read, ties, items, rank, print, top

`items` stops once the rules have found every item (rank_due's first half: nothing ranked, one a person or
picked yet); `top` is `rank` for a terminal's screenful (rules.rank_top, 22 rows: an 80x24 terminal), instead
of the whole list.

Run it once without valgrind first, so the bytecode is cached (unset PYTHONDONTWRITEBYTECODE). Today is
$NETLOG_TODAY or 2026-11-23 (bench/generate.py's)."""

from __future__ import annotations

import gc
import os
import sys
from datetime import date, timedelta

STEPS = ("import", "open", "candidates", "read", "ties", "items", "rank", "print", "top")


def main() -> None:
    stop = sys.argv[1] if len(sys.argv) > 1 else "print"
    if stop not in STEPS:
        raise SystemExit(f"STEP is one of {', '.join(STEPS)}")
    import netlog.cli  # noqa: F401  (Typer and the CLI, as every command imports them)

    gc.set_threshold(1_000_000, 20, 100)  # as cli.main does
    gc.freeze()
    from netlog.network import agenda, cache
    from netlog.network.ties import intro_from_row, ties_from_rows
    from netlog.people.me import recorded
    from netlog.rules import allowance
    from netlog.rules import due as rules
    from netlog.storage import reads
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store
    from netlog.ui import render

    if stop == "import":
        return
    store = open_store(database_url(None))
    cache.ensure_current(store)
    db = store.reader
    if stop == "open":
        return
    today = date.fromisoformat(os.environ.get("NETLOG_TODAY", "2026-11-23"))
    window = rules.due_window(today)
    with db.snapshot():
        rows = reads.due_candidates(db, window._asdict())
        if stop == "candidates":
            return
        dismissals = reads.dismissal_rows(db)
        intros = [intro_from_row(r) for r in reads.intro_rows(db)]
        network = agenda._network_facts(db, window)
        picked_on = reads.day_picks(db, today - timedelta(days=allowance.PICK_REST_DAYS))
        me = recorded(db)
        personal = reads.personal_ties(db, me.family_key, me.family_tag)
    if stop == "read":
        return
    ties = ties_from_rows(rows, dismissals)
    del rows
    if stop == "ties":
        return
    if stop == "items":
        by_id = {tie.id: tie for tie in ties}
        rules._every_item(today, ties, intros, by_id, rules._Names(network["first_names_shared"]), me.days_off)
        return
    if stop == "top":
        rules.rank_top(today, ties, intros, top=22, picked_on=picked_on, personal=personal, days_off=me.days_off, **network)
        return
    items = rules.rank_due(today, ties, intros, picked_on=picked_on, personal=personal, days_off=me.days_off, **network)
    if stop == "rank":
        return
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        render.PlainOutput().due(items, today, today)


if __name__ == "__main__":
    main()
