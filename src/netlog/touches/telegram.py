"""Telegram Desktop's JSON export (Settings -> Advanced -> "Export Telegram data", "Machine-readable JSON":
result.json with `personal_information`, `contacts.list` and `chats.list`; or "Export chat history" on
one chat: a single chat object) -> a `message` exchange per message and a `call` per phone call in
personal chats.

A message from the user is "out", one from the other person "in"; a call is "both" (kinds.py's default
for calls) whoever rang. A call without a duration, or of 0 s, is skipped as a missed call whatever its
`discard_reason` (missed, busy, hangup): a call touch tells the rules that the two talked, and an
unanswered ring did not do that; the message or call-back that usually follows is what counts. The date
is `date_unixtime` (a string of Unix seconds) put in the user's zone; an export without it falls back on
`date`, the exporting machine's wall-clock time. Texts are never read.

Skipped: groups, supergroups and channels (group chat or channel), bots, saved messages (only me), the
"Deleted Account" placeholder chats (no name or number to match anyone by), service messages other than
calls (joins, pins, screenshots), missed calls, messages without a date or sender (malformed), and those
before `since`. Units are messages: a skipped group chat counts each of its messages.

Parties: the chat's other user, with `source_id` their user id (chat ids of personal chats are user
ids), the chat's name, and the phone number `contacts.list` has for that user id (user_id 0 there means
no Telegram account and matches no one). `source_id` is "<chat id>/<message id>".

Who the user is: `personal_information.user_id` of a full export. A single-chat export has none: there
the `me` given decides (a Telegram user id in `user_ids`, or the name the user's messages are signed
with), else the one sender whose id is not the chat's; with none of these, `UnknownOwner`.

Memory: an export can be hundreds of MB. The file is walked a message at a time (jsonstream: blocks of
text, each message decoded by the standard library's json and cut down to a small tuple at once), so
what stays is a few fields per message, and each chat's go once it is read: a seventh of json.load's peak
on a generated export of a million messages (docs/performance.md)."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

from netlog.errors import BadInput, NotFound, UnknownOwner
from netlog.touches import jsonstream
from netlog.rules.asking import asks_something
from netlog.touches.records import Exchange, Me, Party, Reading, Skip, local_moment, normalize_phone
from netlog.values.budget import OverBudget, item_budget

SOURCE = "telegram"
PERSONAL = "personal_chat"
GROUPS = frozenset(
    "private_group private_supergroup public_supergroup private_channel public_channel group channel".split()
)
DELETED = "Deleted Account"
# Where the messages are: a full export's chats (and the chats the user left), or one chat's own list.
MESSAGE_PATHS = {("chats", "list", "*", "messages"), ("left_chats", "list", "*", "messages"), ("messages",)}


def read_telegram(
    path: str | Path, me: Me | None = None, since: date | None = None, zone: tzinfo | None = None
) -> Reading:
    """Every message and call of the personal chats of a Telegram Desktop export."""
    path = Path(path)
    export = _load(path)
    if isinstance(export.get("chats"), dict):
        chats = _list(export["chats"].get("list"))
    elif "messages" in export and "type" in export:
        chats = [export]
    else:
        raise BadInput(f"{path} is not a Telegram export: it has neither chats.list nor a chat's messages.")
    me = me or Me()
    owner_id = str(_dict(export.get("personal_information")).get("user_id") or "")
    if owner_id:
        me = me | Me.of(user_ids=[owner_id])
    elif not me.user_ids and not me.names:
        me = me | _owner_by_chat(chats)
    if not me.user_ids and not me.names:
        raise UnknownOwner(f"Cannot tell which user is you in {path}; give your name with --me NAME.")
    phones = _phones(export)
    reading = Reading(SOURCE, owner=me)
    for chat in chats:
        if isinstance(chat, dict):
            _read_chat(chat, me, phones, since, zone, reading)
    return reading


def _dict(value: Any) -> dict:
    """An object of the export, or an empty one where the file has another type (a hand-edited export)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    """An array of the export, or an empty one where the file has another type."""
    return value if isinstance(value, list) else []


def _messages(value: Any) -> list[_Message]:
    """A chat's messages as _slim made them; a "messages" that is not an array has none."""
    return [m for m in value if isinstance(m, _Message)] if isinstance(value, list) else []


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise NotFound(f"{path} does not exist.")
    try:
        with open(path, encoding="utf-8-sig") as f:
            export = jsonstream.load(f, MESSAGE_PATHS, _slim)
    except UnicodeDecodeError:
        raise BadInput(f"{path} is not a Telegram export: not UTF-8 text; give the export's result.json.") from None
    except json.JSONDecodeError as error:
        # (no line number: the decoder reads a window of the file, so its count is not the file's)
        raise BadInput(f"{path} is not a Telegram export: not JSON ({error.msg}).") from None
    except RecursionError:
        raise BadInput(f"{path} nests deeper than any Telegram export; is it the right file?") from None
    except IsADirectoryError:
        raise BadInput(f"{path} is a folder; give the export's result.json.") from None
    if not isinstance(export, dict):
        raise BadInput(f"{path} is not a Telegram export: its JSON is not an object.")
    return export


class _Message(NamedTuple):
    """What a message says about a touch; its text, entities and media are dropped on decoding."""

    id: Any
    type: str | None
    moment: datetime | None
    sender_id: str  # "4242001" from "user4242001"; "" when absent
    sender_name: str | None
    action: str | None
    duration: Any
    asks: bool = False  # its text asks something (rules/asking.py); the text itself is not kept


def _slim(message: Any) -> _Message | None:
    """A decoded message cut down to a _Message at once (names and ids interned: they repeat)."""
    if not isinstance(message, dict):
        return None
    sender_id = str(message.get("from_id") or message.get("actor_id") or "").removeprefix("user")
    name = message.get("from") or message.get("actor")
    return _Message(
        message.get("id"),
        message.get("type"),
        _moment(message),
        sys.intern(sender_id),
        sys.intern(name) if isinstance(name, str) else None,
        message.get("action"),
        message.get("duration_seconds"),
        asks_something(_text(message.get("text"))),
    )


def _text(value: Any) -> str:
    """A message's text: a string, or a list of strings and entities ({"type": "link", "text": ...})."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text") or "") if isinstance(part, dict) else "" for part in value)
    return ""


def _owner_by_chat(chats: list) -> Me:
    """In a personal chat the chat id is the other user's id, so the one other sender is the user."""
    senders = {
        m.sender_id
        for chat in chats if isinstance(chat, dict) and chat.get("type") == PERSONAL
        for m in _messages(chat.get("messages")) if m.type == "message" and m.sender_id
    } - {str(chat.get("id")) for chat in chats if isinstance(chat, dict)}  # fmt: skip
    return Me(user_ids=frozenset(senders)) if len(senders) == 1 else Me()


def _phones(export: dict[str, Any]) -> dict[str, str]:
    """user id -> normalised phone number, from contacts.list."""
    found = {}
    for contact in _list(_dict(export.get("contacts")).get("list")):
        number = _dict(contact).get("phone_number")
        user_id, phone = str(_dict(contact).get("user_id") or ""), normalize_phone(number) if isinstance(number, str) else None
        if user_id and user_id != "0" and phone:
            found[user_id] = phone
    return found


def _read_chat(
    chat: dict, me: Me, phones: dict[str, str], since: date | None, zone: tzinfo | None, reading: Reading
) -> None:
    messages = _messages(chat.pop("messages", None))  # popped: each chat's go once read
    kind = chat.get("type") if isinstance(chat.get("type"), str) else None
    name = chat.get("name") if isinstance(chat.get("name"), str) else None
    reason = (
        Skip.GROUP if kind in GROUPS
        else Skip.BOT if kind == "bot_chat"
        else Skip.ONLY_ME if kind == "saved_messages"
        else Skip.DELETED_ACCOUNT if kind == PERSONAL and (name or DELETED) == DELETED
        else None if kind == PERSONAL
        else Skip.GROUP
    )  # fmt: skip
    if reason:
        reading.skipped[reason] += len(messages)
        return
    chat_id = str(chat.get("id") or "")
    other = Party(name, phones=(phones[chat_id],) if chat_id in phones else (), source_id=chat_id or None)
    for message in messages:
        try:
            with item_budget():
                found = _exchange(message, chat_id, other, me, since, zone)
        except OverBudget:
            found = Skip.MALFORMED
        if isinstance(found, Skip):
            reading.skipped[found] += 1
        else:
            reading.add(found)


def _exchange(
    message: _Message, chat_id: str, other: Party, me: Me, since: date | None, zone: tzinfo | None
) -> Skip | Exchange:
    """The exchange one message is, or why it is none."""
    if message.moment is None or not (message.sender_id or message.sender_name) or message.id is None:
        return Skip.MALFORMED
    if message.type == "service":
        if message.action != "phone_call":
            return Skip.SERVICE
        if not message.duration:
            return Skip.MISSED_CALL
        kind, direction = "call", "both"
    elif message.type == "message":
        kind = "message"
        sender = message.sender_id
        mine = sender in me.user_ids if sender and me.user_ids else me.has_name(message.sender_name)
        direction = "out" if mine else "in"
    else:
        return Skip.SERVICE
    at = local_moment(message.moment, zone)
    if since and at.date() < since:
        return Skip.BEFORE_SINCE
    asks = message.asks if kind == "message" else None
    return Exchange(SOURCE, f"{chat_id}/{message.id}", at.date(), kind, direction, (other,), None, None, at, asks)


def _moment(message: dict) -> datetime | None:
    """date_unixtime as an aware moment; else `date`, the exporter's wall clock, as a floating one."""
    raw = message.get("date_unixtime")
    seconds = "" if raw is None else str(raw).strip()
    if seconds.removeprefix("-").isdigit():
        try:
            return datetime.fromtimestamp(int(seconds), timezone.utc)
        except (OverflowError, OSError, ValueError):  # beyond the years a datetime holds, or "²"
            return None
    try:
        return datetime.fromisoformat(str(message.get("date")))
    except ValueError:
        return None
