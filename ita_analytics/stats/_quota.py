"""The fieldwork monitor: quotas, staff coverage, progress and a forecast while collection is open.

Counts only; no scores. Rules come from the framework (minimum samples, coverage rules by
department and staff type); eligible headcounts from the roster.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core._catalogue import Message
from ..core._errors import ITAValueError
from ..core._framework import Framework, load_framework
from ..core._json import records
from ..core._provenance import input_hashes, provenance
from ..core._types import ReadResult, expect, responses_of, table_of
from ._distributions import t_quantile
from ._estimates import points_matrix
from ._inference import Design, linearized_estimates

__all__ = ["QuotaResult", "check_quotas", "projected_half_width"]

#: Days of arrivals that make "the recent daily rate".
RECENT_DAYS = 7


@dataclass(frozen=True, kw_only=True)
class QuotaResult:
    """What the working group needs every morning of the collection window.

    Attributes
    ----------
    ok : bool
        Every rule met: IIT and EIT minimums, every coverage cell, every EIT group present.
    iit, eit : dict
        ``n``, ``required``, ``ok`` (EIT also ``groups``: count per respondent group).
    cells : DataFrame
        One row per roster cell: ``department, staff_type, eligible, responses, coverage,
        required_coverage, shortfall, ok`` (+ ``rule``).
    problems : DataFrame
        Responses whose department or staff type the roster lacks (``department, staff_type,
        responses, reason``): listed, never dropped silently.
    progress : DataFrame
        Per day and tool: ``date, tool, responses, cumulative, target``.
    department_progress : DataFrame
        IIT per day and department: ``date, department, responses, cumulative, needed`` (what the
        department's coverage rules need in all).
    forecast : dict
        Per tool: recent daily rate, projected completion date, the deadline and whether it is met.
    precision : DataFrame
        Projected IIT confidence-interval half-width at several final sample sizes.
    chase : DataFrame
        Cells short of their rule, most urgent first: who to chase today.
    as_of : Timestamp
        Responses submitted after this moment are not counted.
    """

    ok: bool
    iit: dict[str, Any]
    eit: dict[str, Any]
    cells: pd.DataFrame
    problems: pd.DataFrame
    progress: pd.DataFrame
    forecast: dict[str, Any]
    precision: pd.DataFrame
    chase: pd.DataFrame
    as_of: pd.Timestamp | None
    provenance: dict[str, Any]
    department_progress: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """The ``ita quota --json`` document."""
        return {"ok": self.ok, "as_of": None if self.as_of is None else self.as_of.isoformat(),
                "iit": self.iit, "eit": self.eit, "cells": records(self.cells),
                "problems": records(self.problems), "forecast": self.forecast,
                "precision": records(self.precision), "chase": records(self.chase), "provenance": self.provenance}


def _needed(required: float, eligible: int) -> int:
    """Whole respondents a cell needs: ceil(required × eligible), without float noise (0.8 × 15 = 12)."""
    return int(math.ceil(round(required * eligible, 9)))


def _cut(frame: pd.DataFrame | None, as_of: pd.Timestamp | None) -> pd.DataFrame | None:
    if frame is None or as_of is None or "submitted_at" not in frame:
        return frame
    return frame[~(frame["submitted_at"] > as_of)]  # undated responses are counted


def _cells(iit: pd.DataFrame, roster: pd.DataFrame, fw: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    keys = ["department", "staff_type"]
    cells = roster.groupby(keys, as_index=False, sort=False)["eligible"].sum()
    counts = iit.groupby(keys).size().rename("responses")
    cells = cells.merge(counts, left_on=keys, right_index=True, how="left")
    cells["responses"] = cells["responses"].fillna(0).astype("int64")
    rules = [fw.coverage_rule(d, s) for d, s in zip(cells["department"], cells["staff_type"])]
    cells["required_coverage"] = [r.required_coverage if r else 0.0 for r in rules]
    cells["rule"] = pd.Series([r.description if r else Message("no_rule") for r in rules], index=cells.index, dtype=object)
    with np.errstate(invalid="ignore", divide="ignore"):
        cells["coverage"] = np.where(cells["eligible"] > 0, cells["responses"] / cells["eligible"], np.nan)
    cells["needed"] = [_needed(r, e) for r, e in zip(cells["required_coverage"], cells["eligible"])]
    cells["shortfall"] = (cells["needed"] - cells["responses"]).clip(lower=0).astype("int64")
    cells["ok"] = cells["shortfall"] == 0
    cells["over_roster"] = cells["responses"] > cells["eligible"]
    known = set(zip(cells["department"], cells["staff_type"]))
    stray = counts[[k not in known for k in counts.index]]
    problems = pd.DataFrame({"department": [k[0] for k in stray.index], "staff_type": [k[1] for k in stray.index],
                             "responses": stray.to_numpy(dtype="int64"),
                             "reason": "department and staff type not in the roster"})
    over = cells[cells["over_roster"]]
    if len(over):
        problems = pd.concat([problems, pd.DataFrame({
            "department": over["department"], "staff_type": over["staff_type"], "responses": over["responses"],
            "reason": "more responses than eligible staff in the roster"})], ignore_index=True)
    cols = ["department", "staff_type", "eligible", "responses", "coverage", "required_coverage", "needed",
            "shortfall", "ok", "rule"]
    return cells[cols], problems


def _daily(frame: pd.DataFrame | None, tool: str, target: int) -> pd.DataFrame:
    if frame is None or "submitted_at" not in frame or frame["submitted_at"].isna().all():
        return pd.DataFrame(columns=["date", "tool", "responses", "cumulative", "target"])
    days = frame["submitted_at"].dropna().dt.normalize()
    per_day = days.value_counts().sort_index()
    full = pd.date_range(per_day.index.min(), per_day.index.max(), freq="D")
    per_day = per_day.reindex(full, fill_value=0)
    undated = int(frame["submitted_at"].isna().sum())
    return pd.DataFrame({"date": full, "tool": tool, "responses": per_day.to_numpy(),
                         "cumulative": per_day.cumsum().to_numpy() + undated, "target": target})


def _department_daily(iit: pd.DataFrame | None, cells: pd.DataFrame) -> pd.DataFrame:
    """Cumulative IIT responses per department and day, beside what the department needs in all."""
    columns = ["date", "department", "responses", "cumulative", "needed"]
    if iit is None or "submitted_at" not in iit or iit["submitted_at"].isna().all():
        return pd.DataFrame(columns=columns)
    dated = iit.dropna(subset=["submitted_at"])
    counts = dated.groupby([dated["submitted_at"].dt.normalize().rename("date"), "department"]).size()
    table = counts.unstack("department", fill_value=0)
    table = table.reindex(pd.date_range(table.index.min(), table.index.max(), freq="D"), fill_value=0)
    long = table.stack().rename("responses").reset_index().rename(columns={"level_0": "date"})
    long.columns = ["date", "department", "responses"]
    long = long.sort_values(["department", "date"], kind="stable")
    long["cumulative"] = long.groupby("department")["responses"].cumsum()
    long["needed"] = long["department"].map(cells.groupby("department")["needed"].sum()).fillna(0).astype("int64")
    return long[columns].reset_index(drop=True)


def _forecast(progress: pd.DataFrame, target: int, as_of: pd.Timestamp | None,
              deadline: pd.Timestamp | None) -> dict[str, Any]:
    """Recent daily rate, the date the target is reached at that rate, and what the window allows.

    ``status`` says it in one word: ``reached``; ``closed`` (the window has closed short of the
    target: final coverage, no forecast); ``window_closes_first`` (at this rate the target comes
    after the last day); ``on_track``; ``no_deadline`` (a forecast without a window);
    ``stalled`` (no responses in the last days); ``no_dates``.
    """
    end = None if deadline is None else deadline.normalize()
    if progress.empty:
        return {"target": target, "responses": 0, "remaining": target, "rate_per_day": None, "projected_date": None,
                "deadline": None if end is None else end.date().isoformat(), "on_track": None,
                "status": "no_dates", "note": "no submission dates: no forecast"}
    today = (as_of if as_of is not None else progress["date"].max()).normalize()
    window = progress[(progress["date"] > today - pd.Timedelta(days=RECENT_DAYS)) & (progress["date"] <= today)]
    recent = int(window["responses"].sum())
    rate = recent / RECENT_DAYS
    have = int(progress.loc[progress["date"] <= today, "cumulative"].iloc[-1])
    remaining = max(0, target - have)
    closed = end is not None and today >= end
    projected = None
    if remaining == 0:
        projected = today
    elif recent > 0 and not closed:  # whole days, in integers: ceil(remaining × 7 / recent)
        projected = today + pd.Timedelta(days=-(-remaining * RECENT_DAYS // recent))
    status = ("reached" if remaining == 0 else "closed" if closed else "stalled" if projected is None
              else "no_deadline" if end is None else "window_closes_first" if projected > end else "on_track")
    return {
        "target": target, "responses": have, "remaining": remaining, "rate_per_day": rate,
        "projected_date": None if projected is None else projected.date().isoformat(),
        "deadline": None if end is None else end.date().isoformat(),
        "on_track": None if end is None else status in ("reached", "on_track"),
        "status": status,
        "expected_at_deadline": None if end is None else have + rate * max(0, (end - today).days),
        "note": f"rate = mean daily responses over the last {RECENT_DAYS} days up to {today.date().isoformat()}",
    }


def projected_half_width(s2: float, n: np.ndarray | float, N: float | None, *, confidence: float = 0.95) -> np.ndarray:
    r"""Half-width of the IIT tool score's interval if ``n`` of ``N`` eligible staff answer.

    Notes
    -----
    :math:`h(n) = t_{1-\alpha/2,\,n-1} \sqrt{(1 - n/N)\, s^2 / n}`, with :math:`s^2` the
    variance of the respondent-level linearized tool values observed so far (it changes little
    as more answers arrive). At :math:`n = N` the half-width is 0: the whole staff answered.
    """
    n = np.asarray(n, dtype=float)
    f = 0.0 if N is None else np.clip(n / N, 0, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return t_quantile(0.5 + confidence / 2, np.maximum(n - 1, 1)) * np.sqrt((1 - f) * s2 / n)


def _precision(iit: pd.DataFrame, fw: Framework, N: float | None, targets: list[tuple[str, float | None]],
               confidence: float) -> pd.DataFrame:
    qids = [q.id for q in fw.questions_of("IIT")]
    if len(iit) < 2:
        return pd.DataFrame(columns=["scenario", "n", "half_width"])
    est = linearized_estimates(Design.build(points_matrix(iit, fw, "IIT"), qids),
                               {"tool": {q: 1 / len(qids) for q in qids}}, confidence=confidence)
    s2 = float(est["se"].iloc[0] ** 2 * len(iit))  # SE² = s²/n without the FPC
    rows = []
    for name, n in targets:
        if n is None or not np.isfinite(n) or n < 2:
            continue
        n = float(min(n, N)) if N else float(n)
        rows.append({"scenario": name, "n": int(round(n)), "half_width": float(projected_half_width(s2, n, N,
                                                                                                   confidence=confidence))})
    return pd.DataFrame(rows)


def _timestamp(value: str | dt.date | pd.Timestamp | None, *, end_of_day: bool, parameter: str = "as_of") -> pd.Timestamp | None:
    if value is None:
        return None
    if isinstance(value, str):
        from ..io._text import parse_dates

        parsed, bad = parse_dates(pd.Series([value]))
        if bad.iloc[0] or pd.isna(parsed.iloc[0]):
            raise ITAValueError("bad_date_option", parameter=parameter, got=value)
        ts = parsed.iloc[0]
    else:
        ts = pd.Timestamp(value)
    if end_of_day and ts == ts.normalize():
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    return ts


def check_quotas(
    iit: ReadResult | pd.DataFrame | None,
    eit: ReadResult | pd.DataFrame | None,
    roster: ReadResult | pd.DataFrame,
    *,
    framework: Framework | None = None,
    as_of: str | dt.date | pd.Timestamp | None = None,
    deadline: str | dt.date | pd.Timestamp | None = None,
    confidence: float = 0.95,
    eit_users: int | None = None,
) -> QuotaResult:
    r"""Check sample quotas and staff coverage, and forecast the rest of the collection window.

    Parameters
    ----------
    iit, eit : ReadResult or DataFrame
        Accepted responses (tenure already checked by the reader).
    roster : ReadResult or DataFrame
        Eligible staff per (department, staff type).
    framework : Framework, optional
        Minimum samples and coverage rules (default: the default year's).
    as_of : date, optional
        Count responses submitted up to the end of this day (default: all).
    deadline : date, optional
        The collection window's last day, for the forecast (default: the framework's ``[fieldwork]``
        window, when it has one). Once it has passed, the forecast reports final coverage.
    confidence : float
        For the projected IIT interval half-width.
    eit_users : int, optional
        The agency's service users (the headcount an EIT rule of the share of users needs, as the
        agency enters it in ITAS); without it, such a rule asks its floor.

    Returns
    -------
    QuotaResult

    Notes
    -----
    A cell needs :math:`\lceil r \cdot N_{cell} \rceil` respondents for a required coverage
    :math:`r`: 4 of 5 employees meet 80%, 3 of 4 do not.
    """
    expect(framework, "framework", Framework, "a Framework (load_framework(2566))")
    if roster is None:
        raise TypeError("roster is required: the staff roster (read_roster) gives each cell's eligible staff")
    expect(roster, "roster", ReadResult | pd.DataFrame, "a ReadResult or a DataFrame (read the roster with read_roster)")
    fw = framework or load_framework()
    responses_of(iit, "IIT", [])
    responses_of(eit, "EIT", [])
    cut = _timestamp(as_of, end_of_day=True)
    end = _timestamp(deadline if deadline is not None else (fw.window[1] if fw.window else None), end_of_day=False,
                     parameter="deadline")
    if end is not None and cut is not None and end < cut.normalize() and deadline is not None and as_of is not None:
        raise ITAValueError("deadline_before_as_of", parameter="deadline", deadline=str(end.date()),
                            other_parameter="as_of", as_of=str(cut.date()))
    iit_df, eit_df = _cut(table_of(iit), cut), _cut(table_of(eit), cut)
    roster_df = table_of(roster)
    headcount = float(roster_df["eligible"].sum())  # the IIT rule's headcount: staff with the tenure rule
    need_iit = fw.tool("IIT").required_sample(headcount) or 0  # a rule of the headcount (ITAS), or a fixed number
    need_eit = fw.tool("EIT").required_sample(eit_users) or 0
    empty_iit = pd.DataFrame(columns=["department", "staff_type"])
    cells, problems = _cells(iit_df if iit_df is not None else empty_iit, roster_df, fw)
    if isinstance(iit, ReadResult) and iit.rejected:  # read with a roster: the strays are rejects, still listed
        strays = iit.rejects[iit.rejects["check"].str.contains("not_in_roster", regex=False)]
        if len(strays):
            problems = pd.concat([problems, pd.DataFrame([{
                "department": None, "staff_type": None, "responses": len(strays),
                "reason": "rejected on reading as not in the roster (rows " + ", ".join(map(str, strays["row"][:20]))
                          + (" …" if len(strays) > 20 else "") + ")"}])], ignore_index=True)
    n_iit = int(cells["responses"].sum())  # responses in the roster's cells: those score() keeps (strays are problems)
    n_eit = 0 if eit_df is None else len(eit_df)
    groups = {} if eit_df is None else eit_df["respondent_group"].value_counts().to_dict()
    all_groups = {g.name_th: int(groups.get(g.name_th, 0)) for g in fw.respondent_groups}
    iit_doc = {"n": n_iit, "required": need_iit, "ok": n_iit >= need_iit,
               "coverage_ok": bool(cells["ok"].all()), "cells_short": int((~cells["ok"]).sum())}
    eit_doc = {"n": n_eit, "required": need_eit, "ok": n_eit >= need_eit and all(v > 0 for v in all_groups.values()),
               "groups": all_groups, "all_groups_present": all(v > 0 for v in all_groups.values())}
    ok = bool(iit_doc["ok"] and iit_doc["coverage_ok"] and eit_doc["ok"] and problems.empty)

    iit_target = max(need_iit, int(cells["needed"].sum()))
    progress = pd.concat([_daily(iit_df, "IIT", iit_target), _daily(eit_df, "EIT", need_eit)], ignore_index=True)
    department_progress = _department_daily(iit_df, cells)
    forecast = {"IIT": _forecast(progress[progress.tool == "IIT"], iit_target, cut, end),
                "EIT": _forecast(progress[progress.tool == "EIT"], need_eit, cut, end)}
    for fc in forecast.values():  # a window moved on from an earlier year's frame is an assumption, said so
        fc["deadline_assumed"] = deadline is None and end is not None and fw.carried_forward
    forecast["IIT"]["target_rule"] = "max(minimum sample, Σ respondents the coverage rules need)"
    N = float(roster_df["eligible"].sum())
    scenarios = [("now", n_iit), ("coverage target", iit_target),
                 ("expected at deadline", forecast["IIT"].get("expected_at_deadline")), ("every eligible staff", N)]
    precision = _precision(iit_df, fw, N, scenarios, confidence) if iit_df is not None else pd.DataFrame()

    chase = cells[~cells["ok"]].copy()
    chase["priority"] = pd.Series([Message("priority_all") if r >= 1.0 else Message("priority_share", share=float(r))
                                   for r in chase["required_coverage"]], index=chase.index, dtype=object)  # the frame's share
    chase = chase.sort_values(["shortfall", "required_coverage", "coverage"], ascending=[False, False, True])
    chase = chase[["department", "staff_type", "eligible", "responses", "needed", "shortfall", "coverage",
                   "required_coverage", "priority", "rule"]].reset_index(drop=True)
    stamp = provenance(framework=fw, inputs=input_hashes(IIT=iit, EIT=eit, roster=roster))
    return QuotaResult(ok=ok, iit=iit_doc, eit=eit_doc, cells=cells.reset_index(drop=True), problems=problems,
                       progress=progress, forecast=forecast, precision=precision, chase=chase, as_of=cut,
                       provenance=stamp, department_progress=department_progress)
