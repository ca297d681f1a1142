"""Writing tables for people: CSV that Excel opens with Thai intact, .xlsx, and safe cells."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core._files import atomic_write, refuse_input
from ..core._json import dumps, write_json
from ..stats._compare import Comparison
from ..stats._integrity import IntegrityResult
from ..stats._quota import QuotaResult
from ..stats._scoring import ScoreResult
from ._i18n import COLUMN_LABELS, SHEET_LABELS, frame_words, label, said, say

__all__ = ["COUNT_COLUMNS", "XLSX_MAX_ROWS", "neutralise_formulas", "provenance_table", "write_csv", "write_results",
           "write_workbook", "write_xlsx"]

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


def provenance_table(provenance: dict[str, Any], language: str = "th") -> pd.DataFrame:
    """A provenance block as two columns, one row per fact (nested facts named with dots): the "ที่มา" sheet."""
    rows: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        else:
            rows.append((prefix, "" if value is None else str(value)))

    if "framework_year" in provenance:  # the frame used, in words first ("กรอบปี 2567 ใช้แทนปี 2570 (ชั่วคราว)")
        rows.append((say("col.framework", language), frame_words(provenance, language)))
    walk("", provenance)
    return pd.DataFrame(rows, columns=[say("col.fact", language), say("col.value", language)])


#: Columns shown with two decimals, as percentages, as p values, or as whole numbers (the pack's tables too).
_SCORES = frozenset({"score", "se", "ci_low", "ci_high", "se_nofpc", "before", "after", "change", "se_before", "se_after",
                     "gain", "from", "to", "cumulative", "difference", "score_all", "score_unflagged", "points",
                     "rate_per_day", "minimum", "maximum", "pass_mark", "points_to_pass", "points_to_next_grade",
                     "limit_95_low", "limit_95_high", "limit_998_low", "limit_998_high", "centre", "half_width",
                     "expected_at_deadline", "n_effective"})
_SHARES = frozenset({"share", "coverage", "required_coverage", "probability", "probability_pass"})
_P_VALUES = frozenset({"p_value", "p_adjusted"})
COUNT_COLUMNS = frozenset({"n", "n_answered", "responses", "eligible", "needed", "shortfall", "count", "answered", "blank",
                     "cumulative_responses", "rank", "rank_low", "rank_high", "target", "row"})
_FORMATS = {"score": "0.00", "share": "0.0%", "p": '[<0.001]"< 0.001";[<0.1]0.0000;0.000', "count": "#,##0"}
#: Cells formatted one by one only up to this many rows (openpyxl styles cell by cell; a national table stays plain).
_FORMAT_MAX_ROWS = 20_000


def _kind(column: str) -> str | None:
    return ("score" if column in _SCORES else "share" if column in _SHARES else "p" if column in _P_VALUES
            else "count" if column in COUNT_COLUMNS else None)


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as numbers: digit-only ids become integers, infinities become empty cells, time zones go."""
    out = neutralise_formulas(frame)
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.DatetimeTZDtype):  # Excel cannot store time zones
            out[col] = series.dt.tz_localize(None)
        elif pd.api.types.is_float_dtype(series):
            out[col] = series.where(np.isfinite(series.to_numpy(dtype=float)))
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            values = series.dropna()
            if len(values) and all(isinstance(v, str) and v.isascii() and v.isdigit() and len(v) < 15
                                   and (v == "0" or not v.startswith("0")) for v in values):
                out[col] = pd.array([None if v is None or v != v else int(v) for v in series], dtype="Int64")
    return out


def _width(values: list[Any]) -> float:
    """A column's width in characters (Thai marks above and below the line take no width)."""
    def visible(v: Any) -> int:
        text = f"{v:.2f}" if isinstance(v, float) else str(v)
        return sum(1 for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Mn")
    return min(60.0, max(8.0, max((visible(v) for v in values), default=8) * 1.1 + 2))


def _format_sheet(ws: Any, frame: pd.DataFrame, columns: list[str]) -> None:
    """Widths fitted, header frozen, filters on, numbers formatted by what they are."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = ws.dimensions
    for k, col in enumerate(columns, start=1):
        letter = get_column_letter(k)
        sample = [ws.cell(row=1, column=k).value] + frame.iloc[:500, k - 1].tolist()
        width = _width(sample)
        ws.column_dimensions[letter].width = width
        ws.cell(row=1, column=k).font = Font(bold=True)
        ws.cell(row=1, column=k).alignment = Alignment(wrap_text=True, vertical="top")
        kind = _kind(col)
        if kind is None and width < 60 or len(frame) > _FORMAT_MAX_ROWS:
            continue
        for (cell,) in ws.iter_rows(min_row=2, max_row=len(frame) + 1, min_col=k, max_col=k):
            if kind is not None:
                cell.number_format = _FORMATS[kind]
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(sheets: dict[str, pd.DataFrame], path: str | Path, *, language: str = "th",
                   provenance: dict[str, Any] | None = None, summary: list[tuple[str, Any]] | None = None) -> Path:
    """A workbook for people: a "สรุป" sheet first, one formatted sheet per table, a "ที่มา" sheet last.

    Sheet names and headers are in ``language`` (a column the catalogue does not name keeps its
    code); scores show two decimals, shares as %, p values to three digits or "< 0.001", counts
    whole; widths fit, the header row is frozen and filters are on. Whole or not at all.
    """
    from openpyxl.utils import get_column_letter

    named: dict[str, tuple[pd.DataFrame, list[str]]] = {}
    if summary:
        named[say("sheet.summary", language)] = (pd.DataFrame(summary, columns=[say("col.fact", language),
                                                                               say("col.value", language)]), [])
    for name, frame in sheets.items():
        title = label(SHEET_LABELS, name, language)[:31]
        named[title] = (frame, list(frame.columns))
    if provenance is not None:
        named[say("sheet.provenance", language)] = (provenance_table(provenance, language), [])

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for title, (frame, columns) in named.items():
                clean = _for_excel(said(frame, language))
                clean.columns = [label(COLUMN_LABELS, str(c), language) for c in clean.columns]
                clean.to_excel(writer, sheet_name=title, index=False)
                ws = writer.sheets[title]
                if columns:
                    _format_sheet(ws, clean, columns)
                else:  # two columns of facts: wide, wrapped, numbers as scores
                    for k in (1, 2):
                        ws.column_dimensions[get_column_letter(k)].width = 34 if k == 1 else 90
                    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
                        if isinstance(row[0].value, float):
                            row[0].number_format = "0.00"

    return atomic_write(path, write)


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path, *, provenance: dict[str, Any] | None = None,
               language: str = "th") -> Path:
    """Write one formatted sheet per table (see :func:`write_workbook`), formulas neutralised."""
    return write_workbook(sheets, path, language=language, provenance=provenance)


# -- results objects, written whole ----------------------------------------------------------------

#: A results table longer than this stays out of ``results.xlsx`` (its CSV beside it holds it all; its
#: sheet says so): the groups of 8,317 agencies are 430,000 rows, which took openpyxl minutes and
#: gigabytes to write, for a sheet nobody reads row by row.
XLSX_MAX_ROWS = 100_000


def _see_csv(name: str, table: pd.DataFrame, language: str) -> pd.DataFrame:
    """The one-cell sheet that stands for a table too long for the workbook."""
    return pd.DataFrame({"note": [say("xlsx.see_csv", language, n=len(table), name=name)]})


#: The files :func:`write_results` writes for each kind of result.
_TARGETS = {
    "ScoreResult": ["results.json", "results.xlsx", "provenance.json",
                    *(f"{t}.csv" for t in ("overall", "tools", "indicators", "questions", "oit_items",
                                           "grade_probabilities", "answers", "groups"))],
    "QuotaResult": ["quota.xlsx", "provenance.json", *(f"quota_{t}.csv" for t in ("chase", "cells", "problems", "progress",
                                                              "department_progress", "precision"))],
    "Comparison": ["compare.json", "compare.xlsx", "provenance.json", "compare_rows.csv", "compare_trend.csv"],
}
#: The integrity files a results folder also holds when the checks are given.
_INTEGRITY_TARGETS = ["integrity_flags.csv", "integrity_sensitivity.csv", "integrity_flagged_responses.csv",
                      "integrity.xlsx"]


def write_results(result: ScoreResult | QuotaResult | Comparison, folder: str | Path, *,
                  integrity: IntegrityResult | None = None, responses: dict[str, Any] | None = None,
                  language: str = "th") -> list[Path]:
    """Write a results object's tables into ``folder``; returns the paths written.

    The workbooks speak ``language`` (sheets, headers, notes); the CSV and JSON files keep codes
    and English notes, for programs (the JSON carries each message's code beside its text).

    - :class:`ScoreResult`: ``results.json`` (what ``ita compare`` reads next year), one CSV per
      table and ``results.xlsx`` (tables of up to ``XLSX_MAX_ROWS`` rows); with ``integrity`` (the
      checks of :func:`ita_analytics.check_integrity`) also ``integrity_flags.csv``,
      ``integrity_sensitivity.csv``, ``integrity_flagged_responses.csv`` (each flagged response with
      its row in the file, from ``responses``: tool → the reader's result) and ``integrity.xlsx``:
      the same folder whichever path made it (``ita score --out`` or the pack's ``results/``);
    - :class:`QuotaResult`: ``quota_<table>.csv`` and ``quota.xlsx``, the chase list first;
    - :class:`Comparison`: ``compare_rows.csv``, ``compare_trend.csv``, ``compare.xlsx`` and
      ``compare.json``.
    """
    out = Path(folder)
    targets = _TARGETS.get(type(result).__name__, []) + (_INTEGRITY_TARGETS if integrity is not None else [])
    for name in targets:  # refuse before writing anything, not half-way through
        refuse_input(out / name)
    if isinstance(result, ScoreResult):
        paths = _write_scores(result, out, language)
        return paths + (_write_integrity(integrity, responses or {}, out, result.provenance, language) if integrity else [])
    if isinstance(result, QuotaResult):
        tables = {"chase": result.chase, "cells": result.cells, "problems": result.problems,
                  "progress": result.progress, "department_progress": result.department_progress,
                  "precision": result.precision}
        paths = [write_csv(t, out / f"quota_{name}.csv") for name, t in tables.items()]
        paths.append(write_xlsx(tables, out / "quota.xlsx", provenance=result.provenance, language=language))
        paths.append(_sidecar(out, result.provenance))
        return paths
    if isinstance(result, Comparison):
        paths = [write_csv(result.rows, out / "compare_rows.csv"), write_csv(result.trend, out / "compare_trend.csv")]
        paths.append(write_xlsx({"changes": result.rows, "trend": result.trend}, out / "compare.xlsx",
                                provenance=result.provenance, language=language))
        paths.append(_sidecar(out, result.provenance))
        text = dumps(result.to_dict(), indent=2)
        atomic_write(out / "compare.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return paths + [out / "compare.json"]
    raise TypeError(f"result must be a ScoreResult, QuotaResult or Comparison, got {type(result).__name__}")


def _write_integrity(integrity: IntegrityResult, responses: dict[str, Any], out: Path,
                     provenance: dict[str, Any], language: str) -> list[Path]:
    flagged = flagged_responses(integrity, responses)
    paths = [write_csv(integrity.counts, out / "integrity_flags.csv"),
             write_csv(integrity.sensitivity, out / "integrity_sensitivity.csv"),
             write_csv(flagged, out / "integrity_flagged_responses.csv")]
    paths.append(write_workbook({"flagged_responses": flagged, "integrity_flags": integrity.counts,
                                 "sensitivity": integrity.sensitivity}, out / "integrity.xlsx", provenance=provenance,
                                language=language))
    return paths


def flagged_responses(integrity: IntegrityResult, responses: dict[str, Any]) -> pd.DataFrame:
    """One row per flagged response: tool, response id, the file's row number, and each flag (kept, not deleted)."""
    parts = []
    for tool, flags in integrity.flags.items():
        frame = flags.copy()
        data = getattr(responses.get(tool), "data", None)
        if data is not None and len(data) == len(frame) and "row" in data:
            frame.insert(1, "row", data["row"].to_numpy())  # the flags are the responses' own rows, in order
        parts.append(frame[frame["any"]].assign(tool=tool))
    if not parts:
        return pd.DataFrame(columns=["tool", "response_id", "row", "any"])
    out = pd.concat(parts, ignore_index=True)
    return out[["tool", *[c for c in out.columns if c != "tool"]]]


def _sidecar(out: Path, provenance: dict[str, Any]) -> Path:
    """``provenance.json`` beside a folder's CSV files: what they were made from, by what, when."""
    text = dumps({"provenance": provenance, "note": "every CSV file in this folder was made with these inputs and "
                                                    "settings"}, indent=2)
    return atomic_write(out / "provenance.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _write_scores(result: ScoreResult, out: Path, language: str) -> list[Path]:
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
    paths.append(write_xlsx({name: t if len(t) <= XLSX_MAX_ROWS else _see_csv(name, t, language)
                             for name, t in tables.items()}, out / "results.xlsx", provenance=result.provenance,
                            language=language))
    return paths
