"""The path to a target score: which actions raise the overall score, by how much, and in what order.

The arithmetic the committee needs and nobody does for it (FY2566 weights 0.3/0.3/0.4):

- publishing a missing OIT item is certain and worth 0.4 × 100 / 30 = 1.33 overall points;
- raising indicator k of a survey tool by one point is worth w_tool × q_k / Q_tool overall points
  (q_k its questions, Q_tool the tool's questions with answers), e.g. 0.3 × 7 / 25 = 0.084 for
  indicator 1; raising one IIT question by a point is worth 0.3 / 25 = 0.012.

The plan takes every missing OIT item first (certain), then the weakest indicators, each raised
to a stated level, until the target is reached. Its ``after`` is ``current`` plus the gains, and
equals re-scoring answers improved that way (a test does it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core._catalogue import Message, Messages
from ..core._errors import ITAValueError
from ..core._framework import BE_OFFSET, Framework
from ..io._measures import MEASURE_COLUMNS, MEASURE_STATUSES
from ._distributions import normal_cdf
from ._scoring import ScoreResult, _oit_scores

__all__ = ["Plan", "indicator_weights", "measures_due", "measures_progress", "measures_table", "plan", "what_if"]


@dataclass(frozen=True)
class Plan:
    """The path from the current overall score to a target.

    Attributes
    ----------
    current, target, after : float
        The overall score now, the score aimed at, and the score once every action succeeds.
    target_name : str
        What the target is: "85" (the pass mark), a grade ("A") or a category ("ผ่านดี").
    reachable : bool
        Whether the actions reach the target.
    actions : DataFrame
        In order: ``kind`` (oit_item | indicator), ``id``, ``tool``, ``name_th``, ``name_en``,
        ``from``, ``to`` (an item: 0 → 100 points; an indicator: its score → the level asked),
        ``gain`` (overall points), ``cumulative`` (score after this and the earlier actions),
        ``probability`` (that the true score reaches the target if this and the earlier actions
        succeed; 1 for the OIT, which has no sampling error), ``certain``, ``responsible``,
        ``questions`` (the indicator's weakest questions, with their scores).
    missing : str
        Empty when reachable; otherwise what stands in the way.
    """

    current: float
    target: float
    target_name: str
    after: float
    reachable: bool
    actions: pd.DataFrame
    missing: str
    tool_minimum: float | None  # a category's floor for every tool, if any

    def __repr__(self) -> str:
        return (f"<Plan {self.current:.2f} → {self.after:.2f} (target {self.target_name} = {self.target:.2f}, "
                f"{'reachable' if self.reachable else 'not reachable'}, {len(self.actions)} actions)>")

    def to_dict(self) -> dict[str, Any]:
        """The ``ita plan --json`` document."""
        from ..core._json import records

        return {"current": self.current, "target": self.target, "target_name": self.target_name,
                "reachable": self.reachable, "after": self.after, "missing": self.missing,
                "tool_minimum": self.tool_minimum, "actions": records(self.actions)}


def _target(framework: Framework, target: float | str | None) -> tuple[float, str, float | None]:
    """The target as (overall score, its name, each tool's floor or None)."""
    if target is None:
        return framework.scoring.pass_mark, f"{framework.scoring.pass_mark:g}", None
    if isinstance(target, (int, float)) and not isinstance(target, bool):
        if not 0 < float(target) <= 100:
            raise ITAValueError("bad_target", parameter="target", got=repr(target))
        return float(target), f"{float(target):g}", None
    text = str(target).strip()
    try:
        return _target(framework, float(text))
    except ValueError:
        pass
    for band in framework.grade_bands:
        if band.grade.lower() == text.lower():
            return band.minimum, band.grade, None
    for cat in framework.grade_categories:
        if text in (cat.name_th, cat.name_en):
            return cat.minimum_overall, cat.name_th, cat.minimum_each_tool
    names = [b.grade for b in framework.grade_bands] + [c.name_th for c in framework.grade_categories]
    raise ITAValueError("unknown_target", parameter="target", got=repr(text), year=framework.fiscal_year, known=names)


def _oit_actions(result: ScoreResult, framework: Framework) -> list[dict[str, Any]]:
    """Each missing OIT item, worth exactly what publishing it adds to the overall score."""
    items = result.oit_items
    if not len(items):
        return []
    weight = framework.tool("OIT").weight
    _, _, base = _oit_scores(framework, items)
    out = []
    for row in items[~items["published"]].itertuples():
        after = items.assign(points=np.where(items["item"] == row.item, 100.0, items["points"]))
        _, _, score = _oit_scores(framework, after)
        out.append({"kind": "oit_item", "id": row.item, "tool": "OIT", "name_th": row.title_th, "name_en": row.title_en,
                    "from": 0.0, "to": 100.0, "gain": weight * (score - base), "certain": True,
                    "responsible": ", ".join(framework.owners(row.item)), "questions": ""})
    return out


def indicator_weights(result: ScoreResult, framework: Framework) -> pd.Series:
    """Overall points per point of each survey indicator: w_tool × q_k / Q_tool (or w_tool / K_tool).

    Notes
    -----
    With ``tool_aggregation = "questions"`` a tool's score is the mean of its answered questions,
    so raising every question of indicator k by d raises the tool by d·q_k/Q; with "indicators"
    it is the mean of its indicators, so by d/K.
    """
    questions = result.questions.dropna(subset=["score"])
    out = {}
    for tool in ("IIT", "EIT"):
        weight = framework.tool(tool).weight
        q = questions[questions["tool"] == tool]
        per = q.groupby("indicator").size()
        for ind, count in per.items():
            share = count / len(q) if framework.scoring.tool_aggregation == "questions" else 1 / len(per)
            out[str(ind)] = weight * share
    return pd.Series(out, dtype=float)


def _weak_questions(result: ScoreResult, framework: Framework, indicator: str) -> Messages:
    """The indicator's three weakest questions, each with its theme in both languages and its score."""
    th, en = framework.themes("th"), framework.themes("en")
    q = result.questions[result.questions["indicator"] == indicator].dropna(subset=["score"]).nsmallest(3, "score")
    return Messages(Message("weak_question", id=r.question, theme_th=th.get(r.question, ""), theme_en=en.get(r.question, ""),
                            score=float(r.score)) for r in q.itertuples())


def plan(result: ScoreResult, framework: Framework, *, target: float | str | None = None,
         level: float | None = None) -> Plan:
    """The cheapest path from the current overall score to ``target``.

    Parameters
    ----------
    result : ScoreResult
        Scores with all three tools (an overall score).
    framework : Framework
        The year's weights, items, grades.
    target : float or str, optional
        A score, a grade ("A") or a category ("ผ่านดี"); default the pass mark.
    level : float, optional
        The level each weak indicator is raised to (default: the target, or a category's tool
        floor when higher). The last action asks only for what is still needed.

    Returns
    -------
    Plan

    Notes
    -----
    Order: missing OIT items (certain, largest gain first), then, for a category that needs
    every tool at a floor, the weakest indicators of each tool below it, then the weakest
    indicators overall. ``probability`` treats the planned gains as certain and the current
    sampling error as it is: P = Φ((current + gains − target) / SE) for a score or grade; for a
    category with a floor for every tool, the joint chance that the overall and every tool reach
    it (:func:`reach_probability`): two tools raised just to 85 reach ผ่านดี about a quarter of the time.
    """
    if not result.overall:
        raise ValueError("result: a plan needs the overall score (IIT, EIT and the OIT checklist)")
    value, name, floor = _target(framework, target)
    raise_to = max(value, floor or 0.0) if level is None else float(level)
    current, se = float(result.overall["score"]), float(result.overall["se"])
    actions = sorted(_oit_actions(result, framework), key=lambda a: -a["gain"])
    tools = result.tools.set_index("tool")["score"].astype(float).to_dict()
    tools["OIT"] += sum(a["gain"] for a in actions) / framework.tool("OIT").weight
    total = current + sum(a["gain"] for a in actions)
    weights = indicator_weights(result, framework)
    scores = result.indicators.set_index("indicator")["score"].astype(float)
    for action in actions:
        action["cumulative"] = current  # filled below
    for tool in (["IIT", "EIT"] if floor is not None else []):  # a category: every tool up to its floor first
        total = _raise(actions, result, framework, weights, scores, tools, tool, floor, raise_to, total, stop=None)
    total = _raise(actions, result, framework, weights, scores, tools, None, None, raise_to, total, stop=value)
    start = result.tools.set_index("tool")[["score", "se"]].astype(float)
    frame = _table(actions, current, se, value, floor=floor, start=start, framework=framework)
    after = current + float(frame["gain"].sum()) if len(frame) else current
    ok_tools = floor is None or all(tools[t] >= floor - 1e-9 for t in ("IIT", "EIT", "OIT"))
    reachable = after >= value - 1e-9 and ok_tools
    missing = "" if reachable else (f"even with every action the score reaches {after:.2f}, short of {value:.2f}"
                                    if after < value - 1e-9 else f"a tool stays below {floor:g}")
    return Plan(current=current, target=value, target_name=name, after=after, reachable=reachable, actions=frame,
                missing=missing, tool_minimum=floor)


def _raise(actions: list[dict[str, Any]], result: ScoreResult, framework: Framework, weights: pd.Series,
           scores: pd.Series, tools: dict[str, float], tool: str | None, floor: float | None, raise_to: float,
           total: float, *, stop: float | None) -> float:
    """Add indicator actions, weakest first, until ``stop`` (overall) or ``floor`` (the tool's score) is reached."""
    names = {i.id: i for i in framework.indicators}
    done = {a["id"] for a in actions if a["kind"] == "indicator"}
    pool = [(scores[k], k) for k in weights.index if k not in done and (tool is None or names[k].tool == tool)
            and scores[k] < raise_to]
    for score, k in sorted(pool):
        ind_tool = names[k].tool
        w_tool = framework.tool(ind_tool).weight
        if stop is not None and total >= stop - 1e-9:
            break
        if floor is not None and tools[ind_tool] >= floor - 1e-9:
            break
        to = raise_to
        if stop is not None:  # ask only for what is still needed
            to = min(to, score + (stop - total) / weights[k])
        if floor is not None:
            to = min(to, score + (floor - tools[ind_tool]) * w_tool / weights[k])
        gain = weights[k] * (to - score)
        tools[ind_tool] += gain / w_tool
        total += gain
        scores[k] = to
        actions.append({"kind": "indicator", "id": k, "tool": ind_tool, "name_th": names[k].name_th,
                        "name_en": names[k].name_en, "from": float(score), "to": float(to), "gain": float(gain),
                        "certain": False, "responsible": "", "questions": _weak_questions(result, framework, k)})
    return total


def _table(actions: list[dict[str, Any]], current: float, se: float, target: float, *, floor: float | None,
           start: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """The actions in order, each with the overall score and the chance of the target once it and those before it succeed.

    Without a tool floor the chance is the overall score's, Φ((cumulative − target)/SE); a category with a
    floor for every tool takes the joint chance over IIT and EIT (:func:`reach_probability`).
    """
    columns = ["kind", "id", "tool", "name_th", "name_en", "from", "to", "gain", "cumulative", "probability",
               "certain", "responsible", "questions"]
    frame = pd.DataFrame(actions, columns=[c for c in columns if c not in ("cumulative", "probability")])
    frame["questions"] = pd.Series([a.get("questions", "") for a in actions], index=frame.index, dtype=object)  # messages
    frame["cumulative"] = current + frame["gain"].cumsum()
    if floor is None:
        frame["probability"] = [float(normal_cdf((c - target) / se)) if se > 0 else float(c >= target)
                                for c in frame["cumulative"]]
        return frame[columns]
    weights = {t.id: t.weight for t in framework.tools}
    scores = start["score"].to_dict()
    chances = []
    for gain, tool in zip(frame["gain"], frame["tool"]):  # each tool's score after this action and those before it
        scores[tool] += gain / weights[tool]
        chances.append(reach_probability({t: (scores[t], float(start.loc[t, "se"])) for t in ("IIT", "EIT", "OIT")},
                                         weights, minimum_overall=target, minimum_each_tool=floor))
    frame["probability"] = chances
    return frame[columns]


def reach_probability(tools: dict[str, tuple[float, float]], weights: dict[str, float], *, minimum_overall: float,
                      minimum_each_tool: float | None = None) -> float:
    r"""P(overall ≥ ``minimum_overall`` and every tool ≥ ``minimum_each_tool``), joint over the tools.

    Notes
    -----
    IIT and EIT are independent normals with their SEs (independent samples); the OIT has no
    sampling error. With :math:`O` fixed, the event is :math:`I \ge f`, :math:`E \ge f` and
    :math:`w_I I + w_E E + w_O O \ge m`; the EIT is integrated in closed form, the IIT on a grid
    of ±8.5 SE (20,001 points; error below 1e-6), as :func:`ita_analytics.grade_probabilities` does
    for the categories. Tested against a Monte Carlo of a million draws.
    """
    (m_i, s_i), (m_e, s_e), (m_o, _) = tools["IIT"], tools["EIT"], tools["OIT"]
    f = -np.inf if minimum_each_tool is None else minimum_each_tool
    if m_o < f:
        return 0.0
    if s_i > 0:
        x = m_i + s_i * np.linspace(-8.5, 8.5, 20_001)
        density = np.exp(-0.5 * ((x - m_i) / s_i) ** 2)
        density /= density.sum()
    else:
        x, density = np.array([m_i]), np.array([1.0])
    low = np.maximum(f, (minimum_overall - weights["IIT"] * x - weights["OIT"] * m_o) / weights["EIT"])
    if s_e > 0:
        eit = normal_cdf((m_e - low) / s_e)
    else:
        eit = (m_e >= low).astype(float)
    return float(density @ np.where(x >= f, eit, 0.0))


def what_if(result: ScoreResult, framework: Framework, *, indicators: dict[str, float] | None = None,
            publish: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """The overall score, grade and chance of a pass if some indicators reached new scores or OIT items were published.

    Parameters
    ----------
    indicators : dict, optional
        Survey indicator id → its new score, e.g. ``{"8": 85}``.
    publish : list of str
        Missing OIT items taken as published, e.g. ``["O3"]``.

    Returns
    -------
    dict
        ``score``, ``grade``, ``probability_pass`` and ``change`` (from the current score).

    Notes
    -----
    Uses the same linear weights as :func:`plan` (exact for the OIT; for a survey indicator,
    every question of it moving alike). The chance of a pass keeps the current standard error.
    """
    if not result.overall:
        raise ValueError("result: a what-if needs the overall score (IIT, EIT and the OIT checklist)")
    weights = indicator_weights(result, framework)
    scores = result.indicators.set_index("indicator")["score"].astype(float)
    unknown = sorted(set(indicators or {}) - set(weights.index))
    if unknown:
        raise ValueError(f"indicators: {', '.join(unknown)} are not survey indicators with answers "
                         f"(known: {', '.join(weights.index)})")
    change = sum(weights[k] * (float(v) - scores[k]) for k, v in (indicators or {}).items())
    items = {a["id"]: a["gain"] for a in _oit_actions(result, framework)}
    missing = sorted(set(publish) - set(items))
    if missing:
        raise ValueError(f"publish: {', '.join(missing)} are not missing OIT items (missing: {', '.join(items) or 'none'})")
    change += sum(items[i] for i in publish)
    tools = result.tools.set_index("tool")["score"].astype(float).to_dict()
    for k, v in (indicators or {}).items():
        tool = next(i.tool for i in framework.indicators if i.id == k)
        tools[tool] += weights[k] * (float(v) - scores[k]) / framework.tool(tool).weight
    tools["OIT"] += sum(items[i] for i in publish) / framework.tool("OIT").weight
    score = float(result.overall["score"]) + change
    se = float(result.overall["se"])
    mark = framework.scoring.pass_mark
    p = float(normal_cdf((score - mark) / se)) if se > 0 else float(score >= mark)
    return {"score": score, "change": float(change), "grade": framework.grade(score, tool_scores=tools),
            "probability_pass": p}


def measures_table(result: ScoreResult, framework: Framework, *, due_half: str, due_end: str) -> pd.DataFrame:
    """The committee's measures, prefilled: every missing OIT item, then every survey indicator below the pass mark.

    Each row names a measure, the department responsible, the period, how success is known and
    what it is worth in overall points; status, evidence and notes are for the committee.
    ``due_half`` and ``due_end`` are the 6-month and year-end dates (ISO) the OIT item O30 reports at.
    """
    mark = framework.scoring.pass_mark
    rows = []
    for a in sorted(_oit_actions(result, framework), key=lambda a: a["id"]):
        names = {"id": a["id"], "name_th": a["name_th"], "name_en": a["name_en"]}
        rows.append({"kind": "oit_item", "id": a["id"], "name": Message("frame_name", **names),
                     "measure": Message("measure_publish", **names), "responsible": a["responsible"],
                     "period": Message("period_half"), "due": due_half, "success": Message("success_published", **names),
                     "gain": a["gain"]})
    weights = indicator_weights(result, framework)
    weak = result.indicators[result.indicators["indicator"].isin(weights.index) & (result.indicators["score"] < mark)]
    for r in weak.sort_values("score").itertuples():
        questions = _weak_questions(result, framework, r.indicator)
        names = {"id": r.indicator, "name_th": r.name_th, "name_en": r.name_en}
        rows.append({"kind": "indicator", "id": r.indicator, "name": Message("frame_name", **names),
                     "measure": Message("measure_improve", **names, questions=questions),
                     "responsible": Message("with_departments", coordinator=framework.coordinator),
                     "period": Message("period_year"), "due": due_end,
                     "success": Message("success_indicator", id=r.indicator, mark=mark, score=float(r.score)),
                     "gain": float(weights[r.indicator] * (mark - r.score))})
    columns = [c for c in MEASURE_COLUMNS if c not in ("no", "status", "evidence", "note")]
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="float64" if c == "gain" else object)  # messages stay
                          for c in columns})
    frame.insert(0, "no", range(1, len(frame) + 1))
    return frame.assign(status=MEASURE_STATUSES[0], evidence="", note="")[list(MEASURE_COLUMNS)]


def measures_due(fiscal_year: int) -> tuple[str, str]:
    """The 6-month and year-end report dates (ISO) of the measures set after ``fiscal_year``'s results.

    The measures apply in the next fiscal year (1 Oct – 30 Sep): its first half ends on 31 March,
    the year on 30 September (Christian-era dates).
    """
    year_ce = fiscal_year + 1 - BE_OFFSET  # the next fiscal year ends in this calendar year
    return f"{year_ce}-03-31", f"{year_ce}-09-30"


#: What a measure's progress is, in order of urgency.
PROGRESS_STATES = ("late", "not_started", "in_progress", "done")


def measures_progress(measures: pd.DataFrame, *, as_of: pd.Timestamp) -> pd.DataFrame:
    """Each measure's state on ``as_of``: done, late (due and not done), in progress or not started.

    Returns the measures with ``state`` (one of :data:`PROGRESS_STATES`) and ``days_late``,
    the late ones first.
    """
    day = pd.Timestamp(as_of).normalize()
    done = measures["status"] == MEASURE_STATUSES[2]
    late = ~done & (pd.to_datetime(measures["due"]) < day)
    started = measures["status"] == MEASURE_STATUSES[1]
    state = pd.Series("not_started", index=measures.index).mask(started, "in_progress").mask(late, "late").mask(done, "done")
    days = ((day - pd.to_datetime(measures["due"])).dt.days).where(late, 0).astype("int64")
    out = measures.assign(state=state, days_late=days)
    order = out["state"].map({s: k for k, s in enumerate(PROGRESS_STATES)})
    return out.iloc[order.argsort(kind="stable")].reset_index(drop=True)
