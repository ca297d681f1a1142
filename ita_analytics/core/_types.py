"""The types that cross layers: where a table came from, and what a reader made of a file.

Survey responses carry answer CODES per question (4-level: "1" least … "4" most; yes/no: "yes",
"no"; missing = no answer), never points: scoring turns codes into points with the framework it
is given (:mod:`ita_analytics.stats`), so a scoring setting changed after reading is honoured.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import pandas as pd

from ._framework import Framework, answer_categories

__all__ = ["ReadResult", "SourceInfo", "as_answer_codes", "expect", "responses_of", "table_of"]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a table came from, for provenance."""

    path: str  # the file as given
    sha256: str  # hash of its bytes
    format: str  # "csv" or "xlsx"
    encoding: str | None  # text encoding (CSV)
    sheet: str | None  # sheet name (Excel)


@dataclass(frozen=True, kw_only=True)
class ReadResult:
    """What a reader made of one file.

    Attributes
    ----------
    kind : str
        "IIT", "EIT", "roster", "oit" or "published".
    data : DataFrame
        The accepted rows, tidy. Survey tools: ``row, response_id, submitted_at, agency,
        department`` and ``staff_type, tenure_years`` (IIT) or ``respondent_group`` (EIT), then
        one column of answer codes per question (a Categorical of the scale's codes: "1" … "4"
        or "yes"/"no"; missing = no answer), then the file's extra columns.
    rejects : DataFrame
        ``row, response_id, reason, check``: one line per rejected row, every problem named.
    rows_read : int
        Data rows in the file (blank rows between them are counted apart, in ``blank_rows``).
    blank_rows : int
        Wholly blank rows skipped.
    source : SourceInfo
        Path, SHA-256, format, encoding and sheet.
    framework_year : int
        The fiscal year of the framework the file was checked against (the answers' year, when
        the reader chose the frame from their dates).
    framework_sha256 : str
        That framework's hash ("" when unknown).
    """

    kind: str
    data: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    blank_rows: int
    source: SourceInfo
    framework_year: int
    framework_sha256: str = ""

    def in_frame(self, framework: Framework) -> ReadResult:
        """The same rows labelled with another frame's year (one that reads the file alike: ``Framework.reads_like``)."""
        return dataclasses.replace(self, framework_year=framework.fiscal_year, framework_sha256=framework.sha256)

    @property
    def accepted(self) -> int:
        """Number of accepted rows."""
        return len(self.data)

    @property
    def rejected(self) -> int:
        """Number of rejected rows."""
        return len(self.rejects)

    def summary(self) -> dict[str, Any]:
        """The ``ita validate --json`` document."""
        rejections = [
            {"row": int(r.row), "response_id": None if pd.isna(r.response_id) else str(r.response_id),
             "reason": r.reason}  # its messages: the JSON says them in the reader's language
            for r in self.rejects.itertuples(index=False)
        ]
        return {
            "file": self.source.path, "tool": self.kind, "fiscal_year": self.framework_year,
            "rows_read": self.rows_read, "accepted": self.accepted, "rejected": self.rejected,
            "blank_rows_skipped": self.blank_rows, "rejections": rejections,
            "input_sha256": self.source.sha256, "format": self.source.format,
            "encoding": self.source.encoding, "sheet": self.source.sheet,
        }


@overload
def table_of(data: ReadResult | pd.DataFrame) -> pd.DataFrame: ...
@overload
def table_of(data: None) -> None: ...
def table_of(data: ReadResult | pd.DataFrame | None) -> pd.DataFrame | None:
    """The accepted rows of a reader's result, or the DataFrame itself (the API takes either)."""
    if data is None:
        return None
    return data.data if isinstance(data, ReadResult) else data



#: What else a person or a script may write for each answer code (numbers as the export's codes).
_CODE_ALIASES = {
    "4L": {"1": "1", "2": "2", "3": "3", "4": "4", "1.0": "1", "2.0": "2", "3.0": "3", "4.0": "4"},
    "YN": {"yes": "yes", "no": "no", "1": "yes", "0": "no", "1.0": "yes", "0.0": "no", "true": "yes",
           "false": "no"},
}


def as_answer_codes(values: Any, scale: str, *, name: str = "answers") -> pd.Categorical:
    """One question's answers as codes: a Categorical of the scale's codes (missing = no answer).

    Takes what a reader gives (returned as is) or a column a script made: codes as texts or
    numbers (4-level 1–4; yes/no "yes"/"no" or 1/0), blanks as None, NaN or "".

    Raises
    ------
    ValueError
        Naming the column (``name``) and a value that is not an answer code of the scale, e.g.
        points (0–100) where codes are expected.
    """
    categories = answer_categories(scale)
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.Categorical) and tuple(values.categories) == categories:
        return values
    texts = pd.Series(np.asarray(values, dtype=object), dtype=object)
    blank = texts.isna() | (texts.astype(str).str.strip() == "")
    keys = texts.astype(str).str.strip().str.lower()
    codes = keys.map(_CODE_ALIASES[scale])
    bad = codes.isna() & ~blank
    if bad.any():
        example = texts[bad].iloc[0]
        raise ValueError(f"{name} must hold answer codes ({', '.join(categories)}; missing = no answer), "
                         f"got {example!r}: responses carry codes, and scoring turns them into points")
    return pd.Categorical(codes.where(~blank), categories=list(categories))


def expect(value: Any, name: str, types: type | tuple[type, ...], what: str) -> None:
    """Raise ``TypeError`` naming the parameter when ``value`` is not of ``types`` (None always passes)."""
    if value is not None and not isinstance(value, types):
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")


#: What marks each tool's responses: its group column.
_MARK = {"IIT": "staff_type", "EIT": "respondent_group"}


def responses_of(value: Any, tool: str, questions: list[str]) -> pd.DataFrame | None:
    """A tool's responses checked at the door: a reader's result or a DataFrame holding that tool's questions.

    Raises ``TypeError`` for anything else (a file name: read it first) and ``ValueError`` for the other
    tool's responses (swapped arguments) or missing question columns, each naming the parameter.
    """
    name = tool.lower()
    if value is None:
        return None
    if not isinstance(value, ReadResult | pd.DataFrame):
        hint = f" (read the file with read_{name})" if isinstance(value, str) or hasattr(value, "__fspath__") else ""
        raise TypeError(f"{name} must be a ReadResult or a DataFrame of {tool} responses{hint}, "
                        f"got {type(value).__name__}")
    frame = table_of(value)
    if isinstance(value, ReadResult) and value.kind != tool:
        raise ValueError(f"{name} holds {value.kind} data, not {tool} responses: did you swap the arguments?")
    other = "EIT" if tool == "IIT" else "IIT"
    missing = [q for q in questions if q not in frame.columns]
    if missing and _MARK[other] in frame.columns and _MARK[tool] not in frame.columns:
        raise ValueError(f"{name} holds {other} responses (it has {_MARK[other]}): did you swap the arguments?")
    if missing:
        raise ValueError(f"{name} lacks the question column(s) {', '.join(missing[:5])}"
                         f"{' …' if len(missing) > 5 else ''}")
    return frame
