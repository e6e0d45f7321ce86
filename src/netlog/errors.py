"""The user-facing error family: each error is one line and an exit code, printed at one boundary."""


class NetlogError(Exception):
    """An error the user can fix; its message is the one line they see."""

    exit_code = 1


class NotFound(NetlogError):
    """A name, file or record that does not exist."""


class Ambiguous(NetlogError):
    """A name that matches more than one contact."""


class BadInput(NetlogError):
    """A value that cannot be read: a date, a kind, a level, a file."""


class DatabaseError(NetlogError):
    """The database cannot be used: busy, foreign, corrupt or too new."""


class OtherDatabase(DatabaseError):
    """`backup FILE` would replace a database that is not a copy of this one (`--force` allows it)."""


class MissingInput(NetlogError):
    """A required argument was left out and nobody is at the terminal to ask; a usage error."""

    exit_code = 2


class UnknownOwner(NetlogError):
    """An import needs to know which of the people in a file is the user, and cannot tell."""


def one_line(text: str) -> str:
    """A message made safe to print as one line: control characters (newlines, escapes, bidi overrides a
    typed value may carry) shown escaped, so nothing a user typed can split or repaint the line."""
    import unicodedata

    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in text
    )
