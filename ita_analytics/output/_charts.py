"""Charts for people: Thai labels in Sarabun, colour-blind-safe colours, numbers saved beside.

Charts read results; they never compute statistics. Each chart is written as PNG and SVG,
with a CSV of exactly the numbers it shows.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core._files import atomic_write
from ..core._framework import load_framework
from ..core._types import ReadResult
from ..stats._breakdown import funnel_limits
from ._export import write_csv
from ._fonts import use_thai_font
from ._i18n import CHECK_LABELS, KIND_LABELS, date_words, label, say

if TYPE_CHECKING:  # annotations only: matplotlib loads when a chart is drawn
    import matplotlib.axes
    import matplotlib.figure

    from ..core._framework import Framework
    from ..stats._compare import Comparison
    from ..stats._quota import QuotaResult
    from ..stats._scoring import ScoreResult

__all__ = [
    "FUNNEL_NAMES", "PALETTE", "ingest_summary_table", "plot_answers", "plot_coverage", "plot_dumbbell", "plot_funnel",
    "plot_indicators", "plot_ingest_summary", "plot_oit", "plot_progress", "plot_scorecard", "plot_trend",
    "save_chart", "thai_date",
]

#: Okabe–Ito colours (safe for the common forms of colour blindness).
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "grey": "#7F7F7F"}


def save_chart(fig: matplotlib.figure.Figure, data: pd.DataFrame, stem: str | Path) -> list[Path]:
    """Save ``fig`` as ``stem.png`` (150 dpi) and ``stem.svg``, and ``data`` as ``stem.csv``."""
    import matplotlib.pyplot as plt

    stem = Path(stem)

    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    atomic_write(paths[0], lambda tmp: fig.savefig(tmp, dpi=150, bbox_inches="tight"))
    atomic_write(paths[1], lambda tmp: fig.savefig(tmp, bbox_inches="tight", metadata={"Date": None}))
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


def plot_ingest_summary(results: Sequence[ReadResult], *, language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Accepted and rejected rows per file, and why rows were rejected.

    Returns the figure and the table of the numbers it shows.
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    table = ingest_summary_table(results, language=language)
    files = table.drop_duplicates("file")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 0.55 * len(files) + 2.2), width_ratios=[1.2, 1])
    names = [f"{f} · {label(KIND_LABELS, k, language)}" for f, k in zip(files["file"], files["kind"])]
    y = range(len(files))
    ax1.barh(y, files["accepted"], color=PALETTE["blue"], label=say("chart.accepted", language))
    ax1.barh(y, files["rejected"], left=files["accepted"], color=PALETTE["vermillion"],
             label=say("chart.rejected", language))
    for k, (a, r) in enumerate(zip(files["accepted"], files["rejected"])):
        ax1.text(a + r, k, f"  {a:,} / {r:,}", va="center", fontsize=9)
    ax1.set_yticks(list(y), names)
    ax1.invert_yaxis()
    ax1.set_xlabel(say("chart.rows_axis", language))
    ax1.set_xlim(0, files["rows_read"].max() * 1.25)
    ax1.legend(loc="lower right", frameon=False)
    ax1.spines[["top", "right"]].set_visible(False)
    reasons = table[table["count"] > 0].groupby("check_label")["count"].sum().sort_values()
    ax2.barh(range(len(reasons)), reasons.to_numpy(), color=PALETTE["orange"])
    ax2.set_yticks(range(len(reasons)), reasons.index)
    for k, v in enumerate(reasons.to_numpy()):
        ax2.text(v, k, f" {v}", va="center", fontsize=9)
    ax2.set_xlabel(say("chart.rejected_rows", language))
    ax2.set_title(say("chart.rejected_why", language), fontsize=11)
    ax2.spines[["top", "right"]].set_visible(False)
    fig.suptitle(say("chart.input_check_every_row", language), fontsize=13)
    fig.tight_layout()
    return fig, table


def _band_edges(framework: Framework, language: str = "th") -> list[tuple[str, float, float]]:
    """The ranges the year grades the overall score by: grade bands, or (FY2567 on) categories.

    Categories that share a minimum overall score (ผ่านดี and ผ่าน: the tools decide) share a range,
    named together.
    """
    if framework.scoring.grading == "categories" and framework.grade_categories:
        by_minimum: dict[float, list[str]] = {}
        for cat in framework.grade_categories:
            by_minimum.setdefault(cat.minimum_overall, []).append(cat.name_th if language == "th" else cat.name_en)
        named = [("/".join(reversed(names)), minimum) for minimum, names in sorted(by_minimum.items(), reverse=True)]
    else:
        named = [(band.grade, band.minimum) for band in framework.grade_bands]
    edges, upper = [], 100.0
    for name, minimum in named:
        edges.append((name, minimum, upper))
        upper = minimum
    return edges


def _axis_start(values: np.ndarray) -> float:
    """Where a score axis starts: 50 for every year and agency (so that charts compare), 0 if a value is below 50."""
    return 50.0 if np.nanmin(values) >= 50 else 0.0


def plot_indicators(result: ScoreResult, framework: Framework, *, language: str = "th",
                    low: float | None = None) -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Indicator and tool scores with their confidence intervals, against the grade bands.

    Returns the figure and the table of the numbers it shows.
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    th = language == "th"
    ind = result.indicators.copy()
    ind["label"] = [say("chart.indicator", language, id=i, name=n if th else e)
                    for i, n, e in zip(ind["indicator"], ind["name_th"], ind["name_en"])]
    tools = result.tools.assign(label=lambda t: t["tool"])
    table = pd.concat([tools.assign(level="tool"), ind.assign(level="indicator")], ignore_index=True)
    table = table[["level", "label", "score", "se", "ci_low", "ci_high", "n"]]
    lo = 0.0 if low is None else low  # one axis for every year: bars start at 0 (their lengths compare, year to year)
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(table) + 1.8))
    shades = ["#F2F2F2", "#FFFFFF"]
    for k, (grade, a, b) in enumerate(_band_edges(framework, language)):
        if b <= lo:
            continue
        ax.axvspan(max(a, lo), b, color=shades[k % 2], zorder=0)
        narrow = b - max(a, lo) < 12
        crowded = narrow and len(grade) > b - max(a, lo)  # a category's name wider than its band (85–95, 95–100)
        ax.text((max(a, lo) + b) / 2, (-1.3 if k % 2 else -0.95) if crowded else -1.05, grade, ha="center",
                va="center", fontsize=8 if narrow else 10, color="#555555")  # crowded names take two rows
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
    ax.text(pass_mark, -0.5, say("chart.pass_mark_line", language, mark=pass_mark), color=PALETTE["vermillion"],
            fontsize=9, va="center")
    ax.set_yticks(range(len(table)), table["label"])
    for tick, level in zip(ax.get_yticklabels(), table["level"]):
        tick.set_fontweight("bold" if level == "tool" else "normal")
    ax.invert_yaxis()
    ax.set_xlim(lo, 104)
    ax.set_xticks(np.arange(lo, 100.1, 10))
    ax.set_ylim(len(table) - 0.4, -1.5)
    pct = int(round(result.method["confidence"] * 100))
    ax.set_xlabel(say("chart.score_whiskers", language, pct=pct))
    title = (say("chart.tool_and_indicator_scores", language, v0=framework.fiscal_year))
    ax.set_title(title, fontsize=13, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, table


def thai_date(value: pd.Timestamp | dt.date, *, year: bool = True) -> str:
    """A date the way a Thai office writes it: 15 พ.ค. 66 (Buddhist-era year)."""
    text = date_words(value, "th", short=True)
    return text if year else text.rsplit(" ", 1)[0]


def plot_coverage(quota: QuotaResult, framework: Framework, *,
                  language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """IIT coverage of each roster cell (department × staff type), exactly as the rules count it.

    One bar per cell with its required line: orange when short (with how many), blue when met,
    grey when more staff answered than the roster lists (the roster is out of date).
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    use_thai_font()
    table = quota.cells[quota.cells["eligible"] > 0].copy()
    table["over_roster"] = table["responses"] > table["eligible"]
    table["label"] = [f"{d} · {t}" for d, t in zip(table["department"], table["staff_type"])]
    fig, ax = plt.subplots(figsize=(10.5, 0.3 * len(table) + 2.4))
    colors = {"short": PALETTE["orange"], "met": PALETTE["blue"], "over": "#9a9a9a"}
    for y, row in enumerate(table.itertuples(index=False)):
        state = "over" if row.over_roster else "short" if row.shortfall > 0 else "met"
        ax.barh(y, min(row.coverage, 1.0) * 100, height=0.7, color=colors[state],
                edgecolor="white", zorder=2)
        ax.plot([row.required_coverage * 100] * 2, [y - 0.42, y + 0.42], color="#222222", lw=2, zorder=3)
        note = f"{row.responses}/{row.eligible}" + (say("chart.short_by", language, n=row.shortfall) if state == "short"
                                                    else say("chart.over_roster", language) if state == "over" else "")
        ax.text(102, y, note, va="center", fontsize=7.5, color="#333333" if state == "met" else "#a04000")
    ax.set_yticks(range(len(table)), table["label"], fontsize=7.5)
    for k, dept in enumerate(table["department"]):  # a faint line between departments
        if k and dept != table["department"].iloc[k - 1]:
            ax.axhline(k - 0.5, color="#dddddd", lw=0.8, zorder=1)
    ax.invert_yaxis()
    ax.set_xlim(0, 128)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel(say("chart.of_eligible_staff_who", language))
    handles = [Patch(color=colors["met"], label=say("chart.rule_met", language)),
               Patch(color=colors["short"], label=say("chart.short_of_the_rule", language)),
               Patch(color=colors["over"], label=say("chart.over_roster_legend", language))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.35 / max(1, len(table)) ** 0.5 - 0.04),
              ncol=3, frameon=False)
    when = "" if quota.as_of is None else say("chart.as_of", language, date=date_words(quota.as_of, language, short=True))
    ax.set_title(say("chart.coverage_title", language, when=when), fontsize=13, loc="left", pad=22)
    ax.text(0, 1.01, say("chart.rules_count_each_staff", language), transform=ax.transAxes, fontsize=9, color="#555555",
            va="bottom")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, table.drop(columns=["label"])


def plot_progress(quota: QuotaResult, *, language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Cumulative responses per tool against the target, with the forecast and the window's last day.

    The forecast line is drawn only while the window is open and only up to its last day; a
    window that closes first, or has closed, is said in the legend.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    use_thai_font()
    fig, ax = plt.subplots(figsize=(10, 5.4))
    colors = {"IIT": PALETTE["blue"], "EIT": PALETTE["orange"]}
    rows = []
    for tool, g in quota.progress.groupby("tool", sort=False):
        fc = quota.forecast[tool]
        label = f"{tool}: {fc['responses']:,} / {fc['target']:,}" + _forecast_words(fc, language)
        if fc.get("status") in ("on_track", "window_closes_first", "no_deadline") and fc["projected_date"]:
            end = pd.Timestamp(fc["projected_date"])
            if fc.get("deadline"):
                end = min(end, pd.Timestamp(fc["deadline"]))
            reach = fc["responses"] + fc["rate_per_day"] * (end - g["date"].max()).days
            ax.plot([g["date"].max(), end], [fc["responses"], min(reach, fc["target"])], color=colors[tool], lw=1.5, ls="--")
        ax.plot(g["date"], g["cumulative"], color=colors[tool], lw=2.2, label=label)
        ax.axhline(fc["target"], color=colors[tool], lw=1, ls=":")
        ax.text(g["date"].iloc[0], fc["target"], say("chart.target", language, tool=tool, n=fc["target"]),
                color=colors[tool], va="bottom", fontsize=9)
        rows.append(g.assign(projected_date=fc["projected_date"], rate_per_day=fc["rate_per_day"], status=fc.get("status")))
    for d in {fc["deadline"] for fc in quota.forecast.values() if fc.get("deadline")}:
        ax.axvline(pd.Timestamp(d), color=PALETTE["vermillion"], lw=1.5, label=say("chart.deadline", language,
                                                                                   date=date_words(d, language, short=True)))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: date_words(mdates.num2date(x), language, short=True)))
    ax.set_ylabel(say("chart.cumulative_responses", language))
    ax.set_title(say("chart.progress_title", language), fontsize=13, loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, frameon=False, fontsize=9)  # under the axes
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig, pd.concat(rows, ignore_index=True) if rows else quota.progress


def _forecast_words(fc: dict[str, Any], language: str) -> str:
    """The forecast in the legend: reached, on track by a date, the window closing first, or closed (final)."""
    status = fc.get("status")
    if status == "reached":
        return say("chart.target_reached", language)
    if status == "closed":
        return say("chart.window_closed", language, n=fc["remaining"])
    if status == "window_closes_first":
        return say("chart.window_closes_first", language, date=date_words(fc["deadline"], language, short=True),
                   n=round(fc["expected_at_deadline"]), rate=fc["rate_per_day"])
    if status in ("on_track", "no_deadline") and fc.get("projected_date"):
        return say("chart.projected", language, date=date_words(fc["projected_date"], language, short=True),
                   rate=fc["rate_per_day"])
    return say("chart.no_forecast", language)


def plot_dumbbell(comparison: Comparison, framework: Framework, *, before_year: int | None = None,
                  language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Indicators before → after, each with its interval; real changes marked, unmatched ones said.

    ``before_year`` picks the pair of years (default: the latest pair).
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    use_thai_font()
    th = language == "th"
    rows = comparison.rows
    if before_year is None:
        before_year = int(rows["before_year"].max())
    pair = rows[(rows["before_year"] == before_year) & rows["level"].isin(["overall", "tool", "indicator"])].copy()
    after_year = int(pair["after_year"].iloc[0])
    names = {i.id: (i.name_th if th else i.name_en) for i in framework.indicators}
    pair["label"] = [(say("chart.overall_ita", language)) if lv == "overall" else
                     (i if lv == "tool" else say("chart.indicator", language, id=i, name=names.get(i, "")))
                     for lv, i in zip(pair["level"], pair["id"])]
    fig, ax = plt.subplots(figsize=(10.5, 0.45 * len(pair) + 2.2))
    c_before, c_after = PALETTE["grey"], PALETTE["blue"]
    for y, r in enumerate(pair.itertuples(index=False)):
        if pd.notna(r.before) and pd.notna(r.after):
            ax.plot([r.before, r.after], [y, y], color="#BBBBBB", lw=3, zorder=1, solid_capstyle="round")
        for value, low, high, color, dy in ((r.before, r.before_low, r.before_high, c_before, -0.12),
                                            (r.after, r.after_low, r.after_high, c_after, 0.12)):
            if pd.isna(value):
                continue
            if pd.notna(low) and high > low:
                ax.plot([low, high], [y + dy] * 2, color=color, lw=1.2, zorder=2)
            ax.plot(value, y + dy, "o", color=color, ms=7, zorder=3)
        if pd.notna(r.change):
            real = r.verdict in ("real_meaningful", "real_possibly_meaningful", "real_small")  # never for one not tested
            text = ("* " if real else "") + f"{r.change:+.2f}"
            if r.reason == "unreliable":  # e.g. OCR-misread published figures: shown, never tested
                text += say("chart.unreliable", language)
            right = np.nanmax([r.before, r.after, r.before_high, r.after_high])
            ax.text(right + 0.5, y, text, va="center", fontsize=9,
                    color=PALETTE["vermillion"] if real else "#444444",
                    fontweight="bold" if r.verdict == "real_meaningful" else "normal")
        else:
            ax.text(np.nanmax([r.before, r.after, r.before_high, r.after_high]) + 0.6, y, say("chart.not_comparable", language),
                    va="center",
                    fontsize=8, color="#777777", style="italic")
    ax.set_yticks(range(len(pair)), pair["label"])
    for tick, level in zip(ax.get_yticklabels(), pair["level"]):
        tick.set_fontweight("bold" if level != "indicator" else "normal")
    ax.invert_yaxis()
    lo = _axis_start(pair[["before", "after"]].to_numpy())
    noted = (pair["reason"] == "unreliable").any()  # "(source figure unreliable)" needs room to the right
    ax.set_xlim(lo, 116 if noted else 104)
    ax.set_xticks(np.arange(lo, 100.1, 10))  # scores end at 100; the room is for notes
    handles = [Line2D([], [], marker="o", color=c_before, ls="", label=say("chart.fiscal_year", language, year=before_year)),
               Line2D([], [], marker="o", color=c_after, ls="", label=say("chart.fiscal_year", language, year=after_year)),
               Line2D([], [], color=PALETTE["vermillion"], ls="", marker="*", ms=9,
                      label=say("chart.real_change", language, threshold=comparison.settings["meaningful_change"])),
               Line2D([], [], ls="", label=say("chart.bold_names", language))]  # a line of words: what bold names are
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.5 / len(pair)), ncol=2, frameon=False)
    pct = int(round(comparison.settings["confidence"] * 100))
    ax.set_xlabel(say("chart.score_line_interval_number", language, v0=pct))
    ax.set_title(say("chart.compare_title", language, before=before_year, after=after_year),
                 fontsize=13, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, pair.drop(columns=["label"])


def plot_trend(comparison: Comparison, *, framework: Framework | None = None,
               language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Overall and tool scores over three or more fiscal years, with intervals where known.

    The pass mark drawn is the ``framework``'s (default: the shipped framework of the latest year).
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    trend = comparison.trend[comparison.trend["level"].isin(["overall", "tool"])].copy()
    fig, ax = plt.subplots(figsize=(9, 5))
    colors = {"ITA": "#222222", "IIT": PALETTE["blue"], "EIT": PALETTE["orange"], "OIT": PALETTE["green"]}
    for key, g in trend.groupby("id", sort=False):
        g = g.sort_values("fiscal_year")
        label = (say("chart.overall_ita", language)) if key == "ITA" else key
        ax.plot(g["fiscal_year"], g["score"], "-o", color=colors.get(key, PALETTE["grey"]), lw=2.4 if key == "ITA" else 1.6,
                label=label)
        known = g["se"].notna() & (g["se"] > 0)
        ax.errorbar(g.loc[known, "fiscal_year"], g.loc[known, "score"],
                    yerr=[g.loc[known, "score"] - g.loc[known, "ci_low"], g.loc[known, "ci_high"] - g.loc[known, "score"]],
                    fmt="none", ecolor=colors.get(key, PALETTE["grey"]), capsize=4, lw=1.2)
        last = g.iloc[-1]
        ax.text(last["fiscal_year"] + 0.05, last["score"], f"{last['score']:.2f}", va="center", fontsize=9,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.85})
    years = sorted(trend["fiscal_year"].unique())
    pass_mark = (framework or load_framework(int(years[-1]))).scoring.pass_mark
    published = sorted(trend.loc[~trend["microdata"], "fiscal_year"].unique())
    ax.set_xticks(years, [f"{y}" + (" *" if y in published else "") for y in years])
    ax.axhline(pass_mark, color=PALETTE["vermillion"], lw=1, ls="--")
    ax.text(years[0], pass_mark, say("chart.pass_mark_line", language, mark=pass_mark), color=PALETTE["vermillion"],
            va="bottom", fontsize=9)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.4)
    ax.set_xlabel(say("chart.trend_axis", language))
    ax.set_ylabel(say("chart.score", language))
    ax.set_title(say("chart.trend_title", language), fontsize=13, loc="left")
    ax.legend(loc="lower right", frameon=False, ncol=4)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, trend


def plot_scorecard(result: ScoreResult, framework: Framework, *, language: str = "th",
                   agency: str | None = None) -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """The overall score, its interval, grade, distance to the pass mark and next band, and their chances."""
    import matplotlib.pyplot as plt

    use_thai_font()
    o = result.overall
    if o is None:
        raise ValueError("the scorecard needs the overall score (IIT, EIT and OIT)")
    probs = result.grade_probabilities.set_index("grade")["probability"]
    next_grade = o.get("next_grade")
    p_next = float(probs.get(next_grade, np.nan)) if next_grade else np.nan
    if next_grade:  # reaching the next band or any above it
        above = [b.grade for b in framework.grade_bands if b.minimum >= framework.grade_bands[
            [g.grade for g in framework.grade_bands].index(next_grade)].minimum]
        p_next = float(probs.reindex(above).sum())
    fig = plt.figure(figsize=(11, 3.4))
    left = fig.add_axes((0.02, 0.05, 0.30, 0.9))
    left.axis("off")
    pct = int(round(result.method["confidence"] * 100))
    left.text(0, 0.95, (say("chart.ita_score", language)) + (f" · {agency}" if agency else "")
              + " · " + say("chart.fiscal_year_long", language, year=framework.fiscal_year), fontsize=11, va="top",
              color="#444444")
    left.text(0, 0.62, f"{o['score']:.2f}", fontsize=44, fontweight="bold", va="center")
    left.text(0.62, 0.66, o["grade"], fontsize=26, fontweight="bold", va="center", color=PALETTE["blue"])
    left.text(0, 0.30, (say("chart.interval", language, v0=pct, v1=o['ci_low'], v2=o['ci_high'])), fontsize=11)
    lines = []
    pass_mark = o["pass_mark"]
    if o["points_to_pass"] > 0:
        lines.append(say("chart.points_short_of_the", language, v0=o['points_to_pass'], v1=pass_mark))
    else:
        lines.append(say("chart.passed", language, mark=pass_mark))
    lines.append(say("chart.chance_the_true_score", language, v0=o['probability_pass']))
    if next_grade:
        lines.append(say("chart.points_to_chance", language, v0=next_grade, v1=o['points_to_next_grade'], v2=p_next))
    left.text(0, 0.14, "\n".join(lines), fontsize=10, va="top", color="#333333", linespacing=1.5)
    ax = fig.add_axes((0.40, 0.30, 0.57, 0.45))
    lo = _axis_start(np.array([o["ci_low"], pass_mark]))
    shades = ["#E8E8E8", "#F6F6F6"]
    for k, (grade, a, b) in enumerate(_band_edges(framework, language)):
        if b <= lo:
            continue
        ax.axvspan(max(a, lo), b, color=shades[k % 2])
        ax.text((max(a, lo) + b) / 2, 1.12, grade, ha="center", fontsize=11, color="#555555", transform=ax.get_xaxis_transform())
    ax.errorbar(o["score"], 0.5, xerr=[[o["score"] - o["ci_low"]], [o["ci_high"] - o["score"]]], fmt="o", color="#111111",
                ms=10, capsize=6, lw=2)
    ax.axvline(pass_mark, color=PALETTE["vermillion"], lw=2, ls="--")
    ax.text(pass_mark, -0.28, say("chart.pass_short", language, mark=pass_mark), color=PALETTE["vermillion"], ha="center",
            fontsize=9, transform=ax.get_xaxis_transform())
    ax.set_xlim(lo, 100)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    table = pd.DataFrame([{**{k: o[k] for k in ("score", "se", "ci_low", "ci_high", "grade", "pass_mark",
                                                "points_to_pass", "next_grade", "points_to_next_grade",
                                                "probability_pass")}, "probability_next_grade": p_next}])
    return fig, table


_POINT_COLORS = [PALETTE["vermillion"], PALETTE["orange"], PALETTE["sky"], PALETTE["blue"]]


def plot_answers(result: ScoreResult, framework: Framework, tool: str, *,
                 language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Diverging stacked bars of each question's answers, grouped by indicator.

    Answers worth 0 or 33 points extend left (they pull the score down), 67 or 100 right;
    reverse-scored questions are already turned so that right is always good.
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    ans = result.answers[result.answers["tool"] == tool].copy()
    if ans.empty:
        raise ValueError(f"no {tool} answers in the results")
    questions = list(dict.fromkeys(ans["question"]))
    theme = framework.themes(language)
    ind_of = {q.id: q.indicator for q in framework.questions}
    fig, ax = plt.subplots(figsize=(11, 0.36 * len(questions) + 2.2))
    y_labels = []
    for y, qid in enumerate(questions):
        rows = ans[ans["question"] == qid].sort_values("points")
        shares = rows["share"].to_numpy() * 100
        points = rows["points"].to_numpy()
        colors = _POINT_COLORS if len(points) == 4 else [PALETTE["vermillion"], PALETTE["blue"]]
        neg = points < 50
        left = -shares[neg].sum()
        for share, color in zip(shares[neg], np.array(colors)[neg]):
            ax.barh(y, share, left=left, color=color, height=0.7)
            left += share
        left = 0.0
        for share, color in zip(shares[~neg], np.array(colors)[~neg]):
            ax.barh(y, share, left=left, color=color, height=0.7)
            left += share
        if not (rows["answered"] > 0).any():  # nobody answered it: no bar, and the chart says why
            ax.text(1, y, say("chart.nobody_answered", language), va="center", fontsize=8, color="#777777",
                    style="italic")
        bad = np.nansum(shares[neg])
        if bad >= 8:
            ax.text(-bad - 1, y, f"{bad:.0f}%", va="center", ha="right", fontsize=8, color="#444444")
        y_labels.append(f"{qid} {theme.get(qid, '')}")
    ax.set_yticks(range(len(questions)), y_labels, fontsize=9)
    ax.invert_yaxis()
    prev = None
    for y, qid in enumerate(questions):  # a thin line between indicators
        if prev is not None and ind_of[qid] != prev:
            ax.axhline(y - 0.5, color="#999999", lw=0.6)
        prev = ind_of[qid]
    ax.axvline(0, color="#222222", lw=1)
    ax.set_xlim(-60, 100)
    ax.set_xticks(range(-60, 101, 20), [f"{abs(v)}%" for v in range(-60, 101, 20)])
    from matplotlib.patches import Patch

    names = [say(f"chart.points_{v}", language) for v in (0, 33, 67, 100)]
    ax.legend(handles=[Patch(color=c, label=n) for c, n in zip(_POINT_COLORS, names)], ncol=4, frameon=False,
              loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(len(questions), 1) - 0.06))
    ax.set_title((say("chart.answers_by_question_left", language, v0=tool)), fontsize=12, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, ans


def _short(title: str, limit: int = 16) -> str:
    """An OIT item's title cut to fit its box, at a word where possible ("แผนพัฒนาเชิงพื้นที่", "ข้อมูลผู้บริหาร…")."""
    title = title.split("(")[0].strip()
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0] if " " in title[:limit] else title[:limit]
    while cut and unicodedata.category(cut[-1]) == "Mn":  # never end on a mark without its letter
        cut = cut[:-1]
    while len(cut) < len(title) and unicodedata.category(title[len(cut)]) == "Mn":  # nor drop a letter's marks
        cut = title[: len(cut) + 1]
    return cut + "…"


def plot_oit(result: ScoreResult, framework: Framework, *, language: str = "th") -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """OIT items by sub-indicator: published or not, and who must publish what is missing."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    use_thai_font()
    th = language == "th"
    items = result.oit_items
    if items.empty:
        raise ValueError("no OIT checklist in the results")
    subs = list(dict.fromkeys(items["subindicator"]))
    names = {s.id: (s.name_th if th else s.name_en) for s in framework.subindicators}
    width = max(items.groupby("subindicator").size())
    fig, ax = plt.subplots(figsize=(13, 0.8 * len(subs) + 1.8))
    missing_lines = []
    for y, sub in enumerate(subs):
        row = items[items["subindicator"] == sub]
        for x, item in enumerate(row.itertuples(index=False)):
            color = PALETTE["blue"] if item.published else PALETTE["vermillion"]
            ax.add_patch(Rectangle((x + 0.05, y - 0.4), 0.9, 0.8, color=color))
            ax.text(x + 0.5, y + 0.12, item.item, ha="center", va="center", color="white", fontsize=8.5, fontweight="bold")
            ax.text(x + 0.5, y - 0.2, _short(item.title_th if th else item.title_en), ha="center", va="center",
                    color="white", fontsize=5.6)
            if not item.published:
                missing_lines.append(f"{item.item}: {', '.join(framework.owners(item.item))}")
    ax.set_xlim(0, width + 0.2)
    ax.set_ylim(len(subs) - 0.5, -0.6)
    ax.set_yticks(range(len(subs)), [f"{s} {names.get(s, '')}" for s in subs], fontsize=9)
    ax.set_xticks([])
    ax.spines[["top", "right", "bottom", "left"]].set_visible(False)
    published = int(items["published"].sum())
    ax.set_title((say("chart.oit_of_items_published", language, v0=published, v1=len(items))), fontsize=12, loc="left")
    if missing_lines:
        fig.text(0.99, 0.02, (say("chart.oit_owners", language))
                 + "\n".join(missing_lines), ha="right", va="bottom", fontsize=9, color=PALETTE["vermillion"])
    fig.tight_layout(rect=(0, 0.04 + 0.035 * len(missing_lines), 1, 1))
    return fig, items


#: The funnel plot names at most this many agencies: those farthest outside the 99.8% limits (all
#: of them are in its CSV and the report's ranking table).
FUNNEL_NAMES = 10


def plot_funnel(funnel: pd.DataFrame, *, tool: str, language: str = "th",
                short_name: Callable[[str], str] | None = None) -> tuple[matplotlib.figure.Figure, pd.DataFrame]:
    """Agencies' scores against their respondent counts, with 95% and 99.8% control limits.

    ``short_name`` shortens a named agency's label (e.g. :meth:`Framework.short_name`).

    The agencies farthest outside the 99.8% limits (at most :data:`FUNNEL_NAMES`, in standard
    errors from the centre) are named, with labels placed so that none overlap; with thousands of
    agencies (the BMA centre's or the NACC's view) the points are drawn smaller and see-through.
    """
    import matplotlib.pyplot as plt

    use_thai_font()
    shown = funnel[~funnel["suppressed"]]
    fig, ax = plt.subplots(figsize=(10, 6.4))
    sd = float(shown["sd"].iloc[0])
    # each agency at the respondents its precision is worth (without the correction), so that its own SE
    # (the correction included) meets the limits where it is drawn
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(shown["se"] > 0, sd**2 / shown["se"].to_numpy(dtype=float) ** 2, shown["n"])
    grid = np.linspace(max(2, np.nanmin(x) * 0.8), np.nanmax(x) * 1.1, 200)
    limits = funnel_limits(shown, grid)
    for style, level in (("--", "95%"), (":", "99.8%")):
        ax.plot(grid, limits[f"high_{level}"], "k" + style, lw=1)
        ax.plot(grid, limits[f"low_{level}"], "k" + style, lw=1, label=say("chart.limits", language, level=level))
    centre = float(shown["centre"].iloc[0])
    ax.axhline(centre, color="#666666", lw=1, label=say("chart.funnel_centre", language, centre=centre))
    colors = np.where(shown["outside_998"], PALETTE["vermillion"], np.where(shown["outside_95"], PALETTE["orange"],
                                                                           PALETTE["blue"]))
    many = len(shown) > 300
    ax.scatter(x, shown["score"], c=colors, s=8 if many else 28, alpha=0.6 if many else 1.0, linewidths=0, zorder=3)
    shown = shown.assign(x=x)
    outside = shown[shown["outside_998"]]
    named = outside.loc[outside["z"].abs().sort_values(ascending=False, kind="stable").index[:FUNNEL_NAMES]]
    ax.set_xlabel(say("chart.respondents_effective", language))
    ax.set_ylabel(say("chart.score_of", language, tool=tool))
    title = say("chart.funnel_title", language, tool=tool, n=len(shown))
    reading = say("chart.funnel_reading", language, tau=float(shown["tau"].iloc[0]), outside=len(outside))
    title += "\n" + reading.replace("; ", "\n")  # two short lines: the limits, then what is outside them
    if len(outside) > len(named):
        title += "\n" + say("chart.funnel_named", language, named=len(named), outside=len(outside))
    ax.set_title(title, fontsize=12, loc="left")
    from matplotlib.lines import Line2D

    handles = ax.get_legend_handles_labels()[0] + [
        Line2D([], [], marker="o", ls="", color=PALETTE["blue"], label=say("limits.within", language)),
        Line2D([], [], marker="o", ls="", color=PALETTE["orange"], label=say("chart.outside_95", language)),
        Line2D([], [], marker="o", ls="", color=PALETTE["vermillion"], label=say("chart.outside_998", language))]
    ax.legend(handles=handles, frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()  # before the labels are placed: they are placed where the points will be drawn
    _name_points(ax, named["x"].to_numpy(dtype=float), named["score"].to_numpy(dtype=float),
                 [(short_name or str)(str(v)) for v in named["value"]])
    return fig, funnel


def _name_points(ax: matplotlib.axes.Axes, x: np.ndarray, y: np.ndarray, names: Sequence[str]) -> None:
    """Label points, the most important first, each clear of the labels before it and of the legend.

    A label stands beside its point, or is moved up or down (with a line to it) until it overlaps
    nothing placed before it.
    """
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas charts are drawn on has one
    to_points = 72 / ax.figure.dpi  # offsets are given in points, extents come in pixels
    legend = ax.get_legend()
    taken = [legend.get_window_extent(renderer)] if legend is not None else []
    frame = ax.get_window_extent(renderer)
    for xi, yi, name in zip(x, y, names):
        dx, ha = (-5, "right") if ax.transData.transform((xi, yi))[0] > frame.x0 + 0.75 * frame.width else (5, "left")
        label = ax.annotate(name, (xi, yi), textcoords="offset points", xytext=(dx, 3), ha=ha, fontsize=8, zorder=4)
        box = label.get_window_extent(renderer)
        shift = 0.0  # pixels
        for k in range(1, 41):  # 0, +1, −1, +2, −2 … label heights away
            if not any(box.translated(0, shift).overlaps(other) for other in taken):
                break
            shift = (k + 1) // 2 * (box.height + 2) * (1 if k % 2 else -1)
        if shift:  # moved: drawn again, with a thin line to its point
            label.remove()
            ax.annotate(name, (xi, yi), textcoords="offset points", xytext=(dx, 3 + shift * to_points), ha=ha,
                        fontsize=8, zorder=4,
                        arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.6, "shrinkA": 0, "shrinkB": 3})
        taken.append(box.translated(0, shift))  # the text's own box (not its line)
