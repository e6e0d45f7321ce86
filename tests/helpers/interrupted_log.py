"""Ctrl-C driver: the real console entry point runs `netlog log NAME call`, but the INSERT of the touch
stalls inside its transaction (and says so on stdout) so the test can send SIGINT at that moment.

    python tests/helpers/interrupted_log.py NAME
"""

import sys
import time

from netlog.storage import records

_insert_touch = records.insert_touch


def stall_after_touch_insert(session, fields):
    found = _insert_touch(session, fields)
    print("inside the transaction", flush=True)
    time.sleep(60)
    return found


records.insert_touch = stall_after_touch_insert

from netlog.cli import main  # noqa: E402

sys.argv = ["netlog", "log", sys.argv[1], "call", "--note", "half-written?"]
main()
