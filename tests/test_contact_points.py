"""One person, one contact (issue 22): a contact holds any number of emails, phones and profile URLs with
their labels (the contact_point table); `email`, `phone` and `url` stay the preferred one. Through the real
CLI; tests/test_sync_contacts.py has the spec tests that read the address book fixtures."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from netlog.values.points import Point, clean_label, default_region, merged, normal

V1 = Path(__file__).parent / "fixtures" / "v1.db"


def values(entries: list[dict]) -> list[str]:
    return [e["value"] for e in entries]


# the normal forms


@pytest.mark.parametrize(
    "one, other",
    [
        ("tel:+1-415-555-0999", "+1 415-555-0999"),
        ("+1 (415) 555-0999", "001 415 555 0999"),
        ("+351 912 345 678", "+351912345678"),
        ("tel:+44-20-7946-0958;ext=12", "+44 20 7946 0958"),
    ],
)
def test_a_phone_written_two_ways_has_one_normal_form(one, other):
    assert normal("phone", one) == normal("phone", other)


def test_a_national_phone_is_read_in_the_default_region():
    assert normal("phone", "912 345 678", "PT") == normal("phone", "+351 912 345 678") == "+351912345678"
    assert normal("phone", "(415) 555-0999", "US") == "+14155550999"
    assert normal("phone", "912 345 678") == "912345678"  # no region: its digits
    assert normal("phone", "912 345 678", "PT") != normal("phone", "912 345 678", "ES")


def test_emails_and_urls_compare_without_case_scheme_or_slash():
    assert normal("email", " Ana@Example.ORG ") == "ana@example.org"
    assert normal("url", "HTTPS://www.LinkedIn.com/in/ana/") == normal("url", "linkedin.com/in/ana")


def test_the_locale_gives_the_region_when_none_is_set(monkeypatch):
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "pt_PT.UTF-8")
    assert default_region() == "PT" and default_region("us") == "US"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert default_region() is None


def test_labels_are_lower_cased_and_apples_brackets_dropped():
    assert clean_label("_$!<HomePage>!$_") == "homepage" and clean_label(" Alumni ") == "alumni" and clean_label("") is None


def test_merging_points_keeps_order_and_adds_what_is_missing_once():
    have = [Point("+1 415-555-0999", None), Point("ana@x", "work")]
    incoming = [Point("tel:+1-415-555-0999", "cell"), Point("+351 912 345 678", "home")]
    assert merged(have[:1], incoming, "phone") == [Point("+1 415-555-0999", "cell"), Point("+351 912 345 678", "home")]


# through the CLI


def test_show_lists_every_address_with_the_preferred_first(netlog):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("edit", "Ana Lima", "--add-email", "ana@contoso.example", "--phone", "+351 912 345 678", "--url", "https://ana.example")
    ana = netlog.json("show", "Ana Lima")
    assert ana["emails"] == [{"value": "ana@example.org", "label": None}, {"value": "ana@contoso.example", "label": None}]
    assert (ana["email"], ana["phone"], ana["url"]) == ("ana@example.org", "+351 912 345 678", "https://ana.example")
    assert values(ana["phones"]) == ["+351 912 345 678"] and values(ana["urls"]) == ["https://ana.example"]
    plain = netlog("show", "Ana Lima").stdout
    assert "ana@example.org" in plain and "ana@contoso.example" in plain and "+351 912 345 678" in plain


def test_edit_email_replaces_the_preferred_one_and_keeps_the_others(netlog):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("edit", "Ana Lima", "--add-email", "ana@contoso.example")
    netlog("edit", "Ana Lima", "--email", "ana.lima@example.org")
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana.lima@example.org", "ana@contoso.example"] and ana["email"] == "ana.lima@example.org"
    netlog("edit", "Ana Lima", "--email", "ANA@contoso.example")  # one it has already: it moves first, once
    assert values(netlog.json("show", "Ana Lima")["emails"]) == ["ANA@contoso.example"]


def test_an_address_added_twice_is_kept_once(netlog):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("edit", "Ana Lima", "--add-email", "Ana@Example.org", "--add-phone", "+1 415-555-0999", "--add-phone", "tel:+1-415-555-0999")
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana@example.org"] and values(ana["phones"]) == ["+1 415-555-0999"]


def test_a_failed_edit_changes_nothing(netlog):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    result = netlog("edit", "Ana Lima", "--title", "CTO", "--add-email", "ana@contoso.example", "--remove-phone", "+1 555 0100", ok=False)
    assert result.exit_code == 1 and "+1 555 0100" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana@example.org"] and ana["title"] is None


def test_a_merged_contact_keeps_every_address_of_both(netlog):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("add", "Ana L.", "--email", "ana@contoso.example")
    netlog("edit", "Ana L.", "--add-phone", "+351 912 345 678")
    netlog("merge", "Ana Lima", "Ana L.", "--yes")
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana@example.org", "ana@contoso.example"] and ana["phone"] == "+351 912 345 678"


def test_rm_removes_the_points_too(netlog, db_path):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("rm", "Ana Lima", "--yes")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM contact_point").fetchone() == (0,)


def test_an_older_database_gets_its_emails_phones_and_urls_as_points(netlog, db_path):
    shutil.copyfile(V1, db_path)
    with sqlite3.connect(db_path) as conn:
        for table in ("touch", "tag", "dismissal", "contact_state", "contact"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute(
            "INSERT INTO contact (id, name, email, phone, url, strength, created_on)"
            " VALUES (1, 'Ana Lima', 'ana@example.org', '+1 415-555-0999', 'https://ana.example', 3, '2026-01-01')"
        )
        conn.execute("INSERT INTO contact (id, name, strength, created_on) VALUES (2, 'Bo Chen', 3, '2026-01-01')")
    ana = netlog.json("show", "Ana Lima")
    assert [values(ana[k]) for k in ("emails", "phones", "urls")] == [["ana@example.org"], ["+1 415-555-0999"], ["https://ana.example"]]
    assert netlog.json("show", "Bo Chen")["emails"] == []
    netlog("edit", "Ana Lima", "--remove-phone", "tel:+1-415-555-0999")  # the migrated normal form matches
    assert netlog.json("show", "Ana Lima")["phone"] is None


# importers


def test_a_google_csv_gives_every_email_phone_and_website_with_its_type(netlog, tmp_path):
    csv = tmp_path / "google.csv"
    csv.write_text(
        "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
        "Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value\n"
        "Ana,Lima,* myContacts ::: Friends,Home,ana@example.org,* Work,ana@contoso.example ::: ana.lima@contoso.example,"
        "Mobile,+351 912 345 678,Profile,https://www.linkedin.com/in/ana\n",
        encoding="utf-8",
    )
    netlog("import", "google", str(csv))
    ana = netlog.json("show", "Ana Lima")
    assert values(ana["emails"]) == ["ana@contoso.example", "ana.lima@contoso.example", "ana@example.org"]  # "* " is primary
    assert [e["label"] for e in ana["emails"]] == ["work", "work", "home"] and ana["email"] == "ana@contoso.example"
    assert ana["phones"] == [{"value": "+351 912 345 678", "label": "mobile"}] and ana["tags"] == ["Friends"]
    again = netlog("import", "google", str(csv))
    assert "0 new, 0 updated, 1 unchanged" in again.stderr


def test_an_import_adds_the_addresses_a_contact_lacks_and_removes_none(netlog, tmp_path):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    card = tmp_path / "ana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL;TYPE=WORK:ana@contoso.example\r\n"
                    "EMAIL:ANA@example.org\r\nTEL;TYPE=CELL:+351 912 345 678\r\nEND:VCARD\r\n", newline="")  # fmt: skip
    assert "0 new, 1 updated" in netlog("import", "vcard", str(card)).stderr
    ana = netlog.json("show", "Ana Lima")
    assert ana["emails"] == [{"value": "ana@example.org", "label": None}, {"value": "ana@contoso.example", "label": "work"}]
    assert ana["phone"] == "+351 912 345 678"


def test_a_tentative_answer_is_not_a_meeting_and_the_summary_counts_it(netlog, tmp_path):
    from test_sync_contacts import invitation

    netlog("add", "Ana Lima", "--email", "ana@example.org", "--on", "2026-10-01")
    netlog("me", "--email", "sam@example.org")
    ics = tmp_path / "tentative.ics"
    ics.write_text(invitation("TENTATIVE"), newline="")
    report = json.loads(netlog("import", "calendar", str(ics), "--json").stdout)
    assert (report["new"], report["skipped"]) == (0, {"not accepted": 1})


# touches: every address of a contact matches; a contact matched by name keeps the address


def _mail(sender: str, to: str, when: str, message_id: str) -> bytes:
    return (
        f"From x@y {when}\r\nFrom: {sender}\r\nTo: {to}\r\nDate: {when}\r\nMessage-ID: {message_id}\r\n"
        "Subject: Hello\r\n\r\nHello\r\n\r\n"
    ).encode()


def test_a_calendar_guest_on_a_second_address_is_met(netlog, tmp_path):
    from test_sync_contacts import invitation

    netlog("add", "Ana Lima", "--email", "ana.lima@northwind.example", "--on", "2026-10-01")
    netlog("add", "Ana Maria Lima", "--email", "ana.maria@example.com", "--on", "2026-10-01")  # not a name match
    netlog("edit", "Ana Lima", "--add-email", "ANA@example.org")  # the invitation's address, another case
    netlog("me", "--email", "sam@example.org")
    ics = tmp_path / "coffee.ics"
    ics.write_text(invitation("ACCEPTED").replace("CN=Ana Lima", "CN=A. Lima"), newline="")
    report = json.loads(netlog("import", "calendar", str(ics), "--json").stdout)
    assert (report["new"], report["unknown"], report["addresses"]) == (1, [], 0)
    assert "Coffee chat" in [t["note"] for t in netlog.json("show", "Ana Lima")["touches"]]


def test_a_chat_phone_written_nationally_matches_a_contacts_second_phone(netlog, tmp_path, monkeypatch):
    for variable in ("LC_ALL", "LC_CTYPE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "pt_PT.UTF-8")  # the region national numbers are read in
    netlog("add", "Noor Haddad", "--on", "2026-10-01")
    netlog("edit", "Noor Haddad", "--phone", "+44 20 7946 0958", "--add-phone", "+351 912 000 111")
    export = {
        "personal_information": {"user_id": 1, "first_name": "Kim", "last_name": "Oduya"},
        "contacts": {"list": [{"user_id": 2, "first_name": "N.", "last_name": "", "phone_number": "912 000 111"}]},
        "chats": {"list": [{"name": "N.", "type": "personal_chat", "id": 2, "messages": [
            {"id": 1, "type": "message", "date": "2026-11-14T10:00:00", "date_unixtime": "1794650400",
             "from": "N.", "from_id": "user2", "text": "slides?"}]}]},
    }  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    report = json.loads(netlog("import", "telegram", str(path), "--json").stdout)
    assert (report["new"], report["unknown"]) == (1, [])
    assert "message" in [t["kind"] for t in netlog.json("show", "Noor Haddad")["touches"]]


def test_mail_matched_by_name_stores_the_address_and_the_next_mail_matches_on_it(netlog, tmp_path):
    netlog("me", "--email", "kim@example.org")
    netlog("add", "Lena Fischer", "--email", "lena@old.example", "--on", "2026-10-01")
    first = tmp_path / "one.mbox"
    first.write_bytes(_mail("Lena Fischer <Lena.Fischer@Example.de>", "kim@example.org", "Thu, 12 Nov 2026 11:00:00 +0000", "<1@x>"))
    dry = json.loads(netlog("import", "mail", str(first), "--json", "--dry-run").stdout)
    assert (dry["new"], dry["addresses"]) == (1, 1)
    assert values(netlog.json("show", "Lena Fischer")["emails"]) == ["lena@old.example"]  # a dry run writes nothing
    result = netlog("import", "mail", str(first))
    assert "Stored 1 address on contacts matched by name." in result.stderr
    lena = netlog.json("show", "Lena Fischer")
    assert values(lena["emails"]) == ["lena@old.example", "lena.fischer@example.de"] and lena["email"] == "lena@old.example"
    second = tmp_path / "two.mbox"  # signed differently: the address, not the name, says who it is
    second.write_bytes(_mail("L. F. <lena.fischer@example.de>", "kim@example.org", "Fri, 13 Nov 2026 11:00:00 +0000", "<2@x>"))
    report = json.loads(netlog("import", "mail", str(second), "--json").stdout)
    assert (report["new"], report["unknown"], report["addresses"]) == (1, [], 0)
    assert [t["kind"] for t in netlog.json("show", "Lena Fischer")["touches"]].count("email") == 2


def test_an_address_someone_else_has_is_not_given_to_a_namesake(netlog, tmp_path):
    netlog("me", "--email", "kim@example.org")
    netlog("add", "Lena Fischer", "--on", "2026-10-01")
    netlog("add", "Tom Baker", "--email", "bakers@example.net", "--on", "2026-10-01")
    mbox = tmp_path / "one.mbox"
    mbox.write_bytes(_mail("Lena Fischer <bakers@example.net>", "kim@example.org", "Thu, 12 Nov 2026 11:00:00 +0000", "<1@x>"))
    report = json.loads(netlog("import", "mail", str(mbox), "--json").stdout)
    assert (report["new"], report["addresses"]) == (1, 0)  # the address says Tom, as before
    assert netlog.json("show", "Lena Fischer")["emails"] == [] and [t["kind"] for t in netlog.json("show", "Tom Baker")["touches"]].count("email") == 1


def test_an_address_too_long_to_keep_is_not_learned_by_a_namesake(netlog, tmp_path, monkeypatch):
    """A LinkedIn message whose profile URL is 70,000 characters (the fuzz's find): the contact matched by
    name kept it, and the JSON backup then refused to come back ("url of 70,032 characters is too long")."""
    long_url = "https://www.linkedin.com/in/ana-" + "x" * 70_000
    head = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION ARCHIVED"
    sam = "https://www.linkedin.com/in/sam"
    rows = [
        f"c1,,Ana Lima,{long_url},Sam Rivera,{sam},2026-11-20 08:00:00 UTC,,Hello?,INBOX,,No,No",
        f"c2,,Sam Rivera,{sam},Ana Lima,{long_url},2026-11-21 08:00:00 UTC,,Hi,INBOX,,No,No",
    ]
    messages = tmp_path / "messages.csv"
    messages.write_text("\n".join([head, *rows]) + "\n")
    netlog("add", "Ana Lima", "--on", "2026-10-01")
    report = json.loads(netlog("import", "linkedin-messages", str(messages), "--me", sam, "--json").stdout)
    assert report["addresses"] == 0 and netlog.json("show", "Ana Lima")["urls"] == []
    backup = tmp_path / "backup.json"
    backup.write_text(netlog("export", "json").stdout)
    monkeypatch.setenv("NETLOG_DB", str(tmp_path / "restored.db"))
    netlog("import", "json", str(backup))  # exits 0: the backup comes back whole
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


# netlog me --region


def test_me_region_reads_national_phones_in_that_country_from_then_on(netlog, tmp_path, monkeypatch):
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(variable, raising=False)  # no locale region: only --region gives one
    netlog("add", "Ana Lima", "--on", "2026-10-01")
    netlog("edit", "Ana Lima", "--phone", "912 345 678")  # national: no region yet, compared by its digits
    assert netlog.json("me")["region"] is None and "region: (not set" in netlog("me").stdout
    netlog("me", "--region", "pt")
    assert netlog.json("me")["region"] == "PT" and "region: PT" in netlog("me").stdout
    netlog("edit", "Ana Lima", "--remove-phone", "+351 912 345 678")  # the stored number, read in PT now
    assert netlog.json("show", "Ana Lima")["phones"] == []
    netlog("edit", "Ana Lima", "--phone", "912 345 678")
    card = tmp_path / "ana.vcf"  # the same number written internationally is no change
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nTEL:+351-912-345-678\r\nEND:VCARD\r\n", newline="")
    assert "0 new, 0 updated, 1 unchanged" in netlog("import", "vcard", str(card)).stderr


def test_me_region_renormalises_the_phones_already_stored(netlog, db_path, monkeypatch):
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    netlog("add", "Ana Lima", "--on", "2026-10-01")
    netlog("edit", "Ana Lima", "--phone", "(415) 555-0999")
    normals = lambda: [n for (n,) in sqlite3.connect(db_path).execute("SELECT normal FROM contact_point WHERE kind = 'phone'")]  # noqa: E731
    assert normals() == ["4155550999"]
    netlog("me", "--region", "US")
    assert normals() == ["+14155550999"]


@pytest.mark.parametrize("typed", ["XX", "Portugal", " ", "351"])
def test_me_region_that_is_no_country_is_one_line_and_changes_nothing(netlog, typed):
    netlog("me", "--name", "Kim Oduya")
    result = netlog("me", "--region", typed, "--name", "Someone Else", ok=False)
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1 and "--region PT" in result.stderr
    assert (netlog.json("me")["region"], netlog.json("me")["name"]) == (None, "Kim Oduya")


def test_a_typed_email_or_phone_that_is_not_one_is_one_line_and_nothing_stored(netlog):
    """`edit --add-email "not an email"` stored it, `show` listed it and every export wrote it to the card, as
    did `add --email garbage` and `--add-phone abc`; `me --email bad` already refused. Each is one line,
    exit 1, nothing changed; removing a value is never refused."""
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    for args in (("add", "Bo Berg", "--email", "garbage"), ("add", "Bo Berg", "--phone", "hello"),
                 ("edit", "Ana", "--add-email", "not an email"), ("edit", "Ana", "--email", "ana@"),
                 ("edit", "Ana", "--add-phone", "abc"), ("edit", "Ana", "--phone", "call me"),
                 ("edit", "Ana", "--add-email", "ana@example.org, bo@example.org"),  # two addresses: no mailto: takes it
                 ("me", "--email", "kim smith@example.org")):  # fmt: skip
        bad = netlog(*args, ok=False)
        assert bad.exit_code == 1 and len(bad.stderr.splitlines()) == 1 and "Traceback" not in bad.stderr, (args, bad.stderr)
        assert "not an email address" in bad.stderr or "not a phone number" in bad.stderr
    shown = netlog.json("show", "Ana")
    assert [e["value"] for e in shown["emails"]] == ["ana@example.org"] and shown["phones"] == []
    assert netlog.json("list") and all(c["name"] != "Bo Berg" for c in netlog.json("list"))
    netlog("edit", "Ana", "--add-email", "Ana.Lima+work@Example.co.uk", "--add-phone", "+1 (415) 555-0999")
    assert len(netlog.json("show", "Ana")["emails"]) == 2
