"""The library's one exception for input it cannot use."""

from __future__ import annotations

from pathlib import Path

__all__ = ["FrameworkError", "ITAInputError"]


class ITAInputError(Exception):
    """A file (or argument) cannot be used at all.

    The message is one plain sentence that names the file and what is wrong with it; the
    command line prints it on stderr and exits with status 2. Row-level problems never raise:
    they go to a rejects table.
    """

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = None if path is None else Path(path)
        self.reason = message.rstrip(".")
        where = f"{self.path}: " if self.path is not None else ""  # as given, with its folders (a typo shows)
        super().__init__(f"{where}{self.reason}.")


class FrameworkError(ITAInputError):
    """A framework or mapping file is malformed; the message names the file and the field."""
