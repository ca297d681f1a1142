"""Reading a file into rows of text: CSV in any of the encodings Thai offices produce, or .xlsx.

This is the exact, pure-Python reader, and :func:`read_table` chooses between it and the fast
path for large CSV files (:mod:`._fastcsv`, pyarrow); both give the same :class:`RawTable`.
Nothing here knows what the columns mean; :mod:`._ingest` does. A file that cannot be read as a
table raises :class:`ITAInputError` with one plain sentence.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ..core._catalogue import Message
from ..core._errors import ITAInputError
from ..core._types import SourceInfo
from ._fastcsv import fast_csv
from ._raw import (
    FAST_PATH_MIN_BYTES,
    HEAD_BYTES,
    HEADER_SEARCH_ROWS,
    RawTable,
    decode,
    delimiter_of,
    is_html,
    looks_like_csv,
)
from ._xlsx import DEFAULT_MAX_XLSX_MB, SheetFacts, check_workbook, is_encrypted, sheet_facts

__all__ = ["RawTable", "read_table"]


def read_table(
    path: str | Path,
    *,
    is_header: Callable[[list[str]], bool],
    encoding: str | None = None,
    sheet: str | None = None,
    max_xlsx_mb: float = DEFAULT_MAX_XLSX_MB,
) -> RawTable:
    """Read a CSV or .xlsx file into text records.

    Parameters
    ----------
    path : str or Path
        The file. Its format is told by its first bytes, not its name.
    is_header : callable
        Says whether a row is the header; rows above the first one that is are titles.
    encoding : str, optional
        The text encoding of a CSV file; detected when not given (UTF-8, UTF-8 with BOM,
        UTF-16 with BOM, then TIS-620/cp874).
    sheet : str, optional
        The sheet of an Excel file (default: the first).
    max_xlsx_mb : float
        Largest size an .xlsx file may unpack to (checked from its directory before it is read).
    """
    path = Path(path)
    fast = _try_fast(path, is_header, encoding)
    if fast is not None:
        return fast
    data = _read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    if not data[:65536].strip() and not data.strip():
        raise ITAInputError("empty_file", path=path)
    if data.startswith(b"PK\x03\x04"):
        rows, sheet_name, names, facts = _xlsx_rows(data, path, sheet, max_xlsx_mb)
        source = SourceInfo(str(path), sha, "xlsx", None, sheet_name)
        return _split_header(rows, path, is_header, source, sheets=names, facts=facts)
    elif is_encrypted(data):
        raise ITAInputError("encrypted", path=path)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ITAInputError("old_xls", path=path)
    elif data.lstrip()[:1] == b"{" or data.lstrip()[:1] == b"[":
        raise ITAInputError("json_not_table", path=path)
    else:
        text, used = decode(data, path, encoding)
        if is_html(text[:HEAD_BYTES]):
            raise ITAInputError("html_not_table", path=path)
        source = SourceInfo(str(path), sha, "csv", used, None)
        rows = _csv_rows(text, path)
    return _split_header(rows, path, is_header, source)


def _try_fast(path: Path, is_header: Callable[[list[str]], bool], encoding: str | None) -> RawTable | None:
    """The fast path's table for a large text table (parsed by pyarrow straight from the file), or None."""
    try:
        st = path.stat()  # before any open: opening a pipe would wait for a writer, a device never ends
    except FileNotFoundError:
        raise ITAInputError("no_file", path=path) from None
    except OSError as exc:
        raise ITAInputError("unreadable", path=path, why=str(exc.strerror)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ITAInputError("is_folder", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise ITAInputError("not_regular", path=path)
    try:
        size = st.st_size
        with path.open("rb") as handle:
            head_bytes = handle.read(HEAD_BYTES)
    except FileNotFoundError:
        raise ITAInputError("no_file", path=path) from None
    except IsADirectoryError:
        raise ITAInputError("is_folder", path=path) from None
    except OSError as exc:
        raise ITAInputError("unreadable", path=path, why=str(exc.strerror)) from None
    if size < FAST_PATH_MIN_BYTES or not looks_like_csv(head_bytes):
        return None
    if size > HEAD_BYTES and b"\n" in head_bytes:
        head_bytes = head_bytes[: head_bytes.rindex(b"\n") + 1]
    head, guess = decode(head_bytes, path, encoding)
    if guess not in ("utf-8", "utf-8-sig", "tis-620/cp874") or is_html(head):
        return None
    return fast_csv(path, head, guess, is_header)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ITAInputError("unreadable", path=path, why=str(exc.strerror)) from None


#: Cells of any length are parsed (the ingest layer rejects a row whose cell passes the documented limit).
csv.field_size_limit(1 << 30)


def _csv_rows(text: str, path: Path) -> list[list[str]]:
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, starts = [], []
    try:
        start = 1
        for row in reader:
            rows.append(row)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ITAInputError("bad_csv", path=path, why=str(exc)) from None
    _refuse_broken_quote(rows, starts, delimiter, path)
    return rows


def _refuse_broken_quote(rows: list[list[str]], starts: list[int], delimiter: str, path: Path) -> None:
    """Stop at a quote that never closed where its cell ends, naming the line where it opens.

    A quoted cell holding line breaks and a row's worth of delimiters swallowed the rows after it.
    """
    widths = [len(r) for r in rows if len(r) > 1]
    if not widths:
        return
    width = max(set(widths), key=widths.count)  # the usual record width
    for row, line in zip(rows, starts):
        for cell in row:
            if ("\n" in cell or "\r" in cell) and cell.count(delimiter) >= max(2, width - 1):
                swallowed = cell.count("\n") + cell.count("\r") - cell.count("\r\n")
                raise ITAInputError("stray_quote", path=path, line=line, swallowed=swallowed)


def _cell_text(value: object) -> str:
    """One Excel cell as text, the way a person would have typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes, path: Path, sheet: str | None,
               max_mb: float) -> tuple[list[list[str]], str, list[str], SheetFacts]:
    import openpyxl  # imported here: only Excel files need it

    zf = check_workbook(data, path, max_mb=max_mb)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise ITAInputError("bad_xlsx", path=path, why=type(exc).__name__) from None
    try:
        names = book.sheetnames
        if sheet is None:
            if not names:
                raise ITAInputError("no_sheets", path=path)
            sheet = names[0]
        elif sheet not in names:
            raise ITAInputError("no_such_sheet", path=path, sheet=sheet, sheets=names)
        try:
            rows = [[_cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
            raise ITAInputError("bad_sheet", path=path, sheet=sheet, why=type(exc).__name__) from None
    finally:
        book.close()
    return rows, sheet, list(names), sheet_facts(zf, sheet)


def _split_header(rows: list[list[str]], path: Path, is_header: Callable[[list[str]], bool],
                  source: SourceInfo, *, sheets: list[str] | None = None, facts: SheetFacts | None = None) -> RawTable:
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):  # noqa: B007  # position is used after the loop
        if any(cell.strip() for cell in row) and is_header(row):
            break
    else:
        if sheets and len(sheets) > 1:
            raise ITAInputError("no_header_on_sheet", path=path, sheet=source.sheet, sheets=sheets)
        raise ITAInputError("no_header", path=path)
    header = list(rows[position])
    while header and not header[-1].strip():  # Excel's trailing empty columns
        header.pop()
    width = len(header)
    records: list[list[str]] = []
    numbers: list[int] = []
    lengths: list[int] = []
    surplus: list[bool] = []
    blank = pending = 0  # blank rows between data rows; trailing ones are not rows at all
    for number, row in enumerate(rows[position + 1:], start=1):
        if not any(cell.strip() for cell in row):
            pending += 1
            continue
        blank, pending = blank + pending, 0
        lengths.append(len(row))
        surplus.append(len(row) > width and any(c.strip() for c in row[width:]))
        records.append(row[:width] + [""] * (width - len(row)) if len(row) != width else row)
        numbers.append(number)
    frame = pd.DataFrame(records, columns=range(width), dtype=object) if records else pd.DataFrame(
        {k: pd.Series(dtype=object) for k in range(width)})
    return RawTable(header, frame, np.asarray(numbers, dtype=np.int64), np.asarray(lengths, dtype=np.int64),
                    np.asarray(surplus, dtype=bool), blank, position + 1, source,
                    _row_problems(facts, position + 1) if facts else {})


def _row_problems(facts: SheetFacts, header_row: int) -> dict[int, tuple[Message, str]]:
    """The workbook's formula cells without values and merged blocks, by data row number (1 = below the header)."""
    out: dict[int, tuple[Message, str]] = {}
    for row, ref in facts.merged.items():
        if row > header_row:
            out[row - header_row] = (Message("merged_cells", ref=ref), "merged_cells")
    for row in facts.formulas:
        if row > header_row:
            out[row - header_row] = (Message("formula_without_value"), "formula_without_value")
    return out
