"""The committed sample data is exactly what the seeded generator writes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ita_analytics.app._synth import write_sample_data


def test_regenerated_sample_is_unchanged(tmp_path, raw_dir):
    files = write_sample_data(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in raw_dir.iterdir() if p.suffix in (".csv", ".xlsx"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (raw_dir / name).read_bytes(), f"{name} differs: run `make sample-data`"
    assert len(files.planted) == 36


def test_sample_meets_what_the_demo_needs(raw_dir, roster):
    import ita_analytics as ia

    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    assert iit.accepted >= 400 and eit.accepted >= 500
    assert set(eit.data["respondent_group"]) == {"บุคคล", "นิติบุคคล", "บริษัทเอกชน", "หน่วยงานภาครัฐ"}
    answers = iit.data[[f"i{k}" for k in range(1, 26)]]
    assert 0.01 < answers.isna().mean().mean() < 0.06  # item non-response is there
    assert pd.Series(iit.data["department"]).str.startswith("โรงเรียน").any()


def test_national_generator_is_seeded_and_unequal(tmp_path):
    from ita_analytics.app._synth import write_national_sample

    a = write_national_sample(tmp_path / "a", agencies=40, responses=4000)
    b = write_national_sample(tmp_path / "b", agencies=40, responses=4000)
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    import ita_analytics as ia

    iit, eit = ia.read_iit(a[0]), ia.read_eit(a[1])
    assert iit.rejected == eit.rejected == 0
    assert (iit.accepted, eit.accepted) == (1600, 2400)  # the responses asked for, 40 % of them IIT
    assert iit.data["agency"].nunique() == eit.data["agency"].nunique() == 40  # every agency in both
    sizes = iit.data["agency"].value_counts()
    assert sizes.nunique() > 5 and sizes.max() > 4 * sizes.median()  # log-normal: a few large, many small


def test_agency_sizes_add_up_to_the_responses_asked_for():
    from ita_analytics.app._synth import _allocate

    rng = np.random.default_rng(1)
    for groups, total in [(30, 1800), (400, 59_999), (8317, 540_000), (5, 3), (1, 7)]:
        weights = rng.lognormal(0.0, 1.1, groups)
        counts = _allocate(weights, total)
        assert counts.sum() == total and len(counts) == groups
        assert counts.min() >= (1 if total >= groups else 0)
        # within one of the exact proportional share of what is left after the one each
        floor = 1 if total >= groups else 0
        exact = weights / weights.sum() * (total - floor * groups) + floor
        assert np.all(np.abs(counts - exact) < 1)
    assert _allocate(np.array([1.0, 1.0, 2.0]), 8).tolist() == [2, 2, 4]
    assert _allocate(np.array([1.0, 1.0, 1.0]), 5).tolist() == [2, 2, 1]  # ties: the first ones first
