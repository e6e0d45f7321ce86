"""Crash driver: one transaction that inserts ROWS contacts through storage, announcing the halfway
point on stdout and then dawdling, so the test can SIGKILL it mid-transaction.

    python tests/helpers/slow_bulk_write.py DB_PATH ROWS
"""

import sys
import time
from datetime import date

from netlog.storage import records
from netlog.storage.opening import open_store


def main() -> None:
    path, rows = sys.argv[1], int(sys.argv[2])
    db = open_store("sqlite:///" + path)

    def work(session) -> None:
        for n in range(rows):
            records.insert_contact(session, {"name": f"Bulk {n}", "strength": 2, "created_on": date(2026, 11, 23)})
            if n == rows // 2:
                print("halfway", flush=True)
                time.sleep(60)  # the test kills us here, with half the rows written and uncommitted

    db.write(work)
    db.close()
    print("committed", flush=True)


if __name__ == "__main__":
    main()
