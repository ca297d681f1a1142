"""Thai text clean-up, numbers and dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ita_analytics.io._text import category_key, clean_text, label_key, parse_dates, parse_numbers


def test_clean_text_fixes_what_thai_exports_do():
    assert clean_text(" มาก\u200b ") == "มาก"
    assert clean_text("น\u0e4d\u0e32") == "นำ"  # sara am typed as nikhahit + sara aa
    assert clean_text("๑๒ ปี") == "12 ปี"
    assert clean_text("a\u00a0\u00a0b") == "a b"
    assert label_key("Most") == "most" and label_key("4.0") == "4"
    assert category_key("ฝ่าย ปกครอง") == category_key("ฝ่ายปกครอง")


@pytest.mark.parametrize("text, expected", [
    ("2023-01-15", dt.datetime(2023, 1, 15)),
    ("2023-01-15T09:30:05", dt.datetime(2023, 1, 15, 9, 30, 5)),
    ("2566-01-15 09:30", dt.datetime(2023, 1, 15, 9, 30)),  # ISO with a BE year
    ("15/01/2566", dt.datetime(2023, 1, 15)),
    ("15/01/2566 09:30", dt.datetime(2023, 1, 15, 9, 30)),
    ("๑๕/๐๑/๒๕๖๖ ๐๙.๓๐ น.", dt.datetime(2023, 1, 15, 9, 30)),
    ("15/01/2023", dt.datetime(2023, 1, 15)),
    ("15/01/66", dt.datetime(2023, 1, 15)),
    ("15 ม.ค. 2566", dt.datetime(2023, 1, 15)),
    ("15 มกราคม พ.ศ. 2566 10:00", dt.datetime(2023, 1, 15, 10, 0)),
    ("44941", dt.datetime(2023, 1, 15)),  # Excel serial day
    ("44941.5", dt.datetime(2023, 1, 15, 12, 0)),
])
def test_dates(text, expected):
    values, bad = parse_dates(pd.Series([text]))
    assert not bad[0]
    assert values[0] == pd.Timestamp(expected)


def test_bad_and_blank_dates():
    values, bad = parse_dates(pd.Series(["31/02/2566", "", "yesterday", "2023-13-01"]))
    assert bad.tolist() == [True, False, True, True]
    assert values.isna().all()


def test_numbers():
    values, bad = parse_numbers(pd.Series(["1", "๑๒", "1.5", "2 ปี", "1 ปี 6 เดือน", "", "หนึ่ง", "1,200"]))
    assert bad.tolist() == [False, False, False, False, False, False, True, False]
    np.testing.assert_allclose(values.to_numpy()[[0, 1, 2, 3, 4, 7]], [1, 12, 1.5, 2, 1.5, 1200])
    assert np.isnan(values[5]) and np.isnan(values[6])


def test_vectorised_cleaning_equals_the_scalar_one():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ita_analytics.io import _text

    alphabet = st.sampled_from(list("ab Z9๐๑๕ \u200b\u00a0\t\nมากน้อยําำ\u0e4d\u0e32 ,-.")
                               + ["\u200d", "\ufeff", "\u3000", "\u2003", "\x0b", "\x1f", "\x85"])

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(alphabet=alphabet, max_size=12), min_size=1, max_size=30))
    def check(values):
        series = pd.Series(values + [None], dtype=object)
        old = _text.VECTOR_MIN_ROWS
        try:
            _text.VECTOR_MIN_ROWS = 0
            fast = _text.clean_series(series)
        finally:
            _text.VECTOR_MIN_ROWS = old
        assert fast.tolist() == [clean_text(v) for v in values] + [""]

    check()


def test_long_columns_parse_dates_like_short_ones(monkeypatch):
    import ita_analytics.core._arrays as _tables
    import ita_analytics.io._text as _text

    forms = ["2023-01-15", "2023-01-15T09:30:05", "2566-01-15 09:30", "15/01/2566", "15/01/2566 09:30",
             "๑๕/๐๑/๒๕๖๖ ๐๙.๓๐ น.", "15/01/66", "15 ม.ค. 2566", "15 มกราคม พ.ศ. 2566 10:00", "44941.5", "",
             "31/02/2566", "yesterday", "2023-13-01", "09:30", "2023-01-15 25:00", "2023-01-15 09:30+07:00",
             "1/2/2566 7:05:09", " 2023-05-01  08:00 ", "2023-05-01\u200b 08:00",
             # the byte-matrix lane: valid, impossible, Buddhist-era, out of its year range
             "2023-05-20 12:57:05", "2024-02-29 23:59:59", "2023-02-29 00:00:00", "2566-05-20 12:57:05",
             "1899-12-31 23:59:59", "2023-12-31 24:00:00", "๒๐๒๓-๐๕-๒๐ ๑๒:๕๗:๐๕"]
    rng = np.random.default_rng(0)
    iso = forms[forms.index("2023-05-20 12:57:05"):-1]  # all 19 characters wide: the bytes form one matrix
    monkeypatch.setattr(_tables, "_BLOCK_ROWS", 7)  # many row blocks
    for series in (pd.Series(rng.choice(forms, 400), dtype=object), pd.Series(rng.choice(iso, 400), dtype=object)):
        monkeypatch.setattr(_text, "VECTOR_MIN_ROWS", 10**9)
        short_values, short_bad = parse_dates(series)
        monkeypatch.setattr(_text, "VECTOR_MIN_ROWS", 0)
        long_values, long_bad = parse_dates(series)
        assert long_bad.tolist() == short_bad.tolist()
        pd.testing.assert_series_equal(long_values, short_values, check_names=False)
        # text held by Arrow, as the large-file reader keeps time stamps
        arrow_values, arrow_bad = parse_dates(series.astype(pd.StringDtype("pyarrow", na_value=np.nan)))
        assert arrow_bad.tolist() == short_bad.tolist()
        pd.testing.assert_series_equal(arrow_values, short_values, check_names=False)
        assert short_bad.sum() > 10 and short_values.notna().sum() > 100


@pytest.mark.parametrize("as_category", [False, True])
def test_clean_categories_is_clean_text_then_func_with_sorted_names(as_category):
    from ita_analytics.io._text import clean_categories

    values = ["ฝ่าย  ปกครอง", "ฝ่ายโยธา", None, "", "ฝ่าย\u200bปกครอง", "ฝ่ายลับ", "ฝ่ายโยธา "]
    series = pd.Series(values, dtype="category" if as_category else object)

    def func(text: str) -> str | None:  # "ฝ่ายลับ" is unknown; blank stays blank
        return None if text == "ฝ่ายลับ" else text

    out = clean_categories(series, func)
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert out.cat.categories.tolist() == ["", "ฝ่าย ปกครอง", "ฝ่ายปกครอง", "ฝ่ายโยธา"]
    expected = [func(clean_text(v or "")) for v in values]
    assert [None if pd.isna(v) else v for v in out.tolist()] == expected


@pytest.mark.parametrize("many", [False, True])  # few distinct stamps (parsed one by one), many (vectorised)
def test_a_date_with_a_mangled_year_is_unreadable_not_a_crash(many):
    """A year that lost or gained a digit (566, 25666) or lies beyond pandas' time stamps is a bad
    date (a reject with its reason), never an error; the years around it still read."""
    from ita_analytics.io._text import _parse_many_dates

    texts = ["2/5/566 10:31", "0566-05-02 10:31:00", "1066-05-02", "02/05/3000 10:00", "9999-01-01",
             "2 ม.ค. 566", "1899-12-31", "1900-01-01", "2200-12-31 23:59:59", "2566-05-02 10:31:00", "15/01/66"]
    values, bad = (_parse_many_dates if many else parse_dates)(pd.Series(texts))
    assert bad.tolist() == [True] * 7 + [False] * 4
    assert values[7:].astype(str).tolist() == ["1900-01-01 00:00:00", "2200-12-31 23:59:59",
                                               "2023-05-02 10:31:00", "2023-01-15 00:00:00"]
