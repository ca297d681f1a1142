"""The fast path for large CSV exports: pyarrow parses straight from the file, columns dictionary-encoded.

Its plain twin is the exact reader in :mod:`._tables` (read that first); both give the same
:class:`RawTable` for every file (tested, including a differential fuzz). This path steps aside
(returns None) whenever it cannot keep the rows as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core._arrays import text_array
from ..core._errors import ITAInputError
from ..core._types import SourceInfo
from ._digest import hashing as start_hashing
from ._raw import HEAD_BYTES, HEADER_SEARCH_ROWS, RawTable, delimiter_of, split_lines
from ._text import utf8_bytes

__all__ = ["fast_csv", "release_memory"]


def fast_csv(path: Path, head: str, encoding: str, is_header: Callable[[list[str]], bool]) -> RawTable | None:
    """Parse a large CSV with pyarrow, straight from the file, each column dictionary-encoded.

    A column of a million answers holds a handful of distinct texts: it is kept as small integer
    codes and those texts (a pandas Categorical), so memory stays a fraction of the file's size and
    every later check runs once per distinct text. ``head`` is the decoded start of the file (for
    the delimiter and the header). Rows with too few or too many cells are set aside by the parser
    and put back in their places (a second parse, on one thread, numbers them); blank rows are
    counted and dropped, as the exact reader does. Returns None, so that the exact reader runs
    instead, when pyarrow cannot keep the rows as a spreadsheet shows them (a quoted cell near the
    header) or the text is not in the guessed encoding. Both readers give the same results (tested).
    """
    import pyarrow as pa
    from pyarrow import csv as pv

    delimiter = delimiter_of(head)
    lines = split_lines(head)  # as pyarrow will see them, so that skipping position + 1 lines skips the header
    found = _header(lines, delimiter, is_header)
    if found is None:
        return None
    position, header, width = found
    names = [str(k) for k in range(width)]
    types = _parse_types(_sample_rows(lines[position + 1: position + 1 + _SAMPLE_LINES], delimiter), width)
    hashing = start_hashing(path)  # the file's SHA-256, beside the parse (or begun before it)
    set_aside: list[tuple[int | None, str]] = []  # (record number in the file, text) of rows of another width

    def on_invalid(row: Any) -> str:
        set_aside.append((row.number, row.text))
        return "skip"

    def parse(threads: bool) -> Any:
        set_aside.clear()
        return pv.read_csv(
            path,  # pyarrow skips a UTF-8 byte-order mark itself
            read_options=pv.ReadOptions(skip_rows=position + 1, column_names=names, use_threads=threads,
                                        encoding="cp874" if encoding == "tis-620/cp874" else "utf8"),
            # an empty line is a row of empty cells (dropped below, counted as a blank row)
            parse_options=pv.ParseOptions(delimiter=delimiter, newlines_in_values=quoted,
                                          invalid_row_handler=on_invalid, ignore_empty_lines=False),
            # UTF-8 is checked afterwards, once per distinct text of a column, not once per cell
            convert_options=pv.ConvertOptions(column_types=dict(zip(names, types)), strings_can_be_null=False,
                                              quoted_strings_can_be_null=False, check_utf8=False))

    try:
        with path.open("rb") as handle:
            raw = handle.read(HEAD_BYTES)
            start = _rows_start(raw, position + 1)
            # Only the rows below the header can hold a cell that spans lines (the lines above were
            # checked for an odd quote); with no quote there, pyarrow splits rows at line ends,
            # which is much faster than following quotes (a quoted header is common in exports).
            quoted = b'"' in raw[start:] or _has_quote(handle)
        table = parse(threads=True)
        if set_aside:  # only a parse on one thread knows where the rows it set aside were
            del table
            table = parse(threads=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeError):
        return None
    if any(number is None for number, _ in set_aside) or not _valid_utf8(table):
        return None  # not UTF-8 after all: the exact reader decodes the whole file (or says why it cannot)
    columns = [_categorical(table.column(k)) for k in range(width)]
    del table
    release_memory()  # the parser's buffers
    records = _Records(columns, width)
    if set_aside:
        try:
            records.put_back([(number - position - 1, text) for number, text in set_aside if number is not None],
                             delimiter)  # every number is known: a None sent the file to the exact reader above
        except csv.Error:
            return None  # e.g. a stray quote swallowed a megabyte: the exact reader says so in a sentence
    if quoted and _swallowed(records.columns, delimiter, width):  # without a quote below the header no cell spans lines
        return None  # a stray quote swallowed rows: the exact reader names the line where it opens
    try:
        sha = hashing.result()
    except OSError as exc:
        raise ITAInputError("unreadable", path=path, why=str(exc.strerror)) from None
    return _table(records, header, position, SourceInfo(str(path), sha, "csv", encoding, None))


def _header(lines: list[str], delimiter: str, is_header: Callable[[list[str]], bool]) -> tuple[int, list[str], int] | None:
    """Where the header is among the first lines, its names, and its width (empty cells at its end included).

    None when no header is found, or when a quoted cell near it spans lines (the exact reader then
    places the header).
    """
    if any(line.count('"') % 2 or not _closes(line, delimiter) for line in lines[:HEADER_SEARCH_ROWS]):
        return None
    rows = list(csv.reader(lines[:HEADER_SEARCH_ROWS], delimiter=delimiter))
    position = next((k for k, row in enumerate(rows) if any(c.strip() for c in row) and is_header(row)), None)
    if position is None:
        return None
    header = list(rows[position])
    while header and not header[-1].strip():
        header.pop()
    return position, header, len(rows[position])


def _closes(line: str, delimiter: str) -> bool:
    """Whether every quoted cell opened on ``line`` closes on it.

    An even count of quotes is not enough: a quote inside a cell is a character, one at a cell's
    start opens it (and "" inside a quoted cell is a quote).
    """
    quoted, start, k = False, True, 0
    while k < len(line):
        c = line[k]
        if quoted:
            if c == '"' and line[k + 1:k + 2] == '"':
                k += 1
            elif c == '"':
                quoted = False
        elif start and c == '"':
            quoted = True
        start = not quoted and c == delimiter
        k += 1
    return not quoted


def _table(records: _Records, header: list[str], position: int, source: SourceInfo) -> RawTable:
    """The records as a :class:`RawTable`: blank rows dropped and counted, each record numbered."""
    blank = records.blank()
    keep = ~blank
    last = np.flatnonzero(keep).max() if keep.any() else -1
    blank_between = int(blank[: last + 1].sum()) if last >= 0 else 0
    frame = pd.DataFrame({k: col for k, col in enumerate(records.columns[: len(header)])}, copy=False)
    if blank.any():
        frame = frame.loc[keep].reset_index(drop=True)
    numbers = np.arange(1, len(blank) + 1, dtype=np.int64)[keep]
    return RawTable(header, frame, numbers, records.lengths[keep], records.surplus(len(header))[keep],
                    blank_between, position + 1, source)


class _Records:
    """The parsed records of a file, column by column, as :func:`fast_csv` assembles them."""

    def __init__(self, columns: list[Any], width: int) -> None:
        self.columns = columns  # one Categorical or text array per cell position of the header row
        self.lengths = np.full(len(columns[0]) if columns else 0, width, dtype=np.int64)  # cells per record
        self.beyond: dict[int, list[str]] = {}  # record → its cells past the header row's width

    def put_back(self, rows: list[tuple[int, str]], delimiter: str) -> None:
        """Insert records of another width at their places (1-based record numbers after the header)."""
        import pyarrow as pa

        n = len(self.lengths) + len(rows)
        at = np.array([number - 1 for number, _ in rows], dtype=np.int64)
        cells = [next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), []) for _, text in rows]
        source = np.full(n, -1, dtype=np.int64)  # where each record comes from: parsed rows, then these
        source[at] = len(self.lengths) + np.arange(len(rows))
        source[source < 0] = np.arange(len(self.lengths))
        width = len(self.columns)
        for k, column in enumerate(self.columns):
            extra = [row[k] if k < len(row) else "" for row in cells]
            if isinstance(column, pd.Categorical):
                merged: Any = pd.api.types.union_categoricals([column, pd.Categorical(extra)], ignore_order=True)
            else:
                texts = column.__arrow_array__()
                merged = text_array(pa.chunked_array(texts.chunks + [pa.array(extra, texts.type)]))
            self.columns[k] = merged.take(source)
        self.lengths = np.concatenate([self.lengths, [len(row) for row in cells]])[source]
        self.beyond = {int(a): row[width:] for a, row in zip(at, cells) if len(row) > width}

    def blank(self) -> np.ndarray:
        """Records without a non-blank cell (spaces count as blank, as in a spreadsheet)."""
        blank = np.ones(len(self.lengths), dtype=bool)
        for column in self.columns:
            blank &= ~_nonblank(column)
        for r, cells in self.beyond.items():
            blank[r] = blank[r] and not any(c.strip() for c in cells)
        return blank

    def surplus(self, header_width: int) -> np.ndarray:
        """Records with a non-blank cell past the header's last named column."""
        out = np.zeros(len(self.lengths), dtype=bool)
        for column in self.columns[header_width:]:
            out |= _nonblank(column)
        for r, cells in self.beyond.items():
            out[r] |= any(c.strip() for c in cells)
        return out


def _swallowed(columns: list[Any], delimiter: str, width: int) -> bool:
    """Whether a cell holds line breaks and a row's worth of delimiters: a quote that never closed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    least = max(2, width - 1)
    for column in columns:
        if isinstance(column, pd.Categorical):
            texts = [str(c) for c in column.categories if ("\n" in str(c) or "\r" in str(c))]
            if any(t.count(delimiter) >= least for t in texts):
                return True
            continue
        arr = column.__arrow_array__()
        arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
        broken = arr.filter(pc.fill_null(pc.match_substring_regex(arr, "[\r\n]"), False))
        if len(broken) and pc.max(pc.count_substring(broken, delimiter)).as_py() >= least:
            return True
    return False


def _nonblank(column: Any) -> np.ndarray:
    """Where a parsed column holds more than spaces (``str.strip`` leaves something), exactly.

    A Categorical is judged once per distinct text. In a text column (ids, time stamps) only the
    cells that start with a space, a control character or a non-ASCII character can be blank but
    not empty, and only those are looked at one by one.
    """
    import pyarrow as pa


    if isinstance(column, pd.Categorical):
        blank_texts = np.array([not str(c).strip() for c in column.categories] + [True])  # code −1: missing
        return ~blank_texts[column.codes]
    arr = column.__arrow_array__()
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    offsets, data = utf8_bytes(arr)
    nonempty = np.diff(offsets) > 0
    first = data[offsets[:-1][nonempty]] if nonempty.any() else np.zeros(0, dtype=np.uint8)
    out = nonempty.copy()
    maybe = np.flatnonzero(nonempty)[(first <= 0x20) | (first >= 0x7F)]
    if len(maybe):
        texts = arr.take(pa.array(maybe)).to_pylist()
        out[maybe] = [bool(t.strip()) for t in texts]
    return out


def _sample_rows(lines: list[str], delimiter: str) -> list[list[str]]:
    """The data rows in lines from the decoded head of a file (a quoted cell may be cut off at its end)."""
    sample: list[list[str]] = []
    try:
        for row in csv.reader(lines, delimiter=delimiter):
            sample.append(row)
    except csv.Error:  # a quoted cell cut off where the head ends
        pass
    return sample


def _parse_types(sample: list[list[str]], width: int) -> list[object]:
    """How pyarrow should keep each column, judged from the data rows at the top of the file.

    A column whose texts repeat (answers, names) is dictionary-encoded: codes plus its few distinct
    texts. A column whose texts are mostly distinct (ids, time stamps) is kept as plain text:
    building a dictionary of half a million distinct texts costs far more than it saves.
    """
    import pyarrow as pa

    types: list[object] = []
    for k in range(width):
        values = [row[k] for row in sample if len(row) > k]
        many = len(values) >= _MIN_SAMPLE and len(set(values)) > _MANY_DISTINCT * len(values)
        types.append(pa.string() if many else pa.dictionary(pa.int32(), pa.string()))
    return types


def _valid_utf8(table: Any) -> bool:  # a pyarrow Table
    """Whether every text in a table parsed without pyarrow's per-cell UTF-8 check is valid UTF-8.

    A dictionary-encoded column is checked through its dictionaries (each distinct text once).
    """
    import pyarrow as pa

    try:
        for column in table.columns:
            for chunk in column.chunks:
                (chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def release_memory() -> None:
    """Hand memory that the allocators keep after a big step back to the system.

    Arrow's pool keeps what a parse freed (numpy cannot reuse it), and so does the C library's
    ``malloc`` (pages freed by pandas and numpy stay counted in the process's memory until trimmed).
    """
    import sys

    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    if sys.platform == "linux":
        import ctypes

        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to trim
            pass


_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")


def _rows_start(raw: bytes, lines: int) -> int:
    r"""Byte offset in ``raw`` just past its first ``lines`` lines (past its last line end, if it has fewer).

    ``raw`` is a file's first bytes, UTF-8 or cp874, where ``\r`` and ``\n`` are always line ends.
    """
    start = 0
    for match, _ in zip(_LINE_END_BYTES.finditer(raw), range(lines)):
        start = match.end()
    return start


def _has_quote(handle: io.BufferedReader) -> bool:
    """Whether the rest of an open file holds a double quote (read in blocks into one buffer)."""
    block = bytearray(1 << 20)
    while size := handle.readinto(block):
        if block.find(b'"', 0, size) >= 0:
            return True
    return False


def _categorical(column: Any) -> pd.Categorical | pd.api.extensions.ExtensionArray:
    """A dictionary-encoded Arrow column (one dictionary per parsed block) for pandas, without Python strings.

    Few distinct texts (answers, names): a Categorical (codes + texts), the blocks' dictionaries
    unified by Arrow. Many distinct texts within the first blocks (ids, time stamps; names of
    thousands of agencies): the texts themselves, as an Arrow-backed string array (unifying half
    a million distinct ids would cost far more than it saves).
    """
    import pyarrow as pa

    if not pa.types.is_dictionary(column.type):
        return text_array(column)
    seen = distinct = 0
    for chunk in column.chunks:
        seen, distinct = seen + len(chunk), distinct + len(chunk.dictionary)
        if seen >= _SAMPLE_ROWS:
            break
    if not seen:
        return pd.Categorical([], categories=[""])
    if distinct > _MANY_DISTINCT * seen:
        return text_array(column.cast(pa.string()))
    return column.to_pandas().array


#: Rows of a column's first blocks looked at to tell names and answers from ids and time stamps.
_SAMPLE_ROWS = 10_000


#: A column with more distinct texts than this share of its rows is kept as text, not as a Categorical.
_MANY_DISTINCT = 0.5


#: Fewer data rows than this at the top of a file: every column is parsed dictionary-encoded.
_MIN_SAMPLE = 100


#: Lines after the header looked at to choose how each column is parsed.
_SAMPLE_LINES = 2_000

