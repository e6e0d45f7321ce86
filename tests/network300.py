"""A 300-contact network with a year of history, written as netlog's own JSON backup (issue 24).

    python tests/network300.py [PATH]        # writes the backup (stdout without PATH) and prints its plan

Same seed, same network: plain Python, `random.Random(SEED)`, nothing read from the clock. The first morning
is Monday 2026-11-23, the suite's today. Who is in it:

  close      5  touches every week or two (calls, meals, messages both ways, favors); one with a birthday
                on Wed 25 Nov, one with advice to circle back on, one that falls due on Thu 26 Nov
  strong    15  touches every month or so; one overdue with month-old advice, one overdue from Wed 25 Nov,
                one with advice due Wed, one with news (a moment) on Sat 21 Nov, one with a birthday on Fri 27
  medium    50  touches every one to four months, a dozen overdue (one snoozed until 15 Dec); the introducers of the eight intros, both
                sides of the intro offers I made, a give-back, a question that waits for an answer, a
                birthday on Sat 28 Nov, news noted during the week, a coffee during the week
  weak      90  met once at an event 6 to 12 months ago (thanked most, wrote to some a few weeks later); one
                I had coffee with on Friday 20 Nov, one met at a meetup 13 days ago and never thanked,
                one introduced to me again during the week by someone else; two set aside last month
  linkedin 130  dormant: a `connected` touch only, strength not set by me (what `import linkedin` makes);
                one has a birthday on Thu 26 Nov (merged from the phone), two were set aside in October
                (a keep-in-touch dismissal)
  introduced 7  people introduced to me, at every stage: yesterday; three weeks ago and never written to;
                written to and waiting; written to, nudged and silent; in touch but not met; met and not
                reported; met, reported, and then a referral (during the week)
  cold       3  strangers I emailed cold: one waiting a week on Wed 25 Nov, one already nudged, one answered

Besides the backup, the network knows what it planted: every time-sensitive item (a `Plant`, with the
first and last morning it must be on the list), what happens during the week (`events`: the commands a
person runs that morning before looking at the list), which close and strong ties fall overdue when, and
the news noted on medium and stronger ties. The expected lists of the walk (tests/test_morning_walk.py)
are computed from these, not from netlog's output.

Everything before the first morning is settled unless planted: every meeting with a medium or weaker tie
in the last months was thanked the next day, every message I sent was answered (or asked nothing), no
advice is waiting but the planted advice, and no new tie is inside its second-touch weeks but the planted
one. So netlog finds no time-sensitive item the network did not plant (a test checks it).
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

SEED = 24
FIRST_MORNING = date(2026, 11, 23)  # a Monday: the suite's today
USER = "sam"  # logged_by of every touch in the backup (NETLOG_USER in the walk)
ME = "Sam Rivera"


def day(offset: int) -> date:
    """The first morning plus `offset` days (negative: before it)."""
    return FIRST_MORNING + timedelta(days=offset)


WALK = tuple(day(n) for n in range(5))  # Mon 23 .. Fri 27 Nov 2026
NEXT_WEEK = tuple(day(7 + n) for n in range(5))  # Mon 30 Nov .. Fri 4 Dec

# The occasions of `due --json` that perish (the "time-sensitive"), by the category the walk checks.
CATEGORY = {
    "thank": "thank",
    "nudge": "nudge",
    "reach-out": "intro-chain",
    "meet": "intro-chain",
    "report-back": "intro-chain",
    "tell-introducer": "intro-chain",
    "intro-ask": "double-opt-in",
    "intro-send": "double-opt-in",
    "intro-check-in": "double-opt-in",
    "birthday": "birthday",
    "circle-back": "circle-back",
}
TIME_SENSITIVE = frozenset(CATEGORY)
# Cadence items: drawn from the daily allowance once issue 24 lands.
CADENCE = frozenset({"keep-in-touch", "reconnect", "second-touch", "give-back"})
# The due action of each occasion (what `netlog done NAME ACTION` takes).
ACTION_OF = {
    "thank": "thank", "nudge": "nudge", "reach-out": "meet", "meet": "meet", "report-back": "report-back",
    "tell-introducer": "report-back", "circle-back": "report-back", "intro-ask": "intro", "intro-send": "intro",
    "intro-check-in": "intro", "birthday": "keep-in-touch", "keep-in-touch": "keep-in-touch",
    "second-touch": "keep-in-touch", "give-back": "keep-in-touch", "reconnect": "keep-in-touch",
    "congratulate": "keep-in-touch",
}  # fmt: skip
CADENCE_DAYS = {1: 365, 2: 180, 3: 90, 4: 30, 5: 14}  # netlog's defaults (docs/rules.md), for the overdue days


@dataclass(frozen=True)
class Plant:
    """A time-sensitive item the network planted: `contact_id` must have an item of `occasion` (or that
    occasion folded into its `also`) on every walk morning from `first` to `last`, until the walk acts on it.
    `optional`: it may be listed (and then ranks by the issue's rules) but need not be. `category` names the
    walk's check; "intro-outcome" is a report-back that only issue 24's rules list."""

    contact_id: int
    occasion: str
    category: str
    first: date
    last: date
    why: str
    optional: bool = False
    about_id: int | None = None  # the other person it is about (the person introduced, ...)

    @property
    def action(self) -> str:
        return ACTION_OF[self.occasion]


@dataclass
class Network:
    """The backup and what the generator knows about it."""

    backup: dict[str, Any]
    plants: list[Plant]
    events: dict[date, list[list[str]]]  # walk morning -> CLI argv run before `due` that morning
    role: dict[str, int]  # role name -> contact id ("friday_coffee", "intro1_by", ...)
    strength: dict[int, int]
    group: dict[int, str]  # contact id -> close, strong, medium, weak, linkedin, introduced, cold
    overdue_from: dict[int, date]  # close and strong ties: the first walk-or-later day they are overdue
    moments: list[tuple[int, date]]  # news on a medium or stronger tie: (contact id, the day it was noted)
    first_event: dict[int, str] = field(default_factory=dict)  # weak ties: the event where I met them

    def text(self) -> str:
        """The backup as `netlog export json` lays it out: one contact per line."""
        head = json.dumps({k: self.backup[k] for k in ("format", "version", "exported_on")}, ensure_ascii=False)[:-1]
        contacts = ",\n".join(json.dumps(c, ensure_ascii=False) for c in self.backup["contacts"])
        offers = ",\n".join(json.dumps(o, ensure_ascii=False) for o in self.backup["intro_offers"])
        return f'{head}, "contacts": [\n{contacts}\n],\n"intro_offers": [\n{offers}\n]}}\n'

    def name(self, contact_id: int) -> str:
        return self._by_id()[contact_id]["name"]

    def contact(self, contact_id: int) -> dict[str, Any]:
        return self._by_id()[contact_id]

    def _by_id(self) -> dict[int, dict[str, Any]]:
        return {c["id"]: c for c in self.backup["contacts"]}


# Names, places and words ------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Ana Bruno Carla Dara Elif Femi Gus Hana Ivo Jonas Kaito Lena Marta Nia Omar Pia Quinn Rui Sofia Tomas"
    " Uma Vera Wen Xavi Yara Zoe Amir Bea Chidi Dmitri Eva Farah Goran Hugo Ines Jae Kofi Lucia Mads Noor"
    " Oren Priya Rafael Sana Teo Ulla Vik Wanda Yusuf Zara Aiko Ben Cleo Diego Emeka Freya Gita Hiro Iris"
    " Jun Kira Leo Mina Nils Olga Paulo Rosa Sami Tariq Ugo Vlad Yan Ada Bilal Chen Duda Esme Filipa"
).split()
LAST_NAMES = (
    "Lima Berg Wei Okafor Novak Tanaka Costa Haddad Ivanova Jensen Kim Larsen Moreau Nakamura Olsen Petrov"
    " Quispe Rossi Schmidt Torres Ueda Varga Weber Xu Yilmaz Zhang Alves Barros Castro Duarte Esteves Faria"
    " Gomes Horvat Ilic Jovanovic Kowalski Lindqvist Mendes Nunes Oliveira Pereira Ramos Santos Teixeira"
    " Vieira Abe Bianchi Conti Dubois Eriksen Fischer Garcia Hansen Ito Keller Lopez Martin Nagy Ortiz"
).split()
COMPANIES = (
    "Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella Labs", "Hooli", "Tailspin", "Litware",
    "Adatum", "Proseware", "Wingtip", "Lucerne Publishing", "Margie's Travel", "Trey Research", "Woodgrove Bank",
)  # fmt: skip
TITLES = ("Engineer", "Staff Engineer", "Engineering Manager", "Data Scientist", "Product Manager", "Designer",
          "Head of Data", "CTO", "Founder", "Recruiter", "Researcher", "Developer Advocate")  # fmt: skip
EVENTS = (  # where the weak ties were met, 6 to 12 months before the first morning
    ("Web Summit", date(2025, 11, 26)),
    ("JSConf EU", date(2025, 12, 4)),
    ("FOSDEM", date(2026, 1, 31)),
    ("Lisbon Python meetup", date(2026, 2, 19)),
    ("DataConf Porto", date(2026, 3, 18)),
    ("Lisbon AI meetup", date(2026, 4, 22)),
    ("PyCon US", date(2026, 5, 15)),
)
TOPICS = ("search", "hiring", "data pipelines", "open source", "pricing", "remote teams", "LLM evals",
          "design systems", "Rust", "fundraising", "accessibility", "career moves", "Postgres")  # fmt: skip
PLACES = ("Fábrica Coffee", "Café Nicola", "the office", "Time Out Market", "Hello Kristof")
OLD_ADVICE = ("negotiating the offer", "the conference talk", "hiring a first data engineer", "the pricing page")


class _Builder:
    """Contacts and touches as the backup holds them; ids in the order contacts are made."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.contacts: list[dict[str, Any]] = []
        self.names: set[str] = set()
        self.strength: dict[int, int] = {}
        self.group: dict[int, str] = {}

    # contacts

    def person(self, group: str, strength: int, created_on: date, *, strength_set: bool = True, **fields: Any) -> int:
        cid = len(self.contacts) + 1
        name = fields.pop("name", None) or self._new_name()
        self.names.add(name)
        company = fields.pop("company", self.rng.choice(COMPANIES + (None,)))
        slug = name.lower().replace(" ", ".")
        record = {
            "id": cid, "name": name,
            "email": fields.pop("email", f"{slug}@example.{'org' if cid % 3 else 'com'}" if self.rng.random() < 0.8 else None),
            "phone": None, "company": company,
            "title": fields.pop("title", self.rng.choice(TITLES) if company else None),
            "url": fields.pop("url", None), "uid": None, "note": fields.pop("note", None),
            "strength": strength, "strength_set": strength_set, "cadence_days": None,
            "introduced_by_id": None, "introduced_on": None, "birthday": fields.pop("birthday", None),
            "snoozed_until": None, "created_on": created_on.isoformat(), "moment": None, "moment_on": None,
            "n": None, "nickname": None, "address": None, "kind": None,
            "tags": sorted(set(fields.pop("tags", []))), "touches": [], "dismissals": {},
        }  # fmt: skip
        assert not fields, f"unknown fields {fields}"
        self.contacts.append(record)
        self.strength[cid] = strength
        self.group[cid] = group
        return cid

    def _new_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.names:
                return name

    def set(self, cid: int, **fields: Any) -> None:
        record = self.contacts[cid - 1]
        for key, value in fields.items():
            assert key in record, key
            record[key] = value.isoformat() if isinstance(value, date) else value

    def dismiss(self, cid: int, action: str, on: date) -> None:
        self.contacts[cid - 1]["dismissals"][action] = on.isoformat()

    # touches

    def touch(self, cid: int, kind: str, on: date, direction: str | None = None, **fields: Any) -> None:
        assert on < FIRST_MORNING, (cid, kind, on)
        defaults = {"met": "both", "call": "both", "coffee": "both", "meal": "both", "video": "both", "email": "out",
                    "message": "out", "intro": "in", "favor-given": "out", "favor-received": "in", "thanks": "out",
                    "share": "out", "congrats": "out", "report": "out", "connected": "both"}  # fmt: skip
        record = {
            "kind": kind, "happened_on": on.isoformat(), "direction": direction or defaults[kind],
            "note": fields.pop("note", None), "place": fields.pop("place", None), "topics": fields.pop("topics", None),
            "other_id": fields.pop("other_id", None), "logged_by": USER,
            "expects_reply": fields.pop("expects_reply", True), "thank_wanted": fields.pop("thank_wanted", None),
            "advice": fields.pop("advice", None), "source": None, "source_id": None,
        }  # fmt: skip
        assert not fields, f"unknown touch fields {fields}"
        self.contacts[cid - 1]["touches"].append(record)

    def meeting(self, cid: int, on: date, kind: str = "coffee", *, thank: bool = True, **fields: Any) -> None:
        """Time together; a tie up to medium is thanked the next day when `thank`."""
        self.touch(cid, kind, on, **fields)
        if thank and self.strength[cid] <= 3:
            self.touch(cid, "thanks", on + timedelta(days=1))

    def exchange(self, cid: int, on: date, kind: str = "email", *, mine_first: bool = True, gap: int = 1) -> None:
        """A message and its answer: mine, then theirs; or theirs, then my reply that asks nothing."""
        if mine_first:
            self.touch(cid, kind, on, "out")
            self.touch(cid, kind, on + timedelta(days=gap), "in")
        else:
            self.touch(cid, kind, on, "in")
            self.touch(cid, kind, on + timedelta(days=gap), "out", expects_reply=False)

    def favor_received(self, cid: int, on: date, **fields: Any) -> None:
        self.touch(cid, "favor-received", on, **fields)
        self.touch(cid, "thanks", on + timedelta(days=1))

    def finish(self) -> None:
        for record in self.contacts:
            record["touches"].sort(key=lambda t: t["happened_on"])  # stable: same-day touches keep their order


def _background(b: _Builder, cid: int, start: date, last: date, gap: tuple[int, int]) -> None:
    """A settled history from `start` (the first meeting) to `last` (the last real exchange): episodes every
    `gap` days, each thanked or answered. The final episode's last exchange is on `last` exactly."""
    rng = b.rng
    b.meeting(cid, start, "met", place=rng.choice(PLACES + (None,)), thank=rng.random() < 0.8)
    episodes, on = [], last
    while True:
        on = on - timedelta(days=rng.randint(*gap))
        if on <= start + timedelta(days=3):
            break
        episodes.append(on)
    favors_open = 0
    for on in reversed(episodes):  # oldest first
        roll = rng.random()
        if roll < 0.3:
            b.meeting(cid, on, rng.choice(("coffee", "call", "meal", "video")), thank=rng.random() < 0.8 or on > day(-60))
        elif roll < 0.6:
            b.exchange(cid, on, rng.choice(("email", "message")), mine_first=rng.random() < 0.5, gap=rng.randint(1, 3))
        elif roll < 0.7:
            b.touch(cid, "share", on, "out" if rng.random() < 0.5 else "in")
        elif roll < 0.8:
            if favors_open:
                b.touch(cid, "favor-given", on)
                favors_open = 0
            else:
                b.favor_received(cid, on)
                favors_open = 1
        elif roll < 0.85 and on < day(-100):
            b.meeting(cid, on, "call", advice=rng.choice(OLD_ADVICE), thank_wanted=True)
            b.touch(cid, "thanks", on + timedelta(days=1))
            b.touch(cid, "report", on + timedelta(days=rng.randint(15, 40)))  # circled back long ago
        else:
            b.touch(cid, "congrats", on, "out" if rng.random() < 0.7 else "in")
    if favors_open:  # nothing owed in the background: the give-back is planted
        b.touch(cid, "favor-given", last - timedelta(days=2) if last - timedelta(days=2) > episodes[0] else last)
    _final(b, cid, last)


def _final(b: _Builder, cid: int, last: date) -> None:
    """The last real exchange, on `last`: time together with a close or strong tie (no thanks wanted), else
    their answer to my message (nothing waiting, nothing to thank)."""
    if b.strength[cid] >= 4:
        b.touch(cid, b.rng.choice(("call", "meal", "video", "coffee")), last)
    else:
        b.touch(cid, "email", last - timedelta(days=1), "out")
        b.touch(cid, "email", last, "in")


def _birthday(rng: random.Random) -> str | None:
    """A birthday well away from the walk's weeks (Nov 15 .. Dec 15), or none."""
    if rng.random() < 0.6:
        return None
    while True:
        month, dom = rng.randint(1, 12), rng.randint(1, 28)
        if not ((month == 11 and dom >= 15) or (month == 12 and dom <= 15)):
            return f"{month:02d}-{dom:02d}" if rng.random() < 0.5 else f"{rng.randint(1970, 1998)}-{month:02d}-{dom:02d}"


# The network ------------------------------------------------------------------------------------------------


def build(seed: int = SEED) -> Network:
    """The whole network: deterministic for a seed."""
    rng = random.Random(seed)
    b = _Builder(rng)
    role: dict[str, int] = {}
    plants: list[Plant] = []
    events: dict[date, list[list[str]]] = {d: [] for d in WALK}
    overdue_from: dict[int, date] = {}
    moments: list[tuple[int, date]] = []
    first_event: dict[int, str] = {}
    end = WALK[-1] + timedelta(days=30)

    def plant(cid: int, occasion: str, first: date, why: str, last: date = end, optional: bool = False,
              about: int | None = None, category: str | None = None) -> None:  # fmt: skip
        plants.append(Plant(cid, occasion, category or CATEGORY[occasion], first, last, why, optional, about))

    def start_of_tie() -> date:
        return day(-rng.randint(380, 1100))

    # close: a touch every week or two --------------------------------------------------------------------
    close_last = {"close_birthday": day(-4), "close_advice": day(-6), "close_3": day(-3), "close_4": day(-9),
                  "close_overdue": day(-11)}  # fmt: skip
    for key, last in close_last.items():
        cid = role[key] = b.person("close", 5, start_of_tie(), birthday=_birthday(rng), tags=["friends"])
        _background(b, cid, day(-rng.randint(400, 900)), last, (6, 16))
    b.set(role["close_birthday"], birthday="1988-11-25")
    plant(role["close_birthday"], "birthday", day(-1), "birthday on Wed 25 Nov", last=day(2))
    # advice on a call on Thu 5 Nov (thanked), then in touch as usual: circle back from Thu 26 Nov
    c = role["close_advice"]
    b.meeting(c, day(-18), "call", advice="whether to take the Lisbon offer", thank_wanted=True)
    b.touch(c, "thanks", day(-17))
    plant(c, "circle-back", day(3), "advice on Thu 5 Nov", last=day(3) + timedelta(days=60))
    overdue_from[role["close_overdue"]] = close_last["close_overdue"] + timedelta(days=14)  # Thu 26 Nov

    # strong: a touch every month or so -----------------------------------------------------------------------
    strong_last = {"strong_overdue": day(-40), "strong_overdue_wed": day(-28), "strong_advice": day(-13),
                   "strong_moment": day(-8), "strong_birthday": day(-5), "offer1_b": day(-12), "intro6_by": day(-3),
                   "offer2_b": day(-20)}  # fmt: skip
    for n in range(15 - len(strong_last)):
        strong_last[f"strong_{n}"] = day(-rng.randint(2, 24))
    for key, last in strong_last.items():
        cid = role[key] = b.person("strong", 4, start_of_tie(), birthday=_birthday(rng))
        _background(b, cid, day(-rng.randint(400, 1000)), last, (18, 45))
    s1 = role["strong_overdue"]  # advice on the call that was our last touch: overdue and a circle-back
    last_touch = b.contacts[s1 - 1]["touches"][-1]
    last_touch.update(kind="call", advice="the Berlin move", thank_wanted=True)
    b.touch(s1, "thanks", day(-39))
    plant(s1, "circle-back", day(0), "advice on Wed 14 Oct", last=day(-40 + 81))
    overdue_from[s1] = day(-40 + 30)
    overdue_from[role["strong_overdue_wed"]] = day(-28 + 30)  # Wed 25 Nov
    s3 = role["strong_advice"]
    b.meeting(s3, day(-19), "video", advice="pricing the consulting work", thank_wanted=True)
    b.touch(s3, "thanks", day(-18))
    plant(s3, "circle-back", day(2), "advice on Wed 4 Nov", last=day(2) + timedelta(days=60))
    b.set(role["strong_moment"], moment="your promotion to VP of Engineering", moment_on=day(-2))
    moments.append((role["strong_moment"], day(-2)))
    b.set(role["strong_birthday"], birthday="11-27")
    plant(role["strong_birthday"], "birthday", day(1), "birthday on Fri 27 Nov", last=day(4))

    # medium: every one to four months; a dozen overdue ----------------------------------------------------
    medium_roles = ("intro1_by", "intro2_by", "intro3_by", "intro4_by", "intro5_by", "intro7_by", "intro8_by", "offer1_a",
                    "give_back", "question", "medium_birthday", "medium_moment", "wed_coffee", "offer4_a",
                    "offer4_b", "offer2_a", "offer5_a", "offer5_b", "offer6_a", "offer6_b")  # fmt: skip
    medium_last = {key: day(-rng.randint(25, 80)) for key in medium_roles}
    medium_last.update(offer1_a=day(-126), give_back=day(-55), medium_birthday=day(-33))
    keys = list(medium_roles) + [f"medium_{n}" for n in range(50 - len(medium_roles))]
    for n, key in enumerate(keys):
        if key not in medium_last:  # about a dozen overdue (90 days), the rest in touch within 80 days
            medium_last[key] = day(-rng.randint(95, 240)) if n % 3 == 0 else day(-rng.randint(20, 80))
        cid = role[key] = b.person("medium", 3, start_of_tie(), birthday=_birthday(rng))
        _background(b, cid, day(-rng.randint(380, 800)), medium_last[key], (35, 110))
    b.set(role["medium_1"], snoozed_until=date(2026, 12, 15))  # overdue, snoozed until mid-December
    b.set(role["medium_birthday"], birthday="11-28")
    plant(role["medium_birthday"], "birthday", day(2), "birthday on Sat 28 Nov", last=day(5))
    # two favors (thanked), none returned: an invitation to give back since Sun 15 Nov
    b.favor_received(role["give_back"], day(-49), note="reviewed my deck")
    b.favor_received(role["give_back"], day(-22), note="a warm intro to their CFO")
    # a question that waits for an answer: nudge on Fri 27 Nov
    b.touch(role["question"], "email", day(-3), "out", note="asked about the Lisbon office")
    plant(role["question"], "nudge", day(4), "my question on Fri 20 Nov", last=day(-3 + 37))
    events[day(2)].append(["edit", f"#{role['medium_moment']}", "--moment", "your new design studio"])
    moments.append((role["medium_moment"], day(2)))
    events[day(3)].append(["log", f"#{role['wed_coffee']}", "coffee", "--on", day(2).isoformat(), "--met-at", "Café Nicola"])
    plant(role["wed_coffee"], "thank", day(3), "coffee on Wed 25 Nov", last=day(2 + 30))

    # weak: met once at an event 6-12 months ago ------------------------------------------------------------
    for n in range(90):
        event, on = EVENTS[n % len(EVENTS)]
        cid = b.person("weak", 2, on, tags=[event.lower().replace(" ", "-")])
        first_event[cid] = event
        b.meeting(cid, on, "met", place=event, topics=", ".join(rng.sample(TOPICS, 2)), thank=rng.random() < 0.7)
        if rng.random() < 0.55:  # wrote a few weeks or months later, and they answered
            b.exchange(cid, on + timedelta(days=rng.randint(14, 150)), mine_first=rng.random() < 0.7, gap=rng.randint(1, 4))
        if n == 0:
            role["weak_first"] = cid
        if n == 3:
            role["friday_coffee"] = cid
        elif n == 10:
            role["intro8"] = cid
        elif n == 17:
            role["weak_moment"] = cid
        elif n == 24:
            role["late_thank"] = cid
    # coffee on Friday 20 Nov: the thank-you is on time on Monday, in working days
    b.meeting(role["friday_coffee"], day(-3), "coffee", place="Fábrica Coffee", topics="career moves", thank=False)
    plant(role["friday_coffee"], "thank", day(0), "coffee on Fri 20 Nov", last=day(-3 + 30))
    # met at a meetup on Tue 10 Nov, never thanked, nothing since: a late thank-you, then a second touch
    late = role["late_thank"]
    b.contacts[late - 1].update(created_on=day(-13).isoformat(), tags=["lisbon-python-meetup"], touches=[])
    first_event[late] = "Lisbon Python meetup"
    b.touch(late, "met", day(-13), place="Lisbon Python meetup", topics="Rust, hiring")
    plant(late, "thank", day(-12), "meeting on Tue 10 Nov, never thanked", last=day(-13 + 30))
    b.set(role["weak_moment"], moment="your new job at Contoso", moment_on=day(-3))
    for n in (30, 31):  # set aside last month (`netlog done NAME keep-in-touch`): not due for another cadence
        b.dismiss(role["weak_first"] + n, "keep-in-touch", day(-20))

    # linkedin: dormant connections -----------------------------------------------------------------------------
    active_companies = [c["company"] for c in b.contacts if c["company"]]
    for n in range(130):
        connected = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3650))
        company = rng.choice(active_companies) if rng.random() < 0.3 else rng.choice(COMPANIES + ("Blue Yonder", "Coho Winery", "Alpine Ski House", None))
        cid = b.person(
            "linkedin", 1, date(2026, 2, 14), strength_set=False, company=company,
            title=rng.choice(TITLES) if company else None, email=None, tags=["linkedin"],
        )  # fmt: skip
        b.set(cid, url=f"https://www.linkedin.com/in/{b.contacts[cid - 1]['name'].lower().replace(' ', '-')}-{cid}")
        b.touch(cid, "connected", min(connected, date(2026, 2, 13)), place="LinkedIn")
        if n == 7:
            role["linkedin_birthday"] = cid
        if n in (20, 21):  # a reconnect set aside in October: resting for a year
            b.dismiss(cid, "keep-in-touch", day(-45))
    b.set(role["linkedin_birthday"], birthday="11-26")
    plant(role["linkedin_birthday"], "birthday", day(0), "a dormant tie's birthday on Thu 26 Nov", last=day(3))

    # intros to me, at every stage ---------------------------------------------------------------------------
    def introduced(key: str, by: str, on: date, strength: int = 1) -> int:
        cid = role[key] = b.person("introduced", strength, on)
        b.set(cid, introduced_by_id=role[by], introduced_on=on)
        b.touch(role[by], "intro", on, other_id=cid)
        return cid

    # 1. yesterday: thank the introducer, reach out
    intro1 = introduced("intro1", "intro1_by", day(-1))
    plant(role["intro1_by"], "thank", day(0), "an intro on Sun 22 Nov", about=intro1)
    plant(intro1, "reach-out", day(0), "introduced on Sun 22 Nov", about=role["intro1_by"])
    # 2. three weeks ago, thanked, never written to
    intro2 = introduced("intro2", "intro2_by", day(-20))
    b.touch(role["intro2_by"], "thanks", day(-19))
    plant(intro2, "reach-out", day(0), "introduced on Tue 3 Nov, never written to", about=role["intro2_by"])
    # 3. thanked, written to on Wed 18 Nov, waiting: the nudge, then (or instead) telling the introducer
    intro3 = introduced("intro3", "intro3_by", day(-7))
    b.touch(role["intro3_by"], "thanks", day(-6))
    b.touch(intro3, "email", day(-5), "out")
    plant(intro3, "nudge", day(2), "my note on Wed 18 Nov", last=day(-5 + 37), about=role["intro3_by"])
    plant(role["intro3_by"], "tell-introducer", day(2), "no reply since Wed 18 Nov", optional=True, about=intro3)
    # 4. written to on Tue 27 Oct, nudged on Wed 4 Nov, still silent: tell the introducer
    intro4 = introduced("intro4", "intro4_by", day(-28))
    b.touch(role["intro4_by"], "thanks", day(-27))
    b.touch(intro4, "email", day(-27), "out")
    b.touch(intro4, "email", day(-19), "out")
    plant(role["intro4_by"], "tell-introducer", day(0), "no reply since Tue 27 Oct", last=day(-27 + 7 + 30), about=intro4)
    # 5. introduced Thu 19 Nov, written to, answered: meet from Thu 26 Nov
    intro5 = introduced("intro5", "intro5_by", day(-4))
    b.touch(role["intro5_by"], "thanks", day(-3))
    b.exchange(intro5, day(-3), gap=1)
    plant(intro5, "meet", day(3), "in touch since Fri 20 Nov, not met", about=role["intro5_by"])
    # 6. introduced by a strong tie on Wed 28 Oct, coffee on Fri 20 Nov (thanked): report back
    intro6 = introduced("intro6", "intro6_by", day(-26), strength=2)
    b.touch(role["intro6_by"], "thanks", day(-25))
    b.exchange(intro6, day(-24), gap=2)
    b.meeting(intro6, day(-3), "coffee", place="Time Out Market", topics="data pipelines")
    plant(role["intro6_by"], "report-back", day(0), "met the person they introduced on Fri 20 Nov", about=intro6)
    # 7. introduced in August, met, reported back; a referral during the week: tell the introducer what it led to
    intro7 = introduced("intro7", "intro7_by", date(2026, 8, 10), strength=2)
    b.touch(role["intro7_by"], "thanks", date(2026, 8, 11))
    b.meeting(intro7, date(2026, 8, 20), "coffee", place="Café Nicola")
    b.touch(role["intro7_by"], "report", date(2026, 8, 22))
    b.exchange(intro7, date(2026, 9, 14), gap=2)
    events[day(1)].append(["log", f"#{intro7}", "favor-received", "--on", day(0).isoformat(), "--note", "referred me for the platform role at Globex"])
    plant(intro7, "thank", day(1), "a referral on Mon 23 Nov")
    plant(role["intro7_by"], "report-back", day(1), "their intro led to a referral on Mon 23 Nov", category="intro-outcome", about=intro7)
    # 8. a weak tie met at a meetup in February, introduced to me by another tie on Thu 26 Nov (logged Friday)
    events[day(4)].append(["log", f"#{role['intro8_by']}", "intro", "--to", f"#{role['intro8']}", "--on", day(3).isoformat()])
    plant(role["intro8_by"], "thank", day(4), "an intro on Thu 26 Nov (of someone already met)", about=role["intro8"])

    # intros I offered (double opt-in) ------------------------------------------------------------------------
    offers: list[dict[str, Any]] = []

    def offer(a: str, b_: str, note: str, offered: date, **steps: date | int | None) -> None:
        record = {"a_id": role[a], "b_id": role[b_], "note": note, "offered_on": offered.isoformat(), "a_yes_on": None,
                  "b_yes_on": None, "sent_on": None, "declined_on": None, "declined_by_id": None}  # fmt: skip
        for key, value in steps.items():
            record[key] = value.isoformat() if isinstance(value, date) else value
        offers.append(record)

    # O1: offered on the first morning (an event): ask both from Tuesday; A is a medium tie overdue for a note
    events[day(0)].append(["intro", f"#{role['offer1_a']}", f"#{role['offer1_b']}", "--note", "both building data platforms in Lisbon"])
    plant(role["offer1_a"], "intro-ask", day(1), "offered on Mon 23 Nov", about=role["offer1_b"])
    plant(role["offer1_b"], "intro-ask", day(1), "offered on Mon 23 Nov", about=role["offer1_a"])
    # O2: offered Wed 18 Nov, both asked Thu 19 Nov, A said yes; B's yes arrives on Tuesday: send it
    offer("offer2_a", "offer2_b", "both hiring their first designer", day(-5), a_yes_on=day(-4))
    for key in ("offer2_a", "offer2_b"):
        b.touch(role[key], "email", day(-4), "out", expects_reply=False, note="asked about an intro")
        b.dismiss(role[key], "intro", day(-4))
    b.touch(role["offer2_a"], "email", day(-4), "in", note="yes, happy to")
    events[day(1)].append(["intro", f"#{role['offer2_a']}", f"#{role['offer2_b']}", "--yes-from", f"#{role['offer2_b']}"])
    plant(role["offer2_a"], "intro-send", day(1), "both said yes by Tue 24 Nov", about=role["offer2_b"])
    # O4: sent Thu 12 Nov: check in with both from Thu 26 Nov
    offer("offer4_a", "offer4_b", "both moving to Porto", day(-21), a_yes_on=day(-19), b_yes_on=day(-17), sent_on=day(-11))
    for key, yes in (("offer4_a", -19), ("offer4_b", -17)):
        b.touch(role[key], "email", day(-20), "out", expects_reply=False, note="asked about an intro")
        b.touch(role[key], "email", day(yes), "in", note="yes")
        b.dismiss(role[key], "intro", day(-20))
    plant(role["offer4_a"], "intro-check-in", day(3), "intro sent Thu 12 Nov", about=role["offer4_b"])
    plant(role["offer4_b"], "intro-check-in", day(3), "intro sent Thu 12 Nov", about=role["offer4_a"])
    # O5: declined in October; O6: made in June and long since checked in on
    offer("offer5_a", "offer5_b", "both into climbing", day(-53), declined_on=day(-51), declined_by_id=role["offer5_b"])
    offer("offer6_a", "offer6_b", "both writing about Postgres", date(2026, 6, 1), a_yes_on=date(2026, 6, 2),
          b_yes_on=date(2026, 6, 3), sent_on=date(2026, 6, 4))  # fmt: skip
    for key in ("offer6_a", "offer6_b"):
        b.exchange(role[key], date(2026, 6, 19), gap=2)

    # cold emails to strangers ------------------------------------------------------------------------------
    cold1 = role["cold_waiting"] = b.person("cold", 1, day(-5), note="found through the Rust meetup talk")
    b.touch(cold1, "email", day(-5), "out", note="asked for 20 minutes on their migration story")
    plant(cold1, "nudge", day(2), "cold email on Wed 18 Nov", last=day(-5 + 37))
    cold2 = role["cold_nudged"] = b.person("cold", 1, day(-10))
    b.touch(cold2, "email", day(-10), "out")
    b.touch(cold2, "email", day(-3), "out")  # the one nudge: never a second
    cold3 = role["cold_answered"] = b.person("cold", 1, day(-14))
    b.touch(cold3, "email", day(-14), "out")
    b.touch(cold3, "email", day(-12), "in")

    b.finish()
    offers.sort(key=lambda o: o["offered_on"])  # as the export lists them
    assert len(b.contacts) == 300, len(b.contacts)
    backup = {"format": "netlog", "version": 2, "exported_on": day(-1).isoformat(), "contacts": b.contacts, "intro_offers": offers}
    return Network(backup, plants, events, role, b.strength, b.group, overdue_from, moments, first_event)


def plan(network: Network) -> str:
    """What was planted, one line each (for a person reading the network)."""
    lines = [f"{len(network.backup['contacts'])} contacts, {sum(len(c['touches']) for c in network.backup['contacts'])} touches,"
             f" {len(network.backup['intro_offers'])} intro offers"]  # fmt: skip
    for p in sorted(network.plants, key=lambda p: (p.first, p.contact_id)):
        flag = " (optional)" if p.optional else ""
        lines.append(f"  {p.first:%a %d %b}..{p.last:%a %d %b}  #{p.contact_id:<3} {network.name(p.contact_id):<18} {p.occasion:<16} {p.why}{flag}")
    for on, commands in network.events.items():
        for argv in commands:
            lines.append(f"  {on:%a %d %b} morning: netlog {' '.join(argv)}")
    return "\n".join(lines)


if __name__ == "__main__":
    network = build()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            out.write(network.text())
        print(plan(network))
    else:
        sys.stdout.write(network.text())
