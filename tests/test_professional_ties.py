"""Who is a professional tie (issue 23): organisations' cards and family are kept as contacts but never drawn as
the daily allowance's keep-in-touch or reconnect picks unless you set them a cadence; `--every never` keeps
anyone off the picks (and off keep-in-touch altogether)."""

from __future__ import annotations

import json

from test_capture_defects import _dormant

ORG_CARDS = {
    "Zahnarzt Dr. Weber": "VERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\nN:;;;;\nFN:Zahnarzt Dr. Weber\nORG:Zahnarzt Dr. Weber;\nTEL;TYPE=WORK:+49 30 5550 1234\nX-ABShowAs:COMPANY",
    "Physiotherapie am Park": "VERSION:4.0\nKIND:org\nFN:Physiotherapie am Park\nORG:Physiotherapie am Park\nEMAIL:praxis@physio.example",
    "Klempnerei Schulze": "VERSION:3.0\nN:;;;;\nFN:Klempnerei Schulze\nORG:Klempnerei Schulze\nTEL;TYPE=WORK:+49 30 5550 3456",
    "Kita Sonnenschein": "VERSION:3.0\nORG:Kita Sonnenschein\nEMAIL;TYPE=INTERNET:leitung@kita.example",
}
PEOPLE_CARDS = {
    "Ada Oduya": "VERSION:3.0\nN:Oduya;Ada;;;\nFN:Ada Oduya\nEMAIL:ada@oduya.example",
    "Lena Vogel": "VERSION:3.0\nN:Vogel;Lena;;;\nFN:Lena Vogel\nORG:Vogel GmbH\nEMAIL:lena@vogel.example",  # a person at her own firm
    "Tom Berg": "VERSION:3.0\nN:Berg;Tom;;;\nFN:Tom Berg\nEMAIL:tom@berg.example",
}


def _import_cards(netlog, tmp_path, cards: dict[str, str]) -> None:
    text = "".join(f"BEGIN:VCARD\n{body}\nUID:{n}\nEND:VCARD\n" for n, body in enumerate(cards.values()))
    (tmp_path / "cards.vcf").write_text(text.replace("\n", "\r\n"))
    netlog("import", "vcard", str(tmp_path / "cards.vcf"))


def _drawn(netlog, *args: str) -> set[str]:
    return {i["contact"] for i in netlog.json("due", "--all", *args) if i["occasion"] == "reconnect"}


def test_organisations_are_never_drawn_as_picks(netlog, tmp_path):
    _import_cards(netlog, tmp_path, {**ORG_CARDS, **PEOPLE_CARDS})
    drawn = _drawn(netlog, "--reconnect", "10")
    assert drawn == {"Ada Oduya", "Lena Vogel", "Tom Berg"}  # every card is a dormant tie; no organisation is drawn
    # The organisation's name is kept whole; the contacts stay, to find and show.
    assert {c["name"] for c in netlog.json("list")} == set(ORG_CARDS) | set(PEOPLE_CARDS)


def test_family_by_your_family_name_or_your_family_tag(netlog, tmp_path):
    _import_cards(netlog, tmp_path, PEOPLE_CARDS)
    netlog("me", "--name", "Kim Oduya")
    assert _drawn(netlog, "--reconnect", "10") == {"Lena Vogel", "Tom Berg"}
    netlog("edit", "Tom Berg", "--tag", "Familie")
    netlog("me", "--family-tag", "Familie")
    assert netlog.json("me")["family_tag"] == "Familie"
    assert _drawn(netlog, "--reconnect", "10") == {"Lena Vogel"}


FAMILY_CARDS = {
    # vCard 4.0 RELATED (RFC 6350 6.6.6) of a family type: a card that names a parent, child, sibling, spouse or kin
    "Mia Sommer": "VERSION:4.0\nN:Sommer;Mia;;;\nFN:Mia Sommer\nRELATED;TYPE=sibling:urn:uuid:0b6b6c5e-5d0a-4f5b-9d67-1c1e1e9c3c01",
    "Jonas Keller": "VERSION:4.0\nN:Keller;Jonas;;;\nFN:Jonas Keller\nRELATED;VALUE=text;TYPE=spouse:Kim Oduya",
    "Ruth Adler": "VERSION:3.0\nN:Adler;Ruth;;;\nFN:Ruth Adler\nRELATED;TYPE=\"kin,contact\":mailto:kim@oduya.example",
    "Omar Haddad": "VERSION:4.0\nN:Haddad;Omar;;;\nFN:Omar Haddad\nRELATED;TYPE=parent:urn:uuid:8a1e",
}
WORK_CARDS = {  # RELATED of another type is no family
    "Pia Brandt": "VERSION:4.0\nN:Brandt;Pia;;;\nFN:Pia Brandt\nRELATED;TYPE=co-worker:urn:uuid:77aa",
    "Ugo Ferri": "VERSION:4.0\nN:Ferri;Ugo;;;\nFN:Ugo Ferri\nRELATED;TYPE=friend;TYPE=met:mailto:kim@oduya.example",
}


def test_family_by_a_cards_related(netlog, tmp_path):
    """Issue 23: a card marked as family by vCard RELATED (a parent, child, sibling, spouse or kin) is kept but never
    drawn as a pick unless you set a cadence; `show` says why."""
    _import_cards(netlog, tmp_path, {**FAMILY_CARDS, **WORK_CARDS, **PEOPLE_CARDS})
    assert _drawn(netlog, "--reconnect", "20") == set(WORK_CARDS) | set(PEOPLE_CARDS)
    assert netlog.json("show", "Mia Sommer")["family"] == "sibling"
    assert netlog.json("show", "Pia Brandt")["family"] is None
    assert "family (vCard RELATED: sibling)" in netlog("show", "Mia Sommer").stdout
    netlog("edit", "Mia Sommer", "--every", "3 months")
    later = [i["occasion"] for i in netlog.json("due", "--all", "--on", "2027-03-01") if i["contact"] == "Mia Sommer"]
    assert later == ["keep-in-touch"]
    netlog("import", "vcard", str(tmp_path / "cards.vcf"))  # the same cards again change nothing
    assert netlog.json("show", "Jonas Keller")["family"] == "spouse"


def test_a_cadence_you_set_brings_them_back(netlog, tmp_path):
    _import_cards(netlog, tmp_path, ORG_CARDS)
    netlog("edit", "Kita Sonnenschein", "--every", "3 months")
    found = [i for i in netlog.json("due", "--all", "--on", "2027-03-01") if i["contact"] in ORG_CARDS]
    assert [(i["contact"], i["occasion"]) for i in found] == [("Kita Sonnenschein", "keep-in-touch")]


def test_a_family_tag_must_be_a_tag(netlog):
    result = netlog("me", "--family-tag", "  ", ok=False)
    assert result.exit_code != 0 and len(result.stderr.strip().splitlines()) == 1 and "--family-tag" in result.stderr


def test_every_never_keeps_anyone_off_the_picks_and_off_keep_in_touch(netlog, tmp_path):
    _dormant(netlog, tmp_path, 4)
    netlog("add", "Bea Strong", "--strength", "strong", "--on", "2026-06-01")
    netlog("edit", "Bea Strong", "--birthday", "11-24")
    netlog("add", "Cy Weak", "--strength", "weak", "--on", "2025-06-01")
    before = {i["contact"]: i["occasion"] for i in netlog.json("due", "--all", "--reconnect", "10")}
    assert before["Bea Strong"] == "birthday" and before["Cy Weak"] == "keep-in-touch" and "Person Number00" in before
    for name in ("Bea Strong", "Cy Weak", "Person Number00"):
        netlog("edit", name, "--every", "never")
    after = {i["contact"]: i["occasion"] for i in netlog.json("due", "--all", "--reconnect", "10")}
    assert after.get("Bea Strong") == "birthday"  # a birthday still perishes: listed
    assert "Cy Weak" not in after and "Person Number00" not in after
    assert {n for n, o in after.items() if o == "reconnect"} == {f"Person Number0{k}" for k in (1, 2, 3)}
    shown = netlog.json("show", "Cy Weak")
    assert shown["cadence_days"] == 0
    listed = {c["name"]: c for c in netlog.json("list")}
    assert listed["Cy Weak"]["cadence_days"] == 0 and listed["Cy Weak"]["next_due"] is None
    assert "keep in touch never" in netlog("show", "Cy Weak").stdout


def test_every_never_survives_an_export_and_an_import(netlog, tmp_path):
    netlog("add", "Cy Weak", "--strength", "weak", "--every", "never")
    exported = netlog("export", "json").stdout
    assert [c["cadence_days"] for c in json.loads(exported)["contacts"]] == [0]
    (tmp_path / "backup.json").write_text(exported)
    netlog("--db", str(tmp_path / "other.db"), "import", "json", str(tmp_path / "backup.json"))
    assert netlog.json("--db", str(tmp_path / "other.db"), "show", "Cy Weak")["cadence_days"] == 0


def test_an_unreadable_cadence_names_never(netlog):
    result = netlog("add", "Cy Weak", "--every", "sometimes", ok=False)
    assert result.exit_code != 0 and "never" in result.stderr


def test_days_off_move_what_perishes(netlog):
    """`me --days-off` (issue 24): a Thursday coffee's thank-you is due on Friday; with Fridays off, on Monday."""
    netlog("add", "Ana Lima", "--on", "2026-11-19")
    assert [i["due"] for i in netlog.json("due") if i["action"] == "thank"] == ["2026-11-20"]
    netlog("me", "--days-off", "fri, Saturday,sun")
    assert netlog.json("me")["days_off"] == ["fri", "sat", "sun"]
    assert "days off: fri,sat,sun" in netlog("me").stdout
    assert [i["due"] for i in netlog.json("due") if i["action"] == "thank"] == ["2026-11-23"]
    netlog("me", "--days-off", "none")
    assert netlog.json("me")["days_off"] == []
    bad = netlog("me", "--days-off", "caturday", ok=False)
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1 and "caturday" in bad.stderr
