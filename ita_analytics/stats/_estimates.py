"""One survey tool's estimates: which combination of questions each score is, and its interval.

Every question, indicator and tool score of IIT or EIT is a contrast of question ratio means;
:func:`estimate` runs the variance engine (:mod:`._inference`) over all of them at once, for the
whole sample or for every group of a breakdown.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..core._arrays import take_texts
from ..core._catalogue import Message
from ..core._framework import Framework, answer_categories, load_framework
from ..core._settings import Settings
from ..core._types import ReadResult, as_answer_codes, table_of
from ._inference import (
    Contrasts,
    Design,
    MeanOf,
    bootstrap_estimates,
    linearized_estimates,
    ratio_estimates,
    stratified_estimates,
    stratum_problems,
)

__all__ = ["Method", "answer_points", "contrasts_of", "estimate", "label_estimates", "left_out", "points_matrix", "population_of",
           "subset_scores"]


Method = Literal["linearization", "stratified", "bootstrap"]


def contrasts_of(framework: Framework, tool: str) -> tuple[Contrasts, dict[str, str]]:
    """Contrasts for every question, indicator and the tool score; and each contrast's level.

    An indicator is the mean of its questions; the tool is the mean of its questions or (the
    ``tool_aggregation`` setting) of its indicators. Where nobody answered a question, the engine
    renormalises: each is then the mean of what was answered.
    """
    contrasts: dict[str, dict[str, float] | MeanOf] = {}
    level: dict[str, str] = {}
    questions = framework.questions_of(tool)
    for q in questions:
        contrasts[q.id] = {q.id: 1.0}
        level[q.id] = "question"
    indicators = []
    for ind in framework.indicators_of(tool):
        qs = [q.id for q in questions if q.indicator == ind.id]
        contrasts[f"indicator:{ind.id}"] = {q: 1.0 / len(qs) for q in qs}
        level[f"indicator:{ind.id}"] = "indicator"
        indicators.append(f"indicator:{ind.id}")
    parts = framework.tool(tool).parts
    if parts:  # a tool in parts (the national FY2566 EIT) is the mean of its parts, each of its questions or indicators
        for part in parts:
            qs = [q.id for q in questions if q.indicator in part.indicators]
            if framework.scoring.tool_aggregation == "questions":
                contrasts[f"part:{part.id}"] = {q: 1.0 / len(qs) for q in qs}
            else:
                sizes = {i: sum(1 for q in questions if q.indicator == i) for i in part.indicators}
                contrasts[f"part:{part.id}"] = {q.id: 1.0 / (len(part.indicators) * sizes[q.indicator])
                                                for q in questions if q.indicator in part.indicators}
            level[f"part:{part.id}"] = "part"
        contrasts[f"tool:{tool}"] = MeanOf(tuple(f"part:{p.id}" for p in parts))
    elif framework.scoring.tool_aggregation == "questions":
        contrasts[f"tool:{tool}"] = {q.id: 1.0 / len(questions) for q in questions}
    else:
        contrasts[f"tool:{tool}"] = MeanOf(tuple(indicators))
    level[f"tool:{tool}"] = "tool"
    return contrasts, level


def population_of(roster: pd.DataFrame | None, by: str | None) -> dict[str, float] | float | None:
    """Eligible staff N for the whole sample or per group (from the roster)."""
    if roster is None:
        return None
    if by is None:
        return float(roster["eligible"].sum())
    if by in roster.columns:
        return roster.groupby(by)["eligible"].sum().astype(float).to_dict()
    return None


def estimate(frame: pd.DataFrame, framework: Framework, tool: str, *, by: str | pd.Series | None,
             population: dict[str, float] | float | None, method: Method, settings: Settings,
             notes: list[str] | None = None) -> pd.DataFrame:
    """One tool's estimates (every question, indicator and the tool; per group with ``by``), tidy.

    ``method`` "stratified" takes ``by`` as the strata; what the strata cannot give (a department
    with more respondents than its roster count, one respondent, or none) is added to ``notes``.
    """
    contrasts, level = contrasts_of(framework, tool)
    qids = [q.id for q in framework.questions_of(tool)]
    if method == "stratified" and by is None:
        raise ValueError("the stratified method needs strata: pass the roster and it stratifies by department")
    group = frame[by] if isinstance(by, str) else by
    design = Design.build(points_matrix(frame, framework, tool), qids, by=group, population=population)
    confidence, interval = settings.confidence, settings.interval
    if method == "stratified":
        est = stratified_estimates(design, contrasts, confidence=confidence, interval=interval)
        if notes is not None and isinstance(population, dict):
            notes += _stratum_notes(tool, stratum_problems(design, population))
    elif method == "bootstrap":
        est = bootstrap_estimates(design, contrasts, seed=settings.seed, confidence=confidence)
    else:
        est = linearized_estimates(design, contrasts, confidence=confidence, interval=interval)
    label_estimates(est, tool, contrasts, level)
    est["n_answered"] = est["n_answered"].where(est["level"] == "question")
    return est


def _stratum_notes(tool: str, problems: dict[str, list[str]]) -> list[Message]:
    names = {"over": "stratum_over", "single": "stratum_single", "empty": "stratum_empty"}
    return [Message(name, tool=tool, strata=problems[key]) for key, name in names.items() if problems[key]]


def label_estimates(est: pd.DataFrame, tool: str, contrasts: Contrasts, level: dict[str, str]) -> None:
    """Add ``tool``, ``level`` and ``id`` to estimates whose rows run through the contrasts group by group."""
    names = list(contrasts)
    which = np.tile(np.arange(len(names)), len(est) // len(names))  # each row's contrast
    est["tool"] = tool
    est["level"] = take_texts([level[k] for k in names], which)
    est["id"] = take_texts([k.split(":")[-1] for k in names], which)


def subset_scores(frame: pd.DataFrame, tool: str, keep: np.ndarray, *, framework: Framework) -> pd.DataFrame:
    """Scores of one tool over the respondents in ``keep`` alone, as :func:`score` gives them for that subset.

    The subset is a group of a two-group design, not a copy of the table (a million responses
    stay where they are), and only the scores are computed (one pass). Returns the ``level, id,
    score, n`` rows of the subset (levels question, indicator and tool).
    """
    contrasts, level = contrasts_of(framework, tool)
    labels = pd.Series(pd.Categorical.from_codes(np.asarray(keep, dtype=np.int8), ["left out", "kept"]))
    design = Design.build(points_matrix(frame, framework, tool), [q.id for q in framework.questions_of(tool)],
                          by=labels)
    est = ratio_estimates(design, contrasts)
    label_estimates(est, tool, contrasts, level)
    kept = est[est["group"] == "kept"]
    return kept[["level", "id", "score", "n"]].reset_index(drop=True)



def answer_points(responses: pd.DataFrame | ReadResult, tool: str, *, framework: Framework | None = None) -> pd.DataFrame:
    """Each respondent's points (0–100; NaN = no answer) for one tool's questions: a table, one column per question.

    Responses carry answer codes; this is how the framework given scores them (its
    ``four_level_points`` setting, each question's polarity). What :func:`ita_analytics.score`
    averages.

    Examples
    --------
    >>> import pandas as pd, ita_analytics as ia
    >>> fw = ia.load_framework(2566)
    >>> codes = pd.DataFrame({q.id: ["4", None] for q in fw.questions_of("EIT")})
    >>> ia.answer_points(codes, "EIT", framework=fw)["e1"].tolist()
    [100.0, nan]
    """
    if tool not in ("IIT", "EIT"):
        raise ValueError(f"tool must be 'IIT' or 'EIT', got {tool!r}")
    fw = framework or load_framework()
    frame = table_of(responses)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"responses must be a ReadResult or a DataFrame, got {type(responses).__name__}")
    return pd.DataFrame(points_matrix(frame, fw, tool), columns=[q.id for q in fw.questions_of(tool)], index=frame.index)


def points_matrix(frame: pd.DataFrame, framework: Framework, tool: str) -> np.ndarray:
    """Each respondent's points (an n × Q array, NaN = no answer) for one tool's questions, from their codes.

    The framework given decides the points (its ``four_level_points`` setting, each question's
    polarity), so a setting changed after reading is honoured. Each column's codes index a
    256-slot table (code −1, a missing answer, is byte 255: NaN).
    """
    questions = framework.questions_of(tool)
    points = np.empty((len(frame), len(questions)), order="F")
    for k, q in enumerate(questions):
        codes = as_answer_codes(frame[q.id], q.scale, name=f"column {q.id}").codes
        table = np.full(256, np.nan)
        scale = framework.points(q)
        table[: len(scale)] = [scale[c] for c in answer_categories(q.scale)]
        np.take(table, codes.astype(np.int8, copy=False).view(np.uint8), out=points[:, k], mode="clip")
    return points


def left_out(est: pd.DataFrame, fw: Framework) -> pd.Series:
    """For each indicator and tool row of ``est``, the questions of it that nobody answered in its group ("" if none)."""
    empty = est[(est["level"] == "question") & (est["n_answered"] == 0)]
    if empty.empty:
        return pd.Series("", index=est.index)
    indicator_of = {q.id: q.indicator for q in fw.questions}
    missing: dict[tuple[str, str, str], list[str]] = {}
    group = est["group"] if "group" in est else pd.Series("all", index=est.index)
    for g, tool, qid in zip(group[empty.index], empty["tool"], empty["id"]):
        missing.setdefault((g, "indicator", indicator_of[qid]), []).append(qid)
        missing.setdefault((g, "tool", tool), []).append(qid)
    keys = zip(group, est["level"], est["id"])
    return pd.Series([", ".join(missing.get(k, [])) for k in keys], index=est.index, dtype=object)
