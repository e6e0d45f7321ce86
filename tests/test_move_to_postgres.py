"""Moving a whole history from a SQLite file to PostgreSQL: `export json` piped into `import json -`."""

from __future__ import annotations

import os


def test_export_from_sqlite_import_into_postgresql_keeps_due(netlog, pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("NETLOG_DB", str(tmp_path / "source.db"))
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--on", "last friday")
    netlog("log", "ana", "coffee", "--on", "2 days ago")
    netlog("add", "Bo", "--on", "2025-01-05")
    netlog("log", "bo", "intro", "--to", "Cy", "--on", "2026-11-10")
    netlog("snooze", "Cy", "--until", "2026-12-01")
    before = netlog.json("due")
    exported = netlog("export", "json").stdout
    netlog("--db", pg_url, "import", "json", "-", input=exported)
    monkeypatch.setenv("NETLOG_DB", pg_url)
    assert netlog.json("due") == before
    assert os.environ["NETLOG_DB"].startswith("postgresql")
    # imported ids were given explicitly: the id sequence must have moved past them
    netlog("add", "Dee Park", "--on", "yesterday")
    assert sorted(c["name"] for c in netlog.json("list")) == ["Ana Lima", "Bo", "Cy", "Dee Park"]
