"""Issue 9 through the real CLI: second touch, favors, digest, birthdays and moments, intros, dupes."""

from __future__ import annotations


def test_second_touch_in_due(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-05", "--strength", "strong")
    items = netlog.json("due")
    assert [(i["action"], i["due"]) for i in items] == [("keep-in-touch", "2026-11-19")]
    assert "Second touch with Ana" in items[0]["reason"]
    netlog("log", "Ana", "email", "--on", "yesterday")
    assert all("Second touch" not in i["reason"] for i in netlog.json("due"))


def test_favor_balance_and_give_back(netlog):
    netlog("add", "Ana Lima", "--on", "2026-02-01", "--strength", "strong", "--every", "1y")
    for day in ("2026-03-10", "2026-06-01", "2026-10-01"):
        netlog("log", "Ana", "favor-received", "--on", day)
        netlog("log", "Ana", "thanks", "--on", day)
    shown = netlog.json("show", "Ana")
    assert shown["balance"] == {"favors_given": 0, "favors_received": 3, "unreturned_favors": 3}
    assert "you gave 0, received 3" in netlog("show", "Ana").stdout
    items = netlog.json("due")
    assert [i["action"] for i in items] == ["keep-in-touch"]
    assert items[0]["reason"].startswith("Ana has helped you 3 times since March; you have not returned a favor")
    netlog("log", "Ana", "favor-given", "--on", "today")
    assert netlog.json("due") == []


def test_digest_text_and_markdown(netlog):
    empty = netlog("digest")
    assert empty.exit_code == 0 and "nothing for today" in empty.stdout
    netlog("add", "Ana Lima", "--on", "2026-11-05")
    netlog("add", "Bo Chen", "--on", "2026-11-20")
    netlog("log", "Bo", "coffee", "--on", "yesterday")
    text = netlog("digest").stdout.splitlines()
    assert text[0] == "netlog, Mon 23 Nov: 3 things for today"
    assert text[1].startswith("- Thank Ana for meeting you")
    assert len(text) == 4
    md = netlog("digest", "--format", "markdown", "-n", "1").stdout.splitlines()
    assert md[0].startswith("## netlog — ") and md[2].startswith("- **Ana Lima** (thank): Thank Ana")
    assert len(md) == 3
    bad = netlog("digest", "--format", "html", ok=False)
    assert bad.exit_code == 1 and "Unknown format" in bad.stderr
