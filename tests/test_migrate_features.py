"""A version-1 database (before issue 9) upgrades: new columns and tables appear, the cache is rebuilt from
the touches, and every later feature works on it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "v1.db"


def test_upgrade_from_version_1(netlog, db_path):
    shutil.copyfile(FIXTURE, db_path)
    with sqlite3.connect(db_path) as conn:  # a version-1 file with favors in it, its summaries from then
        for table in ("touch", "tag", "dismissal", "contact_state", "contact"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("INSERT INTO contact (id, name, strength, created_on) VALUES (1, 'Ana Lima', 3, '2026-01-01')")
        for n, (kind, direction, on) in enumerate(
            [("met", "both", "2026-01-01"), ("favor-received", "in", "2026-03-05"),
             ("favor-received", "in", "2026-10-01"), ("thanks", "out", "2026-10-01")], 1
        ):  # fmt: skip
            conn.execute(
                "INSERT INTO touch (id, contact_id, kind, happened_on, direction) VALUES (?, 1, ?, ?, ?)",
                (n, kind, on, direction),
            )
        conn.execute("UPDATE netlog_meta SET value = '1' WHERE key = 'history_version'")
    items = netlog.json("due")
    assert items[0]["reason"].startswith("Ana has helped you twice since March")
    assert netlog.json("show", "Ana")["balance"]["unreturned_favors"] == 2
    assert list(db_path.parent.glob("netlog.db.v1-*.bak"))
    netlog("edit", "Ana", "--moment", "started at Contoso")
    netlog("add", "Bo Chen", "--on", "2026-11-01")
    netlog("intro", "Ana", "Bo")
