"""Issue 23, one event one touch: a touch logged by hand and the same exchange captured from mail are one touch,
in either order (matched on contact, direction, the day or the next, and kind family)."""

from __future__ import annotations

import json

import pytest

from netlog.storage import reads

KIM = "kim.oduya@example.org"


@pytest.fixture(autouse=True, params=[1, 1000], ids=["one-contact-at-a-time", "all-at-once"])
def _hand_logged_read(request, monkeypatch):
    """Each test both ways an import reads the touches logged by hand (reads.ByContact): a contact at a time,
    and all at once from the first contact an exchange reaches."""
    monkeypatch.setattr(reads, "READ_ALL_SHARE", request.param)


def _mbox(tmp_path, day: str, time: str, sender: str, to: str, subject: str, labels: str = "Sent", mid: str = "m1") -> str:
    path = tmp_path / f"{mid}.mbox"
    path.write_bytes(
        f"From 1@xxx Thu Nov 12 10:00:00 +0000 2026\r\nX-Gmail-Labels: {labels}\r\n"
        f"Message-ID: <{mid}@mail.example>\r\nDate: {day} {time} +0100\r\nFrom: {sender}\r\nTo: {to}\r\n"
        f"Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHi.\r\n\r\n".encode()
    )
    return str(path)


def _written(netlog, name: str) -> list[tuple[str, str, str, str | None]]:
    return [(t["date"], t["kind"], t["direction"], t["note"]) for t in netlog.json("show", name)["touches"]
            if t["kind"] not in ("met", "coffee", "connected")]  # fmt: skip


def test_logged_then_captured_is_one_touch(netlog, tmp_path, monkeypatch):
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Selin Kaya", "--email", "selin@kaya.example", "--on", "2026-11-03", "--met-at", "coffee")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-04")
    netlog("thank", "Selin Kaya", "--sent")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-09")
    mbox = _mbox(tmp_path, "Wed, 04 Nov 2026", "09:20:00", f"Kim Oduya <{KIM}>", "Selin Kaya <selin@kaya.example>", "Thank you")
    report = json.loads(netlog("import", "mail", mbox, "--json").stdout)
    assert (report["new"], report["already"]) == (0, 1)
    assert _written(netlog, "Selin Kaya") == [("2026-11-04", "thanks", "out", "Thank you")]
    again = json.loads(netlog("import", "mail", mbox, "--json").stdout)  # the hand-logged touch knows its source now
    assert (again["new"], again["already"]) == (0, 1)
    assert len(_written(netlog, "Selin Kaya")) == 1


def test_captured_then_logged_next_day_is_one_touch(netlog, tmp_path, monkeypatch):
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Hannah Becker", "--email", "hannah.becker@example.de", "--on", "2026-11-12", "--met-at", "coffee")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-16")
    mbox = _mbox(tmp_path, "Sun, 15 Nov 2026", "20:15:00", f"Kim Oduya <{KIM}>", "Hannah Becker <hannah.becker@example.de>",
                 "Thank you for the coffee")  # fmt: skip
    assert json.loads(netlog("import", "mail", mbox, "--json").stdout)["new"] == 1
    netlog("thank", "Hannah Becker", "--sent")
    assert _written(netlog, "Hannah Becker") == [("2026-11-15", "thanks", "out", "Thank you for the coffee")]
    assert not [i for i in netlog.json("due") if i["contact"] == "Hannah Becker" and i["action"] in ("thank", "nudge")]


def test_a_different_direction_or_day_is_another_touch(netlog, tmp_path, monkeypatch):
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Lars Petersen", "--email", "lars@example.dk", "--on", "2026-11-01")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-10")
    netlog("log", "Lars Petersen", "email", "--on", "2026-11-04")
    received = _mbox(tmp_path, "Wed, 04 Nov 2026", "09:20:00", "Lars Petersen <lars@example.dk>", f"Kim <{KIM}>", "Re: hi",
                     labels="Inbox", mid="in1")  # fmt: skip
    later = _mbox(tmp_path, "Fri, 06 Nov 2026", "09:20:00", f"Kim <{KIM}>", "Lars Petersen <lars@example.dk>", "Again", mid="out2")
    assert json.loads(netlog("import", "mail", received, "--json").stdout)["new"] == 1
    assert json.loads(netlog("import", "mail", later, "--json").stdout)["new"] == 1
    assert len(_written(netlog, "Lars Petersen")) == 3


def test_an_intro_answer_and_its_mail_are_one_touch_in_either_order(netlog, tmp_path, monkeypatch):
    """`intro A B --yes-from A` logs A's answer as a message from them (1a94994); the yes mail itself, imported
    from mail the same day, is that one answer, whether it was imported before or after."""
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Ana Lima", "--email", "ana@lima.example", "--on", "2026-11-02", "--met-at", "PyCon")
    netlog("add", "Bo Berg", "--email", "bo@berg.example", "--on", "2026-11-02", "--met-at", "PyCon")
    netlog("intro", "Ana", "Bo", "--why", "both hiring in Lisbon")
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-05")
    ana = _mbox(tmp_path, "Thu, 05 Nov 2026", "09:20:00", "Ana Lima <ana@lima.example>", f"Kim <{KIM}>",
                "Re: would you like to meet Bo?", labels="Inbox", mid="ana")  # fmt: skip
    assert json.loads(netlog("import", "mail", ana, "--json").stdout)["new"] == 1
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")  # captured first, then answered by hand
    assert _written(netlog, "Ana Lima") == [("2026-11-05", "email", "in", "said yes to your intro to Bo Berg")]
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")  # answered by hand first, then captured
    bo = _mbox(tmp_path, "Thu, 05 Nov 2026", "11:00:00", "Bo Berg <bo@berg.example>", f"Kim <{KIM}>",
               "Re: would you like to meet Ana?", labels="Inbox", mid="bo")  # fmt: skip
    report = json.loads(netlog("import", "mail", bo, "--json").stdout)
    assert (report["new"], report["already"]) == (0, 1)
    assert _written(netlog, "Bo Berg") == [("2026-11-05", "message", "in", "said yes to your intro to Ana Lima")]
