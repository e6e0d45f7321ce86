"""The folded form of a name, by which names are matched: case and accents ignored, spaces collapsed.
Pure, and at the bottom of the layers: names.py matches with it and storage keeps it in an indexed column."""

from __future__ import annotations

import re
import unicodedata


# Letters whose accent is part of the letter, so NFKD leaves them whole ('Søren', 'Łukasz', 'Đorđe'): each
# folds to the letters a person types without it, as 'ß' already folds to 'ss' by casefold.
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h",
                          "ŧ": "t", "ŀ": "l", "ƒ": "f", "ǥ": "g", "ɨ": "i", "ʉ": "u", "ŋ": "n"})  # fmt: skip


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'José' and 'jose' fold alike, and so do 'Søren' and 'soren'."""
    if text.isascii():  # the common case, same answer: ASCII has nothing to decompose or strip
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS).split())


def first_word_key(name: str) -> str:
    """The folded first word of a name ('Ana' of 'Ána Lima'), by which two contacts share a first name."""
    words = name.split(None, 1)
    return fold(words[0]) if words else ""


_WORD = re.compile(r"[^\W_]+")


def words(text: str | None) -> list[str]:
    """The folded words of a text, in order: what search indexes and matches ('Zoë-Ann, Eng.' -> zoe ann eng).
    A word is a run of letters and digits, so every character a search engine treats as syntax is dropped."""
    if not text:
        return []
    return _WORD.findall(fold(text))


# A word written with an apostrophe or a hyphen inside it: O'Neil, O’Brien, D'Angelo, Hewlett-Packard, Zoë-Ann
_JOINED = re.compile(r"[^\W_]+(?:['’\-‐‑][^\W_]+)+")
_MARK = re.compile("['’\\-‐‑]")
_GROUP = re.compile(r"[^\W_]+(?:['’\-‐‑][^\W_]+)*")  # a word, or a word joined up by such marks
_MAX_JOINED = 3  # a name's forms join each such word up or not, every way, for the first three of them


def search_words(text: str | None) -> list[str]:
    """The words a search document keeps of a text: its words, and each word written with an apostrophe or a
    hyphen inside also joined up ("O'Neil" -> o neil oneil), so "oneil", "o'neil" and "neil" all find it. A
    query is read with `words`: "jean-pierre" still finds "Jean Pierre"."""
    if not text:
        return []
    folded = fold(text)
    found = _WORD.findall(folded)
    if _MARK.search(folded) is None:  # most texts: nothing to join, one quick look
        return found
    joined = ["".join(_WORD.findall(m.group())) for m in _JOINED.finditer(folded)]
    return found + [w for w in joined if w not in found]


def _groups(folded: str) -> list[list[str]]:
    """The words of a folded text, those written joined by an apostrophe or a hyphen kept together."""
    if folded.replace(" ", "").isalnum():  # most names: words and spaces only
        return [[word] for word in folded.split()]
    return [_WORD.findall(m.group()) for m in _GROUP.finditer(folded)]


def name_forms(name: str) -> list[str]:
    """The folded forms a name is matched by when typed, read as `find` reads it (the words of `words`, so
    punctuation is ignored; a word written with an apostrophe or a hyphen inside either apart or joined up, as
    `search_words` indexes it): "Ciara O'Neil" -> ["ciara o neil", "ciara oneil"]. The first form is every word
    apart, the one a typed name is compared in. A name of no letters or digits has its fold as its one form."""
    folded = fold(name)
    if folded.replace(" ", "").isalnum():  # most names: words and spaces only, already one space apart
        return [folded]
    groups = _groups(folded)
    if not groups:
        return [folded]
    forms, joined = [""], 0
    for parts in groups:
        ways = [" ".join(parts)]
        if len(parts) > 1 and joined < _MAX_JOINED:
            ways.append("".join(parts))
            joined += 1
        forms = [f"{form} {way}" if form else way for form in forms for way in ways]
    return forms


def name_key(name: str) -> str:
    """The folded name kept beside each name (contact.name_key, indexed): every word of every form of
    `name_forms` once, a joined-up word just before its parts ("Ciara O'Neil" -> "ciara oneil o neil"), so a
    SQL LIKE on a word's start finds whatever a typed name can match, and the name still ends in its last
    word apart (a family name)."""
    folded = fold(name)
    groups = _groups(folded)
    if not groups:
        return folded
    return " ".join(word for parts in groups for word in ([*(["".join(parts)] if len(parts) > 1 else []), *parts]))
