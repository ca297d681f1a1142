"""Readers that turn any export into one tidy table plus a rejects table, losing nothing.

Every data row of a file is either accepted or rejected with its row number (1 = the first
row after the header), its response id and a reason in words: ``accepted + rejected ==
rows_read``, always. A file that cannot be used at all raises :class:`ITAInputError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..core._catalogue import Message, Messages
from ..core._errors import FrameworkError, ITAInputError
from ..core._framework import Framework, Question, answer_categories, load_framework
from ..core._types import ReadResult, expect, table_of
from ..core._years import choose_year, data_year
from ._cache import read_cached
from ._mapping import ColumnMapping, load_mapping
from ._tables import RawTable, read_table
from ._text import (
    category_key,
    clean_categories,
    clean_series,
    clean_text,
    distinct,
    label_key,
    map_unique,
    parse_dates,
    parse_numbers,
    reading_facts,
)
from ._xlsx import DEFAULT_MAX_XLSX_MB

__all__ = [
    "ReadResult",
    "read_eit",
    "read_iit",
    "read_oit_checklist",
    "read_published",
    "read_responses",
    "read_roster",
]

Kind = Literal["IIT", "EIT", "roster", "oit", "published"]
PathLike = str | Path

#: Columns each kind of file must have (besides the questions of a survey tool).
_REQUIRED: dict[str, tuple[str, ...]] = {
    "IIT": ("response_id", "department", "staff_type", "tenure_years"),
    "EIT": ("response_id", "respondent_group"),
    "roster": ("department", "staff_type", "eligible"),
    "oit": ("item", "status"),
    "published": ("fiscal_year", "level", "id", "score"),
}
_OPTIONAL: dict[str, tuple[str, ...]] = {
    "IIT": ("submitted_at", "started_at", "agency"),
    "EIT": ("submitted_at", "started_at", "agency", "department"),
    "roster": ("agency",),
    "oit": ("url", "responsible", "note"),
    "published": ("agency", "grade", "reliable", "note"),
}
_REJECT_COLUMNS = ["row", "response_id", "reason", "check"]
_READING = reading_facts()["ingest"]
_YEAR_PREFIX = r"^(" + "|".join(re.escape(p) for p in _READING["year_prefixes"]) + r")\s*"
_INDICATOR_PREFIX = r"^(" + "|".join(re.escape(p) for p in _READING["indicator_prefixes"]) + r")\s*"
#: Columns of survey responses that name groups: kept as pandas Categoricals (a million rows of
#: a few thousand names cost codes, not a million copies of the text).
_GROUP_COLUMNS = frozenset({"agency", "department", "staff_type", "respondent_group"})


class _Problems:
    """Collects row-level problems as (row positions, reason, check) and joins them per row.

    A reason is a catalogue :class:`Message`; the rejects table's ``reason`` holds each row's
    :class:`Messages` (all its reasons), which the output layer says in the reader's language.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self._parts: list[pd.DataFrame] = []

    def add(self, mask: np.ndarray | pd.Series, check: str, reason: str | Message | Callable[[np.ndarray], Any],
            /, **values: Any) -> None:
        """Record the problem ``check`` for the rows in ``mask``, with the message ``reason`` (a name) and ``values``.

        A value that is a Series or an array gives each row its own (taken only at the rows in
        ``mask``: cheap when a million rows are fine); ``reason`` may instead be a function of the
        rows' positions that returns one message per row.
        """
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        pos = np.flatnonzero(mask)
        if callable(reason):
            reasons = np.asarray(list(reason(pos)), dtype=object)
        elif isinstance(reason, Message):
            reasons = np.asarray([reason] * len(pos), dtype=object)  # np.full would make a message a plain str
        else:
            reasons = np.asarray(_messages(reason, pos, values), dtype=object)
        self._parts.append(pd.DataFrame({"pos": pos, "reason": pd.Series(reasons, dtype=object), "check": check}))

    def bad(self) -> np.ndarray:
        mask = np.zeros(self.n, dtype=bool)
        for part in self._parts:
            mask[part["pos"].to_numpy()] = True
        return mask

    def table(self, rows: np.ndarray, ids: pd.Series) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame({c: pd.Series(dtype=object if c != "row" else "int64") for c in _REJECT_COLUMNS})
        allp = pd.concat(self._parts, ignore_index=True).sort_values("pos", kind="stable")
        every = allp["pos"].to_numpy()
        pos, starts = np.unique(every, return_index=True)  # each row's problems, in the order they were found
        ends = np.append(starts[1:], len(every))
        reasons, checks = allp["reason"].to_numpy(dtype=object), allp["check"].to_numpy(dtype=object)
        rid = ids.to_numpy(dtype=object)[pos]
        return pd.DataFrame({
            "row": rows[pos].astype("int64"),
            "response_id": [None if (v is None or v == "") else v for v in rid],
            "reason": pd.Series([Messages(reasons[a:b]) for a, b in zip(starts, ends)], dtype=object),  # not str
            "check": [";".join(checks[a:b]) for a, b in zip(starts, ends)],
        })


# -- shared steps -------------------------------------------------------------------------------

def _resolve(framework: Framework | None, mapping: ColumnMapping | None, year: int | None) -> tuple[Framework, ColumnMapping]:
    expect(framework, "framework", Framework, "a Framework (load_framework(2566))")
    expect(mapping, "mapping", ColumnMapping, "a ColumnMapping (load_mapping())")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError(f"year must be a Buddhist-era year such as 2566, got {type(year).__name__}")
    return (framework or load_framework(year)), (mapping or load_mapping())


def _header_test(mapping: ColumnMapping, kind: str) -> Any:
    wanted = set(_REQUIRED[kind]) | set(_OPTIONAL[kind])

    def is_header(row: list[str]) -> bool:
        hits = sum(1 for c in row if mapping.column_of(c) in wanted or mapping.question_of(c) is not None)
        return hits >= 2

    return is_header


Layout = tuple[dict[str, int], list[tuple[str, int]], set[str]]


def _layout(raw: RawTable, mapping: ColumnMapping, kind: str, questions: tuple[str, ...]) -> Layout:
    """Header position of each canonical column and question, the extra columns, and foreign questions."""
    wanted = set(_REQUIRED[kind]) | set(_OPTIONAL[kind])
    found: dict[str, int] = {}
    extras: list[tuple[str, int]] = []
    foreign: set[str] = set()
    path = Path(raw.source.path)
    for pos, header in enumerate(raw.header):
        name = mapping.column_of(header)
        qid = mapping.question_of(header) if name is None else None
        key = name if name in wanted else (qid if qid in questions else None)
        if key is None:
            if qid is not None:
                foreign.add(qid)
            label = clean_text(header) or f"column_{pos + 1}"
            extras.append((label, pos))
            continue
        if key in found:
            raise ITAInputError("two_columns", path=path, column=key, first=raw.header[found[key]], second=header)
        found[key] = pos
    return found, extras, foreign


def _missing_columns(found: dict[str, int], kind: str, questions: Iterable[str], foreign: set[str],
                     path: Path, other_tool: str | None) -> None:
    missing = [c for c in _REQUIRED[kind] if c not in found]
    missing_q = [q for q in questions if q not in found]
    if missing_q and other_tool and foreign and len(foreign) >= len(missing_q) // 2:
        raise ITAInputError("other_tool", path=path, other=other_tool, kind=kind, flag=other_tool.lower(),
                            columns=sorted(foreign, key=_qsort)[:3])
    if missing or missing_q:
        raise ITAInputError("missing_columns", path=path, columns=missing + ([_span(missing_q)] if missing_q else []))
    prefixes = {_qprefix(q) for q in questions}
    unknown = sorted((q for q in foreign if _qprefix(q) in prefixes), key=_qsort)
    if unknown:
        raise ITAInputError("question_not_in_frame", path=path, questions=_span(unknown))


def _qprefix(qid: str) -> str:
    return qid.rstrip("0123456789")


def _qsort(qid: str) -> tuple[str, int]:
    return qid[0], int(qid[1:]) if qid[1:].isdigit() else 0


def _span(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else (", ".join(ids) if len(ids) <= 4 else f"{ids[0]} … {ids[-1]} ({len(ids)})")


#: The longest cell a row may hold: a spreadsheet cell's limit (Excel: 32,767 characters). Longer is no answer
#: a person typed, and the row is rejected; the same rule for both readers and every file size.
MAX_CELL_CHARS = 32_767


def _frame(raw: RawTable, problems: _Problems) -> pd.DataFrame:
    """The records as a text DataFrame with positional columns, and the rows' problems found so far.

    Ragged rows, over-long cells and what the file itself says (merged cells, formulas never
    computed) become problems.
    """
    width = len(raw.header)

    problems.add(raw.lengths < width, "ragged_row", "ragged_row", cells=raw.lengths, width=width)
    problems.add(raw.surplus, "ragged_row", "ragged_row", cells=raw.lengths, width=width)
    longest = _longest_cells(raw.frame)
    problems.add(longest > MAX_CELL_CHARS, "long_cell", "long_cell", chars=longest, limit=MAX_CELL_CHARS)
    if raw.row_problems:
        at = {int(r): k for k, r in enumerate(raw.rows)}
        for row, (reason, check) in raw.row_problems.items():
            if row in at:
                mask = np.zeros(len(raw.frame), dtype=bool)
                mask[at[row]] = True
                problems.add(mask, check, reason)
    return raw.frame


def _longest_cells(frame: pd.DataFrame) -> np.ndarray:
    """The longest cell of each row (characters), a column at a time (a Categorical by its distinct texts)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    longest = np.zeros(len(frame), dtype=np.int64)
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            sizes = np.append(column.cat.categories.astype(str).str.len().to_numpy(dtype=np.int64), 0)
            np.maximum(longest, sizes[column.cat.codes.to_numpy()], out=longest)
            continue
        if column.dtype == object:
            texts = pa.array(column.where(column.notna(), "").astype(str).to_numpy(), type=pa.string())
        else:
            texts = column.array.__arrow_array__()
        if (pc.max(pc.binary_length(texts)).as_py() or 0) <= MAX_CELL_CHARS:  # bytes ≥ characters: nothing too long
            continue
        lengths = pc.utf8_length(texts)
        lengths = lengths.combine_chunks() if isinstance(lengths, pa.ChunkedArray) else lengths
        np.maximum(longest, lengths.fill_null(0).to_numpy(zero_copy_only=False), out=longest)
    return longest


def _text_col(frame: pd.DataFrame, found: dict[str, int], name: str) -> pd.Series:
    if name not in found:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return clean_series(frame[found[name]])


def _names_col(frame: pd.DataFrame, found: dict[str, int], name: str,
               func: Callable[[str], str | None] | None = None) -> pd.Series:
    """A column of names (agency, department, staff type), cleaned and given to ``func``, as a Categorical."""
    column = frame[found[name]] if name in found else pd.Series("", index=frame.index, dtype=object)
    return clean_categories(column, func)


def _require(problems: _Problems, col: pd.Series, name: str) -> np.ndarray:
    blank = (col == "").to_numpy()
    problems.add(blank, "missing_value", "missing_value", column=name)
    return blank


def _canonical(lookup: dict[str, str], *, prefix: str = "") -> Callable[[str], str | None]:
    """Cleaned text → its canonical category name; "" stays ""; an unknown name becomes None."""
    def one(value: str) -> str | None:
        if value == "":
            return ""
        key = category_key(value)
        return lookup.get(key) or (lookup.get(category_key(prefix + value)) if prefix else None)

    return one


def _category(problems: _Problems, frame: pd.DataFrame, found: dict[str, int], name: str, what: str,
              mapping: ColumnMapping, framework: Framework) -> pd.Series:
    """A required category column made canonical; blanks and unknown values become problems."""
    text = _names_col(frame, found, name)
    values = clean_categories(text, _canonical(mapping.value_lookup(name, framework)))
    blank = _require(problems, text, name)
    problems.add(values.isna().to_numpy() & ~blank, "unknown_value", "unknown_value", column=name, value=text)
    return values


def _departments(frame: pd.DataFrame, found: dict[str, int], mapping: ColumnMapping,
                 framework: Framework) -> pd.Series:
    """Department names made canonical where the framework or mapping knows them, cleaned otherwise."""
    canonical = _canonical(mapping.value_lookup("department", framework), prefix=_READING["department_prefix"])
    return _names_col(frame, found, "department", lambda value: canonical(value) or value)


def _finish(kind: str, raw: RawTable, frame: pd.DataFrame, problems: _Problems, ids: pd.Series,
            columns: dict[str, pd.Series], extras: list[tuple[str, int]], framework: Framework,
            answers: dict[str, pd.Categorical] | None = None) -> ReadResult:
    """The accepted rows as one tidy table (``answers``, one column of codes per question, after ``columns``)."""
    rows = raw.rows
    bad = problems.bad()
    keep = ~bad
    every = bool(keep.all())

    def kept(values: Any) -> Any:
        return values if every else values[keep]

    def column(name: str, values: pd.Series) -> Any:
        categorical = isinstance(values.dtype, pd.CategoricalDtype)
        if kind in ("IIT", "EIT") and name in _GROUP_COLUMNS:  # who answered: codes + a few names
            return _drop_unused(kept(values.array if categorical else pd.Categorical(values.to_numpy())))
        return kept((values.astype(object) if categorical else values).array)

    data = pd.DataFrame({"row": rows[keep], **{k: column(k, v) for k, v in columns.items()},
                         **{q: kept(codes) for q, codes in (answers or {}).items()}}, copy=False)
    taken = set(data.columns)
    for label, pos in extras:
        name = label if label not in taken else f"{label} (extra)"
        taken.add(name)
        data[name] = kept(frame[pos].to_numpy())
    rejects = problems.table(rows, ids)
    result = ReadResult(kind=kind, data=data, rejects=rejects, rows_read=len(raw), blank_rows=raw.blank_rows,
                        source=raw.source, framework_year=framework.fiscal_year, framework_sha256=framework.sha256)
    assert result.accepted + result.rejected == result.rows_read  # the ledger always balances
    return result


def _drop_unused(values: pd.Categorical) -> pd.Categorical:
    """``values.remove_unused_categories()`` (order kept), by counting the codes instead of sorting them."""
    codes = values.codes
    used = np.bincount(codes[codes >= 0], minlength=len(values.categories)) > 0
    if used.all():
        return values
    remap = np.append(np.cumsum(used) - 1, -1).astype(codes.dtype)  # the last slot: code −1 stays −1
    return pd.Categorical.from_codes(remap[codes], dtype=pd.CategoricalDtype(values.categories[used],
                                                                           ordered=values.ordered))


def _messages(name: str, pos: np.ndarray, values: dict[str, Any]) -> list[Message]:
    """The message ``name`` for each row at ``pos``: a Series or array value gives each row its own."""
    each = {k: (v.to_numpy(dtype=object) if isinstance(v, pd.Series) else np.asarray(v, dtype=object))[pos]
            for k, v in values.items() if isinstance(v, pd.Series | np.ndarray)}
    fixed = {k: v for k, v in values.items() if k not in each}
    if not each:
        return [Message(name, **fixed)] * len(pos)
    keys = list(each)
    return [Message(name, **fixed, **{k: _plain(v) for k, v in zip(keys, row)}) for row in zip(*each.values())]


def _plain(value: Any) -> Any:
    """A numpy scalar as its Python value (for a message's values: JSON and formatting)."""
    return value.item() if isinstance(value, np.generic) else value


def _duplicates(problems: _Problems, keys: pd.DataFrame | pd.Series, rows: np.ndarray, what: str,
                usable: np.ndarray) -> None:
    """Reject the later of rows sharing a key (among rows whose key is usable)."""
    frame = keys.to_frame() if isinstance(keys, pd.Series) else keys
    # integer codes stand for the key texts: a million ids compare as numbers
    frame = pd.DataFrame({c: pd.factorize(frame[c])[0] for c in frame.columns}, index=frame.index)
    sub = frame.loc[usable]
    dup = sub.duplicated(keep="first")
    if not dup.any():
        return
    first_row = pd.Series(rows[usable], index=sub.index).groupby([sub[c] for c in sub.columns], sort=False).transform("first")
    mask = np.zeros(len(frame), dtype=bool)
    mask[np.flatnonzero(usable)[dup.to_numpy()]] = True
    first = pd.Series(0, index=frame.index, dtype="int64")
    first.loc[sub.index[dup.to_numpy()]] = first_row[dup].to_numpy()
    problems.add(mask, "duplicate", "duplicate", column=what, first=first)


# -- survey exports -----------------------------------------------------------------------------

def read_responses(
    path: PathLike,
    tool: Literal["IIT", "EIT"],
    *,
    framework: Framework | None = None,
    year: int | None = None,
    mapping: ColumnMapping | None = None,
    roster: ReadResult | pd.DataFrame | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    cache: str | Path | None = None,
    max_xlsx_mb: float = DEFAULT_MAX_XLSX_MB,
) -> ReadResult:
    """Read an IIT or EIT export into tidy responses (answers as codes) and rejects.

    Parameters
    ----------
    path : str or Path
        CSV (UTF-8, UTF-8 with BOM, UTF-16 with BOM or TIS-620/cp874) or .xlsx.
    tool : {"IIT", "EIT"}
        Which survey the file holds.
    framework : Framework, optional
        The fiscal year's framework (default: ``load_framework(year)``).
    year : int, optional
        Fiscal year of the framework to load when ``framework`` is not given.
    mapping : ColumnMapping, optional
        Header and label aliases (default: :func:`load_mapping`).
    roster : ReadResult or DataFrame, optional
        The staff roster; IIT rows whose department or (department, staff type) it lacks are
        rejected.
    encoding, sheet : str, optional
        Force a CSV encoding; choose an Excel sheet.
    cache : str or Path, optional
        A folder for a Parquet copy of the result, keyed by the file's SHA-256 and everything
        else the reading depends on: the same file read the same way is parsed once.
    max_xlsx_mb : float
        The largest size an .xlsx file may unpack to (a "zip bomb" guard, checked before reading).

    Returns
    -------
    ReadResult
        Each question's answers are codes ("1" … "4", or "yes"/"no"; missing = no answer):
        :func:`ita_analytics.score` turns them into points with the framework it is given.
    """
    if tool not in ("IIT", "EIT"):
        raise ValueError(f"tool must be 'IIT' or 'EIT', got {tool!r}")
    fw, mp = _resolve(framework, mapping, year)
    if not fw.is_scorable:
        raise ITAInputError("frame_not_scorable", year=fw.fiscal_year, tool=tool)
    roster_sha = "" if roster is None or not isinstance(roster, ReadResult) else roster.source.sha256
    if roster is not None and not isinstance(roster, ReadResult):
        cache = None  # a roster given as a table has no digest to key the cache with

    def read_with(f: Framework) -> ReadResult:
        return read_cached(cache, lambda: _read_survey(Path(path), tool, f, mp, roster, encoding, sheet, max_xlsx_mb),
                           path, tool, f.sha256, mp.sha256, str(encoding), str(sheet), roster_sha)

    result = read_with(fw)
    if framework is None and year is None:  # no year asked: the answers' own year decides the frame
        result = in_its_year(result, fw, read_with)
    return result


def in_its_year(result: ReadResult, used: Framework, read_with: Callable[[Framework], ReadResult]) -> ReadResult:
    """A result read with ``used``, put in the fiscal year of its answers' dates.

    The frame of that year (carried forward where none is shipped) reads the file again only
    when it reads differently (other questions or categories); otherwise the result is relabelled.
    """
    chosen, _ = choose_year(data_year(result))
    if chosen == used.fiscal_year:
        return result
    try:
        frame = load_framework(chosen)
    except FrameworkError:  # a year before every frame: the frame used stays, and score() says the years disagree
        return result
    if not frame.reads_like(used):
        return read_with(frame)
    return result.in_frame(frame)


def _read_survey(path: Path, tool: str, fw: Framework, mp: ColumnMapping, roster: ReadResult | pd.DataFrame | None,
                 encoding: str | None, sheet: str | None, max_xlsx_mb: float) -> ReadResult:
    """The survey reader itself: who answered (checked) and what (answer codes)."""
    questions = fw.questions_of(tool)
    qids = tuple(q.id for q in questions)
    raw = read_table(path, is_header=_header_test(mp, tool), encoding=encoding, sheet=sheet, max_xlsx_mb=max_xlsx_mb)
    found, extras, foreign = _layout(raw, mp, tool, qids)
    _missing_columns(found, tool, qids, foreign, path, "EIT" if tool == "IIT" else "IIT")
    problems = _Problems(len(raw))
    frame = _frame(raw, problems)
    ids = _text_col(frame, found, "response_id")
    missing_id = _require(problems, ids, "response_id")
    _duplicates(problems, ids, raw.rows, "response_id", ~missing_id)
    columns = {"response_id": ids, **_stamps(problems, frame, found)}
    agency = _names_col(frame, found, "agency")
    columns["agency"] = agency.where(agency != "", None)
    dept = _departments(frame, found, mp, fw)
    if tool == "IIT":
        columns.update(_staff_columns(problems, frame, found, mp, fw, dept))
        if roster is not None:
            _check_roster(problems, roster, agency, dept, columns["staff_type"])
    else:
        group = _category(problems, frame, found, "respondent_group", "respondent group", mp, fw)
        columns.update(department=dept.where(dept != "", None), respondent_group=group)
    answers = {}
    answered = np.zeros(len(frame), dtype=bool)
    for q in questions:
        text = frame[found[q.id]]
        if not isinstance(text.dtype, pd.CategoricalDtype):  # a few labels, a million rows: codes, not copies of text
            text = text.fillna("").astype("category")
        answers[q.id], unknown = _answer_codes(text, q.scale, mp)
        answered |= answers[q.id].codes >= 0
        if unknown is not None:
            problems.add(unknown, "unknown_answer", partial(_answer_problems, text, q))
    problems.add(~answered, "empty_response", "empty_response")
    return _finish(tool, raw, frame, problems, ids, columns, extras, fw, answers)


def _stamps(problems: _Problems, frame: pd.DataFrame, found: dict[str, int]) -> dict[str, pd.Series]:
    """``submitted_at`` (NaT when the file has none) and, when present, ``started_at``, as time stamps."""
    columns: dict[str, pd.Series] = {}
    for name in ("submitted_at", "started_at"):  # started_at is optional: it times the questionnaire
        if name in found:
            stamp_text = _text_col(frame, found, name)
            stamps, bad_stamp = parse_dates(stamp_text)
            problems.add(bad_stamp, "bad_date", "bad_date", column=name, value=stamp_text)
            columns[name] = stamps
        elif name == "submitted_at":
            columns[name] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return columns


def _staff_columns(problems: _Problems, frame: pd.DataFrame, found: dict[str, int], mp: ColumnMapping,
                   fw: Framework, dept: pd.Series) -> dict[str, pd.Series]:
    """The IIT's department, staff type and tenure, checked against the framework's rules."""
    _require(problems, dept, "department")
    staff = _category(problems, frame, found, "staff_type", "staff type", mp, fw)
    tenure_text = _text_col(frame, found, "tenure_years")
    tenure, bad_tenure = parse_numbers(tenure_text)
    _require(problems, tenure_text, "tenure_years")
    problems.add(bad_tenure, "bad_number", "bad_tenure", value=tenure_text)
    minimum = fw.minimum_tenure_years
    low = (tenure < minimum).to_numpy()
    problems.add(low, "tenure_below_rule", "tenure_below_rule", tenure=tenure, minimum=minimum)
    return {"department": dept.where(dept != "", None), "staff_type": staff, "tenure_years": tenure}


def read_iit(path: PathLike, **options: Any) -> ReadResult:
    """Read an IIT (staff) export; see :func:`read_responses` for the options."""
    return read_responses(path, "IIT", **options)


def read_eit(path: PathLike, **options: Any) -> ReadResult:
    """Read an EIT (service users) export; see :func:`read_responses` for the options."""
    return read_responses(path, "EIT", **options)


_CODE = re.compile(r"^-?\d+$")


def _answer_codes(text: pd.Series, scale: str, mapping: ColumnMapping) -> tuple[pd.Categorical, np.ndarray | None]:
    """Each answer as its code, and where the answer is unknown.

    The codes are a Categorical of the scale's codes (blank or unknown: missing); the second value
    is None when every answer is known or blank.
    """
    labels = mapping.answers["four_level" if scale == "4L" else "yes_no"]
    categories = answer_categories(scale)

    def one(value: str) -> int | None:
        key = label_key(value)
        if key == "":
            return -1
        code = labels.get(key)
        return None if code not in categories else categories.index(code)

    codes, uniques = distinct(text)
    found = [one(str(u)) for u in uniques]
    values = np.array([-1 if c is None else c for c in found] + [-1], dtype=np.int8)  # last slot: a missing cell
    if codes.dtype == np.int8:  # the usual case, a few labels: a 256-slot table indexed by the code's byte
        table = np.full(256, -1, dtype=np.int8)  # code −1 is byte 255: a missing cell
        table[: len(values) - 1] = values[:-1]
        answer = table[codes.view(np.uint8)]
    else:
        answer = np.take(values, codes.astype(np.intp, copy=False), mode="wrap")  # −1 wraps to the last slot
    unknown = np.array([c is None for c in found] + [False])
    dtype = pd.CategoricalDtype(list(categories))
    return pd.Categorical.from_codes(answer, dtype=dtype), (unknown[codes] if unknown.any() else None)


def _answer_problems(text: pd.Series, q: Question, pos: np.ndarray) -> list[Message]:
    """Why each answer at ``pos`` of ``text`` could not be read."""
    return [_answer_problem(v, q.id, q.scale) for v in text.iloc[pos]]


def _answer_problem(value: str, qid: str, scale: str) -> Message:
    key = label_key(value)
    if _CODE.match(key):
        return Message("answer_out_of_range_4l" if scale == "4L" else "answer_out_of_range_yn", value=key, question=qid)
    return Message("unknown_answer", value=clean_text(value), question=qid)


def _check_roster(problems: _Problems, roster: ReadResult | pd.DataFrame, agency: pd.Series,
                  dept: pd.Series, staff: pd.Series) -> None:
    table = table_of(roster)
    agency, dept, staff = (s.astype(object) for s in (agency, dept, staff))  # compared as texts, cell by cell
    by_agency = "agency" in table.columns and table["agency"].notna().any() and (agency != "").any()
    a = agency if by_agency else pd.Series("", index=dept.index)
    ra = table["agency"].fillna("").astype(str) if by_agency else pd.Series("", index=table.index)
    known_dept = set(zip(ra, table["department"]))
    known_cell = set(zip(ra, table["department"], table["staff_type"]))
    keys = list(zip(a, dept))
    no_dept = np.array([k not in known_dept for k in keys]) & (dept != "").to_numpy()
    problems.add(no_dept, "not_in_roster", "department_not_in_roster", department=dept)
    cells = list(zip(a, dept, staff))
    no_cell = np.array([c not in known_cell for c in cells]) & ~no_dept & staff.notna().to_numpy() & (dept != "").to_numpy()
    problems.add(no_cell, "not_in_roster", "cell_not_in_roster", staff_type=staff.astype(object).fillna(""), department=dept)


# -- roster, OIT checklist, published results ---------------------------------------------------------

def _simple_cached(read: Callable[..., ReadResult], kind: str, path: PathLike, framework: Framework | None,
                   year: int | None, mapping: ColumnMapping | None, encoding: str | None, sheet: str | None,
                   cache: str | Path | None, max_xlsx_mb: float) -> ReadResult:
    """A roster, checklist or published file read through the cache (keyed by everything the reading depends on)."""
    fw, mp = _resolve(framework, mapping, year)
    return read_cached(cache, lambda: read(path, fw, mp, encoding, sheet, max_xlsx_mb), path, kind, fw.sha256,
                       mp.sha256, str(encoding), str(sheet), "")


def _simple_read(path: PathLike, kind: str, mapping: ColumnMapping, encoding: str | None, sheet: str | None,
                 max_xlsx_mb: float) -> tuple[RawTable, dict[str, int], list[tuple[str, int]], _Problems, pd.DataFrame]:
    path = Path(path)
    raw = read_table(path, is_header=_header_test(mapping, kind), encoding=encoding, sheet=sheet, max_xlsx_mb=max_xlsx_mb)
    found, extras, _ = _layout(raw, mapping, kind, ())
    _missing_columns(found, kind, (), set(), path, None)
    problems = _Problems(len(raw))
    frame = _frame(raw, problems)
    return raw, found, extras, problems, frame


def read_roster(path: PathLike, *, framework: Framework | None = None, year: int | None = None,
                mapping: ColumnMapping | None = None, encoding: str | None = None,
                sheet: str | None = None, cache: str | Path | None = None,
                max_xlsx_mb: float = DEFAULT_MAX_XLSX_MB) -> ReadResult:
    """Read the staff roster: one row per (department, staff type) cell with its eligible headcount.

    ``eligible`` counts staff with at least the framework's minimum tenure; it is the
    population size N for the finite population correction and the base of coverage.
    """
    return _simple_cached(_read_roster_file, "roster", path, framework, year, mapping, encoding, sheet, cache,
                          max_xlsx_mb)


def _read_roster_file(path: PathLike, fw: Framework, mp: ColumnMapping, encoding: str | None, sheet: str | None,
                      max_xlsx_mb: float) -> ReadResult:
    raw, found, extras, problems, frame = _simple_read(path, "roster", mp, encoding, sheet, max_xlsx_mb)
    rows = raw.rows
    agency = _text_col(frame, found, "agency")
    dept = _departments(frame, found, mp, fw).astype(object)
    _require(problems, dept, "department")
    staff = _category(problems, frame, found, "staff_type", "staff type", mp, fw).astype(object)
    eligible_text = _text_col(frame, found, "eligible")
    eligible, bad = parse_numbers(eligible_text)
    blank = _require(problems, eligible_text, "eligible")
    not_count = bad.to_numpy() | (~blank & ((eligible < 0) | (eligible % 1 != 0)).to_numpy())
    problems.add(not_count & ~blank, "bad_number", "bad_eligible", value=eligible_text)
    usable = ~(blank | not_count) & (dept != "").to_numpy() & staff.notna().to_numpy()
    _duplicates(problems, pd.DataFrame({"a": agency, "d": dept, "s": staff}), rows, "roster cell", usable)
    columns = {"department": dept, "staff_type": staff, "eligible": eligible.fillna(0).astype("int64")}
    if "agency" in found:
        columns = {"agency": agency.where(agency != "", None), **columns}
    ids = pd.Series([""] * len(frame), dtype=object)
    return _finish("roster", raw, frame, problems, ids, columns, extras, fw)


_ITEM = re.compile(r"^o\s*0*(\d{1,3})$")


def read_oit_checklist(path: PathLike, *, framework: Framework | None = None, year: int | None = None,
                       mapping: ColumnMapping | None = None, encoding: str | None = None,
                       sheet: str | None = None, cache: str | Path | None = None,
                       max_xlsx_mb: float = DEFAULT_MAX_XLSX_MB) -> ReadResult:
    """Read the OIT checklist: one row per item (O1 … O30) with its status (published or not).

    ``data`` has ``item, published`` (bool), ``points`` (100 or 0) and the optional ``url,
    responsible, note``. Items of the framework that the file lacks are not rows of the file:
    scoring lists them.
    """
    return _simple_cached(_read_oit_checklist_file, "oit", path, framework, year, mapping, encoding, sheet, cache,
                          max_xlsx_mb)


def _read_oit_checklist_file(path: PathLike, fw: Framework, mp: ColumnMapping, encoding: str | None, sheet: str | None,
                             max_xlsx_mb: float) -> ReadResult:
    raw, found, extras, problems, frame = _simple_read(path, "oit", mp, encoding, sheet, max_xlsx_mb)
    rows = raw.rows
    item_text = _text_col(frame, found, "item")
    known = {o.id for o in fw.oit_items}

    def item_id(value: str) -> str | None:
        m = _ITEM.match(label_key(value))
        return f"O{int(m.group(1))}" if m else None

    items = map_unique(item_text, item_id)
    blank = _require(problems, item_text, "item")
    bad_item = items.isna().to_numpy() & ~blank
    problems.add(bad_item, "unknown_value", "bad_item_id", value=item_text)
    if known:
        outside = items.notna().to_numpy() & ~items.isin(known).to_numpy()
        problems.add(outside, "unknown_value", "item_not_in_year", value=items.astype(object).fillna(""), year=fw.fiscal_year)
        bad_item |= outside
    status_text = _text_col(frame, found, "status")
    status = map_unique(status_text, lambda v: mp.answers["oit_status"].get(label_key(v)))
    sblank = _require(problems, status_text, "status")
    problems.add(status.isna().to_numpy() & ~sblank, "unknown_value", "unknown_status", value=status_text)
    _duplicates(problems, items, rows, "item", ~(blank | bad_item))
    published = status == "yes"
    columns = {"item": items, "published": published, "points": published.astype(float) * 100.0}
    for opt in ("url", "responsible", "note"):
        if opt in found:
            columns[opt] = _text_col(frame, found, opt)
    return _finish("oit", raw, frame, problems, items.fillna(item_text), columns, extras, fw)


_IDS = {"overall": ("ITA",), "tool": ("IIT", "EIT", "OIT")}


def read_published(path: PathLike, *, framework: Framework | None = None, year: int | None = None,
                   mapping: ColumnMapping | None = None, encoding: str | None = None,
                   sheet: str | None = None, cache: str | Path | None = None,
                   max_xlsx_mb: float = DEFAULT_MAX_XLSX_MB) -> ReadResult:
    """Read a published-results file: one row per figure (overall, tool or indicator score).

    ``data`` has ``fiscal_year`` (Buddhist era), ``agency, level, id, score``, ``reliable``
    (False for a figure known to be misread or doubtful: the file's ``reliable`` column, or a note
    starting "unreliable" / "OCR-unreliable") and the optional ``grade, note``.
    """
    return _simple_cached(_read_published_file, "published", path, framework, year, mapping, encoding, sheet, cache,
                          max_xlsx_mb)


def _read_published_file(path: PathLike, fw: Framework, mp: ColumnMapping, encoding: str | None, sheet: str | None,
                         max_xlsx_mb: float) -> ReadResult:
    raw, found, extras, problems, frame = _simple_read(path, "published", mp, encoding, sheet, max_xlsx_mb)
    rows = raw.rows
    year_text = _text_col(frame, found, "fiscal_year")
    fy, bad_fy = parse_numbers(year_text.str.replace(_YEAR_PREFIX, "", regex=True, case=False))
    yblank = _require(problems, year_text, "fiscal_year")
    wrong_year = bad_fy.to_numpy() | (~yblank & ~((fy > 2400) & (fy < 2700) & (fy % 1 == 0)).to_numpy())
    problems.add(wrong_year & ~yblank, "bad_number", "bad_fiscal_year", value=year_text)
    level_text = _text_col(frame, found, "level")
    level = map_unique(level_text, lambda v: mp.answers["level"].get(label_key(v)))
    lblank = _require(problems, level_text, "level")
    problems.add(level.isna().to_numpy() & ~lblank, "unknown_value", "unknown_level", value=level_text)
    id_text = _text_col(frame, found, "id")
    ids = map_unique(id_text, lambda v: re.sub(_INDICATOR_PREFIX, "", v, flags=re.I).upper())
    iblank = _require(problems, id_text, "id")

    def id_ok(lv: Any, i: str) -> bool:
        if not isinstance(lv, str):
            return True  # the level's own problem is already named
        return i in _IDS[lv] if lv in _IDS else bool(re.fullmatch(r"\d{1,2}", i))

    wrong_id = np.array([not id_ok(lv, i) for lv, i in zip(level, ids)], dtype=bool) & ~iblank
    problems.add(wrong_id, "unknown_value", "id_level_mismatch", id=id_text, level=level_text)
    score_text = _text_col(frame, found, "score")
    score, bad_score = parse_numbers(score_text)
    sblank = _require(problems, score_text, "score")
    out = bad_score.to_numpy() | (~sblank & ~((score >= 0) & (score <= 100)).to_numpy())
    problems.add(out & ~sblank, "bad_number", "bad_score", value=score_text)
    agency = _text_col(frame, found, "agency")
    usable = ~(yblank | wrong_year | lblank | level.isna().to_numpy() | iblank | wrong_id)
    _duplicates(problems, pd.DataFrame({"y": fy, "a": agency, "l": level, "i": ids}), rows, "figure", usable)
    columns = {"fiscal_year": fy.fillna(0).astype("int64"), "agency": agency.where(agency != "", None),
               "level": level, "id": ids, "score": score}
    for opt in ("grade", "note"):
        if opt in found:
            columns[opt] = _text_col(frame, found, opt)
    columns["reliable"] = _reliability(problems, frame, found, mp, columns.get("note"))
    return _finish("published", raw, frame, problems, ids, columns, extras, fw)


#: A note that says the figure is known to be misread or doubtful (when the file has no ``reliable`` column).
_UNRELIABLE_NOTE = re.compile(r"^\s*(ocr-)?unreliable\b", re.IGNORECASE)


def _reliability(problems: _Problems, frame: pd.DataFrame, found: dict[str, int], mp: ColumnMapping,
                 note: pd.Series | None) -> pd.Series:
    """Whether each published figure can be trusted.

    The ``reliable`` column (yes/no; blank: yes), or, for a file without one, a note that starts
    "unreliable" or "OCR-unreliable" means no.
    """
    if "reliable" in found:
        text = _text_col(frame, found, "reliable")
        value = map_unique(text, lambda v: mp.answers["yes_no"].get(label_key(v)) if v else "yes")
        problems.add(value.isna().to_numpy(), "unknown_value", "bad_reliable", value=text)
        return value == "yes"
    if note is None:
        return pd.Series(True, index=frame.index)
    return ~note.astype(str).str.match(_UNRELIABLE_NOTE)


# -- a Parquet cache of read results --------------------------------------------------------------

