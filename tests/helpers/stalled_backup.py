"""SIGKILL driver for `netlog backup`: the real console entry point, but SQLite's online backup copies one page
a step and stalls after the first (saying "mid-backup" on stdout), so a test can kill it while the copy is
being written. Only the standard library's sqlite3 is patched, not netlog.

    python tests/helpers/stalled_backup.py backup TARGET
"""

import sqlite3
import sys
import time

_connect = sqlite3.connect


class StallingConnection(sqlite3.Connection):
    def backup(self, target, *, pages=-1, progress=None, name="main", sleep=0.25):
        def stall(status, remaining, total):
            print("mid-backup", flush=True)
            time.sleep(60)

        return super().backup(target, pages=1, progress=stall, name=name, sleep=sleep)


def connect(*args, **kwargs):
    kwargs.setdefault("factory", StallingConnection)
    return _connect(*args, **kwargs)


sqlite3.connect = connect

from netlog.cli import main  # noqa: E402

sys.argv = ["netlog", *sys.argv[1:]]
main()
