"""Writing tables for people: CSV that Excel opens with Thai intact, .xlsx, and safe cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..core._files import atomic_write, refuse_input
from ..core._json import dumps, write_json
from ..stats._compare import Comparison
from ..stats._quota import QuotaResult
from ..stats._scoring import ScoreResult

__all__ = ["XLSX_MAX_ROWS", "neutralise_formulas", "write_csv", "write_results", "write_xlsx"]

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
    """Write UTF-8 with a byte-order mark (so Excel shows Thai), formulas neutralised; whole or not at all."""
    clean = neutralise_formulas(frame)
    return atomic_write(path, lambda tmp: clean.to_csv(tmp, index=False, encoding="utf-8-sig"))


def provenance_table(provenance: dict[str, Any]) -> pd.DataFrame:
    """A provenance block as two columns, one row per fact (nested facts named with dots): the "ที่มา" sheet."""
    rows: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        else:
            rows.append((prefix, "" if value is None else str(value)))

    walk("", provenance)
    return pd.DataFrame(rows, columns=["ที่มา (provenance)", "ค่า (value)"])


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path, *, provenance: dict[str, Any] | None = None) -> Path:
    """Write one sheet per table (names cut to Excel's 31 characters), formulas neutralised."""
    if provenance is not None:  # the last sheet says where every number came from
        sheets = {**sheets, "ที่มา": provenance_table(provenance)}

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                clean = neutralise_formulas(frame)
                for col in clean.columns:  # Excel cannot store time zones
                    if isinstance(clean[col].dtype, pd.DatetimeTZDtype):
                        clean[col] = clean[col].dt.tz_localize(None)
                clean.to_excel(writer, sheet_name=name[:31], index=False)

    return atomic_write(path, write)



# -- results objects, written whole ----------------------------------------------------------------

#: A results table longer than this stays out of ``results.xlsx`` (its CSV beside it holds it all; its
#: sheet says so): the groups of 8,317 agencies are 430,000 rows, which took openpyxl minutes and
#: gigabytes to write, for a sheet nobody reads row by row.
XLSX_MAX_ROWS = 100_000


def _see_csv(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """The one-cell sheet that stands for a table too long for the workbook."""
    return pd.DataFrame({"note": [f"ตารางนี้มี {len(table):,} แถว มากเกินกว่าจะใส่ในไฟล์นี้ ดูทั้งตารางใน {name}.csv "
                                  f"ในโฟลเดอร์เดียวกัน ({len(table):,} rows: the whole table is in {name}.csv beside "
                                  "this file)"]})


#: The files :func:`write_results` writes for each kind of result.
_TARGETS = {
    "ScoreResult": ["results.json", "results.xlsx", "provenance.json",
                    *(f"{t}.csv" for t in ("overall", "tools", "indicators", "questions", "oit_items",
                                           "grade_probabilities", "answers", "groups"))],
    "QuotaResult": ["quota.xlsx", "provenance.json", *(f"quota_{t}.csv" for t in ("chase", "cells", "problems", "progress",
                                                              "department_progress", "precision"))],
    "Comparison": ["compare.json", "compare.xlsx", "provenance.json", "compare_rows.csv", "compare_trend.csv"],
}


def write_results(result: ScoreResult | QuotaResult | Comparison, folder: str | Path) -> list[Path]:
    """Write a results object's tables into ``folder``; returns the paths written.

    - :class:`ScoreResult`: ``results.json`` (what ``ita compare`` reads next year), one CSV per
      table and ``results.xlsx`` (tables of up to ``XLSX_MAX_ROWS`` rows);
    - :class:`QuotaResult`: ``quota_<table>.csv`` and ``quota.xlsx``, the chase list first;
    - :class:`Comparison`: ``compare_rows.csv``, ``compare_trend.csv``, ``compare.xlsx`` and
      ``compare.json``.
    """
    out = Path(folder)
    for name in _TARGETS.get(type(result).__name__, []):  # refuse before writing anything, not half-way through
        refuse_input(out / name)
    if isinstance(result, ScoreResult):
        return _write_scores(result, out)
    if isinstance(result, QuotaResult):
        tables = {"chase": result.chase, "cells": result.cells, "problems": result.problems,
                  "progress": result.progress, "department_progress": result.department_progress,
                  "precision": result.precision}
        paths = [write_csv(t, out / f"quota_{name}.csv") for name, t in tables.items()]
        paths.append(write_xlsx(tables, out / "quota.xlsx", provenance=result.provenance))
        paths.append(_sidecar(out, result.provenance))
        return paths
    if isinstance(result, Comparison):
        paths = [write_csv(result.rows, out / "compare_rows.csv"), write_csv(result.trend, out / "compare_trend.csv")]
        paths.append(write_xlsx({"changes": result.rows, "trend": result.trend}, out / "compare.xlsx",
                                provenance=result.provenance))
        paths.append(_sidecar(out, result.provenance))
        text = dumps(result.to_dict(), indent=2)
        atomic_write(out / "compare.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return paths + [out / "compare.json"]
    raise TypeError(f"result must be a ScoreResult, QuotaResult or Comparison, got {type(result).__name__}")


def _sidecar(out: Path, provenance: dict[str, Any]) -> Path:
    """``provenance.json`` beside a folder's CSV files: what they were made from, by what, when."""
    text = dumps({"provenance": provenance, "note": "every CSV file in this folder was made with these inputs and "
                                                    "settings"}, indent=2)
    return atomic_write(out / "provenance.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _write_scores(result: ScoreResult, out: Path) -> list[Path]:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as stream:
            write_json(result.to_dict(raw=True), stream, indent=2)

    atomic_write(out / "results.json", write)
    tables = {"overall": pd.DataFrame([result.overall]) if result.overall else pd.DataFrame(),
              "tools": result.tools, "indicators": result.indicators, "questions": result.questions,
              "oit_items": result.oit_items, "grade_probabilities": result.grade_probabilities,
              "answers": result.answers}
    if result.groups is not None:
        tables["groups"] = result.groups
    paths = [out / "results.json"]
    paths += [write_csv(t, out / f"{name}.csv") for name, t in tables.items()]
    paths.append(_sidecar(out, result.provenance))
    paths.append(write_xlsx({name: t if len(t) <= XLSX_MAX_ROWS else _see_csv(name, t) for name, t in tables.items()},
                            out / "results.xlsx", provenance=result.provenance))
    return paths
