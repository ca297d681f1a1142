"""Simulations behind the comparison and multi-agency rules (the year-over-year and funnel issue).

- ``false_positives``: two waves of an agency that did not change (each year's staff a fresh draw of
  the same population process), scored and compared as ``compare`` does; the share of ``real_*``
  verdicts per level, with the roster's finite population correction used or not, and with the
  earlier year published (no microdata).
- ``power``: the same with a true change of 3 points.
- ``funnel``: 40 agencies with real differences (SD 2 points) and 3 planted outliers of ±10: how many
  agencies each kind of limit flags, and whether the rank intervals cover the true ranks.

``python tests/comparison_sim.py`` prints the numbers quoted in the closing note.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
from coverage_sim import population

import ita_analytics as ia
from ita_analytics.stats._inference import Design, linearized_estimates

QS = [f"i{k}" for k in range(1, 9)]  # ids the FY2566 → FY2567 crosswalk maps to themselves
CONTRASTS = {**{q: {q: 1.0} for q in QS}, "indicator:1": {q: 1 / 3 for q in QS[:3]},
             "indicator:2": {q: 1 / 3 for q in QS[3:6]}, "indicator:3": {q: 1 / 2 for q in QS[6:]},
             "tool:IIT": {q: 1 / 8 for q in QS}}


def _level(name: str) -> tuple[str, str]:
    return ("question", name) if ":" not in name else tuple(name.split(":"))  # type: ignore[return-value]  # two parts


def _waves(rng: np.random.Generator, reps: int, n: int, N: int | None, level: float) -> pd.DataFrame:
    """``reps`` samples of n (from fresh populations of N, or of 200,000 without a roster), scored at once."""
    size = N or 200_000
    pops = [population(rng, size, level) for _ in range(reps)]
    sample = np.vstack([p[rng.choice(size, n, replace=False)] for p in pops])
    design = Design(sample, QS, np.repeat(np.arange(reps), n), [str(r) for r in range(reps)],
                    np.full(reps, float(N) if N else np.nan))
    return linearized_estimates(design, CONTRASTS)


def _result_set(est: pd.DataFrame, year: int, *, published: bool = False) -> ia.ResultSet:
    level_id = [_level(n) for n in est["name"]]
    frame = pd.DataFrame({"level": [lv for lv, _ in level_id], "id": [i for _, i in level_id],
                          "score": est["score"].to_numpy(), "grade": None, "note": "", "reliable": True})
    frame["se"] = np.nan if published else est["se"].to_numpy()
    frame["se_nofpc"] = np.nan if published else est["se_nofpc"].to_numpy()
    return ia.ResultSet(year, "เขตจำลอง", frame, f"fy{year}", not published)


def false_positives(*, reps: int = 400, n: int = 400, roster: bool = True, published: bool = False,
                    fpc: bool = False, shift: float = 0.0, seed: int = 1) -> dict[str, float]:
    """Share of ``real_meaningful``/``real_small`` verdicts per level over ``reps`` pairs of waves."""
    rng = np.random.default_rng(seed)
    N = int(n / 0.92) if roster else None  # 92% of the staff answer
    before, after = _waves(rng, reps, n, N, 84.0), _waves(rng, reps, n, N, 84.0 + shift)
    real = {"tool": [], "indicator": [], "question": []}
    for r in range(reps):
        b, a = (w[w["group"] == str(r)] for w in (before, after))
        rows = ia.compare(_result_set(b, 2566, published=published), _result_set(a, 2567), fpc=fpc).rows
        for level in real:
            real[level] += rows.loc[rows["level"] == level, "verdict"].str.startswith("real").tolist()
    return {level: float(np.mean(v)) for level, v in real.items()}


def funnel(seed: int, *, agencies: int = 40, sd: float = 2.0) -> dict[str, object]:
    """Agencies with real differences and three planted outliers: who each kind of limit flags."""
    rng = np.random.default_rng(seed)
    truth = 80 + rng.normal(0, sd, agencies)
    planted = rng.choice(agencies, 3, replace=False)
    truth[planted] = 80 + np.array([10.0, -10.0, 10.0])  # ten points from the centre
    sizes = rng.integers(40, 400, agencies)
    parts = [population(rng, int(k), float(np.clip(t, 1, 99)), blank=0.03) for k, t in zip(sizes, truth)]
    names = [f"หน่วยงาน {k:02d}" for k in range(agencies)]
    design = Design(np.vstack(parts), QS, np.repeat(np.arange(agencies), sizes), names, np.full(agencies, np.nan))
    est = linearized_estimates(design, {"tool:IIT": CONTRASTS["tool:IIT"]})
    groups = pd.DataFrame({"value": est["group"], "tool": "IIT", "level": "tool", "n": est["n"], "score": est["score"],
                           "se": est["se"], "ci_low": est["ci_low"], "ci_high": est["ci_high"], "fpc": est["fpc"],
                           "suppressed": False})
    table = ia.funnel_table(SimpleNamespace(groups=groups), "IIT", seed=seed)  # type: ignore[arg-type]  # needs .groups
    flagged = set(table.loc[table["outside_998"], "value"])
    z_plain = np.abs(table["score"] - table["centre"]) / table["se"]  # limits without the between-agency variance
    true_score = np.array([np.nanmean(p) for p in parts])  # each agency's own level, as its sample is drawn
    true_rank = pd.Series(true_score, index=names).rank(ascending=False, method="min")
    covered = (table["rank_low"] <= table["value"].map(true_rank)) & (table["value"].map(true_rank) <= table["rank_high"])
    return {"planted": {names[k] for k in planted}, "flagged": flagged,
            "flagged_95": set(table.loc[table["outside_95"], "value"]), "unadjusted": int((z_plain > 3.090232).sum()),
            "rank_coverage": float(covered.mean())}


if __name__ == "__main__":
    for label, options in (("with roster, SE without FPC (default)", {}), ("with roster, --fpc", {"fpc": True}),
                           ("without roster", {"roster": False}), ("earlier year published", {"published": True})):
        print(label, {k: round(v, 3) for k, v in false_positives(**options).items()})
    for n in (400, 50):
        print(f"power, change of 3 points, n = {n}:", {k: round(v, 3) for k, v in
                                                         false_positives(n=n, shift=3.0, reps=300).items()})
    runs = [funnel(seed) for seed in range(20)]
    extra = [len(r["flagged"] - r["planted"]) for r in runs]
    print("funnel: planted flagged in", sum(r["planted"] <= r["flagged"] for r in runs), "of", len(runs),
          "; extra flagged:", np.bincount(extra).tolist(), "; unadjusted limits flag:",
          sorted(r["unadjusted"] for r in runs), "; rank interval coverage:",
          round(float(np.mean([r["rank_coverage"] for r in runs])), 3))
