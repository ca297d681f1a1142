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

import numpy as np
import pandas as pd
from scipy import sparse

from ..core._arrays import row_blocks, take_texts
from ._distributions import t_quantile

__all__ = ["UNKNOWN_GROUP", "Design", "bootstrap_estimates", "group_codes", "linearized_estimates", "ratio_estimates",
           "stratified_estimates"]


#: The group of respondents who left the breakdown column blank.
UNKNOWN_GROUP = "(ไม่ระบุ)"


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


def _linearized_squares(design: Design, ratio: np.ndarray, m: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Σ z² per group (G × K) of the linearized values of each contrast, block by block.

    z_ik = Σ_q C_qk a_iq (y_iq − R_gq) / (m_gq / n_g), with a = answered: the influence of
    respondent i on contrast k of its group g.
    """
    total = _GroupSum(design.group, len(design.group_names))
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(m > 0, design.n[:, None] / m, 0.0)  # 1 / share of the group answering
    ratio = np.where(m > 0, ratio, 0.0)
    one = len(design.group_names) == 1
    ss = np.zeros((len(design.group_names), C.shape[1]))
    for rows in row_blocks(len(design.points)):
        answered, y = _answers(design.points[rows])
        g = design.group[rows]
        centred = y - (ratio if one else ratio[g])
        centred *= answered
        centred *= scale if one else scale[g]
        zc = centred @ C
        ss += total(zc * zc, rows.start)
    return ss


def _intervals(est: np.ndarray, se: np.ndarray, df: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore"):
        levels, where = np.unique(df, return_inverse=True)  # a few distinct df among thousands of groups
        q = t_quantile(0.5 + confidence / 2, levels)[where].reshape(np.shape(df))
    return est - q * se, est + q * se


def _tidy(design: Design, names: list[str], est: np.ndarray, se: np.ndarray, df: np.ndarray,
          fpc: np.ndarray, confidence: float, answered: np.ndarray | None = None) -> pd.DataFrame:
    G, K = est.shape
    low, high = _intervals(est, se, np.repeat(df[:, None], K, axis=1), confidence)
    frame = pd.DataFrame({
        "group": take_texts(design.group_names, np.repeat(np.arange(G), K)), "name": take_texts(names, np.tile(np.arange(K), G)),
        "score": est.ravel(), "se": se.ravel(), "ci_low": low.ravel(), "ci_high": high.ravel(),
        "n": np.repeat(design.n, K).astype("int64"), "df": np.repeat(df, K), "fpc": np.repeat(fpc, K),
    })
    if answered is not None:
        frame["n_answered"] = answered.ravel()
    return frame


def _contrast_matrix(design: Design, contrasts: Mapping[str, Mapping[str, float]]) -> tuple[list[str], np.ndarray]:
    index = {q: k for k, q in enumerate(design.questions)}
    C = np.zeros((len(design.questions), len(contrasts)))
    for j, weights in enumerate(contrasts.values()):
        for q, w in weights.items():
            C[index[q], j] = w
    return list(contrasts), C


def linearized_estimates(design: Design, contrasts: Mapping[str, Mapping[str, float]], *,
                         confidence: float = 0.95) -> pd.DataFrame:
    r"""Scores with linearization standard errors, one sample per group (the default method).

    Parameters
    ----------
    design : Design
        Points, groups and population sizes.
    contrasts : mapping of name → {question: weight}
        Each score as a weighted sum of question scores: a question is ``{q: 1}``, an indicator
        of K questions ``{q: 1/K, …}``.
    confidence : float
        Two-sided confidence level.

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
    names, C = _contrast_matrix(design, contrasts)
    ratio, m = _ratios(design)
    est = ratio @ C
    ss = _linearized_squares(design, ratio, m, C)
    n = design.n
    with np.errstate(invalid="ignore", divide="ignore"):
        var_z = ss / (n[:, None] - 1)
        fpc = _fpc(n, design.population)
        se = np.sqrt(fpc[:, None] * var_z / n[:, None])
    single = (C != 0).sum(axis=0) == 1  # a contrast of one question: its answered count
    answered = np.where(single[None, :], m @ (C != 0), np.nan)
    return _tidy(design, names, est, se, n - 1, fpc, confidence, answered)


def ratio_estimates(design: Design, contrasts: Mapping[str, Mapping[str, float]]) -> pd.DataFrame:
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
    names, C = _contrast_matrix(design, contrasts)
    ratio, _ = _ratios(design)
    G, K = len(design.group_names), len(names)
    return pd.DataFrame({"group": take_texts(design.group_names, np.repeat(np.arange(G), K)),
                         "name": take_texts(names, np.tile(np.arange(K), G)), "score": (ratio @ C).ravel(),
                         "n": np.repeat(design.n, K).astype("int64")})


def _fpc(n: np.ndarray, population: np.ndarray) -> np.ndarray:
    """1 − n/N per group; 1 where N is unknown or smaller than n (the roster cannot be right)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        f = 1.0 - n / population
    return np.where(np.isfinite(f) & (f >= 0), f, 1.0)


def stratified_estimates(design: Design, contrasts: Mapping[str, Mapping[str, float]], *,
                         confidence: float = 0.95) -> pd.DataFrame:
    r"""One whole-sample estimate with the groups as strata (e.g. departments with their N_h).

    Notes
    -----
    Respondents are weighted :math:`w_i = N_h / n_h`; each question score is the weighted ratio
    :math:`\hat R_q = \sum w a y / \sum w a`, and with
    :math:`z_i = a_{iq}(y_{iq} - \hat R_q) / (\sum w a / \sum w)` (combined per contrast),

    .. math:: \widehat{Var}(\hat\theta) = \frac{1}{N^2} \sum_h N_h^2 (1 - n_h/N_h) s_{z,h}^2 / n_h,

    with :math:`N = \sum_h N_h` and df = n − H. Strata with one respondent contribute 0 (their
    variance cannot be estimated). This is ``svydesign(ids=~1, strata=~dept, fpc=~N_h)``.

    Returns
    -------
    DataFrame
        One group, ``"all"``, with the columns of :func:`linearized_estimates`.
    """
    if np.isnan(design.population).any():
        raise ValueError("the stratified estimate needs every stratum's population size")
    names, C = _contrast_matrix(design, contrasts)
    n_h = design.n
    N_h = design.population
    w = (N_h / n_h)[design.group]
    answered = ~np.isnan(design.points)
    y = np.where(answered, design.points, 0.0)
    wa = w[:, None] * answered
    ratio = (wa * y).sum(axis=0) / wa.sum(axis=0)
    share = wa.sum(axis=0) / w.sum()
    z = np.where(answered, (y - ratio) / share, 0.0) @ C
    G = len(design.group_names)
    sums = _group_sums(np.hstack([z, z * z]), design.group, G)
    K = len(names)
    mean_h = sums[:, :K] / n_h[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = (sums[:, K:] - n_h[:, None] * mean_h**2) / (n_h[:, None] - 1)
    s2 = np.where(n_h[:, None] > 1, s2, 0.0)
    f_h = np.clip(1 - n_h / N_h, 0, 1)
    var = ((N_h**2 * f_h)[:, None] * s2 / n_h[:, None]).sum(axis=0) / N_h.sum() ** 2
    est = (ratio @ C)[None, :]
    one = Design(design.points, design.questions, np.zeros(len(w), dtype=np.int64), ["all"],
                 np.array([N_h.sum()]))
    df = np.array([n_h.sum() - G])
    fpc = np.array([1 - n_h.sum() / N_h.sum()])
    return _tidy(one, names, est, np.sqrt(var)[None, :], df, fpc, confidence)


def bootstrap_estimates(design: Design, contrasts: Mapping[str, Mapping[str, float]], *,
                        confidence: float = 0.95, replicates: int = 2000, seed: int = 2566) -> pd.DataFrame:
    r"""Respondent bootstrap (one sample), vectorised over replicates, with percentile intervals.

    Notes
    -----
    Each replicate resamples the n respondents with replacement (multinomial counts, a
    B × n matrix), recomputes every question's ratio mean as ``(counts @ (a·y)) / (counts @ a)``
    and the contrasts from them. The SE is the replicates' standard deviation times
    :math:`\sqrt{1 - n/N}` (the usual rescaling for sampling without replacement); the
    interval is the percentile interval of the replicates, shrunk about the estimate by the
    same factor.

    References
    ----------
    Efron, B. and Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 6 and 13.
    Rao, J. N. K. and Wu, C. F. J. (1988). Resampling inference with complex survey data. *JASA* 83, 231–241.
    """
    if len(design.group_names) != 1:
        raise ValueError("the bootstrap here serves one sample; run it per group")
    names, C = _contrast_matrix(design, contrasts)
    answered = ~np.isnan(design.points)
    y = np.where(answered, design.points, 0.0)
    n = len(y)
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=replicates).astype(float)  # B × n
    with np.errstate(invalid="ignore", divide="ignore"):
        reps = ((counts @ (answered * y)) / (counts @ answered)) @ C  # B × K
        ratio = (answered * y).sum(axis=0) / answered.sum(axis=0)
    est = ratio @ C
    fpc = _fpc(np.array([float(n)]), design.population)
    scale = np.sqrt(fpc[0])
    se = np.nanstd(reps, axis=0, ddof=1) * scale
    alpha = 1 - confidence
    lo, hi = np.nanquantile(reps, [alpha / 2, 1 - alpha / 2], axis=0)
    frame = _tidy(design, names, est[None, :], se[None, :], np.array([n - 1.0]), fpc, confidence)
    frame["ci_low"] = est + (lo - est) * scale
    frame["ci_high"] = est + (hi - est) * scale
    return frame
