"""netlog.vcard.cards and netlog.vcard.cardlines, pure: a contact's card reads back as the contact, and patching a card
changes netlog's properties only, keeps every other line byte for byte, and is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED_DATA
from hypothesis import example, given
from hypothesis import strategies as st

from netlog.vcard import cardlines, cards

VDIR = FIXTURES / "vdir"
KHARD = SHARED_DATA / "vcards-khard"
WILE = VDIR / "5E2D7C8A-0F4B-4C3E-9A2B-1D3E4F5A6B7C.vcf"
INITECH = VDIR / "initech-synced-by-server.vcf"


def card_texts() -> list[Path]:
    files = [p for p in VDIR.iterdir() if p.suffix.lower() == ".vcf" and p.name != "latin1.vcf"]
    if KHARD.exists():
        files += [p for p in KHARD.glob("*.vcf") if p.name != "unparsable.vcf"]
    return sorted(files)


def read(text: str) -> dict:
    """What an import takes from the (first) card of a text."""
    [card, *_] = cardlines.split_cards(cardlines.parse(text)).cards
    fields, tags, _ = cards.read_card(card.properties)
    return {**fields, "tags": tags}


def record(text: str, **changes) -> dict:
    return {**read(text), "id": 7, **changes}


def others(text: str) -> list[str]:
    """The raw text of every line netlog does not own, in order."""
    owned = {name for names in cards.OWNED.values() for name in names}
    return [p.raw.rstrip("\r\n") for p in cardlines.parse(text) if p.name not in owned]


def lines(text: str, name: str) -> list[str]:
    return [p.raw.rstrip("\r\n") for p in cardlines.parse(text) if p.name == name]


# reading and building

# any text a user may type, with the characters vCard escapes (, ; \ newline) and some non-ASCII ones
characters = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029")
text_value = st.text(characters | st.sampled_from(",;\\\n:\"é李"), min_size=1, max_size=40).map(str.strip).filter(bool)


@given(
    name=text_value,
    email=st.none() | text_value,
    note=st.none() | text_value,
    company=st.none() | text_value,
    url=st.none() | text_value,
    tags=st.lists(text_value.filter(lambda t: "," not in t), max_size=3, unique=True),
    n=st.none() | st.tuples(*[st.just("")] * 2, text_value, st.just(""), st.just("")),
    birthday=st.none() | st.sampled_from(["03-14", "1990-03-14", "02-29"]),
    version=st.sampled_from(cards.VERSIONS),
)
# tags spelled as an address book's own groups (Google's myContacts and starred) are the user's tags all the same
@example(name="A", email=None, note=None, company=None, url=None, tags=["MYCONTACTS"], n=None, birthday=None, version="3.0")
@example(name="A", email=None, note=None, company=None, url=None, tags=["starred", "myContacts", "x"], n=None, birthday=None, version="4.0")
@example(name="A", email=None, note=None, company=None, url=None, tags=["all"], n=None, birthday=None, version="3.0")
def test_a_new_card_reads_back_as_the_contact(name, email, note, company, url, tags, n, birthday, version):
    contact = {"id": 1, "uid": "3b0c7a52-9d1e-4f6a-8c2b-5e4d3c2b1a09", "name": name, "email": email, "phone": None, "company": company, "title": None,
               "url": url, "note": note, "birthday": birthday, "tags": tags, "n": n}  # fmt: skip
    text = cards.build_card(contact, version)
    back = read(text)
    assert {k: back[k] for k in ("name", "email", "company", "url", "note", "birthday")} == {
        k: contact[k] for k in ("name", "email", "company", "url", "note", "birthday")
    }
    assert back["tags"] == tags and back["uid"] == contact["uid"]
    assert back["n"] == n  # a name netlog does not know the split of reads back as unsplit
    assert cards.patch_card(text, contact) == text  # and netlog finds nothing to change in its own card
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded as the standards say


def test_a_new_card_has_every_field_in_the_right_shape():
    contact = {"id": 3, "uid": "u-1", "name": "Dara Ó Súilleabháin", "email": "d@x.ie", "phone": "+353 1 000",
               "company": "Acme", "title": "CTO", "url": "https://x.ie", "note": "two\nlines", "birthday": "1990-03-14",
               "tags": ["pycon"], "nickname": "Dee, D", "address": ("", "", "1 Main St", "Cork", "", "T12", "Ireland"),
               "kind": "individual"}  # fmt: skip
    text = cards.build_card(contact, "4.0")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u-1\r\n") and text.endswith("END:VCARD\r\n")
    for line in ("FN:Dara Ó Súilleabháin", "N:;Dara Ó Súilleabháin;;;", "NICKNAME:Dee,D", "EMAIL:d@x.ie",
                 "TEL:+353 1 000", "ADR:;;1 Main St;Cork;;T12;Ireland", "ORG:Acme", "TITLE:CTO", "URL:https://x.ie",
                 "NOTE:two\\nlines", "BDAY:19900314", "CATEGORIES:pycon"):  # fmt: skip
        assert line + "\r\n" in text
    assert "KIND" not in text  # individual is the default
    assert read(text)["address"] == contact["address"] and read(text)["nickname"] == "Dee, D"


@pytest.mark.parametrize("name", ["Dara Ó Súilleabháin", "Ludwig van Beethoven", "Cher", "Wile E. Coyote"])
def test_a_typed_name_is_not_split_at_a_guess(name):
    text = cards.build_card({"id": 1, "uid": "u-1", "name": name, "tags": []})
    assert lines(text, "N") == [f"N:;{name};;;"]  # the whole name is the given name; no family name made up


def test_a_known_structured_name_is_written_back():
    text = cards.build_card({"id": 1, "uid": "u-1", "name": "Wile E. Coyote", "n": ("Coyote", "Wile", "E.", "", ""), "tags": []})
    assert lines(text, "N") == ["N:Coyote;Wile;E.;;"]


@pytest.mark.parametrize(
    ("birthday", "v3", "v4"),
    [("1990-03-14", "BDAY:1990-03-14", "BDAY:19900314"), ("03-14", "BDAY:--0314", "BDAY:--0314")],
)
def test_birthdays_as_each_version_writes_them(birthday, v3, v4):
    contact = {"id": 1, "uid": "u-1", "name": "A", "birthday": birthday, "tags": []}
    assert lines(cards.build_card(contact, "3.0"), "BDAY") == [v3]
    assert lines(cards.build_card(contact, "4.0"), "BDAY") == [v4]


def test_a_contact_without_a_uid_gets_no_card_made_up_from_its_id():
    with pytest.raises(ValueError):  # the exporter gives it a random UID first (netlog.exporters.vcard.give_uids)
        cards.build_card({"id": 1, "uid": None, "name": "Ana Lima", "tags": []})


def test_an_organisation():
    org = {"id": 1, "uid": "u-1", "name": "Initech", "company": "Initech", "kind": "org", "tags": []}
    v4, v3 = cards.build_card(org, "4.0"), cards.build_card(org, "3.0")
    assert lines(v4, "KIND") == ["KIND:org"] and lines(v4, "X-ABSHOWAS") == [] and lines(v4, "N") == ["N:;;;;"]
    assert lines(v3, "KIND") == ["KIND:org"] and lines(v3, "X-ABSHOWAS") == ["X-ABSHOWAS:COMPANY"]
    apple = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Initech\r\nX-ABShowAs:COMPANY\r\nEND:VCARD\r\n"
    assert read(apple)["kind"] == "org" and read(v4)["kind"] == "org"


def test_commas_in_text_values_are_kept_where_vobject_cut_them():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith, John\r\nURL:https://x.example/a,b\r\nEND:VCARD\r\n"
    assert read(text)["name"] == "Smith, John" and read(text)["url"] == "https://x.example/a,b"


def test_vcard_21_quoted_printable_and_singleton_types():
    [card] = cardlines.split_cards(cardlines.parse((FIXTURES / "phone21.vcf").read_bytes().decode())).cards
    fields, _, _ = cards.read_card(card.properties)
    assert fields["name"] == "Jürgen Müller" and fields["n"] == ("Müller", "Jürgen", "", "", "")
    assert fields["note"] == "A long note that the phone wrapped with a soft line break."
    assert fields["phone"] == "+49 170 0000000"


def test_folding_never_cuts_a_character():
    line = cardlines.format_line("NOTE", "é" * 100 + "李" * 50)
    physical = line.split("\r\n")[:-1]
    assert all(len(p.encode()) <= 75 for p in physical) and len(physical) > 3
    assert cardlines.parse(line)[0].value == "é" * 100 + "李" * 50


# patching


@pytest.mark.parametrize("path", card_texts(), ids=lambda p: p.name)
def test_patching_with_what_the_card_says_changes_nothing(path):
    """(It said a 3.0 card without N gained one: N:;Foo Bar;;; told khard nothing its FN did not, and counted
    a card exported back unchanged as updated (real-data walk). Only a 3.0 card with neither N nor FN gets one.)"""
    text = path.read_bytes().decode()
    patched = cards.patch_card(text, record(text))
    if lines(text, "N") or lines(text, "FN") or "VERSION:4.0" in text:
        assert patched == text
    else:  # vCard 3.0 requires N, and this card names no one otherwise: it is added, and nothing else changes
        assert others(patched) == others(text) and lines(patched, "N")
    assert cards.patch_card(patched, record(text)) == patched


change = st.fixed_dictionaries(
    {},
    optional={
        "name": st.sampled_from(["Wile Coyote", "Zed Quinn", "Dara Ó Súilleabháin"]),
        "email": st.none() | st.sampled_from(["new@example.org", "wile@home.example", "billing@initech.example"]),
        "phone": st.none() | st.just("+1 555 0000"),
        "company": st.none() | st.just("Globex; Research"),
        "title": st.none() | st.just("Chief, Rockets"),
        "url": st.none() | st.just("https://new.example/x,y"),
        "note": st.none() | st.just("new\nnote"),
        "birthday": st.none() | st.sampled_from(["03-15", "1991-04-01"]),
        "tags": st.lists(st.sampled_from(["a", "b", "clients"]), unique=True),
        "nickname": st.none() | st.just("Coyo"),
        "address": st.none() | st.just(("", "", "2 Road", "Town", "", "1", "Land")),
        "kind": st.sampled_from(["org", "individual"]),
        "n": st.none() | st.just(("Q", "Zed", "", "", "")),
    },
)


@pytest.mark.parametrize("path", [WILE, INITECH, VDIR / "dara.vcf"], ids=lambda p: p.name)
@given(changes=change)
def test_a_patched_card_says_what_the_contact_says_and_keeps_the_rest(path, changes):
    text = path.read_bytes().decode()
    contact = record(text, **changes)
    patched = cards.patch_card(text, contact)
    assert others(patched) == others(text)  # every line netlog does not own, exactly as it was
    assert cards.patch_card(patched, contact) == patched  # idempotent: a second export changes nothing
    back = read(patched)
    for key in ("name", "email", "phone", "company", "title", "url", "note", "nickname", "address"):
        assert back[key] == contact[key], key
    assert set(back["tags"]) == set(contact["tags"]) and back["kind"] == ("org" if contact["kind"] == "org" else None)
    if contact.get("n"):
        assert back["n"] == contact["n"]
    if contact["birthday"]:
        assert back["birthday"] == contact["birthday"]


def test_netlog_changes_its_own_email_line_and_keeps_its_group_type_and_the_other_email():
    text = WILE.read_bytes().decode()
    patched = cards.patch_card(text, record(text, email="wile@new.example"))
    assert lines(patched, "EMAIL") == ["item1.EMAIL;type=INTERNET;type=pref:wile@new.example", "EMAIL;type=INTERNET;type=HOME:wile@home.example"]
    assert "item1.X-ABLabel:_$!<Other>!$_" in patched


def test_a_phone_deleted_in_netlog_leaves_the_card_too():
    text = WILE.read_bytes().decode()
    patched = cards.patch_card(text, record(text, phone=None))
    assert lines(patched, "TEL") == []  # netlog says there is none: a card that still had one would bring it back


def test_a_value_netlog_could_not_hold_is_not_deleted():
    text = INITECH.read_bytes().decode()
    contact = record(text)
    assert contact["birthday"] is None  # "founded circa 1989" was left out on import
    assert lines(cards.patch_card(text, contact), "BDAY") == ["BDAY;VALUE=text:founded circa 1989"]
    replaced = cards.patch_card(text, {**contact, "birthday": "1989-05-01"})
    assert lines(replaced, "BDAY") == ["BDAY:19890501"]  # the card's own line, its VALUE=text gone


def test_a_field_the_record_lacks_is_left_alone_and_none_removes():
    text = (VDIR / "dara.vcf").read_bytes().decode()
    contact = record(text)
    del contact["nickname"]  # a database without a nickname column
    assert lines(cards.patch_card(text, contact), "NICKNAME") == ["NICKNAME:Dee"]
    assert lines(cards.patch_card(text, {**contact, "nickname": None}), "NICKNAME") == []


def test_the_cards_structured_name_stays_while_it_fits_and_gives_way_after_a_rename():
    text = WILE.read_bytes().decode()
    unknown = record(text, n=None)  # a database that does not store N yet
    assert lines(cards.patch_card(text, unknown), "N") == ["N:Coyote;Wile;E.;;"]
    assert lines(cards.patch_card(text, {**unknown, "name": "Coyote, Wile E."}), "N") == ["N:Coyote;Wile;E.;;"]
    assert lines(cards.patch_card(text, {**unknown, "name": "Wile Coyote"}), "N") == ["N:;Wile Coyote;;;"]
    assert lines(cards.patch_card(text, {**unknown, "name": "Road Runner"}), "N") == ["N:;Road Runner;;;"]


def test_line_endings_and_version_are_the_cards():
    text = (VDIR / "dara.vcf").read_bytes().decode()  # LF, 3.0
    patched = cards.patch_card(text, record(text, birthday="1990-03-14", title="Poet"))
    assert "\r" not in patched and "VERSION:3.0\n" in patched
    assert "BDAY:1990-03-14\n" in patched and "TITLE:Poet\n" in patched


def test_an_organisations_empty_n_stays_empty():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:o\r\nFN:Initech\r\nN:;;;;\r\nX-ABShowAs:COMPANY\r\nORG:Initech\r\nEND:VCARD\r\n"
    contact = record(text)
    del contact["kind"]  # a database without a kind column: the card's own kind decides
    assert cards.patch_card(text, contact) == text
    renamed = cards.patch_card(text, {**contact, "name": "Initech Labs"})
    assert lines(renamed, "N") == ["N:;;;;"] and lines(renamed, "FN") == ["FN:Initech Labs"]


def test_a_changed_address_keeps_its_type_and_drops_the_old_label():
    text = INITECH.read_bytes().decode()
    moved = cards.patch_card(text, record(text, address=("", "", "1 New St", "Austin", "TX", "78701", "USA")))
    assert lines(moved, "ADR") == ["ADR;TYPE=work:;;1 New St;Austin;TX;78701;USA"]
