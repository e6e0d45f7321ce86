"""The house checks its own plan: the layers hold (import-linter's contracts in pyproject.toml) and the types
check (mypy as pyproject.toml configures it: strict on the rules and storage, the default elsewhere). Both run
from the repository root as a developer runs them, so `pytest` (what CI runs) fails on an import that runs up
a layer and on a type error. mypy keeps its cache in .mypy_cache: a second run takes a fraction of a second."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_the_layers_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is not installed: pip install -e '.[test]'"
    done = _run(lint)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_types_check():
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def _imported_top_modules() -> dict[str, str]:
    """Every top-level module netlog's own code imports (outside `if TYPE_CHECKING:`), with one file that does."""
    import ast

    found: dict[str, str] = {}
    for path in sorted((ROOT / "src" / "netlog").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(inner) for child in node.body for inner in ast.walk(child))
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def _distribution_closure(roots: list[str]) -> set[str]:
    """The distributions `pip install` brings for these requirement names, transitively, without test extras."""
    import importlib.metadata as metadata
    import re

    def key(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    seen: set[str] = set()
    todo = [key(name) for name in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            if "extra ==" in requirement.replace('"', "'").replace("extra==", "extra =="):
                continue
            match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
            if match:
                todo.append(key(match.group(0)))
    return seen


def test_every_import_is_a_declared_dependency():
    """`pip install .` (README's first command, no test extras) must bring every module netlog imports: a module
    that only a test tool pulls in (Click comes with import-linter; Typer 0.28 vendors its own) passes every test
    and breaks the first run on a fresh machine. The `postgres` extra is the one optional feature."""
    import importlib.metadata as metadata
    import re

    runtime = [re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r).group(0)  # type: ignore[union-attr]
               for r in metadata.requires("netlog") or []
               if "extra ==" not in r or "'postgres'" in r.replace('"', "'")]
    closure = _distribution_closure(runtime)
    providers = metadata.packages_distributions()
    missing = {}
    for module, where in _imported_top_modules().items():
        if module in sys.stdlib_module_names or module in {"netlog", "__future__"}:
            continue
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(module, [])}
        if not dists & closure:
            missing[module] = where
    assert not missing, f"imported but not brought by `pip install .`: {missing}"
