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


class MissingInput(NetlogError):
    """A required argument was left out and nobody is at the terminal to ask; a usage error."""

    exit_code = 2
