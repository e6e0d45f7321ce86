"""docs/architecture.md, the page a newcomer reads first, stays true: its tree names every module of
src/netlog and nothing else, and every module path it mentions exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "netlog"
DOC = ROOT / "docs" / "architecture.md"


def _tree() -> set[str]:
    """The paths the doc's tree block draws (relative to src/netlog), rebuilt from its indentation."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```\nsrc/netlog/\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no tree block starting with src/netlog/"
    paths, folders = set(), []  # folders: (indent, name) of the open folders
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        name = line.split()[0]
        folders = [(i, f) for i, f in folders if i < indent]
        path = "/".join([f for _, f in folders] + [name.rstrip("/")])
        if name.endswith("/"):
            folders.append((indent, name.rstrip("/")))
        paths.add(path)
    return paths


def _modules() -> set[str]:
    """Every module and package folder of src/netlog (generated files included; a package's __init__ is the
    folder itself, except at the top)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if path.name == "__init__.py" and relative.parent != Path("."):
            continue
        found.add(relative.as_posix())
    for path in PACKAGE.rglob("*"):
        if path.is_dir() and path.name != "__pycache__":
            found.add(path.relative_to(PACKAGE).as_posix())
    return found


def test_the_tree_names_every_module_and_nothing_else():
    drawn, real = _tree(), _modules()
    assert not real - drawn, f"in src/netlog, missing from docs/architecture.md: {sorted(real - drawn)}"
    assert not drawn - real, f"in docs/architecture.md, not in src/netlog: {sorted(drawn - real)}"


def test_every_module_path_the_doc_mentions_exists():
    text = DOC.read_text(encoding="utf-8")
    mentioned = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)`", text))
    missing = [m for m in mentioned if not (PACKAGE / m).exists() and not (ROOT / m).exists()]
    assert not missing, f"docs/architecture.md mentions modules that do not exist: {missing}"


def test_every_dotted_name_the_doc_mentions_imports():
    import importlib

    text = DOC.read_text(encoding="utf-8")
    for dotted in sorted(set(re.findall(r"`((?:ui|network|people|rules|storage|values|touches|importers|exporters|vcard)\.[a-z_]+(?:\.[A-Za-z_]+)?)", text))):
        parts = dotted.split(".")
        module = importlib.import_module("netlog." + ".".join(parts[:2]))
        if len(parts) == 3:
            assert hasattr(module, parts[2]), f"docs/architecture.md names netlog.{dotted}, which does not exist"
