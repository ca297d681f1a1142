"""Breakdowns: scores per agency or department, small cells hidden, and the funnel of agencies.

Each group is its own sample (its own n, df and N). A group with fewer respondents than the
minimum shows its count and no score; suppression is complementary, so that no published figure
reveals a hidden group by difference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..core._arrays import take_texts
from ..core._framework import Framework
from ..core._settings import Settings
from ._estimates import estimate, population_of

if TYPE_CHECKING:
    from ._scoring import ScoreResult

__all__ = ["breakdown", "funnel_table"]


def breakdown(frames: dict[str, pd.DataFrame], fw: Framework, st: Settings, by: str,
               roster: pd.DataFrame | None) -> tuple[pd.DataFrame, list[str]]:
    """Scores per group (each its own sample), with small cells suppressed; and notes on the roster."""
    parts = []
    notes: list[str] = []
    for tool, frame in frames.items():
        if by not in frame.columns:
            continue
        population = population_of(roster, by) if tool == "IIT" else None
        if isinstance(population, dict):
            counts = frame[by].value_counts()
            over = [f"{g} ({counts[g]} > {population[g]:g})" for g in counts.index
                    if g in population and counts[g] > population[g]]
            if over:
                notes.append(f"{tool} by {by}: more respondents than eligible staff in the roster for "
                             f"{', '.join(over)}; no finite population correction there (check the roster and the "
                             "integrity flags)")
        est = estimate(frame, fw, tool, by=by, population=population, method="linearization", settings=st)
        parts.append(est)
    if not parts:
        raise ValueError(f"no data has a '{by}' column to break down by")
    est = pd.concat(parts, ignore_index=True).rename(columns={"group": "value"})
    est.insert(0, "by", by)
    indicator_of = {("question", q.id): q.indicator for q in fw.questions}
    indicator_of.update({("indicator", i.id): i.id for i in fw.indicators})
    level_code, levels = pd.factorize(est["level"])
    id_code, ids = pd.factorize(est["id"])
    pair, pairs = pd.factorize(level_code * len(ids) + id_code)  # a few dozen distinct (level, id)
    est["indicator"] = take_texts([indicator_of.get((levels[k // len(ids)], ids[k % len(ids)])) for k in pairs], pair)
    est["suppressed"] = hidden = _suppression(est, st.min_cell_size)
    small = (est["n"] < st.min_cell_size).to_numpy()
    est["suppressed_reason"] = take_texts(["", f"n < {st.min_cell_size}", "complementary"],
                                          np.where(hidden, np.where(small, 1, 2), 0))
    est.loc[est["suppressed"], ["score", "se", "ci_low", "ci_high", "n_answered"]] = np.nan
    return est[["by", "value", "tool", "level", "id", "indicator", "score", "se", "ci_low", "ci_high", "n",
                "n_answered", "df", "fpc", "suppressed", "suppressed_reason"]], notes


def _suppression(est: pd.DataFrame, minimum: int) -> pd.Series:
    """Small cells, plus complementary suppression per tool.

    A group below ``minimum`` respondents shows its count but no score. When exactly one group
    of a tool is hidden, its scores could be recovered from the whole-sample score and the
    other groups' scores and counts, so the next-smallest group is hidden too.
    """
    hidden = est["n"] < minimum
    sizes = est.loc[(est["level"] == "tool").to_numpy(), ["tool", "value", "n"]]  # one row per tool and group
    for tool, rows in sizes.groupby("tool", sort=False):
        n = rows.set_index("value")["n"].sort_index(kind="stable")
        if (n < minimum).sum() == 1 and len(n) > 1:
            nearest = n[n >= minimum].idxmin()
            hidden |= (est["tool"] == tool) & (est["value"] == nearest)
    return hidden


def funnel_table(result: ScoreResult, tool: str) -> pd.DataFrame:
    r"""Agencies' tool scores with funnel-plot control limits (one row per agency).

    Notes
    -----
    The centre is the respondent-weighted mean of the agencies' scores; the spread is the pooled
    respondent-level standard deviation :math:`s` of the linearized tool values (recovered from
    each agency's SE, :math:`s_g = SE_g \sqrt{n_g / (1 - f_g)}`); an agency is outside the
    :math:`p` limits when :math:`|\hat\theta_g - c| > z_p\, s / \sqrt{n_g}`; ``z`` is that distance in
    standard errors, :math:`|\hat\theta_g - c| \sqrt{n_g} / s`. Suppressed agencies (fewer respondents
    than the minimum) are listed but not plotted.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance. *Stat. Med.* 24, 1185–1202.
    """
    if result.groups is None:
        raise ValueError("the funnel needs results broken down by agency")
    g = result.groups
    rows = g[(g["level"] == "tool") & (g["tool"] == tool)].copy()
    if rows.empty:
        raise ValueError(f"no {tool} results by group")
    ok = ~rows["suppressed"]
    with np.errstate(invalid="ignore", divide="ignore"):
        s_g = rows["se"] * np.sqrt(rows["n"] / rows["fpc"].where(rows["fpc"] > 0))
    weights = (rows["n"] - 1).where(ok & s_g.notna(), 0)
    sd = float(np.sqrt((weights * s_g.fillna(0) ** 2).sum() / weights.sum()))
    centre = float((rows.loc[ok, "score"] * rows.loc[ok, "n"]).sum() / rows.loc[ok, "n"].sum())
    distance = (rows["score"] - centre).abs()
    rows["centre"], rows["sd"] = centre, sd
    rows["z"] = distance * np.sqrt(rows["n"]) / sd  # how many standard errors from the centre
    rows["outside_95"] = (distance > 1.959964 * sd / np.sqrt(rows["n"])) & ok
    rows["outside_998"] = (distance > 3.090232 * sd / np.sqrt(rows["n"])) & ok
    rows["rank"] = rows["score"].where(ok).rank(ascending=False, method="min").astype("Int64")  # 1 = best; none if suppressed
    return rows[["value", "tool", "n", "score", "se", "ci_low", "ci_high", "rank", "centre", "sd", "z", "outside_95",
                 "outside_998", "suppressed"]].sort_values("rank", na_position="last").reset_index(drop=True)

