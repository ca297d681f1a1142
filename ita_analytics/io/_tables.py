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
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

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

__all__ = ["RawTable", "read_table"]


def read_table(
    path: str | Path,
    *,
    is_header: Callable[[list[str]], bool],
    encoding: str | None = None,
    sheet: str | None = None,
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
    """
    path = Path(path)
    fast = _try_fast(path, is_header, encoding)
    if fast is not None:
        return fast
    data = _read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    if not data[:65536].strip() and not data.strip():
        raise ITAInputError("the file is empty", path=path)
    if data.startswith(b"PK\x03\x04"):
        rows, sheet_name = _xlsx_rows(data, path, sheet)
        source = SourceInfo(str(path), sha, "xlsx", None, sheet_name)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ITAInputError("is an old Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV and try again", path=path)
    elif data.lstrip()[:1] == b"{" or data.lstrip()[:1] == b"[":
        raise ITAInputError("looks like JSON, not a table; export the data as CSV or .xlsx", path=path)
    else:
        text, used = decode(data, path, encoding)
        if is_html(text[:HEAD_BYTES]):
            raise ITAInputError(
                "is a web page (HTML) saved with a spreadsheet name, not a table; open it in Excel and "
                "save it as .xlsx or CSV", path=path)
        source = SourceInfo(str(path), sha, "csv", used, None)
        rows = _csv_rows(text, path)
    return _split_header(rows, path, is_header, source)


def _try_fast(path: Path, is_header: Callable[[list[str]], bool], encoding: str | None) -> RawTable | None:
    """The fast path's table for a large text table (parsed by pyarrow straight from the file), or None."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head_bytes = handle.read(HEAD_BYTES)
    except FileNotFoundError:
        raise ITAInputError("the file does not exist", path=path) from None
    except IsADirectoryError:
        raise ITAInputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise ITAInputError(f"cannot be read ({exc.strerror})", path=path) from None
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
        raise ITAInputError(f"cannot be read ({exc.strerror})", path=path) from None


def _csv_rows(text: str, path: Path) -> list[list[str]]:
    delimiter = delimiter_of(text)
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ITAInputError(f"is not a readable CSV table ({exc})", path=path) from None


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


def _xlsx_rows(data: bytes, path: Path, sheet: str | None) -> tuple[list[list[str]], str]:
    import openpyxl  # imported here: only Excel files need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise ITAInputError(f"is not a readable .xlsx workbook ({type(exc).__name__}: it may be cut short or damaged)",
                            path=path) from None
    try:
        names = book.sheetnames
        if sheet is None:
            if not names:
                raise ITAInputError("the workbook has no sheets", path=path)
            sheet = names[0]
        elif sheet not in names:
            raise ITAInputError(f"has no sheet named '{sheet}' (its sheets: {', '.join(names)})", path=path)
        try:
            rows = [[_cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
            raise ITAInputError(f"sheet '{sheet}' cannot be read ({type(exc).__name__}: the workbook may be damaged)",
                                path=path) from None
    finally:
        book.close()
    return rows, sheet


def _split_header(rows: list[list[str]], path: Path, is_header: Callable[[list[str]], bool],
                  source: SourceInfo) -> RawTable:
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):  # noqa: B007  # position is used after the loop
        if any(cell.strip() for cell in row) and is_header(row):
            break
    else:
        raise ITAInputError("has no header row with the expected column names (see the input layout in the README)",
                            path=path)
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
                    np.asarray(surplus, dtype=bool), blank, position + 1, source)
