"""The real-data walk: the shared samples (../shared/data) imported as a user would, and what a thoughtful
networker found wrong in what netlog then said or kept. One person is always one contact, two people are
never one, and no field given is lost or given to the wrong person."""

from __future__ import annotations

from conftest import SHARED_DATA

CONNECTIONS = SHARED_DATA / "linkedin" / "Connections.csv"


def _card(path, *lines: str) -> str:
    path.write_text("\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""]), encoding="utf-8")
    return str(path)


def _anas(netlog) -> dict[str, int]:
    """The Ana Limas by what tells them apart: LinkedIn's two (Northwind, Adventure Works) and any other."""
    found = {}
    for row in netlog.json("list"):
        if row["name"] == "Ana Lima":
            company = netlog.json("show", f"#{row['id']}")["company"]
            found[company or f"#{row['id']}"] = row["id"]
    return found


def test_a_restore_keeps_two_people_of_one_name_apart(netlog, tmp_path):
    """`add --new` makes a second John Smith; the JSON backup restored made them one person (the plumber's
    and the designer's touches on one contact): "1 new, 1 updated"."""
    netlog("add", "John Smith", "--on", "2026-11-01", "--met-at", "the plumber's visit")
    netlog("add", "John Smith", "--new", "--on", "2026-11-02", "--met-at", "PyCon", "--company", "Contoso")
    backup = tmp_path / "backup.json"
    netlog("export", "json", "-o", str(backup))
    other = str(tmp_path / "restored.db")
    done = netlog("--db", other, "import", "json", str(backup))
    assert "2 new, 0 updated" in done.stderr + done.stdout
    restored = netlog.json("--db", other, "list")
    assert [r["name"] for r in restored] == ["John Smith", "John Smith"]
    for row, place, company in zip(restored, ("the plumber's visit", "PyCon"), (None, "Contoso")):
        shown = netlog.json("--db", other, "show", f"#{row['id']}")
        assert [t["place"] for t in shown["touches"]] == [place] and shown["company"] == company


def test_the_backup_imported_again_into_its_own_database_changes_nothing(netlog, tmp_path):
    netlog("add", "John Smith", "--on", "2026-11-01", "--met-at", "the plumber's visit")
    netlog("add", "John Smith", "--new", "--on", "2026-11-02", "--met-at", "PyCon")
    backup = tmp_path / "backup.json"
    netlog("export", "json", "-o", str(backup))
    done = netlog("import", "json", str(backup))
    assert "0 new, 0 updated, 2 unchanged" in done.stderr + done.stdout
    assert [len(netlog.json("show", f"#{n}")["touches"]) for n in (1, 2)] == [1, 1]


def test_a_card_named_like_two_contacts_is_given_to_neither(netlog, tmp_path):
    """LinkedIn has two Ana Limas (told apart by URL); the phone's card "Ana Lima" with only a number was
    given to the first of them, silently: the designer's number could end up on the data engineer."""
    netlog("import", "linkedin", str(CONNECTIONS))
    card = _card(tmp_path / "ana.vcf", "FN:Ana Lima", "N:Lima;Ana;;;", "TEL;TYPE=cell:+351 912 345 678")
    done = netlog("import", "vcard", card)
    said = done.stderr + done.stdout
    assert "1 new, 0 updated" in said
    assert "Ana Lima: 2 contacts have this name" in said
    anas = _anas(netlog)
    assert set(anas) == {"Northwind Analytics", "Adventure Works", f"#{max(anas.values())}"}
    for company in ("Northwind Analytics", "Adventure Works"):
        assert netlog.json("show", f"#{anas[company]}")["phones"] == []
    again = netlog("import", "vcard", card)
    assert "0 new, 0 updated, 1 unchanged" in again.stderr + again.stdout


def test_a_card_whose_company_is_one_of_theirs_goes_to_that_one(netlog, tmp_path):
    netlog("import", "linkedin", str(CONNECTIONS))
    card = _card(tmp_path / "ana.vcf", "FN:Ana Lima", "ORG:Adventure Works", "TEL:+351 913 000 111")
    done = netlog("import", "vcard", card)
    assert "0 new, 1 updated" in done.stderr + done.stdout
    anas = _anas(netlog)
    assert len(anas) == 2
    assert [p["value"] for p in netlog.json("show", f"#{anas['Adventure Works']}")["phones"]] == ["+351 913 000 111"]


def test_a_name_only_record_named_like_two_contacts_is_skipped_and_said(netlog, tmp_path):
    netlog("import", "linkedin", str(CONNECTIONS))
    card = _card(tmp_path / "ana.vcf", "FN:Ana Lima")
    for _ in range(2):
        done = netlog("import", "vcard", card)
        said = done.stderr + done.stdout
        assert "0 new, 0 updated, 0 unchanged, 1 skipped" in said and "Ana Lima: 2 contacts have this name" in said
    assert len(_anas(netlog)) == 2


def test_dupes_lists_a_same_named_contact_nothing_tells_apart(netlog, tmp_path):
    """The chats and the phone make an "Ana Lima" with only a number next to LinkedIn's two: `dupes` said "No
    likely duplicates." It lists her with each of them, and never LinkedIn's two together (their URLs and
    companies tell them apart)."""
    netlog("import", "linkedin", str(CONNECTIONS))
    netlog("import", "vcard", _card(tmp_path / "ana.vcf", "FN:Ana Lima", "TEL:+351 912 345 678"))
    anas = _anas(netlog)
    phone = anas.pop(next(key for key in anas if key.startswith("#")))
    pairs = {(p["keep_id"], p["other_id"]): p["reason"] for p in netlog.json("dupes")}
    assert pairs == {(anas[c], phone): "same name, nothing tells them apart" for c in ("Northwind Analytics", "Adventure Works")}
    shown = netlog("dupes").stdout
    assert f'netlog merge "#{anas["Northwind Analytics"]}" "#{phone}"' in shown


def test_dupes_compares_every_address_of_a_contact(netlog):
    """A contact's second email or phone (issue 22's points) was never compared: only the preferred one."""
    netlog("add", "Gus Berg", "--on", "2026-10-01", "--email", "gus@example.com", "--company", "Tailspin")
    netlog("edit", "Gus", "--add-email", "gus.berg@tailspin.example", "--add-phone", "+46 70 123 45 67")
    netlog("add", "Gustav Berg", "--on", "2026-10-02", "--email", "gus.berg@tailspin.example")
    netlog("add", "G. Berg", "--on", "2026-10-03")
    netlog("edit", "G. Berg", "--phone", "+46701234567")
    reasons = {(p["keep_id"], p["other_id"]): p["reason"] for p in netlog.json("dupes")}
    assert reasons == {(1, 2): "same email gus.berg@tailspin.example", (1, 3): "same phone +46701234567"}


def test_a_name_two_contacts_share_says_how_to_name_one(netlog):
    """"Be more specific." cannot be done when the names are the same: the number is the only way."""
    netlog("import", "linkedin", str(CONNECTIONS))
    refused = netlog("show", "Ana Lima", ok=False)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.strip() == (
        'netlog: "Ana Lima" matches 2 contacts: Ana Lima (#1), Ana Lima (#10). Give the number: "#1" or "#10".'
    )
    assert netlog("show", "Ana", ok=False).stderr.endswith('Give the number: "#1" or "#10".\n')  # more of it: still two
    netlog("add", "Ana Silva", "--on", "2026-11-01")
    assert netlog("draft", "Ana", ok=False).stderr.endswith('Be more specific, or give the number ("#1").\n')
    assert netlog("draft", "Dara", ok=True).exit_code == 0
    netlog("add", "Dara Okafor", "--on", "2026-11-01")
    assert netlog("log", "Dara", "call", ok=False).stderr.endswith("Be more specific.\n")


def test_exporting_into_the_khard_folder_it_came_from_writes_no_second_card(netlog, tmp_path):
    """Three of khard's cards have no UID (korean-c, korean-j, minimal): `export vcard --vdir` into the folder
    they were imported from wrote each person a second card, so khard listed 최유림 twice. The card that
    describes the contact (same name or email) is given the contact's UID in its own file instead."""
    import json
    import shutil

    folder = tmp_path / "khard"
    shutil.copytree(SHARED_DATA / "vcards-khard", folder)
    before = sorted(p.name for p in folder.iterdir())
    netlog("import", "vcard", str(folder))
    done = netlog("export", "vcard", "--vdir", str(folder))
    assert ": 0 new," in done.stderr + done.stdout
    assert sorted(p.name for p in folder.iterdir()) == before
    uids = {c["name"]: c["uid"] for c in json.loads(netlog("export", "json").stdout)["contacts"]}
    for name, file in (("최유림", "korean-c.vcf"), ("전도훈", "korean-j.vcf"), ("minimal contact", "minimal.vcf")):
        text = (folder / file).read_text(encoding="utf-8")
        assert f"\nUID:{uids[name]}\nEND:VCARD" in text and text.count("BEGIN:VCARD") == 1  # the file's own line ends
        assert text.replace(f"UID:{uids[name]}\n", "") == (SHARED_DATA / "vcards-khard" / file).read_text(encoding="utf-8")
    again = netlog("export", "vcard", "--vdir", str(folder))
    assert ": 0 new, 0 updated," in again.stderr + again.stdout
    assert "0 new, 0 updated" in (lambda r: r.stderr + r.stdout)(netlog("import", "vcard", str(folder)))


def test_add_takes_a_phone_and_a_url_as_edit_does(netlog):
    """`add` had --email but no --phone or --url: a number given at the first meeting needed a second command."""
    done = netlog("add", "Ana Lima", "--on", "2026-11-20", "--phone", "+351 912 345 678", "--url", "https://www.linkedin.com/in/ana-lima")
    assert done.exit_code == 0
    shown = netlog.json("show", "Ana")
    assert [p["value"] for p in shown["phones"]] == ["+351 912 345 678"]
    assert [u["value"] for u in shown["urls"]] == ["https://www.linkedin.com/in/ana-lima"]
    for option in ("--phone", "--url"):  # validated as edit validates them: one line, nothing written
        refused = netlog("add", "Bo Berg", option, "x" * 2001, ok=False)
        assert refused.exit_code == 1 and refused.stderr.count("\n") == 1 and "too long" in refused.stderr
        assert netlog("edit", "Ana", option, "x" * 2001, ok=False).stderr == refused.stderr
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


def test_a_wrong_file_is_said_in_words_not_python_class_names(netlog, tmp_path):
    """`import telegram Connections.csv` said "not JSON (JSONDecodeError)"."""
    import re

    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    broken = tmp_path / "result.json"
    broken.write_text('{"chats": {"list": [{"messages": [{"id": 1} {"id": 2}]}]}}', encoding="utf-8")
    said = netlog("import", "telegram", str(CONNECTIONS), ok=False).stderr
    assert said == f"netlog: {CONNECTIONS} is not a Telegram export: not JSON (Expecting value).\n"
    assert netlog("import", "telegram", str(binary), ok=False).stderr.endswith("not UTF-8 text; give the export's result.json.\n")
    assert netlog("import", "telegram", str(broken), ok=False).stderr.endswith("not JSON (Expecting , or ]).\n")
    python_names = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception|Warning)\b")
    for source in ("linkedin", "vcard", "google", "json", "mail", "calendar", "linkedin-messages", "telegram", "whatsapp"):
        for wrong in (CONNECTIONS, binary, broken, SHARED_DATA / "telegram" / "result.json"):
            done = netlog("import", source, str(wrong), ok=False)
            assert "Traceback" not in done.stderr and not python_names.search(done.stderr + done.stdout), (source, wrong, done.stderr)


def test_list_tells_two_people_of_one_name_apart(netlog):
    """Plain `list` printed two "Ana Lima" rows nothing told apart; a name several contacts share is given to
    any command as its number, so the list shows that number (and only for those names)."""
    netlog("import", "linkedin", str(CONNECTIONS))
    anas = _anas(netlog)
    netlog("edit", f"#{anas['Adventure Works']}", "--tag", "design")
    lines = netlog("list").stdout.splitlines()
    names = [line.split("\t")[0] for line in lines]
    assert names[:3] == [f"Ana Lima (#{anas['Northwind Analytics']})", f"Ana Lima (#{anas['Adventure Works']})", "Ben Okafor"]
    assert len(names) == len(set(names)) and sum("(#" in n for n in names) == 2
    # A narrowed list still shows the number: the name alone would still not resolve.
    assert netlog("list", "--tag", "design").stdout.split("\t")[0] == f"Ana Lima (#{anas['Adventure Works']})"
    assert netlog("list", "--at", "Northwind").stdout.split("\t")[0] == f"Ana Lima (#{anas['Northwind Analytics']})"
    assert {row["name"] for row in netlog.json("list")} >= {"Ana Lima"} and "name_shared" not in netlog.json("list")[0]
    netlog("merge", f"#{anas['Northwind Analytics']}", f"#{anas['Adventure Works']}", "--yes")  # one left: no number
    assert netlog("list").stdout.splitlines()[0].split("\t")[0] == "Ana Lima"


def test_an_import_that_only_changes_case_changes_nothing(netlog, tmp_path):
    """A phone's card "ORG:adventure works" replaced LinkedIn's "Adventure Works" and counted as an update."""
    netlog("import", "linkedin", str(CONNECTIONS))
    anas = _anas(netlog)
    card = _card(tmp_path / "ana.vcf", "FN:Ana Lima", "ORG:adventure works", "TITLE:DESIGNER")
    done = netlog("import", "vcard", card)
    assert "0 new, 0 updated, 1 unchanged" in done.stderr + done.stdout
    shown = netlog.json("show", f"#{anas['Adventure Works']}")
    assert (shown["company"], shown["title"]) == ("Adventure Works", "Designer")
    grown = _card(tmp_path / "ana2.vcf", "FN:Ana Lima", "ORG:ADVENTURE WORKS", "TITLE:Lead Designer")
    assert "0 new, 1 updated" in (lambda r: r.stderr + r.stdout)(netlog("import", "vcard", grown))
    shown = netlog.json("show", f"#{anas['Adventure Works']}")
    assert (shown["company"], shown["title"]) == ("Adventure Works", "Lead Designer")  # a real change still lands


def test_csv_keeps_phone_numbers_and_still_guards_formulas(netlog, tmp_path):
    """CSV export wrote +351912345678 as '+351912345678: the formula guard (OWASP's leading ') hit every
    phone in E.164. A phone column's numbers (digits and punctuation: no function, no cell) stay as they are;
    anything else that starts like a formula, in any column, is still guarded."""
    import csv
    import io

    netlog("import", "linkedin", str(CONNECTIONS))
    netlog("edit", "Ben Okafor", "--phone", "+351912345678", "--add-phone", "+44 (20) 7946-0958")
    netlog("add", "Eve Hacker", "--phone", "+1+HYPERLINK(\"http://x.example\")", "--company", "+SUM(1,2)", "--title", "-2+3")
    netlog("edit", "Eve Hacker", "--add-phone", "+351 912 000 111", "--add-phone", "=1+1")
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(netlog("export", "csv").stdout))}
    assert (rows["Ben Okafor"]["phone"], rows["Ben Okafor"]["phones"]) == ("+351912345678", "+351912345678; +44 (20) 7946-0958")
    eve = rows["Eve Hacker"]
    assert eve["phone"] == "'+1+HYPERLINK(\"http://x.example\")" and eve["phones"].startswith("'+1+HYPERLINK")
    assert (eve["company"], eve["title"]) == ("'+SUM(1,2)", "'-2+3")  # free text: a leading + or - is guarded as before


def test_a_linkedin_connection_is_dated_by_its_touch_and_added_on_the_import_day(netlog, tmp_path):
    """The walk asked whether created_on should be LinkedIn's Connected On. It stays the day the contact came
    into netlog (as `add --on` keeps it), because everything that asks since when you know someone reads the
    `connected` touch: a 2018 connection is a dormant tie dated 2018, never "in your contacts since" today.
    (A pin of what the rules already do: it passed before; docs/formats.md now says it.)"""
    lines = CONNECTIONS.read_text(encoding="utf-8").splitlines()
    ivan = tmp_path / "Connections.csv"
    ivan.write_text("\n".join(lines[:4] + [line for line in lines if line.startswith("Ivan,")]) + "\n", encoding="utf-8")
    netlog("import", "linkedin", str(ivan))
    shown = netlog.json("show", "Ivan")
    assert shown["created_on"] == "2026-11-23" and [(t["kind"], t["date"]) for t in shown["touches"]] == [("connected", "2018-12-11")]
    [item] = netlog.json("due")
    assert item["reason"].startswith("Reconnect with Ivan — connected on LinkedIn on Tue 11 Dec 2018 and not in touch since")


def test_a_khard_card_without_n_goes_back_unchanged(netlog, tmp_path):
    """Exported back into the folder it came from, each 3.0 card without N (khard's issue249, photov3,
    tel-value-uri) gained N:;Foo Bar;;; (the whole name as a given name) and counted as updated: six
    updated cards where only the three UID-less ones needed a UID. khard reads a card without N by its FN."""
    import shutil

    folder = tmp_path / "khard"
    shutil.copytree(SHARED_DATA / "vcards-khard", folder)
    netlog("import", "vcard", str(folder))
    done = netlog("export", "vcard", "--vdir", str(folder))
    assert ": 0 new, 3 updated, 16 unchanged." in done.stderr + done.stdout  # the three UIDs given, nothing else
    for file in ("issue249.vcf", "photov3.vcf", "tel-value-uri.vcf", "post.vcf", "text-bday.vcf"):
        assert (folder / file).read_bytes() == (SHARED_DATA / "vcards-khard" / file).read_bytes(), file
    # ADR;TYPE=home and BDAY;VALUE=text:circa 1800 stay in the card the folder keeps (docs/formats.md says
    # what a single-file export cannot keep of them: netlog stores no address label and no text birthday)
    assert "ADR;TYPE=home:" in (folder / "post.vcf").read_text(encoding="utf-8")
    assert "BDAY;VALUE=text:circa 1800" in (folder / "text-bday.vcf").read_text(encoding="utf-8")


def test_due_names_two_people_of_one_name_by_their_number(netlog):
    """`due` listed "Reconnect with Ana Lima" twice, and `done "Ana Lima"` could not say which: the number, as
    `list` and the ambiguous-name error give it, goes with a name another contact has too."""
    netlog("import", "linkedin", str(CONNECTIONS))
    anas = _anas(netlog)
    lines = netlog("due", "--reconnect", "20").stdout.splitlines()
    for company, number in anas.items():
        [line] = [line for line in lines if f"Ana Lima (#{number})" in line]
        assert line.split("] ", 1)[1].startswith(f"Reconnect with Ana Lima (#{number}) — connected on LinkedIn")
    assert sum("(#" in line for line in lines) == 2 and any("Reconnect with Ben — " in line for line in lines)
    assert {i["contact"] for i in netlog.json("due", "--reconnect", "20")} >= {"Ana Lima"}  # --json as before
    number = anas["Adventure Works"]
    netlog("done", f"#{number}", "keep-in-touch")
    assert not any(f"(#{number})" in line for line in netlog("due", "--reconnect", "20").stdout.splitlines())


def test_linkedins_first_and_last_name_are_the_cards_n(netlog, tmp_path):
    """LinkedIn gives First Name and Last Name apart; the import joined them and kept no split, so a vCard
    export wrote N:;Ana Lima;;; (the whole name as a given name). They are the structured name (as Google's
    columns are), a card that says more keeps its N, and the round trip changes nothing."""
    netlog("import", "linkedin", str(CONNECTIONS))
    cards = netlog("export", "vcard").stdout
    assert "N:Lima;Ana;;;" in cards and "N:Ó Súilleabháin;Dara;;;" in cards and "N:;Fatima;;;" in cards
    assert "N:;Ana Lima;;;" not in cards
    exported = tmp_path / "all.vcf"
    exported.write_text(cards, encoding="utf-8")
    assert "0 new, 0 updated, 10 unchanged" in (lambda r: r.stderr + r.stdout)(netlog("import", "vcard", str(exported)))
    fuller = _card(tmp_path / "dara.vcf", "FN:Dara Ó Súilleabháin", "N:Ó Súilleabháin;Dara;Máire;Dr.;")
    assert "0 new, 1 updated" in (lambda r: r.stderr + r.stdout)(netlog("import", "vcard", fuller))
    again = netlog("import", "linkedin", str(CONNECTIONS))
    assert "0 new, 0 updated, 10 unchanged" in again.stderr + again.stdout  # LinkedIn's two parts say less
    assert "N:Ó Súilleabháin;Dara;Máire;Dr.;" in netlog("export", "vcard").stdout
