"""The vdir folder that khard, vdirsyncer and khal share (https://vdirsyncer.pimutils.org/en/stable/vdir.html):
one item a file, found by the UID inside it; which files count, how new files are named, and atomic writes.

Reading: a file is a card when its name ends in .vcf (any case); .tmp files, files without an extension
and hidden files are not cards. Writing: each card to a temporary file in the same folder (named
.netlog-*.tmp, so no reader takes it for a card), the disk flushed once for all of them, then each
renamed over its card: a reader sees the old card or the new one, never half of one. A changed card
keeps its file name, whatever that name is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from netlog.errors import BadInput
from netlog.values.files import write_all
from netlog.vcard import cardlines

# vdirsyncer's own safe characters for a file name made from a UID; "@" is left out on purpose (some
# servers mangle it in URLs), and a UID with anything else is named by its SHA-1, as vdirsyncer does.
SAFE_UID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-+")
MAX_NAME = 200  # bytes; file systems stop at 255


def card_files(folder: Path) -> list[Path]:
    """The card files of a vdir, sorted by name."""
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() == ".vcf" and not p.name.startswith(".") and p.is_file()
    )


def read_card_file(file: Path) -> tuple[str | None, str | None]:
    """A card file's text, or None and why it cannot be read."""
    try:
        return file.read_bytes().decode("utf-8-sig"), None
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error})"
    except UnicodeDecodeError:
        return None, "not UTF-8 text"


def file_name(uid: str) -> str:
    """The file name of a new card: <UID>.vcf when the UID is safe as a file name, else <sha1 of UID>.vcf
    (a UID may hold "/", spaces or anything else; the name is only a name, the UID inside is what counts)."""
    if uid and not uid.startswith(".") and set(uid) <= SAFE_UID_CHARS and len(uid) <= MAX_NAME:
        return uid + ".vcf"
    return hashlib.sha1(uid.encode("utf-8")).hexdigest() + ".vcf"


@dataclass
class Folder:
    """The cards found in a vdir: UID -> file, plus what could not be used (one line each)."""

    path: Path
    by_uid: dict[str, Path] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # UIDs in files netlog must not touch (several cards)
    problems: list[str] = field(default_factory=list)
    without_uid: dict[Path, str] = field(default_factory=dict)  # one-card files with no UID: file -> text
    adopted: set[Path] = field(default_factory=set)  # files of those given a contact's UID: written even unpatched


def read_folder(path: Path) -> Folder:
    """Every card file's UID (files are read once; a file that cannot be read is named and left alone)."""
    found = Folder(path)
    for file in card_files(path):
        text, why = read_card_file(file)
        if text is None:
            found.problems.append(f"{file}: {why}; left as it is.")
            continue
        split = cardlines.split_cards(cardlines.parse(text))
        uids = [_uid(card) for card in split.cards]
        if len(split.cards) != 1 or split.unclosed:
            found.taken.update(u for u in uids if u)
            why = "is not a readable vCard file" if split.unclosed or not split.cards else f"holds {len(split.cards)} cards"
            found.problems.append(f"{file}: {why} (a vdir file holds one card); left as it is.")
            continue
        if not uids[0]:
            found.without_uid[file] = text  # nobody netlog can find again, unless an export adopts it
            continue
        if uids[0] in found.by_uid:
            found.problems.append(f"{file}: the same UID as {found.by_uid[uids[0]].name}; left as it is.")
            continue
        found.by_uid[uids[0]] = file
        found.texts[file] = text
    return found


def uid_of(card: cardlines.Card) -> str | None:
    """A card's UID (None when it has none)."""
    return _uid(card)


def _uid(card: cardlines.Card) -> str | None:
    for prop in card.properties:
        if prop.name == "UID":
            return cardlines.unescape(prop.value).strip() or None
    return None


@dataclass
class Written:
    """What writing a vdir did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    def lines(self, folder: str) -> list[str]:
        """What to tell the user: each problem, then one summary line."""
        summary = f"Wrote {folder}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged."
        return [f"  {problem}" for problem in self.problems] + [summary]


def plan_cards(
    path: Path,
    contacts: Iterable[Mapping[str, Any]],
    uid_of: Callable[[Mapping[str, Any]], str],
    build: Callable[[Mapping[str, Any]], str],
    patch: Callable[[str, Mapping[str, Any]], str],
    folder: Folder,
) -> tuple[Written, dict[Path, str]]:
    """One card per contact in the folder (as `open_folder` read it): a contact whose UID is in a card gets
    that card patched (and rewritten only when the patch changed it); any other gets a new file. Cards of no
    contact stay. What it would do, and the texts to write (file -> text) for `write_files`; nothing is
    written here."""
    written = Written(problems=list(folder.problems))
    pending: dict[Path, str] = {}
    for contact in contacts:
        uid = uid_of(contact)
        if uid in folder.taken:
            written.problems.append(f"{contact['name']}: UID {uid} is in a file of several cards; not written.")
            continue
        file = folder.by_uid.get(uid)
        if file is None:
            file = free_name(path, uid, pending)
            pending[file] = build(contact)
            folder.by_uid[uid] = file
            written.new += 1
            continue
        old = folder.texts[file]
        new = patch(old, contact)
        if new == old and file not in folder.adopted:
            written.unchanged += 1
        else:
            pending[file] = new
            written.updated += 1
    return written, pending


def open_folder(path: Path) -> Folder:
    """The vdir at `path`, made when missing (0700), and its cards read."""
    _make_folder(path)
    return read_folder(path)


def _make_folder(path: Path) -> None:
    try:  # exists() raises too, on a name the system refuses (too long)
        if path.exists() and not path.is_dir():
            raise BadInput(f"{path} is a file; --vdir needs a folder (one card a file).")
        if not path.is_dir():  # a new folder is private (0700), like every folder netlog makes; one there keeps its mode
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.chmod(0o700)
    except OSError as error:
        raise BadInput(f"Cannot make the folder {path}: {error.strerror or error}.") from None


def free_name(folder: Path, uid: str, taken: Mapping[Path, Any] = {}) -> Path:
    """<UID>.vcf, unless a file of that name is there already (another program's card, an unreadable
    one, the same name in another case on a case-insensitive disk, or one about to be written): then the
    hashed name, numbered."""
    for candidate in _names(uid):
        if folder / candidate not in taken and not (folder / candidate).exists():
            return folder / candidate
    raise BadInput(f"No free file name for the card {uid} in {folder}.")


def _names(uid: str) -> Iterator[str]:
    """free_name's candidates, in order, made only as far as they are needed."""
    yield file_name(uid)
    hashed = hashlib.sha1(uid.encode("utf-8")).hexdigest()
    yield hashed + ".vcf"
    for n in range(2, 100):
        yield f"{hashed}-{n}.vcf"


def write_files(texts: Mapping[Path, str]) -> None:
    """Each card whole (temporary file, rename), the disk flushed once for all of them; a replaced card
    keeps its mode, a new one is 0600."""
    if not texts:
        return
    try:
        write_all([(file, text.encode("utf-8"), card_mode(file)) for file, text in texts.items()])
    except OSError as error:
        where = error.filename or next(iter(texts)).parent
        raise BadInput(f"Cannot write {where}: {error.strerror or error}.") from None


def card_mode(file: Path) -> int:
    """The mode a card is written with: a replaced card's own, else 0600 (cards hold emails and private
    notes; everything netlog writes is 0600)."""
    try:
        return file.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o600
