"""Name resolution is the same everywhere: exact, case-insensitive, first name, prefix, then close matches."""

import pytest

from netlog.errors import Ambiguous, NotFound
from netlog.names import resolve

PEOPLE = [(1, "Ana Lima"), (2, "Ana Souza"), (3, "Bob Tables"), (4, "José Ramos"), (5, "Rob Smith"), (6, "Ana Lima")]


@pytest.mark.parametrize(
    "typed, expected",
    [("Bob Tables", 3), ("bob tables", 3), ("bob", 3), ("Bo", 3), ("jose", 4), ("JOSÉ", 4), ("Souza", 2), ("ram", 4)],
)
def test_resolves(typed, expected):
    assert resolve(typed, PEOPLE) == expected


def test_ambiguous_lists_candidates():
    with pytest.raises(Ambiguous) as error:
        resolve("ana", PEOPLE)
    assert "Ana Lima (#1)" in str(error.value) and "Ana Souza" in str(error.value)


def test_same_full_name_is_ambiguous_with_numbers():
    with pytest.raises(Ambiguous) as error:
        resolve("Ana Lima", PEOPLE)
    assert "#1" in str(error.value) and "#6" in str(error.value)


def test_unknown_suggests_close_matches():
    with pytest.raises(NotFound) as error:
        resolve("Bob Tabels", PEOPLE)
    assert str(error.value) == 'No contact named "Bob Tabels". Did you mean: Bob Tables?'
