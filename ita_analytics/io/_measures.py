"""The committee's measures workbook (``measures.xlsx``), as ``ita plan --out`` writes it and people fill it in.

One row per measure: what is done, by whom, by when, and how success is known; the committee
fills in the status and a link to the evidence. :func:`read_measures` reads it back, every row
accepted or rejected with a reason, for the 6-month and year-end progress report that the OIT
item on internal integrity measures (O30 in the FY2566 frame) asks for.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core._catalogue import LANGUAGES, Message, Messages, catalogue, words
from ..core._errors import ITAInputError
from ._text import label_key, parse_dates

__all__ = ["MEASURE_COLUMNS", "MEASURE_STATUSES", "measure_headers", "measure_status_words", "measures_sheet",
           "read_measures"]

#: The columns, in order (codes).
MEASURE_COLUMNS = ("no", "kind", "id", "name", "measure", "responsible", "period", "success", "gain", "status", "evidence",
                   "due", "note")
#: The statuses a measure may have (codes; the workbook shows them in its reader's language).
MEASURE_STATUSES = ("not_started", "in_progress", "done")


def measure_headers(language: str) -> dict[str, str]:
    """Each column's header in the workbook of ``language`` (the catalogue's ``labels.measure``)."""
    return dict(catalogue(language)["labels"]["measure"])


def measure_status_words(language: str) -> dict[str, str]:
    """Each status code's word in ``language`` (the catalogue's ``labels.status``)."""
    return dict(catalogue(language)["labels"]["status"])


def measures_sheet(language: str) -> str:
    """The name of the sheet that holds the measures, in ``language``."""
    return words("measures.sheet", language)


#: Headers, status words and sheet names of every language, read as the same codes.
_HEADERS = {label_key(h): c for lang in LANGUAGES for c, h in measure_headers(lang).items()} | {c: c for c in MEASURE_COLUMNS}
_STATUSES = ({label_key(w): s for lang in LANGUAGES for s, w in measure_status_words(lang).items()}
             | {s: s for s in MEASURE_STATUSES})
_SHEETS = tuple(measures_sheet(lang) for lang in LANGUAGES)
_REQUIRED = ("measure", "responsible", "status", "due")


def _table(path: Path) -> pd.DataFrame:
    """The measures sheet as text, headers mapped to codes; an unusable file is one sentence (exit 2)."""
    if not path.is_file():
        raise ITAInputError("no_file" if not path.exists() else "is_folder", path=path)
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=object)
    except Exception as exc:  # noqa: BLE001  # openpyxl raises many kinds for a file that is no workbook: one message
        raise ITAInputError("bad_workbook", path=path, why=type(exc).__name__) from None
    found = [sheets[name] for name in _SHEETS if name in sheets]
    frame = found[0] if found else (next(iter(sheets.values())) if len(sheets) == 1 else None)
    if frame is None:
        raise ITAInputError("no_measures_sheet", path=path, sheet=list(_SHEETS))
    frame = frame.rename(columns=lambda c: _HEADERS.get(label_key(str(c)), str(c).strip()))
    absent = [c for c in _REQUIRED if c not in frame.columns]
    if absent:
        raise ITAInputError("measures_columns", path=path, columns=absent)
    for col in MEASURE_COLUMNS:
        if col not in frame.columns:
            frame[col] = None
    return frame[list(MEASURE_COLUMNS)]


def read_measures(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a filled-in measures workbook: (accepted rows, rejected rows with their reasons).

    Parameters
    ----------
    path : file
        ``measures.xlsx`` as ``ita plan --out`` wrote it, filled in by the committee.

    Returns
    -------
    measures : DataFrame
        ``row`` (the sheet's row number) and the columns of :data:`MEASURE_COLUMNS`; ``status``
        one of :data:`MEASURE_STATUSES`, ``due`` a date.
    rejects : DataFrame
        ``row, reason, check``: a row without a measure, owner, status or due date, with a status
        that is not one of the list, or with a date that cannot be read.

    Raises
    ------
    ITAInputError
        When the file is missing, is no workbook, or lacks the measures sheet or a required column.
    """
    frame = _table(Path(path))
    frame.insert(0, "row", range(2, len(frame) + 2))  # the spreadsheet's row numbers (the header is row 1)
    text = frame.drop(columns=["row", "gain"]).map(lambda v: "" if v is None or v != v else str(v).strip())
    blank = (text == "").all(axis=1)
    frame, text = frame[~blank], text[~blank]
    status = text["status"].map(lambda s: _STATUSES.get(label_key(s), s))
    due, bad_due = parse_dates(text["due"].where(text["due"] != "", None).str.replace(r" 00:00:00$", "", regex=True))
    problems = []
    for k, row in enumerate(frame.itertuples(index=False)):
        missing = [c for c in _REQUIRED if text.iloc[k][c] == ""]
        if missing:
            problems.append((row.row, Messages([Message("measure_empty", columns=missing)]), "missing_value"))
        elif status.iloc[k] not in MEASURE_STATUSES:
            problems.append((row.row, Messages([Message("measure_status", value=text.iloc[k]["status"])]), "unknown_value"))
        elif bool(bad_due.iloc[k]) or pd.isna(due.iloc[k]):
            problems.append((row.row, Messages([Message("measure_due", value=text.iloc[k]["due"])]), "bad_date"))
    rejects = pd.DataFrame({"row": pd.Series([p[0] for p in problems], dtype="int64"),
                            "reason": pd.Series([p[1] for p in problems], dtype=object),
                            "check": pd.Series([p[2] for p in problems], dtype=object)})
    keep = ~frame["row"].isin(rejects["row"]).to_numpy()
    accepted = frame[keep].assign(status=status[keep].to_numpy(), due=pd.to_datetime(due[keep]).dt.normalize().to_numpy())
    for col in ("measure", "responsible", "evidence", "note", "id", "name", "period", "success", "kind"):
        accepted[col] = text.loc[keep, col].to_numpy()
    return accepted.reset_index(drop=True), rejects
