"""Time one touch reader on one source, in a process of its own, and print wall time, peak RSS and counts.

    python bench/touch_sources.py /tmp/touch-bench                       # the seeded sources
    python bench/touch_read.py mail /tmp/touch-bench/mail.mbox
    python bench/touch_read.py calendar /tmp/touch-bench/calendar.ics
    /usr/bin/time -v python bench/touch_read.py mail /tmp/touch-bench/mail.mbox   # the same, seen from outside

The owner is the generator's (sam.rivera@example.org), today 2026-11-23, the zone Europe/Lisbon. The time
includes importing the reader (the email package, icalendar), not starting Python.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import date
from zoneinfo import ZoneInfo

OWNER = "sam.rivera@example.org"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", choices=("mail", "calendar", "linkedin", "telegram", "whatsapp"))
    parser.add_argument("path")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from netlog.touches.records import Me

    me, zone = Me.of(emails=[OWNER], names=["Sam Rivera"]), ZoneInfo("Europe/Lisbon")
    if args.source == "mail":
        from netlog.touches.mail import read_mail

        reading = read_mail(args.path, me, zone=zone)
    elif args.source == "calendar":
        from netlog.touches.calendar import read_calendar

        reading = read_calendar(args.path, args.today, me, zone=zone)
    elif args.source == "linkedin":
        from netlog.touches.linkedin_messages import read_linkedin_messages

        reading = read_linkedin_messages(args.path, zone=zone)
    elif args.source == "telegram":
        from netlog.touches.telegram import read_telegram

        reading = read_telegram(args.path, zone=zone)
    else:
        from netlog.touches.whatsapp import read_whatsapp

        reading = read_whatsapp(args.path)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    skipped = ", ".join(f"{n} {reason}" for reason, n in reading.skipped.most_common())
    print(f"{args.source}: {reading.read} read, {len(reading.exchanges)} exchanges; skipped {skipped or 'none'}")
    print(f"{wall:.2f} s, peak RSS {peak:.0f} MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
