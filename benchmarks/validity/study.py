"""The validity study: do the package's defaults hold on respondents like real ones?

Respondents are drawn from a latent-trait model, not question by question: each agency has a level,
each of its departments a shift, each respondent a latent level around them; each question a
difficulty, and the answer is the level the respondent's trait (plus noise) reaches on ordinal
thresholds (4-level) or a cut (yes/no). One person therefore answers every question in the same
mood: the answers are correlated, as real ones are. The true score of an agency is known in closed
form: with departments of known sizes, a question's expected points are
:math:`\\sum_k p_k(\\text{agency level} + \\text{department shift})` on the normal ordinal model.

It measures, with the production engine (``linearized_estimates``, ``compare``, ``funnel_table``,
``grade_probabilities``): interval coverage for questions, indicators, tools and the overall score;
the year-over-year false-"real" rate and power; funnel false flags; rank-interval coverage; and the
calibration of the category probabilities.

``python benchmarks/validity/study.py`` runs the full study and writes ``docs/validity.md`` and
``docs/validity.png``; ``--quick`` a small version (what ``tests/test_validity.py`` runs).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
from scipy.special import ndtr

import ita_analytics as ia
from ita_analytics.stats._estimates import contrasts_of
from ita_analytics.stats._inference import Design, linearized_estimates
from ita_analytics.stats._scoring import overall_interval

ROOT = Path(__file__).resolve().parents[2]
FOUR = np.array([0.0, 100 / 3, 200 / 3, 100.0])
THRESHOLDS = np.array([-1.6, -0.5, 0.6])  # 4-level cuts on the latent scale (least | little | much | most)
YES_CUT = -1.3  # a yes/no question's "good" answer above this
NOISE = 0.8  # the answer's own noise around the respondent's trait (the rest is shared: correlation)
DEPT_SD = 0.35  # departments differ
BLANK = 0.03  # item non-response


@dataclass(frozen=True)
class Tool:
    """One survey tool of a frame: its questions, their scales and difficulties, and the engine's contrasts."""

    name: str
    ids: list[str]
    yes_no: np.ndarray  # True for a yes/no question
    difficulty: np.ndarray  # each question's difficulty on the latent scale
    contrasts: dict[str, object]
    level: dict[str, str]

    @classmethod
    def of(cls, fw: ia.Framework, name: str, seed: int = 7) -> Tool:
        qs = fw.questions_of(name)
        contrasts, level = contrasts_of(fw, name)
        difficulty = np.random.default_rng(seed + len(qs)).normal(0, 0.45, len(qs))
        return cls(name, [q.id for q in qs], np.array([q.scale == "YN" for q in qs]), difficulty,
                   dict(contrasts), level)

    def expected(self, latent: np.ndarray) -> np.ndarray:
        """Each question's expected points for respondents whose trait is N(latent, 1): shape (len(latent), Q)."""
        z = (np.asarray(latent, dtype=float)[:, None] - self.difficulty[None, :]) / np.sqrt(1 + NOISE**2)
        cut = ndtr(z[..., None] - THRESHOLDS[None, None, :] / np.sqrt(1 + NOISE**2))  # P(above each cut)
        four = FOUR[1] * cut.sum(axis=-1)  # 100/3 per cut passed
        yes = 100 * ndtr(z - YES_CUT / np.sqrt(1 + NOISE**2))
        return np.where(self.yes_no[None, :], yes, four)

    def truth(self, agency: np.ndarray, depts: np.ndarray, shares: np.ndarray) -> dict[str, np.ndarray]:
        """True question, indicator and tool scores of agencies (levels ``agency``; departments' shifts and shares)."""
        q = (self.expected((agency[:, None] + depts).ravel()).reshape(*depts.shape, -1) * shares[..., None]).sum(axis=1)
        out = {qid: q[:, k] for k, qid in enumerate(self.ids)}
        for name, c in self.contrasts.items():
            if isinstance(c, dict) and name not in out:
                out[name] = sum(w * out[k] for k, w in c.items())
        for name, c in self.contrasts.items():
            if not isinstance(c, dict):
                out[name] = np.mean([out[p] for p in c.parts], axis=0)  # type: ignore[attr-defined]
        return out

    def sample(self, rng: np.random.Generator, agency: np.ndarray, depts: np.ndarray, shares: np.ndarray,
               sizes: np.ndarray) -> np.ndarray:
        """Respondents' points (rows: agency after agency, ``sizes[a]`` each): shared trait, own noise, blanks."""
        who = np.repeat(np.arange(len(agency)), sizes)
        dept = np.concatenate([rng.choice(depts.shape[1], s, p=shares[a]) for a, s in enumerate(sizes)])
        trait = agency[who] + depts[who, dept] + rng.standard_normal(len(who))
        z = trait[:, None] - self.difficulty[None, :] + NOISE * rng.standard_normal((len(who), len(self.ids)))
        points = np.where(self.yes_no[None, :], 100.0 * (z > YES_CUT), FOUR[(z[..., None] > THRESHOLDS).sum(axis=-1)])
        points[rng.random(points.shape) < BLANK] = np.nan
        return points

    def latent_for(self, score: np.ndarray) -> np.ndarray:
        """The agency level whose tool score (departments' shifts averaged out) is ``score``: by bisection."""
        target = np.asarray(score, dtype=float)
        lo, hi = np.full(target.shape, -6.0), np.full(target.shape, 8.0)
        nodes, weights = np.polynomial.hermite_e.hermegauss(9)
        weights = weights / weights.sum()
        tool = next(k for k, v in self.level.items() if v == "tool")
        for _ in range(50):
            mid = (lo + hi) / 2
            depts = DEPT_SD * np.broadcast_to(nodes, (len(mid), len(nodes)))
            now = self.truth(mid, depts, np.broadcast_to(weights, depts.shape))[tool]
            lo, hi = np.where(now < target, mid, lo), np.where(now < target, hi, mid)
        return (lo + hi) / 2


def agencies(rng: np.random.Generator, levels: np.ndarray, departments: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Each agency's departments: their shifts and their shares of the staff."""
    depts = DEPT_SD * rng.standard_normal((len(levels), departments))
    shares = rng.dirichlet(np.full(departments, 2.0), len(levels))
    depts -= (shares * depts).sum(axis=1, keepdims=True)  # centred: the agency's level is its staff's mean level
    return depts, shares


def estimates(tool: Tool, points: np.ndarray, sizes: np.ndarray) -> pd.DataFrame:
    """The engine's estimates with logit intervals, one group per agency (no roster: no FPC)."""
    groups = np.repeat(np.arange(len(sizes)), sizes)
    design = Design(points, tool.ids, groups, [str(g) for g in range(len(sizes))], np.full(len(sizes), np.nan))
    return linearized_estimates(design, tool.contrasts, interval="logit")  # type: ignore[arg-type]


# -- the measurements --------------------------------------------------------------------------------

def coverage(fw: ia.Framework, *, sizes: tuple[int, ...], scores: tuple[float, ...], reps: int,
             seed: int = 1) -> pd.DataFrame:
    """Share of 95% intervals covering the truth, per n, true tool score and level (the lowest over each level's ids)."""
    rng = np.random.default_rng(seed)
    iit, eit = Tool.of(fw, "IIT"), Tool.of(fw, "EIT")
    rows = []
    for n in sizes:
        for score in scores:
            hits: dict[str, list[float]] = {}
            tools = {}
            for tool in (iit, eit):
                level = np.full(reps, float(tool.latent_for(np.array([score]))[0]))
                depts, shares = agencies(rng, level)
                truth = tool.truth(level, depts, shares)
                est = estimates(tool, tool.sample(rng, level, depts, shares, np.full(reps, n)), np.full(reps, n))
                est["truth"] = [truth[name][int(g)] for g, name in zip(est["group"], est["name"])]
                est["kind"] = est["name"].map(lambda k, t=tool: t.level[k] if k in t.level else "question")
                est["covers"] = (est["ci_low"] <= est["truth"] + 1e-9) & (est["truth"] - 1e-9 <= est["ci_high"])
                for kind, g in est[est["score"].notna()].groupby("kind"):
                    hits.setdefault(kind, []).append(float(g.groupby("name")["covers"].mean().min()))
                tools[tool.name] = est[est["kind"] == "tool"].sort_values("group", key=lambda s: s.astype(int))
            a, b = tools["IIT"], tools["EIT"]
            oit = 90.0
            overall = 0.3 * a["score"].to_numpy() + 0.3 * b["score"].to_numpy() + 0.4 * oit
            truth = 0.3 * a["truth"].to_numpy() + 0.3 * b["truth"].to_numpy() + 0.4 * oit
            cols = ["score", "ci_low", "ci_high"]
            bounds = np.array([overall_interval(v, [(0.3, *ra), (0.3, *rb)])
                               for v, ra, rb in zip(overall, a[cols].to_numpy(), b[cols].to_numpy())])
            covered = (bounds[:, 0] <= truth + 1e-9) & (truth - 1e-9 <= bounds[:, 1])
            rows.append({"n": n, "true_score": score, **{k: min(v) for k, v in hits.items()},
                         "overall": float(np.mean(covered))})
    return pd.DataFrame(rows)[["n", "true_score", "question", "indicator", "tool", "overall"]]


def _set(est: pd.DataFrame, tool: Tool, year: int) -> ia.ResultSet:
    kinds = est["name"].map(lambda k: tool.level.get(k, "question"))
    ids = [k.split(":")[-1] for k in est["name"]]
    frame = pd.DataFrame({"level": kinds.to_numpy(), "id": ids, "score": est["score"].to_numpy(), "se": est["se"].to_numpy(),
                          "se_nofpc": est["se"].to_numpy(), "grade": None, "note": "", "reliable": True})
    return ia.ResultSet(year, "เขตจำลอง", frame, f"fy{year}", True)


def year_over_year(fw: ia.Framework, *, reps: int, n: int = 400, seed: int = 2) -> pd.DataFrame:
    """Share of rows called real (any ``real_*`` verdict) per level: unchanged, +2 and +4 points at the tool level."""
    rng = np.random.default_rng(seed)
    tool = Tool.of(fw, "IIT")
    rows = []
    for shift in (0.0, 2.0, 4.0):
        before = np.full(reps, float(tool.latent_for(np.array([82.0]))[0]))
        after = np.full(reps, float(tool.latent_for(np.array([82.0 + shift]))[0]))
        depts, shares = agencies(rng, before)  # the same agency both years: its departments stay
        b = estimates(tool, tool.sample(rng, before, depts, shares, np.full(reps, n)), np.full(reps, n))
        a = estimates(tool, tool.sample(rng, after, depts, shares, np.full(reps, n)), np.full(reps, n))
        real: dict[str, list[bool]] = {"question": [], "indicator": [], "tool": []}
        meaningful = []
        for r in range(reps):
            out = ia.compare(_set(b[b["group"] == str(r)], tool, 2566), _set(a[a["group"] == str(r)], tool, 2567)).rows
            for level in real:
                real[level] += out.loc[out["level"] == level, "verdict"].str.startswith("real").tolist()
            meaningful.append(bool((out.loc[out["level"] == "tool", "verdict"] == "real_meaningful").any()))
        rows.append({"true_change": shift, **{k: float(np.mean(v)) for k, v in real.items()},
                     "tool_meaningful": float(np.mean(meaningful))})
    return pd.DataFrame(rows)


def funnel(fw: ia.Framework, *, reps: int, sd: float, agencies_n: int = 50, outliers: int = 4,
           seed: int = 3) -> dict[str, float]:
    """False flags of ordinary agencies at 95% and 99.8%, planted outliers found, rank-interval coverage."""
    rng = np.random.default_rng(seed + int(10 * sd))
    tool = Tool.of(fw, "IIT")
    f95, f998, found, ranks = [], [], [], []
    for _ in range(reps):
        true = 82 + sd * rng.standard_normal(agencies_n)
        true[:outliers] = 82 + np.array([12.0, -12.0, 12.0, -12.0])[:outliers]
        level = tool.latent_for(true)
        depts, shares = agencies(rng, level)
        truth = tool.truth(level, depts, shares)[f"tool:{tool.name}"]
        sizes = rng.integers(30, 400, agencies_n)
        est = estimates(tool, tool.sample(rng, level, depts, shares, sizes), sizes)
        t = est[est["name"] == f"tool:{tool.name}"].copy()
        groups = pd.DataFrame({"value": t["group"], "tool": "IIT", "level": "tool", "n": t["n"], "score": t["score"],
                               "se": t["se"], "ci_low": t["ci_low"], "ci_high": t["ci_high"], "fpc": t["fpc"],
                               "suppressed": False})
        table = ia.funnel_table(SimpleNamespace(groups=groups), "IIT")  # type: ignore[arg-type]  # needs .groups
        ordinary = ~table["value"].astype(int).isin(range(outliers))
        f95.append(float(table.loc[ordinary, "outside_95"].mean()))
        f998.append(float(table.loc[ordinary, "outside_998"].mean()))
        found.append(float(table.loc[~ordinary, "outside_998"].mean()))
        true_rank = pd.Series(truth).rank(ascending=False, method="min")
        r = table["value"].astype(int).map(true_rank)
        ranks.append(float(((table["rank_low"] <= r) & (r <= table["rank_high"])).mean()))
    return {"between_sd": sd, "false_95": float(np.mean(f95)), "false_998": float(np.mean(f998)),
            "outliers_found_998": float(np.mean(found)), "rank_coverage": float(np.mean(ranks))}


def calibration(fw: ia.Framework, *, agencies_n: int, seed: int = 4) -> pd.DataFrame:
    """Predicted P(ผ่านดี or better) against how often the truth is ผ่านดี or better, in deciles of the prediction."""
    rng = np.random.default_rng(seed)
    fw7 = ia.load_framework(2567)
    iit, eit = Tool.of(fw, "IIT"), Tool.of(fw, "EIT")
    true_i, true_e = rng.uniform(80, 91, agencies_n), rng.uniform(80, 91, agencies_n)
    oit = rng.choice([90.0, 93.33, 96.67, 100.0], agencies_n)
    out = {}
    for tool, true in ((iit, true_i), (eit, true_e)):
        level = tool.latent_for(true)
        depts, shares = agencies(rng, level)
        sizes = rng.integers(60, 500, agencies_n)
        est = estimates(tool, tool.sample(rng, level, depts, shares, sizes), sizes)
        t = est[est["name"] == f"tool:{tool.name}"].sort_values("group", key=lambda s: s.astype(int))
        out[tool.name] = (t["score"].to_numpy(), t["se"].to_numpy(), tool.truth(level, depts, shares)[f"tool:{tool.name}"])
    good = [c.name_th for c in fw7.grade_categories][:2]  # ผ่านดีเยี่ยม, ผ่านดี
    predicted, observed = [], []
    for k in range(agencies_n):
        (si, ei, ti), (se_, ee, te) = (out["IIT"][j][k] for j in range(3)), (out["EIT"][j][k] for j in range(3))
        overall = 0.3 * si + 0.3 * se_ + 0.4 * oit[k]
        p = ia.grade_probabilities(overall, float(np.hypot(0.3 * ei, 0.3 * ee)), fw7,
                                   tools={"IIT": (si, ei), "EIT": (se_, ee), "OIT": (oit[k], 0.0)})
        predicted.append(float(p.loc[p["grade"].isin(good), "probability"].sum()))
        observed.append(fw7.grade(0.3 * ti + 0.3 * te + 0.4 * oit[k], tool_scores={"IIT": ti, "EIT": te, "OIT": oit[k]})
                        in good)
    frame = pd.DataFrame({"predicted": predicted, "observed": observed})
    frame["decile"] = np.minimum((frame["predicted"] * 10).astype(int), 9)
    return frame.groupby("decile").agg(agencies=("observed", "size"), predicted=("predicted", "mean"),
                                       observed=("observed", "mean")).reset_index()


# -- the report -------------------------------------------------------------------------------------------

def run(*, quick: bool) -> dict[str, pd.DataFrame]:
    """Every measurement (``quick``: fewer replicates and cells, for the test suite)."""
    fw = ia.load_framework(2566)
    reps = 150 if quick else 1000
    sizes = (10, 30) if quick else (10, 30, 100, 450)
    scores = (80.0, 95.0) if quick else (60.0, 70.0, 80.0, 90.0, 95.0, 98.0, 99.0)
    return {
        "coverage": coverage(fw, sizes=sizes, scores=scores, reps=reps),
        "yoy": year_over_year(fw, reps=60 if quick else 400),
        "funnel": pd.DataFrame([funnel(fw, reps=20 if quick else 200, sd=sd) for sd in ((3.0,) if quick else (1.0, 3.0, 5.0))]),
        "calibration": calibration(fw, agencies_n=800 if quick else 6000),
    }


def _md(frame: pd.DataFrame) -> str:
    cols = list(frame.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in frame.itertuples(index=False):
        lines.append("| " + " | ".join(f"{v:.1%}" if isinstance(v, float) and 0 <= v <= 1 and c not in ("true_change",
                                                                                                          "between_sd")
                                        else (f"{v:g}" if isinstance(v, float) else str(v)) for c, v in zip(cols, r)) + " |")
    return "\n".join(lines)


def misses(results: dict[str, pd.DataFrame]) -> list[str]:
    """Every cell that misses its target, in words (a miss is reported, never hidden)."""
    return _coverage_misses(results["coverage"]) + _other_misses(results)


def _coverage_misses(cov: pd.DataFrame) -> list[str]:
    out = []
    for r in cov.itertuples(index=False):
        if r.true_score > 98:
            continue
        for level, target in (("question", 0.90), ("indicator", 0.93), ("tool", 0.93), ("overall", 0.93)):
            if getattr(r, level) < target:
                out.append(f"coverage, {level}, n = {r.n}, true score {r.true_score:g}: {getattr(r, level):.1%} "
                           f"(target {target:.0%})")
    return out


def _other_misses(results: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    y = results["yoy"].set_index("true_change")
    for level in ("question", "indicator", "tool"):
        if y.loc[0.0, level] > 0.05:
            out.append(f"year over year, {level}: {y.loc[0.0, level]:.1%} called real with no change (target 5%)")
    for r in results["funnel"].itertuples(index=False):
        if abs(r.false_95 - 0.05) > 0.015:
            out.append(f"funnel, between-agency SD {r.between_sd:g}: {r.false_95:.1%} of ordinary agencies outside 95% "
                       "(target 3.5–6.5%)")
        if r.false_998 > 0.005:
            out.append(f"funnel, between-agency SD {r.between_sd:g}: {r.false_998:.2%} outside 99.8% (target ≤ 0.5%)")
        if r.rank_coverage < 0.93:
            out.append(f"ranks, between-agency SD {r.between_sd:g}: coverage {r.rank_coverage:.1%} (target 93%)")
    for r in results["calibration"].itertuples(index=False):
        if r.agencies >= 50 and abs(r.predicted - r.observed) > 0.05:
            out.append(f"category probability, decile {r.decile}: predicted {r.predicted:.1%}, observed {r.observed:.1%} "
                       "(target within 5 points)")
    return out


def summary(results: dict[str, pd.DataFrame]) -> dict[str, float]:
    """The few figures the pack's technical appendix cites (``ita_analytics/output/validity.json``)."""
    cov = results["coverage"]
    usual = cov[cov["true_score"] <= 90]
    f = results["funnel"]
    return {"coverage_tool_min": float(usual["tool"].min()), "coverage_overall_min": float(usual["overall"].min()),
            "yoy_false_real_tool": float(results["yoy"].set_index("true_change").loc[0.0, "tool"]),
            "funnel_false_95": float(f["false_95"].mean()), "rank_coverage": float(f["rank_coverage"].min())}


def write(results: dict[str, pd.DataFrame], folder: Path) -> Path:
    """``docs/validity.md`` and its figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    cov = results["coverage"]
    fig, axes = plt.subplots(1, 4, figsize=(14, 3.6), sharey=True)
    for ax, level in zip(axes, ("question", "indicator", "tool", "overall")):
        for n, g in cov.groupby("n"):
            ax.plot(g["true_score"], 100 * g[level], "-o", label=f"n = {n}")
        ax.axhline(95, color="grey", lw=1)
        ax.axhline(93 if level != "question" else 90, color="red", lw=1, ls="--")
        ax.set_title(level)
        ax.set_xlabel("true score")
    axes[0].set_ylabel("coverage of 95% intervals (%)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / "validity.png", dpi=110)
    plt.close(fig)
    text = "\n\n".join([
        "# Validity study",
        "Made by `python benchmarks/validity/study.py` (the test suite runs a small version and asserts the targets). "
        "Respondents follow a latent-trait model: agencies and their departments differ, each respondent has one level "
        "that every answer shares (correlated answers), questions differ in difficulty; 4-level answers cut a latent "
        "scale at ordinal thresholds. The FY2566 district frame's IIT (25 questions) and EIT (15); no roster (no "
        "finite population correction: the truth is the agency's own expected score).",
        "## Coverage of 95% intervals (the lowest over each level's questions or indicators)\n\n"
        "Targets: ≥ 93% for indicators, tools and the overall at n ≥ 10 with true score ≤ 98; ≥ 90% for questions.\n\n"
        + _md(cov) + "\n\n![coverage](validity.png)",
        "## Year over year (n = 400 each year; share of rows called real)\n\nTarget: ≤ 5% with no true change.\n\n"
        + _md(results["yoy"]),
        "## Funnel (50 agencies, four planted ±12 points) and rank intervals\n\nTargets: false flags of ordinary "
        "agencies within 1.5 points of 5% at 95% and ≤ 0.5% at 99.8%; rank coverage ≥ 93%.\n\n" + _md(results["funnel"]),
        "## Category probabilities (P(ผ่านดี or better) against the truth, by decile of the prediction)\n\n"
        "Target: within 5 points per decile (deciles with at least 50 agencies).\n\n" + _md(results["calibration"]),
        "## Misses\n\n" + ("\n".join(f"- {m}" for m in misses(results)) or "None: every cell meets its target."),
    ])
    path = folder / "validity.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the small version")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    results = run(quick=args.quick)
    print(write(results, args.out))
    if not args.quick:  # the figures the pack's appendix cites come from the full study, never typed by hand
        import json

        target = ROOT / "ita_analytics" / "output" / "validity.json"
        target.write_text(json.dumps(summary(results), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
