"""Who is using netlog: the name touches are logged by (NETLOG_USER, else the login), and the person whose
network it is (`netlog me`: a full name that signs the drafts, the email addresses and LinkedIn profile
that tell the user's own messages from others' in imported mail and chats), kept as settings."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from netlog.rules.workdays import WEEKEND, format_days_off

if TYPE_CHECKING:
    from sqlmodel import Session

    from netlog.storage.reader import Reader
    from netlog.storage.store import Store

NAME_KEY, EMAILS_KEY, LINKEDIN_KEY, FAMILY_TAG_KEY = "me.name", "me.emails", "me.linkedin", "me.family_tag"
DAYS_OFF_KEY = "me.days_off"


class Me(NamedTuple):
    """The user, as `netlog me` recorded them."""

    name: str | None = None
    emails: tuple[str, ...] = ()
    linkedin: str | None = None
    region: str | None = None  # the region national phone numbers are read in (`--region`), when set
    family_tag: str | None = None  # the tag that marks family (`--family-tag`): no professional tie, never a pick
    days_off: frozenset[int] = WEEKEND  # the days the windows of what perishes skip (`--days-off`; rules/workdays.py)

    @property
    def family_key(self) -> str:
        """The family name (the last word of `name`) as a contact's stored key ends in it (values.folding.name_key:
        "O'Neil" -> "oneil o neil") that, shared, marks a contact as family; '' with no name."""
        from netlog.values.folding import name_key

        words = (self.name or "").split()
        return name_key(words[-1]) if len(words) > 1 else ""


def current_user() -> str:
    """Who is logging: NETLOG_USER, else the login name; stored with each touch, so checked as any value is."""
    from netlog.values import validation

    user = validation.value("logged_by", os.environ.get("NETLOG_USER"), "NETLOG_USER: ")
    if user:
        return user
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError):
        return "me"


def recorded(reader: Reader) -> Me:
    """What `netlog me` stored."""
    from netlog.storage import reads

    from netlog.values.points import REGION_KEY

    from netlog.rules.workdays import parse_days_off

    emails = reads.meta(reader, EMAILS_KEY)
    days_off = reads.meta(reader, DAYS_OFF_KEY)
    return Me(
        reads.meta(reader, NAME_KEY), _addresses(emails) if emails else (), reads.meta(reader, LINKEDIN_KEY),
        reads.meta(reader, REGION_KEY), reads.meta(reader, FAMILY_TAG_KEY),
        WEEKEND if days_off is None else parse_days_off(days_off),
    )  # fmt: skip


def _addresses(stored: str) -> tuple[str, ...]:
    """The user's addresses as `me --email` stored them (a JSON list). json is imported only here: `due` reads
    the settings on every run, and importing json cost it 5 M instructions when no address is set."""
    import json

    return tuple(json.loads(stored))


def signature(reader: Reader) -> str | None:
    """The name drafts are signed with: `netlog me --name`, else the account's full name (the GECOS field),
    else none (the draft ends at "Best,")."""
    return recorded(reader).name or account_name()


def account_name() -> str | None:
    """The full name of the account netlog runs as, when the system knows one."""
    try:
        import pwd

        account = pwd.getpwuid(os.getuid())
        full = account.pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, OSError):
        return None
    if full.casefold() == account.pw_name.casefold():
        return None  # Debian's "root,,," or an adduser that repeated the login: a login name, never a signature
    return full or None


def record(
    store: Store, name: str | None, emails: tuple[str, ...], linkedin: str | None, region: str | None = None,
    family_tag: str | None = None,
    days_off: str | None = None,
) -> Me:
    """Store what was given (a name, addresses added to those known, a profile URL, the region national phone
    numbers are read in, the tag that marks family, the days off), in one transaction."""
    from netlog.errors import BadInput
    from netlog.storage import records
    from netlog.values import validation
    from netlog.values.encoding import line
    from netlog.values.points import looks_like_address, looks_like_linkedin_profile

    current = recorded(store.reader)
    if name is not None:
        if not (validation.clean_text(name) or "").strip():  # the door's own words are about a contact
            raise BadInput('--name needs your name, which signs your drafts: netlog me --name "Sam Rivera".')
        name = validation.value("name", name)
    cleaned = []
    for address in emails:
        text = (validation.clean_text(address) or "").lower()
        if not looks_like_address(text):
            raise BadInput(f'"{address}" is not an email address.')
        cleaned.append(text)
    if linkedin is not None:
        linkedin = validation.value("url", linkedin)
        if linkedin and not looks_like_linkedin_profile(linkedin):  # it would never match a messages.csv
            raise BadInput(f'"{linkedin}" is not a LinkedIn profile URL (https://www.linkedin.com/in/NAME).')
    if region is not None:
        region = region_of(region)
    if family_tag is not None:
        found = validation.tags([family_tag])
        if not found:
            raise BadInput("--family-tag needs a tag: the one you give family, as in --family-tag family.")
        family_tag = found[0]
    off = current.days_off
    if days_off is not None:
        from netlog.rules.workdays import parse_days_off

        try:
            off = parse_days_off(days_off)
        except ValueError as error:
            raise BadInput(
                f'--days-off: "{error}" is neither a day of the week nor a date (YYYY-MM-DD). Give days as in'
                " --days-off sat,sun,2026-12-25 (or none)."
            ) from None
    updated = Me(
        name if name is not None else current.name,
        tuple(dict.fromkeys([*current.emails, *cleaned])),
        linkedin if linkedin is not None else current.linkedin,
        region if region is not None else current.region,
        family_tag if family_tag is not None else current.family_tag,
        off,
    )

    def work(session: Session) -> None:
        if updated.name is not None:
            records.set_meta(session, NAME_KEY, updated.name)
        records.set_meta(session, EMAILS_KEY, line(list(updated.emails)))
        if updated.linkedin is not None:
            records.set_meta(session, LINKEDIN_KEY, updated.linkedin)
        if region is not None:
            records.set_region(session, region)
        if family_tag is not None:
            records.set_meta(session, FAMILY_TAG_KEY, family_tag)
        if days_off is not None:
            records.set_meta(session, DAYS_OFF_KEY, format_days_off(off))

    store.write(work)
    return updated


def region_of(typed: str) -> str:
    """A typed region ("pt", " US ") as the code phonenumbers knows ("PT"); one line when it knows none."""
    from netlog.errors import BadInput
    from netlog.values.points import region_code

    try:
        return region_code(typed)
    except ValueError:
        raise BadInput(
            f'"{typed.strip()}" is not a region: give the two letters of a country (ISO 3166), as in --region PT or --region US.'
        ) from None

