"""Schema versions: old data survives, the migrated schema is exactly models.py, newer files are refused
untouched, and a backup is taken before any migration."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "v1.db"


def dump(path: Path, table: str) -> list[tuple]:
    """The table's rows, in the columns it had at version 1 (later migrations only add columns)."""
    with sqlite3.connect(FIXTURE) as conn:
        columns = ", ".join(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2").fetchall()


def version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT MAX(id) FROM netlog_migration").fetchone()[0]


@pytest.fixture
def v1_copy(tmp_path) -> Path:
    target = tmp_path / "v1" / "netlog.db"
    target.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, target)
    return target


def test_fixture_is_version_1():
    assert version(FIXTURE) == 1


def test_v1_database_opens_with_every_contact_and_touch_intact(netlog, v1_copy):
    before = {t: dump(v1_copy, t) for t in ("contact", "touch", "tag")}
    contacts = netlog.json("--db", str(v1_copy), "list")
    assert sorted(c["name"] for c in contacts) == ["Ana Lima", "Bruno Costa", "Chloé Dubois"]
    ana = netlog.json("--db", str(v1_copy), "show", "Ana")
    assert ana["email"] == "ana@example.org"
    chloe = netlog.json("--db", str(v1_copy), "show", "Chloé")
    assert chloe["note"] == "likes 'quotes' & unicode ✓" or "likes 'quotes' & unicode ✓" in str(chloe)
    assert netlog.json("--db", str(v1_copy), "show", "chloe dub")["id"] == chloe["id"]  # folded names backfilled
    assert {t: dump(v1_copy, t) for t in ("contact", "touch", "tag")} == before
    assert len(before["contact"]) == 3 and len(before["touch"]) == 7


def _schema(engine) -> dict:
    """Everything a schema is made of, per table: columns with type, nullability and default; the primary
    key; foreign keys with their ON DELETE; indexes."""
    from sqlalchemy import inspect

    found = {}
    inspector = inspect(engine)
    for table in sorted(inspector.get_table_names()):
        found[table] = {
            "columns": {
                c["name"]: (str(c["type"]), bool(c["nullable"]), c.get("default")) for c in inspector.get_columns(table)
            },
            "primary_key": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)),
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]), f["options"].get("ondelete"))
                for f in inspector.get_foreign_keys(table)
            ),
        }
    return found


ALL_TABLES = {"contact", "contact_point", "tag", "touch", "dismissal", "contact_state", "netlog_meta", "intro_offer",
              "netlog_migration", "contact_search", "day_pick", "sync_item", "contact_note", "removed_card"}  # fmt: skip
# SQLite's full-text index over contact_search (storage/search.py): a virtual table and the tables FTS5 keeps it in,
# made by storage, not by the models' metadata.
FTS_TABLES = {"contact_search_fts", *(f"contact_search_fts_{part}" for part in ("config", "data", "docsize", "idx"))}


def test_upgraded_v1_database_has_the_schema_of_a_fresh_one(netlog, v1_copy, tmp_path):
    from sqlalchemy import create_engine

    fresh = tmp_path / "fresh.db"
    netlog("--db", str(fresh), "list")
    netlog("--db", str(v1_copy), "list")  # upgrades it, and rebuilds the cache
    upgraded = _schema(create_engine(f"sqlite:///{v1_copy}"))
    expected = _schema(create_engine(f"sqlite:///{fresh}"))
    assert set(expected) == ALL_TABLES | FTS_TABLES
    assert upgraded == expected


def test_a_fresh_database_is_the_models_metadata(tmp_path):
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import netlog.models  # noqa: F401  (registers the tables)
    from netlog.storage.opening import open_store

    created = tmp_path / "created.db"
    open_store(f"sqlite:///{created}").close()
    from_models = create_engine(f"sqlite:///{tmp_path / 'models.db'}")
    SQLModel.metadata.create_all(from_models)
    schema = _schema(create_engine(f"sqlite:///{created}"))
    assert FTS_TABLES <= set(schema)
    assert {t: v for t, v in schema.items() if t not in FTS_TABLES} == _schema(from_models)


def test_newer_database_is_refused_and_left_byte_identical(netlog, v1_copy):
    with sqlite3.connect(v1_copy) as conn:
        conn.execute("INSERT INTO netlog_migration (id, name, applied_on) VALUES (99, 'from the future', '2030-01-01')")
    before = v1_copy.read_bytes()
    files_before = sorted(p.name for p in v1_copy.parent.iterdir())
    for args in (["list"], ["log", "Ana", "call"], ["backup"]):
        result = netlog("--db", str(v1_copy), *args, ok=False)
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "schema version 99, newer than this netlog understands" in lines[0]
    assert v1_copy.read_bytes() == before
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == files_before  # no backup, no -wal


def test_backup_is_taken_before_migrating(netlog, v1_copy, monkeypatch):
    from netlog.storage import migrations

    def add_pronouns(op: migrations.Operations) -> None:
        from sqlalchemy import Column, String

        op.add_column("contact", Column("pronouns", String))

    newest = len(migrations.MIGRATIONS) + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("pronouns", add_pronouns)])
    monkeypatch.setattr(migrations, "LATEST", newest)
    original = v1_copy.read_bytes()
    netlog("--db", str(v1_copy), "list")
    backup = v1_copy.with_name("netlog.db.v1-2026-11-23.bak")
    assert backup.exists()
    assert version(backup) == 1 and version(v1_copy) == newest
    with sqlite3.connect(backup) as conn:
        assert "pronouns" not in [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    assert dump(backup, "contact") == dump(FIXTURE, "contact")
    assert len(original) > 0


def test_failed_migration_leaves_the_version_and_data_alone(netlog, v1_copy, monkeypatch):
    from netlog.storage import migrations

    def half_then_fail(op: migrations.Operations) -> None:
        op.connection.exec_driver_sql("ALTER TABLE contact ADD COLUMN pronouns TEXT")
        raise RuntimeError("disk on fire")

    good = len(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("broken", half_then_fail)])
    monkeypatch.setattr(migrations, "LATEST", good + 1)
    with pytest.raises(RuntimeError):
        from netlog.storage.opening import open_store

        open_store(f"sqlite:///{v1_copy}")
    assert version(v1_copy) == good  # the real steps landed, each in its own transaction; the broken one not
    with sqlite3.connect(v1_copy) as conn:
        assert "pronouns" not in [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    assert dump(v1_copy, "contact") == dump(FIXTURE, "contact")
