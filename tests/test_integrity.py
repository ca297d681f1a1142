"""Integrity flags on constructed responses, and the scores with and without them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ita_analytics as ia
from ita_analytics.stats._integrity import IntegritySettings, check_integrity, flag_responses


def _frame(fw, tool: str, n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    questions = fw.questions_of(tool)
    data = {"response_id": [f"R{k}" for k in range(n)], "agency": "เขตทดสอบ",
            "submitted_at": [pd.Timestamp("2023-05-01 08:00") + pd.Timedelta(hours=3 * k) for k in range(n)]}
    if tool == "IIT":
        data.update(department="ฝ่ายปกครอง", staff_type="ข้าราชการ")
    else:
        data.update(respondent_group="บุคคล")
    frame = pd.DataFrame(data)
    for q in questions:
        codes = list(fw.points(q))  # the answer codes of the question's scale
        frame[q.id] = rng.choice(np.array(codes, dtype=object), n)
    return frame


def test_duplicates_and_near_duplicates(fw):
    f = _frame(fw, "IIT", 40)
    qs = [q.id for q in fw.questions_of("IIT")]
    copy = f.iloc[[3]].assign(response_id="DUP", submitted_at=f.loc[3, "submitted_at"] + pd.Timedelta(minutes=10))
    late = f.iloc[[5]].assign(response_id="LATE", submitted_at=f.loc[5, "submitted_at"] + pd.Timedelta(hours=2))
    other = f.iloc[[7]].assign(response_id="OTHERDEPT", department="ฝ่ายโยธา",
                               submitted_at=f.loc[7, "submitted_at"] + pd.Timedelta(minutes=5))
    near = f.iloc[[9]].assign(response_id="NEAR", submitted_at=f.loc[9, "submitted_at"] + pd.Timedelta(minutes=5))
    near.loc[:, qs[0]] = "4" if near[qs[0]].iloc[0] != "4" else "1"  # another answer to one question
    two = f.iloc[[11]].assign(response_id="TWO", submitted_at=f.loc[11, "submitted_at"] + pd.Timedelta(minutes=5))
    for q in qs[:2]:
        two.loc[:, q] = "4" if two[q].iloc[0] != "4" else "1"
    blank = f.iloc[[13]].assign(response_id="BLANKED", submitted_at=f.loc[13, "submitted_at"] + pd.Timedelta(minutes=5))
    blank.loc[:, qs[4]] = np.nan  # a blank where the original answered: one difference
    flags = flag_responses(pd.concat([f, copy, late, other, near, two, blank], ignore_index=True), "IIT", fw)
    by_id = flags.set_index("response_id")
    assert set(flags.loc[flags["duplicate"], "response_id"]) == {"DUP"}  # the first of the pair is not flagged
    assert set(flags.loc[flags["near_duplicate"], "response_id"]) == {"NEAR", "BLANKED"}
    assert not by_id.loc["LATE", "any"] and not by_id.loc["OTHERDEPT", "any"] and not by_id.loc["TWO", "any"]


def test_bursts_need_the_threshold(fw):
    st = IntegritySettings(burst_minutes=5, burst_size=15)
    f = _frame(fw, "EIT", 60)
    start = pd.Timestamp("2023-06-01 10:00")
    f.loc[:14, "submitted_at"] = [start + pd.Timedelta(seconds=19 * k) for k in range(15)]  # 15 in 4.5 minutes
    f.loc[30:43, "submitted_at"] = [start + pd.Timedelta(days=1, seconds=20 * k) for k in range(14)]  # only 14
    flags = flag_responses(f, "EIT", fw, settings=st)
    assert flags.loc[:14, "burst"].all() and not flags.loc[15:, "burst"].any()
    f.loc[14, "agency"] = "เขตอื่น"  # one of them elsewhere: no longer 15 from one place
    assert not flag_responses(f, "EIT", fw, settings=st)["burst"].any()


def test_straight_lining_only_where_it_is_a_contradiction(fw):
    iit = _frame(fw, "IIT", 10)
    for q in fw.questions_of("IIT"):
        if q.scale == "4L":
            iit.loc[0, q.id] = "4"  # "most" everywhere, reverse-worded questions too
            best = next(code for code, points in fw.points(q).items() if points == 100.0)
            iit.loc[1, q.id] = best  # 100 points everywhere: a consistent, positive respondent
    flags = flag_responses(iit, "IIT", fw)
    assert flags["straight_lining"].tolist()[:2] == [True, False]
    eit = _frame(fw, "EIT", 10)
    for q in fw.questions_of("EIT"):
        if q.scale == "4L":
            eit.loc[0, q.id] = "4"
    assert not flag_responses(eit, "EIT", fw)["straight_lining"].any()  # no reverse-worded 4-level question


def test_too_fast_where_timestamps_allow(fw):
    f = _frame(fw, "IIT", 4)
    f["started_at"] = f["submitted_at"] - pd.to_timedelta([40, 60, 600, np.nan], unit="s")
    flags = flag_responses(f, "IIT", fw)  # 25 questions × 2 s = 50 s
    assert flags["too_fast"].tolist() == [True, False, False, False]


def test_sensitivity_is_the_score_without_the_flagged(fw):
    f = _frame(fw, "IIT", 80, seed=3)
    for q in fw.questions_of("IIT"):
        if q.scale == "4L":
            f.loc[:5, q.id] = "4"
    result = check_integrity(f, None, framework=fw)
    counts = result.counts.set_index(["tool", "flag"])["responses"]
    assert counts[("IIT", "straight_lining")] == 6 and counts[("IIT", "any")] >= 6
    flagged = result.flags["IIT"]["any"].to_numpy()
    alone = ia.score(f[~flagged], framework=fw).tools.set_index("tool").loc["IIT", "score"]
    row = result.sensitivity.set_index(["level", "id"]).loc[("tool", "IIT")]
    assert row["score_unflagged"] == pytest.approx(alone) and row["n_unflagged"] == 80 - flagged.sum()
    assert row["difference"] == pytest.approx(alone - row["score_all"])
    # flags made beforehand (as ita score makes them, beside the scoring) are used as they are
    given = {"IIT": result.flags["IIT"].assign(any=False)}
    reused = check_integrity(f, None, framework=fw, flags=given)
    assert reused.flags["IIT"] is given["IIT"]
    assert reused.sensitivity.set_index(["level", "id"]).loc[("tool", "IIT"), "n_unflagged"] == 80


def test_sample_data_flags_what_was_planted(raw_dir, roster, fw):
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    flags = flag_responses(iit.data, "IIT", fw)
    ids = set(flags.loc[flags["straight_lining"], "response_id"])
    assert {i for i in ids if "-S" in i} == {f"IIT2566-S{k:02d}" for k in range(4)}
    assert "IIT2566-D00" in set(flags.loc[flags["duplicate"], "response_id"])
    assert flags["burst"].sum() >= 18
    eit = ia.read_eit(raw_dir / "eit_2567.csv", year=2567)
    fast = flag_responses(eit.data, "EIT", ia.load_framework(2567))
    assert fast["too_fast"].sum() == 3


def test_missing_group_values_do_not_break_the_flags(fw):
    f = _frame(fw, "EIT", 20)
    f["department"] = [None if k % 3 else "ฝ่ายทะเบียน" for k in range(20)]
    f.loc[2, "agency"] = None
    flags = flag_responses(f, "EIT", fw)
    assert len(flags) == 20 and not flags["any"].isna().any()


def _brute_force_duplicates(frame: pd.DataFrame, qids: list[str], window: pd.Timedelta) -> tuple[np.ndarray, np.ndarray]:
    """Every pair compared: same group, earlier within the window, answers equal in all / all but one."""
    n = len(frame)
    codes = frame[qids].astype(object).to_numpy()
    blank = pd.isna(codes)
    same_answer = (codes[:, None, :] == codes[None, :, :]) | (blank[:, None, :] & blank[None, :, :])
    differing = (~same_answer).sum(axis=2)
    group = (frame["department"].astype(str) + "|" + frame["staff_type"].astype(str)).to_numpy()
    t = frame["submitted_at"].to_numpy()
    dt = (t[:, None] - t[None, :])  # row j minus row i
    earlier = (dt >= np.timedelta64(0)) & (dt <= window.to_timedelta64()) & ~np.eye(n, dtype=bool)
    # ties in time: the earlier row in file order counts as first
    earlier &= (dt > np.timedelta64(0)) | (np.arange(n)[None, :] < np.arange(n)[:, None])
    alike = (group[:, None] == group[None, :]) & earlier
    duplicate = (alike & (differing == 0)).any(axis=1)
    near = (alike & (differing == 1)).any(axis=1) & ~duplicate
    return duplicate, near


def test_duplicate_flags_equal_a_brute_force_comparison(fw):
    """The candidate pre-filter and hashing give exactly what comparing every pair gives."""
    rng = np.random.default_rng(11)
    qids = [q.id for q in fw.questions_of("IIT")]
    f = _frame(fw, "IIT", 300, seed=5)
    f["department"] = rng.choice(["ฝ่ายปกครอง", "ฝ่ายโยธา", "ฝ่ายรายได้"], len(f))
    f["staff_type"] = rng.choice(["ข้าราชการ", "ลูกจ้างประจำ"], len(f))
    f["submitted_at"] = pd.Timestamp("2023-05-01") + pd.to_timedelta(rng.integers(0, 3 * 24 * 60, len(f)), unit="min")
    for k in rng.choice(len(f), 60, replace=False):  # copies and near-copies of earlier answers, some in time
        src = rng.integers(0, len(f))
        f.loc[k, qids] = f.loc[src, qids].to_numpy()
        if rng.random() < 0.5:
            f.loc[k, qids[rng.integers(0, len(qids))]] = np.nan
        f.loc[k, ["department", "staff_type"]] = f.loc[src, ["department", "staff_type"]].to_numpy()
        f.loc[k, "submitted_at"] = f.loc[src, "submitted_at"] + pd.Timedelta(minutes=int(rng.integers(-90, 90)))
    flags = flag_responses(f, "IIT", fw)
    duplicate, near = _brute_force_duplicates(f, qids, pd.Timedelta(minutes=60))
    assert duplicate.sum() >= 5 and near.sum() >= 5  # the test has something to find
    np.testing.assert_array_equal(flags["duplicate"].to_numpy(), duplicate)
    np.testing.assert_array_equal(flags["near_duplicate"].to_numpy(), near)


def test_sensitivity_equals_scoring_the_unflagged_copies(raw_dir, roster, fw):
    """Subset scores in place (IIT with the roster's FPC, EIT, OIT, overall) equal scoring copies of the kept rows."""
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv")
    result = check_integrity(iit, eit, oit, roster, framework=fw)
    keep = {t: ~result.flags[t]["any"].to_numpy() for t in ("IIT", "EIT")}
    assert all((~k).sum() > 0 for k in keep.values())
    alone = ia.score(iit.data[keep["IIT"]], eit.data[keep["EIT"]], oit, roster, framework=fw)
    sens = result.sensitivity.set_index(["level", "id"])
    assert sens.loc[("overall", "ITA"), "score_unflagged"] == pytest.approx(alone.overall["score"], abs=1e-9)
    for r in alone.tools.itertuples():
        assert sens.loc[("tool", r.tool), "score_unflagged"] == pytest.approx(r.score, abs=1e-9)
        assert sens.loc[("tool", r.tool), "n_unflagged"] == r.n
    for r in alone.indicators.itertuples():
        assert sens.loc[("indicator", r.indicator), "score_unflagged"] == pytest.approx(r.score, abs=1e-9)


def test_straight_lining_equals_a_plain_reading(fw):
    """The block-wise test on answer codes against a plain reading, level by level, question by question."""
    from ita_analytics.stats._integrity import _straight_lining

    four = [q for q in fw.questions_of("IIT") if q.scale == "4L"]
    rng = np.random.default_rng(7)
    n = 70_000  # more than one row block
    levels = rng.integers(1, 5, size=(n, len(four)))
    levels[: n // 3] = rng.integers(1, 5, size=(n // 3, 1))  # a third answer one level throughout …
    levels[rng.random(levels.shape) < 0.05] = 0  # … with some blanks (level 0)
    levels[5:7] = 2  # two who answered "2" to every question
    levels[6, 1] = 0  # one of them left a question blank
    codes = (levels - 1).astype(np.int8)  # the codes as the responses hold them: 0 … 3, −1 = blank
    for share in (0.9, 1.0):
        known = levels > 0  # a second reading: every answered question at one level
        expected = ((np.where(known, levels, 9).min(axis=1) == levels.max(axis=1))
                    & (known.sum(axis=1) >= share * len(four)))
        got = _straight_lining(codes, share * len(four))
        assert got.sum() > 1000 and (got == expected).all()
        assert got[5] and got[6] == (share < 1)


def test_group_codes_partition_like_groupby():
    from ita_analytics.stats._integrity import _group_codes

    frame = pd.DataFrame({"agency": pd.Categorical(["ก", "ข", "ก", None, "ข", "ก"]),
                          "department": ["x", "x", "y", "x", None, "x"], "staff_type": ["a"] * 6})
    codes = _group_codes(frame, ("agency", "department", "staff_type", "respondent_group"))
    expected = frame.groupby(["agency", "department", "staff_type"], dropna=False, observed=True).ngroup()
    assert pd.crosstab(codes, expected.to_numpy()).astype(bool).sum(axis=1).eq(1).all()  # same partition
    assert len(set(codes)) == expected.nunique() == 5


def test_burst_window_border_is_exact_among_many_places():
    """Fifteen submissions 300.005 s apart are not a 5-minute burst, 299.995 s apart they are, even
    for the place numbered 100,000 (a float key would blur the border by tens of milliseconds);
    and on random data the flags equal counting every window by hand."""
    from ita_analytics.stats._integrity import _bursts

    span = np.int64(300 * 10**9)
    start = np.datetime64("2023-06-01T10:00:00", "ns")
    others = start - np.arange(1, 100_001) * np.timedelta64(86_400, "ms")  # 100,000 other places, 100 days
    for extra_ms in range(-25, 26, 10):
        for shift_ms in range(0, 40_000, 7_919):
            t0 = start + np.timedelta64(shift_ms, "ms")
            mine = np.array([t0 + np.timedelta64(20 * k, "s") for k in range(14)]
                            + [t0 + np.timedelta64(300_000 + extra_ms, "ms")], dtype="datetime64[ns]")
            times = np.concatenate([others, mine])
            places = np.concatenate([np.arange(100_000), np.full(15, 100_000)])
            hit = _bursts(times, places, span, 15)
            assert hit[100_000:].all() == (extra_ms <= 0) and not hit[:100_000].any()
    rng = np.random.default_rng(4)
    times = start + rng.integers(0, 40 * 60, 400).astype("timedelta64[s]")
    places = rng.integers(0, 3, 400)
    hit = _bursts(times, places, span, 15)
    expected = np.zeros(400, dtype=bool)
    for i in range(400):  # every window [t_j, t_j + span] of a place holding ≥ 15 covers its members
        window = (places == places[i]) & (times >= times[i]) & (times - times[i] <= span)
        if window.sum() >= 15:
            expected |= window
    assert expected.sum() > 20 and (hit == expected).all()
