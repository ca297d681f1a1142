"""Charts use a real Thai font: every Thai glyph is found in Sarabun."""

from __future__ import annotations

import warnings

import ita_analytics as ia
from ita_analytics._charts import plot_ingest_summary, save_chart
from ita_analytics._fonts import thai_font_files, use_thai_font


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
