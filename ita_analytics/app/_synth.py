"""Seeded synthetic data: one Bangkok district's exports, as messy as real ones.

The district is the memo's (สำนักงานเขตลาดกระบัง) but every number is made up: departments
from the memo, schools named "โรงเรียนตัวอย่าง N" so no real school is misrepresented. The
files mix what real exports mix: cp874, UTF-8 with BOM and .xlsx; Thai and English headers;
Thai labels, English labels and codes; Thai digits; Buddhist-era and ISO dates; zero-width
spaces; blank answers; and a few bad rows of every kind the readers must reject.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core._framework import BE_OFFSET, Framework, load_framework
from ..io._text import reading_facts

__all__ = ["SAMPLE_AGENCY", "SampleFiles", "write_multi_agency_sample", "write_national_sample", "write_sample_data"]

#: The sample's facts (names, labels, headers, planted bad cells): ``sample_data.toml``.
_S: dict[str, Any] = tomllib.loads(resources.files(__package__).joinpath("sample_data.toml").read_text(encoding="utf-8"))

SAMPLE_AGENCY: str = _S["agency"]
_STAFF, _SCHOOL_STAFF = tuple(_S["staff_types"]), tuple(_S["school_staff_types"])

_DEPARTMENTS: list[tuple[str, dict[str, int], float]] = [
    # department, eligible staff by staff type, how well the department is run (latent mean)
    (name, dict(zip(_STAFF, counts)), quality) for name, counts, quality in _S["departments"]
] + [
    (_S["school_pattern"].format(k=k), dict(zip(_SCHOOL_STAFF, (t, 2, 3, 5))), m)
    for k, (t, m) in enumerate([(42, 1.0), (36, 0.9), (28, 1.1), (31, 0.7), (24, 1.0), (19, 0.8)], start=1)
]
_EIT_GROUPS = tuple((g, float(p)) for g, p in _S["eit_groups"])
_FOUR = tuple(_S["four_levels"])
_FOUR_EN = ("least/none", "little", "much", "most")
_YES, _NO = _S["yes_no"]
_THAI_DIGITS = str.maketrans("0123456789", reading_facts()["text"]["thai_digits"])

_IIT_TH: dict[str, str] = dict(_S["iit_headers"])
_EIT_TH: dict[str, str] = dict(_S["eit_headers"])
_BAD: dict[str, str] = dict(_S["bad_cells"])


@dataclass(frozen=True)
class SampleFiles:
    """Paths of the written sample files."""

    roster: Path  # staff roster (.xlsx)
    iit: dict[int, Path]  # IIT export per fiscal year
    eit: dict[int, Path]  # EIT export per fiscal year
    oit: dict[int, Path]  # OIT checklist per fiscal year
    published: Path  # the memo's FY2565 published results
    published_bma: Path  # Bangkok's FY2566 published tool scores
    planted: pd.DataFrame  # the bad rows planted on purpose: file, row, check


def _roster() -> pd.DataFrame:
    return pd.DataFrame(
        [(d, st, n) for d, cells, _ in _DEPARTMENTS for st, n in cells.items()],
        columns=["department", "staff_type", "eligible"],
    )


def _window(year_be: int) -> tuple[dt.datetime, int]:
    """Collection window: 1 May for 61 days of the fiscal year's calendar year (CE)."""
    return dt.datetime(year_be - BE_OFFSET, 5, 1, 8, 0), 61


def _stamps(rng: np.random.Generator, n: int, year_be: int) -> list[dt.datetime]:
    start, days = _window(year_be)
    # Arrivals rise after the launch letter, sag, and spike before the deadline.
    day = np.clip(np.round(rng.beta(1.3, 1.6, n) * (days - 1)), 0, days - 1).astype(int)
    secs = rng.integers(0, 9 * 3600, n)
    return sorted(start + dt.timedelta(days=int(d), seconds=int(s)) for d, s in zip(day, secs))


def _answers(rng: np.random.Generator, framework: Framework, tool: str, theta: np.ndarray,
             blank_rate: float) -> dict[str, list[str]]:
    """Answer labels: a latent trait plus question difficulty, 4 ordered levels or yes/no."""
    out: dict[str, list[str]] = {}
    for k, q in enumerate(framework.questions_of(tool)):
        difficulty = 0.35 * np.sin(3.1 * k + (0 if tool == "IIT" else 1.7))
        z = theta - difficulty + rng.normal(0, 0.8, len(theta))
        if q.scale == "4L":
            level = np.digitize(z, [-1.7, -0.6, 0.5])  # 0..3 = least .. most (good direction)
            if q.reverse:
                level = 3 - level
            labels = [_FOUR[v] for v in level]
        else:
            good = z > -1.9
            yes = ~good if q.reverse else good
            labels = [_YES if y else _NO for y in yes]
        blank = rng.random(len(theta)) < blank_rate
        out[q.id] = ["" if b else lab for lab, b in zip(labels, blank)]
    return out


def _iit(rng: np.random.Generator, framework: Framework, roster: pd.DataFrame, year_be: int,
         shift: float) -> pd.DataFrame:
    rows = []
    for dept, cells, mean in _DEPARTMENTS:
        for staff_type, eligible in cells.items():
            rule = framework.coverage_rule(dept, staff_type)
            need = rule.required_coverage if rule else 0.5
            rate = min(1.0, need + rng.uniform(-0.12, 0.05)) if need < 1 else rng.choice([1.0, 1.0, 0.95, 0.9])
            n = int(np.floor(eligible * rate + rng.random()))
            n = min(n, eligible)
            for _ in range(n):
                rows.append((dept, staff_type, mean))
    frame = pd.DataFrame(rows, columns=["department", "staff_type", "mean"])
    n = len(frame)
    theta = frame["mean"].to_numpy() + shift + rng.normal(0, 0.9, n)
    answers = _answers(rng, framework, "IIT", theta, blank_rate=0.025)
    frame = frame.drop(columns="mean")
    frame.insert(0, "agency", SAMPLE_AGENCY)
    frame["tenure_years"] = np.round(rng.gamma(2.2, 5.0, n) + 1.0).astype(int).astype(str)
    for qid, labels in answers.items():
        frame[qid] = labels
    frame = frame.sample(frac=1.0, random_state=rng.integers(1 << 31)).reset_index(drop=True)
    frame.insert(0, "submitted_at", pd.Series(_stamps(rng, n, year_be), dtype=object))
    frame.insert(0, "response_id", [f"IIT{year_be}-{k:05d}" for k in range(1, n + 1)])
    return frame


def _eit(rng: np.random.Generator, framework: Framework, year_be: int, n: int, shift: float) -> pd.DataFrame:
    groups = rng.choice([g for g, _ in _EIT_GROUPS], size=n, p=[p for _, p in _EIT_GROUPS])
    depts = rng.choice([d for d, _, _ in _DEPARTMENTS[:10]], size=n,
                       p=np.array([8, 30, 14, 14, 3, 12, 6, 6, 3, 4]) / 100)
    means = {d: m for d, _, m in _DEPARTMENTS}
    theta = np.array([means[d] for d in depts]) + shift + rng.normal(0, 1.0, n)
    answers = _answers(rng, framework, "EIT", theta, blank_rate=0.04)
    frame = pd.DataFrame({"response_id": [f"EIT{year_be}-{k:05d}" for k in range(1, n + 1)],
                          "submitted_at": pd.Series(_stamps(rng, n, year_be), dtype=object), "agency": SAMPLE_AGENCY,
                          "respondent_group": groups, "department": depts})
    for qid, labels in answers.items():
        frame[qid] = labels
    return frame


def _insert(rng: np.random.Generator, frame: pd.DataFrame, bad: pd.DataFrame,
            checks: list[str]) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Scatter the bad rows through the frame; returns it with (row number, check) of each."""
    positions = np.sort(rng.choice(np.arange(20, len(frame)), size=len(bad), replace=False))
    pieces, start = [], 0
    for k, pos in enumerate(positions):
        pieces += [frame.iloc[start:pos], bad.iloc[[k]]]
        start = pos
    out = pd.concat([*pieces, frame.iloc[start:]], ignore_index=True)
    # The k-th bad row lands after positions[k] good rows and k bad ones: row number pos + k + 1.
    return out, [(int(pos) + k + 1, checks[k]) for k, pos in enumerate(positions)]


def _bad_rows(frame: pd.DataFrame, tool: str, year_be: int, edits: list[tuple[str, str]]) -> pd.DataFrame:
    """Copies of good rows with one planted problem each: (column, value); column "*" blanks all answers."""
    bad = frame.iloc[: len(edits)].copy()
    bad["response_id"] = [f"{tool}{year_be}-B{k:02d}" for k in range(len(bad))]
    letter = tool[0].lower()
    answers = [c for c in bad.columns if c.startswith(letter) and c[1:].isdigit()]
    for k, (column, value) in enumerate(edits):
        for c in answers if column == "*" else [column]:
            bad.iloc[k, bad.columns.get_loc(c)] = value
    return bad


def _plant_suspicious(rng: np.random.Generator, frame: pd.DataFrame, tool: str, year_be: int) -> pd.DataFrame:
    """Valid rows that an integrity check should flag: re-submissions, a burst, straight-lining.

    They are accepted by the readers (nothing is wrong with each row alone); the integrity flags
    find them, and the scores are shown with and without them.
    """
    f = frame.copy()
    letter = tool[0].lower()
    answers = [c for c in f.columns if c.startswith(letter) and c[1:].isdigit()]
    extra = []
    sources = rng.choice(np.arange(len(f)), size=3, replace=False)
    for k, source in enumerate(sources):  # re-submitted
        copy = f.iloc[source].copy()
        copy["response_id"] = f"{tool}{year_be}-D{k:02d}"
        copy["submitted_at"] = copy["submitted_at"] + dt.timedelta(minutes=int(rng.integers(1, 9)))
        if k == 2:  # a near-duplicate: one 4-level answer changed
            four = [q for q in answers if copy[q] in _FOUR]
            q = four[int(rng.integers(len(four)))]
            copy[q] = _FOUR[2] if copy[q] != _FOUR[2] else _FOUR[1]
        extra.append(copy)
    if tool == "IIT":  # straight-liners: "most" to everything, reverse-worded questions too
        for k, source in enumerate(rng.choice(np.arange(len(f)), size=4, replace=False)):
            row = f.iloc[source].copy()
            row["response_id"] = f"{tool}{year_be}-S{k:02d}"
            for q in answers:
                row[q] = _FOUR[3] if row[q] in _FOUR else row[q]
            extra.append(row)
    out = pd.concat([f, pd.DataFrame(extra)], ignore_index=True)
    dept = "department" if "department" in out else "respondent_group"
    target = out[dept].value_counts().index[0]  # a burst: many answers from one group within minutes
    eligible = (out[dept] == target).to_numpy().copy()
    eligible[list(sources)] = False  # keep the re-submissions next to their originals
    eligible[len(f):] = False
    members = rng.choice(np.flatnonzero(eligible), size=18, replace=False)
    start = out["submitted_at"].iloc[members[0]].replace(hour=10, minute=0, second=0)
    for k, m in enumerate(members):
        out.iat[m, out.columns.get_loc("submitted_at")] = start + dt.timedelta(seconds=int(10 * k))
    return out.sort_values("submitted_at", kind="stable").reset_index(drop=True)


def _plant_iit(rng: np.random.Generator, frame: pd.DataFrame, year_be: int) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Scatter bad IIT rows of every kind through the export."""
    planted = [
        (("response_id", frame.iloc[5]["response_id"]), "duplicate"),
        (("response_id", ""), "missing_value"),
        (("i3", _BAD["unknown_answer"]), "unknown_answer"),
        (("i7", "5"), "unknown_answer"),  # code out of range
        (("tenure_years", "0.5"), "tenure_below_rule"),
        (("tenure_years", _BAD["tenure_in_words"]), "bad_number"),  # six months, in words
        (("staff_type", _BAD["unknown_staff_type"]), "unknown_value"),
        (("department", _BAD["unknown_department"]), "not_in_roster"),
        (("department", ""), "missing_value"),
        (("submitted_at", _BAD["bad_date"]), "bad_date"),
        (("*", ""), "empty_response"),
        (("i22", "2"), "unknown_answer"),  # yes/no code out of range
    ]
    bad = _bad_rows(frame, "IIT", year_be, [e for e, _ in planted])
    return _insert(rng, frame, bad, [c for _, c in planted])


def _plant_eit(rng: np.random.Generator, frame: pd.DataFrame, year_be: int) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Scatter bad EIT rows of every kind through the export."""
    planted = [
        (("response_id", frame.iloc[3]["response_id"]), "duplicate"),
        (("respondent_group", _BAD["unknown_group"]), "unknown_value"),
        (("e5", _BAD["unknown_eit_answer"]), "unknown_answer"),
        (("e2", "0"), "unknown_answer"),
        (("respondent_group", ""), "missing_value"),
        (("*", ""), "empty_response"),
    ]
    bad = _bad_rows(frame, "EIT", year_be, [e for e, _ in planted])
    return _insert(rng, frame, bad, [c for _, c in planted])


def _messy(rng: np.random.Generator, frame: pd.DataFrame, qcols: list[str], *, english: bool,
           mark: str = "\u200b") -> pd.DataFrame:
    """What real exports do to labels: codes, English, Thai digits, stray spaces, zero-width marks."""
    f = frame.copy()
    n = len(f)
    for q in qcols:
        col = f[q].to_numpy(dtype=object)
        pick = rng.random(n)
        for k in np.flatnonzero(pick < 0.05):
            v = col[k]
            if v in _FOUR:
                col[k] = str(_FOUR.index(v) + 1) if not english else _FOUR_EN[_FOUR.index(v)]
            elif v in (_YES, _NO):
                col[k] = ("1" if v == _YES else "0") if not english else ("yes" if v == _YES else "no")
        for k in np.flatnonzero((pick > 0.97) & (col != "")):
            col[k] = " " + col[k] + mark  # cp874 cannot hold a zero-width space
        f[q] = col
    if "tenure_years" in f:
        t = f["tenure_years"].to_numpy(dtype=object)
        for k in np.flatnonzero(rng.random(n) < 0.2):
            t[k] = str(t[k]).translate(_THAI_DIGITS)
        f["tenure_years"] = t
    if "department" in f:
        d = f["department"].to_numpy(dtype=object)
        whole, short = _S["misspelt"]
        for k in np.flatnonzero((rng.random(n) < 0.3) & (d == whole)):
            d[k] = short
        f["department"] = d
    return f


def _be_stamp(value: object) -> str:
    if isinstance(value, dt.datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET} {value.hour:02d}:{value.minute:02d}"
    return str(value)


def _write_csv(frame: pd.DataFrame, path: Path, encoding: str, *, crlf: bool = False) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """An .xlsx file; dates stay Excel dates, as a system export would write them."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([None if (v is None or v == "") else v for v in row])
    book.save(path)
    _pin_zip(path)


def _pin_zip(path: Path) -> None:
    """Make an .xlsx byte-identical run to run: fixed entry times and document timestamps."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, payload in entries:
            if name == "docProps/core.xml":
                payload = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", payload)
            dst.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), payload, zipfile.ZIP_DEFLATED)


def write_sample_data(folder: str | Path, *, seed: int = 2566) -> SampleFiles:
    """Write the sample district's files into ``folder`` (made if missing); same seed, same files.

    Files: a staff roster (.xlsx); IIT and EIT exports for FY2566 (cp874 CSV and UTF-8-with-BOM
    CSV, Thai headers, Buddhist-era dates) and FY2567 (.xlsx and UTF-8 CSV, English headers, ISO
    dates); OIT checklists for both years; the memo's FY2565 published results; Bangkok's
    FY2566 published tool scores. FY2567 uses the provisional FY2567 framework.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    roster = _roster()
    roster_path = out / "roster_2566.xlsx"
    _write_xlsx(roster.rename(columns=dict(_S["roster_headers"])), roster_path)
    iit_paths, eit_paths, oit_paths, planted = {}, {}, {}, []
    for year_be, shift, n_eit in ((2566, 0.0, 560), (2567, 0.1, 610)):
        fw = load_framework(year_be)
        iit = _plant_suspicious(rng, _iit(rng, fw, roster, year_be, shift), "IIT", year_be)
        eit = _plant_suspicious(rng, _eit(rng, fw, year_be, n_eit, shift), "EIT", year_be)
        if year_be == 2567:  # this year's system also exports when each questionnaire was opened
            minutes = np.exp(rng.normal(np.log(4.0), 0.5, len(eit)))
            minutes[rng.choice(len(eit), size=3, replace=False)] = 0.3  # 18 seconds for 15 questions
            eit.insert(1, "started_at", [t - dt.timedelta(minutes=float(m)) for t, m in zip(eit["submitted_at"], minutes)])
        iit, iit_bad = _plant_iit(rng, iit, year_be)
        eit, eit_bad = _plant_eit(rng, eit, year_be)
        iq = [q.id for q in fw.questions_of("IIT")]
        eq = [q.id for q in fw.questions_of("EIT")]
        if year_be == 2566:
            iit = _messy(rng, iit, iq, english=False, mark=" ")
            eit = _messy(rng, eit, eq, english=False)
            iit["submitted_at"] = iit["submitted_at"].map(_be_stamp)
            eit["submitted_at"] = eit["submitted_at"].map(_be_stamp)
            iit = iit.rename(columns={**_IIT_TH, **{q: _S["question_header"].format(q=q) for q in iq}})
            eit = eit.rename(columns={**_EIT_TH, **{q: _S["question_header"].format(q=q) for q in eq}})
            iit_path, eit_path = out / "iit_2566.csv", out / "eit_2566.csv"
            _write_csv(iit, iit_path, "cp874", crlf=True)
            _write_csv(eit, eit_path, "utf-8-sig", crlf=True)
        else:
            iit = _messy(rng, iit, iq, english=True)
            eit = _messy(rng, eit, eq, english=True)
            for col in ("submitted_at", "started_at"):
                eit[col] = eit[col].map(
                    lambda v: v.isoformat(sep=" ", timespec="seconds") if isinstance(v, dt.datetime) else str(v))
            iit_path, eit_path = out / "iit_2567.xlsx", out / "eit_2567.csv"
            _write_xlsx(iit, iit_path)
            _write_csv(eit, eit_path, "utf-8")
        planted += [(iit_path.name, r, c) for r, c in iit_bad] + [(eit_path.name, r, c) for r, c in eit_bad]
        iit_paths[year_be], eit_paths[year_be] = iit_path, eit_path
        missing = {2566: {"O3", "O25", "O30"}, 2567: {"O25"}}[year_be]
        oit = pd.DataFrame({
            "item": [o.id for o in fw.oit_items],
            "status": [_NO if o.id in missing else _YES for o in fw.oit_items],
            "url": [f"https://webportal.bangkok.go.th/latkrabang/ita{year_be}/{o.id.lower()}" for o in fw.oit_items],
            "responsible": [", ".join(o.responsible) for o in fw.oit_items],
            "note": [_S["oit_missing_note"] if o.id in missing else "" for o in fw.oit_items],
        })
        oit_paths[year_be] = out / f"oit_{year_be}.csv"
        _write_csv(oit, oit_paths[year_be], "utf-8")
    memo = [("overall", "ITA", 79.74, "B", "")] + [
        ("indicator", str(k), s, "", "") for k, s in enumerate([84.63, 87.07, 82.53, 87.77, 81.72, 84.55, 86.66, 83.42], 1)
    ] + [("indicator", "9", 97.78, "", "OCR-unreliable: conflicts with the overall score"),
         ("indicator", "10", 97.50, "", "OCR-unreliable: conflicts with the overall score")]
    published = pd.DataFrame([(2565, SAMPLE_AGENCY, *r) for r in memo],
                             columns=["fiscal_year", "agency", "level", "id", "score", "grade", "note"])
    published_path = out / "published_2565_ladkrabang.csv"
    _write_csv(published, published_path, "utf-8")
    bma = pd.DataFrame([(2566, _S["province"], "tool", "IIT", 82.44, "", ""),
                        (2566, _S["province"], "tool", "EIT", 80.82, "", "mean of EIT part 1 (79.40) and part 2 (82.24)"),
                        (2566, _S["province"], "tool", "OIT", 100.0, "", ""),
                        (2566, _S["province"], "overall", "ITA", 88.98, "A", "")],
                       columns=["fiscal_year", "agency", "level", "id", "score", "grade", "note"])
    bma_path = out / "published_2566_bma.csv"
    _write_csv(bma, bma_path, "utf-8")
    planted_frame = pd.DataFrame(planted, columns=["file", "row", "check"])
    _write_csv(planted_frame, out / "planted_bad_rows.csv", "utf-8")
    return SampleFiles(roster_path, iit_paths, eit_paths, oit_paths, published_path, bma_path, planted_frame)


def write_multi_agency_sample(folder: str | Path, *, agencies: int = 50, year_be: int = 2566,
                              seed: int = 2566) -> tuple[Path, Path]:
    """IIT and EIT exports of many agencies in one file each (the BMA centre's view), UTF-8 CSV.

    Agencies are named "สำนักงานเขตตัวอย่าง NN"; their sizes differ (staff 80–900, service users
    60–700) and so does how well each is run, with a few far from the rest. Returns the two paths.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + 7)
    fw = load_framework(year_be)
    iit_parts, eit_parts = [], []
    for k in range(1, agencies + 1):
        name = _S["agency_pattern"].format(k=k)
        shift = rng.normal(0, 0.08) + (0.9 if k == 7 else -0.9 if k in (13, 41) else 0.0)
        n_iit = int(rng.integers(40, 260))
        n_eit = int(rng.integers(30, 220))
        theta = shift + rng.normal(0.7, 0.9, n_iit)
        answers = _answers(rng, fw, "IIT", theta, blank_rate=0.03)
        depts = rng.choice([d for d, _, _ in _DEPARTMENTS[:10]], n_iit)
        iit = pd.DataFrame({"response_id": [f"{k:02d}-I{j:05d}" for j in range(n_iit)], "agency": name,
                            "department": depts, "staff_type": rng.choice(list(_STAFF), n_iit),
                            "tenure_years": rng.integers(1, 30, n_iit).astype(str), **answers})
        theta = shift + rng.normal(0.6, 1.0, n_eit)
        answers = _answers(rng, fw, "EIT", theta, blank_rate=0.04)
        eit = pd.DataFrame({"response_id": [f"{k:02d}-E{j:05d}" for j in range(n_eit)], "agency": name,
                            "respondent_group": rng.choice([g for g, _ in _EIT_GROUPS], n_eit, p=[p for _, p in _EIT_GROUPS]),
                            **answers})
        iit_parts.append(iit)
        eit_parts.append(eit)
    iit_path, eit_path = out / f"multi_agency_iit_{year_be}.csv", out / f"multi_agency_eit_{year_be}.csv"
    _write_csv(pd.concat(iit_parts, ignore_index=True), iit_path, "utf-8")
    _write_csv(pd.concat(eit_parts, ignore_index=True), eit_path, "utf-8")
    return iit_path, eit_path


def _allocate(weights: np.ndarray, total: int) -> np.ndarray:
    """``total`` split into whole counts in proportion to ``weights``, summing to ``total`` exactly.

    Each gets at least one when there are enough to go round; the rest is shared by largest
    remainder (Hamilton's method): everyone gets the whole part of their share, and the units
    left over go to the largest fractional parts.
    """
    floor = 1 if total >= len(weights) else 0
    share = weights / weights.sum() * (total - floor * len(weights))
    counts = np.floor(share).astype(np.int64)
    left = total - floor * len(weights) - int(counts.sum())
    counts[np.argsort(counts - share, kind="stable")[:left]] += 1  # largest fractional parts first
    return counts + floor


def write_national_sample(folder: str | Path, *, agencies: int = 8317, responses: int = 1_350_000,
                          iit_share: float = 0.4, year_be: int = 2566, seed: int = 2568) -> tuple[Path, Path]:
    """A national-scale data set in the export layout: IIT and EIT CSV files (UTF-8), seeded.

    Agency sizes follow a log-normal law (a few ministries with tens of thousands of answers,
    many small local bodies with a few dozen); each agency has its own level. Everything is drawn
    in whole arrays and written with pyarrow, so a million rows take seconds.
    """
    import pyarrow as pa
    from pyarrow import csv as pv

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    fw = load_framework(year_be)
    weights = rng.lognormal(0.0, 1.1, agencies)
    names = np.array([_S["national_pattern"].format(k=k) for k in range(1, agencies + 1)], dtype=object)
    level = rng.normal(0.6, 0.35, agencies)
    start = dt.datetime(year_be - BE_OFFSET, 5, 1, 8)
    paths = []
    for tool, share in (("IIT", iit_share), ("EIT", 1 - iit_share)):
        n = int(round(responses * share))
        agency = np.repeat(np.arange(agencies), _allocate(weights, n))
        theta = level[agency] + rng.normal(0, 0.9, n)
        columns: dict[str, object] = {
            "response_id": pa.array(np.char.add(f"{tool}-", np.arange(n).astype(str))),
            "submitted_at": pa.array((pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, 61 * 86400, n), unit="s"))
                                     .strftime("%Y-%m-%d %H:%M:%S").to_numpy(dtype=object)),
            "agency": pa.array(names[agency]),
        }
        if tool == "IIT":
            columns["department"] = pa.array(rng.choice([d for d, _, _ in _DEPARTMENTS[:10]], n))
            columns["staff_type"] = pa.array(rng.choice(list(_STAFF), n))
            columns["tenure_years"] = pa.array(rng.integers(1, 35, n).astype(str))
        else:
            columns["respondent_group"] = pa.array(rng.choice([g for g, _ in _EIT_GROUPS], n, p=[p for _, p in _EIT_GROUPS]))
        four = np.array(_FOUR + ("",), dtype=object)
        yes_no = np.array([_YES, _NO, ""], dtype=object)
        for k, q in enumerate(fw.questions_of(tool)):
            z = theta - 0.35 * np.sin(3.1 * k) + rng.normal(0, 0.8, n)
            blank = rng.random(n) < 0.03
            if q.scale == "4L":
                lv = np.digitize(z, [-1.7, -0.6, 0.5])
                lv = 3 - lv if q.reverse else lv
                columns[q.id] = pa.array(four[np.where(blank, 4, lv)])
            else:
                good = z > -1.9
                yes = ~good if q.reverse else good
                columns[q.id] = pa.array(yes_no[np.where(blank, 2, np.where(yes, 0, 1))])
        path = out / f"national_{tool.lower()}_{year_be}.csv"
        pv.write_csv(pa.table(columns), path, write_options=pv.WriteOptions(quoting_style="none"))
        paths.append(path)
    return paths[0], paths[1]


#: FY2570's questionnaire in the sample: five new IIT questions (their place in the indicator, text), the rest
#: FY2566's reworded into whole questions, numbered anew (i1 … i30).
_NEW_IIT: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _S["questionnaire"]["new"].items()}
_FRAMING = tuple(_S["questionnaire"]["framing"])


def sample_questionnaire(base: Framework, year_be: int) -> pd.DataFrame:
    """A questionnaire of ``year_be`` (the columns ``ita framework new --questions`` reads): 30 IIT questions.

    The 25 IIT questions of ``base`` reworded into whole questions and renumbered, five new ones
    among them; the EIT's 15 reworded; the OIT's items as they were. Seeded by nothing: the same every time.
    """
    rows: list[tuple[str, ...]] = []
    number = 0
    for ind in base.indicators_of("IIT"):
        for k, q in enumerate(base.questions_of("IIT")):
            if q.indicator != ind.id:
                continue
            number += 1
            text = _FRAMING[k % 3 if q.scale == "4L" else 2].format(t=q.theme_th)
            rows.append(("IIT", ind.id, ind.name_th, f"i{number}", text, q.scale, "yes" if q.reverse else ""))
        for text in _NEW_IIT.get(ind.id, ()):
            number += 1
            rows.append(("IIT", ind.id, "", f"i{number}", text, "4L", ""))
    for k, q in enumerate(base.questions_of("EIT")):
        name = next(i.name_th for i in base.indicators if i.id == q.indicator)
        rows.append(("EIT", q.indicator, name, q.id, _FRAMING[k % 2 if q.scale == "4L" else 2].format(t=q.theme_th),
                     q.scale, "yes" if q.reverse else ""))
    for o in base.oit_items:
        rows.append(("OIT", o.subindicator, "", o.id, o.title_th, "", ""))
    return pd.DataFrame(rows, columns=["tool", "indicator", "indicator_th", "id", "text_th", "scale", "reversed"])


def write_year_sample(folder: str | Path, year_be: int, *, framework: Framework | None = None,
                      seed: int = 2570) -> dict[str, Path]:
    """IIT, EIT and OIT files of one fiscal year (dated inside its May–June window), for ``framework``'s questions.

    Default framework: ``load_framework(year_be)`` (carried forward where no frame of that year ships).
    UTF-8 CSVs with English headers and ISO dates; returns the paths by kind ("iit", "eit", "oit").
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    fw = framework or load_framework(year_be)
    rng = np.random.default_rng(seed)
    iit = _iit(rng, fw, _roster(), year_be, 0.15)
    eit = _eit(rng, fw, year_be, 560, 0.15)
    paths = {"iit": out / f"iit_{year_be}.csv", "eit": out / f"eit_{year_be}.csv", "oit": out / f"oit_{year_be}.csv"}
    for frame, key in ((iit, "iit"), (eit, "eit")):
        frame["submitted_at"] = frame["submitted_at"].map(lambda v: v.isoformat(sep=" ", timespec="seconds"))
        _write_csv(frame, paths[key], "utf-8")
    oit = pd.DataFrame({"item": [o.id for o in fw.oit_items],
                        "status": [_NO if k % 10 == 3 else _YES for k, _ in enumerate(fw.oit_items)]})
    _write_csv(oit, paths["oit"], "utf-8")
    return paths
