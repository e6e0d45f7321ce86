"""Calendar: an .ics file (a Google Calendar export) or a folder of .ics files (a vdir, as vdirsyncer and
khal keep one: one event per file, plus `displayname`, `color` and other metadata files, which are not
read) -> one meeting exchange per past event instance with someone else.

A meeting is "video" when it carries a conference link (X-GOOGLE-CONFERENCE, CONFERENCE, or a Zoom, Meet,
Jitsi, Teams, Webex or Whereby URL in LOCATION, DESCRIPTION or URL), else "met"; direction "both"; the
summary is the subject and the location the place (a location that is only a URL, such as a Zoom link
with its password, is not kept as a place). Its parties are the organizer and the attendees, less the
user, rooms and resources, and anyone who declined.

Skipped, first reason first: an event without a readable start (malformed); not over yet (its day is
today or later: with only a day to go by, a meeting counts once its day is over, so an import never logs a
meeting that has not happened; today's are picked up by the next import); before `since`; cancelled
(STATUS:CANCELLED); declined by the user (PARTSTAT=DECLINED on their ATTENDEE line); not accepted
(PARTSTAT=NEEDS-ACTION or TENTATIVE on every line of the user's: an invitation is not a meeting until it is
accepted; a line with no PARTSTAT, as organizers write theirs, counts as accepted); more than 20
attendees; no one but the user (focus time, birthdays); events the user is neither organizer nor
attendee of (a shared calendar).

Recurring series are expanded, unlike Folk, which skips them: a weekly 1:1 is the most regular contact a
person has, and skipping it would lose exactly the strongest ties. Instances are generated from DTSTART
by every RRULE and RDATE, less EXDATE, up to today (dateutil.rrule, which dateparser already brings;
icalendar has no expansion of its own), in DTSTART's wall-clock time and zone, as RFC 5545 asks. An
instance moved or changed by a RECURRENCE-ID override is replaced by that override (which may itself be
cancelled or declined); what the override leaves out (a conference link, the attendees) is the master's.
Only the newest 1000 past instances of a series are kept (older ones count as "recurring beyond the
cap"), and a rule that would make more than 50,000 starts up to today (FREQ=MINUTELY) stops there. A
series skipped as a whole (cancelled, declined, crowded, no one else) counts once; an expanded one counts
each instance up to today. An override whose instance does not exist (its master is missing) is read as
an event of its own.

`source_id` is the UID, "/", and the instance's original start (RECURRENCE-ID for an override, the
generated start for an instance, DTSTART for a single event), in UTC for a moment with a zone: so an
instance keeps its key when it is moved, and the same event in a later export has the same key.

Who the user is: the `me` given, joined with the calendar's X-WR-CALNAME when it is an address (Google
names a person's primary calendar by their address); with neither, `UnknownOwner`.

Parsing: icalendar's own parser walks every character of every content line in Python, slower than the
whole import may take (docs/performance.md); so content lines are split
here with two regular expressions (RFC 5545 section 3.1: name, parameters, value; quoted parameter
values), and icalendar decodes what needs knowing about iCalendar: date-times with their TZID (IANA and
Windows zone names, and a file's own VTIMEZONE definitions)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

from netlog.errors import BadInput, NotFound, UnknownOwner
from netlog.touches.records import Exchange, Me, Party, Reading, Skip, local_moment, normalize_email
from netlog.values.budget import OverBudget, item_budget

SOURCE = "calendar"
MAX_ATTENDEES = 20
# A group event (issue 23): more than this many others, or more than GROUP_GUESTS_MINE at one the user
# organised (her farewell drinks): still a touch with each, but no thank-you or second touch for each guest.
GROUP_GUESTS = 5
GROUP_GUESTS_MINE = 3
NOT_ACCEPTED = frozenset({"NEEDS-ACTION", "TENTATIVE"})  # the user's answers that make no meeting
MAX_INSTANCES = 1000
# Generating more start times than this for one series means a rule like FREQ=MINUTELY: stop there.
MAX_GENERATED = 50 * MAX_INSTANCES
_UNFOLD = re.compile(r"\r?\n[ \t]")
_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_PARAM = re.compile(rf";([A-Za-z0-9-]+)=({_PARAM_VALUE}(?:,{_PARAM_VALUE})*)")
_LINE = re.compile(rf"([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*):(.*)")
_TEXT_ESCAPE = re.compile(r"\\([\\;,nN])")
_CONFERENCE = re.compile(
    r"https?://(?:[\w-]+\.)*(?:zoom\.|zoomgov\.|meet\.google\.|meet\.jit\.si|jitsi\.|teams\.microsoft\.|teams\.live\."
    r"|[\w-]+\.webex\.|webex\.|whereby\.|meet\.goto\.|gotomeeting\.|bluejeans\.)",
    re.I,
)
_KEPT = frozenset(
    "DTSTART UID RECURRENCE-ID RRULE RDATE EXDATE STATUS SUMMARY LOCATION DESCRIPTION URL ORGANIZER ATTENDEE"
    " X-GOOGLE-CONFERENCE CONFERENCE".split()
)
_NOT_PEOPLE = ("ROOM", "RESOURCE")
_UNTIL = re.compile(r"(?<![A-Z])UNTIL=([0-9]{8})(?:T([0-9]{6})(Z?))?", re.I)


@dataclass
class _Event:
    """The properties of one VEVENT that decide its touches: (params, value) lists by property name."""

    props: dict[str, list[tuple[dict[str, str], str]]] = field(default_factory=dict)
    where: str = ""  # file name, for the key of an event without UID

    def value(self, name: str) -> str | None:
        found = self.props.get(name)
        return found[0][1] if found else None

    def first(self, name: str) -> tuple[dict[str, str], str] | None:
        found = self.props.get(name)
        return found[0] if found else None


@dataclass
class _Person:
    email: str
    name: str | None
    partstat: str
    person: bool  # not a room or resource


def read_calendar(
    path: str | Path,
    today: date,
    me: Me | None = None,
    since: date | None = None,
    zone: tzinfo | None = None,
) -> Reading:
    """Every past meeting instance of an .ics file or a vdir folder that the user shared with someone."""
    path = Path(path)
    events: list[_Event] = []
    names: set[str] = set()
    malformed = 0
    for file in _files(path):
        try:
            text = file.read_bytes().decode("utf-8-sig", errors="replace")
        except OSError as error:
            raise BadInput(f"Cannot read {file}: {error.strerror}.") from None
        if "BEGIN:VCALENDAR" not in text[:4096].upper():
            if path.is_dir():
                malformed += 1
                continue
            raise BadInput(f"{file} is not an iCalendar file: it has no BEGIN:VCALENDAR.")
        found, calendar_names, broken = _parse(text, file.name)
        events += found
        names |= calendar_names
        malformed += broken
    owner = (me or Me()) | Me.of(emails=[n for n in names if "@" in n])
    if not owner.emails and events:  # an empty calendar: 0 logged, as with --me
        raise UnknownOwner(f"Cannot tell which attendee you are in {path}; give your address with --me ADDRESS.")
    reading = Reading(SOURCE, owner=owner)
    reading.skipped[Skip.MALFORMED] += malformed
    _Reader(reading, today, since, zone).read(events)
    if not reading.skipped[Skip.MALFORMED]:
        del reading.skipped[Skip.MALFORMED]
    return reading


def _files(path: Path) -> list[Path]:
    if not path.exists():
        raise NotFound(f"{path} does not exist.")
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".ics" and p.is_file())
    if not files:
        raise BadInput(f"{path} is a folder without .ics files: not a vdir.")
    return files


def _parse(text: str, where: str) -> tuple[list[_Event], set[str], int]:
    """(the VEVENTs, the X-WR-CALNAMEs, how many VEVENTs were cut short) of one file's text. VTIMEZONE
    definitions are handed to icalendar so that their TZIDs resolve; alarms and to-dos are passed over."""
    events: list[_Event] = []
    names: set[str] = set()
    stack: list[str] = []
    event: _Event | None = None
    zone_lines: list[str] | None = None
    broken = 0
    for line in _UNFOLD.sub("", text).splitlines():
        upper = line[:16].upper()
        if upper.startswith("BEGIN:"):
            component = line[6:].strip().upper()
            stack.append(component)
            if component == "VEVENT" and event is None:
                event = _Event(where=where)
            elif component == "VTIMEZONE":
                zone_lines = []
        elif upper.startswith("END:"):
            component = line[4:].strip().upper()
            if component not in stack:
                continue
            while stack and stack.pop() != component:
                pass
            if component == "VEVENT" and event is not None and "VEVENT" not in stack:
                events.append(event)
                event = None
            elif component == "VTIMEZONE" and zone_lines is not None:
                _learn_zone([*zone_lines, line])
                zone_lines = None
                continue
        if zone_lines is not None:
            zone_lines.append(line)
        elif event is not None and stack and stack[-1] == "VEVENT":
            match = _LINE.fullmatch(line)
            if match and match.group(1).upper() in _KEPT:
                params = {k.upper(): v.strip('"') for k, v in _PARAM.findall(match.group(2))}
                event.props.setdefault(match.group(1).upper(), []).append((params, match.group(3)))
        elif stack and stack[-1] == "VCALENDAR" and upper.startswith("X-WR-CALNAME"):
            match = _LINE.fullmatch(line)
            if match:
                names.add(normalize_email(_unescape(match.group(3))))
    if event is not None:
        broken += 1  # the file ended inside a VEVENT
    return events, names, broken


def _learn_zone(lines: list[str]) -> None:
    """Let icalendar know a VTIMEZONE, for a TZID that is not an IANA or Windows name."""
    from icalendar import Timezone
    from icalendar.timezone import tzp

    try:
        tzp.cache_timezone_component(Timezone.from_ical("\r\n".join(lines) + "\r\n"))
    except (ValueError, KeyError, TypeError, AttributeError):  # AttributeError: a TZID given twice
        pass  # a broken definition: its TZID falls back to floating time


class _Reader:
    """Turns parsed events into exchanges and counts, for one reading."""

    def __init__(self, reading: Reading, today: date, since: date | None, zone: tzinfo | None) -> None:
        self.reading = reading
        self.me = reading.owner
        self.today = today
        self.since = since
        self.zone = zone

    def read(self, events: list[_Event]) -> None:
        masters: list[_Event] = []
        overrides: dict[str, dict[str, _Event]] = {}
        for event in events:
            rid = event.first("RECURRENCE-ID")
            moment = _moment(*rid) if rid else None
            if rid and moment is None:
                self.reading.skipped[Skip.MALFORMED] += 1
            elif moment is not None:
                overrides.setdefault(_uid(event), {})[_key(moment)] = event
            else:
                masters.append(event)
        for event in masters:
            start = _moment(*first) if (first := event.first("DTSTART")) else None
            if start is None:
                self.reading.skipped[Skip.MALFORMED] += 1
            elif "RRULE" in event.props or "RDATE" in event.props:
                self._series(event, start, overrides.get(_uid(event), {}))
            else:
                self._instance(event, start, _key(start))
        for left in overrides.values():  # overrides of instances no master produced
            for key, event in left.items():
                start = _moment(*first) if (first := event.first("DTSTART")) else None
                if start is None:
                    self.reading.skipped[Skip.MALFORMED] += 1
                else:
                    self._instance(event, start, key, recurring=True)  # an instance of a series kept elsewhere

    def _series(self, master: _Event, start: date | datetime, overrides: dict[str, _Event]) -> None:
        """Every instance of a recurring event up to today, with its overrides in place."""
        whole = self._verdict(master)
        try:
            with item_budget():  # a rule that never yields (BYMONTHDAY=31 in April, SECONDLY) takes no longer
                starts = _instances(master, start, self.today)
        except (ValueError, TypeError, OverflowError, OverBudget):  # an RRULE dateutil cannot read, or one that spins
            self.reading.skipped[Skip.MALFORMED] += 1
            return
        past = sum(self._day(s) < self.today for s in starts)
        if past > MAX_INSTANCES:  # starts are in order: the oldest go
            self.reading.skipped[Skip.OVER_CAP] += past - MAX_INSTANCES
            starts = starts[past - MAX_INSTANCES :]
        counted = False
        for instance in starts:
            key = _key(instance)
            override = overrides.pop(key, None)
            if override is not None:
                moved = _moment(*first) if (first := override.first("DTSTART")) else None
                self._instance(_Event({**master.props, **override.props}, override.where), moved or instance, key, recurring=True)
            elif whole:
                if not counted:
                    self.reading.skipped[whole] += 1
                    counted = True
            else:
                self._instance(master, instance, key, judged=True, recurring=True)

    def _instance(self, event: _Event, start: date | datetime, key: str, judged: bool = False, recurring: bool = False) -> None:
        """One occurrence: an exchange, or one count of why not (`judged`: its series passed _verdict;
        `recurring`: an instance of a series, which wants no thank-you each time)."""
        on = self._day(start)
        reason = (
            Skip.NOT_YET if on >= self.today
            else Skip.BEFORE_SINCE if self.since and on < self.since
            else None if judged
            else self._verdict(event)
        )  # fmt: skip
        if reason:
            self.reading.skipped[reason] += 1
            return
        at = local_moment(start, self.zone) if isinstance(start, datetime) else None
        kind = "video" if _has_conference(event) else "met"
        summary = _text(event.value("SUMMARY"))
        parties = self._parties(event)
        self.reading.add(Exchange(
            SOURCE, f"{_uid(event)}/{key}", on, kind, "both", parties, summary, _place(event), at,
            group=len(parties) > GROUP_GUESTS or (len(parties) > GROUP_GUESTS_MINE and self._mine(event)),
            recurring=recurring,
        ))  # fmt: skip

    def _mine(self, event: _Event) -> bool:
        """The user organised it."""
        return any(p.email in self.me.emails for p in _people(event)[:1] if event.props.get("ORGANIZER"))

    def _day(self, start: date | datetime) -> date:
        return start if not isinstance(start, datetime) else local_moment(start, self.zone).date()

    def _verdict(self, event: _Event) -> Skip | None:
        """Why an event is skipped whatever its date, or None."""
        if (event.value("STATUS") or "").strip().upper() == "CANCELLED":
            return Skip.CANCELLED
        people = _people(event)
        mine = [p for p in people if p.email in self.me.emails]
        if any(p.partstat == "DECLINED" for p in mine):
            return Skip.DECLINED
        if mine and all(p.partstat in NOT_ACCEPTED for p in mine):
            return Skip.NOT_ACCEPTED  # an invitation never answered, or only tentatively: no meeting (issue 22)
        if sum(p.person for p in people if p.email) > MAX_ATTENDEES:
            return Skip.TOO_MANY_ATTENDEES
        if not self._parties(event):
            return Skip.NO_ONE_ELSE
        if not mine:
            return Skip.NOT_ME
        return None

    def _parties(self, event: _Event) -> tuple[Party, ...]:
        seen: dict[str, Party] = {}
        for p in _people(event):
            if (
                p.email
                and p.person
                and p.partstat != "DECLINED"
                and p.email not in self.me.emails
                and p.email not in seen
            ):
                seen[p.email] = Party(p.name, (p.email,))
        return tuple(seen.values())


def _people(event: _Event) -> list[_Person]:
    """The organizer (first) and the attendees."""
    people = []
    for name in ("ORGANIZER", "ATTENDEE"):
        for params, value in event.props.get(name, ()):
            address = value.strip()
            if address[:7].lower() == "mailto:":
                address = address[7:]
            email = normalize_email(address) if "@" in address else ""
            cn = _text(params.get("CN"))
            kind = params.get("CUTYPE", "INDIVIDUAL").upper()
            person = kind not in _NOT_PEOPLE and not email.endswith("resource.calendar.google.com")
            people.append(
                _Person(email, cn if cn and cn.lower() != email else None, params.get("PARTSTAT", "").upper(), person)
            )
    return people


_NO_STEP = re.compile(r"(?:^|;)\s*INTERVAL\s*=\s*(?:[+-]?0+|-\d+)\s*(?:;|$)", re.I)


def _instances(event: _Event, start: date | datetime, today: date) -> list[date | datetime]:
    """The starts of a series, in order, up to the day after today (a day's margin for zones), worked out
    in DTSTART's wall-clock time and then put back in its zone; at most MAX_GENERATED of them."""
    from dateutil.rrule import rruleset, rrulestr

    if isinstance(start, datetime):
        all_day, zone, wall = False, start.tzinfo, start.replace(tzinfo=None)
    else:
        all_day, zone, wall = True, None, datetime.combine(start, time())
    rules = rruleset()
    for _, text in event.props.get("RRULE", ()):
        if _NO_STEP.search(text):  # INTERVAL=0: dateutil never advances (DAILY spins for ever)
            raise ValueError("INTERVAL must be 1 or more")
        rules.rrule(rrulestr(_wall_until(text, zone, all_day), dtstart=wall))
    for name, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        for params, value in event.props.get(name, ()):
            for part in value.split(","):
                moment = _moment(params, part.split("/")[0])
                if moment is not None:
                    add(_wall(moment, zone))
    if "RRULE" not in event.props:
        rules.rdate(wall)  # RDATE alone: DTSTART is the first instance
    end = datetime.combine(today + timedelta(days=1), time.max)
    starts: list[date | datetime] = []
    for moment in rules:
        if moment > end or len(starts) >= MAX_GENERATED:
            break
        starts.append(moment.date() if all_day else moment.replace(tzinfo=zone))
    return starts


def _wall(moment: date | datetime, zone: tzinfo | None) -> datetime:
    """A moment as a wall-clock time in `zone` (a series' zone), as dateutil compares them."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time())
    if moment.tzinfo is not None and zone is not None:
        moment = moment.astimezone(zone)
    return moment.replace(tzinfo=None)


def _wall_until(rule: str, zone: tzinfo | None, all_day: bool) -> str:
    """An RRULE with its UNTIL as a wall-clock time like DTSTART's: dateutil refuses to mix a UTC UNTIL
    with a zone-less start, and an UNTIL date means the whole of that day."""

    def fix(match: re.Match) -> str:
        day, clock, utc = match.groups()
        moment = datetime.strptime(day + (clock or "235959"), "%Y%m%d%H%M%S")
        if utc and zone is not None:
            moment = moment.replace(tzinfo=timezone.utc).astimezone(zone).replace(tzinfo=None)
        if all_day:
            moment = moment.replace(hour=23, minute=59, second=59)
        return f"UNTIL={moment:%Y%m%dT%H%M%S}"

    return _UNTIL.sub(fix, rule)


def _moment(params: dict[str, str], value: str) -> date | datetime | None:
    """A DATE or DATE-TIME value with its TZID, through icalendar; None when it is not one."""
    from icalendar.prop import vDDDTypes

    value = value.strip()
    try:
        if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
            return datetime.strptime(value, "%Y%m%d").date()
        moment = vDDDTypes.from_ical(value, timezone=params.get("TZID"))
    except (ValueError, TypeError):
        return None
    # A bare TIME (DTSTART:120000) or a PERIOD/DURATION is no day: the event is malformed, not a crash later.
    return moment if isinstance(moment, (date, datetime)) else None


def _key(moment: date | datetime) -> str:
    """An instance's start as the key part of source_id: UTC when it has a zone, as written otherwise."""
    if not isinstance(moment, datetime):
        return f"{moment:%Y%m%d}"
    if moment.tzinfo is not None:
        return f"{moment.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"
    return f"{moment:%Y%m%dT%H%M%S}"


def _uid(event: _Event) -> str:
    """The UID; for an event without one, a digest of its start, summary and file, stable across reads."""
    uid = (event.value("UID") or "").strip()
    if uid:
        return uid
    parts = (event.value("DTSTART") or "", event.value("SUMMARY") or "", event.where)
    return "sha1:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def _has_conference(event: _Event) -> bool:
    if "X-GOOGLE-CONFERENCE" in event.props or "CONFERENCE" in event.props:
        return True
    return any(
        _CONFERENCE.search(value)
        for name in ("LOCATION", "DESCRIPTION", "URL")
        for _, value in event.props.get(name, ())
    )


def _place(event: _Event) -> str | None:
    place = _text(event.value("LOCATION"))
    if not place or (re.match(r"https?://", place, re.I) and " " not in place):
        return None
    return place


def _text(value: str | None) -> str | None:
    """A TEXT value unescaped (\\, \\; \\n \\\\), white space collapsed; None when blank."""
    if not value:
        return None
    return " ".join(_unescape(value).split()) or None


def _unescape(value: str) -> str:
    return _TEXT_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
