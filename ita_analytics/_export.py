"""Writing tables for people: CSV that Excel opens with Thai intact, .xlsx, and safe cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["json_default", "neutralise_formulas", "records", "write_csv", "write_xlsx"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)  # a plain negative number such as "-3" is data, not a formula
            return value
        except ValueError:
            return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text cells that a spreadsheet would run as a formula start with ``'``.

    Cells beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return are formula
    injection vectors when a CSV or .xlsx is opened in Excel (OWASP "CSV injection").
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_safe)
    out.columns = [_safe(c) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write UTF-8 with a byte-order mark (so Excel shows Thai), formulas neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralise_formulas(frame).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write one sheet per table (names cut to Excel's 31 characters), formulas neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            clean = neutralise_formulas(frame)
            for col in clean.columns:  # Excel cannot store time zones
                if isinstance(clean[col].dtype, pd.DatetimeTZDtype):
                    clean[col] = clean[col].dt.tz_localize(None)
            clean.to_excel(writer, sheet_name=name[:31], index=False)
    return path


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback for numpy, pandas and datetime values."""
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: NaN → null, numpy scalars → Python."""
    columns = {}
    for name in frame.columns:
        col = frame[name]
        values = col.to_numpy(dtype=object)
        missing = col.isna().to_numpy()
        if missing.any():
            values = values.copy()
            values[missing] = None
        if col.dtype.kind in "iufb":
            values = [v if v is None else v.item() if isinstance(v, np.generic) else v for v in values]
        columns[name] = values
    names = list(columns)
    return [dict(zip(names, row)) for row in zip(*(columns[n] for n in names))]
