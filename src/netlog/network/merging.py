"""Merging two records of one person: a preview, a JSON backup written first (the undo), then one
transaction that keeps every touch, tag, note and intro of both on the contact that stays."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netlog.errors import BadInput
from netlog.network import cache
from netlog.people.names import contact_row
from netlog.storage import reads
from netlog.values.points import KINDS, merged

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

# Facts the kept contact takes from the other when it has none of its own.
FILLED_FIELDS = ("email", "phone", "company", "title", "url", "uid", "birthday", "moment", "moment_on",
                 "introduced_by_id", "introduced_on", "cadence_days")  # fmt: skip


@dataclass
class MergePlan:
    """What merging `other` into `keep` will do."""

    keep: dict[str, Any]
    other: dict[str, Any]
    changes: dict[str, Any]
    touches: int
    tags: list[str]
    intros: int
    introduced: list[str]
    dismissals: list[dict[str, Any]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The preview, one line per effect."""
        k, o = self.keep["name"], self.other["name"]
        lines = [f"Merge {o} (#{self.other['id']}) into {k} (#{self.keep['id']}):"]
        lines.append(f"  move {self.touches} touch{'es' if self.touches != 1 else ''} to {k}")
        if self.tags:
            lines.append(f"  add tags: {', '.join(self.tags)}")
        for name, value in self.changes.items():
            if name == "note":
                lines.append("  keep both notes")
            elif name != "introduced_by_id":
                lines.append(f"  {_change_words(name, value)}")
        if self.intros:
            lines.append(f"  move {self.intros} intro offer{'s' if self.intros != 1 else ''}")
        if self.introduced:
            lines.append(f"  {k} becomes who introduced you to {', '.join(self.introduced)}")
        lines.append(f"  then delete the record #{self.other['id']} ({o})")
        return lines


# How a merged field reads in the preview; other fields read as their own name.
_FIELD_WORDS = {"created_on": "added on", "introduced_on": "introduced on", "moment_on": "moment noted on",
                "cadence_days": "keep in touch", "uid": "vCard UID", "n": "structured name", "kind": "kind"}  # fmt: skip


def _change_words(name: str, value: Any) -> str:
    """'set added on: Thu 1 Oct 2026', 'set strength: strong', 'set keep in touch: every 3 weeks'."""
    from netlog.rules.wording import format_day, format_span
    from netlog.values.kinds import level_name

    if isinstance(value, date):
        shown = f"{format_day(value)} {value.year}"
    elif name == "strength":
        shown = level_name(value)
    elif name == "cadence_days":
        shown = format_span(value)
    elif isinstance(value, list):
        shown = " ".join(p for p in value if p)
    else:
        shown = str(value)
    return f"set {_FIELD_WORDS.get(name, name)}: {shown}"


def merged_changes(keep: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """The kept contact's new facts: its own first, gaps filled from the other, both notes, the stronger tie."""
    changes = {f: other[f] for f in FILLED_FIELDS if keep.get(f) in (None, "") and other.get(f) not in (None, "")}
    if changes.get("introduced_by_id") == keep["id"]:
        changes.pop("introduced_by_id")
        changes.pop("introduced_on", None)
    if other.get("note") and other["note"] != keep.get("note"):
        changes["note"] = f"{keep['note']}\n{other['note']}" if keep.get("note") else other["note"]
    if other["strength"] > keep["strength"]:
        changes["strength"] = other["strength"]
    if other["created_on"] < keep["created_on"]:
        changes["created_on"] = other["created_on"]
    return changes


def plan_merge(reader: Reader, keep_id: int, other_id: int) -> MergePlan:
    """Look before merging: what will move and change."""
    if keep_id == other_id:
        raise BadInput("That is one contact twice; name the two records to merge.")
    with reader.snapshot():
        keep, other = contact_row(reader, keep_id), contact_row(reader, other_id)
        have = set(reads.tags_of(reader, keep_id))
        return MergePlan(
            keep=keep,
            other=other,
            changes=merged_changes(keep, other),
            touches=len(reads.touches_of(reader, other_id)),
            tags=[t for t in reads.tags_of(reader, other_id) if t not in have],
            intros=len([r for r in reads.intro_rows(reader, other_id) if keep_id not in (r["a_id"], r["b_id"])]),
            introduced=[r["name"] for r in reads.introduced_by(reader, other_id) if r["id"] != keep_id],
            dismissals=reads.dismissal_rows(reader, other_id),
        )


def write_backup(reader: Reader, plan: MergePlan, folder: Path, today: date) -> Path:
    """Everything of both records as JSON, written before the merge: the undo."""
    from netlog.values.encoding import to_json

    records = {}
    with reader.snapshot():
        for row in (plan.keep, plan.other):
            cid = row["id"]
            records[str(cid)] = {
                "contact": row,
                "points": reads.points_of(reader, cid),
                "tags": reads.tags_of(reader, cid),
                "touches": reads.touches_of(reader, cid),
                "mentions": reads.mentions_of(reader, cid),
                "introduced": reads.introduced_by(reader, cid),
                "intro_offers": reads.intro_rows(reader, cid),
                "dismissals": reads.dismissal_rows(reader, cid),
            }
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # it holds whole records: private, whatever the umask made it before
    stem = f"merge-{today.isoformat()}-{plan.keep['id']}-{plan.other['id']}"
    path, number = folder / f"{stem}.json", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.json"
    body = {"merged_into": plan.keep["id"], "merged": plan.other["id"], "on": today, "records": records}
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # private, whatever the umask
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(to_json(body, indent=True))
        handle.flush()
        os.fsync(handle.fileno())
    return path


def handed_cards(reader: Reader, keep_id: int, other_id: int) -> list[tuple[str, str, str]]:
    """The synced cards of the merged-away contact, each (folder, UID, state) as the kept contact's: one person
    is one card, as after khard's own merge. In an address book where the kept contact has a synced card, the
    other's is "merged" (the next `sync contacts` moves its lines netlog does not own onto the kept card and
    deletes it); in one where it has none, it becomes the kept contact's card ("synced": the next sync
    patches it with the kept contact's fields). Calendar items are not handed over: what is due is worked
    out again for the kept contact."""
    cards = [r for r in reads.sync_items_of(reader, other_id) if r["state"] == "synced" and str(r["file"]).lower().endswith(".vcf")]
    kept = {r["folder"] for r in reads.sync_items_of(reader, keep_id) if r["state"] in ("synced", "merged")}
    handed: list[tuple[str, str, str]] = []
    for row in cards:
        handed.append((row["folder"], row["uid"], "merged" if row["folder"] in kept else "synced"))
        kept.add(row["folder"])
    return handed


def merge(store: Store, plan: MergePlan, folder: Path, today: date) -> Path:
    """Merge in one transaction: it all lands or none of it does. The undo (write_backup) is written inside
    it, once the write lock is held, and removed when the merge does not land: a merge that waits for another
    writer and is killed leaves no undo of a merge that never happened. Returns the undo's path."""
    from netlog.storage import records
    from netlog.storage.store import reader_for

    keep_id, other_id = plan.keep["id"], plan.other["id"]
    undo: list[Path] = []

    def work(session: Session) -> None:
        reader = reader_for(session)
        for path in undo:  # a retried transaction writes its undo again
            path.unlink(missing_ok=True)
        undo[:] = [write_backup(reader, plan, folder, today)]
        introduced = [r["id"] for r in reads.introduced_by(reader, other_id)]
        records.move_contact_links(session, other_id, keep_id)
        records.add_tags(session, keep_id, plan.tags)
        mine = {r["action"]: r["done_on"] for r in reads.dismissal_rows(reader, keep_id)}
        for row in plan.dismissals:
            if row["action"] not in mine or row["done_on"] > mine[row["action"]]:
                records.set_done(session, keep_id, row["action"], row["done_on"])
        mine, theirs = records.points_of(session, keep_id), records.points_of(session, other_id)
        region = records.region(session)
        for kind in KINDS:  # every address of both, the kept contact's preferred ones first
            records.set_points(session, keep_id, kind, merged(mine[kind], theirs[kind], kind, region))
        records.hand_over_sync_items(session, keep_id, handed_cards(reader, keep_id, other_id))
        records.delete_contact(session, other_id)
        records.update_contact(session, keep_id, {k: v for k, v in plan.changes.items() if k not in KINDS})
        cache.refresh(session, [keep_id, *introduced])

    try:
        store.write(work)
    except BaseException:
        for path in undo:
            path.unlink(missing_ok=True)
        raise
    return undo[0]
