"""Name resolution is the same everywhere: exact, case-insensitive, first name, prefix, then close matches."""

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netlog.errors import Ambiguous, NotFound
from netlog.people.names import resolve

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


# The database narrows the names to compare before names.resolve (names.resolve_contact): the answer,
# or the error and its "Did you mean", must be what resolving against every name gives.
TRICKY = ["Ana Lima", "Ana Souza", "Bob Tables", "José Ramos", "Rob Smith", "Ana Lima", "ANA lima", "100% Pure",
          "snake_case Sam", "Back\\slash Bo", "Straße Weiß", "Zoë Ørsted", "Jo", "Jo Ann", "Siobhan O'Neil",
          "Liam O’Neill", "Jean-Pierre Roux", "Ana-Sofia O'Neil-Lima", "!!!"]  # fmt: skip


@pytest.fixture
def tricky_db():
    import os

    from netlog.storage import records
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store

    store = open_store(database_url(os.environ["NETLOG_DB"]))
    store.write(lambda s: [records.insert_contact(s, {"name": n, "strength": 2, "created_on": date(2026, 1, 1)}) for n in TRICKY])
    yield store
    store.close()


def _outcome(resolving):
    try:
        return "found", resolving()
    except (NotFound, Ambiguous) as error:
        return type(error).__name__, str(error)


@example(typed="ana lima")
@example(typed="jose")
@example(typed="straße")
@example(typed="STRASSE")
@example(typed="100%")
@example(typed="snake_c")
@example(typed="back\\s")
@example(typed="zoe")
@example(typed="jo")
@example(typed="ø")
@example(typed="oneil")
@example(typed="o'n")
@example(typed="ana-sofia o")
@example(typed="!")
@given(typed=st.text(alphabet="anANoblimsjJoséÉßSsZëØ%_\\ 0'’-!", max_size=9))
def test_the_database_narrows_to_the_same_answer(tricky_db, typed):
    from netlog.people.names import resolve_contact
    from netlog.storage import reads

    everyone = reads.contact_names(tricky_db.reader)
    assert _outcome(lambda: resolve_contact(tricky_db.reader, typed)) == _outcome(lambda: resolve(typed, everyone))
