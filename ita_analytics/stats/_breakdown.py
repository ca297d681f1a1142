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
from ._estimates import estimate, left_out, population_of

if TYPE_CHECKING:
    from ._scoring import ScoreResult

__all__ = ["breakdown", "funnel_table", "suppression"]


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
        # an indicator or the tool of a group with a hidden question is hidden too
        hidden_q = q_few & self.is_q
        held_ind = {(g[k], self.indicator[k]) for k in np.flatnonzero(hidden_q)}
        held_tool = {g[k] for k in np.flatnonzero(hidden_q)}
        holds = np.array([(lv == "indicator" and (gk, ind) in held_ind) or (lv == "tool" and gk in held_tool)
                          for gk, lv, ind in zip(g, self.level, self.indicator)], dtype=bool)
        reason = np.where((reason == 0) & holds, 4, reason)
        return reason > 0, reason


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

