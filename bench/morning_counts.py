"""The five mornings of the 300-contact walk (tests/test_morning_walk.py on tests/network300.py), counted: how many
items each morning's `due` listed (and `due --all`), how many of each action and occasion they held, and what the
walk did with its top eight (sent, done, a second item of someone already written to). Issue 24's closing note.

    python bench/morning_counts.py            # from the project's root, with netlog installed

It runs the test's own walk (run_walk) in a temporary folder: the same network, the same acts."""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_morning_walk import run_walk  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        walk = run_walk(Path(folder))
    total: Counter[str] = Counter()
    for morning in walk.mornings:
        actions = Counter(i["action"] for i in morning.items)
        occasions = Counter(i["occasion"] for i in morning.items)
        folded = sum(len(i["also"]) for i in morning.items)
        acts = Counter(a.how for a in morning.acts)
        total.update(actions)
        print(f"{morning.day:%a %d %b}: {len(morning.items)} items ({len(morning.everything)} with --all), {folded} folded in")
        print("  actions:   " + ", ".join(f"{k} {v}" for k, v in actions.most_common()))
        print("  occasions: " + ", ".join(f"{k} {v}" for k, v in occasions.most_common()))
        print("  top eight: " + ", ".join(f"{k} {v}" for k, v in acts.most_common()))
    print(f"five mornings: {sum(len(m.items) for m in walk.mornings)} items; " + ", ".join(f"{k} {v}" for k, v in total.most_common()))
    for day, items in walk.after.items():
        print(f"next week {day:%a %d %b} (nothing acted on): {len(items)} items")


if __name__ == "__main__":
    main()
