"""Issue 25: on PostgreSQL the reads run the statements compiled for its dialect (storage/compiled_pg.py)
through psycopg (storage/pgfast.py), as the SQLite file's do through sqlite3: the same rows as a SQLAlchemy
Session for every statement, and `due`, `list`, `show` import no SQLAlchemy there."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import date

import pytest


@pytest.fixture
def pg_network(netlog, pg_url):
    """A small network on a fresh PostgreSQL database, with every kind of row a statement reads."""
    db = ("--db", pg_url)
    netlog(*db, "add", "Ana Lima", "--met-at", "PyCon", "--tag", "pycon", "--on", "2026-11-20", "--note", "100% sure")
    netlog(*db, "add", "Bo Berg", "--introduced-by", "Ana", "--on", "2026-11-21")
    netlog(*db, "add", "Chen Wei", "--on", "2026-10-01", "--tag", "oss")
    netlog(*db, "done", "Ana", "thank")
    netlog(*db, "log", "Ana", "email", "--on", "2026-11-22", "--note", "hello")  # (after: it answers the thank-you)
    netlog(*db, "log", "Chen", "favor-received", "--on", "2026-11-02")
    netlog(*db, "intro", "Ana", "Chen", "--note", "both in Lisbon")
    netlog(*db, "me", "--name", "Tess Ter")
    return pg_url


def test_the_psycopg_reader_and_a_session_read_the_same_rows(pg_network):
    from sqlmodel import Session

    from netlog.rules import due as rules
    from netlog.storage import compiled
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store
    from netlog.storage.pgfast import PgReader
    from netlog.storage.store import SessionReader

    params = {"id": 1, "key": "history_version", "user": "tester", "tag": "pycon", "since": date(2026, 1, 1),
              "name": "Ana Lima", "prefix": "an%", "later": "% an%", "pattern": "A%", "source": "mail",
              "after": 0, "limit": 10, "low": 1, "high": 2, "match": "pycon",
              "family_like": "% lima", "family_tag": "pycon", "folder": "/tmp/contacts", "strength": 2,
              "company_class": 1, "offset": 0, "rest_from": date(2026, 1, 1)}  # fmt: skip
    window = rules.due_window(date(2026, 11, 23))._asdict()
    params.update(window)
    store = open_store(database_url(pg_network))
    assert isinstance(store.reader, PgReader)
    session_reader = SessionReader(Session(store.engine), store, owns_transactions=True)
    try:
        nonempty = 0
        for name, wanted in compiled.PARAMS.items():
            given = {p: params[p] for p in wanted}
            fast, slow = store.reader.rows(name, given), session_reader.rows(name, given)
            assert fast == slow, name
            assert [type(v) for row in fast for v in row] == [type(v) for row in slow for v in row], name
            nonempty += bool(fast)
        assert nonempty > len(compiled.PARAMS) // 2  # the rows compared are real rows, not empty lists
        with store.reader.snapshot():
            assert store.reader.rows("contact_names") == session_reader.rows("contact_names")
        # Several reads sent as one pipeline come back as the reads one by one, in order, empty ones included.
        keys = [{"key": k} for k in ("ana lima", "nobody", "chen wei", "bo berg", "nobody")]
        each = [store.reader.rows("ids_folded", k) for k in keys]
        assert store.reader.rows_each("ids_folded", keys) == each == session_reader.rows_each("ids_folded", keys)
        assert [bool(rows) for rows in each] == [True, False, True, True, False]
        assert store.reader.rows_each("ids_folded", []) == []
    finally:
        session_reader.close()
        store.close()


RUNNER = """
import contextlib, io, sys
sys.argv = ["netlog", *sys.argv[1:]]
from netlog.cli import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit:
    pass
print(out.getvalue(), end="")
print("MODULES=" + repr(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("args", [("due",), ("due", "--json"), ("list",), ("show", "Ana")])
def test_reads_on_postgresql_import_no_sqlalchemy(pg_network, args):
    env = {**os.environ, "NETLOG_DB": pg_network}
    done = subprocess.run([sys.executable, "-c", RUNNER, *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    output, _, modules = done.stdout.rpartition("MODULES=")
    assert "Ana" in output
    loaded = set(ast.literal_eval(modules))
    assert "psycopg" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "pydantic", "dateparser"}


def test_a_server_that_is_gone_is_one_line(netlog):
    result = netlog("--db", "postgresql+psycopg://netlog@127.0.0.1:1/nothing", "due", ok=False)
    assert result.exit_code != 0
    assert result.stderr.startswith("netlog: ") and len(result.stderr.strip().splitlines()) == 1
