"""Strict JSON (RFC 8259) for the documents every layer builds: values, tables and streamed lists.

A missing or infinite number is ``null``, never ``NaN`` or ``Infinity``; numpy and pandas values
become plain JSON. Long lists (8,000 agencies' scores) are rendered column-wise by Arrow, a batch at
a time (:class:`RawJSON`), and a value can be worked out while the document is being written
(:class:`LaterJSON`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import numpy as np
import pandas as pd

from ._catalogue import coded

__all__ = [
    "LaterJSON",
    "RawJSON",
    "dumps",
    "json_booleans",
    "json_default",
    "json_numbers",
    "json_objects",
    "json_string_codes",
    "json_strings",
    "records",
    "strict",
    "write_json",
]


def strict(value: Any) -> Any:
    """``value`` with every NaN and infinity (in dicts, lists and tuples, at any depth) made None.

    JSON (RFC 8259) has no NaN or Infinity: JavaScript's ``JSON.parse`` and R's jsonlite refuse them.
    A missing or unbounded number is ``null``.
    """
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strict(v) for v in value]
    return value


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback for numpy, pandas and datetime values (NaN and infinities: null)."""
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: NaN and infinities → null, numpy scalars → Python."""
    columns = {}
    for name in frame.columns:
        col = frame[name]
        values = col.to_numpy(dtype=object)
        missing = col.isna().to_numpy()
        if col.dtype.kind == "f":
            missing = missing | np.isinf(col.to_numpy(dtype=float))
        if missing.any():
            values = values.copy()
            values[missing] = None
        if col.dtype.kind in "iufb":
            values = [v if v is None else v.item() if isinstance(v, np.generic) else v for v in values]
        columns[name] = values
    names = list(columns)
    return [dict(zip(names, row)) for row in zip(*(columns[n] for n in names))]


class RawJSON:
    """A JSON list rendered lazily, a batch of items at a time.

    ``batches`` is a function returning an iterator of Arrow string arrays, one JSON text per
    list item. :func:`write_json` streams the batches into a document, so 8,000 agencies' scores
    are never one giant string, nor a million Python dicts.
    """

    def __init__(self, batches: Callable[[], Iterator[Any]]) -> None:
        self.batches = batches  # called once per rendering

    def pieces(self) -> Iterator[Any]:
        """The list's text as UTF-8, batch by batch (buffers: Arrow joins the items, Python never sees them)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        yield b"["
        first = True
        for batch in self.batches():
            if len(batch):
                joined = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(batch)], pa.int32()), batch), ", ")
                if not first:
                    yield b", "
                yield joined[0].as_buffer()
                first = False
        yield b"]"

    def __str__(self) -> str:
        return b"".join(bytes(piece) for piece in self.pieces()).decode("utf-8")


class LaterJSON:
    """A JSON value worked out while the document's earlier parts are written (e.g. a future's result).

    ``value`` is called when :func:`write_json` reaches the value's place, and its result is
    written as JSON (compact, Thai kept as is).
    """

    def __init__(self, value: Callable[[], Any]) -> None:
        self.value = value  # called once per rendering

    def pieces(self) -> Iterator[bytes]:
        """The value's text as UTF-8, in one piece."""
        value = self.value()
        try:  # already strict (records() makes NaN and infinities null): no walk over its values
            text = json.dumps(value, ensure_ascii=False, default=json_default, allow_nan=False)
        except ValueError:
            text = json.dumps(strict(value), ensure_ascii=False, default=json_default, allow_nan=False)
        yield text.encode("utf-8")


def write_json(document: dict[str, Any], stream: TextIO, *, indent: int | None = None, language: str = "en") -> None:
    """Write a document as JSON (Thai kept as is); its messages in ``language``, with their codes (:func:`coded`).

    Its :class:`RawJSON` and :class:`LaterJSON` values are streamed in pieces, in their places.
    """
    document = coded(document, language)  # a message: its text in the reader's language, its code beside it
    raw = {key: value for key, value in document.items() if isinstance(value, (RawJSON, LaterJSON))}
    marks = {key: f"@@ita-raw-{k}-{id(document)}@@" for k, key in enumerate(raw)}
    head = {k: marks.get(k, v) for k, v in document.items()}
    try:  # most documents are strict already (records() makes NaN null): walk them only when they are not
        text = json.dumps(head, ensure_ascii=False, indent=indent, default=json_default, allow_nan=False)
    except ValueError:
        text = json.dumps(strict(head), ensure_ascii=False, indent=indent, default=json_default, allow_nan=False)
    binary = getattr(stream, "buffer", None)  # a text file's bytes underneath: the pieces go there as they are
    if binary is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        binary = None
    for key, mark in marks.items():
        before, text = text.split(json.dumps(mark), 1)
        stream.write(before)
        if binary is not None:
            stream.flush()
        for piece in raw[key].pieces():
            if binary is not None:
                binary.write(piece)
            else:
                stream.write(bytes(piece).decode("utf-8"))
    stream.write(text)


def dumps(document: dict[str, Any], *, indent: int | None = None) -> str:
    """:func:`write_json` into a string."""
    buffer = io.StringIO()
    write_json(document, buffer, indent=indent)
    return buffer.getvalue()


def json_string_codes(values: Any) -> tuple[np.ndarray, Any]:
    """Codes of the texts, and each distinct text as a JSON string literal.

    The literals are an Arrow array (None → the last one, null): ``literals.take(codes)`` renders
    the texts, or any part of them.
    """
    import pyarrow as pa

    codes, uniques = pd.factorize(values if isinstance(values, pd.Series) else pd.Series(values, dtype=object),
                                  use_na_sentinel=True)
    literals = pa.array([json.dumps(str(u), ensure_ascii=False) for u in uniques] + ["null"], type=pa.string())
    return np.where(codes < 0, len(uniques), codes), literals


def json_strings(values: Any) -> Any:
    """Each text as a JSON string literal (None → null), as an Arrow array; each distinct text encoded once."""
    import pyarrow as pa

    codes, literals = json_string_codes(values)
    return literals.take(pa.array(codes))


def json_numbers(values: Any, *, integer: bool = False) -> Any:
    """Each number as JSON text (NaN and infinities → null), as an Arrow array.

    Floats are written in the shortest text that reads back to the same number, with a decimal
    point kept on whole numbers (``100.0``, as Python writes them); ``integer`` writes counts.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    x = np.asarray(values, dtype=float)
    finite = np.isfinite(x)
    if integer:
        text = pc.cast(pa.array(np.where(finite, x, 0).astype(np.int64), mask=~finite), pa.string())
    else:
        text = pc.cast(pa.array(x, mask=~finite), pa.string())  # double-conversion's shortest round trip
        with np.errstate(invalid="ignore"):
            whole = finite & (np.floor(x) == x)  # written without a point ("100"), unless as "1e+16"
        if whole.any():
            texts = text.filter(pa.array(whole))
            texts = pc.if_else(pc.match_substring(texts, "e"), texts, pc.binary_join_element_wise(texts, ".0", ""))
            text = pc.replace_with_mask(text, pa.array(whole), texts)
    return pc.fill_null(text, "null")


def json_booleans(values: Any) -> Any:
    """Each truth value as JSON text, as an Arrow array."""
    import pyarrow as pa

    return pa.array(["false", "true"], type=pa.string()).take(pa.array(np.asarray(values, dtype=bool).astype(np.int8)))


def json_objects(fields: dict[str, Any]) -> Any:
    """One JSON object text per row, from columns already rendered as JSON values (key order kept)."""
    import pyarrow.compute as pc

    parts: list[Any] = []
    for k, (name, column) in enumerate(fields.items()):
        parts += [("{" if k == 0 else ", ") + json.dumps(name, ensure_ascii=False) + ": ", column]
    return pc.binary_join_element_wise(*parts, "}", "")

