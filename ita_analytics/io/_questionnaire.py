"""The NACC's questionnaire of a year, as a spreadsheet: one row per question or OIT item.

Columns (English or Thai headers, any order; extra columns are ignored):

=============  ======================  =====================================================
column         Thai header             content
=============  ======================  =====================================================
tool           เครื่องมือ / แบบวัด       IIT, EIT or OIT
indicator      ตัวชี้วัด                 the indicator's number (OIT: a sub-indicator such as 9.1 may be given)
indicator_th   ชื่อตัวชี้วัด              its Thai name (may be blank on repeated rows)
id             รหัส / ข้อ               the question's or item's id (i1, e3, O12)
text_th        ข้อคำถาม / คำถาม          the question's or item's text, in Thai
scale          มาตรวัด / ระดับ           4L (four levels) or YN (yes/no); blank for OIT
reversed       ข้อคำถามเชิงลบ / กลับด้าน   yes/no (blank = no): "most" or "yes" is the bad answer
=============  ======================  =====================================================

:func:`read_questionnaire` checks every row and stops on the first file with problems, naming each
row (1 = the first row after the header) and what is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..core._errors import ITAInputError
from ._tables import read_table
from ._text import clean_text

__all__ = ["QUESTIONNAIRE_COLUMNS", "read_questionnaire"]

#: Each column and the headers accepted for it (compared without case, spaces or punctuation).
QUESTIONNAIRE_COLUMNS: dict[str, tuple[str, ...]] = {
    "tool": ("tool", "เครื่องมือ", "แบบวัด", "ประเภทแบบวัด"),
    "indicator": ("indicator", "ตัวชี้วัด", "ตัวชี้วัดที่", "เลขตัวชี้วัด"),
    "indicator_th": ("indicator_th", "indicatorname", "ชื่อตัวชี้วัด", "ตัวชี้วัดชื่อ"),
    "id": ("id", "รหัส", "ข้อ", "รหัสข้อ", "question_id"),
    "text_th": ("text_th", "text", "ข้อคำถาม", "คำถาม", "รายการ", "ประเด็น"),
    "scale": ("scale", "มาตรวัด", "ระดับ", "ประเภทคำตอบ"),
    "reversed": ("reversed", "reverse", "ข้อคำถามเชิงลบ", "กลับด้าน", "เชิงลบ"),
}
_REQUIRED = ("tool", "indicator", "id", "text_th")
_YES = {"yes", "y", "true", "1", "ใช่", "มี", "กลับด้าน", "เชิงลบ", "-"}
_NO = {"", "no", "n", "false", "0", "ไม่", "ไม่ใช่", "ไม่มี"}
_SCALES = {"4l": "4L", "4": "4L", "4ระดับ": "4L", "yn": "YN", "มีไม่มี": "YN", "yes/no": "YN", "ใช่ไม่ใช่": "YN"}


def _key(header: str) -> str:
    return "".join(ch for ch in clean_text(header).lower() if ch.isalnum() or ch == "_")


_LOOKUP = {_key(h): column for column, headers in QUESTIONNAIRE_COLUMNS.items() for h in headers}


def read_questionnaire(path: str | Path, *, sheet: str | None = None, encoding: str | None = None) -> pd.DataFrame:
    """Read a questionnaire spreadsheet (CSV or .xlsx) into ``row, tool, indicator, indicator_th, id, text_th, scale, reverse``.

    Raises
    ------
    ITAInputError
        Naming the file and every faulty row (up to ten) with what is wrong: a missing column,
        an unknown tool or scale, a blank id or text, a repeated id, a survey question without a
        scale, an indicator given two tools.
    """
    raw = read_table(path, is_header=lambda row: sum(_key(c) in _LOOKUP for c in row) >= 3, encoding=encoding, sheet=sheet)
    where = {}
    for pos, header in enumerate(raw.header):
        column = _LOOKUP.get(_key(header))
        if column is not None and column not in where:
            where[column] = pos
    missing = [c for c in _REQUIRED if c not in where]
    if missing:
        raise ITAInputError(f"is not a questionnaire: it lacks the column(s) {', '.join(missing)} "
                            f"(columns: {', '.join(QUESTIONNAIRE_COLUMNS)})", path=path)
    cells = {c: raw.frame[p].map(clean_text) if c in where else pd.Series("", index=raw.frame.index)
             for c, p in ((c, where.get(c)) for c in QUESTIONNAIRE_COLUMNS)}
    table = pd.DataFrame({"row": raw.rows, **cells})
    problems: list[str] = []
    rows = [_row(r, problems) for r in table.to_dict("records")]
    _consistency(rows, problems)
    if problems:
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise ITAInputError("has problems: " + "; ".join(problems[:10]) + more, path=path)
    if not rows:
        raise ITAInputError("lists no question or item", path=path)
    return pd.DataFrame(rows, columns=["row", "tool", "indicator", "indicator_th", "id", "text_th", "scale", "reverse"])


def _row(r: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """One row checked: its fields made canonical, each problem named with the row."""
    row = int(r["row"])
    tool = str(r["tool"]).upper()
    if tool not in ("IIT", "EIT", "OIT"):
        problems.append(f"row {row}: tool '{r['tool']}' is not IIT, EIT or OIT")
    for name in ("indicator", "id", "text_th"):
        if not r[name]:
            problems.append(f"row {row}: {name} is blank")
    scale_text = str(r["scale"]).strip().lower().replace(" ", "")
    scale = _SCALES.get(scale_text, "")
    if tool in ("IIT", "EIT") and not scale:
        problems.append(f"row {row}: scale '{r['scale']}' is not 4L or YN" if scale_text else
                        f"row {row}: a survey question needs a scale (4L or YN)")
    rev_text = str(r["reversed"]).strip().lower()
    if rev_text not in _YES | _NO:
        problems.append(f"row {row}: reversed '{r['reversed']}' is not yes or no")
    return {"row": row, "tool": tool, "indicator": str(r["indicator"]).removesuffix(".0"),
            "indicator_th": str(r["indicator_th"]), "id": str(r["id"]), "text_th": str(r["text_th"]),
            "scale": scale if tool != "OIT" else "", "reverse": rev_text in _YES and tool != "OIT"}


def _consistency(rows: list[dict[str, Any]], problems: list[str]) -> None:
    """Ids unique; each indicator of one tool."""
    seen: dict[str, int] = {}
    tool_of: dict[str, tuple[str, int]] = {}
    for r in rows:
        if r["id"] and r["id"] in seen:
            problems.append(f"row {r['row']}: id {r['id']} repeats row {seen[r['id']]}")
        seen.setdefault(r["id"], r["row"])
        indicator = str(r["indicator"]).split(".")[0]
        if indicator in tool_of and tool_of[indicator][0] != r["tool"]:
            problems.append(f"row {r['row']}: indicator {indicator} is of {tool_of[indicator][0]} at row "
                            f"{tool_of[indicator][1]}, not {r['tool']}")
        tool_of.setdefault(indicator, (r["tool"], r["row"]))
