"""What the fuzz (tests/test_fuzz*.py) found, each as a plain test that failed before its fix."""

from __future__ import annotations

import json

import pytest


def one_line(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netlog: "), result.stderr
    return lines[0]


def clean_run(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    if result.exit_code in (1, 2):  # a usage error (exit 2) is one line too
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("netlog: "), result.stderr
    return result


# Bytes that are not UTF-8 in an argument (a Latin-1 terminal, a mangled paste) reach Python's argv as
# surrogate escapes, and SQLite and PostgreSQL refuse to encode them: they are cleaned like any control
# character, on the way in and in a lookup alike.
NOT_UTF8 = b"Bo\xff".decode("utf-8", "surrogateescape")


@pytest.mark.parametrize(
    "args",
    [["show", NOT_UTF8], ["log", NOT_UTF8, "call"], ["add", NOT_UTF8], ["add", "Cy Ng", "--tag", NOT_UTF8],
     ["list", "--tag", NOT_UTF8], ["edit", "Ana", "--untag", NOT_UTF8], ["edit", "Ana", "--tag", NOT_UTF8],
     ["import", "json", "-", "--tag", NOT_UTF8]],
)  # fmt: skip
def test_bytes_that_are_not_utf8_in_an_argument_are_no_traceback(netlog, args):
    netlog("add", "Ana Lima", "--tag", "pycon")
    clean_run(netlog(*args, input=netlog("export", "json").stdout, ok=False))
    netlog("list")


def test_a_name_or_tag_that_is_not_utf8_is_stored_cleaned(netlog):
    netlog("add", "Ana Lima", "--tag", b"py\xffcon".decode("utf-8", "surrogateescape"))
    assert netlog.json("show", b"Ana\xff Lima".decode("utf-8", "surrogateescape"))["tags"] == ["pycon"]


# --db, and backup FILE


def test_a_database_path_too_long_for_the_system_is_one_line(netlog, tmp_path):
    line = one_line(netlog("--db", str(tmp_path / ("x" * 300)), "list", ok=False))
    assert "too long" in line.lower()


@pytest.mark.sqlite_only
def test_a_backup_writes_through_a_symlink_and_never_replaces_what_is_not_a_file(netlog, db_path, tmp_path):
    import os

    netlog("add", "Ana Lima")
    real = tmp_path / "real.db"
    real.write_text("old")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    netlog("backup", str(link))
    assert link.is_symlink() and real.read_bytes().startswith(b"SQLite format 3\x00")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line(netlog("backup", str(fifo), ok=False))
    assert fifo.is_fifo()
    assert "too long" in one_line(netlog("backup", str(tmp_path / ("x" * 300)), ok=False)).lower()


# files an importer is given


HUGE = "A" * 200_000  # over the csv module's field limit (131,072 characters)


def _google_with_a_huge_field() -> str:
    from conftest import FIXTURES

    lines = (FIXTURES / "google.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",", "," + HUGE, 1)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "format, content",
    [
        ("linkedin", f"First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,{HUGE},u,,Acme,Eng,14 Nov 2026\n"),
        ("google", _google_with_a_huge_field()),
        ("linkedin-messages", "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE\n"
                              f"c1,{HUGE},u,Kim,v,2026-11-01 10:00:00 UTC\n"),
    ],
)
def test_a_csv_field_over_the_csv_modules_limit_is_one_line(netlog, tmp_path, format, content):
    netlog("me", "--email", "kim@example.org")
    before = netlog("export", "json").stdout
    path = tmp_path / "input.csv"
    path.write_text(content, encoding="utf-8")
    assert f"{path}:2" in one_line(netlog("import", format, str(path), ok=False))
    assert netlog("export", "json").stdout == before


def test_a_telegram_export_nested_deeper_than_python_reads_is_one_line(netlog, tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{"chats": {"list": [{"messages": [' + "[" * 100_000 + "]" * 100_000 + "]}]}}")
    assert "nests deeper" in one_line(netlog("import", "telegram", str(path), "--me", "Kim", ok=False))


def _telegram(change) -> str:
    import json

    from conftest import FIXTURES

    export = json.loads((FIXTURES / "touches" / "result.json").read_text(encoding="utf-8"))
    change(export)
    return json.dumps(export)


def _set(*path_and_value):
    *path, value = path_and_value

    def change(export):
        here = export
        for key in path[:-1]:
            here = here[key]
        here[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "change",
    [
        _set("personal_information", "Kim"),
        _set("contacts", ["Noor"]),
        _set("contacts", "list", ["Noor", 7]),
        _set("contacts", "list", 0, "phone_number", 351912000111),
        _set("chats", "list", 7),
        _set("chats", "list", 0, "messages", "hello"),
        _set("chats", "list", 0, "messages", {"id": 1}),
        _set("chats", "list", 0, "type", ["personal_chat"]),
        _set("chats", "list", 0, "name", 42),
        _set("chats", "list", 0, "messages", 0, "date_unixtime", "99999999999999999"),
        _set("chats", "list", 0, "messages", 0, "date_unixtime", "--5"),
        _set("chats", "list", 0, "messages", 0, "date_unixtime", "-62135596800"),
        _set("chats", "list", 0, "messages", 0, "date_unixtime", "253402300799"),
    ],
)
def test_a_telegram_export_with_a_value_of_the_wrong_type_is_no_traceback(netlog, tmp_path, change):
    path = tmp_path / "result.json"
    path.write_text(_telegram(change), encoding="utf-8")
    clean_run(netlog("import", "telegram", str(path), "--me", "Kim Oduya", ok=False))


@pytest.fixture
def new_york(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_moment_on_datetimes_first_day_in_a_zone_west_of_utc_is_no_traceback(netlog, tmp_path, new_york):
    path = tmp_path / "result.json"
    path.write_text(_telegram(_set("chats", "list", 0, "messages", 0, "date_unixtime", "-62135596800")), encoding="utf-8")
    clean_run(netlog("import", "telegram", str(path), "--me", "Kim Oduya", ok=False))
    mbox = tmp_path / "old.mbox"
    mbox.write_bytes(b"From kim@example.org Mon Jan  1 00:00:00 0001\nFrom: Noor <noor@haddad.example>\n"
                     b"To: kim@example.org\nDate: Mon, 1 Jan 0001 00:00:00 +0000\nMessage-ID: <a@b>\n\nhi\n")  # fmt: skip
    clean_run(netlog("import", "mail", str(mbox), "--me", "kim@example.org", ok=False))


# digits str.isdigit() accepts and int() refuses ("²", or more than 4,300 of them)


@pytest.mark.parametrize(
    "args, env",
    [
        (["show", "#²"], {}), (["intro", "#²", "Ana"], {}), (["add", "Bo", "--strength", "²"], {}),
        (["add", "Bo", "--strength", "9" * 5_000], {}), (["due"], {"NETLOG_RECONNECT": "²"}),
        (["digest"], {"NETLOG_RECONNECT": "9" * 5_000}),
    ],
)  # fmt: skip
def test_digits_int_cannot_read_are_one_line(netlog, monkeypatch, args, env):
    netlog("add", "Ana Lima")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    one_line(netlog(*args, ok=False))


def test_a_maildir_file_named_with_odd_digits_is_no_traceback(netlog, tmp_path):
    from conftest import FIXTURES

    message = next((FIXTURES / "touches" / "maildir" / "cur").glob("1788391800*")).read_bytes()
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    # A message without a Date falls back on its file name's delivery time.
    headers, _, body = message.partition(b"\n\n")
    undated = b"\n".join(line for line in headers.split(b"\n") if not line.lower().startswith(b"date:")) + b"\n\n" + body
    for name in ("²²²².M1P1Q1.host:2,S", "9" * 30 + ".M2P1Q1.host:2,S", "9" * 12 + ".M3P1Q1.host:2,S"):
        (maildir / "cur" / name).write_bytes(undated)
    clean_run(netlog("import", "mail", str(maildir), "--me", "kim.oduya@example.org", ok=False))


def test_a_backup_with_odd_digits_for_a_number_is_one_line(netlog, tmp_path):
    from netlog.errors import BadInput
    from netlog.values import validation

    for typed in ("²", "9" * 5_000):
        with pytest.raises(BadInput):
            validation.check(validation.contact_fields({"strength": typed}))


# what a touch import stores passes the door, as every other write does


def stored_values_pass_the_door(netlog, tmp_path):
    from netlog.importers import jsonio

    path = tmp_path / "export.json"
    path.write_text(netlog("export", "json").stdout, encoding="utf-8")
    jsonio.read([str(path)])  # BadInput names the value the door refuses


def _mail(sender: str, date: str, message_id: str) -> bytes:
    return (f"From x Thu Nov 12 10:00:00 2026\nFrom: {sender}\nTo: kim.oduya@example.org\nDate: {date}\n"
            f"Message-ID: <{message_id}>\nSubject: hi\n\nhello\n\n").encode()  # fmt: skip


def test_a_touch_import_stores_no_value_the_door_refuses(netlog, tmp_path):
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example")
    messages = tmp_path / "messages.csv"
    messages.write_text(
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE\n"
        f"{'c' * 3_000},Noor Haddad,https://www.linkedin.com/in/noor,Kim,https://www.linkedin.com/in/kim,2026-11-01 10:00:00 UTC\n",
        encoding="utf-8",
    )
    clean_run(netlog("import", "linkedin-messages", str(messages), "--me", "https://www.linkedin.com/in/kim", ok=False))
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(
        _mail("Noor <noor@haddad.example>", "Mon, 1 Jan 1000 10:00:00 +0000", "old@x")
        + _mail("Noor <noor@haddad.example>", "Thu, 12 Nov 2026 10:00:00 +0000", "m" * 3_000 + "@x")
        + _mail(f"{'N' * 400} <someone@else.example>", "Thu, 12 Nov 2026 10:00:00 +0000", "new@x")
    )
    report = clean_run(netlog("import", "mail", str(mbox), "--me", "kim.oduya@example.org", "--add-new", "--json", ok=False))
    assert report.exit_code == 0
    stored_values_pass_the_door(netlog, tmp_path)
    assert [c["name"] for c in netlog.json("list")] == ["Noor Haddad"]


# dates: every typed date, and NETLOG_TODAY, within the door's range (1900 to 9999)


@pytest.mark.parametrize(
    "args",
    [["due", "--on", "0001-01-01"], ["log", "Ana", "call", "--on", "0001-01-01"], ["snooze", "Ana", "--until", "9999-12-31"],
     ["add", "Bo", "--on", "1899-12-31"], ["import", "mail", "-", "--since", "0001-01-01"]],
)  # fmt: skip
def test_a_typed_date_outside_the_doors_range_is_one_line(netlog, tmp_path, args):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    before = netlog("export", "json").stdout
    assert "out of range" in one_line(netlog(*args, ok=False))
    assert netlog("export", "json").stdout == before


def test_netlog_today_outside_the_doors_range_is_one_line(netlog, monkeypatch):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    monkeypatch.setenv("NETLOG_TODAY", "0001-01-01")
    assert "NETLOG_TODAY" in one_line(netlog("show", "Ana", ok=False))
    assert "NETLOG_TODAY" in one_line(netlog("due", ok=False))


@pytest.mark.parametrize("user", [NOT_UTF8, "\x1b[2Jeve", "x" * 5_000])
def test_netlog_user_is_checked_like_any_value_stored(netlog, tmp_path, monkeypatch, user):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    monkeypatch.setenv("NETLOG_USER", user)
    clean_run(netlog("log", "Ana", "call", ok=False))
    clean_run(netlog("due", "--mine", ok=False))
    stored_values_pass_the_door(netlog, tmp_path)


# the editor (thank --edit, draft --edit, edit --edit-note)


WRITES = "sh -c 'printf \"$NETLOG_FUZZ_TEXT\" > \"$0\"'"


@pytest.mark.parametrize("args", [["thank", "Ana", "--edit"], ["edit", "Ana", "--edit-note"]])
def test_an_editor_that_leaves_bytes_that_are_not_utf8_is_one_line(netlog, monkeypatch, args):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    before = netlog("export", "json").stdout
    monkeypatch.setenv("VISUAL", WRITES)
    monkeypatch.setenv("NETLOG_FUZZ_TEXT", "caf\\351\\n")  # printf writes the byte 0xE9: Latin-1, not UTF-8
    assert "UTF-8" in one_line(netlog(*args, ok=False))
    assert netlog("export", "json").stdout == before


@pytest.mark.parametrize("args", [["thank", "Ana", "--edit"], ["draft", "Ana", "--edit"], ["edit", "Ana", "--edit-note"]])
def test_an_unchanged_draft_or_note_is_the_one_line_of_an_error(netlog, monkeypatch, args):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    monkeypatch.setenv("VISUAL", "true")  # leaves the text as it was
    assert "Unchanged or empty" in one_line(netlog(*args, ok=False))


# export -o PATH


@pytest.mark.sqlite_only
def test_an_export_over_the_database_itself_is_refused(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    link = tmp_path / "link.json"
    link.symlink_to(db_path)
    for target in (db_path, link):
        assert "database itself" in one_line(netlog("export", "json", "-o", str(target), ok=False))
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


def test_an_export_to_a_name_too_long_for_the_system_is_one_line(netlog, tmp_path):
    netlog("add", "Ana Lima")
    assert "too long" in one_line(netlog("export", "json", "-o", str(tmp_path / ("x" * 300)), ok=False)).lower()


# a NUL byte in an argument: no shell can pass one (argv is C strings), but a program calling netlog can


@pytest.mark.parametrize(
    "args",
    [["backup", "a\x00b"], ["--db", "a\x00b", "list"], ["export", "json", "-o", "a\x00b"], ["import", "vcard", "a\x00b"],
     ["import", "mail", "a\x00b"], ["add", "Ana\x00 Lima"]],
)  # fmt: skip
def test_a_nul_byte_in_an_argument_is_one_line(netlog, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    assert "NUL" in one_line(netlog(*args, ok=False))


# a lone surrogate ("\ud800") in an argument, possible only from a program (the long fuzz profile found it in
# `backup out/\ud800`: a UnicodeEncodeError traceback from mkstemp); argv's own undecodable bytes still work


@pytest.mark.parametrize("args", [["backup", "out\ud800"], ["--db", "a\ud800.db", "list"], ["export", "json", "-o", "a\udfff"],
                                  ["add", "Ana\ud800 Lima"]])  # fmt: skip
def test_a_lone_surrogate_in_an_argument_is_one_line(netlog, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    assert "lone surrogate" in one_line(netlog(*args, ok=False))
    assert not list(tmp_path.iterdir())


def test_an_intro_note_goes_through_the_door(netlog):
    """intro --note was stored as typed: undecodable argv bytes were a UnicodeEncodeError traceback from
    SQLite (found by the long fuzz profile); control characters are dropped as in every other note."""
    netlog("add", "Bo Berg")
    netlog("add", "Cy Ng")
    netlog("intro", "Bo", "Cy", "--note", b"both \xff\x1b[2Jin search".decode("utf-8", "surrogateescape"))
    offers = json.loads(netlog("export", "json").stdout)["intro_offers"]
    assert [offer["note"] for offer in offers] == ["both [2Jin search"]


def test_path_prints_a_path_of_undecodable_bytes_as_those_bytes(netlog, tmp_path):
    """`--db out/\\xff path` was a UnicodeEncodeError traceback writing to stdout (the long fuzz profile)."""
    folder = tmp_path / b"out\xff".decode("utf-8", "surrogateescape")
    result = netlog("--db", str(folder / "netlog.db"), "path")
    assert result.stdout_bytes == bytes(tmp_path) + b"/out\xff/netlog.db\n"


def test_undecodable_argv_bytes_still_name_a_file(netlog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    netlog("add", "Ana Lima")
    netlog("export", "json", "-o", b"out\xff.json".decode("utf-8", "surrogateescape"))  # on every database, unlike backup
    assert (tmp_path / b"out\xff.json".decode("utf-8", "surrogateescape")).exists()


@pytest.mark.parametrize("format", ["linkedin", "vcard", "google", "json", "mail", "calendar", "linkedin-messages", "telegram", "whatsapp"])
def test_an_import_of_a_name_too_long_for_the_system_is_one_line(netlog, tmp_path, format):
    netlog("me", "--email", "kim@example.org", "--name", "Kim")
    assert "too long" in one_line(netlog("import", format, str(tmp_path / ("x" * 300)), ok=False)).lower()


# what the long run of the importers' fuzz found


@pytest.mark.parametrize("sender", ["=?utf-8?b?////x?= <noor@haddad.example>", "=?õtf-8?q?Noor?= <noor@haddad.example>"])
def test_a_broken_encoded_word_in_a_mail_header_is_no_traceback(netlog, tmp_path, sender):
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(_mail(sender, "Thu, 12 Nov 2026 10:00:00 +0000", "a@b"))
    assert clean_run(netlog("import", "mail", str(mbox), "--me", "kim.oduya@example.org", ok=False)).exit_code == 0


def test_a_vtimezone_with_its_tzid_twice_is_no_traceback(netlog, tmp_path):
    """icalendar raised AttributeError ('list' object has no attribute 'strip') learning such a zone."""
    ics = tmp_path / "calendar.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Custom Lisbon\r\nTZID:Custom Lisbon\r\n"
                    b"BEGIN:STANDARD\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\n"
                    b"END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:coffee@example\r\nDTSTART;TZID=Custom Lisbon:20261102T100000\r\n"
                    b"ORGANIZER;CN=Noor Haddad:mailto:noor@haddad.example\r\n"
                    b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:kim.oduya@example.org\r\nSUMMARY:Coffee\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example")
    assert clean_run(netlog("import", "calendar", str(ics), "--me", "kim.oduya@example.org", ok=False)).exit_code == 0
    assert len(netlog.json("show", "Noor")["touches"]) == 2  # the meeting added, besides the first one


def test_a_vcard_charset_with_a_nul_is_no_traceback(netlog, tmp_path):
    card = tmp_path / "card.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lima;Ana\r\nFN:Ana Lima\r\n"
                     b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=u\x00tf-8:caf=C3=A9\r\nEND:VCARD\r\n")  # fmt: skip
    assert clean_run(netlog("import", "vcard", str(card), ok=False)).exit_code == 0
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


def test_a_contact_import_stores_no_touch_the_door_refuses(netlog, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana,Lima,https://x/in/ana,,Acme,Engineer,07 Jul 0115\n", encoding="utf-8")  # fmt: skip
    result = clean_run(netlog("import", "linkedin", str(path), ok=False))
    assert result.exit_code == 0 and "out of range" in result.stderr
    stored_values_pass_the_door(netlog, tmp_path)
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]
