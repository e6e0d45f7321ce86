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


def test_the_python_in_the_docs_runs():
    """docs/drafts.md's 'From Python' imported `from netlog import drafting` (moved to netlog.rules in issue 21)
    and called draft(facts) without the templates it is now handed: a reader's first line failed."""
    import re

    blocks = [b for page in sorted(DOCS.glob("*.md")) for b in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)]
    assert blocks
    for block in blocks:
        exec(compile(block, "docs", "exec"), {})


def test_the_source_files_the_docs_name_exist():
    """docs/drafts.md sent readers to src/netlog/drafting.py and src/netlog/templates/, which moved to rules/."""
    import re

    root = DOCS.parent
    named = {m for page in [*DOCS.glob("*.md"), root / "README.md"] for m in re.findall(r"`(src/netlog/[\w/.]*)`", page.read_text(encoding="utf-8"))}
    assert named and [path for path in sorted(named) if not (root / path).exists()] == []
