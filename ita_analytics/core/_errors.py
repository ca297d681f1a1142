"""The library's one exception for input it cannot use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._catalogue import Message

__all__ = ["FrameworkError", "ITAInputError", "ITAValueError"]


class ITAInputError(Exception):
    """A file (or argument) cannot be used at all.

    It carries a :class:`Message` (a code and its values), never a sentence: the command line
    says it in the reader's language, e.g. "iit.csv: ไม่มีไฟล์นี้ (ITA-E003)", on stderr, and
    exits with status 2; ``str(exc)`` is the English sentence. Row-level problems never raise:
    they go to a rejects table.

    Parameters
    ----------
    name
        The message's symbolic name (``catalogue/codes.toml``), or a :class:`Message`.
    path
        The file the message is about, shown before it as given (with its folders: a typo shows).
    **values
        The values that fill the message's text.
    """

    def __init__(self, name: str | Message, /, *, path: str | Path | None = None, **values: Any) -> None:
        self.message = name if isinstance(name, Message) else Message(name, **values)
        self.path = None if path is None else Path(path)
        super().__init__(self.text("en"))

    @property
    def code(self) -> str:
        """The message's short code, e.g. ``"ITA-E003"``."""
        return self.message.code

    def text(self, language: str = "en", *, with_code: bool = False, flags: bool = False) -> str:
        """One sentence in ``language``: the path (if any), then what is wrong.

        ``flags`` names a ``parameter`` as the command line's option (``confidence`` → ``--confidence``).
        """
        where = f"{self.path}: " if self.path is not None else ""
        message = self.message
        named = [k for k in ("parameter", "other_parameter") if k in message.values]
        if flags and named:
            values: dict[str, Any] = dict(message.values)
            values.update({k: "--" + str(message.values[k]).replace("_", "-") for k in named})
            message = Message(message.name, **values)
        return f"{where}{message.text(language, with_code=with_code)}"


class ITAValueError(ITAInputError, ValueError):
    """A parameter's value cannot be used (a :class:`ValueError` too); its message names the ``parameter``."""


class FrameworkError(ITAInputError):
    """A framework or mapping file is malformed; the message names the file and the field."""
