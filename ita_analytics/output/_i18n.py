"""Every word shown to people, in Thai (the default) and English: the catalogue's words and messages.

Results carry codes (check names, levels, flags, verdicts) and :class:`~ita_analytics.core._catalogue.Message`
objects (notes, warnings, reject reasons, errors); this module says them in the reader's language.
A text is looked up by its key and filled in with values, e.g. ``say("report.title", "th", year=2566)``.
The texts themselves are data: ``core/catalogue/th.toml`` and ``en.toml``. Assessment facts (names
of indicators, questions, OIT items) are not here: they belong to the fiscal year's framework file.
"""

from __future__ import annotations

from typing import Any

from ..core._catalogue import LANGUAGES, Message, Messages, catalogue, words
from ..core._errors import ITAInputError
from ..core._framework import BE_OFFSET

__all__ = ["CHECK_LABELS", "COLUMN_LABELS", "KIND_LABELS", "LANGUAGES", "SHEET_LABELS", "THAI_MONTHS", "WORDS",
           "chosen_language", "date_words", "error_words", "label", "note_words", "reason_words", "said", "say",
           "verdict_short", "verdict_words"]


def _both(section: str, table: str | None = None) -> dict[str, dict[str, str]]:
    """One table of the catalogue as ``{key: {"th": …, "en": …}}``."""
    books = {lang: catalogue(lang)[section] if table is None else catalogue(lang)[section][table] for lang in LANGUAGES}
    return {key: {lang: books[lang][key] for lang in LANGUAGES} for key in books["th"]}


#: Reject checks (the ``check`` column of a rejects table).
CHECK_LABELS = _both("labels", "check")
#: Kinds of input file.
KIND_LABELS = _both("labels", "kind")
#: Workbook sheets, by the table's code.
SHEET_LABELS = _both("labels", "sheet")
#: Workbook headers, by column code (a column not here keeps its code).
COLUMN_LABELS = _both("labels", "column")
#: Everything else, by key: ``{"th": …, "en": …}``; ``{name}`` marks a value filled in by :func:`say`.
WORDS = _both("words")
#: Month abbreviations as a Thai office writes them.
THAI_MONTHS = tuple(catalogue("th")["months"]["short"])


def date_words(value: Any, language: str, *, short: bool = False, time: bool = False) -> str:
    """A date as its reader writes it: "4 ก.ค. 2566" (Buddhist era; "4 ก.ค. 66" short) or "4 Jul 2023".

    Times are shown in Thai time (Asia/Bangkok): an aware timestamp is converted, a naive one is
    taken to be Thai time already (the BANGKOKITA exports are).
    """
    import pandas as pd

    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("Asia/Bangkok")
    if language == "th":
        year = ts.year + BE_OFFSET
        day = f"{ts.day} {THAI_MONTHS[ts.month - 1]} " + (f"{year % 100:02d}" if short else str(year))
    else:
        day = f"{ts.day} {catalogue('en')['months']['short'][ts.month - 1]}" + ("" if short else f" {ts.year}")
    return say("time.bangkok", language, date=day, time=f"{ts:%H:%M}") if time else day


def note_words(note: Any, language: str) -> str:
    """A note or warning of the library (a :class:`Message`) in the reader's language; other text is kept as it is."""
    return note.text(language) if isinstance(note, Message | Messages) else str(note)


def said(frame: Any, language: str) -> Any:
    """A table with every message in it (notes, reasons, measures' texts) said in ``language``; other cells as they are."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(lambda v: isinstance(v, Message | Messages)).any():
            out[column] = out[column].map(lambda v: note_words(v, language) if isinstance(v, Message | Messages) else v)
    return out


def chosen_language(choice: str | None = None) -> str:
    """The reader's language: ``choice`` (e.g. ``--lang``), else the ``ITA_LANG`` environment variable, else Thai."""
    import os

    chosen = (choice or os.environ.get("ITA_LANG", "")).strip().lower()
    return chosen if chosen in LANGUAGES else "th"


def label(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """The label of ``key`` in ``language``, or the key itself when there is none."""
    return table.get(key, {}).get(language, key)


def verdict_short(verdict: str, reason: str, language: str, *, threshold: float) -> str:
    """A verdict in a few words, for a terminal's column ("real ≥ 2", "untested (unmatched)"); the key says them whole."""
    if verdict == "not_tested":
        return say("short.not_tested", language, reason=say(f"short_reason.{reason or 'no_se'}", language))
    return say(f"short.{verdict}", language, threshold=threshold)


def verdict_words(verdict: str, reason: str, language: str, *, threshold: float) -> str:
    """A comparison row's verdict code (and, for ``not_tested``, its reason) as a sentence."""
    if verdict == "not_tested":
        return say("verdict.not_tested", language, reason=say(f"reason.{reason or 'no_se'}", language))
    return say(f"verdict.{verdict}", language, threshold=threshold)


def frame_words(framework: Any, language: str, *, long: bool = False) -> str:
    """Which frame a result used, in words: "กรอบปี 2567 ใช้แทนปี 2570 (ชั่วคราว)", or the year's own with its status.

    ``framework`` is a :class:`Framework`, a results document's ``method.framework`` block, or a
    provenance block (``framework_year``, ``frame_year``, ``carried_forward``, ``framework_status``).
    """
    get = framework.get if isinstance(framework, dict) else lambda k, d=None: getattr(framework, k, d)
    year = get("fiscal_year") or get("framework_year")
    frame, status = get("frame_year") or year, get("status") or get("framework_status") or "source"
    if get("carried_forward", False):
        return say("frame.carried_long" if long else "frame.carried", language, year=year, frame=frame)
    return say("frame.own", language, year=year, status=say(f"status.{status}", language))


def national_words(framework: Any, overall: float, language: str) -> str | None:
    """The agency's overall against the NACC's national mean of its year (else the latest published), or None."""
    result, same = framework.national_result()
    if result is None or overall != overall:
        return None
    key = "national.same" if same else "national.latest"
    return say(key, language, own=framework.fiscal_year, year=result.year, mean=result.mean, agencies=result.agencies,
               share=result.share_pass, score=overall, diff=overall - result.mean,
               derived=say("national.derived", language) if result.derived else "")


def say(key: str, language: str, **values: Any) -> str:
    """The catalogue's text for ``key`` in ``language``, filled in with ``values``.

    Raises
    ------
    KeyError
        When the catalogue has no such key (a programming error: every word is in the catalogue).
    """
    return words(key, language, **values)


#: A rejected row's reasons (:class:`Messages`) in the reader's language: said as any other message.
reason_words = note_words


def error_words(error: ITAInputError, language: str, *, flags: bool = False) -> str:
    """An unusable input or output in the reader's language, ending with its code: "iit.csv: ไม่มีไฟล์นี้ (ITA-E051)".

    ``flags`` names a parameter as the command line's option (``--target``).
    """
    return error.text(language, with_code=True, flags=flags)
