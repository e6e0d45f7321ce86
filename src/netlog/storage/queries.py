"""Every SQL statement netlog runs, as portable SQL (standard SELECT/INSERT/UPDATE/DELETE with :name
parameters and RETURNING), so the sqlite3 and SQLAlchemy drivers run the very same text."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from netlog.folding import fold
from netlog.storage.drivers import Database, Row

CONTACT_FIELDS = (
    "name", "email", "phone", "company", "title", "url", "uid", "note", "strength", "cadence_days",
    "introduced_by_id", "introduced_on", "birthday", "snoozed_until", "created_on", "moment", "moment_on",
)  # fmt: skip
TOUCH_FIELDS = ("contact_id", "kind", "happened_on", "direction", "note", "place", "topics", "other_id", "logged_by")
HISTORY_FIELDS = (
    "first_touch_on", "last_touch_on", "last_touch_kind", "touch_count", "thank_on", "thank_kind",
    "thank_touch_id", "silence_since", "silence_kind", "silence_sends", "met_after_intro_on",
    "last_report_on", "favors_given", "favors_received", "unreturned_favors", "unreturned_since",
    "last_favor_received_on",
)  # fmt: skip
# What `due` reads of a contact, in this order (network.ties_from_rows unpacks it), then its HISTORY_FIELDS.
TIE_FIELDS = (
    "id", "name", "strength", "cadence_days", "created_on", "snoozed_until", "introduced_by_id", "introduced_on", "birthday",
)  # fmt: skip
TIE_COLUMNS = ", ".join(f"c.{f}" for f in TIE_FIELDS)


def _insert_sql(table: str, fields: Sequence[str], returning: bool = True) -> str:
    names = ", ".join(fields)
    values = ", ".join(f":{f}" for f in fields)
    return f"INSERT INTO {table} ({names}) VALUES ({values})" + (" RETURNING id" if returning else "")


# contacts


# Beside the name, each contact row keeps its folded form (name_key: case and accents ignored), set here
# whenever a name is written, so typed names are matched in SQL rather than by folding every name in Python.
KEYED_FIELDS = CONTACT_FIELDS + ("name_key",)


def _keyed(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {**{f: fields.get(f) for f in CONTACT_FIELDS}, "name_key": fold(fields["name"])}


def insert_contact(db: Database, fields: Mapping[str, Any]) -> int:
    """A new contact; the id."""
    return db.insert(_insert_sql("contact", KEYED_FIELDS), _keyed(fields))


def _update(db: Database, table: str, allowed: Sequence[str], row_id: int, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not {table} fields: {sorted(unknown)}")
    if changes:
        assignments = ", ".join(f"{f} = :{f}" for f in changes)
        db.execute(f"UPDATE {table} SET {assignments} WHERE id = :id", {**changes, "id": row_id})


def update_contact(db: Database, contact_id: int, changes: Mapping[str, Any]) -> None:
    """Set the given fields of one contact."""
    if "name" in changes:
        changes = {**changes, "name_key": fold(changes["name"])}
    _update(db, "contact", KEYED_FIELDS, contact_id, changes)


def delete_contact(db: Database, contact_id: int) -> None:
    """Remove a contact; its touches, tags and state go with it (ON DELETE CASCADE)."""
    db.execute("DELETE FROM touch WHERE contact_id = :id", {"id": contact_id})
    db.execute("DELETE FROM tag WHERE contact_id = :id", {"id": contact_id})
    db.execute("DELETE FROM dismissal WHERE contact_id = :id", {"id": contact_id})
    db.execute("DELETE FROM contact_state WHERE contact_id = :id", {"id": contact_id})
    db.execute("DELETE FROM intro_offer WHERE a_id = :id OR b_id = :id", {"id": contact_id})
    db.execute("UPDATE touch SET other_id = NULL WHERE other_id = :id", {"id": contact_id})
    db.execute("UPDATE contact SET introduced_by_id = NULL WHERE introduced_by_id = :id", {"id": contact_id})
    db.execute("DELETE FROM contact WHERE id = :id", {"id": contact_id})


def contact(db: Database, contact_id: int) -> Row | None:
    """One contact's row."""
    return db.row("SELECT * FROM contact WHERE id = :id", {"id": contact_id})


def contact_names(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every contact, for resolving typed names."""
    return [(r["id"], r["name"]) for r in db.rows("SELECT id, name FROM contact ORDER BY id")]


def ids_named(db: Database, name: str) -> list[int]:
    """Ids of contacts whose name is exactly `name` (the name index answers it)."""
    return [r["id"] for r in db.rows("SELECT id FROM contact WHERE name = :name ORDER BY id", {"name": name})]


def ids_folded(db: Database, name: str) -> list[int]:
    """Ids of contacts whose name folds as `name` does ("josé lima" finds "José Lima"; the index answers it)."""
    return [r["id"] for r in db.rows("SELECT id FROM contact WHERE name_key = :key ORDER BY id", {"key": fold(name)})]


def names_with_word_starting(db: Database, typed: str) -> list[tuple[int, str]]:
    """(id, name) of the contacts with a word of their folded name starting with folded `typed`, by id: every
    name names.resolve could match by folding, prefix or later word."""
    key = _like_escaped(fold(typed))
    return db.tuples(
        "SELECT id, name FROM contact WHERE name_key LIKE :prefix ESCAPE '\\' OR name_key LIKE :later ESCAPE '\\'"
        " ORDER BY id",
        {"prefix": key + "%", "later": "% " + key + "%"},
    )


def _like_escaped(text: str) -> str:
    """`text` matched literally by LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def names_starting(db: Database, prefix: str, limit: int = 200) -> list[str]:
    """Names that start with `prefix`, exactly as typed (completion offers only those: the shell replaces
    the typed word with the name). LIKE narrows the rows in SQL; it ignores case on SQLite, so the exact
    test is done here, the same on every database."""
    rows = db.iterate(
        "SELECT name FROM contact WHERE name LIKE :pattern ESCAPE '\\' ORDER BY name", {"pattern": _like_escaped(prefix) + "%"}
    )
    found = []
    for row in rows:
        if row["name"].startswith(prefix):
            found.append(row["name"])
            if len(found) >= limit:
                break
    return found


def contacts_matching(db: Database, column: str, value: str) -> list[Row]:
    """Contacts whose email, url, uid or name equals `value`, for matching imports to what exists."""
    if column not in ("email", "url", "uid", "name"):
        raise ValueError(column)
    return db.rows(f"SELECT * FROM contact WHERE {column} = :value ORDER BY id", {"value": value})


def contact_rows(db: Database) -> list[Row]:
    """Every contact's row."""
    return db.rows("SELECT * FROM contact ORDER BY id")


# tags


def add_tags(db: Database, contact_id: int, tags: Iterable[str]) -> None:
    """Tag a contact (tags it already has are kept once)."""
    have = set(tags_of(db, contact_id))
    new = [{"contact_id": contact_id, "name": t} for t in dict.fromkeys(tags) if t not in have]
    db.executemany("INSERT INTO tag (contact_id, name) VALUES (:contact_id, :name)", new)


def remove_tags(db: Database, contact_id: int, tags: Iterable[str]) -> None:
    """Untag a contact."""
    db.executemany(
        "DELETE FROM tag WHERE contact_id = :contact_id AND name = :name",
        [{"contact_id": contact_id, "name": t} for t in tags],
    )


def tags_of(db: Database, contact_id: int) -> list[str]:
    """One contact's tags, sorted."""
    return [r["name"] for r in db.rows("SELECT name FROM tag WHERE contact_id = :id ORDER BY name", {"id": contact_id})]


def all_tags(db: Database) -> dict[int, list[str]]:
    """contact id -> its tags."""
    tags: dict[int, list[str]] = {}
    for contact_id, name in db.tuples("SELECT contact_id, name FROM tag ORDER BY contact_id, name"):
        tags.setdefault(contact_id, []).append(name)
    return tags


def tag_names(db: Database) -> list[str]:
    """Every tag in use."""
    return [r["name"] for r in db.rows("SELECT DISTINCT name FROM tag ORDER BY name")]


# touches


def insert_touch(db: Database, fields: Mapping[str, Any]) -> int:
    """A new touch; the id."""
    return db.insert(_insert_sql("touch", TOUCH_FIELDS), {f: fields.get(f) for f in TOUCH_FIELDS})


def touches_of(db: Database, contact_id: int) -> list[Row]:
    """One contact's touches, newest first, with the name of any other contact they name."""
    return db.rows(
        "SELECT t.*, o.name AS other_name FROM touch t LEFT JOIN contact o ON o.id = t.other_id"
        " WHERE t.contact_id = :id ORDER BY t.happened_on DESC, t.id DESC",
        {"id": contact_id},
    )


def touch_rows(db: Database) -> Iterable[Row]:
    """Every touch, grouped by contact and in order: for rebuilding summaries and exporting."""
    return db.iterate("SELECT * FROM touch ORDER BY contact_id, happened_on, id")


def touch_rows_for(db: Database, contact_ids: Iterable[int]) -> dict[int, list[Row]]:
    """The touches of some contacts, in order."""
    found: dict[int, list[Row]] = {}
    for contact_id in contact_ids:
        found[contact_id] = db.rows(
            "SELECT * FROM touch WHERE contact_id = :id ORDER BY happened_on, id", {"id": contact_id}
        )
    return found


def introduced_by(db: Database, introducer_id: int) -> list[Row]:
    """The people this contact introduced to me."""
    return db.rows(
        "SELECT id, name, introduced_on FROM contact WHERE introduced_by_id = :id ORDER BY introduced_on, id",
        {"id": introducer_id},
    )


# the stored summary of each contact's history


def save_histories(db: Database, histories: Mapping[int, Mapping[str, Any]]) -> None:
    """Store the history summary of the given contacts: one upsert (INSERT ... ON CONFLICT DO UPDATE, which
    SQLite >= 3.24 and PostgreSQL both run), so two writers refreshing one contact never collide on its key."""
    fields = ("contact_id",) + HISTORY_FIELDS
    updates = ", ".join(f"{f} = excluded.{f}" for f in HISTORY_FIELDS)
    db.executemany(
        _insert_sql("contact_state", fields, returning=False) + f" ON CONFLICT (contact_id) DO UPDATE SET {updates}",
        [{"contact_id": cid, **{f: h[f] for f in HISTORY_FIELDS}} for cid, h in histories.items()],
    )


def lock_contacts(db: Database, contact_ids: Sequence[int]) -> None:
    """Inside a write: hold the contacts' rows until commit, so concurrent writers recompute one contact's
    summary one after another (each then reads every committed touch). SQLite needs nothing: BEGIN IMMEDIATE
    already serializes writers. On PostgreSQL, FOR NO KEY UPDATE (in id order, so writers queue instead of
    deadlocking) does not block the key-share locks that inserting a touch takes on its contact."""
    if db.dialect == "sqlite" or not contact_ids:
        return
    params = {f"id{i}": cid for i, cid in enumerate(sorted(contact_ids))}
    marks = ", ".join(f":{k}" for k in params)
    db.rows(f"SELECT id FROM contact WHERE id IN ({marks}) ORDER BY id FOR NO KEY UPDATE", params)


def _tie_select() -> str:
    history = ", ".join(f"s.{f}" for f in HISTORY_FIELDS)
    return f"SELECT {TIE_COLUMNS}, {history} FROM contact c LEFT JOIN contact_state s ON s.contact_id = c.id"


def tie_rows(db: Database, contact_id: int | None = None) -> list[tuple]:
    """Each contact (or one) with its stored history summary, one tuple per contact: the TIE_COLUMNS, then
    the HISTORY_FIELDS (all NULL when the contact has no summary yet)."""
    if contact_id is None:
        return db.tuples(_tie_select())
    return db.tuples(_tie_select() + " WHERE c.id = :id", {"id": contact_id})


# An introduced contact matters to `due` while the meeting is due (introduced, not met) or once they were met
# (the report-back to whoever introduced them). {p} is the table alias: c for the contact, i for a subquery.
_INTRO_MATTERS = (
    "({p}.introduced_on IS NOT NULL AND (({s}.met_after_intro_on IS NULL AND {p}.introduced_on <= :meet_by)"
    " OR {s}.met_after_intro_on <= :report_by))"
)


def due_candidates(db: Database, window: Mapping[str, Any]) -> list[tuple]:
    """`tie_rows` for only the contacts that may have something due: those inside the bounds of
    rules.DueWindow (given here as a mapping), and everyone an intro or intro offer ties to them."""
    strengths = range(1, len(window["quiet_by"]) + 1)
    quiet_by = {f"quiet_{n}": day for n, day in zip(strengths, window["quiet_by"])}
    quiet_case = " ".join(f"WHEN {n} THEN :quiet_{n}" for n in strengths)
    sql = (
        _tie_select() + " WHERE s.contact_id IS NULL OR c.cadence_days IS NOT NULL OR c.birthday IS NOT NULL"
        " OR s.thank_on BETWEEN :thank_from AND :thank_to"
        " OR (s.silence_sends = 1 AND s.silence_since BETWEEN :nudge_from AND :nudge_to)"
        " OR s.first_touch_on BETWEEN :second_touch_from AND :second_touch_to"
        " OR (s.unreturned_favors >= :give_back_favors AND s.last_favor_received_on <= :give_back_by)"
        f" OR COALESCE(s.last_touch_on, c.created_on) <= CASE c.strength {quiet_case} END"
        " OR " + _INTRO_MATTERS.format(p="c", s="s") +
        " OR c.id IN (SELECT i.introduced_by_id FROM contact i LEFT JOIN contact_state si ON si.contact_id = i.id"
        "   WHERE i.introduced_by_id IS NOT NULL AND " + _INTRO_MATTERS.format(p="i", s="si") + ")"
        " OR c.id IN (SELECT a_id FROM intro_offer WHERE declined_on IS NULL)"
        " OR c.id IN (SELECT b_id FROM intro_offer WHERE declined_on IS NULL)"
    )  # fmt: skip
    params = {k: v for k, v in window.items() if k != "quiet_by"} | quiet_by
    return db.tuples(sql, params)


OVERVIEW_FIELDS = (
    "id", "name", "strength", "cadence_days", "company", "title", "email", "created_on", "snoozed_until",
    "last_touch_on", "last_touch_kind", "touch_count",
)  # fmt: skip


def overview_rows(db: Database, tag: str | None = None) -> list[tuple]:
    """Contacts for `list`, by name: their OVERVIEW_FIELDS, in that order (optionally those with one tag)."""
    sql = (
        "SELECT c.id, c.name, c.strength, c.cadence_days, c.company, c.title, c.email, c.created_on,"
        " c.snoozed_until, s.last_touch_on, s.last_touch_kind, s.touch_count"
        " FROM contact c LEFT JOIN contact_state s ON s.contact_id = c.id"
    )
    if tag is None:
        return db.tuples(sql + " ORDER BY c.name, c.id")
    return db.tuples(
        sql + " WHERE c.id IN (SELECT contact_id FROM tag WHERE name = :tag) ORDER BY c.name, c.id", {"tag": tag}
    )


# intros I offer to make

INTRO_FIELDS = ("a_id", "b_id", "note", "offered_on", "a_yes_on", "b_yes_on", "sent_on", "declined_on", "declined_by_id")


def insert_intro(db: Database, fields: Mapping[str, Any]) -> int:
    """A new intro offer; the id."""
    return db.insert(_insert_sql("intro_offer", INTRO_FIELDS), {f: fields.get(f) for f in INTRO_FIELDS})


def update_intro(db: Database, intro_id: int, changes: Mapping[str, Any]) -> None:
    """Set the given fields of one intro offer."""
    _update(db, "intro_offer", INTRO_FIELDS, intro_id, changes)


def intro_rows(db: Database, contact_id: int | None = None) -> list[Row]:
    """Every intro offer (or those involving one contact), oldest first."""
    sql = "SELECT * FROM intro_offer"
    if contact_id is None:
        return db.rows(sql + " ORDER BY offered_on, id")
    return db.rows(sql + " WHERE a_id = :id OR b_id = :id ORDER BY offered_on, id", {"id": contact_id})


def intro_between(db: Database, one_id: int, other_id: int) -> Row | None:
    """The latest intro offer between two contacts, either way round."""
    return db.row(
        "SELECT * FROM intro_offer WHERE (a_id = :one AND b_id = :other) OR (a_id = :other AND b_id = :one)"
        " ORDER BY id DESC",
        {"one": one_id, "other": other_id},
    )


# merging two contacts into one


def move_contact_links(db: Database, from_id: int, to_id: int) -> None:
    """Point every touch, mention, introduction and intro offer of one contact at another."""
    params = {"from_id": from_id, "to_id": to_id}
    db.execute("UPDATE touch SET contact_id = :to_id WHERE contact_id = :from_id", params)
    db.execute("UPDATE touch SET other_id = :to_id WHERE other_id = :from_id", params)
    db.execute("UPDATE contact SET introduced_by_id = NULL, introduced_on = NULL WHERE id = :to_id AND introduced_by_id = :from_id", params)
    db.execute("UPDATE contact SET introduced_by_id = :to_id WHERE introduced_by_id = :from_id", params)
    db.execute(
        "DELETE FROM intro_offer WHERE (a_id = :from_id AND b_id = :to_id) OR (a_id = :to_id AND b_id = :from_id)",
        params,
    )
    db.execute("UPDATE intro_offer SET a_id = :to_id WHERE a_id = :from_id", params)
    db.execute("UPDATE intro_offer SET b_id = :to_id WHERE b_id = :from_id", params)
    db.execute("UPDATE intro_offer SET declined_by_id = :to_id WHERE declined_by_id = :from_id", params)


def mentions_of(db: Database, contact_id: int) -> list[Row]:
    """Touches of other contacts that name this one (intros to them)."""
    return db.rows("SELECT * FROM touch WHERE other_id = :id ORDER BY id", {"id": contact_id})


# who on the team logged what


def team_of(db: Database, contact_id: int) -> list[Row]:
    """Who logged touches with one contact: logged_by, last_touch, touches; most recent first."""
    rows = db.rows(
        "SELECT logged_by, MAX(happened_on) AS last_touch, COUNT(*) AS touches FROM touch"
        " WHERE contact_id = :id AND logged_by IS NOT NULL GROUP BY logged_by"
        " ORDER BY MAX(happened_on) DESC, logged_by",
        {"id": contact_id},
    )
    for row in rows:  # SQLite gives an aggregate's value without the column's declared type
        if isinstance(row["last_touch"], str):
            row["last_touch"] = date.fromisoformat(row["last_touch"])
    return rows


def touched_by(db: Database, user: str) -> tuple[set[int], set[int]]:
    """What one user logged: the ids of the contacts they touched (as the contact, or as the person an
    intro named), and the ids of their touches."""
    contacts: set[int] = set()
    touches: set[int] = set()
    for row in db.iterate("SELECT id, contact_id, other_id FROM touch WHERE logged_by = :user", {"user": user}):
        touches.add(row["id"])
        contacts.add(row["contact_id"])
        if row["other_id"] is not None:
            contacts.add(row["other_id"])
    return contacts, touches


# dismissed actions


def set_done(db: Database, contact_id: int, action: str, on: date) -> None:
    """Record that the user dismissed `action` for a contact on a day."""
    params = {"contact_id": contact_id, "action": action, "done_on": on}
    db.execute("DELETE FROM dismissal WHERE contact_id = :contact_id AND action = :action", params)
    db.execute("INSERT INTO dismissal (contact_id, action, done_on) VALUES (:contact_id, :action, :done_on)", params)


def dismissal_rows(db: Database, contact_id: int | None = None) -> list[Row]:
    """Every dismissed action (or one contact's)."""
    sql = "SELECT contact_id, action, done_on FROM dismissal"
    if contact_id is None:
        return db.rows(sql)
    return db.rows(sql + " WHERE contact_id = :id", {"id": contact_id})


# settings


def meta(db: Database, key: str) -> str | None:
    """A stored setting."""
    return db.scalar("SELECT value FROM netlog_meta WHERE key = :key", {"key": key})


def set_meta(db: Database, key: str, value: str) -> None:
    """Store a setting."""
    db.execute("DELETE FROM netlog_meta WHERE key = :key", {"key": key})
    db.execute("INSERT INTO netlog_meta (key, value) VALUES (:key, :value)", {"key": key, "value": value})


# bulk writes for imports (ids chosen by the caller, so touches and links can name them in one batch)


def next_contact_id(db: Database) -> int:
    """The smallest id above every contact's."""
    return int(db.scalar("SELECT COALESCE(MAX(id), 0) + 1 AS next_id FROM contact"))


def insert_contacts(db: Database, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many new contacts at once, each with its id."""
    db.executemany(
        _insert_sql("contact", ("id",) + KEYED_FIELDS, returning=False), [{"id": r["id"], **_keyed(r)} for r in rows]
    )
    if db.dialect == "postgresql" and rows:
        # Ids given explicitly do not move PostgreSQL's id sequence; move it past them so a later add works.
        db.execute("SELECT setval(pg_get_serial_sequence('contact', 'id'), (SELECT MAX(id) FROM contact))")


def insert_touches(db: Database, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many new touches at once."""
    db.executemany(
        _insert_sql("touch", TOUCH_FIELDS, returning=False), [{f: r.get(f) for f in TOUCH_FIELDS} for r in rows]
    )


def insert_tags(db: Database, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many (contact_id, name) tags at once; the caller leaves out tags a contact has."""
    db.executemany("INSERT INTO tag (contact_id, name) VALUES (:contact_id, :name)", rows)


def insert_dismissals(db: Database, rows: Sequence[Mapping[str, Any]]) -> None:
    """Many dismissed actions at once (replacing any for the same contact and action)."""
    db.executemany("DELETE FROM dismissal WHERE contact_id = :contact_id AND action = :action", rows)
    db.executemany(
        "INSERT INTO dismissal (contact_id, action, done_on) VALUES (:contact_id, :action, :done_on)", rows
    )


def touch_keys(db: Database) -> Iterable[Row]:
    """What tells touches apart on re-import: contact, kind, day, direction, note."""
    return db.iterate("SELECT contact_id, kind, happened_on, direction, note FROM touch")


# aggregates for `stats` (portable: plain GROUP BY, no date functions; months are bucketed in Python)


def strength_counts(db: Database) -> dict[int, int]:
    """strength level -> how many contacts."""
    return {r["strength"]: r["n"] for r in db.rows("SELECT strength, COUNT(*) AS n FROM contact GROUP BY strength")}


def touch_counts_by_day(db: Database, since: date, contact_id: int | None = None) -> dict[date, int]:
    """day -> how many touches on it, from `since` on (everyone's, or one contact's)."""
    sql = "SELECT happened_on, COUNT(*) AS n FROM touch WHERE happened_on >= :since"
    params: dict[str, Any] = {"since": since}
    if contact_id is not None:
        sql += " AND contact_id = :id"
        params["id"] = contact_id
    return {r["happened_on"]: r["n"] for r in db.rows(sql + " GROUP BY happened_on", params)}


def kind_counts(db: Database) -> dict[tuple[str, str], int]:
    """(kind, direction) -> how many touches, over all time."""
    rows = db.rows("SELECT kind, direction, COUNT(*) AS n FROM touch GROUP BY kind, direction")
    return {(r["kind"], r["direction"]): r["n"] for r in rows}


def introduced_count(db: Database) -> int:
    """How many contacts came through an introduction."""
    return db.scalar("SELECT COUNT(*) FROM contact WHERE introduced_by_id IS NOT NULL") or 0


def introducer_counts(db: Database) -> list[Row]:
    """Who introduced you to the most people: name and count, most first."""
    return db.rows(
        "SELECT i.name, COUNT(*) AS n FROM contact c JOIN contact i ON i.id = c.introduced_by_id"
        " GROUP BY i.id, i.name ORDER BY COUNT(*) DESC, i.name"
    )
