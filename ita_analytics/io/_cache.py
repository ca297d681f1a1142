"""A Parquet cache of read results: the same export (by SHA-256) read the same way is parsed once.

The key is made of everything the result depends on: the file's SHA-256, the package version, the
kind of file, the framework's and the mapping's hashes, the encoding and sheet asked for, and the
roster's hash (IIT rows outside the roster are rejected). Only the readers in :mod:`._ingest` use
it (their ``cache=DIR`` option).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..core._types import ReadResult, SourceInfo
from ._digest import file_sha256

__all__ = ["read_cached"]

PathLike = str | Path


def read_cached(cache: str | Path | None, read: Callable[[], ReadResult], path: PathLike, *parts: str) -> ReadResult:
    """Read through a Parquet cache: the same file (by SHA-256) read the same way is parsed once.

    ``parts`` name everything else the result depends on (kind, framework hash, mapping hash,
    roster hash). Without ``cache`` this is just ``read()``.
    """
    if cache is None:
        return read()
    key = hashlib.sha256("|".join([file_sha256(Path(path)), __version__, *parts]).encode()).hexdigest()[:32]
    folder = Path(cache)
    meta_path = folder / f"{key}.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = pd.read_parquet(folder / f"{key}.data.parquet")
        rejects = pd.read_parquet(folder / f"{key}.rejects.parquet")
        source = SourceInfo(**meta["source"])
        return ReadResult(kind=meta["kind"], data=data, rejects=rejects, rows_read=meta["rows_read"],
                          blank_rows=meta["blank_rows"], source=source, framework_year=meta["framework_year"])
    result = read()
    folder.mkdir(parents=True, exist_ok=True)
    result.data.to_parquet(folder / f"{key}.data.parquet", index=False)
    result.rejects.to_parquet(folder / f"{key}.rejects.parquet", index=False)
    meta_path.write_text(json.dumps({
        "kind": result.kind, "rows_read": result.rows_read, "blank_rows": result.blank_rows,
        "framework_year": result.framework_year, "source": {k: getattr(result.source, k) for k in result.source.__slots__},
    }, ensure_ascii=False), encoding="utf-8")
    return result

