"""The seam every read goes through: a Reader runs the statements of storage/statements.py by name. There are
two: FastReader (storage/fast.py: the compiled SQL through the standard library's sqlite3, on a SQLite file)
and SessionReader (storage/store.py: a SQLModel Session, on PostgreSQL and inside every write). The domain
takes a Reader and never knows which. Light on purpose: the fast paths import it."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Mapping, Protocol, Sequence


class Reader(Protocol):
    """Runs named statements; each row is a tuple in the order of `reads.columns(name)`."""

    dialect: str  # "sqlite" or "postgresql"

    def rows(self, name: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        """Every row of the statement `name`, given its parameters."""
        ...

    def rows_each(self, name: str, params: Sequence[Mapping[str, object]]) -> list[list[tuple[Any, ...]]]:
        """The rows of the statement `name` for each of these parameters, in their order: one read each, sent
        together where the database is a server away (one round trip, not one a read)."""
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Several reads that see one state of the database."""
        ...

    def close(self) -> None:
        """Let go of the connection or session."""
        ...
