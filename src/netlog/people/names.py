"""Resolving a typed name to one contact, the same way everywhere: exact, folded (case, accents and
punctuation ignored, an apostrophe or a hyphen inside a word either way: values.folding.name_forms, as `find`
reads names), first name, unique prefix, then close matches. `resolve` is pure (it takes the (id, name) pairs
to choose from); `resolve_contact` narrows those pairs in the database first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from netlog.errors import Ambiguous, NotFound
from netlog.values.folding import name_forms

if TYPE_CHECKING:
    from netlog.storage.reader import Reader

MAX_CANDIDATES = 6


def resolve(typed: str, contacts: Sequence[tuple[int, str]]) -> int:
    """The id of the one contact `typed` names, or NotFound / Ambiguous listing the candidates."""
    typed_clean = " ".join(typed.split())
    if not typed_clean:
        raise NotFound("A contact name cannot be empty.")
    exact = [cid for cid, name in contacts if name == typed_clean]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise Ambiguous(_ambiguous(typed, [(c, n) for c, n in contacts if c in exact]))
    key = name_forms(typed_clean)[0]
    later = f" {key}"
    folded = [(cid, name, form) for cid, name in contacts for form in name_forms(name)]  # most names: one form
    for found in (
        [(c, n) for c, n, f in folded if f == key],
        [(c, n) for c, n, f in folded if f.split(" ", 1)[0] == key],
        [(c, n) for c, n, f in folded if f.startswith(key)],
        [(c, n) for c, n, f in folded if later in f],  # from a later word on
    ):
        matches = list(dict.fromkeys(found))  # a name matched by two of its forms is one candidate
        if len(matches) == 1:
            return matches[0][0]
        if matches:
            raise Ambiguous(_ambiguous(typed, matches))
    import difflib  # only when no name matches exactly

    names = {f: n for _, n, f in folded}
    close = dict.fromkeys(names[f] for f in difflib.get_close_matches(key, names, n=MAX_CANDIDATES, cutoff=0.75))
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise NotFound(f'No contact named "{typed}".{hint}')


def _ambiguous(typed: str, matches: Sequence[tuple[int, str]]) -> str:
    """The candidates, and how to name one: more of the name, or, where names are the same, the number."""
    names = [name for _, name in matches]
    shown = [name if names.count(name) == 1 else f"{name} (#{cid})" for cid, name in matches]
    more = f" and {len(shown) - MAX_CANDIDATES} more" if len(shown) > MAX_CANDIDATES else ""
    numbers = [f'"#{cid}"' for cid, name in matches[:MAX_CANDIDATES] if names.count(name) > 1]
    if len(set(names)) == 1:
        how = f"Give the number: {', '.join(numbers[:-1])} or {numbers[-1]}."
    elif numbers:
        how = f"Be more specific, or give the number ({numbers[0]})."
    else:
        how = "Be more specific."
    return f'"{typed}" matches {len(matches)} contacts: {", ".join(shown[:MAX_CANDIDATES])}{more}. {how}'


def by_number(typed: str) -> int | None:
    """'#12' names contact 12 directly (how two people with one name are told apart)."""
    if typed.startswith("#") and typed[1:].isdecimal():  # isdigit() also takes "²", which int() refuses
        return int(typed[1:])
    return None


def as_shown(typed: str) -> tuple[str, int] | None:
    """'Ana Lima (#1)', as netlog shows a name that two contacts share -> ('Ana Lima', 1); else None."""
    name, sep, rest = typed.rstrip().rpartition(" (#")
    if sep and name.strip() and rest.endswith(")") and rest[:-1].isdecimal():
        return name.strip(), int(rest[:-1])
    return None


def resolve_contact(reader: Reader, typed: str) -> int:
    """The id of the one contact a typed name means ('#12' picks by number, as does 'Ana Lima (#12)', the way
    netlog shows a name two contacts share), read through `reader`."""
    from netlog.storage import reads
    from netlog.values.validation import MAX_ID, MAX_NAME, clean_text

    if not typed.isprintable():  # as names are stored: no control characters, no undecodable bytes
        typed = clean_text(typed) or ""
    if len(typed) > MAX_NAME:  # no contact has a longer name, and SQLite refuses LIKE patterns this long
        raise NotFound(f'No contact named "{typed[:40]}..." ({len(typed):,} characters; names are at most {MAX_NAME}).')
    number = by_number(typed)
    if number is not None:
        if number > MAX_ID or reads.contact(reader, number) is None:  # ids stop at MAX_ID: no larger one exists
            raise NotFound(f"No contact #{number}.")
        return number
    exact = reads.ids_named(reader, " ".join(typed.split()))
    if len(exact) == 1:  # what resolve would answer first, without reading every name
        return exact[0]
    shown = as_shown(typed)
    if shown is not None:  # copied from `due`, `list` or an error: the number says which, the name must agree
        name, number = shown
        row = reads.contact(reader, number) if number <= MAX_ID else None
        if row is None:
            raise NotFound(f"No contact #{number}.")
        if not set(name_forms(name)) & set(name_forms(row["name"])):  # as names are matched when typed
            raise NotFound(f'Contact #{number} is {row["name"]}, not "{name}".')
        return number
    # Whatever resolve could match (the exact name, a folded form, a prefix, a later word) has a word of its
    # stored key (values.folding.name_key: every word of every form) that starts with the first word of the
    # folded typed name: SQL narrows to those, for the same answer. Only when none of them matches is every
    # name read, for the "Did you mean" of the error.
    try:
        return resolve(typed, reads.names_with_word_starting(reader, typed))
    except NotFound:
        return resolve(typed, reads.contact_names(reader))


def contact_row(reader: Reader, contact_id: int) -> dict[str, Any]:
    """The row of a contact that must exist (one a typed name was resolved to), or NotFound."""
    from netlog.storage import reads

    row = reads.contact(reader, contact_id)
    if row is None:
        raise NotFound(f"No contact #{contact_id}.")
    return row


def name_of(reader: Reader, contact_id: int) -> str:
    """A contact's name (for a confirmation)."""
    return str(contact_row(reader, contact_id)["name"])
