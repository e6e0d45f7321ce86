"""Issue 23, replies owed: a captured message that asks something and has had no answer within two working days
is a `reply` item, ranked with the thank-yous, with a draft that names the subject."""

from __future__ import annotations

import json
from datetime import date

from netlog.rules.due import Tie, rank_due
from netlog.rules.history import Touch, summarize

KIM = "kim.oduya@example.org"
FRI = date(2026, 10, 30)


def _tie(touches, **kw) -> Tie:
    return Tie(1, "Ana Pereira", 3, history=summarize(touches, 3), **kw)


def test_a_question_waits_two_working_days_then_is_owed():
    asked = Touch(FRI, "email", "in", 1, source="mail", note="Portfolio deck", subject="Portfolio deck")
    assert summarize([asked], 3).reply_since == FRI
    assert [i.action for i in rank_due(date(2026, 11, 3), [_tie([asked])])] == []  # Mon, Tue: still in time
    items = rank_due(date(2026, 11, 4), [_tie([asked])])
    assert [(i.action, i.event_on) for i in items] == [("reply", FRI)]
    assert items[0].reason.startswith('Ana wrote on Fri 30 Oct ("Portfolio deck") and is waiting for your answer')


def test_a_reply_owed_does_not_drop_off_after_a_month():
    """Lena wrote on 24 Oct and was never answered: in December her reply owed was listed nowhere (it stopped
    after 30 days), and her 180-day cadence would not bring her back for months. Late, it stays until the
    third month; then years of imported mail do not bring back questions nobody waits on."""
    asked = Touch(date(2026, 10, 24), "email", "in", 1, source="mail", note="Workshop dates", subject="Workshop dates")
    items = rank_due(date(2026, 12, 4), [_tie([asked])])
    assert [i.action for i in items] == ["reply"]
    assert items[0].reason == 'Ana wrote on Sat 24 Oct ("Workshop dates") and is still waiting for your answer — late, still worth sending'
    assert "late" not in rank_due(date(2026, 11, 6), [_tie([asked])])[0].reason  # two weeks: still on time
    assert [i.action for i in rank_due(date(2027, 1, 23), [_tie([asked])]) if i.action == "reply"] == []


def test_what_owes_nothing():
    thanks = Touch(FRI, "email", "in", 1, expects_reply=False, source="mail")
    by_hand = Touch(FRI, "email", "in", 1)  # logged with --received: nothing says it asked
    asked = Touch(FRI, "email", "in", 1, source="mail")
    answered = Touch(date(2026, 11, 2), "email", "out", 2, expects_reply=False, source="mail")
    met = Touch(date(2026, 11, 2), "coffee", "both", 3)
    for touches in ([thanks], [by_hand], [asked, answered], [asked, met]):
        assert summarize(touches, 3).reply_since is None, touches
    again = Touch(date(2026, 11, 6), "email", "in", 4, source="mail")
    assert summarize([asked, again], 3).reply_since == FRI  # one item, from the first


def test_a_reply_owed_is_listed_and_drafted_from_mail(netlog, tmp_path, monkeypatch):
    netlog("me", "--name", "Kim Oduya", "--email", KIM)
    netlog("add", "Mei Chen", "--email", "mei.chen@example.com", "--on", "2026-10-01")
    mbox = tmp_path / "in.mbox"
    mbox.write_bytes(
        b"From 1@xxx Wed Nov 11 13:30:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nMessage-ID: <m1@example.com>\r\n"
        b"Date: Wed, 11 Nov 2026 14:30:00 +0100\r\nFrom: Mei Chen <mei.chen@example.com>\r\nTo: " + KIM.encode() + b"\r\n"
        b"Subject: The recruiter you mentioned\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hi Kim, I'd be grateful if you could send me the name of the recruiter.\r\n\r\n"
    )  # fmt: skip
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-16")
    assert json.loads(netlog("import", "mail", str(mbox), "--json").stdout)["new"] == 1
    due = netlog.json("due")
    assert [(i["contact"], i["action"], i["event_on"]) for i in due if i["action"] == "reply"] == [("Mei Chen", "reply", "2026-11-11")]
    draft = netlog("draft", "Mei Chen", "reply").stdout
    assert draft.startswith("Hi Mei,") and '"The recruiter you mentioned"' in draft
    netlog("draft", "Mei Chen", "reply", "--sent")
    assert [i for i in netlog.json("due") if i["action"] in ("reply", "nudge")] == []


def test_a_thank_you_is_late_after_two_working_days_not_two_calendar_days():
    """A Saturday coffee: nothing on the weekend, due Monday; Tuesday read 'late' (three calendar days) though
    it was the second working day. Now late from Wednesday, as the due day counts."""
    coffee = Touch(date(2026, 12, 5), "coffee", "both", 1)
    tie = _tie([coffee])
    tuesday = [i for i in rank_due(date(2026, 12, 8), [tie]) if i.action == "thank"]
    assert len(tuesday) == 1 and tuesday[0].reason.endswith("thank within a day or two")
    wednesday = [i for i in rank_due(date(2026, 12, 9), [tie]) if i.action == "thank"]
    assert wednesday[0].reason.endswith("late, still worth sending")
