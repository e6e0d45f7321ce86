"""Shared fixtures: every test gets its own database and a fixed today; nothing can reach the user's real
data directory.

The database is a SQLite file under tmp_path, unless NETLOG_TEST_DB_URL names a PostgreSQL server
(`.ci/run` runs the suite a second time that way): each test then gets a database of its own on it, a copy
of one netlog created once for the session, dropped afterwards (or handed to the next test when left as copied). Tests that need a server whatever the pass (`pg_url`) use
NETLOG_TEST_DB_URL or NETLOG_TEST_PG_URL, else start a throwaway one with scripts/pg-test-server; they
skip, saying why, only when none could be started, and fail instead when CI is set."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import pytest
from typer.testing import CliRunner

TODAY = "2026-11-23"  # a Monday
FIXTURES = Path(__file__).parent / "fixtures"
# /work/shared/data beside the checkout: two levels up from /work/main/tests, three from a worktree's
# /work/wt/NAME/tests; the nearest one found walking up.
SHARED_DATA = next(
    (p / "shared" / "data" for p in Path(__file__).resolve().parents[1:] if (p / "shared" / "data").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "data",
)
SERVER_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "pg-test-server"
SUITE_URL = os.environ.get("NETLOG_TEST_DB_URL")  # the whole suite runs against this server
_numbers = itertools.count(1)


def _admin_connect(server_url: str):
    import psycopg

    url = server_url.replace("postgresql+psycopg://", "postgresql://", 1)
    return psycopg.connect(url, autocommit=True)


def _fresh_database(server_url: str, template: str = "template0"):
    """A new database on the server, a copy of `template` (template0: empty): (its URL, a function that drops it)."""
    import psycopg.errors

    name = f"netlog_test_{os.getpid()}_{next(_numbers)}"
    with _admin_connect(server_url) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        try:  # PostgreSQL 15+; create + drop through psql measured 0.16 s so, 0.26 s with the default WAL_LOG
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        except psycopg.errors.SyntaxError:  # an older server
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    base, _, _ = server_url.rpartition("/")

    def drop() -> None:
        with _admin_connect(server_url) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return f"{base}/{name}", drop


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason}")


# The server pass gives every test a database of its own, a copy of one that netlog created once for the session
# (netlog's schema in it, as a test's first command would make it: about 0.1 s of DDL each, saved); copying costs
# more under load (a checkpoint), and many tests never open theirs (the rules, the parsers). A database a test left
# exactly as copied (the same catalogue, rows and sequences as the template, nobody connected) is handed to the
# next test instead of dropped.
_spare: list[tuple[str, Callable[[], None]]] = []
_template: dict[str, Any] = {}


def _schema_template() -> str:
    """The session's template database: netlog's schema and its cache's versions, made by netlog on a fixed today
    (its migration record says that day), as a test's first command would make them; and its fingerprint."""
    if not _template:
        from netlog.network import cache
        from netlog.storage.opening import open_store

        url, drop = _fresh_database(SUITE_URL)
        saved = os.environ.get("NETLOG_TODAY")
        os.environ["NETLOG_TODAY"] = TODAY
        try:
            store = open_store(url)
            try:
                cache.ensure_current(store)  # the cache's versions, as any command's first read records them
            finally:
                store.close()
        finally:
            if saved is None:
                del os.environ["NETLOG_TODAY"]
            else:
                os.environ["NETLOG_TODAY"] = saved
        fingerprint = None
        for _ in range(100):  # (the template's own session may take a moment to end)
            if (fingerprint := _fingerprint(url)) is not None:
                break
            time.sleep(0.05)
        _template.update(url=url, drop=drop, name=url.rpartition("/")[2], fingerprint=fingerprint)
    return _template["name"]


def _suite_database() -> tuple[str, Callable[[], None]]:
    return _spare.pop() if _spare else _fresh_database(SUITE_URL, _schema_template())


def _fingerprint(url: str, tables: Sequence[str] | None = None) -> tuple[Any, ...] | None:
    """What a test could have changed in the database at `url`, in one query: its catalogue (every relation,
    attribute, routine, type, namespace, trigger and extension), every sequence's position and the rows of each of
    `tables` (the template's: their names are part of the catalogue); None while another session is connected to it,
    or when one of `tables` is gone. Without `tables`, the tables are read first (the template's own fingerprint)."""
    import psycopg

    user = "NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True) as conn:
        if tables is None:
            tables = [row[0] for row in conn.execute("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                                                      " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")]  # fmt: skip
        rows = "".join(f", (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t)" for table in tables)
        try:
            found = conn.execute(
                "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid != pg_backend_pid()),"
                f" (SELECT md5(string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY n.nspname, c.relname))"
                f"  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname {user}),"
                " (SELECT md5(string_agg(a.attrelid::regclass::text || '.' || a.attname || ':' || a.atttypid::text || ':'"
                "  || a.attnotnull::text || ':' || a.attisdropped::text, ',' ORDER BY a.attrelid::regclass::text, a.attnum))"
                f"  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                f"  WHERE n.nspname {user}),"
                f" (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname {user}),"
                f" (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname {user}),"
                " (SELECT count(*) FROM pg_namespace), (SELECT count(*) FROM pg_trigger), (SELECT count(*) FROM pg_extension),"
                " (SELECT string_agg(schemaname || '.' || sequencename || ':' || coalesce(last_value::text, '-'), ','"
                "  ORDER BY schemaname, sequencename) FROM pg_sequences)" + rows
            ).fetchone()
        except psycopg.Error:  # a table of the template is gone
            return None
    if found[0]:
        return None
    return (tuple(tables), *found[1:])


def _release(url: str, drop: Callable[[], None]) -> None:
    if _fingerprint(url, _template["fingerprint"][0]) == _template["fingerprint"]:
        _spare.append((url, drop))
    else:
        drop()


def pytest_sessionfinish(session, exitstatus):
    while _spare:
        _spare.pop()[1]()
    if _template:
        _template["drop"]()


@pytest.fixture(scope="session")
def pg_server() -> str:
    """A PostgreSQL server URL: the suite's, NETLOG_TEST_PG_URL, or a throwaway one started here."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test,postgres]')")
    url = SUITE_URL or os.environ.get("NETLOG_TEST_PG_URL")
    if url:
        yield url
        return
    started = subprocess.run([str(SERVER_SCRIPT), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        _unavailable(f"scripts/pg-test-server start failed: {started.stderr.strip()[-500:]}")
    env = dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    try:
        yield env["NETLOG_TEST_DB_URL"]
    finally:
        subprocess.run([str(SERVER_SCRIPT), "stop", env["PG_TEST_DIR"]], capture_output=True)


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    url, drop = _fresh_database(pg_server)
    yield url
    drop()


# The rule scenarios run on the pure rules (and cut by rules.rank_top at every length: "top") and through `netlog due`'s own read of a database (one per
# backend for the whole session, emptied before each scenario): the sqlite3 path and SQLAlchemy on PostgreSQL.
RULE_BACKENDS = ("pure", "top", "sqlite", "postgresql")
SCENARIO_TABLES = ("intro_offer", "dismissal", "tag", "touch", "contact_state", "contact")


@pytest.fixture(scope="session")
def scenario_db_sqlite(tmp_path_factory):
    from netlog.storage.location import database_url
    from netlog.storage.opening import open_store

    store = open_store(database_url(str(tmp_path_factory.mktemp("scenarios") / "scenarios.db")))
    yield store
    store.close()


@pytest.fixture(scope="session")
def scenario_db_postgresql(pg_server):
    from netlog.storage.opening import open_store

    url, drop = _fresh_database(pg_server)
    store = open_store(url)
    yield store
    store.close()
    drop()


def rank_stored(store, today, ties, intros=()):
    """Store the ties (contact, cached History, dismissals) and intro offers as netlog would, then rank
    them with `netlog due`'s own read (due_items), which reads only the contacts its window selects."""
    from sqlalchemy import table

    from netlog.network import cache
    from netlog.network.agenda import due_items
    from netlog.storage import records
    from netlog.storage.statements import TIE_COLUMNS

    def write(session) -> None:
        for name in SCENARIO_TABLES:
            session.execute(table(name).delete())
        ids = {tie.id for tie in ties}
        records.insert_contacts(
            session,
            [{**{f: getattr(t, f) for f in TIE_COLUMNS}, "introduced_by_id": None, "created_on": t.created_on or today}
             for t in ties],
        )  # fmt: skip
        for tie in ties:  # after every contact exists, so each reference finds its row
            if tie.introduced_by_id in ids:
                records.update_contact(session, tie.id, {"introduced_by_id": tie.introduced_by_id})
        histories = {t.id: cache.cached_row(t.history, {**t._asdict(), "created_on": t.created_on or today}) for t in ties}
        records.save_histories(session, histories)  # each History with the day the cache keeps beside it
        records.insert_dismissals(
            session, [{"contact_id": t.id, "action": a, "done_on": on} for t in ties for a, on in t.done.items()]
        )
        for offer in intros:
            records.insert_intro(session, offer._asdict())

    store.write(write)
    return due_items(store.reader, today)


def rank_cut(today, ties, intros=(), **options):
    """rules.rank_due, checked against rules.rank_top (issue 25: a terminal ranks only what it shows): every cut
    of the list, from the first item to one past the last, is the list's head, with the list's length and picks."""
    from netlog.rules import due as rules

    everything = rules.rank_due(today, ties, intros, **options)
    by_id = {tie.id: tie for tie in ties}
    for top in range(1, len(everything) + 2):
        assert rules.rank_top(today, ties, intros, top=top, **options) == (
            everything[:top], len(everything), rules.day_picks(everything, by_id)
        ), top
    return everything


@pytest.fixture(params=RULE_BACKENDS)
def rank_due(request):
    """rules.rank_due, or the same contacts stored and ranked by `netlog due`'s read (sqlite3, PostgreSQL)."""
    from netlog.rules import due as rules

    if request.param == "pure":
        return rules.rank_due
    if request.param == "top":
        return rank_cut
    db = request.getfixturevalue(f"scenario_db_{request.param}")
    return lambda today, ties, intros=(): rank_stored(db, today, ties, intros)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, request):
    """Point netlog at a fresh database (tmp_path or the suite's server), config and data dirs; fix today."""
    if SUITE_URL:
        url, drop = _suite_database()
        request.addfinalizer(lambda: _release(url, drop))
        monkeypatch.setenv("NETLOG_DB", url)
    else:
        monkeypatch.setenv("NETLOG_DB", str(tmp_path / "netlog.db"))
    monkeypatch.setenv("NETLOG_TODAY", TODAY)
    monkeypatch.setenv("NETLOG_USER", "tester")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("NETLOG_TEMPLATES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    yield


@pytest.fixture
def db_path(tmp_path) -> Path:
    """The SQLite file of this test; tests about the file itself run in the SQLite pass only."""
    if SUITE_URL:
        pytest.skip("tests a SQLite file; it runs in the SQLite pass")
    return Path(os.environ["NETLOG_DB"])


class Netlog:
    """The real CLI, in process, with helpers for what tests check most."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):
        from netlog.cli import app

        result = self.runner.invoke(app, list(args), input=input, prog_name="netlog")
        if ok and result.exit_code != 0:
            raise AssertionError(
                f"netlog {' '.join(args)} exited {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
                f"\nexception: {result.exception!r}"
            )
        return result

    def json(self, *args: str):
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def netlog() -> Netlog:
    return Netlog()


# Hypothesis: a small derandomised "default" profile for every run (the same examples on every run, so CI is
# repeatable; the whole fuzz suite in well under a minute) and a random "long" one with thousands of examples,
# the separate fuzz command (README.md): pytest --hypothesis-profile=long tests/test_fuzz*.py tests/test_cards.py
from hypothesis import HealthCheck, settings  # noqa: E402

_FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("default", max_examples=70, derandomize=True, database=None, **_FUZZ)
settings.register_profile("long", max_examples=2000, derandomize=False, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_runtest_setup(item):
    """`@pytest.mark.sqlite_only`: tests of the SQLite file itself or of the SQLite fast path (start-up
    imports, file modes, PRAGMA integrity_check) run in the SQLite pass and say so in the server pass."""
    if SUITE_URL and item.get_closest_marker("sqlite_only"):
        pytest.skip("tests the SQLite file or its fast path; it runs in the SQLite pass")


def pytest_terminal_summary(terminalreporter):
    """The fuzz's figures (tests/fuzzing.py), for the closing note of a long run."""
    import sys

    fuzzing = sys.modules.get("fuzzing")
    if fuzzing and fuzzing.COUNTS["runs"]:
        counts = fuzzing.COUNTS
        terminalreporter.write_line(f"fuzz: {counts['runs']:,} CLI runs checked, {counts['files']:,} hostile files imported")


@pytest.fixture
def morning(netlog):
    """The review tests' morning (CliRunner and pseudo-terminal alike): four items on 2026-11-23: thank Ana
    (she has an email), thank Cy, nudge Bo, report back to Gus."""
    netlog("me", "--name", "Sam Rivera")
    netlog("add", "Ana Lima", "--met-at", "PyCon", "--topics", "search, hiring", "--on", "2026-11-22", "--strength", "medium",
           "--email", "ana@example.org", "--company", "Contoso", "--title", "Head of Search")  # fmt: skip
    netlog("add", "Bo Berg", "--strength", "medium", "--on", "2026-01-10")
    netlog("log", "Bo", "email", "--on", "2026-11-14", "--note", "the Lisbon role")
    netlog("add", "Cy Ng", "--on", "2026-11-21", "--met-at", "Lisbon meetup")
    netlog("add", "Gus Berg", "--strength", "medium", "--on", "2026-10-01")
    netlog("log", "Gus", "intro", "--to", "Dara Ng", "--on", "2026-11-16")
    netlog("log", "Dara", "coffee", "--on", "2026-11-18")  # a working day before the last: the report-back is late
    netlog("done", "Dara", "thank")
    return netlog


# CardDAV/CalDAV (issue 22): the sync round-trip tests talk to a real server (Radicale). NETLOG_TEST_DAV_URL
# names one (.ci/run starts it with scripts/dav-test-server); else one is started here for the session.
DAV_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "dav-test-server"


@pytest.fixture(scope="session")
def dav_server() -> str:
    """The root of a DAV user's collections (http://127.0.0.1:PORT/netlog/); tests make their own
    collections under it (tests/helpers/dav.py). Skips saying why when no server can be started; fails in CI."""
    url = os.environ.get("NETLOG_TEST_DAV_URL")
    if url:
        yield url if url.endswith("/") else url + "/"
        return
    try:
        started = subprocess.run([str(DAV_SCRIPT), "start"], capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        started = subprocess.CompletedProcess([], 1, "", "timed out after 600 s")
    if started.returncode != 0:
        reason = f"scripts/dav-test-server start failed: {started.stderr.strip()[-500:]}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"a DAV server is required in CI: {reason}")
        pytest.skip(f"no DAV server: {reason}")
    env = dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    try:
        yield env["NETLOG_TEST_DAV_URL"]
    finally:
        subprocess.run([str(DAV_SCRIPT), "stop", env["DAV_TEST_DIR"]], capture_output=True)
