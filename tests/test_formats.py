"""Import and export through the real CLI: every sample reads, round trips keep everything, re-imports
change nothing, dry runs write nothing, and bad files fail with one line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED_DATA

LINKEDIN_SAMPLE = SHARED_DATA / "linkedin" / "Connections.csv"
VCARD_SAMPLES = SHARED_DATA / "vcards-khard"


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1]


def contacts(netlog) -> list[dict]:
    return netlog.json("list")


# LinkedIn


def test_linkedin_fixture_imports_as_acquaintances_met_on_connection_day(netlog):
    result = netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"), "--tag", "li")
    assert summary(result) == "Imported: 4 new, 0 updated, 0 unchanged, 0 skipped."
    people = {(c["name"], c["last_touch"]) for c in contacts(netlog)}
    assert ("Ana Lima", "2026-11-14") in people and ("Ana Lima", "2021-08-09") in people  # told apart by URL
    assert ("Fatima", "2023-03-19") in people
    assert all(c["strength"] == "acquaintance" and c["tags"] == ["li"] for c in contacts(netlog))
    assert any(c["title"] == 'Coach "Career"' for c in contacts(netlog))


def test_reimport_changes_nothing(netlog):
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    before = netlog("export", "json").stdout
    again = netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    assert summary(again) == "Imported: 0 new, 0 updated, 4 unchanged, 0 skipped."
    assert netlog("export", "json").stdout == before


def test_dry_run_writes_nothing(netlog):
    result = netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"), "--dry-run")
    assert summary(result) == "Dry run, nothing written: 4 new, 0 updated, 0 unchanged, 0 skipped."
    assert contacts(netlog) == []


@pytest.mark.skipif(not LINKEDIN_SAMPLE.exists(), reason="shared sample not present")
def test_shared_linkedin_sample_imports(netlog):
    result = netlog("import", "linkedin", str(LINKEDIN_SAMPLE))
    assert "0 skipped" in summary(result)
    names = [c["name"] for c in contacts(netlog)]
    assert names.count("Ana Lima") == 2 and "Fatima" in names and "Dara Ó Súilleabháin" in names
    again = netlog("import", "linkedin", str(LINKEDIN_SAMPLE))
    assert summary(again).startswith("Imported: 0 new, 0 updated,")


def test_ten_thousand_linkedin_rows_import(netlog, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        from linkedin_rows import write
    finally:
        sys.path.pop(0)
    big = tmp_path / "big.csv"
    with open(big, "w", encoding="utf-8", newline="") as out:
        write(10_000, out)
    result = netlog("import", "linkedin", str(big))
    assert summary(result) == "Imported: 10000 new, 0 updated, 0 unchanged, 0 skipped."
    assert len(contacts(netlog)) == 10_000


def test_wrong_format_is_one_line_and_exit_1(netlog):
    result = netlog("import", "linkedin", str(FIXTURES / "cards.vcf"), ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "not a LinkedIn Connections.csv" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    missing = netlog("import", "json", "/nonexistent/x.json", ok=False)
    assert missing.exit_code == 1 and "Cannot read" in missing.stderr
    unknown = netlog("import", "outlook", "x", ok=False)
    assert unknown.exit_code == 1 and "Unknown import format" in unknown.stderr


# vCard


def test_vcards_including_21_quoted_printable_and_a_broken_file(netlog):
    files = [str(FIXTURES / name) for name in ("cards.vcf", "phone21.vcf", "broken.vcf")]
    result = netlog("import", "vcard", *files)
    assert "broken.vcf: not a readable vCard file" in result.stderr
    assert summary(result) == "Imported: 3 new, 0 updated, 0 unchanged, 0 skipped."
    juergen = netlog.json("show", "Jürgen Müller")
    assert "soft line break" in json.dumps(juergen, ensure_ascii=False)
    kim = [c for c in contacts(netlog) if c["name"] == "Kim Park"][0]
    assert kim["tags"] == ["friends", "work"] and kim["company"] == "Globex"
    again = netlog("import", "vcard", *files)
    assert summary(again) == "Imported: 0 new, 0 updated, 3 unchanged, 0 skipped."


@pytest.mark.skipif(not VCARD_SAMPLES.exists(), reason="shared samples not present")
def test_shared_vcard_samples_import(netlog):
    result = netlog("import", "vcard", str(VCARD_SAMPLES))
    assert "unparsable.vcf" in result.stderr
    assert 'the birthday "circa 1800" is not a date' in result.stderr  # text-bday.vcf: left out, counted
    readable = len(list(VCARD_SAMPLES.glob("*.vcf"))) - 1
    assert summary(result) == f"Imported: {readable} new, 0 updated, 0 unchanged, 0 skipped, 1 bad line."
    names = {c["name"] for c in contacts(netlog)}
    assert {"최유림", "Michael Smith", "ACME Inc.", "bug 195"} <= names


def test_vcard_export_reads_back_with_vobject(netlog):
    import vobject

    netlog("import", "vcard", str(FIXTURES / "cards.vcf"), str(FIXTURES / "phone21.vcf"))
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    for version in ("3.0", "4.0"):
        text = netlog("export", "vcard", "--version", version).stdout
        cards = list(vobject.readComponents(text))
        assert len(cards) == 7 and {c.version.value for c in cards} == {version}
        by_name = {c.fn.value: c for c in cards}
        assert by_name["Kim Park"].email.value == "kim@example.com"
        assert by_name["Jürgen Müller"].tel.value == "+49 170 0000000"
        assert by_name["Élodie Martin"].title.value == "CTO 🚀"
    # and netlog reads its own cards back as the same people
    out = netlog("export", "vcard").stdout
    again = netlog("import", "vcard", "-", input=out)
    assert summary(again) == "Imported: 0 new, 0 updated, 7 unchanged, 0 skipped."


# Google


def test_google_csv_with_bom_multivalues_and_multiline_notes(netlog):
    result = netlog("import", "google", str(FIXTURES / "google.csv"), str(FIXTURES / "google-old.csv"))
    assert summary(result) == "Imported: 4 new, 0 updated, 0 unchanged, 0 skipped."
    people = {c["name"]: c for c in contacts(netlog)}
    assert people["Bo Chen"]["email"] == "bo@contoso.com" and people["Bo Chen"]["tags"] == ["friends", "pycon"]
    assert people["Eve Stone"]["company"] == "Initech" and people["Eve Stone"]["tags"] == ["book club"]
    assert "Dana J. Ruiz" in people
    assert "Likes climbing." in json.dumps(netlog.json("show", "Bo Chen"))


# JSON


def test_json_round_trip_reproduces_everything(netlog, tmp_path):
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    netlog("add", "Zed Quinn", "--on", "2026-11-20", "--tag", "pycon", "--every", "3w", "--note", "runs a meetup")
    netlog("log", "Zed", "intro", "--to", "Yan Park", "--on", "2026-11-21")
    netlog("log", "Zed", "email", "--on", "2026-11-01")
    netlog("snooze", "Élodie", "--until", "2026-12-24")
    netlog("done", "Fatima", "keep-in-touch")
    exported = netlog("export", "json").stdout
    document = json.loads(exported)
    assert document["format"] == "netlog" and document["version"] == 3

    other = tmp_path / "other.db"
    netlog("--db", str(other), "import", "json", "-", input=exported)
    assert netlog("--db", str(other), "export", "json").stdout == exported
    assert netlog("--db", str(other), "due", "--json").stdout == netlog("due", "--json").stdout
    again = netlog("--db", str(other), "import", "json", "-", input=exported)
    assert "0 new, 0 updated" in summary(again)


def test_json_import_rejects_other_json(netlog, tmp_path):
    other = tmp_path / "x.json"
    other.write_text('{"hello": 1}')
    result = netlog("import", "json", str(other), ok=False)
    assert result.exit_code == 1 and "not a netlog JSON export" in result.stderr


# ics and csv


def test_ics_lists_due_follow_ups_as_todos(netlog):
    import icalendar

    netlog("add", "Ana Lima", "--on", "2026-11-20")
    netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"))
    calendar = icalendar.Calendar.from_ical(netlog("export", "ics", "--days", "30").stdout)
    todos = list(calendar.walk("VTODO"))
    assert todos and all(t.get("due") and str(t.get("uid")).startswith("netlog-") for t in todos)
    assert any("Ana Lima" in str(t.get("summary")) for t in todos)


def test_csv_neutralises_formulas(netlog, tmp_path):
    netlog("add", "=cmd|' /C calc'!A0", "--company", "+SUM(1,2)", "--title", "@evil", "--email", "-1@x")
    netlog("add", "Plain Person", "--company", "Acme")
    netlog("export", "csv", "-o", str(tmp_path / "out.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    evil = [r for r in rows if "cmd" in r["name"]][0]
    assert evil["name"].startswith("'=") and evil["company"] == "'+SUM(1,2)"
    assert evil["title"] == "'@evil" and evil["email"] == "'-1@x"
    plain = [r for r in rows if r["name"] == "Plain Person"][0]
    assert plain["company"] == "Acme" and plain["next_due"] and plain["last_touch"] == "2026-11-23"


def test_help_does_not_import_heavy_libraries():
    code = "import sys; from netlog.cli import main; sys.argv=['netlog','--help'];\ntry: main()\nexcept SystemExit: pass\nprint(sorted(m for m in ('vobject','icalendar','sqlalchemy','csv') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_bad_line_inside_a_good_card_is_skipped_and_counted(netlog):
    result = netlog("import", "vcard", str(FIXTURES / "badline.vcf"))
    assert "that line was skipped" in result.stderr and "vobject" not in result.stderr
    assert summary(result) == "Imported: 2 new, 0 updated, 0 unchanged, 0 skipped, 1 bad line."
    assert {c["email"] for c in contacts(netlog)} == {"good@example.com", None}
