"""`netlog sync contacts DIR`: two-way sync with a vdir address book (one card a file, the folder vdirsyncer
keeps), remembering per card what each side said at the last sync (sync_item), so that:

- a card added to DIR comes in (through the importer's matching, so it finds the contact it is);
- a card changed in DIR changes the fields it changed; a contact changed in netlog patches only the
  fields netlog changed on its card (every other line kept byte for byte);
- a field changed on both sides to different values is a conflict: the address book's value wins and
  netlog's goes to the contact's note history; but emails, phones and URLs are merged (every address either
  side added is kept, with its label);
- a card deleted from DIR is never recreated: the contact stays, no longer synced, said once;
- a card whose contact was removed with `netlog rm` is left alone and never brought back, in this folder or any
  other (removed_card remembers every card UID the contact had), said once; a hand `netlog add` of the name
  brings it back (the card then joins the contact added);
- netlog's contacts without a card go out as new cards with a random UUID4 as UID;
- after `netlog merge`, the merged-away contact's card is folded into the kept contact's card (the lines
  netlog does not own that the kept card has none of) and deleted, as khard's own merge does; one the
  address book changed since the last sync is left alone and said.

An unchanged run reads the folder's sizes and mtimes and the contacts through the read path, and writes
nothing (no transaction, no file). Otherwise the run is one transaction; the cards are written last in it,
each whole (temporary file, rename) with one flush of the disk (vdir.write_files)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from netlog.errors import BadInput
from netlog.storage import reads
from netlog.syncing import folder as folders
from netlog.syncing import views
from netlog.values.points import KINDS, REGION_KEY, Point, default_region

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.importers.engine import ImportReport, _Plan
    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

COUNTS = ("in_new", "in_changed", "in_deleted", "out_new", "out_changed", "conflicts", "unchanged")
SUFFIX = ".vcf"
VERSION = "3.0"  # of the cards netlog makes (a patched card keeps its own)


@dataclass
class SyncReport:
    """What a sync did (or, on a dry run, would do): the seven counts and what to tell the user."""

    folder: str
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    lines: list[str] = field(default_factory=list)


def sync_contacts(store: Store, today: date, folder: str, dry_run: bool = False, create: bool = False) -> SyncReport:
    """Sync the address book in `folder` with netlog's contacts (see the module's docstring). A folder that is
    not there is refused (a mistyped path would get a card of every contact), unless `create`: a new address book."""
    missing = None if create else (
        f"No folder {folder}: sync contacts needs an address book's folder (vdirsyncer discover makes them);"
        " --create makes a new one there."
    )  # fmt: skip
    path = folders.open_folder(folder, "vCards", create=not dry_run, missing=missing)
    key = folders.key_of(path)
    reader = store.reader
    with reader.snapshot():
        quick = _Sync(reader, today, path, key, folder, dry_run)
        if quick.idle():
            return quick.finish()
        if dry_run:
            quick.plan()
            return quick.finish()

    def build(reader: Reader) -> _Sync:
        found = _Sync(reader, today, path, key, folder, False)
        found.plan()
        return found

    return store.planned(build).finish()


class _Rows(Mapping[int, dict[str, Any]]):
    """The contacts' rows by id, each made a dict only when asked for (an unchanged sync asks for none)."""

    def __init__(self, raw: dict[int, tuple[Any, ...]], columns: tuple[str, ...]) -> None:
        self.raw, self.columns = raw, columns
        self.made: dict[int, dict[str, Any]] = {}

    def __getitem__(self, cid: int) -> dict[str, Any]:
        if cid not in self.made:
            self.made[cid] = dict(zip(self.columns, self.raw[cid]))
        return self.made[cid]

    def __contains__(self, cid: object) -> bool:
        return cid in self.raw

    def __iter__(self) -> Iterator[int]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def _point_rows(rows: list[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """all_points' rows by contact: (kind, value, label, normal), the preferred first."""
    found: dict[int, list[tuple[Any, ...]]] = {}
    for cid, kind, value, label, normal in rows:
        found.setdefault(cid, []).append((kind, value, label, normal))
    return found


def card_uids(text: str) -> list[str] | None:
    """The UIDs of the cards in a file's text ("" for a card without one); None when it is not a vCard file."""
    from netlog.vcard import cardlines, vdir

    split = cardlines.split_cards(cardlines.parse(text))
    if split.unclosed or not split.cards:
        return None
    return [vdir.uid_of(card) or "" for card in split.cards]


@dataclass
class _Card:
    """A card as netlog reads it: fields, points and tags (netlog.vcard.cards), and its comparable view."""

    fields: dict[str, Any]
    points: dict[str, list[Point]]
    tags: list[str]
    view: dict[str, Any]
    groups: list[str]  # categories spelled as an address book's own groups, on lines not marked as netlog's tags


@dataclass
class _Change:
    """A remembered card whose card or contact changed since the last sync."""

    row: dict[str, Any]
    item: folders.Item
    contact_id: int


class _Sync:
    """One run: what the folder and the database say, compared with what the last sync remembered."""

    def __init__(self, reader: Reader, today: date, path: Path, key: str, label: str, dry_run: bool) -> None:
        self.today, self.path, self.key = today, path, key
        self.report = SyncReport(label, dry_run)
        self.region = default_region(reads.meta(reader, REGION_KEY))
        self.known = {row["uid"]: row for row in reads.sync_items(reader, key)}
        self.scan = folders.read(path, SUFFIX, self.known.values(), card_uids, label)
        self.report.lines.extend(self.scan.problems)
        self.raw = {row[0]: row for row in reads.rows(reader, "sync_contacts")}
        self.rows = _Rows(self.raw, reads.columns("sync_contacts"))
        self.point_rows = _point_rows(reads.rows(reader, "all_points"))
        self.tags = reads.all_tags(reader)
        self.reader = reader
        linked = {r["contact_id"] for r in self.known.values() if r["contact_id"] is not None and r["state"] != "removed"}
        self.unlinked = [cid for cid in self.rows if cid not in linked]
        # a contact whose card is in another address book netlog syncs is that address book's: not sent to this one
        elsewhere = reads.cards_elsewhere(reader, key) if self.unlinked else {}
        self.held = {cid: elsewhere[cid] for cid in self.unlinked if cid in elsewhere}  # contact -> that folder
        if self.held:
            self.unlinked = [cid for cid in self.unlinked if cid not in self.held]
        self.new_items: list[folders.Item] = []
        self.changes: list[_Change] = []
        self.gone: list[dict[str, Any]] = []  # synced cards no longer in the folder
        self.orphans: list[dict[str, Any]] = []  # synced cards whose contact is no longer there
        self.restat: list[tuple[dict[str, Any], folders.Item]] = []  # unchanged cards whose file was touched
        self.merged: list[tuple[dict[str, Any], folders.Item | None]] = []  # cards of merged-away contacts
        self.folds: dict[int, list[str]] = {}  # kept contact -> texts of the merged-away cards to fold in
        self.deleted: list[Path] = []  # merged-away cards to delete
        self.unchanged = 0
        self.removed = reads.removed_cards(reader)  # cards of contacts removed with `netlog rm` (any folder, any import)
        self._netlog_views: dict[int, str] = {}
        self._item_views: dict[str, tuple[str | None, str | None]] | None = None
        self._uidless: dict[str, int | None] | None = None
        self._classify()
        # what the plan will write
        self.plan_of_new: _Plan | None = None
        self.import_report: ImportReport | None = None
        self.linked_new: list[tuple[folders.Item, int]] = []
        self.skipped_new: list[folders.Item] = []  # cards of removed contacts, remembered as such
        self.contact_changes: dict[int, dict[str, Any]] = {}
        self.point_changes: dict[int, dict[str, list[Point]]] = {}
        self.tag_changes: dict[int, tuple[list[str], list[str]]] = {}
        self.notes: list[tuple[int, str]] = []
        self.uids: dict[int, str] = {}  # out_new contacts given a UID
        self.pending: dict[Path, str] = {}  # files to write
        self.built: dict[Path, list[Any]] = {}  # new cards' properties, as parsing their text gives them
        self.synced: list[tuple[folders.Item | Path, str, int]] = []  # (item or new file, uid, contact) to remember

    # comparing

    def item_views(self) -> dict[str, tuple[str | None, str | None]]:
        """What each side said at the last sync, by UID (read only when a card or contact changed)."""
        if self._item_views is None:
            self._item_views = reads.sync_item_views(self.reader, self.key)
        return self._item_views

    def points_of(self, cid: int) -> dict[str, list[dict[str, Any]]]:
        """A contact's points as reads.all_points gives them."""
        found: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        for kind, value, label, normal in self.point_rows.get(cid, ()):
            found.setdefault(kind, []).append({"value": value, "label": label, "normal": normal})
        return found

    def signature(self, cid: int) -> str:
        return views.signature(self.raw[cid], self.point_rows.get(cid, ()), self.tags.get(cid, ()))

    def netlog_view(self, cid: int) -> str:
        if cid not in self._netlog_views:
            found = views.contact_view(self.rows[cid], self.points_of(cid), self.tags.get(cid, []))
            self._netlog_views[cid] = views.dump(found)
        return self._netlog_views[cid]

    def _classify(self) -> None:
        merging = {row["contact_id"] for row in self.known.values() if row["state"] == "merged"}
        for uid, item in self.scan.items.items():
            row = self.known.get(uid)
            if row is None:
                self.new_items.append(item)
                continue
            if row["state"] == "merged":
                self.merged.append((row, item))
                continue
            if row["state"] != "synced":
                continue  # deleted once, or its contact removed: left alone
            cid = row["contact_id"]
            if cid is None or cid not in self.rows:
                self.orphans.append(row)
                continue
            if item.hash == row["hash"] and self.signature(cid) == row["netlog_sig"] and cid not in merging:
                self.unchanged += 1
                if (item.size, item.mtime_ns) != (row["size"], row["mtime_ns"]) or folders.text_of(item.name) != row["file"]:
                    self.restat.append((row, item))
                continue
            self.changes.append(_Change(row, item, cid))
        for uid, row in self.known.items():
            missing = uid not in self.scan.items and uid not in self.scan.taken and row["file"] not in self.scan.unusable
            if row["state"] == "synced" and missing:  # a file that cannot be read now is not a deleted card
                self.gone.append(row)
            elif row["state"] == "merged" and missing:  # deleted in the address book already
                self.merged.append((row, None))

    def idle(self) -> bool:
        """Nothing to write: no card or contact changed, none new, none gone."""
        return not (self.new_items or self.changes or self.gone or self.orphans or self.restat or self.unlinked or self.merged
                    or self.uidless_owners())

    # planning (pure: everything is written by apply)

    def plan(self) -> None:
        counts = self.report.counts
        for row in self.gone:
            counts["in_deleted"] += 1
            name = self.rows[row["contact_id"]]["name"] if row["contact_id"] in self.rows else row["uid"]
            self.report.lines.append(
                f"{name}: the card was deleted from {self.report.folder}; kept in netlog with their history, no longer synced."
            )
        self._plan_merged()
        for change in self.changes:
            self._plan_change(change)
        self._adopt_cards_without_uid()
        self._plan_new_cards()
        self._plan_new_contacts()

    def _plan_merged(self) -> None:
        """The cards of contacts merged into another: each is folded into the kept contact's card and deleted
        (out_changed), unless the address book changed it since the last sync or the kept contact has no card
        here: then it is left alone, and said."""
        cards_of = {row["contact_id"] for row in self.known.values() if row["state"] == "synced" and row["uid"] in self.scan.items}
        for row, item in self.merged:
            cid = row["contact_id"]
            if item is None or cid not in self.rows:
                continue  # deleted there already, or the kept contact was removed since: nothing to fold
            name = self.rows[cid]["name"]
            if item.hash != row["hash"] or cid not in cards_of:
                why = "changed in the address book since the last sync" if item.hash != row["hash"] else "the only card of theirs here"
                self.report.lines.append(
                    f"{name}: {item.file.name}, the card of a contact merged into them, is {why}; left as it is (delete it there if it is the same person)."
                )
                continue
            self.folds.setdefault(cid, []).append(item.read())
            self.deleted.append(item.file)
            self.report.counts["out_changed"] += 1
            self.report.lines.append(
                f"{name}: {item.file.name}, the card of a contact merged into them, is deleted; what netlog does not keep of it is on their card now."
            )

    def _read(self, text: str) -> _Card:
        from netlog.vcard import cardlines

        return self._card_of(cardlines.split_cards(cardlines.parse(text)).cards[0].properties)

    def _card_of(self, properties: list[Any]) -> _Card:
        from netlog.vcard import cards

        fields, tags, _ = cards.read_card(properties)
        points = cards.read_points(properties)
        return _Card(fields, points, tags, views.card_view(fields, points, tags, self.region), cards.system_groups(properties))

    def _plan_change(self, change: _Change) -> None:
        from netlog.importers.records import clean
        from netlog.values import validation
        from netlog.vcard import cards

        counts = self.report.counts
        cid, row, item = change.contact_id, change.row, change.item
        text = item.read()
        card = self._read(text)
        mine = views.load(self.netlog_view(cid))
        seen_card, seen_mine = self.item_views().get(row["uid"], (None, None))
        base_card, base_mine = views.load(seen_card), views.load(seen_mine)
        # a tag spelled as a system group ("starred") that the card held as a tag at the last sync is still one when
        # another program rewrote the line without netlog's mark: what netlog sent comes back
        still = [t for t in card.groups if t in (base_card.get("tags") or []) and t not in card.tags]
        if still:
            card.tags = card.tags + still
            card.view["tags"] = sorted(set(card.view["tags"]) | set(still))
        take_in: list[str] = []
        send_out: list[str] = []
        conflicts: list[str] = []
        for key in views.KEYS:
            theirs, ours = card.view[key], mine[key]
            if theirs == ours:
                continue
            card_moved, we_moved = theirs != base_card.get(key), ours != base_mine.get(key)
            if card_moved and we_moved:
                conflicts.append(key)
                take_in.append(key)
            elif card_moved:
                take_in.append(key)
            elif we_moved:
                send_out.append(key)
        # emails, phones and URLs changed on both sides are no conflict: every address either side added stays, and
        # the ones either side removed go (the card's first, each with its label), on both sides
        unions = {key: self._union(key, card, cid, base_card, base_mine) for key in conflicts if key in KINDS}
        conflicts = [key for key in conflicts if key not in unions]
        send_out += list(unions)
        name = self.rows[cid]["name"]
        scalars: dict[str, Any] = {}
        for key in take_in:
            if key in KINDS:  # through the door an import's addresses pass: cleaned, and none too long
                listed = [Point(validation.clean_text(p.value) or "", validation.clean_text(p.label)) for p in unions.get(key, card.points.get(key, []))]
                kept_points = [p for p in listed if p.value and len(p.value) <= validation.MAX_SHORT]
                if len(kept_points) < len(listed):
                    self.report.lines.append(f"{item.file}: {name}: an {key} that is empty or too long was left out.")
                self.point_changes.setdefault(cid, {})[key] = kept_points
            elif key == "tags":
                have = set(self.tags.get(cid, []))
                try:
                    wanted = set(validation.tags(card.view["tags"]))
                except BadInput as error:
                    self.report.lines.append(f"{item.file}: {name}: {str(error).rstrip('.')}; its tags were left as they are.")
                    continue
                self.tag_changes[cid] = (sorted(wanted - have), sorted(have - wanted))
            elif key != "name" or card.fields.get("name"):
                scalars[key] = clean(card.fields.get(key))
        if scalars:
            kept, faults = validation.contact_fields(scalars)
            for fault in faults:
                self.report.lines.append(f"{item.file}: {name}: {fault}; left out.")
            if kept:
                self.contact_changes.setdefault(cid, {}).update(kept)
        for key in conflicts:
            ours_shown, theirs_shown = views.shown(mine[key]), views.shown(card.view[key])
            self.notes.append((cid, f"Sync conflict on {views.word(key)}: netlog had {ours_shown}; the address book's {theirs_shown} replaced it."))
            self.report.lines.append(
                f"{name}: {views.word(key)} changed on both sides (a conflict): the address book's {theirs_shown!r} won;"
                f" netlog's {ours_shown!r} is kept in the note history."
            )
        new_text = text
        if send_out:
            record = self._card_record(card, cid, send_out, unions)
            new_text = cards.patch_card(text, record)
        if cid in self.folds:
            new_text = cards.fold_card(new_text, self.folds.pop(cid))
        if new_text != text:
            self.pending[item.file] = new_text
        if conflicts:
            counts["conflicts"] += 1
        if set(take_in) - set(conflicts):
            counts["in_changed"] += 1
        if new_text != text:
            counts["out_changed"] += 1
        if not take_in and new_text == text:
            counts["unchanged"] += 1
        self.synced.append((item, item.uid, cid))

    def _card_record(self, card: _Card, cid: int, keys: list[str], unions: Mapping[str, list[Point]]) -> dict[str, Any]:
        """What the card says, but for the fields netlog changed: the contact's (so a patch touches only those), and
        for addresses changed on both sides, both sides' (`unions`)."""
        from netlog.exporters.vcard import structured

        record: dict[str, Any] = {**card.fields, "tags": list(card.tags), "points": {k: list(card.points.get(k, [])) for k in KINDS}}
        row = self.rows[cid]
        for key in keys:
            if key in unions:
                record["points"][key] = list(unions[key])
            elif key in KINDS:
                record["points"][key] = [Point(p["value"], p["label"]) for p in self.points_of(cid).get(key, [])]
            elif key == "tags":
                record["tags"] = list(self.tags.get(cid, []))
            else:
                record[key] = structured(row.get(key))
        return record

    def _union(self, kind: str, card: _Card, cid: int, base_card: Mapping[str, Any], base_mine: Mapping[str, Any]) -> list[Point]:
        """The emails (phones, URLs) of a card and its contact, both changed since the last sync, merged as sets: what
        either side has, but what either side removed since (compared in their normal forms); the card's first, in
        its order, then netlog's, each with its own label."""
        from netlog.values.points import normal

        theirs = [(normal(kind, p.value, self.region), p) for p in card.points.get(kind, [])]
        ours = [(p["normal"], Point(p["value"], p["label"])) for p in self.points_of(cid).get(kind, [])]
        removed = set(base_card.get(kind) or []) - {n for n, _ in theirs}
        removed |= set(base_mine.get(kind) or []) - {n for n, _ in ours}
        kept: list[Point] = []
        seen: set[str] = set()
        for key, point in theirs + ours:
            if key and key not in seen and key not in removed:
                seen.add(key)
                kept.append(point)
        return kept

    def _adopt_cards_without_uid(self) -> None:
        """A card with no UID (khard skips those) gets one in its own file (every other byte kept, as vdirsyncer's
        `repair` gives one), so that it is synced from then on and never said again (_owners_of_cards_without_uid
        says which). A card without a UID that describes a contact with a card already (a second card of one
        person) is left as it is, and said."""
        taken = set(self.known) | set(self.scan.items) | self.scan.taken
        for path, (text, problem) in self.scan.without_uid.items():
            if path not in self.uidless_owners():
                continue
            cid = self.uidless_owners()[path]
            uid = self.rows[cid].get("uid") if cid is not None else None
            if not uid or uid in taken or uid.startswith("netlog-"):
                uid = str(uuid.uuid4())
            taken.add(uid)
            item = self._given_uid(path, text, uid, problem)
            given = "would be given a UID" if self.report.dry_run else f"has the UID {uid} now"
            if cid is None:
                self.report.lines.append(f"{item.file}: has no UID; it {given}, and comes in as a new card.")
            else:
                self.report.lines.append(f"{item.file}: has no UID; it is {self.rows[cid]['name']}'s card, and {given}.")

    def uidless_owners(self) -> dict[str, int | None]:
        """The cards without a UID that a sync gives one, by path: to the contact without a card here that the card
        describes (same name or email: khard's korean-c.vcf, imported from this folder), as `export --vdir` takes
        it, so no second card is written for the same person; to None when it describes no contact netlog has (a
        new card, like any other). Worked out once a run (an unchanged sync asks too)."""
        if self._uidless is not None:
            return self._uidless
        self._uidless = {}
        if not self.scan.without_uid:
            return self._uidless  # the usual folder: nothing to import for (an unchanged sync loads no card code)
        from netlog.values.folding import fold
        from netlog.values.points import normal
        from netlog.vcard import cardlines, cards

        waiting = dict(self.scan.without_uid)
        for cid in self.unlinked if waiting else ():
            row = self.rows[cid]
            contact = {"name": row["name"], "points": {"email": [Point(p["value"], p["label"]) for p in self.points_of(cid)["email"]]}}
            path = next((path for path, (text, _) in waiting.items() if cards.describes(text, contact)), None)
            if path is not None:
                del waiting[path]
                self._uidless[path] = cid
        if waiting:
            names = {fold(self.rows[cid]["name"] or "") for cid in self.rows} - {""}
            emails = {normal_form for rows in self.point_rows.values() for kind, _, _, normal_form in rows if kind == "email"}
            for path, (text, _) in waiting.items():
                properties = cardlines.split_cards(cardlines.parse(text)).cards[0].properties
                theirs = {normal("email", p.value) for p in cards.read_points(properties)["email"]}
                if fold(cards.full_name(properties) or "") not in names and not theirs & emails:
                    self._uidless[path] = None
        return self._uidless

    def _given_uid(self, path: str, text: str, uid: str, problem: str) -> folders.Item:
        """A card without a UID, given one in its own file, taken in as a new card of the folder."""
        from netlog.vcard import cards

        adopted = cards.with_uid(text, uid)
        size, mtime_ns = folders.stat_of(Path(path))
        item = folders.Item(path, uid, folders.digest(adopted), size, mtime_ns, adopted)
        self.scan.items[uid] = item
        self.new_items.append(item)
        self.pending[item.file] = adopted
        self.report.counts["out_changed"] += 1
        if problem in self.report.lines:
            self.report.lines.remove(problem)
        return item

    def _plan_new_cards(self) -> None:
        if not self.new_items:
            return
        from netlog.importers import vcard
        from netlog.importers.engine import ImportReport, contact_plan, left_out_line
        from netlog.importers.records import Batch

        plan = contact_plan(self.reader, self.today)
        plan.leave_out({r["contact_id"] for r in self.known.values() if r["contact_id"] is not None})
        report = ImportReport()
        for item in self.new_items:
            if item.uid in self.removed:
                self.skipped_new.append(item)
                continue
            batch = Batch()
            vcard.read_card_text(str(item.file), item.read(), batch)
            self.report.lines.extend(batch.problems)
            if len(batch.records) != 1:
                continue
            cid = plan.add(batch.records[0], report)
            if cid is None:
                continue
            plan.leave_out({cid})
            if cid in self.raw:  # an existing contact: the card gets what netlog knew of them and it lacks
                self._plan_joined(item, cid, plan)
            self.linked_new.append((item, cid))
            self.synced.append((item, item.uid, cid))
            self.report.counts["in_new"] += 1
        self.report.lines.extend(report.problems)
        if self.skipped_new:  # said at the sync that first sees them: remembered as removed here, never said again
            names = [self.removed[item.uid] or self._read(item.read()).fields.get("name") or item.uid for item in self.skipped_new]
            self.report.lines.append(left_out_line(names))
        self.plan_of_new, self.import_report = plan, report
        matched = {cid for _, cid in self.linked_new}
        self.unlinked = [cid for cid in self.unlinked if cid not in matched]

    def _plan_joined(self, item: folders.Item, cid: int, plan: _Plan) -> None:
        """A new card that joined an existing contact: the contact, as the import leaves it (the card's values
        where it has them, every address of both, the tags of both), goes out to the fields the card lacks
        (empty there, or fewer addresses or tags), so both sides say the same; the card's own values stand
        (the name, a company it has), and its other lines are kept byte for byte."""
        from netlog.exporters.vcard import structured
        from netlog.vcard import cards

        text = item.read()
        card = self._read(text)
        row, points, tags = plan.contacts[cid], plan._points_of(cid), sorted(plan.tags.get(cid, ()))
        joined = views.card_view(row, points, tags, self.region)
        keys = [key for key in views.KEYS if joined[key] != card.view[key]
                and (card.view[key] in (None, []) or key in KINDS or key == "tags")]  # fmt: skip
        if not keys:
            return
        record: dict[str, Any] = {**card.fields, "tags": list(card.tags), "points": {k: list(card.points.get(k, [])) for k in KINDS}}
        for key in keys:
            if key in KINDS:
                record["points"][key] = list(points.get(key, []))
            elif key == "tags":
                record["tags"] = tags
            else:
                record[key] = structured(row.get(key))
        patched = cards.patch_card(text, record)
        if patched != text:
            self.pending[item.file] = patched
            self.report.counts["out_changed"] += 1

    def _plan_new_contacts(self) -> None:
        from netlog.exporters.vcard import record_of
        from netlog.vcard import cards, vdir

        held = {cid: where for cid, where in self.held.items() if cid not in {c for _, c in self.linked_new}}
        if held and not self.known:  # said at a folder's first sync, when it matters
            folders_held = sorted(set(held.values()))
            self.report.lines.append(
                f"{len(held)} contact{'' if len(held) == 1 else 's'} with a card in another address book netlog syncs"
                f" ({folders_held[0]}{' and others' if len(folders_held) > 1 else ''}) {'was' if len(held) == 1 else 'were'}"
                f" not sent here; netlog export vcard --vdir {self.report.folder} sends every contact."
            )
        taken = set(self.known) | set(self.scan.items) | self.scan.taken
        for cid in self.unlinked:
            row = self.rows[cid]
            uid = row.get("uid")
            if not uid or uid in taken or uid.startswith("netlog-"):
                uid = str(uuid.uuid4())
                self.uids[cid] = uid
            taken.add(uid)
            record = {**record_of(row, self.tags.get(cid, []), self.points_of(cid)), "uid": uid}
            file = vdir.free_name(self.path, uid, self.pending)
            self.pending[file], self.built[file] = cards.built_card(record, VERSION)
            self.synced.append((file, uid, cid))
            self.report.counts["out_new"] += 1

    # writing

    def apply(self, session: Session) -> None:
        """Write the plan: contacts first, then the cards (one flush), then what this sync saw."""
        from netlog.network import cache
        from netlog.storage import records
        from netlog.storage.store import reader_for
        from netlog.vcard import vdir

        if self.plan_of_new is not None:
            self.plan_of_new.apply(session)
        touched: set[int] = set()
        for cid, changes in self.contact_changes.items():
            records.update_contact(session, cid, changes)
            touched.add(cid)
        for cid, by_kind in self.point_changes.items():
            for kind, listed in by_kind.items():
                records.set_points(session, cid, kind, listed)
            touched.add(cid)
        for cid, (added, dropped) in self.tag_changes.items():
            records.add_tags(session, cid, added)
            records.remove_tags(session, cid, dropped)
            touched.add(cid)
        for cid, text in self.notes:
            records.add_contact_note(session, cid, self.today, text)
        records.set_uids(session, self.uids, replace=True)  # one statement for all of them, not one a contact
        if touched:
            cache.refresh(session, touched)
        vdir.write_files(self.pending)
        for file in self.deleted:
            try:
                file.unlink(missing_ok=True)
            except OSError as error:
                raise BadInput(f"Cannot delete the card {file}: {error.strerror or error}; nothing was changed.") from None
        self._remember(session, reader_for(session))

    def _remember(self, session: Session, reader: Reader) -> None:
        from netlog.storage import records

        raw = {row[0]: row for row in reads.rows(reader, "sync_contacts")}
        rows = _Rows(raw, reads.columns("sync_contacts"))
        point_rows, points, tags = _point_rows(reads.rows(reader, "all_points")), reads.all_points(reader), reads.all_tags(reader)
        saved: list[dict[str, Any]] = []
        for what, uid, cid in self.synced:
            file = what if isinstance(what, Path) else what.file
            text = self.pending.get(file)
            if text is None and isinstance(what, folders.Item):
                text = what.read()
            assert text is not None
            size, mtime_ns = folders.stat_of(file)
            saved.append({
                "uid": uid, "file": folders.text_of(file.name), "hash": folders.digest(text), "size": size, "mtime_ns": mtime_ns,
                "contact_id": cid, "state": "synced", "item_view": views.dump((self._card_of(self.built[file]) if file in self.built else self._read(text)).view),
                "netlog_view": views.dump(views.contact_view(rows[cid], points.get(cid, {}), tags.get(cid, []))),
                "netlog_sig": views.signature(raw[cid], point_rows.get(cid, ()), tags.get(cid, ())),
            })  # fmt: skip
        seen = self.item_views()

        def kept(row: dict[str, Any]) -> dict[str, Any]:
            item_view, netlog_view = seen.get(row["uid"], (None, None))
            return {**row, "item_view": item_view, "netlog_view": netlog_view}

        for row, item in self.restat:
            saved.append({**kept(row), "file": folders.text_of(item.name), "size": item.size, "mtime_ns": item.mtime_ns, "hash": item.hash})
        for row in self.gone:
            saved.append({**kept(row), "state": "deleted"})
        for row in self.orphans:
            saved.append({**kept(row), "contact_id": None, "state": "removed"})
        for row, _ in self.merged:  # deleted, or left alone: never brought back either way
            saved.append({**kept(row), "contact_id": None, "state": "removed"})
        for item in self.skipped_new:
            saved.append({"uid": item.uid, "file": folders.text_of(item.file.name), "hash": item.hash, "size": item.size, "mtime_ns": item.mtime_ns,
                          "contact_id": None, "state": "removed", "item_view": None, "netlog_view": None})  # fmt: skip
        records.save_sync_items(session, self.key, [{k: v for k, v in row.items() if k != "folder"} for row in saved])

    def finish(self) -> SyncReport:
        self.report.counts["unchanged"] += self.unchanged
        return self.report
