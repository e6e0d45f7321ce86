"""The derived cache refilled whole, a page of contacts at a time (network/cache.py), holds what every write's
refresh of one contact at a time left there: each History, the days `due` reads by, the pool's tier facts and
every search document."""

from __future__ import annotations

import json
import sqlite3

import pytest

from netlog.network import cache

WORDS = ("lisbon", "hiring", "kubernetes", "ceramics", "sailing", "tax", "mentoring", "vinyl")


def _network(netlog) -> None:
    """Ten contacts, one of them removed (a gap in the ids), with touches of every kind that says something."""
    for n in range(10):
        word = WORDS[n % len(WORDS)]
        netlog("add", f"Person{n} Lima", "--on", f"2026-0{1 + n % 9}-1{n % 10}", "--met-at", f"{word} meetup",
               "--topics", f"{word}, talks", "--company", f"Co{n % 3}", "--strength", str(1 + n % 5),
               "--tag", f"t{n % 4}", "--note", f"likes {word}")  # fmt: skip
        if n % 2:
            netlog("log", f"Person{n}", "coffee", "--on", "2026-11-02", "--advice", f"the {word} role")
        if n % 3 == 0:
            netlog("log", f"Person{n}", "email", "--received", "--on", "2026-11-18", "--about", f"your {word} talk")
        if n % 4 == 1:
            netlog("log", f"Person{n}", "email", "--on", "2026-11-10", "--note", "asked about the workshop?")
    netlog("rm", "Person4", "--yes")


def _derived(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        tables = {t: db.execute(f"SELECT * FROM {t} ORDER BY contact_id").fetchall() for t in ("contact_state", "contact_search")}
        tables["meta"] = db.execute("SELECT key, value FROM netlog_meta WHERE key LIKE '%version' ORDER BY key").fetchall()
    db.close()
    return tables


@pytest.mark.parametrize("stale", ["history_version", "search_version"])
def test_a_rebuild_in_pages_holds_what_each_write_refreshed(netlog, db_path, monkeypatch, stale):
    _network(netlog)
    refreshed = _derived(db_path)
    assert len(refreshed["contact_state"]) == 9 and len(refreshed["contact_search"]) == 9
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE netlog_meta SET value = 'old' WHERE key = ?", (stale,))
        db.execute("DELETE FROM contact_search")  # what the rebuild must write again, whichever version is stale
        if stale == "history_version":
            db.execute("DELETE FROM contact_state")
    db.close()
    monkeypatch.setattr(cache, "PAGE", 2)  # five pages of two, one of them with a removed contact's gap
    due = netlog("due")
    assert _derived(db_path) == refreshed
    assert "Person1" in due.stdout
    found = netlog.json("find", "kubernetes")
    assert [r["contact"] for r in found] == ["Person2 Lima"]
    assert [r["contact"] for r in netlog.json("find", "ceramics")] == ["Person3 Lima"]


@pytest.mark.parametrize("share, way", [(2, "refresh"), (8, "rebuild")])
def test_an_import_leaves_the_cache_a_rebuild_would(netlog, db_path, tmp_path, monkeypatch, share, way):
    """An import that changed five of eleven contacts: refreshed one by one when they are a small share of the
    network, the whole cache refilled when they are a large one; the cache is the same either way."""
    _network(netlog)  # nine contacts
    export = tmp_path / "Connections.csv"
    rows = [f"Person{n},Lima,https://www.linkedin.com/in/p{n},,NewCo{n},Lead,02 Nov 2026" for n in (1, 2, 3)]
    rows += [f"New{n},Silva,https://www.linkedin.com/in/new{n},,Acme,Dev,03 Nov 2026" for n in (1, 2)]
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows) + "\n")
    monkeypatch.setattr(cache, "REBUILD_FROM", 2)
    monkeypatch.setattr(cache, "REBUILD_SHARE", share)  # 5 x 2 < 11 contacts: refresh; 5 x 8 > 11: rebuild
    taken = []
    for name in ("refresh", "rebuild"):
        real = getattr(cache, name)
        monkeypatch.setattr(cache, name, lambda *args, real=real, name=name, **kw: (taken.append(name), real(*args, **kw))[1])
    netlog("import", "linkedin", str(export))
    assert taken[:1] == [way]
    imported = _derived(db_path)
    assert len(imported["contact_state"]) == 11
    assert [r["contact"] for r in netlog.json("find", "newco2")] == ["Person2 Lima"]
    with sqlite3.connect(db_path) as db:  # the same network, its cache made from nothing
        db.execute("UPDATE netlog_meta SET value = 'old' WHERE key = 'history_version'")
        db.execute("DELETE FROM contact_state")
        db.execute("DELETE FROM contact_search")
    db.close()
    netlog("due")
    assert _derived(db_path) == imported


def test_an_import_that_says_who_introduced_someone_refreshes_them(netlog, db_path):
    """A backup that adds who introduced a contact (and when) changes what is due for them: their cached History
    and pool day follow, as a rebuild from nothing would have them."""
    netlog("add", "Ana Lima", "--on", "2026-09-01")
    netlog("add", "Bo Berg", "--on", "2026-09-01")
    document = json.loads(netlog("export", "json").stdout)
    ana = next(c for c in document["contacts"] if c["name"] == "Ana Lima")
    ana["introduced_by_id"] = next(c["id"] for c in document["contacts"] if c["name"] == "Bo Berg")
    ana["introduced_on"] = "2026-11-16"
    netlog("import", "json", "-", input=json.dumps(document))
    imported = _derived(db_path)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE netlog_meta SET value = 'old' WHERE key = 'history_version'")
    db.close()
    netlog("due")
    assert _derived(db_path) == imported


def test_a_contact_added_during_a_rebuild_on_postgresql(netlog, pg_url, monkeypatch):
    """On PostgreSQL each page of a rebuild reads what is committed when it is read: a contact another netlog adds
    meanwhile (its own write stores its search document) is in a later page, and the rebuild still lands."""
    import os
    import subprocess
    import sys

    from netlog.storage.opening import open_store

    monkeypatch.setenv("NETLOG_DB", pg_url)
    for n in range(5):
        netlog("add", f"Person{n} Lima", "--topics", WORDS[n])
    monkeypatch.setattr(cache, "PAGE", 2)
    documents, added = cache._documents, []

    def and_meanwhile(*args, **kwargs):
        if not added:  # after the first page is read, before it is written: another netlog adds someone
            added.append(subprocess.run([sys.executable, "-m", "netlog", "add", "Zed Concurrent", "--topics", "origami"],
                                        env=dict(os.environ), capture_output=True, text=True, timeout=60))  # fmt: skip
        return documents(*args, **kwargs)

    monkeypatch.setattr(cache, "_documents", and_meanwhile)
    store = open_store(pg_url)
    try:
        assert store.write(lambda session: cache.rebuild(session, recreate=False)) == 6
    finally:
        store.close()
    assert added[0].returncode == 0, added[0].stderr
    monkeypatch.setattr(cache, "_documents", documents)
    assert [r["contact"] for r in netlog.json("find", "origami")] == ["Zed Concurrent"]
    assert [r["contact"] for r in netlog.json("find", "kubernetes")] == ["Person2 Lima"]
