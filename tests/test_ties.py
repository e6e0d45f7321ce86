"""The rules' Tie and History are built straight from row tuples (netlog.network.ties), so the columns storage reads
must be exactly their fields, in their order, and the cache table must hold exactly a History (and, beside it, the
days and tier facts `due` reads by: issue 25)."""

from datetime import date
from typing import get_type_hints

from netlog.network.ties import ties_from_rows
from netlog.rules import due as rules
from netlog.rules.history import History
from netlog.storage.statements import HISTORY_COLUMNS, TIE_COLUMNS


def test_history_fields_are_the_cached_columns_in_order():
    assert History._fields == HISTORY_COLUMNS


def test_cache_columns_have_the_history_types():
    from sqlalchemy import Boolean, Date, Integer, String

    from netlog.models import ContactState

    hints = get_type_hints(History)
    python_types = {Date: date, Integer: int, String: str, Boolean: bool}
    for column in ContactState.__table__.c:
        if column.name in ("contact_id", "keep_in_touch_from", "pool_from", "strength", "company_key"):
            continue
        kind_of = getattr(column.type, "impl", column.type)  # SQLModel strings are a TypeDecorator over String
        [python_type] = [t for kind, t in python_types.items() if isinstance(kind_of, kind)]
        assert python_type in (hints[column.name], *getattr(hints[column.name], "__args__", ())), column.name
        assert column.nullable == (type(None) in getattr(hints[column.name], "__args__", ())), column.name


def test_the_cache_holds_a_history_the_day_keeping_in_touch_can_be_due_and_the_first_day_in_the_pool():
    from netlog.models import ContactState

    beside = ["keep_in_touch_from", "pool_from", "strength", "company_key"]  # (the last two: the pool's tier)
    assert [c.name for c in ContactState.__table__.c] == ["contact_id", *History._fields, *beside]


def test_tie_starts_with_what_storage_reads_then_history_and_dismissals():
    assert rules.Tie._fields[: len(TIE_COLUMNS) + 2] == (*TIE_COLUMNS, "history", "done")


def test_a_row_becomes_the_tie_it_describes():
    history = History(first_touch_on=date(2026, 1, 2), last_touch_on=date(2026, 3, 4), last_touch_kind="call",
                            touch_count=3, thank_on=date(2026, 3, 4), thank_kind="call", thank_touch_id=9,
                            silence_sends=0, favors_given=1, favors_received=2, unreturned_favors=1)  # fmt: skip
    tie = rules.Tie(7, "Ana Lima", 3, history=history, cadence_days=30, created_on=date(2025, 1, 1),
                    snoozed_until=date(2026, 12, 1), introduced_by_id=2, introduced_on=date(2025, 6, 1),
                    done={"thank": date(2026, 3, 5)}, birthday="03-14")  # fmt: skip
    row = tuple(getattr(tie, f) for f in TIE_COLUMNS) + tuple(history)
    dismissals = [{"contact_id": 7, "action": "thank", "done_on": date(2026, 3, 5)}]
    assert ties_from_rows([row], dismissals) == [tie]


def test_a_contact_without_touches_has_the_empty_history():
    row = (1, "Bo", 2, None, date(2026, 1, 1), None, None, None, None) + (None,) * len(HISTORY_COLUMNS)
    [tie] = ties_from_rows([row], [])
    assert tie.history == History()
    assert tie.done == {}
