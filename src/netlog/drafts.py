"""Thank-you drafts built from what actually happened, through Jinja2 templates that a user can override:
a file of the same name in $NETLOG_TEMPLATES, or in the user config dir (~/.config/netlog/templates/),
wins over the one shipped in the package."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from netlog import kinds, rules
from netlog.dates import format_day
from netlog.errors import BadInput
from netlog.storage import reads
from netlog.ties import tie_of, touch_from_row

THANK_TEMPLATE = "thank.txt.j2"


def template_dirs() -> list[Path]:
    """Where templates are looked for, first match wins: the user's folders, then the package's."""
    from platformdirs import user_config_path

    dirs = []
    if os.environ.get("NETLOG_TEMPLATES"):
        dirs.append(Path(os.environ["NETLOG_TEMPLATES"]).expanduser())
    dirs.append(user_config_path("netlog", appauthor=False) / "templates")
    dirs.append(Path(__file__).parent / "templates")
    return dirs


def render_template(name: str, context: dict[str, Any]) -> str:
    """Fill one template; a broken user template is a clear error, not a traceback."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs()]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as error:
        raise BadInput(f"The template {name} cannot be used: {error}.") from None


def thank_you(reader: Any, today: date, contact_id: int) -> str:
    """A thank-you note for the most recent touch that wants thanks (or the latest touch)."""
    tie = tie_of(reader, contact_id)
    touches = reads.touches_of(reader, contact_id)
    if not touches:
        raise BadInput(f"Nothing to thank {tie.name} for yet: no touches logged.")
    worthy = [t for t in touches if rules.wants_thanks(touch_from_row(t), tie.strength)]
    touch = next((t for t in worthy if t["id"] == tie.history.thank_touch_id), None) or (worthy or touches)[0]
    contact = reads.contact(reader, contact_id)
    introducer = reads.contact(reader, contact["introduced_by_id"]) if contact["introduced_by_id"] else None
    topics = [t.strip() for t in (touch["topics"] or "").split(",") if t.strip()]
    context = {
        "name": tie.name,
        "first_name": tie.first_name,
        "kind": touch["kind"],
        "what": kinds.KIND_PHRASES[touch["kind"]],
        "day": format_day(touch["happened_on"], today),
        "weekday": f"{touch['happened_on']:%A}",
        "days_ago": (today - touch["happened_on"]).days,
        "place": touch["place"],
        "topics": topics,
        "note": touch["note"],
        "introduced_to": touch["other_name"],
        "introduced_by": introducer["name"] if introducer else None,
        "company": contact["company"],
        "moment": contact["moment"],
        "news": next((t["note"] for t in touches if t["kind"] == "congrats" and t["note"]), None),
        "sender": os.environ.get("NETLOG_USER", ""),
    }
    return render_template(THANK_TEMPLATE, context)
