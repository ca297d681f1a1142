"""The variance engine: hand-computed cases, a second implementation, R, and coverage by simulation."""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from reference_variance import contrast_se
from scipy import stats

from ita_analytics.stats._inference import (
    Design,
    bootstrap_estimates,
    linearized_estimates,
    ratio_estimates,
    stratified_estimates,
)

B = np.nan
HAND = np.array([[100.0, 100.0], [200 / 3, B], [0.0, 100 / 3], [B, 100.0]])  # 4 respondents, 2 questions


def test_hand_computed_ratio_means_and_se_with_blanks():
    d = Design(HAND, ["q1", "q2"], np.zeros(4, dtype=np.int64), ["all"], np.array([10.0]))
    out = linearized_estimates(d, {"q1": {"q1": 1}, "q2": {"q2": 1}, "ind": {"q1": 0.5, "q2": 0.5}}).set_index("name")
    # q1: answered by 3; R = (100 + 66.67 + 0) / 3 = 500/9; z = (y − R)/(3/4) = 1600/27, 400/27, −2000/27, 0
    assert out.loc["q1", "score"] == pytest.approx(500 / 9, abs=1e-12)
    se_q1 = math.sqrt((1 - 4 / 10) * ((1600**2 + 400**2 + 2000**2) / 27**2 / 3) / 4)
    assert out.loc["q1", "se"] == pytest.approx(se_q1, abs=1e-12)
    assert out.loc["q2", "score"] == pytest.approx(700 / 9, abs=1e-12)
    # indicator = mean of q1 and q2: z = (1200, 200, −1800, 400)/27, never the questions as independent
    se_ind = math.sqrt((1 - 4 / 10) * ((1200**2 + 200**2 + 1800**2 + 400**2) / 27**2 / 3) / 4)
    assert out.loc["ind", "score"] == pytest.approx(600 / 9, abs=1e-12)
    assert out.loc["ind", "se"] == pytest.approx(se_ind, abs=1e-12)
    t = stats.t.ppf(0.975, 3)
    assert out.loc["ind", "ci_low"] == pytest.approx(600 / 9 - t * se_ind, abs=1e-12)
    assert out.loc["ind", "ci_high"] == pytest.approx(600 / 9 + t * se_ind, abs=1e-12)
    assert (out["n"] == 4).all() and (out["df"] == 3).all()
    assert out.loc["q1", "fpc"] == pytest.approx(0.6)


def test_no_blanks_is_the_textbook_formula():
    rng = np.random.default_rng(1)
    y = rng.choice([0, 100 / 3, 200 / 3, 100], size=(50, 1))
    d = Design(y, ["q"], np.zeros(50, dtype=np.int64), ["all"], np.array([80.0]))
    out = linearized_estimates(d, {"q": {"q": 1}})
    assert out["se"][0] == pytest.approx(math.sqrt((1 - 50 / 80) * y.var(ddof=1) / 50), rel=1e-12)
    no_fpc = Design(y, ["q"], np.zeros(50, dtype=np.int64), ["all"], np.array([np.nan]))
    assert linearized_estimates(no_fpc, {"q": {"q": 1}})["se"][0] == pytest.approx(math.sqrt(y.var(ddof=1) / 50))


def _random_points(rng: np.random.Generator, n: int, Q: int, blank: float = 0.08) -> np.ndarray:
    latent = rng.normal(0, 1, (n, 1)) + rng.normal(0, 0.8, (n, Q))
    pts = np.digitize(latent, [-1.2, -0.2, 0.8]) * 100 / 3
    pts[rng.random((n, Q)) < blank] = np.nan
    return pts


@pytest.mark.parametrize("N", [None, 400.0])
def test_agrees_with_a_second_implementation(N):
    rng = np.random.default_rng(7)
    pts = _random_points(rng, 150, 6)
    qs = [f"q{k}" for k in range(6)]
    w = np.array([0.2, 0.2, 0.2, 0.2, 0.1, 0.1])
    d = Design(pts, qs, np.zeros(150, dtype=np.int64), ["all"], np.array([N if N else np.nan]))
    ours = linearized_estimates(d, {"c": dict(zip(qs, w)), "q3": {"q3": 1.0}}).set_index("name")
    for name, weights in (("c", w), ("q3", np.eye(6)[3])):
        est, se = contrast_se(pts, weights, N)
        assert ours.loc[name, "score"] == pytest.approx(est, rel=1e-12)
        assert ours.loc[name, "se"] == pytest.approx(se, rel=1e-9)


def test_groups_equal_each_group_alone():
    rng = np.random.default_rng(3)
    pts = _random_points(rng, 300, 5)
    group = rng.integers(0, 3, 300)
    qs = [f"q{k}" for k in range(5)]
    con = {"t": {q: 0.2 for q in qs}, "q0": {"q0": 1}}
    together = linearized_estimates(Design(pts, qs, group, ["a", "b", "c"], np.array([200.0, 150.0, 400.0])), con)
    for code, name, N in ((0, "a", 200.0), (1, "b", 150.0), (2, "c", 400.0)):
        alone = linearized_estimates(Design(pts[group == code], qs, np.zeros((group == code).sum(), dtype=np.int64),
                                            ["all"], np.array([N])), con)
        mine = together[together.group == name].reset_index(drop=True)
        np.testing.assert_allclose(mine[["score", "se", "ci_low", "ci_high"]], alone[["score", "se", "ci_low", "ci_high"]],
                                   rtol=1e-10)


def test_ratio_estimates_are_the_linearized_scores_to_the_last_bit():
    rng = np.random.default_rng(8)
    pts = _random_points(rng, 70_000, 4)  # more than one row block
    group = rng.integers(0, 5, len(pts))
    qs = [f"q{k}" for k in range(4)]
    con = {"t": {q: 0.25 for q in qs}, "i": {"q0": 0.5, "q1": 0.5}, "q3": {"q3": 1}}
    design = Design(pts, qs, group, list("abcde"), np.full(5, np.nan))
    points_only = ratio_estimates(design, con)
    full = linearized_estimates(design, con)
    assert points_only.columns.tolist() == ["group", "name", "score", "n"]
    assert points_only["score"].tolist() == full["score"].tolist()  # exactly, not approximately
    assert points_only[["group", "name", "n"]].equals(full[["group", "name", "n"]])
    by_hand = np.nanmean(pts[group == 2, 3])  # a question's score: the mean of those who answered
    assert points_only.set_index(["group", "name"]).loc[("c", "q3"), "score"] == pytest.approx(by_hand, rel=1e-12)


def test_whole_stratum_answered_has_se_zero():
    pts = np.array([[100.0], [0.0], [100 / 3]])
    d = Design(pts, ["q"], np.zeros(3, dtype=np.int64), ["all"], np.array([3.0]))
    assert linearized_estimates(d, {"q": {"q": 1}})["se"][0] == 0.0


def _coverage(rng: np.random.Generator, *, N: int, n: int, fpc: bool, reps: int = 2000) -> dict[str, float]:
    """Share of 95% intervals covering the population value, for a question, an indicator and a tool."""
    Q = 8
    pop = _random_points(rng, N, Q, blank=0.06)
    qs = [f"q{k}" for k in range(Q)]
    con = {"question": {"q0": 1.0}, "indicator": {q: 1 / 3 for q in qs[:3]}, "tool": {q: 1 / Q for q in qs}}
    truth_ratio = np.nanmean(pop, axis=0)
    truth = {k: sum(w * truth_ratio[qs.index(q)] for q, w in v.items()) for k, v in con.items()}
    if N <= 20 * n:  # without replacement, every replicate
        index = np.argsort(rng.random((reps, N)), axis=1)[:, :n]
    else:  # from a huge population, with or without replacement is the same design
        index = rng.integers(0, N, (reps, n))
    sample = pop[index.ravel()]
    group = np.repeat(np.arange(reps), n)
    d = Design(sample, qs, group, [str(r) for r in range(reps)], np.full(reps, float(N) if fpc else np.nan))
    out = linearized_estimates(d, con)
    out["truth"] = out["name"].map(truth)
    out["covers"] = (out["ci_low"] <= out["truth"]) & (out["truth"] <= out["ci_high"])
    return out.groupby("name")["covers"].mean().to_dict()


@pytest.mark.slow
def test_95_percent_intervals_cover_95_percent_with_fpc():
    cover = _coverage(np.random.default_rng(20230515), N=1500, n=600, fpc=True)
    for name, share in cover.items():
        assert 0.93 <= share <= 0.97, (name, share)


@pytest.mark.slow
def test_95_percent_intervals_cover_95_percent_without_fpc():
    cover = _coverage(np.random.default_rng(20230516), N=200_000, n=250, fpc=False)
    for name, share in cover.items():
        assert 0.93 <= share <= 0.97, (name, share)


@pytest.mark.slow
def test_ignoring_the_fpc_over_covers():
    """The check above can fail: leave out the correction when 40% of staff answer, and coverage is far too high."""
    cover = _coverage(np.random.default_rng(20230517), N=1500, n=600, fpc=False, reps=1000)
    assert min(cover.values()) > 0.975


def test_stratified_with_one_stratum_is_the_simple_estimate():
    rng = np.random.default_rng(5)
    pts = _random_points(rng, 80, 4)
    qs = [f"q{k}" for k in range(4)]
    d = Design(pts, qs, np.zeros(80, dtype=np.int64), ["x"], np.array([120.0]))
    con = {"t": {q: 0.25 for q in qs}}
    a, b = stratified_estimates(d, con), linearized_estimates(d, con)
    assert a["score"][0] == pytest.approx(b["score"][0]) and a["se"][0] == pytest.approx(b["se"][0], rel=1e-12)


def test_bootstrap_agrees_with_linearization():
    rng = np.random.default_rng(11)
    pts = _random_points(rng, 400, 6)
    qs = [f"q{k}" for k in range(6)]
    d = Design(pts, qs, np.zeros(400, dtype=np.int64), ["all"], np.array([1000.0]))
    con = {"t": {q: 1 / 6 for q in qs}, "q1": {"q1": 1}}
    boot, lin = bootstrap_estimates(d, con, seed=1), linearized_estimates(d, con)
    np.testing.assert_allclose(boot["score"], lin["score"])
    np.testing.assert_allclose(boot["se"], lin["se"], rtol=0.08)
    again = bootstrap_estimates(d, con, seed=1)
    pd.testing.assert_frame_equal(boot, again)  # seeded: the same every run


R_SCRIPT = textwrap.dedent("""
    suppressMessages(library(survey))
    d <- read.csv("{data}", check.names = FALSE)
    qs <- setdiff(names(d), c("department", "Nh", "N"))
    d$one <- 1  # the official score: every respondent weighs 1, the strata only shape the variance
    for (q in qs) {{ d[[paste0("a_", q)]] <- as.numeric(!is.na(d[[q]])); d[[q]][is.na(d[[q]])] <- 0 }}
    ratios <- function(des) {{
      tot <- svytotal(make.formula(c(qs, paste0("a_", qs))), des)
      svycontrast(tot, setNames(lapply(qs, function(q) substitute(a / b, list(a = as.name(q),
                  b = as.name(paste0("a_", q))))), qs))
    }}
    out <- function(tag, est) {{
      write.table(data.frame(tag = tag, name = names(coef(est)), score = coef(est), se = SE(est)),
                  stdout(), sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
    }}
    for (tag in c("srs", "strat")) {{
      des <- if (tag == "srs") svydesign(ids = ~1, fpc = ~N, data = d) else
             svydesign(ids = ~1, strata = ~department, fpc = ~Nh, weights = ~one, data = d)
      r <- ratios(des)
      out(tag, r)
      out(tag, svycontrast(r, list(ind = setNames(rep(1 / 3, 3), qs[1:3]), tool = setNames(rep(1 / length(qs), length(qs)), qs))))
    }}
""")


#: R's numbers for :func:`_r_case`, frozen (made by R_SCRIPT; ``ITA_FREEZE_R=1`` with R present writes them again).
R_FROZEN = Path(__file__).parent / "fixtures" / "r" / "survey_ratios.csv"


def _r_case():
    """The data R and we both estimate: 240 respondents, 7 questions, 4 strata of known size."""
    rng = np.random.default_rng(99)
    n, Q = 240, 7
    pts = _random_points(rng, n, Q, blank=0.1)
    qs = [f"q{k}" for k in range(Q)]
    dept = rng.choice(["a", "b", "c", "d"], n)
    Nh = {"a": 120, "b": 150, "c": 200, "d": 100}
    counts = pd.Series(dept).value_counts()
    assert all(counts[k] <= Nh[k] for k in Nh)
    frame = pd.DataFrame(pts, columns=qs)
    frame["department"] = dept
    frame["Nh"] = frame["department"].map(Nh)
    frame["N"] = sum(Nh.values())
    return frame, qs, Nh


def _r_numbers(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), names=["tag", "name", "score", "se"], comment="#").set_index(["tag", "name"])


def test_agrees_with_r_survey_package():
    """Ours against R's ``survey`` (svydesign + svytotal + svycontrast), frozen: runs without R."""
    frame, qs, Nh = _r_case()
    r = _r_numbers(R_FROZEN.read_text(encoding="utf-8"))
    Q = len(qs)
    con = {q: {q: 1.0} for q in qs} | {"ind": {q: 1 / 3 for q in qs[:3]}, "tool": {q: 1 / Q for q in qs}}
    srs = linearized_estimates(Design.from_frame(frame, qs, population=float(sum(Nh.values()))), con).set_index("name")
    strat = stratified_estimates(Design.from_frame(frame, qs, by="department", population=Nh), con).set_index("name")
    for tag, ours in (("srs", srs), ("strat", strat)):
        for name in con:
            assert ours.loc[name, "score"] == pytest.approx(r.loc[(tag, name), "score"], rel=1e-9), (tag, name)
            assert ours.loc[name, "se"] == pytest.approx(r.loc[(tag, name), "se"], rel=1e-7), (tag, name)
    assert len(r) == 2 * len(con)


@pytest.mark.skipif(not shutil.which("Rscript"), reason="R is not installed (.ci/run installs r-cran-survey)")
def test_r_survey_package_still_gives_the_frozen_numbers(tmp_path):
    """R run again where it is installed (CI): its numbers are the frozen ones."""
    if subprocess.run(["Rscript", "-e", "library(survey)"], capture_output=True).returncode != 0:
        pytest.skip("R's survey package is not installed")
    frame, _, _ = _r_case()
    frame.to_csv(tmp_path / "d.csv", index=False)
    (tmp_path / "s.R").write_text(R_SCRIPT.format(data=tmp_path / "d.csv"))
    run = subprocess.run(["Rscript", str(tmp_path / "s.R")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    if os.environ.get("ITA_FREEZE_R"):
        R_FROZEN.parent.mkdir(parents=True, exist_ok=True)
        R_FROZEN.write_text("# R's survey package on tests/test_inference.py::_r_case, made by R_SCRIPT there\n"
                            + run.stdout, encoding="utf-8")
    fresh, frozen = _r_numbers(run.stdout), _r_numbers(R_FROZEN.read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(fresh, frozen, rtol=1e-9)
