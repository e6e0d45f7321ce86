"""A month of Kim Oduya's records, in the formats netlog reads, and what she did with them each morning (issue 23).

Kim is a designer in Berlin who left her job at Tailspin Audio on Fri 30 Oct 2026 (farewell drinks she organised,
15 colleagues) and is looking for what comes next. Her mornings run from Sun 25 Oct to Mon 23 Nov 2026 (30
mornings); her records start in September. Everything is invented; every domain is example.* except the
calendar robot's own address, calendar-notification@google.com, which is what real invitations carry.

    python tests/persona/month.py OUT          # writes OUT/ (below) and prints what it wrote

    OUT/contacts.vcf                      her phone's address book (vCard 3.0, two 4.0 cards), 37 cards
    OUT/Connections.csv                   her LinkedIn export, 120 connections
    OUT/calendar.ics                      her Google Calendar export (with one event whose DTSTART is a bare time)
    OUT/mail/takeout-YYYY-MM-DD.mbox      the Gmail Takeout she made that morning (everything before 07:00)
    OUT/telegram/YYYY-MM-DD/result.json   the Telegram Desktop export she made that morning
    OUT/script.json                       each morning: what she imported, and what she did with the list
    OUT/truth.json                        what happened, for tests: replies owed, nudges that should come, ...

From Python: `from persona.month import MONTH` (built once, deterministic: the same bytes every run, seed 23),
then `MONTH.mbox(until)`, `MONTH.telegram(until)`, `MONTH.calendar()`, `MONTH.vcards()`, `MONTH.connections()`,
`MONTH.mornings` and the ground truth (`MONTH.owed`, `MONTH.nudges`, `MONTH.logged_and_sent`, ...).

What is in it, by what the issue says netlog gets wrong (each is in `truth.json` too):
- Threads with Message-ID, In-Reply-To, References and Gmail's X-GM-THRID; one reply from an old client with
  neither header, only "Re: <subject>" (Bruno); replies quote what they answer ("> ..."), so a question
  mark may sit only in the quote (Lars's "Sounds good").
- Replies owed: Ana Pereira asks on Fri 30 Oct and again a week later (a LinkedIn connection without an
  address, matched by name); Tomasz Nowak asks on Mon 9 Nov; Mei Chen asks with no question mark ("I'd be
  grateful if you could send me ..."); Lea Fischer's Telegram question is the last message of her day.
  None is ever answered. Messages that ask nothing: "Great, thanks!", an FYI whose link has a "?" in its
  query string, "Thanks! It was lovely", "Sounds good" over a quoted question.
- Silences: Kim's closing reply to Paula (thread A, Mon 26 Oct), then her new question to Paula in a new
  thread (B, Mon 2 Nov), never answered; her question to Rafael (Thu 5 Nov), "answered" only by Rafael's
  Google Calendar "Invitation: Sync" (From: Rafael Souza <calendar-notification@google.com>, METHOD:REQUEST).
- Machinery: twelve guests' "Accepted: Farewell drinks" (text/calendar METHOD:REPLY) before the party;
  Jakob's invitation (From Jakob, Sender: calendar-notification) and Kim's own "Accepted: Studio visit" in
  her Sent folder (METHOD:REPLY).
- Her Sent folder holds the notes `draft ... --sent` logged, on the same days: thank-yous to Selin, Omar,
  Priya and Lars, the birthday note to Jana; and a thank-you to Hannah she wrote in Gmail on Sunday and
  logged with `thank Hannah --sent` on Monday (captured first, then logged).
- Chats: a close friend (Arjun) with whom casual days end on her "haha yes"; her own question to him as
  the last message of Sat 14 Nov (unanswered for ten days); a group chat; a landlord who is no contact.
- Calendar: her farewell drinks (organiser, 15 guests), a 1:1 coffee (Selin), a lunch (Omar), a Meet call
  (Priya), a coffee (Hannah), a 7-person panel (Bruno's), a catch-up whose invitation she never answered
  (Greta, NEEDS-ACTION), two future events, an event with `DTSTART:120000`, Jana's birthday (all-day, yearly).
- Cards: four organisations in four spellings (Apple's X-ABShowAs:COMPANY, 4.0 KIND:org, Google's FN equal
  to ORG with an empty N, a 3.0 card with ORG and nothing else), three siblings sharing her family name
  (one with 4.0 RELATED, one with Apple's X-ABRELATEDNAMES), `ORG:Native Instruments;Design`, a birthday.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 23
BERLIN = ZoneInfo("Europe/Berlin")
FIRST_MORNING = date(2026, 10, 25)  # a Sunday
LAST_MORNING = date(2026, 11, 23)  # a Monday: the suite's fixed today
MORNING_CUT = time(7, 0)  # an export made that morning holds everything before 07:00, Berlin time
PARTY = date(2026, 10, 30)
PANEL = date(2026, 11, 12)
GROUP_EVENTS = (PARTY, PANEL)
CALENDAR_ROBOT = "calendar-notification@google.com"
TELEGRAM_ID = 5550001


def day(text: str) -> date:
    return date.fromisoformat(text)


def at(when: str, zone: tzinfo = BERLIN) -> datetime:
    """'2026-10-30 16:05' in a zone (Berlin unless said)."""
    return datetime.fromisoformat(when).replace(tzinfo=zone)


def morning(on: date) -> datetime:
    """The moment an export made that morning was cut."""
    return datetime.combine(on, MORNING_CUT, BERLIN)


def mornings() -> list[date]:
    return [FIRST_MORNING + timedelta(days=n) for n in range((LAST_MORNING - FIRST_MORNING).days + 1)]


def working_days_after(start: date, n: int) -> date:
    """The n-th working day (Mon-Fri) after `start`."""
    on = start
    while n:
        on += timedelta(days=1)
        n -= on.weekday() < 5
    return on


# People ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone in Kim's records. `card`: how her address book holds them (None: not in it); `linkedin`: in her
    LinkedIn connections. `tag` says what they are to her, for tests: colleague, friend, family, org, pro, linkedin."""

    name: str
    email: str | None = None
    tag: str = "friend"
    phone: str | None = None
    card: str | None = "apple"  # apple, google, v4, bare-org, apple-org, v4-org, google-org
    linkedin: bool = False
    linkedin_email: bool = True  # LinkedIn shows the address (many connections hide it)
    org: str | None = None  # the vCard ORG value as written ("Native Instruments;Design")
    title: str | None = None
    bday: str | None = None
    zone: tzinfo = BERLIN
    related: str | None = None  # rel, for a family card

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def company(self) -> str | None:
        return self.org.split(";")[0] if self.org else None


KIM = Person("Kim Oduya", "kim.oduya@example.org", "me", phone="+49 151 5550 0001", card=None)
KIM_OTHER = "kim@oduya.example"  # her own domain: some people write to it

TAILSPIN = "Tailspin Audio;Product Design"
_COLLEAGUES = [
    ("Antoine Dubois", "Sound Designer"), ("Bea Schulz", "Design Lead"), ("Carlos Mendes", "Product Manager"),
    ("Dana Kowalski", "UX Researcher"), ("Elif Aydın", "Illustrator"), ("Felix Wagner", "Engineering Manager"),
    ("Greta Lind", "Product Designer"), ("Hiro Sato", "DSP Engineer"), ("Inês Costa", "Content Designer"),
    ("Jonas Richter", "Frontend Engineer"), ("Karin Vogel", "Office Manager"), ("Leo Marchetti", "QA Lead"),
    ("Mona Haddad", "Motion Designer"), ("Nils Eriksson", "Design Engineer"), ("Oskar Lindqvist", "Data Engineer"),
]  # fmt: skip


def _ascii(name: str) -> str:
    table = str.maketrans("ıêéèçãáóúüöäßñ", "ieeecaaouuoasn")
    return name.lower().translate(table).replace(" ", ".")


COLLEAGUES = {
    name.split()[0].lower().replace("ê", "e"): Person(
        name, f"{_ascii(name)}@tailspin-audio.example", "colleague", phone=f"+49 151 5551 {n:04d}",
        org=TAILSPIN, title=title, card="google" if n % 3 == 0 else "apple",
    )
    for n, (name, title) in enumerate(_COLLEAGUES, start=1)
}  # fmt: skip
STRONG = {"bea": "strong", "nils": "close"}  # what Kim sets by hand on the first morning (and Arjun, close)

P = {
    **COLLEAGUES,
    "arjun": Person("Arjun Mehta", "arjun.mehta@example.net", phone="+44 7700 900123", zone=ZoneInfo("Europe/London")),
    "paula": Person("Paula Jensen", "paula@jensen-studio.example", "pro", org="Jensen Studio", title="Founder",
                    zone=ZoneInfo("Europe/Copenhagen")),
    "lea": Person("Lea Fischer", "lea.fischer@example.de", phone="+49 160 5550199"),
    "hannah": Person("Hannah Becker", "hannah.becker@example.de", "pro", org="Moss & Field", title="Creative Director"),
    "bruno": Person("Bruno Alves", "bruno@designweek.example", "pro", org="Berlin Design Week", title="Programme Lead",
                    card="google"),
    "lars": Person("Lars Petersen", "lars.petersen@example.dk", "pro", zone=ZoneInfo("Europe/Copenhagen")),
    "tomasz": Person("Tomasz Nowak", "tomasz@nowak-studio.example", "pro", org="Nowak Studio", title="Founder",
                     zone=ZoneInfo("Europe/Warsaw")),
    "jana": Person("Jana Horvat", "jana.horvat@example.hr", "friend", bday="1990-11-04", zone=ZoneInfo("Europe/Zagreb")),
    "lukas": Person("Lukas Brandt", "lukas.brandt@native-instruments.example", "pro", org="Native Instruments;Design",
                    title="Senior Designer"),
    "sofia": Person("Sofia Marin", "sofia.marin@example.es", "pro", org="Studio Nube", card="google"),
    "yusuf": Person("Yusuf Demir", "yusuf@demir.example", "pro"),
    "maren": Person("Maren Holt", "maren.holt@example.no", "pro", org="Fjord Type"),
    "tobias": Person("Tobias Klein", "tobias.klein@example.de", "pro", card="google"),
    "ruth": Person("Ruth Adler", "ruth.adler@example.at", "pro", org="Adler & Sohn"),
    "dev": Person("Dev Patel", "dev.patel@example.in", "pro"),
    # Family: her three siblings share her family name; Ngozi's card says so (RELATED), Chidi's the Apple way.
    "ada": Person("Ada Oduya", "ada.oduya@example.ng", "family", phone="+234 803 555 0101"),
    "chidi": Person("Chidi Oduya", None, "family", phone="+49 176 5550 0102", related="apple"),
    "ngozi": Person("Ngozi Oduya", "ngozi@oduya.example", "family", phone="+44 7700 900456", card="v4", related="v4"),
    # Organisations, each the way one address book writes a company card.
    "dentist": Person("Zahnarzt Dr. Weber", None, "org", phone="+49 30 5550 1234", org="Zahnarzt Dr. Weber",
                      card="apple-org"),
    "physio": Person("Physiotherapie am Park", "praxis@physio-am-park.example", "org", phone="+49 30 5550 2345",
                     org="Physiotherapie am Park", card="v4-org"),
    "plumber": Person("Klempnerei Schulze", None, "org", phone="+49 30 5550 3456", org="Klempnerei Schulze",
                      card="google-org"),
    "kita": Person("Kita Sonnenschein", "leitung@kita-sonnenschein.example", "org", phone="+49 30 5550 4567",
                   org="Kita Sonnenschein", card="bare-org"),
    # LinkedIn connections she deals with this month (the rest of the 120 are generated below).
    "ana": Person("Ana Pereira", "ana.pereira@example.pt", "linkedin", card=None, linkedin=True, linkedin_email=False,
                  org="Lumen Health", title="Head of Design", zone=ZoneInfo("Europe/Lisbon")),
    "mei": Person("Mei Chen", "mei.chen@example.com", "linkedin", card=None, linkedin=True, org="Wavelab",
                  title="Design Manager", zone=ZoneInfo("Asia/Singapore")),
    "selin": Person("Selin Kaya", "selin@kaya.example", "linkedin", card=None, linkedin=True, org="Kaya Labs",
                    title="Founder"),
    "omar": Person("Omar Farouk", "omar.farouk@hirehub.example", "linkedin", card=None, linkedin=True, org="HireHub",
                   title="Talent Partner"),
    "priya": Person("Priya Raman", "priya.raman@wavelab.example", "linkedin", card=None, linkedin=True, org="Wavelab",
                    title="VP Product", zone=ZoneInfo("Europe/London")),
    "rafael": Person("Rafael Souza", "rafael.souza@lumen.example", "linkedin", card=None, linkedin=True,
                     linkedin_email=False, org="Lumen Health", title="Design Director",
                     zone=ZoneInfo("America/Sao_Paulo")),
    "jakob": Person("Jakob Hoffmann", "jakob.hoffmann@studiofuchs.example", "linkedin", card=None, linkedin=True,
                    linkedin_email=False, org="Studio Fuchs", title="Partner"),
}
GUESTS = tuple(COLLEAGUES.values())  # the farewell drinks: all fifteen
ORGS = tuple(p for p in P.values() if p.tag == "org")
FAMILY = tuple(p for p in P.values() if p.tag == "family")
# Strangers: they write, but they are nobody's contact.
STRANGERS = [
    Person("Lena Vogt", "lena@talentbridge.example", "stranger", card=None),
    Person("Marc Dupont", "marc@agence-dupont.example", "stranger", card=None, zone=ZoneInfo("Europe/Paris")),
    Person("Ravi Iyer", "ravi@pixelforge.example", "stranger", card=None, zone=ZoneInfo("Asia/Kolkata")),
]
PANELISTS = [Person(f"{n} Panel", f"{n.lower()}@panel.example", "stranger", card=None) for n in ("Ama", "Bo", "Cai", "Dee", "Eun")]

_FIRST = ("Aino Bram Cleo Dario Edda Farid Gael Hedda Ilse Joaquín Kaito Liv Malik Nora Oskar Pia Quentin Rosa Soren"
          " Tilde Uma Viggo Wren Xenia Yara Zeno").split()  # fmt: skip
_LAST = ("Aalto Berger Castillo Dimitrov Engel Fontaine Gruber Horn Iversen Jovanović Kerr Lund Moreau Nakamura"
         " Olsen Pohl Quint Rautio Sandoval Thorsen").split()  # fmt: skip
_COMPANIES = ("Ableton", "SoundCloud", "Zalando", "N26", "Delivery Hero", "Contentful", "Babbel", "EyeEm", "Moss & Field",
              "Wavelab", "Studio Nube", "Fjord Type", None, None)  # fmt: skip
_TITLES = ("Product Designer", "UX Researcher", "Design Manager", "Engineer", "Recruiter", "Founder", None)


def _linkedin_pool(rng: random.Random, n: int) -> list[Person]:
    """The connections she never deals with this month: the reconnect pool."""
    taken = {p.name for p in P.values()}
    pool = []
    while len(pool) < n:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in taken:
            continue
        taken.add(name)
        email = f"{_ascii(name)}@example.com" if rng.random() < 0.3 else None
        pool.append(Person(name, email, "pool", card=None, linkedin=True, linkedin_email=email is not None,
                           org=rng.choice(_COMPANIES), title=rng.choice(_TITLES)))  # fmt: skip
    return pool


# Mail -----------------------------------------------------------------------------------------------------


@dataclass
class Mail:
    """One message of the Takeout. `asks`: it asks something outside its quoted text (a question or a request);
    `machinery`: a calendar invitation or reply, not conversation."""

    n: int
    at: datetime
    sender: Person
    to: tuple[Person, ...]
    subject: str
    text: str
    thread: int
    cc: tuple[Person, ...] = ()
    parent: Mail | None = None
    thread_headers: bool = True  # False: an old client's reply, "Re: subject" and nothing else to thread by
    labels: str = "Inbox,Opened"
    asks: bool = False
    machinery: bool = False
    calendar: tuple[str, str] | None = None  # (METHOD, the text/calendar part)
    header_from: str | None = None  # the From written, when it is not the sender's own (calendar robot)
    extra: tuple[tuple[str, str], ...] = ()
    to_address: str | None = None  # Kim's address it went to (the second one, sometimes)
    quote: bool = True  # a reply quotes its parent

    @property
    def sent(self) -> bool:
        return self.sender is KIM

    @property
    def message_id(self) -> str:
        if self.sent:
            return f"<CAKo{self.n:05d}x{self.thread:03d}@mail.gmail.com>"
        domain = (self.sender.email or "mail.example").partition("@")[2]
        return f"<{self.n:05d}.{self.thread:03d}.{self.at:%Y%m%d%H%M}@{domain}>"

    def references(self) -> list[str]:
        chain, m = [], self.parent
        while m is not None:
            chain.append(m.message_id)
            m = m.parent
        return chain[::-1]


def _addr(p: Person, address: str | None = None) -> Address:
    local, _, domain = (address or p.email).partition("@")
    return Address(p.name, local, domain)


def _quoted(mail: Mail) -> str:
    when = mail.at.astimezone(BERLIN)
    said = "\n".join(f"> {line}" if line else ">" for line in mail.text.splitlines())
    return f"On {when:%a}, {when.day} {when:%b %Y} at {when:%H:%M}, {mail.sender.name} <{mail.sender.email}> wrote:\n{said}"


def _message_bytes(mail: Mail) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["X-GM-THRID"] = str(1780000000000000000 + mail.thread * 7919)
    msg["X-Gmail-Labels"] = mail.labels
    msg["Delivered-To"] = KIM.email
    msg["Received"] = f"by 2002:a05:6000:{mail.n:x} with SMTP id {mail.n}; {format_datetime(mail.at)}"
    msg["MIME-Version"] = "1.0"
    msg["Message-ID"] = mail.message_id
    if mail.parent is not None and mail.thread_headers:
        msg["In-Reply-To"] = mail.parent.message_id
        msg["References"] = " ".join(mail.references())
    msg["Date"] = format_datetime(mail.at.astimezone(mail.sender.zone))
    if mail.header_from:
        msg["From"] = mail.header_from
    else:
        msg["From"] = _addr(mail.sender)
    msg["To"] = [_addr(p, mail.to_address if p is KIM else None) for p in mail.to]
    if mail.cc:
        msg["Cc"] = [_addr(p) for p in mail.cc]
    msg["Subject"] = mail.subject
    for name, value in mail.extra:
        msg[name] = value
    text = mail.text
    if mail.parent is not None and mail.quote:
        text = f"{text}\n\n{_quoted(mail.parent)}"
    if mail.n % 5 == 0 and not mail.calendar:
        msg.set_content(text + "\n", cte="quoted-printable")  # some clients send everything quoted-printable
    else:
        msg.set_content(text + "\n")
    if mail.n % 4 != 1:  # most mail also has an HTML part
        html = "<div dir=\"ltr\">" + "<br>".join(_html(line) for line in text.splitlines()) + "</div>"
        msg.add_alternative(html + "\n", subtype="html")
    if mail.calendar:
        method, ics = mail.calendar
        msg.add_alternative(ics, subtype="calendar", params={"method": method})
        msg.add_attachment(ics.encode(), maintype="application", subtype="ics", filename="invite.ics")
    for number, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"00000000000{mail.n:05d}{number}b{mail.thread:03d}")  # stable bytes, run after run
    data = msg.as_bytes()
    data = re.sub(rb"(?m)^(>*From )", rb">\1", data)  # mboxrd: a body line starting "From " is quoted
    utc = mail.at.astimezone(timezone.utc)
    separator = f"From {1780000000000000000 + mail.thread * 7919}@xxx {utc:%a %b %d %H:%M:%S} +0000 {utc:%Y}\n"
    return separator.encode() + data.rstrip(b"\r\n") + b"\r\n\r\n"


def _html(line: str) -> str:
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<blockquote>{line[5:]}</blockquote>" if line.startswith("&gt; ") else line


def _invite(method: str, uid: str, summary: str, start: datetime, minutes: int, organizer: Person,
            attendees: list[tuple[Person, str]]) -> str:  # fmt: skip
    """The text/calendar part of an invitation (REQUEST) or of a reply to one (REPLY)."""
    end = start + timedelta(minutes=minutes)
    lines = [
        "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
        f"METHOD:{method}", "BEGIN:VEVENT",
        f"DTSTART:{start.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}", f"DTEND:{end.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}",
        "DTSTAMP:20261020T090000Z", f"ORGANIZER;CN={organizer.name}:mailto:{organizer.email}", f"UID:{uid}",
        *(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={state};CN={p.name};X-NUM-GUESTS=0:mailto:{p.email}"
          for p, state in attendees),
        f"SUMMARY:{summary}", "SEQUENCE:0", "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    return "".join(_fold(line) for line in lines)


def _fold(line: str) -> str:
    """An iCalendar content line folded at 75 octets, CRLF."""
    out, data = [], line.encode()
    while len(data) > 75:
        cut = 75 if not out else 74
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        out.append(data[:cut])
        data = data[cut:]
    out.append(data)
    return b"\r\n ".join(out).decode() + "\r\n"


# Chats ----------------------------------------------------------------------------------------------------


@dataclass
class Chat:
    """One Telegram chat: its messages as (moment, from Kim?, text)."""

    id: int
    name: str
    kind: str = "personal_chat"
    person: Person | None = None
    messages: list[tuple[datetime, bool, str]] = field(default_factory=list)
    members: tuple[str, ...] = ()  # group chats: who else writes

    def say(self, when: str, mine: bool, text: str) -> None:
        self.messages.append((at(when), mine, text))


# Calendar -------------------------------------------------------------------------------------------------


@dataclass
class Event:
    uid: str
    summary: str
    start: datetime | date | None
    minutes: int = 60
    organizer: Person | None = None
    guests: tuple[tuple[Person, str], ...] = ()  # (person, PARTSTAT), Kim included when she is on it
    location: str | None = None
    meet: str | None = None
    rrule: str | None = None
    raw_start: str | None = None  # written as is: "120000"

    @property
    def group(self) -> bool:
        """The issue's rule: organised by Kim with more than a few guests, or more than five guests."""
        others = [p for p, _ in self.guests if p is not KIM]
        return len(others) > 5 or (self.organizer is KIM and len(others) > 3)


# Mornings -------------------------------------------------------------------------------------------------


@dataclass
class Morning:
    """What Kim did one morning, in order: setup (the first morning: who she is, her contacts), imports (each of
    the file she exported that morning: {Connections.csv} in a setup step names a file of the month), then actions.
    An action is a list of words: ["draft", NAME, DRAFT, "--sent"] is `netlog draft NAME DRAFT --sent`; the
    policies are ["review-picks"] (dismiss each reconnect pick that is not a professional tie, one at a time,
    as `review`'s x would) and ["reach-out"] (`draft NAME reconnect --sent` to the first professional pick)."""

    on: date
    setup: list[list[str]] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    actions: list[list[str]] = field(default_factory=list)


IMPORT_DAYS = {
    "mail": ["2026-10-25", "2026-11-02", "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19", "2026-11-23"],
    "calendar": ["2026-10-25", "2026-10-31", "2026-11-04", "2026-11-06", "2026-11-10", "2026-11-13", "2026-11-16",
                 "2026-11-20", "2026-11-23"],  # fmt: skip
    "telegram": ["2026-10-25", "2026-11-01", "2026-11-08", "2026-11-11", "2026-11-15", "2026-11-22"],
}
ACTIONS = {
    "2026-11-04": [["draft", "Selin Kaya", "thank", "--sent"], ["draft", "Jana Horvat", "congratulate", "--sent"]],
    "2026-11-06": [["draft", "Omar Farouk", "thank", "--sent"]],
    "2026-11-10": [["draft", "Priya Raman", "thank", "--sent"]],
    "2026-11-13": [["log", "Lars Petersen", "coffee", "--on", "2026-11-12", "--note", "coffee at Father Carpenter"],
                   ["draft", "Lars Petersen", "thank", "--sent"]],
    "2026-11-16": [["thank", "Hannah Becker", "--sent"]],  # she wrote it in Gmail last night: captured first
}  # fmt: skip


# The month --------------------------------------------------------------------------------------------------


class Month:
    """Kim's records and mornings, built once from the seed."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.pool = _linkedin_pool(self.rng, 113)
        self.mails: list[Mail] = []
        self._threads = 0
        self.owed: list[dict] = []  # messages that wait for Kim's answer and never get one
        self.nudges: list[dict] = []  # Kim's messages that wait for an answer and never get one (a nudge is due)
        self.asked_nothing: list[dict] = []  # messages to Kim that ask nothing, or that she answered
        self.logged_and_sent: list[dict] = []  # notes `draft --sent` logged and her Sent folder holds
        self.chats: list[Chat] = []
        self.events: list[Event] = []
        self._mail()
        self._chats()
        self._calendar()
        self.mails.sort(key=lambda m: (m.at, m.n))
        self.mornings = self._mornings()

    # mail

    def _new(self, when: datetime, sender: Person, to, subject: str, text: str, parent: Mail | None = None, **kw) -> Mail:
        if parent is None:
            self._threads += 1
        thread = parent.thread if parent else self._threads
        to = tuple(to) if isinstance(to, (list, tuple)) else (to,)
        labels = kw.pop("labels", "Sent" if sender is KIM else "Inbox,Opened")
        mail = Mail(len(self.mails) + 1, when, sender, to, subject, text, thread, parent=parent, labels=labels, **kw)
        self.mails.append(mail)
        return mail

    def reply(self, parent: Mail, when: datetime, sender: Person, text: str, **kw) -> Mail:
        to = parent.sender if parent.sender is not sender else parent.to[0]
        subject = parent.subject if parent.subject.startswith("Re: ") else f"Re: {parent.subject}"
        return self._new(when, sender, to, subject, text, parent, **kw)

    def _mail(self) -> None:
        self._background_mail()
        self._threads_that_matter()
        self._machinery()
        self._notes_she_sent()

    def _background_mail(self) -> None:
        """Newsletters, list mail, shops, strangers, and settled threads with friends: the bulk of a mailbox."""
        rng = self.rng
        weekly = Person("Designer News", "digest@designernews.example", "list", card=None)
        for n in range(24):
            when = at("2026-09-03 06:30") + timedelta(days=7 * (n // 2) + 3 * (n % 2))
            self._new(when, weekly, KIM, f"Designer News #{412 + n}: type, motion and the week's jobs",
                      "This week: variable fonts in product UI, a motion system teardown, 14 new jobs.\n\nUnsubscribe: https://designernews.example/u?id=8812",
                      labels="Inbox,Category Updates",
                      extra=(("Precedence", "bulk"), ("List-Unsubscribe", "<https://designernews.example/u?id=8812>")))  # fmt: skip
        group = Person("Berlin UX List", "ux-berlin@lists.example", "list", card=None)
        for n in range(80):
            when = at("2026-09-01 09:00") + timedelta(days=n, hours=rng.randrange(10))
            author = rng.choice([P["bruno"], P["lars"], *STRANGERS])
            self._new(when, author, group, f"[ux-berlin] {rng.choice(['Meetup', 'Job', 'Question', 'Event'])} {n + 1}",
                      "Anyone going to the meetup on Thursday? Looking for a ride.",
                      extra=(("List-Id", "Berlin UX <ux-berlin.lists.example>"), ("Precedence", "list")))  # fmt: skip
        shop = Person("Shop", "noreply@shop.example", "list", card=None)
        for n in range(20):
            when = at("2026-09-02 11:00") + timedelta(days=4 * n)
            self._new(when, shop, KIM, f"Your order #{5520 + n} has shipped", "Track it here: https://shop.example/t?o=5520",
                      labels="Inbox,Category Purchases")  # fmt: skip
        # Strangers: a recruiter who writes twice, an agency, a cold pitch; Kim answers one of them.
        lena = STRANGERS[0]
        first = self._new(at("2026-10-05 10:12"), lena, KIM, "Senior product designer roles",
                          "Hi Kim, are you open to a chat about two senior roles in Hamburg?")  # fmt: skip
        self.reply(first, at("2026-10-06 09:00"), KIM, "Thanks Lena, not right now.")
        self._new(at("2026-11-03 14:00"), lena, KIM, "Following up: senior roles",
                  "Hi Kim, any news on your side? The roles are still open.")  # fmt: skip
        self._new(at("2026-10-20 12:00"), STRANGERS[1], KIM, "Portfolio feature",
                  "Would you like to be featured in our portfolio series?")  # fmt: skip
        self._new(at("2026-11-10 07:45"), STRANGERS[2], KIM, "Quick question about your audio UI work",
                  "Could you share how you approached the mixer redesign?")  # fmt: skip
        # Settled threads with friends and clients (answered, closed) before the month.
        for who, start in (("bruno", "2026-09-08"), ("lars", "2026-09-15"), ("hannah", "2026-09-22"),
                           ("tomasz", "2026-09-10"), ("lea", "2026-09-29"), ("arjun", "2026-09-18")):  # fmt: skip
            p = P[who]
            t0 = at(f"{start} 10:30")
            ask = self._new(t0, p, KIM, f"{p.first} / Kim: {rng.choice(['slides', 'the workshop', 'a book tip', 'your talk'])}",
                            "Hi Kim, do you still have the slides from your talk? Would love to reread them.")  # fmt: skip
            answer = self.reply(ask, t0 + timedelta(hours=5), KIM, "Here you go, the link is in the doc. Enjoy!")
            self.reply(answer, t0 + timedelta(days=1, hours=1), p, "Got them, thank you!")
            self.asked_nothing.append({"who": p.name, "on": str(t0.date()), "why": "answered the same day"})
        # Tomasz's project ends: his thanks, and Kim's closing reply (it asks nothing).
        paid = self._new(at("2026-10-14 16:20", P["tomasz"].zone), P["tomasz"], KIM, "Invoice 2026-031",
                         "Hi Kim, the invoice is paid. Thanks again for the great work on the app.")  # fmt: skip
        self.reply(paid, at("2026-10-15 09:10"), KIM, "Thank you, Tomasz! It was a pleasure working with you.")
        self.asked_nothing.append({"who": "Tomasz Nowak", "on": "2026-10-14", "why": "thanks, asks nothing"})

    def _threads_that_matter(self) -> None:
        paula, ana, tomasz, mei, bruno, lars, rafael = (P[k] for k in "paula ana tomasz mei bruno lars rafael".split())
        # Paula (a client), thread A: her question, Kim's closing answer (asks nothing).
        a = self._new(at("2026-10-26 10:12"), paula, KIM, "Handover of the app files",
                      "Hi Kim,\n\ncould we move the handover to Thursday? Monday is packed.\n\nPaula", asks=True)
        self.reply(a, at("2026-10-26 11:03"), KIM, "Thursday works. Thanks, Paula!")
        self.asked_nothing.append({"who": paula.name, "on": "2026-10-26", "why": "answered the same day"})
        # Paula, thread B: a new question, a week later, never answered: the nudge that must come.
        b = self._new(at("2026-11-02 09:40"), KIM, paula, "Old brand guide",
                      "Hi Paula,\n\ndo you still have the Figma export of the old brand guide? I'd like to show a few pages in my portfolio.\n\nKim",
                      asks=True)  # fmt: skip
        self.nudges.append({"who": paula.name, "sent": "2026-11-02", "source": "mail", "subject": b.subject,
                            "why": "a new question in a new thread, after her closing reply in thread A"})  # fmt: skip
        # Ana: a request with a question mark, then again a week later in the same thread. Never answered.
        deck = self._new(at("2026-10-30 16:05", ana.zone), ana, KIM, "Portfolio deck",
                         "Hi Kim,\n\ncongrats on the new chapter! Could you send me the portfolio deck you showed at the meetup? I'd like to share it with our hiring lead.\n\nBest,\nAna",
                         asks=True)  # fmt: skip
        self.owed.append({"who": ana.name, "on": "2026-10-30", "source": "mail", "subject": deck.subject})
        again = self.reply(deck, at("2026-11-06 11:30", ana.zone), ana,
                           "Hi Kim, just checking in: did you get a chance to look for the deck?", asks=True)  # fmt: skip
        self.owed.append({"who": ana.name, "on": "2026-11-06", "source": "mail", "subject": again.subject, "again": True})
        # Tomasz: a question, never answered.
        flow = self._new(at("2026-11-09 11:00", tomasz.zone), tomasz, KIM, "Onboarding flow review",
                         "Hi Kim,\n\nwould you have time to review our new onboarding flow next week? Happy to pay your day rate.\n\nTomasz",
                         asks=True, to_address=KIM_OTHER)  # fmt: skip
        self.owed.append({"who": tomasz.name, "on": "2026-11-09", "source": "mail", "subject": flow.subject})
        # Mei: a request without a question mark.
        rec = self._new(at("2026-11-11 21:30", mei.zone), mei, KIM, "The recruiter you mentioned",
                        "Hi Kim,\n\ngreat to hear you're looking. I'd be grateful if you could send me the name of the recruiter you mentioned at the meetup.\n\nBest,\nMei",
                        asks=True)  # fmt: skip
        self.owed.append({"who": mei.name, "on": "2026-11-11", "source": "mail", "subject": rec.subject})
        # Bruno: a question Kim answers; his thanks from an old client (no In-Reply-To, no References); an FYI.
        panel = self._new(at("2026-11-02 15:20"), bruno, KIM, "Panel at Design Week",
                          "Hi Kim,\n\ncan you join the panel on 12 November? We'd love to have you on it.\n\nBruno", asks=True)
        yes = self.reply(panel, at("2026-11-03 08:50"), KIM, "Yes, count me in!")
        self.reply(yes, at("2026-11-03 12:00"), bruno, "Great, thanks! I'll send the details.", thread_headers=False, quote=False)
        self._new(at("2026-11-06 09:15"), bruno, KIM, "FYI: panel room",
                  "FYI, the panel moved to room B. Details: https://designweek.example/panel?id=42&lang=en")  # fmt: skip
        self.asked_nothing += [
            {"who": bruno.name, "on": "2026-11-02", "why": "answered the next morning"},
            {"who": bruno.name, "on": "2026-11-03", "why": "thanks, no thread headers"},
            {"who": bruno.name, "on": "2026-11-06", "why": "FYI; the only ? is in a link's query string"},
        ]
        # Lars: Kim asks, Lars says "Sounds good" above her quoted question.
        coffee = self._new(at("2026-11-03 17:30"), KIM, lars, "Coffee?", "Hi Lars, shall we meet on Thursday the 12th at 10?", asks=True)
        self.reply(coffee, at("2026-11-04 08:05", lars.zone), lars, "Sounds good, see you then!")
        self.asked_nothing.append({"who": lars.name, "on": "2026-11-04", "why": "the only ? is in the quoted text"})
        # Rafael: Kim's question; his only answer is a calendar invitation.
        case = self._new(at("2026-11-05 17:45"), KIM, rafael, "Case study feedback",
                         "Hi Rafael,\n\nwould you have time to look at my case study before Friday next week? It's the mixer redesign.\n\nKim",
                         asks=True)  # fmt: skip
        self.nudges.append({"who": rafael.name, "sent": "2026-11-05", "source": "mail", "subject": case.subject,
                            "why": "his Google Calendar invitation is not a reply"})  # fmt: skip

    def _machinery(self) -> None:
        """Calendar invitations and replies: mail about a meeting, not conversation."""
        party_at = at("2026-10-30 18:00")
        summary = "Farewell drinks"
        when = "Fri 30 Oct 2026 6pm - 10pm (CET)"
        for n, guest in enumerate(GUESTS):
            if n % 5 == 4:  # three of them accepted in the calendar without a mail
                continue
            ics = _invite("REPLY", "farewell-kim@google.com", summary, party_at, 240, KIM, [(guest, "ACCEPTED")])
            self._new(at("2026-10-20 09:00") + timedelta(hours=5 * n), guest, KIM, f"Accepted: {summary} @ {when} ({KIM.email})",
                      f"{guest.name} has accepted this invitation.\n\n{summary}\n{when}\nPrater Garten",
                      calendar=("REPLY", ics), machinery=True,
                      extra=(("Sender", f"Google Calendar <{CALENDAR_ROBOT}>"),))  # fmt: skip
        # Rafael's invitation, from the robot's address under his name: the mail that cleared a real nudge.
        rafael, jakob = P["rafael"], P["jakob"]
        sync = at("2026-12-01 15:00")
        ics = _invite("REQUEST", "sync-rafael@google.com", "Sync", sync, 30, rafael, [(rafael, "ACCEPTED"), (KIM, "NEEDS-ACTION")])
        self._new(at("2026-11-09 09:00"), rafael, KIM, f"Invitation: Sync @ Tue 1 Dec 2026 3pm - 3:30pm (CET) ({KIM.email})",
                  "Rafael Souza has invited you to Sync.\n\nTuesday 1 Dec 2026 3pm - 3:30pm (CET)\n\nGoing? Yes - Maybe - No",
                  calendar=("REQUEST", ics), machinery=True, header_from=f"Rafael Souza <{CALENDAR_ROBOT}>",
                  extra=(("Reply-To", f"Rafael Souza <{rafael.email}>"),))  # fmt: skip
        # Jakob's invitation (from his own address), and Kim's "Accepted" in her Sent folder.
        visit = at("2026-12-01 10:00")
        ics = _invite("REQUEST", "visit-jakob@google.com", "Studio visit", visit, 120, jakob, [(jakob, "ACCEPTED"), (KIM, "NEEDS-ACTION")])
        invite = self._new(at("2026-11-11 10:00"), jakob, KIM, f"Invitation: Studio visit @ Tue 1 Dec 2026 10am - 12pm (CET) ({KIM.email})",
                           "Jakob Hoffmann has invited you to Studio visit.\n\nGoing? Yes - Maybe - No",
                           calendar=("REQUEST", ics), machinery=True,
                           extra=(("Sender", f"Google Calendar <{CALENDAR_ROBOT}>"),))  # fmt: skip
        ics = _invite("REPLY", "visit-jakob@google.com", "Studio visit", visit, 120, jakob, [(KIM, "ACCEPTED")])
        self._new(at("2026-11-12 08:15"), KIM, jakob, f"Accepted: Studio visit @ Tue 1 Dec 2026 10am - 12pm (CET) ({jakob.email})",
                  "Kim Oduya has accepted this invitation.", parent=invite, quote=False,
                  calendar=("REPLY", ics), machinery=True)  # fmt: skip

    def _notes_she_sent(self) -> None:
        """What `draft --sent` logged, as her Sent folder holds it (the same day), and Hannah's note from Gmail."""
        notes = [
            ("selin", "2026-11-04 09:20", "Thank you", "Hi Selin,\n\nThank you for the coffee yesterday at Father Carpenter. I really enjoyed it.\n\nI hope we can stay in touch.\n\nBest,\nKim Oduya", "thanks"),
            ("jana", "2026-11-04 08:30", "Happy birthday", "Hi Jana,\n\nHappy birthday! I hope you have a wonderful day.\n\nBest,\nKim Oduya", "congrats"),
            ("omar", "2026-11-06 10:05", "Thank you", "Hi Omar,\n\nThank you for the lunch yesterday. I really enjoyed it.\n\nI hope we can stay in touch.\n\nBest,\nKim Oduya", "thanks"),
            ("priya", "2026-11-10 09:40", "Thank you", "Hi Priya,\n\nThank you for the video call yesterday. I really enjoyed it.\n\nBest,\nKim Oduya", "thanks"),
            ("lars", "2026-11-13 10:10", "Thank you", "Hi Lars,\n\nThank you for the coffee yesterday. I really enjoyed it.\n\nBest,\nKim Oduya", "thanks"),
        ]  # fmt: skip
        sent = {}
        for key, when, subject, text, kind in notes:
            p = P[key]
            sent[key] = self._new(at(when), KIM, p, subject, text)
            self.logged_and_sent.append({"who": p.name, "on": when[:10], "logged": kind, "first": "logged"})
        selin_note = sent["selin"]
        self.reply(selin_note, at("2026-11-04 18:00"), P["selin"], "Thanks! It was lovely. Let's do it again soon.")
        self.asked_nothing.append({"who": "Selin Kaya", "on": "2026-11-04", "why": "thanks, asks nothing"})
        # Hannah: written in Gmail on Sunday evening, logged with `thank Hannah --sent` on Monday morning.
        self._new(at("2026-11-15 20:15"), KIM, P["hannah"], "Thank you for the coffee",
                  "Hi Hannah,\n\nthank you for the coffee on Thursday, and for the tips on Moss & Field's hiring.\n\nKim")  # fmt: skip
        self.logged_and_sent.append({"who": "Hannah Becker", "on": "2026-11-15", "logged": "thanks", "logged_on": "2026-11-16",
                                     "first": "captured"})  # fmt: skip

    # chats

    def _chats(self) -> None:
        arjun = Chat(6600001, "Arjun Mehta", person=P["arjun"])
        lea = Chat(6600002, "Lea Fischer", person=P["lea"])
        landlord = Chat(6600003, "Herr Krause (Vermieter)")
        team = Chat(7700001, "Tailspin Design Team", kind="private_group", members=("Greta Lind", "Bea Schulz", "Jonas Richter"))
        rng = random.Random(SEED + 1)
        # Casual days with Arjun: he starts, they go back and forth, one of them ends; every question is answered.
        casual = [
            ("2026-09-02", True), ("2026-09-05", False), ("2026-09-09", True), ("2026-09-13", False),
            ("2026-09-17", True), ("2026-09-21", False), ("2026-09-24", True), ("2026-09-28", False),
            ("2026-10-01", True), ("2026-10-04", False), ("2026-10-07", True), ("2026-10-10", False),
            ("2026-10-13", True),
        ]  # fmt: skip
        lines_his = ["did you see the new Teenage Engineering thing", "lol", "that's wild", "how's the job hunt going?",
                     "football on sunday?", "send pics", "this is so you"]  # fmt: skip
        lines_hers = ["yes!! want one", "haha", "ok that's amazing", "slowly, two interviews next week",
                      "sure, 3pm?", "on it", "stop"]  # fmt: skip
        for on, she_ends in casual:
            t = at(f"{on} 19:00") + timedelta(minutes=rng.randrange(90))
            for n in range(rng.randrange(2, 5)):
                k = rng.randrange(len(lines_his))
                arjun.messages.append((t, False, lines_his[k]))
                t += timedelta(minutes=rng.randrange(2, 15))
                arjun.messages.append((t, True, lines_hers[k]))
                t += timedelta(minutes=rng.randrange(2, 15))
            if not she_ends:
                arjun.messages.append((t, False, "night!"))
        # Fri 16 Oct: the day ends on her "haha yes"; he writes again on Tue 27 Oct.
        arjun.say("2026-10-16 21:02", False, "remember the karaoke in Lisbon")
        arjun.say("2026-10-16 21:10", True, "noooo")
        arjun.say("2026-10-16 21:11", False, "we should do it again at your farewell")
        arjun.say("2026-10-16 21:40", True, "haha yes")
        arjun.say("2026-10-27 12:30", False, "are you around next weekend? I'm in Berlin from Friday")
        arjun.say("2026-10-27 12:41", True, "yes! Saturday brunch?")
        arjun.say("2026-10-27 12:43", False, "deal")
        # Tue 3 Nov: casual again, ending on her "haha yes"; he writes again on Thu 12 Nov.
        arjun.say("2026-11-03 20:15", False, "brunch was the best, my stomach disagrees")
        arjun.say("2026-11-03 20:31", True, "haha yes")
        arjun.say("2026-11-12 18:05", False, "got the job offer!!")
        arjun.say("2026-11-12 18:06", True, "WHAT congrats!!! tell me everything")
        arjun.say("2026-11-12 18:20", False, "call you tomorrow")
        # Sat 14 Nov: her question is the last message of the day, and he does not answer this month.
        arjun.say("2026-11-14 10:02", False, "moving boxes everywhere")
        arjun.say("2026-11-14 10:30", True, "did you ever give Jonas his drill back? he's asking me")
        self.nudges.append({"who": "Arjun Mehta", "sent": "2026-11-14", "source": "telegram", "subject": None,
                            "why": "her chat question is the last message of the day"})  # fmt: skip
        # Lea: settled chats, then her question, last of her day, never answered.
        lea.say("2026-09-12 11:00", False, "brunch tomorrow?")
        lea.say("2026-09-12 11:20", True, "yes, 11 at the usual place")
        lea.say("2026-10-08 18:00", True, "are you going to the risograph fair?")
        lea.say("2026-10-08 18:30", False, "yes! see you there")
        lea.say("2026-11-10 22:10", False, "are you coming to the risograph workshop on Saturday?")
        self.owed.append({"who": "Lea Fischer", "on": "2026-11-10", "source": "telegram", "subject": None})
        # The landlord (no contact) and the team group (not a personal chat).
        landlord.say("2026-11-02 08:00", False, "Können Sie am Donnerstag für die Heizungsprüfung zu Hause sein?")
        landlord.say("2026-11-02 08:40", True, "Ja, ab 9 Uhr.")
        t = at("2026-09-01 10:00")
        for n in range(40):
            mine = n % 4 == 0
            team.messages.append((t, mine, rng.choice(["standup in 5", "who has the Figma license?", "lunch?", "👍"])))
            t += timedelta(hours=rng.randrange(10, 40))
        self.chats = [arjun, lea, landlord, team]

    # calendar

    def _calendar(self) -> None:
        P_ = P
        self.events = [
            Event("farewell-kim@google.com", "Farewell drinks", at("2026-10-30 18:00"), 240, KIM,
                  ((KIM, "ACCEPTED"), *((g, "TENTATIVE" if g is P_["hiro"] else "ACCEPTED") for g in GUESTS)),
                  location="Prater Garten, Kastanienallee 7-9, Berlin"),
            Event("coffee-selin@google.com", "Coffee with Selin", at("2026-11-03 10:00"), 60, KIM,
                  ((KIM, "ACCEPTED"), (P_["selin"], "ACCEPTED")), location="Father Carpenter, Münzstraße 21, Berlin"),
            Event("lunch-omar@google.com", "Lunch: Kim / Omar", at("2026-11-05 12:30"), 60, P_["omar"],
                  ((P_["omar"], "ACCEPTED"), (KIM, "ACCEPTED")), location="Cocolo Ramen, Gipsstraße 3, Berlin"),
            Event("video-priya@google.com", "Kim / Priya: design lead role", at("2026-11-09 16:00"), 45, P_["priya"],
                  ((P_["priya"], "ACCEPTED"), (KIM, "ACCEPTED")), meet="https://meet.google.com/kpr-wxyz-abc"),
            Event("coffee-hannah@google.com", "Coffee with Hannah", at("2026-11-12 09:30"), 60, P_["hannah"],
                  ((P_["hannah"], "ACCEPTED"), (KIM, "ACCEPTED")), location="Bonanza Coffee, Oderberger Str. 35, Berlin"),
            Event("panel-dw@google.com", "Design Week panel: Leaving well", at("2026-11-12 18:00"), 120, P_["bruno"],
                  ((P_["bruno"], "ACCEPTED"), (KIM, "ACCEPTED"), *((p, "ACCEPTED") for p in PANELISTS)),
                  location="Kraftwerk Berlin, Köpenicker Str. 70"),
            Event("catchup-greta@google.com", "Greta / Kim", at("2026-11-19 11:00"), 30, P_["greta"],
                  ((P_["greta"], "ACCEPTED"), (KIM, "NEEDS-ACTION")), meet="https://meet.google.com/grt-kimc-atc"),
            Event("sync-rafael@google.com", "Sync", at("2026-12-01 15:00"), 30, P_["rafael"],
                  ((P_["rafael"], "ACCEPTED"), (KIM, "NEEDS-ACTION")), meet="https://meet.google.com/raf-sync-kim"),
            Event("visit-jakob@google.com", "Studio visit", at("2026-12-01 10:00"), 120, P_["jakob"],
                  ((P_["jakob"], "ACCEPTED"), (KIM, "ACCEPTED")), location="Studio Fuchs, Lohmühlenstraße 65, Berlin"),
            Event("x7time-only@google.com", "Coffee", None, 60, None, ((P_["sofia"], ""), (KIM, "")), raw_start="120000"),
            Event("jana-birthday@google.com", "Jana's birthday", date(1990, 11, 4), rrule="FREQ=YEARLY"),
            Event("pottery@google.com", "Pottery class", at("2026-09-01 19:00"), 120, rrule="FREQ=WEEKLY;BYDAY=TU",
                  location="Keramikwerkstatt, Prenzlauer Berg"),
            Event("dentist@google.com", "Zahnarzt Dr. Weber", at("2026-11-12 08:00"), 30),
        ]  # fmt: skip

    # mornings

    def _mornings(self) -> list[Morning]:
        plan = []
        for on in mornings():
            m = Morning(on)
            if on == FIRST_MORNING:
                m.setup += [
                    ["me", "--name", KIM.name, "--email", KIM.email, "--email", KIM_OTHER],
                    ["import", "linkedin", "{Connections.csv}"],
                    ["import", "vcard", "{contacts.vcf}"],
                    ["edit", "Arjun Mehta", "--strength", "close"],
                    *(["edit", COLLEAGUES[k].name, "--strength", v] for k, v in STRONG.items()),
                ]
            m.imports = [s for s, days in IMPORT_DAYS.items() if str(on) in days]
            if on.weekday() < 5:
                m.actions.append(["review-picks"])
                if on.weekday() in (0, 2, 4):
                    m.actions.append(["reach-out"])
            m.actions += ACTIONS.get(str(on), [])
            plan.append(m)
        return plan

    # files

    def mbox(self, until: datetime) -> bytes:
        """The Takeout as exported at `until`: every message before it."""
        return b"".join(_message_bytes(m) for m in self.mails if m.at < until)

    def telegram(self, until: datetime) -> str:
        """Telegram Desktop's result.json as exported at `until`."""
        chats = []
        for chat in self.chats:
            messages = []
            for n, (moment, mine, text) in enumerate(sorted(chat.messages), start=1):
                if moment >= until:
                    continue
                if chat.kind == "personal_chat":
                    who, uid = (KIM.name, TELEGRAM_ID) if mine else (chat.name, chat.id)
                else:
                    who = KIM.name if mine else chat.members[n % len(chat.members)]
                    uid = TELEGRAM_ID if mine else 6700000 + n % len(chat.members)
                messages.append({
                    "id": chat.id % 1000 * 10000 + n, "type": "message",
                    "date": moment.astimezone(BERLIN).replace(tzinfo=None).isoformat(),
                    "date_unixtime": str(int(moment.timestamp())), "from": who, "from_id": f"user{uid}",
                    "text": text, "text_entities": [{"type": "plain", "text": text}],
                })  # fmt: skip
            chats.append({"name": chat.name, "type": chat.kind, "id": chat.id, "messages": messages})
        chats.append({"type": "saved_messages", "id": TELEGRAM_ID, "messages": [
            {"id": 1, "type": "message", "date": "2026-10-01T08:00:00", "date_unixtime": "1790834400",
             "from": KIM.name, "from_id": f"user{TELEGRAM_ID}", "text": "portfolio ideas", "text_entities": []}]})  # fmt: skip
        contacts = [
            {"user_id": chat.id, "first_name": chat.person.first, "last_name": chat.person.name.split()[-1],
             "phone_number": chat.person.phone, "date": "2024-03-01T10:00:00", "date_unixtime": "1709283600"}
            for chat in self.chats if chat.person
        ] + [{"user_id": 6600003, "first_name": "Herr Krause", "last_name": "", "phone_number": "+49 30 5559 9999",
              "date": "2025-01-10T09:00:00", "date_unixtime": "1736496000"}]  # fmt: skip
        export = {
            "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't sell your data to third parties.",
            "personal_information": {"user_id": TELEGRAM_ID, "first_name": "Kim", "last_name": "Oduya",
                                     "phone_number": KIM.phone, "username": "@kimoduya", "bio": "sound + product design"},
            "contacts": {"about": "This is your contact list.", "list": contacts},
            "chats": {"about": "This page lists all chats from this export.", "list": chats},
        }  # fmt: skip
        return json.dumps(export, ensure_ascii=False, indent=1) + "\n"

    def calendar(self, broken: bool = True) -> str:
        """The Google Calendar export; `broken=False` leaves out the event whose DTSTART is a bare time."""
        lines = [
            "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", f"X-WR-CALNAME:{KIM.email}", "X-WR-TIMEZONE:Europe/Berlin",
            "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
        ]  # fmt: skip
        for e in self.events:
            if e.raw_start and not broken:
                continue
            lines.append("BEGIN:VEVENT")
            if e.raw_start:
                lines.append(f"DTSTART:{e.raw_start}")
            elif isinstance(e.start, datetime):
                end = e.start + timedelta(minutes=e.minutes)
                lines += [f"DTSTART;TZID=Europe/Berlin:{e.start:%Y%m%dT%H%M%S}", f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}"]
            else:
                lines += [f"DTSTART;VALUE=DATE:{e.start:%Y%m%d}", f"DTEND;VALUE=DATE:{e.start + timedelta(days=1):%Y%m%d}"]
            if e.rrule:
                lines.append(f"RRULE:{e.rrule}")
            lines.append("DTSTAMP:20261123T060000Z")
            if e.organizer:
                lines.append(f"ORGANIZER;CN={e.organizer.name}:mailto:{e.organizer.email}")
            lines.append(f"UID:{e.uid}")
            for p, state in e.guests:
                stat = f";PARTSTAT={state}" if state else ""
                lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT{stat};RSVP=TRUE;CN={p.name};X-NUM-GUESTS=0:mailto:{p.email}")
            if e.meet:
                lines += [f"X-GOOGLE-CONFERENCE:{e.meet}",
                          f"DESCRIPTION:Join with Google Meet: {e.meet}\\n\\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720"]
            if e.location:
                lines.append("LOCATION:" + e.location.replace(",", "\\,"))
            lines += ["SEQUENCE:0", "STATUS:CONFIRMED", f"SUMMARY:{e.summary}",
                      "TRANSP:TRANSPARENT" if isinstance(e.start, date) and not isinstance(e.start, datetime) else "TRANSP:OPAQUE",
                      "END:VEVENT"]  # fmt: skip
        lines.append("END:VCALENDAR")
        return "".join(_fold(line) for line in lines)

    def vcards(self) -> str:
        """Her phone's address book as one .vcf (as iPhone and Google Contacts export it)."""
        return "".join(_card(key, p) for key, p in P.items() if p.card)

    def connections(self) -> str:
        """LinkedIn's Connections.csv."""
        out = io.StringIO()
        out.write('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
                  'You will only see email addresses for connections who have allowed their connections to see or download their email address."\n\n')  # fmt: skip
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        rng = random.Random(SEED + 2)
        people = [p for p in P.values() if p.linkedin] + self.pool
        for n, p in enumerate(people):
            first, _, last = p.name.partition(" ")
            connected = date(2019, 1, 1) + timedelta(days=rng.randrange(2400))
            writer.writerow([first, last, f"https://www.linkedin.com/in/{_ascii(p.name).replace('.', '-')}-{n:03d}",
                             p.email if p.linkedin_email and p.email else "", p.company or "", p.title or "",
                             f"{connected:%d %b %Y}"])  # fmt: skip
        return out.getvalue()

    @cached_property
    def truth(self) -> dict:
        """What happened, for tests and for people reading the persona."""
        return {
            "mornings": [str(mornings()[0]), str(mornings()[-1])],
            "owed": self.owed,
            "nudges": self.nudges,
            "asked_nothing": self.asked_nothing,
            "logged_and_sent": self.logged_and_sent,
            "group_events": [{"summary": e.summary, "on": str(e.start.date()), "guests": [p.name for p, _ in e.guests if p is not KIM]}
                             for e in self.events if isinstance(e, Event) and isinstance(e.start, datetime) and e.group],
            "orgs": [p.name for p in ORGS],
            "family": [p.name for p in FAMILY],
            "machinery": [{"who": m.sender.name, "on": str(m.at.date()), "subject": m.subject, "sent": m.sent}
                          for m in self.mails if m.machinery],
            "counts": {"mails": len(self.mails), "telegram_messages": sum(len(c.messages) for c in self.chats),
                       "events": len(self.events), "cards": sum(1 for p in P.values() if p.card),
                       "connections": sum(1 for p in P.values() if p.linkedin) + len(self.pool)},
        }  # fmt: skip

    def script(self) -> list[dict]:
        return [{"morning": str(m.on), "setup": m.setup, "imports": m.imports, "actions": m.actions} for m in self.mornings]

    def write(self, folder: str | Path) -> dict:
        """Every file of the month into `folder`; what was written."""
        folder = Path(folder)
        (folder / "mail").mkdir(parents=True, exist_ok=True)
        (folder / "contacts.vcf").write_text(self.vcards(), encoding="utf-8", newline="")
        (folder / "Connections.csv").write_text(self.connections(), encoding="utf-8")
        (folder / "calendar.ics").write_text(self.calendar(), encoding="utf-8", newline="")
        for on in IMPORT_DAYS["mail"]:
            (folder / "mail" / f"takeout-{on}.mbox").write_bytes(self.mbox(morning(day(on))))
        for on in IMPORT_DAYS["telegram"]:
            chat_dir = folder / "telegram" / on
            chat_dir.mkdir(parents=True, exist_ok=True)
            (chat_dir / "result.json").write_text(self.telegram(morning(day(on))), encoding="utf-8")
        (folder / "script.json").write_text(json.dumps(self.script(), indent=1) + "\n", encoding="utf-8")
        (folder / "truth.json").write_text(json.dumps(self.truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return self.truth["counts"]


def _card(key: str, p: Person) -> str:
    """One vCard, in the style its `card` names."""
    n = sum(map(ord, key)) % 10000
    uid = f"{n:04d}A1B2-{key.upper():>6}-4C3D-8E9F-00{n:04d}K1M0"
    given, _, family = p.name.rpartition(" ")
    lines: list[str]
    if p.card in ("apple", "google", "v4"):
        version = "4.0" if p.card == "v4" else "3.0"
        lines = [f"VERSION:{version}"]
        if p.card == "apple":
            lines.append("PRODID:-//Apple Inc.//iPhone OS 17.5//EN")
        lines += [f"N:{family};{given};;;", f"FN:{p.name}"]
        if p.org:
            lines.append(f"ORG:{p.org}" + ("" if ";" in p.org else ";"))
        if p.title:
            lines.append(f"TITLE:{p.title}")
        if p.email:
            lines.append(f"EMAIL;TYPE=INTERNET;TYPE=pref:{p.email}" if version == "3.0" else f"EMAIL;PREF=1:{p.email}")
        if p.phone:
            lines.append(f"TEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:{p.phone}" if version == "3.0" else f"TEL;VALUE=uri;TYPE=cell:tel:{p.phone.replace(' ', '-')}")
        if p.bday:
            lines.append(f"BDAY:{p.bday}" if version == "3.0" else f"BDAY:{p.bday.replace('-', '')}")
        if p.related == "v4":
            lines.append(f"RELATED;TYPE=sibling;VALUE=text:{KIM.name}")
        elif p.related == "apple":
            lines += [f"item1.X-ABRELATEDNAMES;type=pref:{KIM.name}", "item1.X-ABLabel:_$!<Sister>!$_"]
        # No CATEGORIES: nothing tags the siblings as family; their name (and RELATED) must tell.
    elif p.card == "apple-org":  # iPhone: a company card
        lines = ["VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.5//EN", "N:;;;;", f"FN:{p.name}", f"ORG:{p.org};",
                 f"TEL;TYPE=WORK;TYPE=VOICE;TYPE=pref:{p.phone}", "X-ABShowAs:COMPANY"]  # fmt: skip
    elif p.card == "v4-org":  # vCard 4.0 KIND:org
        lines = ["VERSION:4.0", "KIND:org", f"FN:{p.name}", f"ORG:{p.org}", f"EMAIL:{p.email}",
                 f"TEL;VALUE=uri;TYPE=work:tel:{p.phone.replace(' ', '-')}"]  # fmt: skip
    elif p.card == "google-org":  # Google Contacts: a company-only contact, nothing says "org" but the empty N
        lines = ["VERSION:3.0", "N:;;;;", f"FN:{p.name}", f"ORG:{p.org}", f"TEL;TYPE=WORK:{p.phone}"]
    elif p.card == "bare-org":  # an old 3.0 export: ORG and nothing else to name it
        lines = ["VERSION:3.0", f"ORG:{p.org}", f"EMAIL;TYPE=INTERNET:{p.email}", f"TEL;TYPE=WORK:{p.phone}"]
    else:
        raise ValueError(p.card)
    lines.insert(1, f"UID:{uid}")
    return "".join(_fold(line) for line in ["BEGIN:VCARD", *lines, "END:VCARD"])


MONTH = Month()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        sys.exit("usage: python tests/persona/month.py OUT")
    counts = MONTH.write(args[0])
    print(f"wrote {args[0]}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
