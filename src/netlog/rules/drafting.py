"""A draft for every due item: which template it takes, what the template is told, and the text. Pure:
plain data in (the contact, their touches, what is due, the people it names, the user's name), text out;
no database, no clock, no files. Templates are Jinja2 text, one per draft, handed in by the caller as a
function from a file name to its text (network/templates.py finds them: a file of the same name in
$NETLOG_TEMPLATES or in the user config dir wins over the one shipped in rules/templates/).

Drafts are meant to be sent after light editing: a private note is never pasted (templates still get it
as `note`), dates are said as a person writing on `today` says them ("yesterday", "on Tuesday", "on 8
November", "in March 2024"), places read naturally ("at PyCon", "on a video call"), and the draft is
signed with `sender` when there is one, else left unsigned."""

from __future__ import annotations

import re

from datetime import date
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from netlog.errors import BadInput
from netlog.rules import due as rules
from netlog.rules import history
from netlog.rules.wording import WEEKDAYS as _WEEKDAYS
from netlog.rules.wording import format_day, spoken_day
from netlog.values import kinds

# draft name -> template file. `thank.txt.j2` keeps its name: users have overridden it.
DRAFTS: dict[str, str] = {
    "reply": "reply.txt.j2",
    "thank": "thank.txt.j2",
    "nudge": "nudge.txt.j2",
    "reach-out": "reach-out.txt.j2",
    "meet": "meet.txt.j2",
    "report-back": "report-back.txt.j2",
    "tell-introducer": "tell-introducer.txt.j2",
    "circle-back": "circle-back.txt.j2",
    "keep-in-touch": "keep-in-touch.txt.j2",
    "second-touch": "second-touch.txt.j2",
    "give-back": "give-back.txt.j2",
    "congratulate": "congratulate.txt.j2",
    "reconnect": "reconnect.txt.j2",
    "intro-ask": "intro-ask.txt.j2",
    "intro-send": "intro-send.txt.j2",
    "intro-check-in": "intro-check-in.txt.j2",
}
# A due item's occasion names its draft, except these.
OCCASION_DRAFT = {"birthday": "congratulate"}


class Sent(NamedTuple):
    """What sending a draft amounts to, for `draft --sent`: the touch to log (None: nothing to log, record the
    intro as sent instead), whether it waits for an answer, and an action to mark done when the touch
    alone does not clear the item."""

    kind: str | None
    expects_reply: bool = False
    dismiss: str | None = None
    clears: tuple[str, ...] = ()  # the actions folded into the item that this message stands for (sent_for)


SENT: dict[str, Sent] = {
    "reply": Sent("email"),  # the answer: it ends the wait (a question in it is theirs to answer: not chased)
    "thank": Sent("thanks"),
    "nudge": Sent("email", True),  # the kind of the message it follows: see sent_for
    "reach-out": Sent("email", True),
    "meet": Sent("email", True),
    "report-back": Sent("report"),
    "tell-introducer": Sent("report"),
    "circle-back": Sent("report"),
    # A note that asks nothing opens no silence: no nudge follows it (issue 24).
    "keep-in-touch": Sent("email"),
    "second-touch": Sent("email"),
    "give-back": Sent("email", False, "keep-in-touch"),  # an offer to help: the invitation rests until the next favor
    "congratulate": Sent("congrats"),
    "reconnect": Sent("share"),  # an invitation to share news, not a question to chase
    # An ask waits for a yes or a no (`intro --yes-from`/`--declined-by` log it as their answer): one nudge (issue 24).
    "intro-ask": Sent("email", True, "intro"),
    "intro-send": Sent(None),  # `intro A B --sent`
    # A courtesy to two people you helped: their silence owes you nothing, so no nudge follows it (the walk listed
    # one for each side a week after checking in).
    "intro-check-in": Sent("email", False, "intro"),
}


# The subject a draft is sent with (`draft --mailto`, review's mail key): the first of its candidates whose
# fields are all filled, formatted with the draft's own context. A template whose first line is
# "Subject: ..." sets its own (split_subject); the shipped templates have none, so a printed draft still
# starts at "Hi ...".
SUBJECTS: dict[str, tuple[str, ...]] = {
    "reply": ("Re: {subject}", "Re: your message"),
    "thank": ("Thank you",),
    "nudge": ("Following up",),
    "reach-out": ("{introducer_first} suggested we talk", "Hello"),
    "meet": ("Coffee or a call?",),
    "report-back": ("How it went with {introduced_first}",),
    "tell-introducer": ("An update on {introduced_first}",),
    "circle-back": ("How your advice worked out",),
    "keep-in-touch": ("Catching up",),
    "second-touch": ("Good to meet you",),
    "give-back": ("Can I help with anything?",),
    "congratulate": ("Congratulations",),
    "birthday": ("Happy birthday",),  # the congratulate draft on a birthday
    "reconnect": ("It's been a while",),
    "intro-ask": ("An introduction to {other}?",),
    "intro-send": ("Introduction: {a_first}, meet {b_first}", "An introduction"),
    "intro-check-in": ("How did it go with {other_first}?",),
}


class Contact(NamedTuple):
    """A contact as a draft needs them."""

    id: int
    name: str
    company: str | None = None
    title: str | None = None
    moment: str | None = None  # their latest news (`edit --moment`)

    @property
    def first_name(self) -> str:
        words = self.name.split(None, 1)
        return words[0] if words else self.name


class LoggedTouch(NamedTuple):
    """A touch as a draft needs it: the touch table's columns."""

    id: int
    happened_on: date
    kind: str
    direction: str = "both"
    place: str | None = None
    topics: str | None = None  # comma-separated, as typed
    note: str | None = None  # private: never pasted by the shipped templates
    other_id: int | None = None  # for an intro: whom they introduced me to
    advice: str | None = None
    about: str | None = None  # what it was about, in words they may read (`log --about`)
    source: str | None = None  # where it was captured from ("mail", "telegram", ...)
    subject: str | None = None  # a captured message's subject: theirs, unlike the note


class Facts(NamedTuple):
    """Everything one draft may use. `people` holds the others it names (who introduced the contact, the
    person introduced, the other side of an intro), `people_touches` their touches (the report-back on a
    meeting with the person introduced reads that meeting)."""

    today: date
    contact: Contact
    touches: Sequence[LoggedTouch] = ()
    item: rules.DueItem | None = None
    people: Mapping[int, Contact] = {}
    people_touches: Mapping[int, Sequence[LoggedTouch]] = {}
    introduced_by: int | None = None  # the id (in people) of whoever introduced the contact to me
    offer: rules.IntroOffer | None = None
    sender: str | None = None
    strength: int = kinds.DEFAULT_LEVEL
    thank_touch_id: int | None = None  # History.thank_touch_id: the touch a thank-you is pending for
    cadence: int | None = None  # how often to be in touch, in days (due.cadence_of); None: the strength's default


class Draft(NamedTuple):
    """A finished draft: its name, template, text, what sending it logs, a line to tell the user (when
    nothing is pending and the thank-you is for something already thanked), and its email subject."""

    name: str
    template: str
    text: str
    sent: Sent
    notice: str | None = None
    subject: str = ""  # what it is sent with as an email (SUBJECTS, or the template's "Subject:" line)


def draft_name(item: rules.DueItem) -> str:
    """The draft a due item takes."""
    occasion = item.occasion or {"keep-in-touch": "keep-in-touch", "intro": "intro-ask"}.get(item.action, item.action)
    return OCCASION_DRAFT.get(occasion, occasion)


def parse_draft(text: str) -> str:
    """A typed draft or due action -> a draft name ('birthday' and 'congrats' -> 'congratulate')."""
    typed = text.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {"birthday": "congratulate", "congrats": "congratulate", "thanks": "thank", "report": "report-back",
               "intro": "intro-ask", "ask": "intro-ask", "introduce": "intro-send", "check-in": "intro-check-in"}  # fmt: skip
    name = aliases.get(typed, typed)
    if name in DRAFTS:
        return name
    raise BadInput(f'Unknown draft "{text}". Use one of: {", ".join(DRAFTS)}.')


# Folded into an item (DueItem.also), these are answered by whatever message is sent for it: any note
# keeps in touch, and any message after a silence is the follow-up. (A folded thank-you, intro step or
# report-back is not: it stays due until its own draft or touch.)
ANSWERED_BY_ANY_MESSAGE = frozenset({"keep-in-touch", "second-touch", "give-back", "reconnect", "nudge"})


def sent_for(name: str, facts: Facts, said: Sequence[str] = ()) -> Sent:
    """What sending this draft logs (a nudge is a second message of the kind it follows), and which folded
    actions it clears: those any message answers, and those whose sentence the draft carries (`said`)."""
    sent = SENT[name]
    if name == "nudge":
        first = _silence_touch(facts)
        sent = sent._replace(kind=first.kind if first else sent.kind)
    if facts.item is not None and sent.kind is not None:
        folded = [o.action for o in facts.item.also if o.occasion in ANSWERED_BY_ANY_MESSAGE]
        folded += said
        sent = sent._replace(clears=tuple(a for a in dict.fromkeys(folded) if a != sent.dismiss))
    return sent


# What was folded into a draft's item (DueItem.also), said in one sentence each: the lead's draft carries them,
# so one message does what the morning asks of that person (issue 24). Each is told the context its own draft
# would get (_BUILDERS, with the folded item as the item). A folded news is not said again by a draft whose
# template already congratulates on `moment`.
_FOLDED: dict[str, Callable[[Facts, dict[str, Any]], str]] = {
    "second-touch": lambda f, c: "I came across something I thought you'd find useful: [a link, an article or a contact].",
    "keep-in-touch": lambda f, c: (
        f"It's been a while{' since ' + c['since'] if c['since'] and not _same_day_said(f) else ''};"
        " I'd love to hear how things are going." if c["quiet"] else
        f"And how have things been{' since ' + c['since'] if not _same_day_said(f) else ''}?"
    ),
    "reconnect": lambda f, c: "It's been a while; I'd love to hear what you're working on these days.",
    "give-back": lambda f, c: "And if there is anything I can do for you, just say: I'd be glad to help.",
    "congratulate": lambda f, c: (
        f"And congratulations on {f.contact.moment}; I was so glad to hear it." if f.contact.moment else ""
    ),
    "birthday": lambda f, c: "And happy birthday " + ("today!" if c["when"] == "today" else f"for {c['when'].removeprefix('on ')}!"),
    "thank": lambda f, c: (
        f"And thank you for {c['thanked_for']}{' ' + c['at'] if c['at'] else ''} {c['when']}."
        if c["kind"] != "intro" else f"And thank you for introducing me to {c['introduced_to'] or 'your contact'}."
    ),
    "reply": lambda f, c: (
        f"And thank you for your {'message' if c['kind'] == 'message' else 'email'} {c['when']}"
        + (f' ("{c["subject"]}")' if c["subject"] else "") + ": [your answer]."
    ),
    "nudge": lambda f, c: (
        f"I also wanted to follow up on the {'message' if c['kind'] == 'message' else 'email'} I sent {c['when']}"
        f"{' about ' + c['about'] if c['about'] else ''}."
    ),
    "reach-out": lambda f, c: "Would you have time for a coffee or a short call in the next week or two?",
    "meet": lambda f, c: "Would you have time for a coffee or a short call in the next week or two?",
    "report-back": lambda f, c: f"I also wanted to tell you how it went with {c['introduced']}: [how it went, in a sentence or two].",
    "tell-introducer": lambda f, c: f"I also wanted to let you know that I haven't heard back from {c['introduced_first']} yet.",
    "circle-back": lambda f, c: f"I also wanted to tell you how {c['advice']} worked out: [what you did, and how it went].",
    "intro-ask": lambda f, c: (
        f"Separately, I'd like to introduce you to {c['other']}{' (' + c['other_role'] + ')' if c['other_role'] else ''}"
        f"{', because ' + c['why'] if c['why'] else ''}: would you be happy for me to connect you?"
    ),
    "intro-check-in": lambda f, c: f"And how did it go with {c['other_first']}?",
}
_SAYS_MOMENT = frozenset({"thank", "keep-in-touch", "congratulate"})


def _same_day_said(facts: Facts) -> bool:
    """The lead's draft already names the day of the last exchange (a circle-back on the call's advice): a folded
    keep-in-touch does not say it again."""
    last = _last_exchange(facts)
    return last is not None and facts.item is not None and facts.item.event_on == last.happened_on


def folded_sentences(name: str, facts: Facts) -> list[tuple[str, str]]:
    """(action, sentence) for each item folded into the draft's item that its draft should also say, in the order
    they were folded; an intro to send, or news the draft already congratulates on, adds nothing."""
    if facts.item is None or name == "intro-send":  # the intro goes to both: nothing of one of them is added
        return []
    said: list[tuple[str, str]] = []
    for other in facts.item.also:
        occasion = other.occasion or draft_name(other)
        if occasion not in _FOLDED or (occasion == "congratulate" and name in _SAYS_MOMENT):
            continue
        own = _BUILDERS[OCCASION_DRAFT.get(occasion, occasion)]
        try:
            sentence = _FOLDED[occasion](facts, own(facts._replace(item=other)))
        except BadInput:  # nothing to build it from (no touch logged): the lead's draft says nothing more
            continue
        if sentence and sentence not in (s for _, s in said):
            said.append((other.action, sentence))
    return said


# Saying dates and places -----------------------------------------------------------------------------------

# Places that are a medium, not a venue: "on a video call", never "at video call".
_MEDIA = {
    "video": "on a video call", "video call": "on a video call", "videocall": "on a video call",
    "call": "on the phone", "phone": "on the phone", "phone call": "on the phone", "online": "online",
    "remote": "online", "virtual": "online", "email": "by email", "e-mail": "by email",
}  # fmt: skip
_NAMED_MEDIA = {"zoom", "teams", "microsoft teams", "google meet", "meet", "skype", "facetime", "hangouts", "webex",
                "slack", "discord", "linkedin", "twitter", "x", "mastodon", "signal", "whatsapp", "telegram"}  # fmt: skip
_PREPOSITIONS = ("at ", "in ", "on ", "over ", "during ", "by ", "near ", "via ", "online")


def place_phrase(place: str | None) -> str:
    """'PyCon' -> 'at PyCon'; 'video call' -> 'on a video call'; 'Zoom' -> 'on Zoom'; 'in Lisbon' stays."""
    text = " ".join((place or "").split())
    if not text:
        return ""
    lowered = text.lower()
    if lowered in _MEDIA:
        return _MEDIA[lowered]
    if lowered in _NAMED_MEDIA:
        return f"on {text}"
    if lowered.startswith(_PREPOSITIONS):
        return text
    return f"at {text}"


def _place_for(touch: LoggedTouch) -> str:
    """The place phrase, left out when it only repeats the kind ('the video call on a video call')."""
    phrase = place_phrase(touch.place)
    if touch.kind in ("video", "call") and phrase in ("on a video call", "on the phone", "online"):
        return ""
    return phrase


def _topics(touch: LoggedTouch | None) -> list[str]:
    return [t.strip() for t in ((touch.topics if touch else None) or "").split(",") if t.strip()]


def join_words(words: Sequence[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}" if words else ""


# What a touch was, in a thank-you ("Thank you for the coffee") and in a report ("I had coffee with Dara").
THANKED_FOR = {
    "met": "taking the time to meet", "call": "the call", "coffee": "the coffee", "meal": "the meal",
    "video": "the video call", "email": "your email", "message": "your message", "intro": "the introduction",
    "favor-received": "your help", "share": "sharing that with me", "congrats": "your kind words",
    "report": "the update", "thanks": "your kind note",
}  # fmt: skip
_MEETING = {"met": "met {who}", "call": "had a call with {who}", "coffee": "had coffee with {who}",
            "meal": "had lunch with {who}", "video": "had a video call with {who}"}  # fmt: skip
# "It's been a while since we ..." after each kind of last exchange.
_SINCE = {"met": "we met", "call": "we spoke", "video": "we spoke", "coffee": "we had coffee", "meal": "we had lunch",
          "email": "we last wrote", "message": "we last wrote"}  # fmt: skip


def advice_words(advice: str | None) -> str:
    """'the Lisbon role' -> 'your advice on the Lisbon role' ('' with no advice)."""
    return "your " + rules.advice_phrase(advice).removeprefix("the ") if advice else ""


# Building the context --------------------------------------------------------------------------------------


def context(name: str, facts: Facts) -> dict[str, Any]:
    """What the template `name` is told: the common variables (first_name, name, company, moment, news,
    sender, note, variant) and the draft's own (see each template's header)."""
    builder = _BUILDERS[name]
    contact = facts.contact
    news = next((t.note for t in _newest_first(facts.touches) if t.kind == "congrats" and t.note), None)
    common = {
        "name": contact.name,
        "first_name": contact.first_name,
        "company": contact.company,
        "title": contact.title,
        "moment": contact.moment,
        "news": news,
        "sender": facts.sender or "",
        "note": None,
        # One of several phrasings, per contact and per note: the contact's id plus the touches logged with them
        # (a note sent is one more), so two people met at one event, or one person twice in a month, differ.
        "variant": contact.id + len(facts.touches),
    }
    values = {**common, **builder(facts)}
    folded = folded_sentences(name, facts)
    values["also"] = " ".join(sentence for _, sentence in folded)
    values["_folded"] = folded
    return values


class Template(NamedTuple):
    """A template's text, and where it came from (for errors)."""

    text: str
    where: str


# A file name -> its template (None: there is no such template).
Templates = Callable[[str], "Template | None"]


def render(name: str, values: Mapping[str, Any], templates: Templates, clock: Callable[[], float] | None = None) -> str:
    """Fill the template of draft `name` (or a template file name) in the sandbox (rules/sandbox.py), its
    render time read from `clock`; a template that cannot be used, or asks too much, is one clear line."""
    import jinja2

    from netlog.rules import sandbox

    template = DRAFTS.get(name, name)

    def load(file: str) -> tuple[str, str, Callable[[], bool]] | None:
        found = templates(file)
        return None if found is None else (found.text, found.where, lambda: True)

    try:
        return sandbox.render(load, template, values, {"words": join_words}, clock)
    except (sandbox.TooMuch, jinja2.TemplateError) as error:  # Jinja's own message may end in a period already
        raise BadInput(f"The template {template} cannot be used: {str(error).rstrip('.')}.") from None
    except RecursionError:
        raise BadInput(f"The template {template} cannot be used: it includes or calls itself without end.") from None
    except MemoryError:
        raise BadInput(f"The template {template} cannot be used: it asks for more memory than there is.") from None


def draft(facts: Facts, name: str | None = None, *, templates: Templates, clock: Callable[[], float] | None = None) -> Draft:
    """The draft for `facts.item` (or the draft `name`: 'thank' with no item is the thank-you shortcut)."""
    if name is None:
        if facts.item is None:
            raise BadInput("Nothing is due to draft for; name a draft, e.g. thank.")
        name = draft_name(facts.item)
    values = context(name, facts)
    notice = values.pop("_notice", None)
    folded = values.pop("_folded")
    own_subject, text = split_subject(render(name, values, templates, clock))
    subject = own_subject or subject_for(name, values)
    said = [action for action, sentence in folded if sentence in text]  # a template may leave `also` out
    return Draft(name, DRAFTS[name], text, sent_for(name, facts, said), notice, subject)


def subject_for(name: str, values: Mapping[str, Any]) -> str:
    """The subject of draft `name` told `values` (its context): the first of SUBJECTS[name] whose fields are
    all filled. On one line: a name that carries a line break must not add a header to the mail."""
    import string

    key = "birthday" if name == "congratulate" and values.get("birthday") else name
    for candidate in SUBJECTS[key]:
        fields = [field for _, field, _, _ in string.Formatter().parse(candidate) if field]
        if all(values.get(field) for field in fields):
            return " ".join(candidate.format_map({field: str(values[field]) for field in fields}).split())
    return ""


def split_subject(text: str) -> tuple[str, str]:
    """A draft's text -> (its subject, the body): a first line "Subject: ..." is the subject, and the blank
    lines after it are dropped; without one the subject is "" and the text is the body."""
    first, newline, rest = text.partition("\n")
    if not first.lower().startswith("subject:"):
        return "", text
    return " ".join(first[len("subject:") :].split()), rest.lstrip("\n") if newline else ""


def _newest_first(touches: Sequence[LoggedTouch]) -> list[LoggedTouch]:
    return sorted(touches, key=lambda t: (t.happened_on, t.id), reverse=True)


def _person(facts: Facts, contact_id: int | None) -> Contact | None:
    return facts.people.get(contact_id) if contact_id is not None else None


def _first(contact: Contact | None, fallback: str) -> str:
    return contact.first_name if contact else fallback


def _role(contact: Contact | None) -> str:
    """'Head of Search at Contoso', 'at Contoso', 'Head of Search' or ''."""
    if contact is None:
        return ""
    if contact.title and contact.company:
        return f"{contact.title} at {contact.company}"
    return contact.title or (f"at {contact.company}" if contact.company else "")


def thank_touch(facts: Facts) -> tuple[LoggedTouch | None, bool]:
    """The touch a thank-you is for, and whether one is pending: the pending one, else the latest that
    would want thanks (of that day's, the most of an occasion: history.THANK_RANK), else the latest touch
    (False: it may have been thanked already)."""
    newest = _newest_first(facts.touches)
    pending = next((t for t in newest if t.id == facts.thank_touch_id), None)
    if pending is not None:
        return pending, True
    latest = [t for t in newest if history.wants_thanks(_rule_touch(t), facts.strength)] or newest
    if not latest:
        return None, False
    day = [t for t in latest if t.happened_on == latest[0].happened_on]  # that day's occasion (history.THANK_RANK)
    return max(day, key=lambda t: history.THANK_RANK.get(t.kind, 0)), False


def _rule_touch(touch: LoggedTouch) -> history.Touch:
    return history.Touch(touch.happened_on, touch.kind, touch.direction, touch.id, advice=touch.advice,
                       other_id=touch.other_id, place=touch.place, note=touch.note, source=touch.source,
                       about=touch.about, subject=touch.subject)  # fmt: skip


def _thank(facts: Facts) -> dict[str, Any]:
    touch, pending = thank_touch(facts)
    if touch is None:
        raise BadInput(f"Nothing to thank {facts.contact.name} for yet: no touches logged.")
    today = facts.today
    introducer = _person(facts, facts.introduced_by)
    introduced = _person(facts, touch.other_id)
    values = {
        "kind": touch.kind,
        "what": kinds.KIND_PHRASES[touch.kind],
        "thanked_for": THANKED_FOR.get(touch.kind, kinds.KIND_PHRASES[touch.kind]),
        "when": spoken_day(touch.happened_on, today),
        "day": format_day(touch.happened_on, today),
        "weekday": _WEEKDAYS[touch.happened_on.weekday()],
        "days_ago": (today - touch.happened_on).days,
        "place": touch.place,
        "at": _place_for(touch),
        "topics": _topics(touch),
        "note": touch.note,
        "advice": advice_words(touch.advice),
        "about": touch.about,
        "introduced_to": introduced.name if introduced else None,
        "introduced_by": introducer.name if introducer else None,
        "pending": pending,
    }
    if not pending:
        values["_notice"] = (
            f"No thank-you is pending for {facts.contact.first_name}: this drafts one for"
            f" {kinds.KIND_PHRASES[touch.kind]} on {format_day(touch.happened_on, today)}, which may have been thanked already."
        )
    return values


def _silence_touch(facts: Facts) -> LoggedTouch | None:
    """The message the nudge follows up: mine, of the day the silence began (the item's event)."""
    on = facts.item.event_on if facts.item else None
    mine = [t for t in _newest_first(facts.touches) if t.kind in kinds.MESSAGES and t.direction == "out"]
    return next((t for t in mine if t.happened_on == on), mine[0] if mine else None)


_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|sv|fwd?)\s*:\s*)+", re.IGNORECASE)


def _reply(facts: Facts) -> dict[str, Any]:
    """For the answer to a message that asked something: the first unanswered one (the item's event), its kind,
    when, and its subject when it came by mail (history.shareable_words: what you marked `--about`, else the
    subject a capture kept; a note typed by hand stays private), or what it was about (`log --received --about`)."""
    on = facts.item.event_on if facts.item else None
    theirs = [t for t in _newest_first(facts.touches) if t.kind in kinds.MESSAGES and t.direction == "in"]
    touch = next((t for t in theirs if t.happened_on == on), theirs[0] if theirs else None)
    said = history.shareable_words(_rule_touch(touch)) if touch and touch.source == "mail" else None
    subject = _REPLY_PREFIX.sub("", said or "").strip()
    day = touch.happened_on if touch else on or facts.today
    return {
        "kind": touch.kind if touch else "email", "when": spoken_day(day, facts.today), "subject": subject or None,
        "about": touch.about if touch else None,
    }  # fmt: skip


def _nudge(facts: Facts) -> dict[str, Any]:
    touch = _silence_touch(facts)
    if touch is not None:
        on = touch.happened_on
    elif facts.item is not None and facts.item.event_on is not None:
        on = facts.item.event_on
    else:
        on = facts.today
    return {
        "kind": touch.kind if touch else "email", "when": spoken_day(on, facts.today), "topics": _topics(touch),
        "about": touch.about if touch else None,
    }  # fmt: skip


def _introduction(facts: Facts) -> dict[str, Any]:
    """For drafts to the person introduced: who introduced us, and when."""
    introducer = _person(facts, facts.introduced_by)
    on = facts.item.event_on if facts.item and facts.item.event_on else None
    return {
        "introducer": introducer.name if introducer else None,
        "introducer_first": _first(introducer, ""),
        "when": spoken_day(on, facts.today) if on else "",
    }


def _meeting_with(facts: Facts, person: Contact | None) -> LoggedTouch | None:
    """My meeting with the person introduced that the report is about (the item's event day, else the latest)."""
    if person is None:
        return None
    on = facts.item.event_on if facts.item else None
    meetings = [t for t in _newest_first(facts.people_touches.get(person.id, ())) if t.kind in kinds.MEETINGS]
    return next((t for t in meetings if t.happened_on == on), meetings[0] if meetings else None)


def _introduced(facts: Facts) -> Contact | None:
    """The person the item is about; with no item (a draft named with nothing due), the one the contact
    introduced me to last (their newest intro touch), so the draft names them."""
    if facts.item is not None:
        return _person(facts, facts.item.other_id)
    intros = [t for t in _newest_first(facts.touches) if t.kind == "intro" and t.other_id is not None]
    return _person(facts, intros[0].other_id) if intros else None


def _report_back(facts: Facts) -> dict[str, Any]:
    introduced = _introduced(facts)
    meeting = _meeting_with(facts, introduced)
    who = introduced.name if introduced else "the person you introduced me to"
    kind = meeting.kind if meeting else "met"
    on = meeting.happened_on if meeting else (facts.item.event_on if facts.item else None)
    return {
        "introduced": who,
        "introduced_first": _first(introduced, who),
        "meeting": _MEETING[kind].format(who=who),
        "at": _place_for(meeting) if meeting else "",
        "when": spoken_day(on, facts.today) if on else "",
        "topics": _topics(meeting),
        "thank_too": _intro_thank_pending(facts),
    }


def _intro_thank_pending(facts: Facts) -> bool:
    """The introducer was never thanked for the intro: the report-back thanks them now."""
    touch, pending = thank_touch(facts)
    return pending and touch is not None and touch.kind == "intro"


def _tell_introducer(facts: Facts) -> dict[str, Any]:
    introduced = _introduced(facts)
    on = facts.item.event_on if facts.item else None
    who = introduced.name if introduced else "the person you introduced me to"
    return {"introduced": who, "introduced_first": _first(introduced, who), "when": spoken_day(on, facts.today) if on else ""}


def _circle_back(facts: Facts) -> dict[str, Any]:
    on = facts.item.event_on if facts.item else None
    advised = [t for t in _newest_first(facts.touches) if t.advice]
    touch = next((t for t in advised if t.happened_on == on), advised[0] if advised else None)
    return {
        "advice": advice_words(touch.advice) if touch else "your advice",
        "when": spoken_day(touch.happened_on, facts.today) if touch else "",
        "kind": touch.kind if touch else None,
    }


def _last_exchange(facts: Facts) -> LoggedTouch | None:
    return next(
        (t for t in _newest_first(facts.touches) if t.kind not in kinds.CONNECTIONS and not (t.kind == "thanks" and t.direction == "out")),
        None,
    )  # fmt: skip


# A tie this strong or stronger (strong, close), in touch on its cadence, gets a warm check-in: no talk of work.
WARM_CHECK_IN_FROM = 4
# From this much silence the opening says "a long while".
LONG_WHILE_DAYS = 365


def _keep_in_touch(facts: Facts) -> dict[str, Any]:
    """The last exchange (`since`: "we had coffee on Sunday", its `topics`), and how the note opens: `quiet` when
    the tie has gone quiet (due.gone_quiet, as the reason's "Reconnect with"): "It's been a while"; else it is
    simply due on its cadence and checks in, warmly (`warm`) for a strong or close tie."""
    last = _last_exchange(facts)
    since = f"{_SINCE.get(last.kind, 'we were last in touch')} {spoken_day(last.happened_on, facts.today)}" if last else ""
    cadence = facts.cadence if facts.cadence is not None else rules.CADENCE_DAYS[facts.strength]
    gap = (facts.today - last.happened_on).days if last else None
    quiet = last is None or rules.gone_quiet(facts.strength, cadence, last.happened_on, facts.today)
    return {
        "since": since, "kind": last.kind if last else None, "topics": _topics(last), "quiet": quiet,
        "warm": not quiet and facts.strength >= WARM_CHECK_IN_FROM, "long_while": gap is not None and gap >= LONG_WHILE_DAYS,
    }  # fmt: skip


def _second_touch(facts: Facts) -> dict[str, Any]:
    """The first time together is where you met (issue 23): never a message (a birthday note, a note to an old
    connection), which names no meeting at all (`met` False)."""
    met = [t for t in facts.touches if t.kind in kinds.MEETINGS]
    first = min(met, key=lambda t: (t.happened_on, t.id)) if met else None
    return {
        "met": first is not None,
        "when": spoken_day(first.happened_on, facts.today) if first else "",
        "at": _place_for(first) if first else "",
        "topics": _topics(first),
    }


def _give_back(facts: Facts) -> dict[str, Any]:
    favors = [t for t in facts.touches if t.kind == "favor-received"]
    return {"favors": len(favors), **_keep_in_touch(facts)}


def _congratulate(facts: Facts) -> dict[str, Any]:
    birthday = facts.item.event_on if facts.item and facts.item.occasion == "birthday" else None
    return {"birthday": birthday is not None, "when": spoken_day(birthday, facts.today) if birthday else ""}


def _reconnect(facts: Facts) -> dict[str, Any]:
    connected = min((t for t in facts.touches if t.kind in kinds.CONNECTIONS), key=lambda t: t.happened_on, default=None)
    return {
        "via": connected.place if connected else None,
        "when": spoken_day(connected.happened_on, facts.today) if connected else "",
        **_keep_in_touch(facts),
    }


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def _intro_sides(facts: Facts) -> tuple[Contact, Contact | None]:
    """(the contact the draft goes to, the other person of the intro)."""
    other_id = facts.item.other_id if facts.item else None
    if other_id is None and facts.offer is not None:
        other_id = facts.offer.b_id if facts.offer.a_id == facts.contact.id else facts.offer.a_id
    return facts.contact, _person(facts, other_id)


def _intro_ask(facts: Facts) -> dict[str, Any]:
    _, other = _intro_sides(facts)
    return {
        "other": other.name if other else "someone I know",
        "other_first": _first(other, "them"),
        "other_role": _role(other),
        "why": facts.offer.why if facts.offer else None,
    }


def _intro_send(facts: Facts) -> dict[str, Any]:
    me, other = _intro_sides(facts)
    if other is None:  # "Hi Gus and ," -- no offer names the other side
        raise BadInput(f"No introduction of {me.name} to send: offer one first, as in netlog intro {_quoted(me.name)} OTHER.")
    return {
        "a": me.name, "a_first": me.first_name, "a_role": _role(me),
        "b": other.name if other else "", "b_first": _first(other, ""), "b_role": _role(other),
        "why": facts.offer.why if facts.offer else None,
    }  # fmt: skip


def _intro_check_in(facts: Facts) -> dict[str, Any]:
    _, other = _intro_sides(facts)
    on = facts.item.event_on if facts.item else (facts.offer.sent_on if facts.offer else None)
    return {
        "other": other.name if other else "them",
        "other_first": _first(other, "them"),
        "when": spoken_day(on, facts.today) if on else "",
    }


_BUILDERS = {
    "reply": _reply,
    "thank": _thank,
    "nudge": _nudge,
    "reach-out": _introduction,
    "meet": _introduction,
    "report-back": _report_back,
    "tell-introducer": _tell_introducer,
    "circle-back": _circle_back,
    "keep-in-touch": _keep_in_touch,
    "second-touch": _second_touch,
    "give-back": _give_back,
    "congratulate": _congratulate,
    "reconnect": _reconnect,
    "intro-ask": _intro_ask,
    "intro-send": _intro_send,
    "intro-check-in": _intro_check_in,
}
