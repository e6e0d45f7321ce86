"""What the outside attack of issue 27 found, one test per finding and sub-case, each through the CLI only (the
`netlog` fixture in process, or a real process where a hang, a kill or the process's own encoding matters).

Each test asserts what the issue asks for: one line on stderr starting `netlog: `, a non-zero exit, nothing
changed, no traceback, no output of a shell command, and an answer within seconds. A test of a defect that
exists today is marked `xfail(strict=True, reason="issue 27 #N: ...")`: the fix removes the mark. Plain tests
hold what already works (they guard the fixes of the rest).

A process that may hang runs with a timeout of HANG seconds and is then killed: a hang fails, it never
blocks the suite."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, SUITE_URL, TODAY

HELPERS = Path(__file__).parent / "helpers"
HANG = 10.0  # seconds: a command that answers at all answers in well under one (`netlog due`: 0.09 s here); a hang
# never answers. 3 s failed now and then on this 2-core machine at a load of 8 (a subprocess's start-up alone).
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


# What does not depend on the database (rendering a template, a reader's loop, the process's encoding or zone,
# parsing a URL) runs in the SQLite pass only: the PostgreSQL pass would repeat it, seconds for nothing.
once = pytest.mark.skipif(bool(SUITE_URL), reason="does not depend on the database; it runs in the SQLite pass")


def xfail(finding: int, why: str):
    return pytest.mark.xfail(strict=True, reason=f"issue 27 #{finding}: {why}")


# --- what the user sees -------------------------------------------------------------------------------------


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr[-2_000:]


def one_line(result) -> str:
    """Exit 1 and exactly one line on stderr, starting `netlog: `."""
    no_traceback(result)
    assert result.exit_code == 1, (result.exit_code, result.stdout[-500:], result.stderr[-2_000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netlog: "), result.stderr[-2_000:]
    return lines[0]


def clean(result):
    """Exit 0, or 1 with one `netlog: ` line; never a traceback."""
    no_traceback(result)
    if result.exit_code != 0:
        one_line(result)
    return result


def works(result):
    no_traceback(result)
    assert result.exit_code == 0, (result.exit_code, result.stderr[-2_000:])
    return result


def touches_after_today(netlog) -> list[tuple[str, str]]:
    contacts = json.loads(works(netlog("export", "json", ok=False)).stdout)["contacts"]
    return [(c["name"], t["happened_on"]) for c in contacts for t in c["touches"] if t["happened_on"] > TODAY]


READS = (["list", "--json"], ["list"], ["stats"], ["stats", "--json"], ["export", "csv"], ["export", "json"], ["due"], ["due", "--json"])


def every_read_works(netlog, *shown: str) -> None:
    for args in READS + tuple(a for name in shown for a in (["show", name], ["show", name, "--json"])):
        works(netlog(*args, ok=False))


# --- a real process -----------------------------------------------------------------------------------------


@dataclass
class Ran:
    code: int | None  # None: still running after its timeout (then killed)
    stdout: str
    stderr: str
    stdout_size: int = 0


def run_netlog(*args: str, env: dict | None = None, timeout: float = HANG, input: bytes | None = None, cwd=None,
               limits=None, command: list[str] | None = None) -> Ran:  # fmt: skip
    """`python -m netlog ARGS` in its own session (so a timeout kills it and whatever it started); output goes to
    files, so a huge output cannot block it or fill the test's memory."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            command or [sys.executable, "-m", "netlog", *args], stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
            stdout=out, stderr=err, env=environment, cwd=cwd, start_new_session=True, preexec_fn=limits,
        )  # fmt: skip
        try:
            proc.communicate(input, timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
        size = out.tell()
        out.seek(0)
        err.seek(0)
        return Ran(code, out.read(200_000).decode("utf-8", "replace"), err.read(200_000).decode("utf-8", "replace"), size)


def ran_one_line(ran: Ran) -> str:
    assert ran.code is not None, f"still running after {HANG:g} s (it hangs); stderr: {ran.stderr[-500:]}"
    assert "Traceback" not in ran.stderr, ran.stderr[-2_000:]
    assert ran.code == 1, (ran.code, ran.stderr[-2_000:])
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netlog: "), ran.stderr[-2_000:]
    return lines[0]


def ran_clean(ran: Ran) -> Ran:
    assert ran.code is not None, f"still running after {HANG:g} s (it hangs); stderr: {ran.stderr[-500:]}"
    assert "Traceback" not in ran.stderr, ran.stderr[-2_000:]
    if ran.code != 0:
        ran_one_line(ran)
    return ran


def limited(file_bytes: int = 20 * 2**20, memory: int = 4 * 2**30):
    """preexec_fn: the child may write at most `file_bytes` to a file and map at most `memory`."""

    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


# === 1. templates ===========================================================================================


@pytest.fixture
def templates(tmp_path, monkeypatch, netlog) -> Path:
    """$NETLOG_TEMPLATES, and Ana met on Friday (a thank-you is due: `thank Ana` renders thank.txt.j2)."""
    folder = tmp_path / "templates"
    folder.mkdir()
    monkeypatch.setenv("NETLOG_TEMPLATES", str(folder))
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    return folder


ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",  # the issue's
    "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() | length }}",  # every class of the process, one step from os
]


@once
@pytest.mark.parametrize("template", ESCAPES)
def test_a_template_cannot_run_a_shell_command(netlog, templates, template):
    (templates / "thank.txt.j2").write_text(template + "\n", encoding="utf-8")
    before = netlog("export", "json").stdout
    result = netlog("thank", "Ana", ok=False)
    assert "uid=" not in result.stdout + result.stderr
    line = one_line(result)
    assert "thank.txt.j2" in line and not line.endswith("..")  # Jinja's "... is unsafe." is not doubled
    assert netlog("export", "json").stdout == before


@once
def test_a_template_with_a_huge_output_is_stopped_at_once(netlog, templates):
    (templates / "thank.txt.j2").write_text("{{ 'a' * 1000000000 }}\n", encoding="utf-8")
    ran = run_netlog("thank", "Ana", limits=limited())
    assert "thank.txt.j2" in ran_one_line(ran)
    assert ran.stdout_size < 100_000


@once
@pytest.mark.parametrize(
    "template",
    ["{% for i in range(10**8) %}{% endfor %}Hi\n",  # the issue's: 3.5 s here, and a bigger count runs longer
     "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}Hi\n"],  # within any range limit
)  # fmt: skip
def test_a_template_that_loops_for_ever_is_stopped(netlog, templates, template):
    (templates / "thank.txt.j2").write_text(template, encoding="utf-8")
    assert "thank.txt.j2" in ran_one_line(run_netlog("thank", "Ana", timeout=HANG))


@once
@pytest.mark.parametrize("codec", ["latin-1", "utf-16"])
def test_a_template_in_another_encoding_is_read_or_one_line(netlog, templates, codec):
    (templates / "thank.txt.j2").write_bytes("Hi {{ first_name }}, merci, café!\n".encode(codec))
    result = clean(netlog("thank", "Ana", ok=False))
    if result.exit_code == 0:
        assert "Hi Ana, merci, café!" in result.stdout
    else:
        assert "thank.txt.j2" in result.stderr


@once
@pytest.mark.parametrize("how", ["chmod 000", "reads fail (EIO)"])
def test_an_unreadable_template_is_one_line_naming_it(netlog, templates, how):
    template = templates / "thank.txt.j2"
    if how == "chmod 000":
        if ROOT:
            pytest.skip("root reads a file of mode 000; the EIO case covers this as root")
        template.write_text("Hi {{ first_name }}\n", encoding="utf-8")
        template.chmod(0)
    else:
        template.symlink_to("/proc/self/mem")  # a regular file whose read fails with EIO, whoever reads it
    assert "thank.txt.j2" in one_line(netlog("thank", "Ana", ok=False))


@once
def test_a_template_that_includes_itself_is_one_line(netlog, templates):
    (templates / "thank.txt.j2").write_text('{% include "thank.txt.j2" %}\n', encoding="utf-8")
    assert "thank.txt.j2" in one_line(netlog("thank", "Ana", ok=False))


@once
@pytest.mark.parametrize("template", ["{% if %}\n", "{{ nope }}\n", "{{ name | nofilter }}\n"])
def test_a_template_that_cannot_be_parsed_or_rendered_is_one_line_naming_it(netlog, templates, template):
    """Passes today: a syntax error, an unknown variable or filter (jinja2.TemplateError) is one line."""
    (templates / "thank.txt.j2").write_text(template, encoding="utf-8")
    assert "thank.txt.j2" in one_line(netlog("thank", "Ana", ok=False))


@once
def test_a_plain_user_template_still_renders(netlog, templates):
    """Passes today; the sandbox must keep it so: variables, filters, loops, the `words` filter."""
    (templates / "thank.txt.j2").write_text(
        "Dear {{ first_name }}, thank you for {{ thanked_for }}{% if topics %} ({{ topics | words }}){% endif %}.\n"
        "{% for i in range(3) %}*{% endfor %}\n", encoding="utf-8",
    )  # fmt: skip
    netlog("log", "Ana", "coffee", "--on", "2026-11-22", "--topics", "search, hiring")
    out = netlog("thank", "Ana").stdout
    assert "Dear Ana, thank you for the coffee (search and hiring)." in out and "***" in out


# === 2. a calendar RRULE that spins =========================================================================


def _recurring(rule: str) -> bytes:
    """A 13-line .ics: one recurring meeting with Noor that started on 1 Jan 2026."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:spin@example.org\r\nDTSTART:20260101T100000Z\r\n"
        f"DTEND:20260101T103000Z\r\nRRULE:{rule}\r\nORGANIZER;CN=Noor Haddad:mailto:noor@haddad.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:kim.oduya@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:noor@haddad.example\r\n"
        "SUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@once
@pytest.mark.parametrize(
    "rule",
    ["FREQ=DAILY;INTERVAL=0",  # dateutil's rrule never advances: refused before it runs
     "FREQ=WEEKLY;INTERVAL=0",  # dateutil refuses it, so it is skipped as malformed
     "FREQ=DAILY;INTERVAL=-1",
     "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31"],  # a valid rule that yields nothing: 5 s of seconds to year 9999, stopped by the item's time budget
)  # fmt: skip
def test_a_degenerate_rrule_is_skipped_as_malformed_at_once(netlog, tmp_path, rule):
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2025-06-01")
    path = tmp_path / "calendar.ics"
    path.write_bytes(_recurring(rule))
    # The SECONDLY rule runs for its 1 s budget after a start that imports icalendar and SQLAlchemy: on a loaded
    # machine (2 cores shared by a full suite and more) that passed HANG once. It gets 3 x HANG; that the budget,
    # not the rule's own end (5 s of seconds), stopped it is what `malformed` below says.
    timeout = 3 * HANG if "SECONDLY" in rule else HANG
    ran = run_netlog("import", "calendar", str(path), "--me", "kim.oduya@example.org", "--json", timeout=timeout)
    assert ran.code is not None, f"still running after {timeout:g} s: the rule spins"
    assert ran.code == 0, (ran.code, ran.stderr[-1_000:])
    assert json.loads(ran.stdout)["skipped"].get("malformed") == 1
    assert [t["kind"] for t in netlog.json("show", "Noor")["touches"]] == ["met"]


# === 3. far-future dates ====================================================================================

FAR = "9999-12-30"


def test_a_contact_added_on_a_far_future_today_is_refused_or_stays_readable(netlog, monkeypatch):
    monkeypatch.setenv("NETLOG_TODAY", FAR)
    result = clean(netlog("add", "X Y", ok=False))
    monkeypatch.setenv("NETLOG_TODAY", TODAY)
    if result.exit_code != 0:
        assert netlog.json("list") == []
        return
    every_read_works(netlog, "X Y")
    monkeypatch.setenv("NETLOG_TODAY", FAR)
    every_read_works(netlog, "X Y")


def _mail(sender: str, recipient: str, date: str, message_id: str) -> bytes:
    return (f"From x Thu Nov 12 10:00:00 2026\nFrom: {sender}\nTo: {recipient}\nDate: {date}\n"
            f"Message-ID: <{message_id}>\nSubject: hi\n\nhello\n\n").encode()  # fmt: skip


NOOR = "Noor Haddad <noor@haddad.example>"
KIM = "kim.oduya@example.org"


@pytest.mark.parametrize("direction", ["from them", "from me"])
def test_a_mail_dated_30_dec_9999_is_not_stored(netlog, tmp_path, direction):
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    mbox = tmp_path / "far.mbox"
    date = "Thu, 30 Dec 9999 10:00:00 +0000"
    mbox.write_bytes(_mail(NOOR, KIM, date, "far@x") if direction == "from them" else _mail(KIM, NOOR, date, "far@x"))
    clean(netlog("import", "mail", str(mbox), "--me", KIM, ok=False))
    assert touches_after_today(netlog) == []
    every_read_works(netlog, "Noor")


def test_a_linkedin_connection_on_30_dec_9999_is_not_stored(netlog, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana,Lima,https://www.linkedin.com/in/ana,,Acme,Engineer,30 Dec 9999\n", encoding="utf-8")  # fmt: skip
    clean(netlog("import", "linkedin", str(path), ok=False))
    assert touches_after_today(netlog) == []
    every_read_works(netlog, *(["Ana"] if netlog.json("list") else []))


def _backup(**contact) -> dict:
    record = {"id": 1, "name": "Ana Lima", "strength": 2, "created_on": "2026-01-01", **contact}
    return {"format": "netlog", "version": 2, "exported_on": TODAY, "contacts": [record]}


def test_a_backup_with_a_touch_on_9999_12_30_is_refused_naming_the_record(netlog, tmp_path):
    netlog("add", "Bo Berg", "--on", "2026-11-20")
    before = netlog("export", "json").stdout
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(_backup(cadence_days=14, touches=[{"kind": "met", "happened_on": FAR, "direction": "both"}])))
    line = one_line(netlog("import", "json", str(path), ok=False))
    assert "Ana Lima" in line or "#1" in line
    assert netlog("export", "json").stdout == before
    every_read_works(netlog, "Bo")


def test_a_backup_of_a_contact_created_on_9999_12_30_is_refused_or_stays_readable(netlog, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(_backup(created_on=FAR)))
    if clean(netlog("import", "json", str(path), ok=False)).exit_code != 0:
        assert netlog.json("list") == []
        return
    every_read_works(netlog, "Ana")
    clean(netlog("done", "Ana", "keep-in-touch", ok=False))


@pytest.mark.parametrize("order", ["mail, then the birthday", "the birthday, then the mail"])
def test_a_far_future_mail_from_me_and_a_birthday_are_no_traceback(netlog, tmp_path, order):
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    mbox = tmp_path / "far.mbox"
    mbox.write_bytes(_mail(KIM, NOOR, "Thu, 30 Dec 9999 10:00:00 +0000", "far@x"))
    steps = [["import", "mail", str(mbox), "--me", KIM], ["edit", "Noor", "--birthday", "03-14"]]
    for args in steps if order.startswith("mail") else steps[::-1]:
        clean(netlog(*args, ok=False))
    assert touches_after_today(netlog) == []
    every_read_works(netlog, "Noor")


@pytest.mark.parametrize(
    "extra",
    [{"dismissals": {"thank": "2026-12-01"}},
     {"intro_offers": [{"a_id": 1, "b_id": 2, "offered_on": "2026-11-01", "sent_on": FAR}]},
     {"intro_offers": [{"a_id": 1, "b_id": 2, "offered_on": "0001-01-01"}]}],
    ids=["a dismissal after today", "an intro sent after today", "an intro offered in year 1"],
)  # fmt: skip
def test_a_backup_with_another_day_after_today_is_refused_whole(netlog, tmp_path, extra):
    netlog("add", "Bo Berg", "--on", "2026-11-20")
    before = netlog("export", "json").stdout
    backup = _backup(**{k: v for k, v in extra.items() if k == "dismissals"})
    backup["contacts"].append({"id": 2, "name": "Cy Ng", "strength": 2, "created_on": "2026-01-01"})
    backup["intro_offers"] = extra.get("intro_offers", [])
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup))
    line = one_line(netlog("import", "json", str(path), ok=False))
    assert "nothing was imported" in line
    assert netlog("export", "json").stdout == before


def _stored_far_future(netlog, db_path: Path, sql: str) -> None:
    """Ana (a cadence, a birthday, a mail of mine awaiting an answer), then `sql` run on the file as another
    program or an older netlog may have left it; the summary cache is dropped, as an upgrade does, so the
    next command rebuilds it from the stored values."""
    netlog("add", "Ana Lima", "--on", "2026-11-01", "--every", "2w")
    netlog("log", "Ana", "email", "--on", "2026-11-20")
    netlog("edit", "Ana", "--birthday", "03-14")
    with sqlite3.connect(db_path) as conn:
        conn.execute(sql, (FAR,))
        conn.execute("DELETE FROM netlog_meta WHERE key = 'history_version'")
    conn.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "sql",
    ["UPDATE touch SET happened_on = ?",
     "UPDATE contact SET created_on = ?",  # passes today (with touches; a contact without any: the backup test above)
     "UPDATE contact SET snoozed_until = ?",  # passes today
     "UPDATE contact SET moment = 'started at Contoso', moment_on = ?"],  # passes today
)  # fmt: skip
def test_a_database_that_already_holds_9999_12_30_is_still_readable(netlog, db_path, sql):
    _stored_far_future(netlog, db_path, sql)
    every_read_works(netlog, "Ana")
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima"]


# Importers apply the door `log --on` applies: no touch after today.

NOT_YET = "2026-12-01"  # after today (2026-11-23), well inside the door's years


def _future_file(tmp_path: Path, format: str) -> tuple[str, list[str]]:
    """A file of `format` whose only exchange with Noor (or connection) is on NOT_YET; the import's options."""
    if format == "linkedin":
        path = tmp_path / "Connections.csv"
        path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                        "Noor,Haddad,https://www.linkedin.com/in/noor,,Acme,Engineer,01 Dec 2026\n", encoding="utf-8")  # fmt: skip
        return str(path), []
    if format == "json":
        path = tmp_path / "backup.json"
        path.write_text(json.dumps(_backup(name="Cy Ng", touches=[{"kind": "met", "happened_on": NOT_YET, "direction": "both"}])))
        return str(path), []
    if format == "mail":
        path = tmp_path / "mail.mbox"
        path.write_bytes(_mail(NOOR, KIM, "Tue, 1 Dec 2026 10:00:00 +0000", "soon@x"))
        return str(path), ["--me", KIM]
    if format == "whatsapp":
        path = tmp_path / "WhatsApp Chat with Noor Haddad.txt"
        path.write_text("01/12/2026, 09:01 - Kim Oduya: Noor! Coffee?\n01/12/2026, 09:05 - Noor Haddad: Yes\n", encoding="utf-8")
        return str(path), ["--me", "Kim Oduya"]
    if format == "linkedin-messages":
        path = tmp_path / "messages.csv"
        path.write_text("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE\n"
                        "c1,Noor Haddad,https://www.linkedin.com/in/noor,Kim Oduya,https://www.linkedin.com/in/kim,2026-12-01 10:00:00 UTC\n",
                        encoding="utf-8")  # fmt: skip
        return str(path), ["--me", "https://www.linkedin.com/in/kim"]
    if format == "telegram":
        export = json.loads((FIXTURES / "touches" / "result.json").read_text(encoding="utf-8"))
        for chat in export["chats"]["list"]:
            for message in chat.get("messages", []):
                message["date"], message["date_unixtime"] = "2026-12-01T10:00:00", "1796119200"
        path = tmp_path / "result.json"
        path.write_text(json.dumps(export), encoding="utf-8")
        return str(path), ["--me", "Kim Oduya"]
    path = tmp_path / "calendar.ics"
    path.write_bytes(_recurring("COUNT=1").replace(b"DTSTART:20260101T100000Z", b"DTSTART:20261201T100000Z")
                     .replace(b"DTEND:20260101T103000Z", b"DTEND:20261201T103000Z").replace(b"RRULE:COUNT=1\r\n", b""))  # fmt: skip
    return str(path), ["--me", KIM]


@pytest.mark.parametrize(
    "format",
    ["linkedin", "json", "mail", "whatsapp", "linkedin-messages", "telegram", "calendar"],
)  # fmt: skip
def test_an_import_stores_no_touch_after_today_as_log_on_refuses(netlog, tmp_path, format):
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    assert "in the future" in one_line(netlog("log", "Noor", "call", "--on", NOT_YET, ok=False))
    path, options = _future_file(tmp_path, format)
    clean(netlog("import", format, path, *options, ok=False))
    assert touches_after_today(netlog) == []


# === 4. backup over another netlog database =================================================================


def _network(netlog, db: Path, *names: str) -> None:
    for name in names:
        netlog("--db", str(db), "add", name)


@pytest.mark.sqlite_only
def test_backup_refuses_to_overwrite_another_netlog_database(netlog, tmp_path):
    main, other = tmp_path / "main.db", tmp_path / "other.db"
    _network(netlog, main, "Ana Lima", "Bo Berg", "Cy Ng")
    _network(netlog, other, "Zed Zimmer")
    with sqlite3.connect(main) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = main.read_bytes()
    line = one_line(netlog("--db", str(other), "backup", str(main), ok=False))
    assert str(main) in line or "main.db" in line
    assert main.read_bytes() == before
    assert [c["name"] for c in netlog.json("--db", str(main), "list")] == ["Ana Lima", "Bo Berg", "Cy Ng"]


@pytest.mark.sqlite_only
def test_backup_force_replaces_another_netlog_database(netlog, tmp_path):
    main, other = tmp_path / "main.db", tmp_path / "other.db"
    _network(netlog, main, "Ana Lima", "Bo Berg")
    _network(netlog, other, "Zed Zimmer")
    works(netlog("--db", str(other), "backup", str(main), "--force", ok=False))
    assert [c["name"] for c in netlog.json("--db", str(main), "list")] == ["Zed Zimmer"]


@pytest.mark.sqlite_only
def test_backup_may_replace_a_backup_it_made(netlog, tmp_path):
    """Passes today, and must stay so: backing up to the same file every day is the ordinary use."""
    _network(netlog, tmp_path / "main.db", "Ana Lima")
    target = tmp_path / "backups" / "netlog.db"
    netlog("--db", str(tmp_path / "main.db"), "backup", str(target))
    netlog("--db", str(tmp_path / "main.db"), "add", "Bo Berg")
    netlog("--db", str(tmp_path / "main.db"), "backup", str(target))
    assert [c["name"] for c in netlog.json("--db", str(target), "list")] == ["Ana Lima", "Bo Berg"]


# === 5. editors =============================================================================================

EDITED = [["edit", "Ana", "--edit-note"], ["thank", "Ana", "--edit"], ["draft", "Ana", "--edit"]]


@pytest.fixture
def shared_tmp(tmp_path, monkeypatch) -> Path:
    """A temp folder like /tmp (mode 1777) for this test, for netlog (tempfile) and for the editor ($TMPDIR)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    folder.chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.fixture
def ana(netlog):
    netlog("add", "Ana Lima", "--on", "2026-11-20", "--email", "ana@example.org")
    netlog("edit", "Ana", "--note", "likes search")
    return netlog("export", "json").stdout


def _chattr_works(folder: Path) -> bool:
    probe = folder / "probe"
    probe.write_text("x")
    try:
        done = subprocess.run(["chattr", "+i", str(probe)], capture_output=True).returncode == 0
    except OSError:
        return False
    subprocess.run(["chattr", "-i", str(probe)], capture_output=True)
    probe.unlink()
    return done


EDITORS = {
    "removes it": "sh -c 'rm -- \"$0\"'",
    "replaces it by a folder": "sh -c 'rm -- \"$0\" && mkdir -- \"$0\"'",
    "locks it (chmod 000)": "sh -c 'echo changed >> \"$0\" && chmod 000 \"$0\"'",
    "locks it (immutable)": "sh -c 'echo changed >> \"$0\" && chattr +i \"$0\"'",
    "leaves a file that cannot be read": "sh -c 'rm -- \"$0\" && ln -s /proc/self/mem \"$0\"'",
    "is a command that cannot be parsed": "vim '",
    "empties it": "sh -c ': > \"$0\"'",
    "writes bytes that are not UTF-8": "sh -c 'printf \"caf\\351\\n\" > \"$0\"'",
}


@pytest.mark.parametrize("args", EDITED, ids=lambda a: f"{a[0]} {a[-1]}")
@pytest.mark.parametrize("behaviour", list(EDITORS))
def test_whatever_the_editor_does_to_its_file_is_one_line_and_nothing_changes(netlog, ana, shared_tmp, monkeypatch, args, behaviour):
    editor = EDITORS[behaviour]
    if behaviour == "locks it (chmod 000)" and ROOT:
        pytest.skip("root reads a file of mode 000; the immutable and EIO cases cover this as root")
    if behaviour == "locks it (immutable)" and not _chattr_works(shared_tmp):
        pytest.skip("chattr +i does not work here")
    monkeypatch.delenv("VISUAL", raising=False)  # $EDITOR, as the issue set it (VISUAL would win)
    monkeypatch.setenv("EDITOR", editor)
    try:
        result = netlog(*args, ok=False)
        one_line(result)
        assert netlog("export", "json").stdout == ana
        if behaviour != "locks it (immutable)":  # a file nobody may remove stays; anything else is removed
            assert sorted(p.name for p in shared_tmp.iterdir()) == []
    finally:
        for leftover in shared_tmp.rglob("*"):
            subprocess.run(["chattr", "-i", str(leftover)], capture_output=True)
            if not leftover.is_symlink():
                leftover.chmod(0o700)


@once
def test_an_editor_that_leaves_a_fifo_does_not_hang(netlog, ana, tmp_path):
    ran = run_netlog("edit", "Ana", "--edit-note", env={"VISUAL": "sh -c 'rm -- \"$0\" && mkfifo -- \"$0\"'", "TMPDIR": str(tmp_path)})
    ran_one_line(ran)
    assert netlog("export", "json").stdout == ana


def test_review_draft_with_an_editor_that_removes_its_file_asks_again(morning):
    pexpect = pytest.importorskip("pexpect")
    environment = {**os.environ, "TERM": "xterm-256color", "VISUAL": "sh -c 'rm -- \"$0\"'"}
    child = pexpect.spawn(sys.executable, ["-m", "netlog", "review"], env=environment, dimensions=(40, 100), encoding="utf-8", timeout=10)
    try:
        child.expect_exact("What now? ")
        child.send("d")
        child.expect_exact("What now? ")  # the review says why in one line and asks again
        said = child.before
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert "Traceback" not in said
    assert child.exitstatus == 0
    assert [t["kind"] for t in morning.json("show", "Ana")["touches"]] == ["met"]


# === 6. a damaged database ==================================================================================


def _damaged_network(netlog, tmp_path: Path) -> Path:
    """A small network (a tag, a favor yesterday, an intro, a birthday), its WAL folded into the file, which is
    then copied: the copy is what the tests damage."""
    db = tmp_path / "network.db"
    for args in (["add", "Ana Lima", "--on", "2026-11-20", "--tag", "pycon", "--email", "ana@example.org"],
                 ["add", "Bo Berg", "--on", "2026-10-01", "--every", "2w", "--tag", "mentor"],
                 ["add", "Noor Haddad", "--on", "2026-05-01"], ["add", "Tomas Berg", "--on", "2026-05-01", "--introduced-by", "Noor Haddad"],
                 ["log", "Bo Berg", "favor-received", "--on", "yesterday"], ["edit", "Bo Berg", "--birthday", "11-25"],
                 ["intro", "Bo Berg", "Noor Haddad", "--note", "both hiring"]):  # fmt: skip
        netlog("--db", str(db), *args)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    copy = tmp_path / "damaged.db"
    shutil.copyfile(db, copy)
    copy.chmod(0o600)
    return copy


def _pages(db: Path, table: str) -> tuple[int, int]:
    """The byte range of the root page of `table` (each table here fits in one page)."""
    with sqlite3.connect(db) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return (root - 1) * size, root * size


def _flip(db: Path, needle: bytes, at: int, xor: int, table: str | None = None) -> None:
    """Flip bits (`xor`) of byte `at` of every copy of `needle` in `table`'s page (or anywhere: the schema's
    text), stale copies in free space included, so the live one is surely among them."""
    data = bytearray(db.read_bytes())
    low, high = _pages(db, table) if table else (0, len(data))
    where = data.find(needle, low, high)
    assert where >= 0, f"{needle!r} is not in {table or 'the file'}"
    while where >= 0:
        data[where + at] ^= xor
        where = data.find(needle, where + len(needle), high)
    db.write_bytes(bytes(data))


def _cache_version(db: Path) -> bytes:
    with sqlite3.connect(db) as conn:
        value = conn.execute("SELECT value FROM netlog_meta WHERE key = 'history_version'").fetchone()[0]
    conn.close()
    return value.encode()[:12]


DAMAGES = {  # what the byte flips did, each made on purpose: (needle, byte, bits, table)
    "invalid UTF-8 in the cache's version": (lambda db: _cache_version(db), 2, 0x80, "netlog_meta"),
    "invalid UTF-8 in a name": (lambda db: b"Noor Haddad", 1, 0x80, "contact"),
    "a date that is not ISO in the cache": (lambda db: b"2026-11-22", 6, 0x20, "contact_state"),
    "a day out of range in the cache": (lambda db: b"2026-11-22", 8, 0x01, "contact_state"),  # 2026-11-32
    "a column renamed in the schema": (lambda db: b"strength_set BOOLEAN", 0, 0x01, None),  # "no such column"
    "a day out of range in a touch": (lambda db: b"2026-11-22", 8, 0x01, "touch"),
    # found by a byte-flip rerun: the full-text index's format version 4 -> 36 ("invalid fts5 file format"), which
    # quick_check does not read; `log` and `merge` update the index, `find` reads it
    "the search index's format version": (lambda db: b"version\x04", 7, 0x20, "contact_search_fts_config"),
}
COMMANDS = [["list", "--json"], ["list"], ["due"], ["due", "--json"], ["show", "Bo Berg"], ["show", "Noor"], ["stats"],
            ["export", "json"], ["export", "csv"], ["dupes"], ["thank", "Bo Berg"], ["find", "Berg"], ["log", "Bo Berg", "call"],
            ["merge", "Tomas Berg", "Bo Berg", "--yes"]]  # fmt: skip


@pytest.mark.sqlite_only
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_value_is_one_line_for_every_command(netlog, tmp_path, damage):
    db = _damaged_network(netlog, tmp_path)
    make_needle, at, xor, table = DAMAGES[damage]
    _flip(db, make_needle(db), at, xor, table)
    for args in COMMANDS:
        clean(netlog("--db", str(db), *args, ok=False))


@pytest.mark.sqlite_only
def test_a_damaged_database_is_refused_whole_before_any_write(netlog, tmp_path):
    db = _damaged_network(netlog, tmp_path)
    data = bytearray(db.read_bytes())
    low, _ = _pages(db, "tag")
    data[low + 4] += 1  # one cell more in the tag table's page than it holds: quick_check fails, most reads do not
    db.write_bytes(bytes(data))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    conn.close()
    before = db.read_bytes()
    for args in (["log", "Bo Berg", "call"], ["merge", "Tomas Berg", "Bo Berg", "--yes"], ["add", "Cy Ng"]):
        line = one_line(netlog("--db", str(db), *args, ok=False))
        assert "restore" in line.lower() and "backup" in line.lower(), line  # "... restore a backup"
        assert db.read_bytes() == before
        wal = db.with_name(db.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())  # no undo of a merge never made
    for args in COMMANDS[:-2]:
        clean(netlog("--db", str(db), *args, ok=False))


def _broken_tag_page(db: Path) -> None:
    data = bytearray(db.read_bytes())
    low, _ = _pages(db, "tag")
    data[low + 4] += 1  # one cell more in the tag table's page than it holds: quick_check fails, most reads do not
    db.write_bytes(bytes(data))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("sound", [True, False], ids=["a sound file: the bug shows", "a damaged file: one line"])
def test_a_read_that_fails_unexpectedly_checks_the_file(netlog, tmp_path, monkeypatch, sound):
    """A read that fails in a way netlog does not know runs quick_check: on a damaged file the failure is the
    one line to restore a backup; on a sound one it is netlog's own bug, and is not hidden."""
    from netlog.storage.fast import FastReader

    db = _damaged_network(netlog, tmp_path)
    if not sound:
        _broken_tag_page(db)
    rows = FastReader.rows

    def failing(self, name, params=None):
        if name not in ("schema_version", "meta_value"):  # opening the file reads those; `list` reads the rest
            raise RuntimeError("a read that fails unexpectedly")
        return rows(self, name, params)

    monkeypatch.setattr(FastReader, "rows", failing)
    result = netlog("--db", str(db), "list", ok=False)
    if sound:
        assert isinstance(result.exception, RuntimeError)
    else:
        line = one_line(result)
        assert "damaged" in line and "Restore a backup" in line


@pytest.mark.sqlite_only
def test_a_fifo_as_the_database_does_not_hang(tmp_path):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    ran_one_line(run_netlog("--db", str(fifo), "due"))
    assert fifo.is_fifo()


@pytest.mark.sqlite_only
def test_a_socket_or_a_device_as_the_database_is_one_line(netlog, tmp_path):
    """Passes today."""
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        one_line(netlog("--db", str(path), "due", ok=False))
    finally:
        server.close()
    one_line(netlog("--db", "/dev/null", "due", ok=False))
    assert Path("/dev/null").is_char_device()


# === 7. private files, hidden passwords =====================================================================


def test_vdir_cards_are_0600_in_a_0700_folder(netlog, tmp_path):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("edit", "Ana", "--note", "private: moving to Lisbon")
    folder = tmp_path / "contacts" / "netlog"
    old = os.umask(0o022)
    try:
        netlog("export", "vcard", "--vdir", str(folder))
    finally:
        os.umask(old)
    cards = list(folder.iterdir())
    assert cards and all(oct(card.stat().st_mode & 0o777) == "0o600" for card in cards), [oct(c.stat().st_mode) for c in cards]
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


@pytest.fixture
def no_dns(monkeypatch):
    """Host names are never looked up (no DNS query leaves the machine): a name that is not an IP address is
    unknown, as a name no resolver knows would be. An IP address resolves as usual (no query either)."""
    import ipaddress

    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str):
            host.encode("idna")  # what the real one does first (UnicodeError for a label over 63 characters)
            try:
                ipaddress.ip_address(host)
            except ValueError:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


SECRET = "s3cret"
URLS = {
    "an unencoded @ in the password": (f"postgresql+psycopg://sam:p@ss-{SECRET}@127.0.0.1:1/netlog",
                                       "the connection error names host 'ss-s3cret@127.0.0.1' (storage/engine.database_error)"),
    "an IPv6 host never closed": (f"postgresql://u:{SECRET}@[::1", "ValueError traceback from SQLAlchemy's URL parsing"),
    "several hosts": (f"postgresql+psycopg://u:{SECRET}@127.0.0.1:1,127.0.0.2:1/netlog", "ValueError traceback (port '1,127.0.0.2:1')"),
    "several named hosts": (f"postgresql://u:{SECRET}@h1:5432,h2:5433/x", "ValueError traceback (port '5432,h2:5433')"),
    "a host label over 63 characters": (f"postgresql://u:p@{'s' * 70}-{SECRET}@127.0.0.1:1/x", "UnicodeError traceback (idna)"),
}


@once
@pytest.mark.parametrize("shape", list(URLS))
def test_a_connection_failure_never_shows_the_password_whatever_the_urls_shape(netlog, no_dns, shape):
    url = URLS[shape][0]
    result = netlog("--db", url, "list", ok=False)
    assert SECRET not in result.stdout + result.stderr
    one_line(result)
    if "@ in" in shape:  # the password is sent whole (encoded), not cut at its "@" with the rest taken for the host
        assert "ss-" not in result.stderr and "***" not in result.stderr, result.stderr


@once
def test_a_password_holding_an_at_sign_is_sent_encoded_and_scrubbed_from_any_message():
    """The password ends at the last "@" (as `netlog path` reads it); a message that still held it, typed or
    percent-encoded, or the part of it after an "@", shows *** (the CLI's last guard on every line)."""
    from netlog.storage.engine import password_encoded, scrubbed

    url = f"postgresql+psycopg://sam:p@ss-{SECRET}@127.0.0.1:1/netlog"
    assert password_encoded(url) == f"postgresql+psycopg://sam:p%40ss-{SECRET}@127.0.0.1:1/netlog"
    assert password_encoded("postgresql://u:plain@h/x?sslmode=require") == "postgresql://u:plain@h/x?sslmode=require"
    for said in (f"host 'ss-{SECRET}@127.0.0.1'", f"p%40ss-{SECRET}", f"password p@ss-{SECRET} refused"):
        assert SECRET not in scrubbed(said, url), said
    assert SECRET not in scrubbed(f"auth {SECRET}x failed", f"postgresql://u@h/x?password={SECRET}x")
    assert scrubbed("nothing secret here", url) == "nothing secret here"


@once
@pytest.mark.parametrize("shape", list(URLS))
def test_netlog_path_never_shows_the_password_whatever_the_urls_shape(netlog, shape):
    """Passes today (location.display_url)."""
    result = clean(netlog("--db", URLS[shape][0], "path", ok=False))
    assert SECRET not in result.stdout + result.stderr


# === 8. smaller tracebacks ==================================================================================


def test_due_mine_all_on_9999_12_30_is_no_traceback(netlog, monkeypatch):
    netlog("add", "Bo Berg", "--on", "2026-10-01")
    netlog("edit", "Bo", "--birthday", "11-25")
    netlog("log", "Bo", "favor-received", "--on", "2026-11-22")
    monkeypatch.setenv("NETLOG_TODAY", FAR)
    clean(netlog("due", "--mine", "--all", ok=False))
    clean(netlog("due", "--all", ok=False))


@once
@pytest.mark.parametrize("args", [["due", "--on", "32"], ["log", "Ana", "call", "--on", "32"]])
def test_a_posix_tz_and_a_date_for_dateparser_are_no_traceback(netlog, args):
    netlog("add", "Ana Lima", "--on", "2026-11-20")
    ran_clean(run_netlog(*args, env={"TZ": "UTC-14"}))


@pytest.mark.parametrize("how", ["chmod 000", "reads fail (EIO)", "a folder"])
def test_a_maildir_with_one_unreadable_message_is_no_traceback(netlog, tmp_path, how, request):
    if how == "chmod 000":
        if ROOT:
            pytest.skip("root reads a file of mode 000; the EIO case covers this as root")
    netlog("add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01")
    maildir = tmp_path / "Maildir"
    shutil.copytree(FIXTURES / "touches" / "maildir", maildir)
    victim = min(p for p in (maildir / "cur").iterdir() if not p.name.startswith("."))
    if how == "chmod 000":
        victim.chmod(0)
    elif how == "a folder":  # passes today
        victim.unlink()
        victim.mkdir()
    else:
        victim.unlink()
        victim.symlink_to("/proc/self/mem")
    report = json.loads(clean(netlog("import", "mail", str(maildir), "--me", KIM, "--json", ok=False)).stdout)
    if how != "a folder":
        assert report["skipped"].get("unreadable") == 1, report  # skipped with a note, the rest read
    every_read_works(netlog, "Noor")


def test_an_ascii_stdout_never_commits_then_fails(netlog):
    ran = run_netlog("me", "--email", "ü@ü.de", env={"PYTHONIOENCODING": "ascii"})
    ran_clean(ran)
    stored = netlog.json("me")["emails"]
    assert stored == (["ü@ü.de"] if ran.code == 0 else []), (ran.code, stored)


@once
@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", "Renée"], ["due"], ["stats"], ["export", "csv"], ["export", "json"], ["digest"]])
def test_an_ascii_stdout_is_no_traceback(netlog, args):
    netlog("add", "Renée Fournier", "--on", "2026-05-01", "--note", "café ☕")
    ran_clean(run_netlog(*args, env={"PYTHONIOENCODING": "ascii"}))


# === 9. what a SIGKILL leaves ===============================================================================


def _wait_for(path: Path, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_a_kill_while_editing_leaves_no_note_in_a_shared_folder(netlog, ana, tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    started = tmp_path / "editor-started"
    editor = tmp_path / "editor"
    editor.write_text(f"#!{sys.executable}\nimport sys, time\nopen({str(started)!r}, 'w').write(sys.argv[1])\ntime.sleep(60)\n")
    editor.chmod(0o755)
    environment = {**os.environ, "VISUAL": str(editor), "TMPDIR": str(shared), "XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}
    proc = subprocess.Popen([sys.executable, "-m", "netlog", "edit", "Ana", "--edit-note"], env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        _wait_for(started)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # netlog and its editor
        proc.wait()
    holding = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(("netlog.db", "network.db"))
               and b"likes search" in p.read_bytes()]  # fmt: skip
    for path in holding:  # whatever is left holding the note is private, in a private folder, not the shared one
        assert path.parent != shared and _private(path) and _private(path.parent), (path, oct(path.parent.stat().st_mode))
    assert netlog("export", "json").stdout == ana


@pytest.mark.sqlite_only
def test_a_kill_mid_backup_leaves_nothing_once_the_next_backup_ran(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima")
    folder = tmp_path / "backups-here"
    target = folder / "copy.db"
    proc = subprocess.Popen([sys.executable, str(HELPERS / "stalled_backup.py"), "backup", str(target)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        assert "mid-backup" in proc.stdout.readline(), proc.stderr.read()
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not target.exists()  # no half copy (passes today)
    netlog("backup", str(target))  # the next backup, as a cron job would run it
    assert sorted(p.name for p in folder.iterdir()) == ["copy.db"]


@pytest.mark.sqlite_only
def test_a_merge_killed_before_it_commits_leaves_no_undo_file(netlog, db_path, tmp_path):
    netlog("add", "Ana Lima", "--email", "ana@example.org")
    netlog("add", "Ana Lima", "--new", "--email", "ana.lima@example.org")
    backups = db_path.parent / "backups"
    lock = sqlite3.connect(db_path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # another writer holds the lock: the merge waits (15 s) inside its write
    proc = subprocess.Popen([sys.executable, "-m", "netlog", "merge", "#1", "#2", "--yes"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 1.5  # long enough to read, plan and reach the write
        while time.monotonic() < deadline and not (backups.exists() and list(backups.iterdir())):
            time.sleep(0.02)
        time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        lock.execute("ROLLBACK")
        lock.close()
    assert [c["name"] for c in netlog.json("list")] == ["Ana Lima", "Ana Lima"]  # the merge never happened
    undo = [p.name for p in backups.glob("*.json") if not p.name.startswith(".")] if backups.exists() else []
    assert undo == [], undo


# === 10. LinkedIn's quoted newlines =========================================================================


def test_a_linkedin_position_with_a_quoted_newline_imports(netlog, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        'Ana,Lima,https://www.linkedin.com/in/ana,,Acme,"Head of\nData",14 Nov 2026\n'
        'Bo,Berg,https://www.linkedin.com/in/bo,,"Northwind, Inc.","The ""best"" engineer",01 Jan 2025\n',
        encoding="utf-8",
    )
    works(netlog("import", "linkedin", str(path), ok=False))
    contacts = {c["name"]: c for c in netlog.json("list")}
    assert sorted(contacts) == ["Ana Lima", "Bo Berg"]
    ana = netlog.json("show", "Ana")
    assert ana["title"].split() == ["Head", "of", "Data"]
    assert netlog.json("show", "Bo")["company"] == "Northwind, Inc."
