"""Mail: an mbox file (Gmail Takeout's, Thunderbird's, mutt's) or a Maildir folder (cur/ and new/) -> one
`email` exchange per message between the user and someone else. Of a body only the start is read (BODY_PEEK),
for two things and never kept: whether it is calendar machinery, and whether it asks something.

Telling them apart: a folder with cur/ and new/ is a Maildir (tmp/ is where mail is still being written and
is not read); any other folder is an error; a file must start with an mbox "From " line.

Streaming. The mbox is read in blocks; a message starts at a line "From " that follows a blank
line (or the start of the file), so an unescaped "From " inside a paragraph does not split a message, and
mboxrd's ">From " body lines are body like any other; bodies are skipped with a regular-expression search
for the next separator, never split into lines. Of each header block only the fields below are cut out
(one regular expression) and decoded: the standard library's `mailbox` and `email.parser` were several
times slower on a large mbox (docs/performance.md, "Figures behind the design"). So `email` decodes what needs it (`parsedate_to_datetime`, `decode_header`, `getaddresses` for any address
field that is not in the plain forms), and the plain forms nearly all mail uses are split by one
expression, checked against getaddresses by a property test.

What is skipped (first reason that applies): no sender or no date (malformed); before `since`; Gmail's
Drafts and Spam labels; mailing lists (List-Id, Precedence: list); bulk (Precedence: bulk or junk, or a
List-Unsubscribe header, which newsletters carry even without Precedence); Auto-Submitted other than "no"
(out-of-office replies, reminders); no-reply senders (noreply@, no-reply@, donotreply@, mailer-daemon@,
postmaster@, bounce addresses); calendar machinery (a calendar robot's mail, or a text/calendar part with
a METHOD or an invitation's subject: issue 23); more than 20 distinct To/Cc/Bcc addresses; mail that neither comes from
nor goes to the user; mail from the user to no one but themselves.

Who the user is: the `me` given, joined with what the file says: the sender of every message Gmail
labelled "Sent" (so mail sent from a second address counts as sent), and the Delivered-To addresses of
personal mail (the mailbox it was delivered to). With neither, `UnknownOwner`.

Direction and parties (display names decoded, "Last, First" turned round): mail from the user is "out"
to every To/Cc/Bcc address that is not theirs; mail to the user is "in" from its sender. The date is the
Date header (a zone-less or "-0000" Date is taken as UTC); when it cannot be read, the mbox "From " line's
date or a Maildir file name's delivery time.
`source_id` is the Message-ID without its angle brackets, or, when there is none, "sha1:" and a digest of
date, sender, recipients and subject, which is the same in every export of the same message."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from netlog.errors import BadInput, NotFound, UnknownOwner
from netlog.rules.asking import asks_something
from netlog.touches.records import Exchange, Me, Party, Reading, Skip, local_moment, normalize_email
from netlog.values.budget import OverBudget, item_budget

SOURCE = "mail"
MAX_RECIPIENTS = 20
CHUNK = 1 << 20
# A header block longer than this is not a header block (a broken file, or not mail at all).
MAX_HEADER = 1 << 20
WANTED = (
    "from", "to", "cc", "bcc", "date", "subject", "message-id", "list-id", "list-unsubscribe", "precedence",
    "auto-submitted", "x-gmail-labels", "delivered-to", "sender", "content-type", "content-transfer-encoding",
    "in-reply-to", "references",
)  # fmt: skip
# How much of a body is read: enough for its first text part and an invitation's text/calendar part.
BODY_PEEK = 1 << 18
# Calendar machinery (issue 23): an invitation or a reply to one is mail about a meeting, not conversation.
CALENDAR_SENDERS = frozenset({"calendar-notification@google.com", "calendar-server@google.com", "noreply@calendar.google.com"})
_CALENDAR_SUBJECT = re.compile(
    r"^(?:Accepted|Declined|Tentatively accepted|Invitation|Updated invitation|Canceled event|Cancelled event"
    r"|New event|Event updated|Zugesagt|Abgelehnt|Einladung)\s*(?:\(.*?\))?:",
    re.IGNORECASE,
)  # fmt: skip
_REPLY_PREFIX = re.compile(r"^\s*(?:re|aw|sv|antw|fwd?|wg)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<\s*([^<>\s]+?)\s*>")
SUBJECT_THREAD = "subject:"  # the thread of a reply known only by its subject, until an import matches it
_CALENDAR_PART = re.compile(rb"content-type:\s*(?:text/calendar|application/ics)", re.IGNORECASE)
# The wanted fields with their folded continuation lines, found by one expression (a Gmail header block is
# mostly Received, DKIM and ARC lines; running email.parser over all of them cost a third of the reader's
# time). Anchored on a literal newline, not on ^ with MULTILINE, which is three times faster.
_FIELD = re.compile(
    rb"\n(" + b"|".join(w.encode() for w in WANTED) + rb")[ \t]*:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)", re.I
)
_HEADER_END = re.compile(rb"\n\r?\n")
_SEPARATOR = re.compile(rb"\n\r?\nFrom ")  # a blank line, then a "From " line
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_NO_REPLY = re.compile(
    r"(^|[-_.+])(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?)([-_.+]|$)", re.I
)
_ADDR = r'[^<>()@\s,;:"\[\]\\]+@[^<>()@\s,;:"\[\]\\]+'
_ITEM = (
    rf'\s*(?:(?:"(?P<quoted>(?:[^"\\\r\n]|\\.)*)"|(?P<phrase>[^"<>()@,;:\\\r\n]*?))\s*<(?P<route>{_ADDR})>'
    rf"|(?P<bare>{_ADDR}))\s*"
)
_PLAIN_ITEM = re.compile(_ITEM)
_PLAIN_LIST = re.compile("{0}(?:,{0})*".format(re.sub(r"\(\?P<\w+>", "(?:", _ITEM)))
_UNQUOTE = re.compile(r"\\(.)")
_FROM_LINE_DATE = re.compile(r"\w{3} (\w{3}) +(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})(?: ([+-]\d{4}))? (\d{4})\s*$")
# After a comma these end a name or a company rather than start a given name.
_NAME_SUFFIXES = frozenset("inc ltd llc llp plc gmbh ag sa sas bv nv co corp jr sr ii iii iv phd md esq".split())
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}

Progress = Callable[[int, int], None]  # (done, total) in bytes for an mbox, files for a Maildir
Fallback = Callable[[], "datetime | None"]
Peek = bytes | memoryview  # the start of a body: a view into the mbox buffer, copied only for personal mail  # the "From " line's date, or a Maildir file name's


class _Fields:
    """The wanted fields of a header block, unfolded, as text; names as in WANTED (lower case)."""

    __slots__ = ("values",)

    def __init__(self, header: bytes) -> None:
        self.values: dict[str, list[str]] = {}
        for name, raw in _FIELD.findall(b"\n" + header):
            try:
                value = raw.decode("utf-8")
            except UnicodeDecodeError:  # an old client's raw Latin-1 header
                value = raw.decode("latin-1")
            self.values.setdefault(name.lower().decode(), []).append(_FOLD.sub("", value) if "\n" in value else value)

    def first(self, name: str) -> str | None:
        found = self.values.get(name)
        return found[0] if found else None

    def every(self, *names: str) -> list[str]:
        return [value for name in names for value in self.values.get(name, ())]


@dataclass(slots=True)
class _Candidate:
    """A message that passed every rule that does not depend on who the user is."""

    source_id: str
    moment: datetime
    sender: Party
    recipients: tuple[Party, ...]
    subject: str | None
    sent_label: bool
    asks: bool | None = None
    refs: tuple[str, ...] = ()  # the Message-IDs it answers, the thread's first first (References, In-Reply-To)
    thread: str | None = None


def read_mail(
    path: str | Path,
    me: Me | None = None,
    since: date | None = None,
    zone: tzinfo | None = None,
    progress: Progress | None = None,
) -> Reading:
    """Every message of an mbox file or a Maildir folder that is between the user and someone else."""
    path = Path(path)
    me = me or Me()
    reading = Reading(SOURCE)
    evidence = Counter[str]()  # addresses the file says are the user's
    candidates = []
    for header, fallback, body in _messages(path, progress):
        if header is None:  # a Maildir message that cannot be read (its mode, a failing disk)
            reading.skipped[Skip.UNREADABLE] += 1
            continue
        try:
            with item_budget():
                candidate = _screen(header, fallback, since, zone, reading.skipped, evidence, body)
        except OverBudget:
            reading.skipped[Skip.MALFORMED] += 1
            continue
        if candidate:
            candidates.append(candidate)
    _threads(candidates)
    owner = me | Me.of(emails=evidence)
    if not owner.emails and candidates:  # nothing to tell apart in an empty mailbox: 0 logged, as with --me
        raise UnknownOwner(f"Cannot tell which addresses are yours in {path}; give them with --me ADDRESS.")
    reading.owner = owner
    for c in candidates:
        _classify(c, owner, zone, reading)
    return reading


def detect(path: Path) -> str:
    """'maildir' or 'mbox', by looking at PATH; BadInput when it is neither."""
    if not path.exists():
        raise NotFound(f"{path} does not exist.")
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            return "maildir"
        raise BadInput(f"{path} is a folder but not a Maildir: it has no cur/ and new/ folders.")
    with open(path, "rb") as f:
        start = f.read(4096).lstrip(b"\r\n")
    if start and not start.startswith(b"From "):
        raise BadInput(f'{path} is not an mbox file: it does not start with a "From " line.')
    return "mbox"


def _messages(path: Path, progress: Progress | None) -> Iterator[tuple[bytes | None, Fallback, Peek]]:
    """(header block, where to find a moment when the Date header is missing or unreadable, the start of the
    body) of each message."""
    if detect(path) == "maildir":
        yield from _maildir_messages(path, progress)
    else:
        with open(path, "rb") as f:
            yield from _mbox_messages(f, os.fstat(f.fileno()).st_size, progress)


def _mbox_messages(f: BinaryIO, size: int, progress: Progress | None) -> Iterator[tuple[bytes, Fallback, Peek]]:
    buf = f.read(CHUNK)
    base = 0  # the file offset of buf[0]
    eof = not buf
    pos = len(buf) - len(buf.lstrip(b"\r\n"))  # at a "From " line from here on
    while pos < len(buf):
        # The "From " line and the header block after it, whole in the buffer (or the file ends).
        while True:
            line_end = buf.find(b"\n", pos)
            head_end = _HEADER_END.search(buf, line_end) if line_end >= 0 else None
            if head_end or eof or len(buf) - pos > MAX_HEADER:
                break
            buf, pos, base, eof = _read_on(f, buf, pos, base)
        if line_end < 0:
            return  # a lone "From " line at the very end
        stop = head_end.start() + 1 if head_end else min(len(buf), pos + MAX_HEADER)
        while len(buf) - stop < BODY_PEEK and not eof:  # the start of the body in the buffer too
            shift = pos
            buf, pos, base, eof = _read_on(f, buf, pos, base)
            line_end, stop = line_end - shift, stop - shift
        body = memoryview(buf)[stop : stop + BODY_PEEK]
        yield buf[line_end + 1 : stop], partial(_from_line_moment, buf[pos:line_end]), body
        # The body is skipped unread: the next message starts after a blank line, at "From ".
        scan = stop - 1
        while True:
            match = _SEPARATOR.search(buf, scan)
            if match:
                pos = match.end() - len(b"From ")
                break
            if eof:
                pos = len(buf)
                break
            buf, scan, base, eof = _read_on(f, buf, max(scan, len(buf) - len(b"\n\r\nFrom ")), base)
        if progress:
            progress(base + pos, size)


def _read_on(f: BinaryIO, buf: bytes, keep: int, base: int) -> tuple[bytes, int, int, bool]:
    """The buffer from `keep` on with the next block after it: (buffer, 0 where `keep` was, base, eof)."""
    block = f.read(CHUNK)
    return buf[keep:] + block, 0, base + keep, not block


def _maildir_messages(path: Path, progress: Progress | None) -> Iterator[tuple[bytes | None, Fallback, Peek]]:
    files = sorted(
        entry
        for sub in ("cur", "new")
        for entry in (path / sub).iterdir()
        if entry.is_file() and not entry.name.startswith(".")
    )
    for number, file in enumerate(files, start=1):
        try:
            with open(file, "rb") as f:
                head = f.read(65536)
                while not _HEADER_END.search(head) and len(head) < MAX_HEADER:
                    more = f.read(65536)
                    if not more:
                        break
                    head += more
                body = f.read(BODY_PEEK)
        except OSError:  # counted as unreadable; the rest of the folder is read
            yield None, partial(_maildir_moment, file.name), b""
            continue
        end = _HEADER_END.search(head)
        if end:
            body = head[end.end() :] + body
        yield (head[: end.start() + 1] if end else head), partial(_maildir_moment, file.name), body
        if progress and (number % 500 == 0 or number == len(files)):
            progress(number, len(files))


def _screen(
    header: bytes, fallback: Fallback, since: date | None, zone: tzinfo | None, skipped: Counter, evidence: Counter,
    body: Peek = b"",
) -> _Candidate | None:
    """Apply every rule that does not need to know the user; count the skip, or return the candidate."""
    fields = _Fields(header)
    sender = _first_address(fields.first("from"))
    moment = _moment(fields.first("date")) or fallback()
    if sender is None or moment is None:
        skipped[Skip.MALFORMED] += 1
        return None
    if since and local_moment(moment, zone).date() < since:
        skipped[Skip.BEFORE_SINCE] += 1
        return None
    labels = _labels(fields.first("x-gmail-labels"))
    precedence = (fields.first("precedence") or "").strip().lower()
    auto = (fields.first("auto-submitted") or "no").strip().lower()
    reason: Skip | None
    if "Draft" in labels or "Drafts" in labels:
        reason = Skip.DRAFT
    elif "Spam" in labels:
        reason = Skip.SPAM
    elif fields.first("list-id") or precedence == "list":
        reason = Skip.MAILING_LIST
    elif precedence in ("bulk", "junk") or fields.first("list-unsubscribe"):
        reason = Skip.BULK
    elif not auto.startswith("no"):
        reason = Skip.AUTO_SUBMITTED
    elif _NO_REPLY.search(sender.emails[0].partition("@")[0]):
        reason = Skip.NO_REPLY
    else:
        body = _own_body(body)
        reason = Skip.CALENDAR if _is_calendar_machinery(fields, sender, body) else None
    if reason:
        skipped[reason] += 1
        return None
    recipients = _addresses(fields.every("to", "cc", "bcc"))
    if len(recipients) > MAX_RECIPIENTS:
        skipped[Skip.TOO_MANY_RECIPIENTS] += 1
        return None
    sent = "Sent" in labels
    if sent:
        evidence[sender.emails[0]] += 1
    for delivered in _addresses(fields.every("delivered-to")):
        evidence[delivered.emails[0]] += 1
    subject = _decode(fields.first("subject")) or None
    message_id = (fields.first("message-id") or "").strip().strip("<>").strip()
    return _Candidate(
        source_id=message_id or _digest(moment, sender, recipients, subject),
        moment=moment,
        sender=sender,
        recipients=recipients,
        subject=subject,
        sent_label=sent,
        asks=asks_something(_first_text(fields, body)) or _subject_asks(subject),
        refs=_references(fields),
    )


def _classify(c: _Candidate, me: Me, zone: tzinfo | None, reading: Reading) -> None:
    """Turn a candidate into an exchange now that the user is known, or count why not."""
    if c.sent_label or c.sender.emails[0] in me.emails:
        direction = "out"
        parties = tuple(p for p in c.recipients if p.emails[0] not in me.emails)
        if not parties:
            reading.skipped[Skip.ONLY_ME] += 1
            return
    elif any(p.emails[0] in me.emails for p in c.recipients):
        direction, parties = "in", (c.sender,)
    else:
        reading.skipped[Skip.NOT_ME] += 1
        return
    at = local_moment(c.moment, zone)
    reading.add(Exchange(SOURCE, c.source_id, at.date(), "email", direction, parties, c.subject, None, at, c.asks, thread=c.thread))


@lru_cache(maxsize=65536)
def _party(name: str, address: str) -> Party:
    """One Party per (name, address), shared: the same few people write most of a mailbox."""
    return Party(_display_name(_decode(name)), (address,))


def _display_name(name: str) -> str | None:
    """A display name as people write names: Outlook's and Exchange's "Rossi, Marco" becomes "Marco Rossi"
    (but not "Acme, Inc." or "King, Jr."); blank is None."""
    last, comma, first = name.partition(",")
    last, first = last.strip(), first.strip()
    if (
        comma and last and first and "," not in first and len(last.split()) <= 3 and len(first.split()) <= 3
        and first.lower().rstrip(".") not in _NAME_SUFFIXES and not any(c in name for c in "@()<>\"")
    ):  # fmt: skip
        return f"{first} {last}"
    return name or None


def _addresses(values: list[str]) -> tuple[Party, ...]:
    """Distinct parties of some address fields, in order; group syntax and blanks dropped."""
    seen: dict[str, Party] = {}
    for name, address in _split_addresses(values):
        address = normalize_email(address)
        if "@" in address and address not in seen:
            seen[address] = _party(name, address)
    return tuple(seen.values())


def _split_addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, address) pairs, as `email.utils.getaddresses` gives them. Fields in the plain forms
    nearly all mail uses ('Name <a@b>', '"Last, First" <a@b>', 'a@b', comma-separated) are split by one
    regular expression, five times faster; anything else (comments, groups, routes) goes to getaddresses."""
    pairs: list[tuple[str, str]] = []
    for value in values:
        if _PLAIN_LIST.fullmatch(value):
            for m in _PLAIN_ITEM.finditer(value):
                if m["route"]:
                    quoted = m["quoted"]
                    pairs.append(
                        (_UNQUOTE.sub(r"\1", quoted) if quoted is not None else m["phrase"].strip(), m["route"])
                    )
                else:
                    pairs.append(("", m["bare"]))
        else:
            pairs.extend(getaddresses([value]))
    return pairs


def _first_address(value: str | None) -> Party | None:
    found = _addresses([value]) if value else ()
    return found[0] if found else None


def _moment(value: str | None) -> datetime | None:
    """A Date header as an aware moment; zone-less and -0000 taken as UTC; None when unreadable."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _from_line_moment(line: bytes) -> datetime | None:
    """The date of an mbox "From " line ('From x@y Mon Aug 17 15:09:25 +0000 2026', asctime in UTC)."""
    match = _FROM_LINE_DATE.search(line.decode("latin-1").rstrip("\r"))
    if not match or match.group(1) not in _MONTHS:
        return None
    month, day, hour, minute, second, offset, year = match.groups()
    try:
        moment = datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=timezone.utc)
    except ValueError:
        return None
    if offset:
        moment -= (-1 if offset[0] == "-" else 1) * _offset(offset)
    return moment


def _offset(text: str) -> timedelta:
    return timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))


def _maildir_moment(name: str) -> datetime | None:
    """A Maildir file name starts with its delivery time in Unix seconds ('1787053954.M100007P2301Q2...')."""
    seconds = name.partition(".")[0]
    if not seconds.isdecimal() or len(seconds) > 11:  # isdigit() takes "²"; 11 digits reach year 5138, 12 past 9999
        return None
    return datetime.fromtimestamp(int(seconds), timezone.utc)


def _labels(value: str | None) -> set[str]:
    """Gmail's X-Gmail-Labels ('Inbox,Opened', 'Sent', '"Work, old",Important') as a set."""
    if not value:
        return set()
    return {label.strip().strip('"') for label in _decode(value).split(",")}


def _decode(value: str | None) -> str:
    """A header value with its encoded words (=?UTF-8?B?...?=, =?ISO-8859-1?Q?...?=) decoded, unfolded and
    with runs of white space collapsed; a broken encoded word stays as it was written."""
    if not value:
        return ""
    if "=?" in value:
        try:
            value = str(make_header(decode_header(value)))
        except (LookupError, UnicodeDecodeError, ValueError, MessageError):  # bad base64, a charset like õtf-8
            pass
    return " ".join(value.split())


def _digest(moment: datetime, sender: Party, recipients: tuple[Party, ...], subject: str | None) -> str:
    """The key of a message without Message-ID: the same for the same message in any export."""
    parts = [
        moment.astimezone(timezone.utc).isoformat(),
        sender.emails[0],
        *sorted(p.emails[0] for p in recipients),
        subject or "",
    ]
    return "sha1:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def _references(fields: _Fields) -> tuple[str, ...]:
    """The Message-IDs a message answers, oldest first: its References (the thread's first message first),
    then its In-Reply-To when References does not end with it."""
    found = _MESSAGE_ID.findall(" ".join(fields.every("references")))
    parent = _MESSAGE_ID.findall(fields.first("in-reply-to") or "")
    if parent and (not found or found[-1] != parent[0]):
        found.append(parent[0])
    return tuple(found)


def thread_subject(subject: str | None) -> str:
    """A subject as its thread has it: without "Re:", "Fwd:", "AW:" prefixes, folded; '' for none."""
    subject = subject or ""
    while (prefix := _REPLY_PREFIX.match(subject)) is not None:
        subject = subject[prefix.end() :]
    return " ".join(subject.casefold().split())


def _threads(candidates: list[_Candidate]) -> None:
    """Each message's thread, in the order they were written: the thread of the first message it answers that
    is known (References' first, the thread's start), else that first message's id; a reply with neither
    header ("Re: Panel" from an old client) joins the thread of the latest message with its subject, else is
    "subject:" and the subject (the import matches it to what is stored); any other message starts a thread."""
    by_id: dict[str, str] = {}
    by_subject: dict[str, str] = {}
    for c in sorted(candidates, key=lambda c: c.moment):
        subject = thread_subject(c.subject)
        if c.refs:
            c.thread = next((by_id[r] for r in c.refs if r in by_id), c.refs[0])
        elif c.subject and _REPLY_PREFIX.match(c.subject) and subject:
            c.thread = by_subject.get(subject, SUBJECT_THREAD + subject)
        else:
            c.thread = c.source_id
        by_id.setdefault(c.source_id, c.thread)
        if subject:
            by_subject[subject] = c.thread


def _subject_asks(subject: str | None) -> bool:
    """A new thread's subject that is a question ("Lisbon role?"); a reply's ("Re: Coffee?") quotes the
    question it answers."""
    return bool(subject) and not _REPLY_PREFIX.match(subject or "") and asks_something(subject)


def _own_body(peek: Peek) -> bytes:
    """The message's own body out of what was read after its header (which may run into the next message)."""
    end = _SEPARATOR.search(peek)
    return bytes(peek[: end.start()] if end else peek)


def _is_calendar_machinery(fields: _Fields, sender: Party, body: Peek) -> bool:
    """An invitation, or a reply to one: a known calendar robot sends it (in From or Sender), or it has a
    text/calendar part (METHOD:REQUEST, REPLY, CANCEL) and an invitation's subject ("Accepted: ...")."""
    robots = _addresses(fields.every("sender")) + (sender,)
    if any(p.emails[0] in CALENDAR_SENDERS for p in robots):
        return True
    content_type = (fields.first("content-type") or "").lower()
    has_part = "text/calendar" in content_type or _CALENDAR_PART.search(body) is not None
    return has_part and (_CALENDAR_SUBJECT.match(_decode(fields.first("subject"))) is not None or "method=" in content_type
                         or re.search(rb"(?im)^method:(?:request|reply|cancel|counter)", body) is not None)


def _first_text(fields: _Fields, body: Peek) -> str | None:
    """The first text/plain part of a message (else its first text/html part without tags), decoded; None
    when it has none in the part of the body read."""
    from email import message_from_bytes
    from email.policy import compat32

    head = "".join(
        f"{name}: {value}\r\n"
        for name in ("content-type", "content-transfer-encoding")
        if (value := fields.first(name))
    )  # fmt: skip
    try:
        message = message_from_bytes(head.encode("utf-8", "replace") + b"\r\n" + bytes(body), policy=compat32)
        html = None
        for part in message.walk():
            kind = part.get_content_type()
            if kind not in ("text/plain", "text/html") or part.get_filename():
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            text = payload.decode(part.get_content_charset() or "utf-8", "replace")
            if kind == "text/plain":
                return text
            html = html or text
    except (LookupError, ValueError, TypeError, MessageError):  # an unknown charset, a broken part
        return None
    if html is None:
        return None
    html = re.sub(r"(?is)<blockquote.*?</blockquote>|<(script|style).*?</\1>", " ", html)
    return re.sub(r"<[^>]+>", " ", re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", html))
