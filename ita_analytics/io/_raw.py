"""What both CSV readers share: the table they return, and how a file's first bytes are sniffed.

:mod:`._tables` (the exact reader) and :mod:`._fastcsv` (pyarrow, for large files) both return a
:class:`RawTable`; the encoding, delimiter and header are found here the same way for both.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core._catalogue import Message
from ..core._errors import ITAInputError
from ..core._types import SourceInfo

__all__ = ["FAST_PATH_MIN_BYTES", "HEADER_SEARCH_ROWS", "HEAD_BYTES", "RawTable", "decode", "delimiter_of", "is_html",
           "looks_like_csv", "split_lines"]


#: How many rows from the top may stand above the header (titles, notes).
HEADER_SEARCH_ROWS = 15


_DELIMITERS = (",", "\t", ";", "|")


@dataclass(frozen=True, slots=True)
class RawTable:
    """A file's header and data records, all cells as text."""

    header: list[str]  # the header row's cells
    frame: pd.DataFrame  # the data records, columns 0 … width − 1, "" for an empty cell; blank records removed
    rows: np.ndarray  # each record's row number: 1 = the first row after the header
    lengths: np.ndarray  # how many cells each record had (the header has len(header))
    surplus: np.ndarray  # True where a record has non-blank cells beyond the header's width
    blank_rows: int  # wholly blank rows between data rows, skipped (counted, never silent)
    header_row: int  # 1-based position of the header row in the file (titles may stand above)
    source: SourceInfo  # provenance
    row_problems: dict[int, tuple[Message, str]] = field(default_factory=dict)  # row → (reason, check) found in the file

    def __len__(self) -> int:
        return len(self.frame)


def looks_like_csv(head: bytes) -> bool:
    """Not a workbook, an old .xls or JSON (what the first bytes say)."""
    start = head.lstrip()[:1]
    return bool(head.strip()) and not head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) and start not in (b"{", b"[")


def is_html(text: str) -> bool:
    start = text.lstrip()[:512].lower()
    return start.startswith("<") and ("<html" in start or "<table" in start or "<!doctype" in start)


def decode(data: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ITAInputError("unknown_encoding", path=path, encoding=encoding) from None
        except UnicodeDecodeError:
            raise ITAInputError("wrong_encoding", path=path, encoding=encoding) from None
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp874"]
    nul = data.find(b"\x00") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else -1
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ITAInputError("nul_byte", path=path, line=line)
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            if enc == "utf-8":
                _mostly_utf8(data, exc, path)
            continue
        if "\x00" in text:
            break
        return text, ("tis-620/cp874" if enc == "cp874" else enc)
    raise ITAInputError("not_text", path=path)


def _mostly_utf8(data: bytes, error: UnicodeDecodeError, path: Path) -> None:
    """A UTF-8 file with a few stray bytes (text pasted from a TIS-620 file) is not cp874: say where they are."""
    thai = data.count(b"\xe0\xb8") + data.count(b"\xe0\xb9")  # Thai letters written in UTF-8
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if thai >= 20 and bad <= max(5, thai // 1000):
        line = data.count(b"\n", 0, error.start) + 1
        raise ITAInputError("mostly_utf8", path=path, bad=bad, line=line)


def delimiter_of(text: str) -> str:
    """The delimiter that splits the first lines into the most cells (comma on a tie)."""
    sample = [line for line in text[:200_000].splitlines()[:HEADER_SEARCH_ROWS + 5] if line.strip()]

    def width(delim: str) -> int:
        counts = [len(r) for r in csv.reader(sample, delimiter=delim)]
        return max(counts, default=1)

    return max(_DELIMITERS, key=lambda d: (width(d), d == ","))


#: Below this size the exact pure-Python reader is fast enough; above it, pyarrow's parser is tried first.
FAST_PATH_MIN_BYTES = 2_000_000


#: How much of a file is decoded up front to find its encoding, delimiter and header.
HEAD_BYTES = 1_000_000


#: Where pyarrow and the csv module end a line (``str.splitlines`` also ends one at a form feed, a
#: record separator, U+2028 …, which a spreadsheet keeps inside its cell).
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text`` split into lines where pyarrow and the csv module split it (no empty last line)."""
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and not lines[-1] else lines

