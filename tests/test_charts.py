"""Charts use a real Thai font: every Thai glyph is found in Sarabun."""

from __future__ import annotations

import warnings

import ita_analytics as ia
from ita_analytics.output._charts import plot_ingest_summary, save_chart
from ita_analytics.output._fonts import thai_font_files, use_thai_font


def test_sarabun_is_installed_and_registered():
    from matplotlib import font_manager

    assert any(p.name == "Sarabun-Regular.ttf" for p in thai_font_files())
    use_thai_font()
    found = font_manager.findfont(font_manager.FontProperties(family="Sarabun"), fallback_to_default=False)
    assert found.endswith("Sarabun-Regular.ttf")


def test_ingest_chart_renders_thai_without_missing_glyphs(raw_dir, tmp_path, roster):
    results = [roster, ia.read_iit(raw_dir / "iit_2566.csv", roster=roster), ia.read_eit(raw_dir / "eit_2566.csv")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would fail here
        fig, table = plot_ingest_summary(results)
        fig.canvas.draw()
        paths = save_chart(fig, table, tmp_path / "ingest")
    assert [p.suffix for p in paths] == [".png", ".svg", ".csv"]
    assert table.groupby("file")["rejected"].first().to_dict() == {"eit_2566.csv": 6, "iit_2566.csv": 12,
                                                                   "roster_2566.xlsx": 0}
    texts = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "ไม่อยู่ในบัญชีบุคลากร" in texts


def test_indicator_chart_shows_intervals_and_bands(raw_dir, roster, fw, tmp_path):
    from ita_analytics.output._charts import plot_indicators

    r = ia.score(ia.read_iit(raw_dir / "iit_2566.csv", roster=roster), ia.read_eit(raw_dir / "eit_2566.csv"),
                 ia.read_oit_checklist(raw_dir / "oit_2566.csv"), roster, framework=fw)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, table = plot_indicators(r, fw)
        save_chart(fig, table, tmp_path / "ind")
    assert len(table) == 13 and (table["ci_low"] <= table["score"]).all()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[3] == "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่"
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"AA", "A", "B"} <= texts and f"{r.tools.score.iloc[0]:.2f}" in texts


def test_funnel_names_only_the_farthest_outliers_and_no_label_overlaps(tmp_path):
    """Thousands of agencies (the NACC's view): ten names, none over another or over the legend."""
    import numpy as np
    import pandas as pd
    from matplotlib.text import Text

    from ita_analytics.output._charts import FUNNEL_NAMES, plot_funnel

    rng = np.random.default_rng(7)
    n = np.concatenate([rng.integers(5, 2000, 3000), [400] * 12])  # twelve far outliers stacked on one spot
    centre, sd = 80.0, 15.0
    score = centre + rng.standard_t(3, len(n)) * 2.5 * sd / np.sqrt(n)
    score[-12:] = 50.0 - np.arange(12) * 0.01
    z = np.abs(score - centre) / (sd / np.sqrt(n))
    funnel = pd.DataFrame({"value": [f"สำนักงานเขต {k:04d}" for k in range(len(n))], "tool": "IIT", "n": n,
                           "score": score, "se": sd / np.sqrt(n), "centre": centre, "sd": sd, "tau": 0.0, "z": z,
                           "outside_95": z > 1.959964, "outside_998": z > 3.090232, "suppressed": False})
    fig, table = plot_funnel(funnel, tool="IIT", short_name=ia.load_framework(2566).short_name)  # the frame's short names
    fig.savefig(tmp_path / "funnel.png")
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    names = [t.get_text() for t in ax.texts]
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts]  # the texts themselves, not their lines
    farthest = funnel[funnel["outside_998"]].assign(z=z[funnel["outside_998"]]).nlargest(FUNNEL_NAMES, "z")
    assert sorted(names) == sorted(v.replace("สำนักงานเขต", "เขต") for v in farthest["value"])
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    legend = ax.get_legend().get_window_extent(renderer)
    assert not any(box.overlaps(legend) for box in boxes)
    assert f"ชื่อ {FUNNEL_NAMES} หน่วยงานที่ห่างที่สุดจาก {int(funnel['outside_998'].sum())} หน่วยงาน" in ax.get_title(loc="left")
    assert table is funnel
