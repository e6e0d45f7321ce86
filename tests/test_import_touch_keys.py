"""An import knows a touch it has seen before by reading the touches of the contacts its records reach, one
contact at a time, or all at once when its records reach many (storage/reads.ByContact): either way a
backup imported again adds nothing, and touches alike in one file (two calls on one day) stay two."""

from __future__ import annotations

import json

import pytest

from netlog.storage import reads


def _network(netlog) -> None:
    for n in range(8):
        netlog("add", f"Ana{n} Lima", "--on", "2026-10-0{}".format(1 + n % 9), "--topics", "search")
        netlog("log", f"Ana{n}", "call", "--on", "2026-11-02", "--note", "the launch")
        netlog("log", f"Ana{n}", "call", "--on", "2026-11-02", "--note", "the launch")  # two alike: both kept
        if n % 2:
            netlog("log", f"Ana{n}", "email", "--on", "2026-11-10", "--no-reply")


@pytest.mark.parametrize("share", [1, 2])  # one contact at a time throughout; all at once from the fifth
def test_a_backup_imported_again_adds_nothing(netlog, tmp_path, monkeypatch, share):
    _network(netlog)
    monkeypatch.setattr(reads, "READ_ALL_SHARE", share)
    backup = netlog("export", "json").stdout
    result = netlog("import", "json", "-", input=backup)
    assert "0 new, 0 updated, 8 unchanged" in result.stderr
    assert netlog("export", "json").stdout == backup
    document = json.loads(backup)
    for contact in document["contacts"]:  # one more call alike on the same day: the third is new
        contact["touches"].append(dict(next(t for t in contact["touches"] if t["kind"] == "call")))
    result = netlog("import", "json", "-", input=json.dumps(document))
    assert "0 new, 8 updated" in result.stderr
    calls = [t for c in json.loads(netlog("export", "json").stdout)["contacts"] for t in c["touches"] if t["kind"] == "call"]
    assert len(calls) == 24
