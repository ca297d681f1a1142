"""The committed sample data is exactly what the seeded generator writes."""

from __future__ import annotations

import pandas as pd

from ita_analytics._synth import write_sample_data


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
    from ita_analytics._synth import write_national_sample

    a = write_national_sample(tmp_path / "a", agencies=40, responses=4000)
    b = write_national_sample(tmp_path / "b", agencies=40, responses=4000)
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    import ita_analytics as ia

    iit, eit = ia.read_iit(a[0]), ia.read_eit(a[1])
    assert iit.rejected == eit.rejected == 0 and abs(iit.accepted + eit.accepted - 4000) <= 80  # rounding of sizes
    sizes = iit.data["agency"].value_counts()
    assert sizes.nunique() > 5 and sizes.max() > 4 * sizes.median()  # log-normal: a few large, many small
