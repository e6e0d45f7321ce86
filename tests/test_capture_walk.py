"""The real-data walk's capture findings (issue 23; /work/notes/report-walk.md, "Capture" 1-6): the shared
samples (../shared/data) imported as a user would, through the real CLI."""

from __future__ import annotations

from conftest import SHARED_DATA

CONNECTIONS = SHARED_DATA / "linkedin" / "Connections.csv"
TELEGRAM = SHARED_DATA / "telegram" / "result.json"
WHATSAPP = SHARED_DATA / "whatsapp" / "WhatsApp Chat with Ana Lima.txt"
MESSAGES = SHARED_DATA / "linkedin" / "messages.csv"


def _me(netlog) -> None:
    netlog("me", "--name", "Sam Rivera", "--email", "sam.rivera@example.org", "--email", "sam@rivera.example",
           "--linkedin", "https://www.linkedin.com/in/sam-rivera-example", "--region", "PT")  # fmt: skip


def _ana_ids(netlog) -> list[int]:
    return [row["id"] for row in netlog.json("list") if row["name"] == "Ana Lima"]


def test_add_new_never_makes_another_of_a_name_several_contacts_share(netlog):
    """Finding 1: LinkedIn has two Ana Limas; Telegram's and WhatsApp's Ana Lima (a number, or only a name)
    made a third and a fourth with --add-new, and without it the summary said 'Not contacts: Ana Lima'."""
    _me(netlog)
    netlog("import", "linkedin", str(CONNECTIONS))
    anas = _ana_ids(netlog)
    assert len(anas) == 2
    first, second = sorted(anas)
    for source, path in (("telegram", TELEGRAM), ("whatsapp", WHATSAPP)):
        for flags in ((), ("--add-new",)):
            done = netlog("import", source, str(path), *flags)
            said = done.stderr
            assert 'Ana Lima' in said and f'2 contacts have this name ("#{first}" or "#{second}")' in said, said
            assert "Not contacts: Ana Lima" not in said
            assert _ana_ids(netlog) == anas
    said = netlog("import", "telegram", str(TELEGRAM), "--add-new").stderr
    assert f'netlog edit "#{first}" --add-phone +351912345678' in said
    report = netlog.json("import", "whatsapp", str(WHATSAPP), "--add-new")
    assert report["added"] == 0 and report["ambiguous"][0]["contacts"] == [first, second]
    # Said which: the number is stored on the designer, and the chat's days come to her.
    netlog("edit", f"#{second}", "--add-phone", "+351912345678")
    done = netlog("import", "telegram", str(TELEGRAM))
    assert "contacts have this name" not in done.stderr
    assert "message" in [t["kind"] for t in netlog.json("show", f"#{second}")["touches"]]
    assert [t["kind"] for t in netlog.json("show", f"#{first}")["touches"]] == ["connected"]


def test_a_days_written_chat_is_one_touch_a_direction_whatever_the_chat(netlog):
    """Finding 2: Gus on Fri 2 Oct showed five touches (three LinkedIn messages, Telegram in and out), and
    the touches per month counted each. A day's chat with one person is one touch each way, whatever the
    chat; importing either chat again adds nothing."""
    _me(netlog)
    netlog("import", "linkedin", str(CONNECTIONS))
    netlog("import", "linkedin-messages", str(MESSAGES))
    netlog("import", "telegram", str(TELEGRAM))
    gus = netlog.json("show", "Gus Berg")
    day = [(t["kind"], t["direction"]) for t in gus["touches"] if t["date"] == "2026-10-02"]
    assert sorted(day) == [("message", "in"), ("message", "out")]
    october = next(m["touches"] for m in gus["touches_per_month"] if m["month"] == "2026-10")
    assert october == 3  # the day's two and the call on 20 Oct
    for source, path in (("linkedin-messages", MESSAGES), ("telegram", TELEGRAM)):
        assert netlog.json("import", source, str(path))["new"] == 0
    assert netlog.json("show", "Gus Berg")["touches"] == gus["touches"]


def test_a_linkedin_member_url_is_stored_as_given(netlog):
    """Finding 3: Lena's InMail comes from https://www.linkedin.com/in/ACoAABx9y8z7W6v5; --add-new stored
    linkedin.com/in/acoaabx9y8z7w6v5, lower-cased without its scheme, and the member id no longer opens.
    Stored as written; the normal form still matches her on the next import."""
    _me(netlog)
    netlog("import", "linkedin", str(CONNECTIONS))
    netlog("import", "linkedin-messages", str(MESSAGES), "--add-new")
    lena = netlog.json("show", "Lena Fischer")
    assert lena["url"] == "https://www.linkedin.com/in/ACoAABx9y8z7W6v5"
    assert [u["value"] for u in lena["urls"]] == ["https://www.linkedin.com/in/ACoAABx9y8z7W6v5"]
    again = netlog.json("import", "linkedin-messages", str(MESSAGES), "--add-new")
    assert again["new"] == 0 and again["added"] == 0
