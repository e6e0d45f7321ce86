"""network.ties_from_rows builds Ties and Histories without their __init__, so every field must be covered."""

from dataclasses import fields

from netlog import network, rules


def test_tie_and_history_fields_are_all_read():
    assert {f.name for f in fields(rules.History)} == set(network.HISTORY_FIELDS)
    assert {f.name for f in fields(rules.Tie)} == set(network.TIE_FIELDS) | {"history", "done"}


def test_built_tie_equals_constructed_tie():
    history = {f.name: None for f in fields(rules.History)} | {"touch_count": 1, "silence_sends": 0,
                                                                "favors_given": 0, "favors_received": 0}  # fmt: skip
    built = rules.build(rules.History, history)
    assert built == rules.History(**history)
