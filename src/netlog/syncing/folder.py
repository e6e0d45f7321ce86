"""A vdir folder as a sync sees it: each item file's UID, the SHA-256 of its bytes, its size and mtime. A
file whose size and mtime are what the last sync recorded is not read again (vdirsyncer trusts the same
two); any other is read and hashed, and parsed only when its hash is new."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from netlog.errors import BadInput


class Item:
    """One item file of the folder (a plain class with slots: a scan makes one per file, 10,000 at a time)."""

    __slots__ = ("path", "uid", "hash", "size", "mtime_ns", "text")

    def __init__(self, path: str, uid: str, hash: str, size: int, mtime_ns: int, text: str | None = None) -> None:
        self.path, self.uid, self.hash, self.size, self.mtime_ns, self.text = path, uid, hash, size, mtime_ns, text

    @property
    def file(self) -> Path:
        return Path(self.path)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def read(self) -> str:
        if self.text is None:
            self.text = self.file.read_bytes().decode("utf-8-sig")
        return self.text


@dataclass
class Scan:
    """The items of a folder by UID, and what could not be used (one line each)."""

    path: Path
    items: dict[str, Item] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # UIDs netlog must not write (a file of several items)
    unusable: set[str] = field(default_factory=set)  # names of files left as they are: not taken as deleted
    problems: list[str] = field(default_factory=list)
    foreign: int = 0  # item files of the other kind of folder (.ics among cards, .vcf among calendar items)
    without_uid: dict[str, tuple[str, str]] = field(default_factory=dict)  # one-item files with no UID: path -> (text, problem)


def open_folder(folder: str, what: str, create: bool, missing: str | None = None) -> Path:
    """The folder as a path, made (private, 0700) when it is not there and `create`; a file there, or a
    folder that cannot be made, is one clear error. `missing`: a folder that is not there is refused with this
    line (an address book is one vdirsyncer made: a mistyped path must not become a new one), whatever `create`."""
    if not folder.strip():
        raise BadInput(f"sync needs a folder of {what}: netlog sync contacts DIR.")
    path = Path(folder).expanduser()
    try:
        if path.exists() and not path.is_dir():
            raise BadInput(f"{folder} is a file; sync needs a folder of {what} (one a file, as vdirsyncer keeps them).")
        if not path.exists() and missing is not None:
            raise BadInput(missing)
        if not path.exists() and create:
            path.mkdir(parents=True, mode=0o700)
    except OSError as error:
        raise BadInput(f"Cannot make the folder {folder}: {error.strerror or error}.") from None
    return path


# Each kind of folder a sync keeps: its item files' suffix, what they are, and the command for it.
KINDS = {".vcf": ("cards (.vcf)", "sync contacts", "an address book's folder"),
         ".ics": ("calendar items (.ics)", "sync calendar", "a calendar's folder")}  # fmt: skip


KINDS_OTHER = {".vcf": ".ics", ".ics": ".vcf"}


def check_kind(scan: Scan, remembered: Iterable[str], suffix: str, label: str) -> None:
    """Refuse a folder of the other kind: one that holds the other kind's item files, or whose items netlog
    remembers as the other sync's (a calendar's folder given to `sync contacts` would take every item the
    calendar sync keeps there for a deleted card, and the reverse would write .ics files among the cards)."""
    other = KINDS_OTHER[suffix]
    if scan.foreign or any(name.lower().endswith(other) for name in remembered):
        what, command, _ = KINDS[other]
        _, mine, needs = KINDS[suffix]
        raise BadInput(f"{label} holds {what}: netlog {mine} needs {needs}, and {command} keeps this one; nothing was changed.")


def read(path: Path, suffix: str, remembered: Iterable[Mapping[str, Any]], uids_of: Callable[[str], list[str] | None], label: str) -> Scan:
    """A sync's look at its folder: every item file (scan), the folder refused when it is of the other kind
    (check_kind). `remembered`: the last sync's rows of this folder. Both syncs tell the user the scan's
    problems (each file left as it is, named once a run)."""
    rows = list(remembered)
    found = scan(path, suffix, {row["file"]: row for row in rows}, uids_of)
    check_kind(found, (row["file"] for row in rows), suffix, label)
    return found


def key_of(path: Path) -> str:
    """The name the database remembers a folder by: its absolute path, links resolved."""
    return text_of(str(path.resolve()))


def text_of(name: str) -> str:
    """A file name as text the database can keep: bytes that are not UTF-8 (os.fsdecode's surrogates) as
    backslash escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan(path: Path, suffix: str, known: Mapping[str, Mapping[str, Any]], uids_of: Callable[[str], list[str] | None]) -> Scan:
    """Every item file (name ending in `suffix`, any case, not hidden) of the folder. `known` is the last
    sync's rows by file name; `uids_of(text)` gives the UIDs in a file's text, or None when it is not a
    readable item."""
    found = Scan(path)
    if not path.is_dir():
        return found  # a dry run on a folder not made yet
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as error:
        raise BadInput(f"Cannot read the folder {path}: {error.strerror or error}.") from None
    items = found.items
    for entry in entries:
        name = entry.name
        if name[0] == "." or not name.lower().endswith(suffix) or not entry.is_file():
            if name[0] != "." and name.lower().endswith(KINDS_OTHER.get(suffix, "\0")):
                found.foreign += 1
            continue
        stat = entry.stat()
        row = known.get(name if name.isascii() else text_of(name))
        if row is not None and row["size"] == stat.st_size and row["mtime_ns"] == stat.st_mtime_ns:
            uid = row["uid"]
            if uid in items:
                _add(found, Item(entry.path, uid, row["hash"], stat.st_size, stat.st_mtime_ns))
            else:
                items[uid] = Item(entry.path, uid, row["hash"], stat.st_size, stat.st_mtime_ns)
            continue
        file = Path(entry.path)
        try:
            data = file.read_bytes()
            text = data.decode("utf-8-sig")
        except OSError as error:
            found.problems.append(f"{file}: cannot be read ({error.strerror or error}); left as it is.")
            found.unusable.add(text_of(name))
            continue
        except UnicodeDecodeError:
            found.problems.append(f"{file}: not UTF-8 text; left as it is.")
            found.unusable.add(text_of(name))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if row is not None and row["hash"] == digest:
            _add(found, Item(entry.path, row["uid"], digest, stat.st_size, stat.st_mtime_ns, text))
            continue
        uids = uids_of(text)
        if uids is None or len(uids) != 1:
            found.taken.update(u for u in uids or () if u)
            why = "is not a readable item" if uids is None else f"holds {len(uids)} items"
            found.problems.append(f"{file}: {why} (a vdir file holds one); left as it is.")
            found.unusable.add(text_of(name))
            continue
        if not uids[0]:
            problem = f"{file}: has no UID, so no sync can find it again; left as it is."
            found.problems.append(problem)
            found.unusable.add(text_of(name))
            found.without_uid[entry.path] = (text, problem)
            continue
        _add(found, Item(entry.path, uids[0], digest, stat.st_size, stat.st_mtime_ns, text))
    return found


def _add(found: Scan, item: Item) -> None:
    if item.uid in found.items:
        found.problems.append(f"{item.file}: the same UID as {found.items[item.uid].file.name}; left as it is.")
        found.taken.add(item.uid)
        return
    found.items[item.uid] = item


def stat_of(file: Path) -> tuple[int, int]:
    """A file's size and mtime, as a scan records them."""
    stat = file.stat()
    return stat.st_size, stat.st_mtime_ns


def digest(text: str) -> str:
    """The SHA-256 of the bytes a text is written as."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
