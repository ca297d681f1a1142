"""Issue 28's cases one by one: intervals with no zero width outside a census, the design df, the funnel's model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ita_analytics as ia
from ita_analytics.stats._breakdown import between_agency


@pytest.fixture(scope="module")
def unanimous(raw_dir):
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    data = eit.data.copy()
    data["e1"] = pd.Categorical(["4"] * len(data), categories=["1", "2", "3", "4"])  # everyone: "most"
    return data


@pytest.mark.parametrize(("method", "interval"), [("linearization", "logit"), ("linearization", "wald"),
                                                  ("bootstrap", "logit")])
def test_a_unanimous_question_gets_an_exact_bound_not_zero_width(unanimous, fw, method, interval):
    r = ia.score(eit=unanimous, framework=fw, method=method, settings=ia.Settings(interval=interval))
    q = r.questions.set_index("question").loc["e1"]
    n = int(q["n_answered"])
    assert q["score"] == 100 and q["ci_high"] == 100
    assert q["ci_low"] == pytest.approx(100 * 0.025 ** (1 / n), rel=1e-9)  # Clopper–Pearson with n answered


def test_the_degrees_of_freedom_are_the_design_s(raw_dir, fw):
    r = ia.score(eit=ia.read_eit(raw_dir / "eit_2566.csv"), framework=fw)
    q = r.questions
    blanks = q[q["n_answered"] < q["n"]]
    assert len(blanks) and (r.method["df"].startswith("design degrees of freedom"))
    est = ia.score(eit=ia.read_eit(raw_dir / "eit_2566.csv"), framework=fw, by="respondent_group").groups
    shown = est[(est["level"] == "question") & ~est["suppressed"]]
    assert (shown["df"] == shown["n"] - 1).all()  # respondents − 1, also where some left the question blank


def test_the_between_agency_sd_is_not_moved_by_outliers():
    rng = np.random.default_rng(5)
    se = np.full(200, 1.0)
    y = 80 + 3.0 * rng.standard_normal(200) + se * rng.standard_normal(200)
    tau, centre = between_agency(y, se)
    y_out = y.copy()
    y_out[:12] += 15  # 6% outliers
    tau_out, centre_out = between_agency(y_out, se)
    assert tau == pytest.approx(3.0, abs=0.45) and tau_out == pytest.approx(tau, abs=0.4)
    assert centre == pytest.approx(80, abs=0.6) and abs(centre_out - centre) < 0.4
    assert between_agency(80 + rng.standard_normal(100), np.ones(100))[0] < 0.5  # no real differences: τ near 0


def test_the_funnel_json_carries_its_model(raw_dir, fw):
    eit = ia.read_eit(raw_dir / "eit_2566.csv").data.copy()
    eit["agency"] = np.array(["เขตหนึ่ง", "เขตสอง", "เขตสาม", "เขตสี่"])[np.arange(len(eit)) % 4]
    doc = ia.score(eit=eit, framework=fw, by="agency").to_dict()
    row = doc["funnel"][0]
    assert {"centre", "tau", "z", "se_nofpc", "low_95", "high_95", "low_998", "high_998"} <= row.keys()
    z = (row["score"] - row["centre"]) / np.sqrt(row["se_nofpc"] ** 2 + row["tau"] ** 2)
    assert row["z"] == pytest.approx(z, rel=1e-12)  # signed
    assert any(r["z"] < 0 for r in doc["funnel"]) and any(r["z"] > 0 for r in doc["funnel"])
