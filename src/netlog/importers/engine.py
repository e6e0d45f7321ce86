"""Taking contacts in from another format: match each incoming contact to one that exists (URL, email,
vCard UID, then exact name), work out what is new or changed, and write it all in one transaction.

A name is one person's only when it is one contact's. Several contacts of that name (two Ana Limas LinkedIn
tells apart by URL, two John Smiths made with `add --new`) are never chosen between blindly: the one whose
company, title, note, birthday or touches the record repeats is it; otherwise the record is a new contact
(`dupes` lists it), or, when it says nothing but the name, skipped; either is said. Two records of one
import are two people unless an address makes them one: a record is never matched by name to a contact
another record of the same import already is (a restore keeps both John Smiths).

The format readers (netlog.importers.*) only turn a file into `Incoming` records (importers/records.py);
this module owns the matching and the writes, so every format re-imports idempotently in the same way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Sequence

from netlog.errors import BadInput
from netlog.importers.records import Batch, Incoming, clean
from netlog.storage import reads
from netlog.values import kinds, validation
from netlog.values.dates import FIRST_DAY, in_range
from netlog.values.points import KINDS, REGION_KEY, Point, default_region, merged, normal

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

CONTACT_FIELDS = tuple(c for c in reads.columns("contact_rows") if c not in ("id", "name_key", "first_key"))
# Fields an import may fill or change on an existing contact; name and strength stay the user's.
# (Emails, phones and URLs are points of contact: an import adds those a contact lacks and removes none.)
UPDATABLE = ("company", "title", "uid", "note", "birthday", "n", "nickname", "address", "kind", "family")
MATCH_KEYS = ("url", "email", "uid")
CASE_MATTERS = ("uid",)  # an identifier; in every other field a value that differs only in case is the same value
# The order a record is matched in: its card's UID, then any profile URL, email or phone it shares with a
# contact. A shared email or phone is one person only when the names agree (Tom and Jane Baker, both at
# bakers@example.net, are two); a profile URL is one person's.
NAMES_MUST_AGREE = ("email", "phone")
# What a record may repeat of one of several contacts of its name, to say it is that one.
AGREEING = ("company", "title", "note", "birthday", "nickname", "address")


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    bad_lines: int = 0
    dry_run: bool = False


def contact_plan(reader: Reader, today: date) -> _Plan:
    """An import's plan over what is stored, for a caller that adds its own records (a sync)."""
    return _Plan(reader, today, ())


def import_contacts(
    store: Store,
    today: date,
    batch: Batch,
    tags: Sequence[str] = (),
    dry_run: bool = False,
    tick: Callable[[int], None] | None = None,
) -> ImportReport:
    """Match and write a batch in one transaction; a dry run reads the same way and writes nothing."""
    report = ImportReport(problems=list(batch.problems), bad_lines=batch.bad_lines, dry_run=dry_run)

    def plan(reader: Reader) -> _Plan:
        plan = _Plan(reader, today, tags, batch.whole)
        for number, record in enumerate(batch.records, start=1):
            plan.add(record, report)
            if tick and number % 100 == 0:
                tick(100)
        if tick:
            tick(len(batch.records) % 100)
        for offer in batch.intro_offers:
            plan.add_offer(offer)
        return plan

    done = store.planned(plan, dry_run)
    if done.left_out_removed:
        report.problems.append(left_out_line(done.left_out_removed))
    return report


def left_out_line(names: Sequence[str]) -> str:
    """The one line a run says of the cards it left out because their contact was removed with `netlog rm`, and
    how to bring one back (a hand `add` of the name: the card then joins them)."""
    count, shown = len(names), list(dict.fromkeys(names))
    listed = ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
    return (
        f"Left out {count} card{'' if count == 1 else 's'} of contacts removed with netlog rm ({listed});"
        f' to bring one back, add them again (netlog add "{shown[0]}"): their card then joins them.'
    )


class _Plan:
    """The rows an import will write, built against an in-memory index of what exists."""

    def __init__(self, reader: Reader, today: date, tags: Sequence[str], whole: bool = False) -> None:
        self.today = today
        self.whole = whole  # a restore: a refused value stops the import (Batch.whole)
        self.extra_tags = validation.tags(tags)
        self.contacts: dict[int, dict[str, Any]] = {row["id"]: row for row in reads.contact_rows(reader)}
        self.index: dict[str, dict[str, int]] = {key: {} for key in MATCH_KEYS + ("name",)}
        self.named: dict[str, list[int]] = {}  # a name's key -> every contact of that name, oldest first
        self.claimed: set[int] = set()  # the contacts records of this import already are
        for cid, row in self.contacts.items():
            self._remember(cid, row)
        self.region = default_region(reads.meta(reader, REGION_KEY))
        self.points: dict[int, dict[str, list[Point]]] = {}
        self.owners: dict[tuple[str, str], list[int]] = {}
        for cid, mine in reads.all_points(reader).items():
            self.points[cid] = {kind: [Point(e["value"], e["label"]) for e in mine.get(kind, [])] for kind in KINDS}
            for kind in KINDS:
                for e in mine.get(kind, []):
                    self.owners.setdefault((kind, e["normal"]), []).append(cid)
        self.new_points: dict[int, dict[str, list[Point]]] = {}
        self.point_updates: dict[int, dict[str, list[Point]]] = {}
        self.tags = {cid: set(t) for cid, t in reads.all_tags(reader).items()}
        # How many touches each key (_touch_key) has, stored or added by this import, by contact (those this
        # import creates have none stored).
        self.touch_keys = reads.touch_keys(reader, set(self.contacts), lambda rows: Counter(map(_touch_key_of, rows)))
        self.offers = {_offer_key(r) for r in reads.intro_rows(reader)}
        self.new_offers: list[dict[str, Any]] = []
        self.done = {(r["contact_id"], r["action"]): r["done_on"] for r in reads.dismissal_rows(reader)}
        self.next_id = max(self.contacts, default=0) + 1
        self.new_contacts: list[dict[str, Any]] = []
        self.updates: dict[int, dict[str, Any]] = {}
        self.new_tags: list[dict[str, Any]] = []
        self.new_touches: list[dict[str, Any]] = []
        self.dismissals: list[dict[str, Any]] = []
        self.touched: set[int] = set()
        self.id_map: dict[int, int] = {}  # source id -> id here
        self.links: list[tuple[int, int, Incoming]] = []  # (contact, the source id of who introduced them, record)
        self.user: str | None = None
        self.shared: set[tuple[str, str, str]] = set()  # (name, name, address) said once
        self.removed = reads.removed_cards(reader)  # cards of contacts removed with `netlog rm`: never back
        self.left_out_removed: list[str] = []  # the names of those this import left out, said in one line
        self.left_out: set[int] = set()  # contacts no record may match (a sync's, that have a card already)

    def leave_out(self, contact_ids: set[int]) -> None:
        """Match no incoming record to these contacts."""
        self.left_out |= contact_ids

    def _remember(self, cid: int, row: dict[str, Any]) -> None:
        for key in MATCH_KEYS:
            value = _match_key(key, row.get(key))
            if value:
                self.index[key].setdefault(value, cid)
        name = _key(row.get("name"))
        if name:
            self.index["name"].setdefault(name, cid)
            named = self.named.setdefault(name, [])
            if cid not in named:
                named.append(cid)

    def _match(
        self, fields: dict[str, Any], points: dict[str, list[Point]], report: ImportReport, record: Incoming
    ) -> int | None | _Skip:
        source = record.source
        uid = _match_key("uid", fields.get("uid"))
        if uid and uid in self.index["uid"] and self.index["uid"][uid] not in self.left_out:
            return self.index["uid"][uid]
        name = fields.get("name") or ""
        for kind in ("url", "email", "phone"):
            for point in points.get(kind, []):
                key = normal(kind, point.value, self.region)
                for owner in self.owners.get((kind, key), []):
                    theirs = self.contacts[owner]["name"]
                    if kind not in NAMES_MUST_AGREE or _names_agree(name, theirs):
                        if owner in self.left_out:
                            continue
                        return owner
                    said = (min(name, theirs), max(name, theirs), key)
                    if said not in self.shared:
                        self.shared.add(said)
                        report.problems.append(f"{source}: {name} and {theirs} share {point.value}: two people, kept as two contacts.")
        named = [
            cid for cid in self.named.get(_key(name) or "", [])
            if cid not in self.claimed and cid not in self.left_out and not self._told_apart(cid, fields)
        ]  # fmt: skip
        if len(named) <= 1:
            return named[0] if named else None
        return self._one_of(named, fields, points, record, report)

    def _told_apart(self, cid: int, fields: dict[str, Any]) -> bool:
        """Same name but a different URL, email or UID on both sides: another person."""
        existing = self.contacts[cid]
        for key in MATCH_KEYS:
            theirs, ours = _match_key(key, fields.get(key)), _match_key(key, existing.get(key))
            if theirs and ours and theirs != ours and not (key != "uid" and self._has(cid, key, fields[key])):
                return True
        return False

    def _one_of(
        self, named: list[int], fields: dict[str, Any], points: dict[str, list[Point]], record: Incoming, report: ImportReport
    ) -> int | None | _Skip:
        """Which of several contacts of the record's name it is: the one alone in repeating most of its
        facts and touches; else none (a new contact), or SKIP when the record says nothing but the name."""
        scores = {cid: self._agreement(cid, fields, record) for cid in named}
        best = max(scores.values())
        if best and list(scores.values()).count(best) == 1:
            return next(cid for cid, score in scores.items() if score == best)
        name = fields["name"]
        says = any(points.values()) or fields.get("uid") or record.touches or record.tags or record.dismissals
        says = says or any(fields.get(k) is not None for k in UPDATABLE)
        if not says:
            report.skipped += 1
            report.problems.append(
                f"{record.source}: {name}: {len(named)} contacts have this name and this record says nothing else "
                f"to tell which; skipped."
            )
            return SKIP
        report.problems.append(
            f"{record.source}: {name}: {len(named)} contacts have this name and nothing in this record tells which; "
            f"added as another (netlog dupes lists it, netlog merge joins it)."
        )
        return None

    def _agreement(self, cid: int, fields: dict[str, Any], record: Incoming) -> int:
        """How many of the record's facts and touches contact `cid` already has."""
        existing = self.contacts[cid]
        score = sum(1 for key in AGREEING if fields.get(key) is not None and _same(fields[key], existing.get(key)))
        for touch in record.touches:
            said, faults = validation.touch_fields(touch, self.today)
            if not faults and self.touch_keys.of(cid)[_touch_key(cid, said)]:
                score += 1
        return score

    def _has(self, cid: int, kind: str, value: str) -> bool:
        key = normal(kind, value, self.region)
        return any(normal(kind, p.value, self.region) == key for p in self._points_of(cid)[kind])

    def _points_of(self, cid: int) -> dict[str, list[Point]]:
        return self.point_updates.get(cid) or self.new_points.get(cid) or self.points.get(cid) or {kind: [] for kind in KINDS}

    def add(self, record: Incoming, report: ImportReport) -> int | None:
        """Plan one incoming contact: its row (new, or the changes to the one it matches), then its tags,
        touches and dismissals; counted in `report` as new, updated or unchanged. The contact's id, or None
        when the record was skipped."""
        fields = self._checked(record, report)
        if fields is None:
            return None
        if fields.get("uid") and fields["uid"] in self.removed:
            report.skipped += 1
            self.left_out_removed.append(self.removed[fields["uid"]] or fields["name"])
            return None
        found = self._contact(record, fields, report)
        if found is None:
            return None
        cid, is_new, changed = found
        self.claimed.add(cid)
        if record.source_id is not None:
            self.id_map[record.source_id] = cid
        if record.introduced_by is not None:
            self.links.append((cid, record.introduced_by, record))
        changed = self._add_tags(cid, record, fields["name"], report) or changed
        changed = self._add_touches(cid, record, fields["name"], report) or changed
        changed = self._add_dismissals(cid, record) or changed
        if is_new:
            report.new += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
        if is_new or changed:
            self.touched.add(cid)
        return cid

    def _checked(self, record: Incoming, report: ImportReport) -> dict[str, Any] | None:
        """The record's fields through the door `edit` uses: what it refuses is left out and said; None for a
        contact without a name (skipped)."""
        fields, faults = validation.contact_fields({k: clean(v) for k, v in record.fields.items()}, self.today)
        if not fields.get("name"):
            report.skipped += 1
            report.problems.append(f"{record.source}: a contact without a name was skipped.")
            return None
        if faults and self.whole:
            self._refuse(record, fields["name"], faults[0])
        for fault in faults:
            report.problems.append(f"{record.source}: {fields['name']}: {fault}; left out.")
            report.bad_lines += 1
        return fields

    def _contact(self, record: Incoming, fields: dict[str, Any], report: ImportReport) -> tuple[int, bool, bool] | None:
        """The contact this record is: (its id, whether it is new, whether its row or its points changed);
        None when it is skipped (counted and said)."""
        points = self._incoming_points(record, fields)
        cid = self._match(fields, points, report, record)
        if isinstance(cid, _Skip):
            return None
        if cid is None:
            cid = self._new_id(record.source_id)
            row = {
                **{k: v for k, v in fields.items() if k in CONTACT_FIELDS},
                "id": cid,
                "strength": fields.get("strength") or kinds.DEFAULT_LEVEL,
                "created_on": fields.get("created_on") or self.today,
            }
            row.update({kind: points[kind][0].value if points[kind] else None for kind in KINDS})
            row["introduced_by_id"] = None  # relinked once every record has its id
            self.new_contacts.append(row)
            self.contacts[cid] = row
            self._remember(cid, row)
            self.new_points[cid] = points
            self._own(cid, points)
            self.tags[cid] = set()
            return cid, True, False
        existing = self.contacts[cid]
        if existing.get("uid") is None and fields.get("uid") == f"netlog-{cid}":
            fields["uid"] = None  # the UID netlog's own export gave it: nothing new
        note, theirs = existing.get("note"), fields.get("note")
        if note and theirs and theirs != note and len(theirs) < len(note):
            fields["note"] = None  # a shorter note never replaces a longer one unsaid
            report.problems.append(f"{record.source}: {fields['name']}: kept the longer note netlog has; this one is shorter: {theirs[:60]!r}.")
        changes = {k: fields[k] for k in UPDATABLE if fields.get(k) is not None and not _unchanged(k, fields[k], existing.get(k))}
        have = self._points_of(cid)
        grown = {kind: merged(have[kind], points[kind], kind, self.region) for kind in KINDS}
        grown = {kind: listed for kind, listed in grown.items() if listed != have[kind]}
        if not changes and not grown:
            return cid, False, False
        if grown:
            target = self.new_points if cid in self.new_points else self.point_updates
            target[cid] = {**have, **grown}
            self._own(cid, grown)
            existing.update({kind: listed[0].value for kind, listed in grown.items() if listed})
        if changes:
            self.updates.setdefault(cid, {}).update(changes)
            existing.update(changes)
        self._remember(cid, existing)
        return cid, False, True

    def _incoming_points(self, record: Incoming, fields: dict[str, Any]) -> dict[str, list[Point]]:
        """The record's emails, phones and URLs, each through the door; a kind the reader did not list is its
        one field value."""
        points: dict[str, list[Point]] = {}
        for kind in KINDS:
            listed = record.points.get(kind)
            if listed is None:
                listed = [Point(fields[kind])] if fields.get(kind) else []
            kept = []
            for point in listed:
                value = validation.clean_text(point.value)
                if value and len(value) <= validation.MAX_SHORT:
                    kept.append(Point(value, validation.clean_text(point.label)))
            points[kind] = merged([], kept, kind, self.region)
        return points

    def _own(self, cid: int, points: dict[str, list[Point]]) -> None:
        for kind, listed in points.items():
            for point in listed:
                owners = self.owners.setdefault((kind, normal(kind, point.value, self.region)), [])
                if cid not in owners:
                    owners.append(cid)

    def _add_tags(self, cid: int, record: Incoming, name: str, report: ImportReport) -> bool:
        """The record's tags and the import's --tag, those the contact lacks; whether any was added."""
        try:
            record_tags = validation.tags(record.tags)
        except BadInput as error:
            report.problems.append(f"{record.source}: {name}: {str(error).rstrip('.')}; its tags were left out.")
            record_tags = []
        added = False
        have = self.tags.setdefault(cid, set())  # a contact that had no tags has no entry yet
        for tag in dict.fromkeys([*record_tags, *self.extra_tags]):
            if tag and tag not in have:
                have.add(tag)
                self.new_tags.append({"contact_id": cid, "name": tag})
                added = True
        return added

    def _add_touches(self, cid: int, record: Incoming, name: str, report: ImportReport) -> bool:
        """The record's touches not stored yet; whether any was added."""
        added = False
        incoming: Counter[tuple[Any, ...]] = Counter()
        for touch in record.touches:
            said, faults = validation.touch_fields(touch, self.today)  # the door again: LinkedIn's "07 Jul 0115"
            if faults and self.whole:
                self._refuse(record, name, f"a touch: {faults[0]}")
            if faults:
                report.problems.append(f"{record.source}: {name}: a touch: {faults[0]}; left out.")
                report.bad_lines += 1
                continue
            row = {**said, "contact_id": cid}
            key = _touch_key(cid, row)
            # Touches alike (one contact, kind, day, direction, note) are counted, not merged: two calls on
            # one day stay two, and re-importing the same file adds neither again.
            incoming[key] += 1
            stored = self.touch_keys.of(cid)
            if incoming[key] <= stored[key]:
                continue
            stored[key] += 1
            row.setdefault("direction", kinds.KINDS[row["kind"]][1])
            row.setdefault("logged_by", self._user())
            self.new_touches.append(row)
            self.touched.add(cid)
            added = True
        return added

    def _add_dismissals(self, cid: int, record: Incoming) -> bool:
        """The record's dismissals that differ from what is stored; whether any was added."""
        added = False
        for action, on in record.dismissals.items():
            if not in_range(on) or on > self.today:
                self._refuse(record, self.contacts[cid]["name"], f"{action} done on {self._not_a_past_day(on)}")
            if self.done.get((cid, action)) != on:
                self.done[(cid, action)] = on
                self.dismissals.append({"contact_id": cid, "action": action, "done_on": on})
                added = True
        return added

    def add_offer(self, offer: dict[str, Any]) -> bool:
        """An intro offer of a netlog export, by its ids; False when it is here already."""
        row = {k: v for k, v in offer.items() if k != "source"}
        for key in ("offered_on", "a_yes_on", "b_yes_on", "sent_on", "declined_on"):
            on = row.get(key)
            if on is not None and (not in_range(on) or on > self.today):
                raise BadInput(f"{offer.get('source')}: an intro offer: {key} {self._not_a_past_day(on)}; nothing was imported.")
        row.update({k: self.id_map.get(row[k]) for k in ("a_id", "b_id", "declined_by_id") if row.get(k) is not None})
        if row["a_id"] is None or row["b_id"] is None or _offer_key(row) in self.offers:
            return False
        self.offers.add(_offer_key(row))
        self.new_offers.append(row)
        return True

    def _not_a_past_day(self, on: date) -> str:
        return f"{on.isoformat()} is not between {FIRST_DAY.isoformat()} and today ({self.today.isoformat()})"

    def _refuse(self, record: Incoming, name: str, fault: str) -> None:
        """A restore's record the door refuses: the import stops, naming it (as jsonio names a schema fault)."""
        who = f"contact #{record.source_id} ({name})" if record.source_id is not None else name
        raise BadInput(f"{record.source}: {who}: {fault.rstrip('.')}; nothing was imported.")

    def _new_id(self, wanted: int | None) -> int:
        if wanted is not None and wanted not in self.contacts and wanted > 0:
            self.next_id = max(self.next_id, wanted + 1)
            return wanted
        cid = self.next_id
        self.next_id += 1
        return cid

    def _user(self) -> str:
        if self.user is None:
            from netlog.people.me import current_user

            self.user = current_user()
        return self.user

    def apply(self, session: Session) -> None:
        """Write the plan: bulk inserts first, then links, then the cached Histories."""
        from netlog.network import cache
        from netlog.storage import records

        for cid, introduced_by, record in self.links:
            introducer = self.id_map.get(introduced_by)
            if introducer is not None and introducer != cid:
                self.updates.setdefault(cid, {}).update(
                    {"introduced_by_id": introducer, "introduced_on": record.fields.get("introduced_on")}
                )
                self.touched.add(cid)  # its History and pool day follow from when it was introduced
        for touch in self.new_touches:
            other = touch.get("other_id")
            touch["other_id"] = self.id_map.get(other) if other is not None else None
        records.insert_contacts(session, self.new_contacts, self.new_points)
        for cid, changes in self.updates.items():
            records.update_contact(session, cid, changes)
        for cid, by_kind in self.point_updates.items():
            for kind, listed in by_kind.items():
                records.set_points(session, cid, kind, listed)
        records.insert_tags(session, self.new_tags)
        records.insert_touches(session, self.new_touches)
        records.insert_dismissals(session, self.dismissals)
        for offer in self.new_offers:
            records.insert_intro(session, offer)
        cache.update(session, self.touched)


class _Skip:
    """_match's answer for a record to leave out (said in the report)."""


SKIP = _Skip()


def _same(one: Any, other: Any) -> bool:
    """Two values of a fact alike: texts without case, accents or spacing; others equal."""
    if isinstance(one, str) and isinstance(other, str):
        from netlog.values.folding import fold

        return " ".join(fold(one).split()) == " ".join(fold(other).split())
    return bool(one == other)


def _match_key(key: str, value: Any) -> str | None:
    """What a field says about who someone is. netlog's vCard export names a contact without a UID of its own
    netlog-<id>; that id means another person in another database, so it never matches on its own (the
    card still keeps it as the UID of a contact it creates, for the next export to the same folder)."""
    found = _key(value)
    if key == "uid" and found and found.startswith("netlog-") and found[7:].isdigit():
        return None
    return found


def _names_agree(one: str, other: str) -> bool:
    """Two names one person may go by: the same folded, one's words all in the other's ("Alba Ortega",
    "Alba Ortega Ruiz"), or close (people.dupes.names_alike)."""
    from netlog.people.dupes import names_alike
    from netlog.values.folding import fold

    a, b = fold(one).split(), fold(other).split()
    if not a or not b or a == b or set(a) <= set(b) or set(b) <= set(a):
        return True
    return names_alike(one, other)


def _key(value: Any) -> str | None:
    """A match key: case and spacing do not tell people apart."""
    if not isinstance(value, str):
        return None
    folded = " ".join(value.split()).casefold()
    return folded or None


def _offer_key(row: dict[str, Any]) -> tuple:
    """What tells intro offers apart on re-import: the two people (either way round) and the day offered."""
    return (min(row["a_id"], row["b_id"]), max(row["a_id"], row["b_id"]), str(row["offered_on"]))


def _touch_key_of(stored: tuple[Any, ...]) -> tuple:
    """_touch_key of a stored touch (a touch_keys row)."""
    cid, kind, on, direction, note = stored
    return _touch_key(cid, {"kind": kind, "happened_on": on, "direction": direction, "note": note})


def _touch_key(cid: int, row: dict[str, Any]) -> tuple:
    on = row["happened_on"]
    return (cid, row["kind"], on.isoformat() if isinstance(on, date) else str(on), row.get("direction"), row.get("note") or None)


def _unchanged(key: str, theirs: Any, ours: Any) -> bool:
    """Whether an incoming value says nothing new: equal, or (but for an identifier) equal but for case, part by
    part for a structured one ("ORG:adventure works" keeps "Adventure Works")."""
    if theirs == ours or key in CASE_MATTERS:
        return bool(theirs == ours)
    if key == "n" and isinstance(theirs, (list, tuple)) and isinstance(ours, (list, tuple)):
        return _says_less(theirs, ours)
    if isinstance(theirs, str) and isinstance(ours, str):
        return theirs.casefold() == ours.casefold()
    if isinstance(theirs, (list, tuple)) and isinstance(ours, (list, tuple)) and len(theirs) == len(ours):
        return all(_unchanged(key, a, b) for a, b in zip(theirs, ours))
    return False


def _says_less(theirs: Sequence[str], ours: Sequence[str]) -> bool:
    """Whether an incoming structured name says nothing the stored one does not: each of its parts' words is a
    word of the same stored part (a given name's also of the additional names). LinkedIn's "Lima", "Ana" keep
    a card's N:Lima;Ana;Maria;Dr.; ('Lima', 'Ana'), and "Lima-Souza" is a change."""
    import re

    from netlog.values.folding import fold

    def words(part: str) -> set[str]:
        return set(re.findall(r"[^\s,]+", fold(part or "")))

    stored = [words(p) for p in ours]
    for n, part in enumerate(theirs):
        known = stored[n] | (stored[2] if n == 1 and len(stored) > 2 else set()) if n < len(stored) else set()
        if not words(part) <= known:
            return False
    return True
