"""The daily loop through the real CLI on a real SQLite file."""


def test_add_log_due_thank(netlog):
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--topics", "search, hiring", "--on", "last friday")
    netlog("log", "ana", "coffee", "--on", "2 days ago", "--note", "advice on Lisbon")
    items = netlog.json("due")
    assert [(i["contact"], i["action"], i["due"]) for i in items] == [("Ana Lima", "thank", "2026-11-23")]  # Sat's coffee: the next working day
    assert items[0]["reason"].startswith("Thank Ana for coffee on Sat 21 Nov")
    draft = netlog("thank", "Ana").stdout
    assert "Hi Ana," in draft and "coffee" in draft
    netlog("thank", "Ana", "--sent")
    assert netlog.json("due") == []
