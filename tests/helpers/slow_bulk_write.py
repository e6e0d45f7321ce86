"""Crash driver: one transaction that inserts ROWS contacts through storage, announcing the halfway
point on stdout and then dawdling, so the test can SIGKILL it mid-transaction.

    python tests/helpers/slow_bulk_write.py DB_PATH ROWS
"""

import sys
import time
from datetime import date

from netlog.storage import open_database


def main() -> None:
    path, rows = sys.argv[1], int(sys.argv[2])
    db = open_database("sqlite:///" + path)

    def work() -> None:
        for n in range(rows):
            db.execute(
                "INSERT INTO contact (name, strength, created_on) VALUES (:name, 2, :on)",
                {"name": f"Bulk {n}", "on": date(2026, 11, 23)},
            )
            if n == rows // 2:
                print("halfway", flush=True)
                time.sleep(60)  # the test kills us here, with half the rows written and uncommitted

    db.write(work)
    db.close()
    print("committed", flush=True)


if __name__ == "__main__":
    main()
