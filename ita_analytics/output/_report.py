"""The committee pack: one self-contained HTML page, a PDF of the same content, an .xlsx of every table.

The pack reads results (scores, quotas, comparisons); it never recomputes a statistic. It leads
with what a committee must decide: the score and grade with their interval, the weakest
indicators and questions, the missing OIT items and who owns them, what changed since last year.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..core._catalogue import Message, from_json
from ..core._files import atomic_write, ensure_folder
from ..core._framework import Framework, load_framework
from ..stats._compare import Comparison
from ..stats._inference import UNKNOWN_GROUP
from ..stats._integrity import IntegrityResult
from ..stats._plan import Plan
from ..stats._quota import QuotaResult
from ..stats._scoring import ScoreResult
from ._charts import (
    plot_answers,
    plot_coverage,
    plot_dumbbell,
    plot_funnel,
    plot_indicators,
    plot_oit,
    plot_progress,
    plot_scorecard,
    plot_trend,
    save_chart,
)
from ._export import COUNT_COLUMNS, write_workbook
from ._fonts import thai_font_files, use_thai_font
from ._i18n import date_words, frame_words, national_words, note_words, say, verdict_words
from ._pdf import PdfPack, PdfSection, PdfTable, write_pdf

__all__ = ["weak_questions_line", "write_report"]

@dataclass(frozen=True)
class _Chart:
    """A chart of the pack: its file name, how to draw it, and its caption."""

    name: str  # file stem under charts/
    draw: Callable[[], tuple[Any, pd.DataFrame]]  # returns (figure, the numbers it shows)
    caption: str  # shown under it


@dataclass(frozen=True)
class _Table:
    """A table of the pack: which columns, under which headers; suppressed rows show their reason."""

    frame: pd.DataFrame
    headers: dict[str, str]  # column → header, in order
    id: str  # the HTML element's id
    suppressed: pd.Series | None = None  # rows whose scores are hidden (small cells)
    reason: pd.Series | None = None  # why, per row
    caption: str = ""  # a heading above the table (say which tool a ranking ranks)


@dataclass
class _Section:
    """One section of the pack: a title, a paragraph, charts, tables, and the sheets it adds to the workbook."""

    key: str
    title: str
    text: str = ""
    charts: list[_Chart] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    sheets: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass(frozen=True)
class _Inputs:
    """Everything a section may show (what :func:`write_report` was given)."""

    result: ScoreResult
    framework: Framework
    quota: QuotaResult | None
    comparison: Comparison | None
    departments: ScoreResult | None
    agencies: ScoreResult | None
    integrity: IntegrityResult | None
    agency: str | None
    language: str
    plan: Plan | None = None  # the path to the pass mark (None without an overall score)
    warnings: list[str] = field(default_factory=list)  # what the run warned (e.g. the years of the answers)
    funnels: dict[str, pd.DataFrame] = field(default_factory=dict)  # each tool's funnel, worked out once

    def funnel(self, tool: str) -> pd.DataFrame:
        """The agencies' funnel and ranking of one tool, as the caller worked it out (this layer computes nothing)."""
        if tool not in self.funnels:
            raise ValueError(f"funnels: the {tool} funnel is missing (funnel_table(agencies, {tool!r})); the pack "
                             "shows what it is given")
        return self.funnels[tool]

    def say(self, key: str, **values: Any) -> str:
        """A word of the catalogue in the pack's language."""
        return say(key, self.language, **values)

    def headers(self, **columns: str) -> dict[str, str]:
        """Column → header, each header a catalogue key (``col.<key>``) or, prefixed ``=``, the text itself."""
        return {col: key[1:] if key.startswith("=") else self.say(f"col.{key}") for col, key in columns.items()}

    @property
    def th(self) -> bool:
        return self.language == "th"


def _levels_in(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The ``level`` column in words."""
    out = frame.copy()
    out["level"] = out["level"].map(lambda v: say(f"level.{v}", language))
    return out


#: Columns hidden (their reason shown instead) in a suppressed row.
_HIDDEN = frozenset({"score", "se", "ci_low", "ci_high", "ci"})


def _fmt(value: Any, column: str = "") -> str:
    """A cell as text: counts whole, other numbers with two decimals, nothing for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if column in COUNT_COLUMNS and isinstance(value, (int, float, np.integer, np.floating)) and float(value).is_integer():
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        return f"{value:.2f}"
    return str(value)


def _intervals(low: pd.Series, high: pd.Series, language: str) -> list[str]:
    """Intervals as text ("80.12–84.56"); a census (everyone answered) says so instead of "84.29–84.29"."""
    census = say("interval.census", language)
    return [("" if a != a else census if a == b else f"{a:.2f}–{b:.2f}") for a, b in zip(low, high)]


def _cells(table: _Table) -> tuple[list[str], list[list[str]], list[bool]]:
    """A table as text for the page and the PDF: headers, rows (suppressed rows show their reason), numeric columns."""
    frame = table.frame
    numeric = [pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col])
               for col in table.headers]
    rows = []
    for k, (_, row) in enumerate(frame.iterrows()):
        hidden = table.suppressed is not None and bool(table.suppressed.iloc[k])
        reason = str(table.reason.iloc[k]) if hidden and table.reason is not None else "n < 5"
        rows.append([reason if hidden and col in _HIDDEN else _fmt(row[col], col) for col in table.headers])
    return list(table.headers.values()), rows, numeric


def _html_table(table: _Table) -> str:
    """An HTML table in a box that scrolls sideways on a narrow screen; suppressed cells in grey."""
    headers, rows, numeric = _cells(table)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for k, cells in enumerate(rows):
        hidden = table.suppressed is not None and bool(table.suppressed.iloc[k])
        tds = [f'<td class="{"suppressed" if hidden and col in _HIDDEN else "num" if num else ""}">{html.escape(text)}</td>'
               for col, num, text in zip(table.headers, numeric, cells)]
        body.append("<tr>" + "".join(tds) + "</tr>")
    caption = f"<h3>{html.escape(table.caption)}</h3>" if table.caption else ""
    return (f'{caption}<div class="scroll"><table id="{table.id}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


# -- the sections, in the order the pack shows them --------------------------------------------------

def _scorecard(x: _Inputs) -> _Section | None:
    if not x.result.overall:
        return None
    draw = partial(plot_scorecard, x.result, x.framework, language=x.language, agency=x.agency)
    return _Section("scorecard", x.say("section.scorecard"), charts=[_Chart("scorecard", draw, x.say("caption.scorecard"))])


def _indicators(x: _Inputs) -> _Section:
    ind = x.result.indicators.assign(ci=lambda d: _intervals(d.ci_low, d.ci_high, x.language))
    name = "name_th" if x.th else "name_en"
    table = _Table(ind, x.headers(indicator="indicator", **{name: "name"}, tool="tool", score="score", ci="interval",
                                  n="=n"), "indicator-table")
    draw = partial(plot_indicators, x.result, x.framework, language=x.language)
    return _Section("indicators", x.say("section.indicators"), charts=[_Chart("indicators", draw,
                                                                              x.say("caption.indicators"))],
                    tables=[table], sheets={"indicators": x.result.indicators})


def _answers(x: _Inputs) -> _Section:
    answers = x.result.answers
    charts = [_Chart(f"answers_{tool.lower()}", partial(plot_answers, x.result, x.framework, tool, language=x.language),
                     x.say("caption.answers", tool=tool))
              for tool in ("IIT", "EIT") if len(answers) and (answers["tool"] == tool).any()]
    weak = x.result.questions.nsmallest(10, "score").copy()
    weak["theme"] = weak["question"].map(x.framework.themes(x.language))
    weak["ci"] = _intervals(weak["ci_low"], weak["ci_high"], x.language)
    table = _Table(weak, x.headers(question="question", theme="theme", score="score", ci="interval",
                                   n_answered="answered"), "weak-questions")
    return _Section("answers", x.say("section.answers"), charts=charts, tables=[table],
                    sheets={"questions": x.result.questions})


def _oit(x: _Inputs) -> _Section | None:
    items = x.result.oit_items
    if not len(items):
        return None
    missing = items[~items["published"]]
    tables = [_Table(missing, x.headers(item="item", **{"title_th" if x.th else "title_en": "what"},
                                        responsible="responsible"), "oit-missing")] if len(missing) else []
    draw = partial(plot_oit, x.result, x.framework, language=x.language)
    return _Section("oit", x.say("section.oit"), charts=[_Chart("oit", draw, x.say("caption.oit"))], tables=tables,
                    sheets={"oit_items": items})


def _changes(x: _Inputs) -> _Section | None:
    comparison = x.comparison
    if comparison is None:
        return None
    rows = comparison.rows
    charts = []
    for before in sorted(rows["before_year"].unique()):
        after = int(rows.loc[rows["before_year"] == before, "after_year"].iloc[0])
        fw_after = x.framework if after == x.framework.fiscal_year else load_framework(after)
        draw = partial(plot_dumbbell, comparison, fw_after, before_year=int(before), language=x.language)
        charts.append(_Chart(f"compare_{before}_{after}", draw, f"{before} → {after}"))
    if len(comparison.settings["years"]) >= 3:
        charts.append(_Chart("trend", partial(plot_trend, comparison, language=x.language), x.say("caption.trend")))
    latest = rows[(rows["after_year"] == rows["after_year"].max()) & rows["level"].isin(["overall", "tool", "indicator"])]
    threshold = comparison.settings["meaningful_change"]
    shown = _levels_in(latest, x.language).assign(
        interval=[f"{a:+.2f} … {b:+.2f}" if a == a else "" for a, b in zip(latest["ci_low"], latest["ci_high"])],
        p=[("< 0.001" if p < 0.001 else f"{p:.3f}") if p == p else "" for p in latest["p_adjusted"]],
        words=[verdict_words(v, r, x.language, threshold=threshold) for v, r in zip(latest["verdict"], latest["reason"])])
    table = _Table(shown, x.headers(level="level", id="id", before="before", after="after", change="change",
                                    interval="change_interval", p="p_holm", words="verdict"), "changes")
    borrowed = latest[latest["se_assumed"]]  # the published side of each such row is the one without an SE
    assumed = sorted({int(y) for y in borrowed.loc[borrowed["se_before"].isna(), "before_year"]}
                     | {int(y) for y in borrowed.loc[borrowed["se_after"].isna(), "after_year"]})
    text = x.say("compare.how", pct=int(round(comparison.settings["confidence"] * 100)))
    if assumed:
        text += " " + x.say("compare.se_assumed", years=", ".join(map(str, assumed)))
    return _Section("changes", x.say("section.changes"), text=text, charts=charts, tables=[table],
                    sheets={"changes": rows})


def _coverage(x: _Inputs) -> _Section | None:
    quota = x.quota
    if quota is None:
        return None
    charts = [_Chart("coverage", partial(plot_coverage, quota, x.framework, language=x.language),
                     x.say("caption.coverage"))]
    if not quota.progress.empty:
        charts.append(_Chart("progress", partial(plot_progress, quota, language=x.language), x.say("caption.progress")))
    tables = [_Table(quota.chase, x.headers(department="department", staff_type="staff_type", responses="responses",
                                            eligible="eligible", shortfall="shortfall"), "chase")] if len(quota.chase) else []
    over = quota.cells[quota.cells["responses"] > quota.cells["eligible"]]
    closed = any(fc.get("status") == "closed" for fc in quota.forecast.values())
    text = [x.say("coverage.final" if closed else "coverage.open", short=len(quota.chase), cells=len(quota.cells))]
    if len(over):
        text.append(x.say("coverage.over", cells="; ".join(f"{r.department} {r.staff_type} {r.responses}/{r.eligible}"
                                                            for r in over.itertuples())))
    return _Section("quota", x.say("section.quota"), text=" ".join(text), charts=charts, tables=tables,
                    sheets={"quota_chase": quota.chase, "cells": quota.cells})


def _departments(x: _Inputs) -> _Section | None:
    if x.departments is None or x.departments.groups is None:
        return None
    groups = x.departments.groups
    g = groups[groups["level"] == "tool"].copy()
    g["value"] = g["value"].replace({UNKNOWN_GROUP: x.say("group.unknown_department")})
    g["ci"] = _intervals(g["ci_low"], g["ci_high"], x.language)
    table = _Table(g, x.headers(value="department", tool="tool", n="=n", score="score", ci="interval"), "departments",
                   suppressed=g["suppressed"], reason=g["suppressed_reason"])
    return _Section("departments", x.say("section.departments"), text=x.say("text.departments"), tables=[table],
                    sheets={"departments": groups.drop(columns=["df"])})


def _agencies(x: _Inputs) -> _Section | None:
    if x.agencies is None or x.agencies.groups is None:
        return None
    groups = x.agencies.groups
    section = _Section("agencies", x.say("section.agencies"))
    lines = []
    for tool in ("IIT", "EIT"):
        if not ((groups["tool"] == tool) & (groups["level"] == "tool")).any():
            continue
        funnel = x.funnel(tool)
        section.charts.append(_Chart(f"funnel_{tool.lower()}", partial(plot_funnel, funnel, tool=tool,
                                                                       language=x.language,
                                                                       short_name=x.framework.short_name),
                                     x.say("caption.funnel", tool=tool)))
        section.sheets[f"ranking_{tool}"] = funnel
        ranking = funnel.assign(ci=_intervals(funnel["ci_low"], funnel["ci_high"], x.language),
                                limits=[x.say("chart.outside_998") if o998 else x.say("chart.outside_95") if o95
                                        else x.say("limits.within") for o95, o998 in
                                        zip(funnel["outside_95"], funnel["outside_998"])],
                                rank_range=[f"{lo}–{hi}" if lo is not pd.NA else "" for lo, hi in
                                            zip(funnel["rank_low"], funnel["rank_high"])])
        section.tables.append(_Table(ranking, x.headers(rank="rank", rank_range="rank_interval", value="agency",
                                                        n="=n", score="score", ci="interval", limits="limits"),
                                     f"ranking-{tool.lower()}", suppressed=ranking["suppressed"],
                                     caption=x.say("caption.ranking", tool=tool)))
        lines.append(_agency_lines(x, tool, funnel))
    section.text = " ".join(lines)
    return section


def _agency_tools(x: _Inputs) -> list[str]:
    """The survey tools that the agencies' breakdown has tool-level rows for."""
    groups = x.agencies.groups if x.agencies is not None else None
    if groups is None:
        return []
    return [t for t in ("IIT", "EIT") if ((groups["tool"] == t) & (groups["level"] == "tool")).any()]


def _agency_lines(x: _Inputs, tool: str, funnel: pd.DataFrame) -> str:
    """What a committee reads about one tool's agencies: who is outside the limits, who is clearly top or bottom."""
    shown = funnel[~funnel["suppressed"]]
    names = lambda rows: ", ".join(map(str, rows["value"])) or x.say("decide.none")  # noqa: E731  # a one-line helper
    fifth = len(shown) / 5
    top = shown[shown["rank_high"].astype(float) <= fifth]
    bottom = shown[shown["rank_low"].astype(float) > len(shown) - fifth]
    return x.say("agencies.summary", tool=tool, outside=names(shown[shown["outside_998"]]), top=names(top),
                  bottom=names(bottom), n=len(shown))


def _integrity(x: _Inputs) -> _Section | None:
    integrity = x.integrity
    if integrity is None:
        return None
    counts = integrity.counts.assign(flag_label=lambda d: d["flag"].map(lambda f: x.say(f"flag.{f}")),
                                     percent=lambda d: d["share"] * 100)
    sens = integrity.sensitivity[integrity.sensitivity["level"] != "indicator"]
    flagged = counts[counts["responses"] > 0]
    tables = [_Table(flagged, x.headers(tool="tool", flag_label="flag", responses="count", percent="percent"),
                     "integrity-flags"),
              _Table(_levels_in(sens, x.language), x.headers(level="level", id="id", score_all="score_all",
                                                              score_unflagged="score_unflagged",
                                                              difference="difference"), "sensitivity")]
    tables = [t for t in tables if len(t.frame)]  # an empty table says nothing: the sentence below says it
    text = x.say("text.integrity") + ("" if len(flagged) else " " + x.say("integrity.none"))
    return _Section("integrity", x.say("section.integrity"), text=text, tables=tables,
                    sheets={"integrity_flags": integrity.counts, "sensitivity": integrity.sensitivity})


_SECTIONS: tuple[Callable[[_Inputs], _Section | None], ...] = (
    _scorecard, _indicators, _answers, _oit, _changes, _coverage, _departments, _agencies, _integrity)


# -- what to decide, and how it was computed ----------------------------------------------------------

def _decisions(x: _Inputs) -> list[str]:
    """The lines at the top of the pack: the score, then what to decide, largest effect on the score first."""
    lines = _overall_lines(x)
    national = national_words(x.framework, x.result.overall["score"], x.language) if x.result.overall else None
    lines += ([national] if national else []) + _plan_lines(x)
    lines.append(_change_line(x))
    if x.agencies is not None and x.agencies.groups is not None:  # the multi-agency view: who stands out
        lines += [_agency_lines(x, t, x.funnel(t)) for t in _agency_tools(x)]
    if x.quota is not None and not x.quota.ok:
        closed = any(fc.get("status") == "closed" for fc in x.quota.forecast.values())
        items = "; ".join(f"{r.department} {r.staff_type} {x.say('decide.short')} {r.shortfall}"
                          for r in x.quota.chase.head(3).itertuples())
        lines.append(x.say("decide.quota_final" if closed else "decide.quota_short", cells=len(x.quota.chase), items=items))
    return lines + _weak_lines(x)


def _weak_lines(x: _Inputs) -> list[str]:
    """The weakest indicators and questions: where the measures should look."""
    result = x.result
    ind = result.indicators.dropna(subset=["score"]).nsmallest(3, "score")
    return [x.say("decide.weak_indicators", items="; ".join(f"{r.indicator} {_name(x, r)} {r.score:.2f}"
                                                           for r in ind.itertuples())),
            weak_questions_line(result, x.framework, x.language)]


def weak_questions_line(result: ScoreResult, framework: Framework, language: str, n: int = 5) -> str:
    """The ``n`` weakest questions in a line: "ข้อคำถามที่คะแนนต่ำสุด: e9 เผยแพร่ผลการดำเนินงาน… (71.7); …"."""
    theme = framework.themes(language)
    weak = result.questions.dropna(subset=["score"]).nsmallest(n, "score")
    return say("decide.weak_questions", language, items="; ".join(f"{r.question} {theme.get(r.question, '')} ({r.score:.1f})"
                                                                  for r in weak.itertuples()))


def _name(x: _Inputs, row: Any) -> str:
    return str(row.name_th if x.th else row.name_en)


def _plan_lines(x: _Inputs) -> list[str]:
    """The plan's actions as decisions: each with its gain in overall points and who owns it."""
    if x.plan is None:
        return []
    lines = []
    for a in x.plan.actions.to_dict("records"):
        name = a["name_th"] if x.th else a["name_en"]
        if a["kind"] == "oit_item":
            lines.append(x.say("decide.oit_action", id=a["id"], name=name, gain=a["gain"], owner=a["responsible"]))
        else:
            lines.append(x.say("decide.indicator_action", id=a["id"], name=name, tool=a["tool"], low=a["from"], high=a["to"],
                               gain=a["gain"], p=a["probability"], target=x.plan.target_name, questions=a["questions"]))
    if x.plan.current >= x.plan.target and not len(x.plan.actions):
        lines.append(x.say("decide.target_met", target=x.plan.target_name))
    elif not x.plan.reachable:
        lines.append(x.say("decide.not_reachable", missing=x.plan.missing))
    return lines


def _overall_lines(x: _Inputs) -> list[str]:
    o = x.result.overall
    if not o:
        return []
    pct = int(round(x.result.method["confidence"] * 100))
    lines = [x.say("decide.overall", score=o["score"], pct=pct, low=o["ci_low"], high=o["ci_high"], grade=o["grade"],
                   mark=o["pass_mark"], p=o["probability_pass"])]
    if o["ci_low"] < o["pass_mark"] <= o["ci_high"]:
        lines.append(x.say("decide.straddles"))
    if o.get("next_grade"):
        lines.append(x.say("decide.next_grade", grade=o["next_grade"], points=o["points_to_next_grade"]))
    return lines


def _change_line(x: _Inputs) -> str:
    if x.comparison is None:
        return x.say("decide.no_comparison")
    rows = x.comparison.rows
    latest = rows[rows["after_year"] == rows["after_year"].max()]
    real_codes = ["real_meaningful", "real_possibly_meaningful", "real_small"]
    real = latest[latest["verdict"].isin(real_codes) & latest["level"].isin(["overall", "tool", "indicator"])]

    def name(r: Any) -> str:
        label = r.id if r.level != "indicator" else f"{x.say('level.indicator')} {r.id}"
        return f"{label} {r.change:+.2f}"

    up = [name(r) for r in real.itertuples() if r.change > 0]
    down = [name(r) for r in real.itertuples() if r.change < 0]
    none = x.say("decide.none")
    return x.say("decide.changes", year=int(latest["before_year"].iloc[0]), up=", ".join(up) or none,
                 down=", ".join(down) or none)


def _method_lines(x: _Inputs) -> list[str]:
    """The technical appendix: how each number was computed (the statistics' own notes in the reader's language)."""
    m = x.result.method
    fpc = "method.fpc.applied" if m["fpc"].get("IIT", {}).get("applied") else "method.fpc.not_applied"
    formula = " + ".join(f"{tool.weight:g}·{tool.id}" for tool in x.framework.tools)
    points = x.say(f"points.{m['four_level_points']}")
    lines = [x.say("method.scores", parts=x.say(f"method.parts.{m['tool_aggregation']}"), points=points),
             x.say("method.intervals", confidence=m["confidence"], fpc=x.say(fpc)),
             x.say("method.overall", formula=formula)]
    own = [n for n in m.get("notes", []) if getattr(n, "name", "") != "frame_note"]  # the frame's: under the assumptions
    return lines + [note_words(n, x.language) for n in own] + _validity_line(x)


def _validity_line(x: _Inputs) -> list[str]:
    """One line citing the validity study's figures (written by benchmarks/validity/study.py, never typed by hand)."""
    import json
    from importlib import resources

    path = resources.files("ita_analytics.output") / "validity.json"
    if not path.is_file():
        return []
    v = json.loads(path.read_text(encoding="utf-8"))
    return [x.say("method.validity", tool=v["coverage_tool_min"], overall=v["coverage_overall_min"],
                  yoy=v["yoy_false_real_tool"], funnel=v["funnel_false_95"], rank=v["rank_coverage"])]


def _plain_lines(x: _Inputs) -> list[str]:
    """How to read the numbers, for committee members: in plain words, no technical terms."""
    pct = int(round(x.result.method["confidence"] * 100))
    return [x.say("plain.ci", pct=pct), x.say("plain.likely_range"), x.say("plain.pass"), x.say("plain.roster"),
            x.say("plain.small", k=x.result.method.get("min_cell", 5))]


def _assumptions(x: _Inputs) -> list[str]:
    """The frame used (said first when carried forward), what the run warned, and the frame's assumptions."""
    fw = x.framework
    carried = [frame_words(fw, x.language, long=True)] if fw.carried_forward else []
    return carried + x.warnings + list(fw.notes_th if x.th and fw.notes_th else fw.notes)


def _year_warnings(result: ScoreResult, given: list[Message] | None, language: str) -> list[str]:
    """The run's warnings, and the result's year notices in words (each once)."""
    notices = result.method.get("framework", {}).get("notices", [])
    said = [*(given or []), *(n if isinstance(n, Message) else from_json(n) for n in notices)]
    return list(dict.fromkeys(note_words(n, language) for n in said))


# -- writing the pack -----------------------------------------------------------------------------------

def write_report(
    out: str | Path,
    result: ScoreResult,
    framework: Framework,
    *,
    quota: QuotaResult | None = None,
    comparison: Comparison | None = None,
    departments: ScoreResult | None = None,
    agencies: ScoreResult | None = None,
    integrity: IntegrityResult | None = None,
    agency: str | None = None,
    language: str = "th",
    warnings: list[Message] | None = None,
    plan: Plan | None = None,
    funnels: dict[str, pd.DataFrame] | None = None,
) -> dict[str, Path]:
    """Write the committee pack into ``out``: ``report.html``, ``report.pdf``, ``report.xlsx`` and the charts.

    Parameters
    ----------
    out : folder
        Made if missing; charts go to ``out/charts`` (PNG, SVG and the CSV of their numbers).
    result : ScoreResult
        The agency's scores.
    framework : Framework
        The fiscal year's framework (names, bands, pass mark).
    quota, comparison : optional
        Fieldwork coverage and the year-over-year comparison, when available.
    departments, agencies : ScoreResult, optional
        Breakdowns (``by="department"``, ``by="agency"``); small cells are shown as "n < 5".
    integrity : IntegrityResult, optional
        Response integrity flags and the scores without the flagged responses (sensitivity).
    agency : str, optional
        The agency's name for the title.
    language : {"th", "en"}
        Labels and text, dates (Buddhist era in Thai) and the workbook's sheet names and headers.
    warnings : list of Message, optional
        Sentences the run warned (the command's, in the pack's language); the result's own year
        notices are added in any case.
    plan : Plan, optional
        The path to a target (:func:`ita_analytics.plan`); the pack's decisions and its plan sheet
        show it. None: no plan in the pack.
    funnels : dict of tool → DataFrame, optional
        With ``agencies``: each survey tool's :func:`ita_analytics.funnel_table` (its rank intervals are
        a seeded simulation, so the caller chooses the seed). Required for every tool the agencies have.
    """
    x = _Inputs(result, framework, quota, comparison, departments, agencies, integrity, agency, language,
                plan=plan, warnings=_year_warnings(result, warnings, language), funnels=dict(funnels or {}))
    for tool in _agency_tools(x):  # checked at the door: nothing is written before the inputs are whole
        x.funnel(tool)
    out = Path(out)
    ensure_folder(out / "charts")
    use_thai_font()
    title, subtitle = _titles(x)
    decisions = _decisions(x)
    sections = [s for build in _SECTIONS if (s := build(x)) is not None]
    skipped = _skipped(x)
    rendered = [_render(section, out) for section in sections]
    words = {key: x.say(f"report.{key}") for key in ("decide", "interval", "method", "provenance")}
    plain, assumptions, appendix = _plain_lines(x), _assumptions(x), _method_lines(x)
    provenance = _provenance(x)
    pdf_sections = [PdfSection(words["decide"], bullets=decisions)] + [pdf for _, pdf in rendered]
    pdf_sections += [PdfSection(x.say("plain.title"), paragraphs=plain + ([skipped] if skipped else [])),
                     PdfSection(x.say("plain.assumptions"), bullets=assumptions),
                     PdfSection(x.say("plain.appendix"), bullets=appendix),
                     PdfSection(words["provenance"], tables=[PdfTable(
                         [x.say("col.fact"), x.say("col.value")], [[k, str(v)] for k, v in provenance.items()],
                         [False, False])])]
    pdf_path = write_pdf(out / "report.pdf", PdfPack(
        title=title, subtitle=subtitle, sections=pdf_sections, page_words=x.say("pdf.page"),
        footer=f"{title} · {subtitle.split(' · ')[0]}", language=language, author=f"ita_analytics {__version__}"))
    xlsx = write_workbook(_sheets(x, sections), out / "report.xlsx", language=language, provenance=result.provenance,
                          summary=_summary_rows(x, decisions))
    page = _page(x, title, subtitle, decisions, [page for page, _ in rendered],
                 {"plain": plain, "skipped": skipped, "assumptions": assumptions, "appendix": appendix}, provenance)
    html_path = atomic_write(out / "report.html", lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return {"html": html_path, "pdf": pdf_path, "xlsx": xlsx, "charts": out / "charts"}


def _titles(x: _Inputs) -> tuple[str, str]:
    """The pack's title (what it covers) and the line under it (when, which framework, which version)."""
    fw = x.framework
    title = x.say("report.title", year=fw.fiscal_year)
    if x.agencies is not None and x.agencies.groups is not None:
        n = int(x.agencies.groups.loc[x.agencies.groups["level"] == "tool", "value"].nunique())
        title = x.say("report.title_agencies", year=fw.fiscal_year, n=n)
    elif x.agency:
        title += f" — {x.agency}"
    made = date_words(dt.datetime.now(dt.UTC), x.language, time=True)
    subtitle = x.say("report.made", time=made, frame=frame_words(fw, x.language), version=__version__)
    return title, subtitle


def _skipped(x: _Inputs) -> str:
    """A sentence naming the sections left out, and why (nothing is silently missing)."""
    why = []
    if x.quota is None:
        why.append(x.say("skip.quota"))
    if x.comparison is None:
        why.append(x.say("skip.changes"))
    if x.departments is None or x.departments.groups is None:
        why.append(x.say("skip.departments"))
    if not len(x.result.oit_items):
        why.append(x.say("skip.oit"))
    return x.say("skip.lead", items="; ".join(why)) if why else ""


def _provenance(x: _Inputs) -> dict[str, str]:
    return {"ita_analytics": __version__,
            x.say("col.framework"): f"{frame_words(x.framework, x.language)} · {Path(x.framework.source).name} "
                                    f"SHA-256 {x.framework.sha256}",
            **{f"{k} SHA-256": str(v) for k, v in x.result.provenance.get("inputs", {}).items()},
            x.say("col.created"): date_words(x.result.provenance.get("created") or dt.datetime.now(dt.UTC), x.language,
                                             time=True)}


def _render(section: _Section, out: Path) -> tuple[dict[str, Any], PdfSection]:
    """A section drawn: charts saved (PNG for the page, SVG for the PDF, CSV of their numbers), tables as text."""
    import matplotlib.pyplot as plt

    figures, svgs = [], []
    for chart in section.charts:
        fig, table = chart.draw()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=130, bbox_inches="tight")
        save_chart(fig, table, out / "charts" / chart.name)
        plt.close(fig)
        figures.append({"png": base64.b64encode(buf.getvalue()).decode("ascii"), "caption": chart.caption,
                        "alt": chart.caption})
        svgs.append(((out / "charts" / f"{chart.name}.svg").read_bytes(), chart.caption))
    page = {"key": section.key, "title": section.title, "text": section.text, "figures": figures,
            "table": "".join(_html_table(t) for t in section.tables)}
    tables = []
    for t in section.tables:
        headers, rows, numeric = _cells(t)
        tables.append(PdfTable(headers, rows, numeric, caption=t.caption))
    return page, PdfSection(section.title, paragraphs=[section.text] if section.text else [], charts=svgs, tables=tables)


def _sheets(x: _Inputs, sections: list[_Section]) -> dict[str, pd.DataFrame]:
    """The workbook's tables: the overall score first, every section's tables, then tools, grade chances, the plan."""
    result = x.result
    sheets: dict[str, pd.DataFrame] = {"overall": pd.DataFrame([result.overall])} if result.overall else {}
    for section in sections:
        sheets.update(section.sheets)
    sheets.update({"tools": result.tools, "grade_probabilities": result.grade_probabilities})
    if x.plan is not None:
        sheets["plan"] = x.plan.actions
    return sheets


def _summary_rows(x: _Inputs, decisions: list[str]) -> list[tuple[str, Any]]:
    """The workbook's first sheet: the headline numbers, then the decisions."""
    o = x.result.overall
    rows: list[tuple[str, Any]] = [(x.say("col.title"), _titles(x)[0]),
                                   (x.say("col.framework"), frame_words(x.framework, x.language))]
    if o:
        rows += [(x.say("col.score"), o["score"]), (x.say("col.ci_low"), o["ci_low"]), (x.say("col.ci_high"), o["ci_high"]),
                 (x.say("col.grade"), o["grade"]), (x.say("col.probability_pass"), o["probability_pass"])]
        national = national_words(x.framework, o["score"], x.language)
        if national:
            rows.append((x.say("col.national"), national))
    return rows + [(x.say("report.decide") if k == 0 else "", line) for k, line in enumerate(decisions)]


def _page(x: _Inputs, title: str, subtitle: str, decisions: list[str], sections: list[dict[str, Any]],
          notes: dict[str, Any], provenance: dict[str, str]) -> str:
    """The self-contained HTML page (Sarabun and every chart inside it)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("ita_analytics.output", "templates"), autoescape=select_autoescape(["j2", "html"]))
    fonts = {p.stem: base64.b64encode(p.read_bytes()).decode("ascii") for p in thai_font_files()
             if p.stem in ("Sarabun-Regular", "Sarabun-Bold")}
    words = {key: x.say(f"report.{key}") for key in ("decide", "interval", "method", "provenance")}
    words |= {key: x.say(f"plain.{key}") for key in ("title", "assumptions", "appendix")}
    return env.get_template("report.html.j2").render(
        lang=x.language, title=title, subtitle=subtitle, t=words, overall=x.result.overall, decisions=decisions,
        sections=sections, notes=notes, provenance=provenance,
        font_regular=fonts["Sarabun-Regular"], font_bold=fonts["Sarabun-Bold"])
