"""The few distribution functions the package needs, from :mod:`scipy.special`.

``scipy.stats`` costs half a second to import; these are the same numbers (``stats.t.ppf`` is
``special.stdtrit``, ``stats.norm.ppf`` is ``special.ndtri``), so a command line run starts fast.
"""

from __future__ import annotations

import numpy as np
from scipy import special

__all__ = ["normal_cdf", "normal_quantile", "normal_sf", "t_quantile"]


def t_quantile(p: float, df: np.ndarray | float) -> np.ndarray:
    """Quantile ``p`` of Student's t with ``df`` degrees of freedom (NaN where df < 1)."""
    df = np.asarray(df, dtype=float)
    return special.stdtrit(np.where(df >= 1, df, np.nan), p)


def normal_quantile(p: float) -> float:
    """Quantile ``p`` of the standard normal distribution."""
    return float(special.ndtri(p))


def normal_cdf(x: np.ndarray | float) -> np.ndarray | float:
    """Standard normal distribution function Φ(x)."""
    return special.ndtr(x)


def normal_sf(x: np.ndarray | float) -> np.ndarray | float:
    """Standard normal upper tail 1 − Φ(x), accurate far in the tail."""
    return special.ndtr(-np.asarray(x, dtype=float))
