"""vCard 2.1, 3.0 and 4.0 files (one or many cards each) or folders of .vcf files, read with vobject.
A file vobject cannot read is reported by name and skipped; the other files still import."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from netlog.importing import Batch, Incoming, read_text


def read(paths: Sequence[str]) -> Batch:
    """Every card of every file (a folder means its *.vcf files)."""
    batch = Batch()
    for path in _expand(paths):
        _read_file(path, batch)
    return batch


def _expand(paths: Sequence[str]) -> list[str]:
    files = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            files.extend(str(p) for p in sorted(Path(path).glob("*.vcf")))
        else:
            files.append(path)
    return files


def _read_file(path: str, batch: Batch) -> None:
    import vobject

    label = "stdin" if path == "-" else path
    text = read_text(path, "utf-8-sig")
    try:
        cards = list(vobject.readComponents(text, allowQP=True))
    except Exception:  # vobject raises ParseError and assorted others on broken input
        with _SkippedLines() as skipped:
            try:
                cards = list(vobject.readComponents(text, allowQP=True, ignoreUnreadable=True))
            except Exception as error:
                batch.problems.append(f"{label}: not a readable vCard file ({_first_line(error)}); skipped.")
                return
        for line in skipped.lines:
            batch.problems.append(f"{label}: {line}; that line was skipped.")
        batch.bad_lines += len(skipped.lines)
    found = 0
    for card in cards:
        if card.name != "VCARD":
            continue
        found += 1
        batch.records.append(_incoming(card, label))
    if not found:
        batch.problems.append(f"{label}: no vCard in it; skipped.")


def _incoming(card: Any, label: str) -> Incoming:
    return Incoming(
        fields={
            "name": _name(card),
            "email": _value(card, "email"),
            "phone": _value(card, "tel"),
            "company": _org(card),
            "title": _value(card, "title"),
            "url": _value(card, "url"),
            "uid": _own_uid_dropped(_value(card, "uid")),
            "note": _value(card, "note"),
            "birthday": _value(card, "bday"),
        },
        tags=_categories(card),
        source=label,
    )


def _lines(card: Any, key: str) -> list[Any]:
    return card.contents.get(key, [])


def _value(card: Any, key: str) -> str | None:
    """The first (or the TYPE=pref) value of a property, as text."""
    lines = _lines(card, key)
    if not lines:
        return None
    preferred = [line for line in lines if "pref" in [t.lower() for t in line.params.get("TYPE", [])] or "PREF" in line.params]
    value = (preferred or lines)[0].value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    if key == "tel" and text.lower().startswith("tel:"):
        text = text[4:]
    return text or None


def _own_uid_dropped(uid: str | None) -> str | None:
    """netlog's export writes UID:netlog-<id> for contacts that had none; that is not theirs to keep."""
    return None if uid and uid.startswith("netlog-") and uid[7:].isdigit() else uid


def _name(card: Any) -> str | None:
    full = _value(card, "fn")
    if full:
        return full
    for line in _lines(card, "n"):
        n = line.value
        parts = [getattr(n, attr, "") for attr in ("prefix", "given", "additional", "family", "suffix")]
        text = " ".join(" ".join(p) if isinstance(p, list) else p for p in parts if p).strip()
        if text:
            return " ".join(text.split())
    return _value(card, "nickname") or _org(card)


def _org(card: Any) -> str | None:
    lines = _lines(card, "org")
    if not lines:
        return None
    value = lines[0].value
    parts = value if isinstance(value, list) else [value]
    return ", ".join(p for p in parts if p) or None


def _categories(card: Any) -> list[str]:
    tags = []
    for line in _lines(card, "categories"):
        value = line.value if isinstance(line.value, list) else str(line.value).split(",")
        tags.extend(str(v).strip() for v in value if str(v).strip())
    return tags


class _SkippedLines:
    """Collects the lines vobject skips (it logs them) so they are counted and reported, not printed raw."""

    def __enter__(self) -> "_SkippedLines":
        import logging

        self.lines: list[str] = []
        self._logger = logging.getLogger("vobject.base")
        self._handler = logging.Handler()
        self._handler.emit = lambda record: self.lines.append(record.getMessage().split("message: ")[-1])
        # vobject attaches its own stderr handler; swap it out for the duration
        self._saved, self._logger.handlers = self._logger.handlers, [self._handler]
        self._propagate, self._logger.propagate = self._logger.propagate, False
        return self

    def __exit__(self, *exc: Any) -> None:
        self._logger.handlers = self._saved
        self._logger.propagate = self._propagate


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
