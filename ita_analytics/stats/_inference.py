"""Standard errors and intervals for means of ratio means: linearization, stratified, bootstrap.

Every ITA survey score is a linear combination of question scores, and every question score is
a ratio mean (points summed over the respondents who answered, divided by their number). One
engine serves them all: give it the respondent × question points, the contrasts (which
combination of questions each score is) and, optionally, groups (agencies, departments) and
population sizes. Everything is vectorised over respondents and groups: no Python loop over
agencies, questions or bootstrap replicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ..core._arrays import row_blocks, take_texts
from ..core._catalogue import words
from ._intervals import IntervalRule, bounded_intervals, exact_where, wald_intervals

__all__ = ["UNKNOWN_GROUP", "Contrasts", "Design", "MeanOf", "bootstrap_estimates", "group_codes", "linearized_estimates",
           "ratio_estimates", "stratified_estimates", "stratum_problems"]


#: The group of respondents who left the breakdown column blank.
UNKNOWN_GROUP = words("group.unknown", "th")


def group_codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Group code (0 … G−1) of each row and the groups' names, sorted; blanks form the group "(ไม่ระบุ)".

    Only groups that occur are listed (a Categorical's unused categories are not groups).
    """
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    names = np.array([str(u) for u in uniques] + [UNKNOWN_GROUP], dtype=object)
    codes = np.where(codes < 0, len(uniques), codes)
    present = np.bincount(codes, minlength=len(names)) > 0
    order = np.array(sorted(np.flatnonzero(present), key=lambda k: names[k]), dtype=np.int64)
    remap = np.full(len(names), -1, dtype=np.int64)
    remap[order] = np.arange(len(order))
    return remap[codes], [str(names[k]) for k in order]


@dataclass(frozen=True)
class Design:
    """The sample: who answered what, in which group, out of how many.

    Attributes
    ----------
    points : ndarray, shape (n, Q)
        Points (0–100) of each respondent to each question; NaN = no answer.
    questions : list of str
        The question ids, in column order.
    group : ndarray of int, shape (n,)
        Group code of each respondent (0 … G−1); all zeros for one sample.
    group_names : list of str
        Name of each group code.
    population : ndarray of float, shape (G,)
        Population size N of each group (eligible staff); NaN = unknown, no finite population
        correction.
    """

    points: np.ndarray
    questions: list[str]
    group: np.ndarray
    group_names: list[str]
    population: np.ndarray

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, questions: list[str], *, by: str | pd.Series | None = None,
                   population: Mapping[str, float] | float | None = None) -> Design:
        """Build a design from a table of points (one row per respondent, one column per question).

        ``by`` names the column holding each respondent's group, or is that column itself.
        """
        group = None if by is None else (frame[by] if isinstance(by, str) else by)
        return cls.build(frame[questions].to_numpy(dtype=float), questions, by=group, population=population)

    @classmethod
    def build(cls, points: np.ndarray, questions: list[str], *, by: pd.Series | None = None,
              population: Mapping[str, float] | float | None = None) -> Design:
        """Build a design from a points matrix (n × Q), each respondent's group (``by``) and the sizes N."""
        if by is None:
            codes = np.zeros(len(points), dtype=np.int64)
            names = ["all"]
        else:
            codes, names = group_codes(by)
        if population is None:
            pop = np.full(len(names), np.nan)
        elif isinstance(population, (int, float)):
            pop = np.full(len(names), float(population))
        else:
            pop = np.array([float(population.get(name, np.nan)) for name in names])
        return cls(points, list(questions), codes, names, pop)

    @property
    def n(self) -> np.ndarray:
        """Respondents per group."""
        return np.bincount(self.group, minlength=len(self.group_names)).astype(float)


class _GroupSum:
    """Column sums per group, as one sparse indicator-matrix product per row block."""

    def __init__(self, group: np.ndarray, n_groups: int) -> None:
        self.group = group
        self.n_groups = n_groups

    def __call__(self, values: np.ndarray, start: int = 0) -> np.ndarray:
        """Sums of ``values`` (rows ``start`` … of the sample, × k) per group → (G × k)."""
        if self.n_groups == 1:
            return values.sum(axis=0, keepdims=True)
        rows = len(values)
        g = self.group[start: start + rows]
        indicator = sparse.csr_matrix((np.ones(rows), g, np.arange(rows + 1)), shape=(rows, self.n_groups)).T
        return np.asarray(indicator @ values)


def _group_sums(values: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Column sums of ``values`` (n × k) per group → (G × k)."""
    return _GroupSum(group, n_groups)(values)


def _answers(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Answered (bool) and points with blanks as 0, of one block of respondents.

    The block is copied row-major first, so that sums add in the same order whatever the memory
    layout of the table they came from (the same numbers to the last bit from CSV or Parquet),
    and the blanks are zeroed in that copy.
    """
    y = np.array(points, dtype=float, order="C")
    answered = ~np.isnan(y)
    np.copyto(y, 0.0, where=~answered)
    return answered, y


def _ratios(design: Design) -> tuple[np.ndarray, np.ndarray]:
    """Question scores R (G × Q) and answered counts m (G × Q): the ratio means of each group."""
    total = _GroupSum(design.group, len(design.group_names))
    Q = design.points.shape[1]
    s_y = np.zeros((len(design.group_names), Q))
    m = np.zeros_like(s_y)
    for rows in row_blocks(len(design.points)):
        answered, y = _answers(design.points[rows])
        s_y += total(y, rows.start)
        m += total(answered.astype(float), rows.start)
    with np.errstate(invalid="ignore", divide="ignore"):
        return s_y / m, m


def _linearized_squares(design: Design, ratio: np.ndarray, m: np.ndarray, plan: _Plan,
                        weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Σ z² per group (G × K) of the linearized values of each contrast, block by block.

    z_ik = r_gk Σ_q C_qk a_iq (y_iq − R_gq) / (m_gq / n_g), with a = answered and r the contrast's
    renormalisation over the questions answered in group g: the influence of respondent i on
    contrast k of its group g (a mean of contrasts: the mean of its parts' z).
    """
    total = _GroupSum(design.group, len(design.group_names))
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(m > 0, design.n[:, None] / m, 0.0)  # 1 / share of the group answering
    ratio = np.where(m > 0, ratio, 0.0)
    one = len(design.group_names) == 1
    ss = np.zeros((len(design.group_names), len(plan.names)))
    for rows in row_blocks(len(design.points)):
        answered, y = _answers(design.points[rows])
        g = design.group[rows]
        centred = y - (ratio if one else ratio[g])
        centred *= answered
        centred *= scale if one else scale[g]
        z = plan.linearized(centred @ plan.C, weights, None if one else g)
        ss += total(z * z, rows.start)
    return ss


def _tidy(design: Design, names: list[str], est: np.ndarray, se: np.ndarray, df: np.ndarray,
          fpc: np.ndarray, confidence: float, answered: np.ndarray | None = None, *,
          rule: IntervalRule | None = None, se_nofpc: np.ndarray | None = None) -> pd.DataFrame:
    """One row per group and contrast; intervals by ``rule`` (None: the engine's own, unclipped Wald).

    ``se_nofpc`` is the SE without the finite population correction (what a year-over-year change
    uses: whether the agency changed, not whether this year's staff answered differently).
    """
    G, K = est.shape
    dfs = np.repeat(df[:, None], K, axis=1)
    if rule is None:
        low, high = wald_intervals(est, se, dfs, confidence)
    else:
        size = np.where(np.isfinite(answered), answered, design.n[:, None]) if answered is not None else (
            np.repeat(design.n[:, None], K, axis=1))
        low, high, _ = bounded_intervals(est, se, dfs, size, (fpc == 0)[:, None], confidence=confidence, rule=rule)
    frame = pd.DataFrame({
        "group": take_texts(design.group_names, np.repeat(np.arange(G), K)), "name": take_texts(names, np.tile(np.arange(K), G)),
        "score": est.ravel(), "se": se.ravel(), "ci_low": low.ravel(), "ci_high": high.ravel(),
        "n": np.repeat(design.n, K).astype("int64"), "df": np.repeat(df, K), "fpc": np.repeat(fpc, K),
    })
    if answered is not None:
        frame["n_answered"] = answered.ravel()
    frame["se_nofpc"] = (se if se_nofpc is None else se_nofpc).ravel()
    return frame


@dataclass(frozen=True)
class MeanOf:
    """A contrast that is the plain mean of other contrasts (a tool as the mean of its indicators).

    In a group where a part has no answered question, the mean is of the parts that have.
    """

    parts: tuple[str, ...]  # names of other (weighted) contrasts


#: Each score as a weighted sum of question scores ({question: weight}) or a mean of other scores.
Contrasts = Mapping[str, Mapping[str, float] | MeanOf]


@dataclass(frozen=True)
class _Plan:
    """The contrasts as matrices: weighted sums of questions (columns of ``C``), then means of them."""

    names: list[str]  # every contrast, in the order given
    C: np.ndarray  # Q × K1: the weighted contrasts' weights (their columns come first)
    means: list[np.ndarray]  # each mean's parts, as column indices of C
    order: np.ndarray  # where each given name is among the K1 weighted, then the means

    def weights(self, answered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per group (rows of ``answered``, G × Q): the contrasts' renormalisations and the means' weights.

        Each weighted contrast's r rescales it over the questions answered in the group (NaN: none
        answered); each mean's part weights (G × P, 0 for a part with nothing answered) are stacked
        side by side.
        """
        total = self.C.sum(axis=0)
        got = answered.astype(float) @ self.C
        complete = answered.all(axis=1, keepdims=True) | (got == total)  # nothing left out: exactly 1
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where(complete, 1.0, np.where(got > 0, total / got, np.nan))
        parts = []
        for cols in self.means:
            defined = np.isfinite(r[:, cols])
            count = defined.sum(axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                parts.append(np.where(defined, 1.0 / count, 0.0))
        return r, np.hstack(parts) if parts else np.zeros((len(r), 0))

    def values(self, ratio: np.ndarray, answered: np.ndarray, weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """The contrasts' values (G × K, names' order) from the question scores; NaN where nothing was answered."""
        r, w = weights
        single = (np.where(answered, ratio, 0.0) @ self.C) * r
        return self._assemble(single, w, lambda cols, wk: np.nansum(single[:, cols] * wk, axis=1))

    def linearized(self, zc: np.ndarray, weights: tuple[np.ndarray, np.ndarray], g: np.ndarray | None) -> np.ndarray:
        """Each row's linearized values (rows × K) from its weighted sums ``zc`` (rows × K1); ``g``: each row's group."""
        r, w = weights
        if np.all(r == 1):  # every question answered in every group (the usual case): nothing to rescale
            z = zc
        else:
            z = zc * np.nan_to_num(r if g is None else r[g])  # a contrast with nothing answered adds nothing
        w = w if g is None else w[g]
        return self._assemble(z, w, lambda cols, wk: (z[:, cols] * wk).sum(axis=1))

    def _assemble(self, single: np.ndarray, w: np.ndarray, mean: Any) -> np.ndarray:
        if not self.means:  # weighted sums only, in the order given: nothing to add or reorder
            return single
        out = [single]
        at = 0
        for cols in self.means:
            wk = w[:, at: at + len(cols)]
            at += len(cols)
            value = mean(cols, wk)
            out.append(np.where(wk.sum(axis=1) > 0, value, np.nan)[:, None] if value.ndim == 1 else value)
        return np.hstack(out)[:, self.order]


def _plan(design: Design, contrasts: Contrasts) -> _Plan:
    index = {q: k for k, q in enumerate(design.questions)}
    weighted = [name for name, c in contrasts.items() if not isinstance(c, MeanOf)]
    means = [name for name, c in contrasts.items() if isinstance(c, MeanOf)]
    C = np.zeros((len(design.questions), len(weighted)))
    for j, name in enumerate(weighted):
        for q, w in contrasts[name].items():  # type: ignore[union-attr]  # weighted contrasts only
            C[index[q], j] = w
    column = {name: k for k, name in enumerate(weighted + means)}
    parts = [np.array([weighted.index(p) for p in contrasts[name].parts]) for name in means]  # type: ignore[union-attr]  # means only
    return _Plan(list(contrasts), C, parts, np.array([column[name] for name in contrasts]))


def linearized_estimates(design: Design, contrasts: Contrasts, *, confidence: float = 0.95,
                         interval: IntervalRule | None = None) -> pd.DataFrame:
    r"""Scores with linearization standard errors, one sample per group (the default method).

    Parameters
    ----------
    design : Design
        Points, groups and population sizes.
    contrasts : mapping of name → {question: weight} or MeanOf
        Each score as a weighted sum of question scores: a question is ``{q: 1}``, an indicator
        of K questions ``{q: 1/K, …}``; or as the mean of other scores (:class:`MeanOf`). In a
        group where some questions have no answer, a weighted sum is renormalised over the
        questions answered there (an indicator is the mean of its answered questions); a score
        with no answered question is NaN.
    confidence : float
        Two-sided confidence level.
    interval : {"logit", "wald"}, optional
        Bounded intervals (:func:`bounded_intervals`); default None: estimate ± t·SE, unclipped.

    Returns
    -------
    DataFrame
        ``group, name, score, se, ci_low, ci_high, n, df, fpc`` — one row per group and score.

    Notes
    -----
    For a score :math:`\hat\theta = \sum_q c_q \hat R_q` in a group of :math:`n` respondents out
    of :math:`N`, with question ratio means :math:`\hat R_q = \sum_i a_{iq} y_{iq} / \sum_i a_{iq}`,
    the linearized value of respondent :math:`i` is
    :math:`z_i = \sum_q c_q\, a_{iq}(y_{iq} - \hat R_q) / (m_q / n)`, and

    .. math:: \widehat{SE}(\hat\theta) = \sqrt{(1 - n/N)\, s_z^2 / n},

    with :math:`s_z^2` the sample variance of :math:`z` (whose mean is exactly 0). Without blanks
    :math:`z_i = y_i - \bar y` and this is the textbook SE of a mean under simple random sampling
    without replacement. Intervals: :math:`\hat\theta \pm t_{1-\alpha/2,\,n-1}\,\widehat{SE}`.
    Without a population size, :math:`1 - n/N` is taken as 1. This is what R's ``survey`` package
    computes with ``svydesign(ids=~1, fpc=~N)``, ``svyratio`` and ``svycontrast``.

    References
    ----------
    Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, ch. 2 and 3. Wiley.
    Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., §2.4 and §6.3. Wiley.
    """
    plan = _plan(design, contrasts)
    ratio, m = _ratios(design)
    weights = plan.weights(m > 0)
    est = plan.values(ratio, m > 0, weights)
    ss = _linearized_squares(design, ratio, m, plan, weights)
    n = design.n
    with np.errstate(invalid="ignore", divide="ignore"):
        var_z = ss / (n[:, None] - 1)
        fpc = _fpc(n, design.population)
        se = np.where(np.isfinite(est), np.sqrt(fpc[:, None] * var_z / n[:, None]), np.nan)
        se_nofpc = np.where(np.isfinite(est), np.sqrt(var_z / n[:, None]), np.nan)
    return _tidy(design, plan.names, est, se, n - 1, fpc, confidence, _answered(plan, m), rule=interval,
                 se_nofpc=se_nofpc)


def _answered(plan: _Plan, m: np.ndarray) -> np.ndarray:
    """How many answered each single-question contrast (G × K, names' order); NaN for the others."""
    single = (plan.C != 0).sum(axis=0) == 1
    counts = np.where(single[None, :], m @ (plan.C != 0), np.nan)
    return np.hstack([counts, np.full((len(m), len(plan.means)), np.nan)])[:, plan.order]


def ratio_estimates(design: Design, contrasts: Contrasts) -> pd.DataFrame:
    r"""The scores alone, without standard errors: one pass over the respondents.

    The same numbers as the ``score`` of :func:`linearized_estimates` (to the last bit), for when
    only the point estimates are wanted (e.g. the scores without the flagged responses).

    Returns
    -------
    DataFrame
        ``group, name, score, n`` — one row per group and score.

    Notes
    -----
    In each group, :math:`\hat\theta = \sum_q c_q \hat R_q` with the question ratio means
    :math:`\hat R_q = \sum_i a_{iq} y_{iq} / \sum_i a_{iq}` (:math:`a` = answered).

    References
    ----------
    Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., §6.2. Wiley.
    """
    plan = _plan(design, contrasts)
    ratio, m = _ratios(design)
    est = plan.values(ratio, m > 0, plan.weights(m > 0))
    G, K = len(design.group_names), len(plan.names)
    return pd.DataFrame({"group": take_texts(design.group_names, np.repeat(np.arange(G), K)),
                         "name": take_texts(plan.names, np.tile(np.arange(K), G)), "score": est.ravel(),
                         "n": np.repeat(design.n, K).astype("int64")})


def _fpc(n: np.ndarray, population: np.ndarray) -> np.ndarray:
    """1 − n/N per group; 1 where N is unknown or smaller than n (the roster cannot be right)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        f = 1.0 - n / population
    return np.where(np.isfinite(f) & (f >= 0), f, 1.0)


def stratified_estimates(design: Design, contrasts: Contrasts, *, confidence: float = 0.95,
                         interval: IntervalRule | None = None) -> pd.DataFrame:
    r"""The official (unweighted) whole-sample scores, with a stratified variance (groups as strata).

    Notes
    -----
    Every respondent weighs 1, so the scores are exactly the default method's; only the variance
    uses the strata (e.g. departments with their N_h from the roster). With the whole-sample
    linearized values :math:`z_i` (as in :func:`linearized_estimates`, one group),

    .. math:: \widehat{Var}(\hat\theta) = \frac{1}{n^2} \sum_h (1 - n_h/N_h)\, n_h\, s_{z,h}^2,

    with :math:`s_{z,h}^2` the sample variance of :math:`z` within stratum h and df = n − H (the
    strata with respondents). A stratum with more respondents than :math:`N_h` is counted as a census
    (:math:`1 - n_h/N_h` taken as 0); a stratum of one respondent adds 0 (its variance cannot be
    estimated). :func:`stratum_problems` names both, and the strata without respondents. This is R's
    ``svydesign(ids=~1, strata=~department, fpc=~N_h, weights=~1)`` with ``svyratio``/``svycontrast``.

    Returns
    -------
    DataFrame
        One group, ``"all"``, with the columns of :func:`linearized_estimates`.
    """
    if np.isnan(design.population).any():
        raise ValueError("the stratified estimate needs every stratum's population size")
    plan = _plan(design, contrasts)
    n = float(len(design.points))
    one = Design(design.points, design.questions, np.zeros(len(design.points), dtype=np.int64), ["all"],
                 np.array([design.population.sum()]))
    ratio, m = _ratios(one)
    weights = plan.weights(m > 0)
    est = plan.values(ratio, m > 0, weights)
    answered, y = _answers(design.points)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(m > 0, n / m, 0.0)
    z = plan.linearized(((y - np.where(m > 0, ratio, 0.0)) * answered * scale) @ plan.C, weights, None)
    G, K = len(design.group_names), len(plan.names)
    sums = _group_sums(np.hstack([z, z * z]), design.group, G)
    n_h = design.n
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = (sums[:, K:] - sums[:, :K] ** 2 / n_h[:, None]) / (n_h[:, None] - 1)
    s2 = np.where(n_h[:, None] > 1, s2, 0.0)
    f_h = np.clip(1 - n_h / design.population, 0, 1)  # more respondents than N_h: a census
    var = (f_h[:, None] * n_h[:, None] * s2).sum(axis=0) / n**2
    se = np.where(np.isfinite(est[0]), np.sqrt(var), np.nan)[None, :]
    se_nofpc = np.where(np.isfinite(est[0]), np.sqrt((n_h[:, None] * s2).sum(axis=0) / n**2), np.nan)[None, :]
    df = np.array([n - G])
    fpc = np.array([1 - n / design.population.sum()])
    return _tidy(one, plan.names, est, se, df, fpc, confidence, _answered(plan, m), rule=interval, se_nofpc=se_nofpc)


def stratum_problems(design: Design, population: Mapping[str, float]) -> dict[str, list[str]]:
    """Strata the stratified variance cannot use as given.

    ``over``: more respondents than N_h (counted as a census); ``single``: one respondent (no
    variance); ``empty``: in ``population`` (the roster) but without a respondent.
    """
    n_h = design.n
    names = np.array(design.group_names, dtype=object)
    return {"over": [f"{g} ({int(k)} > {N:g})" for g, k, N in zip(names, n_h, design.population) if k > N],
            "single": [str(g) for g in names[n_h == 1]],
            "empty": sorted(set(population) - set(design.group_names))}


def bootstrap_estimates(design: Design, contrasts: Contrasts, *, confidence: float = 0.95, replicates: int = 2000,
                        seed: int = 2566, interval: IntervalRule | None = None) -> pd.DataFrame:
    r"""Respondent bootstrap (one sample), vectorised over replicates, with percentile intervals.

    Notes
    -----
    Each replicate resamples the n respondents with replacement (multinomial counts, a
    B × n matrix), recomputes every question's ratio mean as ``(counts @ (a·y)) / (counts @ a)``
    and the contrasts from them (in a replicate where nobody answered a question, its indicator is
    the mean of the others, as in the estimate). The plain bootstrap variance of a mean is
    :math:`(n-1)/n` of the usual one, so the SE is the replicates' standard deviation times
    :math:`\sqrt{n/(n-1)}` and :math:`\sqrt{1 - n/N}` (sampling without replacement); the interval
    is the percentile interval of the replicates, scaled about the estimate by the same factor.
    ``interval`` is not used: percentile intervals stay inside the scores' range.

    References
    ----------
    Efron, B. and Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 6 and 13.
    Rao, J. N. K. and Wu, C. F. J. (1988). Resampling inference with complex survey data. *JASA* 83, 231–241.
    """
    if len(design.group_names) != 1:
        raise ValueError("the bootstrap here serves one sample; run it per group")
    plan = _plan(design, contrasts)
    answered, y = _answers(design.points)
    n = len(y)
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=replicates).astype(float)  # B × n
    took = counts @ answered  # B × Q: answers drawn to each question
    with np.errstate(invalid="ignore", divide="ignore"):
        reps = plan.values((counts @ (answered * y)) / took, took > 0, plan.weights(took > 0))  # B × K
        m = answered.sum(axis=0, keepdims=True).astype(float)
        ratio = (answered * y).sum(axis=0, keepdims=True) / m
    est = plan.values(ratio, m > 0, plan.weights(m > 0))[0]
    fpc = _fpc(np.array([float(n)]), design.population)
    scale = np.sqrt(fpc[0] * n / (n - 1)) if n > 1 else np.nan
    se = np.nanstd(reps, axis=0, ddof=1) * scale
    alpha = 1 - confidence
    lo, hi = np.nanquantile(reps, [alpha / 2, 1 - alpha / 2], axis=0)
    se_nofpc = np.nanstd(reps, axis=0, ddof=1) * (np.sqrt(n / (n - 1)) if n > 1 else np.nan)
    frame = _tidy(design, plan.names, est[None, :], se[None, :], np.array([n - 1.0]), fpc, confidence,
                  _answered(plan, m), se_nofpc=se_nofpc[None, :])
    low, high = np.clip(est + (lo - est) * scale, 0, 100), np.clip(est + (hi - est) * scale, 0, 100)
    # every replicate alike (a unanimous question) is no certainty outside a census: the exact bound with n answered
    flat = np.isfinite(est) & (high - low <= 1e-12) & ~(fpc[0] == 0)
    answers = _answered(plan, m)[0]
    sizes = np.where(np.isfinite(answers), answers, float(n))  # a question's answers; an indicator's or tool's respondents
    low, high = exact_where(low, high, flat, est / 100, sizes, confidence)
    frame["ci_low"], frame["ci_high"] = low, high
    return frame
