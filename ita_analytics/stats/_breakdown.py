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
from ..core._catalogue import Message
from ..core._errors import ITAValueError
from ..core._framework import Framework
from ..core._settings import Settings
from ._distributions import normal_quantile, t_quantile
from ._estimates import estimate, left_out, population_of

if TYPE_CHECKING:
    from ._scoring import ScoreResult

__all__ = ["FUNNEL_LEVELS", "between_agency", "breakdown", "funnel_limits", "funnel_table", "rank_intervals", "suppression"]


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
                notes.append(Message("group_over_roster", tool=tool, by=by, groups=over))
        est = estimate(frame, fw, tool, by=by, population=population, method="linearization", settings=st)
        parts.append(est.assign(left_out=left_out(est, fw)))
    if not parts:
        raise ITAValueError("no_group_column", parameter="by", by=by)
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

    One row per agency: ``value, tool, n, score, se, se_nofpc, ci_low, ci_high, rank, rank_low,
    rank_high, centre, sd, tau, limit_df, z, low_95, high_95, low_998, high_998, outside_95,
    outside_998, suppressed``.

    Notes
    -----
    A ranking asks which agency is better, not which finite staff answered better, so every SE
    here is without the finite population correction (:math:`s_i`). Agencies differ for real, so
    each score is taken as :math:`\hat\theta_i \sim N(\mu, s_i^2 + \tau^2)`. :math:`\tau^2` is
    estimated robustly, so that the outliers the funnel is for do not widen the limits: the value
    at which the median of :math:`|\hat\theta_i - m| / \sqrt{s_i^2 + \tau^2}` (m the median score)
    equals :math:`\Phi^{-1}(0.75)`, the median of a standard normal's absolute value (consistent
    under the model, and unmoved by a minority of outliers). The centre :math:`\mu` is the
    random-effects mean :math:`\sum w_i \hat\theta_i / \sum w_i`, :math:`w_i = 1/(s_i^2 + \tau^2)`,
    over the agencies within the 99.8% limits of that first fit. The limits are
    :math:`\mu \pm t_{p, I-1} \sqrt{s_i^2 + \tau^2}` (the t quantile with one less than the number
    of agencies as degrees of freedom allows for :math:`\mu` and :math:`\tau` being estimated), and
    ``z`` is the signed distance :math:`(\hat\theta_i - \mu)/\sqrt{s_i^2 + \tau^2}`. Ranks (1 = best)
    come with 95% intervals by simulation from the same model (seeded): each agency's true score is
    drawn from its posterior :math:`N(\mu + B_i(\hat\theta_i - \mu), B_i s_i^2)`,
    :math:`B_i = \tau^2/(\tau^2 + s_i^2)`. Checked by simulation (``benchmarks/validity``): false flags
    of ordinary agencies near 5% and 0.2% for between-agency SDs of 1, 3 and 5, with outliers
    planted. Suppressed agencies (fewer respondents than the minimum) are listed, not ranked.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance. *Stat. Med.* 24, 1185–1202.
    Rousseeuw, P. J., Croux, C. (1993). Alternatives to the median absolute deviation. *JASA* 88, 1273–1283.
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
    fpc = rows["fpc"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        s_g = se * np.sqrt(n / np.where(fpc > 0, fpc, np.nan))  # each agency's respondent-level SD
    weights = np.where(ok & np.isfinite(s_g), n - 1, 0)
    sd = float(np.sqrt((weights * np.nan_to_num(s_g) ** 2).sum() / weights.sum())) if weights.sum() else np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        se0 = np.where(np.isfinite(s_g), s_g, sd) / np.sqrt(n)  # without the FPC (a census: the pooled SD)
    tau, centre = between_agency(y[ok], se0[ok])
    spread = np.sqrt(se0**2 + tau**2)
    limit_df = max(int(ok.sum()) - 1, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (y - centre) / spread
    rows["se_nofpc"], rows["centre"], rows["sd"], rows["tau"], rows["limit_df"], rows["z"] = se0, centre, sd, tau, limit_df, z
    for name, level in FUNNEL_LEVELS.items():
        key = name.rstrip("%").replace(".", "")
        q = float(t_quantile(0.5 + level / 2, limit_df))
        rows[f"low_{key}"], rows[f"high_{key}"] = centre - q * spread, centre + q * spread
        rows[f"outside_{key}"] = (np.abs(z) > q) & ok
    rows["rank"] = rows["score"].where(ok).rank(ascending=False, method="min").astype("Int64")  # 1 = best
    if tau > 0:  # each true score's posterior: N(centre + B(y − centre), B·se²), B = τ²/(τ² + se²)
        shrink = tau**2 / (tau**2 + se0[ok] ** 2)
        low, high = rank_intervals(centre + shrink * (y[ok] - centre), np.sqrt(shrink) * se0[ok], seed=seed)
    else:  # no real differences: every agency alike, any rank as likely as another
        low, high = rank_intervals(np.zeros(int(ok.sum())), np.ones(int(ok.sum())), seed=seed)
    rows["rank_low"] = pd.array(np.full(len(rows), pd.NA), dtype="Int64")
    rows["rank_high"] = pd.array(np.full(len(rows), pd.NA), dtype="Int64")
    rows.loc[ok, "rank_low"], rows.loc[ok, "rank_high"] = low, high
    return rows[["value", "tool", "n", "score", "se", "se_nofpc", "ci_low", "ci_high", "rank", "rank_low", "rank_high",
                 "centre", "sd", "tau", "limit_df", "z", "low_95", "high_95", "low_998", "high_998", "outside_95",
                 "outside_998", "suppressed"]].sort_values("rank", na_position="last").reset_index(drop=True)


def between_agency(y: np.ndarray, se: np.ndarray) -> tuple[float, float]:
    """τ (the SD of the agencies' true scores beyond sampling error) and the centre, robust to outliers.

    See :func:`funnel_table`'s Notes: τ² solves median(|y − median(y)| / √(se² + τ²)) = Φ⁻¹(0.75)
    (0 when the scores spread no more than their SEs); the centre is the random-effects mean over
    the agencies inside the 99.8% limits of that fit.
    """
    use = np.isfinite(y) & np.isfinite(se)
    y, v = y[use], se[use] ** 2
    if len(y) == 0:
        return 0.0, float("nan")
    m = float(np.median(y))
    target = normal_quantile(0.75)

    def spread(t2: float) -> float:
        return float(np.median(np.abs(y - m) / np.sqrt(np.maximum(v + t2, 1e-12))))

    tau2 = 0.0
    if len(y) >= 3 and spread(0.0) > target:
        lo, hi = 0.0, max(float(np.var(y)) * 4, 1e-9)
        while spread(hi) > target:
            hi *= 2
        for _ in range(60):  # bisection: the median falls as τ² grows
            lo, hi = ((lo + hi) / 2, hi) if spread((lo + hi) / 2) > target else (lo, (lo + hi) / 2)
        tau2 = (lo + hi) / 2
    w = 1 / np.maximum(v + tau2, 1e-12)
    inside = np.abs(y - m) * np.sqrt(w) <= normal_quantile(0.999)
    centre = float((w[inside] * y[inside]).sum() / w[inside].sum()) if inside.any() else m
    return float(np.sqrt(tau2)), centre


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

    Columns ``n``, then a low and a high per level: the centre ± t·√(sd²/n + τ²) (as :func:`funnel_table`).
    """
    centre, sd, tau = (float(funnel[c].iloc[0]) for c in ("centre", "sd", "tau"))
    df = int(funnel["limit_df"].iloc[0]) if "limit_df" in funnel else 10**6
    out = {"n": respondents}
    spread = np.sqrt(sd**2 / respondents + tau**2)
    for name, level in FUNNEL_LEVELS.items():
        z = float(t_quantile(0.5 + level / 2, df))
        out[f"low_{name}"], out[f"high_{name}"] = centre - z * spread, centre + z * spread
    return pd.DataFrame(out)
