"""The defects a new user hit (issue 16): each through the real CLI, each failing before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES

GOOGLE_HEADER = "First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value,Birthday,Labels\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# imports


def test_import_tag_on_a_contact_that_has_no_tags(netlog, tmp_path):
    netlog("add", "Ana Lima", "--email", "ana@example.com", "--on", "2026-11-01")
    result = netlog("import", "linkedin", str(FIXTURES / "linkedin.csv"), "--tag", "T")
    assert "Traceback" not in result.stderr and result.exception is None
    ana = netlog.json("show", "#1")
    assert ana["tags"] == ["T"]
    google = write(tmp_path, "g.csv", GOOGLE_HEADER + "Ana,,Lima,,,ana@example.com,,* myContacts ::: work\n")
    netlog("import", "google", str(google))
    assert netlog.json("show", "#1")["tags"] == ["T", "work"]


def test_google_birthdays_that_are_not_dates_are_left_out_and_said(netlog, tmp_path):
    google = write(tmp_path, "g.csv", GOOGLE_HEADER + "Bo,,Chen,,,bo@example.com,1990-02-30,\nCy,,Ng,,,cy@example.com,--03-14,\n")
    result = netlog("import", "google", str(google))
    assert "1990-02-30" in result.stderr
    assert netlog.json("show", "Bo")["birthday"] is None
    assert netlog.json("show", "Cy")["birthday"] == "03-14"
    for args in (["due"], ["digest"], ["stats"], ["show", "Bo"], ["export", "ics"]):
        netlog(*args)  # nothing stored that a later command cannot read


def test_google_company_only_contact_cjk_names_and_row_numbers(netlog, tmp_path):
    google = write(
        tmp_path,
        "g.csv",
        GOOGLE_HEADER + ",,,Initech,,info@initech.example,,\n小龙,,李,,,bruce@example.cn,,\n,,,,,,,\n",
    )
    result = netlog("import", "google", str(google))
    names = {c["name"] for c in netlog.json("list")}
    assert names == {"Initech", "李小龙"}
    assert f"{google}:4" in result.stderr  # the blank row, by its line number


# exports


def test_export_to_a_folder_is_one_line_and_leaves_nothing(netlog, tmp_path):
    netlog("add", "Ana Lima")
    folder = tmp_path / "out"
    folder.mkdir()
    result = netlog("export", "vcard", "-o", str(folder) + "/", ok=False)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "folder" in result.stderr and "--vdir" in result.stderr
    assert list(folder.iterdir()) == [] and not [p for p in tmp_path.iterdir() if p.name.startswith(".netlog-export")]


# commands that succeeded silently


def test_snooze_into_the_past_is_refused(netlog):
    netlog("add", "Ana Lima")
    result = netlog("snooze", "Ana", "--until", "yesterday", ok=False)
    assert result.exit_code == 1 and "past" in result.stderr
    assert netlog.json("show", "Ana")["snoozed_until"] is None


def test_done_when_nothing_of_that_kind_is_due_says_so(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-20")  # a thank-you is due, no meeting is
    result = netlog("done", "Ana", "meet", ok=False)
    assert result.exit_code == 1 and "Nothing to dismiss" in result.stderr and "thank" in result.stderr
    netlog("done", "Ana", "thank")
    assert netlog.json("due") == []


def test_an_unknown_kind_gets_a_did_you_mean(netlog):
    netlog("add", "Ana Lima")
    result = netlog("log", "Ana", "emial", ok=False)
    assert result.exit_code == 1 and 'Did you mean: email?' in result.stderr
    result = netlog("done", "Ana", "thnak", ok=False)
    assert 'Did you mean: thank?' in result.stderr


def test_thank_edit_without_a_terminal_or_an_editor_is_refused(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = netlog("thank", "Ana", "--edit", ok=False)
    assert result.exit_code == 1 and "$VISUAL" in result.stderr and "vi" not in result.stderr.split("$VISUAL")[0]


# wording


def test_singular_and_plural_and_human_dates(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-01")
    netlog("add", "Bo Berg", "--on", "2026-11-01")
    netlog("log", "Ana", "favor-received", "--on", "2026-11-10")
    netlog("log", "Ana", "favor-given", "--on", "2026-11-11")
    netlog("log", "Ana", "favor-received", "--on", "2026-11-12")
    netlog("log", "Ana", "favor-received", "--on", "2026-11-13")
    shown = netlog("show", "Ana").stdout
    assert "1 favors" not in shown and "you did 1 favor for them, they did 3" in shown
    assert shown.count("(") - shown.count("(last") <= shown.count("\n")  # no "(...) (...)" pile-up
    assert "(a chance to give back) (" not in shown
    assert "known by" not in shown  # one person logs everything: no need to say who
    netlog("intro", "Ana", "Bo")
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    netlog("intro", "Ana", "Bo", "--yes-from", "Bo")
    sent = netlog("intro", "Ana", "Bo", "--sent")
    assert "2026-" not in sent.stderr and "sent today" in sent.stderr
    netlog("add", "Ana Lima", "--new", "--on", "2026-10-01")
    preview = netlog("merge", "#1", "#3", "--yes").stdout
    assert "created_on" not in preview


def test_known_by_shows_when_several_people_log(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "2026-11-01")
    monkeypatch.setenv("NETLOG_USER", "sam")
    netlog("log", "Ana", "call", "--on", "2026-11-10")
    assert "known by: sam" in netlog("show", "Ana").stdout


# stats


def test_stats_counts_intros_from_add_and_only_people_met(netlog):
    netlog("add", "Gus Berg", "--on", "2026-10-01")
    netlog("add", "Dara Ng", "--introduced-by", "Gus", "--on", "2026-10-05")  # met at once: add records a meeting
    netlog("log", "Gus", "intro", "--to", "Eli Park", "--on", "2026-10-06")  # introduced, not met yet
    intros = netlog.json("stats")["intros"]
    assert intros["received"] == 2
    assert intros["people_met_through_intros"] == 1


# tables on narrow terminals


@pytest.mark.parametrize("columns", [60, 80])
def test_tables_do_not_cut_words(netlog, columns, tmp_path):
    netlog("add", "Ana Lima", "--strength", "acquaintance", "--company", "Northwind Traders", "--on", "2026-11-20")
    netlog("add", "Bo Berg", "--strength", "acquaintance", "--on", "2025-01-01")
    code = (
        "import sys; from netlog.ui import render; render._rich = lambda: True; sys.argv = ['netlog', *sys.argv[1:]];"
        " from netlog.cli import main; main()"
    )
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40"}
    for command in ("list", "due"):
        out = subprocess.run([sys.executable, "-c", code, command], env=env, capture_output=True, text=True).stdout
        cells = [cell.strip() for line in out.splitlines() for cell in line.split("│")]
        for word in {"list": ("acquaintance", "warm", "cold"), "due": ("keep-in-touch", "thank")}[command]:
            assert word in cells, (command, word, out)  # whole, in a cell of its own
        for cell in cells:  # no word cut in two: a cell never ends in a word's beginning (an ellipsis may)
            for word in ("acquaintance", "Northwind", "Traders", "meeting", "within"):
                assert not any(cell.endswith(word[:k]) for k in range(3, len(word))), (command, cell, out)


# JSON backup


def test_json_backup_is_lossless(netlog, tmp_path):
    netlog("add", "Ana Lima", "--on", "2026-11-01", "--met-at", "PyCon")
    netlog("add", "Bo Berg", "--on", "2026-11-02")
    netlog("log", "Ana", "call", "--on", "2026-11-10")
    netlog("log", "Ana", "call", "--on", "2026-11-10")  # two of the same kind on the same day
    netlog("edit", "Ana", "--moment", "started at Contoso", "--birthday", "03-14")
    netlog("snooze", "Bo", "--until", "2026-12-01")
    netlog("done", "Ana", "thank")
    netlog("intro", "Ana", "Bo", "--note", "both in Lisbon")
    netlog("intro", "Ana", "Bo", "--yes-from", "Ana")
    first = netlog("export", "json").stdout
    due_before = netlog.json("due")
    backup = write(tmp_path, "backup.json", first)
    other = tmp_path / "restored.db"
    netlog("--db", str(other), "import", "json", str(backup))
    second = netlog("--db", str(other), "export", "json").stdout
    assert json.loads(second)["contacts"] == json.loads(first)["contacts"]
    assert json.loads(second)["intro_offers"] == json.loads(first)["intro_offers"]
    assert netlog.json("--db", str(other), "due") == due_before
    again = netlog("--db", str(other), "import", "json", str(backup))  # and re-importing adds nothing
    assert "0 new" in again.stderr
    assert json.loads(netlog("--db", str(other), "export", "json").stdout)["contacts"] == json.loads(first)["contacts"]
