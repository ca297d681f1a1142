"""Scores from exports: hand-computed through the whole pipeline, the published Bangkok figures, breakdowns."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import IIT_HEADER, iit_row, strict_json, write_rows
from scipy import stats

import ita_analytics as ia


@pytest.fixture(scope="module")
def sample(raw_dir, fw, roster):
    iit = ia.read_iit(raw_dir / "iit_2566.csv", framework=fw, roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv", framework=fw)
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv", framework=fw)
    return iit, eit, oit


def test_bangkok_fy2566_published_figures():
    r = ia.overall_score(iit=82.44, eit=80.82, oit=100, year=2566)
    assert r["score"] == pytest.approx(88.978, abs=1e-9) and round(r["score"], 2) == 88.98
    assert r["grade"] == "A"


def test_hand_computed_pipeline_with_blank_and_reverse_item(tmp_path, fw):
    """Four staff out of 10 eligible; i9 is reverse-scored, one blank."""
    rows = [iit_row("A", "มากที่สุด", i9="น้อยที่สุดหรือไม่มีเลย"), iit_row("B", "มาก", i9="มาก"),
            iit_row("C", "น้อย", i9=""), iit_row("D", "มาก", i9="มากที่สุด")]
    roster = ia.read_roster(write_rows(tmp_path / "r.csv", ["department", "staff_type", "eligible"],
                                       [["ฝ่ายปกครอง", "ข้าราชการ", "10"]]), framework=fw)
    iit = ia.read_iit(write_rows(tmp_path / "i.csv", IIT_HEADER, rows), framework=fw, roster=roster)
    r = ia.score(iit, roster=roster, framework=fw)
    q = r.questions.set_index("question")
    # i9 (reverse): A none → 100, B much → 33.33, C blank, D most → 0. Mean over 3 answering: 133.33/3.
    assert q.loc["i9", "score"] == pytest.approx((100 + 100 / 3 + 0) / 3, abs=1e-12)
    assert q.loc["i9", "n"] == 4 and q.loc["i9", "n_answered"] == 3
    R = 400 / 9
    z = np.array([100 - R, 100 / 3 - R, 0.0, 0 - R]) / (3 / 4)
    se = math.sqrt((1 - 4 / 10) * (z @ z / 3) / 4)
    assert q.loc["i9", "se"] == pytest.approx(se, abs=1e-12)
    t = stats.t.ppf(0.975, 3)
    # the default interval: logit(p) ± t·(SE/100)/(p(1 − p)) on p = R/100, back-transformed (inside 0–100)
    p, s = R / 100, se / 100
    expit = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731  # the formula as written
    logit = math.log(p / (1 - p))
    assert q.loc["i9", "ci_low"] == pytest.approx(100 * expit(logit - t * s / (p * (1 - p))), abs=1e-12)
    assert q.loc["i9", "ci_high"] == pytest.approx(100 * expit(logit + t * s / (p * (1 - p))), abs=1e-12)
    assert 0 < q.loc["i9", "ci_low"] < R < q.loc["i9", "ci_high"] < 100
    wald = ia.score(iit, roster=roster, framework=fw, settings=ia.Settings(interval="wald"))
    w = wald.questions.set_index("question")
    assert R + t * se > 100 and w.loc["i9", "ci_high"] == 100.0  # estimate ± t·SE, clipped to 0–100
    assert R - t * se < 0 and w.loc["i9", "ci_low"] == 0.0
    # i1: 100, 66.67, 33.33, 66.67 (no blanks): plain mean and SE with the finite population correction
    y = np.array([100, 200 / 3, 100 / 3, 200 / 3])
    assert q.loc["i1", "score"] == pytest.approx(y.mean(), abs=1e-12)
    assert q.loc["i1", "se"] == pytest.approx(math.sqrt(0.6 * y.var(ddof=1) / 4), abs=1e-12)
    assert r.method["fpc"]["IIT"] == {"applied": True, "N": 10.0, "n": 4, "factor": 0.6}
    assert r.overall is None  # no EIT, no OIT


def test_sample_scores_are_consistent(sample, roster, fw):
    iit, eit, oit = sample
    r = ia.score(iit, eit, oit, roster, framework=fw)
    q = r.questions.set_index("question")
    # question score = mean over those who answered, never blanks as 0
    for qid in ("i1", "i22", "e4"):
        frame = ia.answer_points(iit, "IIT", framework=fw) if qid[0] == "i" else ia.answer_points(eit, "EIT", framework=fw)
        assert q.loc[qid, "score"] == pytest.approx(frame[qid].mean(skipna=True), rel=1e-12)
    t = r.tools.set_index("tool")
    ind = r.indicators.set_index("indicator")
    # tool = mean of its question scores (default), indicator = mean of its questions
    assert t.loc["IIT", "score"] == pytest.approx(q.loc[[f"i{k}" for k in range(1, 26)], "score"].mean(), rel=1e-12)
    assert ind.loc["2", "score"] == pytest.approx(q.loc[["i8", "i9", "i10", "i11"], "score"].mean(), rel=1e-12)
    assert t.loc["OIT", "score"] == 90.0 and t.loc["OIT", "se"] == 0
    assert ind.loc["9", "score"] == pytest.approx(100 * 21 / 22) and ind.loc["10", "score"] == 75.0
    expected = 0.3 * t.loc["IIT", "score"] + 0.3 * t.loc["EIT", "score"] + 0.4 * 90
    assert r.overall["score"] == pytest.approx(expected, rel=1e-12)
    se = math.sqrt(0.09 * t.loc["IIT", "se"] ** 2 + 0.09 * t.loc["EIT", "se"] ** 2)
    assert r.overall["se"] == pytest.approx(se, rel=1e-12)
    # the interval from the tools' own (logit) intervals, by hand (MOVER, Zou & Donner 2008)
    up = math.sqrt(sum((0.3 * (t.loc[k, "ci_high"] - t.loc[k, "score"])) ** 2 for k in ("IIT", "EIT")))
    down = math.sqrt(sum((0.3 * (t.loc[k, "score"] - t.loc[k, "ci_low"])) ** 2 for k in ("IIT", "EIT")))
    assert r.overall["ci_high"] - r.overall["score"] == pytest.approx(up, rel=1e-12)
    assert r.overall["score"] - r.overall["ci_low"] == pytest.approx(down, rel=1e-12)
    assert 1.8 < up / se < down / se < 2.2  # about ± z·SE, longer below: the logit intervals of scores above 50
    assert r.overall["grade"] == fw.grade(r.overall["score"])
    missing = r.oit_items.loc[~r.oit_items["published"], ["item", "responsible"]].values.tolist()
    assert missing == [["O3", "ทุกฝ่าย"], ["O25", "ทุกฝ่าย"], ["O30", "ทุกฝ่าย"]]
    # intervals for tools use t with n − 1 df, on the logit scale
    tq = stats.t.ppf(0.975, t.loc["EIT", "n"] - 1)
    p, s = t.loc["EIT", "score"] / 100, t.loc["EIT", "se"] / 100
    low = 100 / (1 + np.exp(-(np.log(p / (1 - p)) - tq * s / (p * (1 - p)))))
    assert t.loc["EIT", "ci_low"] == pytest.approx(low, rel=1e-12)


def test_aggregation_settings_change_the_tool_score(sample, roster, fw):
    iit, eit, oit = sample
    by_ind = ia.score(iit, eit, oit, roster, framework=fw.with_scoring(tool_aggregation="indicators",
                                                                       oit_aggregation="indicators"))
    ind = by_ind.indicators.set_index("indicator")
    t = by_ind.tools.set_index("tool")
    assert t.loc["IIT", "score"] == pytest.approx(ind.loc[list("12345"), "score"].mean(), rel=1e-12)
    assert t.loc["OIT", "score"] == pytest.approx((100 * 21 / 22 + 75) / 2)
    default = ia.score(iit, eit, oit, roster, framework=fw).tools.set_index("tool")
    assert abs(default.loc["IIT", "score"] - t.loc["IIT", "score"]) > 1e-6  # 7/4/6/3/5 questions: they differ


def test_grade_probabilities_by_hand(fw):
    p = ia.grade_probabilities(85.0, 1.0, fw).set_index("grade")["probability"]
    assert p["A"] == pytest.approx(stats.norm.cdf(10) - 0.5) and p["B"] == pytest.approx(0.5 - stats.norm.cdf(-10))
    assert p["pass (≥ 85)"] == pytest.approx(0.5)
    assert ia.grade_probabilities(90, 0.0, fw).set_index("grade")["probability"]["A"] == 1.0
    bands = ia.grade_probabilities(80, 3, fw)
    assert bands.iloc[:-1]["probability"].sum() == pytest.approx(1.0)


def test_no_roster_means_no_fpc_and_says_so(sample, fw):
    iit, _, _ = sample
    r = ia.score(iit, framework=fw)
    assert r.method["fpc"]["IIT"]["applied"] is False
    assert any("no finite population correction" in n for n in r.method["notes"])


def test_by_department_each_its_own_sample_with_suppression(sample, roster, fw):
    iit, eit, _ = sample
    r = ia.score(iit, eit, roster=roster, framework=fw, by="department", settings=ia.Settings(min_cell_size=15))
    g = r.groups
    tools = g[(g.level == "tool") & (g.tool == "IIT")].set_index("value")
    counts = iit.data["department"].value_counts()
    eligible = roster.data.groupby("department")["eligible"].sum()
    for dept, row in tools.iterrows():
        assert row["n"] == counts[dept]
        over = counts[dept] > eligible[dept]  # a re-submission can push a department past its roster
        assert row["fpc"] == pytest.approx(1.0 if over else 1 - counts[dept] / eligible[dept])
        assert row["suppressed"] == (counts[dept] < 15)
        if row["suppressed"]:
            assert np.isnan(row["score"])
    complete = [d for d in counts.index if counts[d] == eligible[d]]
    assert complete and (tools.loc[complete, "se"] == 0).all()  # whole eligible staff answered
    alone = ia.score(iit.data[iit.data.department == "ฝ่ายเทศกิจ"], roster=roster.data[roster.data.department == "ฝ่ายเทศกิจ"],
                     framework=fw).tools.set_index("tool").loc["IIT"]
    assert tools.loc["ฝ่ายเทศกิจ", "score"] == pytest.approx(alone["score"])
    assert tools.loc["ฝ่ายเทศกิจ", "se"] == pytest.approx(alone["se"])
    over = [d for d in counts.index if counts[d] > eligible[d]]
    assert all(any(d in n for n in r.method["notes"]) for d in over)
    doc = r.to_dict()["groups"]
    small = [d for d in doc if d["n"]["IIT"] < 15]
    assert small and all(t["score"] is None for d in small for t in d["tools"] if t["tool"] == "IIT")


def test_by_agency_equals_each_agency_alone(sample, fw):
    iit, eit, _ = sample
    data = eit.data.copy()
    data["agency"] = np.where(np.arange(len(data)) % 3 == 0, "เขตหนึ่ง", "เขตสอง")
    r = ia.score(eit=data, framework=fw, by="agency")
    for name in ("เขตหนึ่ง", "เขตสอง"):
        alone = ia.score(eit=data[data.agency == name], framework=fw)
        mine = r.groups[(r.groups.value == name) & (r.groups.level != "tool")].set_index("id")
        theirs = pd.concat([alone.questions.set_index("question"), alone.indicators.set_index("indicator")])
        np.testing.assert_allclose(mine.loc[theirs.index, ["score", "se", "ci_low", "ci_high"]].to_numpy(float),
                                   theirs[["score", "se", "ci_low", "ci_high"]].to_numpy(float), rtol=1e-10)


def test_funnel_table_ranks_agencies_with_whole_numbers(sample, fw):
    _, eit, _ = sample
    data = eit.data.copy()
    names = np.array(["เขตหนึ่ง", "เขตสอง", "เขตสาม", "เขตเล็ก"])
    data["agency"] = names[np.where(np.arange(len(data)) < 3, 3, np.arange(len(data)) % 3)]  # เขตเล็ก: 3 answers
    table = ia.funnel_table(ia.score(eit=data, framework=fw, by="agency"), "EIT")
    assert str(table["rank"].dtype) == "Int64"
    shown = table[~table["suppressed"]]  # เขตเล็ก is hidden, and one more so that it cannot be worked out
    assert len(shown) == 2 and shown["rank"].tolist() == [1, 2] and shown["score"].is_monotonic_decreasing
    # z: the distance from the centre in units of √(SE² + τ²), τ the between-agency SD beyond sampling error
    # signed, with each SE without the finite population correction; the limits are centre ± t·spread
    spread = np.sqrt(shown["se_nofpc"] ** 2 + shown["tau"] ** 2)
    np.testing.assert_allclose(shown["z"], (shown["score"] - shown["centre"]) / spread, rtol=1e-12)
    np.testing.assert_allclose(shown["high_95"] - shown["centre"], (shown["centre"] - shown["low_95"]), rtol=1e-12)
    assert (shown["rank_low"] <= shown["rank"]).all() and (shown["rank"] <= shown["rank_high"]).all()
    assert table.loc[table["suppressed"], "rank"].isna().all() and table["value"].iloc[-1] == "เขตเล็ก"


def test_results_workbook_leaves_a_huge_table_to_its_csv(sample, fw, tmp_path, monkeypatch):
    import ita_analytics.output._export as scoring

    _, eit, _ = sample
    data = eit.data.copy()
    data["agency"] = np.where(np.arange(len(data)) % 2 == 0, "เขตหนึ่ง", "เขตสอง")
    r = ia.score(eit=data, framework=fw, by="agency")
    monkeypatch.setattr(scoring, "XLSX_MAX_ROWS", len(r.groups) - 1)  # the groups: one row too many
    ia.write_results(r, tmp_path)
    sheets = pd.read_excel(tmp_path / "results.xlsx", sheet_name=None)
    groups = sheets["รายกลุ่ม"]  # the groups' sheet, named in Thai
    assert groups.columns.tolist() == ["หมายเหตุ"] and len(groups) == 1
    assert f"ตารางนี้มี {len(r.groups):,} แถว" in groups.loc[0, "หมายเหตุ"] and "groups.csv" in groups.loc[0, "หมายเหตุ"]
    assert len(pd.read_csv(tmp_path / "groups.csv")) == len(r.groups)
    assert len(sheets["รายข้อคำถาม"]) == len(r.questions)  # the others, whole


def test_methods_are_named_and_close(sample, roster, fw):
    iit, eit, oit = sample
    lin = ia.score(iit, eit, oit, roster, framework=fw)
    for method in ("stratified", "bootstrap"):
        other = ia.score(iit, eit, oit, roster, framework=fw, method=method)
        assert other.method["variance"] == method
        assert other.overall["score"] == pytest.approx(lin.overall["score"], abs=0.5)
        assert other.overall["se"] == pytest.approx(lin.overall["se"], rel=0.3)


def test_results_folder(sample, roster, fw, tmp_path):
    iit, eit, oit = sample
    r = ia.score(iit, eit, oit, roster, framework=fw)
    paths = ia.write_results(r, tmp_path / "out")
    names = {p.name for p in paths}
    assert {"results.json", "tools.csv", "indicators.csv", "questions.csv", "results.xlsx"} <= names
    doc = strict_json((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert doc["overall"]["score"] == pytest.approx(r.overall["score"])
    assert doc["provenance"]["inputs"]["IIT"] == iit.source.sha256
    assert doc["inputs"]["IIT"]["rejected_outside_roster"] == 1
    assert pd.read_excel(tmp_path / "out" / "results.xlsx", sheet_name="รายตัวชี้วัด").shape[0] == 10


def test_scale_path_by_agency_equals_each_agency_alone(tmp_path, monkeypatch, fw):
    """The CLI's multi-agency path (fast reader, grouped sums) against scoring each agency on its own."""
    from test_cli import ita

    import ita_analytics.io._tables as tables
    from ita_analytics.app._synth import write_multi_agency_sample

    iit_path, eit_path = write_multi_agency_sample(tmp_path, agencies=6, seed=11)
    doc = strict_json(ita("score", "--iit", str(iit_path), "--eit", str(eit_path), "--by", "agency", "--json").stdout)
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)  # the same through pyarrow's reader
    iit, eit = ia.read_iit(iit_path), ia.read_eit(eit_path)
    assert len(doc["groups"]) == 6
    for group in doc["groups"]:
        alone = ia.score(iit.data[iit.data.agency == group["value"]], eit.data[eit.data.agency == group["value"]],
                         framework=fw)
        mine = {(r["tool"]): r for r in group["tools"]}
        for row in alone.tools.itertuples():
            assert mine[row.tool]["score"] == pytest.approx(row.score, rel=1e-12)
            assert mine[row.tool]["se"] == pytest.approx(row.se, rel=1e-9)
            assert mine[row.tool]["n"] == row.n
        q = {r["question"]: r for r in group["questions"]}
        for row in alone.questions.itertuples():
            assert q[row.question]["ci_high"] == pytest.approx(row.ci_high, rel=1e-12)


@pytest.mark.parametrize("per_batch", [1000, 3])
def test_groups_json_is_the_groups_table(raw_dir, roster, fw, monkeypatch, per_batch):
    """The column-wise JSON of the breakdown says exactly what the groups table says (a plain second
    rendering), whether the groups fit one batch or are rendered several batches at once."""
    import math

    from ita_analytics.core._json import dumps, json_numbers
    from ita_analytics.stats import _scoring

    monkeypatch.setattr(_scoring, "_GROUPS_PER_BATCH", per_batch)
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    r = ia.score(iit, roster=roster, framework=fw, by="department")
    docs = strict_json(dumps({"groups": r.to_dict(raw=True)["groups"]}))["groups"]
    assert len(docs) > 2 * per_batch or per_batch > len(docs)
    g = r.groups

    def tools_of(rows: pd.DataFrame) -> list[str]:
        return rows.loc[rows["level"] == "tool", "id"].tolist()

    assert [d["value"] for d in docs] == sorted(g["value"].unique())
    for d in docs:
        rows = g[g["value"] == d["value"]]
        questions = rows[rows["level"] == "question"]
        assert [q["question"] for q in d["questions"]] == questions["id"].tolist()
        assert [q["indicator"] for q in d["questions"]] == questions["indicator"].tolist()
        indicators = rows[rows["level"] == "indicator"]
        assert [(i["indicator"], i["tool"]) for i in d["indicators"]] == list(zip(indicators["id"], indicators["tool"]))
        assert [t["tool"] for t in d["tools"]] == tools_of(rows)
        for q, row in zip(d["questions"], questions.itertuples()):
            for key in ("score", "se", "ci_low", "ci_high"):
                value = getattr(row, key)
                assert (q[key] is None and math.isnan(value)) or q[key] == value  # exact, not approximately
            assert q["n"] == row.n and q["suppressed"] == row.suppressed
        tools = rows[rows["level"] == "tool"]
        assert d["n"] == dict(zip(tools["tool"], tools["n"]))
        assert d["suppressed"] == bool(tools["suppressed"].all())
    # numbers: the shortest text that reads back to the same float, whole numbers as floats
    x = np.array([1 / 3, 100.0, 0.0, 1e-20, 81.193391059103, np.nan, np.inf, -0.0, 1e15, 123456789012345.0, 5e-5])
    texts = json_numbers(x).to_pylist()
    assert texts[1] == "100.0" and texts[5] == texts[6] == "null" and texts[7] == "-0.0"
    finite = np.isfinite(x)
    assert [strict_json(t) for t, ok in zip(texts, finite) if ok] == x[finite].tolist()  # valid JSON, exact


def test_answer_spread_counts_every_answer_over_many_row_blocks(fw, monkeypatch):
    """The answers table (count of each points value per question, blanks apart), counted from the
    answer codes, is the plain count of each points value."""
    import ita_analytics.core._arrays as tables
    from ita_analytics.stats._scoring import _answer_spread

    monkeypatch.setattr(tables, "_BLOCK_ROWS", 7)
    rng = np.random.default_rng(4)
    questions = fw.questions_of("EIT")
    choices = {q.id: [*fw.points(q), None] for q in questions}  # the answer codes, and no answer
    codes = pd.DataFrame({q: rng.choice(np.array(v, dtype=object), 100) for q, v in choices.items()})
    table = _answer_spread({"EIT": codes}, fw)
    frame = ia.answer_points(codes, "EIT", framework=fw)
    for q in questions:
        mine = table[table["question"] == q.id]
        assert (mine["blank"] == frame[q.id].isna().sum()).all()
        for row in mine.itertuples():
            assert row.count == (frame[q.id] == row.points).sum()
    assert table["count"].sum() == frame.notna().sum().sum()


@pytest.mark.parametrize("changes", [{"four_level_points": "integers"}, {"four_level_points": "two_decimals"},
                                     {"tool_aggregation": "indicators", "four_level_points": "integers"}])
def test_a_scoring_setting_changed_after_reading_is_honoured(raw_dir, fw, roster, changes):
    """Readers give answer codes and scoring turns them into points with the framework it is given:
    scoring with ``with_scoring(...)`` equals reading and scoring with that framework, and ``method``
    names the setting that was used."""
    changed = fw.with_scoring(**changes)
    iit, eit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster), ia.read_eit(raw_dir / "eit_2566.csv")
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv")
    later = ia.score(iit, eit, oit, roster, framework=changed)
    reread = ia.score(ia.read_iit(raw_dir / "iit_2566.csv", roster=roster, framework=changed),
                      ia.read_eit(raw_dir / "eit_2566.csv", framework=changed), oit, roster, framework=changed)
    for table in ("questions", "indicators", "tools", "answers"):
        pd.testing.assert_frame_equal(getattr(later, table), getattr(reread, table), obj=table)
    assert later.overall == reread.overall
    assert later.method["four_level_points"] == changes["four_level_points"]
    default = ia.score(iit, eit, oit, roster, framework=fw)
    assert (later.questions["score"] != default.questions["score"]).any()  # the setting did change the points
    if changes["four_level_points"] == "integers":
        assert set(later.answers.loc[later.answers["tool"] == "IIT", "points"]) == {0.0, 33.0, 67.0, 100.0}
