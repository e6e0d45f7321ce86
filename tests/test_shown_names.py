"""A contact is named back the way netlog shows it. Two contacts named alike are shown "Ana Lima (#1)" (due, list,
show, an ambiguous name's error), and that is what a person copies into the next command. Before, `netlog
thank "Ana Lima (#1)"` said: No contact named "Ana Lima (#1)". Did you mean: Ana Lima? (itself ambiguous).
Found in the morning walk of the shared samples (two Ana Limas from LinkedIn). Today: Monday 2026-11-23."""

from __future__ import annotations


def _two_anas(netlog) -> None:
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--on", "2026-11-18")
    netlog("add", "Ana Lima", "--new", "--on", "2026-10-01", "--company", "Adventure Works")


def test_the_name_as_due_shows_it_names_that_contact(netlog):
    _two_anas(netlog)
    shown = netlog("due").stdout
    assert "Thank Ana Lima (#1)" in shown or "Ana Lima (#1)" in shown, shown
    assert "Thank you for taking the time to meet at PyCon" in netlog("thank", "Ana Lima (#1)").stdout
    assert netlog.json("show", "Ana Lima (#2)")["company"] == "Adventure Works"
    assert netlog.json("show", "ana lima (#2)")["company"] == "Adventure Works"  # as names are typed: case folded
    netlog("done", "Ana Lima (#1)", "thank")
    assert [i for i in netlog.json("due") if i["action"] == "thank"] == []


def test_a_number_that_is_not_that_name_is_one_line(netlog):
    _two_anas(netlog)
    netlog("add", "Bo Chen", "--on", "2026-10-01")
    for typed, said in (("Bo Chen (#1)", 'Contact #1 is Ana Lima, not "Bo Chen".'), ("Ana Lima (#9)", "No contact #9.")):
        bad = netlog("show", typed, ok=False)
        assert bad.exit_code == 1 and bad.stderr.strip().splitlines() == [f"netlog: {said}"], bad.stderr
