"""`export ics`: what is due on each day from today to today+N, each occurrence once on its first day,
worded as of that day, with an alarm; to-dos or all-day events; UIDs that survive the next export."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar

from netlog.exporters import ics
from netlog.rules.due import DueItem

TODAY = date(2026, 11, 23)


def items(netlog, *args: str) -> list:
    calendar = icalendar.Calendar.from_ical(netlog("export", "ics", *args).stdout)
    return [c for c in calendar.walk() if c.name in ("VTODO", "VEVENT")]


def day_of(component) -> date:
    return (component.get("due") or component.get("dtstart")).dt


def by_summary(components) -> dict[str, list]:
    found: dict[str, list] = {}
    for c in components:
        found.setdefault(str(c.get("summary")), []).append(c)
    return found


def test_each_day_is_listed_not_only_the_horizon(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-20")  # met three days ago: a thank-you due now
    netlog("add", "Bo Chen", "--on", "2026-11-22")
    netlog("edit", "Bo Chen", "--birthday", "1990-11-29")  # in six days
    netlog("add", "Cy Dee", "--on", "2026-11-20")
    netlog("snooze", "Cy Dee", "--until", "2026-11-30")
    found = by_summary(items(netlog, "--days", "14"))

    [thank] = found["Thank Ana Lima"]
    assert day_of(thank) == TODAY  # due today, listed today (the horizon day alone had lost it)
    birthday = [c for c in found["Keep in touch with Bo Chen"] if "birthday" in str(c.get("description"))]
    assert [day_of(c) for c in birthday] == [date(2026, 11, 26)]  # three days ahead of the 29th
    assert "on Sun 29 Nov (in 3 days)" in str(birthday[0].get("description"))  # worded as of the 26th
    assert all(day_of(c) >= date(2026, 11, 30) for c in found["Thank Cy Dee"])  # snoozed until the 30th
    assert [c.name for c in found["Thank Ana Lima"]] == ["VTODO"]


def test_every_item_has_an_alarm_and_events_are_all_day(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    netlog("edit", "Ana Lima", "--birthday", "12-01")
    todos = items(netlog, "--days", "10")
    events = items(netlog, "--days", "10", "--as", "events")
    assert len(todos) == len(events) >= 2
    for todo in todos:
        assert todo.name == "VTODO" and todo.get("status") == "NEEDS-ACTION"
        [alarm] = todo.subcomponents
        assert alarm.name == "VALARM" and alarm.get("action") == "DISPLAY"
        assert alarm.get("trigger").dt == timedelta(hours=9) and alarm.get("trigger").params["RELATED"] == "END"
    for event in events:
        assert event.name == "VEVENT" and event.get("transp") == "TRANSPARENT"
        assert event.get("dtend").dt - event.get("dtstart").dt == timedelta(days=1)  # one whole day
        assert type(event.get("dtstart").dt) is date  # all day, no hour
        assert [a.name for a in event.subcomponents] == ["VALARM"]
    assert [str(t.get("uid")) for t in todos] == [str(e.get("uid")) for e in events]


def test_uids_name_the_occurrence_so_the_next_export_updates_it(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    first = {str(c.get("uid")): day_of(c) for c in items(netlog, "--days", "3")}
    monkeypatch.setenv("NETLOG_TODAY", "2026-11-24")
    later = {str(c.get("uid")): day_of(c) for c in items(netlog, "--days", "3")}
    thank = [uid for uid in first if "-thank-" in uid]
    assert thank == [uid for uid in later if "-thank-" in uid]  # the same item, not a second one
    assert thank[0].endswith("-thank-20261120@netlog")  # contact, action and the meeting it thanks for
    assert first[thank[0]] == date(2026, 11, 23) and later[thank[0]] == date(2026, 11, 24)


def test_days_is_capped_with_one_line(netlog):
    result = netlog("export", "ics", "--days", "99999999", ok=False)
    assert result.exit_code == 1
    assert result.stderr == f"netlog: --days 99999999 is too far: ics looks at most {ics.MAX_DAYS} days ahead (about three months).\n"
    assert netlog("export", "ics", "--days", str(ics.MAX_DAYS)).exit_code == 0
    wrong = netlog("export", "ics", "--as", "meetings", ok=False)
    assert wrong.exit_code == 1 and "todos, events" in wrong.stderr


def test_first_due_keeps_each_occurrence_once_on_its_first_day():
    def item(action: str, event_on: date | None, reason: str) -> DueItem:
        return DueItem(1, "Ana", action, reason, TODAY, 1.0, event_on)

    monday, tuesday = TODAY, TODAY + timedelta(days=1)
    days = [
        (monday, [item("thank", monday, "as of Monday")]),
        (tuesday, [item("thank", monday, "as of Tuesday"), item("keep-in-touch", date(2026, 11, 27), "birthday")]),
    ]
    assert ics.first_due(days) == [(monday, days[0][1][0]), (tuesday, days[1][1][1])]
    assert ics.uid(days[0][1][0]) == "netlog-1-thank-20261123@netlog"
    assert ics.uid(item("thank", None, "")) == "netlog-1-thank@netlog"


def _reconnects_today(netlog) -> set[str]:
    found = items(netlog, "--days", "3")
    return {str(c.get("summary")).removeprefix("Keep in touch with ") for c in found
            if day_of(c) == TODAY and "Reconnect" in str(c.get("description"))}  # fmt: skip


def test_the_calendar_holds_the_day_s_stored_picks(netlog, tmp_path, monkeypatch):
    """Issue 23/24: `export ics` lists the reconnects `due` shows and stored for the day (one row a day), the same
    people, none other: with the allowance $NETLOG_RECONNECT sets, and after acting on one of them."""
    from test_capture_defects import _dormant

    _dormant(netlog, tmp_path, 12)
    monkeypatch.setenv("NETLOG_RECONNECT", "5")
    picks = {i["contact"] for i in netlog.json("due") if i["occasion"] == "reconnect"}
    assert len(picks) == 5 and _reconnects_today(netlog) == picks
    first = sorted(picks)[0]
    netlog("done", first, "keep-in-touch")
    assert _reconnects_today(netlog) == picks - {first} == {i["contact"] for i in netlog.json("due") if i["occasion"] == "reconnect"}
    monkeypatch.delenv("NETLOG_RECONNECT")
    shown = {i["contact"] for i in netlog.json("due") if i["occasion"] == "reconnect"}
    assert shown and _reconnects_today(netlog) == shown  # today's picks, the one acted on counted among them


def test_a_calendar_exported_first_makes_the_day_s_picks(netlog, tmp_path):
    """The morning's calendar is exported before `due` is run, then more connections come in: `due` still shows
    the calendar's reconnects (the export remembered the day's picks, as `due` does)."""
    from test_capture_defects import _dormant

    _dormant(netlog, tmp_path, 6)
    calendar = _reconnects_today(netlog)
    _dormant(netlog, tmp_path, 40)  # the same six and 34 more: another rotation, were the picks not stored
    assert len(calendar) == 3 and {i["contact"] for i in netlog.json("due") if i["occasion"] == "reconnect"} == calendar
