"""Write a synthetic LinkedIn Connections.csv with N rows (default 10,000) to stdout or a file.

Usage: python bench/linkedin_rows.py 10000 > /tmp/connections-10k.csv"""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta

FIRST = ["Ana", "Ben", "Chen", "Dara", "Élodie", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal", "Lea"]
LAST = ["Lima", "Okafor", "Wei", "Ó Súilleabháin", "Martin-Dubois", "", "Berg", "Ito", "Novak", "Smith"]
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'


def write(rows: int, out) -> None:
    """Rows with unique URLs; names repeat, as they do in real networks."""
    out.write(PREAMBLE)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    start = date(2026, 11, 20)
    for i in range(rows):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        on = start - timedelta(days=i % 3000)
        writer.writerow([
            first, f"{last} {i}".strip(), f"https://www.linkedin.com/in/person-{i}",
            f"person{i}@example.com" if i % 3 else "", f"Company {i % 500}, Inc.", "Engineer \"Platform\"",
            on.strftime("%d %b %Y"),
        ])  # fmt: skip


if __name__ == "__main__":
    write(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.stdout)
