"""The validity study's small version: the defaults on correlated respondents, agencies that differ (slow).

``benchmarks/validity/study.py`` runs the full study and writes ``docs/validity.md``; this runs fewer
replicates and cells and asserts the targets with room for the smaller run's noise (about ±2.5
points on a coverage of 150 replicates, the lowest of 25 questions).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "validity"))
import study  # noqa: E402  # the study lives with the benchmarks, not in the package

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results():
    return study.run(quick=True)


def test_intervals_cover_on_correlated_respondents(results):
    cov = results["coverage"]
    assert (cov["overall"] >= 0.93).all(), cov  # MOVER from the tools' intervals (the normal ± z·SE gave 80–92%)
    assert (cov["tool"] >= 0.88).all() and (cov["indicator"] >= 0.88).all(), cov
    assert (cov["question"] >= 0.87).all(), cov


def test_no_change_is_rarely_called_real_and_a_change_of_four_usually_is(results):
    yoy = results["yoy"].set_index("true_change")
    assert (yoy.loc[0.0, ["question", "indicator", "tool"]] <= 0.05).all()
    assert yoy.loc[0.0, "tool_meaningful"] == 0 and yoy.loc[4.0, "tool"] >= 0.8


def test_funnel_false_flags_near_nominal_and_rank_intervals_cover(results):
    f = results["funnel"].iloc[0]
    assert 0.02 <= f["false_95"] <= 0.08 and f["false_998"] <= 0.012, f
    assert f["rank_coverage"] >= 0.93, f


def test_category_probabilities_are_calibrated(results):
    cal = results["calibration"]
    big = cal[cal["agencies"] >= 50]
    assert len(big) >= 2 and ((big["predicted"] - big["observed"]).abs() <= 0.05).all(), cal


def test_the_truth_is_the_model_s_expected_score():
    """The closed-form truth agrees with a large sample drawn from the same agency."""
    import numpy as np

    import ita_analytics as ia

    tool = study.Tool.of(ia.load_framework(2566), "EIT")
    rng = np.random.default_rng(9)
    level = tool.latent_for(np.array([88.0]))
    depts, shares = study.agencies(rng, level)
    points = tool.sample(rng, level, depts, shares, np.array([400_000]))
    truth = tool.truth(level, depts, shares)
    assert np.nanmean(points, axis=0) == pytest.approx([truth[q][0] for q in tool.ids], abs=0.25)
    assert truth["tool:EIT"][0] == pytest.approx(88.0, abs=0.6)
