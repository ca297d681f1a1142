"""Coverage of the 95% intervals for small groups, by simulation (issue: estimates that hold at the edges).

Populations of staff answer eight questions (six 4-level, two yes/no) around a true level of 80–97
points; samples of n = 5, 10, 20 and 30 are drawn without replacement from N = 2n (with the finite
population correction) or from a population of 200,000 (without it); every replicate is scored
with the default method (logit intervals, exact bounds at 0 and 100). ``python tests/coverage_sim.py``
prints the README's table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analytics.stats._inference import Design, linearized_estimates

FOUR = np.array([0.0, 100 / 3, 200 / 3, 100.0])
LEVELS = (80, 85, 90, 95, 97)
SIZES = (5, 10, 20, 30)


def _four_level(rng: np.random.Generator, size: int, mean: float) -> np.ndarray:
    """4-level answers (points) whose expected value is ``mean``: P(level k) ∝ exp(λk), λ solved for the mean."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        lam = (lo + hi) / 2
        p = np.exp(lam * np.arange(4))
        p /= p.sum()
        lo, hi = (lam, hi) if p @ FOUR < mean else (lo, lam)
    return rng.choice(FOUR, size, p=p)


def population(rng: np.random.Generator, N: int, level: float, blank: float = 0.05) -> np.ndarray:
    """N staff × 8 questions (six 4-level, two yes/no) around ``level`` points, some answers blank."""
    cols = [_four_level(rng, N, level) for _ in range(6)]
    cols += [np.where(rng.random(N) < level / 100, 100.0, 0.0) for _ in range(2)]
    pop = np.column_stack(cols)
    pop[rng.random(pop.shape) < blank] = np.nan
    return pop


def coverage(rng: np.random.Generator, *, n: int, level: float, fpc: bool, reps: int = 2000,
             interval: str = "logit") -> dict[str, float]:
    """Share of 95% intervals covering the population's value: a 4-level and a yes/no question, an indicator, the tool."""
    N = 2 * n if fpc else 200_000
    pop = population(rng, N, level)
    qs = [f"q{k}" for k in range(8)]
    con = {"question (4-level)": {"q0": 1.0}, "question (yes/no)": {"q6": 1.0},
           "indicator": {q: 1 / 3 for q in qs[:3]}, "tool": {q: 1 / 8 for q in qs}}
    truth_q = np.nanmean(pop, axis=0)
    truth = {k: sum(w * truth_q[qs.index(q)] for q, w in v.items()) for k, v in con.items()}
    index = np.argsort(rng.random((reps, N)), axis=1)[:, :n] if fpc else rng.integers(0, N, (reps, n))
    design = Design(pop[index.ravel()], qs, np.repeat(np.arange(reps), n), [str(r) for r in range(reps)],
                    np.full(reps, float(N) if fpc else np.nan))
    out = linearized_estimates(design, con, interval=interval)  # type: ignore[arg-type]  # a rule's name
    out = out[out["score"].notna()]
    covers = (out["ci_low"] <= out["name"].map(truth) + 1e-9) & (out["name"].map(truth) - 1e-9 <= out["ci_high"])
    return covers.groupby(out["name"]).mean().to_dict()


def table(reps: int = 2000, seed: int = 2566) -> pd.DataFrame:
    """Coverage for every n, level and with/without the FPC: one row each."""
    rng = np.random.default_rng(seed)
    rows = []
    for fpc in (True, False):
        for n in SIZES:
            for level in LEVELS:
                rows.append({"n": n, "fpc": fpc, "level": level, **coverage(rng, n=n, level=level, fpc=fpc, reps=reps)})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    t = table()
    summary = t.groupby(["fpc", "n"])[["question (4-level)", "question (yes/no)", "indicator", "tool"]].agg(["min", "mean"])
    print(summary.round(3).to_string())
