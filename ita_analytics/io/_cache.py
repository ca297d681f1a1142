"""A Parquet cache of read results: the same export (by SHA-256) read the same way is parsed once.

The key is made of everything the result depends on: the file's SHA-256, the package version, the
kind of file, the framework's and the mapping's hashes, the encoding and sheet asked for, and the
roster's hash (IIT rows outside the roster are rejected). Only the readers in :mod:`._ingest` use
it (their ``cache=DIR`` option).
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..core._catalogue import Messages
from ..core._files import atomic_write
from ..core._types import ReadResult, SourceInfo
from ._digest import file_sha256

__all__ = ["read_cached"]

PathLike = str | Path


def read_cached(cache: str | Path | None, read: Callable[[], ReadResult], path: PathLike, *parts: str) -> ReadResult:
    """Read through a Parquet cache: the same file (by SHA-256) read the same way is parsed once.

    ``parts`` name everything else the result depends on (kind, framework hash, mapping hash,
    roster hash). Without ``cache`` this is just ``read()``. Each entry records its tables' SHA-256
    and row counts; an entry that is missing a piece, damaged, or does not match them is read again
    from the export (with a warning saying why), never trusted.
    """
    if cache is None:
        return read()
    key = hashlib.sha256("|".join([file_sha256(Path(path)), __version__, *parts]).encode()).hexdigest()[:32]
    folder = Path(cache)
    meta_path = folder / f"{key}.json"
    if meta_path.exists():
        try:
            return _load(folder, key, meta_path)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # damaged, swapped, cut short: read again
            warnings.warn(f"the cached copy of {path} could not be used ({exc}); the export was read again",
                          stacklevel=2)
    result = read()
    _store(folder, key, result)
    return result


def _load(folder: Path, key: str, meta_path: Path) -> ReadResult:
    import pyarrow as pa

    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    tables = {}
    for name in ("data", "rejects"):
        blob = (folder / f"{key}.{name}.parquet").read_bytes()
        if hashlib.sha256(blob).hexdigest() != meta["sha256"][name]:
            raise ValueError(f"its {name} table is not the one written")
        tables[name] = pd.read_parquet(pa.BufferReader(blob))
    reasons = tables["rejects"]["reason"]
    tables["rejects"]["reason"] = pd.Series([Messages.loads(t) for t in reasons], index=reasons.index, dtype=object)
    if len(tables["data"]) != meta["accepted"] or len(tables["rejects"]) != meta["rejected"]:
        raise ValueError("its row counts do not match")
    return ReadResult(kind=meta["kind"], data=tables["data"], rejects=tables["rejects"], rows_read=meta["rows_read"],
                      blank_rows=meta["blank_rows"], source=SourceInfo(**meta["source"]),
                      framework_year=meta["framework_year"], framework_sha256=meta.get("framework_sha256", ""))


def _parquet(table: pd.DataFrame, path: Path) -> None:
    table.to_parquet(path, index=False)


def _store(folder: Path, key: str, result: ReadResult) -> None:
    digests = {}
    rejects = result.rejects.assign(reason=[r.dumps() for r in result.rejects["reason"]])  # the codes, not the words
    for name, table in (("data", result.data), ("rejects", rejects)):
        path = atomic_write(folder / f"{key}.{name}.parquet", partial(_parquet, table))
        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    meta = {"kind": result.kind, "rows_read": result.rows_read, "blank_rows": result.blank_rows,
            "accepted": result.accepted, "rejected": result.rejected, "sha256": digests,
            "framework_year": result.framework_year, "framework_sha256": result.framework_sha256,
            "source": {k: getattr(result.source, k) for k in result.source.__slots__}}
    text = json.dumps(meta, ensure_ascii=False)
    atomic_write(folder / f"{key}.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
