"""Seeded sources for the touch-import benchmark (issue 14): a Gmail-Takeout-style mbox and a Google-Calendar-
style .ics, written around a given list of contacts so that a database can hold the same people.

    python bench/touch_sources.py OUT [--contacts 2000] [--messages 50000] [--events 5000] [--seed 14]

writes OUT/contacts.csv (Google Contacts CSV: `netlog import google OUT/contacts.csv`), OUT/mail.mbox and
OUT/calendar.ics (and with --telegram N, a Telegram export OUT/result.json of N messages), and prints what
it wrote. From Python:

    from touch_sources import make_contacts, write_mbox, write_ics
    people = make_contacts(2000, seed=14)          # [(name, email), ...]
    write_mbox("mail.mbox", people, n=50_000, seed=14)
    write_ics("calendar.ics", people, n=5_000, seed=14, today=date(2026, 11, 23))

The mail: about 5 correspondents in 6 are from `contacts`, the rest strangers; a third of the messages are
list or bulk mail (List-Id, Precedence bulk, a noreply@ sender, Auto-Submitted); the rest are sent by or to
the owner, CRLF line ends as Takeout writes them, RFC 2047 names, `>From ` body lines, a few attachments
and a few messages without Message-ID. Same seed and arguments -> the same bytes.
"""

from __future__ import annotations

import argparse
import base64
import csv
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime
from pathlib import Path
from typing import Sequence

OWNER = ("Sam Rivera", "sam.rivera@example.org")
FIRST = (
    "Ana André Anton Anika Anders Bo Carla Chen Dario Dmitri Élodie Emeka Fatima Femi Gita Hana Ivan Jonas"
    " Julia Kenji Lars Leila Marta Mateo Nadia Noor Omar Priya Quinn Rosa Sami Sofia Tariq Ulla Vera Wen"
    " Xavier Yara Zoë"
).split()
LAST = (
    "Lima Silva Okafor Novak Tanaka Berg Costa Haddad Ivanova Jensen Kim Larsen Moreau Nakamura Olsen"
    " Petrov Quispe Rossi Schmidt Torres Ueda Varga Weber Xu Yılmaz Zhang Ó Súilleabháin Ramírez"
).split()
DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "corp.example")
OFFSETS = ("+0000", "+0100", "+0200", "-0500", "-0700", "+0530", "+0900")
WORDS = (
    "data pipeline airflow meetup coffee lisbon roadmap offer review slides draft budget hiring beta launch"
    " lunch thanks intro question update schedule notes report design paper team platform"
).split()
ZONES = ("Europe/Lisbon", "Europe/Paris", "America/New_York", "Asia/Tokyo")
CONFERENCE = ("https://meet.google.com/abc-defg-hij", "https://acme.zoom.us/j/8341234567", "https://meet.jit.si/x")
YEARS = 3


def make_contacts(n: int, seed: int = 14) -> list[tuple[str, str]]:
    """n people with unique names and emails: [(name, email), ...]."""
    rng = random.Random(seed)
    seen: set[str] = set()
    people = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{name} {i}"
        seen.add(name)
        local = "".join(c for c in name.lower().replace(" ", ".") if c.isascii() and (c.isalnum() or c == "."))
        local = local.removesuffix(f".{i}")
        people.append((name, f"{local}.{i}@{rng.choice(DOMAINS)}"))
    return people


def write_contacts_csv(path: str | Path, contacts: Sequence[tuple[str, str]]) -> None:
    """The contacts as a Google Contacts CSV, the file `netlog import google` reads."""
    with open(path, "w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(["First Name", "Last Name", "E-mail 1 - Value"])
        for name, email in contacts:
            first, _, last = name.partition(" ")
            writer.writerow([first, last, email])


def write_mbox(
    path: str | Path,
    contacts: Sequence[tuple[str, str]],
    n: int = 50_000,
    seed: int = 14,
    me: tuple[str, str] = OWNER,
    today: date = date(2026, 11, 23),
) -> dict[str, int]:
    """A Takeout-style mbox of n messages over the YEARS before today; counts of what kind of mail it holds."""
    rng = random.Random(seed)
    strangers = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"stranger{i}@elsewhere.example") for i in range(500)]
    start = datetime.combine(today, datetime.min.time(), timezone.utc) - timedelta(days=365 * YEARS)
    counts = {"personal": 0, "sent": 0, "list": 0, "bulk": 0, "noreply": 0, "auto": 0, "no_message_id": 0}
    with open(path, "wb") as out:
        for i in range(n):
            when = start + timedelta(seconds=int(365 * YEARS * 86400 * i / n) + rng.randrange(3600))
            person = rng.choice(contacts) if rng.random() < 5 / 6 else rng.choice(strangers)
            roll = rng.random()
            extra: list[str] = []
            if roll < 1 / 3:  # list and bulk: a third of all mail
                kind = rng.choice(("list", "list", "bulk", "noreply", "auto"))
                counts[kind] += 1
                sender, to = person, [me]
                if kind == "list":
                    to = [("Group", "group@lists.example.org")]
                    extra = ["List-Id: Group <group.lists.example.org>", "Precedence: list"]
                elif kind == "bulk":
                    sender = ("Weekly News", "news@weekly.example")
                    extra = ["Precedence: bulk", "List-Unsubscribe: <mailto:leave@weekly.example>"]
                elif kind == "noreply":
                    sender = ("Shop", "noreply@shop.example")
                else:
                    extra = ["Auto-Submitted: auto-replied"]
                labels = "Inbox,Category Updates"
            elif roll < 0.66:
                counts["personal"] += 1
                sender, to, labels = person, [me], "Inbox,Opened"
            else:
                counts["sent"] += 1
                sender, to, labels = me, [person] + rng.sample(contacts, rng.choice((0, 0, 0, 1, 2))), "Sent"
            head = [
                *_transport(rng, when),
                f"X-GM-THRID: {1770000000000000000 + i}",
                f"X-Gmail-Labels: {labels}",
                f"Delivered-To: {me[1]}",
            ]
            if rng.random() < 0.99:
                head.append(f"Message-ID: <{seed}.{i}.{rng.getrandbits(40):x}@mail.example>")
            else:
                counts["no_message_id"] += 1
            local = when.astimezone(timezone(timedelta(minutes=_minutes(rng.choice(OFFSETS)))))
            head += [
                f"Date: {format_datetime(local)}",
                f"From: {_address(sender)}",
                f"To: {', '.join(_address(p) for p in to)}",
                f"Subject: {_subject(rng)}",
                *extra,
                "MIME-Version: 1.0",
            ]
            body = _body(rng, head)
            out.write(f"From {1770000000000000000 + i}@xxx {when:%a %b %d %H:%M:%S} +0000 {when:%Y}\n".encode())
            out.write(body)
    return counts


def write_ics(
    path: str | Path,
    contacts: Sequence[tuple[str, str]],
    n: int = 5_000,
    seed: int = 14,
    me: tuple[str, str] = OWNER,
    today: date = date(2026, 11, 23),
) -> dict[str, int]:
    """A Google-Calendar-style export of n VEVENTs over the YEARS before today (and a few weeks after)."""
    rng = random.Random(seed)
    counts = {"events": n, "recurring": 0, "cancelled": 0, "all_day": 0, "video": 0, "crowd": 0}
    lines = [
        "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{me[1]}", "X-WR-TIMEZONE:Europe/Lisbon",
    ]  # fmt: skip
    first = today - timedelta(days=365 * YEARS)
    for i in range(n):
        day = first + timedelta(days=int((365 * YEARS + 30) * i / n))
        hour = rng.randrange(8, 20)
        lines += ["BEGIN:VEVENT"]
        if rng.random() < 0.05:
            counts["all_day"] += 1
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"]
        else:
            zone = rng.choice(ZONES)
            lines += [
                f"DTSTART;TZID={zone}:{day:%Y%m%d}T{hour:02d}0000",
                f"DTEND;TZID={zone}:{day:%Y%m%d}T{hour:02d}3000",
            ]
        lines += ["DTSTAMP:20261123T080000Z", f"UID:bench{seed}-{i}@google.com"]
        crowd = rng.random() < 0.03
        guests = rng.sample(contacts, 25 if crowd else rng.choice((1, 1, 1, 2, 3)))
        counts["crowd"] += crowd
        organizer = me if rng.random() < 0.5 else guests[0]
        lines.append(f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}")
        for name, email in [me, *guests]:
            lines.append(
                f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={name};X-NUM-GUESTS=0:mailto:{email}"
            )
        if rng.random() < 0.02:
            counts["recurring"] += 1
            lines.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(4, 30)}")
        if rng.random() < 0.05:
            counts["cancelled"] += 1
            lines.append("STATUS:CANCELLED")
        else:
            lines.append("STATUS:CONFIRMED")
        if rng.random() < 0.3:
            counts["video"] += 1
            link = rng.choice(CONFERENCE)
            lines += [f"X-GOOGLE-CONFERENCE:{link}", f"DESCRIPTION:Join: {link}", "LOCATION:"]
        else:
            lines.append(f"LOCATION:Café {rng.choice(LAST)}\\, Rua {rng.choice(LAST)}\\, Lisboa")
        lines += [f"SUMMARY:{rng.choice(WORDS).title()} with {guests[0][0]}", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(path, "wb") as out:
        out.write(b"".join(_fold(line) for line in lines))
    return counts


def write_telegram(
    path: str | Path,
    contacts: Sequence[tuple[str, str]],
    n: int = 1_000_000,
    seed: int = 14,
    chats: int = 500,
    today: date = date(2026, 11, 23),
) -> dict[str, int]:
    """A Telegram Desktop full export (result.json) of n messages over `chats` chats, a tenth of them
    groups, with texts of a few dozen words, calls and service lines: a large export for the reader's memory."""
    import json

    rng = random.Random(seed)
    start = datetime.combine(today, datetime.min.time(), timezone.utc) - timedelta(days=365 * YEARS)
    owner_id = 4242001
    people = [(6_000_000 + i, name) for i, (name, _) in enumerate(contacts[:chats])]
    counts = {"messages": 0, "calls": 0, "group": 0}
    with open(path, "w", encoding="utf-8") as out:
        head = {
            "about": "Here is the data you requested.",
            "personal_information": {"user_id": owner_id, "first_name": OWNER[0].split()[0], "last_name": OWNER[0].split()[1], "phone_number": "+351 910 000 000"},
            "contacts": {"about": "", "list": [
                {"user_id": uid, "first_name": name.split()[0], "last_name": " ".join(name.split()[1:]),
                 "phone_number": f"+351 91{rng.randrange(10**7):07d}", "date": "2022-01-01T10:00:00", "date_unixtime": "1641031200"}
                for uid, name in people
            ]},
        }  # fmt: skip
        text = json.dumps(head, ensure_ascii=False, indent=1)
        out.write(text[: text.rindex("}")] + ',\n "chats": {\n  "about": "",\n  "list": [\n')
        per_chat = n // len(people)
        for c, (uid, name) in enumerate(people):
            group = c % 10 == 9
            counts["group"] += per_chat if group else 0
            messages = []
            for i in range(per_chat):
                when = start + timedelta(seconds=int(365 * YEARS * 86400 * i / per_chat) + rng.randrange(3600))
                mine = rng.random() < 0.5
                sender, sender_id = (OWNER[0], owner_id) if mine else (name, uid)
                base = {
                    "id": c * per_chat + i + 1,
                    "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                    "date_unixtime": str(int(when.timestamp())),
                }
                if rng.random() < 0.02:
                    counts["calls"] += 1
                    messages.append(
                        {
                            **base,
                            "type": "service",
                            "actor": sender,
                            "actor_id": f"user{sender_id}",
                            "action": "phone_call",
                            "duration_seconds": rng.randrange(0, 1800),
                            "discard_reason": "hangup",
                            "text": "",
                            "text_entities": [],
                        }
                    )
                    continue
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 40)))
                messages.append({**base, "type": "message", "from": sender, "from_id": f"user{sender_id}", "text": words,
                                 "text_entities": [{"type": "plain", "text": words}]})  # fmt: skip
                counts["messages"] += 1
            chat = {"name": f"{name} group" if group else name, "type": "private_group" if group else "personal_chat",
                    "id": uid + (4_000_000_000 if group else 0), "messages": messages}  # fmt: skip
            out.write(
                ("   " if c == 0 else ",\n   ") + json.dumps(chat, ensure_ascii=False, indent=1).replace("\n", "\n   ")
            )
        out.write("\n  ]\n }\n}\n")
    return counts


def _transport(rng: random.Random, when: datetime) -> list[str]:
    """The Received, authentication and DKIM lines that make up most of a real Gmail header block."""
    stamp = format_datetime(when)
    key = base64.b64encode(rng.randbytes(192)).decode()
    lines = [
        f"Received: by 2002:a05:{rng.getrandbits(16):x}:{rng.getrandbits(16):x} with SMTP id x{i}csp{rng.getrandbits(32)};\r\n"
        f"        {stamp}"
        for i in range(rng.randrange(2, 5))
    ]
    lines += [
        f"ARC-Seal: i=1; a=rsa-sha256; t={int(when.timestamp())}; cv=none; d=google.com; s=arc-20240605;\r\n"
        f"        b={key[:70]}\r\n        {key[70:140]}\r\n        {key[140:]}",
        "ARC-Authentication-Results: i=1; mx.google.com; dkim=pass header.i=@example.com; spf=pass",
        "Return-Path: <bounce@mail.example>",
        "Authentication-Results: mx.google.com; dkim=pass header.i=@example.com; spf=pass smtp.mailfrom=example.com",
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=20230601; t={int(when.timestamp())};\r\n"
        f"        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id:reply-to;\r\n"
        f"        bh={key[:44]};\r\n        b={key[44:120]}\r\n         {key[120:]}",
        f"X-Google-Smtp-Source: {key[:88]}",
    ]
    return lines


def _minutes(offset: str) -> int:
    sign = -1 if offset[0] == "-" else 1
    return sign * (int(offset[1:3]) * 60 + int(offset[3:]))


def _address(person: tuple[str, str]) -> str:
    name, email = person
    if name.isascii():
        return f'"{name}" <{email}>' if "," in name else f"{name} <{email}>"
    return f"{Header(name, 'utf-8').encode()} <{email}>"


def _subject(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 7)))
    return ("Re: " if rng.random() < 0.4 else "") + words.capitalize()


def _body(rng: random.Random, head: list[str]) -> bytes:
    """Headers and a multipart/alternative body (sometimes with an attachment), CRLF, ending in a blank line."""
    boundary = f"b{rng.getrandbits(48):x}"
    text = "\r\n".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(rng.randrange(3, 40)))
    if rng.random() < 0.05:
        text += "\r\n\r\n>From the notes of last week\r\n"
    parts = [
        f'--{boundary}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n{text}\r\n',
        f'--{boundary}\r\nContent-Type: text/html; charset="UTF-8"\r\n\r\n<div>{text.replace(chr(13) + chr(10), "<br>")}</div>\r\n',
    ]
    if rng.random() < 0.03:
        blob = base64.encodebytes(rng.randbytes(rng.randrange(20_000, 60_000))).decode().replace("\n", "\r\n")
        parts.append(
            f"--{boundary}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n{blob}"
        )
    header = "\r\n".join([*head, f'Content-Type: multipart/alternative; boundary="{boundary}"'])
    return f"{header}\r\n\r\n{''.join(parts)}--{boundary}--\r\n\r\n".encode()


def _fold(line: str) -> bytes:
    """One iCalendar content line, folded at 75 octets as RFC 5545 asks (not inside a UTF-8 sequence)."""
    data = line.encode()
    out = []
    while len(data) > 75:
        cut = 75 if not out else 74
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        out.append(data[:cut])
        data = data[cut:]
    out.append(data)
    return b"\r\n ".join(out) + b"\r\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="a folder for contacts.csv, mail.mbox and calendar.ics")
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--telegram", type=int, default=0, help="also write OUT/result.json with this many messages")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    people = make_contacts(args.contacts, args.seed)
    write_contacts_csv(out / "contacts.csv", people)
    mail = write_mbox(out / "mail.mbox", people, args.messages, args.seed, today=args.today)
    events = write_ics(out / "calendar.ics", people, args.events, args.seed, today=args.today)
    if args.telegram:
        chats = write_telegram(out / "result.json", people, args.telegram, args.seed, today=args.today)
        print(f"result.json {chats}", file=sys.stderr)
    mib = (out / "mail.mbox").stat().st_size / 2**20
    print(f"{out}: {args.contacts} contacts; mail.mbox {args.messages} messages ({mib:.0f} MiB) {mail};"
          f" calendar.ics {events}; {time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    main()
