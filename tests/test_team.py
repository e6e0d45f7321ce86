"""A shared database: who logged each touch, `due --mine`, and who on the team knows someone (runs on
SQLite and, in the second pass of .ci/run, on PostgreSQL)."""

from __future__ import annotations


def as_user(monkeypatch, user: str) -> None:
    monkeypatch.setenv("NETLOG_USER", user)


def test_touches_record_who_logged_them(netlog, monkeypatch):
    as_user(monkeypatch, "ana")
    netlog("add", "Cy Ortiz", "--on", "2026-11-01")
    as_user(monkeypatch, "bo")
    netlog("log", "cy", "call", "--on", "2026-11-20")
    shown = netlog.json("show", "cy")
    assert [(t["kind"], t["logged_by"]) for t in shown["touches"]] == [("call", "bo"), ("met", "ana")]
    assert shown["team"] == [
        {"user": "bo", "last_touch": "2026-11-20", "touches": 1},
        {"user": "ana", "last_touch": "2026-11-01", "touches": 1},
    ]
    text = netlog("show", "cy").stdout
    assert "known by: bo (last Fri 20 Nov, 1 touch); ana (last Sun 1 Nov, 1 touch)" in text


def test_due_mine_is_what_i_owe(netlog, monkeypatch):
    as_user(monkeypatch, "ana")
    netlog("add", "Dee", "--on", "2025-01-10")  # long ago: keep-in-touch is due, owed by ana
    as_user(monkeypatch, "bo")
    netlog("add", "Eve", "--on", "2026-11-20")
    netlog("log", "eve", "favor-received", "--on", "2026-11-21")  # bo owes Eve a thank-you
    netlog("add", "Fay", "--on", "2025-02-01")
    as_user(monkeypatch, "ana")
    netlog("log", "fay", "email", "--on", "2025-03-01")  # both ana and bo know Fay
    everything = {(i["contact"], i["action"]) for i in netlog.json("due")}
    assert {("Dee", "keep-in-touch"), ("Eve", "thank"), ("Fay", "keep-in-touch")} <= everything
    ana = {(i["contact"], i["action"]) for i in netlog.json("due", "--mine")}
    as_user(monkeypatch, "bo")
    bo = {(i["contact"], i["action"]) for i in netlog.json("due", "--mine")}
    assert ("Dee", "keep-in-touch") in ana and ("Dee", "keep-in-touch") not in bo
    assert ("Eve", "thank") in bo and ("Eve", "thank") not in ana
    assert ("Fay", "keep-in-touch") in ana and ("Fay", "keep-in-touch") in bo
    as_user(monkeypatch, "zed")
    assert netlog.json("due", "--mine") == []


def test_thank_for_a_colleagues_touch_is_theirs(netlog, monkeypatch):
    as_user(monkeypatch, "ana")
    netlog("add", "Gus", "--on", "2026-11-01")
    as_user(monkeypatch, "bo")
    netlog("log", "gus", "intro", "--to", "Hal", "--on", "2026-11-21")  # bo owes Gus thanks; bo knows Hal
    assert ("Gus", "thank") in {(i["contact"], i["action"]) for i in netlog.json("due", "--mine")}
    as_user(monkeypatch, "ana")
    assert ("Gus", "thank") not in {(i["contact"], i["action"]) for i in netlog.json("due", "--mine")}
