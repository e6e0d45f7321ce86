"""LinkedIn's messages.csv (Settings -> Data privacy -> "Get a copy of your data" -> Messages) -> one
`message` exchange per message between the user and one other person.

Columns are found by their header names, so both layouts read: the older ten (CONVERSATION ID,
CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER)
and the newer thirteen (plus ATTACHMENTS, IS MESSAGE DRAFT, IS CONVERSATION ARCHIVED). CONTENT is never
kept (it is read only to tell whether the message asks something, rules/asking.py); SUBJECT (InMails
have one) is. DATE is like "2026-11-02 14:22:10 UTC".

Skipped, first reason first: a row without a conversation id, sender or readable date (malformed);
drafts (FOLDER DRAFTS, or IS MESSAGE DRAFT Yes); sponsored InMail (CONVERSATION TITLE "Sponsored
Conversation", or a company page as sender); FOLDER SPAM; before `since`; messages in a conversation with
more than one other person (group chat); messages the user neither sent nor received; messages from the
user to no one else.

Who the user is: the profile URLs and names of the `me` given; with none, the one profile URL that is
on every message of the file (the sender or a recipient of each), when exactly one is; else
`UnknownOwner`. Parties carry the profile URL in `normalize_url` form (as contacts' URLs are compared)
and the name as written; a sender whose URL is a member id (/in/ACoAA...: someone not connected) is still
a party, to be matched by name. `source_id` is the conversation id, the date in UTC and the sender's URL
(or name)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Iterator

from netlog.errors import BadInput, NotFound, UnknownOwner
from netlog.rules.asking import asks_something
from netlog.touches.records import Exchange, Me, Party, Reading, Skip, local_moment, normalize_url
from netlog.values.budget import OverBudget, item_budget

SOURCE = "linkedin"
REQUIRED = ("CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M")
SPONSORED_TITLE = "sponsored conversation"


@dataclass(frozen=True, slots=True)
class _Row:
    """What a message row says, CONTENT left out (read only for whether it asks something)."""

    conversation: str
    title: str
    sender: Party
    recipients: tuple[Party, ...]
    moment: datetime | None
    subject: str | None
    folder: str
    draft: bool
    asks: bool = False  # CONTENT (or an InMail's SUBJECT) asks something (rules/asking.py)


def read_linkedin_messages(
    path: str | Path, me: Me | None = None, since: date | None = None, zone: tzinfo | None = None
) -> Reading:
    """Every message of a LinkedIn messages.csv between the user and one other person."""
    path = Path(path)
    rows, malformed = _rows(path)
    me = me or Me()
    if not me.urls and not me.names and rows:  # no messages: 0 logged, as with --me
        me = me | _owner(rows, path)
    reading = Reading(SOURCE, owner=me)
    if malformed:
        reading.skipped[Skip.MALFORMED] += malformed
    for row in rows:
        try:
            with item_budget():
                reason = _skip(row, since, zone)
        except OverBudget:
            reason = Skip.MALFORMED
        if reason:
            reading.skipped[reason] += 1
            continue
        assert row.moment is not None  # else _skip skipped it as malformed
        from_me = _is_me(row.sender, me)
        others = tuple(p for p in row.recipients if not _is_me(p, me))
        if from_me:
            reason = Skip.ONLY_ME if not others else Skip.GROUP if len(others) > 1 else None
            direction, parties = "out", others
        elif len(others) < len(row.recipients):  # the user is a recipient
            reason = Skip.GROUP if row.recipients and len(row.recipients) > 1 else None
            direction, parties = "in", (row.sender,)
        else:
            reason = Skip.NOT_ME
        if reason:
            reading.skipped[reason] += 1
            continue
        at = local_moment(row.moment, zone)
        sent = row.moment.astimezone(timezone.utc)
        source_id = f"{row.conversation}/{sent:%Y-%m-%dT%H:%M:%SZ}/{row.sender.url or row.sender.name}"
        reading.add(Exchange(SOURCE, source_id, at.date(), "message", direction, parties, row.subject, None, at, row.asks))
    return reading


def _rows(path: Path) -> tuple[list[_Row], int]:
    """The rows of the file, and how many had no conversation id or sender."""
    if not path.is_file():
        if not path.exists():
            raise NotFound(f"{path} does not exist.")
        raise BadInput(f"{path} is a folder, not a messages.csv.")
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        reader = _readable(csv.reader(f), path)
        header = [h.strip().upper() for h in next(reader, [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise BadInput(f"{path} is not a LinkedIn messages.csv: no {', '.join(missing)} column.")
        at = {name: i for i, name in enumerate(header)}
        rows, malformed = [], 0
        for cells in reader:
            if not any(cells):
                continue
            cell = _Cells(cells, at)
            sender = _party(cell("FROM"), cell("SENDER PROFILE URL"))
            if not cell("CONVERSATION ID") or sender is None:
                malformed += 1
                continue
            rows.append(
                _Row(
                    conversation=cell("CONVERSATION ID"),
                    title=cell("CONVERSATION TITLE"),
                    sender=sender,
                    recipients=_recipients(cell("TO"), cell("RECIPIENT PROFILE URLS")),
                    moment=_moment(cell("DATE")),
                    subject=" ".join(cell("SUBJECT").split()) or None,
                    folder=cell("FOLDER").upper(),
                    draft=cell("IS MESSAGE DRAFT").lower() in ("yes", "true"),
                    asks=asks_something(cell("CONTENT")) or asks_something(cell("SUBJECT")),
                )
            )
    return rows, malformed


def _readable(reader: Any, path: Path) -> Iterator[list[str]]:
    """The reader's rows; one it cannot read (a field over the csv module's size limit) is one line naming it."""
    try:
        yield from reader
    except csv.Error as error:
        raise BadInput(f"{path}:{reader.line_num}: {error}; is it a LinkedIn messages.csv? Nothing was imported.") from None


class _Cells:
    """A row's cells by column name; a column the row is too short for is blank."""

    def __init__(self, cells: list[str], at: dict[str, int]) -> None:
        self.cells, self.at = cells, at

    def __call__(self, name: str) -> str:
        i = self.at.get(name)
        return self.cells[i].strip() if i is not None and i < len(self.cells) else ""


def _skip(row: _Row, since: date | None, zone: tzinfo | None) -> Skip | None:
    if row.moment is None:
        return Skip.MALFORMED
    if row.draft or row.folder == "DRAFTS":
        return Skip.DRAFT
    if row.title.lower() == SPONSORED_TITLE or "linkedin.com/company/" in (row.sender.url or ""):
        return Skip.SPONSORED
    if row.folder == "SPAM":
        return Skip.SPAM
    if since and local_moment(row.moment, zone).date() < since:
        return Skip.BEFORE_SINCE
    return None


def _owner(rows: list[_Row], path: Path) -> Me:
    """The user as the file shows them: the one profile URL on every message."""
    common: set[str] | None = None
    for row in rows:
        if row.draft or row.title.lower() == SPONSORED_TITLE:
            continue  # a sponsored sender is on only its own rows anyway; drafts may lack a recipient
        urls = {p.url for p in (row.sender, *row.recipients) if p.url}
        common = urls if common is None else common & urls
    if not common or len(common) != 1:
        raise UnknownOwner(f"Cannot tell which profile is yours in {path}; give your profile URL with --me URL.")
    return Me(urls=frozenset(common))


def _is_me(party: Party, me: Me) -> bool:
    return party.url in me.urls if party.url and me.urls else me.has_name(party.name)


def _party(name: str, url: str) -> Party | None:
    name = " ".join(name.split())
    link = normalize_url(url) or None
    return Party(name or None, url=link, given_url=url.strip() or None) if name or link else None


def _recipients(names: str, urls: str) -> tuple[Party, ...]:
    """TO and RECIPIENT PROFILE URLS, paired. Both are comma-separated; a name may hold a comma, a URL
    cannot, so the URLs say how many recipients there are and names are paired only when they agree."""
    url_list = [u.strip() for u in urls.split(",") if u.strip()]
    name_list = [n.strip() for n in names.split(",")] if names else []
    if not url_list:
        return (Party(" ".join(names.split())),) if names.strip() else ()
    if len(name_list) != len(url_list):
        name_list = [names.strip()] if len(url_list) == 1 else [""] * len(url_list)
    return tuple(p for p in (_party(n, u) for n, u in zip(name_list, url_list, strict=True)) if p)


def _moment(text: str) -> datetime | None:
    """'2026-11-02 14:22:10 UTC' (older exports: without UTC, or ISO) as an aware moment in UTC."""
    for layout in DATE_FORMATS:
        try:
            moment = datetime.strptime(text, layout)
        except ValueError:
            continue
        return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
    return None
