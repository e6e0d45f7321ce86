"""The rules' Tie and History are built straight from SQL tuples (network.ties_from_rows), so the columns
storage reads must be exactly their fields, in their order."""

from datetime import date

from netlog import network, rules
from netlog.storage import queries


def test_history_fields_are_the_stored_columns_in_order():
    assert rules.History._fields == queries.HISTORY_FIELDS


def test_tie_fields_are_what_storage_reads():
    assert set(rules.Tie._fields) == set(queries.TIE_FIELDS) | {"history", "done"}


def test_a_row_becomes_the_tie_it_describes():
    history = rules.History(first_touch_on=date(2026, 1, 2), last_touch_on=date(2026, 3, 4), last_touch_kind="call",
                            touch_count=3, thank_on=date(2026, 3, 4), thank_kind="call", thank_touch_id=9,
                            silence_sends=0, favors_given=1, favors_received=2, unreturned_favors=1)  # fmt: skip
    tie = rules.Tie(7, "Ana Lima", 3, history, cadence_days=30, created_on=date(2025, 1, 1),
                    snoozed_until=date(2026, 12, 1), introduced_by_id=2, introduced_on=date(2025, 6, 1),
                    done={"thank": date(2026, 3, 5)}, birthday="03-14")  # fmt: skip
    row = tuple(getattr(tie, f) for f in queries.TIE_FIELDS) + tuple(history)
    dismissals = [{"contact_id": 7, "action": "thank", "done_on": date(2026, 3, 5)}]
    assert network.ties_from_rows([row], dismissals) == [tie]


def test_a_contact_without_touches_has_the_empty_history():
    row = (1, "Bo", 2, None, date(2026, 1, 1), None, None, None, None) + (None,) * len(queries.HISTORY_FIELDS)
    [tie] = network.ties_from_rows([row], [])
    assert tie.history == rules.History()
    assert tie.done == {}
