"""A second, from-scratch implementation of the design-based variance, for cross-checking.

It takes the long road that R's survey package takes: estimate the totals of y and of the
answered indicators, their covariance matrix under simple random sampling without replacement,
then the delta method for each ratio and each contrast of ratios. Nothing is shared with
``ita_analytics.stats._inference``.
"""

from __future__ import annotations

import math

import numpy as np


def contrast_se(points: np.ndarray, weights: np.ndarray, N: float | None) -> tuple[float, float]:
    """Estimate and SE of sum_q w_q * (sum_i y_iq / sum_i a_iq) under SRSWOR from N."""
    n, Q = points.shape
    a = (~np.isnan(points)).astype(float)
    y = np.nan_to_num(points)
    u = np.hstack([y, a])  # per-respondent values whose totals we estimate
    scale = (N if N else n)  # the totals' scale cancels in ratios; keep N for the textbook form
    totals = scale * u.mean(axis=0)
    cov_u = np.cov(u, rowvar=False, ddof=1)
    f = n / N if N else 0.0
    cov_totals = scale**2 * (1 - f) * cov_u / n
    Y, X = totals[:Q], totals[Q:]
    grad = np.concatenate([weights / X, -weights * Y / X**2])
    estimate = float(np.sum(weights * Y / X))
    return estimate, math.sqrt(float(grad @ cov_totals @ grad))
