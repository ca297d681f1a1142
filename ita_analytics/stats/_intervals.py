"""Confidence intervals that stay inside 0–100, as the specification's "Confidence intervals" asks.

- ``logit`` (the default): on p = score/100, logit(p) ± t(1 − α/2, df)·(SE/100)/(p(1 − p)),
  back-transformed (R: ``svyciprop(method = "logit")`` with the same SE and df). Where p is 0 or 1,
  or the SE is 0 without a census (everyone answered alike), an exact Clopper–Pearson bound with the
  number who answered (e.g. 100·(α/2)^(1/n) below 100 when everyone gave full marks). An interval
  has zero width only for a census (the whole eligible staff answered: n = N).
- ``wald``: estimate ± t·SE (R's ``confint`` of ``svymean``), clipped to 0–100; the rows clipped are
  flagged.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from scipy import special

from ._distributions import t_quantile

__all__ = ["IntervalRule", "bounded_intervals", "exact_where", "wald_intervals"]

IntervalRule = Literal["logit", "wald"]


def wald_intervals(est: np.ndarray, se: np.ndarray, df: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Estimate ± t(1 − α/2, df)·SE, unclipped (the variance engine's own, as R's ``confint``)."""
    with np.errstate(invalid="ignore"):
        levels, where = np.unique(df, return_inverse=True)  # a few distinct df among thousands of groups
        q = t_quantile(0.5 + confidence / 2, levels)[where].reshape(np.shape(df))
    return est - q * se, est + q * se


def bounded_intervals(est: np.ndarray, se: np.ndarray, df: np.ndarray, n: np.ndarray, census: np.ndarray, *,
                      confidence: float, rule: IntervalRule = "logit") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Intervals inside 0–100 for scores (questions, indicators, tools), by ``rule``.

    Parameters
    ----------
    est, se, df : ndarray
        Estimates (0–100), standard errors and degrees of freedom, all of one shape.
    n : ndarray
        How many answered (a question's ``n_answered``; respondents for indicators and tools):
        the exact bound's sample size.
    census : ndarray of bool
        Where the whole population answered (n = N): the interval is the estimate itself.
    confidence : float
        Two-sided confidence level.
    rule : {"logit", "wald"}
        See the module's description.

    Returns
    -------
    low, high : ndarray
        The bounds (NaN where the estimate is NaN).
    adjusted : ndarray of bool
        ``wald``: where the interval was clipped; ``logit``: where the exact bound was used.

    Notes
    -----
    Logit: with :math:`p = \hat\theta/100` and :math:`s = SE/100`,
    :math:`\operatorname{expit}(\operatorname{logit} p \pm t_{1-\alpha/2,\,df}\, s/(p(1-p)))`. Exact
    (Clopper–Pearson, with :math:`x = pn` "successes", fractional when the scale has four levels):
    lower :math:`B^{-1}(\alpha/2;\ x,\ n - x + 1)`, upper :math:`B^{-1}(1-\alpha/2;\ x + 1,\ n - x)`,
    0 and 1 at the ends.

    References
    ----------
    Korn, E. L. and Graubard, B. I. (1998). Confidence intervals for proportions with small expected
    number of positive counts estimated from survey data. *Survey Methodology* 24, 193–201.
    Clopper, C. J. and Pearson, E. S. (1934). *Biometrika* 26, 404–413.
    """
    est, se, df = (np.asarray(a, dtype=float) for a in (est, se, df))
    low, high = wald_intervals(est, se, df, confidence)
    census = np.broadcast_to(np.asarray(census, dtype=bool), est.shape)
    p = est / 100
    with np.errstate(invalid="ignore", divide="ignore"):
        exact = np.isfinite(p) & ~census & ((p <= 0) | (p >= 1) | (se == 0))
    if rule == "wald":  # clipped to 0–100; and no zero width outside a census: the exact bound there too
        clipped = (low < 0) | (high > 100)
        low, high = exact_where(np.clip(low, 0, 100), np.clip(high, 0, 100), exact, p, n, confidence)
        return low, high, clipped | exact
    with np.errstate(invalid="ignore", divide="ignore"):
        inner = np.isfinite(p) & ~census & ~exact
        half = (low - est) / 100 / (p * (1 - p))  # −t·s/(p(1 − p)): the Wald half-width, moved to the logit scale
        logit = np.log(p / (1 - p))
        low = np.where(inner, 100 * special.expit(logit + half), low)
        high = np.where(inner, 100 * special.expit(logit - half), high)
    low, high = exact_where(low, high, exact, p, n, confidence)
    low = np.where(census & np.isfinite(est), est, low)
    high = np.where(census & np.isfinite(est), est, high)
    return low, high, exact


def exact_where(low: np.ndarray, high: np.ndarray, exact: np.ndarray, p: np.ndarray, n: np.ndarray,
                confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """``low`` and ``high`` with the exact (Clopper–Pearson) bounds put where ``exact`` (p a share 0–1, n answers)."""
    at = np.flatnonzero(np.asarray(exact).ravel())  # only where needed (few cells of thousands of groups)
    if not len(at):
        return low, high
    shape = np.shape(low)
    cp_low, cp_high = _clopper_pearson(np.broadcast_to(p, shape).ravel()[at],
                                       np.broadcast_to(np.asarray(n, dtype=float), shape).ravel()[at], 1 - confidence)
    low, high = np.array(low, dtype=float, copy=True), np.array(high, dtype=float, copy=True)
    low.ravel()[at], high.ravel()[at] = 100 * cp_low, 100 * cp_high
    return low, high


def _clopper_pearson(p: np.ndarray, size: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact bounds for a share p of ``size`` answers (x = p·size successes, fractional for 4-level scales)."""
    x = np.clip(p * size, 0, size)
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(x > 0, special.betaincinv(np.maximum(x, 1e-300), size - x + 1, alpha / 2), 0.0)
        high = np.where(x < size, special.betaincinv(x + 1, np.maximum(size - x, 1e-300), 1 - alpha / 2), 1.0)
    return low, high
