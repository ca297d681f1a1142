"""The committee pack as a person receives it: a page in a browser, a PDF with its Thai font, an .xlsx."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from conftest import IIT_HEADER, iit_row, strict_json, write_rows
from test_cli import ita

import ita_analytics as ia

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_three_files_and_charts_with_their_numbers(pack):
    for name in ("report.html", "report.pdf", "report.xlsx"):
        assert (pack / name).stat().st_size > 10_000, name
    for chart in ("scorecard", "indicators", "answers_iit", "answers_eit", "oit", "compare_2565_2566", "coverage"):
        for suffix in (".png", ".svg", ".csv"):
            assert (pack / "charts" / f"{chart}{suffix}").exists(), chart + suffix
    sheets = pd.read_excel(pack / "report.xlsx", sheet_name=None)
    assert {"สรุป", "คะแนนรวม", "รายตัวชี้วัด", "รายข้อคำถาม", "OIT รายข้อ", "เปรียบเทียบรายปี", "รายฝ่าย", "แผนสู่เป้าหมาย",
            "ที่มา"} <= set(sheets)


def test_page_is_self_contained(pack):
    page = (pack / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:|#)""", page), "something would be fetched"
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "font/ttf;base64," in page  # Sarabun travels with the page
    assert page.count("data:image/png;base64,") >= 6


def test_page_leads_with_the_decisions(pack, raw_dir, roster, fw):
    page = (pack / "report.html").read_text(encoding="utf-8")
    first = page.index('id="decisions"')
    assert first < page.index('id="indicators"')
    r = ia.score(ia.read_iit(raw_dir / "iit_2566.csv", roster=roster), ia.read_eit(raw_dir / "eit_2566.csv"),
                 ia.read_oit_checklist(raw_dir / "oit_2566.csv"), roster, framework=fw)
    assert f'id="overall-score">{r.overall["score"]:.2f}<' in page
    decisions = page[first:page.index("</section>", first)]
    for text in ("ตัวชี้วัดที่อ่อนที่สุด", "ข้อคำถามที่คะแนนต่ำสุด", "เผยแพร่ OIT O3", "เพิ่มคะแนนรวม 1.33 แน่นอน",
                 "ผู้รับผิดชอบ ฝ่ายปกครอง", "เทียบกับปี 2565", "ช่วงความเชื่อมั่นคร่อมเกณฑ์ผ่าน"):
        assert text in decisions, text
    assert "ผู้รับผิดชอบ ทุกฝ่าย" not in decisions  # an owner is a named department
    assert decisions.index("O3") < decisions.index("เทียบกับปี 2565")  # the actions, by effect on the score, come first
    assert 'id="integrity-flags"' in page and 'id="sensitivity"' in page  # flagged responses, with and without
    section = page[page.index('<section id="changes"'):]
    section = section[:section.index("</section>")]
    changes = section[section.index("<table"):section.index("</table>")]
    assert "เปลี่ยนจริง" in changes and "ไม่ได้ทดสอบ: ตัวเลขต้นทางระบุว่าไม่น่าเชื่อถือ" in changes  # verdicts in Thai
    assert "ข้อสมมติ: ผลปี 2565 เป็นตัวเลขที่ประกาศ ไม่มีข้อมูลรายคน" in section  # the assumed SE, said as an assumption
    assert "real_meaningful" not in changes and "not_tested" not in changes and ">indicator<" not in changes


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_browser_renders_the_page(pack, tmp_path):
    shot = tmp_path / "shot.png"
    run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1800",
                          f"--screenshot={shot}", (pack / "report.html").as_uri()], capture_output=True, timeout=120)
    assert shot.exists(), run.stderr[-2000:]
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)[..., :3]
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 1000
    ink = (pixels.mean(axis=2) < 0.6).mean()  # share of dark pixels: text and charts
    assert 0.01 < ink < 0.5, ink
    assert pixels.std() > 0.05
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom",
                          (pack / "report.html").as_uri()], capture_output=True, text=True, timeout=120).stdout
    for element in ('id="overall-score"', 'id="indicator-table"', 'id="oit-missing"', 'id="changes"', 'id="departments"'):
        assert element in dom, element
    assert "สิ่งที่คณะกรรมการต้องพิจารณา" in dom


def test_pdf_embeds_the_thai_font(pack):
    data = (pack / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"Sarabun" in data and b"/FontFile2" in data
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", str(pack / "report.pdf")], capture_output=True, text=True).stdout.splitlines()
        sarabun = [line for line in lines if "Sarabun" in line]
        assert sarabun and all(" yes " in line for line in sarabun)  # embedded
        assert not [line for line in lines[2:] if "Sarabun" not in line and "DejaVu" not in line and line.strip()]


def test_english_pack(raw_dir, tmp_path):
    p = ita("report", "--eit", str(raw_dir / "eit_2566.csv"), "--lang", "en", "--out", str(tmp_path / "en"))
    assert p.returncode == 0, p.stderr
    page = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert "What the committee must decide" in page and 'lang="en"' in page


def test_small_cells_are_never_shown_anywhere(tmp_path, fw):
    """Departments of 3 and 6 staff: the 3 is below the minimum, the 6 is hidden with it (complementary)."""
    sizes = {"ฝ่ายปกครอง": 40, "ฝ่ายทะเบียน": 30, "ฝ่ายโยธา": 6, "ฝ่ายรายได้": 3}
    rng = np.random.default_rng(5)
    levels = ["น้อยที่สุดหรือไม่มีเลย", "น้อย", "มาก", "มากที่สุด"]
    rows, k = [], 0
    for dept, n in sizes.items():
        for _ in range(n):
            k += 1
            rows.append(iit_row(f"S{k}", levels[rng.integers(0, 4)], dept=dept, i2=levels[rng.integers(0, 4)]))
    iit_path = write_rows(tmp_path / "iit.csv", IIT_HEADER, rows)
    out = tmp_path / "pack"
    p = ita("report", "--iit", str(iit_path), "--out", str(out), lang="th")
    assert p.returncode == 0, p.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    table = page[page.index('id="departments"'):]
    table = table[:table.index("</table>")]
    for dept, reason in (("ฝ่ายรายได้", "n &lt; 5"), ("ฝ่ายโยธา", "complementary")):
        row = re.search(rf"<tr><td[^>]*>{dept}</td>(.*?)</tr>", table).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells[1] == str(sizes[dept])  # the count is shown
        assert reason in cells[2] and not re.search(r"\d+\.\d\d", "".join(cells[2:]))  # no score, no interval
    sheet = pd.read_excel(out / "report.xlsx", sheet_name="รายฝ่าย")  # headers in Thai: กลุ่ม = the group, คะแนน = score
    hidden = sheet[sheet["กลุ่ม"].isin(["ฝ่ายรายได้", "ฝ่ายโยธา"])]
    assert len(hidden) and hidden[["คะแนน", "ความคลาดเคลื่อนมาตรฐาน", "ช่วงความเชื่อมั่น ต่ำ",
                                   "ช่วงความเชื่อมั่น สูง"]].isna().all().all()
    shown = sheet[sheet["กลุ่ม"] == "ฝ่ายปกครอง"]
    assert shown["คะแนน"].notna().all()
    for csv in (out / "charts").glob("*.csv"):  # no chart carries a department's numbers
        text = csv.read_text(encoding="utf-8-sig")
        assert "ฝ่ายรายได้" not in text and "ฝ่ายโยธา" not in text, csv.name
    doc = strict_json(ita("score", "--iit", str(iit_path), "--by", "department", "--json").stdout)
    for group in doc["groups"]:
        small = group["value"] in ("ฝ่ายรายได้", "ฝ่ายโยธา")
        assert group["suppressed"] is small
        for key in ("tools", "indicators", "questions"):
            assert all((row["score"] is None) is small for row in group[key])


def test_write_report_shows_what_it_is_given_and_computes_nothing(raw_dir, fw, tmp_path):
    """The plan and the funnels come from the caller: without them the pack has no plan; agencies without funnels stop."""
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    iit = ia.read_iit(raw_dir / "iit_2566.csv")
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv")
    result = ia.score(iit, eit, oit, framework=fw)
    paths = ia.write_report(tmp_path / "no_plan", result, fw)
    assert "แผนสู่เป้าหมาย" not in pd.ExcelFile(paths["xlsx"]).sheet_names
    with_plan = ia.write_report(tmp_path / "plan", result, fw, plan=ia.plan(result, fw, target=88))
    assert "แผนสู่เป้าหมาย" in pd.ExcelFile(with_plan["xlsx"]).sheet_names  # the caller's target, 88
    data = eit.data.copy()
    data["agency"] = np.array(["เขตหนึ่ง", "เขตสอง"])[np.arange(len(data)) % 2]
    agencies = ia.score(eit=data, framework=fw, by="agency")
    with pytest.raises(ValueError, match="funnels: the EIT funnel is missing"):
        ia.write_report(tmp_path / "agencies", result, fw, agencies=agencies)
    assert not (tmp_path / "agencies").exists()  # refused before anything was written


def test_one_results_folder_whichever_path_made_it(pack, raw_dir, tmp_path):
    """ita score --out and the pack's results/ hold the same files (the integrity checks included)."""
    out = tmp_path / "scored"
    p = ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"), "--oit",
            str(raw_dir / "oit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"), "--out", str(out), "--json")
    assert p.returncode == 0, p.stderr
    assert {f.name for f in out.iterdir()} == {f.name for f in (pack / "results").iterdir()}
    assert (pack / "results" / "integrity_flagged_responses.csv").exists()
