"""Text clean-up for Thai exports: Unicode forms, Thai digits, numbers and dates.

Everything here works on whole pandas Series and parses each distinct value once, so a
column of a million answers costs a handful of dictionary look-ups.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd

__all__ = [
    "BE_OFFSET",
    "category_key",
    "clean_text",
    "label_key",
    "map_unique",
    "parse_dates",
    "parse_numbers",
]

#: Buddhist-era year minus Common-era year.
BE_OFFSET = 543
#: A year above this is Buddhist era.
_BE_THRESHOLD = 2400

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width and byte-order marks that web forms leave inside Thai text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"\s+")

T = TypeVar("T")


def clean_text(value: str) -> str:
    """Normalise one text cell: NFC, Thai digits → 0–9, no invisible marks, single spaces.

    A sara am typed as nikhahit + sara aa (``ํ`` + ``า``) becomes ``ำ``, which Unicode
    normalisation alone does not do; non-breaking spaces become spaces.
    """
    text = unicodedata.normalize("NFC", value).translate(_INVISIBLE).translate(_THAI_DIGITS)
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def label_key(value: str) -> str:
    """Key for matching answer labels and headers: cleaned, case-folded, ``4.0`` → ``4``."""
    key = clean_text(value).casefold()
    if key.endswith(".0") and key[:-2].isdigit():
        key = key[:-2]
    return key


def category_key(value: str) -> str:
    """Key for matching names (departments, staff types): like :func:`label_key`, no spaces at all.

    Thai writes words without spaces, so "ฝ่าย ปกครอง" and "ฝ่ายปกครอง" are one name.
    """
    return label_key(value).replace(" ", "")


def map_unique(series: pd.Series, func: Callable[[str], T]) -> pd.Series:
    """Apply ``func`` to each distinct value of a text Series once, and broadcast the results."""
    values = series.astype(object)
    uniques = pd.unique(values)
    lookup = {u: func(u) for u in uniques}
    return values.map(lookup).astype(object)


def _parse_unique(series: pd.Series, func: Callable[[str], object]) -> tuple[pd.Series, pd.Series]:
    """Parse each distinct cell once; ``func`` returns a value, NaN for blank, None when unreadable."""
    cells = series.astype(object)
    values: dict[object, object] = {}
    bad: dict[object, bool] = {}
    for u in pd.unique(cells):
        result = func(u)
        bad[u] = result is None
        values[u] = np.nan if result is None or isinstance(result, float) and np.isnan(result) else result
    return cells.map(values), cells.map(bad).astype(bool)


# -- numbers ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_YEARS_MONTHS = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:ปี|years?|yrs?|y)?\s*(?:(\d+)\s*(?:เดือน|months?|m))?$")


def _number(text: str) -> float | None:
    """One number, or None when the text is not one (blank → NaN)."""
    t = clean_text(text).replace(",", "")
    if not t:
        return float("nan")
    if _NUMBER.match(t):
        return float(t)
    m = _YEARS_MONTHS.match(t.casefold())
    if m:
        return float(m.group(1)) + (int(m.group(2)) / 12.0 if m.group(2) else 0.0)
    return None


def parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a text column as numbers.

    Accepts Thai digits, thousands separators and "N ปี M เดือน" (years and months).

    Returns
    -------
    values : Series of float
        NaN for blanks and for unreadable cells.
    bad : Series of bool
        True where a non-blank cell is not a number.
    """
    values, bad = _parse_unique(series, _number)
    return values.astype(float), bad


# -- dates ------------------------------------------------------------------------------------

_THAI_MONTHS = {
    "มกราคม": 1, "ม.ค.": 1, "กุมภาพันธ์": 2, "ก.พ.": 2, "มีนาคม": 3, "มี.ค.": 3, "เมษายน": 4, "เม.ย.": 4,
    "พฤษภาคม": 5, "พ.ค.": 5, "มิถุนายน": 6, "มิ.ย.": 6, "กรกฎาคม": 7, "ก.ค.": 7, "สิงหาคม": 8, "ส.ค.": 8,
    "กันยายน": 9, "ก.ย.": 9, "ตุลาคม": 10, "ต.ค.": 10, "พฤศจิกายน": 11, "พ.ย.": 11, "ธันวาคม": 12, "ธ.ค.": 12,
}
_TIME = r"(?:[ t,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*(?:น\.?)?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"\s*(?:z|[+-]\d{2}:?\d{2})?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})" + _TIME + "$")
_THAI = re.compile(
    r"^(\d{1,2})\s*(" + "|".join(re.escape(m) for m in sorted(_THAI_MONTHS, key=len, reverse=True))
    + r")\s*(?:พ\.ศ\.\s*)?(\d{4}|\d{2})" + _TIME + "$"
)
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _full_year(year: int, *, two_digit: bool) -> int:
    """Common-era year from a written year: above 2400 is Buddhist era; two digits are BE 25xx."""
    if two_digit:
        year += 2500
    return year - BE_OFFSET if year > _BE_THRESHOLD else year


def _date(text: str) -> dt.datetime | float | None:
    """One date-time, NaN for blank, None when unreadable."""
    t = clean_text(text).casefold()
    if not t:
        return float("nan")
    try:
        if m := _ISO.match(t):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = _full_year(y, two_digit=False)
        elif m := _DMY.match(t):
            d, mo = int(m.group(1)), int(m.group(2))
            y = _full_year(int(m.group(3)), two_digit=len(m.group(3)) == 2)
        elif m := _THAI.match(t):
            d, mo = int(m.group(1)), _THAI_MONTHS[m.group(2)]
            y = _full_year(int(m.group(3)), two_digit=len(m.group(3)) == 2)
        elif _SERIAL.match(t) and 20000 <= float(t) <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=float(t))
        else:
            return None
        hh, mm, ss = (int(g) if g else 0 for g in m.groups()[3:6])
        return dt.datetime(y, mo, d, hh, mm, ss)
    except ValueError:  # 31/02, hour 25 …
        return None


def parse_dates(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a text column of dates written the ways Thai exports write them.

    ISO (``2023-01-15 09:30``), day/month/year with a Buddhist-era or Common-era year
    (``15/01/2566 09:30``, ``15/01/66``), Thai month names (``15 ม.ค. 2566``) and Excel serial
    day numbers. A year above 2400 is Buddhist era; a two-digit year is BE 25xx.

    Returns
    -------
    values : Series of datetime64[ns]
        NaT for blanks and unreadable cells.
    bad : Series of bool
        True where a non-blank cell is not a readable date.
    """
    values, bad = _parse_unique(series, _date)
    return pd.to_datetime(values, errors="coerce").astype("datetime64[ns]"), bad
