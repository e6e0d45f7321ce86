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
    assert "you did 0 favors for them, they did 3 for you (a chance to give back)" in netlog("show", "Ana").stdout
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
    assert text[0] == "netlog, Mon 23 Nov: 2 things for today"  # one item per person: Ana's second touch is folded in
    assert text[1].startswith("- Thank Bo for coffee")  # fresh: it outranks Ana's late thank-you (issue 15)
    assert len(text) == 3
    md = netlog("digest", "--format", "markdown", "-n", "1").stdout.splitlines()
    assert md[0].startswith("## netlog — ") and md[2].startswith("- **Bo Chen** (thank): Thank Bo")
    assert len(md) == 3
    bad = netlog("digest", "--format", "html", ok=False)
    assert bad.exit_code == 1 and "Unknown format" in bad.stderr


def test_birthday_shows_a_few_days_ahead(netlog):
    netlog("add", "Ana Lima", "--on", "2026-06-01", "--every", "1y")
    netlog("log", "Ana", "thanks", "--on", "2026-06-02")
    netlog("edit", "Ana", "--birthday", "11-25")
    assert netlog.json("show", "Ana")["birthday"] == "11-25"
    items = netlog.json("due")
    assert [(i["action"], i["event_on"]) for i in items] == [("keep-in-touch", "2026-11-25")]
    assert items[0]["reason"].startswith("Ana's birthday is on Wed 25 Nov (in 2 days)")
    assert netlog.json("due", "--on", "2026-11-21") == []
    netlog("done", "Ana", "keep-in-touch")
    assert netlog.json("due") == []


def test_birthday_with_year_and_bad_input(netlog):
    netlog("add", "Bo Chen", "--on", "2026-06-01")
    netlog("edit", "Bo", "--birthday", "1992-2-29")
    assert netlog.json("show", "Bo")["birthday"] == "1992-02-29"
    bad = netlog("edit", "Bo", "--birthday", "13-40", ok=False)
    assert bad.exit_code == 1 and "MM-DD" in bad.stderr


def test_moment_and_congrats_feed_the_draft(netlog):
    netlog("add", "Ana Lima", "--on", "yesterday")
    netlog("log", "Ana", "congrats", "--note", "the new job", "--on", "yesterday")
    thank = netlog("thank", "Ana").stdout
    assert "congratulations again on your news" in thank and "the new job" not in thank  # a note stays private (issue 24)
    netlog("edit", "Ana", "--moment", "your new job at Contoso")  # issue 24: a phrase after "congratulations on"
    assert "congratulations on your new job at Contoso" in netlog("thank", "Ana").stdout
    shown = netlog.json("show", "Ana")
    assert (shown["moment"], shown["moment_on"]) == ("your new job at Contoso", "2026-11-23")
    assert "moment: your new job at Contoso" in netlog("show", "Ana").stdout


def _intro_due(netlog, on=None):
    args = ("due", "--on", on) if on else ("due",)
    return [(i["contact"], i["reason"].split(" — ")[0]) for i in netlog.json(*args) if i["action"] == "intro"]


def test_intro_double_opt_in(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-01", "--strength", "close")
    netlog("add", "Bo Chen", "--on", "2026-11-01", "--strength", "close")
    offered = netlog("intro", "Ana", "Bo", "--note", "both hiring in Lisbon", "--why", "both hiring in Lisbon")  # the reasons say --why
    assert "waiting for Ana Lima's yes and Bo Chen's yes" in offered.stderr
    assert _intro_due(netlog) == []
    assert _intro_due(netlog, "tomorrow") == [
        ("Ana Lima", "Ask Ana whether they would like an intro to Bo Chen (both hiring in Lisbon)"),
        ("Bo Chen", "Ask Bo whether they would like an intro to Ana Lima (both hiring in Lisbon)"),
    ]
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    early = netlog("intro", "Ana", "Bo", "--sent", ok=False)
    assert early.exit_code == 1 and "double opt-in" in early.stderr
    netlog("intro", "Bo", "Ana", "--yes-from", "Bo")  # either order names the same intro
    assert _intro_due(netlog) == [("Ana Lima", "Send the intro between Ana Lima and Bo Chen (both hiring in Lisbon)")]
    netlog("intro", "Ana", "Bo", "--sent")
    assert _intro_due(netlog) == []
    check = _intro_due(netlog, "2026-12-07")
    assert check == [
        ("Ana Lima", "Check in with Ana on how it went with Bo Chen"),
        ("Bo Chen", "Check in with Bo on how it went with Ana Lima"),
    ]
    shown = netlog.json("show", "Bo")
    assert shown["intros"] == [
        {"with": "Ana Lima", "offered_on": "2026-11-23", "note": "both hiring in Lisbon", "status": "sent today"}
    ]
    assert "intro you offered with Ana Lima (both hiring in Lisbon)" in netlog("show", "Bo").stdout


def test_intro_declined_ends_quietly(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-01")
    netlog("add", "Bo Chen", "--on", "2026-11-01")
    netlog("intro", "Ana", "Bo")
    netlog("intro", "Ana", "Bo", "--declined-by", "Bo")
    assert _intro_due(netlog, "in 3 days") == []
    assert netlog.json("show", "Ana")["intros"][0]["status"] == "declined by Bo Chen today"
    stranger = netlog("add", "Cy Dee", "--on", "2026-11-01") and netlog("intro", "Ana", "Bo", "--yes-from", "Cy", ok=False)
    assert stranger.exit_code == 1 and "one of the two" in stranger.stderr
    again = netlog("intro", "Ana", "Bo", "--yes-from", "Ana", ok=False)
    assert again.exit_code == 1 and "offer it first" in again.stderr
    netlog("intro", "Ana", "Bo")  # a new offer after a decline is allowed
    assert netlog("done", "Ana", "intro", ok=False).exit_code == 1  # its ask is due tomorrow: nothing to dismiss yet


def _people(netlog):
    netlog("add", "Ana Lima", "--on", "2026-10-01", "--email", "ana@example.org", "--company", "Contoso", "--tag", "pycon")
    netlog("add", "Ana Lima", "--new", "--on", "2026-09-01", "--email", " ANA@example.org", "--strength", "strong",
           "--tag", "lisbon")  # fmt: skip
    netlog("edit", "#2", "--note", "from the phone")
    netlog("add", "Jon Smith", "--on", "2026-10-01", "--company", "Fabrikam")
    netlog("add", "John Smith", "--on", "2026-10-01", "--company", "fabrikam")
    netlog("add", "Cy Dee", "--on", "2026-10-01", "--company", "Fabrikam")


def test_dupes(netlog):
    _people(netlog)
    pairs = netlog.json("dupes")
    assert [(p["keep_id"], p["other_id"], p["reason"]) for p in pairs] == [
        (1, 2, "same email ana@example.org"),
        (3, 4, "close names at Fabrikam"),
    ]
    assert 'netlog merge "#1" "#2"' in netlog("dupes").stdout


def test_merge_keeps_everything_and_writes_a_backup(netlog, db_path):
    _people(netlog)
    netlog("log", "#2", "favor-received", "--on", "2026-11-01")
    netlog("log", "#2", "intro", "--to", "Bo Chen", "--on", "2026-11-02")
    netlog("intro", "#2", "Cy", "--note", "both like search")
    refused = netlog("merge", "#1", "#2", ok=False)
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert "move 3 touches" in refused.stdout and "add tags: lisbon" in refused.stdout
    assert len(netlog.json("list")) == 6  # the preview changed nothing
    done = netlog("merge", "#1", "#2", "--yes")
    backups = list((db_path.parent / "backups").glob("merge-2026-11-23-1-2.json"))
    assert len(backups) == 1 and "Backup (undo)" in done.stderr
    import json

    saved = json.loads(backups[0].read_text())
    assert saved["records"]["2"]["contact"]["note"] == "from the phone"
    assert len(saved["records"]["2"]["touches"]) == 3
    ana = netlog.json("show", "#1")
    assert [t["kind"] for t in ana["touches"]] == ["intro", "favor-received", "met", "met"]
    assert ana["tags"] == ["lisbon", "pycon"]
    assert (ana["strength"], ana["note"]) == ("strong", "from the phone")
    assert ana["introduced"] == [{"name": "Bo Chen", "on": "2026-11-02"}]
    assert [i["with"] for i in ana["intros"]] == ["Cy Dee"]
    assert ana["balance"]["favors_received"] == 1
    assert netlog("show", "#2", ok=False).exit_code == 1
    assert netlog.json("show", "Bo")["introduced_by"] == "Ana Lima"
    assert [(p["keep_id"], p["other_id"]) for p in netlog.json("dupes")] == [(3, 4)]
