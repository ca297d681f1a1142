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
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..core._framework import Framework, load_framework
from ..stats._breakdown import funnel_table
from ..stats._compare import Comparison
from ..stats._integrity import IntegrityResult
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
from ._export import write_xlsx
from ._fonts import thai_font_files, use_thai_font

__all__ = ["write_report"]

_TEXT = {
    "th": {"decide": "สิ่งที่คณะกรรมการต้องพิจารณา", "interval": "ช่วงความเชื่อมั่น", "method": "วิธีคำนวณและข้อสมมติ",
           "provenance": "ที่มาของตัวเลข", "title": "รายงานผลการประเมิน ITA"},
    "en": {"decide": "What the committee must decide", "interval": "interval", "method": "Method and assumptions",
           "provenance": "Provenance", "title": "ITA assessment report"},
}


@dataclass
class _Figure:
    png: str  # base64
    caption: str
    alt: str


@dataclass
class _Section:
    key: str
    title: str
    text: str = ""
    figures: list[_Figure] = field(default_factory=list)
    table: str = ""


_LEVEL_TH = {"overall": "ภาพรวม", "tool": "เครื่องมือ", "indicator": "ตัวชี้วัด", "question": "ข้อคำถาม"}
_NOTE_TH = [  # the comparison's verdicts and notes, as a Thai committee reads them
    (r"real and meaningful \(≥ ([\d.]+) points\)", r"เปลี่ยนจริงและมากพอ (≥ \1 คะแนน)"),
    (r"real but small \(< ([\d.]+) points\)", r"เปลี่ยนจริงแต่น้อย (< \1 คะแนน)"),
    (r"large but uncertain \(not significant\)", "เปลี่ยนมากแต่ยังไม่แน่นอน (ไม่มีนัยสำคัญ)"),
    (r"small and not significant", "เปลี่ยนน้อยและไม่มีนัยสำคัญ"),
    (r"no standard errors on either side: the change cannot be tested", "ไม่มีค่าความคลาดเคลื่อนทั้งสองปี ทดสอบไม่ได้"),
    (r"FY(\d{4}) has no microdata: its sampling error is taken as 0",
     r"ปี \1 ไม่มีข้อมูลรายคน จึงถือความคลาดเคลื่อนเป็น 0"),
    (r"OCR-unreliable: conflicts with the overall score", "ตัวเลขต้นทางอาจอ่านผิด (OCR) ขัดกับคะแนนรวม"),
    (r"no sampling error on either side: the change is exact", "ไม่มีความคลาดเคลื่อนจากการสุ่ม ผลต่างเป็นค่าแน่นอน"),
    (r"no FY(\d{4}) figure to compare with", r"ไม่มีตัวเลขปี \1 ให้เทียบ"),
    (r"no match in FY(\d{4}) \(see the crosswalk\)", r"ไม่มีข้อที่ตรงกันในปี \1 (ดูตารางเทียบรหัส)"),
]


def _thai(frame: pd.DataFrame) -> pd.DataFrame:
    """Level names and comparison notes in Thai, for the Thai pack's tables."""
    import re

    out = frame.copy()
    if "level" in out:
        out["level"] = out["level"].map(lambda v: _LEVEL_TH.get(v, v))
    if "note" in out:
        def one(note: Any) -> Any:
            if not isinstance(note, str):
                return note
            for pattern, repl in _NOTE_TH:
                note = re.sub(pattern, repl, note)
            return note

        out["note"] = out["note"].map(one)
    return out


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{value:.{digits}f}"
    return str(value)


def _html_table(frame: pd.DataFrame, headers: dict[str, str], *, suppressed: pd.Series | None = None,
                reason: pd.Series | None = None, table_id: str = "") -> str:
    """An HTML table of the chosen columns; suppressed rows show their reason instead of numbers."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers.values())
    body = []
    for k, (_, row) in enumerate(frame.iterrows()):
        hidden = suppressed is not None and bool(suppressed.iloc[k])
        cells = []
        for col in headers:
            value = row[col]
            numeric = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
            if hidden and col in ("score", "se", "ci_low", "ci_high", "ci"):
                text = html.escape(str(reason.iloc[k]) if reason is not None else "n < 5")
                cells.append(f'<td class="suppressed">{text}</td>')
            else:
                cells.append(f'<td class="{"num" if numeric else ""}">{html.escape(_fmt(value))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class _Pack:
    """Collects figures (PNG, SVG, CSV beside each; a PDF page each) and tables."""

    def __init__(self, out: Path, pdf: Any) -> None:
        self.out = out
        self.pdf = pdf
        self.tables: dict[str, pd.DataFrame] = {}

    def figure(self, name: str, make: Callable[[], tuple[Any, pd.DataFrame]], caption: str) -> _Figure:
        fig, table = make()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=130, bbox_inches="tight")
        self.pdf.savefig(fig, bbox_inches="tight")
        save_chart(fig, table, self.out / "charts" / name)
        return _Figure(base64.b64encode(buf.getvalue()).decode("ascii"), caption, caption)


def _decisions(result: ScoreResult, framework: Framework, th: bool, quota: QuotaResult | None,
               comparison: Comparison | None) -> list[str]:
    lines = []
    o = result.overall
    pct = int(round(result.method["confidence"] * 100))
    if o:
        lines.append((f"คะแนนรวม {o['score']:.2f} (ช่วงความเชื่อมั่น {pct}% {o['ci_low']:.2f}–{o['ci_high']:.2f}) "
                      f"ระดับ {o['grade']}; โอกาสที่คะแนนจริงถึงเกณฑ์ผ่าน {o['pass_mark']:g}: {o['probability_pass']:.0%}")
                     if th else (f"Overall {o['score']:.2f} ({pct}% interval {o['ci_low']:.2f}–{o['ci_high']:.2f}), "
                                 f"grade {o['grade']}; chance the true score reaches {o['pass_mark']:g}: "
                                 f"{o['probability_pass']:.0%}"))
        if o["ci_low"] < o["pass_mark"] <= o["ci_high"]:
            lines.append("ช่วงความเชื่อมั่นคร่อมเกณฑ์ผ่าน: ยังสรุปไม่ได้ว่าผ่านแน่นอน ควรเร่งเก็บข้อมูลหรือปรับปรุงตัวชี้วัดที่อ่อน"
                         if th else "The interval straddles the pass mark: a pass is not yet certain.")
        if o.get("next_grade"):
            lines.append(f"ห่างจากระดับ {o['next_grade']} อีก {o['points_to_next_grade']:.2f} คะแนน" if th
                          else f"{o['points_to_next_grade']:.2f} points to grade {o['next_grade']}")
    ind = result.indicators.dropna(subset=["score"]).nsmallest(3, "score")
    names = {i.id: (i.name_th if th else i.name_en) for i in framework.indicators}
    lines.append(("ตัวชี้วัดที่อ่อนที่สุด: " if th else "Weakest indicators: ") + "; ".join(
        f"{r.indicator} {names.get(r.indicator, '')} {r.score:.2f}" for r in ind.itertuples()))
    theme = {q.id: (q.theme_th or q.theme_en) if th else q.theme_en for q in framework.questions}
    weak = result.questions.nsmallest(5, "score")
    lines.append(("ข้อคำถามที่คะแนนต่ำสุด: " if th else "Weakest questions: ") + "; ".join(
        f"{r.question} {theme.get(r.question, '')} ({r.score:.1f})" for r in weak.itertuples()))
    if len(result.oit_items):
        missing = result.oit_items[~result.oit_items["published"]]
        if len(missing):
            lines.append(("OIT ที่ยังไม่ผ่าน: " if th else "OIT items missing: ") + "; ".join(
                f"{r.item} ({r.responsible})" for r in missing.itertuples()))
        else:
            lines.append("OIT ผ่านครบทุกข้อ" if th else "Every OIT item is published")
    if comparison is not None:
        latest = comparison.rows[comparison.rows["after_year"] == comparison.rows["after_year"].max()]
        real = latest[(latest["significant"] == True) & latest["level"].isin(["overall", "tool", "indicator"])]  # noqa: E712
        def name(r: Any) -> str:
            label = r.id if r.level != "indicator" else f"{'ตัวชี้วัด' if th else 'indicator'} {r.id}"
            flag = (" (ตัวเลขปีก่อนไม่น่าเชื่อถือ)" if th else " (earlier figure unreliable)") \
                if "unreliable" in str(r.note).lower() else ""
            return f"{label} {r.change:+.2f}{flag}"

        up = [name(r) for r in real.itertuples() if r.change > 0]
        down = [name(r) for r in real.itertuples() if r.change < 0]
        year = int(latest["before_year"].iloc[0])
        lines.append(f"เทียบกับปี {year}: ดีขึ้นจริง {', '.join(up) or 'ไม่มี'}; แย่ลงจริง {', '.join(down) or 'ไม่มี'}" if th
                      else f"Since FY{year}: real gains {', '.join(up) or 'none'}; real losses {', '.join(down) or 'none'}")
    else:
        lines.append("ไม่ได้ให้ผลปีก่อน จึงไม่มีการเปรียบเทียบ" if th else "No previous results given: no comparison")
    if quota is not None and not quota.ok:
        top = quota.chase.head(3)
        lines.append((f"โควตา/ความครอบคลุมยังขาด {len(quota.chase)} กลุ่ม เช่น " if th else
                      f"{len(quota.chase)} coverage cells short, e.g. ") + "; ".join(
            f"{r.department} {r.staff_type} {'ขาด' if th else 'short'} {r.shortfall}" for r in top.itertuples()))
    return lines


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
        Labels and text.
    """
    from jinja2 import Environment, PackageLoader, select_autoescape
    from matplotlib import rcParams
    from matplotlib.backends.backend_pdf import PdfPages

    th = language == "th"
    t = _TEXT["th" if th else "en"]
    out = Path(out)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    use_thai_font()
    rcParams["pdf.fonttype"] = 42  # embed TrueType (Sarabun) in the PDF, Thai shaping intact
    year = framework.fiscal_year
    title = f"{t['title']} {'ปีงบประมาณ พ.ศ.' if th else 'FY'} {year}" + (f" — {agency}" if agency else "")
    created = dt.datetime.now(dt.UTC)
    subtitle = (f"จัดทำ {created:%Y-%m-%d %H:%M} UTC · กรอบการประเมิน FY{year} ({framework.status}) · ita_analytics {__version__}"
                if th else f"Made {created:%Y-%m-%d %H:%M} UTC · framework FY{year} ({framework.status}) · ita_analytics {__version__}")
    decisions = _decisions(result, framework, th, quota, comparison)
    sections: list[_Section] = []
    pdf_path = out / "report.pdf"
    with PdfPages(pdf_path, metadata={"Title": title, "Creator": f"ita_analytics {__version__}"}) as pdf:
        _text_page(pdf, title, subtitle, t["decide"], decisions)
        pack = _Pack(out, pdf)
        if result.overall:
            sec = _Section("scorecard", "คะแนนรวมและระดับ" if th else "Overall score and grade")
            sec.figures.append(pack.figure("scorecard", lambda: plot_scorecard(result, framework, language=language,
                                                                                agency=agency),
                                           "คะแนนรวม ช่วงความเชื่อมั่น และระยะถึงเกณฑ์" if th else "Overall score"))
            sections.append(sec)
        sec = _Section("indicators", "คะแนนรายตัวชี้วัด" if th else "Indicators")
        sec.figures.append(pack.figure("indicators", lambda: plot_indicators(result, framework, language=language),
                                       "คะแนนรายเครื่องมือและตัวชี้วัด พร้อมช่วงความเชื่อมั่น เทียบช่วงระดับ" if th
                                       else "Tool and indicator scores with intervals against the grade bands"))
        ind = result.indicators.assign(ci=lambda d: [f"{a:.2f}–{b:.2f}" for a, b in zip(d.ci_low, d.ci_high)])
        sec.table = _html_table(ind, {"indicator": "ตัวชี้วัด" if th else "indicator",
                                      "name_th" if th else "name_en": "ชื่อ" if th else "name", "tool": "เครื่องมือ" if th else "tool",
                                      "score": "คะแนน" if th else "score", "ci": t["interval"], "n": "n"},
                                table_id="indicator-table")
        pack.tables["indicators"] = result.indicators
        sections.append(sec)
        sec = _Section("answers", "คำตอบรายข้อ: อะไรดึงคะแนนลง" if th else "Answers: what pulls the scores down")
        for tool in ("IIT", "EIT"):
            if (result.answers["tool"] == tool).any() if len(result.answers) else False:
                sec.figures.append(pack.figure(f"answers_{tool.lower()}",
                                               lambda tool=tool: plot_answers(result, framework, tool, language=language),
                                               f"{tool}: สัดส่วนคำตอบแต่ละระดับคะแนน" if th else f"{tool}: answers by points"))
        weak = result.questions.nsmallest(10, "score").copy()
        theme = {q.id: (q.theme_th or q.theme_en) if th else q.theme_en for q in framework.questions}
        weak["theme"] = weak["question"].map(theme)
        weak["ci"] = [f"{a:.2f}–{b:.2f}" for a, b in zip(weak["ci_low"], weak["ci_high"])]
        sec.table = _html_table(weak, {"question": "ข้อ" if th else "question", "theme": "ประเด็น" if th else "theme",
                                       "score": "คะแนน" if th else "score", "ci": t["interval"],
                                       "n_answered": "ผู้ตอบข้อนี้" if th else "answered"}, table_id="weak-questions")
        pack.tables["questions"] = result.questions
        sections.append(sec)
        if len(result.oit_items):
            sec = _Section("oit", "OIT: การเปิดเผยข้อมูลบนเว็บไซต์" if th else "OIT: website disclosure")
            sec.figures.append(pack.figure("oit", lambda: plot_oit(result, framework, language=language),
                                           "สถานะ OIT รายข้อ" if th else "OIT status by item"))
            missing = result.oit_items[~result.oit_items["published"]]
            sec.table = _html_table(missing, {"item": "ข้อ" if th else "item",
                                              "title_th" if th else "title_en": "ข้อมูลที่ต้องเผยแพร่" if th else "what",
                                              "responsible": "ผู้รับผิดชอบ" if th else "responsible"},
                                    table_id="oit-missing") if len(missing) else ""
            pack.tables["oit_items"] = result.oit_items
            sections.append(sec)
        if comparison is not None:
            sec = _Section("changes", "เปรียบเทียบกับปีที่ผ่านมา" if th else "Changes since last year")
            for before in sorted(comparison.rows["before_year"].unique()):
                sub = comparison.rows[comparison.rows["before_year"] == before]
                after = int(sub["after_year"].iloc[0])
                fw_after = framework if after == year else load_framework(after)
                sec.figures.append(pack.figure(f"compare_{before}_{after}",
                                               lambda b=int(before), f=fw_after: plot_dumbbell(comparison, f, before_year=b,
                                                                                               language=language),
                                               f"{before} → {after}"))
            if len(comparison.settings["years"]) >= 3:
                sec.figures.append(pack.figure("trend", lambda: plot_trend(comparison, language=language),
                                               "แนวโน้ม" if th else "Trend"))
            latest = comparison.rows[(comparison.rows["after_year"] == comparison.rows["after_year"].max())
                                     & comparison.rows["level"].isin(["overall", "tool", "indicator"])]
            sec.table = _html_table(_thai(latest) if th else latest, {"level": "ระดับ" if th else "level", "id": "รหัส" if th else "id",
                                             "before": "ก่อน" if th else "before", "after": "หลัง" if th else "after",
                                             "change": "เปลี่ยน" if th else "change", "p_adjusted": "p (Holm)",
                                             "note": "สรุป" if th else "verdict"}, table_id="changes")
            pack.tables["changes"] = comparison.rows
            sections.append(sec)
        if quota is not None:
            sec = _Section("quota", "ความครอบคลุมของผู้ตอบ" if th else "Coverage of respondents")
            sec.figures.append(pack.figure("coverage", lambda: plot_coverage(quota, framework, language=language),
                                           "ความครอบคลุมรายฝ่ายเทียบเกณฑ์" if th else "Coverage by department"))
            if not quota.progress.empty:
                sec.figures.append(pack.figure("progress", lambda: plot_progress(quota, language=language),
                                               "ความก้าวหน้าการตอบ" if th else "Progress"))
            if len(quota.chase):
                sec.table = _html_table(quota.chase, {"department": "ฝ่าย" if th else "department",
                                                      "staff_type": "ประเภทบุคลากร" if th else "staff type",
                                                      "responses": "ตอบแล้ว" if th else "answered",
                                                      "eligible": "ผู้มีสิทธิ์" if th else "eligible",
                                                      "shortfall": "ยังขาด" if th else "short"}, table_id="chase")
            pack.tables["quota_chase"] = quota.chase
            sections.append(sec)
        if departments is not None and departments.groups is not None:
            g = departments.groups[departments.groups["level"] == "tool"].copy()
            g["ci"] = [f"{a:.2f}–{b:.2f}" if a == a else "" for a, b in zip(g["ci_low"], g["ci_high"])]
            sec = _Section("departments", "ผลรายฝ่าย" if th else "By department",
                           text=("แต่ละฝ่ายเป็นตัวอย่างของตนเอง กลุ่มที่มีผู้ตอบน้อยกว่าเกณฑ์แสดงเพียงจำนวน ไม่แสดงคะแนน"
                                 if th else "Each department is its own sample; small groups show a count, no score."))
            sec.table = _html_table(g, {"value": "ฝ่าย" if th else "department", "tool": "เครื่องมือ" if th else "tool",
                                        "n": "n", "score": "คะแนน" if th else "score", "ci": t["interval"]},
                                    suppressed=g["suppressed"], reason=g["suppressed_reason"], table_id="departments")
            pack.tables["departments"] = departments.groups.drop(columns=["df"])
            sections.append(sec)
        if agencies is not None and agencies.groups is not None:
            sec = _Section("agencies", "เทียบหน่วยงาน" if th else "Agencies compared")
            for tool in ("IIT", "EIT"):
                if ((agencies.groups["tool"] == tool) & (agencies.groups["level"] == "tool")).any():
                    funnel = funnel_table(agencies, tool)
                    sec.figures.append(pack.figure(f"funnel_{tool.lower()}",
                                                   lambda f=funnel, tl=tool: plot_funnel(f, tool=tl, language=language),
                                                   f"Funnel plot {tool}"))
                    pack.tables[f"ranking_{tool}"] = funnel
            ranking = funnel_table(agencies, "EIT" if "EIT" in set(agencies.groups["tool"]) else "IIT")
            ranking["ci"] = [f"{a:.2f}–{b:.2f}" if a == a else "" for a, b in zip(ranking["ci_low"], ranking["ci_high"])]
            sec.table = _html_table(ranking, {"rank": "อันดับ" if th else "rank", "value": "หน่วยงาน" if th else "agency",
                                              "n": "n", "score": "คะแนน" if th else "score", "ci": t["interval"]},
                                    suppressed=ranking["suppressed"], table_id="ranking")
            sections.append(sec)
        if integrity is not None:
            labels = {"duplicate": "ส่งซ้ำ (คำตอบเหมือนกันทุกข้อ)", "near_duplicate": "เกือบซ้ำ (ต่างกันข้อเดียว)",
                      "burst": "ส่งพร้อมกันจำนวนมากในไม่กี่นาที", "straight_lining": "ตอบเหมือนกันทุกข้อรวมข้อกลับด้าน",
                      "too_fast": "ตอบเร็วผิดปกติ", "any": "รวมที่ถูกทำเครื่องหมาย"} if th else {}
            counts = integrity.counts.assign(flag_label=lambda d: d["flag"].map(lambda f: labels.get(f, f)),
                                             percent=lambda d: d["share"] * 100)
            sens = integrity.sensitivity
            sec = _Section("integrity", "ความน่าเชื่อถือของคำตอบ" if th else "Response integrity",
                           text=("คำตอบที่น่าสงสัยถูกทำเครื่องหมายไว้ ไม่ได้ลบทิ้ง ตารางที่สองเทียบคะแนนเมื่อรวมและเมื่อไม่รวมคำตอบเหล่านี้"
                                 if th else "Suspicious responses are flagged, never deleted; the second table shows "
                                            "the scores with and without them."))
            sec.table = _html_table(counts[counts["responses"] > 0], {
                "tool": "เครื่องมือ" if th else "tool", "flag_label": "ลักษณะ" if th else "flag",
                "responses": "จำนวน" if th else "responses", "percent": "ร้อยละ" if th else "%"}, table_id="integrity-flags") \
                + _html_table(_thai(sens[sens["level"] != "indicator"]) if th else sens[sens["level"] != "indicator"], {
                    "level": "ระดับ" if th else "level", "id": "รหัส" if th else "id",
                    "score_all": "รวมทุกคำตอบ" if th else "all responses",
                    "score_unflagged": "ไม่รวมที่ถูกทำเครื่องหมาย" if th else "without flagged",
                    "difference": "ผลต่าง" if th else "difference"}, table_id="sensitivity")
            pack.tables["integrity_flags"] = integrity.counts
            pack.tables["sensitivity"] = integrity.sensitivity
            sections.append(sec)
        method = _method_lines(result, th)
        _text_page(pdf, t["method"], "", "", method)
    pack.tables.update({"tools": result.tools, "grade_probabilities": result.grade_probabilities})
    if result.overall:
        pack.tables = {"overall": pd.DataFrame([result.overall]), **pack.tables}
    xlsx = write_xlsx(pack.tables, out / "report.xlsx")
    env = Environment(loader=PackageLoader("ita_analytics.output", "templates"), autoescape=select_autoescape(["j2", "html"]))
    fonts = {p.stem: base64.b64encode(p.read_bytes()).decode("ascii") for p in thai_font_files()
             if p.stem in ("Sarabun-Regular", "Sarabun-Bold")}
    provenance = {"package": __version__, "framework": f"FY{year} {framework.sha256[:12]}",
                  **{f"input {k}": v[:16] for k, v in result.provenance.get("inputs", {}).items()},
                  "created": result.provenance.get("created", "")}
    page = env.get_template("report.html.j2").render(
        lang=language, title=title, subtitle=subtitle, t=t, overall=result.overall, decisions=decisions,
        sections=sections, method=method, provenance=provenance,
        font_regular=fonts["Sarabun-Regular"], font_bold=fonts["Sarabun-Bold"])
    html_path = out / "report.html"
    html_path.write_text(page, encoding="utf-8")
    return {"html": html_path, "pdf": pdf_path, "xlsx": xlsx, "charts": out / "charts"}


def _method_lines(result: ScoreResult, th: bool) -> list[str]:
    m = result.method
    fpc = m["fpc"].get("IIT", {})
    lines = [
        (f"คะแนนข้อคำถาม = ค่าเฉลี่ยของผู้ที่ตอบข้อนั้น (ไม่ตอบไม่นับเป็น 0); ตัวชี้วัด = ค่าเฉลี่ยของข้อ; เครื่องมือ = "
         f"ค่าเฉลี่ยของ{'ข้อ' if m['tool_aggregation'] == 'questions' else 'ตัวชี้วัด'}; คะแนน 4 ระดับแบบ {m['four_level_points']}"
         if th else f"Question = mean of those who answered (blanks are not 0); indicator = mean of its questions; tool = "
                    f"mean of its {m['tool_aggregation']}; 4-level points: {m['four_level_points']}"),
        (f"ช่วงความเชื่อมั่น {m['confidence']:.0%}: linearization ระดับผู้ตอบ, t (n − 1); IIT "
         + ("ปรับด้วย finite population correction จากบัญชีบุคลากร" if fpc.get("applied") else "ไม่ได้ปรับ FPC")
         if th else f"{m['confidence']:.0%} intervals: respondent-level linearization, t with n − 1 df; IIT "
                    + ("with the finite population correction from the roster" if fpc.get("applied") else "without FPC")),
        "คะแนนรวม = 0.3·IIT + 0.3·EIT + 0.4·OIT; OIT ไม่มีความคลาดเคลื่อนจากการสุ่ม" if th
        else "Overall = 0.3·IIT + 0.3·EIT + 0.4·OIT; the OIT has no sampling error",
    ]
    return lines + [str(n) for n in m.get("notes", [])]


def _text_page(pdf: Any, title: str, subtitle: str, heading: str, lines: list[str]) -> None:
    """A PDF page of wrapped text (Thai wraps at spaces, which the bullets have)."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.27, 11.69))  # A4
    y = 0.95
    fig.text(0.07, y, title, fontsize=14, fontweight="bold", va="top")
    y -= 0.04
    if subtitle:
        fig.text(0.07, y, subtitle, fontsize=9, color="#555555", va="top")
        y -= 0.04
    if heading:
        fig.text(0.07, y, heading, fontsize=13, fontweight="bold", va="top", color="#0072B2")
        y -= 0.035
    for line in lines:
        wrapped = textwrap.wrap(line, 95) or [""]
        for k, part in enumerate(wrapped):
            fig.text(0.08, y, ("• " if k == 0 else "   ") + part, fontsize=10, va="top")
            y -= 0.022
        y -= 0.008
        if y < 0.06:
            pdf.savefig(fig)
            plt.close(fig)
            fig = plt.figure(figsize=(8.27, 11.69))
            y = 0.95
    pdf.savefig(fig)
    plt.close(fig)
