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
