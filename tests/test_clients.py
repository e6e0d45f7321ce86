"""The real clients netlog is paired with, on what netlog writes: khard reads the --vdir export and finds
every contact with its name, email, phone, organisation and birthday; khal imports `export ics --as
events` and lists each follow-up on its day, and a later export moves an item instead of adding a second.

khard and khal are Debian packages (.ci/run installs them). Without them these tests skip, saying so;
in CI (CI set) they fail instead. Each runs with HOME and the XDG folders under tmp_path and its own
config file, so no real address book or calendar is read or touched."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES

from netlog.vcard import cards


def client(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it: apt-get install -y {name})")
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return path


def run(tmp_path: Path, *command: str) -> str:
    home = tmp_path / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"), "TZ": "UTC",
    }  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, f"{command} exited {done.returncode}: {done.stderr}"
    return done.stdout


KHARD_FIELDS = "uid,name,first_name,last_name,emails,phone_numbers,organisations,birthday,kind"


def khard_rows(tmp_path: Path, config: Path, book: str) -> dict[str, dict]:
    out = run(tmp_path, client("khard"), "-c", str(config), "list", "-a", book, "-p", "-F", KHARD_FIELDS)
    rows = {}
    for line in out.splitlines():
        cells = dict(zip(KHARD_FIELDS.split(","), line.split("\t")))
        for key in ("emails", "phone_numbers", "organisations"):
            cells[key] = ast.literal_eval(cells[key]) if cells[key] else None
        rows[cells["uid"]] = cells
    return rows


def test_khard_finds_every_exported_contact(netlog, tmp_path):
    client("khard")  # skip (or fail in CI) before any work when it is missing
    netlog("import", "vcard", str(FIXTURES / "vdir"))
    netlog("add", "Zed Quinn", "--email", "zed@example.org", "--company", "Globex")
    netlog("edit", "Zed Quinn", "--birthday", "1985-07-01")
    books = {"v3": "3.0", "v4": "4.0"}
    for book, version in books.items():
        netlog("export", "vcard", "--vdir", str(tmp_path / book), "--version", version)
        zed = next(c["uid"] for c in json.loads(netlog("export", "json").stdout)["contacts"] if c["name"] == "Zed Quinn")
        # and two cards of the pure layer's fields the database cannot store yet: KIND:org, a known N
        for record in ({"id": 90, "uid": "pure-org", "name": "Initech Labs", "company": "Initech Labs", "kind": "org"},
                       {"id": 91, "uid": "pure-n", "name": "Wile E. Coyote", "n": ("Coyote", "Wile", "E.", "", "")}):  # fmt: skip
            (tmp_path / book / f"{record['uid']}.vcf").write_text(cards.build_card({"tags": [], **record}, version))
    config = tmp_path / "khard.conf"
    config.write_text(
        "[addressbooks]\n" + "".join(f"[[{b}]]\npath = {tmp_path / b}\n" for b in books) + "[general]\ndefault_action = list\n"
    )
    for book in books:
        rows = khard_rows(tmp_path, config, book)
        assert set(rows) == {"5E2D7C8A-0F4B-4C3E-9A2B-1D3E4F5A6B7C", "urn:uuid:3f1c2a9e-8b7d-4c6e-a5f4-0e1d2c3b4a59",
                             "https://dav.example/people/42?x=1", "upper-case-extension", zed,
                             "pure-org", "pure-n"}, book  # fmt: skip
        wile = rows["5E2D7C8A-0F4B-4C3E-9A2B-1D3E4F5A6B7C"]
        assert wile["name"] == "Wile E. Coyote" and wile["emails"] == {"other": ["wile@acme.example"], "home": ["wile@home.example"]}  # every address, labelled (issue 22)
        assert wile["phone_numbers"] == {"cell": ["+1 555 0100"], "work": ["+1 555 0199"]} and wile["organisations"] == [["ACME Inc."]]  # the unit is the title (issue 23)
        assert wile["birthday"] == "1990-03-14 00:00:00"
        dara = rows["https://dav.example/people/42?x=1"]
        assert dara["name"] == "Dara Ó Súilleabháin" and dara["last_name"] == "Ó Súilleabháin"  # the card's N, kept
        assert rows[zed]["last_name"] == ""  # a name typed in netlog: no family name guessed
        assert dara["birthday"] == "1900-03-14 00:00:00"  # khard's way to say "no year": --0314 read in 3.0 too
        assert rows[zed]["organisations"] == [["Globex"]] and rows[zed]["birthday"] == "1985-07-01 00:00:00"
        assert rows["upper-case-extension"]["phone_numbers"] == {"voice": ["+43 1 0000"]}
        assert rows["pure-org"]["kind"] == "organisation" and rows["pure-n"]["last_name"] == "Coyote"
        assert rows["pure-n"]["first_name"] == "Wile"


def test_khal_shows_the_follow_ups_on_their_days_and_a_later_export_moves_them(netlog, tmp_path, monkeypatch):
    khal = client("khal")
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[netlog]]\npath = {calendar}\ntype = calendar\n[sqlite]\npath = {tmp_path / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n[default]\ndefault_calendar = netlog\n"
    )
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    netlog("edit", "Ana Lima", "--birthday", "11-29")
    for today in ("2026-11-23", "2026-11-24"):  # the second import updates the same events
        monkeypatch.setenv("NETLOG_TODAY", today)
        (tmp_path / "followups.ics").write_text(netlog("export", "ics", "--days", "7", "--as", "events").stdout)
        run(tmp_path, khal, "-c", str(config), "import", "--batch", str(tmp_path / "followups.ics"))
    listed = run(tmp_path, khal, "-c", str(config), "list", "--format", "{start-date}|{title}", "--day-format", "", "2026-11-23", "8d")
    assert listed.splitlines() == ["2026-11-24|Thank Ana Lima", "2026-11-26|Keep in touch with Ana Lima"]
