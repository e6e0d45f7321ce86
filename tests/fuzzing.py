"""What the fuzz (tests/test_fuzz*.py) is made of: hostile values and hostile files as hypothesis strategies,
a seeded network every example starts from, and one run of the real CLI with every invariant checked:

- the exit code is 0, 1 or 2, and nothing escapes as a traceback (CliRunner's exception is None or SystemExit);
- exit 1 is exactly one line on stderr, starting with "netlog: ";
- `PRAGMA integrity_check` is ok afterwards (SQLite pass);
- a run that exited non-zero wrote nothing: `netlog export json` is what it was before;
- what a run that succeeded stored passes the door (netlog.values.validation, through the JSON importer's check of
  the network's export): no value `edit` or a restore would refuse was stored.

COUNTS keeps the figures for the closing note (conftest.py prints them at the end of a session)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from conftest import FIXTURES, SUITE_URL
from hypothesis import settings
from hypothesis import strategies as st
from typer.testing import CliRunner

COUNTS: Counter = Counter()  # "runs": CLI invocations checked; "files": hostile files written and imported
RUNNER = CliRunner()

def examples(share: float) -> int:
    """How many examples a fuzz test runs: in the CI-sized default profile a share of its count (a run costs
    10-30 ms, and the whole fuzz must stay well under a minute), in a long profile every one."""
    count = settings.default.max_examples
    return count if count >= 1_000 else max(1, round(count * share))


# --- values -----------------------------------------------------------------------------------------------

SEEDED = ["Ana Lima", "Bo Berg", "Noor Haddad", "Renée Fournier", "Tomas Berg", "Cy Ng"]
HOSTILE = [
    "", " ", "-", "--", "--help", "-h", "--yes", "'", '"', "\\", "%", "_", "*", "[", "a'; DROP TABLE contact; --",
    "Robert'); DELETE FROM touch;--", "NULL", "\x00", "a\x00b", "\n", "\r\n", "\t", "\x1b[2J\x1b]0;pwned\x07",
    "\x7f", "\x85", "\u2028", "\u202e", "\ufeff", "\u200d", "\ufffd", "é", "e\u0301", "İ", "ß", "ǅ", "ﬃ", "Ζωή",
    "李小龙", "🙂", "x" * 301, "x" * 10_000, "x" * 50_001, " " * 1_000, "ana", "ANA", "An", "lima", "renee",
    "#", "#0", "#1", "#2", "#3", "#-1", "#1.5", "# 1", "#01", "#²", "#١", "#９", "##1", "#9223372036854775808",
    "#" + "9" * 400, "\udcff", "caf\udce9",
]  # fmt: skip
# Bytes a shell passes that are not UTF-8 arrive in argv as surrogate escapes, as Python decodes them.
argv_bytes = st.binary(max_size=12).map(lambda b: b.decode("utf-8", "surrogateescape"))
any_text = st.text(max_size=40)  # every code point but the lone surrogates, which argv cannot carry
text = st.one_of(st.sampled_from(HOSTILE), any_text, argv_bytes, st.sampled_from(SEEDED))
names = st.one_of(st.sampled_from(SEEDED + ["ana", "Bo", "#1", "#2", "#4", "renee", "Tomas", "Berg"]), text)
numbers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "-0", "1", "3", "92", "93", "1e9", "0x10", "NaN", "inf", " 3", "3 ", "٣", "²", "",
                     "9" * 400, "9" * 5_000, "2147483648", "9223372036854775808", "+3", "3_000", "１"]),  # fmt: skip
    text,
)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from([
        "today", "yesterday", "tomorrow", "last friday", "next monday", "in 2 weeks", "3 days ago", "in 99999999 years",
        "99999999 days ago", "0000-00-00", "2026-02-30", "2026-13-01", "1900-01-01", "1899-12-31", "0001-01-01",
        "9999-12-31", "99999-01-01", "-1", "2026-11-23T10:00", "23/11/2026", "11/23/26", "next decade", "now",
    ]),  # fmt: skip
    text,
)
cadences = st.one_of(
    st.sampled_from(["2w", "3 months", "45d", "1d", "0d", "-1w", "99999999999d", "36500d", "36501d", "1.5w", "weekly",
                     "1y", "100y", "101y", "w", "2", "2 fortnights"]),  # fmt: skip
    numbers.map(lambda n: n + "d"),
    text,
)
levels = st.one_of(st.sampled_from(["acquaintance", "weak", "medium", "strong", "close", "WEAK", "0", "1", "5", "6", "-1"]), numbers)
kinds = st.one_of(st.sampled_from(["met", "call", "coffee", "email", "message", "intro", "favor-received", "thanks",
                                   "report", "connected", "Coffee", "coffe", "favour"]), text)  # fmt: skip
actions = st.one_of(st.sampled_from(["thank", "nudge", "meet", "report-back", "keep-in-touch", "intro", "Thank", "nudg"]), text)
drafts = st.one_of(st.sampled_from(["thank", "nudge", "reach-out", "report-back", "tell-introducer", "circle-back",
                                    "reconnect", "congratulate", "intro-ask", "intro-send", "birthday"]), text)  # fmt: skip
birthdays = st.one_of(
    st.sampled_from(["03-14", "--0314", "19900314", "1990-03-14T00:00:00Z", "02-30", "02-29", "1990-02-29", "2000-02-29",
                     "99-99", "00-00", "12-31", "1899-01-01", "9999-12-31", "0000-01-01", "3-14", "14-03"]),  # fmt: skip
    dates,
)
emails = st.one_of(st.sampled_from(["ana@example.org", "ANA@EXAMPLE.ORG ", "not-an-address", "@", "a@", "a@b@c", "a b@c",
                                    "<a@b>", "a@b\x00c", "kim.oduya@example.org"]), text)  # fmt: skip
urls = st.one_of(st.sampled_from(["https://www.linkedin.com/in/ana", "linkedin.com/in/ana/", "linkedin", "/", "http://",
                                  "javascript:alert(1)"]), text)  # fmt: skip
flag = None  # an option without a value


# --- paths: everything a fuzzed path names lies under the test's own folder (or is /dev/null) -------------


@dataclass(frozen=True)
class PathSpec:
    """A path the strategy chose, made real under the example's folder just before the run."""

    kind: str
    name: str = "x"

    def make(self, root: Path) -> str:
        out = root / "out"
        out.mkdir(exist_ok=True)
        existing = out / "existing"
        if not existing.exists():
            existing.write_text("old\n")
        if self.kind == "new":
            return str(out / self.name)
        if self.kind == "folder":
            return str(out)
        if self.kind == "folder/":
            return str(out) + "/"
        if self.kind == "missing":
            return str(out / "no" / "such" / "folder" / self.name)
        if self.kind == "existing":
            return str(existing)
        if self.kind == "link":
            link = out / "link"
            if not link.is_symlink():
                link.symlink_to(existing)
            return str(link)
        if self.kind == "dangling":
            link = out / "dangling"
            if not link.is_symlink():
                link.symlink_to(out / "nowhere" / "at-all")
            return str(link)
        if self.kind == "fifo":
            fifo = out / "fifo"
            if not fifo.exists():
                os.mkfifo(fifo)
            return str(fifo)
        if self.kind == "database":
            return os.environ["NETLOG_DB"]
        if self.kind == "long":
            return str(out / ("x" * 300))  # over NAME_MAX (255)
        if self.kind == "url":
            return "sqlite:///" + str(out / self.name)
        return self.kind  # "-", "", "/dev/null", "/dev/full", a text as typed


file_names = st.one_of(
    st.sampled_from(["a.json", ".", "..", " ", "-", "--help", "x" * 300, "é.vcf", "a\x00b", "\udcff", "a\nb", "~"]),
    st.text(st.characters(exclude_characters="/"), min_size=1, max_size=30),
)


def paths(*kinds: str, typed: Sequence[str] = ()) -> st.SearchStrategy:
    """Paths of these kinds (see PathSpec), and texts typed as they are."""
    return st.one_of(
        st.builds(PathSpec, st.sampled_from(kinds), file_names),
        *([st.sampled_from(typed).map(PathSpec)] if typed else []),
    )


# --- command lines ----------------------------------------------------------------------------------------


@st.composite
def command_line(draw, command: str, positional: Sequence, options: dict) -> list:
    """`command`, its positional values (a None strategy value leaves that one and the rest out), and any
    options of `options` in any order, repeated at times (a value of None: a flag), now and then a stray
    argument or an unknown option."""
    groups: list[list] = []
    for value in positional:
        drawn = draw(value)
        if drawn is None:
            break
        groups.append([drawn])
    chosen = draw(st.lists(st.sampled_from(sorted(options)), max_size=min(len(options), 5))) if options else []
    for name in chosen:
        groups.append([name] if options[name] is None else [name, draw(options[name])])
    groups += [[stray] for stray in draw(st.lists(st.sampled_from(["--bogus", "stray", "--", "-x", "-h"]), max_size=1))]
    if draw(st.integers(0, 3)) == 0:  # Click takes options between and after the positional values
        groups = draw(st.permutations(groups))
    return [command, *(part for group in groups for part in group)]


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


# --- the seeded network -----------------------------------------------------------------------------------

KIM = ["me", "--name", "Kim Oduya", "--email", "kim.oduya@example.org", "--linkedin", "https://www.linkedin.com/in/kim-oduya"]
SEED = [
    KIM,
    ["add", "Ana Lima", "--on", "2026-11-20", "--met-at", "PyCon", "--topics", "search, hiring", "--strength", "medium",
     "--email", "ana@example.org", "--company", "Acme", "--tag", "pycon", "--note", "café ☕ 'quoted'"],
    ["add", "Ana Lima", "--new", "--email", "ana.lima@example.org", "--company", "Acme", "--on", "2025-01-10"],
    ["add", "Bo Berg", "--company", "Acme", "--every", "2w", "--on", "2026-10-01", "--strength", "strong"],
    ["add", "Noor Haddad", "--email", "noor@haddad.example", "--on", "2026-05-01", "--company", "Northwind"],
    ["add", "Renée Fournier", "--email", "Renee@Fournier.example ", "--on", "2026-05-01"],
    ["add", "Tomas Berg", "--email", "tomas@berg.example", "--on", "2026-05-01", "--introduced-by", "Noor Haddad"],
    ["log", "Bo Berg", "favor-received", "--on", "yesterday", "--note", "reviewed my talk"],
    ["log", "Noor Haddad", "intro", "--to", "Cy Ng", "--on", "2026-11-18"],
    ["log", "Renée Fournier", "email", "--on", "2026-11-02", "--advice", "the Lisbon role"],
    ["intro", "Bo Berg", "Noor Haddad", "--note", "both hiring in Lisbon"],
    ["edit", "Bo Berg", "--birthday", "11-25", "--moment", "started at Contoso", "--tag", "mentor"],
]  # fmt: skip


class _Template:
    """The seeded network as a SQLite file (made once a session) and its `export json`."""

    path: Path | None = None
    export: str = ""


def _invoke(args: Sequence[str], input: bytes | str | None = None, env: dict | None = None):
    from netlog.cli import app

    return RUNNER.invoke(app, list(args), input=input, env=env, prog_name="netlog")


def _seeded_template() -> _Template:
    if _Template.path is None:
        folder = Path(tempfile.mkdtemp(prefix="netlog-fuzz-seed-"))
        path = folder / "seed.db"
        for args in SEED:
            result = _invoke(["--db", str(path), *args])
            assert result.exit_code == 0, (args, result.stderr)
        with sqlite3.connect(path) as conn:  # the whole database in the one file, ready to copy
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _Template.export = _invoke(["--db", str(path), "export", "json"]).stdout
        (folder / "seed.json").write_text(_Template.export, encoding="utf-8")
        _Template.path = path
    return _Template


def seed_export() -> Path:
    """The seeded network as a netlog JSON export (a fixture for the json importer)."""
    return _seeded_template().path.with_name("seed.json")


_seeded_servers: set[str] = set()


def fresh_network() -> str:
    """Start an example from the seeded network; returns its `export json`. On SQLite the database is a fresh
    copy of the seed each time; on a server it is seeded once per test and then kept (examples add up)."""
    template = _seeded_template()
    target = os.environ["NETLOG_DB"]
    if not SUITE_URL:  # a new file each time: no connection of an earlier example can reach it
        COUNTS["networks"] += 1
        target = str(Path(target).with_name(f"fuzz-{COUNTS['networks']}.db"))
        shutil.copyfile(template.path, target)
        os.chmod(target, 0o600)
        os.environ["NETLOG_DB"] = target  # the isolated fixture's monkeypatch puts the test's own back
        return template.export
    if target not in _seeded_servers:
        for args in (["import", "json", str(seed_export())], KIM):
            result = _invoke(args)
            assert result.exit_code == 0, (args, result.stderr)
        _seeded_servers.add(target)
    return export()


def export() -> str:
    result = _invoke(["export", "json"])
    assert result.exit_code == 0, ("export json after a run", result.stderr, result.exception)
    return result.stdout


# --- one run, every invariant -----------------------------------------------------------------------------


def check_integrity() -> None:
    if SUITE_URL:
        return
    path = Path(os.environ["NETLOG_DB"])
    if path.exists():
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def example_folder(tmp_path: Path) -> Path:
    """A new folder for one example's files (hypothesis runs every example of a test in one tmp_path)."""
    COUNTS["examples"] += 1
    folder = tmp_path / f"example-{COUNTS['examples']}"
    folder.mkdir()
    return folder


def run(args: Sequence, root: Path, before: str | None = None, input: bytes | str | None = None, env: dict | None = None):
    """Run `netlog ARGS` (PathSpecs made under `root`) and check every invariant; `before`: the network's
    export before the run, which a run that failed must leave as it was."""
    args = [a.make(root) if isinstance(a, PathSpec) else a for a in args]
    COUNTS["runs"] += 1
    here = os.getcwd()
    os.chdir(root)  # a relative path a run makes up (`backup stray`, `--db -h`) lands in the example's folder
    try:
        result = _invoke(args, input=input, env=env)
    finally:
        os.chdir(here)
    where = f"netlog {args!r}"[:2_000]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{where} raised:\n{''.join(traceback.format_exception(*result.exc_info))}")
    assert result.exit_code in (0, 1, 2), (where, result.exit_code, result.stderr[-2_000:])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, (where, result.stderr[-2_000:])
    if result.exit_code in (1, 2):  # a user error, or a usage error (Click's exit code 2): one line either way
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("netlog: "), (where, result.stderr[-2_000:])
    check_integrity()
    if before is not None and result.exit_code != 0:
        assert export() == before, (where, "exited", result.exit_code, "and changed the network", result.stderr[-500:])
    if before is not None and result.exit_code == 0:
        stored_values_pass_the_door(where)
    return result


def stored_values_pass_the_door(where: str) -> None:
    """Every value in the database passes validation: the network's export reads back as a netlog backup."""
    from netlog.errors import NetlogError
    from netlog.importers import jsonio

    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        file.write(export())
        file.flush()
        try:
            jsonio.read([file.name])
        except NetlogError as error:
            raise AssertionError(f"{where} stored a value the door refuses: {error}") from None


# --- hostile files ----------------------------------------------------------------------------------------

FORMATS = {  # format -> (fixture files, suffix for the fuzzed file)
    "linkedin": (["linkedin.csv"], ".csv"),
    "vcard": (["cards.vcf", "broken.vcf", "badline.vcf", "phone21.vcf", "vdir/dara.vcf", "vdir/latin1.vcf", "vdir/LUDWIG.VCF"], ".vcf"),
    "google": (["google.csv", "google-old.csv"], ".csv"),
    "json": ([], ".json"),  # the seeded network's own export (seed_export)
    "mail": (["touches/takeout.mbox", "touches/maildir/cur/1788391800.M1P100Q1.kims-laptop:2,S"], ".mbox"),
    "calendar": (["touches/calendar.ics", "touches/vdir/0b7f7d7e-1111-4c3a-9a51-000000000001.ics", "touches/vdir/birthday-tomas.ics"], ".ics"),
    "linkedin-messages": (["touches/messages.csv", "touches/messages-old.csv"], ".csv"),
    "telegram": (["touches/result.json"], ".json"),
    "whatsapp": (["touches/whatsapp/WhatsApp Chat with Noor Haddad.txt", "touches/whatsapp/WhatsApp Chat - Tomas Berg.txt",
                  "touches/whatsapp/WhatsApp Chat with Lisbon data people.txt"], ".txt"),
}  # fmt: skip


def fixture_bytes(format: str) -> list[bytes]:
    files = FORMATS[format][0]
    if not files:
        return [seed_export().read_bytes()]
    return [(FIXTURES / name).read_bytes() for name in files]


# Values a field of a file may hold: what the CLI fuzz types, plus dates and numbers in the formats files use.
FIELD_VALUES = st.one_of(
    text, dates, numbers, birthdays,
    st.sampled_from(["19900314", "--0314", "1990-02-30", "20261301T250000Z", "99991231T235959Z", "00000000", "TZID=Nowhere/Else",
                     "FREQ=SECONDLY;COUNT=999999999", "FREQ=DAILY", "FREQ=YEARLY;UNTIL=99991231", "=?utf-8?b?////?=",
                     "=?x-unknown?q?=FF?=", "=?utf-8?q?", "ENCODING=QUOTED-PRINTABLE:=C3=", "ENCODING=b:!!!", "31/02/2026, 25:61",
                     "1e999", "-1e999", "1788391800", "-99999999999999", "Fri, 31 Feb 2026 99:99:99 +9999", '"', '""', "\"a,\"b"]),
)  # fmt: skip


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """`original` after a few random edits: bytes flipped, inserted, deleted; a line's value replaced, lines
    duplicated, dropped or swapped; cut short; line ends mixed; a huge field; another encoding."""
    data = original
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "insert", "delete", "value", "lines", "cut", "ends", "huge", "encoding", "nul"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if how == "flip" and data:
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
        elif how == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif how == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
        elif how == "value":
            data = _replace_value(data, draw(st.integers(0, 10**6)), draw(FIELD_VALUES))
        elif how == "lines":
            data = _shuffle_lines(data, draw(st.integers(0, 10**6)), draw(st.sampled_from(["dup", "drop", "swap", "repeat"])))
        elif how == "cut":
            data = data[:at]
        elif how == "ends":
            ends = draw(st.lists(st.sampled_from([b"\n", b"\r\n", b"\r"]), min_size=1, max_size=4))
            data = b"".join(line + ends[i % len(ends)] for i, line in enumerate(data.splitlines()))
        elif how == "huge":
            filler = draw(st.sampled_from([b"A", b"\xc3\xa9", b",", b'"', b";", b":", b" ", b"\t", b"=", b"\\"]))
            data = data[:at] + filler * draw(st.sampled_from([1_000, 70_000, 300_000])) + data[at:]
        elif how == "encoding":
            codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "utf-8-sig", "shift_jis", "utf-7"]))
            data = data.decode("utf-8", "replace").encode(codec, "replace")
        elif how == "nul":
            data = data[:at] + b"\x00" + data[at:]
    return data


def _replace_value(data: bytes, which: int, value: str) -> bytes:
    """One line's value (after its first ':', ',' or '=' or, failing that, the whole line) becomes `value`."""
    lines = data.split(b"\n")
    i = which % len(lines)
    line = lines[i]
    cut = min((p for p in (line.find(b":"), line.find(b","), line.find(b"=")) if p >= 0), default=-1)
    encoded = value.encode("utf-8", "surrogateescape")
    lines[i] = line[: cut + 1] + encoded if cut >= 0 else encoded
    return b"\n".join(lines)


def _shuffle_lines(data: bytes, which: int, how: str) -> bytes:
    lines = data.split(b"\n")
    i, j = which % len(lines), (which // 7) % len(lines)
    if how == "dup":
        lines.insert(i, lines[i])
    elif how == "drop":
        del lines[i]
    elif how == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i:i] = [lines[j]] * 2_000
    return b"\n".join(lines)


def deep_list(depth: int) -> list:
    """[[[...]]], `depth` lists deep (built without recursion)."""
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def nested(depth: int, opening: str = "[", closing: str = "]") -> bytes:
    return (opening * depth + closing * depth).encode()


@st.composite
def json_mutated(draw, original: bytes) -> bytes:
    """A JSON document with one value somewhere in it replaced by a hostile one (a type, a number out of
    range, deep nesting, a huge string), or a key added or removed: what byte flips rarely reach."""
    import json

    document = json.loads(original)
    for _ in range(draw(st.integers(1, 3))):
        containers = list(_containers(document))
        container = containers[draw(st.integers(0, len(containers) - 1))]
        hostile = draw(st.one_of(
            FIELD_VALUES, st.integers(-(2**70), 2**70), st.floats(), st.booleans(), st.none(), st.just([]), st.just({}),
            st.just(["a", 1, None]), st.integers(10, 5_000).map(deep_list), st.just("x" * 300_000),
            st.just({"format": "netlog"}),
        ))  # fmt: skip
        if isinstance(container, dict) and container:
            key = draw(st.sampled_from(sorted(container)))
            how = draw(st.sampled_from(["set", "set", "set", "drop", "add"]))
            if how == "set":
                container[key] = hostile
            elif how == "drop":
                del container[key]
            else:
                container[draw(st.sampled_from(["colour", "", "id", "__proto__", "\x00"]))] = hostile
        elif isinstance(container, list) and container:
            at = draw(st.integers(0, len(container) - 1))
            if draw(st.booleans()):
                container[at] = hostile
            else:
                container.insert(at, container[at])  # a record twice
    try:
        return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    except RecursionError:
        return nested(100_000)


def _containers(value, depth: int = 0):
    if isinstance(value, (dict, list)) and depth < 40:
        yield value
        for inner in value.values() if isinstance(value, dict) else value:
            yield from _containers(inner, depth + 1)


class Blob(bytes):
    """File content that hypothesis reports by its length and start, not all 300,000 bytes of it."""

    def __repr__(self) -> str:
        shown = bytes(self[:160])
        return f"Blob({shown!r}{' + ...' if len(self) > 160 else ''}, {len(self):,} bytes)"


def hostile_file(format: str) -> st.SearchStrategy[bytes]:
    """Any file a `netlog import FORMAT` may be given: random bytes, a fixture of that format cut short or
    mutated, or (for the JSON formats) with a hostile value inside, or nested deep."""
    originals = fixture_bytes(format)
    choices = [
        st.binary(max_size=4_000),
        st.sampled_from(originals),
        st.sampled_from(originals).flatmap(mutated),
        st.sampled_from(originals).flatmap(mutated),
        st.sampled_from(originals).flatmap(mutated),
    ]
    if format in ("json", "telegram"):
        choices += [
            st.sampled_from(originals).flatmap(json_mutated),
            st.sampled_from(originals).flatmap(json_mutated),
            st.sampled_from(originals).flatmap(json_mutated).flatmap(mutated),
            st.sampled_from([nested(100_000), b'{"a":' * 50_000 + b"1" + b"}" * 50_000, b"[]", b"{}", b"null", b"1e999",
                             b'{"format": "netlog", "version": 2, "contacts": ' + nested(50_000) + b"}", b'"' + b"x" * 100_000]),
        ]  # fmt: skip
    return st.one_of(*choices).map(Blob)


def write_file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    COUNTS["files"] += 1
    return path
