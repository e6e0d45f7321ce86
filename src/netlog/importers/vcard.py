"""vCard 2.1, 3.0 and 4.0 files (one or many cards each) or vdir folders (one card a file, as khard and
vdirsyncer keep them). A file that cannot be read is reported by name and skipped; the others still import.

Cards are read by netlog.vcard.cardlines and netlog.vcard.cards, the same code that patches cards on export, so what
an import reads from a card is exactly what a later `export vcard --vdir` compares it with."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from netlog.importers.records import Batch, Incoming, read_text
from netlog.vcard import cardlines, cards, vdir


def read(paths: Sequence[str]) -> Batch:
    """Every card of every file; a folder means its card files (see vdir.card_files)."""
    batch = Batch()
    for path in paths:
        if path != "-" and Path(path).is_dir():
            _read_folder(Path(path), batch)
        else:
            _read_text(path, read_text(path, "utf-8-sig"), batch)
    return batch


def _read_folder(folder: Path, batch: Batch) -> None:
    files = vdir.card_files(folder)
    if not files:
        batch.problems.append(f"{folder}: no vCard files (*.vcf) in this folder; nothing to import.")
    for file in files:
        text, why = vdir.read_card_file(file)
        if text is None:  # one unreadable card is not worth the whole address book
            batch.problems.append(f"{file}: {why}; skipped.")
            continue
        _read_text(str(file), text, batch)


def read_card_text(label: str, text: str, batch: Batch) -> None:
    """The cards of one text (a vdir file a sync read) into the batch, as an import reads them."""
    _read_text(label, text, batch)


def _read_text(path: str, text: str, batch: Batch) -> None:
    label = "stdin" if path == "-" else path
    properties = cardlines.parse(text)
    found = cardlines.split_cards(properties)
    for line in found.unclosed:
        batch.problems.append(f"{label}: not a readable vCard file: the card on line {line} has no END:VCARD; skipped.")
    for card in found.cards:
        batch.records.append(_incoming(card, label, batch))
    if not found.cards and not found.unclosed:
        batch.problems.append(f"{label}: no vCard in it; skipped.")


def _incoming(card: cardlines.Card, label: str, batch: Batch) -> Incoming:
    for prop in card.properties:
        if prop.is_unreadable():
            shown = prop.raw.strip()[:40]
            batch.problems.append(f"{label}: line {prop.line} is not a vCard property ({shown!r}); that line was skipped.")
            batch.bad_lines += 1
    fields, tags, dropped = cards.read_card(card.properties)
    for why in dropped:  # a value netlog cannot hold is a bad line inside a good card: counted, not stored
        batch.problems.append(f"{label}: {fields['name'] or 'a card'}: {why}.")
        batch.bad_lines += 1
    fields["strength_set"] = False  # an address book says nothing of how close you are
    points = cards.read_points(card.properties)
    for kind, listed in points.items():
        fields[kind] = listed[0].value if listed else None
    return Incoming(fields=fields, tags=tags, source=label, points=points)
