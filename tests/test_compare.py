"""Year-over-year comparison: hand-computed change, interval, p and Holm; published files; unmatched rows."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import strict_json
from scipy import stats
from test_cli import ita

import ita_analytics as ia
from ita_analytics import ResultSet, compare, load_crosswalk


def _set(year: int, rows: list[tuple[str, str, float, float]], microdata: bool = True) -> ResultSet:
    frame = pd.DataFrame(rows, columns=["level", "id", "score", "se"]).assign(grade=None, note="", reliable=True)
    frame["se_nofpc"] = frame["se"]
    return ResultSet(year, "เขตทดสอบ", frame, f"fy{year}", microdata)


def test_change_interval_p_and_holm_by_hand():
    before = _set(2566, [("indicator", "1", 80.0, 1.0), ("indicator", "2", 70.0, 1.0), ("indicator", "3", 90.0, 0.5),
                         ("overall", "ITA", 84.0, 0.4)])
    after = _set(2567, [("indicator", "1", 83.0, 2.0), ("indicator", "2", 74.0, 1.0), ("indicator", "3", 90.5, 0.5),
                        ("overall", "ITA", 85.5, 0.3)])
    c = compare(before, after)
    r = c.rows.set_index(["level", "id"])
    one = r.loc[("indicator", "1")]
    se = np.sqrt(1 + 4)
    z = stats.norm.ppf(0.975)
    assert one["change"] == pytest.approx(3.0)
    assert (one["ci_low"], one["ci_high"]) == pytest.approx((3 - z * se, 3 + z * se))
    p = [2 * stats.norm.sf(3 / se), 2 * stats.norm.sf(4 / np.sqrt(2)), 2 * stats.norm.sf(0.5 / np.sqrt(0.5))]
    assert [r.loc[("indicator", k), "p_value"] for k in "123"] == pytest.approx(p)
    # Holm by hand: sort p ascending, multiply by m, m−1, …, keep monotone, cap at 1
    order = np.argsort(p)
    adj = np.empty(3)
    running = 0.0
    for rank, k in enumerate(order):
        running = max(running, min(1.0, (3 - rank) * p[k]))
        adj[k] = running
    assert [r.loc[("indicator", k), "p_adjusted"] for k in "123"] == pytest.approx(adj)
    assert r.loc[("overall", "ITA"), "p_adjusted"] == pytest.approx(r.loc[("overall", "ITA"), "p_value"])  # own family
    assert bool(r.loc[("indicator", "2"), "significant"]) and not bool(r.loc[("indicator", "3"), "significant"])
    assert r.loc[("indicator", "2"), "verdict"] == "real_possibly_meaningful"  # +4, but its interval 1.23–6.77 reaches below 2
    assert r.loc[("indicator", "1"), "verdict"] == "unclear" and r.loc[("indicator", "1"), "meaningful"]  # large, uncertain
    assert r.loc[("indicator", "3"), "verdict"] == "unclear" and not r.loc[("indicator", "3"), "meaningful"]
    # grades from each year's own framework: FY2566 bands, FY2567 categories (no tool scores: overall rule only)
    assert r.loc[("overall", "ITA"), "grade_before"] == "B"
    assert r.loc[("overall", "ITA"), "grade_after"] == "ผ่าน"


def test_significant_but_small():
    c = compare(_set(2566, [("tool", "IIT", 84.0, 0.1)]), _set(2567, [("tool", "IIT", 85.0, 0.1)]))
    assert c.rows.loc[0, "verdict"] == "real_small"
    c2 = compare(_set(2566, [("tool", "IIT", 84.0, 0.1)]), _set(2567, [("tool", "IIT", 85.0, 0.1)]),
                 settings=ia.Settings(meaningful_change=0.5))
    assert c2.rows.loc[0, "verdict"] == "real_meaningful"


def test_published_side_borrows_the_measured_sides_se_and_says_so(raw_dir, fw, roster, tmp_path):
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv")
    ia.write_results(ia.score(iit, eit, oit, roster, framework=fw), tmp_path / "r2566")
    c = compare(raw_dir / "published_2565_ladkrabang.csv", tmp_path / "r2566")
    r = c.rows.set_index(["level", "id"])
    overall = r.loc[("overall", "ITA")]
    assert overall["before"] == 79.74 and overall["grade_before"] == "B" and overall["grade_after"] == "A"
    # the published year's SE is taken to be the measured year's (an assumption, flagged): SE = √2 · SE
    assert overall["se_assumed"] and overall["se"] == pytest.approx(np.sqrt(2) * overall["se_after"])
    assert overall["ci_high"] - overall["change"] == pytest.approx(stats.norm.ppf(0.975) * np.sqrt(2) * overall["se_after"])
    ocr = r.loc[("indicator", "10")]
    assert "OCR-unreliable" in ocr["note"] and ocr["verdict"] == "not_tested" and ocr["reason"] == "unreliable"
    assert np.isnan(ocr["p_value"]) and np.isnan(ocr["p_adjusted"]) and not ocr["se_assumed"]
    # indicators match one to one; questions do not exist in FY2565 and are listed, not compared
    assert r.xs("indicator", level="level")["change"].notna().all()
    questions = r.xs("question", level="level")
    assert len(questions) == 40 and questions["change"].isna().all()
    assert (questions["note"] == "no FY2565 figure to compare with").all() and (questions["verdict"] == "not_tested").all()
    assert any("do NOT match one to one" in n for n in c.notes)


def test_unmatched_question_is_never_compared_with_another(monkeypatch):
    """A question renamed in the crosswalk is compared under its new id; one dropped is listed with a note."""
    import ita_analytics.stats._compare as cmp

    real = cmp.find_crosswalk

    def fake(a: int, b: int, extra=()):
        maps, notes = real(a, b, extra=extra)
        maps["question"] = {"i1": "i1", "i2": "i3"}  # i2 became i3; i9 has no successor
        return maps, notes

    monkeypatch.setattr(cmp, "find_crosswalk", fake)
    before = _set(2566, [("question", "i1", 80, 1), ("question", "i2", 70, 1), ("question", "i9", 60, 1)])
    after = _set(2567, [("question", "i1", 81, 1), ("question", "i2", 95, 1), ("question", "i3", 72, 1)])
    r = compare(before, after).rows
    renamed = r[r["before_id"] == "i2"].iloc[0]
    assert renamed["id"] == "i3" and renamed["change"] == pytest.approx(2.0)
    dropped = r[(r["id"] == "i9")].iloc[0]
    assert np.isnan(dropped["change"]) and dropped["note"] == "no match in FY2567 (see the crosswalk)"
    new = r[(r["id"] == "i2") & r["before"].isna()].iloc[0]
    assert new["note"] == "no FY2566 figure to compare with"


def test_crosswalks_chain_and_reverse():
    maps, _ = load_crosswalk(2565, 2567)
    assert maps["indicator"]["9"] == "9" and maps["question"] == {}
    back, _ = load_crosswalk(2567, 2566)
    assert back["question"]["i4"] == "i4"
    with pytest.raises(ia.ITAInputError, match="no crosswalk between FY2563 and FY2565"):
        load_crosswalk(2563, 2565)


def test_exact_changes_for_the_census_checklist():
    c = compare(_set(2566, [("tool", "OIT", 90.0, 0.0)]), _set(2567, [("tool", "OIT", 90.0, 0.0)]))
    row = c.rows.iloc[0]
    assert row["change"] == 0 and row["p_value"] == 1.0 and not row["significant"]
    assert row["se"] == 0 and row["verdict"] == "no_change"  # no sampling error, no change
    moved = compare(_set(2566, [("tool", "OIT", 90.0, 0.0)]), _set(2567, [("tool", "OIT", 93.3, 0.0)])).rows.iloc[0]
    assert moved["p_value"] == 0.0 and moved["verdict"] == "real_meaningful"  # an exact change of 3.3 points


def test_three_years_give_a_trend_and_the_cli_writes_charts(raw_dir, tmp_path):
    folders = []
    for year, files in ((2566, ("iit_2566.csv", "eit_2566.csv", "oit_2566.csv")),
                        (2567, ("iit_2567.xlsx", "eit_2567.csv", "oit_2567.csv"))):
        out = tmp_path / f"r{year}"
        p = ita("score", "--year", str(year), "--iit", str(raw_dir / files[0]), "--eit", str(raw_dir / files[1]),
                "--oit", str(raw_dir / files[2]), "--roster", str(raw_dir / "roster_2566.xlsx"), "--out", str(out), "--json")
        assert p.returncode == 0, p.stderr
        folders.append(str(out))
    p = ita("compare", folders[1], str(raw_dir / "published_2565_ladkrabang.csv"), folders[0], "--json",
            "--out", str(tmp_path / "cmp"))
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    fields = {"level", "id", "before", "after", "change", "se", "ci_low", "ci_high", "p_value", "p_adjusted", "verdict",
              "se_assumed", "grade_before", "grade_after", "note"}
    assert all(fields <= set(r) for r in doc["rows"])
    assert doc["settings"]["years"] == [2565, 2566, 2567]
    assert {t["fiscal_year"] for t in doc["trend"]} == {2565, 2566, 2567}
    for name in ("compare_2565_2566.png", "compare_2566_2567.png", "compare_trend.png", "compare.xlsx"):
        assert (tmp_path / "cmp" / name).stat().st_size > 1000, name


def test_holm_equals_statsmodels():
    from statsmodels.stats.multitest import multipletests

    from ita_analytics.stats._compare import holm

    rng = np.random.default_rng(3)
    for m in (1, 2, 5, 40):
        p = rng.random(m) ** 3
        p[rng.random(m) < 0.2] = p[0]  # ties
        np.testing.assert_allclose(holm(p), multipletests(p, method="holm")[1], rtol=0, atol=1e-15)


@pytest.mark.slow
@pytest.mark.parametrize("options", [{}, {"roster": False}, {"published": True}],
                         ids=["with-roster", "without-roster", "earlier-year-published"])
def test_no_true_change_is_called_real_at_most_5_percent_of_the_time(options):
    """Two waves of an agency that did not change (a fresh draw of staff each year, 92% answering when a
    roster gives N): the share of real_* verdicts per level stays at 5% or below (±2% Monte Carlo error).
    With the finite population correction in the change's SE it would be about 60% at the tool level."""
    from comparison_sim import false_positives

    rates = false_positives(reps=300, **options)
    assert all(rate <= 0.07 for rate in rates.values()), rates


@pytest.mark.slow
def test_a_three_point_change_is_found_at_n_400():
    from comparison_sim import false_positives

    assert false_positives(n=400, shift=3.0, reps=100)["tool"] >= 0.9  # power (0.99 in 300 pairs; 0.34 at n = 50)


@pytest.mark.slow
def test_funnel_limits_with_real_differences_flag_the_planted_outliers_and_few_more():
    """40 agencies whose true scores differ (SD 2 points), three planted ±10 from the centre, ten seeds."""
    from comparison_sim import funnel

    runs = [funnel(seed) for seed in range(10)]
    for r in runs:  # every planted one outside the 95% limits; beyond the 99.8% limits, at most two ordinary ones
        assert r["planted"] <= r["flagged_95"] and len(r["flagged"] - r["planted"]) <= 2, r
        assert r["rank_coverage"] >= 0.9
    assert np.mean([len(r["planted"] & r["flagged"]) for r in runs]) >= 2  # most beyond 99.8% too
    assert np.mean([r["unadjusted"] for r in runs]) > 5  # limits without the between-agency variance flag many


def test_every_verdict_agrees_with_the_numbers_beside_it(raw_dir, fw, roster, tmp_path):
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv")
    scored = ia.score(iit, eit, oit, roster, framework=fw)
    fw67 = ia.load_framework(2567)
    later = ia.score(ia.read_iit(raw_dir / "iit_2567.xlsx", framework=fw67, roster=roster),
                     ia.read_eit(raw_dir / "eit_2567.csv", framework=fw67),
                     ia.read_oit_checklist(raw_dir / "oit_2567.csv", framework=fw67), roster, framework=fw67)
    rng = np.random.default_rng(8)
    random_sets = [(_set(2566, [("indicator", str(k), 80 + rng.normal(0, 3), rng.uniform(0.2, 2)) for k in range(1, 9)]),
                    _set(2567, [("indicator", str(k), 80 + rng.normal(0, 3), rng.uniform(0.2, 2)) for k in range(1, 9)]))
                   for _ in range(20)]
    comparisons = [compare(raw_dir / "published_2565_ladkrabang.csv", scored, later),
                   compare(scored, later, fpc=True)] + [compare(b, a) for b, a in random_sets]
    checked = set()
    for c in comparisons:
        alpha, threshold = 1 - c.settings["confidence"], c.settings["meaningful_change"]
        for r in c.rows.itertuples():
            excludes = r.ci_low > 0 or r.ci_high < 0
            if r.verdict == "not_tested":
                assert np.isnan(r.p_value) and np.isnan(r.p_adjusted) and np.isnan(r.ci_low) and r.reason
            elif r.verdict in ("real_meaningful", "real_possibly_meaningful", "real_small"):
                assert excludes and (r.p_adjusted < alpha or r.se_change == 0)
                beyond = r.ci_low >= threshold or r.ci_high <= -threshold  # the whole interval past the threshold
                assert beyond == (r.verdict == "real_meaningful")
                assert (abs(r.change) >= threshold) == (r.verdict != "real_small")
            elif r.verdict == "no_change":
                assert r.se_change == 0 and abs(r.change) <= r.tolerance
            elif r.verdict == "multiplicity":
                assert excludes and r.p_adjusted >= alpha
            else:
                assert r.verdict == "unclear" and not excludes
            checked.add(r.verdict)
    assert checked >= {"real_meaningful", "real_possibly_meaningful", "real_small", "multiplicity", "unclear", "not_tested"}


def test_published_files_without_a_grade_or_with_blank_grades_compare(tmp_path, raw_dir):
    """pandas 3 makes an all-blank grade column float64: the grade of the overall is still worked out."""
    r2566 = tmp_path / "r2566"
    assert ita("score", "--year", "2566", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
               "--oit", str(raw_dir / "oit_2566.csv"), "--out", str(r2566), "--json").returncode == 0
    for header, tail in (("fiscal_year,agency,level,id,score", ""), ("fiscal_year,agency,level,id,score,grade", ",")):
        path = tmp_path / f"published{len(tail)}.csv"
        path.write_text(f"{header}\n2565,เขต,overall,ITA,79.74{tail}\n2565,เขต,tool,OIT,86.67{tail}\n", encoding="utf-8")
        p = ita("compare", str(path), str(r2566), "--json")
        assert p.returncode == 0, p.stderr
        overall = next(r for r in json.loads(p.stdout)["rows"] if r["level"] == "overall")
        assert overall["grade_before"] == "B" and overall["grade_after"] == "A"


def test_an_unchanged_oit_at_published_precision_is_no_change():
    """The published OIT 86.67 and the same items computed again (26 of 30: 86.6667): no change, not 'real'."""
    published = _set(2566, [("tool", "OIT", 86.67, np.nan)], microdata=False).scores.assign(precision=0.01)
    before = ResultSet(2566, "เขตทดสอบ", published, "published.csv", False)
    after = _set(2567, [("tool", "OIT", 100 * 26 / 30, 0.0)])
    row = compare(before, after).rows.iloc[0]
    assert row["verdict"] == "no_change" and row["tolerance"] == pytest.approx(0.005, abs=1e-8)
    items_changed = _set(2567, [("tool", "OIT", 100 * 27 / 30, 0.0)])
    assert compare(before, items_changed).rows.iloc[0]["verdict"] == "real_meaningful"  # +3.33: an item was published


def test_meaningful_is_judged_on_the_interval_not_the_estimate():
    """A true change of +1.44 (threshold 2) is never called real and meaningful: the winner's curse."""
    rng = np.random.default_rng(28)
    verdicts = []
    for _ in range(400):
        b, a = 80 + rng.normal(0, 0.6), 81.44 + rng.normal(0, 0.6)
        c = compare(_set(2566, [("tool", "IIT", b, 0.6)]), _set(2567, [("tool", "IIT", a, 0.6)]))
        verdicts.append(c.rows.iloc[0]["verdict"])
    counts = pd.Series(verdicts).value_counts()
    assert counts.get("real_meaningful", 0) / 400 <= 0.025  # wholly beyond 2 only by a rare chance (one-sided 2.5%)
    assert counts.get("real_possibly_meaningful", 0) > 0  # what the point estimate alone called meaningful
