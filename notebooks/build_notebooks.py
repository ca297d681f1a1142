"""Writes the notebooks from the cells below, so that they are reviewed as code. Run: python notebooks/build_notebooks.py

``--html DIR`` runs each notebook on the sample data and writes the executed copy as a page
(``make demo`` writes them to ``figures/notebooks/``), for reading without Jupyter.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
SETUP = """\
from pathlib import Path
import pandas as pd
import ita_analytics as ia

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
RAW = ROOT / "data" / "raw"
pd.set_option("display.precision", 2)
"""

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01_fieldwork_quota.ipynb": [
        ("md", "# ติดตามการตอบแบบวัดระหว่างเปิดรับ (fieldwork monitor)\n\n"
               "Every morning of the collection window the working group asks: are we on track, and which "
               "departments still owe answers? This notebook answers on the sample district as of 10 June 2566 "
               "(2023), with the window closing on 30 June."),
        ("code", SETUP + "from ita_analytics import check_quotas, plot_coverage, plot_progress"),
        ("md", "## 1. Read the exports and the roster\n\nThe IIT export is read without the roster filter so that "
               "answers from a department the roster lacks show up as a problem to fix, not a silent drop."),
        ("code", "fw = ia.load_framework(2566)\n"
                 "roster = ia.read_roster(RAW / 'roster_2566.xlsx', framework=fw)\n"
                 "iit = ia.read_iit(RAW / 'iit_2566.csv', framework=fw)\n"
                 "eit = ia.read_eit(RAW / 'eit_2566.csv', framework=fw)\n"
                 "print('eligible staff in the roster:', roster.data.eligible.sum())\n"
                 "print('IIT tenure rule: at least', fw.minimum_tenure_years, 'year; rules:')\n"
                 "for rule in fw.coverage_rules:\n    print(' -', rule.description)"),
        ("md", "## 2. Quotas and coverage as of 10 June"),
        ("code", "q = check_quotas(iit, eit, roster, framework=fw, as_of='10/06/2566', deadline='30/06/2566')\n"
                 "print('all rules met:', q.ok)\nq.iit, q.eit"),
        ("code", "q.problems"),
        ("md", "Who to chase today, most urgent first (export it for the working group with `ia.write_results(q, folder)`):"),
        ("code", "q.chase.head(15)"),
        ("code", "fig, table = plot_coverage(q, fw)"),
        ("md", "## 3. Progress and forecast\n\nThe rate is the mean daily number of answers over the last 7 days; "
               "the projected date is when the target is reached at that rate."),
        ("code", "pd.DataFrame(q.forecast).T[['responses', 'target', 'rate_per_day', 'projected_date', 'deadline', 'on_track']]"),
        ("code", "fig, table = plot_progress(q)"),
        ("md", "## 4. What more answers buy\n\nThe projected half-width of the IIT score's 95% interval at "
               "several final sample sizes (finite population correction from the roster): when everyone eligible "
               "answers, there is no sampling error left."),
        ("code", "q.precision"),
        ("md", "## 5. At the close of the window"),
        ("code", "final = check_quotas(iit, eit, roster, framework=fw)\n"
                 "print('all rules met:', final.ok, '· cells still short:', final.iit['cells_short'])\n"
                 "final.chase"),
    ],
    "02_scores.ipynb": [
        ("md", "# คะแนน ITA พร้อมช่วงความเชื่อมั่น (ปีงบประมาณ พ.ศ. 2566)\n\n"
               "This notebook walks an analyst through scoring the sample district: read the exports (every row "
               "accepted or rejected with a reason), compute question → indicator → tool → overall scores the way "
               "the NACC does, and see how firm each number is."),
        ("code", SETUP),
        ("md", "## 1. The framework and the inputs\n\nThe fiscal year's framework holds the facts: questions, "
               "points, weights, grade bands. The uncertain choices are settings; the notes say what is assumed."),
        ("code", "fw = ia.load_framework(2566)\nprint(fw.name_en)\nprint(fw.scoring)\n"
                 "for note in fw.notes:\n    print('-', note)"),
        ("code", "roster = ia.read_roster(RAW / 'roster_2566.xlsx', framework=fw)\n"
                 "iit = ia.read_iit(RAW / 'iit_2566.csv', framework=fw, roster=roster)\n"
                 "eit = ia.read_eit(RAW / 'eit_2566.csv', framework=fw)\n"
                 "oit = ia.read_oit_checklist(RAW / 'oit_2566.csv', framework=fw)\n"
                 "for r in (roster, iit, eit, oit):\n"
                 "    name = r.source.path.split('/')[-1]\n"
                 "    print(f'{r.kind:7} {name:16} read {r.rows_read:4}  accepted {r.accepted:4}  rejected {r.rejected}')\n"
                 "iit.rejects"),
        ("md", "## 2. Scores\n\nDefault method: respondent-level linearization with the finite population "
               "correction from the roster (IIT), t intervals with n − 1 degrees of freedom."),
        ("code", "result = ia.score(iit, eit, oit, roster, framework=fw)\nresult.overall"),
        ("code", "result.tools"),
        ("code", "result.indicators"),
        ("code", "result.grade_probabilities"),
        ("md", "The weakest questions, where the committee should look first:"),
        ("code", "result.questions.nsmallest(8, 'score')"),
        ("md", "OIT items not published, with who must publish them:"),
        ("code", "result.oit_items.loc[~result.oit_items.published, ['item', 'title_th', 'responsible']]"),
        ("code", "fig, table = ia.plot_indicators(result, fw)"),
        ("md", "## 3. How firm are the numbers? Three variance methods side by side\n\n"
               "The stratified estimate treats departments as strata with their own N from the roster; the "
               "bootstrap resamples respondents (2000 seeded replicates)."),
        ("code", "rows = []\nfor method in ('linearization', 'stratified', 'bootstrap'):\n"
                 "    r = ia.score(iit, eit, oit, roster, framework=fw, method=method)\n"
                 "    rows.append({'method': method, **{k: r.overall[k] for k in ('score', 'se', 'ci_low', 'ci_high')}})\n"
                 "pd.DataFrame(rows)"),
        ("md", "## 4. By department\n\nEach department is its own sample with its own N; a department whose whole "
               "eligible staff answered has SE 0. Cells smaller than the minimum (default 5) show a count, no score."),
        ("code", "by_dept = ia.score(iit, eit, roster=roster, framework=fw, by='department')\n"
                 "g = by_dept.groups\n"
                 "g[(g.level == 'tool')][['value', 'tool', 'score', 'ci_low', 'ci_high', 'n', 'fpc', 'suppressed']]"),
        ("md", "## 5. Settings that change the numbers\n\nThe tool score as the mean of indicators instead of questions "
               "(they differ because indicators have 7/4/6/3/5 questions):"),
        ("code", "alt = ia.score(iit, eit, oit, roster, framework=fw.with_scoring(tool_aggregation='indicators'))\n"
                 "pd.DataFrame({'questions (default)': result.tools.set_index('tool').score,\n"
                 "              'indicators': alt.tools.set_index('tool').score})"),
        ("md", "## 6. The path to the pass mark, and what if\n\nThe plan takes the certain gains first (each missing "
               "OIT item: 0.4 × 100 / 30 = 1.33 overall points), then the weakest indicators. `after` is `current` plus "
               "the gains, exactly."),
        ("code", "path = ia.plan(result, fw, target='AA')\nprint(path)\n"
                 "path.actions[['kind', 'id', 'name_th', 'from', 'to', 'gain', 'cumulative', 'probability']]"),
        ("md", "What if: change one indicator (and publish one item) and see the overall score and the chance of a pass. "
               "Edit the numbers and run the cell again."),
        ("code", "ia.what_if(result, fw, indicators={'8': 85.0}, publish=['O3'])"),
    ],
    "03_year_over_year.ipynb": [
        ("md", "# เปรียบเทียบกับปีที่ผ่านมา: อะไรเปลี่ยนจริง\n\n"
               "The committee's first question: did we improve since last year, and where? This notebook compares "
               "the sample district's FY2566 and FY2567 results (both scored from the responses, so both have "
               "standard errors) with the memo's FY2565 published table (scores only)."),
        ("code", SETUP + "import tempfile\nfrom ita_analytics import plot_dumbbell, plot_trend"),
        ("md", "## 1. Score both years from the responses\n\nFY2567 uses the provisional FY2567 framework (FY2566 "
               "carried forward, with the FY2567 result categories)."),
        ("code", "roster = ia.read_roster(RAW / 'roster_2566.xlsx')\n"
                 "folders = {}\n"
                 "out = Path(tempfile.mkdtemp())\n"
                 "for year, (i, e, o) in {2566: ('iit_2566.csv', 'eit_2566.csv', 'oit_2566.csv'),\n"
                 "                        2567: ('iit_2567.xlsx', 'eit_2567.csv', 'oit_2567.csv')}.items():\n"
                 "    fw = ia.load_framework(year)\n"
                 "    result = ia.score(ia.read_iit(RAW / i, framework=fw, roster=roster), ia.read_eit(RAW / e, framework=fw),\n"
                 "                      ia.read_oit_checklist(RAW / o, framework=fw), roster, framework=fw)\n"
                 "    ia.write_results(result, out / str(year))\n"
                 "    folders[year] = out / str(year)\n"
                 "    print(year, round(result.overall['score'], 2), result.overall['grade'])"),
        ("md", "## 2. FY2566 → FY2567\n\nEach change has an interval (change ± z·√(SE²before + SE²after)) and a "
               "p-value adjusted by Holm within each level. Size and significance are kept apart: a change can be "
               "real but small, or large but uncertain."),
        ("code", "c = ia.compare(folders[2566], folders[2567])\n"
                 "c.rows.loc[c.rows.level != 'question', ['level', 'id', 'before', 'after', 'change', 'ci_low', 'ci_high', "
                 "'p_adjusted', 'significant', 'note']]"),
        ("code", "fig, table = plot_dumbbell(c, ia.load_framework(2567))"),
        ("md", "Questions that changed for real:"),
        ("code", "q = c.rows[(c.rows.level == 'question') & (c.rows.significant == True)]\n"
                 "q[['id', 'before', 'after', 'change', 'p_adjusted', 'note']]"),
        ("md", "## 3. Adding the memo's FY2565 published table\n\n"
               "**Caution:** the memo's FY2565 figures for indicators 9 and 10 (97.78 and 97.50) are OCR-unreliable: "
               "with the printed overall score 79.74 the OIT score must be near 72.1, so at least one of them is "
               "misread. The comparison carries that note on those rows. A published side has no microdata: its "
               "sampling error is taken as 0, so its intervals are too narrow, and the note says so. Questions and OIT "
               "items changed between FY2565 and FY2566 and are listed, not compared."),
        ("code", "c3 = ia.compare(RAW / 'published_2565_ladkrabang.csv', folders[2566], folders[2567])\n"
                 "rows = c3.rows[(c3.rows.before_year == 2565) & (c3.rows.level != 'question')]\n"
                 "rows[['level', 'id', 'before', 'after', 'change', 'significant', 'note']]"),
        ("code", "for note in c3.notes:\n    print('-', note)"),
        ("code", "fig, table = plot_trend(c3)"),
    ],
}


def execute(path: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom, from its own folder (as Jupyter would)."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()  # the kernel's start-up chatter: off
    return nb


def _thai_font_css() -> str:
    """Sarabun inside the page (the fonts the package installs), first in every font list."""
    import base64

    import fontpkg_sarabun

    files = Path(fontpkg_sarabun.ROOT) / "files"
    faces = "".join(
        f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; src: url(data:font/ttf;base64,'
        f'{base64.b64encode((files / name).read_bytes()).decode("ascii")}) format("truetype"); }}\n'
        for name, weight in (("Sarabun-Regular.ttf", 400), ("Sarabun-Bold.ttf", 700)))
    return (f"<style>\n{faces}body, .jp-RenderedHTMLCommon, .jp-RenderedText pre, table, td, th "
            "{ font-family: 'Sarabun', var(--jp-content-font-family), sans-serif !important; }\n</style>\n")


def write_html(nb: nbformat.NotebookNode, target: Path) -> Path:
    """An executed notebook as one self-contained page (charts inside), written whole or not at all."""
    from nbconvert import HTMLExporter

    from ita_analytics.core._files import atomic_write

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    body = body.replace("</head>", _thai_font_css() + "</head>", 1)  # Thai shows on a machine without a Thai font
    target.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(target, lambda tmp: tmp.write_text(body, encoding="utf-8"))


def build() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=[new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, HERE / name)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--html":
        for name in NOTEBOOKS:
            print(write_html(execute(HERE / name), Path(sys.argv[2]) / name.replace(".ipynb", ".html")))
    else:
        build()
