"""A private note never reaches a reason, and so never `export ics` or `sync calendar` (which may go to a shared
calendar server). A reply owed quotes what the other person wrote or may read: a captured mail's subject, or
what you marked shareable with `--about`; an intro quotes its `--why`, not its `--note`.

Before, a message logged by hand as received (`log Di email --received --note "..."`) owed a reply whose reason
quoted the note, and `intro Ana Bo --note "..."` put the note in its asks and its send. Today is Monday
2026-11-23 (conftest); a message of Wednesday 18 November is due today."""

from __future__ import annotations

WEDNESDAY = "2026-11-18"
PRIVATE = "she seemed stressed, could you believe it?"


def _item(netlog, action: str, name: str) -> dict:
    [item] = [i for i in netlog.json("due", "--all") if i["action"] == action and i["contact"] == name]
    return item


def _ics(netlog) -> str:
    # an ICS folds its lines at 75 octets: unfold before looking for a phrase
    return netlog("export", "ics", "--days", "3").stdout.replace("\r\n ", "").replace("\\,", ",")


def test_a_hand_logged_note_is_not_quoted_in_the_reply_reason(netlog):
    netlog("add", "Di Dahl", "--on", "2026-10-01")
    netlog("log", "Di", "email", "--received", "--on", WEDNESDAY, "--note", PRIVATE)
    item = _item(netlog, "reply", "Di Dahl")
    assert item["reason"] == "Di wrote on Wed 18 Nov and is waiting for your answer"
    assert "stressed" not in netlog("due").stdout
    ics = _ics(netlog)
    assert "Di wrote on Wed 18 Nov" in ics
    assert "stressed" not in ics


def test_what_you_marked_about_is_quoted_and_the_note_is_not(netlog):
    netlog("add", "Di Dahl", "--on", "2026-10-01")
    netlog("log", "Di", "email", "--received", "--on", WEDNESDAY, "--about", "your talk proposal", "--asks",
           "--note", PRIVATE)  # fmt: skip
    assert _item(netlog, "reply", "Di Dahl")["reason"] == (
        'Di wrote on Wed 18 Nov ("your talk proposal") and is waiting for your answer'
    )
    ics = _ics(netlog)
    assert "your talk proposal" in ics and "stressed" not in ics


def test_add_received_with_a_note_does_not_quote_it(netlog):
    netlog("add", "Di Dahl", "--how", "email", "--received", "--on", WEDNESDAY, "--note", PRIVATE)
    assert "stressed" not in _item(netlog, "reply", "Di Dahl")["reason"]
    assert "stressed" not in _ics(netlog)


def _mail(n: int, sender: str, subject: str, body: str) -> bytes:
    return (
        f"From {n}@xxx Wed Nov 18 10:00:00 +0000 2026\r\nX-Gmail-Labels: Inbox\r\nMessage-ID: <p{n}@mail.example>\r\n"
        f"Date: Wed, 18 Nov 2026 10:00:00 +0100\r\nFrom: {sender}\r\nTo: kim@example.org\r\nSubject: {subject}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n\r\n"
    ).encode()


def test_a_captured_mail_quotes_its_subject_even_with_a_note_of_yours(netlog, tmp_path):
    """Captured first and logged by hand after (your note takes over), or logged by hand first and captured
    after (your note stays): the reason quotes the subject, never your note."""
    netlog("me", "--name", "Kim Oduya", "--email", "kim@example.org")
    netlog("add", "Ana Lima", "--email", "ana@example.org", "--on", "2026-10-01")
    netlog("add", "Bo Berg", "--email", "bo@example.org", "--on", "2026-10-01")
    netlog("add", "Cy Cole", "--email", "cy@example.org", "--on", "2026-10-01")
    netlog("log", "Bo", "email", "--received", "--on", WEDNESDAY, "--note", "Bo: " + PRIVATE)
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        _mail(1, "Ana <ana@example.org>", "Portfolio deck", "Could you look at my deck?")
        + _mail(2, "Bo <bo@example.org>", "Talk proposal", "Could you review my talk?")
        + _mail(3, "Cy <cy@example.org>", "Lisbon role", "Would you refer me?")
    )
    netlog("import", "mail", str(mbox))
    netlog("log", "Ana", "email", "--received", "--on", WEDNESDAY, "--note", "Ana: " + PRIVATE)
    reasons = {n: _item(netlog, "reply", n)["reason"] for n in ("Ana Lima", "Bo Berg", "Cy Cole")}
    assert reasons == {
        "Ana Lima": 'Ana wrote on Wed 18 Nov ("Portfolio deck") and is waiting for your answer',
        "Bo Berg": 'Bo wrote on Wed 18 Nov ("Talk proposal") and is waiting for your answer',
        "Cy Cole": 'Cy wrote on Wed 18 Nov ("Lisbon role") and is waiting for your answer',
    }
    assert "stressed" not in _ics(netlog)
    for name, subject in (("Ana", "Portfolio deck"), ("Bo", "Talk proposal")):
        draft = netlog("draft", name, "reply").stdout
        assert subject in draft and "stressed" not in draft, draft
    notes = [t["note"] for t in netlog.json("show", "Bo")["touches"] if t["kind"] == "email"]
    assert notes == ["Bo: " + PRIVATE]  # the note itself is kept, only never quoted


def test_an_intro_reason_quotes_why_not_the_note(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "2026-10-01")
    netlog("add", "Bo Chen", "--on", "2026-10-01")
    netlog("intro", "Ana", "Bo", "--note", "Bo owes me one, " + PRIVATE,
           "--why", "you are both hiring in Lisbon")  # fmt: skip
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-24")  # each side is asked the day after the offer
    asks = [i["reason"] for i in netlog.json("due", "--all") if i["action"] == "intro"]
    assert asks and all("stressed" not in r and "owes me" not in r for r in asks), asks
    assert any("(you are both hiring in Lisbon)" in r for r in asks), asks
    ics = _ics(netlog)
    assert "owes me" not in ics and "stressed" not in ics
