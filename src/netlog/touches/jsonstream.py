"""Reading a large JSON document without holding it: the file is read in blocks, and the containers on
chosen paths are walked a member at a time while everything else is decoded whole by the standard
library's decoder (json.JSONDecoder.raw_decode, in C). What a caller keeps of each member is all that
stays in memory.

A path is a tuple of object keys, with "*" for each element of an array: ("chats", "list", "*",
"messages") is every chat's message list in a Telegram export. Members of the arrays at the end of a
path go through `member`; the result is the document as json.load would give it, with those members
replaced by what `member` returned."""

from __future__ import annotations

import json
from typing import Any, Callable, TextIO

BLOCK = 1 << 20
_WHITE = " \t\r\n"
_MARGIN = 64  # a value that ends this close to the end of the text read so far is read again with more
_decode = json.JSONDecoder().raw_decode


class _Text:
    """A window on a text file, read on as values need it."""

    def __init__(self, f: TextIO) -> None:
        self.f = f
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        block = self.f.read(BLOCK)
        if not block:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + block
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after white space, '' at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITE:
                self.pos += 1
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos : self.pos + 1]

    def take(self, expected: str) -> str:
        found = self.peek()
        if found not in expected or not found:
            raise json.JSONDecodeError(f"Expecting {' or '.join(expected)}", self.buf, self.pos)  # json's own wording
        self.pos += 1
        return found

    def value(self, decode: Callable[[str, int], tuple[Any, int]] = _decode) -> Any:
        """The next value, decoded whole."""
        self.peek()
        while True:
            try:
                value, end = decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise
            if len(self.buf) - end < _MARGIN and not self.eof and self.more():
                continue  # a number cut by the block's end ("0" of "0.5") decodes: decode it again with more text
            self.pos = end
            return value


def load(f: TextIO, paths: set[tuple[str, ...]], member: Callable[[Any], Any]) -> Any:
    """The document of `f`, the members of the arrays at `paths` each passed through `member` as soon as
    it is decoded. Raises json.JSONDecodeError for text that is not JSON."""
    text = _Text(f)
    prefixes = {path[:i] for path in paths for i in range(len(path) + 1)}
    found = _walk(text, (), paths, prefixes, member)
    if text.peek():
        raise json.JSONDecodeError("extra data after the document", text.buf, text.pos)
    return found


def _walk(text: _Text, here: tuple[str, ...], paths: set, prefixes: set, member: Callable[[Any], Any]) -> Any:
    if here not in prefixes or text.peek() not in ("{", "["):
        return text.value()  # off the paths, or not a container where one was looked for
    opening = text.take("{[")
    closing = "}" if opening == "{" else "]"
    found: Any = {} if opening == "{" else []
    if text.peek() == closing:
        text.pos += 1
        return found
    while True:
        if opening == "{":
            key = text.value()
            text.take(":")
            found[key] = _walk(text, (*here, str(key)), paths, prefixes, member)
        elif here in paths:
            found.append(member(text.value()))
        else:
            found.append(_walk(text, (*here, "*"), paths, prefixes, member))
        if text.take("," + closing) == closing:
            return found
