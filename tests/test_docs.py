"""docs/index.md is generated from the real CLI by docs/make_guide.py; it must match the script's output."""

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def load_guide_script():
    spec = importlib.util.spec_from_file_location("make_guide", DOCS / "make_guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_guide_is_current():
    expected = load_guide_script().guide()
    actual = (DOCS / "index.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/index.md is out of date: run python docs/make_guide.py"


def test_guide_walks_the_loop():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    for command in ("$ netlog add", "$ netlog due", "$ netlog thank", "$ netlog log", "$ netlog show", "$ netlog stats", "$ netlog review"):
        assert command in text


def test_the_review_capture_is_a_real_screen():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    capture = text.split("$ netlog review\n", 1)[1].split("```", 1)[0]
    assert "╭─ 1 of 2" in capture and "What now? " in capture and "\x1b" not in capture
    assert capture.rstrip().endswith("Sent 2, snoozed 0, dismissed 0; nothing left for tomorrow.")
