"""Sending a draft, the one way `netlog draft`, `netlog thank` and review's keys do it: edit it (with its
Subject: line first when it goes by mail), show it or hand it to the mail app as a mailto: link (the link
is printed when nothing here opens links), and log it as sent (network.drafts.record_sent: the touch and
the dismissal in one transaction). Where the words go is a Channel: the CLI's stderr and stdout, or the
lines under review's screen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Optional, Protocol

from netlog.errors import BadInput
from netlog.rules.drafting import Draft, split_subject

if TYPE_CHECKING:
    from netlog.storage.store import Store


class Channel(Protocol):
    """What sending needs of the screen it runs on."""

    def say(self, text: str) -> None:
        """A message for the person (stderr in the CLI, a line under review's screen)."""

    def show_text(self, text: str) -> None:
        """Text to copy, as it is (a draft, a link)."""

    def edit(self, text: str) -> Optional[str]:
        """The text after the user's editor; None when nothing usable came back."""

    def open_link(self, url: str) -> bool:
        """Open a link in the user's default app; False when nothing could."""


class Console:
    """The CLI's channel: messages to stderr, the draft or link to stdout, $VISUAL/$EDITOR for editing."""

    def say(self, text: str) -> None:
        from netlog.ui.render import message

        message(text)

    def show_text(self, text: str) -> None:
        from netlog.ui.render import text as show

        show(text)

    def edit(self, text: str) -> Optional[str]:
        from netlog.ui.editor import edit_text

        return edit_text(text)  # None when unchanged or emptied

    def open_link(self, url: str) -> bool:
        from netlog.ui.desktop import open_link

        return open_link(url)


def no_address(name: str, hint: str = "") -> str:
    """What to say when a draft should go by mail to someone with no email address."""
    return f'{name} has no email address: netlog edit "{name}" --email ADDRESS{hint}.'


def edited(channel: Channel, made: Draft, by_mail: bool) -> Optional[tuple[str, str]]:
    """The draft after the user's editor, as (subject, body). Going by mail, the editor shows the subject too,
    as a first `Subject:` line, and reads it back. None when the editor left nothing to send."""
    text = channel.edit(f"Subject: {made.subject}\n\n{made.text}" if by_mail else made.text)
    if text is None:
        return None
    subject, body = split_subject(text) if by_mail else ("", text)
    if not body.strip():
        return None
    return subject or made.subject, body


def open_in_mail(channel: Channel, address: str, subject: str, body: str) -> None:
    """Hand the draft to the mail app; print the link when nothing here opens links."""
    from netlog.ui.mailto import mailto_link

    link = mailto_link(address, subject, body)
    if channel.open_link(link):
        channel.say(f'Opened in your mail app: to {address}, "{subject}".')
        return
    channel.say("Nothing here opens links (no xdg-open); open this one in your mail app:")
    channel.show_text(link)


def send(channel: Channel, store: Store, today: date, contact_id: int, made: Draft, edit: bool, mailto: bool, sent: bool) -> None:
    """`netlog draft` and `netlog thank`: the draft (after the editor, with `edit`) shown, or opened in the
    mail app (`mailto`), and with `sent` logged as sent."""
    from netlog.network import drafts

    name, address = drafts.recipient(store.reader, contact_id)
    if mailto and not address:
        raise BadInput(no_address(name, " (or leave out --mailto)"))
    if sent:
        drafts.check_sendable(store.reader, contact_id, made)  # refused before the editor or mail app opens
    subject, body = made.subject, made.text
    if edit:
        changed = edited(channel, made, by_mail=mailto)
        if changed is None:
            raise BadInput("Unchanged or empty draft: nothing sent, nothing logged.")
        subject, body = changed
    if made.notice:  # after what may refuse (a missing address or editor): a refusal is one line
        channel.say(made.notice)
    if mailto and address:
        open_in_mail(channel, address, subject, body)
    else:
        channel.show_text(body)
    if sent:
        channel.say(drafts.record_sent(store, today, contact_id, made))
