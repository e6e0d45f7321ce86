"""`netlog sync calendar DIR`: keep a vdir calendar (one item a file, as vdirsyncer and khal keep it) of what
is due current, and read back what was done there.

Each follow-up occurrence (contact, action, the event it is about: what `export ics` lists once) is one
file, `<UID>.ics`, whose UID is a random UUID4 kept in sync_item with the occurrence, so two databases never
write each other's items. Each run, in one transaction:

- an item of netlog's that was deleted from DIR, or marked COMPLETED (or CANCELLED) there, is done
  (`netlog done`), remembered as done, and never written again;
- an item still due is rewritten, in its own file, only when what it says changed (a new name, another
  day, --as): its DTSTAMP stays the day it was written, and an overdue item (its day has come) keeps that
  day and its reason as worded then, so a daily sync with nothing new writes nothing (vdirsyncer uploads
  nothing);
- a new occurrence gets a new file; an item no longer due is removed, and so is every item of a contact
  removed with `netlog rm` or merged into another (the kept contact's items are worked out anew);
- files netlog did not write are left alone.

An unchanged run writes no file. A dry run counts what the sync would do and writes nothing: no file, no
folder, no row (not even today's picks)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from netlog.errors import BadInput
from netlog.rules.allowance import ALLOWANCE_PER_DAY as RECONNECT_PER_DAY
from netlog.storage import reads
from netlog.syncing import folder as folders

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.rules.due import DueItem
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

SUFFIX = ".ics"
COUNTS = ("new", "updated", "removed", "done", "unchanged")
FINISHED = ("COMPLETED", "CANCELLED")


@dataclass
class CalendarReport:
    """What a calendar sync did: its counts and what to tell the user."""

    folder: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    lines: list[str] = field(default_factory=list)
    dry_run: bool = False


def sync_calendar(
    store: Store, today: date, folder: str, days: int = 14, as_: str = "todos", reconnect_per_day: int = RECONNECT_PER_DAY,
    dry_run: bool = False,
) -> CalendarReport:
    """Sync the calendar in `folder` with what is due from today to today + days (see the module's docstring),
    with the daily allowance `due` uses; today's picks are remembered as `due` remembers them. A dry run
    counts the same from one snapshot and writes nothing."""
    from netlog.exporters import ics
    from netlog.network.agenda import due_items, listed

    ics.check_options(days, as_, "a calendar sync")
    path = folders.open_folder(folder, "calendar items", create=not dry_run)
    key = folders.key_of(path)
    if dry_run:
        report = CalendarReport(folder, dry_run=True)
        with store.reader.snapshot():
            today_list = due_items(store.reader, today, reconnect_per_day=reconnect_per_day)
            _sync(None, store.reader, today, path, key, days, as_, report, reconnect_per_day, today_list)
        return report
    today_list = listed(store, today, today, reconnect_per_day=reconnect_per_day)

    def work(session: Session) -> CalendarReport:
        from netlog.storage.store import reader_for

        report = CalendarReport(folder)
        _sync(session, reader_for(session), today, path, key, days, as_, report, reconnect_per_day, today_list)
        return report

    return store.write(work)


def item_uids(text: str) -> list[str] | None:
    """The UIDs of the events and to-dos in an .ics file's text; None when it is not a calendar."""
    lines = _unfolded(text)
    if not any(line.upper().startswith("BEGIN:VCALENDAR") for line in lines):
        return None
    uids: list[str] = []
    inside = 0
    for line in lines:
        upper = line.upper()
        if upper.startswith(("BEGIN:VTODO", "BEGIN:VEVENT", "BEGIN:VJOURNAL")):
            inside += 1
            uids.append("")
        elif upper.startswith(("END:VTODO", "END:VEVENT", "END:VJOURNAL")):
            inside -= 1
        elif inside and upper.startswith("UID") and line[3:4] in (":", ";") and uids and not uids[-1]:
            uids[-1] = line.split(":", 1)[1].strip()
    return list(dict.fromkeys(uids)) if uids else None


def finished(text: str) -> bool:
    """Whether an item was ticked off (STATUS:COMPLETED, a COMPLETED date) or cancelled in a calendar app."""
    for line in _unfolded(text):
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].strip().upper()
        if name == "STATUS" and value.strip().upper() in FINISHED:
            return True
        if name == "COMPLETED" and value.strip():
            return True
    return False


def _unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "").splitlines()


def _occurrence(item: DueItem) -> str:
    """What the database remembers an item's follow-up by (one contact, action and event)."""
    return json.dumps({"contact_id": item.contact_id, "action": item.action, "event_on": item.event_on.isoformat() if item.event_on else None},
                      sort_keys=True)  # fmt: skip


def _sync(
    session: Session | None, reader: Reader, today: date, path: Path, key: str, days: int, as_: str, report: CalendarReport,
    reconnect_per_day: int = RECONNECT_PER_DAY, today_list: Sequence[DueItem] | None = None,
) -> None:
    """One sync; with no session (a dry run), only the counts and lines: nothing is written."""
    from netlog.exporters import ics
    from netlog.storage import records
    from netlog.vcard import vdir

    counts = report.counts
    seen = reads.sync_item_views(reader, key)
    known = {row["uid"]: {**row, "item_view": seen[row["uid"]][0], "netlog_view": seen[row["uid"]][1]} for row in reads.sync_items(reader, key)}
    scan = folders.read(path, SUFFIX, known.values(), item_uids, report.folder)
    report.lines.extend(scan.problems)
    names = dict(reads.contact_names(reader))
    saved: list[dict[str, Any]] = []
    # read back: what was ticked off or deleted in the calendar is done
    for uid, row in known.items():
        if row["state"] != "synced":
            continue
        item = scan.items.get(uid)
        if item is None and (uid in scan.taken or row["file"] in scan.unusable):
            continue  # a file that cannot be read now is not a deleted item
        if item is not None and (item.hash == row["hash"] or not finished(item.read())):
            continue
        occurrence = json.loads(row["netlog_view"])
        cid, action = occurrence["contact_id"], occurrence["action"]
        if cid in names:
            if session is not None:
                records.set_done(session, cid, action, today)
            how = "deleted from" if item is None else "ticked off in"
            report.lines.append(f"{names[cid]}: {action} was {how} the calendar; done.")
        counts["done"] += 1
        row = {**row, "state": "done"}
        known[uid] = row
        saved.append(row)
    # write out: what is due now
    by_occurrence = {row["netlog_view"]: row for row in known.values() if row["state"] != "removed"}
    current: dict[str, Any] = {}
    pending: dict[Path, str] = {}
    placed: list[tuple[str, Path, str, str, int, str]] = []  # (uid, file, text, occurrence, contact, what it says)
    for day, due in ics.first_due(ics.due_each_day(reader, today, days, reconnect_per_day, today_list)):
        occurrence = _occurrence(due)
        if occurrence in current:
            continue
        remembered = by_occurrence.get(occurrence)
        if remembered is not None and remembered["state"] != "synced":
            continue  # done in the calendar: never written again
        uid = remembered["uid"] if remembered is not None else str(uuid.uuid4())
        current[occurrence] = uid
        if remembered is not None:
            file = path / remembered["file"]
            item = scan.items.get(uid)
            written = _written(remembered, item)
            if item is not None and written is not None:
                overdue = day == today and written.day <= today
                if overdue:  # its day has come: the day it was written with and its reason as worded then stay
                    day = written.day
                    same = item.hash == remembered["hash"] and (written.summary, written.shape) == (ics.summary(due), as_)
                else:
                    same = item.hash == folders.digest(ics.calendar([(day, due)], today, as_, uid_of=_named(uid), stamp_on=written.stamp))
                if same:
                    counts["unchanged"] += 1
                    if (item.size, item.mtime_ns) != (remembered["size"], remembered["mtime_ns"]):
                        saved.append({**remembered, "size": item.size, "mtime_ns": item.mtime_ns})
                    continue
            counts["updated"] += 1
        else:
            file = _free_name(path, uid, pending)
            counts["new"] += 1
        text = ics.calendar([(day, due)], today, as_, uid_of=_named(uid))
        pending[file] = text
        view = json.dumps({"day": day.isoformat(), "stamp": today.isoformat(), "summary": ics.summary(due), "as": as_}, sort_keys=True)
        placed.append((uid, file, text, occurrence, due.contact_id, view))
    # what is no longer due goes, and so does every item of a contact removed (rm) or merged into another
    gone = [row for row in known.values() if row["state"] == "removed" or (row["state"] == "synced" and row["netlog_view"] not in current)]
    if session is None:  # a dry run: counted, nothing written
        counts["removed"] += len(gone)
        return
    vdir.write_files(pending)
    for row in gone:
        counts["removed"] += 1
        try:
            (path / row["file"]).unlink(missing_ok=True)
        except OSError as error:
            raise BadInput(f"Cannot remove {path / row['file']}: {error.strerror or error}.") from None
    records.forget_sync_items(session, key, [row["uid"] for row in gone])
    for uid, file, text, occurrence, cid, view in placed:
        size, mtime_ns = folders.stat_of(file)
        saved.append({"uid": uid, "file": folders.text_of(file.name), "hash": folders.digest(text), "size": size, "mtime_ns": mtime_ns,
                      "contact_id": cid, "state": "synced", "item_view": view, "netlog_view": occurrence})  # fmt: skip
    records.save_sync_items(session, key, [{k: v for k, v in row.items() if k != "folder"} for row in saved])


@dataclass
class _Written:
    """What an item said when netlog wrote it: its day (DUE or DTSTART), the day of its DTSTAMP, its
    SUMMARY and its shape (todos or events)."""

    day: date
    stamp: date
    summary: str
    shape: str


def _written(row: dict[str, Any], item: folders.Item | None) -> _Written | None:
    """What the item said when written: remembered in item_view; for an item an earlier netlog wrote without
    it, read from its file (None when that cannot be read)."""
    if row.get("item_view"):
        view = json.loads(row["item_view"])
        return _Written(date.fromisoformat(view["day"]), date.fromisoformat(view["stamp"]), view["summary"], view["as"])
    if item is None:
        return None
    try:
        import icalendar

        found = next(c for c in icalendar.Calendar.from_ical(item.read()).walk() if c.name in ("VTODO", "VEVENT"))
        day = found.decoded("due" if found.name == "VTODO" else "dtstart")
        stamp = found.decoded("dtstamp")
        return _Written(day, stamp.date(), str(found.get("summary")), "todos" if found.name == "VTODO" else "events")
    except Exception:  # noqa: BLE001 -- a file another program changed beyond reading: written again
        return None


def _named(uid: str) -> Callable[[DueItem], str]:
    return lambda _: uid


def _free_name(path: Path, uid: str, pending: dict[Path, str]) -> Path:
    """<UID>.ics, or a numbered name when a file of that name is there."""
    for n in range(100):
        file = path / (f"{uid}.ics" if n == 0 else f"{uid}-{n}.ics")
        if file not in pending and not file.exists():
            return file
    raise BadInput(f"No free file name for the item {uid} in {path}.")
