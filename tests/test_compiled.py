"""The fast reads run SQL compiled from the models' statements (storage/compiled.py, written by
`python -m netlog.storage.generate`): the file must be what the generator writes today, as sqlite-utils
checks its generated docs with `cog --check`, and both readers must give the same rows."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_compiled_sql_is_not_stale():
    done = subprocess.run([sys.executable, "-m", "netlog.storage.generate", "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_statement_is_compiled_with_its_columns():
    from netlog.storage import compiled
    from netlog.storage.statements import STATEMENTS

    assert set(compiled.SQL) == set(STATEMENTS) == set(compiled.COLUMNS) == set(compiled.PARAMS)
    for name, build in STATEMENTS.items():
        assert compiled.COLUMNS[name] == tuple(c.key for c in build().selected_columns), name


@pytest.mark.sqlite_only
def test_the_fast_reader_and_a_session_read_the_same_rows(netlog):
    from sqlmodel import Session

    from netlog.storage import compiled
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store
    from netlog.storage.store import SessionReader

    netlog("add", "Ana Lima", "--met-at", "PyCon", "--tag", "pycon", "--on", "2026-11-20")
    netlog("add", "Bo Berg", "--introduced-by", "Ana", "--on", "2026-11-21")
    netlog("done", "Ana", "thank")
    netlog("log", "Ana", "email", "--on", "2026-11-22", "--note", "hello")  # (after: it answers the thank-you)
    netlog("intro", "Ana", "Bo", "--note", "both in Lisbon")
    store = open_store(database_url())
    from datetime import date

    params = {"id": 1, "key": "history_version", "user": "tester", "tag": "pycon", "since": "2026-01-01",
              "name": "Ana Lima", "prefix": "an%", "later": "% an%", "pattern": "A%", "source": "mail",
              "match": '"pycon"* AND "ana"*', "after": 0, "limit": 10, "low": 1, "high": 2,
              "family_like": "% lima", "family_tag": "pycon", "folder": "/tmp/contacts", "strength": 2,
              "company_class": 1, "offset": 0, "rest_from": date(2026, 1, 1)}  # fmt: skip
    params["since"] = date(2026, 1, 1)
    from netlog.rules import due as rules

    window = rules.due_window(date(2026, 11, 23))._asdict()
    params.update(window)
    session_reader = SessionReader(Session(store.engine), store, owns_transactions=True)
    try:
        for name, wanted in compiled.PARAMS.items():
            given = {p: params[p] for p in wanted}
            assert store.reader.rows(name, given) == session_reader.rows(name, given), name
        assert store.reader.rows("search_matching_tagged", {"match": params["match"], "tag": "pycon"})  # not vacuous
    finally:
        session_reader.close()
        store.close()
