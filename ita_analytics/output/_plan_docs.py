"""The committee's analysis of the results (.docx and .pdf), its measures workbook, and the progress report.

The district memo asks the ITA working group to analyse last year's results (what to fix, how to
raise the score) and to publish its internal integrity measures by indicator, with owners, then
report on them at 6 months and at the year's end (the OIT item O30 in the FY2566 frame). These
documents are that work, prefilled from the scores and the plan, and left editable: the .docx
for the committee to edit and publish, the .xlsx for them to fill in as the measures go on.

One content (a list of :class:`PdfSection`), two renderings: Word via python-docx and the PDF
via :mod:`._pdf`; so the two never say different things.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from .._version import __version__
from ..core._files import atomic_write, ensure_folder
from ..core._framework import Framework
from ..io._measures import MEASURE_COLUMNS, measure_headers, measure_status_words, measures_sheet
from ..stats._compare import Comparison
from ..stats._plan import Plan
from ..stats._scoring import ScoreResult
from ._i18n import date_words, frame_words, say, verdict_words
from ._i18n import said as said_table
from ._pdf import PdfPack, PdfSection, PdfTable, write_pdf
from ._report import weak_questions_line

__all__ = ["write_analysis", "write_progress"]


def _range(low: float, high: float, language: str) -> str:
    """An interval in plain words: "คะแนนจริงน่าจะอยู่ระหว่าง 84.80 ถึง 85.80"."""
    if low == high:
        return say("interval.census", language)
    return say("analysis.range", language, low=low, high=high)


def _results(result: ScoreResult, framework: Framework, language: str) -> PdfSection:
    o = result.overall or {}  # the plan needs an overall score: present here
    pct = int(round(result.method["confidence"] * 100))
    text = say("analysis.overall", language, score=o["score"], grade=o["grade"], pct=pct, mark=o["pass_mark"],
               p=o["probability_pass"], range=_range(o["ci_low"], o["ci_high"], language))
    tools = PdfTable([say("col.tool", language), say("col.score", language), say("analysis.col_range", language),
                      say("analysis.col_n", language)],
                     [[r.tool, f"{r.score:.2f}", _range(r.ci_low, r.ci_high, language), f"{int(r.n):,}"]
                      for r in result.tools.itertuples()], [False, True, False, True])
    name = "name_th" if language == "th" else "name_en"
    indicators = PdfTable([say("col.indicator", language), say("col.name", language), say("col.score", language),
                           say("analysis.col_range", language)],
                          [[r.indicator, getattr(r, name), f"{r.score:.2f}", _range(r.ci_low, r.ci_high, language)]
                           for r in result.indicators.itertuples()], [False, False, True, False])
    return PdfSection(say("analysis.results", language), paragraphs=[text], tables=[tools, indicators])


def _changes(comparison: Comparison | None, language: str) -> PdfSection:
    title = say("analysis.changes", language)
    if comparison is None:
        return PdfSection(title, paragraphs=[say("decide.no_comparison", language)])
    rows = comparison.rows
    latest = rows[(rows["after_year"] == rows["after_year"].max()) & rows["level"].isin(["overall", "tool", "indicator"])]
    threshold = comparison.settings["meaningful_change"]
    table = PdfTable([say("col.level", language), say("col.id", language), say("col.before", language),
                      say("col.after", language), say("col.change", language), say("col.verdict", language)],
                     [[say(f"level.{r.level}", language), str(r.id), _num(r.before), _num(r.after),
                       "" if r.change != r.change else f"{r.change:+.2f}",
                       verdict_words(r.verdict, r.reason, language, threshold=threshold)] for r in latest.itertuples()],
                     [False, False, True, True, True, False])
    year = int(latest["before_year"].iloc[0])
    return PdfSection(title, paragraphs=[say("analysis.changes_text", language, year=year)], tables=[table])


def _num(value: Any) -> str:
    return "" if value is None or value != value else f"{value:.2f}"


def _strengths(result: ScoreResult, framework: Framework, language: str) -> PdfSection:
    mark = framework.scoring.pass_mark
    name = "name_th" if language == "th" else "name_en"
    ind = result.indicators.dropna(subset=["score"])
    strong = ind[ind["score"] >= mark].sort_values("score", ascending=False)
    weak = ind[ind["score"] < mark].sort_values("score")
    none = say("decide.none", language)
    return PdfSection(say("analysis.strengths", language), bullets=[
        say("analysis.strong", language, mark=mark, items="; ".join(f"{r.indicator} {getattr(r, name)} {r.score:.2f}"
                                                                    for r in strong.itertuples()) or none),
        say("analysis.weak", language, mark=mark, items="; ".join(f"{r.indicator} {getattr(r, name)} {r.score:.2f}"
                                                                  for r in weak.itertuples()) or none),
        weak_questions_line(result, framework, language)])


def _oit(result: ScoreResult, framework: Framework, language: str) -> PdfSection:
    title = say("analysis.oit", language)
    missing = result.oit_items[~result.oit_items["published"]]
    if not len(missing):
        return PdfSection(title, paragraphs=[say("decide.oit_complete", language)])
    rows = [[r.item, r.title_th if language == "th" else r.title_en, ", ".join(framework.owners(r.item))]
            for r in missing.itertuples()]
    return PdfSection(title, paragraphs=[say("analysis.oit_text", language, n=len(missing))], tables=[PdfTable(
        [say("col.item", language), say("col.what", language), say("col.responsible", language)], rows, [False] * 3)])


def _plan_section(path: Plan, language: str) -> PdfSection:
    text = say("analysis.plan", language, current=path.current, target=path.target_name, value=path.target, after=path.after)
    rows = [[a["id"], a["name_th"] if language == "th" else a["name_en"], f"{a['from']:.2f} → {a['to']:.2f}",
             f"+{a['gain']:.2f}", f"{a['cumulative']:.2f}", f"{a['probability']:.0%}"]
            for a in path.actions.to_dict("records")]
    table = PdfTable([say("col.id", language), say("col.name", language), say("analysis.col_from_to", language),
                      say("analysis.col_gain", language), say("analysis.col_after", language),
                      say("analysis.col_chance", language, target=path.target_name)], rows,
                     [False, False, True, True, True, True])
    return PdfSection(say("analysis.plan_title", language), paragraphs=[text], tables=[table] if rows else [])


def _measures_section(measures: pd.DataFrame, language: str) -> PdfSection:
    columns = ("no", "id", "measure", "responsible", "period", "success")
    said = _said(measures, language)
    rows = [[str(r["no"]), f"{r['id']} {r['name']}", r["measure"], r["responsible"], r["period"], r["success"]]
            for r in said.to_dict("records")]
    heads = measure_headers(language)
    table = PdfTable([heads[c] for c in columns], rows, [False] * len(columns))
    return PdfSection(say("analysis.measures", language), paragraphs=[say("analysis.measures_text", language)],
                      tables=[table])


def analysis_sections(result: ScoreResult, framework: Framework, path: Plan, measures: pd.DataFrame, *,
                      comparison: Comparison | None = None, language: str = "th") -> list[PdfSection]:
    """The analysis document's content: results, changes, strengths and weaknesses, OIT, the plan, the measures."""
    return [_results(result, framework, language), _changes(comparison, language),
            _strengths(result, framework, language), _oit(result, framework, language), _plan_section(path, language),
            _measures_section(measures, language)]


def write_analysis(out: str | Path, result: ScoreResult, framework: Framework, path: Plan, measures: pd.DataFrame, *,
                   comparison: Comparison | None = None, agency: str | None = None,
                   language: str = "th") -> dict[str, Path]:
    """Write ``analysis.docx``, ``analysis.pdf`` and ``measures.xlsx`` into ``out``; returns their paths."""
    out = Path(out)
    ensure_folder(out)
    title = say("analysis.title", language, year=framework.fiscal_year) + (f" — {agency}" if agency else "")
    made = say("analysis.made", language, time=date_words(dt.datetime.now(dt.UTC), language, time=True),
               year=framework.fiscal_year, version=__version__, frame=frame_words(framework, language))
    sections = analysis_sections(result, framework, path, measures, comparison=comparison, language=language)
    docx = write_docx(out / "analysis.docx", title, made, sections)
    pdf = write_pdf(out / "analysis.pdf", PdfPack(title=title, subtitle=made, sections=sections,
                                                  page_words=say("pdf.page", language), footer=title, language=language,
                                                  author=f"ita_analytics {__version__}"))
    return {"docx": docx, "pdf": pdf, "measures": write_measures(out / "measures.xlsx", measures, language=language)}


def write_docx(path: Path, title: str, subtitle: str, sections: list[PdfSection]) -> Path:
    """A Word document of the sections: headings, paragraphs, bullets, tables (with the grid style), Sarabun."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    for style in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Table Grid"):
        fonts = doc.styles[style].font
        fonts.name = "Sarabun"
        r_fonts = doc.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            r_fonts.set(qn(key), "Sarabun")  # Thai is a complex script: Word takes its font from w:cs
    doc.styles["Normal"].font.size = Pt(12)
    size = OxmlElement("w:szCs")  # the size of complex-script (Thai) text, in half points
    size.set(qn("w:val"), "24")
    doc.styles["Normal"].element.get_or_add_rPr().append(size)
    doc.add_heading(title, level=0)
    doc.add_paragraph(subtitle)
    for section in sections:
        doc.add_heading(section.title, level=1)
        for text in section.paragraphs:
            doc.add_paragraph(text)
        for line in section.bullets:
            doc.add_paragraph(line, style="List Bullet")
        for table in section.tables:
            _docx_table(doc, table)
    return atomic_write(path, lambda tmp: doc.save(str(tmp)))


def _docx_table(doc: Any, table: PdfTable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if table.caption:
        doc.add_paragraph(table.caption)
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in table.rows:
        cells = grid.add_row().cells
        for cell, text, numeric in zip(cells, values, table.numeric):
            cell.text = text
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _said(measures: pd.DataFrame, language: str) -> pd.DataFrame:
    """The measures with every message, status and kind in ``language`` (the committee's words)."""
    statuses = measure_status_words(language)
    kinds = {k: say(f"measure.kind.{k}", language) for k in ("oit_item", "indicator")}
    said = said_table(measures, language)
    if "status" in said:
        said["status"] = said["status"].map(lambda s: statuses.get(s, s))
    if "kind" in said:
        said["kind"] = said["kind"].map(lambda k: kinds.get(k, k))
    return said


def write_measures(path: Path, measures: pd.DataFrame, *, language: str = "th") -> Path:
    """The measures workbook for the committee to fill in: headers in ``language``, a status list, widths, a how-to sheet.

    ``read_measures`` reads it back in either language.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = measures_sheet(language)
    heads, statuses = measure_headers(language), list(measure_status_words(language).values())
    sheet.append([heads[c] for c in MEASURE_COLUMNS])
    for row in _said(measures, language)[list(MEASURE_COLUMNS)].itertuples(index=False):
        sheet.append([None if v is None or v != v else (dt.date.fromisoformat(v) if c == "due" else v)
                      for c, v in zip(MEASURE_COLUMNS, row)])
    widths = {"no": 5, "kind": 10, "id": 10, "name": 30, "measure": 60, "responsible": 24, "period": 16, "success": 36,
              "gain": 12, "status": 16, "evidence": 36, "due": 14, "note": 30}
    for k, col in enumerate(MEASURE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = widths[col]
        sheet.cell(row=1, column=k).font = Font(bold=True)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=k, max_col=k):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.number_format = {"gain": "0.00", "due": "yyyy-mm-dd"}.get(col, "General")
    status = get_column_letter(MEASURE_COLUMNS.index("status") + 1)
    rule = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=False, showErrorMessage=True,
                          errorTitle=heads["status"], error=say("measures.choose", language, items=", ".join(statuses)))
    sheet.add_data_validation(rule)
    rule.add(f"{status}2:{status}{max(len(measures) + 50, 100)}")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    how = book.create_sheet(say("measures.how_sheet", language))
    for line in say("measures.how", language).splitlines():
        how.append([line])
    how.column_dimensions["A"].width = 100
    return atomic_write(path, lambda tmp: book.save(str(tmp)))


def write_progress(out: str | Path, progress: pd.DataFrame, *, as_of: pd.Timestamp,
                   language: str = "th") -> dict[str, Path]:
    """The progress report on the measures (6-month or year-end): ``progress.docx`` and ``progress.pdf``."""
    out = Path(out)
    ensure_folder(out)
    title = say("progress.title", language) + " " + say("chart.as_of", language, date=date_words(as_of, language)).strip()
    counts = progress["state"].value_counts()
    summary = say("progress.summary", language, date=date_words(as_of, language), n=len(progress),
                  done=int(counts.get("done", 0)), late=int(counts.get("late", 0)),
                  in_progress=int(counts.get("in_progress", 0)), not_started=int(counts.get("not_started", 0)))
    rows = [[str(r["no"]), r["measure"], r["responsible"], date_words(r["due"], language),
             say(f"progress.{r['state']}", language, days=r["days_late"]), r["evidence"]]
            for r in progress.to_dict("records")]
    heads = measure_headers(language)
    table = PdfTable([heads[c] for c in ("no", "measure", "responsible", "due")]
                     + [say("progress.state", language), heads["evidence"]], rows, [False] * 6)
    sections = [PdfSection(say("progress.section", language), paragraphs=[summary], tables=[table])]
    made = say("analysis.made_short", language, time=date_words(dt.datetime.now(dt.UTC), language, time=True),
               version=__version__)
    docx = write_docx(out / "progress.docx", title, made, sections)
    pdf = write_pdf(out / "progress.pdf", PdfPack(title=title, subtitle=made, sections=sections,
                                                  page_words=say("pdf.page", language), footer=title, language=language))
    return {"docx": docx, "pdf": pdf}
