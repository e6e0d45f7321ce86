"""Where draft templates come from: a file of the draft's name in $NETLOG_TEMPLATES, then in the user config
dir (~/.config/netlog/templates/), then the one shipped in netlog/rules/templates/. Finding and reading them
is I/O, so it lives here; rules/drafting.py fills the template it is handed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

from netlog.errors import BadInput
from netlog.rules.drafting import Template

SHIPPED = Path(__file__).resolve().parent.parent / "rules" / "templates"


def template_dirs() -> list[Path]:
    """Where templates are looked for, first match wins: the user's folders, then the package's."""
    from platformdirs import user_config_path

    dirs = []
    if os.environ.get("NETLOG_TEMPLATES"):
        dirs.append(Path(os.environ["NETLOG_TEMPLATES"]).expanduser())
    dirs.append(user_config_path("netlog", appauthor=False) / "templates")
    dirs.append(SHIPPED)
    return dirs


def templates(dirs: Sequence[Path] | None = None) -> Callable[[str], Template | None]:
    """The template of a file name, from the first of `dirs` (default: template_dirs()) that has it."""
    folders = template_dirs() if dirs is None else list(dirs)

    def load(file: str) -> Template | None:
        for folder in folders:
            path = folder / file
            try:
                data = path.read_bytes()
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError as error:
                raise BadInput(f"The template {path} cannot be read: {error.strerror}.") from None
            try:
                return Template(data.decode("utf-8"), str(path))
            except UnicodeDecodeError:
                raise BadInput(f"The template {path} is not UTF-8 text; save it as UTF-8.") from None
        return None

    return load
