"""`export csv`: every fact a spreadsheet needs, sorted by name with case and accents ignored, and an
--excel flavour (byte order mark, CRLF) that Excel opens with its accents intact."""

from __future__ import annotations

import csv
import io

from conftest import FIXTURES

from netlog.exporters import csvout


def test_csv_has_phone_url_birthday_and_note_and_sorts_by_folded_name(netlog, tmp_path):
    netlog("import", "vcard", str(FIXTURES / "cards.vcf"))  # Lee Roy: tel:+1-555-0199, BDAY:19800101
    for name in ("zed quinn", "Émile Zola", "emile Abel", "Ana Lima"):
        netlog("add", name)
    netlog("edit", "Ana Lima", "--note", "likes climbing,\nand tea", "--birthday", "03-14")
    out = tmp_path / "out.csv"
    netlog("export", "csv", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == ["Ana Lima", "emile Abel", "Émile Zola", "Kim Park", "Lee Roy", "zed quinn"]
    lee = rows[4]
    assert lee["phone"] == "+1-555-0199" and lee["birthday"] == "1980-01-01"  # a phone number: as it is (test_walk)
    assert rows[0]["note"] == "likes climbing,\nand tea" and rows[0]["birthday"] == "03-14"
    assert list(rows[0]) == list(csvout.COLUMNS)
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" not in out.read_bytes()


def test_excel_flavour_has_a_byte_order_mark_and_crlf(netlog, tmp_path):
    netlog("add", "Jürgen Müller", "--company", "Café Zoë")
    netlog("edit", "Jürgen", "--note", "two\nlines")
    out = tmp_path / "excel.csv"
    netlog("export", "csv", "--excel", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfname,email,phone,")
    assert data.count(b"\r\n") == 2 and b"two\nlines" in data  # rows end in CRLF; a line break inside a cell stays
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert row["name"] == "Jürgen Müller" and row["company"] == "Café Zoë" and row["note"] == "two\nlines"


def test_csv_text_is_pure():
    text = csvout.csv_text([{"id": 1, "name": "b", "tags": ["x", "y"]}, {"id": 2, "name": "A", "email": "=1+1"}])
    assert text.splitlines()[1:] == ["A,'=1+1,,,,,,,,,,,,,,,,,,", "b,,,,,,,,\"x, y\",,,,,,,,,,,"]  # emails ... url_labels last


def test_every_address_keeps_its_label_in_the_csv(netlog, tmp_path):
    """Issue 22: every email, phone and URL "with their TYPE labels ... exported to every card, JSON and CSV".
    The CSV had the addresses but not one label: Alba's work, home and alumni addresses were three bare
    addresses. `email_labels`, `phone_labels` and `url_labels` give each one's label, in the same order,
    joined by "; " (empty where it has none)."""
    netlog("import", "vcard", str(FIXTURES / "dav" / "4B1C6E0A-7D2F-4E8B-9C3A-5F6D7E8A9B0C.vcf"))
    netlog("edit", "Alba", "--add-url", "https://alba.example")
    [row] = list(csv.DictReader(io.StringIO(netlog("export", "csv").stdout)))
    assert row["emails"] == "alba.ortega@contoso.example; alba@ortega.example; alba.ortega@alumni.example"
    assert row["email_labels"] == "work; home; alumni"
    assert row["phones"] == "+34 612 345 678; +34 91 123 45 67" and row["phone_labels"] == "cell; work"
    assert row["urls"] == "https://alba.example" and row["url_labels"] == ""
    shown = netlog.json("show", "Alba")
    for kind in ("email", "phone", "url"):
        assert row[f"{kind}_labels"].split("; ") == [e["label"] or "" for e in shown[f"{kind}s"]]
