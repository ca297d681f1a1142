"""The committee's measures workbook (``measures.xlsx``), as ``ita plan --out`` writes it and people fill it in.

One row per measure: what is done, by whom, by when, and how success is known; the committee
fills in the status and a link to the evidence. :func:`read_measures` reads it back, every row
accepted or rejected with a reason, for the 6-month and year-end progress report that the OIT
item on internal integrity measures (O30 in the FY2566 frame) asks for.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core._errors import ITAInputError
from ._text import parse_dates

__all__ = ["MEASURE_COLUMNS", "MEASURE_HEADERS", "MEASURE_STATUSES", "MEASURES_SHEET", "read_measures"]

#: The columns, in order (codes).
MEASURE_COLUMNS = ("no", "kind", "id", "name", "measure", "responsible", "period", "success", "gain", "status", "evidence",
                   "due", "note")
#: Their headers in the workbook (Thai; the English codes are read too).
MEASURE_HEADERS = {
    "no": "ที่", "kind": "ประเภท", "id": "ตัวชี้วัด/ข้อ", "name": "ชื่อ", "measure": "มาตรการ/การดำเนินการ",
    "responsible": "ผู้รับผิดชอบ", "period": "ระยะเวลา", "success": "ตัวชี้วัดความสำเร็จ",
    "gain": "คะแนนรวมที่เพิ่มได้", "status": "สถานะ", "evidence": "ลิงก์หลักฐาน", "due": "กำหนดเสร็จ", "note": "หมายเหตุ",
}
#: The statuses a measure may have, and the English words read as the same.
MEASURE_STATUSES = ("ยังไม่เริ่ม", "กำลังดำเนินการ", "เสร็จแล้ว")
_STATUS_WORDS = {"not started": "ยังไม่เริ่ม", "in progress": "กำลังดำเนินการ", "done": "เสร็จแล้ว"}
#: The sheet that holds the measures.
MEASURES_SHEET = "มาตรการ"
_REQUIRED = ("measure", "responsible", "status", "due")


def _table(path: Path) -> pd.DataFrame:
    """The measures sheet as text, headers mapped to codes; an unusable file is one sentence (exit 2)."""
    if not path.is_file():
        raise ITAInputError(f"{path}: the measures file does not exist" if not path.exists() else f"{path}: is a folder")
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=object)
    except Exception as exc:  # noqa: BLE001  # openpyxl raises many kinds for a file that is no workbook: one message
        raise ITAInputError(f"{path}: not an .xlsx workbook that can be read ({type(exc).__name__})") from None
    frame = sheets.get(MEASURES_SHEET, next(iter(sheets.values())) if len(sheets) == 1 else None)
    if frame is None:
        raise ITAInputError(f"{path}: no sheet named {MEASURES_SHEET!r} (the sheet ita plan --out writes)")
    names = {v: k for k, v in MEASURE_HEADERS.items()} | {k: k for k in MEASURE_HEADERS}
    frame = frame.rename(columns=lambda c: names.get(str(c).strip(), str(c).strip()))
    absent = [MEASURE_HEADERS[c] for c in _REQUIRED if c not in frame.columns]
    if absent:
        raise ITAInputError(f"{path}: the measures sheet lacks the column(s) {', '.join(absent)}")
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
    status = text["status"].str.lower().map(lambda s: _STATUS_WORDS.get(s, s))
    due, bad_due = parse_dates(text["due"].where(text["due"] != "", None).str.replace(r" 00:00:00$", "", regex=True))
    problems = []
    for k, row in enumerate(frame.itertuples(index=False)):
        missing = [MEASURE_HEADERS[c] for c in _REQUIRED if text.iloc[k][c] == ""]
        if missing:
            problems.append((row.row, f"empty: {', '.join(missing)}", "missing_value"))
        elif status.iloc[k] not in MEASURE_STATUSES:
            problems.append((row.row, f"status {text.iloc[k]['status']!r} is not one of {', '.join(MEASURE_STATUSES)}",
                             "unknown_value"))
        elif bool(bad_due.iloc[k]) or pd.isna(due.iloc[k]):
            problems.append((row.row, f"due date {text.iloc[k]['due']!r} cannot be read (use 2024-03-31 or 31/03/2567)",
                             "bad_date"))
    rejects = pd.DataFrame(problems, columns=["row", "reason", "check"])
    keep = ~frame["row"].isin(rejects["row"]).to_numpy()
    accepted = frame[keep].assign(status=status[keep].to_numpy(), due=pd.to_datetime(due[keep]).dt.normalize().to_numpy())
    for col in ("measure", "responsible", "evidence", "note", "id", "name", "period", "success", "kind"):
        accepted[col] = text.loc[keep, col].to_numpy()
    return accepted.reset_index(drop=True), rejects
