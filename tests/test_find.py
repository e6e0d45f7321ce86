"""`netlog find` (issue 26): who do I know at Stripe. Words match whole or as prefixes, without case or
accents, in names, companies, titles, places, topics, tags, notes and touches; results rank by match and
warmth; hostile queries are text; the index stays current after every write and after a migration. Runs on
SQLite and, in the PostgreSQL pass, on the server (the same results)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES

KEYS = {"contact", "contact_id", "company", "title", "strength", "last_touch", "warmth", "matched"}


def names(found: list[dict]) -> list[str]:
    return [r["contact"] for r in found if r["path"] is None]


@pytest.fixture
def network(netlog):
    """Three people at Stripe (one strong and recent, one weak and old, one introduced), and others."""
    netlog("add", "Zoë Martin", "--met-at", "PyCon Lisbon", "--topics", "hiring, payments", "--strength", "strong", "--on", "2026-11-01")
    netlog("edit", "Zoë", "--company", "Stripe, Inc.", "--title", "Engineering Manager", "--tag", "mentor")
    netlog("log", "Zoë", "coffee", "--note", "talked about the Lisbon role", "--on", "2026-11-02")
    netlog("add", "Bo Chen", "--strength", "weak", "--on", "2023-01-01")
    netlog("edit", "Bo", "--company", "Stripe", "--title", "Engineer")
    netlog("add", "Carl Diaz", "--on", "2025-05-01", "--met-at", "RustConf")
    netlog("log", "Carl", "intro", "--to", "Dana Eve", "--on", "2025-06-01")
    netlog("edit", "Dana", "--company", "Stripe")
    netlog("add", "Élodie Roux", "--strength", "close", "--on", "2026-10-01")
    netlog("edit", "Élodie", "--company", "Acme", "--note", "knows everyone in fintech")
    return netlog


def test_company_word_finds_everyone_there_warmest_first(network):
    found = network.json("find", "stripe")
    assert names(found) == ["Zoë Martin", "Bo Chen", "Dana Eve"]
    zoe = found[0]
    assert KEYS <= set(zoe)
    assert zoe["matched"] == {"field": "company", "snippet": "[Stripe], Inc."}
    assert zoe["strength"] == "strong" and zoe["last_touch"] == "2026-11-02" and zoe["warmth"] == "warm"
    assert zoe["company"] == "Stripe, Inc." and zoe["title"] == "Engineering Manager"
    assert found[2]["introduced_by"] == "Carl Diaz"


def test_human_output_says_why_how_warm_and_who_introduced(network):
    out = network("find", "stripe").stdout
    assert "1. Zoë Martin (Engineering Manager, Stripe, Inc.)" in out
    assert "strong, last coffee 3 weeks ago" in out
    assert "company: [Stripe], Inc." in out
    assert "introduced by Carl Diaz" in out


def test_accents_case_and_prefixes(network):
    assert names(network.json("find", "zoe")) == ["Zoë Martin"]
    assert names(network.json("find", "ZOË")) == ["Zoë Martin"]
    assert names(network.json("find", "elodie")) == ["Élodie Roux"]
    eng = network.json("find", "eng")
    assert names(eng) == ["Zoë Martin", "Bo Chen"]
    assert eng[0]["matched"] == {"field": "title", "snippet": "[Engineering] Manager"}
    assert names(network.json("find", "strip")) == ["Zoë Martin", "Bo Chen", "Dana Eve"]
    assert network.json("find", "tripe") == []  # a prefix of a word, not any substring


def test_every_word_must_match_across_fields(network):
    assert names(network.json("find", "stripe", "lisbon")) == ["Zoë Martin"]
    assert names(network.json("find", "stripe lisbon")) == ["Zoë Martin"]
    assert names(network.json("find", "stripe rust")) == []


def test_places_topics_tags_notes_and_touches(network):
    assert network.json("find", "pycon")[0]["matched"] == {"field": "met_at", "snippet": "met Sun 1 Nov: [PyCon] Lisbon"}
    assert network.json("find", "payments")[0]["matched"]["field"] == "topics"
    assert network.json("find", "mentor")[0]["matched"] == {"field": "tags", "snippet": "[mentor]"}
    fintech = network.json("find", "fintech")
    assert names(fintech) == ["Élodie Roux"] and fintech[0]["matched"] == {"field": "note", "snippet": "knows everyone in [fintech]"}
    role = network.json("find", "role")
    assert names(role) == ["Zoë Martin"]
    assert role[0]["matched"] == {"field": "touch", "snippet": "coffee Mon 2 Nov: talked about the Lisbon [role]"}


def test_a_strong_recent_tie_ranks_above_a_weak_old_one_with_the_same_match(netlog):
    netlog("add", "Old Weak", "--strength", "weak", "--on", "2022-03-01")
    netlog("add", "New Strong", "--strength", "strong", "--on", "2026-11-10")
    for name in ("Old", "New"):
        netlog("edit", name, "--company", "Globex")
    assert names(netlog.json("find", "globex")) == ["New Strong", "Old Weak"]
    netlog("edit", "Old", "--strength", "close")
    netlog("log", "Old", "call", "--on", "2026-11-22")
    assert names(netlog.json("find", "globex")) == ["Old Weak", "New Strong"]


def test_a_name_match_stays_above_a_warm_tie_whose_mail_mentions_the_word(netlog):
    netlog("add", "Ana Silva", "--strength", "acquaintance", "--on", "2022-01-01")
    netlog("add", "Close Friend", "--strength", "close", "--on", "2026-11-20", "--note", "lunch with ana's team")
    assert names(netlog.json("find", "ana")) == ["Ana Silva", "Close Friend"]


def test_options_narrow_by_field(network):
    assert names(network.json("find", "--at", "stripe")) == ["Zoë Martin", "Bo Chen", "Dana Eve"]
    assert names(network.json("find", "--at", "lisbon")) == []  # Lisbon is a place, not a company
    assert names(network.json("find", "--met-at", "pycon")) == ["Zoë Martin"]
    assert names(network.json("find", "--met-at", "stripe")) == []
    assert names(network.json("find", "--tag", "mentor")) == ["Zoë Martin"]
    assert names(network.json("find", "--at", "stripe", "--strength", "weak")) == ["Bo Chen"]
    assert names(network.json("find", "--strength", "close")) == ["Élodie Roux"]
    assert names(network.json("find", "eng", "--limit", "1")) == ["Zoë Martin"]


def test_at_lists_people_one_intro_away(network):
    found = network.json("find", "--at", "stripe")
    paths = [r for r in found if r["path"] is not None]
    assert [(p["contact"], p["path"]["contact"], p["path"]["relation"]) for p in paths] == [
        ("Carl Diaz", "Dana Eve", "introduced you to")
    ]
    assert paths[0]["matched"] == {"field": "intro", "snippet": "introduced you to Dana Eve (Stripe)"}
    out = network("find", "--at", "stripe").stdout
    assert "One intro away (possible paths):" in out and "- Carl Diaz: introduced you to Dana Eve (Stripe)" in out


@pytest.mark.parametrize("typed", ['"', "*", "NEAR", "-", 'stripe" OR "x', "stri*", "NEAR(stripe, zoe)",
                                   "stripe AND", "(", "company:stripe", "'; DROP TABLE contact; --", "^stripe", "{name}: zoe"])  # fmt: skip
def test_engine_syntax_is_searched_as_text(network, typed):
    result = network("find", typed, "--json", ok=False)
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert "has no letters or digits" in result.stderr and "Traceback" not in result.stderr
    else:
        assert isinstance(network.json("find", typed), list)
    assert names(network.json("find", "stripe")) == ["Zoë Martin", "Bo Chen", "Dana Eve"]


def test_syntax_characters_around_words_are_dropped(network):
    assert names(network.json("find", 'stri*')) == ["Zoë Martin", "Bo Chen", "Dana Eve"]
    assert names(network.json("find", '"stripe" NEAR')) == []  # "near" is a word like any other, and nobody has it
    dashed = json.loads(network("find", "--json", "--", "-stripe").stdout)  # after --, a word; never a NOT
    assert names(dashed) == ["Zoë Martin", "Bo Chen", "Dana Eve"]


def test_user_errors_are_one_line(netlog):
    for args, words in ((("find",), "Give words to find"), (("find", "***"), "no letters or digits"),
                        (("find", "x", "--limit", "0"), "--limit"), (("find", "--at", "", "--tag", " "), "--tag needs"), (("find", "--strength", "huge"), "Unknown strength")):  # fmt: skip
        result = netlog(*args, ok=False)
        assert result.exit_code == 1 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_nobody_found_is_a_message_and_an_empty_json_list(network):
    result = network("find", "nobodyhere")
    assert result.exit_code == 0 and result.stdout == "" and "Nobody matches" in result.stderr
    assert network.json("find", "nobodyhere") == []


def test_the_index_follows_edit_log_rm_and_merge(network):
    network("edit", "Bo", "--company", "Globex")
    assert names(network.json("find", "stripe")) == ["Zoë Martin", "Dana Eve"]
    assert names(network.json("find", "globex")) == ["Bo Chen"]
    network("log", "Bo", "call", "--note", "quantum computing chat")
    assert names(network.json("find", "quantum")) == ["Bo Chen"]
    network("rm", "Dana", "--yes")
    assert names(network.json("find", "stripe")) == ["Zoë Martin"]
    network("add", "Bo Chen Duplicate", "--on", "2026-11-01", "--topics", "zebras")
    network("edit", "Bo Chen Duplicate", "--company", "Initech")
    network("merge", "Bo Chen", "Bo Chen Duplicate", "--yes")
    assert names(network.json("find", "zebras")) == ["Bo Chen"]  # the merged touches' words came along
    assert names(network.json("find", "duplicate")) == []


def test_the_index_follows_imports(netlog, tmp_path):
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    assert names(netlog.json("find", "northwind")) == ["Ana Lima"]
    assert sorted(names(netlog.json("find", "--at", "acme"))) == ["Élodie Martin"]
    assert names(netlog.json("find", "cto")) == ["Élodie Martin"]


def test_list_narrows_like_find(network):
    assert [c["name"] for c in network.json("list", "--at", "stripe")] == ["Bo Chen", "Dana Eve", "Zoë Martin"]
    assert [c["name"] for c in network.json("list", "--met-at", "rustconf")] == ["Carl Diaz"]
    assert [c["name"] for c in network.json("list", "--strength", "close")] == ["Élodie Roux"]
    assert [c["name"] for c in network.json("list", "--at", "stripe", "--strength", "strong")] == ["Zoë Martin"]
    assert [c["name"] for c in network.json("list", "--at", "stripe", "--tag", "mentor")] == ["Zoë Martin"]


@pytest.mark.sqlite_only
def test_a_migrated_database_is_searchable(netlog, tmp_path):
    target = tmp_path / "v1" / "netlog.db"
    target.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURES / "v1.db", target)
    found = netlog.json("--db", str(target), "find", "chloe")
    assert names(found) == ["Chloé Dubois"]
    assert names(netlog.json("--db", str(target), "find", "unicode")) == ["Chloé Dubois"]  # her note


@pytest.mark.sqlite_only
def test_completion_offers_companies_and_places(network):
    from test_completion import complete  # the shells' own way, and the check that nothing heavy is imported

    assert complete("bash", "netlog find --at St") == ["Stripe", "Stripe\\,\\ Inc."]
    assert complete("bash", "netlog list --met-at Py") == ["PyCon\\ Lisbon"]


def test_at_and_met_at_say_the_company_or_place_matched_not_a_name_holding_the_word(netlog):
    """`find --at stripe` listed Bob Stripe-Smith of Stripe, Inc. as matched on "name: Bob [Stripe]-Smith": the
    --at words can only match the company (that is why he is listed), so the company is what matched, and
    --met-at's words the place."""
    netlog("add", "Bob Stripe-Smith", "--on", "2026-11-01", "--met-at", "Stripe Sessions")
    netlog("edit", "Bob", "--company", "Stripe, Inc.")
    found = netlog.json("find", "--at", "stripe")
    assert [(r["contact"], r["matched"]) for r in found] == [("Bob Stripe-Smith", {"field": "company", "snippet": "[Stripe], Inc."})]
    assert "company: [Stripe], Inc." in netlog("find", "--at", "stripe").stdout
    met = netlog.json("find", "--met-at", "stripe")
    assert met[0]["matched"]["field"] == "met_at" and "[Stripe] Sessions" in met[0]["matched"]["snippet"]
    assert netlog.json("find", "stripe")[0]["matched"]["field"] == "name"  # a free word still counts where it says most


def test_list_narrowed_to_nobody_says_so_not_that_there_are_no_contacts(netlog):
    """`list --at nobodyco` (and --tag, --met-at, --strength) with contacts there said "No contacts yet. Add
    one", as if the database were empty."""
    netlog("add", "Ana Lima", "--on", "2026-11-01")
    for option, value in (("--at", "nobodyco"), ("--met-at", "nowhere"), ("--strength", "close"), ("--tag", "nope")):
        result = netlog("list", option, value)
        assert result.exit_code == 0 and result.stdout == ""
        assert "No contacts yet" not in result.stderr and "No contacts match" in result.stderr, result.stderr
        assert netlog.json("list", option, value) == []


def test_letters_whose_accent_is_part_of_them_fold_too(netlog):
    """'soren' finds Søren and 'lukasz' Łukasz, as 'zoe' finds Zoë: NFKD leaves ø, ł, æ, đ whole, so they fold
    by a table of their own; a typed name resolves the same way."""
    netlog("add", "Søren Kierkegaard", "--company", "Ærø Fødevarer")
    netlog("add", "Łukasz Đorđević")
    assert names(netlog.json("find", "soren")) == ["Søren Kierkegaard"]
    assert names(netlog.json("find", "SØREN")) == ["Søren Kierkegaard"]
    assert names(netlog.json("find", "aero", "fodevarer")) == ["Søren Kierkegaard"]
    assert names(netlog.json("find", "lukasz", "dord")) == ["Łukasz Đorđević"]
    assert netlog.json("show", "soren")["name"] == "Søren Kierkegaard"
    assert "Łukasz Đorđević" in netlog("log", "lukasz", "coffee").stderr


@pytest.mark.sqlite_only
def test_names_folded_the_old_way_are_folded_again_by_a_migration(netlog, tmp_path):
    import os
    import sqlite3

    netlog("add", "Søren Kierkegaard")
    db = sqlite3.connect(os.environ["NETLOG_DB"])
    with db:  # what a database of netlog before migration 18 holds: ø kept in the keys, the index of then
        db.execute("UPDATE contact SET name_key = 'søren kierkegaard', first_key = 'søren'")
        db.execute("DELETE FROM netlog_migration WHERE name = 'refolded names'")
        db.execute("UPDATE netlog_meta SET value = '1:name,company,title,met,topics,tags,note,said' WHERE key = 'search_version'")
    db.close()
    assert netlog.json("show", "soren")["name"] == "Søren Kierkegaard"
    assert netlog.json("show", "Søren")["name"] == "Søren Kierkegaard"
    assert names(netlog.json("find", "soren")) == ["Søren Kierkegaard"]


def test_an_empty_narrowing_option_is_a_slip_in_list_as_in_find(network):
    """`list --at ""` (a shell variable that was empty) listed everyone, as if no --at had been given, while
    `find --at ""` refused; `list --tag ""` too. Both commands now say the same one line, exit 1."""
    for command in ("list", "find"):
        for option, says in (("--at", '--at "" has no letters'), ("--met-at", '--met-at "" has no letters'),
                             ("--tag", "--tag needs a tag name")):  # fmt: skip
            refused = network(command, option, "", "--json", ok=False)
            assert refused.exit_code == 1 and refused.stdout == "" and says in refused.stderr, (command, option, refused.stderr)
            assert len(refused.stderr.splitlines()) == 1
    assert [c["name"] for c in network.json("list", "--at", "stripe")] == ["Bo Chen", "Dana Eve", "Zoë Martin"]


def test_nobody_matches_names_no_company_the_user_may_not_have(netlog):
    """The hint said "`netlog find stri` finds Stripe" in every database, Stripe or not (the outside test)."""
    netlog("add", "Ana Lima", "--company", "Northwind")
    result = netlog("find", "zzzz")
    assert "finds Stripe" not in result.stderr and '"stri" would find Stripe' in result.stderr


def test_a_name_ending_in_a_full_stop_gets_no_second_one(netlog):
    netlog("add", "ACME Inc.")
    assert netlog("edit", "ACME Inc.", "--tag", "vendor").stderr.strip() == "Updated ACME Inc."


def test_an_apostrophe_or_hyphen_inside_a_word_folds_away_in_find(netlog):
    """`find oneil` did not find O'Neil: the index kept "o" and "neil". A word written with an apostrophe or a
    hyphen inside is kept joined up too, so it is found typed either way; a query keeps its words apart, so
    "jean-pierre" still finds Jean Pierre."""
    netlog("add", "Siobhan O’Neil", "--company", "Hewlett-Packard")  # Apple writes the curly apostrophe
    netlog("add", "Jean Pierre Roux")
    for typed in ("oneil", "o'neil", "O’Neil", "neil", "ONEI"):
        assert names(netlog.json("find", typed)) == ["Siobhan O’Neil"], typed
    assert names(netlog.json("find", "hewlettpackard")) == names(netlog.json("find", "hewlett packard")) == ["Siobhan O’Neil"]
    assert names(netlog.json("find", "jean-pierre")) == ["Jean Pierre Roux"]
    assert "[O’Neil]" in netlog("find", "oneil").stdout  # the snippet marks the word whole


def test_a_typed_name_folds_punctuation_as_find_does(netlog):
    """`find oneil` found O'Neil (search version 3) but `show oneil`, `log oneil ...` and every command that takes
    a name said no contact: names were matched with the apostrophe kept. They now fold as find reads them
    (values.folding.name_forms); two that fold alike are one line naming both, exit 1."""
    netlog("add", "Siobhan O’Neil", "--company", "Hewlett-Packard")  # the curly apostrophe
    netlog("add", "Jean-Pierre Roux")
    for typed in ("oneil", "o'neil", "O’Neil", "ONeil", "siobhan oneil", "Siobhan O'Neil", "siobhan o neil"):
        assert netlog.json("show", typed)["name"] == "Siobhan O’Neil", typed
    for typed in ("jeanpierre", "jean-pierre", "jean pierre", "Jean Pierre Roux", "pierre", "pierre roux"):
        assert netlog.json("show", typed)["name"] == "Jean-Pierre Roux", typed
    assert "Siobhan O’Neil" in netlog("log", "oneil", "coffee").stderr
    netlog("add", "Liam ONeill")
    refused = netlog("show", "oneil", ok=False)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == ['netlog: "oneil" matches 2 contacts: Siobhan O’Neil, Liam ONeill. Be more specific.']


def test_a_family_name_with_an_apostrophe_marks_family_either_way(netlog):
    """The user's family name is matched against the stored keys, folded the same way: Kim O'Neil's family is
    Ciara O’Neil (Apple's curly apostrophe), a personal tie and never a daily pick."""
    import os

    from netlog.people import me
    from netlog.storage import reads
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store

    netlog("me", "--name", "Kim O'Neil")
    netlog("add", "Ciara O’Neil")
    netlog("add", "Neil Amstrong")
    store = open_store(database_url(os.environ["NETLOG_DB"]))
    try:
        mine = me.recorded(store.reader)
        assert reads.personal_ties(store.reader, mine.family_key, None) == {1}
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_names_keyed_before_punctuation_folded_are_keyed_again_by_a_migration(netlog):
    import os
    import sqlite3

    netlog("add", "Siobhan O'Neil")
    netlog("add", "Liam O'Neil")
    db = sqlite3.connect(os.environ["NETLOG_DB"])
    with db:  # what a database of netlog before migration 20 holds: the apostrophe kept in the key
        db.execute("UPDATE contact SET name_key = lower(name)")
        db.execute("DELETE FROM netlog_migration WHERE name = 'names keyed as find reads them'")
    db.close()
    assert netlog.json("show", "siobhan oneil")["name"] == "Siobhan O'Neil"
    assert "Liam O'Neil" in netlog("show", "oneil", ok=False).stderr


@pytest.mark.sqlite_only
def test_an_index_built_before_joined_words_is_built_again(netlog):
    import os
    import sqlite3

    netlog("add", "Siobhan O'Neil")
    db = sqlite3.connect(os.environ["NETLOG_DB"])
    with db:  # what a database of netlog before search version 3 holds: o and neil, apart
        db.execute("UPDATE contact_search SET name = 'siobhan o neil'")
        db.execute("UPDATE netlog_meta SET value = '2:name,company,title,met,topics,tags,note,said' WHERE key = 'search_version'")
    db.close()
    assert names(netlog.json("find", "oneil")) == ["Siobhan O'Neil"]


def test_a_touch_found_by_a_joined_word_is_quoted(netlog):
    """A touch whose note matched only by its joined word ("dangelo" in "D'Angelo's deck") was found, but quoted as
    nothing: the snippet looked for the note with the query's words apart."""
    netlog("add", "Mia Costa")
    netlog("log", "Mia", "coffee", "--note", "went through D'Angelo's deck")
    [found] = netlog.json("find", "dangelo")
    assert found["matched"]["field"] == "touch" and "[D'Angelo's]" in found["matched"]["snippet"], found["matched"]
