"""Charts for people: Thai labels in Sarabun, colour-blind-safe colours, numbers saved beside.

Charts read results; they never compute statistics. Each chart is written as PNG and SVG,
with a CSV of exactly the numbers it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ._export import write_csv
from ._fonts import use_thai_font
from ._ingest import ReadResult
from ._labels import CHECK_LABELS, KIND_LABELS, label

__all__ = ["PALETTE", "ingest_summary_table", "plot_indicators", "plot_ingest_summary", "save_chart"]

#: Okabe–Ito colours (safe for the common forms of colour blindness).
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "grey": "#7F7F7F"}


def save_chart(fig: "matplotlib.figure.Figure", data: pd.DataFrame, stem: str | Path) -> list[Path]:  # noqa: F821
    """Save ``fig`` as ``stem.png`` (150 dpi) and ``stem.svg``, and ``data`` as ``stem.csv``."""
    import matplotlib.pyplot as plt

    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(paths[0], dpi=150, bbox_inches="tight")
    fig.savefig(paths[1], bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    paths.append(write_csv(data, stem.with_suffix(".csv")))
    return paths


def ingest_summary_table(results: Sequence[ReadResult], *, language: str = "th") -> pd.DataFrame:
    """One row per file and reject check: file, kind, rows read, accepted, rejected, check, count."""
    rows = []
    for r in results:
        name = Path(r.source.path).name
        checks = r.rejects["check"].str.split(";").explode() if r.rejected else pd.Series(dtype=object)
        counts = checks.value_counts()
        base = {"file": name, "kind": r.kind, "rows_read": r.rows_read, "accepted": r.accepted, "rejected": r.rejected}
        if counts.empty:
            rows.append({**base, "check": "", "check_label": "", "count": 0})
        for check, n in counts.items():
            rows.append({**base, "check": check, "check_label": label(CHECK_LABELS, str(check), language),
                         "count": int(n)})
    return pd.DataFrame(rows)


def plot_ingest_summary(results: Sequence[ReadResult], *, language: str = "th") -> tuple["matplotlib.figure.Figure", pd.DataFrame]:  # noqa: F821
    """Accepted and rejected rows per file, and why rows were rejected.

    Returns the figure and the table of the numbers it shows.
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    table = ingest_summary_table(results, language=language)
    files = table.drop_duplicates("file")
    th = language == "th"
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 0.55 * len(files) + 2.2), width_ratios=[1.2, 1])
    names = [f"{f} · {label(KIND_LABELS, k, language)}" for f, k in zip(files["file"], files["kind"])]
    y = range(len(files))
    ax1.barh(y, files["accepted"], color=PALETTE["blue"], label="รับไว้" if th else "accepted")
    ax1.barh(y, files["rejected"], left=files["accepted"], color=PALETTE["vermillion"],
             label="ปฏิเสธ" if th else "rejected")
    for k, (a, r) in enumerate(zip(files["accepted"], files["rejected"])):
        ax1.text(a + r, k, f"  {a:,} / {r:,}", va="center", fontsize=9)
    ax1.set_yticks(list(y), names)
    ax1.invert_yaxis()
    ax1.set_xlabel("จำนวนแถว (รับไว้ / ปฏิเสธ)" if th else "rows (accepted / rejected)")
    ax1.set_xlim(0, files["rows_read"].max() * 1.25)
    ax1.legend(loc="lower right", frameon=False)
    ax1.spines[["top", "right"]].set_visible(False)
    reasons = table[table["count"] > 0].groupby("check_label")["count"].sum().sort_values()
    ax2.barh(range(len(reasons)), reasons.to_numpy(), color=PALETTE["orange"])
    ax2.set_yticks(range(len(reasons)), reasons.index)
    for k, v in enumerate(reasons.to_numpy()):
        ax2.text(v, k, f" {v}", va="center", fontsize=9)
    ax2.set_xlabel("แถวที่ปฏิเสธ" if th else "rejected rows")
    ax2.set_title("เหตุผลที่ปฏิเสธ (ทุกไฟล์)" if th else "Why rows were rejected (all files)", fontsize=11)
    ax2.spines[["top", "right"]].set_visible(False)
    fig.suptitle("ผลการตรวจไฟล์นำเข้า: ทุกแถวรับไว้หรือปฏิเสธพร้อมเหตุผล" if th
                 else "Input check: every row accepted or rejected with a reason", fontsize=13)
    fig.tight_layout()
    return fig, table


def _band_edges(framework: "Framework") -> list[tuple[str, float, float]]:  # noqa: F821
    edges, upper = [], 100.0
    for band in framework.grade_bands:
        edges.append((band.grade, band.minimum, upper))
        upper = band.minimum
    return edges


def plot_indicators(result: "ScoreResult", framework: "Framework", *, language: str = "th",  # noqa: F821
                    low: float | None = None) -> tuple["matplotlib.figure.Figure", pd.DataFrame]:  # noqa: F821
    """Indicator and tool scores with their confidence intervals, against the grade bands.

    Returns the figure and the table of the numbers it shows.
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    th = language == "th"
    ind = result.indicators.copy()
    ind["label"] = [f"{'ตัวชี้วัดที่' if th else 'Indicator'} {i} {n if th else e}"
                    for i, n, e in zip(ind["indicator"], ind["name_th"], ind["name_en"])]
    tools = result.tools.assign(label=lambda t: t["tool"])
    table = pd.concat([tools.assign(level="tool"), ind.assign(level="indicator")], ignore_index=True)
    table = table[["level", "label", "score", "se", "ci_low", "ci_high", "n"]]
    lo = low if low is not None else max(0.0, 5 * np.floor((table["ci_low"].min() - 3) / 5))
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(table) + 1.8))
    shades = ["#F2F2F2", "#FFFFFF"]
    for k, (grade, a, b) in enumerate(_band_edges(framework)):
        if b <= lo:
            continue
        ax.axvspan(max(a, lo), b, color=shades[k % 2], zorder=0)
        ax.text((max(a, lo) + b) / 2, -1.05, grade, ha="center", va="center", fontsize=10, color="#555555")
    colors = {"IIT": PALETTE["blue"], "EIT": PALETTE["orange"], "OIT": PALETTE["green"]}
    tool_of = dict(zip(ind["label"], ind["tool"]))
    for y, row in enumerate(table.itertuples(index=False)):
        tool = row.label if row.level == "tool" else tool_of[row.label]
        ax.barh(y, row.score - lo, left=lo, color=colors.get(tool, PALETTE["grey"]), alpha=0.9 if row.level == "tool" else 0.55,
                height=0.6, zorder=2)
        if row.ci_high > row.ci_low:
            ax.errorbar(row.score, y, xerr=[[row.score - row.ci_low], [row.ci_high - row.score]], fmt="none",
                        ecolor="#222222", capsize=3, lw=1.2, zorder=3)
        ax.text(min(row.ci_high, 100) + 0.3, y, f"{row.score:.2f}", va="center", fontsize=9, zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85})
    pass_mark = framework.scoring.pass_mark
    ax.axvline(pass_mark, color=PALETTE["vermillion"], lw=1.5, ls="--", zorder=4)
    ax.text(pass_mark, -0.5, f" {'เกณฑ์ผ่าน' if th else 'pass mark'} {pass_mark:g}", color=PALETTE["vermillion"],
            fontsize=9, va="center")
    ax.set_yticks(range(len(table)), table["label"])
    for tick, level in zip(ax.get_yticklabels(), table["level"]):
        tick.set_fontweight("bold" if level == "tool" else "normal")
    ax.invert_yaxis()
    ax.set_xlim(lo, 104)
    ax.set_ylim(len(table) - 0.4, -1.5)
    pct = int(round(result.method["confidence"] * 100))
    ax.set_xlabel(f"คะแนน (เส้นขีด = ช่วงความเชื่อมั่น {pct}%)" if th else f"score (whiskers = {pct}% confidence interval)")
    title = (f"คะแนนรายเครื่องมือและรายตัวชี้วัด ปีงบประมาณ พ.ศ. {framework.fiscal_year}" if th
             else f"Tool and indicator scores, FY{framework.fiscal_year}")
    ax.set_title(title, fontsize=13, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, table
