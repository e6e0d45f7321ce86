"""Contacts <-> vCards: what netlog reads from a card, a new card for a contact, and an existing card
patched with a contact. Pure: plain contact records (dicts) in, text out; no database, no files.

A contact record has the contact's columns (`id`, `uid`, `name`, `email`, `phone`, `company`, `title`,
`url`, `note`, `birthday` as "MM-DD" or "YYYY-MM-DD") and `tags` (a list), and may have:
- `n`: the structured name, five strings in vCard order (family, given, additional, prefix, suffix);
- `nickname`: text, several nicknames separated by commas;
- `address`: the postal address, seven strings in ADR order (post office box, extended address, street,
  locality, region, postal code, country);
- `kind`: "org" for an organisation, None (or "individual") for a person.

netlog owns the properties in OWNED. Patching a card changes only those, only when the card does not
already say what the contact says, and keeps every other line exactly as it was: properties, parameters,
groups (item1.EMAIL), folding, line endings and VERSION. A key a record lacks is not owned that time
(a database without a nickname column leaves NICKNAME alone); a key that is there with no value means
"none" and removes the property, except values netlog could not have held (a text birthday)."""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from netlog.values.folding import fold
from netlog.values.points import Point, clean_label, merged
from netlog.vcard import cardlines
from netlog.vcard.birthdays import normalize_birthday
from netlog.vcard.cardlines import Property

# contact key -> the properties it owns, in the order a new card lists them
OWNED: dict[str, tuple[str, ...]] = {
    "name": ("FN",),
    "n": ("N",),
    "nickname": ("NICKNAME",),
    "kind": ("KIND", "X-ABSHOWAS"),
    "email": ("EMAIL",),
    "phone": ("TEL",),
    "address": ("ADR",),
    "company": ("ORG",),
    "title": ("TITLE",),
    "url": ("URL",),
    "note": ("NOTE",),
    "birthday": ("BDAY",),
    "tags": ("CATEGORIES",),
}
# Fields whose property may appear many times while netlog keeps one value (the preferred, else the first):
# that one line is netlog's; the card's other emails, phones or addresses are the card's.
ONE_OF = frozenset({"nickname", "email", "phone", "address", "company", "title", "url", "note", "birthday"})
N_PARTS = 5
ADR_PARTS = 7
VERSIONS = ("3.0", "4.0")
# Address books' own groups, spelled exactly as they write them into CATEGORIES (Google Contacts' vCard export:
# `CATEGORIES:myContacts,starred,Hiking`; Android's group titles, as exporters from its contacts database carry
# them): what the address book files a contact under, not a label the user chose. Only these spellings: a
# user's "Starred", "MYCONTACTS", "all" or "blocked" is a tag like any other.
SYSTEM_GROUPS = frozenset({"myContacts", "starred", "Starred in Android", "System Group: My Contacts"})
# The parameter of a CATEGORIES line netlog marked as holding the user's tags only: written when one of them is
# spelled as a system group (a netlog tag "starred"), so that it reads back as the tag it is (issue 22: no field
# given is ever lost). Every other CATEGORIES line is read as before.
TAGS_MARK = "X-NETLOG"
TAGS_MARK_VALUE = "tags"
# TYPE values that say nothing a person would call the address by
_PLAIN_TYPES = frozenset({"internet", "pref", "voice", "x400", "x-internet"})
_POINT_PROPERTIES = {"EMAIL": "email", "TEL": "phone", "URL": "url", "X-SOCIALPROFILE": "url"}


# reading


def read_card(properties: Sequence[Property]) -> tuple[dict[str, Any], list[str], list[str]]:
    """A card's properties -> (contact fields, tags, what was left out and why, one line each)."""
    dropped: list[str] = []
    bday = pick(properties, "BDAY")
    birthday = None
    if bday is not None and _text(bday):
        birthday = normalize_birthday(_text(bday), omit_year=next(iter(bday.params.get("X-APPLE-OMIT-YEAR") or ()), None))
        if birthday is None:
            dropped.append(f'the birthday "{_text(bday)}" is not a date (MM-DD or YYYY-MM-DD); left out')
    fields = {
        "name": full_name(properties),
        "email": _text(pick(properties, "EMAIL")),
        "phone": _phone(pick(properties, "TEL")),
        "company": _org(pick(properties, "ORG")),
        "title": _title(pick(properties, "TITLE"), pick(properties, "ORG")),
        "url": _text(pick(properties, "URL")),
        "uid": _text(pick(properties, "UID")),
        "note": _text(pick(properties, "NOTE")),
        "birthday": birthday,
        "n": _parts(pick(properties, "N"), N_PARTS),
        "nickname": _nickname(pick(properties, "NICKNAME")),
        "address": _parts(pick(properties, "ADR"), ADR_PARTS),
        "kind": _kind(properties),
        "family": _family(properties),
    }
    if fields["n"] == ("", fields["name"], "", "", ""):
        fields["n"] = None  # the whole name as the given name (what netlog writes when it knows no split): no split
    return fields, _tags(properties), dropped


def read_points(properties: Sequence[Property]) -> dict[str, list[Point]]:
    """Every EMAIL, TEL and URL of a card (and Apple's X-SOCIALPROFILE, read as a profile URL), the preferred
    ones first, each once, with its label: an item group's X-ABLabel ("alumni", "LinkedIn"), else the
    social profile's type, else its TYPEs that name something ("work", "cell"), lower-cased."""
    labels = {p.group.upper(): clean_label(_text(p)) for p in properties if p.name == "X-ABLABEL" and p.group}
    found: dict[str, list[tuple[bool, Point]]] = {kind: [] for kind in ("email", "phone", "url")}
    for prop in properties:
        kind = _POINT_PROPERTIES.get(prop.name or "")
        if kind is None:
            continue
        value = _phone(prop) if kind == "phone" else _text(prop)
        if prop.name == "X-SOCIALPROFILE" and not value:
            value = next(iter(prop.params.get("X-USER") or ()), None)
        if not value:
            continue
        label = labels.get((prop.group or "").upper()) or _type_label(prop)
        found[kind].append((prop.is_preferred(), Point(value, label)))
    return {kind: merged([], [p for _, p in sorted(listed, key=lambda e: not e[0])], kind) for kind, listed in found.items()}


def _type_label(prop: Property) -> str | None:
    types = [t.strip().lower() for value in prop.params.get("TYPE", ()) for t in value.split(",")]
    return clean_label(",".join(t for t in types if t and t not in _PLAIN_TYPES))


def pick(properties: Sequence[Property], name: str) -> Property | None:
    """The property netlog reads when a card has several: the preferred one, else the first."""
    first = None
    for prop in properties:
        if prop.name == name:
            if prop.is_preferred():
                return prop
            first = first or prop
    return first


def full_name(properties: Sequence[Property]) -> str | None:
    """FN; else the N components in reading order; else the nickname; else the organisation."""
    fn = _text(pick(properties, "FN"))
    if fn:
        return fn
    n = _parts(pick(properties, "N"), N_PARTS)
    if n:
        family, given, additional, prefix, suffix = n
        words = " ".join(p for p in (prefix, given, additional, family, suffix) if p).split()
        if words:
            return " ".join(words)
    return _nickname(pick(properties, "NICKNAME")) or _org(pick(properties, "ORG"))


def _text(prop: Property | None) -> str | None:
    if prop is None:
        return None
    return cardlines.unescape(prop.value).strip() or None


def _phone(prop: Property | None) -> str | None:
    text = _text(prop)
    if text and text.lower().startswith("tel:"):  # vCard 4.0 TEL;VALUE=uri:tel:+1-555-0199
        text = text[4:].strip() or None
    return text


def _org(prop: Property | None) -> str | None:
    if prop is None:
        return None
    # ORG is the organisation name then its units (RFC 6350 6.6.4): the company is the first component; the
    # units (a department) say nothing of the company ("How are things going at Native Instruments, Design?").
    # A synced card keeps its units: patch_card leaves the ORG line alone while the company is unchanged.
    return next(iter(_org_parts(prop)), None)


def _org_parts(prop: Property) -> list[str]:
    return [u for u in (cardlines.unescape(p).strip() for p in cardlines.split(prop.value, ";")) if u]


def _title(title: Property | None, org: Property | None) -> str | None:
    """TITLE, with ORG's units (a department) after it, so a fresh card loses none of them: `ORG:ACME
    Inc.;Rockets` and no TITLE is the title "Rockets". Units the title already says are not added again, so a
    title netlog wrote back (TITLE:Designer, Design beside ORG:X;Design) reads the same."""
    text = _text(title)
    units = ", ".join(_org_parts(org)[1:]) if org is not None else ""
    if not units or (text and (text == units or text.endswith(f", {units}"))):
        return text
    return f"{text}, {units}" if text else units


def _parts(prop: Property | None, count: int) -> tuple[str, ...] | None:
    """A structured value (N, ADR) as `count` strings; None when it is missing or every part is empty."""
    if prop is None:
        return None
    parts = [cardlines.unescape(p).strip() for p in cardlines.split(prop.value, ";")]
    parts = (parts + [""] * count)[:count]
    return tuple(parts) if any(parts) else None


def _nickname(prop: Property | None) -> str | None:
    if prop is None:
        return None
    names = [cardlines.unescape(p).strip() for p in cardlines.split(prop.value, ",")]
    return ", ".join(n for n in names if n) or None


def _kind(properties: Sequence[Property]) -> str | None:
    """"org" for an organisation's card; None for a person's (netlog stores NULL for an individual). A card says
    so (KIND:org, Apple's X-ABShowAs:COMPANY), or names no person: an ORG, no N (or an empty one, as Google
    writes a company) and no FN but the organisation's own name."""
    kind = (_text(pick(properties, "KIND")) or "").lower()
    shown_as = (_text(pick(properties, "X-ABSHOWAS")) or "").upper()  # Apple's vCard 3.0 way to say it
    if kind == "org" or shown_as == "COMPANY":
        return "org"
    if kind or _parts(pick(properties, "N"), N_PARTS) is not None:
        return None  # KIND:individual (or another), or a person's structured name
    org = _org(pick(properties, "ORG"))
    fn = _text(pick(properties, "FN"))
    return "org" if org and (fn is None or fold(fn) == fold(org)) else None


# RELATED's family types (RFC 6350 6.6.6: child, parent, sibling, spouse, kin). A card that names one is a family
# member's card: in a personal address book, the family's cards are the ones that carry family relations
# (pointing to you, or to each other). Only read: netlog never writes RELATED, and a patched card keeps it.
FAMILY_TYPES = ("parent", "child", "sibling", "spouse", "kin")


def _family(properties: Sequence[Property]) -> str | None:
    """The first family relation the card's RELATED properties name ('sibling'), or None."""
    for prop in properties:
        if prop.name != "RELATED":
            continue
        types = {t.strip().strip('"').lower() for value in prop.params.get("TYPE", ()) for t in value.split(",")}
        for family in FAMILY_TYPES:
            if family in types:
                return family
    return None


def _tags(properties: Sequence[Property]) -> list[str]:
    """The card's categories that are the user's own labels: every item of a line netlog marked as tags, and
    the items of other lines but an address book's system groups."""
    return list(dict.fromkeys(t for marked, t in _categories(properties) if marked or not is_system_group(t)))


def system_groups(properties: Sequence[Property]) -> list[str]:
    """The address book's own groups on a card (never on a line netlog marked as tags)."""
    return list(dict.fromkeys(t for marked, t in _categories(properties) if not marked and is_system_group(t)))


def _categories(properties: Sequence[Property]) -> list[tuple[bool, str]]:
    """Every item of every CATEGORIES line, each with whether its line is marked as netlog's tags."""
    found: list[tuple[bool, str]] = []
    for prop in properties:
        if prop.name == "CATEGORIES":
            marked = any(v.strip().lower() == TAGS_MARK_VALUE for v in prop.params.get(TAGS_MARK, ()))
            found.extend((marked, cardlines.unescape(p).strip()) for p in cardlines.split(prop.value, ","))
    return [(marked, t) for marked, t in found if t]


def is_system_group(category: str) -> bool:
    """Whether a category is spelled as an address book's own group (SYSTEM_GROUPS, exactly): on a line netlog
    did not mark as tags it is no tag, and a card keeps its own when netlog rewrites its CATEGORIES."""
    return category.strip() in SYSTEM_GROUPS


# writing


def card_uid(contact: Mapping[str, Any]) -> str:
    """The UID a contact's card carries: its own. A contact gets one (a random UUID, kept in the database)
    before its first card is written (netlog.exporters.vcard.give_uids), so there is no default here: a
    UID made from the contact's id would be the same in every database (issue 22)."""
    uid = contact.get("uid")
    if not uid:
        raise ValueError(f"contact {contact.get('id')} has no UID yet")
    return str(uid)


def with_uid(text: str, uid: str) -> str:
    """A one-card file's text given a UID: the line goes in before its END:VCARD, in the file's own line
    ending; every other byte is kept."""
    end = text.rfind("END:VCARD")
    newline = "\r\n" if "\r\n" in text else "\n"
    return f"{text[:end]}UID:{cardlines.escape(uid)}{newline}{text[end:]}"


def describes(text: str, contact: Mapping[str, Any]) -> bool:
    """Whether a card file's text is about this contact: one card with the contact's name (case, accents and
    spacing ignored) or one of its email addresses."""
    from netlog.values.folding import fold
    from netlog.values.points import normal

    split = cardlines.split_cards(cardlines.parse(text))
    if len(split.cards) != 1:
        return False
    properties = split.cards[0].properties
    if fold(full_name(properties) or "") == fold(contact.get("name") or "") != "":
        return True
    theirs = {normal("email", p.value) for p in read_points(properties)["email"]}
    mine = {normal("email", p.value) for p in contact.get("points", {}).get("email", [])}
    return bool(theirs & mine - {""})


def build_card(contact: Mapping[str, Any], version: str = "3.0") -> str:
    """A new card for a contact (CRLF line endings, as the standards say)."""
    return built_card(contact, version)[0]


def built_card(contact: Mapping[str, Any], version: str = "3.0") -> tuple[str, list[Property]]:
    """A new card for a contact, and its properties between BEGIN and END as parsing its text gives them (a
    sync reads the card it wrote without parsing it again)."""
    if version not in VERSIONS:
        raise ValueError(version)
    uid = cardlines.format_line("UID", cardlines.escape(card_uid(contact)))
    # an empty N to fill: every new card has one (3.0 requires it, and address books sort by it)
    skeleton = f"BEGIN:VCARD\r\nVERSION:{version}\r\n{uid}N:;;;;\r\nEND:VCARD\r\n"
    before, card, after = _patched(skeleton, contact, _skeleton_reading(version))
    return "".join(p.raw for p in before + card + after), card


@cache
def _skeleton_reading(version: str) -> Mapping[str, Any]:
    """What a new card's skeleton reads as (the same for every UID: the UID is no field a patch compares)."""
    card = cardlines.split_cards(cardlines.parse(f"BEGIN:VCARD\r\nVERSION:{version}\r\nUID:x\r\nN:;;;;\r\nEND:VCARD\r\n")).cards[0]
    reading, tags, _ = read_card(card.properties)
    return MappingProxyType({**reading, "uid": None, "tags": tags})


def patch_card(text: str, contact: Mapping[str, Any]) -> str:
    """A card's text with netlog's properties made to say what the contact says; everything else as it was.
    Only the first card of the text is patched; lines before and after it are kept."""
    before, card, after = _patched(text, contact)
    return "".join(p.raw for p in before + card + after)


def _patched(
    text: str, contact: Mapping[str, Any], read: Mapping[str, Any] | None = None
) -> tuple[list[Property], list[Property], list[Property]]:
    """patch_card's work: the lines up to BEGIN:VCARD, the card's patched properties, END:VCARD and after.
    `read`: what the card reads as, when known already (a new card's skeleton)."""
    properties = cardlines.parse(text)
    begin = next(i for i, p in enumerate(properties) if p.name == "BEGIN" and p.value.strip().upper() == "VCARD")
    end = next(i for i, p in enumerate(properties) if i > begin and p.name == "END" and p.value.strip().upper() == "VCARD")
    card = properties[begin + 1 : end]
    version = _text(pick(card, "VERSION")) or "3.0"
    eol = cardlines.line_ending(text)
    if read is None:
        reading, tags, _ = read_card(card)
        reading["tags"] = tags
    else:
        reading = dict(read)
    original = card
    if "points" in contact:
        card = _patch_points(card, contact["points"], eol)
    for key in OWNED:
        if key not in contact and key not in ("name", "n"):
            continue
        if key in _POINT_KINDS and "points" in contact:
            continue
        wanted = _wanted(key, contact, original, reading)
        if key == "n" and pick(card, "N") is None:
            if not any(contact.get("n") or ()) and (version == "4.0" or pick(card, "FN") is not None):
                # none stays none while netlog knows no better: optional in 4.0, and a 3.0 card that has FN is read
                # by it (khard shows FN in its first- and last-name lists when N is missing, as it would show
                # N:;Foo Bar;;;): writing the whole name as a given name would change the card and tell nothing
                continue
        elif _same(key, wanted, reading[key]):
            continue
        card = _rewrite(card, key, wanted, version, eol)
    if "title" in contact:
        card = _title_apart_from_units(card, _wanted("title", contact, original, reading), version, eol)
    return properties[: begin + 1], card, properties[end:]


def _title_apart_from_units(card: list[Property], title: str | None, version: str, eol: str) -> list[Property]:
    """The title is TITLE with ORG's units after it (`_title`); when the patched card no longer reads as the
    contact's title (the title changed, or ORG did), ORG keeps only the company and TITLE says the whole title."""
    back = read_card(card)[0]
    if back["title"] == title:
        return card
    org = pick(card, "ORG")
    if org is not None and _org_parts(org)[1:]:
        card = _rewrite(card, "company", back["company"], version, eol)
    return _rewrite(card, "title", title, version, eol)


# What a card says about itself, never folded from another card into it
_OF_THE_CARD = frozenset({"BEGIN", "END", "VERSION", "UID", "PRODID", "REV"})


def fold_card(text: str, others: Sequence[str]) -> str:
    """`text` (a card) with the lines of `others` (cards of the same person, merged into it) that netlog does
    not own and that the card has none of by name: a photo, another program's X- property. Lines in an
    item group (Apple's item1.X-ABLabel) stay behind, since their group says what they label. They go
    before END:VCARD, in the card's own line ending; the card's own lines are kept byte for byte."""
    properties = cardlines.parse(text)
    begin = next(i for i, p in enumerate(properties) if p.name == "BEGIN" and p.value.strip().upper() == "VCARD")
    end = next(i for i, p in enumerate(properties) if i > begin and p.name == "END" and p.value.strip().upper() == "VCARD")
    eol = cardlines.line_ending(text)
    owned = {name for names in OWNED.values() for name in names} | _OF_THE_CARD
    have = {p.name for p in properties[begin + 1 : end] if p.name}
    added: list[str] = []
    for other in others:
        lines = [p for p in cardlines.parse(other) if p.name and not p.group and p.name not in owned and p.name not in have]
        added.extend(p.raw.replace("\r\n", "\n").rstrip("\n").replace("\n", eol) + eol for p in lines)
        have.update(p.name for p in lines if p.name)
    if not added:
        return text
    return "".join(p.raw for p in properties[:end]) + "".join(added) + "".join(p.raw for p in properties[end:])


_POINT_KINDS = {"email": "EMAIL", "phone": "TEL", "url": "URL"}


def _patch_points(card: list[Property], points: Mapping[str, Sequence[Point]], eol: str) -> list[Property]:
    """Every email, phone and URL of the contact on the card: the card's lines that say one of them are kept
    byte for byte (however the card formats it); lines saying one the contact no longer has go (with an item
    group's X-ABLabel when nothing else is in the group); the others are added, with their label as TYPE."""
    from netlog.values.points import normal

    for kind, name in _POINT_KINDS.items():
        wanted = list(points.get(kind) or [])
        keys = {normal(kind, p.value) for p in wanted}
        on_card = set()
        gone: set[int] = set()
        for i, prop in enumerate(card):
            if _POINT_PROPERTIES.get(prop.name or "") != kind:
                continue
            value = _phone(prop) if kind == "phone" else _text(prop)
            if prop.name == "X-SOCIALPROFILE" and not value:
                value = next(iter(prop.params.get("X-USER") or ()), None)
            key = normal(kind, value) if value else ""
            if key in keys:
                on_card.add(key)
            else:
                gone.add(i)
        added = []
        for point in wanted:
            key = normal(kind, point.value)
            if key not in on_card:
                on_card.add(key)
                added.append(point)
        # a value that took another's place takes its line too, with its parameters and group (edit --email)
        replaced = {}
        for i, point in zip(sorted(gone), added):
            prop = card[i]
            kept = tuple(t for t in prop.param_texts if not _describes_value(t))
            replaced[i] = _make(prop.name or name, cardlines.escape(point.value), kept, prop.group, eol)
        added = added[len(replaced):]
        gone -= set(replaced)
        card = [replaced.get(i, p) for i, p in enumerate(card)]
        if gone:
            left_groups = {(p.group or "").upper() for i, p in enumerate(card) if i not in gone and p.group and p.name != "X-ABLABEL"}
            card = [p for i, p in enumerate(card) if i not in gone
                    and not (p.name == "X-ABLABEL" and p.group and p.group.upper() not in left_groups)]  # fmt: skip
        for point in added:
            params = (f"TYPE={cardlines.escape(point.label).replace(' ', '-')}",) if point.label and ":" not in point.label else ()
            line = _make(name, cardlines.escape(point.value), params, eol=eol)
            at = max((i + 1 for i, p in enumerate(card) if p.name == name), default=_before_end(card))
            card = card[:at] + [line] + card[at:]
    return card


def _before_end(card: list[Property]) -> int:
    """Where a property new to the card goes: before UID, REV or the end."""
    return next((i for i, p in enumerate(card) if p.name in ("UID", "REV", "END")), len(card))


def _wanted(key: str, contact: Mapping[str, Any], card: Sequence[Property], reading: dict[str, Any]) -> Any:
    value = contact.get(key)
    if key == "n":
        return _wanted_n(contact, card, reading)
    if key == "kind":
        return "org" if value == "org" else None
    if key == "tags":  # the user's tags, and the card's system groups where they were
        return _Categories(tuple(dict.fromkeys(t.strip() for t in value or [] if t.strip())), tuple(system_groups(card)))
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, tuple)):
        parts = tuple(str(p or "").strip() for p in value)
        return parts if any(parts) else None
    return value


def _wanted_n(contact: Mapping[str, Any], card: Sequence[Property], reading: dict[str, Any]) -> tuple[str, ...]:
    """The contact's own N when netlog knows it; else the card's N while it still fits the name; else the
    whole name as the given name (netlog does not guess a family name: "Ludwig van Beethoven")."""
    known = contact.get("n")
    if known and any(known):
        return tuple((list(str(p or "").strip() for p in known) + [""] * N_PARTS)[:N_PARTS])
    name = contact.get("name") or ""
    on_card = reading.get("n")
    if pick(card, "N") is not None and (_text(pick(card, "FN")) == name or (on_card and _fits(on_card, name))):
        return on_card or ("",) * N_PARTS  # the card's, even empty, while the name is the card's
    kind = contact["kind"] if "kind" in contact else reading.get("kind")
    if kind == "org":
        return ("",) * N_PARTS
    return ("", name, "", "", "")


def _fits(n: Sequence[str], name: str) -> bool:
    """Every word of N is a word of the name (case and accents ignored): N still describes this name."""
    import re

    from netlog.values.folding import fold

    def words(text: str) -> list[str]:
        return re.findall(r"[^\s,;]+", fold(text))

    in_name = set(words(name))
    return all(w in in_name for part in n for w in words(part))


def _same(key: str, wanted: Any, current: Any) -> bool:
    if key == "tags":
        return set(wanted.tags) == set(current)
    if key == "n":
        return tuple(wanted) == (current or ("",) * N_PARTS)
    return wanted == current


def _rewrite(card: list[Property], key: str, wanted: Any, version: str, eol: str) -> list[Property]:
    names = OWNED[key]
    lines = _lines(key, wanted, version, eol)
    if key in ONE_OF:
        return _rewrite_one(card, names[0], lines, key, eol)
    # FN, N, KIND, CATEGORIES: the card's lines give way to netlog's, at the place of the first of them
    at = next((i for i, p in enumerate(card) if p.name in names), len(card))
    rest = [p for p in card if p.name not in names]
    at = min(at, len(rest))
    return rest[:at] + lines + rest[at:]


def _rewrite_one(card: list[Property], name: str, lines: list[Property], key: str, eol: str) -> list[Property]:
    """netlog's one value of a property the card may hold several times."""
    target = pick(card, name)
    if not lines:  # netlog has none: the card has none either, but for values netlog could not have held
        keep = _not_netlogs(key)
        return [p for p in card if p.name != name or keep(p)]
    if target is None:
        return card + lines
    kept_params = tuple(t for t in target.param_texts if not _describes_value(t))
    replacement = _make(name, lines[0].value, kept_params, target.group, eol)
    out = []
    for prop in card:
        if prop is target:
            out.append(replacement)
        elif prop.name == name and _text(prop) == _text(replacement):
            continue  # the same value twice would be a duplicate once the target says it
        else:
            out.append(prop)
    return out


def _not_netlogs(key: str) -> Callable[[Property], bool]:
    if key == "birthday":
        return lambda prop: _text(prop) is not None and normalize_birthday(_text(prop)) is None
    return lambda prop: False


def _describes_value(param_text: str) -> bool:
    """ENCODING=, CHARSET=, VALUE=, LABEL=, GEO= (and 2.1's bare QUOTED-PRINTABLE) described the old value."""
    key = param_text.partition("=")[0].strip().upper()
    return key in cardlines.VALUE_FORMAT_PARAMS or key in ("QUOTED-PRINTABLE", "BASE64")


def _make(name: str, value: str, params: tuple[str, ...] = (), group: str | None = None, eol: str = "\r\n") -> Property:
    raw = cardlines.format_line(name, value, params, group, eol)
    return cardlines.parse(raw)[0]


def _lines(key: str, wanted: Any, version: str, eol: str) -> list[Property]:
    """netlog's lines for one field, in the card's version; none when netlog has no value."""
    e = cardlines.escape
    if key == "kind":  # written only when it changes (patch_card)
        if wanted != "org":  # said outright: a card that names no person would otherwise read as an organisation's
            return [_make("KIND", "individual", eol=eol)]
        return [_make("KIND", "org", eol=eol)] + ([_make("X-ABSHOWAS", "COMPANY", eol=eol)] if version != "4.0" else [])
    if key == "n":
        return [_make("N", ";".join(e(p) for p in wanted), eol=eol)]
    if not wanted:
        return []
    name = OWNED[key][0]
    if key in ("n", "address"):
        value = ";".join(e(p) for p in wanted)
    elif key == "nickname":
        value = ",".join(e(p.strip()) for p in wanted.split(",") if p.strip())
    elif key == "tags":
        return _category_lines(wanted, eol)
    elif key == "birthday":
        value = vcard_birthday(wanted, version)
    else:
        value = e(wanted)
    return [_make(name, value, eol=eol)]


class _Categories(NamedTuple):
    """What a card's CATEGORIES should say: the user's tags, and the address book's own groups it had."""

    tags: tuple[str, ...]
    groups: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.tags or self.groups)


def _category_lines(wanted: _Categories, eol: str) -> list[Property]:
    """One CATEGORIES line with the tags and the card's groups; but when a tag is spelled as a system group,
    the tags go on a line of their own marked as netlog's (TAGS_MARK), so that none of them is read as a group."""
    e = cardlines.escape
    if not any(is_system_group(t) for t in wanted.tags):
        return [_make("CATEGORIES", ",".join(e(t) for t in wanted.tags + wanted.groups), eol=eol)]
    lines = [_make("CATEGORIES", ",".join(e(t) for t in wanted.tags), (f"{TAGS_MARK}={TAGS_MARK_VALUE}",), eol=eol)]
    if wanted.groups:
        lines.append(_make("CATEGORIES", ",".join(e(t) for t in wanted.groups), eol=eol))
    return lines


def vcard_birthday(birthday: str, version: str) -> str:
    """netlog's "YYYY-MM-DD" / "MM-DD" as a BDAY value: vCard 4.0 writes the basic form (19900314, --0314);
    3.0 the extended one (1990-03-14) and, for a birthday without a year, --0314 (RFC 2426 has no yearless
    date; khard, Google and Evolution read this one, where a placeholder year would show a wrong age)."""
    parts = birthday.split("-")
    if len(parts) == 2:
        return f"--{parts[0]}{parts[1]}"
    return "".join(parts) if version == "4.0" else birthday
