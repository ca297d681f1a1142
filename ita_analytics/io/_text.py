"""Text clean-up for Thai exports: Unicode forms, Thai digits, numbers and dates.

Everything here works on whole pandas Series and parses each distinct value once, so a
column of a million answers costs a handful of dictionary look-ups.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from ..core._arrays import row_blocks, text_array
from ..core._framework import BE_OFFSET

__all__ = [
    "BE_OFFSET",
    "category_key",
    "clean_categories",
    "clean_series",
    "clean_text",
    "distinct",
    "label_key",
    "map_unique",
    "parse_dates",
    "parse_numbers",
    "reading_facts",
]

#: A year above this is Buddhist era.
_BE_THRESHOLD = 2400

@functools.cache
def reading_facts() -> dict[str, Any]:
    """How Thai is written in an export's cells (``mappings/reading.toml``): digits, month names, words."""
    text = resources.files(__package__).joinpath("mappings", "reading.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _alternatives(words: list[str]) -> str:
    """A regular expression matching any of ``words`` (the longest first)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_FACTS = reading_facts()["text"]
_THAI_DIGITS = str.maketrans(_FACTS["thai_digits"], "0123456789")
_SARA_AM = tuple(_FACTS["sara_am"])
# Zero-width and byte-order marks that web forms leave inside Thai text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# Python's \s as literal characters, so that Arrow's regular expressions (RE2) match exactly the same ones.
_WHITESPACE_CLASS = "[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_SPACES = re.compile(_WHITESPACE_CLASS + "+")

T = TypeVar("T")


def clean_text(value: str) -> str:
    """Normalise one text cell: NFC, Thai digits → 0–9, no invisible marks, single spaces.

    A sara am typed as nikhahit + sara aa (``ํ`` + ``า``) becomes ``ำ``, which Unicode
    normalisation alone does not do; non-breaking spaces become spaces.
    """
    text = unicodedata.normalize("NFC", value).translate(_INVISIBLE).translate(_THAI_DIGITS)
    text = text.replace(*_SARA_AM).replace("\u00a0", " ")
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


def distinct(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of a text column: ``values[codes]`` is the column, code −1 a missing cell.

    A Categorical column (how large files are read) already is this, for free.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        return np.asarray(series.cat.codes), series.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def _broadcast(codes: np.ndarray, results: np.ndarray, missing: object, index: pd.Index) -> pd.Series:
    """``results[codes]`` with ``missing`` for code −1, as an object Series on ``index``."""
    table = np.empty(len(results) + 1, dtype=object)
    table[: len(results)] = results
    table[len(results)] = missing  # code −1 picks the last slot
    return pd.Series(table[codes], index=index, dtype=object)


def map_unique(series: pd.Series, func: Callable[[str], T]) -> pd.Series:
    """Apply ``func`` to each distinct value of a text Series once, and broadcast the results.

    Missing cells are treated as empty text.
    """
    codes, uniques = distinct(series)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [func(str(u)) for u in uniques]
    return _broadcast(codes, results, func(""), series.index)


#: Columns with more distinct values than this are cleaned with Arrow's vectorised string kernels.
VECTOR_MIN_ROWS = 20_000
_THAI_DIGIT_PAIRS = list(zip(_FACTS["thai_digits"], "0123456789"))


def clean_series(series: pd.Series) -> pd.Series:
    """:func:`clean_text` for a whole column (missing → ""), each distinct value once.

    Many distinct values (ids, time stamps) are cleaned with pyarrow's vectorised kernels; the
    result is the same as :func:`clean_text` (property-tested).
    """
    arrow = _arrow_text(series)
    if arrow is not None:  # text held by Arrow (ids, time stamps of a large file): cleaned there, no Python strings

        return pd.Series(text_array(_clean_arrow(arrow, as_arrow=True)), index=series.index)
    codes, uniques = distinct(series)
    return _broadcast(codes, _clean_values(uniques), "", series.index)


def _clean_values(uniques: np.ndarray) -> np.ndarray:
    """:func:`clean_text` of distinct values (an object array): one by one when few, with Arrow when many."""
    if len(uniques) >= VECTOR_MIN_ROWS:
        return _clean_arrow(uniques)
    cleaned = np.empty(len(uniques), dtype=object)
    cleaned[:] = [clean_text(str(u)) for u in uniques]
    return cleaned


def clean_categories(series: pd.Series, func: Callable[[str], str | None] | None = None) -> pd.Series:
    """:func:`clean_text` of a column (missing → ""), then ``func``, as a Categorical Series.

    Each distinct value is cleaned (and given to ``func``) once; a None result is a missing cell.
    The categories are the distinct results, sorted, so a million rows of names are never spelled
    out one by one: the column stays codes and a few texts.
    """
    codes, uniques = distinct(series)
    results = [*_clean_values(uniques), ""]  # the last slot: a missing cell (code −1)
    if func is not None:
        results = [func(r) for r in results]
    names = sorted({r for r in results if r is not None})
    position = {name: k for k, name in enumerate(names)}
    table = np.array([-1 if r is None else position[r] for r in results], dtype=np.int32)
    return pd.Series(pd.Categorical.from_codes(table[codes], categories=pd.Index(names, dtype=object)),
                     index=series.index)


def _arrow_text(series: pd.Series) -> object | None:
    """The Arrow string array behind a long text column read from a large file; None otherwise."""
    if len(series) < VECTOR_MIN_ROWS or not isinstance(series.dtype, pd.StringDtype) or series.dtype.storage != "pyarrow":
        return None
    import pyarrow as pa

    arr = pa.array(series.array)  # no copy: the column's own buffers
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string()) if arr.type != pa.string() else arr


def _clean_arrow(values: object, *, as_arrow: bool = False) -> Any:
    """:func:`clean_text` of many texts at once, with Arrow's string kernels (an Arrow array when ``as_arrow``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = values if isinstance(values, pa.Array) else pa.array(values, type=pa.string(), from_pandas=True)
    arr = pc.fill_null(arr, "")
    if _plain_ascii(arr):
        return arr if as_arrow else arr.to_numpy(zero_copy_only=False)  # plain ASCII words
    arr = pc.utf8_normalize(arr, "NFC")
    arr = pc.replace_substring_regex(arr, "[\u200b\u200c\u200d\u2060\ufeff]", "")
    for thai, digit in _THAI_DIGIT_PAIRS:
        arr = pc.replace_substring(arr, thai, digit)
    arr = pc.replace_substring(arr, *_SARA_AM)
    arr = pc.replace_substring_regex(arr, _WHITESPACE_CLASS + "+", " ")
    arr = pc.utf8_trim_whitespace(arr)
    return arr if as_arrow else arr.to_numpy(zero_copy_only=False)


def _parse_unique(series: pd.Series, func: Callable[[str], object]) -> tuple[pd.Series, pd.Series]:
    """Parse each distinct cell once; ``func`` returns a value, NaN for blank, None when unreadable."""
    codes, uniques = distinct(series)
    n = len(uniques)
    values = np.empty(n + 1, dtype=object)
    bad = np.zeros(n + 1, dtype=bool)
    for k, u in enumerate([*map(str, uniques), ""]):  # the last slot: a missing cell (code −1)
        result = func(u)
        bad[k] = result is None
        values[k] = np.nan if result is None or isinstance(result, float) and np.isnan(result) else result
    return pd.Series(values[codes], index=series.index), pd.Series(bad[codes], index=series.index)


# -- numbers ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_YEARS_MONTHS = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:" + _alternatives(_FACTS["year_words"]) + r")?\s*(?:(\d+)\s*(?:"
                           + _alternatives(_FACTS["month_words"]) + r"))?$")


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

_THAI_MONTHS: dict[str, int] = dict(reading_facts()["months"])
_O_CLOCK = r"\s*(?:" + _alternatives(_FACTS["time_suffixes"]) + r")?"
_TIME = r"(?:[ t,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?" + _O_CLOCK + r")?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"\s*(?:z|[+-]\d{2}:?\d{2})?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})" + _TIME + "$")
_THAI = re.compile(
    r"^(\d{1,2})\s*(" + "|".join(re.escape(m) for m in sorted(_THAI_MONTHS, key=len, reverse=True))
    + r")\s*(?:(?:" + _alternatives(_FACTS["era_prefixes"]) + r")\s*)?(\d{4}|\d{2})" + _TIME + "$"
)
#: The Common-era years a date may have (beyond them a year was mangled; pandas' nanosecond
#: time stamps end in 1677 and 2262).
_FIRST_YEAR, _LAST_YEAR = 1900, 2200
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
        if not _FIRST_YEAR <= y <= _LAST_YEAR:  # a mangled year (566, 9999): no survey's date
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
    if _arrow_text(series) is not None:  # text held by Arrow (a large file's stamps, nearly all distinct)
        return _parse_many_dates(clean_series(series))
    codes, uniques = distinct(series)
    texts = pd.Series(uniques, dtype=object)
    if len(uniques) >= VECTOR_MIN_ROWS:
        values_u, bad_u = _parse_many_dates(clean_series(texts))
    else:
        parsed, parsed_bad = _parse_unique(texts, _date)
        values_u = pd.to_datetime(parsed, errors="coerce").astype("datetime64[ns]")
        bad_u = parsed_bad
    values = np.append(values_u.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))[codes]
    bad = np.append(bad_u.to_numpy(dtype=bool), False)[codes]  # code −1 (missing) is the appended slot
    return pd.Series(values, index=series.index, dtype="datetime64[ns]"), pd.Series(bad, index=series.index)


_NUMERIC_DAY = re.compile(r"[0-9][0-9/.\-]*")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?" + _O_CLOCK + "$")


def _clock(text: str) -> float | None:
    """Seconds after midnight of a time of day, NaN for blank, None when unreadable."""
    t = text.strip()
    if not t:
        return float("nan")
    m = _CLOCK.match(t)
    if not m:
        return None
    h, mi, se = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    return float(h * 3600 + mi * 60 + se) if h < 24 and mi < 60 and se < 60 else None


def _parse_many_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Many distinct cleaned stamps: the common ISO layout read as bytes, the rest split into day and time."""
    import pyarrow as pa

    arrow = _arrow_text(text)
    if arrow is None:
        arrow = pa.array(text.to_numpy(dtype=object), type=pa.string())
    stamps = _iso_seconds(arrow)
    values, bad = pd.Series(stamps, index=text.index), pd.Series(False, index=text.index)
    rest = np.isnat(stamps) & (text != "").to_numpy()
    if rest.any():  # the others (another layout, or unreadable: the full parser says why)
        other, other_bad = _parse_dates_split(pd.Series(text[rest].to_numpy(dtype=object), dtype=object))
        values[rest] = other.to_numpy()
        bad[rest] = other_bad.to_numpy()
    return values, bad


def _parse_dates_split(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Many cleaned stamps: parse the distinct dates and the distinct times of day apart, then add them.

    A million timestamps hold a few hundred dates and at most 86,400 times, so this costs what
    those cost. Cells that do not split into a numeric date and a clock time (Thai month names,
    time zones, serial numbers) are parsed whole, as :func:`parse_dates` does for short columns.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(text.to_numpy(dtype=object), type=pa.string())
    arr = pc.replace_substring_regex(arr, "([0-9])[Tt]([0-9])", "\\1 \\2")
    parts = pc.extract_regex(arr, r"^(?P<day>[^ ]*)(?: (?P<clock>.*))?$")  # matches every text
    day_text = pc.fill_null(pc.struct_field(parts, "day"), "")
    clock_text = pc.fill_null(pc.struct_field(parts, "clock"), "")

    def parse(values: pa.Array, func: Callable[[str], object]) -> tuple[np.ndarray, np.ndarray]:
        """Parse each distinct text once (Arrow's dictionary encoding), then broadcast."""
        encoded = pc.dictionary_encode(values)
        parsed = [func(u) for u in encoded.dictionary.to_pylist()]
        bad = np.array([p is None for p in parsed], dtype=bool)
        index = encoded.indices.to_numpy(zero_copy_only=False)
        return np.asarray(parsed, dtype=object)[index], bad[index]

    def numeric_date(day: str) -> object:
        """A date written in digits alone (the rest, e.g. Thai month names, is parsed whole below)."""
        if day == "":
            return float("nan")
        return _date(day) if _NUMERIC_DAY.fullmatch(day) else None

    day_values, day_bad = parse(day_text, numeric_date)
    clock_values, clock_bad = parse(clock_text, _clock)
    ok = ~day_bad & ~clock_bad
    days = pd.to_datetime(pd.Series(day_values, index=text.index, dtype=object).where(ok, None),
                          errors="coerce").astype("datetime64[ns]")
    seconds = pd.to_numeric(pd.Series(np.where(ok, clock_values, np.nan), index=text.index), errors="coerce")
    values = days + pd.to_timedelta(seconds.fillna(0.0), unit="s")
    bad = pd.Series(False, index=text.index)
    rest = ~ok
    if rest.any():  # parse the odd ones whole
        whole, whole_bad = _parse_unique(text[rest], _date)
        values.loc[rest] = pd.to_datetime(whole, errors="coerce").astype("datetime64[ns]").to_numpy()
        bad.loc[rest] = whole_bad.to_numpy()
    return values.astype("datetime64[ns]"), bad


_ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]  # YYYY-MM-DD hh:mm:ss
_ISO_MARKS = {4: ord("-"), 7: ord("-"), 10: ord(" "), 13: ord(":"), 16: ord(":")}


def _iso_seconds(arr: Any) -> np.ndarray:
    """``YYYY-MM-DD hh:mm:ss`` stamps (years 1900–2200) read with numpy; NaT for every other text.

    Exports write most stamps this one way; reading their digits as a byte matrix, a block of
    rows at a time, costs a few milliseconds per million. Anything else — another layout, a
    Buddhist-era year, an impossible date such as 31 February — is left NaT for the full
    parser, which also says why a bad one is bad. ``arr`` is an Arrow string array without nulls.
    """
    out = np.full(len(arr), np.datetime64("NaT"), dtype="datetime64[ns]")
    offsets, data = utf8_bytes(arr)
    rows = np.flatnonzero(np.diff(offsets) == 19)
    aligned = len(rows) == len(out)  # every stamp of the same width: the bytes are already an n × 19 matrix
    for block in row_blocks(len(rows)):
        at = rows[block]
        if aligned:
            chars = data[offsets[0] + 19 * block.start: offsets[0] + 19 * block.stop].reshape(-1, 19)
        else:
            chars = data[offsets[at][:, None] + np.arange(19)]
        d = chars[:, _ISO_DIGITS].astype(np.int32) - ord("0")
        ok = ((d >= 0) & (d <= 9)).all(axis=1)
        for position, mark in _ISO_MARKS.items():
            ok &= chars[:, position] == mark
        year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
        month, day = d[:, 4] * 10 + d[:, 5], d[:, 6] * 10 + d[:, 7]
        hour, minute, second = d[:, 8] * 10 + d[:, 9], d[:, 10] * 10 + d[:, 11], d[:, 12] * 10 + d[:, 13]
        ok &= (year >= _FIRST_YEAR) & (year <= _LAST_YEAR) & (month >= 1) & (month <= 12) & (day >= 1)
        ok &= (hour < 24) & (minute < 60) & (second < 60)
        start = ((np.where(ok, year, 1970) - 1970) * 12 + np.where(ok, month, 1) - 1).astype("datetime64[M]")
        first_day = start.astype("datetime64[D]")
        days_in_month = ((start + 1).astype("datetime64[D]") - first_day).astype(np.int64)
        ok &= day <= days_in_month
        stamp = (first_day + (day - 1)).astype("datetime64[s]") + (hour * 3600 + minute * 60 + second)
        out[at[ok]] = stamp[ok].astype("datetime64[ns]")
    return out


def utf8_bytes(arr: Any) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (n + 1) and the UTF-8 bytes behind an Arrow (large) string array, as numpy views (no copy)."""
    import pyarrow as pa

    n = len(arr)
    _, offsets_buf, data_buf = arr.buffers()
    if offsets_buf is None:
        return np.zeros(n + 1, dtype=np.int32), np.zeros(0, dtype=np.uint8)
    wide = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    offsets = np.frombuffer(offsets_buf, dtype=np.int64 if wide else np.int32)[arr.offset: arr.offset + n + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, dtype=np.uint8)
    return offsets, data


def _plain_ascii(arr: Any) -> bool:
    """Whether every text is printable ASCII with no leading, trailing or doubled space: clean as it is."""
    import pyarrow.compute as pc

    offsets, data = utf8_bytes(arr)
    for start in range(int(offsets[0]), int(offsets[-1]), 1 << 20):  # a megabyte at a time: small temporaries
        chunk = data[start: min(start + (1 << 20), int(offsets[-1]))]
        if ((chunk - np.uint8(0x20)) > np.uint8(0x7E - 0x20)).any():  # below a space (wraps round) or above "~"
            return False
    return not any(pc.any(test).as_py() for test in (pc.starts_with(arr, " "), pc.ends_with(arr, " "),
                                                       pc.match_substring(arr, "  ")))
