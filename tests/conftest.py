"""Shared fixtures: every test gets its own database file under tmp_path and a fixed today; nothing can
reach the user's real data directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

TODAY = "2026-11-23"  # a Monday
FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point netlog at tmp_path (database, config, data dirs) and fix today."""
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


# Hypothesis: a small "default" profile for every run (the whole fuzz suite in well under a minute) and
# a "long" one with thousands of examples: pytest --hypothesis-profile=long tests/test_fuzz.py
from hypothesis import HealthCheck, settings  # noqa: E402

_FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("default", max_examples=70, **_FUZZ)
settings.register_profile("long", max_examples=2000, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
