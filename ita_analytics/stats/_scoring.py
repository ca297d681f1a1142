"""Scores the way the NACC computes them: question → indicator → tool → overall, with intervals.

Point estimates follow the framework's settings; uncertainty comes from :mod:`._inference`
through :mod:`._estimates`; breakdowns by group from :mod:`._breakdown`. Results are tidy tables
(``score, se, ci_low, ci_high, n``) with the method and provenance beside them; charts, reports
and ``compare`` read them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from ..core._catalogue import Message
from ..core._framework import Framework, answer_categories, frame_notes, load_framework
from ..core._json import (
    LaterJSON,
    RawJSON,
    json_booleans,
    json_numbers,
    json_objects,
    json_string_codes,
    json_strings,
    records,
)
from ..core._provenance import provenance
from ..core._settings import Settings
from ..core._types import ReadResult, as_answer_codes, expect, responses_of, table_of
from ..core._years import choose_year, data_year, warn_years
from ._breakdown import breakdown
from ._distributions import normal_cdf
from ._estimates import Method, estimate, left_out, population_of

__all__ = ["ScoreResult", "grade_probabilities", "overall_score", "score"]

Responses: TypeAlias = ReadResult | pd.DataFrame
_SURVEYS = ("IIT", "EIT")


@dataclass(frozen=True, kw_only=True)
class ScoreResult:
    """Everything ``ita score`` reports. Tables are tidy; ``to_dict`` is the JSON contract.

    Attributes
    ----------
    overall : dict or None
        ``score, se, ci_low, ci_high, grade`` and the distances to the pass mark and next band;
        None unless IIT, EIT and OIT are all given.
    tools, indicators, questions : DataFrame
        ``score, se, ci_low, ci_high, n`` (+ ``n_answered`` for questions); OIT rows have se 0.
    oit_items : DataFrame
        One row per OIT item: published or not, points, who is responsible.
    grade_probabilities : DataFrame
        Probability that the overall score lies in each grade band, and of reaching the pass mark.
    answers : DataFrame
        How the answers to each question spread over the points (0 … 100, reverse-scoring applied):
        ``question, indicator, tool, points, count, share`` (share of those who answered).
    groups : DataFrame or None
        With ``by``: the same scores per agency or department, small cells suppressed.
    method : dict
        What was assumed: scale points, aggregation, FPC, confidence, interval method.
    provenance : dict
        Input files' SHA-256, framework year and hash, package version, settings, time.
    """

    overall: dict[str, Any] | None
    tools: pd.DataFrame
    indicators: pd.DataFrame
    questions: pd.DataFrame
    oit_items: pd.DataFrame
    grade_probabilities: pd.DataFrame
    method: dict[str, Any]
    provenance: dict[str, Any]
    groups: pd.DataFrame | None = None
    by: str | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    answers: pd.DataFrame = field(default_factory=pd.DataFrame)
    parts: pd.DataFrame = field(default_factory=pd.DataFrame)  # a tool in parts: each part's score (empty: none)

    def __repr__(self) -> str:
        """A few lines: the year, the respondents, the headline (never the tables)."""
        year = self.method.get("framework", {}).get("fiscal_year", "?")
        n = ", ".join(f"{r.tool} n={int(r.n):,}" for r in self.tools.itertuples())
        lines = [f"<ScoreResult FY{year}: {n or 'no tool'}>"]
        if self.overall:
            o = self.overall
            pct = int(round(self.method.get("confidence", 0.95) * 100))
            lines.append(f"  overall {o['score']:.2f} ({pct}% CI {o['ci_low']:.2f}–{o['ci_high']:.2f}), grade {o['grade']}, "
                         f"P(pass {o['pass_mark']:g}) {o['probability_pass']:.0%}")
        lines += [f"  {r.tool} {r.score:.2f} ({r.ci_low:.2f}–{r.ci_high:.2f})" for r in self.tools.itertuples()]
        if self.groups is not None:
            lines.append(f"  by {self.by}: {self.groups['value'].nunique():,} groups")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The headline table in a notebook: overall (when there is one) and the tools."""
        return f"<p><b>{repr(self).splitlines()[0][1:-1]}</b></p>" + self.headline.to_html(float_format="%.2f", index=False)

    @property
    def headline(self) -> pd.DataFrame:
        """The overall score (when there is one) and each tool: ``level, id, score, se, ci_low, ci_high, n``."""
        rows = self.tools.assign(level="tool", id=self.tools["tool"])[["level", "id", "score", "se", "ci_low", "ci_high", "n"]]
        return pd.concat([self.overall_frame, rows], ignore_index=True) if self.overall else rows.reset_index(drop=True)

    @property
    def overall_frame(self) -> pd.DataFrame:
        """``overall`` as a one-row table (``level, id, score, se, ci_low, ci_high, n`` and the grade's columns)."""
        if not self.overall:
            return pd.DataFrame(columns=["level", "id", "score", "se", "ci_low", "ci_high", "n"])
        n = int(self.tools.loc[self.tools["tool"].isin(_SURVEYS), "n"].sum())  # respondents (the OIT's n counts items)
        return pd.DataFrame([{"level": "overall", "id": "ITA", **self.overall, "n": n}])

    def summary(self) -> str:
        """What ``ita score --lang en`` prints, as plain text: headline, indicators, weakest questions, OIT, notes."""
        table = self.indicators[["indicator", "tool", "score", "ci_low", "ci_high", "n"]].to_string(
            index=False, float_format=lambda v: f"{v:.2f}")
        weakest = self.questions.dropna(subset=["score"]).nsmallest(5, "score")
        lines = [repr(self), "", table, "",
                 "weakest questions: " + ", ".join(f"{q.question} {q.score:.1f}" for q in weakest.itertuples())]
        if len(self.oit_items):
            lines += [f"OIT {m.item} not published — responsible: {m.responsible}"
                      for m in self.oit_items[~self.oit_items["published"]].itertuples()]
        return "\n".join(lines + [f"note: {n}" for n in self.method.get("notes", [])])

    def to_dict(self, *, raw: bool = False) -> dict[str, Any]:
        """The ``ita score --json`` document (``raw``: the groups list as rendered JSON text, for writing)."""
        doc: dict[str, Any] = {
            "overall": self.overall,
            "tools": records(self.tools),
            "indicators": records(self.indicators),
            "questions": records(self.questions),
            "oit": {"items": records(self.oit_items),
                    "missing": records(self.oit_items[~self.oit_items["published"]]) if len(self.oit_items) else []},
            "grade_probabilities": records(self.grade_probabilities),
            "answers": records(self.answers),
            "parts": records(self.parts) if len(self.parts) else [],
            "method": self.method,
            "inputs": self.inputs,
            "provenance": self.provenance,
        }
        if self.groups is not None:
            text = _groups_json(self.groups, self.by or "")
            doc["groups"] = text if raw else json.loads(str(text))
        if self.by == "agency" and self.groups is not None:
            if raw:  # worked out in a thread of its own while the groups (before it in the document) are written
                from concurrent.futures import ThreadPoolExecutor

                pool = ThreadPoolExecutor(max_workers=1)
                future = pool.submit(self.funnel_records)
                pool.shutdown(wait=False)
                doc["funnel"] = LaterJSON(future.result)
            else:
                doc["funnel"] = self.funnel_records()
        return doc

    def funnel_records(self) -> list[dict[str, Any]]:
        """The ``funnel`` list of the JSON document: per tool and agency, the funnel's and the ranking's figures."""
        from ._breakdown import funnel_table

        out = []
        for tool in ("IIT", "EIT"):
            groups = self.groups
            if groups is not None and ((groups["tool"] == tool) & (groups["level"] == "tool")).any():
                f = funnel_table(self, tool, seed=int(self.provenance.get("settings", {}).get("seed", 2566)))
                out += records(f[["tool", "value", "n", "score", "se", "se_nofpc", "centre", "tau", "z", "low_95",
                                  "high_95", "low_998", "high_998", "outside_95", "outside_998", "rank", "rank_low",
                                  "rank_high"]])
        return out


#: Groups rendered at once when writing the JSON document (memory stays small at 8,000 agencies).
_GROUPS_PER_BATCH = 300


def _groups_json(groups: pd.DataFrame, by: str) -> RawJSON:
    """The ``groups`` list of the JSON document, rendered column-wise, a batch of groups at a time.

    One object per group, sorted by name: ``by, value, n`` (respondents per tool),
    ``suppressed`` (the whole group hidden: below the minimum cell size, or hidden so that no
    difference reveals another), and the group's
    ``tools``, ``indicators`` and ``questions`` lists in the order of the results table.
    """
    codes, names = pd.factorize(groups["value"], sort=True)
    order = np.argsort(codes, kind="stable")  # each group's rows together, in table order
    firsts = np.append(np.arange(0, len(names), _GROUPS_PER_BATCH), len(names))  # each batch's first group
    bounds = np.searchsorted(codes[order], firsts)
    table = _GroupColumns.of(groups)

    def render(k: int) -> Any:
        rows = order[bounds[k]: bounds[k + 1]]
        return _render_groups(table, rows, codes[rows] - firsts[k], names[firsts[k]: firsts[k + 1]], by)

    def batches() -> Iterator[Any]:
        # Two batches are rendered at once (Arrow's kernels let go of the interpreter), in order,
        # never more than two ahead of the writer: memory stays a few batches.
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            ahead: deque[Any] = deque()
            for k in range(len(bounds) - 1):
                ahead.append(pool.submit(render, k))
                if len(ahead) > 2:
                    yield ahead.popleft().result()
            while ahead:
                yield ahead.popleft().result()

    return RawJSON(batches)


#: The levels of the groups table, numbered as :class:`_GroupColumns` numbers them.
_LEVELS = ("tool", "indicator", "question")


@dataclass(frozen=True)
class _GroupColumns:
    """The groups table's columns as arrays, made once for every batch of its JSON (a batch takes rows of them)."""

    level: np.ndarray  # each row's place in _LEVELS (−1: another level)
    numbers: dict[str, np.ndarray]  # score, se, ci_low, ci_high, n, n_answered as floats (NaN: none)
    suppressed: np.ndarray  # bool per row
    group_suppressed: np.ndarray  # bool per row: its whole group is hidden (small, or a complement)
    texts: dict[str, tuple[np.ndarray, Any]]  # id, tool, indicator: each row's code, and the JSON literals

    @classmethod
    def of(cls, groups: pd.DataFrame) -> _GroupColumns:
        level_codes, level_names = pd.factorize(groups["level"], use_na_sentinel=True)
        place = np.array([_LEVELS.index(n) if n in _LEVELS else -1 for n in level_names] + [-1], dtype=np.int64)
        return cls(place[level_codes],  # code −1 (no level) picks the last slot
                   {k: groups[k].to_numpy(dtype=float) for k in ("score", "se", "ci_low", "ci_high", "n", "n_answered")},
                   groups["suppressed"].to_numpy(dtype=bool), groups["group_suppressed"].to_numpy(dtype=bool),
                   {k: json_string_codes(groups[k]) for k in ("id", "tool", "indicator")})

    def text(self, column: str, rows: np.ndarray) -> Any:
        """The JSON string literals of one text column's ``rows``, as an Arrow array."""
        import pyarrow as pa

        codes, literals = self.texts[column]
        return literals.take(pa.array(codes[rows]))


def _render_groups(table: _GroupColumns, rows: np.ndarray, codes: np.ndarray, values: Any, by: str) -> Any:
    """One JSON object text per group, as an Arrow string array.

    ``rows`` are the groups' rows of the table; ``codes`` numbers each one's group 0 … G−1 in the
    order of the group names ``values``. Each level's rows are rendered once, column by column,
    each group's rows together (in table order), and joined into the group's lists by Arrow; no
    Python object per row.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    G = len(values)

    def rows_of(level: str) -> np.ndarray:
        """Where the rows of one level are in ``rows``, each group's together, in table order."""
        at = np.flatnonzero(table.level[rows] == _LEVELS.index(level))
        return at[np.argsort(codes[at], kind="stable")]

    def per_group(at: np.ndarray, texts: Any) -> Any:
        """``texts`` (one per place of ``at``) joined with ", " for each group: one text per group."""
        offsets = np.concatenate([[0], np.cumsum(np.bincount(codes[at], minlength=G))]).astype(np.int32)
        return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), texts), ", ")

    def records(at: np.ndarray, names: dict[str, str], counts: tuple[str, ...] = ()) -> Any:
        """The JSON objects of the rows at ``at``: the ``names`` (key → text column), the scores, then ``counts``."""
        where = rows[at]
        fields = {key: table.text(column, where) for key, column in names.items()}
        fields.update({k: json_numbers(table.numbers[k][where]) for k in ("score", "se", "ci_low", "ci_high")})
        fields["n"] = json_numbers(table.numbers["n"][where], integer=True)
        fields["suppressed"] = json_booleans(table.suppressed[where])
        fields.update({k: json_numbers(table.numbers[k][where], integer=True) for k in counts})
        return json_objects(fields)

    tool_at, indicator_at, question_at = rows_of("tool"), rows_of("indicator"), rows_of("question")
    lists = {
        "tools": per_group(tool_at, records(tool_at, {"tool": "id"})),
        "indicators": per_group(indicator_at, records(indicator_at, {"indicator": "id", "tool": "tool"})),
        "questions": per_group(question_at, records(question_at, {"question": "id", "indicator": "indicator"},
                                                    ("n_answered",))),
    }
    tool_rows = rows[tool_at]
    counts = pc.binary_join_element_wise(table.text("tool", tool_rows),
                                         json_numbers(table.numbers["n"][tool_rows], integer=True), ": ")
    shown = np.bincount(codes[tool_at], weights=~table.group_suppressed[tool_rows], minlength=G)
    return json_objects({
        "by": json_strings([by] * G), "value": json_strings(values),
        "n": pc.binary_join_element_wise("{", per_group(tool_at, counts), "}", ""),
        "suppressed": json_booleans(shown == 0),
        **{k: pc.binary_join_element_wise("[", v, "]", "") for k, v in lists.items()},
    })


# -- contrasts: which combination of questions each score is -------------------------------------------


# -- OIT -------------------------------------------------------------------------------------------------

def _oit_items(framework: Framework, oit: ReadResult | pd.DataFrame | None) -> pd.DataFrame:
    """One row per framework item; items missing from the checklist count as not published."""
    sub_to_ind = {s.id: s.indicator for s in framework.subindicators}
    rows = pd.DataFrame({
        "item": [o.id for o in framework.oit_items],
        "subindicator": [o.subindicator for o in framework.oit_items],
        "indicator": [sub_to_ind[o.subindicator] for o in framework.oit_items],
        "title_th": [o.title_th for o in framework.oit_items],
        "title_en": [o.title_en for o in framework.oit_items],
        "responsible": [", ".join(o.responsible) for o in framework.oit_items],
    })
    if oit is None:
        return rows.iloc[0:0].assign(published=pd.Series(dtype=bool), points=pd.Series(dtype=float),
                                     in_checklist=pd.Series(dtype=bool))
    data = table_of(oit)
    found = data.set_index("item")["published"]
    rows["in_checklist"] = rows["item"].isin(found.index)
    rows["published"] = rows["item"].map(found).fillna(False).astype(bool)
    rows["points"] = rows["published"] * 100.0
    return rows


def _oit_scores(framework: Framework, items: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """OIT indicator and sub-indicator scores, and the OIT tool score."""
    per_indicator = items.groupby("indicator", sort=False)["points"].agg(["mean", "size"])
    per_sub = items.groupby("subindicator", sort=False)["points"].agg(["mean", "size"])
    if framework.scoring.oit_aggregation == "items":
        tool = float(items["points"].mean())
    else:
        tool = float(per_indicator["mean"].mean())
    ind = pd.DataFrame({"indicator": per_indicator.index, "tool": "OIT", "score": per_indicator["mean"].to_numpy(),
                        "n": per_indicator["size"].to_numpy()})
    sub = pd.DataFrame({"subindicator": per_sub.index, "score": per_sub["mean"].to_numpy(),
                        "n": per_sub["size"].to_numpy()})
    return ind, sub, tool


# -- overall, grade ------------------------------------------------------------------------------------------

def overall_score(*, iit: float, eit: float, oit: float, year: int | None = None,
                  framework: Framework | None = None) -> dict[str, Any]:
    """The overall ITA score and grade from published tool scores.

    Examples
    --------
    >>> r = overall_score(iit=82.44, eit=80.82, oit=100, year=2566)   # Bangkok, FY2566
    >>> round(r["score"], 2), r["grade"]
    (88.98, 'A')
    """
    fw = framework or load_framework(year)
    tools = {"IIT": iit, "EIT": eit, "OIT": oit}
    total = sum(fw.tool(t).weight * s for t, s in tools.items())
    return {"score": total, "grade": fw.grade(total, tool_scores=tools), "tools": tools,
            "weights": {t.id: t.weight for t in fw.tools}}


def grade_probabilities(estimate: float, se: float, framework: Framework, *,
                        tools: Mapping[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    r"""Probability of each grade band (or result category), and of reaching the pass mark.

    Parameters
    ----------
    estimate, se : float
        The overall score and its standard error.
    framework : Framework
        Its grade bands or categories, weights and pass mark.
    tools : mapping of tool → (score, se), optional
        Each tool's score and SE; needed for result categories that set a minimum for every tool.

    Returns
    -------
    DataFrame
        ``grade, minimum, maximum, probability, note``: one row per band or category (from the
        top; ``maximum`` null for the top one), then the pass mark. The bands' or categories'
        probabilities sum to 1.

    Notes
    -----
    Bands depend on the overall score alone, taken as normal with its SE:
    :math:`P(a \le \theta < b) = \Phi((b - \hat\theta)/SE) - \Phi((a - \hat\theta)/SE)`. Categories
    (FY2567) also need every tool at a mark, so their probabilities are joint: IIT and EIT are
    independent normals with their SEs, the OIT has no sampling error, and a category is the first
    whose every condition holds (as :meth:`Framework.grade` assigns it). The EIT is integrated out in
    closed form, the IIT numerically on a fine grid (error below 1e-6). With SE = 0 the grade of the
    estimate gets probability 1.
    """
    rows = []
    categories = framework.scoring.grading == "categories" and bool(framework.grade_categories)
    if categories:
        probabilities = _category_probabilities(framework, estimate, tools)
        for cat, p in zip(framework.grade_categories, probabilities):
            conditions = f"overall ≥ {cat.minimum_overall:g}" + (
                "" if cat.minimum_each_tool is None else f" and every tool ≥ {cat.minimum_each_tool:g}")
            rows.append({"grade": cat.name_th, "minimum": cat.minimum_overall, "maximum": np.nan,
                         "probability": p, "note": conditions})
    else:
        upper = np.nan
        for band in framework.grade_bands:
            p = (1.0 if np.isnan(upper) else _normal_below(upper, estimate, se)) - _normal_below(band.minimum, estimate, se)
            rows.append({"grade": band.grade, "minimum": band.minimum, "maximum": upper, "probability": max(p, 0.0),
                         "note": ""})
            upper = band.minimum
    pass_mark = framework.scoring.pass_mark
    rows.append({"grade": f"pass (≥ {pass_mark:g})", "minimum": pass_mark, "maximum": np.nan,
                 "probability": 1.0 - _normal_below(pass_mark, estimate, se), "note": "pass mark"})
    return pd.DataFrame(rows)


def _normal_below(x: float, mean: float, se: float) -> float:
    """P(a normal with this mean and SE is below x); a point mass when SE is 0."""
    if se > 0:
        return float(normal_cdf((x - mean) / se))
    return 1.0 if mean < x else 0.0


#: Points of the IIT grid the category probabilities are integrated over (± 8.5 SE).
_GRID = 20_001


def _category_probabilities(framework: Framework, estimate: float,
                            tools: Mapping[str, tuple[float, float]] | None) -> list[float]:
    """P(each category), joint over IIT and EIT (independent normals) with the OIT fixed."""
    cats = framework.grade_categories
    if any(c.minimum_each_tool is not None for c in cats) and not tools:
        raise ValueError("tools must give each tool's (score, se): the categories need every tool at a mark")
    if not tools:  # conditions on the overall score only: a normal around the estimate (no SE known here)
        tools = {"IIT": (estimate, 0.0), "EIT": (estimate, 0.0), "OIT": (estimate, 0.0)}
    w = {t.id: t.weight for t in framework.tools}
    (m_i, s_i), (m_e, s_e), (m_o, _) = tools["IIT"], tools["EIT"], tools["OIT"]
    if s_i > 0:
        x = m_i + s_i * np.linspace(-8.5, 8.5, _GRID)
        dens = np.exp(-0.5 * ((x - m_i) / s_i) ** 2)
        weight = dens / dens.sum()
    else:
        x, weight = np.array([m_i]), np.array([1.0])
    reached = np.full(len(x), np.inf)  # the lowest EIT at which some category so far is met, at each IIT value
    out = []
    for cat in cats[:-1]:
        lo = (cat.minimum_overall - w["IIT"] * x - w["OIT"] * m_o) / w["EIT"]
        if cat.minimum_each_tool is not None:
            lo = np.maximum(lo, cat.minimum_each_tool)
            lo = np.where((x >= cat.minimum_each_tool) & (m_o >= cat.minimum_each_tool), lo, np.inf)
        now = np.minimum(reached, lo)
        out.append(float(weight @ (_eit_at_least(now, m_e, s_e) - _eit_at_least(reached, m_e, s_e))))
        reached = now
    out.append(float(1.0 - weight @ _eit_at_least(reached, m_e, s_e)))  # the last category: none above is met
    return [max(p, 0.0) for p in out]


def _eit_at_least(lo: np.ndarray, mean: float, se: float) -> np.ndarray:
    """P(EIT ≥ lo), elementwise (lo may be ±inf)."""
    if se > 0:
        with np.errstate(invalid="ignore"):
            return np.asarray(normal_cdf((mean - lo) / se), dtype=float)
    return (mean >= lo).astype(float)


def _distances(estimate: float, framework: Framework) -> dict[str, Any]:
    pass_mark = framework.scoring.pass_mark
    above = sorted({b.minimum for b in framework.grade_bands if b.minimum > estimate})
    nxt = None
    if framework.scoring.grading == "bands" and above:
        nxt = next(b for b in framework.grade_bands if b.minimum == above[0])
    return {"points_to_pass": max(0.0, pass_mark - estimate),
            "next_grade": None if nxt is None else nxt.grade,
            "points_to_next_grade": None if nxt is None else nxt.minimum - estimate}


# -- the whole job --------------------------------------------------------------------------------------

def score(
    iit: Responses | None = None,
    eit: Responses | None = None,
    oit: ReadResult | pd.DataFrame | None = None,
    roster: ReadResult | pd.DataFrame | None = None,
    *,
    framework: Framework | None = None,
    settings: Settings | None = None,
    by: str | None = None,
    method: Method = "linearization",
) -> ScoreResult:
    """Score the assessment: questions, indicators, tools, overall, with intervals.

    Parameters
    ----------
    iit, eit : ReadResult or DataFrame, optional
        Accepted responses (from :func:`read_iit` / :func:`read_eit`).
    oit : ReadResult or DataFrame, optional
        The OIT checklist; the overall score needs it.
    roster : ReadResult or DataFrame, optional
        Eligible staff: the IIT finite population correction (and, by department, N_d).
    framework : Framework, optional
        Default: the default year's.
    settings : Settings, optional
        Confidence level, minimum cell size, seed.
    by : str, optional
        Break down by a column (``"agency"``, ``"department"``, ``"staff_type"``,
        ``"respondent_group"``); each group is its own sample.
    method : {"linearization", "stratified", "bootstrap"}
        Variance method of the whole-sample results (breakdowns always use linearization).
        "stratified": departments as strata with their N_d from the roster (IIT); "bootstrap":
        respondent bootstrap, 2000 seeded replicates.

    Returns
    -------
    ScoreResult
    """
    expect(framework, "framework", Framework, "a Framework (load_framework(2566))")
    expect(settings, "settings", Settings, "a Settings")
    expect(oit, "oit", ReadResult | pd.DataFrame, "a ReadResult or a DataFrame (read the checklist with read_oit_checklist)")
    expect(roster, "roster", ReadResult | pd.DataFrame, "a ReadResult or a DataFrame (read the roster with read_roster)")
    if method not in ("linearization", "stratified", "bootstrap"):
        raise ValueError(f"method must be 'linearization', 'stratified' or 'bootstrap', got {method!r}")
    if by not in (None, "agency", "department", "staff_type", "respondent_group"):
        raise ValueError(f"by must be 'agency', 'department', 'staff_type' or 'respondent_group', got {by!r}")
    fw, year_info = _frame_and_years(framework, iit, eit)
    st = settings or Settings()
    frames = {t: f for t, r in (("IIT", iit), ("EIT", eit))
              if (f := responses_of(r, t, [q.id for q in fw.questions_of(t)])) is not None}
    _check_roster_columns(roster)
    if not frames and oit is None:
        raise ValueError("nothing to score: give IIT, EIT or OIT data")
    roster_df = table_of(roster)
    notes: list[str] = []
    est, fpc_info = _surveys(frames, fw, st, roster_df, method, notes)
    questions, indicators, tools = _levels(est, fw)
    items = _oit_items(fw, oit)
    if oit is not None:
        indicators, tools = _with_oit(fw, items, indicators, tools, notes)
    overall, probabilities = _overall(tools, fw, st, notes)
    groups = None
    if by is not None:
        groups, group_notes = breakdown(frames, fw, st, by, roster_df)
        notes += group_notes
        if by == "agency" and oit is not None:
            notes.append(Message("oit_agency_wide"))
    inputs = _inputs(iit=iit, eit=eit, oit=oit, roster=roster)
    return ScoreResult(overall=overall, tools=tools.reset_index(drop=True), indicators=indicators.reset_index(drop=True),
                       questions=questions.reset_index(drop=True), oit_items=items, grade_probabilities=probabilities,
                       method=_method(fw, st, method, fpc_info, notes, year_info), groups=groups, by=by, inputs=inputs,
                       answers=_answer_spread(frames, fw), parts=_parts(est),
                       provenance=provenance(framework=fw, settings=st,
                                             inputs={k: v["sha256"] for k, v in inputs.items()}))


def _frame_and_years(framework: Framework | None, iit: Any, eit: Any) -> tuple[Framework, dict[str, Any]]:
    """The frame to score with, and what the answers' dates say about the year (warned as :class:`YearWarning`).

    Without ``framework``: the frame of the answers' fiscal year (:func:`choose_year`; a reader's
    result without dates keeps the year it was read for; nothing dated: the current fiscal year by the
    clock), carried forward where none is shipped. With it, the dates are checked against its year.
    """
    years = {t: data_year(r, tool=t) for t, r in (("IIT", iit), ("EIT", eit))
             if isinstance(r, ReadResult | pd.DataFrame)}
    read_for = {r.framework_year for r in (iit, eit) if isinstance(r, ReadResult)}
    undated_year = next(iter(read_for)) if len(read_for) == 1 else None
    chosen, notices = choose_year(*years.values(), asked=None if framework is None else framework.fiscal_year,
                                  today_year=undated_year)
    if undated_year is not None:
        notices = [n for n in notices if n.code != "no_dates"]  # the reader's year stands for the missing dates
    fw = framework if framework is not None else load_framework(chosen)
    warn_years(notices, stacklevel=4)
    return fw, {"data_years": {t: y.to_dict() for t, y in years.items()}, "notices": notices}


def _parts(est: pd.DataFrame) -> pd.DataFrame:
    """Each part of a tool in parts (``part, tool, score, se, ci_low, ci_high, n``); empty when no tool has parts."""
    rows = est[est["level"] == "part"].rename(columns={"id": "part"})
    return rows[["part", "tool", "score", "se", "ci_low", "ci_high", "n"]].reset_index(drop=True)


def _check_roster_columns(roster: ReadResult | pd.DataFrame | None) -> None:
    table = table_of(roster)
    if table is not None:
        missing = [c for c in ("department", "staff_type", "eligible") if c not in table.columns]
        if missing:
            raise ValueError(f"roster lacks the column(s) {', '.join(missing)} (department, staff_type, eligible)")


def _surveys(frames: dict[str, pd.DataFrame], fw: Framework, st: Settings, roster: pd.DataFrame | None,
             method: Method, notes: list[str]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Every question, indicator and tool estimate of the survey tools, and what the FPC did for each."""
    tables = []
    fpc_info: dict[str, Any] = {}
    for tool, frame in frames.items():
        if len(frame) == 0:
            raise ValueError(f"the {tool} data has no accepted responses")
        use_method: Method = method
        strat_by = None
        population = population_of(roster, None) if tool == "IIT" else None
        if method == "stratified":
            if tool == "IIT" and roster is not None:
                strat_by = "department"
                population = population_of(roster, "department")
            else:
                use_method = "linearization"
                notes.append(Message("no_strata", tool=tool))
        tables.append(estimate(frame, fw, tool, by=strat_by, population=population, method=use_method, settings=st,
                               notes=notes))
        notes += _unanswered_notes(tables[-1], tool)
        fpc_info[tool] = _fpc_info(tool, len(frame), roster, notes)
    est = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(
        columns=["tool", "level", "id", "score", "se", "ci_low", "ci_high", "n", "n_answered", "group", "se_nofpc"])
    return est, fpc_info


def _unanswered_notes(est: pd.DataFrame, tool: str) -> list[str]:
    """A note naming each question nobody answered (its indicator and tool are the means of the rest)."""
    empty = est.loc[(est["level"] == "question") & (est["n_answered"] == 0), "id"].tolist()
    if not empty:
        return []
    return [Message("nobody_answered", tool=tool, ids=empty)]


def _fpc_info(tool: str, n: int, roster: pd.DataFrame | None, notes: list[str]) -> dict[str, Any]:
    """Whether the finite population correction applies to a tool (the IIT, with a roster that fits)."""
    if tool == "IIT" and roster is not None:
        N = float(roster["eligible"].sum())
        applied = N >= n
        if not applied:
            notes.append(Message("roster_too_small", eligible=N, n=n))
        return {"applied": applied, "N": N, "n": n, "factor": 1 - n / N if applied else 1.0}
    if tool == "IIT":
        notes.append(Message("iit_no_roster"))
    return {"applied": False, "n": n, "reason": "no_roster" if tool == "IIT" else "not_a_list"}


def _levels(est: pd.DataFrame, fw: Framework) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The estimates as the three tidy tables: questions, indicators, tools."""
    est = est.assign(left_out=left_out(est, fw))
    questions = est[est.level == "question"].rename(columns={"id": "question"})
    questions.insert(1, "indicator", questions["question"].map({q.id: q.indicator for q in fw.questions}))
    questions = questions[["question", "indicator", "tool", "score", "se", "ci_low", "ci_high", "n", "n_answered",
                           "se_nofpc"]]
    indicators = est[est.level == "indicator"].rename(columns={"id": "indicator"})
    indicators = indicators[["indicator", "tool", "score", "se", "ci_low", "ci_high", "n", "left_out", "se_nofpc"]]
    tools = est[est.level == "tool"].rename(columns={"id": "tool_id"})
    tools = tools.assign(tool=tools["tool_id"])[["tool", "score", "se", "ci_low", "ci_high", "n", "left_out", "se_nofpc"]]
    indicators.insert(2, "name_th", indicators["indicator"].map({i.id: i.name_th for i in fw.indicators}))
    indicators.insert(3, "name_en", indicators["indicator"].map({i.id: i.name_en for i in fw.indicators}))
    return questions, indicators, tools


def _with_oit(fw: Framework, items: pd.DataFrame, indicators: pd.DataFrame, tools: pd.DataFrame,
              notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicator and tool tables with the OIT's rows added (no sampling error: SE 0)."""
    oit_ind, _, oit_tool = _oit_scores(fw, items)
    missing_rows = items.loc[~items["in_checklist"], "item"].tolist()
    if missing_rows:
        notes.append(Message("oit_not_in_checklist", ids=missing_rows))
    oit_ind = oit_ind.assign(se=0.0, se_nofpc=0.0, ci_low=oit_ind["score"], ci_high=oit_ind["score"], left_out="",
                             name_th=oit_ind["indicator"].map({i.id: i.name_th for i in fw.indicators}),
                             name_en=oit_ind["indicator"].map({i.id: i.name_en for i in fw.indicators}))
    indicators = pd.concat([indicators, oit_ind[indicators.columns]], ignore_index=True)
    tools = pd.concat([tools, pd.DataFrame([{"tool": "OIT", "score": oit_tool, "se": 0.0, "ci_low": oit_tool,
                                             "ci_high": oit_tool, "n": len(items), "left_out": "", "se_nofpc": 0.0}])],
                      ignore_index=True)
    return indicators, tools


def _overall(tools: pd.DataFrame, fw: Framework, st: Settings,
             notes: list[str]) -> tuple[dict[str, Any] | None, pd.DataFrame]:
    """The overall score (weights from the framework) with its interval and grade, and the grade probabilities."""
    if not set(tools["tool"]) >= {"IIT", "EIT", "OIT"}:
        notes.append(Message("overall_needs_all"))
        return None, pd.DataFrame(columns=["grade", "minimum", "maximum", "probability", "note"])
    t = tools.set_index("tool")
    weights = {tl.id: tl.weight for tl in fw.tools}
    value = float(sum(weights[k] * t.loc[k, "score"] for k in weights))
    se = float(np.sqrt(sum(weights[k] ** 2 * t.loc[k, "se"] ** 2 for k in _SURVEYS)))
    low, high = overall_interval(value, [(weights[k], float(t.loc[k, "score"]), float(t.loc[k, "ci_low"]),
                                          float(t.loc[k, "ci_high"])) for k in _SURVEYS])
    se_nofpc = float(np.sqrt(sum(weights[k] ** 2 * t.loc[k, "se_nofpc"] ** 2 for k in _SURVEYS)))
    overall = {"score": value, "se": se, "ci_low": low, "ci_high": high, "se_nofpc": se_nofpc,
               "grade": fw.grade(value, tool_scores=t["score"].to_dict()),
               "pass_mark": fw.scoring.pass_mark, **_distances(value, fw)}
    probabilities = grade_probabilities(value, se, fw, tools={k: (float(t.loc[k, "score"]), float(t.loc[k, "se"]))
                                                              for k in ("IIT", "EIT", "OIT")})
    overall["probability_pass"] = float(probabilities.iloc[-1]["probability"])
    return overall, probabilities


def overall_interval(value: float, parts: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    r"""The overall score's interval from the survey tools' own intervals (MOVER), inside 0–100.

    ``parts`` are each survey tool's (weight, score, ci_low, ci_high); the OIT has no sampling error.

    Notes
    -----
    The overall is :math:`\sum_k w_k \hat\theta_k` (+ the OIT's fixed part) over independent samples.
    Its bounds recover each tool's variance from that tool's own bounded, asymmetric interval
    (the method of variance estimates recovery, Zou & Donner 2008):
    :math:`L = \hat\theta - \sqrt{\sum_k w_k^2 (\hat\theta_k - l_k)^2}`,
    :math:`U = \hat\theta + \sqrt{\sum_k w_k^2 (u_k - \hat\theta_k)^2}`. With symmetric tool
    intervals this is estimate ± t·SE; near 100 it keeps the tools' skew, and with small samples
    their t quantiles (the normal quantile undercovered: 80–92% at n = 10 in docs/validity.md).

    References
    ----------
    Zou, G. Y., Donner, A. (2008). Construction of confidence limits about effect measures: a general
    approach. *Stat. Med.* 27, 1693–1702.
    """
    below = float(np.sqrt(sum((w * (s - lo)) ** 2 for w, s, lo, _ in parts)))
    above = float(np.sqrt(sum((w * (hi - s)) ** 2 for w, s, _, hi in parts)))
    return max(0.0, value - below), min(100.0, value + above)


def _method(fw: Framework, st: Settings, method: Method, fpc_info: dict[str, Any], notes: list[str],
            year_info: dict[str, Any] | None = None) -> dict[str, Any]:
    """What was assumed: the ``method`` block of the results."""
    plain_4l = next(q for q in fw.questions if q.scale == "4L" and not q.reverse)
    doc: dict[str, Any] = {
        "variance": method,
        "scale_points": {"four_level": list(fw.points(plain_4l).values()), "yes_no": {"yes": 100.0, "no": 0.0},
                         "reverse_scored": [q.id for q in fw.questions if q.reverse]},
        "four_level_points": fw.scoring.four_level_points,
        "tool_aggregation": fw.scoring.tool_aggregation,
        "oit_aggregation": fw.scoring.oit_aggregation,
        "grading": fw.scoring.grading,
        "blanks": "left out of the question's mean (ratio mean); never counted as 0",
        "fpc": fpc_info,
        "confidence": st.confidence,
        "interval": _INTERVAL_TEXT[st.interval] if method != "bootstrap" else
        "percentile intervals of the bootstrap replicates (inside 0–100); overall: estimate ± z·SE",
        "overall_se": "√(Σ w_t²·SE_t²) over IIT and EIT (independent samples); OIT has no sampling error; interval "
                      "from the tools' own intervals (MOVER, Zou & Donner 2008), inside 0–100",
        "df": "design degrees of freedom: a tool's respondents − 1 for its questions (also with blanks), indicators "
              "and tool, as R's survey (degf) counts them; strata: respondents − strata",
        "min_cell_size": st.min_cell_size,
        "weights": {t.id: t.weight for t in fw.tools},
        "framework": {"fiscal_year": fw.fiscal_year, "data_year": fw.fiscal_year, "frame_year": fw.frame_year,
                      "status": fw.status, "carried_forward": fw.carried_forward, "lineage": list(fw.lineage),
                      "source": Path(fw.source).name, "sha256": fw.sha256,
                      **(year_info or {"data_years": {}, "notices": []})},
        "notes": notes + frame_notes(fw, ("ASSUMED", "UNCERTAIN")),
    }
    if method == "bootstrap":
        doc["bootstrap"] = {"replicates": 2000, "seed": st.seed,
                            "interval": "percentile; SE and interval scaled by √(n/(n − 1)·(1 − n/N)) (small-sample "
                                        "correction and finite population correction)"}
    if method == "stratified":
        doc["strata"] = "IIT: departments, N_d from the roster; df = n − number of strata"
    return doc


#: What ``method.interval`` says for each interval rule.
_INTERVAL_TEXT = {
    "logit": "logit: questions, indicators and tools logit(p) ± t(1 − α/2, n − 1)·(SE/100)/(p(1 − p)) on p = score/100, "
             "back-transformed (inside 0–100); an exact Clopper–Pearson bound with n answered where p is 0 or 1 or the "
             "SE is 0 without a census; zero width only for a census; overall: estimate ± z·SE",
    "wald": "wald: questions, indicators and tools estimate ± t(1 − α/2, n − 1)·SE, clipped to 0–100; overall: "
            "estimate ± z·SE",
}


def _inputs(**results: Any) -> dict[str, Any]:
    """Each input file's path, SHA-256 and row counts (and the IIT rows rejected for being outside the roster)."""
    inputs: dict[str, Any] = {}
    for key, r in zip(("IIT", "EIT", "OIT", "roster"), results.values()):
        if isinstance(r, ReadResult):
            inputs[key] = {"file": r.source.path, "sha256": r.source.sha256, "rows_read": r.rows_read,
                           "accepted": r.accepted, "rejected": r.rejected}
            if key == "IIT" and results["roster"] is not None:
                checks = r.rejects["check"].str.split(";") if r.rejected else pd.Series([], dtype=object)
                inputs[key]["rejected_outside_roster"] = int(sum("not_in_roster" in c for c in checks))
    return inputs


def _answer_spread(frames: dict[str, pd.DataFrame], fw: Framework) -> pd.DataFrame:
    """Counts of each point value per question (what pulls a score down), blanks apart.

    Counted from the answer codes, then each code given its points by the framework (so a
    reverse-worded question's "most" counts at 0 points).
    """
    rows = []
    for tool, frame in frames.items():
        for q in fw.questions_of(tool):
            codes = as_answer_codes(frame[q.id], q.scale, name=f"column {q.id}").codes
            counts = np.bincount(codes.astype(np.int64) + 1, minlength=len(answer_categories(q.scale)) + 1)
            blank = int(counts[0])
            answered = len(codes) - blank
            by_points = dict(zip([fw.points(q)[c] for c in answer_categories(q.scale)], counts[1:].tolist()))
            for value in sorted(by_points):
                count = int(by_points[value])
                rows.append({"question": q.id, "indicator": q.indicator, "tool": tool, "points": value,
                             "count": count, "share": count / answered if answered else np.nan,
                             "answered": answered, "blank": blank})
    return pd.DataFrame(rows, columns=["question", "indicator", "tool", "points", "count", "share", "answered", "blank"])
