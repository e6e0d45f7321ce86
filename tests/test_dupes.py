"""`netlog dupes` blocks candidate pairs (netlog.people.dupes): the result must be the one comparing every pair gives.
The brute force below is the reference, kept here only: n²/2 comparisons, the code the blocks replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netlog.people.dupes import find_dupes, names_alike, normalize_email, normalize_url
from netlog.values.folding import fold


def brute_force(rows: list[dict]) -> list[tuple[int, int, str]]:
    """Every pair compared: the first reason that holds of same email, same URL, close names at one company,
    the same name with neither two companies nor two different URLs telling them apart."""
    rows = sorted(rows, key=lambda r: r["id"])
    found = []
    for i, one in enumerate(rows):
        for other in rows[i + 1 :]:
            email, url = normalize_email(one.get("email")), normalize_url(one.get("url"))
            company = fold(one.get("company") or "")
            if email and email == normalize_email(other.get("email")):
                found.append((one["id"], other["id"], f"same email {email}"))
            elif url and url == normalize_url(other.get("url")):
                found.append((one["id"], other["id"], f"same URL {url}"))
            elif company and company == fold(other.get("company") or "") and names_alike(fold(one["name"]), fold(other["name"])):
                found.append((one["id"], other["id"], f"close names at {one['company']}"))
            elif fold(one["name"]).split() == fold(other["name"]).split():
                companies = {fold(c).strip() for c in (one.get("company"), other.get("company")) if c and c.strip()}
                urls = {normalize_url(u) for u in (one.get("url"), other.get("url")) if normalize_url(u)}
                both_urls = normalize_url(one.get("url")) and normalize_url(other.get("url"))
                if len(companies) < 2 and not (both_urls and len(urls) == 2):
                    found.append((one["id"], other["id"], "same name, nothing tells them apart"))
    return found


def blocked(rows: list[dict]) -> list[tuple[int, int, str]]:
    return [(p.keep_id, p.other_id, p.reason) for p in find_dupes(rows)]


# Realistic networks: people from pools of real names (near names among them: Ana, Anna, Hana; Lima, Lim),
# each met once or imported two or three times from different sources. A copy spells the name as another
# source would: other case, accents or spacing, a middle name, initial, prefix or suffix added or dropped,
# a number ("Ana Lima 2"); and one copy of a person at most has a typo (a letter changed, added, dropped or
# swapped, anywhere in one word). Emails, URLs and companies come from small pools, so that they repeat.
# Two people of the pools are never close only through a long word in common (see the last test).
FIRST = ["Ana", "Anna", "Hana", "Jon", "José", "Jose", "Renée", "Łukasz", "Jean-Luc", "Alexandra", "Alessandro",
         "Maximilian", "Li", "O'Neil", "Mohammed", "Muhammad", "Christopher", "Kristoffer", "Siobhán", "Nguyễn",
         "Oluwaseun", "Anne-Marie", "Yuki", "Bartholomew"]  # fmt: skip
LAST = ["Lima", "Lim", "Silva", "Sylva", "Smith", "Smyth", "Okafor", "Müller", "Mueller", "García", "Garcia", "Berg",
        "Bergström", "van der Berg", "O'Brien", "Xu", "Nakamura", "Fernandes", "Fernández", "Kowalczyk", "Haddad",
        "Al-Haddad", "Ivanova"]  # fmt: skip
MIDDLE = ["Maria", "M.", "J", "de", "Carlos", "Elizabeth"]
AROUND = [("Dr", ""), ("", "Jr"), ("", "PhD"), ("", "III"), ("Prof.", ""), ("", "2"), ("", "12")]
COMPANIES = ["Acme", "ACME", " acme ", "Globex", "Initech", "Ümbrella", None, ""]
EMAILS = [None, None, None, "ana@example.org", "ANA@example.org ", "jon@example.org", "info@acme.example"]
URLS = [None, None, None, "linkedin.com/in/ana", "https://www.linkedin.com/in/ana/", "https://linkedin.com/in/jon"]


@st.composite
def person(draw) -> list[str]:
    words = [draw(st.sampled_from(FIRST))]
    if draw(st.integers(0, 3)) == 0:
        words.append(draw(st.sampled_from(MIDDLE)))
    words.append(draw(st.sampled_from(LAST)))
    return words


@st.composite
def spelled(draw, words: list[str], typo: bool) -> str:
    """The person's name as one source writes it."""
    words = list(words)
    if len(words) == 3 and draw(st.booleans()):
        del words[1]  # the middle name dropped
    elif len(words) == 2 and draw(st.integers(0, 3)) == 0:
        words.insert(1, draw(st.sampled_from(MIDDLE)))
    if draw(st.integers(0, 4)) == 0:
        before, after = draw(st.sampled_from(AROUND))
        words = [w for w in (before, *words, after) if w]
    if typo:
        at = draw(st.integers(0, len(words) - 1))
        words[at] = draw(misspelled(words[at]))
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    return draw(st.sampled_from([" ", "  ", " \t"])).join(case(w) for w in words if w)


@st.composite
def misspelled(draw, word: str) -> str:
    """One typo: a letter changed, added or dropped anywhere, or two side by side swapped. What the keys
    promise (netlog.people.dupes): one edit changes one end of a word of three letters or more (and a swap, which
    is two edits, of four or more); so a word of one or two letters keeps its spelling here."""
    if len(word) < 3:
        return word
    at = draw(st.integers(0, len(word)))
    letter = draw(st.sampled_from("aeiourstnlmkxé"))
    how = draw(st.sampled_from(["change", "add", "drop", "swap"]))
    if how == "add":
        return word[:at] + letter + word[at:]
    at = min(at, len(word) - 1)
    if how == "change":
        return word[:at] + letter + word[at + 1 :]
    if how == "drop":
        return word[:at] + word[at + 1 :]
    at = min(at, len(word) - 2) if len(word) >= 4 else 1
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@st.composite
def network(draw) -> list[dict]:
    rows = []
    for words in draw(st.lists(person(), min_size=1, max_size=12, unique_by=lambda w: fold(" ".join(w)))):
        company = draw(st.sampled_from(COMPANIES))
        copies = draw(st.integers(1, 3))
        typo_in = draw(st.integers(-1, copies - 1))  # which copy has a typo, if any (-1: none)
        for copy in range(copies):
            rows.append({
                "id": 0,
                "name": draw(spelled(words, typo=copy == typo_in)),
                "company": company if draw(st.integers(0, 4)) else draw(st.sampled_from(COMPANIES)),
                "email": draw(st.sampled_from(EMAILS)),
                "url": draw(st.sampled_from(URLS)),
            })  # fmt: skip
    order = draw(st.permutations(range(len(rows))))
    for new_id, row in zip(order, rows):
        row["id"] = new_id + 1
    return rows


@given(network())
def test_blocking_finds_what_comparing_every_pair_finds(rows):
    assert blocked(rows) == brute_force(rows)


@given(person(), st.integers(0, 2), st.data())
def test_two_spellings_of_one_person_always_meet(words, typo, data):
    """Whatever the spellings (one of them with a typo at most): the pair, when close, is found."""
    one, two = data.draw(spelled(words, typo=typo == 1)), data.draw(spelled(words, typo=typo == 2))
    rows = [{"id": 1, "name": one, "company": "Acme"}, {"id": 2, "name": two, "company": "Acme"}]
    assert blocked(rows) == brute_force(rows)


names_of_any_kind = st.one_of(st.text(max_size=30), st.builds(" ".join, st.lists(st.sampled_from(FIRST + LAST), max_size=4)))


@given(st.lists(st.tuples(names_of_any_kind, st.sampled_from(COMPANIES)), max_size=30))
def test_blocking_never_finds_a_pair_comparing_every_pair_does_not(people):
    rows = [{"id": i, "name": name, "company": company} for i, (name, company) in enumerate(people, start=1)]
    assert set(blocked(rows)) <= set(brute_force(rows))


def test_the_spellings_blocking_must_bring_together():
    """Pairs of names that share no word end in some word pairs (the keys' reach), each found."""
    names = [
        ("Ana Lima", "Hana Lima"),  # a letter added in front: the first word's last letters still meet
        ("Alexandra Fernandes", "Alexandra Fernandez"),  # the end of the last word: its first letter meets
        ("Alexandra Fernandes", "Alexandra Fernandes Jr"),  # a suffix: the first two words meet
        ("Alexandra Fernandes", "Dr Alexandra Fernandes"),  # a prefix: the last two words meet
        ("Alexandra Fernandes", "Alexandra M. Fernandes"),  # a middle initial
        ("Ana Lima 2", "Ana Lima 12"),  # numbers are not words of the keys
        ("José García", "jose  GARCIA"),  # folded alike
    ]
    for one, two in names:
        rows = [{"id": 1, "name": one, "company": "Acme"}, {"id": 2, "name": two, "company": "acme"}]
        assert blocked(rows) == brute_force(rows) == [(1, 2, "close names at Acme")], (one, two)


def test_names_at_different_companies_are_not_close_and_a_name_with_nothing_else_is_the_same_name():
    """Two companies tell two Ana Limas apart; one without a company may be either of them (the real-data
    walk: a chat's "Ana Lima" next to LinkedIn's two), so it pairs with each, and two without one pair too."""
    rows = [{"id": 1, "name": "Ana Lima", "company": "Acme"}, {"id": 2, "name": "Ana Lima", "company": "Globex"},
            {"id": 3, "name": "Ana Lima", "company": None}, {"id": 4, "name": "Ana Lima", "company": ""}]  # fmt: skip
    same = "same name, nothing tells them apart"
    assert blocked(rows) == brute_force(rows) == [(1, 3, same), (1, 4, same), (2, 3, same), (2, 4, same), (3, 4, same)]


def test_different_profile_urls_tell_the_same_name_apart_and_a_shared_one_does_not():
    rows = [{"id": 1, "name": "Ana Lima", "url": "linkedin.com/in/ana-1", "urls": ["linkedin.com/in/ana-2"]},
            {"id": 2, "name": "ana  lima", "url": "https://linkedin.com/in/ana-3"},
            {"id": 3, "name": "Ana Lima", "url": None, "urls": ["linkedin.com/in/ana-3/"]},
            {"id": 4, "name": "Ana Lima"}]  # fmt: skip
    same = "same name, nothing tells them apart"
    assert blocked(rows) == [(1, 4, same), (2, 3, "same URL linkedin.com/in/ana-3"), (2, 4, same), (3, 4, same)]


def test_the_first_reason_that_holds_is_given_and_each_pair_once():
    rows = [
        {"id": 2, "name": "Ana Lima", "email": "ana@x.org", "url": "linkedin.com/in/ana", "company": "Acme"},
        {"id": 1, "name": "Ana Lima", "email": "ANA@x.org", "url": "https://linkedin.com/in/ana/", "company": "Acme"},
        {"id": 3, "name": "Anna Lima", "email": None, "url": "www.linkedin.com/in/ana", "company": "ACME"},
    ]
    assert blocked(rows) == brute_force(rows) == [
        (1, 2, "same email ana@x.org"), (1, 3, "same URL linkedin.com/in/ana"), (2, 3, "same URL linkedin.com/in/ana"),
    ]  # fmt: skip


def test_progress_ticks_add_up_to_every_contact():
    ticks = []
    rows = [{"id": i, "name": f"Person {i}", "company": "Acme" if i % 100 == 0 else None} for i in range(1, 2_502)]
    find_dupes(rows, ticks.append)
    assert sum(ticks) == len(rows) and len(ticks) > 2


def test_dupes_on_the_cli_shows_no_bar_when_stderr_is_not_a_terminal(netlog):
    netlog("add", "Ana Lima", "--company", "Acme")
    netlog("add", "Anna Lima", "--company", "ACME")
    assert [(p["keep_id"], p["other_id"]) for p in netlog.json("dupes")] == [(1, 2)]
    assert netlog("dupes").stderr == ""


def test_names_close_only_through_a_long_word_in_common_are_not_compared():
    """The one difference from comparing every pair, on purpose: first words that share neither end are two
    people, however long the surname they share ("José Kowalczyk" and "Zoë Kowalczyk" score 0.87). Not
    comparing them is what keeps blocks small; on the benchmark network 7,885 of the 354,230 pairs comparing
    every pair finds are of this kind ("Omar Moreau 27" and "Rosa Moreau 27")."""
    rows = [{"id": 1, "name": "José Kowalczyk", "company": "Acme"}, {"id": 2, "name": "Zoë Kowalczyk", "company": "Acme"}]
    assert brute_force(rows) == [(1, 2, "close names at Acme")] and blocked(rows) == []


def test_the_pools_hold_no_two_people_close_only_through_a_long_word():
    """What the realistic networks above assume of their pools: two people of them are never close by the
    ratio without a pair of words in common at one end each."""
    from itertools import combinations

    from netlog.people.dupes import _keys

    for middle in ([], *[[m] for m in MIDDLE]):
        for pool, place in ((FIRST, 0), (LAST, -1)):
            for a, b in combinations(pool, 2):
                for other in LAST if place == 0 else FIRST:
                    x, y = ([a, *middle, other], [b, *middle, other]) if place == 0 else ([other, *middle, a], [other, *middle, b])
                    x, y = fold(" ".join(x)), fold(" ".join(y))
                    assert not names_alike(x, y) or _keys(x) & _keys(y), (x, y)
