"""The daily allowance's picks, remembered (issue 23, "Stable picks"): the list of today remembers who it picked
(day_pick, one row per person picked per day), so what happens later that day never redraws them, tomorrow
brings other people, and nobody is picked again within a month while anyone else is left."""

from __future__ import annotations

import sqlite3

import pytest

from test_capture_defects import _dormant, _picks


def test_what_happens_later_that_day_does_not_redraw_the_picks(netlog, tmp_path):
    _dormant(netlog, tmp_path, 10)
    first = [i["contact"] for i in _picks(netlog)]
    assert len(first) == 3
    netlog("add", "Aaron Aardvark", "--strength", "1")  # a new tie, and a new dormant one, move the rotation
    rows = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAbe,Early,https://www.linkedin.com/in/abe,,Co,Designer,01 Mar 2024\n"
    (tmp_path / "more.csv").write_text("Notes:\n\"...\"\n\n" + rows)
    netlog("import", "linkedin", str(tmp_path / "more.csv"))
    assert [i["contact"] for i in _picks(netlog)] == first
    assert [i["contact"] for i in netlog.json("due", "--all") if i["occasion"] == "reconnect" and not i["held"]] == first


def test_a_larger_allowance_for_one_look_leaves_the_day_s_picks_in_place(netlog, tmp_path):
    """`due --reconnect 5` once (a look at more) then plain `due`: the three listed this morning are listed
    again, not the first three of the five by rank (the interface audit: 9, 7, 8 became 6, 7, 8)."""
    _dormant(netlog, tmp_path, 12)
    first = [i["contact"] for i in _picks(netlog)]
    assert len(first) == 3
    more = [i["contact"] for i in netlog.json("due", "--reconnect", "5") if i["occasion"] == "reconnect"]
    assert len(more) == 5 and set(first) <= set(more)
    assert [i["contact"] for i in _picks(netlog)] == first


def test_tomorrow_brings_other_people_and_nobody_comes_back_within_a_month(netlog, tmp_path, monkeypatch):
    _dormant(netlog, tmp_path, 12)
    seen: dict[str, list[str]] = {}
    for day in ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"):
        monkeypatch.setenv("NETLOG_TODAY", day)
        for name in (i["contact"] for i in _picks(netlog)):
            seen.setdefault(name, []).append(day)
    assert len(seen) == 12 and all(len(days) == 1 for days in seen.values()), seen
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-27")  # everyone was picked lately: the longest rested come round
    assert {i["contact"] for i in _picks(netlog)} == {n for n, days in seen.items() if days == ["2026-11-23"]}


@pytest.mark.sqlite_only
def test_only_todays_list_is_remembered(netlog, tmp_path, db_path):
    _dormant(netlog, tmp_path, 10)
    netlog("due", "--on", "2026-11-30")
    netlog("due", "--json", "--reconnect", "0")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM day_pick").fetchone() == (0,)
    shown = [i["contact_id"] for i in _picks(netlog)]
    netlog("due", "--limit", "1")  # a screenful remembers the same picks again: nothing new
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT picked_on, contact_id FROM day_pick ORDER BY contact_id").fetchall()
    assert rows == [("2026-11-23", i) for i in sorted(shown)]


def test_a_database_that_cannot_be_written_still_lists_the_day(netlog, tmp_path, monkeypatch):
    """Remembering the picks is the one write `due` makes: when it fails (read-only media, a full disk, a lock
    held too long) the list is still shown, it is only not remembered."""
    from netlog.errors import DatabaseError
    from netlog.storage.store import Store

    _dormant(netlog, tmp_path, 10)

    def refuse(self, rows):
        raise DatabaseError("netlog.db is on read-only media; nothing was written.")

    monkeypatch.setattr(Store, "add_day_picks", refuse)
    assert len(_picks(netlog)) == 3


def test_showing_the_list_again_the_same_day_writes_nothing(netlog, tmp_path, monkeypatch):
    """Once today's picks are remembered, `due` (and review, digest) shown again that day has nothing to write,
    so it opens no write transaction: it never waits for another netlog's write to store picks already stored
    (issue 25). A pick not remembered yet is still written."""
    from netlog.storage.store import Store

    _dormant(netlog, tmp_path, 10)
    first = _picks(netlog)  # remembered here
    written: list[list[int]] = []
    remember = Store.add_day_picks

    def counted(self, rows):
        written.append(sorted(r["contact_id"] for r in rows))
        remember(self, rows)

    monkeypatch.setattr(Store, "add_day_picks", counted)
    assert _picks(netlog) == first
    netlog("due")
    netlog("due", "--reconnect", "2")
    assert written == []
    more = [i for i in netlog.json("due", "--reconnect", "4") if i["occasion"] == "reconnect"]
    assert len(more) == 4  # one more pick today: only it is written
    assert len(written) == 1 and len(written[0]) == 1 and written[0][0] not in {i["contact_id"] for i in first}
