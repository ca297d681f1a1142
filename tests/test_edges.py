"""Estimates that hold at the edges: bounded intervals, unanswered questions, stratified and bootstrap
honesty, suppression that cannot be undone by subtraction, joint category probabilities, one count."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import strict_json
from coverage_sim import table as coverage_table
from scipy import stats

import ita_analytics as ia


def _codes(fw: ia.Framework, tool: str, n: int, rng: np.random.Generator, *, high: float = 0.8) -> pd.DataFrame:
    """n responses of answer codes, mostly at the top of each scale."""
    data = {}
    for q in fw.questions_of(tool):
        if q.scale == "4L":
            data[q.id] = rng.choice(np.array(["1", "2", "3", "4"], dtype=object), n, p=[0.02, 0.08, 1 - 0.1 - high, high])
        else:
            data[q.id] = rng.choice(np.array(["yes", "no"], dtype=object), n, p=[high, 1 - high])
    return pd.DataFrame(data)


def _iit(fw: ia.Framework, sizes: dict[str, int], seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for dept, n in sizes.items():
        part = _codes(fw, "IIT", n, rng)
        part.insert(0, "department", dept)
        part.insert(1, "staff_type", "ข้าราชการ")
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame.insert(0, "response_id", [f"R{k}" for k in range(len(frame))])
    return frame


_strict = strict_json


# -- intervals -----------------------------------------------------------------------------------------

def test_intervals_stay_inside_0_100_and_have_zero_width_only_for_a_census(raw_dir, roster, fw):
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    for rule in ("logit", "wald"):
        r = ia.score(iit, eit, roster=roster, framework=fw, by="department", settings=ia.Settings(interval=rule))
        g = r.groups.dropna(subset=["score"])
        assert ((g["ci_low"] >= 0) & (g["ci_high"] <= 100) & (g["ci_low"] <= g["score"])
                & (g["score"] <= g["ci_high"])).all(), rule
        if rule == "logit":
            zero = g[g["ci_low"] == g["ci_high"]]
            assert len(zero) and (zero["fpc"] == 0).all()  # whole eligible staff answered, nothing else
        assert r.method["interval"].startswith(rule)


def test_nine_of_ten_yes_is_a_logit_interval_and_all_yes_an_exact_bound(fw):
    """A yes/no question 9 of 10 answered yes: [72.5, 107.5] before; now the logit interval of R's svyciprop."""
    frame = _codes(fw, "EIT", 10, np.random.default_rng(3))
    q = next(q for q in fw.questions_of("EIT") if q.scale == "YN" and not q.reverse)
    frame[q.id] = ["yes"] * 9 + ["no"]
    row = ia.score(eit=frame, framework=fw).questions.set_index("question").loc[q.id]
    assert row["score"] == pytest.approx(90.0) and row["se"] == pytest.approx(10.0, rel=1e-12)  # √(p(1 − p)/(n − 1))
    t, p = stats.t.ppf(0.975, 9), 0.9
    half = t * (row["se"] / 100) / (p * (1 - p))
    logit = np.log(p / (1 - p))
    assert row["ci_low"] == pytest.approx(100 / (1 + np.exp(-(logit - half))), rel=1e-12)
    assert row["ci_high"] == pytest.approx(100 / (1 + np.exp(-(logit + half))), rel=1e-12)
    # R 4.1, survey: confint(svyciprop(~y, svydesign(ids = ~1, data = d), method = "logit")) → 0.4215818 0.9910821
    assert row["ci_low"] == pytest.approx(42.15818, abs=1e-5) and row["ci_high"] == pytest.approx(99.10821, abs=1e-5)
    frame[q.id] = ["yes"] * 10  # everyone alike: SE 0, but not a census: an exact bound, never [100, 100]
    row = ia.score(eit=frame, framework=fw).questions.set_index("question").loc[q.id]
    assert row["se"] == 0 and row["ci_high"] == 100 and row["ci_low"] == pytest.approx(100 * 0.025 ** (1 / 10))


#: R's logit intervals for :func:`_ciprop_case`, frozen (``ITA_FREEZE_R=1`` with R present writes them again).
CIPROP_FROZEN = Path(__file__).parent / "fixtures" / "r" / "svyciprop_logit.txt"


def _ciprop_script(raw_dir, roster, fw, tmp_path):
    """The R script of the sample's IIT (with the roster's N) and three small groups of 6, 8 and 12."""
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    points = ia.answer_points(iit, "IIT", framework=fw)
    small = _iit(fw, {"a": 6, "b": 8, "c": 12}, seed=9)
    sets = {"sample": (points, float(roster.data["eligible"].sum())),
            **{d: (ia.answer_points(small[small.department == d].reset_index(drop=True), "IIT", framework=fw), None)
               for d in "abc"}}
    qs = [q.id for q in fw.questions_of("IIT")][:12]
    script = ["suppressMessages(library(survey))"]
    for tag, (pts, N) in sets.items():
        pts.to_csv(tmp_path / f"{tag}.csv", index=False)
        fpc = f", fpc = rep({N}, nrow(d))" if N else ""
        script.append(f'd <- read.csv("{tmp_path / tag}.csv"); n <- nrow(d); des <- svydesign(ids = ~1, data = d{fpc})')
        for q in qs:
            script.append(f'if (length(unique(na.omit(d${q}))) > 1) {{ ci <- confint(svyciprop(~I({q}/100), des, '
                          f'method = "logit", df = n - 1)); cat("{tag}", "{q}", sprintf("%.10f", ci[1] * 100), '
                          f'sprintf("%.10f", ci[2] * 100), "\\n") }}')
    (tmp_path / "ci.R").write_text("\n".join(script))
    return iit, small


def test_logit_intervals_agree_with_r_svyciprop(raw_dir, roster, fw, tmp_path):
    """R's ``svyciprop(method = "logit")`` on points/100, df = n − 1, frozen: runs without R."""
    iit, small = _ciprop_script(raw_dir, roster, fw, tmp_path)
    lines = [line.split() for line in CIPROP_FROZEN.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) > 30
    ours = {"sample": ia.score(iit, roster=roster, framework=fw).questions.set_index("question")}
    for d in "abc":
        ours[d] = ia.score(small[small.department == d], framework=fw).questions.set_index("question")
    for tag, q, low, high in lines:
        row = ours[tag].loc[q]
        assert row["ci_low"] == pytest.approx(float(low), abs=1e-6), (tag, q)
        assert row["ci_high"] == pytest.approx(float(high), abs=1e-6), (tag, q)


@pytest.mark.skipif(not shutil.which("Rscript"), reason="R is not installed (.ci/run installs r-cran-survey)")
def test_r_svyciprop_still_gives_the_frozen_intervals(raw_dir, roster, fw, tmp_path):
    """R run again where it is installed (CI): its intervals are the frozen ones."""
    if subprocess.run(["Rscript", "-e", "library(survey)"], capture_output=True).returncode != 0:
        pytest.skip("R's survey package is not installed")
    _ciprop_script(raw_dir, roster, fw, tmp_path)
    run = subprocess.run(["Rscript", str(tmp_path / "ci.R")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    if os.environ.get("ITA_FREEZE_R"):
        CIPROP_FROZEN.write_text("# R's svyciprop(method = 'logit') on tests/test_edges.py::_ciprop_script\n"
                                 + run.stdout, encoding="utf-8")
    fresh = [line.split() for line in run.stdout.strip().splitlines()]
    frozen = [line.split() for line in CIPROP_FROZEN.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [f[:2] for f in fresh] == [f[:2] for f in frozen]
    assert np.allclose([[float(v) for v in f[2:]] for f in fresh], [[float(v) for v in f[2:]] for f in frozen],
                       rtol=0, atol=1e-9)


@pytest.mark.slow
def test_coverage_of_small_groups():
    """n = 5, 10, 20, 30, true levels 80–97, with and without the FPC, 2,000 replicates each."""
    t = coverage_table(reps=2000)
    ten = t[t["n"] >= 10]
    assert (ten[["indicator", "tool"]] >= 0.90).all().all(), ten
    assert (ten[["question (4-level)", "question (yes/no)"]] >= 0.90).all().all(), ten
    assert (t.loc[t["n"] >= 30, ["indicator", "tool"]] >= 0.93).all().all()


# -- unanswered questions ------------------------------------------------------------------------------

def test_a_question_nobody_answered_has_no_score_and_the_rest_stand(fw, tmp_path):
    eit = _codes(fw, "EIT", 40, np.random.default_rng(4))
    eit["respondent_group"] = "บุคคล"
    eit["e2"] = None
    r = ia.score(eit=eit, framework=fw)
    q = r.questions.set_index("question")
    assert np.isnan(q.loc["e2", "score"]) and q.loc["e2", "n_answered"] == 0 and np.isnan(q.loc["e2", "ci_low"])
    ind_id = fw.question("e2").indicator
    others = [x.id for x in fw.questions_of("EIT") if x.indicator == ind_id and x.id != "e2"]
    ind = r.indicators.set_index("indicator").loc[ind_id]
    assert ind["score"] == pytest.approx(q.loc[others, "score"].mean(), rel=1e-12) and ind["left_out"] == "e2"
    tool = r.tools.set_index("tool").loc["EIT"]
    assert tool["score"] == pytest.approx(q["score"].dropna().mean(), rel=1e-12) and np.isfinite(tool["se"])
    assert any("nobody answered e2" in n for n in r.method["notes"])
    assert "NaN" not in json.dumps(ia.score(eit=eit, framework=fw).to_dict(), default=str)
    by_indicator = ia.score(eit=eit, framework=fw.with_scoring(tool_aggregation="indicators"))
    inds = by_indicator.indicators.set_index("indicator")
    assert by_indicator.tools.set_index("tool").loc["EIT", "score"] == pytest.approx(
        inds.loc[[i.id for i in fw.indicators_of("EIT")], "score"].mean(), rel=1e-12)


def test_a_department_that_skipped_a_question_keeps_its_tool_score(fw):
    iit = _iit(fw, {"ฝ่ายก": 12, "ฝ่ายข": 15})
    iit.loc[iit.department == "ฝ่ายก", "i5"] = None
    g = ia.score(iit, framework=fw, by="department").groups.set_index(["value", "level", "id"])
    assert np.isnan(g.loc[("ฝ่ายก", "question", "i5"), "score"])
    tool = g.loc[("ฝ่ายก", "tool", "IIT")]
    assert np.isfinite(tool["score"]) and not tool["suppressed"] and tool["left_out"] == "i5"


# -- stratified, bootstrap -------------------------------------------------------------------------------

def test_stratified_keeps_the_official_score_and_names_what_the_strata_cannot_give(fw):
    iit = _iit(fw, {"ฝ่ายก": 12, "ฝ่ายข": 15, "ฝ่ายค": 1, "ฝ่ายง": 9})
    roster = pd.DataFrame({"department": ["ฝ่ายก", "ฝ่ายข", "ฝ่ายค", "ฝ่ายง", "ฝ่ายจ"],
                           "staff_type": "ข้าราชการ", "eligible": [20, 30, 3, 8, 6]})
    plain = ia.score(iit, roster=roster, framework=fw)
    strat = ia.score(iit, roster=roster, framework=fw, method="stratified")
    assert np.array_equal(strat.questions["score"], plain.questions["score"])  # the official score, unweighted
    assert strat.tools["score"].tolist() == plain.tools["score"].tolist()
    notes = " ".join(strat.method["notes"])
    assert "ฝ่ายง (9 > 8)" in notes and "census" in notes  # more respondents than the roster: a census, said
    assert "one respondent in ฝ่ายค" in notes and "no respondent in ฝ่ายจ" in notes
    assert strat.tools.set_index("tool").loc["IIT", "se"] != plain.tools.set_index("tool").loc["IIT", "se"]


def test_bootstrap_se_carries_the_small_sample_correction(fw):
    eit = _codes(fw, "EIT", 10, np.random.default_rng(6), high=0.6)
    lin = ia.score(eit=eit, framework=fw).tools.set_index("tool").loc["EIT", "se"]
    settings = ia.Settings(seed=7)
    boot = ia.score(eit=eit, framework=fw, method="bootstrap", settings=settings)
    se = boot.tools.set_index("tool").loc["EIT", "se"]
    assert se == pytest.approx(lin, rel=0.06)  # without n/(n − 1) it runs ~5% low at n = 10
    assert "n/(n − 1)" in boot.method["bootstrap"]["interval"]


# -- suppression that holds -------------------------------------------------------------------------------

def _published(result: ia.ScoreResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What one run publishes (its JSON document): whole-sample questions, and the groups' rows."""
    doc = _strict(json.dumps(result.to_dict(), allow_nan=False))
    whole = pd.DataFrame(doc["questions"]).set_index("question")
    rows = [{"value": g["value"], "n": g["n"]["IIT"], **q} for g in doc["groups"] for q in g["questions"]]
    return whole, pd.DataFrame(rows)


@pytest.mark.parametrize("small", [(1, 1), (1, 2), (1, 1, 3)])
@pytest.mark.parametrize("method", ["linearization", "stratified"])
def test_an_attacker_cannot_recover_a_hidden_group_by_differencing(fw, small, method):
    sizes = {"ฝ่ายใหญ่ก": 25, "ฝ่ายใหญ่ข": 17, "ฝ่ายกลาง": 8} | {f"ฝ่ายเล็ก{k}": n for k, n in enumerate(small)}
    iit = _iit(fw, sizes, seed=len(small) + 10)
    blanks = np.random.default_rng(2).random((len(iit), 25)) < 0.15
    qids = [q.id for q in fw.questions_of("IIT")]
    iit[qids] = iit[qids].mask(blanks)
    roster = pd.DataFrame({"department": list(sizes), "staff_type": "ข้าราชการ", "eligible": [n + 5 for n in sizes.values()]})
    r = ia.score(iit, roster=roster, framework=fw, by="department", method=method)
    whole, rows = _published(r)
    for q in qids:
        cells = rows[rows["question"] == q]
        shown = cells[~cells["suppressed"]]
        hidden_count = whole.loc[q, "n_answered"] - shown["n_answered"].sum()
        hidden_sum = whole.loc[q, "score"] * whole.loc[q, "n_answered"] - (shown["score"] * shown["n_answered"]).sum()
        # what differencing gives: the hidden cells' answers together, never fewer than the minimum …
        assert hidden_count == 0 or hidden_count >= 5, (q, hidden_count)
        holders = cells[cells["suppressed"]]
        truth = {v: iit.loc[iit.department == v, q].notna().sum() for v in holders["value"]}
        assert sum(truth.values()) == hidden_count
        # … so no small group's answers (nor a small cell's) can be told apart: where one group alone holds
        # them, it is a group at or above the minimum that was hidden to protect the others
        alone = [v for v, c in truth.items() if c > 0]
        if len(alone) == 1:
            assert sizes[alone[0]] >= 5 and truth[alone[0]] >= 5, (q, truth)
        assert abs(hidden_sum) < 1e-6 or hidden_count > 0
    small_depts = [f"ฝ่ายเล็ก{k}" for k in range(len(small))]
    assert rows[rows["value"].isin(small_depts)]["suppressed"].all()


def test_a_question_few_answered_in_a_shown_group_is_hidden_with_its_indicator_and_tool(fw):
    iit = _iit(fw, {"ฝ่ายก": 9, "ฝ่ายข": 20, "ฝ่ายค": 30, "ฝ่ายง": 40})
    rows_a = iit.index[iit.department == "ฝ่ายก"]
    iit.loc[rows_a[:7], "i2"] = None  # two answered i2 in ฝ่ายก
    g = ia.score(iit, framework=fw, by="department").groups.set_index(["value", "level", "id"])
    cell = g.loc[("ฝ่ายก", "question", "i2")]
    assert cell["suppressed"] and np.isnan(cell["score"]) and cell["suppressed_reason"] == "answered < 5"
    ind = fw.question("i2").indicator
    assert g.loc[("ฝ่ายก", "indicator", ind), "suppressed"] and g.loc[("ฝ่ายก", "tool", "IIT"), "suppressed"]
    assert not g.loc[("ฝ่ายก", "question", "i1"), "suppressed"]  # the group's other questions stay
    assert not g.loc[("ฝ่ายก", "tool", "IIT"), "group_suppressed"]
    hidden_i2 = g.xs(("question", "i2"), level=("level", "id"))
    assert hidden_i2["suppressed"].sum() == 2  # a complement: two answers alone would be given away by difference
    assert hidden_i2.loc["ฝ่ายข", "suppressed_reason"] == "complementary"  # the smallest other group
    assert not hidden_i2.loc["ฝ่ายค", "suppressed"] and not hidden_i2.loc["ฝ่ายง", "suppressed"]


# -- categories ----------------------------------------------------------------------------------------------

def test_category_probabilities_are_joint_and_agree_with_monte_carlo():
    fw = ia.load_framework(2567)
    w = {t.id: t.weight for t in fw.tools}
    cases = [{"IIT": (85.8, 0.6), "EIT": (82.1, 0.7), "OIT": (96.7, 0.0)},  # the sample: EIT below 85 → ผ่าน
             {"IIT": (86.0, 1.5), "EIT": (85.5, 1.2), "OIT": (100.0, 0.0)},
             {"IIT": (95.5, 0.8), "EIT": (94.8, 0.9), "OIT": (100.0, 0.0)}]
    rng = np.random.default_rng(11)
    for tools in cases:
        overall = sum(w[k] * v[0] for k, v in tools.items())
        se = np.sqrt(sum(w[k] ** 2 * v[1] ** 2 for k, v in tools.items()))
        p = ia.grade_probabilities(overall, se, fw, tools=tools).set_index("grade")["probability"]
        cats = [c.name_th for c in fw.grade_categories]
        assert p[cats].sum() == pytest.approx(1.0, abs=1e-9)
        draws = 1_000_000
        iit = rng.normal(*tools["IIT"], draws)
        eit = rng.normal(*tools["EIT"], draws)
        total = w["IIT"] * iit + w["EIT"] * eit + w["OIT"] * tools["OIT"][0]
        grade = np.full(draws, len(cats) - 1)
        for k, c in reversed(list(enumerate(fw.grade_categories))):
            ok = total >= c.minimum_overall
            if c.minimum_each_tool is not None:
                ok &= (iit >= c.minimum_each_tool) & (eit >= c.minimum_each_tool) & (tools["OIT"][0] >= c.minimum_each_tool)
            grade = np.where(ok, k, grade)
        simulated = np.bincount(grade, minlength=len(cats)) / draws
        np.testing.assert_allclose(p[cats].to_numpy(), simulated, atol=0.0025)
    sample = cases[0]
    p = ia.grade_probabilities(sum(w[k] * v[0] for k, v in sample.items()), 0.3, fw, tools=sample).set_index("grade")
    assert p.loc["ผ่าน", "probability"] > 0.99 and p.loc["ผ่านดี", "probability"] < 0.01
    with pytest.raises(ValueError, match="tools"):
        ia.grade_probabilities(90, 1, fw)


def test_fy2567_sample_is_a_pass_and_its_json_is_strict(raw_dir):
    p = subprocess.run([sys.executable, "-m", "ita_analytics", "score", "--year", "2567",
                        "--iit", str(raw_dir / "iit_2567.xlsx"), "--eit", str(raw_dir / "eit_2567.csv"),
                        "--oit", str(raw_dir / "oit_2567.csv"), "--json"], capture_output=True, text=True)
    doc = _strict(p.stdout)
    assert doc["overall"]["grade"] == "ผ่าน"
    probs = {r["grade"]: r["probability"] for r in doc["grade_probabilities"]}
    assert probs["ผ่าน"] > 0.99 and probs["ผ่านดี"] < 0.01
    assert "Infinity" not in p.stdout and "NaN" not in p.stdout


# -- one count ---------------------------------------------------------------------------------------------

def test_validate_quota_and_score_accept_the_same_rows(raw_dir):
    files = ["--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
             "--roster", str(raw_dir / "roster_2566.xlsx")]

    def ita(*args: str) -> dict:
        p = subprocess.run([sys.executable, "-m", "ita_analytics", *args, "--json"], capture_output=True, text=True)
        return _strict(p.stdout)

    validated = ita("validate", str(raw_dir / "iit_2566.csv"), "--tool", "IIT", "--roster", str(raw_dir / "roster_2566.xlsx"))
    quota = ita("quota", *files)
    scored = ita("score", *files)
    n = {t["tool"]: t["n"] for t in scored["tools"]}
    assert validated["accepted"] == quota["iit"]["n"] == scored["inputs"]["IIT"]["accepted"] == n["IIT"]
    eit = ita("validate", str(raw_dir / "eit_2566.csv"), "--tool", "EIT")
    assert eit["accepted"] == quota["eit"]["n"] == n["EIT"]


def test_the_pack_shows_no_nan_when_a_question_has_no_answer(raw_dir, tmp_path):
    """Nobody answered e2: the page, its tables and the charts' numbers say so in words, never "nan"."""
    import re

    eit = pd.read_csv(raw_dir / "eit_2566.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    eit[[c for c in eit.columns if c.strip().endswith(" e2") or c.strip() == "e2"][0]] = ""
    eit.to_csv(tmp_path / "eit.csv", index=False, encoding="utf-8-sig")
    p = subprocess.run([sys.executable, "-m", "ita_analytics", "report", "--iit", str(raw_dir / "iit_2566.csv"),
                        "--eit", str(tmp_path / "eit.csv"), "--oit", str(raw_dir / "oit_2566.csv"),
                        "--roster", str(raw_dir / "roster_2566.xlsx"), "--out", str(tmp_path / "pack")],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    page = re.sub(r"data:[^\"]+", "", (tmp_path / "pack" / "report.html").read_text(encoding="utf-8"))
    assert not re.search(r"\bnan\b|NaN", page)
    assert "ไม่มีผู้ตอบข้อ e2" in page  # the method notes name it, in Thai
    for table in (tmp_path / "pack" / "charts").glob("*.csv"):
        assert not re.search(r"\bnan\b", table.read_text(encoding="utf-8")), table.name
