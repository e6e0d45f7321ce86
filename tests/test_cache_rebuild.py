"""The derived cache refilled whole, a page of contacts at a time (network/cache.py), holds what every write's
refresh of one contact at a time left there: each History, the days `due` reads by, the pool's tier facts and
every search document."""

from __future__ import annotations

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
