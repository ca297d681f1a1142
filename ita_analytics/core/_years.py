"""The fiscal year of the answers, from their dates: the one place that decides which year a run is about.

A fiscal year runs 1 October – 30 September and is named by its Buddhist-era year (1 Oct 2569 –
30 Sep 2570 is FY2570). :func:`data_year` counts a read result's answers per fiscal year;
:func:`choose_year` picks the year of a run from the IIT and the EIT (or ``year`` when asked) and
lists what a reader must be told as :class:`YearNotice` codes (the words are the catalogue's, in
the output layer). Every command and :func:`ita_analytics.score` use them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._catalogue import Message
from ._framework import BE_OFFSET, current_fiscal_year
from ._types import ReadResult

__all__ = ["DataYear", "YearNotice", "YearWarning", "choose_year", "data_year", "fiscal_years", "warn_years"]


def fiscal_years(dates: pd.Series) -> pd.Series:
    """Each date's Buddhist-era fiscal year (1 October starts the next one); missing dates stay missing."""
    stamps = pd.to_datetime(dates, errors="coerce")
    years = stamps.dt.year + BE_OFFSET + (stamps.dt.month >= 10)
    return years.astype("Int64")


@dataclass(frozen=True)
class DataYear:
    """How a file's answers fall over fiscal years."""

    year: int | None  # the fiscal year most answers fall in (the newest of a tie); None without dates
    counts: dict[int, int]  # answers per fiscal year, oldest first
    undated: int  # answers without a date
    tool: str | None = None  # "IIT" or "EIT", when known

    @property
    def dated(self) -> int:
        """Answers with a date."""
        return sum(self.counts.values())

    @property
    def spans_years(self) -> bool:
        """True when the answers fall in more than one fiscal year."""
        return len(self.counts) > 1

    def to_dict(self) -> dict[str, Any]:
        """``year``, ``answers_per_year`` (years as text keys) and ``undated``, for JSON."""
        return {"year": self.year, "answers_per_year": {str(y): n for y, n in self.counts.items()}, "undated": self.undated}


def data_year(result: ReadResult | pd.DataFrame, *, tool: str | None = None) -> DataYear:
    """The fiscal year of a file's answers, from their dates (``submitted_at``; dates may be BE or CE).

    Examples
    --------
    >>> import pandas as pd
    >>> data_year(pd.DataFrame({"submitted_at": pd.to_datetime(["2026-10-01", "2027-06-30", "2026-09-30"])}))
    DataYear(year=2570, counts={2569: 1, 2570: 2}, undated=0, tool=None)
    """
    frame = result.data if isinstance(result, ReadResult) else result
    kind = result.kind if isinstance(result, ReadResult) else tool
    if "submitted_at" not in frame:
        return DataYear(None, {}, len(frame), kind)
    years = fiscal_years(frame["submitted_at"])
    undated = int(years.isna().sum())
    values, counts = np.unique(years.dropna().to_numpy(dtype=np.int64), return_counts=True)
    per_year = {int(y): int(n) for y, n in zip(values, counts)}
    year = max(per_year, key=lambda y: (per_year[y], y)) if per_year else None
    return DataYear(year, per_year, undated, kind)


#: What a run must be told about its years is a :class:`Message`: ``tools_disagree`` (the IIT's
#: answers are of one year, the EIT's of another), ``year_contradicts`` (the year asked for is not
#: the answers' year), ``spans_years`` (one file's answers fall in two or more fiscal years),
#: ``no_dates`` (no answer has a date: the current fiscal year by the clock is used).
YearNotice = Message


class YearWarning(UserWarning):
    """A warning about the fiscal years of the answers (mixed years, a contradicting year, no dates)."""


def choose_year(*years: DataYear | None, asked: int | None = None,
                today_year: int | None = None) -> tuple[int, list[YearNotice]]:
    """The fiscal year of a run, and what to tell its reader.

    ``asked`` (``--year``) wins when given; otherwise the year of most dated answers over the files
    (each file counted by its own year, the IIT's before the EIT's on a tie); without any date, the
    current fiscal year by the clock (``today_year``, default :func:`current_fiscal_year`).
    """
    given = [y for y in years if y is not None]
    notices = [Message("spans_years", tool=y.tool or "?", counts={str(k): n for k, n in y.counts.items()})
               for y in given if y.spans_years]
    dated = [(y, y.year) for y in given if y.year is not None]
    if len(dated) >= 2 and len({year for _, year in dated}) > 1:
        totals: dict[int, int] = {}
        for y, year in dated:
            totals[year] = totals.get(year, 0) + y.counts[year]
        chosen = asked if asked is not None else max(totals, key=lambda k: (totals[k], k))
        (iit, iy), (eit, ey) = dated[0], dated[1]
        notices.append(Message("tools_disagree", iit=iy, iit_n=iit.counts[iy], iit_total=iit.dated,
                               eit=ey, eit_n=eit.counts[ey], eit_total=eit.dated, year=chosen))
    elif dated:
        chosen = dated[0][1]
    else:
        chosen = today_year if today_year is not None else current_fiscal_year()
        if asked is None and given:
            notices.append(Message("no_dates", year=chosen))
    if asked is not None:
        for y, _ in dated:
            n = y.counts.get(asked, 0)
            if y.dated and n < y.dated / 2:
                notices.append(Message("year_contradicts", asked=asked, data=y.year, n=y.dated - n, total=y.dated,
                                       tool=y.tool or "?"))
        chosen = asked
    return chosen, notices


def warn_years(notices: list[YearNotice], *, stacklevel: int = 3) -> None:
    """Each notice as a :class:`YearWarning` (what a script sees; the CLI and the pack say them in words)."""
    for notice in notices:
        warnings.warn(notice.text("en", with_code=True), YearWarning, stacklevel=stacklevel)
