"""The path to a target: gains against hand arithmetic and against re-scoring, for bands and for categories."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import strict_json
from test_cli import ita

import ita_analytics as ia
from ita_analytics.stats._plan import indicator_weights, plan


@pytest.fixture(scope="module")
def inputs(raw_dir, roster, fw):
    return (ia.read_iit(raw_dir / "iit_2566.csv", framework=fw), ia.read_eit(raw_dir / "eit_2566.csv", framework=fw),
            ia.read_oit_checklist(raw_dir / "oit_2566.csv", framework=fw), roster)


@pytest.fixture(scope="module")
def result(inputs, fw):
    iit, eit, oit, roster = inputs
    return ia.score(iit, eit, oit=oit, roster=roster, framework=fw)


def test_gains_by_hand(result, fw):
    """A missing OIT item: 0.4 × 100 / 30; indicator k of the IIT: 0.3 × q_k / 25; of the EIT: 0.3 × q_k / 15."""
    p = plan(result, fw)
    items = p.actions[p.actions["kind"] == "oit_item"]
    assert list(items["id"]) == ["O3", "O25", "O30"]
    assert items["gain"].tolist() == pytest.approx([0.4 * 100 / 30] * 3, abs=1e-12)
    w = indicator_weights(result, fw)
    assert w["1"] == pytest.approx(0.3 * 7 / 25) and w["4"] == pytest.approx(0.3 * 3 / 25)
    assert w["6"] == pytest.approx(0.3 * 6 / 15) and w["8"] == pytest.approx(0.3 * 5 / 15)
    assert w[[i.id for i in fw.indicators_of("IIT")]].sum() == pytest.approx(0.3)  # a point on every IIT question


def test_after_is_current_plus_the_gains_and_reaches_the_target(result, fw):
    for target in (None, "A", "AA", 92.5):
        p = plan(result, fw, target=target)
        assert p.after == pytest.approx(p.current + p.actions["gain"].sum(), abs=1e-12)
        assert p.actions["cumulative"].iloc[-1] == pytest.approx(p.after, abs=1e-12)
        assert p.reachable and p.after >= p.target - 1e-9
        survey = p.actions[p.actions["kind"] == "indicator"]
        assert (survey["to"] > survey["from"]).all() and (survey["probability"].diff().dropna() >= 0).all()
    aa = plan(result, fw, target="AA")
    assert aa.after == pytest.approx(95.0)  # the last action asks only for what is still needed
    assert list(aa.actions["kind"][:3]) == ["oit_item"] * 3  # certain first


def test_an_oit_gain_equals_re_scoring_with_the_item_published(inputs, result, fw):
    iit, eit, oit, roster = inputs
    data = oit.data.copy()
    data.loc[data["item"] == "O3", "published"] = True
    again = ia.score(iit, eit, oit=data, roster=roster, framework=fw)
    gain = plan(result, fw).actions.set_index("id").loc["O3", "gain"]
    assert again.overall["score"] - result.overall["score"] == pytest.approx(gain, abs=1e-9)


def test_an_indicator_weight_equals_re_scoring_with_better_answers(inputs, result, fw):
    """One answer of i12 (indicator 3, 4-level) raised from level 1 to 2 (+100/3 points for that respondent):
    the overall score moves by (w_3 / q_3) × (100/3) / n_answered, w_3 / q_3 = 0.3 / 25."""
    iit, eit, oit, roster = inputs
    data = iit.data.copy()
    levels = {str(c): c for c in data["i12"].cat.categories}  # the answer levels 1 … 4, as the table stores them
    low = data.index[data["i12"].astype(str) == "1"][0]
    data.loc[low, "i12"] = levels["2"]
    again = ia.score(data, eit, oit=oit, roster=roster, framework=fw)
    answered = result.questions.set_index("question").loc["i12", "n_answered"]
    per_question = indicator_weights(result, fw)["3"] / sum(1 for x in fw.questions if x.indicator == "3")
    assert per_question == pytest.approx(0.3 / 25)
    assert again.overall["score"] - result.overall["score"] == pytest.approx(per_question * (100 / 3) / answered, rel=1e-9)


def test_a_category_raises_every_tool_that_falls_short(inputs):
    iit, eit, oit, roster = inputs
    fw7 = ia.load_framework(2567)
    result = ia.score(iit, eit, oit=oit, roster=roster, framework=fw7)
    assert result.overall["grade"] == "ผ่าน"  # the EIT (79.9) is below 85: not ผ่านดี
    p = plan(result, fw7, target="ผ่านดี")
    assert p.tool_minimum == 85 and p.reachable
    tools = result.tools.set_index("tool")["score"].to_dict()
    for tool in ("IIT", "EIT"):
        gains = p.actions.loc[(p.actions["kind"] == "indicator") & (p.actions["tool"] == tool), "gain"].sum()
        assert tools[tool] + gains / 0.3 >= 85 - 1e-9, tool
    assert fw7.grade(p.after, tool_scores={"IIT": 85.0, "EIT": 85.0, "OIT": 100.0}) == "ผ่านดี"


def test_a_target_that_is_no_grade_is_refused(result, fw):
    with pytest.raises(ValueError, match="neither a score nor a grade"):
        plan(result, fw, target="Z")
    with pytest.raises(ValueError, match="0, 100"):
        plan(result, fw, target=120)


def test_ita_plan_json(raw_dir):
    p = ita("plan", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--oit", str(raw_dir / "oit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"), "--target", "AA",
            "--json")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert {"current", "target", "reachable", "after", "actions"} <= set(doc)
    assert doc["after"] == pytest.approx(doc["current"] + sum(a["gain"] for a in doc["actions"]))
    assert {a["kind"] for a in doc["actions"]} == {"oit_item", "indicator"}
    bad = ita("plan", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
              "--oit", str(raw_dir / "oit_2566.csv"), "--target", "Z")
    assert bad.returncode == 2 and "--target" in bad.stderr and "Traceback" not in bad.stderr


def test_what_if_agrees_with_the_plan_arithmetic(result, fw):
    w = indicator_weights(result, fw)
    now = result.indicators.set_index("indicator").loc["8", "score"]
    out = ia.what_if(result, fw, indicators={"8": 85.0}, publish=["O3"])
    assert out["change"] == pytest.approx(w["8"] * (85 - now) + 0.4 * 100 / 30, abs=1e-12)
    assert out["score"] == pytest.approx(result.overall["score"] + out["change"], abs=1e-12)
    assert 0.99 < out["probability_pass"] <= 1 and out["grade"] == "A"
    assert ia.what_if(result, fw)["change"] == 0
    with pytest.raises(ValueError, match="indicators: 9"):
        ia.what_if(result, fw, indicators={"9": 100})  # an OIT indicator moves with its items
    with pytest.raises(ValueError, match="publish: O1"):
        ia.what_if(result, fw, publish=["O1"])  # O1 is published already


def test_a_category_plan_says_the_joint_chance_of_every_tool_floor(raw_dir, roster):
    """ผ่านดี needs the overall and each tool at 85: tools raised just to 85 reach it about a quarter of the time."""
    from ita_analytics.stats._plan import reach_probability

    fw7 = ia.load_framework(2567)  # the FY2566 answers (IIT 84.44, EIT 79.90) graded in FY2567's categories
    with pytest.warns(ia.YearWarning):
        result = ia.score(ia.read_iit(raw_dir / "iit_2566.csv", framework=fw7, roster=roster),
                          ia.read_eit(raw_dir / "eit_2566.csv", framework=fw7),
                          ia.read_oit_checklist(raw_dir / "oit_2566.csv", framework=fw7), roster, framework=fw7)
    tools = result.tools.set_index("tool")
    assert tools.loc["IIT", "score"] < 85 and tools.loc["EIT", "score"] < 85
    path = ia.plan(result, fw7, target="ผ่านดี")
    last = path.actions.iloc[-1]
    assert path.reachable and 0.15 < last["probability"] < 0.35  # not 1.00: each tool ends at its floor
    # the joint chance against a Monte Carlo of a million draws
    rng = np.random.default_rng(28)
    state = {"IIT": (85.2, 0.4), "EIT": (85.6, 1.1), "OIT": (96.7, 0.0)}
    w = {"IIT": 0.3, "EIT": 0.3, "OIT": 0.4}
    i = rng.normal(85.2, 0.4, 1_000_000)
    e = rng.normal(85.6, 1.1, 1_000_000)
    hit = (i >= 85) & (e >= 85) & (0.3 * i + 0.3 * e + 0.4 * 96.7 >= 85)
    assert reach_probability(state, w, minimum_overall=85, minimum_each_tool=85) == pytest.approx(hit.mean(), abs=0.002)
    plain = reach_probability(state, w, minimum_overall=90)
    overall = 0.3 * i + 0.3 * e + 0.4 * 96.7
    assert plain == pytest.approx((overall >= 90).mean(), abs=0.002)
