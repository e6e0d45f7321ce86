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
