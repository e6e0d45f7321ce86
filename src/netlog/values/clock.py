"""The one clock: what day it is (NETLOG_TODAY can fix it, for scripts, tests and "what if") and the time
of day for file names. Nothing else in netlog reads the system clock."""

from __future__ import annotations

import os
from datetime import date, datetime

from netlog.errors import BadInput


def today() -> date:
    """Today, or the day NETLOG_TODAY=YYYY-MM-DD fixes."""
    fixed = os.environ.get("NETLOG_TODAY")
    if not fixed:
        return date.today()
    from netlog.values.dates import in_range, out_of_range

    try:
        day = date.fromisoformat(fixed)
    except ValueError:
        raise BadInput(f'NETLOG_TODAY="{fixed}" is not a date; use YYYY-MM-DD.') from None
    if not in_range(day):  # the rules count back years from today: year 1 has no years before it
        raise out_of_range(f'NETLOG_TODAY="{fixed}"', ".")
    return day


def now() -> datetime:
    """The local date and time, on today's date (so a fixed NETLOG_TODAY also dates backup names)."""
    moment = datetime.now()
    return datetime.combine(today(), moment.time())
