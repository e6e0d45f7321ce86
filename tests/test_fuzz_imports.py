"""Hostile files through every importer of the real CLI: random bytes, the project's fixtures cut short,
mutated (bytes flipped, inserted, deleted; a line's value replaced; lines doubled, dropped, swapped), in
another encoding, with a huge field, with mixed line ends, and for the JSON formats with hostile values
inside and deep nesting; as a file, from stdin, and as folders (vdir, Maildir). Every run keeps the
invariants of fuzzing.run: 0, 1 or 2, one line for 1, no traceback, integrity ok, a failed import wrote
nothing."""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from functools import lru_cache

import pytest
from conftest import FIXTURES
from fuzzing import (
    FORMATS,
    dates,
    emails,
    example_folder,
    examples,
    fixture_bytes,
    flag,
    fresh_network,
    hostile_file,
    mutated,
    run,
    text,
    urls,
    write_file,
)  # fmt: skip
from hypothesis import given, settings
from hypothesis import strategies as st

EXAMPLES = examples(0.4)  # of each format (fuzzing.examples)
CONTACT_FORMATS = ("linkedin", "vcard", "google", "json")


@lru_cache(maxsize=None)
def files_of(format: str) -> st.SearchStrategy[bytes]:
    return hostile_file(format)


def import_options(format: str) -> st.SearchStrategy[list[str]]:
    if format in CONTACT_FORMATS:
        choices = {"--dry-run": flag, "--tag": text}
    else:
        choices = {"--dry-run": flag, "--since": dates, "--me": st.one_of(emails, urls, text), "--no-subjects": flag,
                   "--add-new": flag, "--json": flag}  # fmt: skip
    return st.lists(st.sampled_from(sorted(choices)), max_size=3, unique=True).flatmap(
        lambda names: st.tuples(*[st.just([n]) if choices[n] is None else choices[n].map(lambda v, n=n: [n, v]) for n in names])
    ).map(lambda groups: [part for group in groups for part in group])


# The user's zone: moments near datetime's first and last days overflow when moved across the date line.
zones = st.sampled_from(["UTC", "Europe/Lisbon", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"])


@contextmanager
def in_zone(zone: str):
    old = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


@pytest.mark.parametrize("format", sorted(FORMATS))
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_every_importer_takes_any_file(tmp_path, format, data):
    before, root = fresh_network(), example_folder(tmp_path)
    content = data.draw(st.deferred(lambda: files_of(format)), label="file")
    options = data.draw(import_options(format), label="options")
    path = write_file(root, "input" + FORMATS[format][1], content)
    with in_zone(data.draw(zones, label="zone")):
        run(["import", format, str(path), *options], root, before)


@pytest.mark.parametrize("format", CONTACT_FORMATS)
@settings(max_examples=max(1, EXAMPLES // 3) if EXAMPLES < 1_000 else EXAMPLES)
@given(data=st.data())
def test_every_contact_importer_takes_anything_on_stdin(tmp_path, format, data):
    before, root = fresh_network(), example_folder(tmp_path)
    content = data.draw(st.deferred(lambda: files_of(format)), label="stdin")
    options = data.draw(import_options(format), label="options")
    write_file(root, "stdin", content)  # counted; the run reads the bytes from stdin
    run(["import", format, "-", *options], root, before, input=content)


# Folders: a vdir of cards, a Maildir, a calendar vdir; a few of their files hostile, the rest as shipped.
FOLDERS = {
    "vcard": FIXTURES / "vdir",
    "mail": FIXTURES / "touches" / "maildir",
    "calendar": FIXTURES / "touches" / "vdir",
}


@pytest.mark.parametrize("format", sorted(FOLDERS))
@settings(max_examples=max(1, EXAMPLES // 3) if EXAMPLES < 1_000 else EXAMPLES)
@given(data=st.data())
def test_every_folder_importer_takes_hostile_files_in_the_folder(tmp_path, format, data):
    before, root = fresh_network(), example_folder(tmp_path)
    folder = root / "folder"
    shutil.copytree(FOLDERS[format], folder, symlinks=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for victim in data.draw(st.lists(st.sampled_from(files), min_size=1, max_size=3, unique=True), label="files"):
        how = data.draw(st.sampled_from(["mutate", "bytes", "empty", "gone", "folder"]), label=f"what becomes of {victim.name}")
        if how == "mutate":
            victim.write_bytes(data.draw(mutated(victim.read_bytes())))
        elif how == "bytes":
            victim.write_bytes(data.draw(st.binary(max_size=2_000)))
        elif how == "empty":
            victim.write_bytes(b"")
        elif how == "gone":
            victim.unlink()
        else:
            victim.unlink()
            victim.mkdir()
        write_file(root, f"counted-{victim.name}", b"")  # each hostile file of the folder counts as one
    extra = data.draw(st.sampled_from([None, "junk.vcf", "junk.ics", "new/junk", "cur/junk:2,S", ".hidden.vcf"]), label="extra")
    if extra:
        (folder / extra).parent.mkdir(parents=True, exist_ok=True)
        (folder / extra).write_bytes(data.draw(st.sampled_from(fixture_bytes(format)).flatmap(mutated), label="extra file"))
    options = data.draw(import_options(format), label="options")
    with in_zone(data.draw(zones, label="zone")):
        run(["import", format, str(folder), *options], root, before)


def test_every_format_has_fixtures_to_mutate():
    for format in FORMATS:
        assert fixture_bytes(format), format
