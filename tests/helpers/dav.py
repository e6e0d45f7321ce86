"""The sync tests' view of a CardDAV/CalDAV server and of the programs around a vdir (issue 22).

- Collections: `make_addressbook` / `make_calendar` make a fresh, empty collection under the server's
  user root (the `dav_server` fixture's URL, e.g. http://127.0.0.1:PORT/netlog/) with an extended MKCOL
  (RFC 5689) whose resourcetype says what it is, and return its URL (ending in "/").
- Items, straight on the server (what another device does): `put`, `get`, `delete`, `listing` (href ->
  etag) and `texts` (href -> text), with urllib and the fixed user `netlog`.
- vdirsyncer: `Pair` writes a config under tmp_path that pairs one server collection with one local vdir
  folder (`collections = null`: both sides name their collection directly, so `discover` asks nothing),
  status under tmp_path, and `conflict_resolution` left out, so a card changed on both sides is an error
  ("One item changed on both sides", exit code 1) instead of being resolved silently.
- khard and khal: `khard_list` / `khal_list` read a vdir with a config under tmp_path.

Every program runs with HOME and the XDG folders under tmp_path, stdin closed (a question from a program
is an error, never a hang) and a timeout. A missing program skips the test, saying how to install it; with
CI set it fails instead (.ci/run installs them)."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

USER = "netlog"
PASSWORD = "netlog"  # Radicale runs with auth type none: any password is accepted
TIMEOUT = 30  # seconds, for any one request or program run
DAV = "{DAV:}"


# programs


def program(name: str) -> str:
    """The path of a program the test needs; skip (or, in CI, fail) saying how to get it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it: apt-get install -y {name})")
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return path


def environment(tmp_path: Path) -> dict[str, str]:
    """HOME and the XDG folders under tmp_path: no real address book, calendar or config is read."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", "TZ": "UTC",
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }  # fmt: skip


def run(tmp_path: Path, *command: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run a program with no stdin; with check, a non-zero exit is an AssertionError showing its output."""
    done = subprocess.run(
        command, capture_output=True, text=True, env=environment(tmp_path), stdin=subprocess.DEVNULL,
        timeout=TIMEOUT, cwd=tmp_path,
    )  # fmt: skip
    if check:
        assert done.returncode == 0, f"{command} exited {done.returncode}\nstdout: {done.stdout}\nstderr: {done.stderr}"
    return done


# HTTP


def _request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None):
    """(status, headers, body) of one request; HTTP errors are answers here, not exceptions."""
    credentials = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request = urllib.request.Request(url, data=body, method=method, headers={"Authorization": f"Basic {credentials}", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _mkcol(url: str, resourcetype: str, namespace: str, name: str) -> str:
    body = (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<D:mkcol xmlns:D="DAV:" xmlns:X="{namespace}"><D:set><D:prop>'
        f"<D:resourcetype><D:collection/><X:{resourcetype}/></D:resourcetype>"
        f"<D:displayname>{name}</D:displayname>"
        "</D:prop></D:set></D:mkcol>"
    ).encode()
    status, _, answer = _request("MKCOL", url, body, {"Content-Type": "application/xml; charset=utf-8"})
    assert status == 201, f"MKCOL {url}: {status} {answer[:300]!r}"
    return url


def make_addressbook(server_url: str, name: str | None = None) -> str:
    """A new, empty address book on the server; its URL."""
    name = name or f"book-{uuid.uuid4().hex[:12]}"
    return _mkcol(urljoin(server_url, name + "/"), "addressbook", "urn:ietf:params:xml:ns:carddav", name)


def make_calendar(server_url: str, name: str | None = None) -> str:
    """A new, empty calendar (events and to-dos) on the server; its URL."""
    name = name or f"calendar-{uuid.uuid4().hex[:12]}"
    return _mkcol(urljoin(server_url, name + "/"), "calendar", "urn:ietf:params:xml:ns:caldav", name)


def _content_type(url: str) -> str:
    return "text/calendar; charset=utf-8" if url.endswith(".ics") else "text/vcard; charset=utf-8"


def put(url: str, text: str, etag: str | None = None) -> str:
    """Write one item (create it, or replace it; with etag, only if it is still that version); its new etag."""
    headers = {"Content-Type": _content_type(url)}
    if etag:
        headers["If-Match"] = etag
    status, answer_headers, answer = _request("PUT", url, text.encode("utf-8"), headers)
    assert status in (201, 204), f"PUT {url}: {status} {answer[:300]!r}"
    return answer_headers.get("ETag", "")


def get(url: str) -> tuple[str, str]:
    """One item's text (as the server serves it) and etag."""
    status, headers, body = _request("GET", url)
    assert status == 200, f"GET {url}: {status}"
    return body.decode("utf-8"), headers.get("ETag", "")


def exists(url: str) -> bool:
    status, _, _ = _request("GET", url)
    return status == 200


def delete(url: str) -> None:
    """Delete one item, as another device would."""
    status, _, answer = _request("DELETE", url)
    assert status in (200, 204), f"DELETE {url}: {status} {answer[:300]!r}"


def listing(collection_url: str) -> dict[str, str]:
    """The items of a collection: absolute URL -> etag."""
    body = b'<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
    status, _, answer = _request("PROPFIND", collection_url, body, {"Depth": "1", "Content-Type": "application/xml"})
    assert status == 207, f"PROPFIND {collection_url}: {status}"
    items = {}
    own_path = urlsplit(collection_url).path
    for response in ET.fromstring(answer).iter(f"{DAV}response"):
        href = response.findtext(f"{DAV}href") or ""
        if href.rstrip("/") == own_path.rstrip("/"):
            continue
        items[urljoin(collection_url, href)] = response.findtext(f"{DAV}propstat/{DAV}prop/{DAV}getetag") or ""
    return items


def texts(collection_url: str) -> dict[str, str]:
    """Every item of a collection: absolute URL -> text."""
    return {url: get(url)[0] for url in listing(collection_url)}


def uids(text: str) -> list[str]:
    """The UID lines of an item (unfolded), in order: one for a card or a single event."""
    unfolded = text.replace("\r\n ", "").replace("\n ", "")
    return [line.split(":", 1)[1].strip() for line in unfolded.splitlines() if line.upper().startswith("UID:")]


def items_by_uid(folder: Path, suffix: str = ".vcf") -> dict[str, Path]:
    """UID -> file of a vdir folder (one item a file; a UID in two files fails the test)."""
    found: dict[str, Path] = {}
    for file in sorted(folder.glob(f"*{suffix}")):
        for uid in uids(file.read_bytes().decode("utf-8")):
            assert uid not in found, f"UID {uid} twice: {found[uid].name} and {file.name}"
            found[uid] = file
    return found


def upload_folder(collection_url: str, folder: Path, suffix: str = ".vcf") -> dict[str, Path]:
    """PUT every file of a folder (cards or .ics items) at <collection>/<its file name>; URL -> file."""
    uploaded = {}
    for file in sorted(folder.glob(f"*{suffix}")):
        url = urljoin(collection_url, file.name)
        put(url, file.read_bytes().decode("utf-8"))
        uploaded[url] = file
    return uploaded


# vdirsyncer


@dataclass
class Pair:
    """One vdirsyncer pair: a local vdir folder (side a) and a server collection (side b)."""

    tmp_path: Path
    config: Path
    local: Path
    status: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return run(self.tmp_path, program("vdirsyncer"), "-c", str(self.config), *args, check=check)

    def discover(self) -> subprocess.CompletedProcess:
        """`vdirsyncer discover --no-list`: with collections = null it asks nothing and lists nothing."""
        return self.run("discover", "--no-list")

    def sync(self, check: bool = True) -> subprocess.CompletedProcess:
        """`vdirsyncer sync`; with check, anything but a clean exit (a conflict is exit 1) fails the test."""
        return self.run("sync", check=check)


def pair(tmp_path: Path, collection_url: str, kind: str = "carddav", name: str = "contacts", local: Path | None = None) -> Pair:
    """A vdirsyncer config pairing collection_url with a local folder (made empty when missing), discovered."""
    assert kind in ("carddav", "caldav")
    local = local or tmp_path / f"vdir-{name}"
    local.mkdir(parents=True, exist_ok=True)
    status = tmp_path / f"vdirsyncer-status-{name}"
    config = tmp_path / f"vdirsyncer-{name}.conf"
    fileext = ".vcf" if kind == "carddav" else ".ics"
    config.write_text(
        "[general]\n"
        f'status_path = "{status}/"\n\n'
        f"[pair {name}]\n"
        f'a = "{name}_local"\n'
        f'b = "{name}_remote"\n'
        "collections = null\n\n"  # no conflict_resolution: a conflict surfaces as an error
        f"[storage {name}_local]\n"
        'type = "filesystem"\n'
        f'path = "{local}/"\n'
        f'fileext = "{fileext}"\n\n'
        f"[storage {name}_remote]\n"
        f'type = "{kind}"\n'
        f'url = "{collection_url}"\n'
        f'username = "{USER}"\n'
        f'password = "{PASSWORD}"\n'
    )
    made = Pair(tmp_path, config, local, status)
    made.discover()
    return made


def changes(done: subprocess.CompletedProcess) -> list[str]:
    """What a `vdirsyncer sync` did, one line each ("Copying (uploading) item X to Y", "Deleting item X
    from Y", "Copying (updating) ..."); an unchanged sync has none."""
    return [line for line in (done.stdout + done.stderr).splitlines() if line.startswith(("Copying", "Deleting"))]


# khard and khal


def khard_list(tmp_path: Path, book: Path, fields: str = "uid,name,emails,phone_numbers") -> list[dict[str, str]]:
    """`khard list --parsable` of one vdir folder: a row of the named fields per card."""
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[book]]\npath = {book}\n[general]\ndefault_action = list\n")
    out = run(tmp_path, program("khard"), "-c", str(config), "list", "-a", "book", "-p", "-F", fields).stdout
    return [dict(zip(fields.split(","), line.split("\t"))) for line in out.splitlines() if line.strip()]


def khal_list(tmp_path: Path, calendar: Path, start: str, span: str) -> list[str]:
    """`khal list` of one vdir calendar from start over span (e.g. "2026-11-23", "14d"): "date|title" lines."""
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[netlog]]\npath = {calendar}\ntype = calendar\n[sqlite]\npath = {tmp_path / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n[default]\ndefault_calendar = netlog\n"
    )
    out = run(tmp_path, program("khal"), "-c", str(config), "list", "--format", "{start-date}|{title}", "--day-format", "", start, span).stdout
    return [line for line in out.splitlines() if line.strip()]
