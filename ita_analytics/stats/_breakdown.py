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
from ._distributions import normal_quantile
from ._estimates import estimate, left_out, population_of

if TYPE_CHECKING:
    from ._scoring import ScoreResult

__all__ = ["FUNNEL_LEVELS", "breakdown", "funnel_limits", "funnel_table", "rank_intervals", "suppression"]


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
        parts.append(est.assign(left_out=left_out(est, fw)))
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
    hidden, reason = suppression(est, st.min_cell_size)
    est["suppressed"] = hidden
    labels = ["", f"n < {st.min_cell_size}", "complementary", f"answered < {st.min_cell_size}",
              "holds a hidden question"]
    est["suppressed_reason"] = take_texts(labels, reason)
    est["group_suppressed"] = reason_is_group = np.isin(reason, (1, 2))
    del reason_is_group
    est.loc[est["suppressed"], ["score", "se", "ci_low", "ci_high", "n_answered"]] = np.nan
    return est[["by", "value", "tool", "level", "id", "indicator", "score", "se", "ci_low", "ci_high", "n",
                "n_answered", "df", "fpc", "suppressed", "suppressed_reason", "group_suppressed", "left_out"]], notes


def suppression(est: pd.DataFrame, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    """Which cells of a groups table to hide, so that no published figure reveals fewer than ``minimum``.

    Returns each row's ``hidden`` flag and a reason code: 1 the group has fewer respondents than the
    minimum; 2 the group is hidden as a complement; 3 a question answered by fewer than the minimum in
    a shown group; 4 an indicator or tool that holds such a question (it would give the question away
    by difference with its other questions); 0 shown.

    Notes
    -----
    Per tool, groups are hidden, smallest first, until for the tool and for every question the hidden
    cells together hold no respondent or at least ``minimum`` (respondents for the tool, answers for
    a question); a complement is never the group whose cell is short. Otherwise the whole-sample
    figure minus the shown groups' figures (scores times counts) would give a small group's answers,
    or a small set's, exactly.
    """
    hidden = np.zeros(len(est), dtype=bool)
    reason = np.zeros(len(est), dtype=np.int64)
    group_key = est["value"] if "value" in est else est["group"]
    for _, rows in est.groupby("tool", sort=False):
        at = rows.index.to_numpy()
        cells = _ToolCells(rows, group_key.loc[at], minimum)
        h, r = cells.solve()
        hidden[at], reason[at] = h, r
    return hidden, reason


class _ToolCells:
    """One tool's groups table as matrices (groups × questions), for :func:`suppression`."""

    def __init__(self, rows: pd.DataFrame, groups: pd.Series, minimum: int) -> None:
        self.rows, self.minimum = rows, minimum
        self.gcode, self.gnames = pd.factorize(groups, sort=True)
        level = rows["level"].to_numpy()
        self.is_q = level == "question"
        self.qcode, self.qnames = pd.factorize(rows["id"].where(self.is_q))
        G, Q = len(self.gnames), len(self.qnames)
        self.n = np.zeros(G)
        np.maximum.at(self.n, self.gcode, rows["n"].to_numpy(dtype=float))
        self.answered = np.zeros((G, Q))
        q_at = np.flatnonzero(self.is_q)
        self.answered[self.gcode[q_at], self.qcode[q_at]] = np.nan_to_num(rows["n_answered"].to_numpy(dtype=float)[q_at])
        self.indicator = rows["indicator"].to_numpy(dtype=object)
        self.level = level

    def solve(self) -> tuple[np.ndarray, np.ndarray]:
        small = self.n < self.minimum
        group = small.copy()  # whole groups hidden
        while True:
            few = ~group[:, None] & (self.answered < self.minimum) & (self.answered > 0)  # shown groups' small cells
            cell_q = group[:, None] | few
            tool_hidden = group | few.any(axis=1)
            add = self._complement(cell_q, tool_hidden, group)
            if add is None:
                break
            group[add] = True
        return self._rows(group, small, few)

    def _complement(self, cell_q: np.ndarray, tool_hidden: np.ndarray, group: np.ndarray) -> int | None:
        """The next group to hide (the smallest shown one that holds what is short), or None when nothing is short."""
        short = []
        held = (cell_q * self.answered).sum(axis=0)
        for q in np.flatnonzero((held > 0) & (held < self.minimum)):
            short.append(np.where(~cell_q[:, q] & (self.answered[:, q] > 0), self.answered[:, q], np.inf))
        total = (tool_hidden * self.n).sum()
        if 0 < total < self.minimum:
            short.append(np.where(~group & ~tool_hidden, self.n, np.inf))
        for sizes in short:
            if np.isfinite(sizes).any():
                return int(np.argmin(sizes))
        return None

    def _rows(self, group: np.ndarray, small: np.ndarray, few: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        g = self.gcode
        reason = np.where(group[g], np.where(small[g], 1, 2), 0)
        q_few = np.zeros(len(g), dtype=bool)
        q_at = np.flatnonzero(self.is_q)
        q_few[q_at] = few[g[q_at], self.qcode[q_at]]
        reason = np.where((reason == 0) & q_few, 3, reason)
        hidden_q = np.flatnonzero(q_few & self.is_q)
        if len(hidden_q):  # an indicator or the tool of a group with a hidden question is hidden too
            ind_code = pd.factorize(self.indicator)[0].astype(np.int64)
            pair = g.astype(np.int64) * (ind_code.max() + 2) + ind_code
            holds = ((self.level == "indicator") & np.isin(pair, pair[hidden_q])) | (
                (self.level == "tool") & np.isin(g, g[hidden_q]))
            reason = np.where((reason == 0) & holds, 4, reason)
        return reason > 0, reason


#: The funnel's two limits, by name: two-sided 95% and 99.8%.
FUNNEL_LEVELS = {"95%": 0.95, "99.8%": 0.998}


def funnel_table(result: ScoreResult, tool: str, *, seed: int = 2566) -> pd.DataFrame:
    r"""Agencies' tool scores against limits that allow for real differences between agencies, with rank intervals.

    One row per agency: ``value, tool, n, score, se, ci_low, ci_high, rank, rank_low, rank_high,
    centre, sd, tau, z, outside_95, outside_998, suppressed``.

    Notes
    -----
    The centre :math:`\theta_0` is the respondent-weighted mean of the agencies' scores. Agencies
    differ for real (their people, their services), so the limits add a between-agency variance
    :math:`\tau^2` to each agency's own squared SE (as computed, the finite population correction
    included): :math:`\theta_0 \pm z_p \sqrt{SE_i^2 + \tau^2}`. :math:`\tau^2` is estimated from
    the z-scores :math:`z_i = (\hat\theta_i - \theta_0)/SE_i`, winsorised at their 10th and 90th
    percentiles (so the outliers themselves do not widen the limits):
    :math:`\hat\phi = \frac1I \sum z_i^2`,
    :math:`\hat\tau^2 = \max\bigl(0, (I\hat\phi - (I - 1)) / (\sum w_i - \sum w_i^2/\sum w_i)\bigr)`,
    :math:`w_i = 1/SE_i^2`. ``z`` is the distance from the centre in units of
    :math:`\sqrt{SE_i^2 + \tau^2}`. Ranks (1 = best) come with a 95% interval, by simulation from
    each agency's estimate and SE (seeded). Suppressed agencies (fewer respondents than the
    minimum) are listed but not ranked or plotted.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance. *Stat. Med.* 24, 1185–1202.
    Spiegelhalter, D. J. (2005). Handling over-dispersion of performance indicators. *Qual. Saf. Health Care* 14, 347–351.
    """
    g = getattr(result, "groups", None)
    if g is None:
        raise ValueError("result must be scores broken down by agency: score(..., by='agency')")
    if tool not in ("IIT", "EIT"):
        raise ValueError(f"tool must be 'IIT' or 'EIT', got {tool!r}")
    rows = g[(g["level"] == "tool") & (g["tool"] == tool)].copy()
    if rows.empty:
        raise ValueError(f"no {tool} results by group")
    ok = (~rows["suppressed"]).to_numpy()
    y, se, n = (rows[c].to_numpy(dtype=float) for c in ("score", "se", "n"))
    centre = float((y[ok] * n[ok]).sum() / n[ok].sum()) if ok.any() else np.nan
    fpc = rows["fpc"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        s_g = se * np.sqrt(n / np.where(fpc > 0, fpc, np.nan))  # each agency's respondent-level SD
    weights = np.where(ok & np.isfinite(s_g), n - 1, 0)
    sd = float(np.sqrt((weights * np.nan_to_num(s_g) ** 2).sum() / weights.sum())) if weights.sum() else np.nan
    tau = _between_agency_sd(y[ok], se[ok], centre)
    spread = np.sqrt(se**2 + tau**2)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.abs(y - centre) / spread
    rows["centre"], rows["sd"], rows["tau"], rows["z"] = centre, sd, tau, z
    for name, level in FUNNEL_LEVELS.items():
        rows[f"outside_{name.rstrip('%').replace('.', '')}"] = (z > normal_quantile(0.5 + level / 2)) & ok
    rows["rank"] = rows["score"].where(ok).rank(ascending=False, method="min").astype("Int64")  # 1 = best
    low, high = rank_intervals(y[ok], se[ok], seed=seed)
    rows["rank_low"] = pd.array(np.full(len(rows), pd.NA), dtype="Int64")
    rows["rank_high"] = pd.array(np.full(len(rows), pd.NA), dtype="Int64")
    rows.loc[ok, "rank_low"], rows.loc[ok, "rank_high"] = low, high
    return rows[["value", "tool", "n", "score", "se", "ci_low", "ci_high", "rank", "rank_low", "rank_high", "centre",
                 "sd", "tau", "z", "outside_95", "outside_998", "suppressed"]].sort_values(
        "rank", na_position="last").reset_index(drop=True)


def _between_agency_sd(y: np.ndarray, se: np.ndarray, centre: float) -> float:
    """τ, the SD of the agencies' true scores beyond sampling error (0 when there is none), from winsorised z-scores."""
    use = np.isfinite(y) & (se > 0)
    if use.sum() < 3:
        return 0.0
    y, se = y[use], se[use]
    z = (y - centre) / se
    lo, hi = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    w = 1 / se**2
    count = len(y)
    tau2 = (count * phi - (count - 1)) / (w.sum() - (w**2).sum() / w.sum())
    return float(np.sqrt(max(tau2, 0.0)))


def rank_intervals(score: np.ndarray, se: np.ndarray, *, seed: int = 2566,
                   confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """95% intervals of each agency's rank (1 = best), by simulation from each estimate and its SE.

    Draws per agency: 2,000 for up to 1,000 agencies, fewer beyond (at least 240: two million values
    in all), so that 8,000 agencies take a fraction of a second.
    """
    A = len(score)
    if A == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    draws = int(max(240, min(2000, 2_000_000 // A)))
    rng = np.random.default_rng(seed)
    values = (score[None, :] + np.nan_to_num(se)[None, :] * rng.standard_normal((draws, A))).astype(np.float32)
    order = np.argsort(-values, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(1, A + 1), order.shape), axis=1)
    alpha = 1 - confidence
    return (np.quantile(ranks, alpha / 2, axis=0, method="lower").astype(np.int64),
            np.quantile(ranks, 1 - alpha / 2, axis=0, method="higher").astype(np.int64))


def funnel_limits(funnel: pd.DataFrame, respondents: np.ndarray) -> pd.DataFrame:
    """The funnel's limits as curves over a number of respondents, for drawing.

    Columns ``n``, then a low and a high per level: the centre ± z·√(sd²/n + τ²).
    """
    centre, sd, tau = (float(funnel[c].iloc[0]) for c in ("centre", "sd", "tau"))
    out = {"n": respondents}
    spread = np.sqrt(sd**2 / respondents + tau**2)
    for name, level in FUNNEL_LEVELS.items():
        z = normal_quantile(0.5 + level / 2)
        out[f"low_{name}"], out[f"high_{name}"] = centre - z * spread, centre + z * spread
    return pd.DataFrame(out)
