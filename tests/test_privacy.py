"""The database is private to the user and netlog never talks to the network."""

from __future__ import annotations

import os
import socket
import stat

import pytest


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_database_is_0600_in_a_0700_folder(netlog, tmp_path):
    old = os.umask(0o022)  # a typical, permissive umask: netlog must not rely on it
    try:
        db = tmp_path / "fresh" / "deeper" / "netlog.db"
        netlog("--db", str(db), "add", "Ana Lima")
    finally:
        os.umask(old)
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    import sqlite3

    reader = sqlite3.connect(db)  # while a connection is open the WAL files exist: they must be private too
    try:
        reader.execute("SELECT COUNT(*) FROM contact").fetchone()
        for sidecar in (db.with_name("netlog.db-wal"), db.with_name("netlog.db-shm")):
            assert sidecar.exists() and mode(sidecar) & 0o077 == 0, f"{sidecar.name} is readable by others"
    finally:
        reader.close()


@pytest.mark.sqlite_only
def test_backup_is_0600(netlog, tmp_path):
    netlog("add", "Ana Lima")
    netlog("backup", str(tmp_path / "copy.db"))
    assert mode(tmp_path / "copy.db") == 0o600


def test_no_network(netlog, monkeypatch):
    """Any attempt to open a socket during the daily loop fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("netlog tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    netlog("add", "Ana Lima", "--met-at", "PyCon")
    netlog("log", "Ana", "coffee")
    netlog("due")
    netlog("show", "Ana")
    netlog("thank", "Ana")
