"""The rules' records built from storage's rows: Ties (a contact with its cached History and dismissals),
Touches and IntroOffers. Fields are matched to columns by name, once, here; `due` builds tens of thousands
of Ties, so each is made straight from its row tuple."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from netlog.errors import NotFound
from netlog.rules import due as rules
from netlog.rules import history
from netlog.storage import reads

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

_TIE_ROW = reads.columns("tie_rows")
_HISTORY_AT = _TIE_ROW.index(history.History._fields[0])  # the contact's columns come first, then its History
_TOUCH_COUNT_AT = _HISTORY_AT + history.History._fields.index("touch_count")
# A Tie is its contact columns (in the order storage reads them), its History, its dismissals, and any
# further fields the rules derive (left at their defaults here).
_TAIL = tuple(rules.Tie._field_defaults[f] for f in rules.Tie._fields[_HISTORY_AT + 2 :])
if rules.Tie._fields[: _HISTORY_AT + 2] != (*_TIE_ROW[:_HISTORY_AT], "history", "done") or _TIE_ROW[_HISTORY_AT:] != history.History._fields:
    raise ImportError("rules.Tie/History and the tie statement disagree: see storage/statements.py TIE_COLUMNS")

_NO_HISTORY = history.History()
# The rules' Touch fields that are touch columns of the same name (`on` is happened_on).
_TOUCH_COLUMNS = tuple(f for f in history.Touch._fields if f in reads.columns("touch_rows") and f != "id")


def ties_from_rows(rows: Iterable[tuple], dismissals: Iterable[Mapping[str, Any]]) -> list[rules.Tie]:
    """Tie rows (storage.reads.tie_rows, due_candidates, overview: the tie columns, the History, then
    anything else) -> the rules' Ties. Kept lean on purpose: `due` runs it on every contact that may be
    due (50,000 at 100,000 contacts)."""
    done: dict[int, dict[str, date]] = {}
    for row in dismissals:
        done.setdefault(row["contact_id"], {})[row["action"]] = row["done_on"]
    history_of, new, tie, no_history, nothing_done = history.History._make, tuple.__new__, rules.Tie, _NO_HISTORY, rules.NOTHING_DONE
    at, end, count_at, tail = _HISTORY_AT, _HISTORY_AT + len(history.History._fields), _TOUCH_COUNT_AT, _TAIL
    return [
        new(tie, (*r[:at], history_of(r[at:end]) if r[count_at] else no_history, done.get(r[0], nothing_done), *tail))
        for r in rows
    ]


def touch_from_row(row: Mapping[str, Any]) -> history.Touch:
    """A stored touch -> the rules' Touch."""
    return history.Touch(on=row["happened_on"], id=row["id"], **{f: row[f] for f in _TOUCH_COLUMNS})


def touches_by_contact(rows: Iterable[tuple]) -> dict[int, list[history.Touch]]:
    """`touch_rows` tuples (every touch, by contact) -> each contact's history.Touch list. For rebuilding every
    History at once: tuples, not dicts, since a big import rebuilds hundreds of thousands."""
    at = {name: n for n, name in enumerate(reads.columns("touch_rows"))}
    positions = [at["happened_on" if f == "on" else f] for f in history.Touch._fields]  # each field's column
    contact_at, make = at["contact_id"], history.Touch._make
    grouped: dict[int, list[history.Touch]] = {}
    for r in rows:
        grouped.setdefault(r[contact_at], []).append(make([r[i] for i in positions]))
    return grouped


def intro_from_row(row: Mapping[str, Any]) -> rules.IntroOffer:
    """A stored intro offer -> the rules' IntroOffer."""
    return rules.IntroOffer(**{f: row[f] for f in rules.IntroOffer._fields})


def tie_of(reader: Reader, contact_id: int) -> rules.Tie:
    """One contact as the rules see it."""
    found = reads.tie_rows(reader, contact_id)
    if not found:
        raise NotFound(f"No contact #{contact_id}.")
    return ties_from_rows(found, reads.dismissal_rows(reader, contact_id))[0]
