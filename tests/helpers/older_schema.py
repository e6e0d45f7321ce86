"""Make a test database look as an older netlog left it: undo the schema steps after a version.

    with sqlite3.connect(db_path) as db:
        back_to(db, 19)   # drops what steps 20.. added and their records

Each step's undo is written here once, so a new migration adds one line (its undo) instead of one line in
every test that stands a database at an older version. Only the steps these tests go back past are listed;
`back_to` refuses a version it cannot undo to, so a test never sits on a half-old file by mistake."""

from __future__ import annotations

import sqlite3

# What each step made, undone (SQLite): version -> statements.
UNDO: dict[int, tuple[str, ...]] = {
    24: ("DROP INDEX ix_contact_snoozed_until", "DROP INDEX ix_contact_kind", "DROP INDEX ix_contact_family"),
    23: ("ALTER TABLE touch DROP COLUMN subject",),
    22: ("DROP INDEX ix_contact_introduced_by_id",),
    21: (),  # names keyed as find reads them: data only
    20: ("DROP TABLE removed_card",),
    19: ("ALTER TABLE touch DROP COLUMN asks",),
}


def back_to(db: sqlite3.Connection, version: int) -> None:
    """Undo every step after `version`, newest first, and forget their records."""
    latest = db.execute("SELECT max(id) FROM netlog_migration").fetchone()[0]
    steps = range(latest, version, -1)
    missing = [step for step in steps if step not in UNDO]
    if missing:  # checked before undoing anything
        raise AssertionError(f"no undo for step(s) {missing} in tests/helpers/older_schema.py: add them")
    for step in steps:
        for statement in UNDO[step]:
            db.execute(statement)
    db.execute("DELETE FROM netlog_migration WHERE id > ?", (version,))
