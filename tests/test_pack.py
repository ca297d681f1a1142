"""The pack as committee members use it: a printed A4 PDF they search and copy from, a workbook, a phone."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from test_cli import ita
from test_report import CHROMIUM, FLAGS

import ita_analytics as ia
from ita_analytics.output._i18n import WORDS
from ita_analytics.output._pdf import PdfPack, PdfSection, write_pdf


def _pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


_THAI_LINE = re.compile("[\u0e00-\u0e7f]")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the PDF ------------------------------------------------------------------------------------------

def test_every_pdf_page_is_a4_and_numbered(pack):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pack / "report.pdf")], capture_output=True, text=True,
                          check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    total = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert len(sizes) == total > 5
    for w, h in sizes:  # A4 portrait 595.28 x 841.89, or landscape for a wide table
        assert sorted((round(float(w)), round(float(h)))) == [595, 842], (w, h)
    pages = _pdftotext(pack / "report.pdf").split("\f")
    for n in range(1, total + 1):
        assert f"หน้า {n} จาก {total}" in pages[n - 1], n


def test_pdf_text_is_the_thai_as_written(pack, fw):
    text = _pdftotext(pack / "report.pdf")
    flat = _squash(text)
    for word in ("ตัวชี้วัด", "สำนักงานเขตลาดกระบัง", "สิ่งที่คณะกรรมการต้องพิจารณา", "ช่วงความเชื่อมั่น", "ผ่าน"):
        assert word in flat, word
    for indicator in fw.indicators:  # every indicator's name, in the indicator table
        assert _squash(indicator.name_th) in flat, indicator.name_th
    roster = ia.read_roster(Path(ia.__file__).parents[1] / "data" / "raw" / "roster_2566.xlsx", framework=fw).data
    for department in roster["department"].unique():
        if not department.startswith("โรงเรียน"):  # schools are cells of the coverage table too, shown shorter
            assert _squash(department) in flat, department
    for broken in ("ประเมิมิน", "ตัตัว", "สำ นัก", "ผา่ น"):
        assert broken not in text


def test_the_pdf_carries_every_section_of_the_page(pack):
    text = _squash(_pdftotext(pack / "report.pdf"))
    page = (pack / "report.html").read_text(encoding="utf-8")
    titles = re.findall(r"<h2>([^<]+)</h2>", page)
    assert len(titles) >= 8
    for title in titles:
        assert _squash(title) in text, title
    for table_header in ("ประเภทบุคลากร", "อันดับ" if "ranking" in page else "ฝ่าย", "ผู้รับผิดชอบ", "ช่วงของผลต่าง"):
        assert table_header in text, table_header


def test_every_thai_word_of_the_catalogue_reads_back_from_a_pdf(tmp_path):
    """The text layer against the whole catalogue: shaped, marked and extracted, each line equals what was written."""
    lines = sorted({re.sub(r"\{[^}]*\}", "", w["th"]).replace("\\n", " ").strip() for w in WORDS.values()} - {""})
    path = write_pdf(tmp_path / "words.pdf", PdfPack(title="คำ", subtitle="", sections=[PdfSection("คำ", paragraphs=lines)],
                                                     page_words="หน้า {n} จาก {total}", footer="", language="th"))
    flat = _squash(re.sub(r"หน้า \d+ จาก \d+", "", _pdftotext(path)))  # a paragraph may go on over a page's foot
    missing = [line for line in lines if _squash(line) not in flat]
    assert not missing, missing[:5]


# -- language and dates -------------------------------------------------------------------------------

def test_the_thai_pack_speaks_thai(pack):
    page = re.sub(r"data:[^\"]+", "", (pack / "report.html").read_text(encoding="utf-8"))
    body = page.split('<footer id="provenance">')[0]
    for english in ("ASSUMED", "linearization", "finite population correction", "exact_thirds", "(source)",
                    "Funnel plot", "no roster given", " UTC"):
        assert english not in body, english
    pdf = _pdftotext(pack / "report.pdf")
    assert "ASSUMED" not in pdf and "UTC" not in pdf
    assert re.search(r"จัดทำ \d{1,2} [ก-ฮ.]+ 25\d\d เวลา \d\d:\d\d น\.", page)  # Buddhist era, Thai time


def test_the_english_pack_speaks_english(raw_dir, tmp_path):
    p = ita("report", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--oit", str(raw_dir / "oit_2566.csv"), "--lang", "en", "--out", str(tmp_path / "en"))
    assert p.returncode == 0, p.stderr
    text = _pdftotext(tmp_path / "en" / "report.pdf")
    assert "page 1 of" in text and "What the committee must decide" in text and "Bangkok time" in text
    assert "หน้า" not in text and "สิ่งที่คณะกรรมการ" not in text


# -- the workbook -------------------------------------------------------------------------------------

def test_the_workbook_is_for_people(pack):
    from openpyxl import load_workbook

    book = load_workbook(pack / "report.xlsx")
    assert book.sheetnames[0] == "สรุป" and book.sheetnames[-1] == "ที่มา"
    sheet = book["รายตัวชี้วัด"]
    headers = [c.value for c in sheet[1]]
    assert {"ตัวชี้วัด", "คะแนน", "ช่วงความเชื่อมั่น ต่ำ", "จำนวน"} <= set(headers)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    col = {h: k for k, h in enumerate(headers)}
    row = [c for c in sheet[2]]
    assert isinstance(row[col["ตัวชี้วัด"]].value, int)  # "1" is a number
    assert isinstance(row[col["คะแนน"]].value, float) and row[col["คะแนน"]].number_format == "0.00"
    assert row[col["จำนวน"]].number_format == "#,##0"
    from openpyxl.utils import get_column_letter

    assert sheet.column_dimensions[get_column_letter(col["ชื่อ"] + 1)].width > 15  # fitted to the names
    changes = book["เปรียบเทียบรายปี"]
    heads = [c.value for c in changes[1]]
    p_cells = [r[heads.index("ค่า p (ปรับ Holm)")] for r in changes.iter_rows(min_row=2)]
    assert p_cells[0].number_format.startswith('[<0.001]"< 0.001"')
    assert all(not isinstance(c.value, str) for c in p_cells)  # no "inf" or "nan" as text
    probs = book["โอกาสแต่ละระดับ"]
    column = [c.value for c in probs[1]].index("โอกาส")
    assert {r[column].number_format for r in probs.iter_rows(min_row=2)} == {"0.0%"}
    facts = {r[0].value: r[1].value for r in book["ที่มา"].iter_rows(min_row=2)}
    assert any("sha256" in str(k).lower() for k in facts) and any("framework" in str(k) for k in facts)
    summary = [r[1].value for r in book["สรุป"].iter_rows(min_row=2)]
    assert any(isinstance(v, float) and 80 < v < 90 for v in summary)  # the overall score, as a number


# -- the phone ----------------------------------------------------------------------------------------

_PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="phone" src="report.html" style="width:390px;height:844px;border:0"></iframe>
<script>
document.getElementById("phone").addEventListener("load", (event) => {
  const doc = event.target.contentDocument;
  const width = doc.documentElement.clientWidth;
  const bad = [];
  for (const el of doc.querySelectorAll("body *")) {
    if (el.closest(".scroll, .chart")) continue;
    const r = el.getBoundingClientRect();
    if (r.right > width + 1) bad.push(el.tagName + (el.id ? "#" + el.id : "") + ":" + Math.round(r.right));
  }
  const box = document.createElement("pre"); box.id = "probe";
  box.textContent = JSON.stringify({width, scrollWidth: doc.documentElement.scrollWidth, bad: bad.slice(0, 20),
                                    scrollBoxes: doc.querySelectorAll(".scroll, .chart").length});
  document.body.appendChild(box);
});
</script></body></html>"""


@pytest.mark.slow
def test_nothing_is_wider_than_a_phone_but_scroll_boxes(pack, tmp_path):
    """The page in a 390 px frame (a desktop browser's window cannot be that narrow): only scroll boxes overflow."""
    import json

    probe = pack / "phone_probe.html"  # beside the page, so that the frame may read it
    probe.write_text(_PROBE, encoding="utf-8")
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files",
                          "--window-size=800,900", "--virtual-time-budget=8000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=180).stdout
    probe.unlink()
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-500:]
    result = json.loads(found.group(1).replace("&quot;", '"'))
    assert 370 <= result["width"] <= 390, result
    assert not result["bad"], result
    assert result["scrollWidth"] <= result["width"] + 1, result
    assert result["scrollBoxes"] >= 10  # every chart and table is in one


# -- coverage and fieldwork ---------------------------------------------------------------------------

def test_one_coverage_bar_per_cell_exactly_as_the_rule_counts(raw_dir, roster, fw):
    quota = ia.check_quotas(ia.read_iit(raw_dir / "iit_2566.csv", framework=fw), None, roster, framework=fw)
    _, table = ia.plot_coverage(quota, fw)
    cells = quota.cells[quota.cells["eligible"] > 0]
    assert len(table) == len(cells)
    merged = table.merge(cells, on=["department", "staff_type"], suffixes=("", "_rule"))
    assert (merged["shortfall"] == merged["shortfall_rule"]).all()
    # a bar at or over its required line is never drawn as short, and the other way round
    met = merged["responses"] >= [math.ceil(round(r * e, 9)) for r, e in zip(merged["required_coverage"], merged["eligible"])]
    assert ((merged["shortfall"] == 0) == met).all()
    over = merged[merged["over_roster"]]
    assert len(over) and (over["responses"] > over["eligible"]).all()


def test_the_pack_names_over_full_cells_and_reports_final_coverage(pack):
    page = (pack / "report.html").read_text(encoding="utf-8")
    assert "ผู้ตอบมากกว่าผู้มีสิทธิ์ในบัญชี" in page and "17/16" in page
    assert "ปิดรับแล้ว" in page  # the window (30 June 2566) has closed: final coverage
    assert "ควรเร่งเก็บข้อมูล" not in page and "คาดว่าครบ" not in page


def _progress(days: int, per_day: int, start: str = "2023-05-01") -> pd.DataFrame:
    dates = pd.date_range(start, periods=days, freq="D")
    return pd.DataFrame({"submitted_at": [d + pd.Timedelta(hours=9) for d in dates for _ in range(per_day)]})


def test_the_forecast_knows_the_window():
    from ita_analytics.stats._quota import _daily, _forecast

    slow = _daily(_progress(20, 2), "IIT", 400)  # 40 answers, 2 a day, 360 to go
    mid = _forecast(slow, 400, pd.Timestamp("2023-05-20 23:59"), pd.Timestamp("2023-06-30"))
    assert mid["status"] == "window_closes_first" and mid["on_track"] is False
    assert mid["expected_at_deadline"] == pytest.approx(40 + 2 * 41)
    after = _forecast(slow, 400, pd.Timestamp("2023-07-04 23:59"), pd.Timestamp("2023-06-30"))
    assert after["status"] == "closed" and after["projected_date"] is None and after["on_track"] is False
    reached = _forecast(_daily(_progress(20, 25), "IIT", 400), 400, None, pd.Timestamp("2023-06-30"))
    assert reached["status"] == "reached" and reached["on_track"] is True


def test_the_forecast_counts_whole_days_at_exact_multiples():
    from ita_analytics.stats._quota import _daily, _forecast

    week = _daily(_progress(7, 1).iloc[:0], "IIT", 0)  # no rows
    assert week.empty
    progress = _daily(pd.DataFrame({"submitted_at": pd.to_datetime(["2023-05-01 09:00"] * 17)}), "IIT", 34)
    fc = _forecast(progress, 34, pd.Timestamp("2023-05-07 23:59"), None)  # 17 in the last 7 days; 17 to go
    assert fc["projected_date"] == "2023-05-14"  # 7 days on, not 8


def test_a_deadline_before_as_of_is_refused(raw_dir, roster, fw):
    iit = ia.read_iit(raw_dir / "iit_2566.csv", framework=fw)
    with pytest.raises(ValueError, match="before as_of"):
        ia.check_quotas(iit, None, roster, framework=fw, as_of="2023-06-20", deadline="2023-06-10")


# -- the multi-agency view ----------------------------------------------------------------------------

@pytest.mark.slow
def test_the_bma_view_says_what_it_covers(tmp_path, fw):
    from ita_analytics.app._synth import write_multi_agency_sample

    iit_path, eit_path = write_multi_agency_sample(tmp_path / "multi")[:2]
    iit = ia.read_responses(iit_path, "IIT", framework=fw)
    eit = ia.read_responses(eit_path, "EIT", framework=fw)
    ia.committee_pack(tmp_path / "bma", fw, iit=iit, eit=eit)
    page = (tmp_path / "bma" / "report.html").read_text(encoding="utf-8")
    title = re.search(r'<h1 id="title">([^<]+)</h1>', page).group(1)
    assert re.search(r"ภาพรวม \d+ หน่วยงาน", title)
    assert 'id="ranking-iit"' in page and 'id="ranking-eit"' in page
    assert "(ไม่ระบุ)" not in page
    assert "ส่วนที่ไม่มีในรายงานนี้" in page  # coverage, comparison, OIT: left out with a sentence
    empty_tables = re.findall(r"<tbody></tbody>", page)
    assert not empty_tables


def test_the_quota_text_says_not_on_track_and_refuses_a_deadline_before_as_of(raw_dir):
    base = ["quota", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--roster", str(raw_dir / "roster_2566.xlsx")]
    p = ita(*base, "--as-of", "2023-05-10", "--deadline", "2023-05-20")
    text = " ".join(p.stdout.split())  # the terminal may wrap the line
    assert "not on track" in text and "after the window closes 20 May 2023" in text
    bad = ita(*base, "--as-of", "2023-06-10", "--deadline", "2023-06-01")
    assert bad.returncode == 2 and "--deadline 2023-06-01 is before --as-of 2023-06-10" in " ".join(bad.stderr.split())


def test_thai_in_a_table_wraps_between_words_and_reads_back_whole(tmp_path):
    from pythainlp.tokenize import word_tokenize

    from ita_analytics.output._pdf import PdfTable

    phrase = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานและการดำเนินการตามมาตรการ"
              "การประเมินความเสี่ยงการทุจริตและการรายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต")
    path = write_pdf(tmp_path / "wrap.pdf", PdfPack(title="t", subtitle="", sections=[PdfSection("s", tables=[
        PdfTable(["ข้อ"], [[phrase]], [False])])], page_words="{n}", footer="", language="th"))
    lines = [line.strip() for line in _pdftotext(path).splitlines() if _THAI_LINE.search(line)]
    body = [line for line in lines if line not in ("ข้อ",)]
    assert "".join(body) == phrase and len(body) >= 2  # wrapped, and nothing added (no zero-width space) or lost
    ends = set()
    for word in word_tokenize(phrase, engine="newmm"):
        ends.add((max(ends) if ends else 0) + len(word))
    position = 0
    for line in body[:-1]:
        position += len(line)
        assert position in ends, line  # each line ends where a word ends
