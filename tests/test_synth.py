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
