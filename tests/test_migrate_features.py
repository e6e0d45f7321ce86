"""A version-1 database (before issue 9) upgrades: new columns and tables appear, summaries are rebuilt."""

from __future__ import annotations

from datetime import date

from netlog.storage import migrations
from netlog.storage.drivers import SqliteDatabase


def test_upgrade_from_version_1(netlog, db_path):
    db = SqliteDatabase(db_path, f"sqlite:///{db_path}")
    db.configure()
    with db.transaction():
        migrations._create_migration_table(migrations.Migrator(db))
        migrations._initial(migrations.Migrator(db))
        db.execute("INSERT INTO netlog_migration (id, name, applied_on) VALUES (1, 'initial', :on)", {"on": date(2026, 1, 1)})
        db.execute(
            "INSERT INTO contact (id, name, strength, created_on) VALUES (1, 'Ana Lima', 3, :on)", {"on": date(2026, 1, 1)}
        )
        for n, (kind, direction, on) in enumerate(
            [("met", "both", date(2026, 1, 1)), ("favor-received", "in", date(2026, 3, 5)),
             ("favor-received", "in", date(2026, 10, 1)), ("thanks", "out", date(2026, 10, 1))], 1
        ):  # fmt: skip
            db.execute(
                "INSERT INTO touch (id, contact_id, kind, happened_on, direction) VALUES (:id, 1, :kind, :on, :dir)",
                {"id": n, "kind": kind, "on": on, "dir": direction},
            )
        db.execute("INSERT INTO netlog_meta (key, value) VALUES ('history_version', '1')")
    db.close()
    items = netlog.json("due")
    assert items[0]["reason"].startswith("Ana has helped you twice since March")
    assert netlog.json("show", "Ana")["balance"]["unreturned_favors"] == 2
    assert list(db_path.parent.glob("netlog.db.v1-*.bak"))
    netlog("edit", "Ana", "--moment", "started at Contoso")
    netlog("add", "Bo Chen", "--on", "2026-11-01")
    netlog("intro", "Ana", "Bo")
